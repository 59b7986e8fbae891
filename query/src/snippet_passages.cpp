// Snippets, choosing passages: a sliding window over the matches picks the passage(s) with the
// most weight of distinct terms.
#include "snippet_parts.hpp"

#include <algorithm>
#include <optional>

namespace fahras::query::snippet_parts {

namespace {

// ---------------------------------------------------------------------------------------------
// Choosing passages

/** The best start for a passage: the matches from token `first` that fit in the budget. */
struct Window {
  std::size_t first = 0;
  std::size_t last = 0;
  double score = 0;
};

class PassageChooser {
public:
  PassageChooser(const Analysis& analysis, const std::vector<double>& weights)
      : toks_(analysis.toks), hits_(analysis.hits), paragraphs_(analysis.paragraphs), weights_(weights) {}

  /** At most `max_passages` passages of `max_chars` code points in all, in text order; empty
   *  when nothing matched. */
  std::vector<Passage> choose(std::size_t max_chars, std::size_t max_passages) {
    const std::vector<char> nothing_covered(weights_.size(), 0);
    const auto single = best_window(max_chars, nothing_covered, paragraphs_);
    if (!single) return {};
    std::vector<Passage> one{place(*single, max_chars, paragraphs_)};
    const std::vector<char> covered_by_one = covered_by(one);
    const std::vector<char> present = covered_by(all_hits());
    if (max_passages <= 1 || covered_by_one == present) return one;
    // The budget is shared: each further passage must bring terms the others lack, so no more
    // passages are planned for than there are terms still to show.
    std::vector<Passage> several;
    std::vector<char> covered(weights_.size(), 0);
    std::size_t used = 0;
    for (std::size_t n = 0; n < max_passages && used < max_chars; ++n) {
      std::size_t missing = 0;
      for (std::size_t t = 0; t < present.size(); ++t) missing += present[t] != 0 && covered[t] == 0 ? 1 : 0;
      const std::size_t budget = (max_chars - used) / std::max<std::size_t>(std::min(max_passages - n, missing), 1);
      if (budget == 0) break;
      const std::vector<TokRange> free = free_ranges(several);
      const auto window = best_window(budget, covered, free);
      if (!window) break;
      const Passage passage = place(*window, budget, free);
      used += std::min(span_chars(passage.range), budget);
      several.push_back(passage);
      std::sort(several.begin(), several.end(),
                [](const Passage& a, const Passage& b) { return a.range.first < b.range.first; });
      covered = covered_by(several);
    }
    return several.size() > 1 && weight_of(covered_by(several)) > weight_of(covered_by_one) ? several : one;
  }

  /** Without any match: the text from its start, paragraph after paragraph. */
  std::vector<Passage> leading(std::size_t max_chars, std::size_t max_passages) const {
    std::vector<Passage> passages;
    std::size_t used = 0;
    for (const TokRange& paragraph : paragraphs_) {
      const std::size_t left = max_chars - used;
      if (passages.size() == max_passages) break;
      if (!passages.empty() && (left < max_chars / 4 || span_chars({paragraph.first, paragraph.first}) > left)) break;
      TokRange range{paragraph.first, paragraph.first};
      while (range.last < paragraph.last && span_chars({range.first, range.last + 1}) <= left) ++range.last;
      passages.push_back({range, left});
      used += std::min(span_chars(range), left);
      if (range.last < paragraph.last) break;  // the budget ran out inside this paragraph
    }
    return passages;
  }

  [[nodiscard]] std::size_t span_chars(TokRange range) const {
    return toks_[range.last].cp_ext_end - toks_[range.first].cp_ext_begin;
  }

private:
  // Among the windows starting at a match (any other window can move right to its first match
  // and lose nothing), the one holding the most weight of terms not yet `covered`; the earlier
  // on a tie. One pass over the matches per range: a window's end only moves forward.
  std::optional<Window> best_window(std::size_t budget, const std::vector<char>& covered,
                                    const std::vector<TokRange>& ranges) {
    std::optional<Window> best;
    state_.assign(hits_.size(), HitState::Outside);
    counts_.assign(weights_.size(), 0);
    std::size_t h = 0;
    for (const TokRange& range : ranges) {
      while (h < hits_.size() && hits_[h].first < range.first) ++h;
      std::size_t h_end = h;
      while (h_end < hits_.size() && hits_[h_end].first <= range.last) ++h_end;
      if (h_end > h) scan_range(range, h, h_end, budget, covered, best);
      h = h_end;
    }
    return best;
  }

  enum class HitState : std::uint8_t { Outside, Inside, Passed };

  void scan_range(TokRange range, std::size_t h, std::size_t h_end, std::size_t budget,
                  const std::vector<char>& covered, std::optional<Window>& best) {
    // Matches enter the window by their last token, leave it by their first.
    by_last_.clear();
    for (std::size_t i = h; i < h_end; ++i) {
      if (hits_[i].last <= range.last) by_last_.push_back(i);
    }
    std::stable_sort(by_last_.begin(), by_last_.end(),
                     [this](std::size_t a, std::size_t b) { return hits_[a].last < hits_[b].last; });
    std::size_t leaving = h;
    std::size_t entering = 0;
    for (std::size_t s = h; s < h_end; ++s) {
      const std::size_t start = hits_[s].first;
      if (s > h && start == hits_[s - 1].first) continue;
      for (; leaving < s; ++leaving) {
        if (state_[leaving] == HitState::Inside) --counts_[hits_[leaving].term];
        state_[leaving] = HitState::Passed;
      }
      const std::size_t end = reach(start, range.last, budget);
      for (; entering < by_last_.size() && hits_[by_last_[entering]].last <= end; ++entering) {
        const std::size_t i = by_last_[entering];
        if (state_[i] != HitState::Outside) continue;
        state_[i] = HitState::Inside;
        ++counts_[hits_[i].term];
      }
      const double score = current_score(covered);
      if (score > 0 && (!best || score > best->score)) best = Window{start, end, score};
    }
    for (std::size_t i = leaving; i < h_end; ++i) {
      if (state_[i] == HitState::Inside) --counts_[hits_[i].term];
      state_[i] = HitState::Passed;
    }
  }

