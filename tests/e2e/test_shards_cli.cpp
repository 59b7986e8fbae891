// fahras-index --shard-by: shard sets of the samples by month, year and hash, checked against a
// single database built from the same input; re-runs, moves, deletes, a wrong --shard-by.
#include "database_snapshot.hpp"
#include "process.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>
#include <xapian.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <csignal>
#include <cstdlib>
#include <thread>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <string>
#include <vector>

namespace {

namespace fs = std::filesystem;
using namespace fahras::test;

const std::string samples = FAHRAS_SAMPLES_DIR;
const std::string sample_inputs = samples + "/articles.jsonl " + samples + "/articles.json " + samples + "/text";
constexpr Xapian::valueno published_slot = 0;  // the schema's PublishedAt
constexpr Xapian::valueno sort_key_slot = 4;   // checked against a document below

Result index(const std::string& arguments) {
  return run_command(std::string(FAHRAS_INDEX_BIN) + " --progress off " + arguments + " 2>&1");
}

nlohmann::json manifest_of(const std::string& set) {
  std::ifstream in(set + "/fahras-shards.json");
  return nlohmann::json::parse(in);
}

// Shard name → path, from the manifest.
std::map<std::string, std::string> shards_of(const std::string& set) {
  std::map<std::string, std::string> shards;
  const nlohmann::json manifest = manifest_of(set);
  for (const auto& shard : manifest["shards"]) {
    shards[shard["name"].get<std::string>()] = set + "/" + shard["path"].get<std::string>();
  }
  return shards;
}

// Every shard's documents together; CHECKs that no id is in two shards nor twice in one.
std::map<std::string, std::string> union_snapshot(const std::string& set) {
  std::map<std::string, std::string> all;
  std::set<Xapian::docid> docids;
  for (const auto& shard_entry : shards_of(set)) {
    const std::string& name = shard_entry.first;
    const std::string& path = shard_entry.second;
    INFO("shard ", name);
    count_id_terms(path);
    for (auto& [id, doc] : document_snapshot(path)) CHECK(all.emplace(id, doc).second);
    const Xapian::Database shard(path);
    for (auto it = shard.postlist_begin(""); it != shard.postlist_end(""); ++it) CHECK(docids.insert(*it).second);
  }
  return all;
}

// The shard an article of the single database `db` belongs in, by its Month value ("YYYY-MM").
std::map<std::string, std::size_t> expected_counts(const std::string& db, bool by_year) {
  std::map<std::string, std::size_t> counts;
  const Xapian::Database single(db);
  for (auto it = single.postlist_begin(""); it != single.postlist_end(""); ++it) {
    const std::string month = single.get_document(*it).get_value(6);  // the schema's Month
    ++counts[month.empty() ? "undated" : by_year ? month.substr(0, 4) : month];
  }
  return counts;
}

// The ranking of `query` (relevance, then the article id) as "id weight" lines.
std::vector<std::string> ranking(const Xapian::Database& db, const Xapian::Query& query) {
  Xapian::Enquire enquire(db);
  enquire.set_query(query);
  enquire.set_sort_by_relevance_then_value(sort_key_slot, false);
  const Xapian::MSet mset = enquire.get_mset(0, 100);
  std::vector<std::string> hits;
  for (auto it = mset.begin(); it != mset.end(); ++it) {
    hits.push_back(it.get_document().get_value(sort_key_slot) + " " + std::to_string(std::llround(it.get_weight() * 1e6)));
  }
  return hits;
}

void write_lines(const std::string& path, const std::vector<std::string>& lines) {
  std::ofstream out(path);
  for (const std::string& line : lines) out << line << '\n';
}

std::string article(const std::string& id, const std::string& date, const std::string& title) {
  return R"({"id":")" + id + R"(","source":"واس","date":")" + date + R"(","title":")" + title +
         R"(","content":"أعلنت وزارة النقل عن مشروع جديد لتطوير الطرق في منطقة الرياض خلال العام المقبل"})";
}

