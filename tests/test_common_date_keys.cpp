// How dates are spelled in stored data: ISO 8601 UTC stamps (the keys of the date terms are
// tested with the indexer's local dates, in test_indexer_dates.cpp).
#include "date_keys.hpp"

#include <doctest/doctest.h>

#include <cstdint>

using fahras::iso_utc;

TEST_SUITE("date keys") {
  TEST_CASE("iso_utc writes the instant in UTC, seconds included") {
    CHECK(iso_utc(0) == "1970-01-01T00:00:00Z");
    CHECK(iso_utc(-1) == "1969-12-31T23:59:59Z");
    CHECK(iso_utc(1747643400) == "2025-05-19T08:30:00Z");
    CHECK(iso_utc(253402300799) == "9999-12-31T23:59:59Z");
  }

  TEST_CASE("iso_utc pads years before 1000 to four digits, as the day keys do") {
    CHECK(iso_utc(-31015094400) == "0987-03-04T00:00:00Z");
    CHECK(iso_utc(-62135596800) == "0001-01-01T00:00:00Z");
  }
}
