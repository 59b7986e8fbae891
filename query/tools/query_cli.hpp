// fahras-query's work once its options are read: one search or a batch, printed as text or
// JSON, and the exit status (0 hits, 1 none, 2 error).
#pragma once

#include "fahras/query.hpp"

#include <iosfwd>
#include <string>

namespace fahras::cli {

/** The command line, read. */
struct QueryOptions {
  std::string database;
  std::string query;           ///< the QUERY words joined by spaces
  std::string batch;           ///< "" or a file of queries, one a line ("-": standard input)
  bool json = false;
  bool explain = false;        ///< print the parsed query instead of searching
  SearchRequest request;       ///< everything else
};

/** --sort: "relevance", "newest" or "oldest"; throws std::invalid_argument otherwise. */
SortOrder parse_sort(const std::string& name);
/** --operator: "or" or "and" (AND with fallback to OR); throws std::invalid_argument otherwise. */
DefaultOperator parse_operator(const std::string& name);
/** --rank NAME=VALUE: sets one ranking parameter (k1, b, min_normlen, stem, exact, title,
 *  title_exact, floor); throws std::invalid_argument naming what is wrong. */
void set_rank_parameter(RankingOptions& ranking, const std::string& setting);

/** Runs fahras-query; messages for errors go to `err` as one "fahras-query: ..." line. */
int run(const QueryOptions& options, std::istream& in, std::ostream& out, std::ostream& err);

}  // namespace fahras::cli
