// Errors the indexer library throws; fahras-index turns them into exit codes.
#pragma once

#include <stdexcept>
#include <string>

namespace fahras {

/** A caller's mistake: a bad option, a bad argument. */
class UsageError : public std::runtime_error {
public:
  using std::runtime_error::runtime_error;
};

/** The database cannot be used: locked, unreadable, or built under another schema/analysis. */
class IndexError : public std::runtime_error {
public:
  using std::runtime_error::runtime_error;
};

/**
 * Xapian 1.4 ends the process with std::terminate when a write fails (a full disk) while a
 * commit writes its value streams: that write happens in a destructor (glass's ValueUpdater).
 * Installs a terminate handler that reports such an error as fahras-index reports any other —
 * one line on standard error naming the database and the cause, and where a first build's
 * work is kept — and exits with status 2. On disk, the database is as after a kill -9: every
 * commit before the failed one is intact. A terminate without an exception stays an abort.
 */
void report_aborts(const std::string& database);

/** "; the first build's committed batches are kept in PATH.fahras-build, and the same command
 *  resumes it": what a failed first build of `database` keeps, for an error message. */
std::string kept_by_first_build(const std::string& database);

}  // namespace fahras
