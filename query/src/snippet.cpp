// Snippets: one analysis of the text finds every matching token; a sliding window over the
// matches picks the passage(s) with the most weight of distinct terms; the passages are cut
// from the original bytes at word boundaries and the matching tokens' spans highlighted.
#include "snippet.hpp"

#include "utf8.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <limits>
#include <optional>
#include <unordered_map>

namespace fahras::query {

namespace {

// Punctuation glued to a word (quotes, brackets, a comma) goes with the word when a passage is
// cut there; a longer run of symbols is no part of a word and is cut off.
constexpr std::size_t max_attached_chars = 16;
// A phrase is matched by a shift-and automaton whose state is one 64-bit word.
constexpr std::size_t max_phrase_words = 64;
// A weight that is not a positive number still makes a match beat no match.
constexpr double min_weight = 1e-3;

constexpr std::string_view ellipsis = "…";
constexpr std::string_view passage_separator = " … ";

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f'; }

bool is_continuation(char c) { return (static_cast<unsigned char>(c) & 0xC0U) == 0x80U; }

// Code points in text[from, to): every byte that does not continue a sequence starts one.
std::size_t count_code_points(std::string_view text, std::size_t from, std::size_t to) {
  std::size_t n = 0;
  for (std::size_t i = from; i < to; ++i) n += is_continuation(text[i]) ? 0 : 1;
  return n;
}

// ---------------------------------------------------------------------------------------------
// Matching

/** The query's Words and Phrases as lookup tables; terms are numbered words first, then phrases. */
class Matcher {
public:
  explicit Matcher(const MatchSpec& spec) {
    for (const MatchSpec::Word& word : spec.words) add_word(word);
    for (const MatchSpec::Phrase& phrase : spec.phrases) add_phrase(phrase, spec.words.size());
    for (const MatchSpec::Marked& marked : spec.marked) {
      const auto term = static_cast<std::uint32_t>(weights_.size());
      weights_.push_back(effective_weight(marked.weight));
      for (const auto& [begin, end] : marked.ranges) ranges_.push_back({begin, end, term});
    }
    std::sort(ranges_.begin(), ranges_.end(), [](const Range& a, const Range& b) { return a.begin < b.begin; });
    phrase_state_.assign(phrase_lengths_.size(), 0);
    for (auto& [form, entry] : by_normalized_) entry.phrase_masks.resize(phrase_lengths_.size(), 0);
  }

  [[nodiscard]] std::size_t term_count() const { return weights_.size(); }
  [[nodiscard]] const std::vector<double>& weights() const { return weights_; }

  /** Reports each Word the token matches to `on_word(term)` (a term may come twice) and each
   *  Phrase ending at it to `on_phrase(term, length)`. Tokens must come in text order. */
  template <class OnWord, class OnPhrase>
  void step(const TokenView& token, OnWord&& on_word, OnPhrase&& on_phrase) {
    const Entry* found = nullptr;
    if (has_length(normalized_lengths_, token.normalized)) {
      const auto entry = by_normalized_.find(token.normalized);
      if (entry != by_normalized_.end()) found = &entry->second;
    }
    if (found != nullptr) {
      for (const std::uint32_t term : found->words) on_word(term);
    }
    if (!token.is_stop && has_length(stem_lengths_, token.stem)) {
      if (const auto stem = by_stem_.find(token.stem); stem != by_stem_.end()) {
        for (const std::uint32_t term : stem->second) on_word(term);
      }
    }
    for (const auto& [prefix, term] : prefixes_) {
      if (token.normalized.starts_with(prefix)) on_word(term);
    }
    // Marked ranges: tokens come in text order, so one cursor walks the sorted ranges.
    while (next_range_ < ranges_.size() && ranges_[next_range_].end <= token.begin) ++next_range_;
    for (std::size_t r = next_range_; r < ranges_.size() && ranges_[r].begin < token.end; ++r) {
      if (token.begin >= ranges_[r].begin && token.end <= ranges_[r].end) on_word(ranges_[r].term);
    }
    step_phrases(token, found, on_phrase);
  }

private:
  struct Entry {
    std::vector<std::uint32_t> words;          // Words matched by this normalized form
    std::vector<std::uint64_t> phrase_masks;   // per phrase: bit k set when its word k is this form
  };

