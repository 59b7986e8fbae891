// Where the full documents go when a lookup database decides their ids: the partial databases
// of a first build (ParallelBuild) or the shards of a shard set (ShardSet).
#pragma once

#include "partial_writer.hpp"

#include <xapian.h>

#include <cstddef>
#include <functional>
#include <string>
#include <vector>

namespace fahras::indexer {

struct PreparedArticle;

/**
 * The indexing run finds duplicates, near-duplicates and boilerplate lines in a lookup
 * database (lookup documents: ids, content hashes, lines, signatures, cluster keys; the line
 * statistics in its metadata) on its own thread, and hands each full document, under the
 * lookup document's id, to a PartialWriter chosen by the router. A run that fails or is killed
 * leaves the lookup database and the writers' databases each as they last committed; the next
 * run resumes: unfinished_documents() finds what did not reach its writer, the run takes it out
 * of the lookup database, and reading the same input again writes it.
 */
class DocumentRouter {
public:
  static constexpr std::size_t nowhere = static_cast<std::size_t>(-1);

  virtual ~DocumentRouter() = default;
  DocumentRouter() = default;
  DocumentRouter(const DocumentRouter&) = delete;
  DocumentRouter& operator=(const DocumentRouter&) = delete;

  /** The lookup database: lookup documents and metadata. */
  [[nodiscard]] virtual Xapian::WritableDatabase& lookup() noexcept = 0;
  /** Whether this run resumes one that failed or was killed. */
  [[nodiscard]] virtual bool resumed() const noexcept = 0;
  /**
   * Resuming: the lookup documents whose full document is missing from its writer's database
   * or is another version of the article; their full copies, and the full documents the lookup
   * database does not place there, are deleted. The caller takes the returned ones out of the
   * lookup database (lines, cluster, document), then calls sync_cluster_keys().
   */
  [[nodiscard]] virtual std::vector<Xapian::docid> unfinished_documents() = 0;
  /** Resuming, once the unfinished documents are gone: gives each full document the cluster key
   *  of its lookup document (a re-keying may have reached one database and not the other). */
  virtual void sync_cluster_keys() = 0;
  /** Whether the words of `kept`, an article the resumed run kept, must be counted again for
   *  the spelling dictionary (the writers write the spelling when a run ends). */
  [[nodiscard]] virtual bool recount_spelling(Xapian::docid kept) const = 0;

  /** The route of an article about to be built: which spelling share its words go to. */
  [[nodiscard]] virtual std::size_t route(const PreparedArticle& article) = 0;
  /** Adds what the router needs to the lookup document `light` of the full document `full`. */
  virtual void mark(Xapian::Document& light, const Xapian::Document& full, std::size_t route) = 0;
  /** Hands over full document `id` (taken by move). For an update (`replaces`), call it before
   *  the lookup document is replaced: where the old version is, is read from it. */
  virtual void put(Xapian::docid id, std::size_t route, Xapian::Document&& full, bool replaces) = 0;
  /** Deletes full document `id` (call before its lookup document is deleted). */
  virtual void remove(Xapian::docid id) = 0;
  /** Sets the cluster key of full document `id`. */
  virtual void set_cluster_key(Xapian::docid id, std::string key) = 0;
  /** Spelling counts of words of articles of route `route`. */
  virtual void add_spelling(std::size_t route, SpellingCounts&& words) = 0;
  /**
   * Finishes the writers and puts the result in place (`main` is the database the run opened
   * and locked). Returns the number of documents.
   */
  virtual Xapian::doccount finish(Xapian::WritableDatabase& main) = 0;
  /** After an error: where the committed work is kept, as a clause to add to the message. */
  [[nodiscard]] virtual std::string kept_note() const = 0;
  /** The databases the run wrote, for the summary (none for a single database). */
  [[nodiscard]] virtual std::vector<std::string> written() const { return {}; }
};

/**
 * Resuming (see DocumentRouter::unfinished_documents): `committed[i]` is writer i's database as
 * the failed run committed it, `holder(id)` the writer that should hold lookup document `id`.
 */
std::vector<Xapian::docid> unfinished_documents(const Xapian::Database& lookup,
                                                const std::vector<Xapian::Database>& committed,
                                                const std::vector<PartialWriter*>& writers,
                                                const std::function<std::size_t(Xapian::docid)>& holder);
/** Resuming (see DocumentRouter::sync_cluster_keys). */
void sync_cluster_keys(const Xapian::Database& lookup, const std::vector<Xapian::Database>& committed,
                       const std::vector<PartialWriter*>& writers,
                       const std::function<std::size_t(Xapian::docid)>& holder);

}  // namespace fahras::indexer
