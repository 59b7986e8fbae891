// A first build written by several Xapian writers at once, merged by Xapian's compactor.
#pragma once

#include "partial_writer.hpp"

#include <xapian.h>

#include <memory>
#include <string>
#include <vector>

namespace fahras::indexer {

/**
 * When the database holds no document yet (a first import, a rebuild), one Xapian writer is
 * what limits speed; so the full documents go to partial databases, each written by its own
 * thread, and are merged by Xapian's compactor at the end. What finding duplicates and
 * near-duplicates reads (lookup_document) goes, on the calling thread, into a small lookup
 * database that also holds the line statistics; its document ids decide which writer holds
 * each full document, so an update or a re-keying reaches the right one.
 *
 * Everything lives in a work folder next to the database ("PATH.fahras-build"); the database
 * itself stays empty (and locked) until finish() puts the merged one in its place with one
 * atomic rename. A run killed before that leaves the database empty and the work folder
 * behind: the next run removes it and builds again.
 */
class ParallelBuild {
public:
  /** The work folder of the database at `db_path`. */
  static std::string work_path(const std::string& db_path);
  /** Removes a work folder left by a killed run (call while holding the database's lock). */
  static void remove_leftovers(const std::string& db_path);

  ParallelBuild(const std::string& db_path, unsigned writers, std::size_t commit_every);
  /** Removes the work folder (with whatever was not merged). */
  ~ParallelBuild();
  ParallelBuild(const ParallelBuild&) = delete;
  ParallelBuild& operator=(const ParallelBuild&) = delete;

  /** The lookup database: lookup documents and metadata. */
  [[nodiscard]] Xapian::WritableDatabase& lookup() noexcept { return lookup_; }
  /** The writer that holds the full document of lookup document `id`. */
  [[nodiscard]] PartialWriter& owner(Xapian::docid id) { return *writers_[id % writers_.size()]; }
  /** Spelling counts of one batch (summed over the run, each word by one writer). */
  void add_spelling(SpellingCounts&& words);

  /**
   * Finishes the writers, merges the partial databases, copies the metadata of `main` and of
   * the lookup database into the result, and puts it at the database's path in place of
   * `main` (empty, open and locked by the caller, who should close it next). Returns the
   * number of documents.
   */
  Xapian::doccount finish(Xapian::WritableDatabase& main);

private:
  std::string db_path_;
  std::string work_path_;
  Xapian::WritableDatabase lookup_;
  std::vector<std::unique_ptr<PartialWriter>> writers_;
};

}  // namespace fahras::indexer
