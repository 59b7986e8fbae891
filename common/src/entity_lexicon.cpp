#include "entity_lexicon.hpp"

#include "gazetteer.hpp"

#include <algorithm>
#include <memory>
#include <stdexcept>

namespace fahras {
namespace {

constexpr std::array<std::string_view, lexicon_category_count> category_names = {
    "title",   "title-complement", "given-name",     "given-name-weak", "name-link", "org-head",
    "org-cue", "government-head",  "place-cue",      "place-link",      "name-stop"};

constexpr std::string_view cue_prefix = "cue:";

}  // namespace

std::optional<LexiconCategory> parse_lexicon_category(std::string_view name) noexcept {
  for (std::size_t i = 0; i < category_names.size(); ++i) {
    if (category_names[i] == name) return static_cast<LexiconCategory>(i);
  }
  return std::nullopt;
}

EntityLexicon::EntityLexicon(std::span<const EntityDataFile> files, const AnalysisProfile& profile) {
  Analyzer analyzer(profile);
  for (const EntityDataFile& file : files) {
    if (is_gazetteer_file(file.name)) continue;
    for (std::size_t n = 0; n < file.lines.size(); ++n) {
      const std::string_view line = file.lines[n];
      if (line.empty() || line.front() == '#') continue;
      const std::size_t tab = line.find('\t');
      const std::string_view category = line.substr(0, tab);
      PhraseTrie* trie = nullptr;
      if (category.starts_with(cue_prefix)) {
        trie = &cues_[std::string(category.substr(cue_prefix.size()))];
      } else if (const auto known = parse_lexicon_category(category)) {
        trie = &categories_[static_cast<std::size_t>(*known)];
      }
      if (trie == nullptr || tab == std::string_view::npos) {
        throw std::runtime_error(std::string(file.name) + ":" + std::to_string(n + 1) + ": unknown category \"" +
                                 std::string(category) + "\" or no tab");
      }
      std::string_view words = line.substr(tab + 1);
      while (!words.empty()) {
        const std::size_t bar = words.find('|');
        for (const auto& variant : alias_word_variants(analyzer, words.substr(0, bar))) trie->insert(variant, 0);
        words = bar == std::string_view::npos ? std::string_view{} : words.substr(bar + 1);
      }
    }
  }
}

const EntityLexicon& EntityLexicon::shared(const AnalysisProfile& profile) {
  return shared_entity_data<EntityLexicon>(profile);
}

void match_phrases(const PhraseTrie& trie, std::span<const EntityToken> tokens, std::size_t i,
                   const CliticForms& first_forms, std::vector<PhraseMatch>& matches) {
  matches.clear();
  for (std::size_t f = 0; f < first_forms.size(); ++f) {
    std::uint32_t node = trie.child(PhraseTrie::root, first_forms[f]);
    for (std::size_t j = i; node != PhraseTrie::none;) {
      if (!trie.values(node).empty()) matches.push_back({j - i + 1, node});
      if (++j == tokens.size() || tokens[j].break_before) break;
      node = trie.child(node, tokens[j].normalized);
    }
  }
  // Longest first; among equal lengths the more literal form (found first) stays first.
  std::stable_sort(matches.begin(), matches.end(), [](const PhraseMatch& a, const PhraseMatch& b) {
    return a.length > b.length;
  });
}

std::size_t EntityLexicon::match(LexiconCategory category, std::span<const EntityToken> tokens, std::size_t i,
                                 const CliticForms& first_forms) const {
  const PhraseTrie& trie = categories_[static_cast<std::size_t>(category)];
  std::size_t best = 0;
  for (std::size_t f = 0; f < first_forms.size(); ++f) {
    std::uint32_t node = trie.child(PhraseTrie::root, first_forms[f]);
    for (std::size_t j = i; node != PhraseTrie::none;) {
      if (!trie.values(node).empty()) best = std::max(best, j - i + 1);
      if (++j == tokens.size() || tokens[j].break_before) break;
      node = trie.child(node, tokens[j].normalized);
    }
  }
  return best;
}

bool EntityLexicon::contains(LexiconCategory category, std::string_view word) const {
  const PhraseTrie& trie = categories_[static_cast<std::size_t>(category)];
  const std::uint32_t node = trie.child(PhraseTrie::root, word);
  return node != PhraseTrie::none && !trie.values(node).empty();
}

std::string_view name_first_word(const EntityLexicon& lexicon, const CliticForms& forms) {
  for (std::size_t f = 0; f < forms.size(); ++f) {
    if (lexicon.contains(LexiconCategory::GivenName, forms[f]) ||
        lexicon.contains(LexiconCategory::GivenNameWeak, forms[f])) {
      return forms[f];
    }
  }
  return forms.size() == 0 ? std::string_view{} : forms[0];
}

bool EntityLexicon::is_cue(std::string_view kind, const CliticForms& forms) const {
  const auto found = cues_.find(std::string(kind));
  if (found == cues_.end()) return false;
  for (std::size_t f = 0; f < forms.size(); ++f) {
    const std::uint32_t node = found->second.child(PhraseTrie::root, forms[f]);
    if (node != PhraseTrie::none && !found->second.values(node).empty()) return true;
  }
  return false;
}

}  // namespace fahras
