// What an indexing run says while it runs: diagnostics, one per line, and a progress line
// (redrawn in place on a terminal, a log line every ten seconds otherwise).
#pragma once

#include "fahras/indexer.hpp"
#include "raw_record.hpp"

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <ostream>
#include <string>

namespace fahras::indexer {

/** "FILE:LINE:COLUMN: error: MESSAGE (record N)", the form of every diagnostic line. */
std::string format_diagnostic(const Diagnostic& d);

/** "45s", "3m05s", "1h12m": how long a progress line expects the rest to take. */
std::string duration_text(double seconds);

/** Where a run stands, for its progress line. */
struct RunProgress {
  std::size_t records = 0;
  std::size_t written = 0;  ///< added and updated
  std::size_t unchanged = 0;
  std::size_t text_bytes = 0;  ///< bytes of the records' fields
  std::uint64_t file_bytes_read = 0;
  std::optional<std::uint64_t> file_bytes;  ///< the inputs' size on disk; none for standard input
};

/** The run's voice on standard error: diagnostics and the progress line, kept apart. */
class RunReporter {
public:
  RunReporter(std::ostream& out, ProgressStyle style);

  /** Where a diagnostic goes, after clearing a progress line drawn on the terminal. */
  std::ostream& diagnostics();

  /** Writes `d` as format_diagnostic does, on a line of its own. */
  void diagnostic(const Diagnostic& d);

  /** Shows the progress line (nothing with ProgressStyle::Off): the first call at once, then
   *  at most one a second on a terminal or every ten seconds as log lines; `final` always,
   *  ending the terminal's line. */
  void progress(const RunProgress& now, bool final);

  [[nodiscard]] bool shows_progress() const { return style_ != ProgressStyle::Off; }

private:
  using Clock = std::chrono::steady_clock;
  std::ostream& out_;
  ProgressStyle style_;
  Clock::time_point started_ = Clock::now();
  Clock::time_point last_progress_ = started_;
  bool progress_shown_ = false;  // a terminal progress line without its newline is on screen
  bool progress_drawn_ = false;  // some progress was shown
};

}  // namespace fahras::indexer
