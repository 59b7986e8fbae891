// Date mentions in Arabic text: the table of tests/data/date_mentions.tsv, the calendar
// conversions against ICU, the index keys, and robustness on arbitrary bytes.
#include "fahras/date_mentions.hpp"

#include "date_mention_calendar.hpp"
#include "test_support.hpp"

#include <doctest/doctest.h>
#include <fmt/format.h>
#include <unicode/calendar.h>
#include <unicode/timezone.h>

#include <cstdio>
#include <memory>
#include <random>
#include <set>

namespace {

using fahras::CivilDate;
using fahras::DateMention;

std::string render_date(const CivilDate& d) {
  if (d.month == 0) return fmt::format("{:04d}", d.year);
  if (d.day == 0) return fmt::format("{:04d}-{:02d}", d.year, d.month);
  return fmt::format("{:04d}-{:02d}-{:02d}", d.year, d.month, d.day);
}

/** The mentions as the table writes them: "DATE KIND [span]" joined by " | ", or "-". */
std::string render(std::string_view text, const std::vector<DateMention>& mentions) {
  std::string out;
  for (const auto& m : mentions) {
    if (!out.empty()) out += " | ";
    out += fmt::format("{} {} [{}]", render_date(m.date), fahras::to_string(m.kind), text.substr(m.begin, m.end - m.begin));
  }
  return out.empty() ? "-" : out;
}

std::optional<CivilDate> parse_published(const std::string& field) {
  if (field == "-") return std::nullopt;
  CivilDate d;
  REQUIRE(std::sscanf(field.c_str(), "%d-%d-%d", &d.year, &d.month, &d.day) == 3);
  return d;
}

/** The Gregorian date of a Umm al-Qura date, straight from ICU (independent of the code under test). */
CivilDate icu_umalqura_to_gregorian(int year, int month, int day) {
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<icu::Calendar> hijri(icu::Calendar::createInstance(
      icu::TimeZone::getGMT()->clone(), icu::Locale("ar@calendar=islamic-umalqura"), status));
  std::unique_ptr<icu::Calendar> gregorian(
      icu::Calendar::createInstance(icu::TimeZone::getGMT()->clone(), icu::Locale("en@calendar=gregorian"), status));
  REQUIRE(U_SUCCESS(status));
  hijri->clear();
  hijri->set(year, month - 1, day);
  gregorian->setTime(hijri->getTime(status), status);
  CivilDate out{gregorian->get(UCAL_YEAR, status), gregorian->get(UCAL_MONTH, status) + 1,
                gregorian->get(UCAL_DATE, status)};
  REQUIRE(U_SUCCESS(status));
  return out;
}

}  // namespace

