#include "fahras/index_error.hpp"
#include "shard_layout.hpp"

#include <doctest/doctest.h>

#include <string>

using fahras::indexer::fnv1a64;
using fahras::indexer::ShardLayout;

TEST_SUITE("indexer shard layout") {
  TEST_CASE("FNV-1a 64: the published test vectors, so shards are the same on every platform") {
    CHECK(fnv1a64("") == 0xcbf29ce484222325ULL);
    CHECK(fnv1a64("a") == 0xaf63dc4c8601ec8cULL);
    CHECK(fnv1a64("foobar") == 0x85944171f73967e8ULL);
  }

  TEST_CASE("--shard-by values: month, year, hash:1 to hash:256; anything else is a usage error") {
    CHECK(ShardLayout::parse("month").to_string() == "month");
    CHECK(ShardLayout::parse("year").to_string() == "year");
    CHECK(ShardLayout::parse("hash:1").to_string() == "hash:1");
    CHECK(ShardLayout::parse("hash:256").buckets() == 256);
    for (const char* const bad : {"", "Month", "hash", "hash:", "hash:0", "hash:257", "hash:-1", "hash:4x", "week"}) {
      CAPTURE(bad);
      CHECK_THROWS_AS(ShardLayout::parse(bad), fahras::UsageError);
    }
  }

  TEST_CASE("shard names: YYYY-MM, YYYY, hash-K-of-N, undated; and which folder names are shards") {
    const ShardLayout month = ShardLayout::parse("month");
    const ShardLayout year = ShardLayout::parse("year");
    const ShardLayout hash = ShardLayout::parse("hash:4");
    CHECK(month.shard_of("Qx", 2015, 7) == "2015-07");
    CHECK(month.shard_of("Qx", std::nullopt, 0) == "undated");
    CHECK(year.shard_of("Qx", 2015, 12) == "2015");
    CHECK(year.shard_of("Qx", std::nullopt, 0) == "undated");
    CHECK(hash.shard_of("Qa", std::nullopt, 0) == "hash-" + std::to_string(fnv1a64("Qa") % 4) + "-of-4");
    CHECK(hash.shard_of("Qa", 2015, 7) == hash.shard_of("Qa", 2016, 1));  // the date does not matter
    CHECK(month.is_shard_name("2015-07"));
    CHECK(month.is_shard_name("undated"));
    CHECK_FALSE(month.is_shard_name("2015"));
    CHECK_FALSE(month.is_shard_name(".catalog"));
    CHECK(year.is_shard_name("2015"));
    CHECK(hash.is_shard_name("hash-3-of-4"));
    CHECK_FALSE(hash.is_shard_name("hash-4-of-4"));
    CHECK_FALSE(hash.is_shard_name("hash-1-of-3"));
    CHECK_FALSE(hash.is_shard_name("undated"));
  }
}
