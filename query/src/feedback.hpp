// Pseudo-relevance feedback (the "feedback" ranking lever): the top articles of a first pass
// taken as relevant, and the body stems Xapian's relevance feedback weighs highest among them
// added to the query as a boost (RM3's interpolation, with Xapian's ESet weights).
#pragma once

#include "fahras/query.hpp"

#include <xapian.h>

namespace fahras::query {

/**
 * `query` with a boost of `ranking.feedback_terms` expansion terms ("Z" + stem, body stems only,
 * none already in the query) drawn from its top 10 articles. The boost only reorders: it is
 * joined with OP_AND_MAYBE, so the matching set and the totals stay those of `query` (which
 * holds the request's filters, so the first pass is filtered as the search is). Returns `query`
 * unchanged when the first pass finds fewer than two articles.
 */
Xapian::Query with_feedback(const Xapian::Database& db, const Xapian::Query& query, const RankingOptions& ranking);

}  // namespace fahras::query
