// Searching small databases built by the real indexer: ranking (title above body, exact above
// stem), every piece of syntax against real documents, filters, dates and time zones, sorts,
// ties, collapse, blends, spelling, facets, snippets and the JSON shape.
#include "fahras/indexer.hpp"
#include "fahras/query.hpp"
#include "fahras/schema.hpp"
#include "utf8.hpp"
#include "written_form.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>
#include <xapian.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <random>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <unistd.h>
#include <vector>

namespace fs = std::filesystem;
using fahras::SearchRequest;
using fahras::SearchResponse;
using fahras::Searcher;
using fahras::SearchHit;
using fahras::QuerySyntaxError;

namespace {

struct Article {
  std::string id;
  std::string title;
  std::string body;
  std::string date;  // ISO 8601, "" for none
  std::string source = "al-khabar";
  std::string author;
};

Article article(std::string id, std::string title, std::string body, std::string date = "") {
  return Article{std::move(id), std::move(title), std::move(body), std::move(date), "al-khabar", ""};
}

/** A database indexed by fahras::run_index from the articles, in a temporary folder. */
class TestDb {
public:
  explicit TestDb(const std::vector<Article>& articles, const std::string& zone = "UTC") {
    static int counter = 0;
    dir_ = fs::temp_directory_path() / ("fahras-query-test-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    const fs::path input = dir_ / "articles.jsonl";
    {
      std::ofstream out(input);
      for (const Article& a : articles) {
        nlohmann::json record = {{"id", a.id},         {"title", a.title},   {"content", a.body},
                                 {"source", a.source}, {"author", a.author}, {"url", "https://x.example/" + a.id}};
        if (!a.date.empty()) record["date"] = a.date;
        out << record.dump() << '\n';
      }
    }
    fahras::IndexOptions options;
    options.database = (dir_ / "db").string();
    options.inputs = {input.string()};
    options.timezone = zone;
    options.threads = 1;
    std::ostringstream diagnostics;
    const fahras::IndexSummary summary = fahras::run_index(options, diagnostics);
    INFO(diagnostics.str());
    REQUIRE(summary.added == articles.size());
  }
  ~TestDb() { fs::remove_all(dir_); }
  TestDb(const TestDb&) = delete;
  TestDb& operator=(const TestDb&) = delete;

  [[nodiscard]] std::string path() const { return (dir_ / "db").string(); }

private:
  fs::path dir_;
};

/** Indexes one more article (a JSON line) into `db`, as a later nightly run would. */
void index_more(const TestDb& db, const std::string& json_line) {
  const fs::path extra = fs::path(db.path()).parent_path() / "extra.jsonl";
  {
    std::ofstream out(extra);
    out << json_line << '\n';
  }
  fahras::IndexOptions options;
  options.database = db.path();
  options.inputs = {extra.string()};
  options.profile_given = false;
  options.threads = 1;
  std::ostringstream diagnostics;
  REQUIRE(fahras::run_index(options, diagnostics).added == 1);
}

std::vector<std::string> ids(const SearchResponse& response) {
  std::vector<std::string> out;
  for (const auto& hit : response.hits) out.push_back(hit.id);
  return out;
}

SearchResponse search(Searcher& searcher, const std::string& text, SearchRequest request = {}) {
  request.text = text;
  return searcher.search(request);
}

std::vector<std::string> found(Searcher& searcher, const std::string& text, SearchRequest request = {}) {
  request.collapse = false;
  return ids(search(searcher, text, request));
}

std::set<std::string> found_set(Searcher& searcher, const std::string& text, SearchRequest request = {}) {
  const auto list = found(searcher, text, request);
  return {list.begin(), list.end()};
}

std::string fmt_id(std::size_t i) {
  std::string digits = std::to_string(i);
  return "gap-" + std::string(4 - std::min<std::size_t>(4, digits.size()), '0') + digits;
}

using Ids = std::vector<std::string>;
using IdSet = std::set<std::string>;

// Articles of the same length (so that BM25's length normalization is equal), each there to
// show one rule.
const std::vector<Article>& corpus() {
  static const std::vector<Article> articles = {
      {"a-title", "الميزانية الجديدة للدولة", "قرار حكومي صدر اليوم بعد نقاش طويل", "2025-05-01T10:00:00Z", "al-khabar",
       "أحمد السالم"},
      {"b-body", "قرار حكومي صدر اليوم", "الميزانية الجديدة للدولة بعد نقاش طويل", "2025-05-02T10:00:00Z", "al-khabar",
       "ليلى المنصور"},
      {"c-exact", "خبر سياسي", "انطلقت المفاوضات بين الوفدين في جنيف", "2025-05-03T10:00:00Z", "sahifat-alyawm", ""},
      {"d-stem", "خبر سياسي", "انطلقت مفاوضات بين الوفدين في فيينا", "2025-05-04T10:00:00Z", "sahifat-alyawm", ""},
      {"e-phrase", "اجتماع", "عقد مجلس الوزراء جلسته الأسبوعية في القصر", "2025-04-20T10:00:00Z", "wakalat-al-anba", ""},
      {"f-scattered", "اجتماع", "الوزراء في جلسة مع رئيس مجلس الشورى اليوم", "2025-04-21T10:00:00Z", "wakalat-al-anba", ""},
      {"g-moscow", "قمة في موسكو", "بوتين يستضيف القمة الاقتصادية", "2025-03-10T10:00:00Z", "wakalat-al-anba", ""},
      {"h-geneva", "قمة في جنيف", "ترامب يحضر القمة الاقتصادية", "2025-03-11T10:00:00Z", "wakalat-al-anba", ""},
      {"i-undated", "تقرير", "بيانات عن الاقتصاد والسوق", "", "majallat-al-iqtisad", ""},
  };
  return articles;
}

// Articles enough for Xapian's lists to span several chunks, half dated 2015-07-15 (odd
// numbers) and half 2015-08-01, each body a different draw of common words, all holding
// الاقتصاد and one source.
std::vector<Article> interleaved_days(std::size_t count) {
  static const std::vector<std::string> words = {
      "الحكومة", "السوق", "النفط", "الوزير", "المدينة", "الشركة", "المشروع", "التعليم", "الصحة", "الطاقة",
      "المياه", "الزراعة", "الصناعة", "التجارة", "الاستثمار", "البنك", "الميزانية", "العمال", "الطلاب", "المستشفى",
      "الطريق", "المطار", "الميناء", "الملعب", "المعرض", "المؤتمر", "الجامعة", "المدرسة", "البلدية", "المحكمة"};
  std::mt19937 random(20150801);
  std::vector<Article> out;
  for (std::size_t i = 0; i < count; ++i) {
    std::string body = "الاقتصاد";
    for (int w = 0; w < 14; ++w) body += " " + words[random() % words.size()];
    out.push_back(article(fmt_id(i), "تقرير " + words[i % words.size()], body,
                          i % 2 == 1 ? "2015-07-15T10:00:00Z" : "2015-08-01T10:00:00Z"));
  }
  return out;
}

/** Five-letter words of random Arabic letters, as many as asked (a fixed seed: the same every run). */
std::string random_words(std::mt19937& random, std::size_t count) {
  static const std::vector<std::string> letters = {"ب", "ت", "ث", "ج", "ح", "خ", "د", "ذ", "ر", "ز", "س", "ش", "ص", "ض",
                                                   "ط", "ظ", "ع", "غ", "ف", "ق", "ك", "ل", "م", "ن", "ه", "و", "ي"};
  std::uniform_int_distribution<std::size_t> pick(0, letters.size() - 1);
  std::string text;
  for (std::size_t w = 0; w < count; ++w) {
    if (w > 0) text += ' ';
    for (int i = 0; i < 5; ++i) text += letters[pick(random)];
  }
  return text;
}

/** 80 copies of one wire story (indexed first), then 120 stories of their own; every article
 *  holds الحكومة. 121 stories, 200 articles: enough for Xapian's estimate of the total to go
 *  wrong once it stops checking after the first page. */
const std::vector<Article>& wire_and_stories() {
  static const std::vector<Article> articles = [] {
    std::mt19937 random(7);
    const std::vector<std::string> sources = {"al-khabar", "sahifat-alyawm", "wakalat-al-anba"};
    const std::string wire = "الحكومة " + random_words(random, 30);
    std::vector<Article> made;
    for (int i = 0; i < 80; ++i) {
      made.push_back({"wire-" + std::to_string(100 + i), "بيان", wire, "2025-05-01T10:00:00Z", sources[i % 3], ""});
    }
    for (int i = 0; i < 120; ++i) {
      made.push_back({"story-" + std::to_string(100 + i), "خبر", "الحكومة " + random_words(random, 30),
                      "2025-06-01T10:00:00Z", sources[i % 3], ""});
    }
    return made;
  }();
  return articles;
}

}  // namespace

TEST_SUITE("query search") {
  TEST_CASE("title matches rank above body matches, exact forms above stem-only matches") {
    TestDb db(corpus());
    Searcher searcher(db.path());
    CHECK(found(searcher, "الميزانية") == Ids{"a-title", "b-body"});
    CHECK(found(searcher, "ميزانية") == Ids{"a-title", "b-body"});  // stems meet, title still first
    // المفاوضات is written so in c, مفاوضات in d: each query ranks its own spelling first.
    CHECK(found(searcher, "المفاوضات") == Ids{"c-exact", "d-stem"});
    CHECK(found(searcher, "مفاوضات") == Ids{"d-stem", "c-exact"});
    // Typed without hamza, ة or ال, the word still finds its articles.
    CHECK(found_set(searcher, "ميزانيه") == IdSet{"a-title", "b-body"});
  }

  TEST_CASE("timings: each stage measured, none for what was not asked, together within the whole") {
    TestDb db(corpus());
    Searcher searcher(db.path());
    const auto sum = [](const fahras::SearchTimings& t) {
      return t.query_ms + t.match_ms + t.facets_ms + t.documents_ms + t.snippets_ms + t.spelling_ms;
    };
    SearchRequest full;
    full.text = "ترامب";
    full.facets = true;
    const auto all = searcher.search(full);
    REQUIRE(!all.hits.empty());
    for (const double ms : {all.timings.query_ms, all.timings.match_ms, all.timings.facets_ms, all.timings.documents_ms,
                            all.timings.snippets_ms, all.timings.spelling_ms}) {
      CHECK(ms >= 0);
    }
    CHECK(all.timings.match_ms > 0);
    CHECK(all.timings.documents_ms > 0);
    CHECK(all.timings.snippets_ms > 0);
    CHECK(sum(all.timings) <= all.elapsed_ms);
    SearchRequest bare = full;
    bare.facets = false;
    bare.snippets = false;
    bare.spelling = false;
    const auto less = searcher.search(bare);
    CHECK(less.timings.facets_ms == 0);
    CHECK(less.timings.snippets_ms == 0);
    CHECK(less.timings.spelling_ms == 0);
    CHECK(sum(less.timings) <= less.elapsed_ms);
  }

  TEST_CASE("phrases, exclusions, OR, groups, prefixes") {
    TestDb db(corpus());
    Searcher searcher(db.path());
    CHECK(found(searcher, "\"مجلس الوزراء\"") == Ids{"e-phrase"});
    CHECK(found_set(searcher, "مجلس الوزراء") == IdSet{"e-phrase", "f-scattered"});
    // A phrase is exact: not stemmed.
    CHECK(found(searcher, "\"مفاوضات بين\"") == Ids{"d-stem"});
    CHECK(found(searcher, "القمة -موسكو") == Ids{"h-geneva"});
    CHECK(found(searcher, "القمة -\"في موسكو\"") == Ids{"h-geneva"});
    CHECK(found(searcher, "القمة -(بوتين OR ترامب)").empty());
    CHECK(found_set(searcher, "بوتين OR ترامب") == IdSet{"g-moscow", "h-geneva"});
    CHECK(found_set(searcher, "الاقتصا*") == IdSet{"g-moscow", "h-geneva", "i-undated"});
    CHECK(found(searcher, "اقتصا*").empty());  // the prefix is of the word as written, article included
    CHECK(found_set(searcher, "title:قمة") == IdSet{"g-moscow", "h-geneva"});
    CHECK(found_set(searcher, "title:الميزانية") == IdSet{"a-title"});
    CHECK(found_set(searcher, "title:\"الميزانية الجديدة\"") == IdSet{"a-title"});
    CHECK(found_set(searcher, "title:(قرار حكومي)") == IdSet{"b-body"});
    CHECK(found_set(searcher, "place:جنيف") == IdSet{"c-exact", "h-geneva"});
    CHECK(found_set(searcher, "person:\"بوتين يستضيف\"") == IdSet{"g-moscow"});
  }

  TEST_CASE("entity fields resolve a name through the gazetteer; mentions: finds the dates a text talks about") {
    const std::vector<Article> articles = {
        article("trump-full", "زيارة رسمية", "وصل الرئيس دونالد ترامب إلى العاصمة في زيارة رسمية تستمر يومين",
                "2025-05-10T10:00:00Z"),
        article("trump-short", "تصريحات", "قال ترمب إن المحادثات كانت مثمرة وإن الاتفاق صار قريبا",
                "2025-05-11T10:00:00Z"),
        article("putin", "قمة إقليمية", "التقى بوتين نظيره لبحث الملفات الإقليمية والتعاون الاقتصادي",
                "2025-05-12T10:00:00Z"),
        article("july", "ذكرى الاتفاقية", "وقعت الاتفاقية في 21 يوليو 2015 بحضور الوفود المشاركة كلها",
                "2025-05-13T10:00:00Z"),
    };
    TestDb db(articles);
    Searcher searcher(db.path());
    // Either spelling finds both articles, whichever spelling they use.
    CHECK(found_set(searcher, "person:ترمب") == IdSet{"trump-full", "trump-short"});
    CHECK(found_set(searcher, "person:ترامب") == IdSet{"trump-full", "trump-short"});
    CHECK(found_set(searcher, "entity:\"دونالد ترامب\"") == IdSet{"trump-full", "trump-short"});
    CHECK(found_set(searcher, "person:لبوتين") == IdSet{"putin"});
    // The wrong type finds nothing of the gazetteer and falls back to the name as a phrase.
    CHECK(found(searcher, "place:ترمب") == Ids{"trump-short"});

    // The highlights are the spellings in each article, found by the indexer.
    SearchRequest request;
    request.collapse = false;
    for (const SearchHit& hit : search(searcher, "person:ترمب", request).hits) {
      CAPTURE(hit.id);
      REQUIRE_FALSE(hit.highlights.empty());
      std::set<std::string> marked;
      for (const auto& [begin, end] : hit.highlights) marked.insert(hit.snippet.substr(begin, end - begin));
      CHECK(marked == (hit.id == "trump-full" ? std::set<std::string>{"دونالد", "ترامب"} : std::set<std::string>{"ترمب"}));
    }

    // Facets list the entities of the result.
    request.facets = true;
    const SearchResponse faceted = search(searcher, "person:ترمب", request);
    bool trump = false;
    for (const auto& e : faceted.facets.entities) trump = trump || (e.type == "person" && e.count == 2);
    CHECK(trump);

    CHECK(found(searcher, "mentions:2015-07") == Ids{"july"});
    CHECK(found(searcher, "mentions:2015-07-21") == Ids{"july"});
    CHECK(found(searcher, "mentions:2015") == Ids{"july"});
    CHECK(found(searcher, "mentions:2015-08").empty());
    CHECK_THROWS_AS(search(searcher, "mentions:2015-07..2015-08"), QuerySyntaxError);
  }

  TEST_CASE("stop words are dropped unless the query holds nothing else") {
    TestDb db(corpus());
    Searcher searcher(db.path());
    const auto with_stop = search(searcher, "في موسكو");
    REQUIRE(!with_stop.hits.empty());
    CHECK(ids(with_stop) == Ids{"g-moscow"});
    CHECK(with_stop.hits[0].matched_terms == std::vector<std::string>{"موسكو"});
    CHECK(found_set(searcher, "في").size() == 6);  // c, d, e, f, g, h hold في; g and h in the title
  }

  TEST_CASE("filters: source, author, dates in the database's zone, since") {
    TestDb db(corpus());
    Searcher searcher(db.path());
    CHECK(found_set(searcher, "القمة source:wakalat-al-anba") == IdSet{"g-moscow", "h-geneva"});
    CHECK(found_set(searcher, "source:sahifat-alyawm") == IdSet{"c-exact", "d-stem"});
    CHECK(found_set(searcher, "source:sahifat-alyawm OR source:majallat-al-iqtisad") == IdSet{"c-exact", "d-stem", "i-undated"});
    CHECK(found_set(searcher, "source:sahifat-alyawm source:majallat-al-iqtisad") == IdSet{"c-exact", "d-stem", "i-undated"});
    CHECK(found(searcher, "author:\"أحمد السالم\"") == Ids{"a-title"});
    CHECK(found(searcher, "author:\"احمد السالم\"") == Ids{"a-title"});  // normalized like the index
    CHECK(found(searcher, "date:2025-05-02") == Ids{"b-body"});
    CHECK(found_set(searcher, "date:2025-04") == IdSet{"e-phrase", "f-scattered"});
    CHECK(found_set(searcher, "date:2025").size() == 8);
    CHECK(found_set(searcher, "date:2025-05-02..2025-05-03") == IdSet{"b-body", "c-exact"});
    CHECK(found_set(searcher, "date:2025-05-03..") == IdSet{"c-exact", "d-stem"});
    CHECK(found_set(searcher, "date:..2025-03") == IdSet{"g-moscow", "h-geneva"});
    CHECK(found_set(searcher, "القمة date:..2025-03-10") == IdSet{"g-moscow"});
    CHECK(found(searcher, "date:2024").empty());
    SearchRequest at;
    at.now = "2025-05-04T12:00:00Z";
    CHECK(found_set(searcher, "since:2d", at) == IdSet{"c-exact", "d-stem"});
    CHECK(found_set(searcher, "since:1w", at).size() == 4);
    CHECK(found_set(searcher, "since:1m", at).size() == 6);  // from 2025-04-04
    SearchRequest with_since = at;
    with_since.since = "2d";
    CHECK(found_set(searcher, "سياسي", with_since) == IdSet{"c-exact", "d-stem"});
    with_since.since = "2025-05-04";
    CHECK(found_set(searcher, "سياسي", with_since) == IdSet{"d-stem"});
    SearchRequest filtered;
    filtered.filters = {"source:sahifat-alyawm"};
    CHECK(found_set(searcher, "في", filtered) == IdSet{"c-exact", "d-stem"});
    // A bad date range, a bad since, a bad now.
    CHECK_THROWS_AS(search(searcher, "date:2025-05..2025-04"), fahras::QuerySyntaxError);
    for (const char* bad : {"yesterday", "2d قمة", "2d)", ""}) {
      with_since.since = bad;
      INFO("since: '", bad, "'");
      if (with_since.since.empty()) {
        CHECK_NOTHROW(search(searcher, "قمة", with_since));
      } else {
        CHECK_THROWS_AS(search(searcher, "قمة", with_since), fahras::RequestError);
      }
    }
    SearchRequest bad_now;
    bad_now.now = "tomorrow";
    CHECK_THROWS_AS(search(searcher, "قمة", bad_now), fahras::RequestError);
  }

  TEST_CASE("local days follow the database's time zone") {
    // 22:30 UTC on 3 May is 01:30 on 4 May in Riyadh.
    const std::vector<Article> late = {article("late", "خبر متأخر", "نص الخبر المتأخر", "2025-05-03T22:30:00Z"),
                                       article("early", "خبر مبكر", "نص الخبر المبكر", "2025-05-03T20:30:00Z")};
    TestDb riyadh(late, "Asia/Riyadh");
    Searcher in_riyadh(riyadh.path());
    CHECK(in_riyadh.timezone() == "Asia/Riyadh");
    CHECK(found(in_riyadh, "date:2025-05-04") == Ids{"late"});
    CHECK(found(in_riyadh, "date:2025-05-04..2025-05-04") == Ids{"late"});
    CHECK(found(in_riyadh, "date:..2025-05-03") == Ids{"early"});
    TestDb utc(late, "UTC");
    Searcher in_utc(utc.path());
    CHECK(found_set(in_utc, "date:2025-05-03") == IdSet{"late", "early"});
    CHECK(found_set(in_utc, "date:2025-05-03..2025-05-03") == IdSet{"late", "early"});
    // since: counts back from a local wall time when --now has no zone.
    SearchRequest at;
    at.now = "2025-05-04T02:00";  // 23:00 UTC in Riyadh
    CHECK(found(in_riyadh, "since:1h", at) == Ids{"late"});
    CHECK(found_set(in_riyadh, "since:3h", at) == IdSet{"late", "early"});
    at.now = "2025-05-04T02:00Z";
    CHECK(found(in_riyadh, "since:1h", at).empty());
  }

  TEST_CASE("sorts: newest, oldest, undated last; ties broken by id, not by insertion order") {
    TestDb db(corpus());
    Searcher searcher(db.path());
    SearchRequest newest;
    newest.sort = fahras::SortOrder::Newest;
    CHECK(found(searcher, "source:wakalat-al-anba", newest) == Ids{"f-scattered", "e-phrase", "h-geneva", "g-moscow"});
    SearchRequest oldest;
    oldest.sort = fahras::SortOrder::Oldest;
    CHECK(found(searcher, "source:wakalat-al-anba", oldest) == Ids{"g-moscow", "h-geneva", "e-phrase", "f-scattered"});
    // Undated articles come last either way.
    CHECK(found(searcher, "source:al-khabar OR source:majallat-al-iqtisad", newest) == Ids{"b-body", "a-title", "i-undated"});
    CHECK(found(searcher, "source:al-khabar OR source:majallat-al-iqtisad", oldest) == Ids{"a-title", "b-body", "i-undated"});
    // A pure filter gives every article the same score: the id decides.
    CHECK(found(searcher, "source:wakalat-al-anba") == Ids{"e-phrase", "f-scattered", "g-moscow", "h-geneva"});

    // Equal scores, inserted in reverse id order.
    const std::vector<Article> twins = {article("t-3", "عنوان", "خبر عن الطقس الحار"), article("t-1", "عنوان", "خبر عن الطقس الحار"),
                                        article("t-2", "عنوان", "خبر عن الطقس الحار")};
    TestDb equal(twins);
    Searcher tied(equal.path());
    const auto response = search(tied, "الطقس", [] {
      SearchRequest r;
      r.collapse = false;
      return r;
    }());
    CHECK(ids(response) == Ids{"t-1", "t-2", "t-3"});
    REQUIRE(response.hits.size() == 3);
    CHECK(response.hits[0].score == response.hits[2].score);
  }

  TEST_CASE("equal scores across pages: id order on every page, however long the tie") {
    // The page is taken by relevance alone with a margin and its ties put in id order; a tie
    // longer than the margin is ordered by Xapian instead. Both must give the same pages.
    for (const std::size_t copies : {std::size_t{7}, std::size_t{75}}) {
      CAPTURE(copies);
      std::vector<Article> twins;
      std::vector<std::string> expected;
      // Inserted in reverse id order, so that document numbers and ids disagree.
      for (std::size_t i = copies; i > 0; --i) {
        const std::string number = std::to_string(i);
        const std::string id = "t-" + std::string(3 - number.size(), '0') + number;
        // Bodies of one length with one match each score alike; each its own last word, or the
        // indexer would take the repeated line for boilerplate.
        const std::u32string letters = U"بتثجحخدذرزسشصضطظعغفقكلمنهوي";
        std::string own = "ز";
        fahras::utf8::append(own, std::u32string{letters[i % letters.size()], letters[(i / letters.size()) % letters.size()]});
        twins.push_back(article(id, "عنوان", "خبر عن الطقس الحار " + own));
        expected.insert(expected.begin(), id);
      }
      // One better match ahead of the tie, and a worse one after it.
      twins.push_back(article("a-best", "عنوان", "الطقس الحار خبر عن الطقس"));
      twins.push_back(article("z-worst", "عنوان", "خبر عن الطقس الحار في يوم طويل جدا من أيام الصيف في المدينة"));
      TestDb equal(twins);
      Searcher tied(equal.path());
      for (const std::size_t offset : {std::size_t{0}, std::size_t{1}, std::size_t{3}, copies - 2}) {
        CAPTURE(offset);
        SearchRequest r;
        r.collapse = false;
        r.offset = offset;
        r.limit = 5;
        const auto response = tied.search([&] {
          SearchRequest q = r;
          q.text = "الطقس";
          return q;
        }());
        std::vector<std::string> all = expected;
        all.insert(all.begin(), "a-best");
        all.push_back("z-worst");
        const std::vector<std::string> page(all.begin() + static_cast<std::ptrdiff_t>(std::min(offset, all.size())),
                                            all.begin() + static_cast<std::ptrdiff_t>(std::min(offset + 5, all.size())));
        CHECK(ids(response) == page);
        CHECK(response.total == copies + 2);
      }
    }
  }

  TEST_CASE("near-duplicates collapse into one hit that counts them; no-collapse shows them all") {
    const std::string wire =
        "أعلنت وزارة الصحة اليوم عن حملة وطنية للتطعيم ضد الإنفلونزا الموسمية تشمل جميع المناطق وتستهدف كبار السن "
        "والأطفال والعاملين في القطاع الصحي وتستمر الحملة ثلاثة أسابيع في المراكز الصحية والمستشفيات الحكومية";
    const std::vector<Article> copies = {article("w-1", "حملة تطعيم", wire, "2025-05-01T08:00:00Z"),
                                         article("w-2", "حملة تطعيم", wire + " اليوم", "2025-05-01T09:00:00Z"),
                                         article("w-3", "حملة تطعيم", wire, "2025-05-01T10:00:00Z"),
                                         article("other", "التطعيم في المدارس", "بدأت المدارس حملة التطعيم", "2025-05-02T10:00:00Z")};
    TestDb db(copies);
    Searcher searcher(db.path());
    SearchRequest request;
    request.text = "التطعيم";
    const auto collapsed = searcher.search(request);
    REQUIRE(collapsed.hits.size() == 2);
    std::size_t duplicates = 0;
    for (const auto& hit : collapsed.hits) duplicates += hit.duplicates;
    CHECK(duplicates == 2);
    CHECK(collapsed.total == 2);
    request.collapse = false;
    const auto all = searcher.search(request);
    CHECK(all.hits.size() == 4);
    for (const auto& hit : all.hits) CHECK(hit.duplicates == 0);
  }

  TEST_CASE("total: exact below count_up_to whatever the page, else a lower bound marked AtLeast") {
    TestDb db(wire_and_stories());
    Searcher searcher(db.path());
    for (const std::size_t limit : {std::size_t{1}, std::size_t{10}, std::size_t{0}}) {
      CAPTURE(limit);
      SearchRequest request;
      request.limit = limit;
      const auto response = search(searcher, "الحكومة", request);
      CHECK(response.total == 121);  // Xapian's estimate said 110
      CHECK(response.total_relation == fahras::TotalRelation::Exact);
      CHECK(response.hits.size() == limit);
    }
    SearchRequest copies;
    copies.collapse = false;
    CHECK(search(searcher, "الحكومة", copies).total == 200);
    // Counting only (no page) is exact for every order and blend.
    SearchRequest count_only;
    count_only.limit = 0;
    count_only.sort = fahras::SortOrder::Newest;
    CHECK(search(searcher, "الحكومة", count_only).total == 121);
    count_only.sort = fahras::SortOrder::Relevance;
    count_only.recency_half_life = "3d";
    count_only.now = "2025-06-02T00:00:00Z";
    CHECK(search(searcher, "الحكومة", count_only).total == 121);
    // Past the bound: a lower bound, said so.
    SearchRequest bounded;
    bounded.count_up_to = 50;
    const auto lower = search(searcher, "الحكومة", bounded);
    CHECK(lower.total_relation == fahras::TotalRelation::AtLeast);
    CHECK(lower.total >= 10);
    CHECK(lower.total <= 121);
    CHECK(nlohmann::json::parse(fahras::to_json(lower))["total_relation"] == "gte");
    bounded.facets = true;  // facets count everything: the total with them
    const auto counted = search(searcher, "الحكومة", bounded);
    CHECK(counted.total == 121);
    CHECK(counted.total_relation == fahras::TotalRelation::Exact);
    CHECK(nlohmann::json::parse(fahras::to_json(counted))["total_relation"] == "eq");
  }

  TEST_CASE("facets count stories as the total does: each count is the total with that value as a filter") {
    const std::string wire =
        "أعلنت وزارة الصحة اليوم عن حملة وطنية للتطعيم ضد الإنفلونزا الموسمية بعد لقاء بوتين في جنيف تشمل جميع "
        "المناطق وتستهدف كبار السن والأطفال والعاملين في القطاع الصحي وتستمر الحملة ثلاثة أسابيع في المراكز الصحية";
    // One wire story in three copies (two outlets, two months), two stories of their own.
    const std::vector<Article> articles = {
        {"w-1", "حملة تطعيم", wire, "2025-05-01T08:00:00Z", "al-khabar", ""},
        {"w-2", "حملة تطعيم", wire + " اليوم", "2025-05-01T09:00:00Z", "al-khabar", ""},
        {"w-3", "حملة تطعيم", wire, "2025-06-01T10:00:00Z", "sahifat-alyawm", ""},
        {"o-1", "التطعيم في المدارس", "بدأت المدارس في جنيف حملة التطعيم", "2025-05-02T10:00:00Z", "sahifat-alyawm", ""},
        {"o-2", "التطعيم في القرى", "بدأت القرى حملة التطعيم", "2025-06-02T10:00:00Z", "wakalat-al-anba", ""}};
    TestDb db(articles);
    Searcher searcher(db.path());
    using Counts = std::vector<std::pair<std::string, std::size_t>>;
    for (const bool collapse : {true, false}) {
      CAPTURE(collapse);
      SearchRequest request;
      request.facets = true;
      request.collapse = collapse;
      const auto response = search(searcher, "التطعيم", request);
      CHECK(response.total == (collapse ? 3 : 5));
      if (collapse) {
        CHECK(response.facets.sources == Counts{{"sahifat-alyawm", 2}, {"al-khabar", 1}, {"wakalat-al-anba", 1}});
        CHECK(response.facets.months == Counts{{"2025-05", 2}, {"2025-06", 2}});
      } else {
        CHECK(response.facets.sources == Counts{{"al-khabar", 2}, {"sahifat-alyawm", 2}, {"wakalat-al-anba", 1}});
        CHECK(response.facets.months == Counts{{"2025-05", 3}, {"2025-06", 2}});
      }
      std::map<std::string, std::size_t> entities;
      for (const auto& e : response.facets.entities) entities[e.type] += e.count;
      CHECK(entities["person"] == (collapse ? 1 : 3));  // بوتين: the wire story
      CHECK(entities["place"] == (collapse ? 2 : 4));   // جنيف: the wire story and o-1
      // Drilling down finds as many as the facet said.
      const auto total_with = [&](const std::string& filter) {
        SearchRequest narrowed;
        narrowed.collapse = collapse;
        narrowed.filters = {filter};
        return search(searcher, "التطعيم", narrowed).total;
      };
      for (const auto& [source, count] : response.facets.sources) CHECK(total_with("source:" + source) == count);
      for (const auto& [month, count] : response.facets.months) CHECK(total_with("date:" + month) == count);
      REQUIRE(response.facets.entities.size() == 2);
      for (const auto& e : response.facets.entities) {
        CHECK(total_with(e.type + ":\"" + e.name + "\"") == e.count);  // person:"…", place:"…"
      }
    }
  }

  TEST_CASE("recency and closeness to a date reorder equally relevant articles") {
    const std::vector<Article> dated = {article("old", "سوق", "أسعار النفط ترتفع", "2025-01-01T10:00:00Z"),
                                        article("mid", "سوق", "أسعار النفط ترتفع", "2025-03-01T10:00:00Z"),
                                        article("new", "سوق", "أسعار النفط ترتفع", "2025-05-01T10:00:00Z")};
    TestDb db(dated);
    Searcher searcher(db.path());
    SearchRequest request;
    request.collapse = false;
    CHECK(found(searcher, "النفط", request) == Ids{"mid", "new", "old"});  // ties: by id
    request.recency_half_life = "7d";
    request.now = "2025-05-02";
    const auto recent = search(searcher, "النفط", request);
    CHECK(ids(recent) == Ids{"new", "mid", "old"});
    CHECK(recent.hits[0].score > recent.hits[1].score);
    SearchRequest around;
    around.collapse = false;
    around.around = "2025-02-20";
    CHECK(found(searcher, "النفط", around) == Ids{"mid", "old", "new"});
    around.recency_half_life = "bad";
    CHECK_THROWS_AS(search(searcher, "النفط", around), fahras::RequestError);
  }

  TEST_CASE("the default operator: OR ranks fuller matches first; AND falls back to OR when nothing has all") {
    TestDb db(corpus());
    Searcher searcher(db.path());
    SearchRequest any;
    const auto or_hits = found(searcher, "بوتين القمة", any);
    REQUIRE(or_hits.size() == 2);
    CHECK(or_hits[0] == "g-moscow");
    SearchRequest all;
    all.ranking.default_operator = fahras::DefaultOperator::AndWithFallback;
    CHECK(found(searcher, "بوتين القمة", all) == Ids{"g-moscow"});
    CHECK(found_set(searcher, "بوتين ترامب", all) == IdSet{"g-moscow", "h-geneva"});  // fallback
    all.offset = 5;  // a page past the AND matches is not a reason to fall back
    CHECK(search(searcher, "بوتين القمة", all).total == 1);
  }

  TEST_CASE("snippets and titles highlight exactly the matching words; matched terms are words") {
    TestDb db(corpus());
    Searcher searcher(db.path());
    SearchRequest request;
    request.highlight = fahras::HighlightStyle::Markers;
    request.open_marker = "<";
    request.close_marker = ">";
    const auto response = search(searcher, "الميزانية للدولة", request);
    REQUIRE(!response.hits.empty());
    const auto& hit = response.hits[0];
    CHECK(hit.id == "a-title");
    CHECK(hit.title_rendered == "<الميزانية> الجديدة <للدولة>");
    CHECK(hit.snippet == "قرار حكومي صدر اليوم بعد نقاش طويل");
    CHECK(hit.highlights.empty());
    const auto& body_hit = response.hits[1];
    CHECK(body_hit.id == "b-body");
    CHECK(body_hit.snippet_rendered == "<الميزانية> الجديدة <للدولة> بعد نقاش طويل");
    for (const auto& [begin, end] : body_hit.highlights) {
      const std::string word = body_hit.snippet.substr(begin, end - begin);
      CHECK((word == "الميزانية" || word == "للدولة"));
    }
    CHECK(std::set<std::string>(body_hit.matched_terms.begin(), body_hit.matched_terms.end()) ==
          std::set<std::string>{"الميزانيه", "للدوله"});
    // Excluded words are never highlighted.
    const auto excluded = search(searcher, "القمة -بوتين", request);
    REQUIRE(excluded.hits.size() == 1);
    CHECK(excluded.hits[0].snippet_rendered == "ترامب يحضر <القمة> الاقتصادية");
    // A prefix reports the words it matched.
    const auto prefixed = search(searcher, "الاقتصا*", request);
    REQUIRE(!prefixed.hits.empty());
    for (const auto& h : prefixed.hits) {
      REQUIRE(h.matched_terms.size() == 1);
      CHECK(h.matched_terms[0].rfind("الاقتصا", 0) == 0);
    }
  }

  TEST_CASE("highlights cover the original spelling: clitics, diacritics, tatweel, other hamza seats") {
    const std::vector<Article> written = {
        article("dia", "مسئول يتحدث", "قال إنّ وبالمفاوضاتِ الجاريــة سيتقدم المسؤولُ بخطته", "2025-05-01T10:00:00Z")};
    TestDb db(written);
    Searcher searcher(db.path());
    SearchRequest request;
    request.highlight = fahras::HighlightStyle::Markers;
    const auto response = search(searcher, "المفاوضات الجارية مسؤول", request);
    REQUIRE(response.hits.size() == 1);
    const auto& hit = response.hits[0];
    CHECK(hit.snippet_rendered == "قال إنّ [وبالمفاوضاتِ] [الجاريــة] سيتقدم [المسؤولُ] بخطته");
    CHECK(hit.title_rendered == "[مسئول] يتحدث");
    std::vector<std::string> words;
    for (const auto& [begin, end] : hit.highlights) words.push_back(hit.snippet.substr(begin, end - begin));
    CHECK(words == std::vector<std::string>{"وبالمفاوضاتِ", "الجاريــة", "المسؤولُ"});
    REQUIRE(hit.title_highlights.size() == 1);
    CHECK(hit.title.substr(hit.title_highlights[0].first, hit.title_highlights[0].second - hit.title_highlights[0].first) == "مسئول");
    // render_highlights gives the same text from the ranges.
    CHECK(fahras::render_highlights(hit.snippet, hit.highlights, fahras::HighlightStyle::Markers) == hit.snippet_rendered);
    CHECK(fahras::render_highlights("a<b", {{0, 1}}, fahras::HighlightStyle::Html) == "<mark>a</mark>&lt;b");
  }

  TEST_CASE("reopen picks up articles indexed after the searcher opened the database") {
    TestDb db(corpus());
    Searcher searcher(db.path());
    const std::size_t before = searcher.document_count();
    CHECK(found(searcher, "زلزال").empty());
    index_more(db, R"({"id": "z-new", "title": "زلزال", "content": "زلزال يضرب المنطقة", "date": "2025-05-09"})");
    CHECK(searcher.reopen());
    CHECK(searcher.document_count() == before + 1);
    CHECK(found(searcher, "زلزال") == Ids{"z-new"});
    CHECK_FALSE(searcher.reopen());
  }

  TEST_CASE("facets read after a reopen count the articles indexed since") {
    TestDb db(corpus());
    Searcher searcher(db.path());
    SearchRequest request;
    request.text = "ترامب OR زلزال";
    request.facets = true;
    request.collapse = false;
    const auto count_of = [](const std::vector<std::pair<std::string, std::size_t>>& list, const std::string& key) {
      for (const auto& [name, n] : list) {
        if (name == key) return n;
      }
      return std::size_t{0};
    };
    const auto before = searcher.search(request);  // the facet columns are read now
    index_more(db, R"({"id": "z-new", "title": "زلزال", "content": "زلزال يضرب المنطقة", "source": "marsad-al-zalazil", )"
                   R"("date": "2031-01-09"})");
    REQUIRE(searcher.reopen());
    const auto after = searcher.search(request);
    CHECK(after.total == before.total + 1);
    CHECK(count_of(before.facets.sources, "marsad-al-zalazil") == 0);
    CHECK(count_of(after.facets.sources, "marsad-al-zalazil") == 1);
    CHECK(count_of(after.facets.months, "2031-01") == 1);
    std::size_t sources = 0;
    for (const auto& [name, n] : after.facets.sources) sources += n;
    CHECK(sources == after.total);  // every article has one source
  }

  TEST_CASE("facets count sources and months over the whole result") {
    TestDb db(corpus());
    Searcher searcher(db.path());
    SearchRequest request;
    request.facets = true;
    request.limit = 1;
    const auto response = search(searcher, "في", request);
    CHECK(response.hits.size() == 1);
    using Counts = std::vector<std::pair<std::string, std::size_t>>;
    CHECK(response.facets.sources == Counts{{"wakalat-al-anba", 4}, {"sahifat-alyawm", 2}});
    CHECK(response.facets.months == Counts{{"2025-03", 2}, {"2025-04", 2}, {"2025-05", 2}});
    // جنيف is in two of the matching articles (c-exact's body, h-geneva's title), موسكو in one.
    std::map<std::string, std::size_t> places;
    for (const auto& e : response.facets.entities) {
      if (e.type == "place") places[e.name] = e.count;
    }
    CHECK(places["جنيف"] == 2);
    CHECK(places["موسكو"] == 1);
    CHECK(search(searcher, "في").facets.sources.empty());  // only when asked
  }

  TEST_CASE("a query that finds little gets a spelling suggestion") {
    // The dictionary holds the words indexed at least twice: المفاوضات is in c-exact and here.
    auto articles = corpus();
    articles.push_back({"i-talks", "جولة جديدة", "استؤنفت المفاوضات أمس", "2025-05-04T10:00:00Z", "sahifat-alyawm", ""});
    TestDb db(articles);
    Searcher searcher(db.path());
    // يستضيف is in one article only: no suggestion is made from it; الوفدين is in two.
    CHECK_FALSE(search(searcher, "يستضيفف").suggestion);
    CHECK(search(searcher, "الوفدينن").suggestion.value_or("none") == "الوفدين");
    const auto response = search(searcher, "المفاوضاتت جنيف");
    REQUIRE(response.suggestion);
    CHECK(*response.suggestion == "المفاوضات جنيف");
    CHECK_FALSE(search(searcher, "المفاوضات").suggestion);
    // A word the index does not know at all gets a suggestion even when the others find plenty.
    const auto many = search(searcher, "اليوم الاقتصاظيه");
    CHECK(many.total >= 3);
    REQUIRE(many.suggestion);
    // The dictionary's normalized form (ه for ة) is shown as the articles write it.
    CHECK(*many.suggestion == "اليوم الاقتصادية");
    // A word known by its stem only is no misspelling when the query finds plenty.
    CHECK_FALSE(search(searcher, "اليوم والاقتصادية").suggestion);
    SearchRequest quiet;
    quiet.spelling = false;
    CHECK_FALSE(search(searcher, "المفاوضاتت", quiet).suggestion);
  }

  TEST_CASE("a suggestion is spelt as the articles write the word most") {
    // Normalized, إعلان and أعلان and اعلان are one word: two articles write it with hamza below.
    const std::vector<Article> articles = {article("w-1", "عنوان", "إعلان نتائج المسابقة اليوم"),
                                           article("w-2", "عنوان", "صدر إعلان رسمي عن الوزارة"),
                                           article("w-3", "عنوان", "اعلان قصير في الصحيفة"),
                                           article("w-4", "عنوان", "الإعلانات كثيرة")};
    TestDb db(articles);
    const Xapian::Database xdb(db.path());
    fahras::Analyzer analyzer;
    CHECK(fahras::query::written_form(xdb, analyzer, "اعلان") == "إعلان");
    CHECK(fahras::query::written_form(xdb, analyzer, "اعلان", 1) == "إعلان");    // w-1 alone
    CHECK(fahras::query::written_form(xdb, analyzer, "الاعلانات") == "الإعلانات");
    CHECK(fahras::query::written_form(xdb, analyzer, "مجهول") == "مجهول");  // in no article
  }

  TEST_CASE("paging: offset and limit; ranks count from the first hit") {
    TestDb db(corpus());
    Searcher searcher(db.path());
    SearchRequest page;
    page.offset = 2;
    page.limit = 2;
    const auto response = search(searcher, "source:wakalat-al-anba", page);
    CHECK(ids(response) == Ids{"g-moscow", "h-geneva"});
    CHECK(response.hits[0].rank == 3);
    CHECK(response.total == 4);
    page.limit = 100000;
    CHECK_THROWS_AS(search(searcher, "قمة", page), fahras::RequestError);
  }

  TEST_CASE("queries that leave nothing to search are errors, not empty results") {
    TestDb db(corpus());
    Searcher searcher(db.path());
    CHECK_THROWS_AS(search(searcher, "!!! ؟"), fahras::QuerySyntaxError);
    CHECK_THROWS_AS(search(searcher, "؟ -قمة"), fahras::QuerySyntaxError);
    CHECK_THROWS_AS(search(searcher, "source:!!"), fahras::QuerySyntaxError);
    CHECK_THROWS_AS(search(searcher, "al-khabar*"), fahras::QuerySyntaxError);
    SearchRequest plain;
    plain.plain = true;
    CHECK(found_set(searcher, "-\"القمة (موسكو", plain) == IdSet{"g-moscow", "h-geneva"});
    CHECK_THROWS_AS(search(searcher, "   ", plain), fahras::QuerySyntaxError);
  }

  TEST_CASE("random queries search or raise a syntax error, never anything else") {
    TestDb db(corpus());
    Searcher searcher(db.path());
    const char* pieces[] = {"القمة", "في", "ب", "\"", "(", ")", "-", "*", "OR", " ", " ", "title:", "date:2025-05",
                            "since:7d", "source:al-khabar", "person:", "!", "؟", "اقتصا", "al-"};
    std::mt19937 random(7);
    std::uniform_int_distribution<std::size_t> piece(0, std::size(pieces) - 1);
    std::uniform_int_distribution<int> length(1, 6);
    std::size_t searched = 0;
    for (int i = 0; i < 1500; ++i) {
      SearchRequest request;
      for (int n = length(random); n > 0; --n) request.text += pieces[piece(random)];
      request.plain = i % 5 == 0;
      INFO("query: '", request.text, "'");
      try {
        (void)searcher.search(request);
        ++searched;
      } catch (const fahras::QuerySyntaxError&) {
      }
    }
    CHECK(searched > 300);
  }

  TEST_CASE("the JSON has exactly the documented shape") {
    TestDb db(corpus());
    Searcher searcher(db.path());
    SearchRequest request;
    request.facets = true;
    const auto json = nlohmann::ordered_json::parse(fahras::to_json(search(searcher, "الميزانية", request)));
    std::vector<std::string> keys;
    for (const auto& item : json.items()) keys.push_back(item.key());
    CHECK(keys == std::vector<std::string>{"query", "total", "total_relation", "timed_out", "hits", "facets",
                                           "suggestion", "elapsed_ms"});
    CHECK(json["query"] == "الميزانية");
    CHECK(json["total"] == 2);
    CHECK(json["total_relation"] == "eq");
    CHECK(json["suggestion"].is_null());
    CHECK(json["elapsed_ms"].is_number());
    const auto& hit = json["hits"][0];
    std::vector<std::string> hit_keys;
    for (const auto& item : hit.items()) hit_keys.push_back(item.key());
    CHECK(hit_keys == std::vector<std::string>{"rank", "id", "url", "title", "source", "author", "date", "score",
                                               "snippet", "highlights", "matched_terms", "duplicates"});
    CHECK(hit["url"] == "https://x.example/a-title");
    CHECK(hit["date"] == "2025-05-01T10:00:00Z");
    CHECK(hit["author"] == "أحمد السالم");
    CHECK(json["facets"]["sources"][0] == nlohmann::ordered_json::array({"al-khabar", 2}));
    CHECK(json["facets"]["months"][0] == nlohmann::ordered_json::array({"2025-05", 2}));
    CHECK(json["facets"]["entities"].is_array());
    const auto undated = nlohmann::json::parse(fahras::to_json(search(searcher, "بيانات")));
    CHECK(undated["hits"][0]["date"].is_null());
    CHECK(nlohmann::json::parse(fahras::error_json("\"x", "unbalanced")) == nlohmann::json{{"query", "\"x"}, {"error", "unbalanced"}});
  }

  TEST_CASE("explain shows our tree and the Xapian query") {
    TestDb db(corpus());
    Searcher searcher(db.path());
    SearchRequest request;
    request.text = "الميزانية -قمة source:al-khabar";
    const std::string explained = searcher.explain(request);
    CHECK(explained.find("AND(الميزانية, NOT(قمة), source:al-khabar)") == 0);
    CHECK(explained.find("XSOURCE:al_khabar") != std::string::npos);
    CHECK(explained.find("AND_NOT") != std::string::npos);
  }

  TEST_CASE("a filter every article matches works on a database with gaps in its document numbers") {
    // Xapian 1.4 fails with "Unexpected end of posting list" on an unweighted term that every
    // document holds once document numbers have gaps; the query side must not send it one.
    const std::vector<Article> articles = interleaved_days(2400);
    TestDb db(articles);
    fahras::IndexOptions retention;
    retention.database = db.path();
    retention.delete_before = "2015-08-01";
    retention.threads = 1;
    std::ostringstream diagnostics;
    REQUIRE(fahras::run_index(retention, diagnostics).deleted == 1200);
    {
      const Xapian::Database raw(db.path());
      REQUIRE(raw.get_doccount() == 1200);
      REQUIRE(raw.get_lastdocid() > raw.get_doccount());  // gaps
      REQUIRE(raw.get_termfreq("D20150801") == raw.get_doccount());
      Xapian::Enquire enquire(raw);  // what the query side works around
      enquire.set_query(Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, Xapian::Query("D20150801"), 0.0));
      CHECK_THROWS_AS(enquire.get_mset(0, 10, raw.get_doccount()), Xapian::DatabaseCorruptError);
    }
    Searcher searcher(db.path());
    SearchRequest all;
    all.collapse = false;
    all.limit = 2000;
    for (const std::string query : {"date:2015-08-01", "date:2015-08", "date:2015", "source:al-khabar",
                                    "date:2015 source:al-khabar", "date:2015-08-01 OR date:2015-07-15"}) {
      CAPTURE(query);
      const SearchResponse response = search(searcher, query, all);
      CHECK(response.hits.size() == 1200);
      CHECK(response.total == 1200);
    }
    // The same filters as request filters, after words, and words every article holds.
    SearchRequest filtered = all;
    filtered.filters = {"date:2015", "source:al-khabar"};
    CHECK(search(searcher, "الاقتصاد", filtered).hits.size() == 1200);
    CHECK(search(searcher, "النفط date:2015-08", all).hits.size() == search(searcher, "النفط", all).hits.size());
    filtered.filters = {"الاقتصاد"};
    CHECK(search(searcher, "date:2015-08-01", filtered).hits.size() == 1200);
    filtered.filters = {"الاقت*"};
    CHECK(search(searcher, "date:2015-08-01", filtered).hits.size() == 1200);
    // BM25 with k1 = 0 needs no wdf: Xapian would treat a weighted term as a filter term.
    SearchRequest binary = all;
    binary.ranking.bm25_k1 = 0;
    CHECK(search(searcher, "الاقتصاد", binary).hits.size() == 1200);
    // Excluding a word or a prefix every article holds leaves nothing.
    CHECK(search(searcher, "النفط -الاقتصاد", all).hits.empty());
    CHECK(search(searcher, "النفط -الاقت*", all).hits.empty());
    CHECK(search(searcher, "date:2015 -source:al-khabar", all).hits.empty());
    CHECK(search(searcher, "date:2015 -date:2015-08-01", all).hits.empty());
  }

