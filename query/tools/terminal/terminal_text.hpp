// Text on its way to a terminal: made safe (no control character or escape sequence from
// the database ever reaches the terminal), measured in columns, wrapped, and written with
// highlights as SGR colour runs. Used by fahras-query; unit-tested on its own.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace fahras::terminal {

/** One character of text on its way to the screen: a code point, and whether it is highlighted. */
struct Cell {
  char32_t cp = 0;
  bool mark = false;
  bool operator==(const Cell&) const = default;
};
using Cells = std::vector<Cell>;

/**
 * `text` made safe for a terminal, as cells; the bytes of `highlights` (byte ranges of `text`)
 * are marked. Removed: escape sequences whole (ESC with CSI, OSC, DCS, APC, PM, SOS and their
 * C1 forms, up to their terminator: BEL or ST), every other C0 and C1 control and DEL, and the
 * bidi embeddings, overrides and isolates (U+202A–202E, U+2066–2069, which would reorder what
 * follows them). Tab, newline, CR, VT, FF, NEL and U+2028/2029 become one space each.
 * Ill-formed UTF-8 becomes U+FFFD. Never throws on any input.
 */
Cells to_cells(std::string_view text, const std::vector<std::pair<std::size_t, std::size_t>>& highlights = {});

/** The code points of `cells` as UTF-8 (no styling). */
std::string to_utf8(const Cells& cells);

/** `text` made safe for a terminal (to_cells, then UTF-8). */
std::string sanitize(std::string_view text);

/** Columns a code point takes: 0 for combining marks and format characters, 2 for wide and
 *  full-width characters (East Asian Width W or F), 1 otherwise. */
std::size_t columns(char32_t cp);
/** Columns of a run of cells. */
std::size_t columns(const Cells& cells);

/**
 * Cuts `text` into lines of at most `width` columns, at spaces (the spaces at a cut are
 * dropped); a word wider than a line is cut at a character boundary. `width` 0: no limit, one
 * line. Empty text gives one empty line.
 */
std::vector<Cells> wrap(const Cells& text, std::size_t width);

/** Each marked run of `cells` put between `open` and `close` (unmarked), e.g. '[' and ']'. */
Cells bracket_marks(const Cells& cells, char32_t open, char32_t close);

/** Cells of plain text, none marked. */
Cells plain(std::string_view text);

/** SGR sequences used for output. */
namespace sgr {
inline constexpr std::string_view reset = "\x1b[0m";
inline constexpr std::string_view bold = "\x1b[1m";
inline constexpr std::string_view dim = "\x1b[2m";
inline constexpr std::string_view highlight = "\x1b[1;31m";  ///< as the library's render_ansi
inline constexpr std::string_view number = "\x1b[1;33m";
inline constexpr std::string_view heading = "\x1b[1;36m";
}  // namespace sgr

/**
 * `cells` as UTF-8. With `color`: the line in `base` style (an SGR sequence, or "" for none),
 * each marked run in sgr::highlight, a reset at the end when any style was written. Without:
 * the code points alone (marks are not shown; see bracket_marks).
 */
std::string render(const Cells& cells, bool color, std::string_view base = {});

}  // namespace fahras::terminal
