#include "query_dates.hpp"

#include "civil_calendar.hpp"

#include <unicode/gregocal.h>
#include <unicode/timezone.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <stdexcept>

namespace fahras::query {

namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }

using civil::days_in_month;

// Exactly `count` digits at text[pos], advancing pos.
std::optional<int> digits(std::string_view text, std::size_t& pos, std::size_t count) {
  if (text.size() - pos < count) return std::nullopt;
  int value = 0;
  for (std::size_t i = 0; i < count; ++i) {
    if (!is_digit(text[pos + i])) return std::nullopt;
    value = value * 10 + (text[pos + i] - '0');
  }
  pos += count;
  return value;
}

bool accept(std::string_view text, std::size_t& pos, char c) {
  if (pos < text.size() && text[pos] == c) {
    ++pos;
    return true;
  }
  return false;
}

}  // namespace

std::optional<DateBound> parse_date_bound(std::string_view text) {
  std::size_t pos = 0;
  DateBound bound;
  const auto year = digits(text, pos, 4);
  if (!year || *year < 1) return std::nullopt;
  bound.year = *year;
  bound.precision = DateBound::Precision::Year;
  if (pos == text.size()) return bound;
  const auto month = accept(text, pos, '-') ? digits(text, pos, 2) : std::nullopt;
  if (!month || *month < 1 || *month > 12) return std::nullopt;
  bound.month = *month;
  bound.precision = DateBound::Precision::Month;
  if (pos == text.size()) return bound;
  const auto day = accept(text, pos, '-') ? digits(text, pos, 2) : std::nullopt;
  if (!day || *day < 1 || *day > days_in_month(bound.year, bound.month) || pos != text.size()) return std::nullopt;
  bound.day = *day;
  bound.precision = DateBound::Precision::Day;
  return bound;
}

std::optional<DateSpec> parse_date_spec(std::string_view text, std::string* why) {
  const auto fail = [why](std::string message) -> std::optional<DateSpec> {
    if (why != nullptr) *why = std::move(message);
    return std::nullopt;
  };
  const auto bound = [&](std::string_view part) -> std::optional<DateBound> { return parse_date_bound(part); };
  DateSpec spec;
  const std::size_t dots = text.find("..");
  if (dots == std::string_view::npos) {
    spec.from = bound(text);
    if (!spec.from) return fail("expected YYYY, YYYY-MM or YYYY-MM-DD (a valid date)");
    spec.to = spec.from;
    spec.single = true;
    return spec;
  }
  const std::string_view left = text.substr(0, dots);
  const std::string_view right = text.substr(dots + 2);
  if (left.empty() && right.empty()) return fail("a range needs at least one end: A..B, A.. or ..B");
  if (!left.empty() && !(spec.from = bound(left))) {
    return fail("the start '" + std::string(left) + "' is not YYYY, YYYY-MM or YYYY-MM-DD (a valid date)");
  }
  if (!right.empty() && !(spec.to = bound(right))) {
    return fail("the end '" + std::string(right) + "' is not YYYY, YYYY-MM or YYYY-MM-DD (a valid date)");
  }
  return spec;
}

std::optional<Span> parse_span(std::string_view text) {
  if (text.size() < 2 || text.size() > 7) return std::nullopt;
  const char unit = text.back();
  if (unit != 'h' && unit != 'd' && unit != 'w' && unit != 'm' && unit != 'y') return std::nullopt;
  Span span{0, unit};
  for (const char c : text.substr(0, text.size() - 1)) {
    if (!is_digit(c)) return std::nullopt;
    span.amount = span.amount * 10 + (c - '0');
  }
  return span;
}

std::int64_t span_seconds(const Span& span) {
  constexpr std::int64_t day = 86400;
  switch (span.unit) {
    case 'h': return span.amount * 3600;
    case 'w': return span.amount * 7 * day;
    case 'm': return span.amount * 30 * day;
    case 'y': return span.amount * 365 * day;
    default: return span.amount * day;
  }
}

struct TimeZone::Impl {
  std::string name;
  std::unique_ptr<icu::TimeZone> zone;

  std::unique_ptr<icu::GregorianCalendar> calendar() const {
    UErrorCode status = U_ZERO_ERROR;
    auto cal = std::make_unique<icu::GregorianCalendar>(*zone, status);
    if (U_FAILURE(status)) throw std::runtime_error("ICU cannot make a calendar for time zone '" + name + "'");
    cal->setGregorianChange(-8.64e15, status);  // proleptic Gregorian, like the indexer
    return cal;
  }
};

