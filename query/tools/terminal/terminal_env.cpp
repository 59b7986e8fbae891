#include "terminal_env.hpp"

#include <sys/ioctl.h>

#include <charconv>
#include <cstdlib>
#include <cstring>

namespace fahras::terminal {

namespace {

std::optional<winsize> window_size(int fd) {
  winsize size{};
  if (ioctl(fd, TIOCGWINSZ, &size) != 0) return std::nullopt;
  return size;
}

}  // namespace

std::optional<ColorMode> parse_color_mode(std::string_view name) {
  if (name == "auto") return ColorMode::Auto;
  if (name == "always") return ColorMode::Always;
  if (name == "never") return ColorMode::Never;
  return std::nullopt;
}

bool use_color(ColorMode mode, bool is_terminal, const char* no_color, const char* term) {
  switch (mode) {
    case ColorMode::Always: return true;
    case ColorMode::Never: return false;
    case ColorMode::Auto: break;
  }
  if (!is_terminal) return false;
  if (no_color != nullptr && no_color[0] != '\0') return false;
  return term == nullptr || std::strcmp(term, "dumb") != 0;
}

std::optional<std::size_t> size_from_env(const char* value) {
  if (value == nullptr || value[0] == '\0') return std::nullopt;
  std::size_t number = 0;
  const char* end = value + std::strlen(value);
  const auto [stop, error] = std::from_chars(value, end, number);
  if (error != std::errc() || stop != end || number == 0) return std::nullopt;
  return number;
}

std::size_t terminal_columns(int fd) {
  if (const auto size = window_size(fd); size && size->ws_col > 0) return size->ws_col;
  return size_from_env(std::getenv("COLUMNS")).value_or(0);
}

std::size_t terminal_rows(int fd) {
  if (const auto size = window_size(fd); size && size->ws_row > 0) return size->ws_row;
  return size_from_env(std::getenv("LINES")).value_or(0);
}

}  // namespace fahras::terminal
