// Term queries for places where Xapian does not weigh the term: filters, exclusions, and
// enquires with BoolWeight.
#pragma once

#include <xapian.h>

#include <string>

namespace fahras {

/**
 * The query for `term` where it is not weighted: under a zero OP_SCALE_WEIGHT, on the right of
 * OP_FILTER or OP_AND_NOT, or in an enquire whose weighting needs no wdf (BoolWeight).
 *
 * Xapian 1.4 (seen with 1.4.22) opens an unweighted term that every document holds as the
 * all-documents list, and when the database's document numbers have gaps (documents deleted,
 * or a compacted parallel build) that list, read past its first chunk, fails with
 * DatabaseCorruptError "Unexpected end of posting list". Such a term matches exactly what
 * Xapian::Query::MatchAll matches, and MatchAll has no such fault, so it is returned instead.
 * Any other term is returned as `Xapian::Query(term)`.
 */
Xapian::Query unweighted_term_query(const Xapian::Database& db, const std::string& term);

/** True when `term` is held by every document of a non-empty `db`. */
bool held_by_every_document(const Xapian::Database& db, const std::string& term);

}  // namespace fahras
