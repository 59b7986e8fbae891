// Dates in queries: date specs, spans, ISO instants, and local days in a time zone.
#include "query_dates.hpp"

#include <doctest/doctest.h>

#include <stdexcept>

using fahras::query::DateBound;
using fahras::query::parse_date_bound;
using fahras::query::parse_date_spec;
using fahras::query::parse_span;
using fahras::query::TimeZone;

TEST_SUITE("query dates") {
  TEST_CASE("date bounds: year, month, day, validated") {
    const auto day = parse_date_bound("2024-02-29");
    REQUIRE(day);
    CHECK(day->precision == DateBound::Precision::Day);
    CHECK(day->day == 29);
    CHECK(parse_date_bound("2015-07")->precision == DateBound::Precision::Month);
    CHECK(parse_date_bound("2015")->precision == DateBound::Precision::Year);
    for (const char* bad : {"2015-02-29", "2015-00", "2015-13-01", "2015-07-32", "15-07-01", "2015/07/01", "2015-7-1",
                            "2015-07-01x", "", "0000"}) {
      INFO(bad);
      CHECK_FALSE(parse_date_bound(bad));
    }
  }

  TEST_CASE("date specs: single, ranges with either end open") {
    std::string why;
    const auto single = parse_date_spec("2015-07", &why);
    REQUIRE(single);
    CHECK(single->single);
    const auto open_end = parse_date_spec("2015-07-01..", &why);
    REQUIRE(open_end);
    CHECK_FALSE(open_end->single);
    CHECK(open_end->from);
    CHECK_FALSE(open_end->to);
    const auto open_start = parse_date_spec("..2015", &why);
    REQUIRE(open_start);
    CHECK_FALSE(open_start->from);
    CHECK(open_start->to->precision == DateBound::Precision::Year);
    CHECK_FALSE(parse_date_spec("2015-07-01..2015-07-32", &why));
    CHECK(why.find("2015-07-32") != std::string::npos);
  }

  TEST_CASE("spans") {
    CHECK(parse_span("7d")->amount == 7);
    CHECK(parse_span("12h")->unit == 'h');
    CHECK(fahras::query::span_seconds(*parse_span("2w")) == 14 * 86400);
    for (const char* bad : {"d", "7", "7x", "-7d", "7.5d", "12345678d"}) {
      INFO(bad);
      CHECK_FALSE(parse_span(bad));
    }
  }

  TEST_CASE("local days in a time zone") {
    const TimeZone riyadh("Asia/Riyadh");  // UTC+3, no daylight saving
    const DateBound may4{2025, 5, 4, DateBound::Precision::Day};
    CHECK(riyadh.start_of(may4) == 1746316800 - 3 * 3600);  // 2025-05-04T00:00+03:00
    CHECK(riyadh.end_of(may4) == riyadh.start_of(may4) + 86400 - 1);
    const DateBound may{2025, 5, 1, DateBound::Precision::Month};
    CHECK(riyadh.end_of(may) - riyadh.start_of(may) == 31 * 86400 - 1);
    const DateBound dec{2024, 12, 1, DateBound::Precision::Month};
    CHECK(riyadh.end_of(dec) + 1 == riyadh.to_unix(2025, 1, 1));
    const DateBound leap{2024, 1, 1, DateBound::Precision::Year};
    CHECK(riyadh.end_of(leap) - riyadh.start_of(leap) == 366 * 86400 - 1);

    // A day across a daylight-saving change is 23 hours long.
    const TimeZone berlin("Europe/Berlin");
    const DateBound spring{2025, 3, 30, DateBound::Precision::Day};
    CHECK(berlin.end_of(spring) - berlin.start_of(spring) == 23 * 3600 - 1);
    CHECK_THROWS_AS(TimeZone("Mars/Olympus"), std::invalid_argument);
    CHECK(TimeZone("").name() == "UTC");
  }

  TEST_CASE("instants: with and without a zone, and counting back") {
    const TimeZone riyadh("Asia/Riyadh");
    CHECK(riyadh.parse_instant("2025-05-04T09:15:00+03:00") == 1746339300);
    CHECK(riyadh.parse_instant("2025-05-04T06:15:00Z") == 1746339300);
    CHECK(riyadh.parse_instant("2025-05-04T09:15") == 1746339300);  // wall time in Riyadh
    CHECK(riyadh.parse_instant("2025-05-04 09:15:00") == 1746339300);
    CHECK(riyadh.parse_instant("2025-05-04") == 1746306000);
    for (const char* bad : {"2025-05", "2025-05-04T9:15", "2025-05-04T09:15+3", "yesterday", "2025-05-04T24:00"}) {
      INFO(bad);
      CHECK_FALSE(riyadh.parse_instant(bad));
    }
    const std::int64_t now = *riyadh.parse_instant("2025-03-31T12:00");
    CHECK(riyadh.minus(now, *parse_span("7d")) == now - 7 * 86400);
    CHECK(riyadh.minus(now, *parse_span("1m")) == *riyadh.parse_instant("2025-02-28T12:00"));  // clamped to the month
    CHECK(riyadh.minus(now, *parse_span("1y")) == *riyadh.parse_instant("2024-03-31T12:00"));
  }
}