  // Most tokens match nothing; the lengths of the forms sought (one bit each, the last for all
  // longer ones) turn most of them away before any hashing.
  static std::uint64_t length_bit(std::string_view form) {
    return std::uint64_t{1} << std::min<std::size_t>(form.size(), 63);
  }
  static bool has_length(std::uint64_t lengths, std::string_view form) { return (lengths & length_bit(form)) != 0; }

  void add_word(const MatchSpec::Word& word) {
    const auto term = static_cast<std::uint32_t>(weights_.size());
    weights_.push_back(effective_weight(word.weight));
    // An empty form would match every token (prefix) or none; it is left out either way.
    if (word.normalized.empty()) return;
    if (word.prefix) {
      prefixes_.emplace_back(word.normalized, term);
      return;
    }
    by_normalized_[word.normalized].words.push_back(term);
    normalized_lengths_ |= length_bit(word.normalized);
    if (!word.exact && !word.stem.empty()) {
      by_stem_[word.stem].push_back(term);
      stem_lengths_ |= length_bit(word.stem);
    }
  }

  void add_phrase(const MatchSpec::Phrase& phrase, std::size_t word_count) {
    weights_.push_back(effective_weight(phrase.weight));
    const std::size_t index = phrase_lengths_.size();
    const bool usable = !phrase.normalized.empty() && phrase.normalized.size() <= max_phrase_words;
    phrase_lengths_.push_back(usable ? phrase.normalized.size() : 0);
    phrase_terms_.push_back(static_cast<std::uint32_t>(word_count + index));
    if (!usable) return;
    for (std::size_t k = 0; k < phrase.normalized.size(); ++k) {
      Entry& entry = by_normalized_[phrase.normalized[k]];
      entry.phrase_masks.resize(index + 1, 0);
      entry.phrase_masks[index] |= std::uint64_t{1} << k;
      normalized_lengths_ |= length_bit(phrase.normalized[k]);
    }
  }

  // Shift-and: bit k of a phrase's state says the last k+1 tokens, at consecutive positions,
  // are its words 0..k.
  template <class OnPhrase>
  void step_phrases(const TokenView& token, const Entry* found, OnPhrase& on_phrase) {
    const bool consecutive = has_position_ && token.position == last_position_ + 1;
    has_position_ = true;
    last_position_ = token.position;
    for (std::size_t p = 0; p < phrase_lengths_.size(); ++p) {
      const std::uint64_t mask = found == nullptr ? 0 : found->phrase_masks[p];
      const std::uint64_t carried = consecutive ? phrase_state_[p] << 1U : 0;
      phrase_state_[p] = (carried | 1U) & mask;
      const std::size_t length = phrase_lengths_[p];
      if (length > 0 && ((phrase_state_[p] >> (length - 1)) & 1U) != 0) on_phrase(phrase_terms_[p], length);
    }
  }

  static double effective_weight(double weight) {
    return std::isfinite(weight) && weight > min_weight ? weight : min_weight;
  }

