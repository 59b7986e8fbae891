// One Xapian match to one SearchHit: the stored article, its snippet and title highlights,
// and the query words it matched.
#pragma once

#include "fahras/analysis.hpp"
#include "fahras/query.hpp"
#include "query_builder.hpp"
#include "stored_article.hpp"

#include <xapian.h>

#include <string>
#include <utility>
#include <vector>

namespace fahras::query {

/** Fills everything of a hit but its rank, score and duplicates. */
SearchHit make_hit(const Xapian::Document& doc, const std::vector<std::string>& matching_terms, const BuiltQuery& built,
                   const SearchRequest& request, Analyzer& analyzer, SearchTimings& timings);

}  // namespace fahras::query
