// Publication dates: parsing the stamps found in crawls, and the local calendar date of an
// instant for the day/month/year terms.
#pragma once

#include "fahras/date_mentions.hpp"

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace fahras::indexer {

/** An instant: seconds since the Unix epoch (UTC). */
struct ParsedDate {
  std::int64_t unix_seconds = 0;
};

/**
 * Parses date/time strings into instants. Stamps without a zone are read as wall time in
 * the parser's IANA time zone (ICU's time zone data).
 *
 * Accepted forms (surrounding whitespace ignored, letters case-insensitive):
 *  - ISO 8601: "2025-05-19", "2025-05-19T08:30", "2025-05-19T08:30:00", fractional seconds
 *    ("08:30:00.250", dropped), a zone "Z", "+03:00", "+0300" or "-05"; a space may
 *    replace the "T" ("2025-05-19 08:30:00"). A date alone is local midnight.
 *  - RFC 2822: "Mon, 19 May 2025 08:30:00 +0300": weekday optional (not checked against
 *    the date), seconds optional, zone GMT, UT, UTC, Z or +hhmm/-hhmm; without a zone the
 *    parser's zone applies.
 * Ranges are validated: month 1-12, day valid for the month (leap years included), hour
 * 0-23, minute 0-59, second 0-60 (a leap second 60 reads as the next minute's 0).
 *
 * Local wall times that do not exist (the hour skipped when clocks go forward) or occur
 * twice (the hour repeated when they go back) are read with the offset in force *before*
 * the transition: 02:30 on a spring-forward night is 03:30 summer time, and 02:30 on the
 * autumn night is the first (summer time) 02:30 — the choice java.time makes.
 *
 * Copies are cheap and share the immutable time zone; a parser may be used from several
 * threads at once.
 */
class DateParser {
public:
  /** The local calendar date of an instant (year, month and day all given). */
  using LocalDate = CivilDate;

  /** `timezone` is an IANA name ("UTC", "Asia/Riyadh"); throws
   *  std::invalid_argument("unknown time zone 'X'") when ICU does not know it. */
  explicit DateParser(const std::string& timezone = "UTC");

  /** The instant `text` names, or nullopt with `*error` (when not null) set to a message
   *  that quotes the text and says what was not understood. */
  std::optional<ParsedDate> parse(std::string_view text, std::string* error) const;

  /** The calendar date of `unix_seconds` in this parser's time zone. Instants outside the
   *  years 1-9999 are clamped to that range. */
  LocalDate local_date(std::int64_t unix_seconds) const;

  /** The time zone's id as given ("Asia/Riyadh"). */
  const std::string& timezone() const noexcept;

private:
  struct Impl;
  std::shared_ptr<const Impl> impl_;
};

}  // namespace fahras::indexer
