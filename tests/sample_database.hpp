// A database of the samples built in-process by fahras::run_index, for the query library's tests.
#pragma once

#include "fahras/indexer.hpp"

#include <filesystem>
#include <string>
#include <vector>

namespace fahras::test {

/** A fresh temporary folder holding a database ("db") of the samples (42 articles), removed on
 *  destruction. */
class SampleDatabase {
public:
  /** Indexes the samples with `options` (its database and inputs are filled in). */
  explicit SampleDatabase(IndexOptions options = {});
  ~SampleDatabase();
  SampleDatabase(const SampleDatabase&) = delete;
  SampleDatabase& operator=(const SampleDatabase&) = delete;

  [[nodiscard]] std::string path() const { return (dir_ / "db").string(); }
  [[nodiscard]] const std::filesystem::path& dir() const { return dir_; }

  /** Indexes `inputs` into the database with `options` (database and inputs filled in). */
  IndexSummary index(const std::vector<std::string>& inputs, IndexOptions options = {}) const;
  /** Removes the database and builds it again from the samples with `options`. */
  void rebuild(IndexOptions options) const;

private:
  std::filesystem::path dir_;
};

/** The sample inputs: articles.jsonl, articles.json, text/. */
std::vector<std::string> sample_inputs();

}  // namespace fahras::test
