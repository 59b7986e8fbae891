#include "html_text.hpp"

#include "utf8.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <optional>
#include <string>

namespace fahras::indexer {

namespace {

// ---------------------------------------------------------------------------------------
// ASCII helpers (markup is ASCII; the text around it need not be)

bool is_ascii_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool is_ascii_digit(char c) { return c >= '0' && c <= '9'; }
bool is_ascii_alnum(char c) { return is_ascii_alpha(c) || is_ascii_digit(c); }
char ascii_lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

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

}  // namespace fahras::indexer
