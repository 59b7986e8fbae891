// JSON arrays and sequences of objects, streamed: a scanner finds each top-level value's
// bytes, and each object is parsed alone.
#include "reader_json.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <string>

namespace fahras::indexer::reader {
namespace {

/** Reads bytes one at a time, knowing the line and column of the next one. */
class Scanner {
public:
  explicit Scanner(BufferedInput& input) : input_(input) {}

  int peek() { return input_.peek(); }
  int next() {
    const int c = input_.get();
    if (c == '\n') {
      ++here_.line;
      here_.column = 1;
    } else if (c >= 0 && (static_cast<unsigned>(c) & 0xC0U) != 0x80U) {
      ++here_.column;
    }
    return c;
  }
  Position position() const { return here_; }
  void skip_space() {
    while (is_json_space(peek())) next();
  }

  /** Reads the value starting at the next byte (not space, not the end) into `text`, keeping
   *  at most `limit` bytes; always consumes at least one byte. A value cut off by the end of
   *  the input is returned as it is, for the parser to report. False when bytes were dropped. */
  bool scan_value(std::string& text, std::size_t limit) {
    text.clear();
    text_ = &text;
    limit_ = limit;
    dropped_ = false;
    const int c = take();
    if (c == '"') {
      scan_string();
    } else if (c == '{' || c == '[') {
      scan_nested();
    } else {
      scan_scalar();
    }
    return !dropped_;
  }

private:
  /** Consumes the next byte and keeps it while there is room. */
  int take() {
    const int c = next();
    if (c < 0) return c;
    if (text_->size() < limit_) {
      text_->push_back(static_cast<char>(c));
    } else {
      dropped_ = true;
    }
    return c;
  }

  // After the opening quote. A raw line break also ends the string (see reader_json.hpp).
  void scan_string() {
    for (;;) {
      take_plain_run();
      int c = take();
      if (c < 0 || c == '"' || c == '\n') return;
      if (c == '\\') {
        c = take();
        if (c < 0 || c == '\n') return;
      }
    }
  }

  // Inside a string: the buffered bytes up to the next quote, backslash or line break, in one
  // go (no line break among them, so only the column moves).
  void take_plain_run() {
    const std::string_view window = input_.window();
    std::size_t length = 0;
    std::size_t code_points = 0;
    for (; length < window.size(); ++length) {
      const char c = window[length];
      if (c == '"' || c == '\\' || c == '\n') break;
      if ((static_cast<unsigned char>(c) & 0xC0U) != 0x80U) ++code_points;
    }
    const std::size_t room = limit_ - std::min(limit_, text_->size());
    if (length > room) dropped_ = true;
    text_->append(window.data(), std::min(length, room));
    input_.consume(length);
    here_.column += code_points;
  }

  // After '{' or '[': up to the bracket that brings the depth back to zero.
  void scan_nested() {
    std::size_t depth = 1;
    for (;;) {
      const int c = take();
      switch (c) {
        case -1: return;
        case '"': scan_string(); break;
        case '{':
        case '[': ++depth; break;
        case '}':
        case ']':
          if (--depth == 0) return;
          break;
        default: break;
      }
    }
  }

  // A number, a literal or junk: up to a space or a structural character.
  void scan_scalar() {
    for (int c = peek(); c >= 0 && !is_json_space(c); c = peek()) {
      if (c == ',' || c == '[' || c == ']' || c == '{' || c == '}' || c == '"') return;
      take();
    }
  }

  BufferedInput& input_;
  Position here_;
  std::string* text_ = nullptr;
  std::size_t limit_ = 0;
  bool dropped_ = false;
};

}  // namespace

void read_json_values(BufferedInput& input, const ReadContext& context, bool array) {
  const std::size_t limit = context.options.max_record_bytes;
  Scanner scanner(input);
  std::string text;
  std::size_t record = 0;
  bool in_array = false;     // between '[' and ']'
  bool after_value = false;  // a value was read since the last '[' or ','
  for (;;) {
    scanner.skip_space();
    const Position here = scanner.position();
    const int c = scanner.peek();
    if (c < 0) {
      if (in_array) context.report(Severity::Warning, "JSON array not closed at the end of the input", here);
      return;
    }
    if (array && !in_array) {  // at the start, or after a ']': only another array may follow
      if (c != '[') {
        context.report(Severity::Error, "unexpected content after the JSON array; rest of the input ignored", here);
        return;
      }
      scanner.next();
      in_array = true;
      after_value = false;
      continue;
    }
    if (in_array && c == ']') {
      scanner.next();
      in_array = false;
      continue;
    }
    if (c == ',') {
      scanner.next();
      if (!after_value) context.report(Severity::Warning, "stray ','; ignored", here);
      after_value = false;
      continue;
    }
    if (after_value && in_array) context.report(Severity::Warning, "missing ',' between array elements; assumed", here);

    ++record;
    after_value = true;
    if (!scanner.scan_value(text, limit)) {
      context.report(Severity::Error, fmt::format("record larger than {}; record skipped", size_text(limit)), here,
                     record);
    } else if (c != '{') {
      context.report(Severity::Error, not_an_object(text) + "; record skipped", here, record);
    } else {
      parse_record(text, here, record, context);
    }
  }
}

bool first_line_closes_object(std::string_view window) {
  std::size_t depth = 0;
  bool in_string = false;
  for (std::size_t i = 0; i < window.size(); ++i) {
    const char c = window[i];
    if (in_string) {
      if (c == '\\') ++i;  // the escaped character, even a quote, stays in the string
      if (i < window.size() && window[i] == '\n') return true;  // a line break in a string: malformed line
      if (c == '"') in_string = false;
      continue;
    }
    switch (c) {
      case '"': in_string = true; break;
      case '{':
      case '[': ++depth; break;
      case '}':
      case ']':
        if (depth > 0 && --depth == 0) return true;
        break;
      case '\n': return false;  // the object goes on on the next line: pretty-printed
      default: break;
    }
  }
  return true;  // one long line, or a single line without a final line break
}

}  // namespace fahras::indexer::reader
