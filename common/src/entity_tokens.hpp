// The words of a text as the entity recognizer sees them, and the forms of a word without its
// leading clitics (و ف ب ل ك, لل).
#pragma once

#include "fahras/analysis.hpp"

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace fahras {

/** One word of the text. */
struct EntityToken {
  std::size_t begin = 0;
  std::size_t end = 0;
  std::uint32_t position = 0;
  TokenKind kind = TokenKind::ArabicWord;
  bool is_stop = false;
  /** Punctuation (anything but spaces and hyphens) stands between this word and the one before:
   *  no name runs across it. */
  bool break_before = false;
  /** The word carries tanween (ـً ـٌ ـٍ) as written: an indefinite common word, never a name. */
  bool tanween = false;
  std::string normalized;
};

/** The words of `text`, analyzed by `analyzer`. */
std::vector<EntityToken> entity_tokens(Analyzer& analyzer, std::string_view text);

/** Appends the word `view` of `text` (analyzed in order) to `tokens`. */
void add_entity_token(std::vector<EntityToken>& tokens, std::string_view text, const TokenView& view);

/**
 * The forms of a normalized word with its leading clitics removed, most literal first: the word
 * itself; without و or ف; without ب, ل or ك (after و/ف or alone); and لل+X (the article's alef
 * drops after ل) also as الX. A form keeps at least two letters. The article itself is never
 * removed: an alias without it (حماس) must not match a common word with it (الحماس).
 */
class CliticForms {
public:
  static constexpr std::size_t capacity = 12;

  /** Computes the forms of `word`; the previous ones are overwritten. */
  void compute(std::string_view word);

  [[nodiscard]] std::size_t size() const noexcept { return size_; }
  [[nodiscard]] std::string_view operator[](std::size_t i) const noexcept { return forms_[i]; }
  /** Whether some form starts with the article ال (a definite word: الخارجية, والخارجية, للإحصاء). */
  [[nodiscard]] bool definite() const noexcept;

private:
  void add(std::string_view a, std::string_view b = {});
  std::array<std::string, capacity> forms_;
  std::size_t size_ = 0;
};

/** Whether a normalized word starts with the article ال. */
bool starts_with_article(std::string_view word) noexcept;

/** The number of letters (code points) of a UTF-8 word. */
std::size_t letter_count(std::string_view word) noexcept;

}  // namespace fahras
