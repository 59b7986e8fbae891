// Shard sets: a set (or a stub, or several databases) searches as the combined database does,
// hit for hit; date filters prune by the manifest; the stub parser's errors; shards that are
// missing or disagree; reopening a set whose manifest gained a shard.
#include "fahras/indexer.hpp"
#include "fahras/query.hpp"
#include "sample_database.hpp"
#include "shard_sources.hpp"
#include "shard_split.hpp"
#include "tcp_server.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>
#include <xapian.h>

#include <algorithm>
#include <cstdlib>
#include <sstream>
#include <unistd.h>
#include <filesystem>
#include <fstream>
#include <set>
#include <string>
#include <vector>

// Under AddressSanitizer (g++ or clang), the shared-crawl test indexes a part of the crawl.
#if defined(__SANITIZE_ADDRESS__)  // g++ -fsanitize=address
#define FAHRAS_UNDER_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)  // clang
#define FAHRAS_UNDER_ASAN 1
#endif
#endif

using fahras::DatabaseError;
using fahras::OpenOptions;
using fahras::Searcher;
using fahras::SearchRequest;
using fahras::SearchResponse;
using fahras::SortOrder;
using fahras::test::SampleDatabase;
using fahras::test::split_database;

namespace {

std::vector<std::string> ids_of(const SearchResponse& response) {
  std::vector<std::string> ids;
  for (const auto& hit : response.hits) ids.push_back(hit.id);
  return ids;
}

/** The same hits in the same order, the same scores, copies, total and facets. */
void check_identical(const SearchResponse& combined, const SearchResponse& sharded, const std::string& what) {
  INFO(what);
  CHECK(ids_of(combined) == ids_of(sharded));
  CHECK(combined.total_relation == sharded.total_relation);
  // A lower bound is Xapian's estimate, which depends on how the documents are spread.
  if (combined.total_relation == fahras::TotalRelation::Exact) CHECK(combined.total == sharded.total);
  REQUIRE(combined.hits.size() == sharded.hits.size());
  for (std::size_t i = 0; i < combined.hits.size(); ++i) {
    CHECK(combined.hits[i].score == doctest::Approx(sharded.hits[i].score).epsilon(1e-12));
    CHECK(combined.hits[i].duplicates == sharded.hits[i].duplicates);
    CHECK(combined.hits[i].snippet == sharded.hits[i].snippet);
    CHECK(combined.hits[i].matched_terms == sharded.hits[i].matched_terms);
  }
  CHECK(combined.facets.sources == sharded.facets.sources);
  CHECK(combined.facets.months == sharded.facets.months);
  CHECK(combined.suggestion == sharded.suggestion);
  CHECK(sharded.warnings.empty());
}

std::vector<SearchRequest> identity_requests() {
  std::vector<SearchRequest> out;
  const auto add = [&](std::string text, auto&& change) {
    SearchRequest request;
    request.text = std::move(text);
    request.now = "2025-07-01T00:00";
    change(request);
    out.push_back(request);
  };
  const auto none = [](SearchRequest&) {};
  for (const char* text : {"القمة", "ترامب", "الطقس", "التطعيم", "الميزانية", "ترامب OR زلزال", "ريال", "المشاريع الصغيرة",
                           "source:al-khabar", "الميزانية -قمة source:al-khabar", "\"مجلس الوزراء\"", "اقتصا*"}) {
    add(text, none);
    add(text, [](SearchRequest& r) { r.collapse = false; });
    add(text, [](SearchRequest& r) { r.sort = SortOrder::Newest; });
    add(text, [](SearchRequest& r) { r.sort = SortOrder::Oldest; r.offset = 2; r.limit = 3; });
    add(text, [](SearchRequest& r) { r.recency_half_life = "7d"; });
    add(text, [](SearchRequest& r) { r.around = "2025-05-20"; r.facets = true; });
    add(text, [](SearchRequest& r) { r.limit = 2; r.offset = 1; r.count_up_to = 1; });
    add(text, [](SearchRequest& r) { r.ranking.set("feedback=5"); });
  }
  add("قمم", none);  // spelling
  return out;
}

SearchRequest request_for(const std::string& text) {
  SearchRequest request;
  request.text = text;
  return request;
}

std::string write_file(const std::filesystem::path& path, const std::string& text) {
  std::ofstream(path) << text;
  return path.string();
}

}  // namespace

