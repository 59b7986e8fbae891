#include "database.hpp"

#include "fahras/index_error.hpp"
#include "fahras/schema.hpp"

#include <fmt/format.h>

#include <chrono>
#include <thread>

namespace fahras::indexer {

namespace {

void check_or_stamp(Xapian::WritableDatabase& db, std::string_view key, const std::string& expected,
                    const std::string& path) {
  const std::string stored = db.get_metadata(std::string(key));
  if (stored.empty()) {
    if (db.get_doccount() != 0) {
      throw IndexError(fmt::format("{}: not a fahras database (it has documents but no {})", path, key));
    }
    db.set_metadata(std::string(key), expected);
    return;
  }
  if (stored != expected) {
    throw IndexError(fmt::format("{}: built with {} '{}', this indexer uses '{}': rebuild it, or index with the "
                                 "same settings",
                                 path, key, stored, expected));
  }
}

}  // namespace

StoredSettings stored_settings(const std::string& path) {
  try {
    const Xapian::Database db(path);
    return {db.get_metadata(std::string(schema::metadata::analysis)),
            db.get_metadata(std::string(schema::metadata::timezone))};
  } catch (const Xapian::Error&) {
    return {};  // no database yet (or unreadable: opening it for writing will say why)
  }
}

Xapian::WritableDatabase open_for_writing(const std::string& path, const AnalysisProfile& profile,
                                          const std::string& timezone, double wait_lock_seconds) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::duration<double>(wait_lock_seconds);
  while (true) {
    try {
      Xapian::WritableDatabase db(path, Xapian::DB_CREATE_OR_OPEN | Xapian::DB_BACKEND_GLASS);
      check_or_stamp(db, schema::metadata::schema, std::to_string(schema::version), path);
      check_or_stamp(db, schema::metadata::analysis, profile.id(), path);
      check_or_stamp(db, schema::metadata::timezone, timezone, path);
      db.commit();
      return db;
    } catch (const Xapian::DatabaseLockError&) {
      if (std::chrono::steady_clock::now() >= deadline) {
        throw IndexError(fmt::format("{}: database is locked by another indexer", path));
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(200));
    } catch (const Xapian::Error& e) {
      throw IndexError(fmt::format("{}: cannot open the database: {}", path, e.get_msg()));
    }
  }
}

}  // namespace fahras::indexer
