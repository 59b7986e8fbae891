#include "dates.hpp"

#include "civil_calendar.hpp"

#include <fmt/format.h>
#include <unicode/basictz.h>
#include <unicode/timezone.h>
#include <unicode/ucal.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <array>
#include <stdexcept>

namespace fahras::indexer {

struct DateParser::Impl {
  std::string id;
  std::unique_ptr<const icu::TimeZone> zone;
};

namespace {

constexpr std::int64_t seconds_per_day = 86400;
// 0001-01-01T00:00:00Z and 9999-12-31T23:59:59Z: the years local_date answers for.
constexpr std::int64_t min_supported_seconds = -62135596800;
constexpr std::int64_t max_supported_seconds = 253402300799;

using civil::civil_from_days;
using civil::days_from_civil;
using civil::days_in_month;
using civil::floor_div;

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }
bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_letter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
char to_lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

bool iequals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return to_lower(x) == to_lower(y);
         });
}

std::string_view trim(std::string_view text) {
  while (!text.empty() && is_space(text.front())) text.remove_prefix(1);
  while (!text.empty() && is_space(text.back())) text.remove_suffix(1);
  return text;
}

// At most `limit` bytes of `text` for a message, cut on a UTF-8 boundary.
std::string excerpt(std::string_view text, std::size_t limit = 60) {
  if (text.size() <= limit) return std::string(text);
  std::size_t cut = limit;
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
  return std::string(text.substr(0, cut)) + "...";
}

/** The fields of a stamp as written, before validation. */
struct Fields {
  int year = 0;
  int month = 1;
  int day = 1;
  int hour = 0;
  int minute = 0;
  int second = 0;
  std::optional<int> offset_seconds;  ///< east of UTC; nullopt: wall time in the parser's zone
};

/** A cursor over the trimmed stamp; each reader says what it expected when it fails. */
class Scanner {
public:
  explicit Scanner(std::string_view text) : text_(text) {}

  bool done() const { return pos_ == text_.size(); }
  char peek() const { return done() ? '\0' : text_[pos_]; }
  std::string_view rest() const { return text_.substr(pos_); }

  bool accept(char c) {
    if (done() || to_lower(text_[pos_]) != to_lower(c)) return false;
    ++pos_;
    return true;
  }

  bool skip_spaces() {
    const std::size_t start = pos_;
    while (!done() && is_space(text_[pos_])) ++pos_;
    return pos_ != start;
  }

  /** Between min_digits and max_digits decimal digits (max_digits <= 9). */
  std::optional<int> number(std::size_t min_digits, std::size_t max_digits) {
    std::size_t count = 0;
    int value = 0;
    while (count < max_digits && !done() && is_digit(text_[pos_])) {
      value = value * 10 + (text_[pos_] - '0');
      ++pos_;
      ++count;
    }
    if (count < min_digits || (!done() && is_digit(text_[pos_]))) return std::nullopt;
    return value;
  }

  /** Exactly `count` decimal digits, whatever follows them ("0300" is hours then minutes). */
  std::optional<int> digits(std::size_t count) {
    if (text_.size() - pos_ < count) return std::nullopt;
    int value = 0;
    for (std::size_t i = 0; i < count; ++i) {
      if (!is_digit(text_[pos_ + i])) return std::nullopt;
      value = value * 10 + (text_[pos_ + i] - '0');
    }
    pos_ += count;
    return value;
  }

  /** A run of ASCII letters (possibly empty). */
  std::string_view word() {
    const std::size_t start = pos_;
    while (!done() && is_letter(text_[pos_])) ++pos_;
    return text_.substr(start, pos_ - start);
  }

  /** "expected X at 'rest'" or "expected X at the end". */
  std::string expected(std::string_view what) const {
    if (done()) return fmt::format("expected {} at the end", what);
    return fmt::format("expected {} at '{}'", what, excerpt(rest(), 20));
  }

private:
  std::string_view text_;
  std::size_t pos_ = 0;
};

/** Reads a number into `out`, or sets `why`. */
bool read_number(Scanner& in, std::size_t min_digits, std::size_t max_digits, std::string_view what, int& out,
                 std::string& why) {
  const auto value = in.number(min_digits, max_digits);
  if (!value) {
    why = in.expected(what);
    return false;
  }
  out = *value;
  return true;
}

bool read_char(Scanner& in, char c, std::string& why) {
  if (in.accept(c)) return true;
  why = in.expected(fmt::format("'{}'", c));
  return false;
}

