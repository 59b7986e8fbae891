#include "ranking.hpp"

#include "facets.hpp"
#include "stopwatch.hpp"
#include "fahras/schema.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <stdexcept>

namespace fahras::query {

namespace {

constexpr double default_around_half_life = 7 * 86400.0;
constexpr std::size_t min_blend_candidates = 200;
// Matches fetched beyond the page, so that a tie at the page's end is seen whole (see rank).
constexpr std::size_t tie_margin = 40;

/**
 * A score as ties are judged: BM25 sums its per-term parts in an order that depends on how
 * Xapian shapes the query's tree for each database, so one document scores a few units in the
 * last place apart in a single database and in a shard set (16.22463183100799 against
 * 16.224631831007986). Scores are compared on a grid of 2^-32, far above that noise and far
 * below any real difference, so that ties, and their order by article id, do not depend on the
 * layout.
 */
double tie_class(double weight) {
  constexpr double grid = 4294967296.0;  // 2^32
  return std::round(weight * grid);
}

using schema::slot_number;

std::optional<std::int64_t> published_at(const Xapian::Document& doc) {
  const std::string value = doc.get_value(slot_number(schema::Slot::PublishedAt));
  if (value.empty()) return std::nullopt;
  return static_cast<std::int64_t>(Xapian::sortable_unserialise(value));
}

RankedMatch match_of(const Xapian::MSetIterator& it) {
  return RankedMatch{it.get_document(), *it, {}, it.get_weight(), static_cast<std::size_t>(it.get_collapse_count())};
}

/** The query's terms, each once, in query order. */
std::vector<std::string> distinct_terms(const Xapian::Query& query) {
  std::vector<std::string> terms;
  for (auto t = query.get_terms_begin(); t != query.get_terms_end(); ++t) {
    if (std::find(terms.begin(), terms.end(), *t) == terms.end()) terms.push_back(*t);
  }
  return terms;
}

/** Fills each match's matching_terms: the query's terms it holds, in query order. Xapian's
 *  Enquire::get_matching_terms reads each document's whole term list; walking the postings of
 *  the query's few terms over the page's documents, in document order, reads far less. */
void add_matching_terms(const Xapian::Database& db, const Xapian::Query& query, std::vector<RankedMatch>& matches) {
  if (matches.empty()) return;
  const std::vector<std::string> terms = distinct_terms(query);
  std::vector<std::size_t> by_docid(matches.size());
  for (std::size_t i = 0; i < by_docid.size(); ++i) by_docid[i] = i;
  std::sort(by_docid.begin(), by_docid.end(), [&](std::size_t a, std::size_t b) {
    return matches[a].docid < matches[b].docid;
  });
  for (const std::string& term : terms) {
    Xapian::PostingIterator posting = db.postlist_begin(term);
    for (const std::size_t i : by_docid) {
      const Xapian::docid did = matches[i].docid;  // the documents' own ids are their shards'
      posting.skip_to(did);
      if (posting == db.postlist_end(term)) break;
      if (*posting == did) matches[i].matching_terms.push_back(term);
    }
  }
}

/** add_matching_terms over remote shards, from each document's term list: xapian-tcpsrv sends
 *  a posting list whole (its size grows with the shard, a common word's is most of it), a
 *  document's term list in one reply the size of the article. */
void add_matching_terms_by_document(const Xapian::Query& query, std::vector<RankedMatch>& matches) {
  const std::vector<std::string> terms = distinct_terms(query);
  std::vector<std::size_t> by_term(terms.size());  // the terms' indexes in term list order
  for (std::size_t i = 0; i < by_term.size(); ++i) by_term[i] = i;
  std::sort(by_term.begin(), by_term.end(), [&](std::size_t a, std::size_t b) { return terms[a] < terms[b]; });
  for (RankedMatch& match : matches) {
    std::vector<bool> held(terms.size());
    Xapian::TermIterator it = match.document.termlist_begin();
    for (const std::size_t i : by_term) {
      it.skip_to(terms[i]);
      if (it == match.document.termlist_end()) break;
      held[i] = *it == terms[i];
    }
    for (std::size_t i = 0; i < terms.size(); ++i) {
      if (held[i]) match.matching_terms.push_back(terms[i]);
    }
  }
}

/** The first `page_end` matches of `mset` (ordered by relevance, ties by document number) with
 *  their ties in article id order; nullopt when `mset` holds all it was `asked` for and the tie
 *  at the page's end may go on past them. */
std::optional<std::vector<Xapian::MSetIterator>> page_in_id_order(const Xapian::MSet& mset, std::size_t page_end,
                                                                  std::size_t asked) {
  std::vector<Xapian::MSetIterator> items;
  for (auto it = mset.begin(); it != mset.end(); ++it) items.push_back(it);
  page_end = std::min(page_end, items.size());
  // Fewer than asked: every match is here.
  if (items.size() == asked && page_end > 0 &&
      tie_class(items.back().get_weight()) == tie_class(items[page_end - 1].get_weight())) {
    return std::nullopt;
  }
  // Only the ids of matches tied with another that may be on the page are read.
  std::vector<std::string> keys(items.size());
  for (std::size_t i = 0; i < items.size() && page_end > 0; ++i) {
    const double weight = tie_class(items[i].get_weight());
    if (weight < tie_class(items[page_end - 1].get_weight())) break;
    const bool tied = (i > 0 && tie_class(items[i - 1].get_weight()) == weight) ||
                      (i + 1 < items.size() && tie_class(items[i + 1].get_weight()) == weight);
    if (tied) keys[i] = items[i].get_document().get_value(slot_number(schema::Slot::SortKey));
  }
  std::vector<std::size_t> order(items.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    const double wa = tie_class(items[a].get_weight());
    const double wb = tie_class(items[b].get_weight());
    return wa != wb ? wa > wb : keys[a] < keys[b];
  });
  std::vector<Xapian::MSetIterator> page;
  for (std::size_t i = 0; i < page_end; ++i) page.push_back(items[order[i]]);
  return page;
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

/** Counts the documents the matcher considered, reading nothing of them. */
class CountingSpy : public Xapian::MatchSpy {
public:
  void operator()(const Xapian::Document&, double) override { ++documents_; }
  [[nodiscard]] std::size_t documents() const noexcept { return documents_; }

private:
  std::size_t documents_ = 0;
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

namespace {

/** One match; nullopt when `xapian_ties` is false and a tie at the page's end runs past the
 *  margin (see rank). */
std::optional<Ranked> rank_once(const Xapian::Database& db, const Xapian::Query& query, const SearchRequest& request,
                                const Blend& blend, const FacetColumns* columns, const Xapian::Query* count_query,
                                bool xapian_ties, bool remote) {
  if (remote && (request.facets || (request.limit > 0 && request.sort != SortOrder::Relevance))) {
    throw std::logic_error("rank: facets or a sort by date asked for over remote shards");
  }
  Xapian::Enquire enquire(db);
  enquire.set_query(query);
  const RankingOptions& r = request.ranking;
  const bool sorted = request.limit > 0;  // no page: nothing to sort, only to count
  const bool blended = sorted && blend.active && request.sort == SortOrder::Relevance;
  // Counted apart (see rank): an unweighted pass counts, and the ranking pass, asked to check no
  // more than it fetches, lets Xapian skip the documents that cannot reach the page. Collapsed,
  // the stories are counted from the cluster column, and so are each hit's copies.
  const bool apart = !remote && count_query != nullptr && counts_apart(request, blend) && (!request.collapse || columns != nullptr);
  xapian_ties = xapian_ties || !sorted || blended || request.collapse || request.sort != SortOrder::Relevance;
  if (request.collapse) enquire.set_collapse_key(slot_number(schema::Slot::ClusterKey));
  // Always scored: unscored (BoolWeight), Xapian 1.4.22 replaces a term every document holds by
  // an all-documents list, which fails on a database whose document ids have gaps.
  enquire.set_weighting_scheme(Xapian::BM25Weight(r.bm25_k1, 0, 1, r.bm25_b, r.bm25_min_normlen));
  DateOrder by_date(request.sort == SortOrder::Newest);
  if (sorted) {
    if (request.sort == SortOrder::Relevance) {
      if (xapian_ties) enquire.set_sort_by_relevance_then_value(slot_number(schema::Slot::SortKey), false);
    } else {
      enquire.set_sort_by_key(&by_date, false);
    }
  }

  // Xapian skips documents that cannot reach the page only once it has checked
  // `check_at_least`; until then it considers every match, and the collapsed lower bound (the
  // stories seen) is the count. A spy tells how many documents it considered: fewer than
  // `check_at_least` means all of them. (The estimate, scaled by the duplicates seen so far,
  // is off by up to 2x either way on the shared crawl.)
  const Xapian::doccount documents = db.get_doccount();
  const auto clamp = [documents](std::size_t n) { return static_cast<Xapian::doccount>(std::min<std::size_t>(n, documents)); };
  const std::size_t page_end = std::size_t{clamp(request.offset)} + clamp(request.limit);
  // Xapian's own order by relevance then id (collapsing) is taken from the first match with a
  // margin too, to order the ties it sees apart by a few units in the last place (tie_class).
  const bool regroup = xapian_ties && !blended && sorted && request.sort == SortOrder::Relevance;
  const std::size_t fetched = blended                   ? std::max(min_blend_candidates, 4 * page_end)
                              : !xapian_ties || regroup ? page_end + tie_margin
                                                        : page_end;
  const Xapian::doccount check_at_least = clamp(request.facets ? documents : std::max(request.count_up_to, fetched));
  std::optional<Xapian::Enquire> counting;
  Xapian::Enquire& counting_enquire = apart ? counting.emplace(db) : enquire;
  if (apart) counting_enquire.set_query(*count_query);
  MatchRecorder matched;  // facets and stories counted apart are counted over the matching documents
  CountingSpy considered;
  const bool recorded = request.facets || (apart && request.collapse);
  if (recorded) {
    counting_enquire.add_matchspy(&matched);
  } else if (!remote) {
    counting_enquire.add_matchspy(&considered);
  }

  // The time limit: once Xapian's timer fires, the match lowers check_at_least to the page
  // (xapian-core 1.4 matcher/multimatch.cc) and may skip documents, so the spy's count no longer
  // tells that every match was considered. Xapian keeps the timer's flag to itself: the budget is
  // taken as spent when matching lasted at least as long and there was more to check than the
  // page (never true for a match that had nothing to cut), and the count is then a lower bound.
  const std::size_t page_items = blended || !xapian_ties || regroup ? clamp(fetched) : page_end;
  const bool cuttable = request.time_limit_ms > 0 && check_at_least > page_items;
  if (request.time_limit_ms > 0) counting_enquire.set_time_limit(request.time_limit_ms / 1000.0);

  Ranked ranked;
  Stopwatch stopwatch;
  std::optional<Xapian::doccount> counted;
  double matching_ms = 0;  // of the match the time limit applies to
  if (apart) {
    counted = counting_enquire.get_mset(0, 0, check_at_least).get_matches_lower_bound();
    matching_ms = stopwatch.lap();
  }
  // Counted apart, the order is by relevance and never blended: always from the first match.
  const Xapian::MSet mset = apart ? enquire.get_mset(0, clamp(fetched), clamp(fetched))
                            : blended || !xapian_ties || regroup
                                ? enquire.get_mset(0, clamp(fetched), check_at_least)
                                : enquire.get_mset(clamp(request.offset), clamp(request.limit), check_at_least);
  if (!apart) matching_ms = stopwatch.lap();
  // No MSet::fetch: over remote shards Xapian 1.4 reads each document in a round trip of its
  // own all the same, so only those looked at are read (the page's, and ties at its end).
  ranked.timed_out = cuttable && matching_ms >= request.time_limit_ms;
  const std::size_t seen = recorded ? matched.documents().size() : considered.documents();
  ranked.total = counted ? *counted : mset.get_matches_lower_bound();
  // Over remote shards no spy tells what was considered: exact when Xapian's bounds meet.
  const bool all_seen = remote ? mset.get_matches_lower_bound() == mset.get_matches_upper_bound()
                               : check_at_least >= documents || seen < check_at_least;
  ranked.relation = !ranked.timed_out && all_seen ? TotalRelation::Exact : TotalRelation::AtLeast;
  if (!xapian_ties) {
    const auto page = page_in_id_order(mset, page_end, clamp(fetched));
    if (!page) return std::nullopt;
    for (std::size_t i = request.offset; i < page->size(); ++i) ranked.matches.push_back(match_of((*page)[i]));
  } else if (regroup) {
    const auto page = page_in_id_order(mset, page_end, clamp(fetched));
    if (page) {
      for (std::size_t i = request.offset; i < page->size(); ++i) ranked.matches.push_back(match_of((*page)[i]));
    } else {  // a tie runs past the margin: Xapian's order (exact scores, then id)
      for (Xapian::doccount i = clamp(request.offset); i < std::min<std::size_t>(page_end, mset.size()); ++i) {
        ranked.matches.push_back(match_of(mset[i]));
      }
    }
  } else if (!blended) {
    for (auto it = mset.begin(); it != mset.end(); ++it) ranked.matches.push_back(match_of(it));
  } else {
    // Blend over a generous candidate set ranked by relevance, then cut the page.
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
      const double sa = tie_class(a.score);
      const double sb = tie_class(b.score);
      return sa != sb ? sa > sb : a.sort_key < b.sort_key;
    });
    for (std::size_t i = request.offset; i < all.size() && i < request.offset + request.limit; ++i) {
      RankedMatch match = match_of(all[i].it);
      match.score = all[i].score;
      ranked.matches.push_back(std::move(match));
    }
  }
  if (apart && request.collapse) {
    // The stories and each hit's copies, from the cluster column: the ranking pass saw only
    // the copies that could reach the page.
    std::vector<std::uint32_t> clusters;
    for (const RankedMatch& match : ranked.matches) clusters.push_back(columns->cluster(match.document.get_docid()));
    const StoryCount stories = count_stories(*columns, matched.documents(), clusters);
    ranked.total = stories.stories;
    for (std::size_t i = 0; i < ranked.matches.size(); ++i) {
      ranked.matches[i].duplicates = clusters[i] == FacetColumns::none || stories.held[i] == 0 ? 0 : stories.held[i] - 1;
    }
  }
  if (remote) {
    add_matching_terms_by_document(query, ranked.matches);
  } else {
    add_matching_terms(db, query, ranked.matches);
  }
  if (request.facets) {
    // After a cut match, the facets count the documents that were checked.
    if (columns == nullptr) throw std::logic_error("rank: facets asked for without facet columns");
    stopwatch.lap();
    ranked.facets = count_facets(db, *columns, matched.documents(), request.collapse);
    ranked.facets_ms = stopwatch.lap();
  }
  return ranked;
}

}  // namespace

bool counts_apart(const SearchRequest& request, const Blend& blend) {
  return request.limit > 0 && request.sort == SortOrder::Relevance && !blend.active && !request.facets;
}

Ranked rank(const Xapian::Database& db, const Xapian::Query& query, const SearchRequest& request, const Blend& blend,
           const FacetColumns* columns, const Xapian::Query* count_query, bool remote) {
  // Relevance order breaks ties by article id. Xapian can do that itself (relevance, then a
  // value), but it then reads the id of every candidate, which took a third of a plain search's
  // time on the shared crawl. So the page is first taken by relevance alone, with a margin, and
  // its ties are put in id order here; only when a tie runs past the margin does Xapian order
  // them. Collapsing, sorting by date and blending keep Xapian's order throughout (collapsing
  // also decides by it which copy of a story stands for the story).
  if (auto ranked = rank_once(db, query, request, blend, columns, count_query, false, remote)) return std::move(*ranked);
  return std::move(*rank_once(db, query, request, blend, columns, count_query, true, remote));
}

}  // namespace fahras::query
