// The parts of the snippet maker, shared by its files: snippet_matches.cpp reads the text once
// and finds every match, snippet_passages.cpp chooses the passages, snippet.cpp cuts and
// renders them.
#pragma once

#include "snippet.hpp"

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace fahras::query::snippet_parts {

inline bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f'; }

inline bool is_continuation(char c) { return (static_cast<unsigned char>(c) & 0xC0U) == 0x80U; }

// Code points in text[from, to): every byte that does not continue a sequence starts one.
inline std::size_t count_code_points(std::string_view text, std::size_t from, std::size_t to) {
  std::size_t n = 0;
  for (std::size_t i = from; i < to; ++i) n += is_continuation(text[i]) ? 0 : 1;
  return n;
}

// Offsets into one text. Four bytes each keep a megabyte body's tokens in half the memory;
// make_snippet reads at most the first 4 GiB of a text.
using Offset = std::uint32_t;

/** A word of the text, with what a passage that starts or ends on it takes along. */
struct Tok {
  Offset begin = 0;  // the word's bytes: what a highlight covers
  Offset end = 0;
  Offset ext_begin = 0;  // with the punctuation glued to it, or from its paragraph's start
  Offset ext_end = 0;    // with the punctuation glued to it, or to its paragraph's end
  Offset cp_ext_begin = 0;  // code points of the text before ext_begin
  Offset cp_ext_end = 0;    // ... and before ext_end
  Offset paragraph = 0;
  bool opens_paragraph = false;   // ext_begin is where its paragraph's text starts
  bool closes_paragraph = false;  // ext_end is where its paragraph's text ends
  bool highlighted = false;
};

/** A match: a Word on one token, or a Phrase on tokens first..last. */
struct Hit {
  std::size_t first = 0;
  std::size_t last = 0;
  std::uint32_t term = 0;
};

/** A range of tokens [first, last], within one paragraph. */
struct TokRange {
  std::size_t first = 0;
  std::size_t last = 0;
};

/** A text read for a MatchSpec. */
struct Analysis {
  std::vector<Tok> toks;
  std::vector<Hit> hits;             // sorted by first token
  std::vector<TokRange> paragraphs;  // the tokens of each paragraph that has any
  std::vector<double> weights;       // of each term: the spec's Words, then its Phrases, then its Marked
};

/** A passage: tokens first..last of one paragraph, and the code points it may take. */
struct Passage {
  TokRange range;
  std::size_t budget = 0;
};

/**
 * Tells from a token's bytes that it cannot match any Word, Phrase word or prefix of a
 * MatchSpec, so that the analyzer is asked only about the few that may. A token is screened
 * when it holds nothing but ASCII letters and digits and the Arabic block, whose normalized form
 * is then found character by character: it may match only if that form contains a word's
 * normalized form or (with fahras's light stemmer) its stem but the last letter. With another
 * stemmer every token may match.
 */
struct FoldTable;

class TokenScreen {
public:
  /** A screen that lets every token through. */
  TokenScreen() = default;
  TokenScreen(const MatchSpec& spec, const AnalysisProfile& profile);

  /** False only when the token, analysed, would match none of the spec's words. */
  [[nodiscard]] bool may_match(std::string_view raw) const;

private:
  const FoldTable* fold_ = nullptr;  // the normalized form of each character; null: no screening
  std::vector<std::string> anchors_;
};

/** Reads `text` once with `analyzer`: its tokens, paragraphs and every match of `spec`, with
 *  the weight of each of its terms. `screened`: through a TokenScreen (which changes nothing in
 *  the result: false only to check that it does not). */
Analysis read_text(std::string_view text, const MatchSpec& spec, Analyzer& analyzer, bool screened = true);

/** The passages to show, in text order: the best for the matches, or without any match the
 *  text from its start. At most `max_passages` (at least 1) of `max_chars` code points in all. */
std::vector<Passage> choose_passages(const Analysis& analysis, std::size_t max_chars, std::size_t max_passages);

}  // namespace fahras::query::snippet_parts
