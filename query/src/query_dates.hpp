// Dates in queries: date:A..B specs, relative spans (7d, 2w, 3m), ISO instants, and the
// database's time zone (ICU) that turns calendar dates into instants.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace fahras::query {

/** A calendar date as written: a year, a month of a year, or a day. */
struct DateBound {
  enum class Precision : unsigned char { Year, Month, Day };
  int year = 1970;
  int month = 1;
  int day = 1;
  Precision precision = Precision::Day;
};

/** "2015", "2015-07" or "2015-07-21" (valid month and day); nullopt otherwise. */
std::optional<DateBound> parse_date_bound(std::string_view text);

/** What date:VALUE says: one bound alone (`single`), or a range with either end open. */
struct DateSpec {
  std::optional<DateBound> from;
  std::optional<DateBound> to;
  bool single = false;  ///< date:2015-07: from == to, matched by its day/month/year term
};

/** Parses "A", "A..B", "A..", "..B"; nullopt with `*why` set for anything else. */
std::optional<DateSpec> parse_date_spec(std::string_view text, std::string* why);

/** A span of time counted back from now: 12h, 7d, 2w, 3m (calendar months), 1y. */
struct Span {
  std::int64_t amount = 0;
  char unit = 'd';  ///< 'h', 'd', 'w', 'm' or 'y'
};

/** "7d" and the like (1 to 6 digits, then one unit letter); nullopt otherwise. */
std::optional<Span> parse_span(std::string_view text);

/** The span in seconds, months and years counted as 30 and 365 days (for half-lives). */
std::int64_t span_seconds(const Span& span);

/** A time zone, and the calendar arithmetic fahras needs in it. Cheap to share read-only. */
class TimeZone {
public:
  /** An IANA name ("UTC", "Asia/Riyadh"); "" is UTC. Throws std::invalid_argument when ICU
   *  does not know it. */
  explicit TimeZone(const std::string& name);
  ~TimeZone();
  TimeZone(TimeZone&&) noexcept;
  TimeZone& operator=(TimeZone&&) noexcept;

  [[nodiscard]] const std::string& name() const noexcept;

  /** The instant of local wall time y-m-d h:mi:s (unix seconds). */
  [[nodiscard]] std::int64_t to_unix(int year, int month, int day, int hour = 0, int minute = 0, int second = 0) const;

  /** The first second of a bound (local midnight of its first day). */
  [[nodiscard]] std::int64_t start_of(const DateBound& bound) const;
  /** The last second of a bound (one second before the local midnight that follows it). */
  [[nodiscard]] std::int64_t end_of(const DateBound& bound) const;

  /** `now` minus `span`, months and years on the local calendar. */
  [[nodiscard]] std::int64_t minus(std::int64_t now, const Span& span) const;

  /** An ISO 8601 instant "YYYY-MM-DD[(T| )hh:mm[:ss]][Z|±hh[:mm]]"; without a zone it is wall
   *  time here. nullopt for anything else. */
  [[nodiscard]] std::optional<std::int64_t> parse_instant(std::string_view text) const;

private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace fahras::query
