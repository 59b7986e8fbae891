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
 * atomic rename. A run that fails (a full disk, a Xapian error) or is killed before that
 * leaves the database empty and the work folder behind, and the next first build resumes it:
 * the lookup database holds every batch committed, and each document that did not reach its
 * partial database in the same version (partial databases commit on their own) is taken out
 * of the lookup database, to be written again when the same input is read again.
 */
class ParallelBuild {
public:
  /** The work folder of the database at `db_path`. */
  static std::string work_path(const std::string& db_path);
  /** Removes a work folder left by a killed run (call while holding the database's lock). */
  static void remove_leftovers(const std::string& db_path);

  /**
   * Resumes the build a failed or killed run left in the work folder (with as many writers as
   * it had), or, when there is none that can be opened, starts one with `writers` writers.
   */
  ParallelBuild(const std::string& db_path, unsigned writers, std::size_t commit_every);
  /** Stops the writers; removes the work folder once finish() has put the result in place, and
   *  keeps it otherwise, for the next run to resume. */
  ~ParallelBuild();
  ParallelBuild(const ParallelBuild&) = delete;
  ParallelBuild& operator=(const ParallelBuild&) = delete;

  /** Whether this build resumes one left by an earlier run. */
  [[nodiscard]] bool resumed() const noexcept { return resumed_; }
  /**
   * Resuming: the lookup documents whose full document is missing from its partial database
   * or is another version of the article. Their partial copies, and the partial documents the
   * lookup database does not hold, are deleted; the caller takes the returned ones out of the
   * lookup database (lines, cluster, document), then calls sync_cluster_keys().
   */
  [[nodiscard]] std::vector<Xapian::docid> unfinished_documents();
  /** Resuming, once the unfinished documents are gone: gives each full document the cluster key
   *  of its lookup document (a re-keying may have reached one database and not the other). */
  void sync_cluster_keys();

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
  bool resume(std::size_t commit_every);

  std::string db_path_;
  std::string work_path_;
  Xapian::WritableDatabase lookup_;
  std::vector<std::unique_ptr<PartialWriter>> writers_;
  std::vector<Xapian::Database> resumed_from_;  // resuming: the partial databases as the last run committed them
  bool resumed_ = false;
  bool finished_ = false;                       // the result is in place: the work folder can go
};

}  // namespace fahras::indexer
