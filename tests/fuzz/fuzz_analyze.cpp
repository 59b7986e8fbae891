// libFuzzer target: normalize + tokenize + stem any bytes; check the token invariants.
#include "fahras/analysis.hpp"

#include <cstdint>
#include <cstdlib>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static fahras::Analyzer analyzer;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  std::uint32_t expected_position = 0;
  std::size_t last_begin = 0;
  analyzer.analyze(text, [&](const fahras::TokenView& t) {
    const bool ok = t.begin < t.end && t.end <= size && t.begin >= last_begin &&
                    t.position == expected_position && !t.normalized.empty();
    if (!ok) std::abort();
    last_begin = t.begin;
    ++expected_position;
  });
  return 0;
}