  std::unordered_map<std::string_view, Entry> by_normalized_;
  std::unordered_map<std::string_view, std::vector<std::uint32_t>> by_stem_;
  std::vector<std::pair<std::string_view, std::uint32_t>> prefixes_;
  std::vector<std::size_t> phrase_lengths_;  // 0 for a phrase that can never match
  std::vector<std::uint32_t> phrase_terms_;
  std::vector<std::uint64_t> phrase_state_;
  struct Range {
    std::size_t begin;
    std::size_t end;
    std::uint32_t term;
  };
  std::vector<Range> ranges_;  // sorted by begin
  std::size_t next_range_ = 0;
  std::vector<double> weights_;
  std::uint64_t normalized_lengths_ = 0;
  std::uint64_t stem_lengths_ = 0;
  std::uint32_t last_position_ = 0;
  bool has_position_ = false;
};

// ---------------------------------------------------------------------------------------------
// One pass over the text

// Offsets into one text. Four bytes each keep a megabyte body's tokens in half the memory;
// make_snippet reads at most the first 4 GiB of a text.
using Offset = std::uint32_t;
constexpr std::size_t max_text_size = std::numeric_limits<Offset>::max();

Offset offset(std::size_t value) { return static_cast<Offset>(value); }

/** A word of the text, with what a passage that starts or ends on it takes along. */
struct Tok {
  Offset begin = 0;  // the word's bytes: what a highlight covers
  Offset end = 0;
  Offset ext_begin = 0;  // with the punctuation glued to it, or from its paragraph's start
  Offset ext_end = 0;    // with the punctuation glued to it, or to its paragraph's end
  Offset cp_ext_begin = 0;  // code points of the text before ext_begin
  Offset cp_ext_end = 0;    // ... and before ext_end
  Offset paragraph = 0;
  bool opens_paragraph = false;   // ext_begin is where its paragraph's text starts
  bool closes_paragraph = false;  // ext_end is where its paragraph's text ends
  bool highlighted = false;
};

/** A match: a Word on one token, or a Phrase on tokens first..last. */
struct Hit {
  std::size_t first = 0;
  std::size_t last = 0;
  std::uint32_t term = 0;
};

/** A range of tokens [first, last], within one paragraph. */
struct TokRange {
  std::size_t first = 0;
  std::size_t last = 0;
};

struct Analysis {
  std::vector<Tok> toks;
  std::vector<Hit> hits;             // sorted by first token
  std::vector<TokRange> paragraphs;  // the tokens of each paragraph that has any
};

/** The bytes between two words (or a word and an edge of the text): where the word before
 *  stops, where the word after starts, and whether a paragraph ends in between. */
struct Gap {
  std::size_t trail_end = 0;
  std::size_t lead_begin = 0;
  bool paragraph_break = false;
  bool trail_to_paragraph_end = false;
  bool lead_from_paragraph_start = false;
  std::size_t cp_trail_end = 0;  // code points before trail_end, lead_begin and the gap's end
  std::size_t cp_lead_begin = 0;
  std::size_t cp_end = 0;
};

enum class Edge : std::uint8_t { None, TextStart, TextEnd };

Gap read_gap(std::string_view text, std::size_t from, std::size_t to, std::size_t cp_from, Edge edge) {
  if (edge == Edge::None && to == from + 1 && text[from] == ' ') {
    // The usual gap, one space: nothing to attach.
    return Gap{from, to, false, false, false, cp_from, cp_from + 1, cp_from + 1};
  }
  const std::string_view bytes = text.substr(from, to - from);
  const std::size_t first_newline = bytes.find('\n');
  const std::size_t last_newline = bytes.rfind('\n');
  Gap gap;
  gap.paragraph_break = first_newline != std::string_view::npos || edge != Edge::None;
  if (gap.paragraph_break) {
    // The word before takes the rest of its paragraph, the word after all of its paragraph's
    // beginning: a passage that reaches a paragraph's edge shows it as published.
    std::size_t trail = first_newline == std::string_view::npos ? bytes.size() : first_newline;
    while (trail > 0 && is_space(bytes[trail - 1])) --trail;
    std::size_t lead = edge == Edge::TextEnd ? bytes.size()
                       : last_newline == std::string_view::npos ? 0
                                                                 : last_newline + 1;
    while (lead < bytes.size() && is_space(bytes[lead])) ++lead;
    gap.trail_end = from + trail;
    gap.lead_begin = from + lead;
    gap.trail_to_paragraph_end = true;
    gap.lead_from_paragraph_start = true;
  } else {
    // Within a paragraph, what touches a word without a space goes with it; a gap without any
    // space (a comma between two words) goes with the word before. Stored text has each run of
    // white space made one ' ' by the indexer's cleaning, so ASCII spaces are all there is.
    const std::size_t first_space = bytes.find_first_of(" \t\r\v\f");
    const std::size_t last_space = bytes.find_last_of(" \t\r\v\f");
    gap.trail_end = from + (first_space == std::string_view::npos ? bytes.size() : first_space);
    gap.lead_begin = from + (last_space == std::string_view::npos ? bytes.size() : last_space + 1);
  }
  std::size_t trail_chars = count_code_points(text, from, gap.trail_end);
  std::size_t lead_chars = count_code_points(text, gap.lead_begin, to);
  const std::size_t middle_chars = count_code_points(text, gap.trail_end, gap.lead_begin);
  if (trail_chars > max_attached_chars) {
    gap.trail_end = from;
    gap.trail_to_paragraph_end = false;
  }
  if (lead_chars > max_attached_chars) {
    gap.lead_begin = to;
    gap.lead_from_paragraph_start = false;
  }
  const std::size_t total = trail_chars + middle_chars + lead_chars;
  if (gap.trail_end == from) trail_chars = 0;
  if (gap.lead_begin == to) lead_chars = 0;
  gap.cp_trail_end = cp_from + trail_chars;
  gap.cp_lead_begin = cp_from + total - lead_chars;
  gap.cp_end = cp_from + total;
  return gap;
}

// The part of `text` whose offsets fit in an Offset, ending at a character boundary.
std::string_view readable_part(std::string_view text) {
  if (text.size() <= max_text_size) return text;
  std::size_t size = max_text_size;
  while (size > 0 && is_continuation(text[size])) --size;
  return text.substr(0, size);
}

/** Reads the text once: its tokens, where each paragraph starts and ends, and every match. */
class TextReader {
public:
  TextReader(std::string_view text, Matcher& matcher)
      : text_(readable_part(text)), matcher_(matcher), last_hit_tok_(matcher.term_count(), no_tok) {}

