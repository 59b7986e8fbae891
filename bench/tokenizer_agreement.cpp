// How often fahras's hand-written tokenizer agrees with ICU's word boundaries (UAX #29)
// on the shared crawl, and how much faster it is. A word is an ICU segment whose rule
// status is not "none" (letters, numbers); agreement means the same byte span.
//
//   tokenizer_agreement [--examples N]
#include "corpus.hpp"
#include "tokenizer.hpp"

#include <unicode/brkiter.h>
#include <unicode/utext.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <utility>
#include <vector>

namespace {

using Span = std::pair<std::size_t, std::size_t>;

std::vector<Span> icu_words(icu::BreakIterator& words, const std::string& text) {
  UErrorCode status = U_ZERO_ERROR;
  UText* ut = utext_openUTF8(nullptr, text.data(), static_cast<int64_t>(text.size()), &status);
  words.setText(ut, status);
  std::vector<Span> spans;
  int32_t start = words.first();
  for (int32_t end = words.next(); end != icu::BreakIterator::DONE; start = end, end = words.next()) {
    if (words.getRuleStatus() != UBRK_WORD_NONE) spans.emplace_back(start, end);
  }
  utext_close(ut);
  return spans;
}

std::vector<Span> fahras_words(const std::string& text) {
  fahras::Tokenizer tokenizer(text);
  std::vector<Span> spans;
  fahras::RawToken t;
  while (tokenizer.next(t)) spans.emplace_back(t.begin, t.end);
  return spans;
}

}  // namespace

int main(int argc, char** argv) {
  int examples = 15;
  if (argc == 3 && std::string(argv[1]) == "--examples") examples = std::atoi(argv[2]);
  const auto articles = fahras::bench::load_crawl(fahras::bench::shared_dir() / "corpora" / "saudinewsnet");
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<icu::BreakIterator> words(icu::BreakIterator::createWordInstance(icu::Locale("ar"), status));
  if (U_FAILURE(status)) return 1;

  std::size_t icu_total = 0, ours_total = 0, same = 0;
  double icu_seconds = 0, ours_seconds = 0;
  std::map<std::string, std::size_t> icu_only;  // ICU words we cut differently
  for (const auto& a : articles) {
    const std::string text = a.title + "\n" + a.content;
    auto t0 = std::chrono::steady_clock::now();
    const auto theirs = icu_words(*words, text);
    auto t1 = std::chrono::steady_clock::now();
    const auto ours = fahras_words(text);
    auto t2 = std::chrono::steady_clock::now();
    icu_seconds += std::chrono::duration<double>(t1 - t0).count();
    ours_seconds += std::chrono::duration<double>(t2 - t1).count();
    icu_total += theirs.size();
    ours_total += ours.size();
    const std::set<Span> ours_set(ours.begin(), ours.end());
    for (const Span& s : theirs) {
      if (ours_set.count(s) != 0) {
        ++same;
      } else {
        ++icu_only[text.substr(s.first, s.second - s.first)];
      }
    }
  }
  std::printf("ICU words %zu, fahras words %zu, same span %zu\n", icu_total, ours_total, same);
  std::printf("agreement: %.3f%% of ICU's words, %.3f%% of fahras's words\n", 100.0 * static_cast<double>(same) / static_cast<double>(icu_total),
              100.0 * static_cast<double>(same) / static_cast<double>(ours_total));
  std::printf("time: ICU %.2f s, fahras %.2f s (%.1fx)\n", icu_seconds, ours_seconds, icu_seconds / ours_seconds);
  std::vector<std::pair<std::size_t, std::string>> top;
  for (const auto& [word, n] : icu_only) top.emplace_back(n, word);
  std::sort(top.rbegin(), top.rend());
  std::printf("most frequent ICU words that fahras cuts differently:\n");
  for (int i = 0; i < examples && i < static_cast<int>(top.size()); ++i) {
    std::printf("  %6zu  %s\n", top[i].first, top[i].second.c_str());
  }
  return 0;
}
