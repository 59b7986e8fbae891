// fahras — Arabic text analysis shared by the indexer and the query side.
//
// One AnalysisProfile (normalization options, stop words, stemmer) turns text into terms
// on both sides of the index. Its id() is written into every database and checked when
// one is opened, so that a query is always analyzed the way its index was.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace fahras {

/** What a token is made of. */
enum class TokenKind : std::uint8_t {
  ArabicWord,  ///< starts with an Arabic letter
  LatinWord,   ///< Latin letters, possibly with digits (CNBC, G20)
  OtherWord,   ///< letters of another script
  Number,      ///< digits, possibly with separators kept whole: 3.5, 19/5/2025, ٢٠٢٥
};

/** Which stemmer makes the broad (stemmed) term of an Arabic word. */
enum class StemmerKind : std::uint8_t {
  None,      ///< the stem is the normalized word
  Light,     ///< fahras's light stemmer: clitics and affixes with guards (the default)
  Snowball,  ///< Xapian's Snowball "arabic" stemmer
};

/** Whether hamza on a seat (ؤ ئ) is unified to the hamza alone (ء), so that مسؤول and
 *  مسئول, شؤون and شئون meet. */
enum class HamzaCarriers : std::uint8_t { Unify, Keep };

/** The analysis profile: every choice that decides which terms a text yields. */
struct AnalysisProfile {
  /** Bumped whenever a change to normalization, tokenization, stop words or stemming
   *  changes the terms of any text: a database made under another version must be rebuilt. */
  static constexpr int version = 2;

  StemmerKind stemmer = StemmerKind::Light;
  HamzaCarriers hamza_carriers = HamzaCarriers::Unify;

  /** A stable description such as "fahras-analysis/2 stemmer=light hamza=unify". */
  [[nodiscard]] std::string id() const;

  /** The profile an id() of this version names; nullopt for any other text. */
  static std::optional<AnalysisProfile> from_id(std::string_view id);

  friend bool operator==(const AnalysisProfile&, const AnalysisProfile&) = default;
};

/** One token, valid only during the callback that receives it. */
struct TokenView {
  std::size_t begin = 0;        ///< byte offset of the token in the original text
  std::size_t end = 0;          ///< byte offset one past its end
  std::uint32_t position = 0;   ///< word position (0-based), for phrase queries
  TokenKind kind = TokenKind::ArabicWord;
  bool is_stop = false;         ///< an Arabic stop word, judged on the word as written
  std::string_view normalized;  ///< the exact-match term: normalized, not stemmed
  std::string_view stem;        ///< the broad term: the stem of the normalized form
};

/** A token that owns its strings. */
struct Token {
  std::size_t begin = 0;
  std::size_t end = 0;
  std::uint32_t position = 0;
  TokenKind kind = TokenKind::ArabicWord;
  bool is_stop = false;
  std::string normalized;
  std::string stem;
};

/** Counts from one call of Analyzer::analyze. */
struct AnalysisCounts {
  std::size_t tokens = 0;
  std::size_t invalid_utf8 = 0;  ///< ill-formed UTF-8 sequences (each read as U+FFFD)
};

/**
 * Turns text into tokens under one profile. Holds a cache of analyzed word forms, so
 * keep one Analyzer per thread and reuse it: it is not safe to share between threads.
 */
class Analyzer {
public:
  explicit Analyzer(AnalysisProfile profile = {});
  ~Analyzer();
  Analyzer(Analyzer&&) noexcept;
  Analyzer& operator=(Analyzer&&) noexcept;
  Analyzer(const Analyzer&) = delete;
  Analyzer& operator=(const Analyzer&) = delete;

  [[nodiscard]] const AnalysisProfile& profile() const noexcept;

  /** Calls `sink` for each token of `text`, in order. Never throws on bad text:
   *  ill-formed UTF-8 separates words and is counted. */
  AnalysisCounts analyze(std::string_view text, const std::function<void(const TokenView&)>& sink);

  /** The tokens of `text` as owned values. */
  std::vector<Token> analyze(std::string_view text);

private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

/** "arabic", "latin", "other", "number". */
std::string_view to_string(TokenKind kind) noexcept;
/** "none", "light", "snowball". */
std::string_view to_string(StemmerKind kind) noexcept;
/** Parses "none", "light" or "snowball". */
std::optional<StemmerKind> parse_stemmer_kind(std::string_view name) noexcept;

}  // namespace fahras
