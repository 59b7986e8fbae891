// Shard sources: what a --db argument names (a fahras database folder, a shard-set folder with
// its manifest fahras-shards.json, or a stub file), resolved into the databases to open.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace fahras::query {

/** The manifest's file name in a shard-set folder. */
inline constexpr std::string_view manifest_name = "fahras-shards.json";

/** One database to open: a local folder, or a database served by xapian-tcpsrv. */
struct ShardSource {
  bool remote = false;
  std::string path;            ///< local: the database folder
  std::string host;            ///< remote
  unsigned port = 0;           ///< remote
  bool in_manifest = false;    ///< listed by a shard-set manifest: its date bounds below are known
  std::optional<std::int64_t> published_min;  ///< unix seconds; nullopt: undated or empty shard
  std::optional<std::int64_t> published_max;
  std::string origin;          ///< the manifest or stub naming it ("" for a --db folder)

  /** The path, or host:port: how messages name the shard. */
  [[nodiscard]] std::string label() const;
  /** Whether a search limited to publication times [from, to] (either end open) can match
   *  here: always, unless the manifest says it holds nothing in that window. */
  [[nodiscard]] bool may_hold(std::optional<std::int64_t> from, std::optional<std::int64_t> to) const;
};

/**
 * The shards `path` names: a database folder (one shard), a shard-set folder (the manifest's
 * shards, in its order), or a stub file (each line's, in order; shard-set folders expanded).
 * Throws DatabaseError naming the file (and line) and what is wrong; a path that does not
 * exist is left to the opening to report.
 */
std::vector<ShardSource> resolve_shards(const std::string& path);

/** The shards a stub file's text lists; `file` names it in messages, relative paths are read
 *  from `folder`. Throws DatabaseError "FILE:LINE: what". */
std::vector<ShardSource> parse_stub(std::string_view text, const std::string& file, const std::filesystem::path& folder,
                                    int depth = 0);

/** The shards of the manifest `file` (paths relative to its folder). Throws DatabaseError
 *  naming the file and what is wrong. */
std::vector<ShardSource> read_manifest(const std::filesystem::path& file);

}  // namespace fahras::query
