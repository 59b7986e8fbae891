// A first build written by several Xapian writers at once, merged by Xapian's compactor.
#pragma once

#include "document_router.hpp"
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
class ParallelBuild final : public DocumentRouter {
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

  [[nodiscard]] bool resumed() const noexcept override { return resumed_; }
  /** Also deletes the partial documents the lookup database does not hold. */
  [[nodiscard]] std::vector<Xapian::docid> unfinished_documents() override;
  void sync_cluster_keys() override;
  /** A resumed first build counts every kept article's words again: the partial writers' spelling
   *  is emptied on resuming. */
  [[nodiscard]] bool recount_spelling(Xapian::docid /*kept*/) const override { return resumed_; }

  [[nodiscard]] Xapian::WritableDatabase& lookup() noexcept override { return lookup_; }
  /** One route: spelling is shared out by word. */
  [[nodiscard]] std::size_t route(const PreparedArticle& /*article*/) override { return 0; }
  void mark(Xapian::Document& /*light*/, const Xapian::Document& /*full*/, std::size_t /*route*/) override {}
  /** The writer of lookup document `id` (id modulo the writers) gets it. */
  void put(Xapian::docid id, std::size_t /*route*/, Xapian::Document&& full, bool /*replaces*/) override {
    owner(id).put(id, std::move(full));
  }
  void remove(Xapian::docid id) override { owner(id).remove(id); }
  void set_cluster_key(Xapian::docid id, std::string key) override { owner(id).set_cluster_key(id, std::move(key)); }
  /** Spelling counts of one batch (summed over the run, each word by one writer). */
  void add_spelling(std::size_t route, SpellingCounts&& words) override;
  [[nodiscard]] std::string kept_note() const override;

  /**
   * Finishes the writers, merges the partial databases, copies the metadata of `main` and of
   * the lookup database into the result, and puts it at the database's path in place of
   * `main` (empty, open and locked by the caller, who should close it next). Returns the
   * number of documents.
   */
  Xapian::doccount finish(Xapian::WritableDatabase& main) override;

private:
  [[nodiscard]] PartialWriter& owner(Xapian::docid id) { return *writers_[id % writers_.size()]; }
  [[nodiscard]] std::vector<PartialWriter*> writer_pointers() const;
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
