// The query library's calls beside search: an article by id, the database's facts, the exact
// count, JSON with options and UTF-16 ranges, the time budget, and reopen's checks of a
// database rebuilt under a running Searcher.
#include "fahras/query.hpp"
#include "fahras/schema.hpp"
#include "fahras/terms.hpp"
#include "sample_database.hpp"
#include "stored_mentions.hpp"

#include <doctest/doctest.h>
#include <xapian.h>
#include <nlohmann/json.hpp>

#include <climits>
#include <cstdint>
#include <fstream>
#include <functional>
#include <set>
#include <string>

using fahras::Searcher;
using fahras::SearchRequest;
using fahras::test::SampleDatabase;

namespace {

SearchRequest request_for(const std::string& text) {
  SearchRequest request;
  request.text = text;
  return request;
}

std::string substring(const std::string& text, const fahras::ByteRange& range) {
  return text.substr(range.first, range.second - range.first);
}

/** The raw stored data of the article `id`. */
nlohmann::json stored_data(const std::string& path, const std::string& id) {
  const Xapian::Database db(path);
  const Xapian::PostingIterator it = db.postlist_begin(fahras::id_term(id));
  REQUIRE(it != db.postlist_end(fahras::id_term(id)));
  return nlohmann::json::parse(db.get_document(*it).get_data());
}

std::string fmt_sample(int n) {
  const std::string digits = std::to_string(n);
  return "sample-" + std::string(3 - digits.size(), '0') + digits;
}

std::string message_of(const std::function<void()>& work) {
  try {
    work();
  } catch (const fahras::DatabaseError& e) {
    return e.what();
  }
  return "no DatabaseError";
}

}  // namespace

