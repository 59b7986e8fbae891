// Related articles ("more like this"): the words that set one article apart, chosen by Xapian's
// relevance feedback (an RSet of the article, Enquire::get_eset), searched for as one weighted
// OR; the article and its near-duplicate copies left out.
#pragma once

#include "facets.hpp"
#include "fahras/analysis.hpp"
#include "fahras/query.hpp"
#include "query_dates.hpp"

#include <xapian.h>

#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace fahras::query {

/** What related() reads from the Searcher. */
struct RelatedContext {
  const Xapian::Database& db;
  Analyzer& analyzer;
  const TimeZone& zone;                 ///< the database's, for the request's dates
  std::int64_t now = 0;                 ///< unix seconds: what the request's recency counts from
  std::optional<Xapian::Query> filter;  ///< the request's filters and since, built as search() builds them
  /** The facet columns of the database's current revision, with at least the ones asked for. */
  std::function<const FacetColumns&(FacetColumns::Columns)> facet_columns;
  bool remote = false;  ///< `db` has remote shards (see rank): no facets, nothing counted apart
};

/** How the expansion is chosen (the defaults are what Searcher::related uses). */
struct RelatedOptions {
  std::size_t terms = 25;  ///< body stem terms to search for, most weight first
  bool entities = false;   ///< also the article's person, place and organization terms
};

/** The terms an article is searched by, most weight first. */
struct RelatedTerm {
  std::string term;        ///< the Xapian term ("Z" + stem, or an entity term)
  std::string word;        ///< as the article writes it (its most frequent form); an entity's name
  std::string normalized;  ///< that form normalized ("" for an entity)
  double weight = 0;       ///< the ESet weight
};

/**
 * The expansion of the document `did`: the body stem terms ("Z" + stem; never title duplicates,
 * ids, dates, LSH or cluster terms, numbers, or terms held only by the article and its copies)
 * that Xapian's relevance feedback weighs highest with the document as the one relevant
 * document. Xapian errors are left to the caller.
 */
std::vector<RelatedTerm> related_terms(const Xapian::Database& db, Xapian::docid did, Analyzer& analyzer,
                                       const RelatedOptions& options = {});

/**
 * Searcher::related: the articles most like the article `id` (looked up as Searcher::article
 * does), by `request`'s page, filters, collapse, snippets and facets; nullopt for an unknown id.
 * Throws RequestError for a request with text, a sort other than relevance, or a bad limit or
 * time limit. Xapian errors are left to the caller.
 */
std::optional<SearchResponse> related(const std::string& id, const SearchRequest& request,
                                      const RelatedContext& context, const RelatedOptions& options = {});

}  // namespace fahras::query
