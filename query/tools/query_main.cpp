// fahras-query: search a fahras database from the command line (the thin edge: options in,
// exit status out; the work is in query_cli.cpp, query_output.cpp, query_interactive.cpp and
// the fahras_query library).
#include "query_cli.hpp"
#include "query_options.hpp"
#include "terminal_env.hpp"

#include <cstdlib>
#include <iostream>
#include <unistd.h>

int main(int argc, char** argv) {
  const bool out_terminal = isatty(STDOUT_FILENO) != 0;
  const bool in_terminal = isatty(STDIN_FILENO) != 0;
  fahras::cli::QueryOptions options;
  if (const auto status =
          fahras::cli::parse_command_line(argc, argv, in_terminal && out_terminal, options, std::cout, std::cerr)) {
    return *status;
  }
  fahras::cli::Display display;
  display.color = fahras::terminal::use_color(options.color, out_terminal, std::getenv("NO_COLOR"), std::getenv("TERM"));
  display.width = fahras::terminal::terminal_columns(STDOUT_FILENO);
  display.bidi = options.bidi;
  return fahras::cli::run(options, display, std::cin, std::cout, std::cerr);
}