// `total` short articles over 7 sources, in May 2025.
void write_big_input(const std::string& path, int total) {
  std::ofstream out(path);
  for (int i = 0; i < total; ++i) {
    out << R"({"id":"big-)" << i << R"(","source":"s)" << i % 7 << R"(","date":"2025-05-)" << 10 + i % 20
        << R"(","title":"خبر رقم )" << i << R"( عن الاقتصاد","content":"قال الوزير إن النمو بلغ )" << i
        << R"( بالمئة في الربع الأول\nوأضاف أن الحكومة ستواصل الإصلاحات )" << i * 7 << "\"}\n";
  }
}

// Each shard's spelling dictionary and metadata.
std::map<std::string, std::vector<std::string>> spellings_of(const std::string& set) {
  std::map<std::string, std::vector<std::string>> all;
  for (const auto& [name, path] : shards_of(set)) all[name] = spellings_and_metadata(path);
  return all;
}

}  // namespace

TEST_SUITE("e2e shard sets") {
  TEST_CASE("the samples sharded by month, year and hash:3: the documents of a single database, each in one shard") {
    TempDir tmp;
    const std::string single = tmp / "single";
    const Result one = index("--timezone Asia/Riyadh --db " + single + " " + sample_inputs);
    REQUIRE(one.exit_code == 1);  // the samples' malformed records
    const auto expected = document_snapshot(single);
    REQUIRE(expected.size() > 30);
    {  // the slot the ranking sorts on holds the article id
      const Xapian::Database db(single);
      CHECK_FALSE(db.get_document(*db.postlist_begin("")).get_value(sort_key_slot).empty());
    }
    {  // batches of 3: an update and a re-keying reach documents an earlier batch handed over
      const Result small = index("--timezone Asia/Riyadh --shard-by month --commit-every 3 --db " + (tmp / "small") + " " +
                                 sample_inputs);
      CHECK(small.exit_code == 1);
      // (boilerplate is decided per batch: compared with a single database in batches of 3)
      REQUIRE(index("--timezone Asia/Riyadh --commit-every 3 --db " + (tmp / "single-small") + " " + sample_inputs).exit_code == 1);
      CHECK(union_snapshot(tmp / "small") == document_snapshot(tmp / "single-small"));
    }
    for (const std::string by : {"month", "year", "hash:3"}) {
      INFO("--shard-by ", by);
      const std::string set = tmp / ("set-" + by);
      const Result first = index("--timezone Asia/Riyadh --shard-by " + by + " --db " + set + " " + sample_inputs);
      INFO(first.out);
      CHECK(first.exit_code == 1);
      CHECK(first.out.find(std::to_string(expected.size()) + " documents in the database") != std::string::npos);
      CHECK(first.out.find(" written: ") != std::string::npos);

      const nlohmann::json manifest = manifest_of(set);
      CHECK(manifest["format"] == "fahras-shard-set");
      CHECK(manifest["version"] == 1);
      CHECK(manifest["shard_by"] == by);
      CHECK(manifest["timezone"] == "Asia/Riyadh");
      std::map<std::string, std::size_t> counts;
      for (const auto& shard : manifest["shards"]) {
        const std::string path = set + "/" + shard["path"].get<std::string>();
        const Xapian::Database db(path);
        CHECK(shard["documents"] == db.get_doccount());
        counts[shard["name"]] = shard["documents"];
        // Each shard is a database of its own: stamped, readable by fahras-query.
        CHECK(db.get_metadata("fahras.timezone") == "Asia/Riyadh");
        CHECK(db.get_metadata("fahras.analysis") == Xapian::Database(single).get_metadata("fahras.analysis"));
        const Result q = run_command(std::string(FAHRAS_QUERY_BIN) + " --db " + path + " --json --limit 1 الرياض 2>&1");
        CHECK((q.exit_code == 0 || q.exit_code == 1));  // hits or none; never a database error
        if (shard["name"] == "undated") {
          CHECK(shard["published_min"].is_null());
        } else if (by != "hash:3") {
          const double min = Xapian::sortable_unserialise(db.get_value_lower_bound(published_slot));
          CHECK(shard["published_min"] == static_cast<std::int64_t>(min));
          CHECK(shard["published_min"].get<std::int64_t>() <= shard["published_max"].get<std::int64_t>());
        }
      }
      if (by == "hash:3") {
        for (const auto& [name, n] : counts) CHECK(name.rfind("hash-", 0) == 0);
        CHECK(counts.size() > 1);
      } else {
        CHECK(counts == expected_counts(single, by == "year"));
      }
      CHECK(union_snapshot(set) == expected);

      // Searched as one database, the shards rank as the single database does.
      Xapian::Database all;
      for (const auto& [name, path] : shards_of(set)) all.add_database(Xapian::Database(path));
      const Xapian::Database whole(single);
      for (const char* const words : {"الرياض", "وزارة", "مشروع"}) {
        INFO("query ", words);
        const Xapian::Query query(Xapian::Query::OP_OR, Xapian::Query(words), Xapian::Query("Zالنقل"));
        const auto hits = ranking(whole, query);
        CHECK(ranking(all, query) == hits);
      }

      // The same input again changes nothing.
      const auto before = manifest_of(set);
      const Result again = index("--shard-by " + by + " --db " + set + " " + sample_inputs);
      INFO(again.out);
      CHECK(again.exit_code == 1);
      CHECK(again.out.find("0 added, 0 updated, " + std::to_string(expected.size()) + " unchanged") != std::string::npos);
      CHECK(manifest_of(set) == before);
      CHECK(union_snapshot(set) == expected);
    }
  }

  TEST_CASE("a shard set: an article whose date changes moves to its month; --delete and --delete-before reach its shard") {
    TempDir tmp;
    const std::string set = tmp / "set";
    write_lines(tmp / "night1.jsonl", {article("a", "2025-05-10T10:00:00Z", "خبر أول"), article("b", "2025-05-20T10:00:00Z", "خبر ثان"),
                                       article("c", "2025-06-02T10:00:00Z", "خبر ثالث")});
    REQUIRE(index("--shard-by month --db " + set + " " + (tmp / "night1.jsonl")).exit_code == 0);
    CHECK(manifest_of(set)["shards"].size() == 2);
    CHECK(Xapian::Database(set + "/2025-05").get_doccount() == 2);

    // Night 2: "a" was dated wrong; it is now in June.
    write_lines(tmp / "night2.jsonl", {article("a", "2025-06-12T10:00:00Z", "خبر أول")});
    const Result moved = index("--db " + set + " " + (tmp / "night2.jsonl"));
    INFO(moved.out);
    REQUIRE(moved.exit_code == 0);
    CHECK(moved.out.find("0 added, 1 updated, 0 unchanged") != std::string::npos);
    CHECK(moved.out.find("2 shards written: 2025-05 2025-06") != std::string::npos);
    CHECK(Xapian::Database(set + "/2025-05").get_doccount() == 1);
    CHECK(Xapian::Database(set + "/2025-05").get_termfreq("Qa") == 0);
    CHECK(Xapian::Database(set + "/2025-06").get_termfreq("Qa") == 1);
    CHECK(shards_of(set).size() == 2);
    CHECK(manifest_of(set)["shards"][1]["documents"] == 2);

    // The same as a single database of both nights.
    const std::string single = tmp / "single";
    REQUIRE(index("--db " + single + " " + (tmp / "night1.jsonl")).exit_code == 0);
    REQUIRE(index("--db " + single + " " + (tmp / "night2.jsonl")).exit_code == 0);
    CHECK(union_snapshot(set) == document_snapshot(single));

    // --delete: out of its shard; a shard left empty is no longer listed.
    const Result deleted = index("--db " + set + " --delete b");
    INFO(deleted.out);
    CHECK(deleted.exit_code == 0);
    CHECK(Xapian::Database(set + "/2025-05").get_doccount() == 0);
    CHECK(shards_of(set).count("2025-05") == 0);
    // --delete-before: through the catalog's publication times.
    const Result retention = index("--db " + set + " --delete-before 2025-06-05");
    INFO(retention.out);
    CHECK(retention.exit_code == 0);
    CHECK(retention.out.find("1 deleted") != std::string::npos);
    CHECK(Xapian::Database(set + "/2025-06").get_termfreq("Qc") == 0);
    CHECK(Xapian::Database(set + "/2025-06").get_termfreq("Qa") == 1);
    CHECK(manifest_of(set)["shards"][0]["documents"] == 1);
  }

  TEST_CASE("kill -9 in the middle of a night's run on a shard set, then the same command: the set of one uninterrupted run") {
    TempDir tmp;
    constexpr int total = 20000;
    write_big_input(tmp / "big.jsonl", total);
    const std::string night1 = "--shard-by month --db " + (tmp / "set") + " " + sample_inputs;
    REQUIRE(index(night1).exit_code == 1);
    const Xapian::doccount before = Xapian::Database(tmp / "set/.catalog").get_doccount();
    const std::string command = std::string(FAHRAS_INDEX_BIN) + " --progress off --commit-every 200 --db " +
                                (tmp / "set") + " " + (tmp / "big.jsonl");
    const pid_t pid = start_background(command, tmp);
    wait_for_documents(tmp / "set/.catalog", before + 400);
    REQUIRE(kill(pid, SIGKILL) == 0);
    while (kill(pid, 0) == 0) std::this_thread::sleep_for(std::chrono::milliseconds(20));
    const Xapian::doccount killed_at = Xapian::Database(tmp / "set/.catalog").get_doccount();
    INFO("catalog documents when killed: ", killed_at);
    CHECK(killed_at < before + total);

    const Result resumed = run_command(command + " 2>&1");
    INFO(resumed.out);
    CHECK(resumed.exit_code == 0);
    CHECK(resumed.out.find("resuming the run left unfinished in ") != std::string::npos);
    CHECK(resumed.out.find(std::to_string(before + total) + " documents in the database") != std::string::npos);

    // The same two nights without a kill.
    const std::string fresh = "--shard-by month --db " + (tmp / "fresh") + " " + sample_inputs;
    REQUIRE(index(fresh).exit_code == 1);
    REQUIRE(index("--commit-every 200 --db " + (tmp / "fresh") + " " + (tmp / "big.jsonl")).exit_code == 0);
    const auto documents = union_snapshot(tmp / "set");
    CHECK(documents.size() == before + total);
    CHECK(documents == union_snapshot(tmp / "fresh"));
    CHECK(spellings_of(tmp / "set") == spellings_of(tmp / "fresh"));
    CHECK(manifest_of(tmp / "set") == manifest_of(tmp / "fresh"));
  }

  TEST_CASE("another --shard-by on a set, or --shard-by on a single database: exit 2, one line naming both") {
    TempDir tmp;
    write_lines(tmp / "in.jsonl", {article("a", "2025-05-10", "خبر")});
    REQUIRE(index("--shard-by month --db " + (tmp / "set") + " " + (tmp / "in.jsonl")).exit_code == 0);
    const auto before = union_snapshot(tmp / "set");
    const Result other = index("--shard-by hash:4 --db " + (tmp / "set") + " " + (tmp / "in.jsonl"));
    INFO(other.out);
    CHECK(other.exit_code == 2);
    CHECK(std::count(other.out.begin(), other.out.end(), '\n') == 1);
    CHECK(other.out.find("--shard-by hash:4") != std::string::npos);
    CHECK(other.out.find("sharded by month") != std::string::npos);
    CHECK(union_snapshot(tmp / "set") == before);

    REQUIRE(index("--db " + (tmp / "single") + " " + (tmp / "in.jsonl")).exit_code == 0);
    const Result single = index("--shard-by month --db " + (tmp / "single") + " " + (tmp / "in.jsonl"));
    CHECK(single.exit_code == 2);
    CHECK(single.out.find("a single database, not a shard set") != std::string::npos);

    for (const char* const bad : {"hash:0", "hash:257", "week", "hash:"}) {
      const Result r = index(std::string("--shard-by ") + bad + " --db " + (tmp / "new") + " " + (tmp / "in.jsonl"));
      CHECK(r.exit_code == 2);
      CHECK(r.out.find("--shard-by: expected month, year or hash:N") != std::string::npos);
    }
  }
}
