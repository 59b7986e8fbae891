// A thread that owns one partial database and writes to it, so that two Xapian writers work
// at once (Xapian's writer, not analysis, is what limits indexing speed).
#pragma once

#include "spelling_admission.hpp"

#include <xapian.h>

#include <condition_variable>
#include <cstdint>
#include <cstddef>
#include <deque>
#include <exception>
#include <mutex>
#include <string>
#include <thread>
#include <unordered_map>

namespace fahras::indexer {

/**
 * Applies operations to its own database, in the order they were given, on its own thread.
 * Documents are handed over by move: a Xapian::Document's reference count is not
 * thread-safe, so the caller must keep no other handle on a document it puts. The queue is
 * bounded (a producer faster than the writer waits), so memory stays bounded. The first
 * error on the writer's thread (an IndexError naming the partial database) is rethrown by the
 * next call on the caller's side, and the thread stops.
 */
class PartialWriter {
public:
  /**
   * Creates the database at `path` (which must not exist); commits every `commit_every`
   * documents, which keeps Xapian's buffers small. Spelling counts are summed in memory and
   * written by SpellingAdmission's rule when the writer finishes (or when they are very many):
   * Xapian's spelling table costs per call and words repeat from batch to batch, so one call
   * per distinct word of the run is far cheaper than one per word and batch.
   */
  PartialWriter(const std::string& path, std::size_t commit_every);
  /** Opens the partial database an earlier, failed run left at `path` (ParallelBuild resumes
   *  it); its spelling dictionary is emptied, to be counted again over the resumed run. */
  struct Resume {};
  PartialWriter(const std::string& path, std::size_t commit_every, Resume);
  /** Opens the existing database at `path` to add to it (a shard of a shard set): its spelling
   *  dictionary is kept, and the run's words are added to it by SpellingAdmission's rule. */
  struct Append {};
  PartialWriter(const std::string& path, std::size_t commit_every, Append);
  /** Stops the thread; operations not yet applied are abandoned (call finish() to keep them). */
  ~PartialWriter();
  PartialWriter(const PartialWriter&) = delete;
  PartialWriter& operator=(const PartialWriter&) = delete;

  /** Adds document `id`, or replaces it if this writer already holds it. */
  void put(Xapian::docid id, Xapian::Document&& document);
  /** Deletes document `id`, if this writer holds it. */
  void remove(Xapian::docid id);
  /** Sets the near-duplicate cluster key of document `id` (already put). */
  void set_cluster_key(Xapian::docid id, std::string key);
  /** Adds word frequencies to the spelling dictionary. */
  void add_spelling(SpellingCounts&& words);
  /**
   * Lets the thread apply what is queued, write the gathered spelling and commit, without
   * waiting: call it on every writer first, so that they finish at the same time.
   */
  void request_finish();
  /** Waits for the thread (requesting the finish if not yet done) and closes the database;
   *  rethrows the thread's error. */
  void finish();

private:
  struct Operation {
    enum class Kind : std::uint8_t { Put, Remove, ClusterKey, Spelling } kind = Kind::Put;
    Xapian::docid id = 0;
    Xapian::Document document;
    std::string key;
    SpellingCounts spelling;
  };

  void push(Operation&& operation);
  void loop();
  void apply(Operation& operation);
  [[nodiscard]] std::exception_ptr described(std::exception_ptr failure) const;

  void write_spelling();
  void start();

  std::string path_;
  Xapian::WritableDatabase db_;
  std::size_t commit_every_;
  SpellingCounts gathered_;
  bool spelling_written_ = false;  // some of it already went to the database
  std::size_t since_commit_ = 0;
  std::mutex mutex_;
  std::condition_variable not_empty_;
  std::condition_variable not_full_;
  std::deque<Operation> queue_;
  bool closing_ = false;   // no more operations: finish what is queued
  bool abandon_ = false;   // stop at once, commit nothing
  std::exception_ptr failure_;
  std::thread thread_;
};

}  // namespace fahras::indexer