TEST_SUITE("query shards") {
  TEST_CASE("a shard set searches as the combined database, hit for hit: by month, by hash, a stub, several --db") {
    const SampleDatabase db;
    const std::string months = (db.dir() / "months").string();
    const std::string hashed = (db.dir() / "hashed").string();
    REQUIRE(split_database(db.path(), months, "month") >= 3);
    REQUIRE(split_database(db.path(), hashed, "hash:3") == 3);
    const std::string stub = write_file(db.dir() / "set.stub", "# the hashed set, one line a shard\n\nhashed/hash-0-of-3\n"
                                                               "auto hashed/hash-1-of-3\n" +
                                                                   (db.dir() / "hashed" / "hash-2-of-3").string() + "\n");
    Searcher combined(db.path());
    Searcher by_month(months);
    Searcher by_hash(hashed);
    Searcher by_stub(stub);
    Searcher several(std::vector<std::string>{hashed + "/hash-2-of-3", hashed + "/hash-0-of-3", hashed + "/hash-1-of-3"});
    CHECK(by_month.document_count() == combined.document_count());
    CHECK(by_stub.document_count() == combined.document_count());
    for (const SearchRequest& request : identity_requests()) {
      const SearchResponse expected = combined.search(request);
      const std::string what = request.text + " sort " + std::to_string(static_cast<int>(request.sort)) + " collapse " +
                               std::to_string(request.collapse) + " offset " + std::to_string(request.offset);
      check_identical(expected, by_month.search(request), "month: " + what);
      check_identical(expected, by_hash.search(request), "hash: " + what);
      check_identical(expected, by_stub.search(request), "stub: " + what);
      check_identical(expected, several.search(request), "several: " + what);
      CHECK(combined.count(request) == by_month.count(request));
    }
    // Articles, related articles, facts.
    const SearchResponse some = combined.search(request_for("الميزانية"));
    REQUIRE(!some.hits.empty());
    for (const auto& hit : some.hits) {
      const auto a = combined.article(hit.id);
      const auto b = by_hash.article(hit.id);
      REQUIRE(a);
      REQUIRE(b);
      CHECK(a->title == b->title);
      SearchRequest related;
      related.now = "2025-07-01T00:00";
      const auto ra = combined.related(hit.id, related);
      const auto rb = by_month.related(hit.id, related);
      REQUIRE(ra);
      REQUIRE(rb);
      CHECK(ra->query == rb->query);
      check_identical(*ra, *rb, "related to " + hit.id);
    }
    const fahras::DatabaseInfo info = by_month.info();
    const fahras::DatabaseInfo whole = combined.info();
    CHECK(info.documents == whole.documents);
    CHECK(info.first_date == whole.first_date);
    CHECK(info.last_date == whole.last_date);
    CHECK(info.sources == whole.sources);
    CHECK(info.shards >= 3);
    CHECK(whole.shards == 1);
  }

  TEST_CASE("a date filter searches only the shards whose dates can match: the same set of hits") {
    const SampleDatabase db;
    const std::string months = (db.dir() / "months").string();
    split_database(db.path(), months, "month");
    Searcher combined(db.path());
    Searcher by_month(months);
    for (const char* text : {"date:2025-05", "الميزانية date:2025-05", "date:2025-05-04..2025-05-20", "القمة since:2025-06-01",
                             "date:2025-05 date:2025-06 ريال", "date:2024", "date:..2025-05-10"}) {
      for (const std::vector<std::string>& filters : {std::vector<std::string>{}, std::vector<std::string>{"date:2025"}}) {
        SearchRequest request;
        request.text = text;
        request.filters = filters;
        request.limit = 100;
        request.now = "2025-07-01T00:00";
        const SearchResponse a = combined.search(request);
        const SearchResponse b = by_month.search(request);
        INFO(text);
        const std::vector<std::string> ids_a = ids_of(a);
        const std::vector<std::string> ids_b = ids_of(b);
        CHECK(std::multiset<std::string>(ids_a.begin(), ids_a.end()) ==
              std::multiset<std::string>(ids_b.begin(), ids_b.end()));
        CHECK(a.total == b.total);
        request.facets = true;
        CHECK(combined.search(request).facets.sources == by_month.search(request).facets.sources);
      }
    }
  }

  TEST_CASE("a date filter skips a shard outside its dates: a missing shard out of the window is never opened for it") {
    const SampleDatabase db;
    const std::string months = (db.dir() / "months").string();
    split_database(db.path(), months, "month");
    Searcher by_month(months);
    SearchRequest may;
    may.text = "date:2025-05";
    may.limit = 100;
    const SearchResponse all = by_month.search(may);
    REQUIRE(all.total > 0);
    // A manifest that lies about a shard's dates proves the pruning: its articles drop out.
    nlohmann::json manifest;
    std::ifstream(months + "/fahras-shards.json") >> manifest;
    for (auto& shard : manifest["shards"]) {
      if (shard["name"] == "2025-05") {
        shard["published_min"] = 0;
        shard["published_max"] = 1;
      }
    }
    std::ofstream(months + "/fahras-shards.json") << manifest.dump();
    Searcher lied(months);
    CHECK(lied.search(may).total == 0);
    may.text = "الميزانية";  // no date: every shard
    CHECK(lied.search(may).total == by_month.search(may).total);
  }

  TEST_CASE("stub files: each bad line is an error naming file:line and what") {
    const std::filesystem::path here = std::filesystem::temp_directory_path();
    using fahras::query::parse_stub;
    CHECK(parse_stub("# comment\n\n  remote tcp 127.0.0.1 33445  \r\n", "s.stub", here).size() == 1);
    const auto sources = parse_stub("remote tcp db.example 7000\n", "s.stub", here);
    REQUIRE(sources.size() == 1);
    CHECK(sources.front().remote);
    CHECK(sources.front().label() == "db.example:7000");
    const auto fails = [&](const std::string& text, const std::string& message) {
      INFO(text);
      CHECK_THROWS_WITH_AS(parse_stub(text, "s.stub", here), message.c_str(), DatabaseError);
    };
    fails("# ok\nremote tcp host\n", "s.stub:2: 'remote tcp host': expected 'remote tcp HOST PORT'");
    fails("remote tcp host 0\n", "s.stub:1: bad port '0': expected 1 to 65535");
    fails("remote tcp host 70000\n", "s.stub:1: bad port '70000': expected 1 to 65535");
    fails("remote tcp host 12ab\n", "s.stub:1: bad port '12ab': expected 1 to 65535");
    fails("remote prog xapian-progsrv db\n",
          "s.stub:1: 'remote prog xapian-progsrv db': expected 'remote tcp HOST PORT' (only tcp is read)");
    fails("auto\n", "s.stub:1: 'auto': expected 'auto PATH' (one path, without spaces)");
    fails("a b\n", "s.stub:1: 'a b': expected PATH, 'auto PATH' or 'remote tcp HOST PORT'");
    fails("# nothing\n\n", "s.stub: the stub file lists no database");
  }

  TEST_CASE("manifests: a bad one is an error naming the file; a stub naming itself stops") {
    const SampleDatabase db;
    const std::filesystem::path set = db.dir() / "set";
    std::filesystem::create_directories(set);
    write_file(set / "fahras-shards.json", "{\"format\": \"other\"}");
    CHECK_THROWS_WITH_AS(Searcher(set.string()),
                         ("'" + (set / "fahras-shards.json").string() +
                          "' is not a shard-set manifest (no \"format\": \"fahras-shard-set\")")
                             .c_str(),
                         DatabaseError);
    write_file(set / "fahras-shards.json", "{\"format\": \"fahras-shard-set\", \"version\": 1, \"shards\": [{\"name\": 1}]}");
    CHECK_THROWS_WITH_AS(Searcher(set.string()),
                         ("'" + (set / "fahras-shards.json").string() + "', shard 0: expected an object with a \"path\"").c_str(),
                         DatabaseError);
    const std::string loop = write_file(db.dir() / "loop.stub", "loop.stub\n");
    CHECK_THROWS_AS(Searcher{loop}, DatabaseError);
  }

  TEST_CASE("a shard that is missing: an error naming it; with allow_partial, the others and a warning") {
    const SampleDatabase db;
    const std::string hashed = (db.dir() / "hashed").string();
    split_database(db.path(), hashed, "hash:3");
    const std::string gone = hashed + "/hash-1-of-3";
    const std::size_t gone_documents = Xapian::Database(gone).get_doccount();
    std::filesystem::remove_all(gone);
    CHECK_THROWS_WITH_AS(Searcher{hashed}, ("no database at '" + gone + "'").c_str(), DatabaseError);
    OpenOptions partial;
    partial.allow_partial = true;
    Searcher searcher(hashed, partial);
    CHECK(searcher.document_count() == Searcher(db.path()).document_count() - gone_documents);
    const SearchResponse response = searcher.search(request_for("الميزانية"));
    REQUIRE(response.warnings.size() == 1);
    CHECK(response.warnings.front() == "shard " + gone + " left out: no database at '" + gone + "'");
    CHECK(searcher.warnings() == response.warnings);
    CHECK(nlohmann::json::parse(fahras::to_json(response))["warnings"].size() == 1);
    // Every shard missing: an error even so.
    std::filesystem::remove_all(hashed + "/hash-0-of-3");
    std::filesystem::remove_all(hashed + "/hash-2-of-3");
    CHECK_THROWS_AS(Searcher(std::string(hashed), partial), DatabaseError);
  }

  TEST_CASE("shards must agree on schema, analysis profile and time zone: the error names both") {
    const SampleDatabase db;
    const std::string hashed = (db.dir() / "hashed").string();
    split_database(db.path(), hashed, "hash:2");
    {
      Xapian::WritableDatabase shard(hashed + "/hash-1-of-2");
      shard.set_metadata("fahras.timezone", "Africa/Cairo");
      shard.commit();
    }
    const std::string zone = Xapian::Database(hashed + "/hash-0-of-2").get_metadata("fahras.timezone");
    CHECK_THROWS_WITH_AS(Searcher{hashed},
                         ("the shards disagree: '" + hashed + "/hash-0-of-2' has fahras.timezone '" +
                          (zone.empty() ? "UTC" : zone) + "', '" + hashed + "/hash-1-of-2' has 'Africa/Cairo'")
                             .c_str(),
                         DatabaseError);
  }

  TEST_CASE("reopen: a shard set is read again from its manifest, and a shard added appears") {
    const SampleDatabase db;
    const std::string months = (db.dir() / "months").string();
    split_database(db.path(), months, "month");
    // The set without its last shard at first.
    nlohmann::json manifest;
    std::ifstream(months + "/fahras-shards.json") >> manifest;
    const nlohmann::json whole = manifest;
    manifest["shards"].erase(manifest["shards"].size() - 1);
    std::ofstream(months + "/fahras-shards.json") << manifest.dump();
    Searcher searcher(months);
    const std::size_t before = searcher.document_count();
    CHECK_FALSE(searcher.reopen());
    std::ofstream(months + "/fahras-shards.json") << whole.dump();
    CHECK(searcher.reopen());
    CHECK(searcher.document_count() > before);
    CHECK(searcher.document_count() == Searcher(db.path()).document_count());
    SearchRequest request;
    request.text = "الميزانية";
    request.facets = true;
    check_identical(Searcher(db.path()).search(request), searcher.search(request), "after reopen");
  }
}

