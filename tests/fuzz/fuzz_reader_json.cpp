// libFuzzer target: the JSON readers on bytes in memory — the streaming reader of a JSON array,
// of objects one after another (its record scanner), and JSON Lines. Checks that every record
// number is either handed on or reported as skipped (never both, none lost), that records come
// in order with well-formed UTF-8 fields, and that every position lies inside the input.
#include "fuzz_support.hpp"
#include "reader_json.hpp"

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <set>
#include <string>
#include <string_view>

namespace {

using namespace fahras::indexer;
using fahras::fuzz::check;

class MemorySource final : public reader::ByteSource {
public:
  explicit MemorySource(std::string_view bytes) : bytes_(bytes) {}
  std::size_t read(char* buffer, std::size_t size) override {
    const std::size_t n = std::min(size, bytes_.size());
    std::memcpy(buffer, bytes_.data(), n);
    bytes_.remove_prefix(n);
    return n;
  }

private:
  std::string_view bytes_;
};

class Checker final : public RecordSink {
public:
  explicit Checker(std::string_view input) : lines_(1 + static_cast<std::size_t>(std::count(input.begin(), input.end(), '\n'))) {}

  void record(RawRecord&& raw) override {
    check(raw.origin.record > last_record_, "records out of order");
    last_record_ = raw.origin.record;
    check(raw.origin.line >= 1 && raw.origin.line <= lines_, "a record's line outside the input");
    check(raw.origin.line >= last_line_, "record lines out of order");
    last_line_ = raw.origin.line;
    emitted_.insert(raw.origin.record);
    for (const auto& [name, value] : raw.fields) {
      check(fahras::fuzz::valid_utf8(name) && fahras::fuzz::valid_utf8(value), "a field that is not UTF-8");
    }
  }
  void diagnostic(Diagnostic&& d) override {
    check(!d.message.empty(), "a diagnostic without a message");
    check(d.origin.line <= lines_, "a diagnostic's line outside the input");
    check((d.origin.line == 0) == (d.column == 0), "a column without a line, or a line without a column");
    if (d.severity == Severity::Error && d.origin.record != 0) skipped_.insert(d.origin.record);
    max_reported_ = std::max(max_reported_, d.origin.record);
  }

  /** Every record number from 1 on is handed on or skipped, exactly one of the two. */
  void finish() const {
    for (const std::size_t r : skipped_) check(emitted_.count(r) == 0, "a record both skipped and handed on");
    const std::size_t total = emitted_.size() + skipped_.size();
    const std::size_t highest = std::max({last_record_, max_reported_, std::size_t{0}});
    check(total == highest, "a record number neither handed on nor skipped");
  }

private:
  std::size_t lines_;
  std::size_t last_record_ = 0;
  std::size_t last_line_ = 0;
  std::size_t max_reported_ = 0;
  std::set<std::size_t> emitted_;
  std::set<std::size_t> skipped_;
};

void run(std::string_view bytes, int mode, std::size_t max_record_bytes) {
  ReadOptions options;
  options.max_record_bytes = max_record_bytes;
  Checker checker(bytes);
  const reader::ReadContext context{options, checker, Origin{"fuzz", {}, 0, 0}, 0};
  MemorySource source(bytes);
  reader::BufferedInput input(source);
  switch (mode) {
    case 0: reader::read_json_values(input, context, true); break;
    case 1: reader::read_json_values(input, context, false); break;
    default: reader::read_json_lines(input, context); break;
  }
  checker.finish();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  // Each reader on the same bytes; a small record limit on odd sizes, to reach the cut-offs.
  const std::size_t limit = size % 2 == 1 ? 64 : std::size_t{1} << 20;
  for (int mode = 0; mode < 3; ++mode) run(bytes, mode, limit);
  (void)reader::first_line_closes_object(bytes);
  return 0;
}
