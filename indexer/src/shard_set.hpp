// A shard set: one fahras database per month, year or hash bucket, with a catalog that keeps
// ids, duplicates, clusters and line statistics global to the set.
#pragma once

#include "dates.hpp"
#include "document_router.hpp"
#include "shard_layout.hpp"

#include "fahras/analysis.hpp"

#include <xapian.h>

#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

namespace fahras::indexer {

/**
 * The layout (README, "Shard sets and remote shards"): ARCHIVE/fahras-shards.json (the manifest, rewritten atomically at
 * the end of every run) and one complete fahras database per shard (ARCHIVE/2015-07, ...). The
 * catalog, ARCHIVE/.catalog, is the lookup database of a parallel build kept for good: every
 * article of the set has a lookup document there (with its shard and its publication time), and
 * its document id is the article's document id in its shard, so ids are unique across the set.
 * The run's Xapian lock on the catalog is the set's lock.
 *
 * Each shard has one writer thread. A shard the run creates is written in ARCHIVE/.build/NAME
 * and compacted into place (document ids kept) when the run ends, as a parallel first build is.
 *
 * A run marks itself in the catalog's metadata before writing anything and clears the mark when
 * it ends. Finding the mark, the next run resumes (as a parallel build does): every lookup
 * document whose full document is not in its shard in the same version is taken out, to be
 * written again when the same input is read again; full documents the catalog does not place
 * in their shard are deleted. Documents written by the failed run have their words counted
 * again for the spelling dictionary (each shard writes the run's words when the run ends).
 */
class ShardSet final : public DocumentRouter {
public:
  /** The catalog folder of the set at `set_path`. */
  static std::string catalog_path(const std::string& set_path);
  /** The manifest of the set at `set_path`. */
  static std::string manifest_path(const std::string& set_path);
  /** Whether `path` holds a shard set (a catalog or a manifest). */
  static bool is_shard_set(const std::string& path);
  /** The --shard-by an existing set was made with ("" when unknown). */
  static std::string stored_layout(const std::string& set_path);

  /**
   * Opens the set at `set_path` with `catalog` (open, locked and stamped by the caller); a
   * new set gets `layout`, an existing one must have it (UsageError naming both otherwise).
   */
  ShardSet(const std::string& set_path, const ShardLayout& layout, Xapian::WritableDatabase catalog,
           const AnalysisProfile& profile, const std::string& time_zone, const DateParser& dates,
           std::size_t commit_every);
  /** Stops the writers; a set not finished keeps its mark, for the next run to resume. */
  ~ShardSet() override;

  [[nodiscard]] Xapian::WritableDatabase& lookup() noexcept override { return catalog_; }
  [[nodiscard]] bool resumed() const noexcept override { return resumed_; }
  [[nodiscard]] std::vector<Xapian::docid> unfinished_documents() override;
  void sync_cluster_keys() override;
  [[nodiscard]] bool recount_spelling(Xapian::docid kept) const override;

  /** The article's shard (its database created, stamped, when new). */
  [[nodiscard]] std::size_t route(const PreparedArticle& article) override;
  /** The shard and the run in the lookup document, and the publication time (--delete-before). */
  void mark(Xapian::Document& light, const Xapian::Document& full, std::size_t route) override;
  /** To the shard `route`; deleted from the shard that held the old version, if another. */
  void put(Xapian::docid id, std::size_t route, Xapian::Document&& full, bool replaces) override;
  void remove(Xapian::docid id) override;
  void set_cluster_key(Xapian::docid id, std::string key) override;
  void add_spelling(std::size_t route, SpellingCounts&& words) override;
  /** Finishes the writers, writes the manifest, clears the run's mark. */
  Xapian::doccount finish(Xapian::WritableDatabase& main) override;
  [[nodiscard]] std::string kept_note() const override;
  /** The shards this run changed, by name. */
  [[nodiscard]] std::vector<std::string> written() const override;

private:
  // A shard: one writer on its database, or, for a shard this run creates, on a database in
  // ARCHIVE/.build/NAME/part-0, compacted into ARCHIVE/NAME when the run ends (a compacted
  // database is about half the size). One part only: Xapian's compactor keeps document ids
  // only when its sources' id ranges do not overlap, and the catalog's ids must be kept.
  struct Shard {
    std::string name;
    bool fresh = false;
    std::vector<std::unique_ptr<PartialWriter>> writers;  // none until needed
    std::vector<Xapian::Database> committed;              // resuming: as the failed run left them
  };

  std::size_t shard_index(const std::string& name);     // adds it when new
  Shard& open(std::size_t shard);                        // its writers started (its database created)
  PartialWriter& writer(std::size_t shard, Xapian::docid id);
  void resume_fresh(Shard& shard);
  [[nodiscard]] std::size_t holder(Xapian::docid id) const;  // the shard the catalog places `id` in, or nowhere
  [[nodiscard]] std::string shard_path(const std::string& name) const;
  [[nodiscard]] std::string build_path(const std::string& name) const;
  [[nodiscard]] std::string part_path(const std::string& name, std::size_t part) const;
  // Every writer and committed database in one list, for the resume checks.
  void flatten(std::vector<PartialWriter*>& writers, std::vector<Xapian::Database>& committed,
               std::vector<std::size_t>& first) const;
  void put_in_place(const Shard& shard);
  void write_manifest() const;

  std::string set_path_;
  ShardLayout layout_;
  Xapian::WritableDatabase catalog_;
  AnalysisProfile profile_;
  std::string timezone_;
  const DateParser& dates_;
  std::size_t commit_every_;
  std::string run_;                 // this run's number ("XRUN:" term of the lookup documents it writes)
  bool first_build_ = false;        // the set was empty when the (resumed) run began
  bool resumed_ = false;
  std::vector<Shard> shards_;
  std::map<std::string, std::size_t> index_;
  std::set<std::size_t> written_;
};

}  // namespace fahras::indexer
