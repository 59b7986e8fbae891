// fahras-query's command line: the options, their help, and their checks.
#pragma once

#include "query_cli.hpp"

#include <iosfwd>
#include <optional>

namespace fahras::cli {

/**
 * Reads the command line into `options`. Returns nullopt to go on, or the exit status to leave
 * with: 0 after --help or --version (printed to `out`), 2 after a bad command line (one
 * "fahras-query: ..." line on `err`). `interactive_terminal`: standard input and output are both terminals, so
 * that no QUERY means an interactive session.
 */
std::optional<int> parse_command_line(int argc, char** argv, bool interactive_terminal, QueryOptions& options,
                                      std::ostream& out, std::ostream& err);

}  // namespace fahras::cli
