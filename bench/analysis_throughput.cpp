// Throughput of fahras's analysis against Xapian's TermGenerator with Stem("arabic"), on
// the titles and bodies of the shared crawl, one thread, in one run. Three rounds each,
// interleaved; the median is reported. Each round starts from a fresh analyzer (cold cache).
//
//   analysis_throughput [--rounds N]
//
// Rows:
//   fahras analyze          normalize + tokenize + stop words + stem, tokens to a callback
//   fahras -> Document      the same, adding the terms the indexer writes (normalized with
//                           positions, Z+stem) to a Xapian::Document per article
//   xapian TermGenerator    TermGenerator::index_text into a Xapian::Document per article
//                           (unstemmed terms with positions + Z-stemmed terms, STEM_SOME)
#include "corpus.hpp"
#include "fahras/analysis.hpp"

#include <xapian.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <functional>
#include <string>
#include <vector>

namespace {

struct Round {
  double seconds = 0;
  std::size_t tokens = 0;
};

template <typename Body>
Round timed(Body body) {
  const auto start = std::chrono::steady_clock::now();
  const std::size_t tokens = body();
  return {std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count(), tokens};
}

double median(std::vector<double> values) {
  std::sort(values.begin(), values.end());
  return values[values.size() / 2];
}

}  // namespace

int main(int argc, char** argv) {
  int rounds = 3;
  if (argc == 3 && std::string(argv[1]) == "--rounds") rounds = std::max(1, std::atoi(argv[2]));
  const auto articles = fahras::bench::load_crawl(fahras::bench::shared_dir() / "corpora" / "saudinewsnet");
  std::size_t bytes = 0;
  const std::vector<std::string> texts = fahras::bench::article_texts(articles, bytes);
  std::printf("%zu articles, %.1f MB of UTF-8 text, %d rounds, one thread\n\n", texts.size(), static_cast<double>(bytes) / 1e6, rounds);

  const std::vector<std::pair<const char*, std::function<std::size_t()>>> runs = {
      {"fahras analyze",
       [&] {
         fahras::Analyzer analyzer;
         std::size_t n = 0;
         for (const auto& t : texts) n += analyzer.analyze(t, [](const fahras::TokenView&) {}).tokens;
         return n;
       }},
      {"fahras -> Document",
       [&] {
         fahras::Analyzer analyzer;
         std::size_t n = 0;
         std::string stem_term;
         for (const auto& t : texts) {
           Xapian::Document doc;
           n += analyzer
                    .analyze(t,
                             [&](const fahras::TokenView& token) {
                               doc.add_posting(std::string(token.normalized), token.position + 1);
                               stem_term.assign("Z").append(token.stem);
                               doc.add_term(stem_term);
                             })
                    .tokens;
         }
         return n;
       }},
      {"xapian TermGenerator",
       [&] {
         Xapian::TermGenerator generator;
         generator.set_stemmer(Xapian::Stem("arabic"));
         std::size_t n = 0;
         for (const auto& t : texts) {
           Xapian::Document doc;
           generator.set_document(doc);
           generator.index_text(t);
           n += generator.get_termpos();
         }
         return n;
       }},
  };

  std::vector<std::vector<double>> seconds(runs.size());
  std::vector<std::size_t> tokens(runs.size());
  for (int r = 0; r < rounds; ++r) {
    for (std::size_t i = 0; i < runs.size(); ++i) {
      const Round round = timed(runs[i].second);
      seconds[i].push_back(round.seconds);
      tokens[i] = round.tokens;
    }
  }
  const double reference = median(seconds.back());
  std::printf("| %-22s | %8s | %7s | %11s | %12s |\n", "run", "median s", "MB/s", "tokens/s", "vs Xapian TG");
  std::printf("|%s|%s|%s|%s|%s|\n", "------------------------", "----------", "---------", "-------------",
              "--------------");
  for (std::size_t i = 0; i < runs.size(); ++i) {
    const double s = median(seconds[i]);
    std::printf("| %-22s | %8.2f | %7.1f | %11.0f | %11.2fx |\n", runs[i].first, s, static_cast<double>(bytes) / 1e6 / s,
                static_cast<double>(tokens[i]) / s, reference / s);
  }
  return 0;
}
