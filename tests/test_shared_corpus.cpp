// Analysis over real crawled text from ../shared (FAHRAS_SHARED). Exits with 77, which
// ctest reports as "skipped", only where that folder is absent (a clone elsewhere).
#include "fahras/analysis.hpp"

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace {

constexpr int skip_exit_code = 77;

int failures = 0;

void expect(bool condition, const std::string& what) {
  if (!condition) {
    std::fprintf(stderr, "FAILED: %s\n", what.c_str());
    ++failures;
  }
}

}  // namespace

int main() {
  const char* env = std::getenv("FAHRAS_SHARED");
  const std::filesystem::path shared = env != nullptr && *env != '\0' ? env : FAHRAS_SHARED_DEFAULT;
  const std::filesystem::path seed_dir = shared / "seed";
  if (!std::filesystem::is_directory(seed_dir)) {
    std::printf("skipped: %s not found (set FAHRAS_SHARED to the shared data folder)\n", seed_dir.c_str());
    return skip_exit_code;
  }
  fahras::Analyzer analyzer;
  fahras::Analyzer alone;
  std::size_t files = 0;
  std::size_t tokens = 0;
  for (const auto& entry : std::filesystem::directory_iterator(seed_dir)) {
    std::ifstream in(entry.path(), std::ios::binary);
    std::ostringstream content;
    content << in.rdbuf();
    const std::string text = content.str();
    ++files;
    std::size_t latin = 0;
    std::size_t arabic = 0;
    const auto counts = analyzer.analyze(text, [&](const fahras::TokenView& t) {
      ++tokens;
      latin += t.kind == fahras::TokenKind::LatinWord ? 1 : 0;
      arabic += t.kind == fahras::TokenKind::ArabicWord ? 1 : 0;
      const std::string_view span = std::string_view(text).substr(t.begin, t.end - t.begin);
      const auto again = alone.analyze(span);
      expect(!again.empty() && again[0].normalized == std::string(t.normalized) && again[0].stem == std::string(t.stem),
             entry.path().string() + ": token at byte " + std::to_string(t.begin) + " re-analyzes differently");
    });
    expect(counts.invalid_utf8 == 0, entry.path().string() + ": the crawled article is valid UTF-8");
    expect(arabic > 100, entry.path().string() + ": has Arabic words");
    expect(latin > 0, entry.path().string() + ": Latin words (Truth Social) are tokens");
  }
  expect(files > 0, "the seed folder holds at least one article");
  std::printf("%zu files, %zu tokens, %d failures\n", files, tokens, failures);
  return failures == 0 ? 0 : 1;
}