TimeZone::TimeZone(const std::string& name) : impl_(std::make_unique<Impl>()) {
  impl_->name = name.empty() ? "UTC" : name;
  impl_->zone.reset(icu::TimeZone::createTimeZone(icu::UnicodeString::fromUTF8(impl_->name)));
  if (!impl_->zone || *impl_->zone == icu::TimeZone::getUnknown()) {
    throw std::invalid_argument("unknown time zone '" + impl_->name + "'");
  }
}

TimeZone::~TimeZone() = default;
TimeZone::TimeZone(TimeZone&&) noexcept = default;
TimeZone& TimeZone::operator=(TimeZone&&) noexcept = default;

const std::string& TimeZone::name() const noexcept { return impl_->name; }

std::int64_t TimeZone::to_unix(int year, int month, int day, int hour, int minute, int second) const {
  auto cal = impl_->calendar();
  cal->clear();
  cal->set(year, month - 1, day, hour, minute, second);
  UErrorCode status = U_ZERO_ERROR;
  const UDate ms = cal->getTime(status);
  if (U_FAILURE(status)) throw std::runtime_error("ICU cannot compute a local time");
  return static_cast<std::int64_t>(std::floor(ms / 1000.0));
}

std::int64_t TimeZone::start_of(const DateBound& bound) const {
  return to_unix(bound.year, bound.precision == DateBound::Precision::Year ? 1 : bound.month,
                 bound.precision == DateBound::Precision::Day ? bound.day : 1);
}

std::int64_t TimeZone::end_of(const DateBound& bound) const {
  int year = bound.year;
  int month = bound.month;
  int day = bound.day;
  switch (bound.precision) {
    case DateBound::Precision::Year: ++year, month = 1, day = 1; break;
    case DateBound::Precision::Month:
      day = 1;
      if (++month > 12) month = 1, ++year;
      break;
    case DateBound::Precision::Day:
      if (++day > days_in_month(year, month)) {
        day = 1;
        if (++month > 12) month = 1, ++year;
      }
      break;
  }
  return to_unix(year, month, day) - 1;
}

std::int64_t TimeZone::minus(std::int64_t now, const Span& span) const {
  if (span.unit != 'm' && span.unit != 'y') return now - span_seconds(span);
  auto cal = impl_->calendar();
  UErrorCode status = U_ZERO_ERROR;
  cal->setTime(static_cast<UDate>(now) * 1000.0, status);
  cal->add(span.unit == 'm' ? UCAL_MONTH : UCAL_YEAR, -static_cast<std::int32_t>(span.amount), status);
  const UDate ms = cal->getTime(status);
  if (U_FAILURE(status)) throw std::runtime_error("ICU cannot count back " + std::to_string(span.amount) + span.unit);
  return static_cast<std::int64_t>(std::floor(ms / 1000.0));
}

std::optional<std::int64_t> TimeZone::parse_instant(std::string_view text) const {
  std::size_t pos = 0;
  const std::optional<DateBound> date = parse_date_bound(text.substr(0, std::min<std::size_t>(text.size(), 10)));
  if (!date || date->precision != DateBound::Precision::Day) return std::nullopt;
  pos = 10;
  int hour = 0;
  int minute = 0;
  int second = 0;
  if (accept(text, pos, 'T') || accept(text, pos, ' ')) {
    const auto h = digits(text, pos, 2);
    const auto mi = accept(text, pos, ':') ? digits(text, pos, 2) : std::nullopt;
    if (!h || !mi || *h > 23 || *mi > 59) return std::nullopt;
    hour = *h;
    minute = *mi;
    if (accept(text, pos, ':')) {
      const auto s = digits(text, pos, 2);
      if (!s || *s > 59) return std::nullopt;
      second = *s;
    }
  }
  if (pos == text.size()) return to_unix(date->year, date->month, date->day, hour, minute, second);
  // An explicit zone: the wall time is UTC plus the offset.
  std::int64_t offset = 0;
  if (!accept(text, pos, 'Z')) {
    const char sign = pos < text.size() ? text[pos] : '\0';
    if (sign != '+' && sign != '-') return std::nullopt;
    ++pos;
    const auto oh = digits(text, pos, 2);
    std::optional<int> om = 0;
    if (accept(text, pos, ':') || pos < text.size()) om = digits(text, pos, 2);
    if (!oh || !om || *oh > 23 || *om > 59) return std::nullopt;
    offset = (sign == '-' ? -1 : 1) * (*oh * 3600 + *om * 60);
  }
  if (pos != text.size()) return std::nullopt;
  const TimeZone utc("UTC");
  return utc.to_unix(date->year, date->month, date->day, hour, minute, second) - offset;
}

}  // namespace fahras::query
