// fahras-analyze as a user runs it: arguments, files, standard input, exit codes.
#include "process.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <string>

namespace {

using fahras::test::Result;

Result run(const std::string& arguments) {
  return fahras::test::run_command(std::string(FAHRAS_ANALYZE_BIN) + " " + arguments);
}

const std::string samples = FAHRAS_SAMPLES_DIR;

}  // namespace

TEST_SUITE("e2e fahras-analyze") {
  TEST_CASE("a table for words given as arguments") {
    const Result r = run("'وبالمفاوضات أَحْمَد ١٩/٥/٢٠٢٥'");
    CHECK(r.exit_code == 0);
    CHECK(r.out.find("مفاوض") != std::string::npos);
    CHECK(r.out.find("19/5/2025") != std::string::npos);
    CHECK(r.out.find("3 tokens, 0 invalid UTF-8 sequences") != std::string::npos);
    const Result one = run("\"$(printf 'x\\377')\"");  // one token, one ill-formed byte
    CHECK(one.out.find("\n1 token, 1 invalid UTF-8 sequence; ") != std::string::npos);
  }

  TEST_CASE("JSON for a sample file, offsets into that file") {
    const Result r = run("--json --file " + samples + "/articles.jsonl");
    REQUIRE(r.exit_code == 0);
    const auto report = nlohmann::json::parse(r.out);
    CHECK(report["token_count"].get<int>() > 1000);
    CHECK(report["invalid_utf8"].get<int>() >= 1);  // the sample with bytes FF FE
    CHECK(report["profile"] == "fahras-analysis/2 stemmer=light hamza=unify");
  }

  TEST_CASE("standard input, and the Snowball stemmer on request") {
    const Result r = run("--json --stemmer snowball < " + samples + "/text/01-hajj-preparations.txt");
    REQUIRE(r.exit_code == 0);
    const auto report = nlohmann::json::parse(r.out);
    CHECK(report["profile"] == "fahras-analysis/2 stemmer=snowball hamza=unify");
    CHECK(report["tokens"].size() > 20);
  }

  TEST_CASE("bad arguments and missing files have documented exit codes") {
    CHECK(run("--stemmer porter x 2>/dev/null").exit_code == 2);
    CHECK(run("--no-such-option 2>/dev/null").exit_code == 2);
    CHECK(run("--file /nonexistent/article.txt 2>/dev/null").exit_code == 3);
    CHECK(run("--file " + samples + " 2>/dev/null").exit_code == 3);  // a folder is not a text
    const Result help = run("--help");
    CHECK(help.exit_code == 0);
    CHECK(help.out.find("--stemmer") != std::string::npos);
  }
}
