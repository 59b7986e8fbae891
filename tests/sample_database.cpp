#include "sample_database.hpp"

#include <doctest/doctest.h>

#include <unistd.h>
#include <atomic>
#include <sstream>

namespace fahras::test {

namespace fs = std::filesystem;

std::vector<std::string> sample_inputs() {
  const fs::path samples = FAHRAS_SAMPLES_DIR;
  return {(samples / "articles.jsonl").string(), (samples / "articles.json").string(), (samples / "text").string()};
}

SampleDatabase::SampleDatabase(IndexOptions options) {
  static std::atomic<int> counter = 0;
  dir_ =
      fs::temp_directory_path() / ("fahras-sample-db-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
  fs::remove_all(dir_);
  fs::create_directories(dir_);
  const IndexSummary summary = index(sample_inputs(), std::move(options));
  REQUIRE(summary.added == 42);  // 43 records, one id twice
}

SampleDatabase::~SampleDatabase() {
  std::error_code ignored;
  fs::remove_all(dir_, ignored);
}

IndexSummary SampleDatabase::index(const std::vector<std::string>& inputs, IndexOptions options) const {
  options.database = path();
  options.inputs = inputs;
  if (options.threads == 0) options.threads = 1;
  std::ostringstream diagnostics;
  IndexSummary summary = run_index(options, diagnostics);
  INFO(diagnostics.str());
  CHECK(summary.errors <= 3);  // the samples' three malformed lines
  return summary;
}

void SampleDatabase::rebuild(IndexOptions options) const {
  fs::remove_all(path());
  REQUIRE(index(sample_inputs(), std::move(options)).added == 42);
}

}  // namespace fahras::test
