// A service following a live database: the real fahras-index indexes the samples, then batch
// after batch of new articles into the same database, while 4 threads search it continuously
// through one SearcherPool. No search may fail, and once a run of fahras-index has finished,
// every search started after it finds that batch's articles (by a word only they hold).
#include "fahras/searcher_pool.hpp"
#include "process.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <atomic>
#include <fstream>
#include <mutex>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

namespace {

using fahras::test::Result;
using fahras::test::run_command;
using fahras::test::TempDir;

constexpr int batches = 4;
constexpr int batch_size = 20;
constexpr int searcher_threads = 4;

/** The word only batch `b`'s articles hold: letters that no affix rule of the light stemmer
 *  touches, one per batch. */
std::string batch_word(int b) {
  static const char* const last[] = {"ث", "ج", "ح", "خ", "ص", "ض"};
  return std::string("قرطبزغ") + last[b % 6];
}

/** `batch_size` copies of the valid sample records with new ids, each holding the batch's word. */
void write_batch(const std::string& path, int b) {
  std::ifstream samples(std::string(FAHRAS_SAMPLES_DIR) + "/articles.jsonl");
  std::vector<nlohmann::json> records;
  std::string line;
  while (std::getline(samples, line)) {
    auto record = nlohmann::json::parse(line, nullptr, false);
    if (!record.is_discarded() && record.is_object() && record.contains("content")) records.push_back(record);
  }
  REQUIRE(records.size() > 10);
  std::ofstream out(path);
  for (int i = 0; i < batch_size; ++i) {
    nlohmann::json record = records[static_cast<std::size_t>(i) % records.size()];
    record["id"] = "live-" + std::to_string(b) + "-" + std::to_string(i);
    record.erase("url");
    record["content"] = record["content"].get<std::string>() + "\nوقال المراسل " + batch_word(b) + " في ختام التقرير " +
                        std::to_string(b * 100 + i);
    out << record.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << '\n';
  }
}

fahras::SearchRequest request_for(const std::string& text) {
  fahras::SearchRequest request;
  request.text = text;
  request.collapse = false;  // the samples hold near-duplicates: count every article
  return request;
}

}  // namespace

TEST_SUITE("threads") {
  TEST_CASE("live update: 4 threads search through a pool while fahras-index adds batch after batch") {
    TempDir tmp;
    const std::string db = tmp / "db";
    const std::string samples = FAHRAS_SAMPLES_DIR;
    const Result first = run_command(std::string(FAHRAS_INDEX_BIN) + " --progress off --db " + db + " " + samples +
                                     "/articles.jsonl " + samples + "/articles.json " + samples + "/text 2>&1");
    INFO(first.out);
    REQUIRE(first.exit_code == 1);  // the samples hold bad records on purpose

    fahras::SearcherPool pool(db, searcher_threads);
    std::atomic<int> finished_batches = 0;  // batches whose fahras-index run has returned
    std::atomic<bool> stop = false;
    std::atomic<long> searches = 0;
    std::atomic<long> failures = 0;
    std::atomic<long> stale = 0;  // a search started after a batch was in that did not find it
    std::mutex mutex;
    std::string first_problem;
    const auto note = [&](const std::string& problem) {
      const std::lock_guard lock(mutex);
      if (first_problem.empty()) first_problem = problem;
    };

    std::vector<std::thread> threads;
    for (int t = 0; t < searcher_threads; ++t) {
      threads.emplace_back([&, t] {
        const std::vector<std::string> queries = {"الحكومة", "أوبك", "\"ميزانية تكميلية\"", "النفط OR الاقتصاد",
                                                  "source:al-khabar"};
        for (long n = 0; !stop; ++n) {
          const int in = finished_batches.load();  // read before the search starts
          try {
            auto searcher = pool.acquire();
            if (n % 2 == 0 && in > 0) {
              const int b = static_cast<int>(n / 2 % in) + 1;  // a batch known to be in
              const std::size_t found = searcher->count(request_for(batch_word(b)));
              if (found != batch_size) {
                ++stale;
                note("batch " + std::to_string(b) + ": " + std::to_string(found) + " articles found");
              }
            } else {
              fahras::SearchRequest request = request_for(queries[static_cast<std::size_t>(n + t) % queries.size()]);
              request.facets = n % 3 == 0;
              const fahras::SearchResponse response = searcher->search(request);
              if (response.hits.empty()) throw std::runtime_error("no hits for " + request.text);
            }
            ++searches;
          } catch (const std::exception& e) {
            ++failures;
            note(e.what());
          }
        }
      });
    }

    for (int b = 1; b <= batches; ++b) {
      const std::string batch = tmp / ("batch-" + std::to_string(b) + ".jsonl");
      write_batch(batch, b);
      const Result indexed =
          run_command(std::string(FAHRAS_INDEX_BIN) + " --progress off --db " + db + " " + batch + " 2>&1");
      INFO(indexed.out);
      CHECK(indexed.exit_code == 0);
      finished_batches = b;
      // A search started now, from this thread too, finds the batch.
      CHECK(pool.acquire()->count(request_for(batch_word(b))) == batch_size);
      CHECK(pool.acquire()->count(request_for(batch_word(b + 1))) == 0);
    }
    // Every thread gets at least a few searches in after the last batch.
    const long after = searches.load();
    while (searches.load() < after + 4 * searcher_threads && failures.load() == 0) std::this_thread::yield();
    stop = true;
    for (auto& thread : threads) thread.join();

    INFO(first_problem);
    CHECK(failures == 0);
    CHECK(stale == 0);
    CHECK(searches > 0);
    CHECK(pool.document_count() == 42 + batches * batch_size);
  }
}
