// Proleptic Gregorian arithmetic on day numbers, shared by the indexer's date parser, the
// query's date filters and the date mentions (Howard Hinnant's days_from_civil algorithms).
#pragma once

#include "fahras/date_mentions.hpp"

#include <cstdint>

namespace fahras::civil {

/** a / b rounded towards minus infinity (b != 0). */
std::int64_t floor_div(std::int64_t a, std::int64_t b) noexcept;

bool is_leap_year(std::int64_t year) noexcept;

/** 28-31, or 0 for a month outside 1-12. */
int days_in_month(std::int64_t year, int month) noexcept;

/** Days since 1970-01-01 of a proleptic Gregorian date (month and day 1-based, valid). */
std::int64_t days_from_civil(std::int64_t year, int month, int day) noexcept;

/** The proleptic Gregorian date of a day number. */
CivilDate civil_from_days(std::int64_t days) noexcept;

}  // namespace fahras::civil
