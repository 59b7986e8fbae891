#include "date_keys.hpp"

#include <fmt/format.h>

#include <ctime>

namespace fahras {

std::string day_key(const CivilDate& date) { return fmt::format("{:04d}{:02d}{:02d}", date.year, date.month, date.day); }

std::string month_key(const CivilDate& date) { return fmt::format("{:04d}{:02d}", date.year, date.month); }

std::string year_key(const CivilDate& date) { return fmt::format("{:04d}", date.year); }

std::string iso_utc(std::int64_t unix_seconds) {
  const auto time = static_cast<std::time_t>(unix_seconds);
  std::tm tm{};
  if (gmtime_r(&time, &tm) == nullptr) return {};
  return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour,
                     tm.tm_min, tm.tm_sec);
}

}  // namespace fahras