TEST_SUITE("common date mentions") {
  TEST_CASE("date mentions: every case of date_mentions.tsv holds") {
    const auto rows = fahras::test::read_tsv("date_mentions.tsv");
    CHECK(rows.size() >= 100);
    std::set<std::string> families;
    for (const auto& row : rows) {
      REQUIRE(row.size() == 4);
      INFO("case: ", row[3], "\ntext: ", row[1]);
      const auto published = parse_published(row[0]);
      CHECK(render(row[1], fahras::find_date_mentions(row[1], published)) == row[2]);
      families.insert(row[3].substr(0, row[3].find(':')));
    }
    for (const char* family : {"egyptian", "levantine", "maghrebi", "moroccan", "variants", "digits", "numeric", "hijri",
                               "الموافق", "year cue", "weekday", "relative days"}) {
      CHECK_MESSAGE(families.count(family) == 1, "no case for ", family);
    }
  }

  TEST_CASE("date mentions: Umm al-Qura conversions agree with ICU and with known dates") {
    namespace dm = fahras::date_mention;
    // Known: 1 Ramadan 1436 = 18 June 2015, 1 Shawwal 1436 (Eid al-Fitr) = 17 July 2015,
    // 10 Dhu al-Hijja 1436 (Eid al-Adha) = 23 September 2015, 1 Muharram 1437 = 14 October 2015.
    CHECK(icu_umalqura_to_gregorian(1436, 9, 1) == CivilDate{2015, 6, 18});
    CHECK(icu_umalqura_to_gregorian(1436, 10, 1) == CivilDate{2015, 7, 17});
    CHECK(icu_umalqura_to_gregorian(1436, 12, 10) == CivilDate{2015, 9, 23});
    CHECK(icu_umalqura_to_gregorian(1437, 1, 1) == CivilDate{2015, 10, 14});
    for (int year : {1300, 1400, 1436, 1446, 1500}) {
      for (int month = 1; month <= 12; ++month) {
        for (int day : {1, 15, 29}) {
          INFO(year, "-", month, "-", day);
          const auto range = dm::hijri_range(year, month, day);
          REQUIRE(range.has_value());
          CHECK(dm::civil_from_days(range->first) == icu_umalqura_to_gregorian(year, month, day));
        }
      }
    }
    // Month lengths: Ramadan 1436 had 29 days, Shawwal 1436 had 30.
    const auto ramadan = dm::hijri_range(1436, 9, 0);
    REQUIRE(ramadan.has_value());
    CHECK(ramadan->last - ramadan->first + 1 == 29);
    CHECK_FALSE(dm::hijri_range(1436, 9, 30).has_value());
    CHECK(dm::hijri_range(1436, 10, 30).has_value());
    const auto back = dm::hijri_from_days(dm::days_from_civil(2015, 7, 21));
    REQUIRE(back.has_value());
    CHECK(*back == CivilDate{1436, 10, 5});
  }

  TEST_CASE("date mentions: Gregorian day numbers and weekdays") {
    namespace dm = fahras::date_mention;
    CHECK(dm::days_from_civil(1970, 1, 1) == 0);
    CHECK(dm::weekday_of(dm::days_from_civil(2015, 7, 19)) == 0);  // a Sunday
    CHECK(dm::weekday_of(dm::days_from_civil(1969, 12, 31)) == 3);  // a Wednesday
    for (std::int64_t day = -800000; day < 800000; day += 997) {
      const CivilDate d = dm::civil_from_days(day);
      CHECK(dm::days_from_civil(d.year, d.month, d.day) == day);
    }
    CHECK(dm::days_in_month(2016, 2) == 29);
    CHECK(dm::days_in_month(1900, 2) == 28);
  }

  TEST_CASE("date mentions: keys for indexing") {
    using V = std::vector<std::string>;
    CHECK(fahras::mention_keys({2015, 7, 21}) == V{"20150721", "201507", "2015"});
    CHECK(fahras::mention_keys({2015, 7, 0}) == V{"201507", "2015"});
    CHECK(fahras::mention_keys({2015, 0, 0}) == V{"2015"});
    CHECK(fahras::mention_keys({987, 1, 2}) == V{"09870102", "098701", "0987"});
    CHECK(fahras::mention_keys({0, 0, 0}).empty());
  }

  TEST_CASE("date mentions: spans cut the text where the mention is, on any input") {
    const std::string text = "قبل ذلك، في 21 يوليو 2015، ثم الأحد.";
    const auto mentions = fahras::find_date_mentions(text, CivilDate{2015, 7, 21});
    REQUIRE(mentions.size() == 2);
    CHECK(text.substr(mentions[0].begin, mentions[0].end - mentions[0].begin) == "21 يوليو 2015");
    CHECK(text.substr(mentions[1].begin, mentions[1].end - mentions[1].begin) == "الأحد");
    CHECK(fahras::find_date_mentions("").empty());
    // Ill-formed bytes separate words: the day is cut off from its month.
    const std::string bad = "\xFF\xFE 21 \xD9 يوليو 2015";
    CHECK(render(bad, fahras::find_date_mentions(bad)) == "2015-07 gregorian [يوليو 2015]");
    // Random bytes drawn from the characters dates are made of: no crash, spans in order.
    const std::vector<std::string> pieces = {"21", "٢١", "/", "-", ".", " ", "يوليو", "شوال", "1436", "هـ", "م",
                                             "2015", "الموافق", "الأحد", "(", ")", "يوم", "أمس", "عام", "\xD9",
                                             "كانون", "الثاني", "ذو", "الحجة", "15", "ربيع", "،", "\n"};
    std::mt19937 random(7);
    for (int round = 0; round < 2000; ++round) {
      std::string input;
      const int length = static_cast<int>(random() % 30);
      for (int k = 0; k < length; ++k) input += pieces[random() % pieces.size()];
      std::size_t last_end = 0;
      for (const auto& m : fahras::find_date_mentions(input, CivilDate{2015, 7, 21})) {
        CHECK(m.begin >= last_end);
        CHECK(m.begin < m.end);
        CHECK(m.end <= input.size());
        CHECK(m.date.year >= 1000);
        last_end = m.end;
      }
    }
  }
}
