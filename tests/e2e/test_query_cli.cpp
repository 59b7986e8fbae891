// fahras-query as analysts and scripts run it: on the samples indexed by the real fahras-index,
// JSON shape, human output, exit codes, batches with a bad line, --plain, --no-collapse,
// --count, --jsonl, --info, --analyze, colours, widths, visual bidi and terminal sanitizing.
// (The interactive session and terminal detection are in test_query_tty.cpp.)
#include "process.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>
#include <xapian.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <memory>
#include <random>
#include <sstream>
#include <string>
#include <vector>

namespace {

using fahras::test::Result;
using fahras::test::sample_db;
using fahras::test::run_command;
using fahras::test::shell_quote;
using fahras::test::TempDir;



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

/** A database of two articles written for these tests: one whose title, source and body hold
 *  escape sequences and a BEL, and one titled سلام with the body كتاب (for visual bidi). */
const std::string& odd_db() {
  static const std::unique_ptr<TempDir> dir = [] {
    auto tmp = std::make_unique<TempDir>();
    {
      std::ofstream out(*tmp / "odd.jsonl");
      out << R"({"id":"esc-1","source":"evil\u001b[2Jsrc","date":"2025-05-02",)"
          << R"("title":"خبر \u001b[31mعاجل\u0007 \u001b]0;pwned\u0007 اليوم",)"
          << R"("content":"نص الخبر العاجل \u001b[5m يومض \u009b31m هنا\u001b"})" << '\n'
          << R"({"id":"salam","source":"s","date":"2025-05-01","title":"سلام","content":"كتاب"})" << '\n';
    }
    const Result indexed = run_command(std::string(FAHRAS_INDEX_BIN) + " --progress off --db " + (*tmp / "db") + " " +
                                       (*tmp / "odd.jsonl") + " 2>&1");
    INFO(indexed.out);
    REQUIRE(indexed.exit_code == 0);
    return tmp;
  }();
  static const std::string path = *dir / "db";
  return path;
}

/** A database of one wire story in 80 copies (indexed first; it names بوتين) and 120 stories of
 *  their own in random words, spread over three sources; every article holds الحكومة. 121
 *  stories, 200 articles: Xapian's estimate of the total, stopped after the first page, is 110. */
const std::string& wire_db() {
  static const std::unique_ptr<TempDir> dir = [] {
    auto tmp = std::make_unique<TempDir>();
    std::mt19937 random(7);
    const auto words = [&random](std::size_t count) {
      static const std::vector<std::string> letters = {"ب", "ت", "ث", "ج", "ح", "خ", "د", "ذ", "ر", "ز", "س", "ش", "ص", "ض",
                                                       "ط", "ظ", "ع", "غ", "ف", "ق", "ك", "ل", "م", "ن", "ه", "و", "ي"};
      std::uniform_int_distribution<std::size_t> pick(0, letters.size() - 1);
      std::string text;
      for (std::size_t w = 0; w < count; ++w) {
        text += ' ';
        for (int i = 0; i < 5; ++i) text += letters[pick(random)];
      }
      return text;
    };
    const std::string sources[] = {"al-khabar", "sahifat-alyawm", "wakalat-al-anba"};
    const std::string wire = "الحكومة تستقبل بوتين" + words(30);
    {
      std::ofstream out(*tmp / "wire.jsonl");
      for (int i = 0; i < 200; ++i) {
        const bool copy = i < 80;
        out << nlohmann::json{{"id", (copy ? "wire-" : "story-") + std::to_string(1000 + i)},
                              {"title", copy ? "بيان" : "خبر"},
                              {"content", copy ? wire : "الحكومة" + words(30)},
                              {"source", sources[i % 3]},
                              {"date", copy ? "2025-05-01T10:00:00Z" : "2025-06-01T10:00:00Z"}}
                   .dump()
            << '\n';
      }
    }
    const Result indexed = run_command(std::string(FAHRAS_INDEX_BIN) + " --progress off --db " + (*tmp / "db") + " " +
                                       (*tmp / "wire.jsonl") + " 2>&1");
    INFO(indexed.out);
    REQUIRE(indexed.exit_code == 0);
    return tmp;
  }();
  static const std::string path = *dir / "db";
  return path;
}

Result query_wire(const std::string& arguments) {
  return run_command(std::string(FAHRAS_QUERY_BIN) + " --db " + wire_db() + " " + arguments);
}

/** Every escape sequence in `text` is one of the SGR sequences fahras-query writes itself. */
bool only_own_sgr(const std::string& text) {
  for (std::size_t at = text.find('\x1b'); at != std::string::npos; at = text.find('\x1b', at + 1)) {
    const std::size_t end = text.find('m', at);
    if (end == std::string::npos || text[at + 1] != '[') return false;
    const std::string params = text.substr(at + 2, end - at - 2);
    if (params != "0" && params != "1" && params != "2" && params != "1;31") return false;
  }
  return true;
}

/** The lines of `text`, without their newlines. */
std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) lines.push_back(line);
  return lines;
}

std::size_t code_points(const std::string& text) {
  return static_cast<std::size_t>(std::count_if(text.begin(), text.end(), [](char c) { return (c & 0xC0) != 0x80; }));
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
    CHECK(keys(json) ==
          std::vector<std::string>{"query", "total", "total_relation", "timed_out", "hits", "facets", "suggestion",
                                   "elapsed_ms"});
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
    CHECK(error_of(db + "--rank k1=much أوبك").find("'much' is not a number") != std::string::npos);
    CHECK(error_of(db + "--rank=-speed أوبك").find("unknown lever 'speed'") != std::string::npos);
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
                               "--explain", "--count", "--jsonl", "--analyze", "--info", "--color", "--bidi",
                               "NO_COLOR"}) {
      INFO(option);
      CHECK(help.out.find(option) != std::string::npos);
    }
    CHECK(help.out.find("بوتين") != std::string::npos);
    const Result explain = query("--explain 'أوبك -قطر source:al-khabar'");
    CHECK(explain.exit_code == 0);
    CHECK(explain.out.find("AND(أوبك, NOT(قطر), source:al-khabar)") == 0);
  }

  TEST_CASE("--count prints the exact number of matching articles; 0 exits 1") {
    const Result count = query("--count ميزانية");
    INFO(count.out);
    CHECK(count.exit_code == 0);
    const auto all = nlohmann::json::parse(query("--json --limit 100 ميزانية").out);
    CHECK(count.out == std::to_string(all["hits"].size()) + "\n");
    CHECK(query("--count --no-collapse أوبك").out == "2\n");
    CHECK(query("--count أوبك").out == "1\n");  // the two copies are one story
    const Result none = query("--count xyzzyq");
    CHECK(none.exit_code == 1);
    CHECK(none.out == "0\n");
    const auto json = nlohmann::ordered_json::parse(query("--count --json أوبك").out);
    CHECK(keys(json) == std::vector<std::string>{"query", "total", "total_relation"});
    CHECK(json["total"] == 1);
    CHECK(json.value("total_relation", "") == "eq");
  }

  TEST_CASE("the total is exact below 10,000 whatever the page, and the same in JSON, text, --count and batches") {
    for (const char* limit : {"--limit 1", "--limit 10", ""}) {
      CAPTURE(limit);
      const auto json = nlohmann::ordered_json::parse(query_wire(std::string("--json ") + limit + " الحكومة").out);
      CHECK(json["total"] == 121);
      CHECK(json.value("total_relation", "") == "eq");
    }
    CHECK(lines_of(query_wire("--limit 1 الحكومة").out).back().find("1 hit of 121 (") == 0);
    const Result count = query_wire("--count الحكومة");
    CHECK(count.exit_code == 0);
    CHECK(count.out == "121\n");
    CHECK(query_wire("--count --no-collapse الحكومة").out == "200\n");
    const auto counted = nlohmann::ordered_json::parse(query_wire("--count --json الحكومة").out);
    CHECK(counted["total"] == 121);
    CHECK(counted.value("total_relation", "") == "eq");
    const auto batch = json_lines(run_command("printf '%s\\n' الحكومة | " + std::string(FAHRAS_QUERY_BIN) + " --db " +
                                              wire_db() + " --batch -").out);
    REQUIRE(batch.size() == 1);
    CHECK(batch[0]["total"] == 121);
    CHECK(batch[0].value("total_relation", "") == "eq");
  }

  TEST_CASE("--facets and --entities count stories as the total does; each count is what that filter finds") {
    const Result faceted = query_wire("--json --facets --limit 1 الحكومة");
    INFO(faceted.out);
    const auto json = nlohmann::ordered_json::parse(faceted.out);
    CHECK(json["total"] == 121);
    // The wire story counts once in May (not 80 times), and once under each source carrying it.
    CHECK(json["facets"]["months"] == nlohmann::ordered_json::parse(R"([["2025-05", 1], ["2025-06", 120]])"));
    REQUIRE(json["facets"]["sources"].size() == 3);
    for (const auto& source : json["facets"]["sources"]) {
      CHECK(source[1] == 41);
      const std::string name = source[0];
      CHECK(query_wire("--count 'الحكومة source:" + name + "'").out == std::to_string(source[1].get<int>()) + "\n");
    }
    const Result entities = query_wire("--entities الحكومة");
    INFO(entities.out);
    CHECK(entities.exit_code == 0);
    CHECK(entities.out.find("1\tperson\t") == 0);  // بوتين: one story, in 80 copies
    const auto listed = nlohmann::ordered_json::parse(query_wire("--entities --json الحكومة").out);
    CHECK(listed["total"] == 121);
    REQUIRE(listed["entities"].size() == 1);
    CHECK(listed["entities"][0][1] == "person");
    CHECK(listed["entities"][0][2] == 1);
    const std::string person = listed["entities"][0][0];
    CHECK(query_wire("--count 'person:\"" + person + "\"'").out == "1\n");
  }

  TEST_CASE("--entities lists the entities of the matching articles; person:/org: resolve aliases") {
    const Result listed = query("--entities org:اوبك");
    INFO(listed.out);
    CHECK(listed.exit_code == 0);
    // OPEC itself, by its canonical name, counted in the one article that names it.
    CHECK(listed.out.find("\torg\tمنظمة الدول المصدرة للنفط\n") != std::string::npos);
    const auto json = nlohmann::ordered_json::parse(query("--entities --json org:اوبك").out);
    CHECK(keys(json) == std::vector<std::string>{"query", "total", "total_relation", "entities"});
    CHECK_FALSE(json["entities"].empty());
    CHECK(query("--entities xyzzyq").exit_code == 1);
    // Ill-formed UTF-8 in the query is repaired in the JSON, never a crash.
    for (const char* mode : {"--count --json", "--entities --json"}) {
      const Result repaired = query(std::string(mode) + " \"$(printf '\\377')أوبك\"");
      CHECK(repaired.exit_code == 0);
      CHECK(repaired.out.find("\xEF\xBF\xBD") != std::string::npos);  // U+FFFD
    }
    // The gazetteer's full name and its short alias find the same articles.
    CHECK(query("--count 'org:\"منظمة الدول المصدرة للنفط\"'").out == query("--count org:أوبك").out);
  }

  TEST_CASE("--jsonl: one hit a line in the library's shape; nothing and exit 1 when none") {
    const Result r = query("--jsonl --limit 3 'ميزانية OR الحكومة'");
    INFO(r.out);
    CHECK(r.exit_code == 0);
    const auto lines = json_lines(r.out);
    REQUIRE(lines.size() == 3);
    for (std::size_t i = 0; i < lines.size(); ++i) {
      CHECK(keys(lines[i]) == std::vector<std::string>{"rank", "id", "url", "title", "source", "author", "date", "score",
                                                       "snippet", "highlights", "matched_terms", "duplicates"});
      CHECK(lines[i]["rank"] == i + 1);
    }
    const auto json = nlohmann::ordered_json::parse(query("--json --limit 3 'ميزانية OR الحكومة'").out);
    CHECK(lines[0]["id"] == json["hits"][0]["id"]);
    CHECK(lines[2]["id"] == json["hits"][2]["id"]);
    const Result none = query("--jsonl xyzzyq");
    CHECK(none.exit_code == 1);
    CHECK(none.out.empty());
  }

  TEST_CASE("--info: articles, schema, analysis profile, time zone, dates; as text and JSON") {
    const Result text = query("--info");
    INFO(text.out);
    CHECK(text.exit_code == 0);
    CHECK(text.out.find("articles  42\n") != std::string::npos);
    CHECK(text.out.find("analysis  fahras-analysis/2 stemmer=light hamza=unify\n") != std::string::npos);
    CHECK(text.out.find("time zone UTC\n") != std::string::npos);
    CHECK(text.out.find("spelling  yes") != std::string::npos);
    const auto json = nlohmann::ordered_json::parse(query("--info --json").out);
    CHECK(keys(json) == std::vector<std::string>{"path", "documents", "schema", "analysis", "timezone", "first_date",
                                                 "last_date", "sources", "spelling", "updated", "bytes", "revision"});
    CHECK(json["documents"] == 42);
    CHECK(json["schema"] == "3");
    CHECK(json["sources"] == 4);
    CHECK(json["first_date"] <= "2025-05-04T06:15:00Z");  // sample-001's date, in UTC
    CHECK(json["last_date"] >= "2025-05-04T06:15:00Z");
    CHECK(json["first_date"] < json["last_date"]);
    CHECK(json["updated"].get<std::string>().size() == 20);
    CHECK(json["bytes"] > 0);
    CHECK(json["revision"] > 0);
    CHECK(query("--info أوبك 2>/dev/null").exit_code == 2);
    CHECK(run_command(std::string(FAHRAS_QUERY_BIN) + " --info --db /nonexistent/db 2>&1").out ==
          "fahras-query: no database at '/nonexistent/db'\n");
  }

  TEST_CASE("--info: the date range is that of the articles left after deletions and updates") {
    const TempDir tmp;
    const std::string db = tmp / "db";
    const std::string index = std::string(FAHRAS_INDEX_BIN) + " --progress off 2>&1 --db " + db + " ";
    const auto write = [&](const std::string& file, const std::vector<std::pair<std::string, std::string>>& articles) {
      std::ofstream out(tmp / file);
      for (const auto& [id, date] : articles) {
        out << R"({"id":")" << id << R"(","date":")" << date << R"(","title":"خبر )" << id
            << R"(","content":"نص الخبر )" << id << R"("})" << '\n';
      }
    };
    const auto info = [&] {
      const Result result = run_command(std::string(FAHRAS_QUERY_BIN) + " --db " + db + " --info --json");
      REQUIRE(result.exit_code == 0);
      return nlohmann::json::parse(result.out);
    };
    write("a.jsonl", {{"old", "2015-01-10"}, {"mid", "2015-06-15"}, {"new", "2015-12-20"}});
    REQUIRE(run_command(index + tmp / "a.jsonl").exit_code == 0);
    CHECK(info()["first_date"] == "2015-01-10T00:00:00Z");
    CHECK(info()["last_date"] == "2015-12-20T00:00:00Z");
    REQUIRE(run_command(index + "--delete-before 2015-03-01").exit_code == 0);
    CHECK(info()["documents"] == 2);
    CHECK(info()["first_date"] == "2015-06-15T00:00:00Z");  // not the deleted article's
    write("b.jsonl", {{"new", "2015-09-01"}});  // the latest article, updated, moves back
    REQUIRE(run_command(index + tmp / "b.jsonl").exit_code == 0);
    CHECK(info()["last_date"] == "2015-09-01T00:00:00Z");
    REQUIRE(run_command(index + "--delete-before 2016-01-01").exit_code == 0);
    const auto none = info();
    CHECK(none["documents"] == 0);
    CHECK(none["first_date"] == "");
    const Result text = run_command(std::string(FAHRAS_QUERY_BIN) + " --db " + db + " --info");
    CHECK(text.out.find("none dated") != std::string::npos);
  }

  TEST_CASE("--analyze: the analysis table, by the database's profile, with or without --db") {
    const Result table = query("--analyze 'وبالمفاوضات الرئيـــس'");
    INFO(table.out);
    CHECK(table.exit_code == 0);
    CHECK(table.out.rfind("pos  bytes", 0) == 0);
    CHECK(table.out.find("مفاوض") != std::string::npos);
    CHECK(table.out.find("الرءيس") != std::string::npos);
    CHECK(table.out.find("profile fahras-analysis/2 stemmer=light hamza=unify") != std::string::npos);
    const Result alone = run_command(std::string(FAHRAS_QUERY_BIN) + " --json --analyze 'على CNBC'");
    CHECK(alone.exit_code == 0);
    const auto json = nlohmann::json::parse(alone.out);
    REQUIRE(json["tokens"].size() == 2);
    CHECK(json["tokens"][0]["stop"] == true);
    CHECK(json["tokens"][1]["normalized"] == "cnbc");
    CHECK(query("--analyze x أوبك 2>/dev/null").exit_code == 2);
  }

  TEST_CASE("--color: always writes SGR even into a pipe, never and NO_COLOR write none") {
    const Result always = query("--color=always --limit 1 'ميزانية تكميلية'");
    INFO(always.out);
    CHECK(always.exit_code == 0);
    CHECK(always.out.find("\x1b[1;31mميزانية\x1b[0m") != std::string::npos);
    CHECK(always.out.find('[' + std::string("ميزانية") + ']') == std::string::npos);  // no brackets with colour
    CHECK(only_own_sgr(always.out));
    const Result never = query("--color never --limit 1 'ميزانية تكميلية'");
    CHECK(never.out.find('\x1b') == std::string::npos);
    CHECK(never.out.find("[ميزانية]") != std::string::npos);
    const Result no_color = run_command("NO_COLOR=1 " + std::string(FAHRAS_QUERY_BIN) + " --db " + sample_db() +
                                        " --limit 1 'ميزانية تكميلية'");
    CHECK(no_color.out.find('\x1b') == std::string::npos);
    const Result forced = run_command("NO_COLOR=1 " + std::string(FAHRAS_QUERY_BIN) + " --db " + sample_db() +
                                      " --color=always --limit 1 'ميزانية تكميلية'");
    CHECK(forced.out.find("\x1b[1;31m") != std::string::npos);  // the option overrides the variable
    CHECK(query("--color=sometimes أوبك 2>&1").out == "fahras-query: --color must be auto, always or never, not 'sometimes'\n");
  }

  TEST_CASE("widths: COLUMNS wraps every line; without it a pipe gets one line a field") {
    const Result wrapped = run_command("COLUMNS=40 " + std::string(FAHRAS_QUERY_BIN) + " --db " + sample_db() +
                                       " --limit 3 ميزانية");
    INFO(wrapped.out);
    CHECK(wrapped.exit_code == 0);
    const auto lines = lines_of(wrapped.out);
    CHECK(lines.size() > 14);
    for (const std::string& line : lines) CHECK(code_points(line) <= 40);
    const Result long_lines = run_command("env -u COLUMNS " + std::string(FAHRAS_QUERY_BIN) + " --db " + sample_db() +
                                          " --limit 3 ميزانية");
    CHECK(lines_of(long_lines.out).size() == 2 * 4 + 1);  // 2 hits: title, meta, snippet, blank; the footer
  }

  TEST_CASE("did you mean: shown when a misspelt query finds little") {
    const Result r = query("مزانية");
    INFO(r.out);
    CHECK(r.exit_code == 1);
    CHECK(r.out.rfind("Did you mean: ميزانية\n", 0) == 0);  // as the articles write it, not normalized
    CHECK(query("--limit 1 ميزانية").out.find("Did you mean") == std::string::npos);
  }

  TEST_CASE("escape sequences and control characters in articles never reach the terminal") {
    // The indexer already strips them; put them back into the stored article behind its back.
    TempDir tmp;
    const std::string db = tmp / "db";
    std::filesystem::copy(odd_db(), db);
    {
      Xapian::WritableDatabase writable(db, Xapian::DB_OPEN);
      const Xapian::docid id = *writable.postlist_begin("Qsalam");
      Xapian::Document doc = writable.get_document(id);
      auto data = nlohmann::json::parse(doc.get_data());
      data["title"] = "\x1b[31mسلام\x07 \x1b]0;pwned\x07 \x1b[2J\x1b[H";
      data["source"] = "s\x1b[5m\x08\x7f";
      data["url"] = "https://e.example/\x1b]8;;http://evil\x1b\\x\x1b]8;;\x1b\\";
      data["body"] = "كتاب \x1b[?1049h\xc2\x9b" "31m\r\x1b" "c\xe2\x80\xae" "عكس";
      doc.set_data(data.dump());
      writable.replace_document(id, doc);
      writable.commit();
    }
    for (const std::string color : {"never", "always"}) {
      for (const std::string bidi : {"logical", "visual"}) {
        const Result r = run_command(std::string(FAHRAS_QUERY_BIN) + " --db " + db + " --color=" + color +
                                     " --bidi=" + bidi + " --facets سلام");
        INFO(color, " ", bidi, ": ", r.out);
        CHECK(r.exit_code == 0);
        CHECK(r.out.find("e.example/x") != std::string::npos);
        for (const char bad : {'\a', '\b', '\r', '\x7f'}) CHECK(r.out.find(bad) == std::string::npos);
        CHECK(r.out.find("\xC2\x9B") == std::string::npos);        // C1 CSI
        CHECK(r.out.find("\xE2\x80\xAE") == std::string::npos);    // RLO
        CHECK(r.out.find("pwned") == std::string::npos);           // an OSC is removed whole
        CHECK(only_own_sgr(r.out));
        if (color == "never") CHECK(r.out.find('\x1b') == std::string::npos);
      }
    }
    const Result logical = run_command(std::string(FAHRAS_QUERY_BIN) + " --db " + db + " --color=never سلام");
    INFO(logical.out);
    CHECK(logical.out.rfind("1. [سلام]  \n   s · 2025-05-01 · https://e.example/x\n   كتاب  عكس\n", 0) == 0);
    // JSON keeps the stored text as it is: escaping is the consumer's business there
    const auto json = nlohmann::json::parse(run_command(std::string(FAHRAS_QUERY_BIN) + " --db " + db + " --json سلام").out);
    CHECK(json["hits"][0]["title"].get<std::string>().find('\x1b') != std::string::npos);
  }

  TEST_CASE("--bidi=visual: each line shaped, reordered and held in LRO…PDF") {
    const Result r = run_command("env -u COLUMNS " + std::string(FAHRAS_QUERY_BIN) + " --db " + odd_db() +
                                 " --bidi=visual --color=never سلام");
    INFO(r.out);
    REQUIRE(r.exit_code == 0);
    const auto lines = lines_of(r.out);
    REQUIRE(lines.size() >= 3);
    // "1. [سلام]": سلام shaped (seen initial FEB3, lam-alef final FEFC, meem isolated FEE1),
    // reversed, the brackets mirrored, the rank on the right
    CHECK(lines[0] == "\u202D[\uFEE1\uFEFC\uFEB3] .1\u202C");
    CHECK(lines[1] == "\u202D   s · 2025-05-01\u202C");
    // the body كتاب: kaf initial FEDB, teh medial FE98, alef final FE8E, beh isolated FE8F
    CHECK(lines[2] == "\u202D   \uFE8F\uFE8E\uFE98\uFEDB\u202C");
    const Result coloured = run_command(std::string(FAHRAS_QUERY_BIN) + " --db " + odd_db() +
                                        " --bidi=visual --color=always سلام");
    CHECK(coloured.out.rfind("\u202D\x1b[1m\x1b[1;31m\uFEE1\uFEFC\uFEB3\x1b[0m\x1b[1m .1\x1b[0m\u202C\n", 0) == 0);
    const Result right = run_command("COLUMNS=20 " + std::string(FAHRAS_QUERY_BIN) + " --db " + odd_db() +
                                      " --bidi=visual --color=never سلام");
    // with a known width a right-to-left line is right-aligned (3 columns of margin, as the indent)
    CHECK(lines_of(right.out)[2] == "\u202D" + std::string(13, ' ') + "\uFE8F\uFE8E\uFE98\uFEDB\u202C");
    CHECK(query("--bidi=sideways أوبك 2>&1").out == "fahras-query: --bidi must be logical or visual, not 'sideways'\n");
  }

  TEST_CASE("messages name the real problem: a bad --limit, the operator in --explain, plain weights") {
    // The argument after an option that takes a value is that value, even when it starts with '-'.
    CHECK(query("--limit -5 بوتين 2>&1").out == "fahras-query: --limit takes a whole number, 0 or more, not '-5'\n");
    CHECK(query("--limit -5 بوتين").exit_code == 2);
    CHECK(query("--offset=-1 أوبك 2>&1").out == "fahras-query: --offset takes a whole number, 0 or more, not '-1'\n");
    CHECK(query("--snippet-chars 12x أوبك 2>&1").out ==
          "fahras-query: --snippet-chars takes a whole number, 0 or more, not '12x'\n");
    // Words joined by a space are alternatives under the default operator, every one with --operator and.
    const Result any = query("--explain 'بوتين ترامب'");
    INFO(any.out);
    CHECK(any.exit_code == 0);
    CHECK(any.out.rfind("OR(بوتين, ترامب)\n", 0) == 0);
    CHECK(query("--explain --operator and 'بوتين ترامب'").out.rfind("AND(بوتين, ترامب)\n", 0) == 0);
    CHECK(query("--explain 'بوتين ترامب -قطر source:a source:b'").out.rfind(
              "AND(OR(بوتين, ترامب), NOT(قطر), OR(source:a, source:b))\n", 0) == 0);
    // Xapian's weight factors at their shortest
    CHECK(any.out.find(" 0.3 * بوتين") != std::string::npos);
    CHECK(any.out.find("0.2999") == std::string::npos);
    // --explain --json: the same two descriptions, as JSON; --jsonl on one line
    const Result json = query("--explain --json 'بوتين ترامب'");
    CHECK(json.exit_code == 0);
    const auto explained = nlohmann::ordered_json::parse(json.out);
    CHECK(keys(explained) == std::vector<std::string>{"query", "parsed", "xapian"});
    CHECK(explained["query"] == "بوتين ترامب");
    CHECK(explained["parsed"] == "OR(بوتين, ترامب)");
    CHECK(explained["xapian"].get<std::string>().rfind("Query(", 0) == 0);
    const Result line = query("--explain --jsonl 'بوتين ترامب'");
    CHECK(lines_of(line.out).size() == 1);
    CHECK(nlohmann::ordered_json::parse(line.out) == explained);
  }

  TEST_CASE("output modes: each combination is honoured or refused with one line, never ignored") {
    const auto refused = [](const std::string& arguments) {
      const Result r = query(arguments + " 2>&1 >/dev/null");
      INFO(arguments, " -> ", r.out);
      CHECK(r.exit_code == 2);
      CHECK(r.out.rfind("fahras-query: ", 0) == 0);
      CHECK(std::count(r.out.begin(), r.out.end(), '\n') == 1);
      return r.out;
    };
    CHECK(refused("--jsonl --facets أوبك") ==
          "fahras-query: --jsonl prints only the hits, one a line; for the facets: --json --facets\n");
    CHECK(refused("--count --facets أوبك") ==
          "fahras-query: --count prints only the number; for the number and the facets: --json --limit 0 --facets\n");
    CHECK(refused("--count --entities أوبك") == "fahras-query: give --count or --entities, not both\n");
    CHECK(refused("--count --explain أوبك") == "fahras-query: give --count or --explain, not both\n");
    CHECK(refused("--entities --explain أوبك") == "fahras-query: give --entities or --explain, not both\n");
    CHECK(refused("--info --count") == "fahras-query: give --info or --count, not both\n");
    CHECK(refused("--analyze x --explain") == "fahras-query: give --analyze or --explain, not both\n");
    CHECK(refused("--batch - --count < /dev/null") == "fahras-query: give --batch or --count, not both\n");
    CHECK(refused("--batch - --jsonl < /dev/null").find("drop --jsonl") != std::string::npos);
    CHECK(refused("--explain --facets أوبك") == "fahras-query: --explain does not search: --facets does not apply\n");
    CHECK(refused("--info --facets") == "fahras-query: --info does not search: --facets does not apply\n");
    CHECK(refused("--count --limit 5 أوبك") ==
          "fahras-query: --count counts every match: --limit and --offset do not apply\n");
    CHECK(refused("--count --offset 5 أوبك").find("--offset do not apply") != std::string::npos);
    CHECK(refused("--entities --offset 2 أوبك").find("--offset does not apply") != std::string::npos);
    CHECK(refused("--batch ''").find("--batch takes a FILE") != std::string::npos);

    // --limit 0: no hits shown, and the status says whether anything matches
    const Result none_shown = query("--limit 0 أوبك");
    INFO(none_shown.out);
    CHECK(none_shown.exit_code == 0);
    CHECK(none_shown.out.rfind("0 hits of 1 (", 0) == 0);  // one story (its copy collapsed)
    CHECK(query("--limit 0 xyzzyq").exit_code == 1);
    CHECK(query("--limit 0 --jsonl أوبك").exit_code == 0);
    const Result facets_only = query("--json --limit 0 --facets ميزانية");
    CHECK(facets_only.exit_code == 0);
    const auto facets = nlohmann::json::parse(facets_only.out);
    CHECK(facets["hits"].empty());
    CHECK(!facets["facets"]["sources"].empty());
    // --offset past the last hit: an empty page, exit 1 (a script paging with --offset stops there)
    CHECK(query("--offset 100 أوبك").exit_code == 1);

    // --entities --jsonl: the items of --json's list, one a line; --limit N: the N most frequent
    const auto listed = nlohmann::ordered_json::parse(query("--entities --json 'ميزانية OR الحكومة'").out);
    REQUIRE(listed["entities"].size() >= 2);
    const Result entity_lines = query("--entities --jsonl 'ميزانية OR الحكومة'");
    CHECK(entity_lines.exit_code == 0);
    const auto entities = json_lines(entity_lines.out);
    REQUIRE(entities.size() == listed["entities"].size());
    CHECK(entities[0] == listed["entities"][0]);
    CHECK(lines_of(query("--entities --limit 1 'ميزانية OR الحكومة'").out).size() == 1);
    // --analyze --jsonl: the --json object on one line
    const Result analyzed = run_command(std::string(FAHRAS_QUERY_BIN) + " --jsonl --analyze 'على CNBC'");
    CHECK(analyzed.exit_code == 0);
    CHECK(lines_of(analyzed.out).size() == 1);
    CHECK(nlohmann::json::parse(analyzed.out)["tokens"].size() == 2);
    // --batch writes JSON already: --json changes nothing; --facets adds the facets to each line
    const Result batch = run_command("echo أوبك | " + std::string(FAHRAS_QUERY_BIN) + " --db " + sample_db() +
                                     " --batch - --json --facets");
    CHECK(batch.exit_code == 0);
    CHECK(!nlohmann::json::parse(batch.out)["facets"]["sources"].empty());
  }

  TEST_CASE("--related ID: the articles most like it as a search's hits; an unknown id and a QUERY exit 2") {
    // sample-004, a goal by القحطاني: the two other articles about the player first.
    const Result text = query("--related sample-004 --limit 2");
    INFO(text.out);
    CHECK(text.exit_code == 0);
    CHECK(text.out.rfind("related by: ", 0) == 0);
    CHECK(text.out.find("1. أندية أوروبية تراقب [يوسف] [القحطاني]") != std::string::npos);
    CHECK(text.out.find("2. [القحطاني] ضمن قائمة المنتخب") != std::string::npos);
    CHECK(text.out.find("3. ") == std::string::npos);

    // Never the article nor its near-duplicate copy, even uncollapsed; JSON as a search's.
    const Result copies = query("--related sample-002 --no-collapse --limit 100 --jsonl");
    REQUIRE(copies.exit_code == 0);
    const auto lines = json_lines(copies.out);
    CHECK(lines.size() > 10);
    for (const auto& hit : lines) {
      CHECK(hit["id"] != "sample-002");
      CHECK(hit["id"] != "sample-003");
    }
    const auto json = nlohmann::ordered_json::parse(query("--related sample-004 --json --limit 3 --offset 1").out);
    REQUIRE(json["hits"].size() == 3);
    CHECK(json["hits"][0]["rank"] == 2);
    CHECK(json["hits"][0]["title"] == "القحطاني ضمن قائمة المنتخب لتصفيات كأس العالم");
    CHECK(json["query"].get<std::string>().find("القحطاني") != std::string::npos);

    // Filters: since, and nothing left: exit 1.
    for (const auto& hit : json_lines(query("--related sample-004 --jsonl --limit 100 --since 2025-06-10 --now 2025-07-01").out)) {
      CHECK(hit["date"].get<std::string>() >= "2025-06-10");
    }
    const Result none = query("--related sample-004 --since 2030-01-01 --now 2030-02-01");
    CHECK(none.exit_code == 1);
    CHECK(none.out.find("0 hits of 0") != std::string::npos);

    const Result unknown = query("--related sample-999 2>&1");
    CHECK(unknown.exit_code == 2);
    CHECK(unknown.out == "fahras-query: no article with the id 'sample-999'\n");
    const Result with_query = query("--related sample-004 قمة 2>&1");
    CHECK(with_query.exit_code == 2);
    CHECK(with_query.out == "fahras-query: --related takes an article ID alone, with no QUERY\n");
    const Result sorted = query("--related sample-004 --sort newest 2>&1");
    CHECK(sorted.exit_code == 2);
    CHECK(sorted.out == "fahras-query: --related lists the most alike first: --sort does not apply\n");
    const Result counted = query("--related sample-004 --count 2>&1");
    CHECK(counted.exit_code == 2);
    CHECK(counted.out == "fahras-query: give --count or --related, not both\n");
    CHECK(query("--related sample-004 --plain 2>&1").out ==
          "fahras-query: --related searches by the article's words: --plain does not apply\n");
    CHECK(query("--related sample-004 --operator and 2>&1").out ==
          "fahras-query: --related matches any of the article's words: --operator does not apply\n");
    CHECK(query("--related 2>&1").exit_code == 2);
  }

  TEST_CASE("bad combinations exit 2 with one line") {
    CHECK(query("--json --jsonl أوبك 2>&1").out == "fahras-query: give --json or --jsonl, not both\n");
    CHECK(query("--info --batch - 2>/dev/null").exit_code == 2);
    CHECK(run_command(std::string(FAHRAS_QUERY_BIN) + " --info 2>&1").out == "fahras-query: --db PATH is required\n");
  }
}
