#include "fuzz_support.hpp"

#include "fahras/indexer.hpp"
#include "utf8.hpp"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <filesystem>
#include <sstream>

#include <unistd.h>

namespace fahras::fuzz {
namespace fs = std::filesystem;

void fail(std::string_view what) {
  std::fprintf(stderr, "invariant broken: %.*s\n", static_cast<int>(what.size()), what.data());
  std::abort();
}

std::vector<std::size_t> char_boundaries(std::string_view text) {
  std::vector<std::size_t> boundaries;
  boundaries.reserve(text.size() + 1);
  for (std::size_t at = 0; at < text.size(); at += utf8::decode(text, at).length) boundaries.push_back(at);
  boundaries.push_back(text.size());
  return boundaries;
}

bool on_boundary(const std::vector<std::size_t>& boundaries, std::size_t offset) {
  return std::binary_search(boundaries.begin(), boundaries.end(), offset);
}

bool valid_utf8(std::string_view text) {
  for (std::size_t at = 0; at < text.size();) {
    const utf8::Decoded decoded = utf8::decode(text, at);
    if (!decoded.valid) return false;
    at += decoded.length;
  }
  return true;
}

void check_ranges(const std::vector<std::pair<std::size_t, std::size_t>>& ranges, std::string_view text,
                  std::string_view what) {
  const std::vector<std::size_t> boundaries = char_boundaries(text);
  std::size_t previous_end = 0;
  for (const auto& [begin, end] : ranges) {
    check(begin < end, std::string(what) + ": an empty or reversed range");
    check(end <= text.size(), std::string(what) + ": a range beyond the text");
    check(begin >= previous_end, std::string(what) + ": ranges not sorted or overlapping");
    check(on_boundary(boundaries, begin) && on_boundary(boundaries, end),
          std::string(what) + ": a range not on character boundaries");
    previous_end = end;
  }
}

std::pair<std::string_view, std::string_view> split_line(std::string_view data) {
  const std::size_t newline = data.find('\n');
  if (newline == std::string_view::npos) return {data, {}};
  return {data.substr(0, newline), data.substr(newline + 1)};
}

namespace {

/** The temporary folder of sample_database(), removed at exit. */
struct TemporaryFolder {
  fs::path path;
  TemporaryFolder() {
    path = fs::temp_directory_path() / ("fahras-fuzz-" + std::to_string(::getpid()));
    fs::remove_all(path);
    fs::create_directories(path);
  }
  ~TemporaryFolder() {
    std::error_code ignored;
    fs::remove_all(path, ignored);
  }
  TemporaryFolder(const TemporaryFolder&) = delete;
  TemporaryFolder& operator=(const TemporaryFolder&) = delete;
};

std::string build_sample_database() {
  static TemporaryFolder folder;
  IndexOptions options;
  options.database = (folder.path / "db").string();
  options.inputs = {FAHRAS_SAMPLES_DIR};
  options.timezone = "Asia/Riyadh";
  options.txt_title = true;
  options.threads = 1;
  options.writers = 1;
  std::ostringstream diagnostics;
  try {
    const IndexSummary summary = run_index(options, diagnostics);
    if (summary.added == 0) fail("the sample database holds no article:\n" + diagnostics.str());
  } catch (const std::exception& error) {
    fail(std::string("cannot build the sample database: ") + error.what());
  }
  return options.database;
}

}  // namespace

const std::string& sample_database() {
  static const std::string path = build_sample_database();
  return path;
}

}  // namespace fahras::fuzz
