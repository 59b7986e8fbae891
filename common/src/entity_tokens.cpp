#include "entity_tokens.hpp"

#include <algorithm>

namespace fahras {
namespace {

constexpr std::string_view waw = "\xD9\x88";    // و
constexpr std::string_view faa = "\xD9\x81";    // ف
constexpr std::string_view baa = "\xD8\xA8";    // ب
constexpr std::string_view lam = "\xD9\x84";    // ل
constexpr std::string_view kaf = "\xD9\x83";    // ك
constexpr std::string_view article = "\xD8\xA7\xD9\x84";  // ال

// Whether the bytes between two words hold anything but spaces and hyphens (a name may be
// written "أبو-ظبي" but never runs across a comma, a quote or a full stop).
bool has_punctuation(std::string_view gap) {
  return std::any_of(gap.begin(), gap.end(), [](char c) {
    return c != ' ' && c != '\t' && c != '\n' && c != '\r' && c != '-';
  });
}

}  // namespace

void add_entity_token(std::vector<EntityToken>& tokens, std::string_view text, const TokenView& view) {
  const std::size_t previous_end = tokens.empty() ? 0 : tokens.back().end;
  EntityToken token;
  token.begin = view.begin;
  token.end = view.end;
  token.position = view.position;
  token.kind = view.kind;
  token.is_stop = view.is_stop;
  token.break_before = !tokens.empty() && has_punctuation(text.substr(previous_end, view.begin - previous_end));
  const std::string_view raw = text.substr(view.begin, view.end - view.begin);
  token.tanween = raw.find("\xD9\x8B") != std::string_view::npos || raw.find("\xD9\x8C") != std::string_view::npos ||
                  raw.find("\xD9\x8D") != std::string_view::npos;
  token.normalized.assign(view.normalized);
  tokens.push_back(std::move(token));
}

std::vector<EntityToken> entity_tokens(Analyzer& analyzer, std::string_view text) {
  std::vector<EntityToken> tokens;
  analyzer.analyze(text, [&](const TokenView& view) { add_entity_token(tokens, text, view); });
  return tokens;
}

bool starts_with_article(std::string_view word) noexcept {
  return word.size() > article.size() + 2 && word.starts_with(article);
}

std::size_t letter_count(std::string_view word) noexcept {
  return static_cast<std::size_t>(std::count_if(word.begin(), word.end(), [](char c) {
    return (static_cast<unsigned char>(c) & 0xC0U) != 0x80U;
  }));
}

void CliticForms::add(std::string_view a, std::string_view b) {
  if (size_ == capacity || letter_count(a) + letter_count(b) < 2) return;
  std::string& form = forms_[size_];
  form.assign(a);
  form.append(b);
  for (std::size_t i = 0; i < size_; ++i) {
    if (forms_[i] == form) return;
  }
  ++size_;
}

void CliticForms::compute(std::string_view word) {
  size_ = 0;
  add(word);
  for (const std::string_view conjunction : {std::string_view{}, waw, faa}) {
    if (!word.starts_with(conjunction)) continue;
    const std::string_view after_conjunction = word.substr(conjunction.size());
    if (!conjunction.empty()) add(after_conjunction);
    for (const std::string_view preposition : {baa, lam, kaf}) {
      if (!after_conjunction.starts_with(preposition)) continue;
      const std::string_view rest = after_conjunction.substr(preposition.size());
      add(rest);
      // لل+X is ل + الX with the alef dropped: للرياض → الرياض.
      if (preposition == lam && rest.starts_with(lam)) add(article, rest.substr(lam.size()));
    }
  }
}

bool CliticForms::definite() const noexcept {
  for (std::size_t i = 0; i < size_; ++i) {
    if (starts_with_article(forms_[i])) return true;
  }
  return false;
}

}  // namespace fahras
