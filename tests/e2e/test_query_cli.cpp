// fahras-query as analysts and scripts run it: on the samples indexed by the real fahras-index,
// JSON shape, human output, exit codes, batches with a bad line, --plain, --no-collapse.
#include "process.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

namespace {

using fahras::test::Result;
using fahras::test::run_command;
using fahras::test::shell_quote;
using fahras::test::TempDir;

const std::string samples = FAHRAS_SAMPLES_DIR;

/** The samples indexed once for every test here. */
const std::string& sample_db() {
  static const std::unique_ptr<TempDir> dir = [] {
    auto tmp = std::make_unique<TempDir>();
    const Result indexed = run_command(std::string(FAHRAS_INDEX_BIN) + " --progress off --db " + (*tmp / "db") + " " +
                                       samples + "/articles.jsonl " + samples + "/articles.json " + samples + "/text 2>&1");
    INFO(indexed.out);
    REQUIRE(indexed.exit_code <= 1);  // the samples hold bad records on purpose
    return tmp;
  }();
  static const std::string path = *dir / "db";
  return path;
}

Result query(const std::string& arguments) {
  return run_command(std::string(FAHRAS_QUERY_BIN) + " --db " + sample_db() + " " + arguments);
}

std::vector<nlohmann::ordered_json> json_lines(const std::string& text) {
  std::vector<nlohmann::ordered_json> lines;
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) lines.push_back(nlohmann::ordered_json::parse(line));
  return lines;
}

std::vector<std::string> keys(const nlohmann::ordered_json& object) {
  std::vector<std::string> out;
  for (const auto& item : object.items()) out.push_back(item.key());
  return out;
}

}  // namespace

