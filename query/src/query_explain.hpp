// What --explain prints: the syntax tree as the search reads it, and Xapian's description of
// the query with its weights written plainly.
#pragma once

#include "fahras/query.hpp"
#include "query_parser.hpp"

#include <string>

namespace fahras::query {

/**
 * The tree as the search combines it. A sequence's words (and other scoring parts) are joined
 * by the default operator: OR(بوتين, ترامب), or AND(…) with --operator and; its filters and
 * exclusions are required beside them: AND(OR(بوتين, ترامب), NOT(قطر), source:al-khabar).
 * Filters of one field are alternatives: OR(source:a, source:b).
 */
std::string describe_search(const Node& root, DefaultOperator op);

/** Xapian's Query::get_description() with each weight factor at its shortest
 *  ("0.3 * Sبوتين", not "0.2999999999999999889 * Sبوتين"). */
std::string tidy_description(const std::string& description);

}  // namespace fahras::query
