// Date mentions over the shared crawl: throughput of find_date_mentions (against the bare
// tokenizer it runs on), how many articles mention a date, the months mentioned most, and a
// random sample of mentions with their context to check by eye.
//
//   date_mentions_throughput [--rounds N] [--sample N] [--published YYYY-MM-DD]
//
// The crawl's articles carry no date in bench/corpus.hpp, so every article is taken as
// published on --published (default 2015-07-27, the middle of the SaudiNewsNet crawl of
// 2015-07-21 .. 2015-08-0x): weekdays and years left out are resolved against it.
#include "corpus.hpp"
#include "fahras/date_mentions.hpp"
#include "tokenizer.hpp"

#include <algorithm>
#include <chrono>
#include <ctime>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <random>
#include <string>
#include <vector>

namespace {

struct Timing {
  double wall = 0;  ///< seconds
  double cpu = 0;   ///< seconds of this process's CPU time: steadier on a shared machine
};

template <typename Body>
Timing seconds(Body body) {
  const auto start = std::chrono::steady_clock::now();
  const std::clock_t cpu_start = std::clock();
  body();
  return {std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count(),
          static_cast<double>(std::clock() - cpu_start) / CLOCKS_PER_SEC};
}

double median(std::vector<Timing> values, double Timing::*field) {
  std::sort(values.begin(), values.end(), [field](const Timing& a, const Timing& b) { return a.*field < b.*field; });
  return values[values.size() / 2].*field;
}

std::string month_of(const fahras::CivilDate& d) {
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "%04d-%02d", d.year, d.month);
  return buffer;
}

/** Up to `width` bytes each side of [begin, end), cut on UTF-8 boundaries, one line. */
std::string context(const std::string& text, std::size_t begin, std::size_t end, std::size_t width) {
  std::size_t from = begin > width ? begin - width : 0;
  std::size_t to = std::min(text.size(), end + width);
  while (from > 0 && (static_cast<unsigned char>(text[from]) & 0xC0) == 0x80) --from;
  while (to < text.size() && (static_cast<unsigned char>(text[to]) & 0xC0) == 0x80) ++to;
  std::string out = text.substr(from, begin - from) + "«" + text.substr(begin, end - begin) + "»" +
                    text.substr(end, to - end);
  std::replace(out.begin(), out.end(), '\n', ' ');
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  int rounds = 3;
  std::size_t sample = 20;
  fahras::CivilDate published{2015, 7, 27};
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string option = argv[i];
    if (option == "--rounds") rounds = std::max(1, std::atoi(argv[i + 1]));
    if (option == "--sample") sample = static_cast<std::size_t>(std::max(0, std::atoi(argv[i + 1])));
    if (option == "--published" &&
        std::sscanf(argv[i + 1], "%d-%d-%d", &published.year, &published.month, &published.day) != 3) {
      std::fprintf(stderr, "--published wants YYYY-MM-DD\n");
      return 2;
    }
  }
  const auto articles = fahras::bench::load_crawl(fahras::bench::shared_dir() / "corpora" / "saudinewsnet");
  std::size_t bytes = 0;
  const std::vector<std::string> texts = fahras::bench::article_texts(articles, bytes);
  const double megabytes = static_cast<double>(bytes) / 1e6;
  std::printf("%zu articles, %.1f MB of UTF-8 text, %d rounds, one thread, published %04d-%02d-%02d\n\n",
              texts.size(), megabytes, rounds, published.year, published.month, published.day);

  std::vector<Timing> tokenizer_times;
  std::vector<Timing> mention_times;
  std::size_t sink = 0;
  for (int r = 0; r < rounds; ++r) {
    tokenizer_times.push_back(seconds([&] {
      for (const auto& t : texts) {
        fahras::Tokenizer tokenizer(t);
        fahras::RawToken token;
        while (tokenizer.next(token)) sink += token.end;
      }
    }));
    mention_times.push_back(seconds([&] {
      for (const auto& t : texts) sink += fahras::find_date_mentions(t, published).size();
    }));
  }
  std::printf("%-24s %8s %12s\n", "", "wall", "CPU time");
  std::printf("%-24s %8.1f %8.1f MB/s\n", "tokenizer alone", megabytes / median(tokenizer_times, &Timing::wall),
              megabytes / median(tokenizer_times, &Timing::cpu));
  std::printf("%-24s %8.1f %8.1f MB/s\n\n", "find_date_mentions", megabytes / median(mention_times, &Timing::wall),
              megabytes / median(mention_times, &Timing::cpu));

  std::size_t with_mention = 0;
  std::size_t with_written = 0;  // a Gregorian, Numeric or Hijri mention
  std::size_t total = 0;
  std::map<std::string, std::size_t> months;
  std::map<std::string, std::size_t> written_months;  // Gregorian, Numeric, Hijri: not resolved from publication
  std::map<std::string, std::size_t> kinds;
  struct Found {
    std::size_t text;
    fahras::DateMention mention;
  };
  std::vector<Found> all;
  for (std::size_t i = 0; i < texts.size(); ++i) {
    const auto mentions = fahras::find_date_mentions(texts[i], published);
    if (!mentions.empty()) ++with_mention;
    if (std::any_of(mentions.begin(), mentions.end(), [](const fahras::DateMention& m) {
          return m.kind != fahras::DateMention::Kind::Weekday && m.kind != fahras::DateMention::Kind::Relative;
        })) {
      ++with_written;
    }
    for (const auto& m : mentions) {
      ++total;
      ++kinds[std::string(fahras::to_string(m.kind))];
      if (m.date.month != 0) ++months[month_of(m.date)];
      if (m.date.month != 0 && m.kind != fahras::DateMention::Kind::Weekday &&
          m.kind != fahras::DateMention::Kind::Relative) {
        ++written_months[month_of(m.date)];
      }
      all.push_back({i, m});
    }
  }
  std::printf("articles with a mention: %zu of %zu (%.1f%%); %zu mentions\n", with_mention, texts.size(),
              100.0 * static_cast<double>(with_mention) / static_cast<double>(std::max<std::size_t>(1, texts.size())),
              total);
  std::printf("articles with a written date (not a weekday or relative day): %zu\n", with_written);
  for (const auto& [kind, count] : kinds) std::printf("  %-10s %zu\n", kind.c_str(), count);
  for (const auto& [title, counts] : {std::pair{"months mentioned most", &months},
                                       std::pair{"months mentioned most, weekdays and relative days left out",
                                                 &written_months}}) {
    std::vector<std::pair<std::size_t, std::string>> ranked;
    for (const auto& [month, count] : *counts) ranked.emplace_back(count, month);
    std::sort(ranked.rbegin(), ranked.rend());
    std::printf("\n%s:\n", title);
    for (std::size_t k = 0; k < std::min<std::size_t>(10, ranked.size()); ++k) {
      std::printf("  %s %zu\n", ranked[k].second.c_str(), ranked[k].first);
    }
  }
  std::printf("\n%zu random mentions:\n", std::min(sample, all.size()));
  std::mt19937 random(2015);
  std::shuffle(all.begin(), all.end(), random);
  for (std::size_t k = 0; k < std::min(sample, all.size()); ++k) {
    const auto& m = all[k].mention;
    std::printf("  %-10s %04d-%02d-%02d  %s\n", std::string(fahras::to_string(m.kind)).c_str(), m.date.year,
                m.date.month, m.date.day, context(texts[all[k].text], m.begin, m.end, 40).c_str());
  }
  return sink == 0 ? 1 : 0;
}
