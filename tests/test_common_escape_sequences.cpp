// Terminal escape sequences: the one scanner that the indexer's cleaning and the terminal's
// sanitizing both use, so that what one removes the other removes too.
#include "cleaning.hpp"
#include "escape_sequences.hpp"
#include "terminal_text.hpp"

#include <doctest/doctest.h>

#include <string>

using fahras::escape_sequences::length_at;

TEST_SUITE("escape sequences") {
  TEST_CASE("the length of each kind of sequence, from its first byte") {
    const struct {
      std::string text;
      std::size_t length;
    } rows[] = {
        {"\x1b[31mred", 5},                 // CSI with parameters and a final byte
        {"\x1b[1;2 qx", 7},                 // CSI with an intermediate
        {"\x1b]0;title\x07rest", 10},       // OSC ended by BEL
        {"\x1b]8;;u\x1b\\rest", 8},         // OSC ended by ST (ESC \)
        {"\x1bP1$r\x1b\\x", 7},             // DCS
        {"\x1b]0;title\nrest", 9},          // unterminated: ends before the line break
        {"\x1b]0;title\x1bx", 9},           // an ESC that is not ST ends it before that ESC
        {"\x1b(0x", 3},                     // ESC intermediate final
        {std::string("\x1b") + "cx", 2},    // ESC final (RIS)
        {"\x1b\xD8\xA8", 1},                // ESC before Arabic: the ESC alone
        {"\x1b", 1},                        // at the very end
        {std::string("\xC2\x9B") + "31mx", 5},              // C1 CSI
        {std::string("\xC2\x9D") + "0;t\xC2\x9Cx", 7},      // C1 OSC ended by C1 ST
        {std::string("\xC2\x9D") + "0;t", 5},               // C1 OSC unterminated at the end
        {"\xC2\x85x", 0},                   // NEL is a control, not a sequence
        {"\x07x", 0},                       // BEL alone neither
        {"\xC2\xA0x", 0},                   // no-break space
        {"\xD8\xA8", 0},                    // Arabic
        {"\xC2", 0},                        // a lone lead byte at the end
    };
    for (const auto& row : rows) {
      INFO(row.text);
      CHECK(length_at(row.text, 0) == row.length);
    }
  }

  TEST_CASE("the indexer's cleaning and the terminal's sanitizing remove the same sequences") {
    const std::string inputs[] = {
        "a\x1b[31mأحمر\x1b[0m b",
        "x\x1b]0;pwned\x07y",
        "x\x1b]8;;http://e\x1b\\link\x1b]8;;\x1b\\y",
        "x\x1bP1$r\x1b\\y",
        "x\x1b(0y",
        std::string("x\xC2\x9B") + "31my",
        std::string("x\xC2\x9D") + "0;t\xC2\x9Cy",
        "a\x1b\xD8\xA8",
        "x\x1b]0;unterminated\nnext line",
    };
    for (const std::string& input : inputs) {
      INFO(input);
      fahras::indexer::CleanStats stats;
      std::string cleaned = fahras::indexer::clean_text(input, 1 << 20, stats);
      for (char& c : cleaned) {
        if (c == '\n') c = ' ';  // the terminal shows a line break as a space
      }
      CHECK(cleaned == fahras::terminal::sanitize(input));
      CHECK(stats.control_chars > 0);
    }
  }
}
