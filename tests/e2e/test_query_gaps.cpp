// Filters that every article matches, on a database whose document numbers have gaps (Xapian
// 1.4 fails on such a term where it weighs nothing; see common/src/unweighted_term.hpp):
// one-shot, --count, --facets, --entities, --jsonl and --batch. The interactive session is in
// test_query_tty.cpp, the library in tests/test_query_search.cpp.
#include "gaps_db.hpp"
#include "process.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>
#include <xapian.h>

#include <fstream>
#include <sstream>
#include <string>

namespace {

using fahras::test::gaps_db;
using fahras::test::gaps_db_articles;
using fahras::test::Result;
using fahras::test::run_command;
using fahras::test::shell_quote;
using fahras::test::TempDir;

Result query(const std::string& arguments) {
  return run_command(std::string(FAHRAS_QUERY_BIN) + " --db " + gaps_db() + " " + arguments + " 2>&1");
}

}  // namespace

TEST_SUITE("e2e fahras-query on a database with gaps") {
  TEST_CASE("the database has gaps and a day term that every article holds") {
    const Xapian::Database db(gaps_db());
    CHECK(db.get_doccount() == gaps_db_articles);
    CHECK(db.get_lastdocid() > db.get_doccount());
    CHECK(db.get_termfreq("D20150801") == db.get_doccount());
    // What fahras works around: Xapian itself fails on that term where it weighs nothing.
    Xapian::Enquire enquire(db);
    enquire.set_query(Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, Xapian::Query("D20150801"), 0.0));
    CHECK_THROWS_AS(enquire.get_mset(0, 10, db.get_doccount()), Xapian::DatabaseCorruptError);
  }

  TEST_CASE("one-shot: filters every article matches find every article") {
    for (const std::string filter : {"date:2015-08-01", "date:2015-08", "date:2015", "source:al-khabar",
                                     "date:2015 source:al-khabar", "date:2015-08-01 OR date:2015-07-15"}) {
      CAPTURE(filter);
      const Result count = query("--no-collapse --count " + shell_quote(filter));
      INFO(count.out);
      CHECK(count.exit_code == 0);
      CHECK(count.out.find(std::to_string(gaps_db_articles)) != std::string::npos);
      const Result json = query("--no-collapse --json --limit 2000 " + shell_quote(filter));
      INFO(json.out);
      REQUIRE(json.exit_code == 0);
      CHECK(nlohmann::json::parse(json.out)["hits"].size() == gaps_db_articles);
    }
    const Result facets = query("--facets --json --limit 1 date:2015");
    INFO(facets.out);
    CHECK(facets.exit_code == 0);
    const Result entities = query("--entities date:2015");
    INFO(entities.out);
    CHECK(entities.exit_code == 1);  // the generated articles name no entity
    CHECK(entities.out.empty());
    const Result jsonl = query("--jsonl --limit 5 date:2015");
    INFO(jsonl.out);
    CHECK(jsonl.exit_code == 0);
  }

  TEST_CASE("one-shot: excluding a word, a prefix or a filter that every article matches leaves nothing") {
    for (const std::string excluded : {"النفط -الاقتصاد", "النفط -الاقت*", "date:2015 -source:al-khabar",
                                       "date:2015 -date:2015-08-01"}) {
      CAPTURE(excluded);
      const Result r = query("--no-collapse --json " + shell_quote(excluded));
      INFO(r.out);
      CHECK(r.exit_code == 1);
      CHECK(r.out.find("Error") == std::string::npos);
    }
  }

  TEST_CASE("--batch: every line runs; none stops the batch") {
    TempDir tmp;
    const std::string file = tmp / "queries.txt";
    {
      std::ofstream out(file);
      out << "date:2015\ndate:2015-08\ndate:2015-08-01\nsource:al-khabar\nالاقتصاد date:2015\nالنفط\n";
    }
    const Result r = query("--no-collapse --limit 2000 --batch " + file);
    INFO(r.out);
    CHECK(r.exit_code == 0);
    std::istringstream lines(r.out);
    std::string line;
    int count = 0;
    while (std::getline(lines, line)) {
      const auto json = nlohmann::json::parse(line);
      CAPTURE(line.substr(0, 200));
      CHECK_FALSE(json.contains("error"));
      if (count < 5) CHECK(json["hits"].size() == gaps_db_articles);
      ++count;
    }
    CHECK(count == 6);
  }
}
