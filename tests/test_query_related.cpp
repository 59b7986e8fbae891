// Related articles (Searcher::related): the samples indexed by the real indexer, with two more
// articles on the OPEC+ story written for these tests (tests/data/related_articles.jsonl).
#include "fahras/query.hpp"
#include "fahras/terms.hpp"
#include "related.hpp"
#include "sample_database.hpp"

#include <doctest/doctest.h>
#include <xapian.h>

#include <algorithm>
#include <set>
#include <string>
#include <vector>

using fahras::Searcher;
using fahras::SearchRequest;
using fahras::SearchResponse;
using fahras::test::SampleDatabase;

namespace {

/** The samples and the two OPEC+ articles of tests/data/related_articles.jsonl. */
class RelatedDatabase : public SampleDatabase {
public:
  RelatedDatabase() { REQUIRE(index({std::string(FAHRAS_TEST_DATA_DIR) + "/related_articles.jsonl"}).added == 2); }
};

std::vector<std::string> ids(const SearchResponse& response) {
  std::vector<std::string> out;
  for (const auto& hit : response.hits) out.push_back(hit.id);
  return out;
}

bool holds(const std::vector<std::string>& list, const std::string& id) {
  return std::find(list.begin(), list.end(), id) != list.end();
}

SearchResponse related(Searcher& searcher, const std::string& id, const SearchRequest& request = {}) {
  auto response = searcher.related(id, request);
  REQUIRE(response.has_value());
  return std::move(*response);
}

}  // namespace

