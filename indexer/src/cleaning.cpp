#include "cleaning.hpp"

#include "utf8.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <optional>
#include <unordered_set>

namespace fahras::indexer {

namespace {

// ---------------------------------------------------------------------------------------
// ASCII helpers (markup and escape sequences are ASCII; the text around them need not be)

bool is_ascii_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool is_ascii_digit(char c) { return c >= '0' && c <= '9'; }
bool is_ascii_alnum(char c) { return is_ascii_alpha(c) || is_ascii_digit(c); }
char ascii_lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }
unsigned char byte_at(std::string_view text, std::size_t i) { return static_cast<unsigned char>(text[i]); }

/** Whether `text` has `prefix` at `pos`, ASCII letters compared case-insensitively. */
bool has_prefix_at(std::string_view text, std::size_t pos, std::string_view prefix) {
  if (pos > text.size() || text.size() - pos < prefix.size()) return false;
  for (std::size_t i = 0; i < prefix.size(); ++i) {
    if (ascii_lower(text[pos + i]) != ascii_lower(prefix[i])) return false;
  }
  return true;
}

/** The first position >= from of `needle` (ASCII, case-insensitive), or npos. */
std::size_t find_ignoring_case(std::string_view text, std::string_view needle, std::size_t from) {
  for (std::size_t pos = from; pos < text.size(); ++pos) {
    if (has_prefix_at(text, pos, needle)) return pos;
  }
  return std::string_view::npos;
}

// ---------------------------------------------------------------------------------------
// HTML elements and character references

/** What a tag turns into when markup is reduced to text. */
enum class TagRole : std::uint8_t {
  Inline,  ///< nothing: <b>, <a>, <span>, unknown tags
  Block,   ///< a paragraph break
  Cell,    ///< a space between table cells
  Raw,     ///< the element's content is dropped with it (<script>, <style>)
};

struct Element {
  std::string_view name;
  TagRole role;
};

constexpr Element elements[] = {
    {"p", TagRole::Block},          {"div", TagRole::Block},        {"br", TagRole::Block},
    {"li", TagRole::Block},         {"h1", TagRole::Block},         {"h2", TagRole::Block},
    {"h3", TagRole::Block},         {"h4", TagRole::Block},         {"h5", TagRole::Block},
    {"h6", TagRole::Block},         {"tr", TagRole::Block},         {"ul", TagRole::Block},
    {"ol", TagRole::Block},         {"dl", TagRole::Block},         {"dt", TagRole::Block},
    {"dd", TagRole::Block},         {"table", TagRole::Block},      {"thead", TagRole::Block},
    {"tbody", TagRole::Block},      {"tfoot", TagRole::Block},      {"caption", TagRole::Block},
    {"blockquote", TagRole::Block}, {"section", TagRole::Block},    {"article", TagRole::Block},
    {"header", TagRole::Block},     {"footer", TagRole::Block},     {"nav", TagRole::Block},
    {"aside", TagRole::Block},      {"main", TagRole::Block},       {"figure", TagRole::Block},
    {"figcaption", TagRole::Block}, {"hr", TagRole::Block},         {"pre", TagRole::Block},
    {"address", TagRole::Block},    {"form", TagRole::Block},       {"title", TagRole::Block},
    {"html", TagRole::Block},       {"head", TagRole::Block},       {"body", TagRole::Block},
    {"td", TagRole::Cell},          {"th", TagRole::Cell},          {"script", TagRole::Raw},
    {"style", TagRole::Raw},        {"noscript", TagRole::Raw},     {"template", TagRole::Raw},
    {"a", TagRole::Inline},         {"span", TagRole::Inline},      {"b", TagRole::Inline},
    {"i", TagRole::Inline},         {"u", TagRole::Inline},         {"s", TagRole::Inline},
    {"em", TagRole::Inline},        {"strong", TagRole::Inline},    {"small", TagRole::Inline},
    {"big", TagRole::Inline},       {"sub", TagRole::Inline},       {"sup", TagRole::Inline},
    {"font", TagRole::Inline},      {"img", TagRole::Inline},       {"abbr", TagRole::Inline},
    {"cite", TagRole::Inline},      {"code", TagRole::Inline},      {"q", TagRole::Inline},
    {"mark", TagRole::Inline},      {"time", TagRole::Inline},      {"label", TagRole::Inline},
    {"wbr", TagRole::Inline},       {"iframe", TagRole::Inline},    {"meta", TagRole::Inline},
    {"link", TagRole::Inline},
};

/** The role of a known element (name in lower case), or nullopt. */
std::optional<TagRole> known_element(std::string_view lower_name) {
  for (const Element& e : elements) {
    if (e.name == lower_name) return e.role;
  }
  return std::nullopt;
}

struct NamedReference {
  std::string_view name;
  char32_t code_point;
};

constexpr NamedReference named_references[] = {
    {"amp", U'&'},      {"lt", U'<'},        {"gt", U'>'},        {"quot", U'"'},      {"apos", U'\''},
    {"nbsp", 0x00A0},   {"ndash", 0x2013},   {"mdash", 0x2014},   {"hellip", 0x2026},  {"laquo", 0x00AB},
    {"raquo", 0x00BB},  {"lsquo", 0x2018},   {"rsquo", 0x2019},   {"sbquo", 0x201A},   {"ldquo", 0x201C},
    {"rdquo", 0x201D},  {"bdquo", 0x201E},   {"bull", 0x2022},    {"middot", 0x00B7},  {"copy", 0x00A9},
    {"reg", 0x00AE},    {"trade", 0x2122},   {"deg", 0x00B0},     {"times", 0x00D7},   {"divide", 0x00F7},
    {"shy", 0x00AD},    {"zwnj", 0x200C},    {"zwj", 0x200D},     {"lrm", 0x200E},     {"rlm", 0x200F},
    {"thinsp", 0x2009}, {"ensp", 0x2002},    {"emsp", 0x2003},    {"euro", 0x20AC},    {"pound", 0x00A3},
    {"cent", 0x00A2},   {"yen", 0x00A5},     {"sect", 0x00A7},    {"para", 0x00B6},    {"plusmn", 0x00B1},
    {"frac12", 0x00BD}, {"frac14", 0x00BC},  {"frac34", 0x00BE},  {"iquest", 0x00BF},
};

/** &#128;-&#159; as browsers read them: Windows-1252 (undefined ones stay C1 controls). */
constexpr std::array<char32_t, 32> windows_1252_c1 = {
    0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
    0x2039, 0x0152, 0x008D, 0x017D, 0x008F, 0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
    0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178};

struct Reference {
  char32_t code_point;
  std::size_t length;  ///< bytes from '&' to ';' inclusive
};

int hex_value(char c) {
  if (is_ascii_digit(c)) return c - '0';
  const char l = ascii_lower(c);
  return l >= 'a' && l <= 'f' ? l - 'a' + 10 : -1;
}

/** A numeric reference "&#1234;" or "&#x4d2;" at `pos` (text[pos] == '&'). */
std::optional<Reference> read_numeric_reference(std::string_view text, std::size_t pos) {
  std::size_t i = pos + 2;  // after "&#"
  const bool hex = i < text.size() && (text[i] == 'x' || text[i] == 'X');
  if (hex) ++i;
  const std::size_t digits_begin = i;
  std::uint32_t value = 0;
  for (; i < text.size() && i - digits_begin < 8; ++i) {
    const int digit = hex ? hex_value(text[i]) : (is_ascii_digit(text[i]) ? text[i] - '0' : -1);
    if (digit < 0) break;
    value = value * (hex ? 16U : 10U) + static_cast<std::uint32_t>(digit);
  }
  if (i == digits_begin || i >= text.size() || text[i] != ';') return std::nullopt;
  char32_t code_point = value;
  if (value == 0 || value > 0x10FFFF || (value >= 0xD800 && value <= 0xDFFF)) {
    code_point = utf8::replacement_character;
  } else if (value >= 0x80 && value <= 0x9F) {
    code_point = windows_1252_c1[value - 0x80];
  }
  return Reference{code_point, i + 1 - pos};
}

/** A character reference at `pos` (text[pos] == '&'), or nullopt when it is a plain '&'. */
std::optional<Reference> read_reference(std::string_view text, std::size_t pos) {
  if (pos + 1 < text.size() && text[pos + 1] == '#') return read_numeric_reference(text, pos);
  std::size_t end = pos + 1;
  while (end < text.size() && end - pos <= 8 && is_ascii_alnum(text[end])) ++end;
  if (end >= text.size() || text[end] != ';') return std::nullopt;
  const std::string_view name = text.substr(pos + 1, end - pos - 1);
  for (const NamedReference& r : named_references) {
    if (r.name == name) return Reference{r.code_point, end + 1 - pos};
  }
  return std::nullopt;
}

bool is_tag_name_char(char c) { return is_ascii_alnum(c) || c == '-' || c == ':' || c == '_'; }

/** The tag name starting at `pos`, lower-cased (empty when none). */
std::string tag_name_at(std::string_view text, std::size_t pos) {
  std::string name;
  if (pos >= text.size() || !is_ascii_alpha(text[pos])) return name;
  for (std::size_t i = pos; i < text.size() && is_tag_name_char(text[i]); ++i) name += ascii_lower(text[i]);
  return name;
}

/** A tag: "<name ...>" or "</name ...>". */
struct Tag {
  std::string name;  ///< lower case
  bool closing = false;
  bool self_closing = false;
  std::size_t end = 0;  ///< one past its '>'
};

// Attribute values longer than this are not scanned for quotes (an inline data: image);
// such a tag ends at its first '>'. Keeps the scan linear on hostile input.
constexpr std::size_t max_quoted_tag_scan = 4096;

/** Where the tag whose attributes start at `from` ends: one past its '>', honouring
 *  quoted attribute values; npos without any '>'. `last_gt` is the position of the text's
 *  last '>' (npos if none): a '<' after it is text, known without scanning to the end. */
std::size_t tag_end(std::string_view text, std::size_t from, std::size_t last_gt) {
  if (last_gt == std::string_view::npos || from > last_gt) return std::string_view::npos;
  char quote = 0;
  const std::size_t limit = std::min(text.size(), from + max_quoted_tag_scan);
  for (std::size_t i = from; i < limit; ++i) {
    const char c = text[i];
    if (quote != 0) {
      if (c == quote) quote = 0;
    } else if (c == '"' || c == '\'') {
      quote = c;
    } else if (c == '>') {
      return i + 1;
    }
  }
  const std::size_t gt = text.find('>', from);
  return gt == std::string_view::npos ? gt : gt + 1;
}

/** The tag at `pos` (text[pos] == '<'), or nullopt when the '<' is text. */
std::optional<Tag> read_tag(std::string_view text, std::size_t pos, std::size_t last_gt) {
  Tag tag;
  std::size_t name_pos = pos + 1;
  if (name_pos < text.size() && text[name_pos] == '/') {
    tag.closing = true;
    ++name_pos;
  }
  tag.name = tag_name_at(text, name_pos);
  if (tag.name.empty()) return std::nullopt;
  tag.end = tag_end(text, name_pos + tag.name.size(), last_gt);
  if (tag.end == std::string_view::npos) return std::nullopt;
  tag.self_closing = text[tag.end - 2] == '/';
  return tag;
}

/** One past the end of the raw element (script, style) whose start tag ends at `from`. */
std::size_t raw_element_end(std::string_view text, std::size_t from, const std::string& name) {
  const std::size_t close = find_ignoring_case(text, "</" + name, from);
  if (close == std::string_view::npos) return text.size();  // unterminated: to the end, as browsers do
  const std::size_t gt = text.find('>', close);
  return gt == std::string_view::npos ? text.size() : gt + 1;
}

/** Where the markup starting at `pos` (text[pos] == '<') ends and what it leaves in `out`;
 *  npos when the '<' is plain text. `last_gt`: see tag_end. */
std::size_t reduce_markup(std::string_view text, std::size_t pos, std::size_t last_gt, std::string& out) {
  if (has_prefix_at(text, pos, "<!--")) {
    const std::size_t close = text.find("-->", pos + 4);
    return close == std::string_view::npos ? text.size() : close + 3;
  }
  if (has_prefix_at(text, pos, "<!") || has_prefix_at(text, pos, "<?")) {
    if (last_gt == std::string_view::npos || pos > last_gt) return std::string_view::npos;
    return text.find('>', pos) + 1;
  }
  const auto tag = read_tag(text, pos, last_gt);
  if (!tag) return std::string_view::npos;
  switch (known_element(tag->name).value_or(TagRole::Inline)) {
    case TagRole::Block: out += '\n'; break;
    case TagRole::Cell: out += ' '; break;
    case TagRole::Raw:
      if (!tag->closing && !tag->self_closing) return raw_element_end(text, tag->end, tag->name);
      break;
    case TagRole::Inline: break;
  }
  return tag->end;
}

// ---------------------------------------------------------------------------------------
// Control characters and terminal escape sequences (on valid UTF-8)

bool is_c1_string_introducer(unsigned char second_byte) {  // DCS SOS OSC PM APC after 0xC2
  return second_byte == 0x90 || second_byte == 0x98 || second_byte == 0x9D || second_byte == 0x9E ||
         second_byte == 0x9F;
}

/** One past a CSI sequence whose parameters start at `i`: parameters, intermediates and a
 *  final byte (ECMA-48). A malformed sequence ends where it stops making sense. */
std::size_t skip_csi(std::string_view text, std::size_t i) {
  while (i < text.size() && byte_at(text, i) >= 0x30 && byte_at(text, i) <= 0x3F) ++i;
  while (i < text.size() && byte_at(text, i) >= 0x20 && byte_at(text, i) <= 0x2F) ++i;
  if (i < text.size() && byte_at(text, i) >= 0x40 && byte_at(text, i) <= 0x7E) ++i;
  return i;
}

/** One past a control string (OSC, DCS, ...) whose body starts at `i`: up to BEL or ST
 *  (ESC \ or U+009C). An unterminated one stops before the end of its line, so that a
 *  stray ESC ] cannot swallow the rest of an article. */
std::size_t skip_control_string(std::string_view text, std::size_t i) {
  for (; i < text.size(); ++i) {
    const unsigned char c = byte_at(text, i);
    if (c == 0x07) return i + 1;
    if (c == '\n' || c == '\r') return i;
    if (c == 0x1B) return i + 1 < text.size() && text[i + 1] == '\\' ? i + 2 : i;
    if (c == 0xC2 && i + 1 < text.size() && byte_at(text, i + 1) == 0x9C) return i + 2;
  }
  return i;
}

/** One past the escape sequence whose ESC is at `i`. */
std::size_t skip_escape(std::string_view text, std::size_t i) {
  std::size_t j = i + 1;
  if (j >= text.size()) return j;
  const unsigned char c = byte_at(text, j);
  if (c == '[') return skip_csi(text, j + 1);
  if (c == ']' || c == 'P' || c == 'X' || c == '^' || c == '_') return skip_control_string(text, j + 1);
  while (j < text.size() && byte_at(text, j) >= 0x20 && byte_at(text, j) <= 0x2F) ++j;  // intermediates
  if (j < text.size() && byte_at(text, j) >= 0x30 && byte_at(text, j) <= 0x7E) ++j;     // final byte
  return j;  // ESC followed by something else: the ESC alone goes
}

/**
 * Line breaks to "\n", escape sequences and other controls out (each counted once).
 * `text` is valid UTF-8, so a C1 control is the two bytes C2 80..C2 9F.
 */
std::string remove_controls(std::string_view text, std::size_t& removed) {
  std::string out;
  out.reserve(text.size());
  std::size_t i = 0;
  while (i < text.size()) {
    const unsigned char c = byte_at(text, i);
    const unsigned char next = i + 1 < text.size() ? byte_at(text, i + 1) : 0;
    if (c == '\r') {
      if (next != '\n') out += '\n';
      ++i;
    } else if (c == '\n' || c == '\t') {
      out += static_cast<char>(c);
      ++i;
    } else if (c == '\f' || c == '\v') {
      out += '\n';
      ++i;
    } else if (c == 0x1B) {
      i = skip_escape(text, i);
      ++removed;
    } else if (c < 0x20 || c == 0x7F) {
      ++i;
      ++removed;
    } else if (c == 0xC2 && next >= 0x80 && next <= 0x9F) {
      if (next == 0x85) {  // NEL: a line break
        out += '\n';
      } else {
        ++removed;
      }
      if (next == 0x9B) {
        i = skip_csi(text, i + 2);
      } else if (is_c1_string_introducer(next)) {
        i = skip_control_string(text, i + 2);
      } else {
        i += 2;
      }
    } else if (c == 0xE2 && next == 0x80 && i + 2 < text.size() &&
               (byte_at(text, i + 2) == 0xA8 || byte_at(text, i + 2) == 0xA9)) {
      out += '\n';  // LINE SEPARATOR, PARAGRAPH SEPARATOR
      i += 3;
    } else {
      out += static_cast<char>(c);
      ++i;
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------
// Paragraphs

/** The length of the horizontal white space (tab, space, Unicode Zs) at `i`, 0 if none. */
std::size_t space_length(std::string_view text, std::size_t i) {
  const unsigned char c = byte_at(text, i);
  if (c == ' ' || c == '\t') return 1;
  const auto at = [&](std::size_t k) -> unsigned { return i + k < text.size() ? byte_at(text, i + k) : 0U; };
  if (c == 0xC2 && at(1) == 0xA0) return 2;                                      // U+00A0
  if (c == 0xE1 && at(1) == 0x9A && at(2) == 0x80) return 3;                     // U+1680
  if (c == 0xE2 && at(1) == 0x80 && (at(2) <= 0x8A || at(2) == 0xAF)) return 3;  // U+2000-200A, U+202F
  if (c == 0xE2 && at(1) == 0x81 && at(2) == 0x9F) return 3;                     // U+205F
  if (c == 0xE3 && at(1) == 0x80 && at(2) == 0x80) return 3;                     // U+3000
  return 0;
}

/** `line` with each run of horizontal white space as one space, trimmed. */
std::string collapse_spaces(std::string_view line) {
  std::string out;
  out.reserve(line.size());
  bool pending_space = false;
  for (std::size_t i = 0; i < line.size();) {
    if (const std::size_t n = space_length(line, i); n > 0) {
      pending_space = !out.empty();
      i += n;
      continue;
    }
    if (pending_space) out += ' ';
    pending_space = false;
    out += line[i++];
  }
  return out;
}

/** Collapsed, non-empty lines of `text`, each only once, joined by "\n". */
std::string unique_paragraphs(std::string_view text, std::size_t& repeated) {
  std::string out;
  out.reserve(text.size());
  std::unordered_set<std::string> seen;
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    std::string paragraph = collapse_spaces(text.substr(start, end - start));
    start = end + 1;
    if (paragraph.empty()) continue;
    if (seen.count(paragraph) != 0) {
      ++repeated;
      continue;
    }
    if (!out.empty()) out += '\n';
    out += paragraph;
    seen.insert(std::move(paragraph));
  }
  return out;
}

bool is_continuation_byte(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

/** Cuts `text` (longer than max_bytes) at the last white space at or before max_bytes, or
 *  in one giant word at the last UTF-8 boundary, then drops trailing white space. */
void truncate(std::string& text, std::size_t max_bytes) {
  std::size_t cut = text.find_last_of(" \n", max_bytes);
  if (cut == std::string::npos) {
    cut = max_bytes;
    while (cut > 0 && is_continuation_byte(text[cut])) --cut;
  }
  text.resize(cut);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\n')) text.pop_back();
}

/** After a cut, the last (shortened) paragraph may equal an earlier one; a second cleaning
 *  would drop it, so drop it now. */
void drop_repeated_last_paragraph(std::string& text) {
  const std::size_t last_break = text.rfind('\n');
  if (last_break == std::string::npos) return;
  const std::string_view last = std::string_view(text).substr(last_break + 1);
  for (const std::string_view p : paragraphs(std::string_view(text).substr(0, last_break))) {
    if (p == last) {
      text.resize(last_break);
      return;
    }
  }
}

}  // namespace

bool looks_like_html(std::string_view text) {
  for (std::size_t pos = text.find_first_of("<&"); pos != std::string_view::npos;
       pos = text.find_first_of("<&", pos + 1)) {
    if (text[pos] == '&') {
      if (read_reference(text, pos)) return true;
      continue;
    }
    if (has_prefix_at(text, pos, "<!--")) return true;
    const std::size_t name_pos = pos + 1 < text.size() && text[pos + 1] == '/' ? pos + 2 : pos + 1;
    std::size_t name_end = name_pos;
    while (name_end < text.size() && name_end - name_pos < 12 && is_ascii_alnum(text[name_end])) ++name_end;
    if (name_end == name_pos || name_end >= text.size() || is_ascii_alnum(text[name_end])) continue;
    std::string name(text.substr(name_pos, name_end - name_pos));
    std::transform(name.begin(), name.end(), name.begin(), ascii_lower);
    if (known_element(name)) return true;
  }
  return false;
}

std::string html_to_text(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  const std::size_t last_gt = text.rfind('>');
  std::size_t pos = 0;
  while (pos < text.size()) {
    const std::size_t special = text.find_first_of("<&", pos);
    if (special == std::string_view::npos) {
      out.append(text.substr(pos));
      break;
    }
    out.append(text.substr(pos, special - pos));
    pos = special;
    if (text[pos] == '&') {
      const auto reference = read_reference(text, pos);
      if (reference) {
        utf8::append(out, reference->code_point);
        pos += reference->length;
      } else {
        out += text[pos++];
      }
      continue;
    }
    const std::size_t after = reduce_markup(text, pos, last_gt, out);
    if (after == std::string_view::npos) {
      out += text[pos++];
    } else {
      pos = after;
    }
  }
  return out;
}

std::string clean_text(std::string_view raw, std::size_t max_bytes, CleanStats& stats) {
  std::size_t invalid = 0;
  std::string text = remove_controls(utf8::repair(raw, &invalid), stats.control_chars);
  stats.invalid_utf8 += invalid;
  // Controls go before the markup test (a NUL inside "<p>" must not hide it) and again
  // after it, for those that character references decode to (&#27;[31m).
  if (looks_like_html(text)) {
    stats.had_html = true;
    text = remove_controls(html_to_text(text), stats.control_chars);
  }
  text = unique_paragraphs(text, stats.repeated_paragraphs);
  if (text.size() > max_bytes) {
    truncate(text, max_bytes);
    drop_repeated_last_paragraph(text);
    stats.truncated = true;
  }
  return text;
}

std::vector<std::string_view> paragraphs(std::string_view cleaned) {
  std::vector<std::string_view> out;
  std::size_t start = 0;
  while (start < cleaned.size()) {
    std::size_t end = cleaned.find('\n', start);
    if (end == std::string_view::npos) end = cleaned.size();
    if (end > start) out.push_back(cleaned.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

}  // namespace fahras::indexer
