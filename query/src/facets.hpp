// Facets: counts of sources, months and entities over the matching set, in the unit of the
// total (stories when near-duplicates are collapsed).
#pragma once

#include "fahras/query.hpp"

#include <xapian.h>

#include <cstdint>
#include <span>
#include <string>
#include <unordered_map>
#include <vector>

namespace fahras::query {

/**
 * What the facets count, for every document of one revision of a database, held in memory as
 * columns indexed by document id (as Lucene's doc values): its source, month, near-duplicate
 * cluster and entities, read once from the value streams and the entity terms' postings.
 * Counting facets over a result is then a few array look-ups per matching document, where
 * reading each document's values and term list took longer than the search itself.
 * About 16 bytes a document plus 4 per entity mention. The clusters alone (what counting
 * stories needs, Columns::Clusters) are read much faster than the rest.
 */
class FacetColumns {
public:
  enum class Columns : std::uint8_t {
    Clusters,  ///< only cluster(): for counting stories
    All,       ///< everything: for facets
  };
  /** Reads the columns of `shards` (one database, or the shards of a set), indexed by each
   *  document's id in its shard: what Xapian::Document::get_docid() says of a document of
   *  databases combined, and what a match spy sees. A shard set's ids are unique across its
   *  shards (fahras-index --shard-by keeps them); two shards holding one id is a DatabaseError.
   *  `generation` tells this state of the shards from the next (the Searcher counts its
   *  reopenings: Xapian has no revision for several databases). */
  FacetColumns(const std::vector<Xapian::Database>& shards, Columns columns, std::uint64_t generation);

  /** The generation the columns were read at, and which of them. */
  [[nodiscard]] std::uint64_t generation() const noexcept { return generation_; }
  [[nodiscard]] Columns columns() const noexcept { return columns_; }

  static constexpr std::uint32_t none = 0;  ///< no source, month or cluster

  [[nodiscard]] std::uint32_t source(Xapian::docid did) const noexcept { return at(source_, did); }
  [[nodiscard]] std::uint32_t month(Xapian::docid did) const noexcept { return at(month_, did); }
  [[nodiscard]] std::uint32_t cluster(Xapian::docid did) const noexcept { return at(cluster_, did); }
  [[nodiscard]] std::uint32_t clusters() const noexcept { return static_cast<std::uint32_t>(cluster_keys_); }
  /** The entities a document carries (ids into entity_term). */
  [[nodiscard]] std::span<const std::uint32_t> entities(Xapian::docid did) const noexcept;

  [[nodiscard]] const std::string& source_name(std::uint32_t id) const { return sources_[id]; }
  [[nodiscard]] const std::string& month_name(std::uint32_t id) const { return months_[id]; }
  [[nodiscard]] const std::string& entity_term(std::uint32_t id) const { return entity_terms_[id]; }
  [[nodiscard]] std::size_t source_count() const noexcept { return sources_.size(); }
  [[nodiscard]] std::size_t month_count() const noexcept { return months_.size(); }
  [[nodiscard]] std::size_t entity_count() const noexcept { return entity_terms_.size(); }

  /** An entity's display name, read from a document that mentions it the first time it is
   *  asked for (not thread-safe: columns belong to one Searcher, used by one thread at a time). */
  [[nodiscard]] const std::string& entity_name(const Xapian::Database& db, std::uint32_t id) const;

private:
  static std::uint32_t at(const std::vector<std::uint32_t>& column, Xapian::docid did) noexcept {
    return did < column.size() ? column[did] : none;
  }

  std::uint64_t generation_ = 0;
  Columns columns_ = Columns::All;
  std::vector<std::uint32_t> source_;   // by docid: 1 + index into sources_, or none
  std::vector<std::uint32_t> month_;    // by docid: 1 + index into months_, or none
  std::vector<std::uint32_t> cluster_;  // by docid: a cluster number from 1, or none
  std::size_t cluster_keys_ = 0;
  std::vector<std::uint32_t> entity_start_;  // by docid: where its entities start in entity_ids_
  std::vector<std::uint32_t> entity_ids_;
  std::vector<std::string> sources_;  // [0] is "" (none)
  std::vector<std::string> months_;
  std::vector<std::string> entity_terms_;
  mutable std::unordered_map<std::uint32_t, std::string> entity_names_;
};

/** The distinct stories among `documents` (each near-duplicate cluster once, each document
 *  outside a cluster once), and how many of `documents` each of `clusters` holds. */
struct StoryCount {
  std::size_t stories = 0;
  std::vector<std::size_t> held;  ///< for each of `clusters`
};
StoryCount count_stories(const FacetColumns& columns, const std::vector<Xapian::docid>& documents,
                         const std::vector<std::uint32_t>& clusters);

/** Records the documents the matcher considers, reading nothing of them. */
class MatchRecorder : public Xapian::MatchSpy {
public:
  void operator()(const Xapian::Document& doc, double weight) override;
  [[nodiscard]] std::string name() const override { return "fahras.MatchRecorder"; }
  [[nodiscard]] const std::vector<Xapian::docid>& documents() const noexcept { return documents_; }

private:
  std::vector<Xapian::docid> documents_;
};

/**
 * The facets of the matching `documents`: sources most frequent first (at most `max_top`),
 * months in calendar order, the `max_top` most frequent entities with their names (read from a
 * document that mentions each). Each counts stories: with `collapse`, the copies of one
 * near-duplicate cluster count once under each value any of them carries.
 */
SearchFacets count_facets(const Xapian::Database& db, const FacetColumns& columns,
                          const std::vector<Xapian::docid>& documents, bool collapse, std::size_t max_top = 20);

}  // namespace fahras::query
