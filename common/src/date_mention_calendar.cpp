#include "date_mention_calendar.hpp"

#include <unicode/calendar.h>
#include <unicode/locid.h>
#include <unicode/timezone.h>

#include <array>
#include <cmath>
#include <memory>

namespace fahras::date_mention {
namespace {

constexpr double ms_per_day = 86400000.0;

std::int64_t floor_div(std::int64_t a, std::int64_t b) noexcept {
  const std::int64_t q = a / b;
  return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q;
}

bool is_leap_year(int year) noexcept { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

/** One Umm al-Qura calendar per thread, in GMT so that instants are whole days. Creating
 *  one costs far more than a conversion, and Hijri mentions are rare: made on first use. */
icu::Calendar* umalqura() {
  thread_local std::unique_ptr<icu::Calendar> calendar = [] {
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<icu::Calendar> made(icu::Calendar::createInstance(
        icu::TimeZone::getGMT()->clone(), icu::Locale("ar@calendar=islamic-umalqura"), status));
    if (U_FAILURE(status)) made.reset();
    return made;
  }();
  return calendar.get();
}

std::optional<std::int64_t> days_of(icu::Calendar& calendar) {
  UErrorCode status = U_ZERO_ERROR;
  const UDate ms = calendar.getTime(status);
  if (U_FAILURE(status)) return std::nullopt;
  return static_cast<std::int64_t>(std::floor(ms / ms_per_day));
}

}  // namespace

std::int64_t days_from_civil(int year_in, int month, int day) noexcept {
  std::int64_t year = year_in - (month <= 2 ? 1 : 0);
  const std::int64_t era = floor_div(year, 400);
  const std::int64_t year_of_era = year - era * 400;
  const std::int64_t day_of_year = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1;
  const std::int64_t day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
  return era * 146097 + day_of_era - 719468;
}

CivilDate civil_from_days(std::int64_t days) noexcept {
  days += 719468;
  const std::int64_t era = floor_div(days, 146097);
  const std::int64_t day_of_era = days - era * 146097;
  const std::int64_t year_of_era = (day_of_era - day_of_era / 1460 + day_of_era / 36524 - day_of_era / 146096) / 365;
  const std::int64_t day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
  const std::int64_t shifted_month = (5 * day_of_year + 2) / 153;  // March is 0
  const std::int64_t day = day_of_year - (153 * shifted_month + 2) / 5 + 1;
  const std::int64_t month = shifted_month < 10 ? shifted_month + 3 : shifted_month - 9;
  const std::int64_t year = year_of_era + era * 400 + (month <= 2 ? 1 : 0);
  return {static_cast<int>(year), static_cast<int>(month), static_cast<int>(day)};
}

int days_in_month(int year, int month) noexcept {
  static constexpr std::array<int, 12> days = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month < 1 || month > 12) return 0;
  return month == 2 && is_leap_year(year) ? 29 : days[static_cast<std::size_t>(month - 1)];
}

int weekday_of(std::int64_t days) noexcept {
  return static_cast<int>(days + 4 - floor_div(days + 4, 7) * 7);  // 1970-01-01 was a Thursday
}

DayRange gregorian_range(const CivilDate& date) noexcept {
  if (date.month == 0) return {days_from_civil(date.year, 1, 1), days_from_civil(date.year, 12, 31)};
  if (date.day == 0) {
    return {days_from_civil(date.year, date.month, 1),
            days_from_civil(date.year, date.month, days_in_month(date.year, date.month))};
  }
  const std::int64_t day = days_from_civil(date.year, date.month, date.day);
  return {day, day};
}

std::optional<DayRange> hijri_range(int year, int month, int day) {
  icu::Calendar* calendar = umalqura();
  if (calendar == nullptr || year < 1 || year > 9999 || month < 0 || month > 12 || day < 0 || day > 30) {
    return std::nullopt;
  }
  UErrorCode status = U_ZERO_ERROR;
  calendar->clear();
  calendar->set(year, month == 0 ? 0 : month - 1, day == 0 ? 1 : day);
  const auto first = days_of(*calendar);
  if (!first) return std::nullopt;
  if (day != 0) {
    // ICU is lenient: day 30 of a 29-day month silently becomes the next month's 1st.
    if (calendar->get(UCAL_DATE, status) != day || U_FAILURE(status)) return std::nullopt;
    return DayRange{*first, *first};
  }
  calendar->clear();
  if (month == 0) {
    calendar->set(year + 1, 0, 1);
  } else {
    calendar->set(month == 12 ? year + 1 : year, month == 12 ? 0 : month, 1);
  }
  const auto next = days_of(*calendar);
  if (!next || *next <= *first) return std::nullopt;
  return DayRange{*first, *next - 1};
}

std::optional<CivilDate> hijri_from_days(std::int64_t days) {
  icu::Calendar* calendar = umalqura();
  if (calendar == nullptr) return std::nullopt;
  UErrorCode status = U_ZERO_ERROR;
  calendar->setTime(static_cast<UDate>(days) * ms_per_day, status);
  const int year = calendar->get(UCAL_YEAR, status);
  const int month = calendar->get(UCAL_MONTH, status) + 1;
  const int day = calendar->get(UCAL_DATE, status);
  if (U_FAILURE(status)) return std::nullopt;
  return CivilDate{year, month, day};
}

}  // namespace fahras::date_mention