TEST_SUITE("query shards remote") {
  TEST_CASE("remote shards (xapian-tcpsrv): the same hits as the local set; a server gone is an error naming it, "
            "or with allow_partial a warning") {
    REQUIRE_MESSAGE(fahras::test::have_tcp_server(), "xapian-tcpsrv is missing: apt-get install xapian-tools");
    const SampleDatabase db;
    const std::string hashed = (db.dir() / "hashed").string();
    split_database(db.path(), hashed, "hash:2");
    fahras::test::TcpServer first(hashed + "/hash-0-of-2");
    fahras::test::TcpServer second(hashed + "/hash-1-of-2");
    const std::string stub = write_file(db.dir() / "remote.stub", first.stub_line() + second.stub_line());
    OpenOptions quick;
    quick.remote_timeout_ms = 5000;
    quick.connect_timeout_ms = 5000;
    Searcher local(hashed);
    Searcher remote(stub, quick);
    CHECK(remote.document_count() == local.document_count());
    // The prefix query has hits to compare (a wildcard's words come from each hit's term list).
    REQUIRE_FALSE(local.search(request_for("الاقتصا*")).hits.empty());
    for (const char* text : {"الميزانية", "القمة", "ترامب OR زلزال", "source:al-khabar", "اقتصا*", "الاقتصا*", "الميزانية date:2025-05"}) {
      for (const bool collapse : {true, false}) {
        SearchRequest request = request_for(text);
        request.collapse = collapse;
        request.now = "2025-07-01T00:00";
        const SearchResponse a = local.search(request);
        const SearchResponse b = remote.search(request);
        INFO(text);
        CHECK(ids_of(a) == ids_of(b));
        CHECK(a.total == b.total);
        if (!collapse) CHECK(a.total_relation == b.total_relation);
        CHECK(b.warnings.empty());
        REQUIRE(a.hits.size() == b.hits.size());
        for (std::size_t i = 0; i < a.hits.size(); ++i) {
          CHECK(a.hits[i].matched_terms == b.hits[i].matched_terms);  // remote: read from the documents' term lists
          CHECK(a.hits[i].snippet == b.hits[i].snippet);
        }
        request.recency_half_life = "7d";
        CHECK(ids_of(local.search(request)) == ids_of(remote.search(request)));
        CHECK(local.count(request) == remote.count(request));
      }
    }
    const auto article = remote.article(local.search(request_for("الميزانية")).hits.front().id);
    CHECK(article.has_value());
    // What Xapian 1.4's remote protocol cannot carry: a sort by date (a RequestError), facets (a warning).
    SearchRequest by_date = request_for("الميزانية");
    by_date.sort = SortOrder::Newest;
    CHECK_THROWS_AS((void)remote.search(by_date), fahras::RequestError);
    SearchRequest with_facets = request_for("الميزانية");
    with_facets.facets = true;
    const SearchResponse faceted = remote.search(with_facets);
    CHECK(faceted.facets.sources.empty());
    REQUIRE(faceted.warnings.size() == 1);
    CHECK(faceted.warnings.front().find("facets are not counted over remote shards") == 0);

    // A server gone mid-life: this Searcher's next search fails naming it...
    OpenOptions partial = quick;
    partial.allow_partial = true;
    Searcher tolerant(stub, partial);
    const std::size_t only_first = Xapian::Database(hashed + "/hash-0-of-2").get_doccount();
    const std::string gone = "127.0.0.1:" + std::to_string(second.port());
    second.stop();
    SearchRequest request = request_for("الميزانية");
    CHECK_THROWS_WITH_AS((void)remote.search(request), doctest::Contains(("the shard " + gone + " did not answer").c_str()),
                         DatabaseError);
    // ... and with allow_partial, it goes on over the other, with a warning naming it.
    const SearchResponse rest = tolerant.search(request);
    REQUIRE(rest.warnings.size() == 1);
    CHECK(rest.warnings.front().find("shard " + gone + " left out: ") == 0);
    CHECK(tolerant.document_count() == only_first);
    for (const auto& hit : rest.hits) CHECK(Searcher(hashed + "/hash-0-of-2").article(hit.id).has_value());
    // Opened now: the same.
    CHECK_THROWS_WITH_AS(Searcher(stub, quick), doctest::Contains(("cannot reach the shard " + gone).c_str()), DatabaseError);
    CHECK(Searcher(stub, partial).search(request).warnings.size() == 1);
  }
}

