// SearcherPool: a bad path fails at once, a full pool blocks until a Lease is given back,
// each acquire follows the database's last commit, and a searcher that cannot follow a
// rebuild is replaced by a fresh one.
#include "fahras/searcher_pool.hpp"
#include "sample_database.hpp"

#include <doctest/doctest.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>
#include <thread>
#include <vector>

using fahras::SearcherPool;
using fahras::test::SampleDatabase;

namespace {

fahras::SearchRequest request_for(const std::string& text) {
  fahras::SearchRequest request;
  request.text = text;
  return request;
}

}  // namespace

TEST_SUITE("threads") {
  TEST_CASE("pool: a bad path fails in the constructor") {
    CHECK_THROWS_AS(SearcherPool("/nonexistent/fahras-db", 2), fahras::DatabaseError);
  }

  TEST_CASE("pool: acquire blocks while every searcher is lent, and gets the one given back") {
    SampleDatabase db;
    SearcherPool pool(db.path(), 1);
    CHECK(pool.max_searchers() == 1);
    CHECK(SearcherPool(db.path()).max_searchers() >= 1);  // 0: one per hardware thread
    auto lease = std::make_unique<SearcherPool::Lease>(pool.acquire());
    const fahras::Searcher* const first = &**lease;
    std::atomic<bool> given_back = false;
    std::atomic<bool> started = false;
    std::atomic<bool> acquired = false;
    std::atomic<bool> acquired_after_give_back = false;
    const fahras::Searcher* second = nullptr;
    std::thread waiter([&] {
      started = true;
      SearcherPool::Lease other = pool.acquire();  // blocks: the only searcher is lent
      acquired = true;
      acquired_after_give_back = given_back.load();
      second = &*other;
      CHECK(other->count(request_for("الحكومة")) > 0);
    });
    // The waiter is in acquire() (or about to be) and must stay there: a pool that did not block
    // would have handed it a searcher by now. (On a slow machine this proves less, never fails.)
    while (!started) std::this_thread::yield();
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    CHECK_FALSE(acquired.load());
    given_back = true;
    lease.reset();
    waiter.join();
    CHECK(acquired_after_give_back);
    CHECK(second == first);  // the same searcher, not a second one
    // Moving a lease moves the searcher; the moved-from one gives nothing back, the other once.
    {
      SearcherPool::Lease a = pool.acquire();
      SearcherPool::Lease b = std::move(a);
      CHECK(&*b == first);
      CHECK(b->document_count() == 42);
    }
    CHECK(pool.document_count() == 42);  // would block for good had b not been given back
  }

  TEST_CASE("pool: each acquire follows the last commit") {
    SampleDatabase db;
    SearcherPool pool(db.path(), 2);
    CHECK(pool.acquire()->count(request_for("زلزال")) == 0);
    {
      std::ofstream out(db.dir() / "more.jsonl");
      out << R"({"id": "x-1", "title": "زلزال", "content": "زلزال يضرب المنطقة", "date": "2025-05-09"})" << '\n';
    }
    fahras::IndexOptions options;
    options.profile_given = false;
    REQUIRE(db.index({(db.dir() / "more.jsonl").string()}, options).added == 1);
    CHECK(pool.acquire()->count(request_for("زلزال")) == 1);
    CHECK(pool.document_count() == 43);
  }

  TEST_CASE("pool: a searcher that cannot follow a rebuild is replaced by a fresh one") {
    SampleDatabase db;
    SearcherPool pool(db.path(), 1);
    const std::string before = pool.acquire()->analysis_profile();
    fahras::IndexOptions other;
    other.profile.stemmer = fahras::StemmerKind::None;
    other.timezone = "Asia/Riyadh";
    db.rebuild(other);
    SearcherPool::Lease lease = pool.acquire();
    CHECK(lease->analysis_profile() == other.profile.id());
    CHECK(lease->analysis_profile() != before);
    CHECK(lease->timezone() == "Asia/Riyadh");
    // Searched with the new profile: as a searcher opened now searches it.
    fahras::Searcher fresh(db.path());
    const SampleDatabase stemmed;  // the old profile finds other articles for some words
    fahras::Searcher old_profile(stemmed.path());
    std::size_t differ_by_profile = 0;
    for (const std::string text : {"الحكومة", "حكومة", "الحكومية", "المشاريع", "مشروع", "الأسعار", "سعر"}) {
      CAPTURE(text);
      fahras::SearchResponse got = lease->search(request_for(text));
      fahras::SearchResponse expected = fresh.search(request_for(text));
      got.elapsed_ms = expected.elapsed_ms = 0;
      CHECK(fahras::to_json(got) == fahras::to_json(expected));
      if (old_profile.count(request_for(text)) != lease->count(request_for(text))) ++differ_by_profile;
    }
    CHECK(differ_by_profile > 0);  // so the comparison above can tell the two profiles apart
  }

  TEST_CASE("pool: when no searcher can be opened, acquire throws and frees its slot") {
    SampleDatabase db;
    SearcherPool pool(db.path(), 1);
    std::filesystem::remove_all(db.path());
    CHECK_THROWS_AS((void)pool.acquire(), fahras::DatabaseError);
    CHECK_THROWS_AS((void)pool.acquire(), fahras::DatabaseError);  // not blocked: the slot is free
    db.rebuild({});
    CHECK(pool.document_count() == 42);
  }
}
