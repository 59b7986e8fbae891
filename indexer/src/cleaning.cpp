#include "cleaning.hpp"

#include "escape_sequences.hpp"
#include "html_text.hpp"
#include "utf8.hpp"

#include <string>
#include <unordered_set>

namespace fahras::indexer {

namespace {

unsigned char byte_at(std::string_view text, std::size_t i) { return static_cast<unsigned char>(text[i]); }

// ---------------------------------------------------------------------------------------
// Control characters and terminal escape sequences (on valid UTF-8)

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
    } else if (const std::size_t sequence = escape_sequences::length_at(text, i); sequence > 0) {
      i += sequence;
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
      i += 2;
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
