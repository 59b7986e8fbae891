// What a Searcher reads besides search results: one article in full with a query's matches
// highlighted (Searcher::article), and the facts of a database (Searcher::info).
#pragma once

#include "fahras/analysis.hpp"
#include "fahras/query.hpp"
#include "query_dates.hpp"

#include <xapian.h>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace fahras::query {

/** The document of the article with unique id `id`: as given, then, for a URL, as the indexer
 *  keys an article without an id (normalize_url, then the form older databases hold); nullopt
 *  when no article has it. Xapian errors are left to the caller. */
std::optional<Xapian::docid> find_article(const Xapian::Database& db, const std::string& id);

/** The article with unique id `id` (as given, else as the indexer keys a URL), highlighted for
 *  `request`; nullopt when no article has that id. Xapian errors are left to the caller. */
std::optional<Article> read_article(const Xapian::Database& db, const std::string& id, const SearchRequest& request,
                                    Analyzer& analyzer, const TimeZone& zone);

/** The facts of the database `db` opened at `path` (one database, or shards combined):
 *  `revision` as the caller counts it, the size and time of the files in `folders` (the local
 *  shards' folders). Xapian errors are left to the caller. */
DatabaseInfo read_database_info(const Xapian::Database& db, const std::string& path, std::uint64_t revision,
                                const std::vector<std::string>& folders);

}  // namespace fahras::query
