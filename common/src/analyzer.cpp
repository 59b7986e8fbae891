#include "fahras/analysis.hpp"

#include "normalizer.hpp"
#include "stemmer.hpp"
#include "stopwords.hpp"
#include "tokenizer.hpp"
#include "utf8.hpp"
#include "word_hash.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <unordered_map>

namespace fahras {

namespace {

// One analyzed part of a word form. A word form is almost always one part; a ligature
// such as ﷺ unfolds into several words under NFKC.
struct Part {
  std::string normalized;
  std::string stem;
  bool is_stop = false;
};

// Forms kept before the cache is emptied: news vocabulary is Zipfian, so a few hundred
// thousand forms cover nearly every token, in bounded memory.
constexpr std::size_t cache_capacity = 1U << 18U;

bool is_space(char32_t c) { return c == U' ' || c == U'\t' || c == U'\n' || c == 0xA0; }

}  // namespace

struct Analyzer::Impl {
  explicit Impl(AnalysisProfile p)
      : profile(p),
        normalizer(p.hamza_carriers),
        stop_list(StopList::arabic_source(), normalizer),
        stemmer(make_stemmer(p.stemmer, normalizer, stop_list)) {}

  const std::vector<Part>& analyze_form(std::string_view form, TokenKind kind) {
    // The frequent forms are found in a small direct-mapped table first: the cache's buckets
    // and nodes are scattered over megabytes, and each lookup there costs cache misses.
    const std::uint64_t hash = word_hash(form);
    HotSlot& slot = hot[hash & (hot_slots - 1)];
    if (slot.parts != nullptr && slot.hash == hash && *slot.form == form) return *slot.parts;
    if (const auto it = cache.find(form); it != cache.end()) {
      slot = HotSlot{hash, &it->first, &it->second};
      return it->second;
    }
    if (cache.size() >= cache_capacity) {
      cache.clear();
      std::fill(hot.begin(), hot.end(), HotSlot{});
    }

    code_points = utf8::decode_all(form);
    normalizer.normalize(code_points, forms);
    std::vector<Part> parts;
    // light and full differ only by one-for-one letter mappings, so their spaces align.
    std::size_t start = 0;
    while (start <= forms.full.size()) {
      std::size_t stop = start;
      while (stop < forms.full.size() && !is_space(forms.full[stop])) ++stop;
      if (stop > start) parts.push_back(make_part(start, stop, kind));
      start = stop + 1;
    }
    const auto added = cache.emplace(std::string(form), std::move(parts)).first;
    slot = HotSlot{hash, &added->first, &added->second};
    return added->second;
  }

  Part make_part(std::size_t from, std::size_t to, TokenKind kind) {
    const std::u32string_view full = std::u32string_view(forms.full).substr(from, to - from);
    Part part;
    utf8::append(part.normalized, full);
    if (kind != TokenKind::ArabicWord) {
      part.stem = part.normalized;
      return part;
    }
    std::string light;
    utf8::append(light, std::u32string_view(forms.light).substr(from, to - from));
    part.is_stop = stop_list.contains(light, part.normalized);
    stemmer->stem(full, stem_buffer);
    utf8::append(part.stem, stem_buffer);
    return part;
  }

  AnalysisProfile profile;
  Normalizer normalizer;
  StopList stop_list;
  std::unique_ptr<Stemmer> stemmer;
  std::unordered_map<std::string, std::vector<Part>, WordHash, std::equal_to<>> cache;
  // A form's entry in `cache` (its nodes stay put until the cache is emptied), by its hash.
  struct HotSlot {
    std::uint64_t hash = 0;
    const std::string* form = nullptr;
    const std::vector<Part>* parts = nullptr;
  };
  static constexpr std::size_t hot_slots = 4096;
  std::vector<HotSlot> hot = std::vector<HotSlot>(hot_slots);
  std::u32string code_points;
  NormalizedWord forms;
  std::u32string stem_buffer;
};

std::string AnalysisProfile::id() const {
  return fmt::format("fahras-analysis/{} stemmer={} hamza={}", version, to_string(stemmer),
                     hamza_carriers == HamzaCarriers::Unify ? "unify" : "keep");
}

std::optional<AnalysisProfile> AnalysisProfile::from_id(std::string_view id) {
  for (const StemmerKind stemmer : {StemmerKind::Light, StemmerKind::Snowball, StemmerKind::None}) {
    for (const HamzaCarriers hamza : {HamzaCarriers::Unify, HamzaCarriers::Keep}) {
      const AnalysisProfile candidate{stemmer, hamza};
      if (candidate.id() == id) return candidate;
    }
  }
  return std::nullopt;
}

Analyzer::Analyzer(AnalysisProfile profile) : impl_(std::make_unique<Impl>(profile)) {}
Analyzer::~Analyzer() = default;
Analyzer::Analyzer(Analyzer&&) noexcept = default;
Analyzer& Analyzer::operator=(Analyzer&&) noexcept = default;

const AnalysisProfile& Analyzer::profile() const noexcept { return impl_->profile; }

AnalysisCounts Analyzer::analyze(std::string_view text, const std::function<void(const TokenView&)>& sink) {
  AnalysisCounts counts;
  Tokenizer tokenizer(text);
  RawToken raw;
  std::uint32_t position = 0;
  while (tokenizer.next(raw)) {
    const std::string_view form = text.substr(raw.begin, raw.end - raw.begin);
    for (const Part& part : impl_->analyze_form(form, raw.kind)) {
      TokenView view;
      view.begin = raw.begin;
      view.end = raw.end;
      view.position = position++;
      view.kind = raw.kind;
      view.is_stop = part.is_stop;
      view.normalized = part.normalized;
      view.stem = part.stem;
      sink(view);
      ++counts.tokens;
    }
  }
  counts.invalid_utf8 = tokenizer.invalid_sequences();
  return counts;
}

std::vector<Token> Analyzer::analyze(std::string_view text) {
  std::vector<Token> tokens;
  analyze(text, [&tokens](const TokenView& t) {
    tokens.push_back(Token{t.begin, t.end, t.position, t.kind, t.is_stop, std::string(t.normalized),
                           std::string(t.stem)});
  });
  return tokens;
}

std::string_view to_string(TokenKind kind) noexcept {
  switch (kind) {
    case TokenKind::ArabicWord:
      return "arabic";
    case TokenKind::LatinWord:
      return "latin";
    case TokenKind::OtherWord:
      return "other";
    case TokenKind::Number:
      return "number";
  }
  return "unknown";
}

std::string_view to_string(StemmerKind kind) noexcept {
  switch (kind) {
    case StemmerKind::None:
      return "none";
    case StemmerKind::Light:
      return "light";
    case StemmerKind::Snowball:
      return "snowball";
  }
  return "unknown";
}

std::optional<StemmerKind> parse_stemmer_kind(std::string_view name) noexcept {
  for (const StemmerKind kind : {StemmerKind::None, StemmerKind::Light, StemmerKind::Snowball}) {
    if (to_string(kind) == name) return kind;
  }
  return std::nullopt;
}

}  // namespace fahras
