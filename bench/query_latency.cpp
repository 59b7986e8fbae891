// The fahras side of bench/latency.sh: time top-N searches with snippets through the public
// query library (fahras::Searcher), as bench/lucene/LuceneLatency.java does for Lucene.
//
//   query_latency --db PATH --queries latency.tsv [--threads N] [--passes P] [--warm W]
//                 [--facets] [--collapse] [--limit 10] [--count-up-to N]
//
// QUERIES: "qid<TAB>query[<TAB>kind]" a line (a first line starting "qid<TAB>" is a header).
// Each request: the query as plain words (plain = true), collapse off (on with --collapse:
// near-duplicates as one hit, the library's default), `--limit` hits (10),
// snippets on (240 characters, at most 2 passages), spelling as by default, facets per
// --facets, count_up_to per --count-up-to (default SearchRequest's, 10000: the total is exact up to
// that many matches); the rest as SearchRequest's defaults. Passes 1..W (default 1) warm up, untimed;
// passes W+1..P (default P = 2) are timed, each running every query once. The timer
// (steady_clock) runs around the whole Searcher::search call. With N threads (default 1)
// each thread has its own Searcher on the database and takes the queries round-robin
// (thread t: queries t, t+N, ...), the same split every pass.
//
// Output, TSV on standard output, lines starting with '#' are comments:
//   query<TAB>QID<TAB>MS<TAB>HITS          each query of the last pass (MS: milliseconds)
//   throughput<TAB>QUERIES<TAB>SECONDS<TAB>QPS   over all timed passes (wall clock)
//   cpu<TAB>SECONDS                        CPU time of the process (user + system) over the timed
//                                          passes: with CPU ÷ wall below THREADS, the threads waited
//                                          for a core (other load on the machine)
//   elapsed_ms_median<TAB>MS               median of SearchResponse::elapsed_ms, last pass
//   stage<TAB>NAME<TAB>MEAN<TAB>SHARE        where the time went (SearchResponse::timings), last pass:
//                                          mean milliseconds per query and share of elapsed_ms;
//                                          NAME: query, match, facets, documents, snippets,
//                                          spelling, other (elapsed_ms not in any stage)
//   json<TAB>MEAN                          mean milliseconds of fahras::to_json(response), one line,
//                                          last pass (outside the timed call, as a server adds it)
// Exit status: 0 done, 1 some query failed (named on standard error), 2 bad arguments or an
// unreadable queries file or database.
#include <fahras/query.hpp>

#include <sys/resource.h>
#include <algorithm>
#include <atomic>
#include <charconv>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <fstream>
#include <functional>
#include <iostream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <thread>
#include <vector>

