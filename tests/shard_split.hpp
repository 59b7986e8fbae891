// Shard sets made from a combined database, as `fahras-index --shard-by` writes them: each
// document copied into its shard under the same document id, every shard with the combined
// database's metadata, and the manifest fahras-shards.json. For the tests of the query side.
#pragma once

#include <string>

namespace fahras::test {

/**
 * Splits the fahras database `source` into the shard set `folder` (created): `by` "month" (by
 * the PublishedAt value: "YYYY-MM" in UTC, "undated" for the others), or "hash:N" (N shards by
 * the id's hash). The spelling dictionary goes whole into the first shard (so that the set's
 * sums are the combined database's). Returns the number of shards. Throws std::runtime_error.
 */
int split_database(const std::string& source, const std::string& folder, const std::string& by);

}  // namespace fahras::test
