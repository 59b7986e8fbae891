// libFuzzer target: the indexer's text cleaning (HTML reduction, character references, escape
// sequences and control characters, white space, repeated paragraphs, the size cut). Checks
// what clean_text promises: well-formed UTF-8 within max_bytes, no control character, no
// white space at either end of the text or of a line, no empty or repeated paragraph, and the
// same text again when cleaned a second time (when no markup was reduced, see cleaning.hpp).
#include "cleaning.hpp"
#include "html_text.hpp"
#include "fuzz_support.hpp"
#include "utf8.hpp"

#include <cstdint>
#include <set>
#include <string>
#include <string_view>

namespace {

using fahras::fuzz::check;
using namespace fahras::indexer;

void check_cleaned(std::string_view out, std::size_t max_bytes) {
  check(out.size() <= max_bytes, "cleaned text longer than max_bytes");
  check(fahras::fuzz::valid_utf8(out), "cleaned text not UTF-8");
  if (!out.empty()) {
    check(out.front() != ' ' && out.front() != '\n', "white space at the start");
    check(out.back() != ' ' && out.back() != '\n', "white space at the end");
  }
  check(out.find("\n\n") == std::string_view::npos, "an empty paragraph");
  check(out.find("  ") == std::string_view::npos, "a run of spaces");
  check(out.find(" \n") == std::string_view::npos && out.find("\n ") == std::string_view::npos,
        "a line not trimmed");
  for (std::size_t at = 0; at < out.size();) {
    const fahras::utf8::Decoded d = fahras::utf8::decode(out, at);
    const char32_t c = d.code_point;
    check(c == '\n' || (c >= 0x20 && c != 0x7F), "a control character left");
    check(c < 0x80 || c > 0x9F, "a C1 control character left");
    check(c != 0x2028 && c != 0x2029 && c != 0x85, "a line or paragraph separator left");
    at += d.length;
  }
  std::set<std::string_view> seen;
  for (const std::string_view paragraph : paragraphs(out)) {
    check(!paragraph.empty(), "paragraphs() gave an empty one");
    check(paragraph.data() >= out.data() && paragraph.data() + paragraph.size() <= out.data() + out.size(),
          "paragraphs() gave a view outside the text");
    check(seen.insert(paragraph).second, "a repeated paragraph left");
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view raw(reinterpret_cast<const char*>(data), size);
  // A third of the inputs get a small size limit, to reach the cut.
  const std::size_t max_bytes = size % 3 == 0 ? 1 + size % 200 : std::size_t{1} << 20;

  CleanStats stats;
  const std::string out = clean_text(raw, max_bytes, stats);
  check_cleaned(out, max_bytes);
  if (!stats.had_html) {
    CleanStats again;
    check(clean_text(out, max_bytes, again) == out, "cleaning a cleaned text changed it");
    check(again.invalid_utf8 == 0 && again.control_chars == 0 && again.repeated_paragraphs == 0 && !again.truncated,
          "cleaning a cleaned text found something to clean");
  }

  (void)looks_like_html(raw);
  const std::string text = html_to_text(raw);
  if (fahras::fuzz::valid_utf8(raw)) check(fahras::fuzz::valid_utf8(text), "html_to_text broke UTF-8");
  return 0;
}