/** A zone: Z, UT, UTC, GMT, or ±hh, ±hhmm, ±hh:mm. */
bool read_zone(Scanner& in, Fields& fields, std::string& why) {
  const char sign = in.peek();
  if (sign == '+' || sign == '-') {
    in.accept(sign);
    const auto hours = in.digits(2);
    if (!hours) {
      why = in.expected("a 2-digit zone hour");
      return false;
    }
    std::optional<int> minutes = 0;
    if (in.accept(':') || is_digit(in.peek())) minutes = in.digits(2);
    if (!minutes) {
      why = in.expected("2-digit zone minutes");
      return false;
    }
    if (*hours > 23 || *minutes > 59) {
      why = fmt::format("zone offset {}{:02d}:{:02d} is out of range", sign, *hours, *minutes);
      return false;
    }
    fields.offset_seconds = (sign == '-' ? -1 : 1) * (*hours * 3600 + *minutes * 60);
    return true;
  }
  const std::string_view name = in.word();
  if (iequals(name, "Z") || iequals(name, "UT") || iequals(name, "UTC") || iequals(name, "GMT")) {
    fields.offset_seconds = 0;
    return true;
  }
  why = name.empty() ? in.expected("a time zone") : fmt::format("unknown time zone name '{}'", excerpt(name, 20));
  return false;
}

/** hh:mm[:ss[.fraction]] (RFC 2822 allows a 1-digit hour in practice). */
bool read_time(Scanner& in, std::size_t min_hour_digits, bool allow_fraction, Fields& fields, std::string& why) {
  if (!read_number(in, min_hour_digits, 2, "a 2-digit hour", fields.hour, why)) return false;
  if (!read_char(in, ':', why)) return false;
  if (!read_number(in, 2, 2, "2-digit minutes", fields.minute, why)) return false;
  if (!in.accept(':')) return true;
  if (!read_number(in, 2, 2, "2-digit seconds", fields.second, why)) return false;
  if (allow_fraction && (in.accept('.') || in.accept(','))) {
    if (!is_digit(in.peek())) {
      why = in.expected("fraction digits");
      return false;
    }
    while (is_digit(in.peek())) in.accept(in.peek());  // the fraction is dropped
  }
  return true;
}

/** 2025-05-19[(T| )hh:mm[:ss[.f]][zone]] */
bool read_iso(Scanner& in, Fields& fields, std::string& why) {
  if (!read_number(in, 4, 4, "a 4-digit year", fields.year, why) || !read_char(in, '-', why) ||
      !read_number(in, 2, 2, "a 2-digit month", fields.month, why) || !read_char(in, '-', why) ||
      !read_number(in, 2, 2, "a 2-digit day", fields.day, why)) {
    return false;
  }
  if (in.done()) return true;
  if (!in.accept('T') && !in.skip_spaces()) {
    why = in.expected("'T' or a space before the time");
    return false;
  }
  if (!read_time(in, 2, true, fields, why)) return false;
  in.skip_spaces();  // "2025-05-19 08:30:00 +03:00" is seen in feeds
  return in.done() || read_zone(in, fields, why);
}

// English month and weekday names as RFC 2822 writes them (full names are accepted too).
constexpr std::array<std::string_view, 12> month_names = {"january", "february", "march",     "april",
                                                          "may",     "june",     "july",      "august",
                                                          "september", "october", "november", "december"};
constexpr std::array<std::string_view, 7> weekday_names = {"monday", "tuesday",  "wednesday", "thursday",
                                                           "friday", "saturday", "sunday"};

/** A full name or its 3-letter abbreviation ("May" is both); 0-based index or nullopt. */
template <std::size_t N>
std::optional<int> find_name(const std::array<std::string_view, N>& names, std::string_view word) {
  for (std::size_t i = 0; i < N; ++i) {
    if (iequals(word, names[i]) || iequals(word, names[i].substr(0, 3))) return static_cast<int>(i);
  }
  return std::nullopt;
}

/** [Mon,] 19 May 2025 08:30[:00] [zone] */
bool read_rfc2822(Scanner& in, Fields& fields, std::string& why) {
  if (is_letter(in.peek())) {
    const std::string_view weekday = in.word();
    if (!find_name(weekday_names, weekday)) {
      in.accept(',');
      in.skip_spaces();
      if (find_name(month_names, weekday)) {  // "May 19, 2025"
        why = fmt::format("the month '{}' comes before the day; expected an ISO 8601 date "
                          "(2025-05-19T08:30:00+03:00) or an RFC 2822 date (Mon, 19 May 2025 08:30:00 +0300)",
                          excerpt(weekday, 20));
      } else if (is_digit(in.peek())) {  // "Sonday, 19 May 2025": a date behind a word
        why = fmt::format("'{}' is not a weekday (Mon … Sun)", excerpt(weekday, 20));
      } else {  // "yesterday", "next week": words, not a date
        why = "not a date; expected an ISO 8601 date (2025-05-19T08:30:00+03:00) "
              "or an RFC 2822 date (Mon, 19 May 2025 08:30:00 +0300)";
      }
      return false;
    }
    in.accept(',');
    in.skip_spaces();
  }
  if (!read_number(in, 1, 2, "a day of the month", fields.day, why)) return false;
  in.skip_spaces();
  const std::string_view month = in.word();
  const auto month_index = find_name(month_names, month);
  if (!month_index) {
    why = month.empty() ? in.expected("a month name") : fmt::format("unknown month name '{}'", excerpt(month, 20));
    return false;
  }
  fields.month = *month_index + 1;
  in.skip_spaces();
  if (!read_number(in, 4, 4, "a 4-digit year", fields.year, why)) return false;
  if (in.done()) return true;  // a date alone
  if (!in.skip_spaces()) {
    why = in.expected("a space before the time");
    return false;
  }
  if (!read_time(in, 1, false, fields, why)) return false;
  in.skip_spaces();
  if (!in.done() && !read_zone(in, fields, why)) return false;
  return true;
}

