// The query syntax: every construct as a parsed tree, and every error with the part it quotes.
#include "query_lexer.hpp"
#include "query_parser.hpp"

#include "fahras/query.hpp"

#include <doctest/doctest.h>

#include <array>
#include <random>
#include <string>

using fahras::QuerySyntaxError;
using fahras::query::describe;
using fahras::query::parse_plain;
using fahras::query::parse_query;

namespace {

std::string tree(const std::string& query) { return describe(parse_query(query)); }

/** The error a query raises: its message and the fragment it quotes. */
struct Failure {
  std::string message;
  std::string fragment;
  std::size_t offset = 0;
};

Failure failure(const std::string& query) {
  try {
    (void)parse_query(query);
  } catch (const QuerySyntaxError& e) {
    return {e.what(), e.fragment(), e.offset()};
  }
  FAIL("no error for: ", query);
  return {};
}

}  // namespace

TEST_SUITE("query syntax") {
  TEST_CASE("each construct parses to the expected tree") {
    struct Row {
      const char* query;
      const char* tree;
    };
    const Row rows[] = {
        {"بوتين", "بوتين"},
        {"بوتين قمة", "AND(بوتين, قمة)"},
        {"  بوتين   قمة  ", "AND(بوتين, قمة)"},
        {"\"الأمم المتحدة\"", "\"الأمم المتحدة\""},
        {"بوتين -ترامب", "AND(بوتين, NOT(ترامب))"},
        {"بوتين -\"البيت الأبيض\"", "AND(بوتين, NOT(\"البيت الأبيض\"))"},
        {"بوتين -(ترامب بايدن)", "AND(بوتين, NOT(AND(ترامب, بايدن)))"},
        {"بوتين OR ترامب", "OR(بوتين, ترامب)"},
        {"بوتين OR ترامب OR بايدن", "OR(بوتين, ترامب, بايدن)"},
        // OR binds tighter than juxtaposition.
        {"قمة بوتين OR ترامب موسكو", "AND(قمة, OR(بوتين, ترامب), موسكو)"},
        {"(بوتين OR ترامب) قمة", "AND(OR(بوتين, ترامب), قمة)"},
        {"((قمة))", "قمة"},
        {"اقتصا*", "اقتصا*"},
        {"title:الميزانية", "title:الميزانية"},
        {"title:\"ميزانية تكميلية\"", "title:\"ميزانية تكميلية\""},
        {"title:(ميزانية تكميلية)", "AND(title:ميزانية, title:تكميلية)"},
        {"title:اقتص*", "title:اقتص*"},
        {"source:al-khabar", "source:al-khabar"},
        {"author:\"أحمد السالم\"", "author:أحمد السالم"},
        {"person:بوتين", "person:\"بوتين\""},
        {"place:\"الرياض\"", "place:\"الرياض\""},
        {"org:\"الأمم المتحدة\"", "org:\"الأمم المتحدة\""},
        {"entity:أوبك", "entity:\"أوبك\""},
        {"date:2015-07-21", "date:2015-07-21"},
        {"date:2015-07", "date:2015-07"},
        {"date:2015", "date:2015"},
        {"date:2015-07-01..2015-07-31", "date:2015-07-01..2015-07-31"},
        {"date:2015-07..", "date:2015-07.."},
        {"date:..2015-07-31", "date:..2015-07-31"},
        {"since:7d", "since:7d"},
        {"since:2w", "since:2w"},
        {"since:3m", "since:3m"},
        {"since:12h", "since:12h"},
        {"since:2015-07-01", "date:2015-07-01.."},
        {"قمة source:al-khabar date:2025-05", "AND(قمة, source:al-khabar, date:2025-05)"},
        // A colon after an Arabic word is punctuation, and so is a hyphen inside a word.
        {"عاجل: بوتين", "AND(عاجل:, بوتين)"},
        {"عاجل:بوتين", "عاجل:بوتين"},
        {"al-khabar", "al-khabar"},
        // Lower-case "or" is a word; "-" alone or before a space is punctuation kept in the word.
        {"بوتين or ترامب", "AND(بوتين, or, ترامب)"},
        {"بوتين - ترامب", "AND(بوتين, -, ترامب)"},
        {"10:30 الاجتماع", "AND(10:30, الاجتماع)"},
    };
    for (const Row& row : rows) {
      INFO("query: ", row.query);
      CHECK(tree(row.query) == row.tree);
    }
  }

  TEST_CASE("spans point into the query") {
    const auto root = parse_query("قمة -\"البيت الأبيض\"");
    REQUIRE(root.children.size() == 2);
    CHECK(root.children[0].begin == 0);
    CHECK(root.children[0].end == std::string("قمة").size());
    const auto& excluded = root.children[1];
    CHECK(excluded.begin == std::string("قمة ").size());
    CHECK(excluded.end == std::string("قمة -\"البيت الأبيض\"").size());
  }

  TEST_CASE("every error names what is wrong and quotes it") {
    struct Row {
      const char* query;
      const char* message_part;
      const char* fragment;
    };
    const Row rows[] = {
        {"", "empty query", ""},
        {"   ", "empty query", "   "},
        {"\"البيت الأبيض", "unbalanced quote", "\"البيت الأبيض"},
        {"بوتين \"قمة", "unbalanced quote", "\"قمة"},
        {"(بوتين ترامب", "unbalanced parenthesis", "(بوتين ترامب"},
        {"بوتين)", "unbalanced parenthesis", ")"},
        {"()", "empty parentheses", "()"},
        {"foo:bar", "unknown field 'foo:'", "foo:"},
        {"Title:قمة", "unknown field 'Title:'", "Title:"},
        {"title: قمة", "needs a value", "title:"},
        {"source:", "needs a value", "source:"},
        {"date:2015-13", "bad date 'date:2015-13'", "date:2015-13"},
        {"date:2015-02-30", "bad date", "date:2015-02-30"},
        {"date:21-07-2015", "bad date", "date:21-07-2015"},
        {"date:2015-07-01..31", "the end '31'", "date:2015-07-01..31"},
        {"date:..", "at least one end", "date:.."},
        {"date:\"2015\"", "'date:' takes", "date:\"2015\""},
        {"since:7x", "bad span 'since:7x'", "since:7x"},
        {"since:d", "bad span", "since:d"},
        {"-بوتين", "only excludes", "-بوتين"},
        {"-بوتين -ترامب", "only excludes", "-بوتين -ترامب"},
        {"قمة (-بوتين)", "only excludes", "-بوتين"},
        {"OR بوتين", "'OR' needs a term before it", "OR"},
        {"بوتين OR", "'OR' needs a term after it", "OR"},
        {"بوتين OR OR ترامب", "'OR' needs a term after it", "OR"},
        {"بوتين OR -ترامب", "cannot be an OR alternative", "-ترامب"},
        {"*", "'*' needs a word", "*"},
        {"source:(a b)", "takes a word or a quoted name", "source:("},
    };
    for (const Row& row : rows) {
      INFO("query: '", row.query, "'");
      const Failure f = failure(row.query);
      INFO("message: ", f.message);
      CHECK(f.message.find(row.message_part) != std::string::npos);
      CHECK(f.fragment == row.fragment);
      CHECK(std::string(row.query).substr(f.offset, f.fragment.size()) == f.fragment);
    }
  }

  TEST_CASE("the unknown-field message lists the fields") {
    const Failure f = failure("foo:bar");
    CHECK(f.message.find("title: source: author: entity: person: place: org: date: since: mentions:") != std::string::npos);
  }

  TEST_CASE("plain mode takes every run of non-spaces as a word, syntax included") {
    CHECK(describe(parse_plain("-\"قال (الوزير) OR foo:bar")) == "AND(-\"قال, (الوزير), OR, foo:bar)");
    CHECK(describe(parse_plain("قمة")) == "قمة");
    CHECK_THROWS_AS((void)parse_plain("  \t "), QuerySyntaxError);
  }

  TEST_CASE("the lexer marks glued lexemes and fields") {
    using fahras::query::LexKind;
    const auto lexemes = fahras::query::lex("title:\"قمة\" -(a)");
    REQUIRE(lexemes.size() == 6);
    CHECK(lexemes[0].kind == LexKind::Field);
    CHECK(lexemes[0].text == "title");
    CHECK(lexemes[1].kind == LexKind::Phrase);
    CHECK(lexemes[1].glued);
    CHECK(lexemes[2].kind == LexKind::Minus);
    CHECK_FALSE(lexemes[2].glued);
    CHECK(lexemes[3].kind == LexKind::Open);
    CHECK(lexemes[4].kind == LexKind::Word);
    CHECK(lexemes[5].kind == LexKind::Close);
  }

  TEST_CASE("random queries of syntax characters parse or raise a syntax error quoting the query") {
    const std::array<const char*, 22> pieces = {"قمة", "ب", "a", "\"", "(", ")", "-", "*", ":", "OR", " ", " ",
                                                "title:", "date:", "since:", "source:", "foo:", "..", "2015-07",
                                                "7d", "\xd8", "عاجل:"};
    std::mt19937 random(20250519);
    std::uniform_int_distribution<std::size_t> piece(0, pieces.size() - 1);
    std::uniform_int_distribution<int> length(0, 8);
    std::size_t parsed = 0;
    for (int i = 0; i < 20000; ++i) {
      std::string query;
      for (int n = length(random); n > 0; --n) query += pieces[piece(random)];
      try {
        (void)describe(parse_query(query));
        ++parsed;
      } catch (const QuerySyntaxError& e) {
        INFO("query: '", query, "' message: ", e.what());
        REQUIRE(e.offset() <= query.size());
        CHECK(query.compare(e.offset(), e.fragment().size(), e.fragment()) == 0);
      }
    }
    CHECK(parsed > 1000);  // the generator does make valid queries too
  }
}
