// Near-duplicate clusters: wire stories republished by several outlets share one key.
#pragma once

#include "minhash.hpp"

#include <xapian.h>

#include <functional>
#include <optional>

#include <cstdint>
#include <string>

namespace fahras::indexer {

/**
 * Assigns each article to the cluster of its near-duplicates (estimated Jaccard similarity of
 * word 3-shingles at least `min_similarity`, candidates found through MinHash LSH band terms
 * kept in the database). A cluster's key is
 * the smallest id hash among its members, so it is the same whatever order the copies arrive
 * in, tonight or on later nights; when an article links two clusters, the larger key's members
 * are re-keyed. The key goes into a value slot (for Xapian's collapse) and a boolean term.
 */
class Clusterer {
public:
  static constexpr double min_similarity = 0.5;

  explicit Clusterer(Xapian::WritableDatabase& db) : db_(db) {}

  /**
   * Sets the cluster key, signature value and LSH terms of `doc` (the article `id`). With no
   * signature (too few words to compare), the article is a cluster of its own. `self` is the
   * article's current document when it is being updated (0 when it is new).
   * Returns true when the article joined an existing cluster.
   */
  bool assign(Xapian::Document& doc, const std::string& id, Xapian::docid self,
              const std::optional<MinHash::Signature>& signature);

  /**
   * Takes document `self` out of its cluster before it is updated or deleted: the other
   * members are split into the groups that are still near-duplicates of each other, each
   * keyed by its smallest id hash again (as a fresh build would key them).
   */
  void detach(Xapian::docid self);

  /** Called after a document already written gets another key (to re-key a copy of it kept
   *  elsewhere: the full document of a parallel build). */
  void on_rekey(std::function<void(Xapian::docid, const std::string&)> hook) { on_rekey_ = std::move(hook); }

  /** Documents re-keyed because two clusters merged or one split. */
  [[nodiscard]] std::size_t rekeyed() const noexcept { return rekeyed_; }

private:
  void rekey(const std::string& from, const std::string& to);
  void set_key(Xapian::docid id, const std::string& key);
  Xapian::WritableDatabase& db_;
  std::size_t rekeyed_ = 0;
  std::function<void(Xapian::docid, const std::string&)> on_rekey_;
};

/** Sets a document's cluster key: the value slot and the boolean term (replacing the old one). */
void set_cluster_key(Xapian::Document& doc, const std::string& key);

/**
 * The part of a built document that finding duplicates and near-duplicates reads: id term,
 * LSH band terms, cluster term, content hash, signature and cluster key, with `data` (see
 * lookup_document_data). A parallel build keeps these in one lookup database while the full
 * documents go to partial databases written on other threads.
 */
Xapian::Document lookup_document(const Xapian::Document& full, const std::string& data);

}  // namespace fahras::indexer
