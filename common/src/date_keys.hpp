// How dates are spelled in terms and stored data, for the indexer and the query side alike:
// the day, month and year keys of the date terms ("20250519", "202505", "2025") and ISO 8601
// UTC stamps ("2025-05-19T08:30:00Z").
#pragma once

#include "fahras/date_mentions.hpp"

#include <cstdint>
#include <string>

namespace fahras {

/** "20250519": year, month and day, zero-padded (the day term of a date). */
std::string day_key(const CivilDate& date);
/** "202505": year and month (the month term). */
std::string month_key(const CivilDate& date);
/** "2025": the year, four digits at least (the year term). */
std::string year_key(const CivilDate& date);

/** "2025-05-19T08:30:00Z": the instant `unix_seconds` in UTC, the year zero-padded to four
 *  digits; "" when the C library cannot represent it. */
std::string iso_utc(std::int64_t unix_seconds);

}  // namespace fahras
