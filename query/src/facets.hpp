// Facets: counts of sources, months and entities over the matching set, in the unit of the
// total (stories when near-duplicates are collapsed), read by a match spy.
#pragma once

#include "fahras/query.hpp"

#include <xapian.h>

#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <unordered_map>
#include <vector>

namespace fahras::query {

/**
 * Watches every document the matcher considers: which story it belongs to (its near-duplicate
 * cluster when collapsing, else itself), its source and month; and the entity terms (XPER:
 * XLOC: XORG:) of the first `max_sampled` documents — reading every matching document's term
 * list would make a query for a common word slow — to choose which entities to count.
 * A source or month counts each story once, however many of its copies carry it.
 */
class FacetSpy : public Xapian::MatchSpy {
public:
  static constexpr std::size_t max_sampled = 2000;
  explicit FacetSpy(bool collapse) : collapse_(collapse) {}
  void operator()(const Xapian::Document& doc, double weight) override;
  [[nodiscard]] std::string name() const override { return "fahras.FacetSpy"; }

  /** The documents considered, and the distinct stories among them. */
  [[nodiscard]] std::size_t documents() const noexcept { return documents_; }
  [[nodiscard]] std::size_t stories() const noexcept { return next_story_; }

  /** The stories among the matches that hold a term, counted exactly (MatchStories). */
  using TermCounter = std::function<std::size_t(const std::string& term)>;

  /** The counts: sources most frequent first (at most `max_top`), months in order; entities:
   *  the `max_top` most frequent among those the sample holds most often, each counted by
   *  `count` (when empty, as the sample counted it), their names read from a document that
   *  mentions each. */
  [[nodiscard]] SearchFacets result(const Xapian::Database& db, const TermCounter& count, std::size_t max_top = 20) const;

private:
  std::uint32_t story_of(const Xapian::Document& doc);

  bool collapse_;
  std::uint32_t next_story_ = 0;
  std::unordered_map<std::string, std::uint32_t> clusters_;           // cluster key → story
  std::map<std::string, std::vector<std::uint32_t>> source_stories_;  // source → its stories (repeats)
  std::map<std::string, std::vector<std::uint32_t>> month_stories_;
  std::map<std::string, std::size_t> sampled_entities_;  // entity term → sampled documents
  std::size_t documents_ = 0;
};

/**
 * Every document matching a query with its story: one unscored pass for the matching document
 * ids, then one walk along the cluster keys' value stream. Counting the stories that hold a
 * term then walks only that term's postings (running the query again with each entity as a
 * filter would, for a wildcard query, expand the wildcard each time).
 */
class MatchStories {
public:
  MatchStories(const Xapian::Database& db, const Xapian::Query& query, bool collapse);
  /** The distinct stories among the matches that hold `term`. */
  [[nodiscard]] std::size_t count_with(const std::string& term) const;

private:
  Xapian::Database db_;
  std::unordered_map<Xapian::docid, std::uint32_t> story_of_;
};

}  // namespace fahras::query
