// Text cleaning of one article body: what crawls get wrong (bad UTF-8, markup, terminal
// colours, control characters, bodies pasted twice, runaway sizes) made right before analysis.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace fahras::indexer {

/** What clean_text changed. */
struct CleanStats {
  std::size_t invalid_utf8 = 0;         ///< ill-formed UTF-8 sequences replaced by U+FFFD
  std::size_t control_chars = 0;        ///< control characters and escape sequences removed
  std::size_t repeated_paragraphs = 0;  ///< paragraphs dropped as repeats of an earlier one
  bool truncated = false;               ///< the text was cut to max_bytes
  bool had_html = false;                ///< the text looked like markup and was reduced to text
};

/**
 * Cleans one article, in this order:
 *  1. ill-formed UTF-8 becomes U+FFFD (counted in invalid_utf8);
 *  2. html_to_text when looks_like_html (had_html; see html_text.hpp);
 *  3. "\r\n" and "\r" become "\n"; form feed, vertical tab, NEL, U+2028 and U+2029 too;
 *     terminal escape sequences (ESC [ ... final byte; ESC ] / P / X / ^ / _ ... up to BEL,
 *     ST or the end of the line; other ESC sequences; and their C1 forms CSI/OSC) and the
 *     other C0/C1 control characters and DEL are removed, each counted once in control_chars;
 *  4. runs of horizontal white space (space, tab, no-break and other Unicode spaces) become
 *     one space; each line (a paragraph) is trimmed; empty lines are dropped;
 *  5. a paragraph identical to an earlier one of the article is dropped (repeated_paragraphs);
 *  6. if more than `max_bytes` remain, the text is cut at the last white space at or before
 *     max_bytes (or, in one giant word, at the last UTF-8 boundary) and `truncated` is set.
 * Paragraphs are joined by "\n"; the result is valid UTF-8 with no leading or trailing
 * white space. `stats` is added to, not reset.
 *
 * Idempotent (clean_text(clean_text(x)) == clean_text(x) for the same max_bytes), except
 * where decoded references themselves form markup ("&lt;p&gt;" gives "<p>", which a second
 * pass would take for a tag).
 */
std::string clean_text(std::string_view raw, std::size_t max_bytes, CleanStats& stats);

/** The paragraphs of a cleaned text: its lines, empty ones skipped. The views point into
 *  `cleaned`. */
std::vector<std::string_view> paragraphs(std::string_view cleaned);

}  // namespace fahras::indexer