TEST_SUITE("e2e fahras-query") {
  TEST_CASE("--json: the documented shape, the URL as indexed, highlights inside the snippet") {
    const Result r = query("--json 'ميزانية تكميلية'");
    INFO(r.out);
    REQUIRE(r.exit_code == 0);
    const auto json = nlohmann::ordered_json::parse(r.out);
    CHECK(keys(json) == std::vector<std::string>{"query", "total", "hits", "facets", "suggestion", "elapsed_ms"});
    CHECK(json["query"] == "ميزانية تكميلية");
    REQUIRE(!json["hits"].empty());
    const auto& hit = json["hits"][0];
    CHECK(keys(hit) == std::vector<std::string>{"rank", "id", "url", "title", "source", "author", "date", "score",
                                                "snippet", "highlights", "matched_terms", "duplicates"});
    CHECK(hit["rank"] == 1);
    CHECK(hit["id"] == "sample-001");
    CHECK(hit["url"] == "https://al-khabar.example/2025/05/04/economy-101");
    CHECK(hit["date"] == "2025-05-04T06:15:00Z");
    CHECK(hit["author"] == "أحمد السالم");
    const std::string snippet = hit["snippet"];
    REQUIRE(!hit["highlights"].empty());
    for (const auto& range : hit["highlights"]) {
      const std::size_t begin = range[0];
      const std::size_t end = range[1];
      REQUIRE(end <= snippet.size());
      const std::string word = snippet.substr(begin, end - begin);
      CHECK((word == "ميزانية" || word == "تكميلية"));
    }
    CHECK(keys(json["facets"]) == std::vector<std::string>{"sources", "months", "entities"});
  }

  TEST_CASE("human output: rank, title, source · date · url, snippet with plain markers when piped") {
    const Result r = query("'ميزانية تكميلية' --limit 1");
    INFO(r.out);
    CHECK(r.exit_code == 0);
    CHECK(r.out.find("1. الحكومة تقر [ميزانية] [تكميلية]") == 0);
    CHECK(r.out.find("al-khabar · 2025-05-04 · https://al-khabar.example/2025/05/04/economy-101") != std::string::npos);
    CHECK(r.out.find('\x1b') == std::string::npos);  // no ANSI escapes into a pipe
  }

  TEST_CASE("exit codes as grep: 0 hits, 1 none, 2 errors with one line naming the problem") {
    CHECK(query("أوبك > /dev/null").exit_code == 0);
    const Result none = query("xyzzyq");
    CHECK(none.exit_code == 1);
    CHECK(none.out.find("0 hits") != std::string::npos);
    const auto error_of = [](const std::string& arguments) {
      const Result r = run_command(std::string(FAHRAS_QUERY_BIN) + " " + arguments + " 2>&1 >/dev/null");
      INFO(arguments, " -> ", r.out);
      CHECK(r.exit_code == 2);
      CHECK(r.out.rfind("fahras-query: ", 0) == 0);
      CHECK(std::count(r.out.begin(), r.out.end(), '\n') == 1);
      return r.out;
    };
    const std::string db = " --db " + sample_db() + " ";
    CHECK(error_of(db + shell_quote("\"أوبك")).find("unbalanced quote") != std::string::npos);
    CHECK(error_of(db + "'(أوبك'").find("unbalanced parenthesis") != std::string::npos);
    CHECK(error_of(db + "foo:bar").find("unknown field 'foo:'") != std::string::npos);
    CHECK(error_of(db + "date:2025-13").find("bad date 'date:2025-13'") != std::string::npos);
    CHECK(error_of(db + "-- -أوبك").find("only excludes") != std::string::npos);
    CHECK(error_of(db + "--sort sideways أوبك").find("--sort") != std::string::npos);
    CHECK(error_of(db + "--limit x أوبك").find("limit") != std::string::npos);
    CHECK(error_of(db + "--now soon أوبك").find("soon") != std::string::npos);
    CHECK(error_of(db).find("no QUERY") != std::string::npos);
    CHECK(error_of("أوبك").find("--db") != std::string::npos);
    CHECK(error_of("--db /nonexistent/fahras أوبك").find("no database at '/nonexistent/fahras'") != std::string::npos);
    CHECK(error_of(db + "--bogus أوبك").find("bogus") != std::string::npos);
    CHECK(error_of(db + "--rank k9=1 أوبك").find("unknown parameter 'k9'") != std::string::npos);
    CHECK(error_of(db + "--rank k1=much أوبك").find("NAME=NUMBER") != std::string::npos);
    CHECK(error_of(db + "--recency soon أوبك").find("bad half-life 'soon'") != std::string::npos);
  }

  TEST_CASE("an Arabic exclusion on the command line is part of the query, not an option") {
    const Result with = query("--json أوبك");
    const Result without = query("--json أوبك -الإنتاج");
    INFO(without.out);
    REQUIRE(with.exit_code == 0);
    CHECK(without.exit_code == 1);  // both copies speak of الإنتاج
  }

  TEST_CASE("--no-collapse shows every near-duplicate; collapsed hits count them") {
    const auto collapsed = nlohmann::json::parse(query("--json أوبك").out);
    REQUIRE(collapsed["hits"].size() == 1);
    CHECK(collapsed["hits"][0]["duplicates"] == 1);
    const auto all = nlohmann::json::parse(query("--json --no-collapse أوبك").out);
    REQUIRE(all["hits"].size() == 2);
    for (const auto& hit : all["hits"]) CHECK(hit["duplicates"] == 0);
  }

  TEST_CASE("--plain reads syntax characters as words") {
    const Result syntax = query("'\"قال الوزير'");
    CHECK(syntax.exit_code == 2);
    const Result plain = query("--plain --json '\"قال الوزير'");
    INFO(plain.out);
    CHECK(plain.exit_code == 0);
    CHECK(!nlohmann::json::parse(plain.out)["hits"].empty());
  }

  TEST_CASE("--batch: one JSON line a query, errors per line, exit 0 when every line ran") {
    TempDir tmp;
    const std::string file = tmp / "queries.txt";
    {
      std::ofstream out(file);
      out << "أوبك\n"
          << "foo:bar قمة\n"
          << "xyzzyq\n"
          << "\"مجلس الوزراء\"\r\n";
    }
    const Result r = query("--batch " + file + " --limit 3");
    INFO(r.out);
    CHECK(r.exit_code == 0);
    const auto lines = json_lines(r.out);
    REQUIRE(lines.size() == 4);
    CHECK(lines[0]["query"] == "أوبك");
    CHECK(lines[0]["hits"].size() == 1);
    CHECK(lines[0]["elapsed_ms"].is_number());
    CHECK(keys(lines[1]) == std::vector<std::string>{"query", "error"});
    CHECK(lines[1]["error"].get<std::string>().find("unknown field 'foo:'") != std::string::npos);
    CHECK(lines[2]["hits"].empty());
    CHECK(lines[3]["query"] == "\"مجلس الوزراء\"");
    CHECK(lines[3]["hits"].size() <= 3);
    CHECK(!lines[3]["hits"].empty());
  }

  TEST_CASE("--batch - reads standard input and honours --plain, --no-collapse and --limit") {
    const Result r = run_command("printf '%s\\n' 'أوبك' '-\"قال' | " + std::string(FAHRAS_QUERY_BIN) + " --db " +
                                 sample_db() + " --batch - --plain --no-collapse --limit 1");
    INFO(r.out);
    CHECK(r.exit_code == 0);
    const auto lines = json_lines(r.out);
    REQUIRE(lines.size() == 2);
    CHECK(lines[0]["hits"].size() == 1);
    CHECK(lines[0]["total"] == 2);  // not collapsed
    CHECK(lines[1].contains("hits"));
    CHECK(!lines[1].contains("error"));
  }

  TEST_CASE("a batch that cannot run exits 2") {
    CHECK(query("--batch /nonexistent/queries.txt").exit_code == 2);
    const Result r = run_command("echo أوبك | " + std::string(FAHRAS_QUERY_BIN) + " --db /nonexistent/db --batch - 2>&1");
    CHECK(r.exit_code == 2);
    CHECK(r.out.find("no database") != std::string::npos);
    CHECK(query("--batch - أوبك 2>/dev/null").exit_code == 2);  // a batch and a query at once
  }

  TEST_CASE("filters, sorts and --now on the command line") {
    const auto newest = nlohmann::json::parse(query("--json --sort newest --limit 3 source:al-khabar").out);
    const auto oldest = nlohmann::json::parse(query("--json --sort oldest --limit 3 source:al-khabar").out);
    REQUIRE(newest["hits"].size() == 3);
    REQUIRE(oldest["hits"].size() == 3);
    CHECK(newest["hits"][0]["date"] >= newest["hits"][1]["date"]);
    CHECK(oldest["hits"][0]["date"] <= oldest["hits"][1]["date"]);
    CHECK(newest["hits"][0]["date"] > oldest["hits"][0]["date"]);
    for (const auto& hit : newest["hits"]) CHECK(hit["source"] == "al-khabar");
    const auto month = nlohmann::json::parse(query("--json --limit 100 date:2025-05-04").out);
    for (const auto& hit : month["hits"]) CHECK(hit["date"].get<std::string>().substr(0, 10) == "2025-05-04");
    CHECK(query("--now 2025-05-05 since:1d ميزانية > /dev/null").exit_code == 0);
    CHECK(query("--now 2030-01-01 since:1d ميزانية > /dev/null").exit_code == 1);
  }

  TEST_CASE("--help documents every option with Arabic examples; --explain shows the parsed query") {
    const Result help = run_command(std::string(FAHRAS_QUERY_BIN) + " --help");
    CHECK(help.exit_code == 0);
    for (const char* option : {"--db", "--json", "--batch", "--limit", "--offset", "--no-collapse", "--plain", "--sort",
                               "--recency", "--around", "--since", "--now", "--facets", "--operator", "--rank", "--snippet-chars",
                               "--explain"}) {
      INFO(option);
      CHECK(help.out.find(option) != std::string::npos);
    }
    CHECK(help.out.find("بوتين") != std::string::npos);
    const Result explain = query("--explain 'أوبك -قطر source:al-khabar'");
    CHECK(explain.exit_code == 0);
    CHECK(explain.out.find("AND(أوبك, NOT(قطر), source:al-khabar)") == 0);
  }
}
