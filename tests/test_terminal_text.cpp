// The terminal output layer of fahras-query: sanitizing (no control character or escape
// sequence from the database reaches the terminal), widths, wrapping, highlight rendering,
// and the colour and size decisions.
#include "terminal_env.hpp"
#include "terminal_text.hpp"

#include <doctest/doctest.h>

#include <string>
#include <vector>

namespace {

using fahras::terminal::Cell;
using fahras::terminal::Cells;

std::vector<std::string> lines_of(const std::vector<Cells>& lines) {
  std::vector<std::string> out;
  for (const Cells& line : lines) out.push_back(fahras::terminal::to_utf8(line));
  return out;
}

std::string marked(const Cells& cells) {  // the marked characters, as UTF-8
  Cells only;
  for (const Cell& cell : cells) {
    if (cell.mark) only.push_back(cell);
  }
  return fahras::terminal::to_utf8(only);
}

}  // namespace

TEST_SUITE("terminal text") {
  TEST_CASE("escape sequences are removed whole, other controls dropped, spacing controls become spaces") {
    using fahras::terminal::sanitize;
    const struct {
      std::string in;
      std::string out;
    } rows[] = {
        {"a\x1b[31mred\x1b[0m b", "ared b"},                              // CSI (SGR)
        {"x\x1b[2J\x1b[Hy", "xy"},                                        // clear screen, cursor home
        {"x\x1b]0;pwned\x07y", "xy"},                                     // OSC window title, ended by BEL
        {"x\x1b]8;;http://evil\x1b\\link\x1b]8;;\x1b\\y", "xlinky"},      // OSC 8 hyperlink, ended by ST
        {"x\x1bP1$r\x1b\\y", "xy"},                                       // DCS
        {"x\x1b(0y", "xy"},                                               // ESC with an intermediate
        {"x\x1b" "cy", "xy"},                                             // RIS (full reset)
        {"a\x07" "b\x08" "c\x7f" "d\x01", "abcd"},                        // BEL, BS, DEL, SOH
        {"x\xC2\x9B" "31my", "xy"},                                       // C1 CSI
        {"x\xC2\x9D" "0;t\xC2\x9Cy", "xy"},                               // C1 OSC ... ST
        {"x\xC2\x85y", "x y"},                                            // NEL
        {"a\tb\nc\rd", "a b c d"},
        {"a\xE2\x80\xA8" "b", "a b"},                                     // LINE SEPARATOR
        {"\xE2\x80\xAE" "abc\xE2\x81\xA6" "d\xE2\x81\xA9", "abcd"},       // RLO, LRI, PDI
        {"abc\x1b", "abc"},                                               // ESC at the very end
        {"abc\x1b[", "abc"},
        {"a\x1b\xD8\xA8", "a\xD8\xA8"},                                   // ESC then Arabic: only the ESC goes
        {"\xFF" "a\xC3", "\xEF\xBF\xBD" "a\xEF\xBF\xBD"},                 // ill-formed UTF-8
        {"الرئيـــس أَحْمَد", "الرئيـــس أَحْمَد"},                         // Arabic untouched
        {"\xE2\x80\x8F" "ok", "\xE2\x80\x8F" "ok"},                       // RLM kept: it opens nothing
    };
    for (const auto& row : rows) {
      INFO(row.in);
      CHECK(sanitize(row.in) == row.out);
      CHECK(sanitize(row.in).find('\x1b') == std::string::npos);
    }
  }

  TEST_CASE("highlight byte ranges follow their characters through sanitizing") {
    const std::string text = "قال \x1b[1mبوتين\x1b[0m اليوم";
    const std::size_t begin = text.find("بوتين");
    const Cells cells = fahras::terminal::to_cells(text, {{begin, begin + std::string("بوتين").size()}});
    CHECK(fahras::terminal::to_utf8(cells) == "قال بوتين اليوم");
    CHECK(marked(cells) == "بوتين");
    CHECK(marked(fahras::terminal::to_cells("abc", {{1, 2}, {0, 1}})) == "ab");  // unsorted ranges
    CHECK(marked(fahras::terminal::to_cells("abc", {{5, 9}})).empty());         // out of range: ignored
  }

  TEST_CASE("columns: marks take none, wide characters two") {
    using fahras::terminal::columns;
    CHECK(columns(U'a') == 1);
    CHECK(columns(U'\u0628') == 1);  // ب
    CHECK(columns(U'\u064E') == 0);  // fatha
    CHECK(columns(U'\u200F') == 0);  // RLM
    CHECK(columns(U'\u4E2D') == 2);  // 中
    CHECK(columns(fahras::terminal::plain("أَحْمَد")) == 4);
  }

  TEST_CASE("wrap at spaces within the width; long words cut; width 0 is one line") {
    using fahras::terminal::plain;
    using fahras::terminal::wrap;
    CHECK(lines_of(wrap(plain("aa bb cc"), 5)) == std::vector<std::string>{"aa bb", "cc"});
    CHECK(lines_of(wrap(plain("aa bb cc"), 0)) == std::vector<std::string>{"aa bb cc"});
    CHECK(lines_of(wrap(plain("abcdefgh ij"), 3)) == std::vector<std::string>{"abc", "def", "gh", "ij"});
    CHECK(lines_of(wrap(plain(""), 10)) == std::vector<std::string>{""});
    CHECK(lines_of(wrap(plain("قال  الوزير اليوم"), 11)) == std::vector<std::string>{"قال  الوزير", "اليوم"});
    // diacritics take no column: "أَحْمَد سعيد" is 9 columns
    CHECK(lines_of(wrap(plain("أَحْمَد سعيد"), 9)).size() == 1);
    for (const auto& line : wrap(plain("الحكومة تقر ميزانية تكميلية بقيمة ١٢ مليار ريال لدعم المشاريع الصغيرة"), 20)) {
      CHECK(fahras::terminal::columns(line) <= 20);
    }
  }

  TEST_CASE("render: SGR around each highlighted run, or brackets without colour") {
    const Cells cells = fahras::terminal::to_cells("ab cd", {{3, 5}});
    CHECK(fahras::terminal::render(cells, false) == "ab cd");
    CHECK(fahras::terminal::render(cells, true) == "ab \x1b[1;31m" "cd\x1b[0m");
    CHECK(fahras::terminal::render(cells, true, "\x1b[1m") == "\x1b[1m" "ab \x1b[1;31m" "cd\x1b[0m");
    CHECK(fahras::terminal::render(fahras::terminal::plain("x"), true) == "x");  // nothing styled, no reset
    CHECK(fahras::terminal::to_utf8(fahras::terminal::bracket_marks(cells, U'[', U']')) == "ab [cd]");
    CHECK(fahras::terminal::to_utf8(fahras::terminal::bracket_marks(fahras::terminal::to_cells("ab", {{0, 1}}), U'[', U']')) ==
          "[a]b");
  }

  TEST_CASE("colour: --color decides; auto needs a terminal, no NO_COLOR, no TERM=dumb") {
    using fahras::terminal::ColorMode;
    using fahras::terminal::use_color;
    CHECK(use_color(ColorMode::Auto, true, nullptr, "xterm"));
    CHECK(use_color(ColorMode::Auto, true, "", "xterm"));  // an empty NO_COLOR does not count
    CHECK_FALSE(use_color(ColorMode::Auto, true, "1", "xterm"));
    CHECK_FALSE(use_color(ColorMode::Auto, false, nullptr, "xterm"));
    CHECK_FALSE(use_color(ColorMode::Auto, true, nullptr, "dumb"));
    CHECK(use_color(ColorMode::Always, false, "1", "dumb"));
    CHECK_FALSE(use_color(ColorMode::Never, true, nullptr, "xterm"));
    CHECK(fahras::terminal::parse_color_mode("always") == ColorMode::Always);
    CHECK_FALSE(fahras::terminal::parse_color_mode("sometimes"));
  }

  TEST_CASE("sizes from the environment") {
    using fahras::terminal::size_from_env;
    CHECK(size_from_env("80") == 80u);
    CHECK_FALSE(size_from_env(nullptr));
    CHECK_FALSE(size_from_env(""));
    CHECK_FALSE(size_from_env("0"));
    CHECK_FALSE(size_from_env("-5"));
    CHECK_FALSE(size_from_env("80x"));
  }
}
