// fahras-query with no query on a terminal: a prompt with line editing and persistent history
// (libedit), results a page at a time, any hit in full, sort, facets, the parsed query.
#pragma once

#include "fahras/query.hpp"

#include <iosfwd>
#include <string>

namespace fahras::cli {

struct QueryOptions;
struct Display;

/** The history file: $FAHRAS_HISTORY, else $XDG_STATE_HOME/fahras/history, else
 *  ~/.local/state/fahras/history; "" when none of them can be made out (no history kept). */
std::string history_path();

/** Runs the session until Ctrl-D or :q (exit status 0). */
int run_interactive(Searcher& searcher, const QueryOptions& options, const Display& display, std::ostream& out,
                    std::ostream& err);

}  // namespace fahras::cli
