// Many threads through one SearcherPool: 8 threads × 500 mixed requests (words, phrases,
// entity and date filters, facets, sorts, paging, malformed queries) on the samples, each
// answer equal to the one a single thread got for the same request beforehand.
#include "fahras/searcher_pool.hpp"
#include "sample_database.hpp"

#include <doctest/doctest.h>

#include <atomic>
#include <string>
#include <thread>
#include <vector>

namespace {

constexpr std::size_t thread_count = 8;
constexpr std::size_t requests_per_thread = 500;

/** The requests, each a different mix of query and options. */
std::vector<fahras::SearchRequest> mixed_requests() {
  const std::vector<std::string> texts = {
      "الحكومة",
      "أوبك",
      "\"ميزانية تكميلية\"",
      "النفط OR الاقتصاد",
      "الحكومة -ميزانية",
      "person:الحربي",
      "place:الرياض",
      "org:أوبك",
      "entity:جدة",
      "date:2025-05",
      "الحكومة date:2025-05-04",
      "since:2025-05-10 النفط",
      "source:al-khabar",
      "source:majallat-al-iqtisad الاقتصاد",
      "مشروع*",
      "(النفط OR الغاز) الإنتاج",
      "الحكومه",        // misspelt: a suggestion
      "\"غير مغلق",     // malformed: unbalanced quote
      "(الحكومة",       // malformed: unbalanced parenthesis
      "date:2025-13",   // malformed: a bad month
      "-الحكومة",       // malformed: only an exclusion
      "nosuchfield:x",  // malformed: unknown field
  };
  std::vector<fahras::SearchRequest> out;
  for (std::size_t i = 0; i < texts.size() * 3; ++i) {
    fahras::SearchRequest request;
    request.text = texts[i % texts.size()];
    request.now = "2025-06-01T00:00";
    switch (i / texts.size()) {
      case 0:
        break;
      case 1:
        request.facets = true;
        request.sort = fahras::SortOrder::Newest;
        request.highlight = fahras::HighlightStyle::Html;
        break;
      default:
        request.offset = 2;
        request.limit = 3;
        request.collapse = false;
        request.recency_half_life = "7d";
        request.filters = {"date:2025"};
        break;
    }
    out.push_back(std::move(request));
  }
  return out;
}

/** The answer as text: the JSON without the time taken, or the syntax error. */
std::string answer(fahras::Searcher& searcher, const fahras::SearchRequest& request) {
  try {
    fahras::SearchResponse response = searcher.search(request);
    response.elapsed_ms = 0;
    return fahras::to_json(response);
  } catch (const fahras::QuerySyntaxError& e) {
    return std::string("syntax error: ") + e.what();
  }
}

}  // namespace

TEST_SUITE("threads") {
  TEST_CASE("stress: 8 threads x 500 mixed requests through one pool answer as one thread does") {
    fahras::test::SampleDatabase db;
    const std::vector<fahras::SearchRequest> requests = mixed_requests();
    std::vector<std::string> expected;
    std::size_t syntax_errors = 0;
    std::size_t with_hits = 0;
    {
      fahras::Searcher alone(db.path());
      for (const auto& request : requests) {
        expected.push_back(answer(alone, request));
        if (expected.back().rfind("syntax error: ", 0) == 0) ++syntax_errors;
        if (expected.back().find("\"hits\":[{") != std::string::npos) ++with_hits;
      }
    }
    CHECK(syntax_errors == 5 * 3);
    CHECK(with_hits > requests.size() / 2);

    fahras::SearcherPool pool(db.path(), 4);  // fewer searchers than threads: some wait
    std::atomic<std::size_t> mismatches = 0;
    std::atomic<std::size_t> failures = 0;
    std::atomic<std::size_t> done = 0;
    std::vector<std::string> first_mismatch(thread_count);
    std::vector<std::thread> threads;
    for (std::size_t t = 0; t < thread_count; ++t) {
      threads.emplace_back([&, t] {
        for (std::size_t n = 0; n < requests_per_thread; ++n) {
          const std::size_t k = (t * 7 + n * 13) % requests.size();  // each thread its own order
          try {
            auto lease = pool.acquire();
            const std::string got = answer(*lease, requests[k]);
            if (got != expected[k]) {
              if (mismatches++ == 0) first_mismatch[t] = requests[k].text + "\n" + got + "\n" + expected[k];
            }
          } catch (const std::exception& e) {
            if (failures++ == 0) first_mismatch[t] = requests[k].text + ": " + e.what();
          }
          ++done;
        }
      });
    }
    for (auto& thread : threads) thread.join();
    std::string shown;
    for (const auto& text : first_mismatch) shown += text.empty() ? "" : text + "\n";
    INFO(shown);
    CHECK(done == thread_count * requests_per_thread);
    CHECK(failures == 0);
    CHECK(mismatches == 0);
  }
}