  TEST_CASE("two groups of filters are both required, not either") {
    TestDb db(corpus());
    Searcher searcher(db.path());
    // c-exact and d-stem are sahifat-alyawm's, of 2025-05; the groups name other months and sources too.
    CHECK(found_set(searcher, "(source:sahifat-alyawm OR source:majallat-al-iqtisad) (date:2025-05 OR date:2024)") ==
          IdSet{"c-exact", "d-stem"});
    CHECK(found_set(searcher, "(source:al-khabar OR source:sahifat-alyawm) (date:2025-03 OR date:2024)").empty());
    CHECK(found_set(searcher, "خبر (source:sahifat-alyawm OR source:al-khabar) (date:2025-05-03 OR date:2024)") ==
          IdSet{"c-exact"});
  }

  TEST_CASE("databases that cannot be searched are refused with the reason") {
    const fs::path dir = fs::temp_directory_path() / ("fahras-query-bad-" + std::to_string(::getpid()));
    fs::remove_all(dir);
    fs::create_directories(dir);
    const auto message = [](const std::string& path) {
      try {
        Searcher searcher(path);
      } catch (const fahras::DatabaseError& e) {
        return std::string(e.what());
      }
      return std::string("no error");
    };
    CHECK(message((dir / "missing").string()).find("no database at") != std::string::npos);
    {
      Xapian::WritableDatabase plain((dir / "plain").string(), Xapian::DB_CREATE_OR_OPEN);
      plain.commit();
    }
    CHECK(message((dir / "plain").string()).find("not a fahras database") != std::string::npos);
    {
      Xapian::WritableDatabase old((dir / "old").string(), Xapian::DB_CREATE_OR_OPEN);
      old.set_metadata("fahras.schema", "2");  // before the compact mentions and binary signatures
      old.commit();
    }
    CHECK(message((dir / "old").string()).find("fahras.schema '2'") != std::string::npos);
    CHECK(message((dir / "old").string()).find("rebuild") != std::string::npos);
    {
      Xapian::WritableDatabase other((dir / "other").string(), Xapian::DB_CREATE_OR_OPEN);
      other.set_metadata("fahras.schema", std::to_string(fahras::schema::version));
      other.set_metadata("fahras.analysis", "fahras-analysis/99 stemmer=magic");
      other.commit();
    }
    CHECK(message((dir / "other").string()).find("fahras-analysis/99 stemmer=magic") != std::string::npos);
    {
      Xapian::WritableDatabase zone((dir / "zone").string(), Xapian::DB_CREATE_OR_OPEN);
      zone.set_metadata("fahras.schema", std::to_string(fahras::schema::version));
      zone.set_metadata("fahras.analysis", fahras::AnalysisProfile{}.id());
      zone.set_metadata("fahras.timezone", "Mars/Olympus");
      zone.commit();
    }
    CHECK(message((dir / "zone").string()).find("Mars/Olympus") != std::string::npos);
    fs::remove_all(dir);
  }

