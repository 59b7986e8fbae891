// Work that must be linear in the size of the input: huge words, runs of diacritics, markup that
// never closes, megabyte bodies. Counted, never timed: the code doing the work is compiled with
// a call at each basic block it enters (see CMakeLists.txt), and a test compares the blocks run
// on inputs of n and 2n bytes. Linear work gives a ratio of at most 2 (less with fixed costs),
// n log n a little more, quadratic work 4: the bound 2.5 tells them apart whatever the build
// and however loaded the machine, the count being the same on every run.
#include "cleaning.hpp"
#include "snippet.hpp"

#include "fahras/analysis.hpp"

#include <doctest/doctest.h>

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace {

thread_local std::uint64_t* blocks = nullptr;

}  // namespace

/** Called by the compiler at each basic block of the counted sources. */
extern "C" void __sanitizer_cov_trace_pc() {
  if (blocks != nullptr) ++*blocks;
}

// The C library's scans and copies (string_view::find is memchr) run no counted block: the link
// sends the program's calls to them here (-Wl,--wrap), to count a block per byte.
extern "C" {
void* __real_memchr(const void* s, int c, std::size_t n);
int __real_memcmp(const void* a, const void* b, std::size_t n);
void* __real_memcpy(void* to, const void* from, std::size_t n);
void* __real_memmove(void* to, const void* from, std::size_t n);

void* __wrap_memchr(const void* s, int c, std::size_t n) {
  void* found = __real_memchr(s, c, n);
  if (blocks != nullptr) {
    const auto* begin = static_cast<const char*>(s);
    const std::size_t scanned = found == nullptr ? n : static_cast<std::size_t>(static_cast<const char*>(found) - begin) + 1;
    *blocks += 1 + scanned;
  }
  return found;
}
int __wrap_memcmp(const void* a, const void* b, std::size_t n) {
  if (blocks != nullptr) *blocks += 1 + n;
  return __real_memcmp(a, b, n);
}
void* __wrap_memcpy(void* to, const void* from, std::size_t n) {
  if (blocks != nullptr) *blocks += 1 + n;
  return __real_memcpy(to, from, n);
}
void* __wrap_memmove(void* to, const void* from, std::size_t n) {
  if (blocks != nullptr) *blocks += 1 + n;
  return __real_memmove(to, from, n);
}
}

namespace {

constexpr std::size_t n = 128U << 10U;
constexpr double max_ratio = 2.5;

/** The basic blocks of the counted sources that `work` runs. */
std::uint64_t blocks_run(const std::function<void()>& work) {
  std::uint64_t count = 0;
  blocks = &count;
  work();
  blocks = nullptr;
  return count;
}

/** `piece` repeated up to at least `size` bytes. */
std::string repeat(const std::string& piece, std::size_t size) {
  std::string out;
  while (out.size() < size) out += piece;
  return out;
}

/** Checks that the work `prepare` returns for an input of 2n bytes runs at most max_ratio times
 *  the blocks it runs for n bytes, and that the count sees the work (a block per 8 bytes at
 *  least). `prepare` makes the input and the objects doing the work (an Analyzer, whose making
 *  is a fixed cost) outside the count; a first run on a small input wakes whatever is made on
 *  first use. */
void check_linear(const std::function<std::function<void()>(std::size_t)>& prepare) {
  prepare(64)();
  const std::function<void()> small = prepare(n);
  const std::function<void()> large = prepare(2 * n);
  const std::uint64_t once = blocks_run(small);
  const std::uint64_t twice = blocks_run(large);
  INFO("blocks: ", once, " for ", n, " bytes, ", twice, " for ", 2 * n, " bytes, ratio ",
       static_cast<double>(twice) / static_cast<double>(once));
  CHECK(once >= n / 8);
  CHECK(static_cast<double>(twice) <= max_ratio * static_cast<double>(once));
}

}  // namespace

TEST_SUITE("growth") {
  TEST_CASE("analysis: one huge word, a run of diacritics, many words, in linear work") {
    for (const std::string piece : {"كتب", "\u064E\u0651", "كتاب قلم "}) {
      CAPTURE(piece);
      check_linear([&piece](std::size_t size) {
        auto analyzer = std::make_shared<fahras::Analyzer>();
        return [analyzer, text = repeat(piece, size), piece] {
          const std::size_t tokens = analyzer->analyze(text).size();
          CHECK(tokens == (piece == "كتب" ? 1 : piece == "كتاب قلم " ? 2 * text.size() / piece.size() : 0));
        };
      });
    }
  }

  TEST_CASE("cleaning: tags that never close, quotes that never end, markup, a text cut short, in linear work") {
    using fahras::indexer::clean_text;
    using fahras::indexer::CleanStats;
    for (const std::string piece : {"<a '", "<!x", "<p>خبر &amp; <b>رأي</b></p>\n"}) {
      CAPTURE(piece);
      check_linear([&piece](std::size_t size) {
        return [text = repeat(piece, size)] {
          CleanStats stats;
          CHECK_FALSE(clean_text(text, text.size(), stats).empty());
        };
      });
    }
    check_linear([](std::size_t size) {
      return [text = repeat("أعلنت وزارة الصحة افتتاح مستشفى جديد ", size)] {
        CleanStats stats;
        CHECK(clean_text(text, 1000, stats).size() <= 1000);
        CHECK(stats.truncated == (text.size() > 1000));
      };
    });
  }

  TEST_CASE("snippet: a long body with a match in every paragraph, or one long paragraph, in linear work") {
    for (const std::string end_of_sentence : {"\n", " "}) {
      CAPTURE(end_of_sentence);
      check_linear([&end_of_sentence](std::size_t size) {
        auto analyzer = std::make_shared<fahras::Analyzer>();
        fahras::query::MatchSpec spec;
        for (const std::string typed : {"بوتين", "أردوغان"}) {
          const auto tokens = analyzer->analyze(typed);
          REQUIRE(tokens.size() == 1);
          spec.words.push_back({tokens[0].normalized, tokens[0].stem});
        }
        std::string text = repeat("قال المتحدث إن الاجتماع تناول التعاون الاقتصادي بوتين" + end_of_sentence, size) +
                           "ثم التقى أردوغان وبوتين في المساء";
        return [analyzer, spec, text] {
          const fahras::query::Snippet snippet = fahras::query::make_snippet(text, spec, *analyzer);
          INFO(snippet.text);
          CHECK(snippet.text.find("أردوغان") != std::string::npos);  // near the end, with a بوتين
        };
      });
    }
  }
}
