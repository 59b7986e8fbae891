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

using civil::floor_div;

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