namespace {

constexpr const char* usage =
    "usage: query_latency --db PATH --queries FILE [--threads N] [--passes P] [--warm W] [--facets] [--collapse] [--limit N]\n"
    "                     [--count-up-to N]\n";

/** Bad arguments or input: the message goes to standard error, exit status 2. */
struct UsageError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

struct Options {
  std::string db;
  std::string queries;
  std::size_t threads = 1;
  std::size_t passes = 2;
  std::size_t warm = 1;
  std::size_t limit = 10;
  std::size_t count_up_to = fahras::SearchRequest{}.count_up_to;
  bool facets = false;
  bool collapse = false;
};

std::size_t parse_count(const std::string& option, std::string_view value, std::size_t min, std::size_t max) {
  std::size_t n = 0;
  const auto [end, error] = std::from_chars(value.data(), value.data() + value.size(), n);
  if (error != std::errc() || end != value.data() + value.size() || n < min || n > max) {
    throw UsageError(option + " expects a whole number from " + std::to_string(min) + " to " + std::to_string(max) +
                     ", not '" + std::string(value) + "'");
  }
  return n;
}

Options parse_options(int argc, char** argv) {
  Options options;
  bool passes_given = false;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--collapse") {
      options.collapse = true;
      continue;
    }
    if (arg == "--facets") {
      options.facets = true;
      continue;
    }
    if (arg != "--db" && arg != "--queries" && arg != "--threads" && arg != "--passes" && arg != "--warm" &&
        arg != "--limit" && arg != "--count-up-to") {
      throw UsageError("unknown argument '" + arg + "'");
    }
    if (i + 1 >= argc) throw UsageError(arg + " expects a value");
    const std::string value = argv[++i];
    if (arg == "--db") {
      options.db = value;
    } else if (arg == "--queries") {
      options.queries = value;
    } else if (arg == "--threads") {
      options.threads = parse_count(arg, value, 1, 256);
    } else if (arg == "--passes") {
      options.passes = parse_count(arg, value, 1, 100000);
      passes_given = true;
    } else if (arg == "--warm") {
      options.warm = parse_count(arg, value, 0, 100000);
    } else if (arg == "--limit") {
      options.limit = parse_count(arg, value, 1, 10000);
    } else {
      options.count_up_to = parse_count(arg, value, 0, SIZE_MAX);
    }
  }
  if (options.db.empty()) throw UsageError("--db is required");
  if (options.queries.empty()) throw UsageError("--queries is required");
  if (!passes_given) options.passes = options.warm + 1;
  if (options.passes <= options.warm) {
    throw UsageError("--passes (" + std::to_string(options.passes) + ") must exceed --warm (" +
                     std::to_string(options.warm) + "): at least one pass is timed");
  }
  return options;
}

struct Query {
  std::string id;
  std::string text;
};

std::vector<Query> read_queries(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw UsageError(path + ": cannot open");
  std::vector<Query> queries;
  std::string line;
  for (std::size_t number = 1; std::getline(in, line); ++number) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.find_first_not_of(" \t") == std::string::npos) continue;
    const std::size_t tab = line.find('\t');
    if (tab == std::string::npos || tab == 0) {
      throw UsageError(path + ":" + std::to_string(number) + ": expected qid<TAB>query");
    }
    const std::size_t end = line.find('\t', tab + 1);
    Query query{line.substr(0, tab), line.substr(tab + 1, end == std::string::npos ? end : end - tab - 1)};
    if (number == 1 && query.id == "qid") continue;
    queries.push_back(std::move(query));
  }
  if (in.bad()) throw UsageError(path + ": cannot read (a directory?)");
  if (queries.empty()) throw UsageError(path + ": no queries");
  return queries;
}

/** CPU seconds (user + system) this process has used so far. */
double cpu_seconds() {
  rusage self{};
  getrusage(RUSAGE_SELF, &self);
  const auto seconds = [](const timeval& t) {
    return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_usec) / 1e6;
  };
  return seconds(self.ru_utime) + seconds(self.ru_stime);
}

double median(std::vector<double> values) {
  std::sort(values.begin(), values.end());
  const std::size_t n = values.size();
  return n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
}

