#include "reader_common.hpp"

#include "utf8.hpp"

#include <fmt/format.h>

namespace fahras::indexer::reader {

Position locate(std::string_view text, std::size_t offset, Position start) {
  if (offset > text.size()) offset = text.size();
  for (std::size_t i = 0; i < offset; ++i) {
    const auto byte = static_cast<unsigned char>(text[i]);
    if (byte == '\n') {
      ++start.line;
      start.column = 1;
    } else if ((byte & 0xC0U) != 0x80U) {  // continuation bytes belong to the code point before
      ++start.column;
    }
  }
  return start;
}

void ReadContext::report(Severity severity, std::string message, Position where, std::size_t record) const {
  Diagnostic diagnostic;
  diagnostic.origin = origin;
  diagnostic.origin.line = where.line;
  diagnostic.origin.record = record;
  diagnostic.column = where.line != 0 ? where.column : 0;
  diagnostic.severity = severity;
  diagnostic.message = std::move(message);
  sink.diagnostic(std::move(diagnostic));
}

void ReadContext::report_repaired(std::size_t count, Position where, std::size_t record) const {
  Diagnostic diagnostic;
  diagnostic.origin = origin;
  diagnostic.origin.line = where.line;
  diagnostic.origin.record = record;
  diagnostic.column = where.line != 0 ? where.column : 0;
  diagnostic.severity = Severity::Warning;
  diagnostic.message = count_of(count, "invalid UTF-8 sequence", "invalid UTF-8 sequences") + " replaced by U+FFFD";
  diagnostic.repaired_utf8 = count;
  sink.diagnostic(std::move(diagnostic));
}

void ReadContext::emit(Fields fields, std::size_t line, std::size_t record) const {
  RawRecord raw;
  raw.origin = origin;
  raw.origin.line = line;
  raw.origin.record = record;
  raw.fields = std::move(fields);
  sink.record(std::move(raw));
}

std::size_t repair_utf8(std::string& text, std::size_t& first) {
  // Fast check first: most records are well-formed and need no copy.
  std::size_t i = 0;
  while (i < text.size()) {
    if (static_cast<unsigned char>(text[i]) < 0x80U) {
      ++i;
      continue;
    }
    const utf8::Decoded decoded = utf8::decode(text, i);
    if (!decoded.valid) break;
    i += decoded.length;
  }
  if (i == text.size()) return 0;
  first = i;
  std::size_t invalid = 0;
  text = utf8::repair(text, &invalid);
  return invalid;
}

std::string size_text(std::size_t bytes) {
  constexpr std::size_t mebibyte = std::size_t{1} << 20;
  if (bytes >= mebibyte && bytes % mebibyte == 0) return fmt::format("{} MiB", bytes / mebibyte);
  return count_of(bytes, "byte", "bytes");
}

}  // namespace fahras::indexer::reader