/** The syntax of `text`: ISO 8601 when it starts with "dddd-", RFC 2822 otherwise. */
bool read_fields(std::string_view text, Fields& fields, std::string& why) {
  Scanner in(text);
  const bool iso = text.size() > 4 && std::all_of(text.begin(), text.begin() + 4, is_digit) && text[4] == '-';
  if (!(iso ? read_iso(in, fields, why) : read_rfc2822(in, fields, why))) return false;
  in.skip_spaces();
  if (!in.done()) {
    why = fmt::format("unexpected '{}' after the date", excerpt(in.rest(), 20));
    return false;
  }
  return true;
}

bool check_ranges(const Fields& f, std::string& why) {
  if (f.month < 1 || f.month > 12) {
    why = fmt::format("month {} is not in 1-12", f.month);
  } else if (f.day < 1 || f.day > days_in_month(f.year, f.month)) {
    why = fmt::format("day {} is not in 1-{} for {:04d}-{:02d}", f.day, days_in_month(f.year, f.month), f.year,
                      f.month);
  } else if (f.hour > 23) {
    why = fmt::format("hour {} is not in 0-23", f.hour);
  } else if (f.minute > 59) {
    why = fmt::format("minute {} is not in 0-59", f.minute);
  } else if (f.second > 60) {
    why = fmt::format("second {} is not in 0-60", f.second);
  } else {
    return true;
  }
  return false;
}

/** The UTC offset in seconds that applies to a local wall time in `zone` (see the class
 *  comment for skipped and repeated wall times), or nullopt if ICU fails. */
std::optional<std::int64_t> offset_at_local(const icu::TimeZone& zone, std::int64_t local_seconds) {
  const UDate local_ms = static_cast<UDate>(local_seconds) * 1000.0;
  std::int32_t raw = 0;
  std::int32_t dst = 0;
  UErrorCode status = U_ZERO_ERROR;
  if (const auto* basic = dynamic_cast<const icu::BasicTimeZone*>(&zone)) {
    basic->getOffsetFromLocal(local_ms, UCAL_TZ_LOCAL_FORMER, UCAL_TZ_LOCAL_FORMER, raw, dst, status);
  } else {
    zone.getOffset(local_ms, true, raw, dst, status);
  }
  if (U_FAILURE(status)) return std::nullopt;
  return floor_div(static_cast<std::int64_t>(raw) + dst, 1000);
}

}  // namespace

DateParser::DateParser(const std::string& timezone) {
  auto impl = std::make_shared<Impl>();
  impl->id = timezone;
  impl->zone.reset(icu::TimeZone::createTimeZone(icu::UnicodeString::fromUTF8(timezone)));
  icu::UnicodeString got;
  icu::UnicodeString unknown;
  icu::TimeZone::getUnknown().getID(unknown);
  if (!impl->zone || impl->zone->getID(got) == unknown) {
    throw std::invalid_argument("unknown time zone '" + excerpt(timezone) + "'");
  }
  impl_ = std::move(impl);
}

const std::string& DateParser::timezone() const noexcept { return impl_->id; }

std::optional<ParsedDate> DateParser::parse(std::string_view text, std::string* error) const {
  const std::string_view stamp = trim(text);
  Fields fields;
  std::string why;
  if (stamp.empty()) {
    why = "empty date";
  } else if (read_fields(stamp, fields, why) && check_ranges(fields, why)) {
    const std::int64_t wall = days_from_civil(fields.year, fields.month, fields.day) * seconds_per_day +
                              fields.hour * 3600 + fields.minute * 60 + fields.second;
    const auto offset = fields.offset_seconds ? std::optional<std::int64_t>(*fields.offset_seconds)
                                              : offset_at_local(*impl_->zone, wall);
    if (offset) return ParsedDate{wall - *offset};
    why = "no UTC offset known in time zone " + impl_->id;
  }
  if (error != nullptr) *error = fmt::format("cannot read date '{}': {}", excerpt(text, 80), why);
  return std::nullopt;
}

DateParser::LocalDate DateParser::local_date(std::int64_t unix_seconds) const {
  const std::int64_t instant = std::clamp(unix_seconds, min_supported_seconds, max_supported_seconds);
  std::int32_t raw = 0;
  std::int32_t dst = 0;
  UErrorCode status = U_ZERO_ERROR;
  impl_->zone->getOffset(static_cast<UDate>(instant) * 1000.0, false, raw, dst, status);
  const std::int64_t offset = U_SUCCESS(status) ? floor_div(static_cast<std::int64_t>(raw) + dst, 1000) : 0;
  const std::int64_t local = std::clamp(instant + offset, min_supported_seconds, max_supported_seconds);
  return civil_from_days(floor_div(local, seconds_per_day));
}

}  // namespace fahras::indexer
