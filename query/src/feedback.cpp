#include "feedback.hpp"

#include <algorithm>
#include <set>
#include <string>
#include <vector>

namespace fahras::query {

namespace {

/** Body stems: "Z" and a stem; not the title's or the lead's "ZS" / "ZL" terms. */
bool body_stem(const std::string& term) {
  return term.size() > 1 && term[0] == 'Z' && !(term[1] >= 'A' && term[1] <= 'Z');
}

class FeedbackDecider : public Xapian::ExpandDecider {
public:
  explicit FeedbackDecider(std::set<std::string> query_terms) : query_terms_(std::move(query_terms)) {}
  bool operator()(const std::string& term) const override {
    if (!body_stem(term) || query_terms_.count(term) != 0) return false;
    // Numbers say little about a subject.
    return !std::all_of(term.begin() + 1, term.end(), [](char c) { return c >= '0' && c <= '9'; });
  }

private:
  std::set<std::string> query_terms_;
};

}  // namespace

Xapian::Query with_feedback(const Xapian::Database& db, const Xapian::Query& query, const RankingOptions& ranking) {
  constexpr Xapian::doccount documents = 10;  // the first pass's top articles, taken as relevant
  constexpr double share = 0.15;              // the strongest expansion term's weight against a query term's
  Xapian::Enquire enquire(db);
  enquire.set_query(query);
  enquire.set_weighting_scheme(Xapian::BM25Weight(ranking.bm25_k1, 0, 1, ranking.bm25_b, ranking.bm25_min_normlen));
  const Xapian::MSet top = enquire.get_mset(0, documents);
  if (top.size() < 2) return query;
  Xapian::RSet relevant;
  for (auto it = top.begin(); it != top.end(); ++it) relevant.add_document(*it);
  const FeedbackDecider decider({query.get_terms_begin(), query.get_terms_end()});
  const Xapian::ESet eset =
      enquire.get_eset(static_cast<Xapian::termcount>(ranking.feedback_terms), relevant,
                       Xapian::Enquire::USE_EXACT_TERMFREQ, &decider);  // exact over shards too
  if (eset.empty()) return query;
  const double strongest = eset.begin().get_weight();
  std::vector<Xapian::Query> terms;
  for (auto it = eset.begin(); it != eset.end(); ++it) {
    terms.emplace_back(Xapian::Query::OP_SCALE_WEIGHT, Xapian::Query(*it), share * it.get_weight() / strongest);
  }
  return Xapian::Query(Xapian::Query::OP_AND_MAYBE, query,
                       Xapian::Query(Xapian::Query::OP_OR, terms.begin(), terms.end()));
}

}  // namespace fahras::query