  Analysis read(Analyzer& analyzer) {
    // Bodies run to a megabyte; an Arabic word takes about ten bytes with its space.
    analysis_.toks.reserve(text_.size() / 10 + 1);
    analyzer.analyze(text_, [this](const TokenView& token) { add(token); });
    if (!analysis_.toks.empty()) close_last(read_gap(text_, scanned_, text_.size(), scanned_chars_, Edge::TextEnd));
    auto& hits = analysis_.hits;
    std::sort(hits.begin(), hits.end(), [](const Hit& a, const Hit& b) {
      return a.first != b.first ? a.first < b.first : a.last < b.last;
    });
    collect_paragraphs();
    return std::move(analysis_);
  }

private:
  static constexpr std::size_t no_tok = static_cast<std::size_t>(-1);

  void add(const TokenView& token) {
    auto& toks = analysis_.toks;
    // A ligature such as ﷺ unfolds into several words on the same characters: they are one
    // token here, matching when any of its words does.
    if (toks.empty() || token.begin >= toks.back().end) {
      const Edge edge = toks.empty() ? Edge::TextStart : Edge::None;
      const Gap gap = read_gap(text_, scanned_, token.begin, scanned_chars_, edge);
      if (!toks.empty()) close_last(gap);
      Tok tok;
      tok.begin = offset(token.begin);
      tok.end = offset(token.end);
      tok.ext_begin = offset(gap.lead_begin);
      tok.cp_ext_begin = offset(gap.cp_lead_begin);
      tok.opens_paragraph = gap.lead_from_paragraph_start;
      tok.paragraph = toks.empty() ? 0 : toks.back().paragraph + (gap.paragraph_break ? 1U : 0U);
      scanned_chars_ = gap.cp_end + count_code_points(text_, token.begin, token.end);
      scanned_ = token.end;
      toks.push_back(tok);
    }
    const std::size_t index = toks.size() - 1;
    tok_at_position_[token.position % max_phrase_words] = index;
    matcher_.step(
        token, [&](std::uint32_t term) { add_word_hit(index, term); },
        [&](std::uint32_t term, std::size_t length) {
          const std::uint32_t first_position = token.position - static_cast<std::uint32_t>(length - 1);
          add_phrase_hit(tok_at_position_[first_position % max_phrase_words], index, term);
        });
  }

