// What the terminal fahras-query writes to can do: colours (--color, NO_COLOR, TERM=dumb)
// and its size (TIOCGWINSZ, else $COLUMNS / $LINES).
#pragma once

#include <cstddef>
#include <optional>
#include <string_view>

namespace fahras::terminal {

/** --color. */
enum class ColorMode : unsigned char { Auto, Always, Never };

/** "auto", "always" or "never"; nullopt otherwise. */
std::optional<ColorMode> parse_color_mode(std::string_view name);

/**
 * Whether to write colours: `Always` and `Never` decide alone (a command-line option overrides
 * the environment, as no-color.org asks); `Auto` colours a terminal unless NO_COLOR is set to
 * a non-empty value or TERM is "dumb". `no_color` and `term` are the variables' values or null.
 */
bool use_color(ColorMode mode, bool is_terminal, const char* no_color, const char* term);

/** A positive number of columns or lines from an environment value ("80"); nullopt for null,
 *  empty, zero, negative or non-numeric values. */
std::optional<std::size_t> size_from_env(const char* value);

/** The width of the terminal on `fd` (TIOCGWINSZ); else $COLUMNS; else 0 (unknown: no wrapping). */
std::size_t terminal_columns(int fd);
/** The height of the terminal on `fd` (TIOCGWINSZ); else $LINES; else 0 (unknown). */
std::size_t terminal_rows(int fd);

}  // namespace fahras::terminal
