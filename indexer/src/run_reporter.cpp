#include "run_reporter.hpp"

#include "plural.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace fahras::indexer {

std::string format_diagnostic(const Diagnostic& d) {
  std::string where = to_string(d.origin);
  if (d.column != 0 && d.origin.line != 0) where += ":" + std::to_string(d.column);
  std::string text = fmt::format("{}: {}: {}", where, d.severity == Severity::Error ? "error" : "warning", d.message);
  if (d.origin.record != 0) text += fmt::format(" (record {})", d.origin.record);
  return text;
}

std::string duration_text(double seconds) {
  const auto total = static_cast<long long>(seconds + 0.5);
  if (total < 60) return fmt::format("{}s", total);
  if (total < 3600) return fmt::format("{}m{:02}s", total / 60, total % 60);
  return fmt::format("{}h{:02}m", total / 3600, total % 3600 / 60);
}

RunReporter::RunReporter(std::ostream& out, ProgressStyle style) : out_(out), style_(style) {}

std::ostream& RunReporter::diagnostics() {
  if (progress_shown_) {
    out_ << "\r\x1b[K";
    progress_shown_ = false;
  }
  return out_;
}

void RunReporter::diagnostic(const Diagnostic& d) { diagnostics() << format_diagnostic(d) << '\n'; }

void RunReporter::progress(const RunProgress& now, bool final) {
  if (style_ == ProgressStyle::Off) return;
  const auto time = Clock::now();
  if (!final && progress_drawn_ &&
      time - last_progress_ < std::chrono::seconds(style_ == ProgressStyle::Terminal ? 1 : 10)) {
    return;
  }
  progress_drawn_ = true;
  last_progress_ = time;
  const std::size_t done = now.written + now.unchanged;
  const double seconds = std::chrono::duration<double>(time - started_).count();
  std::string line = fmt::format("fahras-index: {}, {:.1f} MB of text, {} written, {} unchanged, {:.0f} records/s",
                                 count_of(now.records, "record", "records"), static_cast<double>(now.text_bytes) / 1e6,
                                 now.written, now.unchanged, seconds > 0 ? static_cast<double>(done) / seconds : 0.0);
  if (now.file_bytes && *now.file_bytes > 0) {
    const double share = std::min(1.0, static_cast<double>(now.file_bytes_read) / static_cast<double>(*now.file_bytes));
    line += fmt::format(", {:.0f}% of the input", 100 * share);
    if (!final && share > 0.01 && share < 1)
      line += ", about " + duration_text(seconds * (1 - share) / share) + " left";
  }
  if (style_ == ProgressStyle::Terminal) {
    out_ << '\r' << line << (final ? "\n" : "") << std::flush;
    progress_shown_ = !final;
  } else if (!final) {
    out_ << line << '\n';
  }
}

}  // namespace fahras::indexer
