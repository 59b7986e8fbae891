// Reading the data the indexer stores with each document: the fields a hit shows, the entity
// mentions on demand, and damaged data read as nothing instead of failing.
#include "stored_article.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <string>

using fahras::query::read_stored_article;
using fahras::query::StoredArticle;

TEST_SUITE("query stored article") {
  TEST_CASE("the fields as the indexer writes them, escapes decoded") {
    const nlohmann::json record = {{"author", "مراسل \"الخبر\""},
                                   {"body", "السطر الأول\nالسطر الثاني\t\\ نهاية"},
                                   {"date", "2015-07-21T08:00:00Z"},
                                   {"mentions", "place\triyadh\tالرياض\tb0+10"},
                                   {"id", "a-1"},
                                   {"left_out", {"المزيد"}},
                                   {"source", "al-khabar"},
                                   {"title", "عنوان 😀"},
                                   {"url", "https://x.example/خبر?a=1&b=2"}};
    const StoredArticle article = read_stored_article(record.dump());
    CHECK(article.id == "a-1");
    CHECK(article.url == "https://x.example/خبر?a=1&b=2");
    CHECK(article.title == "عنوان 😀");
    CHECK(article.source == "al-khabar");
    CHECK(article.author == "مراسل \"الخبر\"");
    CHECK(article.date == "2015-07-21T08:00:00Z");
    CHECK(article.body == "السطر الأول\nالسطر الثاني\t\\ نهاية");
    const nlohmann::json entities = article.entities();
    REQUIRE(entities.is_array());
    CHECK(entities == nlohmann::json::array({{{"begin", 0},
                                              {"end", 10},
                                              {"field", "body"},
                                              {"id", "riyadh"},
                                              {"name", "الرياض"},
                                              {"type", "place"}}}));
    // ASCII-escaped as another writer might: \u escapes and a surrogate pair.
    const StoredArticle escaped = read_stored_article(record.dump(-1, ' ', true));
    CHECK(escaped.title == "عنوان 😀");
    CHECK(escaped.body == article.body);
  }

  TEST_CASE("missing or mistyped fields are empty; the others are read") {
    const StoredArticle article =
        read_stored_article(R"({"id":"a-2","title":7,"body":null,"source":["x"],"author":{"a":1},"mentions":["x"]})");
    CHECK(article.id == "a-2");
    CHECK(article.title.empty());
    CHECK(article.body.empty());
    CHECK(article.source.empty());
    CHECK(article.author.empty());
    CHECK(article.url.empty());
    CHECK(article.entities().is_null());  // not a string
    CHECK(read_stored_article(R"({"id":"a-3"})").entities().is_null());
    // A later copy of a key wins, as in any JSON reader.
    CHECK(read_stored_article(R"({"id":"first","id":"second"})").id == "second");
  }

  TEST_CASE("damaged data reads as an article with nothing in it") {
    for (const std::string& data :
         {std::string(), std::string("not json"), std::string("[1,2]"), std::string("\"text\""),
          std::string(R"({"id":"a-4","body":"cut sh)"), std::string(R"({"id":"a-5",)"),
          std::string(R"({"id":"a-6" "body":"x"})"), std::string("{\"id\":\"\xff\xfe\"}"),
          std::string(R"({"id":"a-7","mentions":"place\triyadh)")}) {
      CAPTURE(data);
      const StoredArticle article = read_stored_article(data);
      CHECK(article.id.empty());
      CHECK(article.body.empty());
      CHECK(article.mentions.empty());
    }
  }
}
