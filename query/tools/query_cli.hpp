// fahras-query's work once its options are read: one search, a count, a batch, the database's
// facts, an analysis table, an article's related articles or an interactive session; printed as text or JSON; and the exit
// status (0 hits, 1 none, 2 error; with --limit 0, whether anything matches).
#pragma once

#include "fahras/query.hpp"
#include "query_output.hpp"
#include "terminal_env.hpp"

#include <iosfwd>
#include <optional>
#include <string>

namespace fahras::cli {

inline constexpr int exit_hits = 0;
inline constexpr int exit_no_hits = 1;
inline constexpr int exit_error = 2;

enum class OutputFormat : unsigned char {
  Text,   ///< for a person
  Json,   ///< the library's JSON object
  Jsonl,  ///< one hit a line
};

/** The command line, read. */
struct QueryOptions {
  std::string database;                ///< the first --db (for messages)
  std::vector<std::string> databases;  ///< every --db: searched as one
  OpenOptions open;                    ///< --allow-partial, --remote-timeout, --connect-timeout
  std::string query;                   ///< the QUERY words joined by spaces
  std::string batch;                   ///< "" or a file of queries, one a line ("-": standard input)
  OutputFormat format = OutputFormat::Text;
  bool explain = false;                ///< print the parsed query instead of searching
  bool count = false;                  ///< print the number of matching articles only
  bool entities = false;               ///< list the entities that co-occur with the query
  bool info = false;                   ///< print the database's facts
  std::optional<std::string> analyze;  ///< print the analysis table of this text
  std::optional<std::string> related;  ///< list the articles like the article with this id
  bool interactive = false;            ///< no query, and both ends are a terminal: a session
  bool limit_given = false;            ///< --limit was given (else a session pages by the screen)
  bool no_pager = false;               ///< --no-pager: a session prints an opened hit without $PAGER
  terminal::ColorMode color = terminal::ColorMode::Auto;
  BidiMode bidi = BidiMode::Logical;
  SearchRequest request;               ///< everything else
};

/** --sort: "relevance", "newest" or "oldest"; throws std::invalid_argument otherwise. */
SortOrder parse_sort(const std::string& name);
/** --operator: "or" or "and" (AND with fallback to OR); throws std::invalid_argument otherwise. */
DefaultOperator parse_operator(const std::string& name);
/** --rank NAME=VALUE: sets one ranking parameter (k1, b, min_normlen, stem, exact, title,
 *  title_exact, floor); throws std::invalid_argument naming what is wrong. */
void set_rank_parameter(RankingOptions& ranking, const std::string& setting);
/** --bidi: "logical" or "visual"; throws std::invalid_argument otherwise. */
BidiMode parse_bidi(const std::string& name);

/** Runs fahras-query; messages for errors go to `err` as one "fahras-query: ..." line. */
int run(const QueryOptions& options, const Display& display, std::istream& in, std::ostream& out, std::ostream& err);

}  // namespace fahras::cli
