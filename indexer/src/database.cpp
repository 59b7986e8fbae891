#include "database.hpp"

#include "fahras/index_error.hpp"
#include "fahras/schema.hpp"

#include <fmt/format.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <thread>
#include <unistd.h>

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
  std::error_code error;
  if (std::filesystem::exists(path, error) && !std::filesystem::is_directory(path, error)) {
    throw IndexError(fmt::format("{}: not a database folder (a file of that name is in the way)", path));
  }
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::duration<double>(wait_lock_seconds);
  while (true) {
    try {
      Xapian::WritableDatabase db(path, Xapian::DB_CREATE_OR_OPEN | Xapian::DB_BACKEND_GLASS);
      check_or_stamp(db, schema::metadata::schema, std::to_string(schema::version), path);
      check_or_stamp(db, schema::metadata::analysis, profile.id(), path);
      check_or_stamp(db, schema::metadata::timezone, timezone, path);
      db.commit();
      return db;
    } catch (const Xapian::DatabaseLockError& e) {
      // Xapian reports a folder it cannot write to (a read-only file system) as a lock it
      // cannot take: say which it is.
      if (::access(path.c_str(), W_OK) != 0) {
        throw IndexError(fmt::format("{}: cannot write to the database folder: {}", path, std::strerror(errno)));
      }
      if (e.get_msg().find("already locked") == std::string::npos) {
        throw IndexError(fmt::format("{}: cannot lock the database: {}", path, e.get_msg()));
      }
      if (std::chrono::steady_clock::now() >= deadline) {
        throw IndexError(fmt::format("{}: database is locked by another indexer", path));
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(200));
    } catch (const Xapian::DatabaseCreateError& e) {
      throw IndexError(fmt::format("{}: cannot create the database folder: {}", path,
                                   e.get_error_string() != nullptr ? e.get_error_string() : e.get_msg()));
    } catch (const Xapian::Error& e) {
      const char* const cause = e.get_error_string();
      throw IndexError(fmt::format("{}: cannot open the database: {}{}", path, e.get_msg(),
                                   cause != nullptr ? fmt::format(" ({})", cause) : ""));
    }
  }
}

}  // namespace fahras::indexer
