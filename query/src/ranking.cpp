#include "ranking.hpp"

#include "facets.hpp"
#include "fahras/schema.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

namespace fahras::query {

namespace {

constexpr double default_around_half_life = 7 * 86400.0;
constexpr std::size_t min_blend_candidates = 200;
constexpr std::size_t min_counted = 100;

using schema::slot_number;

std::optional<std::int64_t> published_at(const Xapian::Document& doc) {
  const std::string value = doc.get_value(slot_number(schema::Slot::PublishedAt));
  if (value.empty()) return std::nullopt;
  return static_cast<std::int64_t>(Xapian::sortable_unserialise(value));
}

std::vector<std::string> matching_terms(const Xapian::Enquire& enquire, const Xapian::MSetIterator& it) {
  std::vector<std::string> terms;
  for (auto t = enquire.get_matching_terms_begin(it); t != enquire.get_matching_terms_end(it); ++t) terms.push_back(*t);
  return terms;
}

RankedMatch match_of(const Xapian::Enquire& enquire, const Xapian::MSetIterator& it) {
  return RankedMatch{it.get_document(), matching_terms(enquire, it), it.get_weight(),
                     static_cast<std::size_t>(it.get_collapse_count())};
}

/** Sorts by publication time (newest or oldest first), undated articles last either way, then
 *  by article id. */
class DateOrder : public Xapian::KeyMaker {
public:
  explicit DateOrder(bool newest) : newest_(newest) {}

  std::string operator()(const Xapian::Document& doc) const override {
    // One byte dated (0) or not (1), eight bytes of time in big-endian unsigned order, the id.
    std::string key(9, '\0');
    if (const auto published = published_at(doc)) {
      auto time = static_cast<std::uint64_t>(*published) ^ (std::uint64_t{1} << 63U);
      if (newest_) time = ~time;
      for (std::size_t i = 0; i < 8; ++i) key[8 - i] = static_cast<char>((time >> (8 * i)) & 0xFFU);
    } else {
      key[0] = '\1';
    }
    return key + doc.get_value(slot_number(schema::Slot::SortKey));
  }

private:
  bool newest_;
};

}  // namespace

Blend blend_of(const SearchRequest& request, const TimeZone& zone, std::int64_t now) {
  Blend blend;
  blend.floor = std::clamp(request.ranking.recency_floor, 0.0, 1.0);
  if (!request.recency_half_life.empty()) {
    const auto span = parse_span(request.recency_half_life);
    if (!span || span->amount == 0) {
      throw RequestError(fmt::format("bad half-life '{}': expected a number and h, d, w, m or y (3d, 2w)",
                                     request.recency_half_life));
    }
    blend.active = true;
    blend.reference = now;
    blend.half_life_seconds = static_cast<double>(span_seconds(*span));
  }
  if (!request.around.empty()) {
    const auto at = zone.parse_instant(request.around);
    if (!at) throw RequestError(fmt::format("bad date '{}' for around: expected YYYY-MM-DD[Thh:mm]", request.around));
    blend.active = true;
    blend.around = true;
    blend.reference = *at;
    if (blend.half_life_seconds == 0) blend.half_life_seconds = default_around_half_life;
  }
  return blend;
}

double blend_factor(const Blend& blend, std::optional<std::int64_t> published) {
  if (!blend.active) return 1.0;
  if (!published) return blend.floor;
  double distance = static_cast<double>(blend.reference - *published);
  distance = blend.around ? std::abs(distance) : std::max(0.0, distance);
  return blend.floor + (1.0 - blend.floor) * std::exp2(-distance / blend.half_life_seconds);
}

Ranked rank(const Xapian::Database& db, const Xapian::Query& query, const SearchRequest& request, const Blend& blend) {
  Xapian::Enquire enquire(db);
  enquire.set_query(query);
  const RankingOptions& r = request.ranking;
  enquire.set_weighting_scheme(Xapian::BM25Weight(r.bm25_k1, 0, 1, r.bm25_b, r.bm25_min_normlen));
  if (request.collapse) enquire.set_collapse_key(slot_number(schema::Slot::ClusterKey));
  DateOrder by_date(request.sort == SortOrder::Newest);
  if (request.sort == SortOrder::Relevance) {
    enquire.set_sort_by_relevance_then_value(slot_number(schema::Slot::SortKey), false);
  } else {
    enquire.set_sort_by_key(&by_date, false);
  }
  FacetSpies spies;
  // Counting a few more matches than shown makes small totals exact for little cost.
  auto check_at_least = static_cast<Xapian::doccount>(std::max(min_counted, request.offset + request.limit));
  if (request.facets) {
    spies.attach(enquire);
    check_at_least = db.get_doccount();
  }
  const auto first = static_cast<Xapian::doccount>(request.offset);
  const auto count = static_cast<Xapian::doccount>(request.limit);
  Ranked ranked;
  if (!blend.active || request.sort != SortOrder::Relevance) {
    const Xapian::MSet mset = enquire.get_mset(first, count, check_at_least);
    ranked.total = mset.get_matches_estimated();
    for (auto it = mset.begin(); it != mset.end(); ++it) ranked.matches.push_back(match_of(enquire, it));
  } else {
    // Blend over a generous candidate set ranked by relevance, then cut the page.
    const auto candidates = static_cast<Xapian::doccount>(
        std::max(min_blend_candidates, 4 * (request.offset + request.limit)));
    const Xapian::MSet mset = enquire.get_mset(0, candidates, std::max(check_at_least, candidates));
    ranked.total = mset.get_matches_estimated();
    struct Candidate {
      Xapian::MSetIterator it;
      double score;
      std::string sort_key;
    };
    std::vector<Candidate> all;
    for (auto it = mset.begin(); it != mset.end(); ++it) {
      const Xapian::Document doc = it.get_document();
      const double base = it.get_weight() > 0 ? it.get_weight() : 1.0;
      all.push_back({it, base * blend_factor(blend, published_at(doc)), doc.get_value(slot_number(schema::Slot::SortKey))});
    }
    std::sort(all.begin(), all.end(), [](const Candidate& a, const Candidate& b) {
      return a.score != b.score ? a.score > b.score : a.sort_key < b.sort_key;
    });
    for (std::size_t i = request.offset; i < all.size() && i < request.offset + request.limit; ++i) {
      RankedMatch match = match_of(enquire, all[i].it);
      match.score = all[i].score;
      ranked.matches.push_back(std::move(match));
    }
  }
  if (request.facets) ranked.facets = spies.result(db);
  return ranked;
}

}  // namespace fahras::query
