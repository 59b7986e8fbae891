// fahras-index's report of an error that Xapian turns into std::terminate.
#include "fahras/index_error.hpp"
#include "parallel_build.hpp"

#include <xapian.h>

#include <cstdio>
#include <cstdlib>
#include <exception>
#include <filesystem>
#include <string>
#include <sys/statvfs.h>

namespace fahras {

namespace {

std::string& aborted_database() {
  static std::string path;
  return path;
}

std::terminate_handler& default_handler() {
  static std::terminate_handler handler = nullptr;
  return handler;
}

// The database's file system is full (less than one Xapian block free).
bool disk_full(const std::string& database) {
  struct statvfs disk {};
  if (::statvfs(database.c_str(), &disk) != 0) return false;
  constexpr unsigned long long block = 8192;
  return static_cast<unsigned long long>(disk.f_bavail) * disk.f_frsize < block;
}

[[noreturn]] void report_abort() {
  const std::string& database = aborted_database();
  std::string cause;
  if (const std::exception_ptr failure = std::current_exception()) {
    try {
      std::rethrow_exception(failure);
    } catch (const Xapian::Error& e) {
      cause = e.get_description();
    } catch (const std::exception& e) {
      cause = e.what();
    } catch (...) {
      cause = "unknown error";
    }
  } else if (disk_full(database)) {
    // Xapian sometimes terminates without the exception (a write in a destructor).
    cause = "a write failed while committing (No space left on device)";
  } else {  // not a failed write: a bug, to be seen as one
    if (default_handler() != nullptr) default_handler()();
    std::abort();
  }
  std::string line = "fahras-index: " + database + ": " + cause;
  std::error_code error;
  if (std::filesystem::exists(indexer::ParallelBuild::work_path(database), error)) {
    line += kept_by_first_build(database);
  }
  line += '\n';
  std::fputs(line.c_str(), stderr);
  std::fflush(stderr);
  std::_Exit(2);
}

}  // namespace

std::string kept_by_first_build(const std::string& database) {
  return "; the first build's committed batches are kept in " + indexer::ParallelBuild::work_path(database) +
         ", and the same command resumes it";
}

void report_aborts(const std::string& database) {
  aborted_database() = database;
  default_handler() = std::set_terminate(report_abort);
}

}  // namespace fahras
