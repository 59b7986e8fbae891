#include "fahras/schema.hpp"

#include <doctest/doctest.h>

#include <set>
#include <stdexcept>
#include <string>

TEST_SUITE("schema") {
  TEST_CASE("no prefix is a prefix of another") {
    // Free-text fields also use "Z" + prefix for stems; Z is therefore reserved.
    for (const auto& a : fahras::schema::fields) {
      if (a.prefix.empty()) continue;
      CHECK(a.prefix.front() != fahras::schema::stem_prefix.front());
      for (const auto& b : fahras::schema::fields) {
        if (&a == &b || b.prefix.empty()) continue;
        INFO(a.name, " / ", b.name);
        CHECK(b.prefix.substr(0, a.prefix.size()) != a.prefix);
      }
    }
  }

  TEST_CASE("prefixes are upper case, so they never meet an unprefixed (lower case) term") {
    for (const auto& f : fahras::schema::fields) {
      for (const char c : f.prefix) CHECK(((c >= 'A' && c <= 'Z') || c == ':'));
    }
  }

  TEST_CASE("names are unique and found") {
    std::set<std::string_view> names;
    for (const auto& f : fahras::schema::fields) CHECK(names.insert(f.name).second);
    CHECK(fahras::schema::prefix("id") == "Q");
    CHECK(fahras::schema::prefix("source") == "XSOURCE:");
    CHECK_THROWS_AS(fahras::schema::field("nope"), std::out_of_range);
  }
}
