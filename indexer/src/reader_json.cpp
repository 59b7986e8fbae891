// Parsing one JSON record into fields, and the JSON Lines reader.
#include "reader_json.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <string>
#include <unordered_map>
#include <utility>

namespace fahras::indexer::reader {
namespace {

using json = nlohmann::json;

/** The short reason in one of nlohmann's messages:
 *  "[json.exception.parse_error.101] parse error at line 1, column 9: syntax error while parsing
 *  object - unexpected end of input; expected string literal" -> "unexpected end of input;
 *  expected string literal". The "; last read: '...'" part quotes input and is dropped. */
std::string short_reason(std::string_view what) {
  if (what.starts_with('[')) {
    if (const std::size_t close = what.find("] "); close != std::string_view::npos) what.remove_prefix(close + 2);
  }
  if (what.starts_with("parse error")) {
    if (const std::size_t colon = what.find(": "); colon != std::string_view::npos) what.remove_prefix(colon + 2);
  }
  if (what.starts_with("syntax error")) {
    if (const std::size_t dash = what.find(" - "); dash != std::string_view::npos) what.remove_prefix(dash + 3);
  }
  if (const std::size_t last = what.find("; last read:"); last != std::string_view::npos) what = what.substr(0, last);
  return std::string(what);
}

/** A SAX handler keeping the top-level scalar members of the root object, in input order
 *  (a repeated name keeps its first place and its last value). Nested values are skipped
 *  without being built. */
class FieldCollector {
public:
  explicit FieldCollector(Fields& fields) : fields_(fields) {}

  bool null() { return true; }
  bool boolean(bool value) { return add(value ? "true" : "false"); }
  bool number_integer(json::number_integer_t value) { return add(std::to_string(value)); }
  bool number_unsigned(json::number_unsigned_t value) { return add(std::to_string(value)); }
  bool number_float(json::number_float_t /*value*/, const json::string_t& text) { return add(text); }
  bool string(json::string_t& value) { return add(std::move(value)); }
  bool binary(json::binary_t& /*value*/) { return true; }
  bool start_object(std::size_t /*elements*/) {
    if (depth_++ == 0) root_is_object_ = true;
    return true;
  }
  bool end_object() {
    --depth_;
    return true;
  }
  bool start_array(std::size_t /*elements*/) {
    ++depth_;
    return true;
  }
  bool end_array() {
    --depth_;
    return true;
  }
  bool key(json::string_t& name) {
    if (depth_ == 1) key_ = std::move(name);
    return true;
  }
  bool parse_error(std::size_t position, const std::string& /*last_token*/, const json::exception& error) {
    error_position_ = position;
    error_ = short_reason(error.what());
    return false;
  }

  std::size_t error_position() const { return error_position_; }  ///< 1-based, as nlohmann counts
  const std::string& error() const { return error_; }
  std::size_t duplicates() const { return duplicates_; }
  const std::string& first_duplicate() const { return first_duplicate_; }

private:
  bool add(std::string value) {
    if (depth_ != 1 || !root_is_object_) return true;
    const auto [slot, inserted] = index_.try_emplace(key_, fields_.size());
    if (inserted) {
      fields_.emplace_back(std::move(key_), std::move(value));
    } else {
      fields_[slot->second].second = std::move(value);
      if (duplicates_++ == 0) first_duplicate_ = key_;
    }
    return true;
  }

