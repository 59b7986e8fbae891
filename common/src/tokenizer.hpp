// Cuts UTF-8 text into words, with byte offsets into the text as given.
#pragma once

#include "fahras/analysis.hpp"

#include <cstddef>
#include <string_view>

namespace fahras {

/** A word as it stands in the original text: [begin, end) in bytes. */
struct RawToken {
  std::size_t begin = 0;
  std::size_t end = 0;
  TokenKind kind = TokenKind::ArabicWord;
};

/**
 * A hand-written scanner that follows ICU's word boundaries (UAX #29) with the departures
 * listed in char_class.hpp and these: a word ends where its letters change script (Arabic
 * to Latin), and digits do not join Arabic letters (2015م gives 2015 and م), while Latin
 * letters and digits stay together (G20, COVID19). bench/tokenizer_agreement measures how
 * often it agrees with ICU on the shared corpus.
 *
 * Ill-formed UTF-8 never stops it: each bad sequence is a separator and is counted.
 */
class Tokenizer {
public:
  explicit Tokenizer(std::string_view text) noexcept : text_(text) {}

  /** Fills `token` with the next word; false at the end of the text. */
  bool next(RawToken& token) noexcept;

  /** Ill-formed UTF-8 sequences met so far. */
  [[nodiscard]] std::size_t invalid_sequences() const noexcept { return invalid_; }

private:
  std::string_view text_;
  std::size_t offset_ = 0;
  std::size_t invalid_ = 0;
};

}  // namespace fahras
