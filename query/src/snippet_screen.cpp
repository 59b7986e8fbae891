// Snippets, screening tokens: most words of a body match nothing in the query, and telling so
// from their bytes spares the analyzer's look-up (a cache miss for most words of a body).
#include "normalizer.hpp"
#include "snippet_parts.hpp"
#include "utf8.hpp"

#include <algorithm>
#include <array>

namespace fahras::query::snippet_parts {

namespace {

constexpr char32_t folded_below = 0x0700;      // ASCII and the Arabic block
constexpr std::uint8_t not_folded = 0xFF;      // a token holding it is always analysed
constexpr std::size_t max_folded_bytes = 128;  // a longer token is always analysed

}  // namespace

/** Each code point's normalized form, where the normalizer takes code points one at a time: it
 *  applies Unicode compatibility forms only to words that hold a character needing them (none
 *  does here, U+0675-U+0678 aside), and every other stage maps or drops single characters. */
struct FoldTable {
  std::array<std::uint8_t, folded_below> size{};  // bytes of the normalized form: 0-2, or not_folded
  std::array<std::array<char, 2>, folded_below> bytes{};
};

namespace {

bool foldable(char32_t c) {
  const bool ascii_alnum = (c >= U'0' && c <= U'9') || (c >= U'a' && c <= U'z') || (c >= U'A' && c <= U'Z');
  const bool arabic = c >= 0x0600 && c < folded_below && !(c >= 0x0675 && c <= 0x0678);
  return ascii_alnum || arabic;
}

FoldTable make_fold_table(HamzaCarriers hamza_carriers) {
  const Normalizer normalizer(hamza_carriers);
  FoldTable table;
  for (char32_t c = 0; c < folded_below; ++c) {
    table.size[c] = not_folded;
    if (!foldable(c)) continue;
    std::string raw;
    utf8::append(raw, c);
    const std::string full = normalizer.full(raw);
    if (full.size() > 2 || utf8::decode_all(full).size() > 1) continue;  // not one character: analysed
    table.size[c] = static_cast<std::uint8_t>(full.size());
    std::copy(full.begin(), full.end(), table.bytes[c].begin());
  }
  return table;
}

const FoldTable& fold_table(HamzaCarriers hamza_carriers) {
  static const FoldTable unify = make_fold_table(HamzaCarriers::Unify);
  static const FoldTable keep = make_fold_table(HamzaCarriers::Keep);
  return hamza_carriers == HamzaCarriers::Unify ? unify : keep;
}

// The stem without its last character: fahras's light stemmer only takes letters off either end
// of the normalized word and may then write its last letter ت as ه, so the rest of a stem is
// always found in any word that has it.
std::string stem_anchor(const std::string& stem) {
  std::size_t end = stem.size();
  while (end > 0 && is_continuation(stem[end - 1])) --end;
  return end > 0 ? stem.substr(0, end - 1) : std::string();
}

}  // namespace

TokenScreen::TokenScreen(const MatchSpec& spec, const AnalysisProfile& profile) {
  // Another stemmer may rewrite letters anywhere: every token is analysed.
  if (profile.stemmer != StemmerKind::Light && profile.stemmer != StemmerKind::None) return;
  bool screens = true;
  const auto add = [&](std::string anchor) {
    if (anchor.empty()) screens = false;  // would be found in every token
    anchors_.push_back(std::move(anchor));
  };
  for (const MatchSpec::Word& word : spec.words) {
    if (word.normalized.empty()) continue;  // matches no token
    add(word.normalized);
    if (!word.prefix && !word.exact && !word.stem.empty()) {
      add(profile.stemmer == StemmerKind::Light ? stem_anchor(word.stem) : word.stem);
    }
  }
  for (const MatchSpec::Phrase& phrase : spec.phrases) {
    for (const std::string& normalized : phrase.normalized) {
      if (!normalized.empty()) add(normalized);
    }
  }
  if (!screens) return;
  // A token that holds an anchor holds every anchor that contains it: the shorter suffices.
  std::sort(anchors_.begin(), anchors_.end(), [](const std::string& a, const std::string& b) {
    return a.size() != b.size() ? a.size() < b.size() : a < b;
  });
  std::vector<std::string> kept;
  for (std::string& anchor : anchors_) {
    const bool covered = std::any_of(kept.begin(), kept.end(),
                                     [&](const std::string& k) { return anchor.find(k) != std::string::npos; });
    if (!covered) kept.push_back(std::move(anchor));
  }
  anchors_ = std::move(kept);
  fold_ = &fold_table(profile.hamza_carriers);
}

bool TokenScreen::may_match(std::string_view raw) const {
  if (fold_ == nullptr) return true;
  if (anchors_.empty()) return false;
  std::array<char, max_folded_bytes> buffer{};
  std::size_t folded = 0;
  for (std::size_t i = 0; i < raw.size();) {
    const auto lead = static_cast<unsigned char>(raw[i]);
    char32_t c = lead;
    std::size_t length = 1;
    if (lead >= 0x80U) {
      if (lead < 0xC2U || lead > 0xDFU || i + 1 >= raw.size() || !is_continuation(raw[i + 1])) return true;
      c = ((lead & 0x1FU) << 6U) | (static_cast<unsigned char>(raw[i + 1]) & 0x3FU);
      length = 2;
    }
    if (c >= folded_below) return true;
    const FoldTable& table = *fold_;
    const std::uint8_t size = table.size[c];
    if (size == not_folded || folded + size > buffer.size()) return true;
    for (std::uint8_t b = 0; b < size; ++b) buffer[folded++] = table.bytes[c][b];
    i += length;
  }
  const std::string_view form(buffer.data(), folded);
  return std::any_of(anchors_.begin(), anchors_.end(),
                     [&](const std::string& anchor) { return form.find(anchor) != std::string_view::npos; });
}

}  // namespace fahras::query::snippet_parts