// Run apart by ctest as "unit_shared_shards", reported skipped where the folder is absent.
TEST_SUITE("query shards shared") {
  TEST_CASE("shared crawl: fahras-index --shard-by month finds the single database's hits, pages 1 and 2, for the eval queries") {
    const char* env = std::getenv("FAHRAS_SHARED");
    const std::filesystem::path shared =
        env != nullptr && *env != '\0' ? std::filesystem::path(env) : std::filesystem::path(FAHRAS_SHARED_DEFAULT);
    const std::filesystem::path corpus = shared / "corpora" / "saudinewsnet";
    if (!std::filesystem::is_directory(corpus)) {
      MESSAGE("skipped: no shared crawl at ", corpus.string(), " (set FAHRAS_SHARED)");
      return;
    }
    struct Folder {
      std::filesystem::path path = std::filesystem::temp_directory_path() /
                                   ("fahras-shared-shards-" + std::to_string(::getpid()));
      Folder() { std::filesystem::create_directories(path); }
      ~Folder() { std::filesystem::remove_all(path); }
    } dir;
    // The same input indexed twice by the indexer: one database, and a shard set by month.
    fahras::IndexOptions options;
    options.database = (dir.path / "db").string();
    options.inputs = {corpus.string()};
#ifdef FAHRAS_UNDER_ASAN
    // Under AddressSanitizer the crawl indexed twice takes too long: its first two and last two
    // days (July and August: two month shards) stand for it.
    std::vector<std::string> days;
    for (const auto& entry : std::filesystem::directory_iterator(corpus)) days.push_back(entry.path().string());
    std::sort(days.begin(), days.end());
    REQUIRE(days.size() >= 4);
    options.inputs = {days[0], days[1], days[days.size() - 2], days[days.size() - 1]};
#endif
    options.timezone = "Asia/Riyadh";
    std::ostringstream diagnostics;
    fahras::run_index(options, diagnostics);
    fahras::IndexOptions sharded = options;
    sharded.database = (dir.path / "months").string();
    sharded.shard_by = "month";
    const fahras::IndexSummary summary = fahras::run_index(sharded, diagnostics);
    CHECK(summary.shards.size() > 1);
    const std::string months = sharded.database;
    Searcher combined(options.database);
    Searcher by_month(months);
    std::vector<std::string> queries;
    for (const char* file : {"latency.tsv", "known_item_dev.tsv"}) {
      std::ifstream in(shared / "eval" / file);
      std::string line;
      for (int n = 0; n < 100 && std::getline(in, line); ++n) {
        const std::size_t a = line.find('\t');
        const std::size_t b = line.find('\t', a + 1);
        if (a != std::string::npos) queries.push_back(line.substr(a + 1, b == std::string::npos ? b : b - a - 1));
      }
    }
    REQUIRE(queries.size() >= 100);
    for (const std::string& text : queries) {
      for (const std::size_t offset : {std::size_t{0}, std::size_t{10}}) {
        SearchRequest request;
        request.plain = true;
        request.text = text;
        request.offset = offset;
        request.snippets = false;
        const SearchResponse a = combined.search(request);
        const SearchResponse b = by_month.search(request);
        INFO(text, " offset ", offset);
        CHECK(ids_of(a) == ids_of(b));
        CHECK(a.total_relation == b.total_relation);
        if (a.total_relation == fahras::TotalRelation::Exact) CHECK(a.total == b.total);
      }
    }
  }
}
