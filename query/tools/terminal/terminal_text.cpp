#include "terminal_text.hpp"

#include "escape_sequences.hpp"
#include "utf8.hpp"

#include <unicode/uchar.h>

#include <algorithm>

namespace fahras::terminal {

namespace {

bool is_space_control(char32_t cp) {
  return cp == '\t' || cp == '\n' || cp == '\r' || cp == 0x0B || cp == 0x0C || cp == 0x85 || cp == 0x2028 ||
         cp == 0x2029;
}
bool is_control(char32_t cp) { return cp < 0x20 || (cp >= 0x7F && cp <= 0x9F); }
bool is_bidi_control(char32_t cp) { return (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069); }

void append_utf8(std::string& out, char32_t cp) { utf8::append(out, cp); }

}  // namespace

Cells to_cells(std::string_view text, const std::vector<std::pair<std::size_t, std::size_t>>& highlights) {
  std::vector<std::pair<std::size_t, std::size_t>> ranges = highlights;
  std::sort(ranges.begin(), ranges.end());
  std::size_t next_range = 0;
  Cells cells;
  cells.reserve(text.size() / 2);
  std::size_t i = 0;
  while (i < text.size()) {
    const std::size_t begin = i;
    if (const std::size_t sequence = escape_sequences::length_at(text, i); sequence > 0) {
      i += sequence;
      continue;
    }
    const utf8::Decoded decoded = utf8::decode(text, i);
    i += decoded.length;
    const char32_t cp = decoded.code_point;
    while (next_range < ranges.size() && ranges[next_range].second <= begin) ++next_range;
    const bool mark = next_range < ranges.size() && ranges[next_range].first <= begin;
    if (is_space_control(cp)) {
      cells.push_back({U' ', mark});
    } else if (!is_control(cp) && !is_bidi_control(cp)) {
      cells.push_back({cp, mark});
    }
  }
  return cells;
}

std::string to_utf8(const Cells& cells) {
  std::string out;
  out.reserve(cells.size() * 2);
  for (const Cell& cell : cells) append_utf8(out, cell.cp);
  return out;
}

std::string sanitize(std::string_view text) { return to_utf8(to_cells(text)); }

Cells plain(std::string_view text) { return to_cells(text); }

std::size_t columns(char32_t cp) {
  const auto c = static_cast<UChar32>(cp);
  const auto category = u_charType(c);
  if (category == U_NON_SPACING_MARK || category == U_ENCLOSING_MARK || category == U_FORMAT_CHAR) return 0;
  const auto width = u_getIntPropertyValue(c, UCHAR_EAST_ASIAN_WIDTH);
  return width == U_EA_WIDE || width == U_EA_FULLWIDTH ? 2 : 1;
}

std::size_t columns(const Cells& cells) {
  std::size_t total = 0;
  for (const Cell& cell : cells) total += columns(cell.cp);
  return total;
}

std::vector<Cells> wrap(const Cells& text, std::size_t width) {
  if (width == 0) return {text};
  std::vector<Cells> lines;
  Cells line;
  std::size_t line_columns = 0;
  std::size_t i = 0;
  const auto flush = [&] {
    while (!line.empty() && line.back().cp == U' ') line.pop_back();
    lines.push_back(std::move(line));
    line.clear();
    line_columns = 0;
  };
  while (i < text.size()) {
    if (text[i].cp == U' ') {
      if (!line.empty() && line_columns < width) {
        line.push_back(text[i]);
        ++line_columns;
      }
      ++i;
      continue;
    }
    std::size_t end = i;
    std::size_t word_columns = 0;
    while (end < text.size() && text[end].cp != U' ') word_columns += columns(text[end++].cp);
    if (line_columns + word_columns > width && !line.empty()) flush();
    if (word_columns <= width) {
      line.insert(line.end(), text.begin() + static_cast<std::ptrdiff_t>(i), text.begin() + static_cast<std::ptrdiff_t>(end));
      line_columns += word_columns;
    } else {  // a word wider than a line: cut it, keeping combining marks with their base
      for (std::size_t k = i; k < end; ++k) {
        const std::size_t w = columns(text[k].cp);
        if (line_columns + w > width && !line.empty() && w > 0) flush();
        line.push_back(text[k]);
        line_columns += w;
      }
    }
    i = end;
  }
  if (!line.empty() || lines.empty()) flush();
  return lines;
}

Cells bracket_marks(const Cells& cells, char32_t open, char32_t close) {
  Cells out;
  out.reserve(cells.size() + 8);
  bool inside = false;
  for (const Cell& cell : cells) {
    if (cell.mark != inside) {
      out.push_back({cell.mark ? open : close, false});
      inside = cell.mark;
    }
    out.push_back({cell.cp, false});
  }
  if (inside) out.push_back({close, false});
  return out;
}

std::string render(const Cells& cells, bool color, std::string_view base) {
  if (!color) return to_utf8(cells);
  std::string out;
  out.reserve(cells.size() * 2 + 16);
  out += base;
  bool inside = false;
  for (const Cell& cell : cells) {
    if (cell.mark != inside) {
      if (cell.mark) {
        out += sgr::highlight;
      } else {
        out += sgr::reset;
        out += base;
      }
      inside = cell.mark;
    }
    append_utf8(out, cell.cp);
  }
  if (inside || !base.empty()) out += sgr::reset;
  return out;
}

}  // namespace fahras::terminal
