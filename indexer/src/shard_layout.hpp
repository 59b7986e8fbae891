// How a shard set splits its articles: by month, by year, or by a stable hash of the id.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace fahras::indexer {

/** FNV-1a, 64 bits: the same on every platform and build (std::hash is not). */
[[nodiscard]] std::uint64_t fnv1a64(std::string_view bytes) noexcept;

/** A --shard-by value: "month", "year" or "hash:N" (1 <= N <= 256). */
class ShardLayout {
public:
  enum class Kind : std::uint8_t { Month, Year, Hash };

  /** Parses `text`; throws UsageError naming --shard-by and the accepted forms. */
  static ShardLayout parse(const std::string& text);

  [[nodiscard]] Kind kind() const noexcept { return kind_; }
  [[nodiscard]] unsigned buckets() const noexcept { return buckets_; }
  /** As given to --shard-by and written in the manifest: "month", "year", "hash:4". */
  [[nodiscard]] std::string to_string() const;

  /**
   * The shard of an article: its publication month "YYYY-MM" or year "YYYY" in the set's time
   * zone (`local_year`/`local_month`, empty for an undated article, which goes to "undated"),
   * or "hash-K-of-N" from the FNV-1a hash of its id term.
   */
  [[nodiscard]] std::string shard_of(const std::string& id_term, std::optional<int> local_year,
                                     int local_month) const;
  /** Whether `name` is a shard folder name of this layout. */
  [[nodiscard]] bool is_shard_name(const std::string& name) const;

private:
  Kind kind_ = Kind::Month;
  unsigned buckets_ = 0;
};

}  // namespace fahras::indexer
