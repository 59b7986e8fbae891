// Ranking: BM25 over the built query, the sort orders, collapsing near-duplicates, and the
// recency / date-closeness blend applied over a generous candidate set.
#pragma once

#include "facets.hpp"
#include "fahras/query.hpp"
#include "query_dates.hpp"

#include <xapian.h>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace fahras::query {

/** A blend of relevance with time: score × (floor + (1 − floor) × 2^(−distance / half-life)),
 *  the distance being the article's age at `reference` (recency) or its distance to it (around). */
struct Blend {
  bool active = false;
  bool around = false;          ///< distance in both directions from `reference`
  std::int64_t reference = 0;   ///< unix seconds: now, or the --around date
  double half_life_seconds = 0;
  double floor = 0;
};

/** The blend a request asks for; throws RequestError for a bad half-life or date. */
Blend blend_of(const SearchRequest& request, const TimeZone& zone, std::int64_t now);

/** The blend factor of an article published at `published` (nullopt: undated). */
double blend_factor(const Blend& blend, std::optional<std::int64_t> published);

struct RankedMatch {
  Xapian::Document document;  ///< (its get_docid() is its id in its shard)
  Xapian::docid docid = 0;    ///< its id in `db` (shards combined: Xapian interleaves their ids)
  std::vector<std::string> matching_terms;
  double score = 0;
  std::size_t duplicates = 0;
};

struct Ranked {
  std::size_t total = 0;  ///< matching stories (articles when not collapsing), exact or at least
  TotalRelation relation = TotalRelation::Exact;
  std::vector<RankedMatch> matches;
  SearchFacets facets;
  bool timed_out = false;  ///< SearchResponse::timed_out
  double facets_ms = 0;    ///< of the time rank took, what counting the facets took (after the match)
};

/**
 * The page of matches the request asks for, and how many match: counted exactly while fewer
 * than SearchRequest::count_up_to documents match (every one with facets), else a lower bound.
 * With a limit of 0 nothing is sorted: the match only counts. With a time limit
 * (SearchRequest::time_limit_ms), see SearchResponse::timed_out. Facets (SearchRequest::facets)
 * are counted with `columns`, which must then be those of `db`'s revision.
 * `remote`: `db` has shards served by xapian-tcpsrv, whose protocol (Xapian 1.4) carries no match
 * spy of ours nor a KeyMaker: nothing is counted apart, the count is exact when Xapian's bounds
 * meet, and the request must ask for neither facets nor a sort by date (std::logic_error).
 */
Ranked rank(const Xapian::Database& db, const Xapian::Query& query, const SearchRequest& request, const Blend& blend,
           const FacetColumns* columns = nullptr, const Xapian::Query* count_query = nullptr, bool remote = false);

/**
 * Whether rank may count apart: a request for a page by relevance alone, without facets. Then
 * `count_query` (the query built unweighted, every term that all articles hold made MatchAll,
 * scaled by 0) counts the matches in a pass that weighs nothing, and the ranking pass checks no
 * more documents than it fetches, so that Xapian skips those that cannot reach the page
 * (max-weight pruning) instead of weighing every match it counts. Collapsed, `columns` (with at
 * least the clusters) count the stories and each hit's copies.
 */
bool counts_apart(const SearchRequest& request, const Blend& blend);

}  // namespace fahras::query
