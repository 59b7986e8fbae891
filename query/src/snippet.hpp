// Snippets: the passages of an article that show why it matched, with the matching words
// highlighted in the article's own spelling.
#pragma once

#include "fahras/analysis.hpp"

#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace fahras::query {

/**
 * What a query matches in a text, as the snippet maker sees it. A token of the text matches
 * a Word when
 *  - `prefix`: its normalized form starts with `normalized`;
 *  - `exact`: its normalized form equals `normalized`;
 *  - otherwise: it is not a stop word and its stem equals `stem`, or its normalized form
 *    equals `normalized`.
 * A Phrase matches a run of tokens at consecutive positions whose normalized forms equal the
 * phrase's words in order (stop words included); its tokens are highlighted only there.
 * `weight` is the term's rarity (the caller passes e.g. its idf): passages are chosen by the
 * sum of the weights of the distinct Words and Phrases they contain. A weight that is not a
 * positive number counts as a small positive one, so that any match beats none. A Word with an
 * empty `normalized` matches nothing (an empty prefix would match everything); a Phrase of more
 * than 64 words matches nothing.
 */
struct MatchSpec {
  struct Word {
    std::string normalized;
    std::string stem;
    bool exact = false;
    bool prefix = false;
    double weight = 1.0;
  };
  struct Phrase {
    std::vector<std::string> normalized;
    double weight = 1.0;
  };
  /** Byte ranges of one particular text known to match — the mentions of a queried entity
   *  that the indexer found and stored with their spans ("ترمب" finds and highlights
   *  "ترامب"). Each Marked is one term for choosing passages; a token inside one of its
   *  ranges matches. Ranges must be sorted and apply only to the text they were made for. */
  struct Marked {
    std::vector<std::pair<std::size_t, std::size_t>> ranges;
    double weight = 1.0;
  };
  std::vector<Word> words;
  std::vector<Phrase> phrases;
  std::vector<Marked> marked;
};

struct SnippetOptions {
  std::size_t max_chars = 240;   ///< length of the snippet in characters (code points), ellipses excluded
  std::size_t max_passages = 2;  ///< at most this many separate passages, joined by " … "
};

/** A snippet: text cut from the original (at word boundaries, "…" where text was left out),
 *  and the byte ranges of `text` to highlight, sorted and non-overlapping. Each range is one
 *  matching token's whole span as published: clitics, diacritics and tatweel included. */
struct Snippet {
  std::string text;
  std::vector<std::pair<std::size_t, std::size_t>> highlights;
  /** The distinct forms highlighted, as written in the text (e.g. "وبوتين", "الرئيسُ"). */
  std::vector<std::string> matched_forms;
};

/**
 * The best passage(s) of `text` (paragraphs separated by '\n') for `spec`: those holding the
 * most weight of distinct matches, cut at word boundaries. With no match at all: the start
 * of the text. `analyzer` must use the database's analysis profile.
 *
 * A passage lies within one paragraph, so the snippet holds no '\n'. It takes the punctuation
 * glued to its first and last words («, », a comma) and, where it reaches a paragraph's start or
 * end, everything up to there. Passages are in text order, joined by " … "; a leading or
 * trailing "…" says the first passage starts, or the last ends, inside its paragraph. At most
 * `max_chars` code points of the text are taken (ellipses and separators not counted); a single
 * word longer than that is the one thing ever cut inside a word (at a character boundary).
 * A tie between passages goes to the earlier one; a second passage is taken only when it adds
 * terms the first lacks, the budget then being shared between them. A match repeated in a
 * passage counts once. Every matching token inside the passages is highlighted.
 * The text is analyzed once; the work is linear in its length, plus n log n in its matches.
 */
Snippet make_snippet(std::string_view text, const MatchSpec& spec, Analyzer& analyzer,
                     const SnippetOptions& options = {});

/** The highlights of `text` itself, whole (for titles): same matching rules, no cutting. */
Snippet highlight_all(std::string_view text, const MatchSpec& spec, Analyzer& analyzer);

/*
 * The three renderers below never pass on a control character from the text: C0 controls other
 * than '\n' and '\t' (ESC among them), DEL, C1 controls, and the bidi embeddings, overrides and
 * isolates (U+202A–202E, U+2066–2069; a cut can leave one open) are dropped, and ill-formed
 * UTF-8 becomes U+FFFD. '\n' and '\t' are kept, for a text given whole to highlight_all; a
 * make_snippet text has no '\n'. The markers themselves are written as given. A highlight range
 * that does not fall on character boundaries (only in a Snippet made by hand) is widened to
 * whole characters; overlapping ranges are merged.
 */

/** The snippet with each highlight between `open` and `close`, nothing escaped. */
std::string render_with_markers(const Snippet& snippet, std::string_view open, std::string_view close);

/** The snippet as HTML: & < > " ' escaped, highlights in <mark>…</mark>. */
std::string render_html(const Snippet& snippet);

/** The snippet for a terminal: highlights in bold red ("\x1b[1;31m"), reset ("\x1b[0m") after each. */
std::string render_ansi(const Snippet& snippet);

}  // namespace fahras::query
