#include "article.hpp"

#include <doctest/doctest.h>

#include <stdexcept>

using namespace fahras::indexer;

namespace {
RawRecord record(std::vector<std::pair<std::string, std::string>> fields) {
  RawRecord r;
  r.origin = Origin{"dump.jsonl", "", 3, 3};
  r.fields = std::move(fields);
  return r;
}
}  // namespace

TEST_SUITE("article") {
  TEST_CASE("common field names are recognized") {
    const FieldMap fields;
    const Article a = to_article(record({{"headline", "عنوان"}, {"body", "نص"}, {"published_at", "2025-05-19"},
                                         {"link", "HTTPS://Example.SA/a/B?x=1#top"}, {"site", "okaz"}}),
                                 fields);
    CHECK(a.title == "عنوان");
    CHECK(a.body == "نص");
    CHECK(a.date == "2025-05-19");
    CHECK(a.source == "okaz");
    CHECK(a.url == "HTTPS://Example.SA/a/B?x=1#top");  // stored as given
    CHECK(a.id == "https://example.sa/a/B?x=1");         // id: scheme and host lower-cased, no fragment
    CHECK_FALSE(a.id_from_content);
  }

  TEST_CASE("--field overrides and ignores") {
    FieldMap fields;
    fields.apply("title=العنوان");
    fields.apply("content=");
    const Article a = to_article(record({{"title", "x"}, {"العنوان", "عنوان"}, {"content", "نص"}, {"id", "42"}}), fields);
    CHECK(a.title == "عنوان");
    CHECK(a.body.empty());
    CHECK(a.id == "42");
    CHECK_THROWS_AS(fields.apply("colour=x"), std::invalid_argument);
    CHECK_THROWS_AS(fields.apply("title"), std::invalid_argument);
  }

  TEST_CASE("an article with neither id nor URL gets a stable id from its content") {
    const FieldMap fields;
    const Article a = to_article(record({{"title", "عنوان"}, {"content", "نص"}}), fields);
    const Article b = to_article(record({{"title", "عنوان"}, {"content", "نص"}}), fields);
    const Article c = to_article(record({{"title", "عنوان"}, {"content", "نص آخر"}}), fields);
    CHECK(a.id_from_content);
    CHECK(a.id == b.id);
    CHECK(a.id != c.id);
    CHECK(a.id.rfind("content:", 0) == 0);
  }
}
