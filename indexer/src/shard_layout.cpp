#include "shard_layout.hpp"

#include "fahras/index_error.hpp"

#include <fmt/format.h>

#include <regex>

namespace fahras::indexer {

std::uint64_t fnv1a64(std::string_view bytes) noexcept {
  std::uint64_t hash = 14695981039346656037ULL;
  for (const char c : bytes) {
    hash ^= static_cast<unsigned char>(c);
    hash *= 1099511628211ULL;
  }
  return hash;
}

ShardLayout ShardLayout::parse(const std::string& text) {
  ShardLayout layout;
  if (text == "month") return layout;
  if (text == "year") {
    layout.kind_ = Kind::Year;
    return layout;
  }
  static const std::regex hash("hash:([0-9]{1,3})");
  std::smatch match;
  if (std::regex_match(text, match, hash)) {
    const unsigned n = static_cast<unsigned>(std::stoul(match[1]));
    if (n >= 1 && n <= 256) {
      layout.kind_ = Kind::Hash;
      layout.buckets_ = n;
      return layout;
    }
  }
  throw UsageError(fmt::format("--shard-by: expected month, year or hash:N (N from 1 to 256), not '{}'", text));
}

std::string ShardLayout::to_string() const {
  switch (kind_) {
    case Kind::Month:
      return "month";
    case Kind::Year:
      return "year";
    case Kind::Hash:
      break;
  }
  return fmt::format("hash:{}", buckets_);
}

std::string ShardLayout::shard_of(const std::string& id_term, std::optional<int> local_year, int local_month) const {
  switch (kind_) {
    case Kind::Month:
      return local_year ? fmt::format("{:04}-{:02}", *local_year, local_month) : "undated";
    case Kind::Year:
      return local_year ? fmt::format("{:04}", *local_year) : "undated";
    case Kind::Hash:
      break;
  }
  return fmt::format("hash-{}-of-{}", fnv1a64(id_term) % buckets_, buckets_);
}

bool ShardLayout::is_shard_name(const std::string& name) const {
  static const std::regex month("[0-9]{4}-[0-9]{2}");
  static const std::regex year("[0-9]{4}");
  switch (kind_) {
    case Kind::Month:
      return name == "undated" || std::regex_match(name, month);
    case Kind::Year:
      return name == "undated" || std::regex_match(name, year);
    case Kind::Hash:
      break;
  }
  const std::regex hash("hash-([0-9]+)-of-" + std::to_string(buckets_));
  std::smatch match;
  return std::regex_match(name, match, hash) && std::stoul(match[1]) < buckets_;
}

}  // namespace fahras::indexer
