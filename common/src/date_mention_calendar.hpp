// Calendar arithmetic for date mentions: Gregorian day numbers and the Umm al-Qura Hijri
// calendar (ICU's islamic-umalqura).
#pragma once

#include "civil_calendar.hpp"
#include "fahras/date_mentions.hpp"

#include <cstdint>
#include <optional>

namespace fahras::date_mention {

using civil::civil_from_days;
using civil::days_from_civil;
using civil::days_in_month;

/** 0 = Sunday ... 6 = Saturday. */
int weekday_of(std::int64_t days) noexcept;

/** A closed range of day numbers: the days a mention may mean. */
struct DayRange {
  std::int64_t first = 0;
  std::int64_t last = 0;
};

/** The days a Gregorian date covers (a day, a month or a year, by its precision). */
DayRange gregorian_range(const CivilDate& date) noexcept;

/** The days a Hijri date covers (Umm al-Qura): `month`/`day` 0 for a whole year/month.
 *  nullopt when the date does not exist (day 30 of a 29-day month) or ICU fails. */
std::optional<DayRange> hijri_range(int year, int month, int day);

/** The Umm al-Qura Hijri date of a day number (day, month and year all set). */
std::optional<CivilDate> hijri_from_days(std::int64_t days);

}  // namespace fahras::date_mention