TEST_SUITE("query related") {
  TEST_CASE("related: articles on the same story first; never the article nor its near-duplicate copy") {
    RelatedDatabase db;
    Searcher searcher(db.path());
    // sample-002, the OPEC+ wire story; sample-003 republishes it (one cluster).
    const SearchResponse opec = related(searcher, "sample-002");
    const auto found = ids(opec);
    INFO(opec.query);
    REQUIRE(found.size() >= 2);
    CHECK(std::set<std::string>(found.begin(), found.begin() + 2) ==
          std::set<std::string>{"related-oil-1", "related-oil-2"});
    CHECK_FALSE(holds(found, "sample-002"));
    CHECK_FALSE(holds(found, "sample-003"));
    CHECK(opec.query.find("أوبك") != std::string::npos);  // the chosen words, as the article writes them

    // Not collapsed, every article that shares a word: still neither of them.
    SearchRequest all;
    all.collapse = false;
    all.limit = 100;
    const auto every = ids(related(searcher, "sample-002", all));
    CHECK(every.size() > 10);
    CHECK_FALSE(holds(every, "sample-002"));
    CHECK_FALSE(holds(every, "sample-003"));
    // The copy's related articles leave out the original.
    CHECK_FALSE(holds(ids(related(searcher, "sample-003", all)), "sample-002"));

    // The football story: the two other articles about the same player first.
    const std::string qahtani_squad = searcher.article("https://al-khabar.example/2025/06/12/sport-169")->id;
    const auto football = ids(related(searcher, "sample-004"));
    REQUIRE(football.size() >= 2);
    CHECK(std::set<std::string>(football.begin(), football.begin() + 2) ==
          std::set<std::string>{"sample-024", qahtani_squad});
    // Looked up as article() looks up: an article without an id by its URL, also written otherwise.
    CHECK(ids(related(searcher, "HTTPS://AL-KHABAR.example/2025/06/12/sport-169#top")) ==
          ids(related(searcher, qahtani_squad)));
  }

  TEST_CASE("related: the chosen words are highlighted in each hit; the terms are body stems only") {
    RelatedDatabase db;
    Searcher searcher(db.path());
    SearchRequest request;
    request.highlight = fahras::HighlightStyle::Markers;
    const SearchResponse response = related(searcher, "sample-002", request);
    REQUIRE_FALSE(response.hits.empty());
    const auto& first = response.hits.front();
    CHECK_FALSE(first.highlights.empty());
    CHECK_FALSE(first.title_highlights.empty());
    CHECK(first.snippet_rendered.find('[') != std::string::npos);
    CHECK_FALSE(first.matched_terms.empty());
    for (const std::string& word : first.matched_terms) CHECK(response.query.find(word) != std::string::npos);

    const Xapian::Database xdb(db.path());
    const Xapian::PostingIterator it = xdb.postlist_begin(fahras::id_term("sample-002"));
    REQUIRE(it != xdb.postlist_end(fahras::id_term("sample-002")));
    fahras::Analyzer analyzer(fahras::AnalysisProfile::from_id(searcher.analysis_profile()).value());
    const auto terms = fahras::query::related_terms(xdb, *it, analyzer);
    REQUIRE(terms.size() > 5);
    CHECK(terms.size() <= 25);
    for (std::size_t i = 0; i < terms.size(); ++i) {
      CAPTURE(terms[i].term);
      CHECK(terms[i].term.rfind("Z", 0) == 0);
      CHECK(terms[i].term.rfind("ZS", 0) != 0);                                      // never the title's duplicate
      CHECK(terms[i].term.find_first_not_of("Z0123456789.,") != std::string::npos);  // no numbers
      CHECK(xdb.get_termfreq(terms[i].term) > 2);  // held by more than the article and its copy
      CHECK_FALSE(terms[i].word.empty());
      if (i > 0) CHECK(terms[i].weight <= terms[i - 1].weight);
    }
  }

  TEST_CASE("related: the page, filters and since as a search takes them") {
    RelatedDatabase db;
    Searcher searcher(db.path());
    SearchRequest ten;
    ten.limit = 10;
    const auto first_ten = ids(related(searcher, "sample-001", ten));
    REQUIRE(first_ten.size() == 10);
    SearchRequest page = ten;
    page.limit = 3;
    page.offset = 4;
    const SearchResponse paged = related(searcher, "sample-001", page);
    CHECK(ids(paged) == std::vector<std::string>(first_ten.begin() + 4, first_ten.begin() + 7));
    CHECK(paged.hits.front().rank == 5);

    SearchRequest filtered;
    filtered.limit = 100;
    filtered.filters = {"source:majallat-al-iqtisad"};
    const SearchResponse economy = related(searcher, "sample-001", filtered);
    REQUIRE_FALSE(economy.hits.empty());
    for (const auto& hit : economy.hits) CHECK(hit.source == "majallat-al-iqtisad");
    CHECK(economy.total == economy.hits.size());

    SearchRequest recent;
    recent.limit = 100;
    recent.since = "2025-06-01";
    recent.now = "2025-07-01T00:00";
    const SearchResponse june = related(searcher, "sample-001", recent);
    REQUIRE_FALSE(june.hits.empty());
    for (const auto& hit : june.hits) CHECK(hit.date >= "2025-06-01");

    SearchRequest facets;
    facets.facets = true;
    const SearchResponse counted = related(searcher, "sample-001", facets);
    CHECK_FALSE(counted.facets.sources.empty());
  }

  TEST_CASE("related: an unknown id is nullopt; a query text or a sort by date is a RequestError") {
    RelatedDatabase db;
    Searcher searcher(db.path());
    CHECK_FALSE(searcher.related("sample-999").has_value());
    CHECK_FALSE(searcher.related("").has_value());
    CHECK_FALSE(searcher.related("https://al-khabar.example/2025/05/20/economy-999").has_value());
    SearchRequest with_text;
    with_text.text = "أوبك";
    CHECK_THROWS_WITH_AS(static_cast<void>(searcher.related("sample-002", with_text)),
                         doctest::Contains("take no query text"), fahras::RequestError);
    SearchRequest newest;
    newest.sort = fahras::SortOrder::Newest;
    CHECK_THROWS_AS(static_cast<void>(searcher.related("sample-002", newest)), fahras::RequestError);
    SearchRequest too_many;
    too_many.limit = 10001;
    CHECK_THROWS_AS(static_cast<void>(searcher.related("sample-002", too_many)), fahras::RequestError);
  }
}
