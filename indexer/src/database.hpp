// Opening the index for writing: the lock, and the schema and analysis checks.
#pragma once

#include "fahras/analysis.hpp"

#include <xapian.h>

#include <string>

namespace fahras::indexer {

/**
 * Opens (creating if needed) the database at `path` for writing. Another writer holding it
 * makes this throw IndexError("database is locked by another indexer") at once, or after
 * `wait_lock_seconds` of retrying. A database made under another schema version, analysis
 * profile or time zone is refused with an IndexError that names both; a new one is stamped.
 */
/** What an existing database at `path` was made with (read without taking the lock). */
struct StoredSettings {
  std::string analysis;  ///< the profile id, "" when there is no database yet
  std::string timezone;
};
StoredSettings stored_settings(const std::string& path);

Xapian::WritableDatabase open_for_writing(const std::string& path, const AnalysisProfile& profile,
                                          const std::string& timezone, double wait_lock_seconds);

}  // namespace fahras::indexer