  void close_last(const Gap& gap) {
    Tok& last = analysis_.toks.back();
    last.ext_end = offset(gap.trail_end);
    last.cp_ext_end = offset(gap.cp_trail_end);
    last.closes_paragraph = gap.trail_to_paragraph_end;
  }

  void add_word_hit(std::size_t index, std::uint32_t term) {
    if (last_hit_tok_[term] == index) return;  // the same Word by two rules, or in one ligature
    last_hit_tok_[term] = index;
    analysis_.hits.push_back({index, index, term});
    analysis_.toks[index].highlighted = true;
  }

  void add_phrase_hit(std::size_t first, std::size_t last, std::uint32_t term) {
    analysis_.hits.push_back({first, last, term});
    for (std::size_t i = first; i <= last; ++i) analysis_.toks[i].highlighted = true;
  }

  void collect_paragraphs() {
    const auto& toks = analysis_.toks;
    for (std::size_t i = 0; i < toks.size(); ++i) {
      if (i == 0 || toks[i].paragraph != toks[i - 1].paragraph) analysis_.paragraphs.push_back({i, i});
      analysis_.paragraphs.back().last = i;
    }
  }

  std::string_view text_;
  Matcher& matcher_;
  Analysis analysis_;
  std::vector<std::size_t> last_hit_tok_;
  std::array<std::size_t, max_phrase_words> tok_at_position_{};  // the token of each recent position
  std::size_t scanned_ = 0;        // bytes of the text read so far
  std::size_t scanned_chars_ = 0;  // code points in those bytes
};

// ---------------------------------------------------------------------------------------------
// Choosing passages

/** A passage: tokens first..last of one paragraph, and the code points it may take. */
struct Passage {
  TokRange range;
  std::size_t budget = 0;
};

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

// ---------------------------------------------------------------------------------------------
// Cutting

// Two passages that touch in one paragraph are one passage when only white space lies between
// them: no text was left out. (Between two words, a run of punctuation too long to go with
// either is in neither passage's length: it keeps them apart, as text left out.)
std::vector<Passage> merge_touching(std::string_view text, const std::vector<Passage>& passages,
                                    const std::vector<Tok>& toks) {
  std::vector<Passage> merged;
  for (const Passage& passage : passages) {
    if (!merged.empty() && merged.back().range.last + 1 == passage.range.first &&
        toks[passage.range.first].paragraph == toks[merged.back().range.last].paragraph &&
        std::all_of(text.begin() + toks[merged.back().range.last].ext_end,
                    text.begin() + toks[passage.range.first].ext_begin, is_space)) {
      merged.back().range.last = passage.range.last;
      merged.back().budget += passage.budget;
    } else {
      merged.push_back(passage);
    }
  }
  return merged;
}

// Where a passage too long for its budget (one overlong word, or a phrase longer than the
// budget) must end: after the last whole word that fits, else inside the word at a character
// boundary, the one place a word is ever cut.
std::size_t clipped_end(std::string_view text, const std::vector<Tok>& toks, TokRange range, std::size_t begin,
                        std::size_t budget) {
  std::size_t limit = begin;
  for (std::size_t chars = 0; chars < budget && limit < text.size(); ++chars) limit += utf8::decode(text, limit).length;
  std::size_t end = limit;
  for (std::size_t i = range.first; i <= range.last && toks[i].end <= limit; ++i) {
    if (toks[i].end > begin) end = toks[i].end;
  }
  return end;
}

void add_form(std::vector<std::string>& forms, std::string_view form) {
  if (std::find(forms.begin(), forms.end(), form) == forms.end()) forms.emplace_back(form);
}

Snippet cut(std::string_view text, const Analysis& analysis, const std::vector<Passage>& passages) {
  const auto& toks = analysis.toks;
  Snippet snippet;
  for (std::size_t n = 0; n < passages.size(); ++n) {
    const TokRange range = passages[n].range;
    const std::size_t begin = toks[range.first].ext_begin;
    std::size_t end = toks[range.last].ext_end;
    bool cut_end = !toks[range.last].closes_paragraph;
    if (toks[range.last].cp_ext_end - toks[range.first].cp_ext_begin > passages[n].budget) {
      end = clipped_end(text, toks, range, begin, passages[n].budget);
      cut_end = true;
    }
    if (n == 0 && !toks[range.first].opens_paragraph) snippet.text += ellipsis;
    if (n > 0) snippet.text += passage_separator;
    const std::size_t offset = snippet.text.size();
    snippet.text += text.substr(begin, end - begin);
    for (std::size_t i = range.first; i <= range.last; ++i) {
      if (!toks[i].highlighted) continue;
      const std::size_t from = std::max<std::size_t>(toks[i].begin, begin);
      const std::size_t to = std::min<std::size_t>(toks[i].end, end);
      if (from >= to) continue;
      snippet.highlights.emplace_back(offset + from - begin, offset + to - begin);
      add_form(snippet.matched_forms, text.substr(from, to - from));
    }
    if (n + 1 == passages.size() && cut_end) snippet.text += ellipsis;
  }
  return snippet;
}

// A text without a single word: its first line, cut at a space or a character boundary.
Snippet first_line(std::string_view text, std::size_t max_chars) {
  std::size_t begin = 0;
  while (begin < text.size() && is_space(text[begin])) ++begin;
  std::size_t end = std::min(text.find('\n', begin), text.size());
  while (end > begin && is_space(text[end - 1])) --end;
  Snippet snippet;
  if (count_code_points(text, begin, end) <= max_chars) {
    snippet.text = text.substr(begin, end - begin);
    return snippet;
  }
  std::size_t limit = begin;
  for (std::size_t chars = 0; chars < max_chars; ++chars) limit += utf8::decode(text, limit).length;
  const std::size_t space = text.substr(begin, limit - begin).find_last_of(' ');
  if (space != std::string_view::npos && space > 0) limit = begin + space;
  snippet.text = text.substr(begin, limit - begin);
  snippet.text += ellipsis;
  return snippet;
}

// ---------------------------------------------------------------------------------------------
// Rendering

enum class Escaping : std::uint8_t { None, Html };

// The highlights a renderer can trust: inside the text, sorted, without overlaps.
std::vector<std::pair<std::size_t, std::size_t>> usable_highlights(const Snippet& snippet) {
  auto ranges = snippet.highlights;
  for (auto& [from, to] : ranges) to = std::min(to, snippet.text.size());
  std::erase_if(ranges, [](const auto& r) { return r.first >= r.second; });
  std::sort(ranges.begin(), ranges.end());
  std::vector<std::pair<std::size_t, std::size_t>> disjoint;
  for (const auto& r : ranges) {
    if (!disjoint.empty() && r.first < disjoint.back().second) {
      disjoint.back().second = std::max(disjoint.back().second, r.second);
    } else {
      disjoint.push_back(r);
    }
  }
  return disjoint;
}

// Controls that could act on a terminal or reorder text around the snippet: C0 but newline and
// tab, DEL, C1, and the bidi embeddings, overrides and isolates (a cut can leave one open).
bool is_dropped(char32_t c) {
  return (c < 0x20 && c != U'\n' && c != U'\t') || (c >= 0x7F && c <= 0x9F) || (c >= 0x202A && c <= 0x202E) ||
         (c >= 0x2066 && c <= 0x2069);
}

void append_html_escaped(std::string& out, char c) {
  switch (c) {
    case '&': out += "&amp;"; break;
    case '<': out += "&lt;"; break;
    case '>': out += "&gt;"; break;
    case '"': out += "&quot;"; break;
    case '\'': out += "&#39;"; break;
    default: out += c;
  }
}

void append_character(std::string& out, std::string_view bytes, const utf8::Decoded& decoded, Escaping escaping) {
  if (!decoded.valid) {
    utf8::append(out, utf8::replacement_character);
  } else if (is_dropped(decoded.code_point)) {
    return;
  } else if (escaping == Escaping::Html && bytes.size() == 1) {
    append_html_escaped(out, bytes.front());
  } else {
    out += bytes;
  }
}

std::string render(const Snippet& snippet, std::string_view open, std::string_view close, Escaping escaping) {
  const std::string_view text = snippet.text;
  const auto ranges = usable_highlights(snippet);
  std::string out;
  out.reserve(text.size() + ranges.size() * (open.size() + close.size()) + 16);
  std::size_t r = 0;
  bool inside = false;
  // Markers go at character boundaries: a range that starts or ends inside a character (only
  // possible in a Snippet made by hand) is widened to whole characters.
  for (std::size_t i = 0; i < text.size();) {
    const utf8::Decoded decoded = utf8::decode(text, i);
    const std::size_t next = i + decoded.length;
    if (inside && ranges[r].second <= i) {
      out += close;
      inside = false;
      ++r;
    }
    while (!inside && r < ranges.size() && ranges[r].second <= i) ++r;
    if (!inside && r < ranges.size() && ranges[r].first < next) {
      out += open;
      inside = true;
    }
    append_character(out, text.substr(i, decoded.length), decoded, escaping);
    i = next;
  }
  if (inside) out += close;
  return out;
}

}  // namespace

Snippet make_snippet(std::string_view text, const MatchSpec& spec, Analyzer& analyzer, const SnippetOptions& options) {
  if (options.max_chars == 0) return {};
  Matcher matcher(spec);
  const Analysis analysis = TextReader(text, matcher).read(analyzer);
  if (analysis.toks.empty()) return first_line(text, options.max_chars);
  const std::size_t max_passages = std::max<std::size_t>(options.max_passages, 1);
  PassageChooser chooser(analysis, matcher.weights());
  std::vector<Passage> passages = chooser.choose(options.max_chars, max_passages);
  if (passages.empty()) passages = chooser.leading(options.max_chars, max_passages);
  return cut(text, analysis, merge_touching(text, passages, analysis.toks));
}

Snippet highlight_all(std::string_view text, const MatchSpec& spec, Analyzer& analyzer) {
  Matcher matcher(spec);
  const Analysis analysis = TextReader(text, matcher).read(analyzer);
  Snippet snippet;
  snippet.text = text;
  for (const Tok& tok : analysis.toks) {
    if (!tok.highlighted) continue;
    snippet.highlights.emplace_back(tok.begin, tok.end);
    add_form(snippet.matched_forms, text.substr(tok.begin, tok.end - tok.begin));
  }
  return snippet;
}

std::string render_with_markers(const Snippet& snippet, std::string_view open, std::string_view close) {
  return render(snippet, open, close, Escaping::None);
}

std::string render_html(const Snippet& snippet) { return render(snippet, "<mark>", "</mark>", Escaping::Html); }

std::string render_ansi(const Snippet& snippet) { return render(snippet, "\x1b[1;31m", "\x1b[0m", Escaping::None); }

}  // namespace fahras::query