  // The query's terms are few: summing them again is cheap, and exact where a running total in
  // floating point would drift (equal passages must tie, for the earlier one to win).
  double current_score(const std::vector<char>& covered) const {
    double score = 0;
    for (std::size_t t = 0; t < counts_.size(); ++t) {
      if (counts_[t] > 0 && covered[t] == 0) score += weights_[t];
    }
    return score;
  }

  // The last token of `start`..`last` such that the passage fits in `budget` (`start` itself
  // when even it does not).
  std::size_t reach(std::size_t start, std::size_t last, std::size_t budget) const {
    const std::size_t limit = toks_[start].cp_ext_begin + budget;
    const auto first = toks_.begin() + static_cast<std::ptrdiff_t>(start);
    const auto stop = toks_.begin() + static_cast<std::ptrdiff_t>(last) + 1;
    const auto after = std::partition_point(first, stop, [limit](const Tok& t) { return t.cp_ext_end <= limit; });
    return after == first ? start : static_cast<std::size_t>(after - toks_.begin()) - 1;
  }

  // The window's matches with context around them: half of the budget left before them, so
  // that they sit near the middle, then after, then before again where a paragraph ends.
  Passage place(const Window& window, std::size_t budget, const std::vector<TokRange>& ranges) const {
    const TokRange bounds = *std::prev(std::upper_bound(
        ranges.begin(), ranges.end(), window.first, [](std::size_t i, const TokRange& r) { return i < r.first; }));
    TokRange passage{window.first, window.first};
    for (auto h = first_hit_at(window.first); h < hits_.size() && hits_[h].first <= window.last; ++h) {
      if (hits_[h].last <= window.last) passage.last = std::max(passage.last, hits_[h].last);
    }
    const std::size_t matched = span_chars(passage);
    if (matched >= budget) return {passage, budget};
    const std::size_t before = matched + (budget - matched) / 2;
    while (passage.first > bounds.first && span_chars({passage.first - 1, passage.last}) <= before) --passage.first;
    while (passage.last < bounds.last && span_chars({passage.first, passage.last + 1}) <= budget) ++passage.last;
    while (passage.first > bounds.first && span_chars({passage.first - 1, passage.last}) <= budget) --passage.first;
    return {passage, budget};
  }

  std::size_t first_hit_at(std::size_t tok) const {
    return static_cast<std::size_t>(
        std::partition_point(hits_.begin(), hits_.end(), [tok](const Hit& hit) { return hit.first < tok; }) -
        hits_.begin());
  }

  // The paragraphs without the passages already taken.
  std::vector<TokRange> free_ranges(const std::vector<Passage>& taken) const {
    std::vector<TokRange> free;
    std::size_t t = 0;
    for (const TokRange& paragraph : paragraphs_) {
      std::size_t from = paragraph.first;
      while (t < taken.size() && taken[t].range.last < from) ++t;
      for (; t < taken.size() && taken[t].range.first <= paragraph.last; ++t) {
        if (taken[t].range.first > from) free.push_back({from, taken[t].range.first - 1});
        from = taken[t].range.last + 1;
      }
      if (from <= paragraph.last) free.push_back({from, paragraph.last});
    }
    return free;
  }

  std::vector<Passage> all_hits() const {
    if (toks_.empty()) return {};
    return {Passage{{0, toks_.size() - 1}, 0}};
  }

  // The terms with a match wholly inside one of `passages` (sorted, disjoint).
  std::vector<char> covered_by(const std::vector<Passage>& passages) const {
    std::vector<char> covered(weights_.size(), 0);
    for (const Passage& passage : passages) {
      for (auto h = first_hit_at(passage.range.first); h < hits_.size() && hits_[h].first <= passage.range.last; ++h) {
        if (hits_[h].last <= passage.range.last) covered[hits_[h].term] = 1;
      }
    }
    return covered;
  }

  double weight_of(const std::vector<char>& covered) const {
    double weight = 0;
    for (std::size_t t = 0; t < covered.size(); ++t) {
      if (covered[t] != 0) weight += weights_[t];
    }
    return weight;
  }

  const std::vector<Tok>& toks_;
  const std::vector<Hit>& hits_;
  const std::vector<TokRange>& paragraphs_;
  const std::vector<double>& weights_;
  std::vector<HitState> state_;
  std::vector<std::size_t> counts_;
  std::vector<std::size_t> by_last_;
};

}  // namespace

std::vector<Passage> choose_passages(const Analysis& analysis, std::size_t max_chars, std::size_t max_passages) {
  PassageChooser chooser(analysis, analysis.weights);
  std::vector<Passage> passages = chooser.choose(max_chars, max_passages);
  if (passages.empty()) passages = chooser.leading(max_chars, max_passages);
  return passages;
}

}  // namespace fahras::query::snippet_parts
