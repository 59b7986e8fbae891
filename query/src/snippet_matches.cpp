// Snippets, reading the text: one analysis finds every token and every match of the query's
// Words, Phrases and marked ranges, and where each word's paragraph and glued punctuation are.
#include "snippet_parts.hpp"
#include "tokenizer.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <unordered_map>

namespace fahras::query::snippet_parts {

namespace {

// Punctuation glued to a word (quotes, brackets, a comma) goes with the word when a passage is
// cut there; a longer run of symbols is no part of a word and is cut off.
constexpr std::size_t max_attached_chars = 16;
// A phrase is matched by a shift-and automaton whose state is one 64-bit word.
constexpr std::size_t max_phrase_words = 64;
// A weight that is not a positive number still makes a match beat no match.
constexpr double min_weight = 1e-3;

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
    // A token the screen turned away has no forms (TokenScreen): it matches nothing.
    if (!token.normalized.empty() && has_length(normalized_lengths_, token.normalized)) {
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

// make_snippet reads at most the first 4 GiB of a text (Offset).
constexpr std::size_t max_text_size = std::numeric_limits<Offset>::max();

Offset offset(std::size_t value) { return static_cast<Offset>(value); }

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
  TextReader(std::string_view text, Matcher& matcher, const TokenScreen& screen)
      : text_(readable_part(text)), matcher_(matcher), screen_(screen), last_hit_tok_(matcher.term_count(), no_tok) {}

  Analysis read(Analyzer& analyzer) {
    // Bodies run to a megabyte; an Arabic word takes about ten bytes with its space.
    analysis_.toks.reserve(text_.size() / 10 + 1);
    // Token by token as Analyzer::analyze would: a token the screen turns away takes one
    // position and matches nothing; the others are analysed alone, which gives what the whole
    // text's analysis gives them (a token is tokenized the same without its neighbours).
    Tokenizer tokenizer(text_);
    RawToken raw;
    std::uint32_t position = 0;
    while (tokenizer.next(raw)) {
      const std::string_view form = text_.substr(raw.begin, raw.end - raw.begin);
      if (!screen_.may_match(form)) {
        TokenView token;
        token.begin = raw.begin;
        token.end = raw.end;
        token.position = position++;
        token.kind = raw.kind;
        token.is_stop = true;  // with no forms: matches no word
        add(token);
        continue;
      }
      std::uint32_t parts = 0;
      analyzer.analyze(form, [&](const TokenView& part) {
        TokenView token = part;
        token.begin += raw.begin;
        token.end += raw.begin;
        token.position = position + part.position;
        parts = part.position + 1;
        add(token);
      });
      position += parts;
    }
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
  const TokenScreen& screen_;
  Analysis analysis_;
  std::vector<std::size_t> last_hit_tok_;
  std::array<std::size_t, max_phrase_words> tok_at_position_{};  // the token of each recent position
  std::size_t scanned_ = 0;        // bytes of the text read so far
  std::size_t scanned_chars_ = 0;  // code points in those bytes
};

}  // namespace

Analysis read_text(std::string_view text, const MatchSpec& spec, Analyzer& analyzer, bool screened) {
  Matcher matcher(spec);
  const TokenScreen screen = screened ? TokenScreen(spec, analyzer.profile()) : TokenScreen();
  Analysis analysis = TextReader(text, matcher, screen).read(analyzer);
  analysis.weights = matcher.weights();
  return analysis;
}

}  // namespace fahras::query::snippet_parts