  TEST_CASE("a database analyzed with another profile is searched with that profile") {
    const fs::path dir = fs::temp_directory_path() / ("fahras-query-snowball-" + std::to_string(::getpid()));
    fs::remove_all(dir);
    fs::create_directories(dir);
    {
      std::ofstream out(dir / "a.jsonl");
      out << R"({"id": "s1", "title": "خبر", "content": "المفاوضات مستمرة"})" << '\n';
    }
    fahras::IndexOptions options;
    options.database = (dir / "db").string();
    options.inputs = {(dir / "a.jsonl").string()};
    options.profile.stemmer = fahras::StemmerKind::None;
    options.threads = 1;
    std::ostringstream diagnostics;
    (void)fahras::run_index(options, diagnostics);
    Searcher searcher(options.database);
    CHECK(searcher.analysis_profile() == options.profile.id());
    CHECK(found(searcher, "المفاوضات") == Ids{"s1"});
    CHECK(found(searcher, "مفاوضات").empty());  // no stemming in this profile
    fs::remove_all(dir);
  }
}

TEST_SUITE("query ranking levers") {
  TEST_CASE("ranking settings: levers switch by name, parameters take numbers, mistakes are named") {
    fahras::RankingOptions r;
    const fahras::RankingOptions defaults;
    CHECK(r.lead_weight > 0);
    CHECK(r.proximity_weight == 0);
    CHECK(r.entity_weight > 0);
    CHECK_FALSE(r.query_weights);
    CHECK(r.feedback_terms == 0);
    r.set("none");
    CHECK(r.lead_weight == 0);
    CHECK(r.proximity_weight == 0);
    CHECK(r.entity_weight == 0);
    r.set("+proximity,weights,feedback");
    CHECK(r.proximity_weight > 0);
    CHECK(r.lead_weight == 0);
    CHECK(r.query_weights);
    CHECK(r.feedback_terms > 0);
    r.set("default");
    CHECK(r.lead_weight == defaults.lead_weight);
    CHECK_FALSE(r.query_weights);
    CHECK(r.feedback_terms == 0);
    r.set("-lead,k1=1.2,entities=0.5");
    CHECK(r.lead_weight == 0);
    CHECK(r.bm25_k1 == 1.2);
    CHECK(r.entity_weight == 0.5);
    CHECK(r.proximity_weight == 0);
    CHECK_THROWS_WITH_AS(r.set("-speed"), doctest::Contains("unknown lever 'speed'"), fahras::RequestError);
    CHECK_THROWS_WITH_AS(r.set("k2=1"), doctest::Contains("unknown parameter 'k2'"), fahras::RequestError);
    CHECK_THROWS_WITH_AS(r.set("k1=fast"), doctest::Contains("'fast' is not a number"), fahras::RequestError);
    CHECK_THROWS_WITH_AS(r.set("lead=-1"), doctest::Contains("0 or more"), fahras::RequestError);
    CHECK_THROWS_WITH_AS(r.set("feedback=1e30"), doctest::Contains("at most 1000 terms"), fahras::RequestError);
    CHECK_THROWS_AS(r.set("lead,"), fahras::RequestError);  // an empty item names no lever
  }

  // Each pair below holds the same words, so bag-of-words BM25 ties them and the id decides
  // (the "a-" article first); the lever must reverse that order, and never drop an article.
  SearchRequest levers(const std::string& setting) {
    SearchRequest request;
    request.collapse = false;
    request.ranking.set(setting);
    return request;
  }

  TEST_CASE("proximity: the article with the query's words side by side, in order, ranks first") {
    TestDb db({article("a-apart", "خبر", "البنك زار الوزير ثم المركزي عاد امس"),
               article("b-together", "خبر", "الوزير زار البنك المركزي ثم عاد امس")});
    Searcher searcher(db.path());
    CHECK(ids(search(searcher, "البنك المركزي", levers("none"))) == Ids{"a-apart", "b-together"});
    CHECK(ids(search(searcher, "البنك المركزي", levers("none,+proximity"))) == Ids{"b-together", "a-apart"});
    // As people type a headline: the article ال dropped still finds the words side by side.
    CHECK(ids(search(searcher, "بنك مركزي", levers("none,+proximity"))) == Ids{"b-together", "a-apart"});
    CHECK(ids(search(searcher, "البنك المركزي")) == Ids{"a-apart", "b-together"});  // off by default
  }

  TEST_CASE("lead: a word among the body's first words counts more than the same word further on") {
    std::string filler;
    for (int i = 0; i < 120; ++i) filler += "كلمة" + std::to_string(i) + " ";
    TestDb db({article("a-late", "خبر", filler + "الزلزال"), article("b-lead", "خبر", "الزلزال " + filler)});
    Searcher searcher(db.path());
    CHECK(ids(search(searcher, "الزلزال", levers("none"))) == Ids{"a-late", "b-lead"});
    CHECK(ids(search(searcher, "الزلزال", levers("none,+lead"))) == Ids{"b-lead", "a-late"});
  }

  TEST_CASE("entities: a gazetteer name in a plain query boosts the articles about it, through its aliases") {
    TestDb db({article("a-other", "خبر", "عقدت القمة في المدينة وحضرها وزير الزراعة"),
               article("b-trump", "خبر", "عقدت القمة في المدينة وحضرها دونالد ترامب")});
    Searcher searcher(db.path());
    // ترمب is how some outlets write ترامب: not the same word, the same person.
    CHECK(ids(search(searcher, "ترمب القمة", levers("none"))) == Ids{"a-other", "b-trump"});
    const SearchResponse boosted = search(searcher, "ترمب القمة", levers("none,+entities"));
    CHECK(ids(boosted) == Ids{"b-trump", "a-other"});  // a boost, not a filter: both still found
    CHECK(boosted.total == 2);
  }

  TEST_CASE("feedback and weights reorder without changing what matches; the default leaves them off") {
    TestDb db(corpus());
    Searcher searcher(db.path());
    const SearchResponse plain = search(searcher, "القمة", levers("none"));
    const SearchResponse expanded = search(searcher, "القمة", levers("none,+feedback,+weights"));
    CHECK(plain.total == 2);
    CHECK(expanded.total == plain.total);
    CHECK(found_set(searcher, "القمة", levers("none,+feedback")) == found_set(searcher, "القمة", levers("none")));
    SearchRequest with_feedback = levers("none,+feedback");
    with_feedback.text = "القمة";
    CHECK(searcher.explain(with_feedback).find("AND_MAYBE") != std::string::npos);
    SearchRequest by_default;
    by_default.text = "القمة";
    CHECK(searcher.explain(by_default).find("AND_MAYBE") == std::string::npos);  // one word: no pair, no name
  }
}