TEST_SUITE("query library") {
  TEST_CASE("article: by id, in full, highlighted; nullopt for an unknown id") {
    SampleDatabase db;
    Searcher searcher(db.path());
    const auto article = searcher.article("sample-001", request_for("ميزانية"));
    REQUIRE(article.has_value());
    CHECK(article->id == "sample-001");
    CHECK(article->title == "الحكومة تقر ميزانية تكميلية بقيمة ١٢ مليار ريال لدعم المشاريع الصغيرة");
    CHECK(article->source == "al-khabar");
    CHECK(article->author == "أحمد السالم");
    CHECK(article->date == "2025-05-04T06:15:00Z");
    CHECK(article->url == "https://al-khabar.example/2025/05/04/economy-101");
    REQUIRE(article->title_highlights.size() == 1);
    CHECK(substring(article->title, article->title_highlights[0]) == "ميزانية");
    REQUIRE(article->body.size() > 1);
    std::string joined;
    std::size_t lit = 0;
    for (const auto& paragraph : article->body) {
      CHECK_FALSE(paragraph.text.empty());
      joined += (joined.empty() ? "" : "\n") + paragraph.text;
      for (const auto& range : paragraph.highlights) {
        CHECK(substring(paragraph.text, range).find("ميزاني") != std::string::npos);
        ++lit;
      }
    }
    CHECK(lit > 0);
    CHECK(joined == stored_data(db.path(), "sample-001")["body"].get<std::string>());

    // Without a query: nothing highlighted.
    const auto plain = searcher.article("sample-001");
    REQUIRE(plain.has_value());
    CHECK(plain->title_highlights.empty());
    for (const auto& paragraph : plain->body) CHECK(paragraph.highlights.empty());

    CHECK_FALSE(searcher.article("sample-999").has_value());
    CHECK_FALSE(searcher.article("").has_value());
  }

  TEST_CASE("article: an article without an id is found by its URL, also written otherwise") {
    SampleDatabase db;
    Searcher searcher(db.path());
    // articles.json has no ids: the indexer keys them by the normalized URL.
    const std::string url = "https://al-khabar.example/2025/05/20/economy-137";
    const auto exact = searcher.article(url);
    REQUIRE(exact.has_value());
    CHECK(exact->title == "الحربي يبحث مع وفد صندوق النقد الدولي آفاق الإصلاح المالي");
    const auto upper_host = searcher.article("HTTPS://AL-KHABAR.example/2025/05/20/economy-137#top");
    REQUIRE(upper_host.has_value());
    CHECK(upper_host->id == exact->id);
    CHECK_FALSE(searcher.article("https://al-khabar.example/2025/05/20/economy-999").has_value());
  }

  TEST_CASE("article: the entity mentions, body ones placed in their paragraph") {
    SampleDatabase db;
    Searcher searcher(db.path());
    std::size_t checked = 0;
    for (int n = 1; n <= 26; ++n) {
      const std::string id = fmt_sample(n);
      const auto article = searcher.article(id);
      if (!article) continue;  // the malformed lines
      const nlohmann::json data = stored_data(db.path(), id);
      const std::string body = data["body"].get<std::string>();
      const std::vector<fahras::StoredMention> stored = fahras::decode_mentions(data.value("mentions", std::string()));
      REQUIRE(article->mentions.size() == stored.size());
      for (std::size_t i = 0; i < stored.size(); ++i) {
        const auto& m = article->mentions[i];
        const auto& s = stored[i];
        CHECK(m.type == fahras::to_string(s.type));
        CHECK(m.id == s.id);
        CHECK(m.name == s.name);
        CHECK(m.field == (s.in_title ? "title" : "body"));
        const std::string expected = (m.field == "title" ? article->title : body).substr(s.begin, s.end - s.begin);
        const std::string& text = m.field == "title" ? article->title : article->body.at(m.paragraph).text;
        REQUIRE(m.end <= text.size());
        CHECK(substring(text, {m.begin, m.end}) == expected);
        CHECK_FALSE(expected.empty());
        ++checked;
      }
    }
    CHECK(checked > 10);  // the samples name places and organizations
  }

  TEST_CASE("info: the database's facts and its revision, which grows with each commit") {
    SampleDatabase db;
    Searcher searcher(db.path());
    const fahras::DatabaseInfo info = searcher.info();
    CHECK(info.path == db.path());
    CHECK(info.documents == 42);
    CHECK(info.schema == std::to_string(fahras::schema::version));
    CHECK(info.analysis == searcher.analysis_profile());
    CHECK(info.timezone == "UTC");
    CHECK(info.sources == 4);
    CHECK(info.spelling);
    CHECK(info.first_date < info.last_date);
    CHECK(info.updated.size() == 20);
    CHECK(info.bytes > 0);
    CHECK(info.revision > 0);
    const auto json = nlohmann::ordered_json::parse(fahras::to_json(info, fahras::JsonOptions{}));
    CHECK(json["revision"] == info.revision);
    CHECK(json["documents"] == 42);

    {
      std::ofstream out(db.dir() / "more.jsonl");
      out << R"({"id": "x-1", "title": "زلزال", "content": "زلزال يضرب المنطقة", "date": "2025-05-09"})" << '\n';
    }
    fahras::IndexOptions options;
    options.profile_given = false;
    REQUIRE(db.index({(db.dir() / "more.jsonl").string()}, options).added == 1);
    CHECK(searcher.info().revision == info.revision);  // not reopened yet
    CHECK(searcher.reopen());
    CHECK(searcher.info().revision > info.revision);
    CHECK(searcher.info().documents == 43);
  }

  TEST_CASE("count: the exact number of matches, whatever the page, the limits and the facets") {
    SampleDatabase db;
    Searcher searcher(db.path());
    for (const std::string text : {"الحكومة", "أوبك", "source:al-khabar", "النفط OR الاقتصاد", "غيرموجودةابدا"}) {
      CAPTURE(text);
      SearchRequest all = request_for(text);
      all.count_up_to = SIZE_MAX;
      all.limit = 0;
      const std::size_t expected = searcher.search(all).total;
      SearchRequest paged = request_for(text);
      paged.offset = 3;
      paged.limit = 1;
      paged.count_up_to = 2;  // a search would stop counting here
      paged.time_limit_ms = 1e-6;
      CHECK(searcher.count(paged) == expected);
      paged.collapse = false;
      all.collapse = false;
      CHECK(searcher.count(paged) == searcher.search(all).total);
    }
    CHECK(searcher.count(request_for("الحكومة")) > 2);
    CHECK_THROWS_AS((void)searcher.count(request_for("\"unbalanced")), fahras::QuerySyntaxError);
  }

  TEST_CASE("JSON options: chosen fields, UTF-16 ranges, one hit alone, unknown fields refused") {
    SampleDatabase db;
    Searcher searcher(db.path());
    const fahras::SearchResponse response = searcher.search(request_for("الحكومة"));
    REQUIRE(response.hits.size() > 1);
    // A hit alone is the response's hit.
    const auto whole = nlohmann::ordered_json::parse(fahras::to_json(response));
    for (std::size_t i = 0; i < response.hits.size(); ++i) {
      CHECK(nlohmann::ordered_json::parse(fahras::to_json(response.hits[i], fahras::JsonOptions{})) ==
            whole["hits"][i]);
    }
    CHECK(whole["timed_out"] == false);
    CHECK(fahras::to_json(response) == fahras::to_json(response, fahras::JsonOptions{}));
    CHECK(fahras::to_json(response, 2) == fahras::to_json(response, fahras::JsonOptions{2, false, {}}));

    fahras::JsonOptions chosen;
    chosen.fields = {"highlights", "id"};
    chosen.utf16_ranges = true;
    const auto hit = nlohmann::ordered_json::parse(fahras::to_json(response.hits[0], chosen));
    std::vector<std::string> keys;
    for (const auto& item : hit.items()) keys.push_back(item.key());
    CHECK(keys == std::vector<std::string>{"id", "highlights", "highlights_utf16"});
    // Arabic letters take two bytes in UTF-8 and one unit in UTF-16.
    const auto& snippet = response.hits[0].snippet;
    const auto units = fahras::to_utf16_ranges(snippet, response.hits[0].highlights);
    REQUIRE_FALSE(units.empty());
    CHECK(hit["highlights_utf16"][0] == nlohmann::ordered_json::array({units[0].first, units[0].second}));
    CHECK(units[0].second - units[0].first <
          response.hits[0].highlights[0].second - response.hits[0].highlights[0].first);

    fahras::JsonOptions bad;
    bad.fields = {"id", "snipet"};
    try {
      (void)fahras::to_json(response, bad);
      FAIL("no error");
    } catch (const fahras::RequestError& e) {
      CHECK(std::string(e.what()).find("'snipet'") != std::string::npos);
    }
    CHECK_THROWS_AS((void)fahras::to_json(response.hits[0], bad), fahras::RequestError);

    const auto article = searcher.article("sample-001", request_for("ميزانية"));
    REQUIRE(article.has_value());
    fahras::JsonOptions article_options;
    article_options.utf16_ranges = true;
    const auto json = nlohmann::ordered_json::parse(fahras::to_json(*article, article_options));
    keys.clear();
    for (const auto& item : json.items()) keys.push_back(item.key());
    CHECK(keys == std::vector<std::string>{"id", "url", "title", "source", "author", "date", "title_highlights",
                                           "title_highlights_utf16", "body", "mentions"});
    CHECK(json["title_highlights_utf16"][0] ==
          nlohmann::ordered_json::array({fahras::to_utf16_ranges(article->title, article->title_highlights)[0].first,
                                 fahras::to_utf16_ranges(article->title, article->title_highlights)[0].second}));
    CHECK(json["body"][0].contains("highlights_utf16"));
    CHECK_THROWS_AS((void)fahras::to_json(*article, bad), fahras::RequestError);
    fahras::JsonOptions hit_field;
    hit_field.fields = {"snippet"};  // a hit's field, not an article's
    CHECK_THROWS_AS((void)fahras::to_json(*article, hit_field), fahras::RequestError);
  }

  TEST_CASE("to_utf16_ranges counts UTF-16 code units: two for a character beyond the BMP") {
    const std::string text =
        "a\xD8\xA8\xF0\x9F\x98\x80"
        "b";  // a, ب (2 bytes), 😀 (4 bytes), b
    CHECK(fahras::to_utf16_ranges(text, {{0, 1}, {1, 3}, {3, 7}, {7, 8}, {0, 8}}) ==
          std::vector<fahras::ByteRange>{{0, 1}, {1, 2}, {2, 4}, {4, 5}, {0, 5}});
    CHECK(fahras::to_utf16_ranges(text, {{4, 99}}) == std::vector<fahras::ByteRange>{{2, 5}});  // inside, past the end
    CHECK(fahras::to_utf16_ranges("", {{0, 0}}) == std::vector<fahras::ByteRange>{{0, 0}});
    CHECK(fahras::to_utf16_ranges("a\xFF"
                                  "b",
                                  {{2, 3}}) == std::vector<fahras::ByteRange>{{2, 3}});  // ill-formed: one
  }

  TEST_CASE("a time budget too small to count anything: timed_out, the total a lower bound, the page whole") {
    SampleDatabase db;
    Searcher searcher(db.path());
    SearchRequest request = request_for("الحكومة OR النفط OR الاقتصاد");
    request.limit = 1;
    const fahras::SearchResponse free = searcher.search(request);
    CHECK_FALSE(free.timed_out);
    CHECK(free.total_relation == fahras::TotalRelation::Exact);
    REQUIRE(free.total > 1);
    request.time_limit_ms = 1e-6;  // a nanosecond: spent before the first document
    const fahras::SearchResponse cut = searcher.search(request);
    CHECK(cut.timed_out);
    CHECK(cut.total_relation == fahras::TotalRelation::AtLeast);
    CHECK(cut.total <= free.total);
    REQUIRE(cut.hits.size() == 1);
    CHECK(cut.hits[0].id == free.hits[0].id);
    CHECK(nlohmann::json::parse(fahras::to_json(cut))["timed_out"] == true);
    // Nothing to count beyond the page: nothing the budget can cut.
    request.limit = 100;
    CHECK_FALSE(searcher.search(request).timed_out);
    request.time_limit_ms = -1;
    CHECK_THROWS_AS((void)searcher.search(request), fahras::RequestError);
  }

  TEST_CASE("reopen refuses a database rebuilt under the searcher with another profile or time zone") {
    SampleDatabase db;
    fahras::IndexOptions other_profile;
    other_profile.profile.stemmer = fahras::StemmerKind::None;
    const std::string before = fahras::AnalysisProfile{}.id();
    const std::string after = other_profile.profile.id();
    REQUIRE(before != after);
    {
      Searcher searcher(db.path());
      db.rebuild(other_profile);
      const std::string message = message_of([&] { searcher.reopen(); });
      CHECK(message.find(before) != std::string::npos);
      CHECK(message.find(after) != std::string::npos);
      // Broken for good: no search with the old profile on the new database.
      CHECK(message_of([&] { (void)searcher.search(request_for("الحكومة")); }) == message);
      CHECK(message_of([&] { searcher.reopen(); }) == message);
      // A new searcher reads the new profile.
      CHECK(Searcher(db.path()).analysis_profile() == after);
    }
    {
      Searcher searcher(db.path());
      fahras::IndexOptions riyadh = other_profile;
      riyadh.timezone = "Asia/Riyadh";
      db.rebuild(riyadh);
      const std::string message = message_of([&] { searcher.reopen(); });
      CHECK(message.find("'UTC'") != std::string::npos);
      CHECK(message.find("'Asia/Riyadh'") != std::string::npos);
    }
    {  // rebuilt alike: followed, not refused
      Searcher searcher(db.path());
      fahras::IndexOptions riyadh = other_profile;
      riyadh.timezone = "Asia/Riyadh";
      db.rebuild(riyadh);
      CHECK(searcher.reopen());
      CHECK(searcher.document_count() == 42);
      CHECK(searcher.count(request_for("الحكومة")) > 0);
    }
  }
}