int run(const Options& options) {
  const std::vector<Query> queries = read_queries(options.queries);
  std::vector<fahras::Searcher> searchers;
  try {
    for (std::size_t t = 0; t < options.threads; ++t) searchers.emplace_back(options.db);
  } catch (const fahras::QueryError& e) {
    throw UsageError(e.what());
  }
  const std::size_t n = queries.size();
  std::vector<double> ms(n, 0.0);
  std::vector<double> elapsed(n, 0.0);
  std::vector<std::size_t> hits(n, 0);
  std::vector<fahras::SearchTimings> timings(n);
  std::vector<double> json_ms(n, 0.0);
  std::atomic<std::size_t> failures{0};
  std::printf(
      "# fahras: %zu documents, %zu queries, %zu thread(s), %zu passes (%zu warm), limit %zu, count up to %zu, facets "
      "%s, collapse %s\n",
      searchers.front().document_count(), n, options.threads, options.passes, options.warm, options.limit,
      options.count_up_to, options.facets ? "on" : "off", options.collapse ? "on" : "off");

  const auto work = [&](std::size_t first, fahras::Searcher& searcher) {
    fahras::SearchRequest request;
    request.plain = true;
    request.collapse = options.collapse;
    request.limit = options.limit;
    request.facets = options.facets;
    request.count_up_to = options.count_up_to;
    for (std::size_t i = first; i < n; i += options.threads) {
      request.text = queries[i].text;
      json_ms[i] = 0;
      const auto start = std::chrono::steady_clock::now();
      try {
        const fahras::SearchResponse response = searcher.search(request);
        hits[i] = response.hits.size();
        elapsed[i] = response.elapsed_ms;
        timings[i] = response.timings;
        const auto json_start = std::chrono::steady_clock::now();
        const std::string json = fahras::to_json(response);
        json_ms[i] = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - json_start).count();
      } catch (const fahras::QueryError& e) {
        ++failures;
        std::cerr << "query_latency: query " << queries[i].id << ": " << e.what() << '\n';
      }
      ms[i] = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count() - json_ms[i];
    }
  };

  double timed_seconds = 0;
  double cpu_before = 0;
  for (std::size_t pass = 1; pass <= options.passes; ++pass) {
    if (pass == options.warm + 1) cpu_before = cpu_seconds();
    const auto start = std::chrono::steady_clock::now();
    {
      std::vector<std::jthread> pool;
      for (std::size_t t = 0; t < options.threads; ++t) pool.emplace_back(work, t, std::ref(searchers[t]));
    }
    const double took = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    if (pass > options.warm) timed_seconds += took;
    std::printf("# pass %zu%s: %.1f ms\n", pass, pass <= options.warm ? " (warm)" : "", took * 1000);
  }

  for (std::size_t i = 0; i < n; ++i) std::printf("query\t%s\t%.4f\t%zu\n", queries[i].id.c_str(), ms[i], hits[i]);
  const std::size_t timed = n * (options.passes - options.warm);
  std::printf("throughput\t%zu\t%.4f\t%.2f\n", timed, timed_seconds, static_cast<double>(timed) / timed_seconds);
  std::printf("cpu\t%.4f\n", cpu_seconds() - cpu_before);
  std::printf("elapsed_ms_median\t%.4f\n", median(elapsed));
  double total = 0;
  for (const double e : elapsed) total += e;
  const std::pair<const char*, double fahras::SearchTimings::*> stages[] = {
      {"query", &fahras::SearchTimings::query_ms},         {"match", &fahras::SearchTimings::match_ms},
      {"facets", &fahras::SearchTimings::facets_ms},       {"documents", &fahras::SearchTimings::documents_ms},
      {"snippets", &fahras::SearchTimings::snippets_ms},   {"spelling", &fahras::SearchTimings::spelling_ms}};
  double staged = 0;
  for (const auto& [name, member] : stages) {
    double sum = 0;
    for (const fahras::SearchTimings& t : timings) sum += t.*member;
    staged += sum;
    std::printf("stage\t%s\t%.4f\t%.4f\n", name, sum / static_cast<double>(n), total > 0 ? sum / total : 0.0);
  }
  std::printf("stage\tother\t%.4f\t%.4f\n", (total - staged) / static_cast<double>(n), total > 0 ? (total - staged) / total : 0.0);
  double json_total = 0;
  for (const double j : json_ms) json_total += j;
  std::printf("json\t%.4f\n", json_total / static_cast<double>(n));
  return failures > 0 ? 1 : 0;
}

}  // namespace

int main(int argc, char** argv) {
  try {
    if (argc == 2 && (std::string_view(argv[1]) == "--help" || std::string_view(argv[1]) == "-h")) {
      std::fputs(usage, stdout);
      return 0;
    }
    return run(parse_options(argc, argv));
  } catch (const UsageError& e) {
    std::cerr << "query_latency: " << e.what() << '\n' << usage;
    return 2;
  } catch (const std::exception& e) {
    std::cerr << "query_latency: " << e.what() << '\n';
    return 1;
  }
}