  Fields& fields_;
  std::unordered_map<std::string, std::size_t> index_;  // field name -> place in fields_
  std::string key_;
  std::size_t depth_ = 0;
  bool root_is_object_ = false;
  std::size_t duplicates_ = 0;
  std::string first_duplicate_;
  std::size_t error_position_ = 0;
  std::string error_;
};

/** The value of 4 hex digits at text[at], or -1. */
int hex4(std::string_view text, std::size_t at) {
  if (at + 4 > text.size()) return -1;
  int value = 0;
  for (std::size_t i = at; i < at + 4; ++i) {
    const char c = text[i];
    int digit = 0;
    if (c >= '0' && c <= '9') digit = c - '0';
    else if (c >= 'a' && c <= 'f') digit = c - 'a' + 10;
    else if (c >= 'A' && c <= 'F') digit = c - 'A' + 10;
    else return -1;
    value = value * 16 + digit;
  }
  return value;
}

bool is_high_surrogate(int unit) { return unit >= 0xD800 && unit <= 0xDBFF; }
bool is_surrogate(int unit) { return unit >= 0xD800 && unit <= 0xDFFF; }

/** Turns each \u escape of a surrogate that is not part of a high-low pair into \uFFFD (the
 *  same length, so offsets stay); nlohmann would reject the whole record. Returns how many,
 *  with the offset of the first in `first`. */
std::size_t repair_surrogate_escapes(std::string& text, std::size_t& first) {
  std::size_t count = 0;
  for (std::size_t i = text.find('\\'); i != std::string::npos && i + 1 < text.size(); i = text.find('\\', i)) {
    if (text[i + 1] != 'u') {  // another escape: skip the escaped character too
      i += 2;
      continue;
    }
    const int unit = hex4(text, i + 2);
    if (is_high_surrogate(unit) && i + 8 <= text.size() && text.compare(i + 6, 2, "\\u") == 0) {
      const int low = hex4(text, i + 8);
      if (low >= 0xDC00 && low <= 0xDFFF) {
        i += 12;
        continue;
      }
    }
    if (is_surrogate(unit)) {
      text.replace(i + 2, 4, "FFFD");
      if (count++ == 0) first = i;
    }
    i += 2;
  }
  return count;
}

/** "'x'", "U+0627" or "byte 0xFF" for the character starting `text`. */
std::string describe_start(std::string_view text) {
  const auto byte = static_cast<unsigned char>(text.front());
  if (byte >= 0x20 && byte < 0x7F) return fmt::format("'{}'", text.front());
  if (byte < 0x80) return fmt::format("byte 0x{:02X}", byte);
  char32_t code_point = 0;
  std::size_t length = 0;
  if (byte >= 0xC2 && byte <= 0xDF) {
    code_point = byte & 0x1FU;
    length = 2;
  } else if (byte >= 0xE0 && byte <= 0xEF) {
    code_point = byte & 0x0FU;
    length = 3;
  }
  // Only 2- and 3-byte forms are decoded here; anything else is shown as its first byte.
  if (length == 0 || text.size() < length) return fmt::format("byte 0x{:02X}", byte);
  for (std::size_t i = 1; i < length; ++i) {
    const auto next = static_cast<unsigned char>(text[i]);
    if ((next & 0xC0U) != 0x80U) return fmt::format("byte 0x{:02X}", byte);
    code_point = (code_point << 6U) | (next & 0x3FU);
  }
  return fmt::format("U+{:04X}", static_cast<std::uint32_t>(code_point));
}

}  // namespace

std::string not_an_object(std::string_view value) {
  if (!json::accept(value.begin(), value.end())) return fmt::format("not JSON (starts with {})", describe_start(value));
  switch (value.front()) {
    case '"': return "not a JSON object (found a string)";
    case '[': return "not a JSON object (found an array)";
    case 't':
    case 'f': return "not a JSON object (found a boolean)";
    case 'n': return "not a JSON object (found null)";
    default: return "not a JSON object (found a number)";
  }
}

void parse_record(std::string& text, Position start, std::size_t record, const ReadContext& context) {
  std::size_t first = 0;
  if (const std::size_t invalid = repair_utf8(text, first); invalid != 0) {
    context.report_repaired(invalid, locate(text, first, start), record);
  }
  if (const std::size_t unpaired = repair_surrogate_escapes(text, first); unpaired != 0) {
    context.report(
        Severity::Warning,
        count_of(unpaired, "unpaired surrogate escape", "unpaired surrogate escapes") + " replaced by \\uFFFD",
        locate(text, first, start), record);
  }

  Fields fields;
  FieldCollector collector(fields);
  if (!json::sax_parse(text.begin(), text.end(), &collector)) {
    const std::size_t offset = collector.error_position() == 0 ? 0 : collector.error_position() - 1;
    const Position where = locate(text, offset, start);
    std::string message = "malformed JSON: " + collector.error();
    if (where.line != start.line) message += fmt::format(" (in the object starting on line {})", start.line);
    context.report(Severity::Error, message + "; record skipped", where, record);
    return;
  }
  if (collector.duplicates() != 0) {
    context.report(Severity::Warning,
                   fmt::format("{} (first \"{}\"); the last value of each kept",
                               count_of(collector.duplicates(), "repeated field name", "repeated field names"),
                               collector.first_duplicate()),
                   start, record);
  }
  context.emit(std::move(fields), start.line, record);
}

void read_json_lines(BufferedInput& input, const ReadContext& context) {
  constexpr std::string_view bom = "\xEF\xBB\xBF";
  const std::size_t limit = context.options.max_record_bytes;
  std::string line;
  bool truncated = false;
  std::size_t line_number = 0;
  std::size_t record = 0;
  while (input.read_line(line, limit, truncated)) {
    ++line_number;
    if (!truncated && !line.empty() && line.back() == '\r') line.pop_back();
    if (line.starts_with(bom)) line.erase(0, bom.size());  // files joined with cat keep their BOMs
    std::size_t first = 0;
    while (first < line.size() && is_json_space(line[first])) ++first;
    if (first == line.size() && !truncated) continue;  // blank line
    ++record;
    const Position start{line_number, 1};
    if (truncated) {
      context.report(Severity::Error, fmt::format("line longer than {}; record skipped", size_text(limit)), start,
                     record);
    } else if (line[first] != '{') {
      context.report(Severity::Error, not_an_object(std::string_view(line).substr(first)) + "; record skipped",
                     locate(line, first, start), record);
    } else {
      parse_record(line, start, record, context);
    }
  }
}

}  // namespace fahras::indexer::reader
