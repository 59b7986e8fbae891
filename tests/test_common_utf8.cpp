#include "utf8.hpp"

#include <doctest/doctest.h>

using fahras::utf8::decode;
using fahras::utf8::repair;

TEST_SUITE("utf8") {
  TEST_CASE("well-formed sequences of every length decode") {
    const std::string text = "a\xD8\xA7\xE2\x80\x8C\xF0\x9F\x98\x80";  // a ا ZWNJ 😀
    CHECK(decode(text, 0).code_point == U'a');
    CHECK(decode(text, 1).code_point == 0x0627);
    CHECK(decode(text, 1).length == 2);
    CHECK(decode(text, 3).code_point == 0x200C);
    CHECK(decode(text, 6).code_point == 0x1F600);
    CHECK(decode(text, 6).length == 4);
    std::size_t bad = 99;
    CHECK(repair(text, &bad) == text);
    CHECK(bad == 0);
  }

  TEST_CASE("each ill-formed sequence becomes one U+FFFD and is counted") {
    struct Case {
      const char* name;
      std::string input;
      std::size_t invalid;
    };
    const Case cases[] = {
        {"lone continuation byte", "a\x80z", 1},
        {"two continuation bytes", "\x80\xBF", 2},
        {"overlong slash C0 AF", "\xC0\xAF", 2},
        {"overlong three-byte E0 80 AF", "\xE0\x80\xAF", 3},
        {"surrogate ED A0 80", "\xED\xA0\x80", 3},
        {"beyond U+10FFFF", "\xF4\x90\x80\x80", 4},
        {"truncated two-byte at end", "\xD8", 1},
        {"truncated three-byte before ASCII", "\xE2\x80x", 1},
        {"invalid lead bytes FE FF", "\xFE\xFF", 2},
    };
    for (const Case& c : cases) {
      INFO(c.name);
      std::size_t bad = 0;
      const std::string repaired = repair(c.input, &bad);
      CHECK(bad == c.invalid);
      CHECK(repaired.find("\xEF\xBF\xBD") != std::string::npos);
      std::size_t again = 99;
      repair(repaired, &again);
      CHECK(again == 0);
    }
  }

  TEST_CASE("NUL is a code point like any other") {
    const std::string text("a\0b", 3);
    std::size_t bad = 99;
    CHECK(repair(text, &bad) == text);
    CHECK(bad == 0);
  }
}
