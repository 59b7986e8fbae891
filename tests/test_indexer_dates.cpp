// Publication dates: every accepted form, zones (fixed, default, DST), ranges, garbage.
#include "dates.hpp"

#include "date_keys.hpp"

#include <doctest/doctest.h>

#include <cstdint>
#include <limits>
#include <random>
#include <stdexcept>
#include <string>

using fahras::indexer::DateParser;
using fahras::day_key;
using fahras::month_key;
using fahras::year_key;

namespace {

// 2025-05-19T08:30:00Z, the instant most rows below name.
constexpr std::int64_t may19_0830z = 1747643400;

std::int64_t parse_ok(const DateParser& parser, std::string_view text) {
  std::string error;
  const auto parsed = parser.parse(text, &error);
  INFO("text '", std::string(text), "' error: ", error);
  REQUIRE(parsed.has_value());
  CHECK(error.empty());
  return parsed->unix_seconds;
}

std::string parse_error(const DateParser& parser, std::string_view text) {
  std::string error;
  const auto parsed = parser.parse(text, &error);
  INFO("text '", std::string(text), "'");
  CHECK_FALSE(parsed.has_value());
  CHECK_FALSE(error.empty());
  return error;
}

}  // namespace

TEST_SUITE("dates") {
  TEST_CASE("every accepted form, in UTC") {
    const DateParser utc;
    struct Row {
      const char* text;
      std::int64_t expected;
    };
    const Row rows[] = {
        {"2025-05-19", 1747612800},
        {"2025-05-19T08:30", may19_0830z},
        {"2025-05-19T08:30:00", may19_0830z},
        {"2025-05-19T08:30:00.250", may19_0830z},
        {"2025-05-19T08:30:00,5", may19_0830z},
        {"2025-05-19T08:30:00Z", may19_0830z},
        {"2025-05-19t08:30:00z", may19_0830z},
        {"2025-05-19T08:30:00.123456Z", may19_0830z},
        {"2025-05-19 08:30:00", may19_0830z},
        {"2025-05-19 08:30", may19_0830z},
        {"  2025-05-19T08:30:00Z \n", may19_0830z},
        {"Mon, 19 May 2025 08:30:00 +0000", may19_0830z},
        {"Mon, 19 May 2025 08:30:00 GMT", may19_0830z},
        {"Mon, 19 May 2025 08:30:00 UT", may19_0830z},
        {"Mon, 19 May 2025 08:30:00 UTC", may19_0830z},
        {"Mon, 19 May 2025 08:30:00 Z", may19_0830z},
        {"19 May 2025 08:30:00 GMT", may19_0830z},
        {"Mon, 19 May 2025 08:30 GMT", may19_0830z},
        {"Monday, 19 May 2025 08:30:00 GMT", may19_0830z},
        {"mon, 19 may 2025 08:30:00 gmt", may19_0830z},
        {"Mon, 19 May 2025 08:30:00", may19_0830z},  // no zone: the parser's zone
        {"Mon, 19 May 2025", 1747612800},
        {"1970-01-01T00:00:00Z", 0},
        {"1969-12-31T23:59:59Z", -1},
        {"2016-12-31T23:59:60Z", 1483228800},  // a leap second reads as the next minute
    };
    for (const Row& row : rows) CHECK_MESSAGE(parse_ok(utc, row.text) == row.expected, row.text);
  }

  TEST_CASE("explicit zone offsets") {
    const DateParser utc;
    CHECK(parse_ok(utc, "2025-05-19T08:30:00+03:00") == may19_0830z - 3 * 3600);
    CHECK(parse_ok(utc, "2025-05-19T08:30:00+0300") == may19_0830z - 3 * 3600);
    CHECK(parse_ok(utc, "2025-05-19T08:30:00+03") == may19_0830z - 3 * 3600);
    CHECK(parse_ok(utc, "2025-05-19T08:30:00-05") == may19_0830z + 5 * 3600);
    CHECK(parse_ok(utc, "2025-05-19T08:30:00.5-05:30") == may19_0830z + 5 * 3600 + 30 * 60);
    CHECK(parse_ok(utc, "2025-05-19 08:30:00 +03:00") == may19_0830z - 3 * 3600);
    CHECK(parse_ok(utc, "Mon, 19 May 2025 08:30:00 +0300") == may19_0830z - 3 * 3600);
    CHECK(parse_ok(utc, "Mon, 19 May 2025 08:30:00 -0700") == may19_0830z + 7 * 3600);
    // An explicit offset wins over the parser's zone.
    const DateParser riyadh("Asia/Riyadh");
    CHECK(parse_ok(riyadh, "2025-05-19T08:30:00Z") == may19_0830z);
    CHECK(parse_ok(riyadh, "2025-05-19T08:30:00-05:00") == may19_0830z + 5 * 3600);
  }

  TEST_CASE("zone-less stamps are wall time in the parser's zone") {
    const DateParser riyadh("Asia/Riyadh");
    CHECK(riyadh.timezone() == "Asia/Riyadh");
    // 2015-07-20T23:51:32Z: Riyadh is UTC+3 all year.
    CHECK(parse_ok(riyadh, "2015-07-21 02:51:32") == 1437436292);
    CHECK(parse_ok(riyadh, "2025-05-19T08:30:00") == may19_0830z - 3 * 3600);
    CHECK(parse_ok(riyadh, "Mon, 19 May 2025 08:30:00") == may19_0830z - 3 * 3600);
  }

  TEST_CASE("a zone with daylight saving time: Europe/Berlin") {
    const DateParser berlin("Europe/Berlin");
    CHECK(parse_ok(berlin, "2025-07-01T12:00:00") == 1751364000);  // summer, UTC+2
    CHECK(parse_ok(berlin, "2025-01-15T12:00:00") == 1736938800);  // winter, UTC+1
    // 02:30 on 2025-03-30 does not exist (02:00 -> 03:00): read with the offset before the
    // change (+01:00), so it is 01:30Z, the instant the clocks showed as 03:30.
    CHECK(parse_ok(berlin, "2025-03-30T02:30:00") == 1743298200);
    CHECK(parse_ok(berlin, "2025-03-30T03:30:00") == 1743298200);
    // 02:30 on 2025-10-26 happens twice: the first one (+02:00), 00:30Z.
    CHECK(parse_ok(berlin, "2025-10-26T02:30:00") == 1761438600);
    CHECK(parse_ok(berlin, "2025-10-26T03:30:00") == 1761438600 + 2 * 3600);
  }

  TEST_CASE("day ranges know leap years") {
    const DateParser utc;
    CHECK(parse_ok(utc, "2024-02-29") == 1709164800);
    CHECK(parse_ok(utc, "2000-02-29") > 0);
    CHECK(parse_ok(utc, "Thu, 29 Feb 2024 00:00:00 GMT") == 1709164800);
    CHECK(parse_error(utc, "2025-02-29").find("day 29") != std::string::npos);
    CHECK(parse_error(utc, "1900-02-29").find("day 29") != std::string::npos);
    CHECK(parse_error(utc, "2025-04-31").find("day 31") != std::string::npos);
    CHECK(parse_error(utc, "2025-01-00").find("day 0") != std::string::npos);
  }

  TEST_CASE("garbage gives nullopt and a message quoting the text") {
    const DateParser utc;
    const char* const garbage[] = {
        "yesterday",
        "2025-13-01",
        "",
        "   ",
        "2025-05-19T25:00",
        "2025-05-19T08:60",
        "2025-05-19T08:30:61",
        "2025-5-19",
        "25-05-19",
        "2025-05-19T",
        "2025-05-19T08",
        "2025-05-19T08:30:00.",
        "2025-05-19T08:30:00+25:00",
        "2025-05-19T08:30:00 PST",
        "2025-05-19T08:30:00Z extra",
        "19 Mai 2025 08:30:00 GMT",
        "Mon, 19 May 25 08:30:00 GMT",
        "Mon, 19 May 2025 08:30:00 +0300 (EEST)",
        "19/05/2025",
        "٢٠٢٥-٠٥-١٩",
        "\xFF\xFE 2025",
    };
    for (const char* text : garbage) {
      const std::string error = parse_error(utc, text);
      CHECK_MESSAGE(error.find("'" + std::string(text) + "'") != std::string::npos, error);
    }
    CHECK(parse_error(utc, "2025-13-01").find("month 13") != std::string::npos);
    CHECK(parse_error(utc, "2025-05-19T25:00").find("hour 25") != std::string::npos);
    CHECK(parse_error(utc, "yesterday") ==
          "cannot read date 'yesterday': not a date; expected an ISO 8601 date (2025-05-19T08:30:00+03:00) or an "
          "RFC 2822 date (Mon, 19 May 2025 08:30:00 +0300)");
    CHECK(parse_error(utc, "Sonday, 19 May 2025").find("'Sonday' is not a weekday") != std::string::npos);
    CHECK(parse_error(utc, "May 19, 2025").find("the month 'May' comes before the day") != std::string::npos);
    CHECK_FALSE(utc.parse("yesterday", nullptr).has_value());  // the message is optional
  }

  TEST_CASE("huge input is refused with a short message") {
    const DateParser utc;
    const std::string huge = "2025-05-19T08:30:00Z" + std::string(1 << 20, 'x');
    const std::string error = parse_error(utc, huge);
    CHECK(error.size() < 300);
    const std::string digits(1 << 20, '7');
    CHECK(parse_error(utc, digits).size() < 300);
  }

  TEST_CASE("random pieces of stamps never crash and never half-succeed") {
    const DateParser berlin("Europe/Berlin");
    const char* const pieces[] = {"2025", "-",  "05", "19", "T",  ":",   "08", "30", "60", "+",   "03:00", "Z",
                                  " ",    ",",  "Mon", "May", "GMT", "9",  ".",  "\xFF", "Sun,", "+0300", "2024", "02",
                                  "29",   "13", "25", "-05", "UT",  "\t", "Feb", "31", "1", "99999999999"};
    std::mt19937 random(20250519);  // fixed seed: the same inputs on every run
    int parsed = 0;
    for (int round = 0; round < 20000; ++round) {
      std::string text;
      const auto length = random() % 12;
      for (unsigned i = 0; i < length; ++i) text += pieces[random() % std::size(pieces)];
      std::string error;
      const auto result = berlin.parse(text, &error);
      CHECK(result.has_value() == error.empty());
      if (result) {
        ++parsed;
        // What parses lands in the years it names, give or take the zone.
        CHECK(result->unix_seconds > -62135596800 - 86400);
        CHECK(result->unix_seconds < 253402300800 + 86400);
      }
    }
    CHECK(parsed > 0);
  }

  TEST_CASE("an unknown zone throws") {
    CHECK_THROWS_AS(DateParser("Mars/Olympus_Mons"), std::invalid_argument);
    CHECK_THROWS_AS(DateParser(""), std::invalid_argument);
    try {
      DateParser parser("Mars/Olympus_Mons");
      FAIL("no exception");
    } catch (const std::invalid_argument& e) {
      CHECK(std::string(e.what()) == "unknown time zone 'Mars/Olympus_Mons'");
    }
    CHECK_NOTHROW(DateParser("Africa/Cairo"));
  }

  TEST_CASE("local_date turns over at local midnight") {
    const DateParser utc;
    const DateParser riyadh("Asia/Riyadh");
    const std::int64_t late_evening_utc = 1747693800;  // 2025-05-19T22:30:00Z, 01:30 in Riyadh
    const auto in_utc = utc.local_date(late_evening_utc);
    CHECK(in_utc.year == 2025);
    CHECK(in_utc.month == 5);
    CHECK(in_utc.day == 19);
    const auto in_riyadh = riyadh.local_date(late_evening_utc);
    CHECK(in_riyadh.day == 20);
    CHECK(day_key(in_riyadh) == "20250520");
    CHECK(month_key(in_riyadh) == "202505");
    CHECK(year_key(in_riyadh) == "2025");
    // New Year's Eve: the local year changes before UTC's.
    const auto new_year = riyadh.local_date(parse_ok(utc, "2024-12-31T21:00:00Z"));
    CHECK(day_key(new_year) == "20250101");
    CHECK(day_key(riyadh.local_date(parse_ok(utc, "2024-12-31T20:59:59Z"))) == "20241231");
    // A stamp read in a zone gives back its own calendar date there.
    CHECK(day_key(riyadh.local_date(parse_ok(riyadh, "2015-07-21 02:51:32"))) == "20150721");
    CHECK(day_key(utc.local_date(-1)) == "19691231");
    CHECK(day_key(utc.local_date(0)) == "19700101");
  }

  TEST_CASE("keys are zero-padded and extreme instants are clamped") {
    CHECK(day_key({987, 3, 4}) == "09870304");
    CHECK(month_key({987, 3, 4}) == "098703");
    CHECK(year_key({987, 3, 4}) == "0987");
    const DateParser berlin("Europe/Berlin");
    CHECK(year_key(berlin.local_date(std::numeric_limits<std::int64_t>::max())) == "9999");
    CHECK(year_key(berlin.local_date(std::numeric_limits<std::int64_t>::min())) == "0001");
  }
}
