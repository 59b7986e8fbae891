// The words the contextual entity rules look for (common/data/entities/lexicon-cues.tsv).
#pragma once

#include "entity_phrase_trie.hpp"
#include "entity_tokens.hpp"
#include "fahras/analysis.hpp"
#include "gazetteer_data.hpp"

#include <array>
#include <cstddef>
#include <optional>
#include <vector>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>

namespace fahras {

/** The categories of lexicon-cues.tsv (cue:KIND lines aside). */
enum class LexiconCategory : std::uint8_t {
  Title,
  TitleComplement,
  GivenName,
  GivenNameWeak,
  NameLink,
  OrgHead,
  OrgCue,
  GovernmentHead,
  PlaceCue,
  PlaceLink,
  NameStop,
};
inline constexpr std::size_t lexicon_category_count = 11;

/** "title", "given-name", ... as written in the file; nullopt for an unknown name. */
std::optional<LexiconCategory> parse_lexicon_category(std::string_view name) noexcept;

class EntityLexicon {
public:
  /** Reads the lexicon files among `files`; throws std::runtime_error on an unknown category. */
  EntityLexicon(std::span<const EntityDataFile> files, const AnalysisProfile& profile);

  /** The compiled-in lexicon under the normalization of `profile`, built once per process. */
  static const EntityLexicon& shared(const AnalysisProfile& profile);

  /** The length in words of the longest entry of `category` that starts at tokens[i] (its first
   *  word in any of `first_forms`, later words exact and not across punctuation); 0 if none. */
  [[nodiscard]] std::size_t match(LexiconCategory category, std::span<const EntityToken> tokens, std::size_t i,
                                  const CliticForms& first_forms) const;

  /** Whether the single word `word` (exactly) is an entry of `category`. */
  [[nodiscard]] bool contains(LexiconCategory category, std::string_view word) const;

  /** Whether the word (one of its clitic forms) is a cue for an ambiguous alias of `kind`. */
  [[nodiscard]] bool is_cue(std::string_view kind, const CliticForms& forms) const;

private:
  std::array<PhraseTrie, lexicon_category_count> categories_;
  std::unordered_map<std::string, PhraseTrie> cues_;
};

/** The first word of a rule-found name as it is shown and remembered: the form that is a known
 *  first name (ومحمد → محمد), else the word as written: stripping letters that look like
 *  clitics would cut names (بوش, لافروف, كيري). Empty for a word of one letter (no forms). */
std::string_view name_first_word(const EntityLexicon& lexicon, const CliticForms& forms);

/** A sequence of a PhraseTrie found in the text: its length in words and its end node. */
struct PhraseMatch {
  std::size_t length = 0;
  std::uint32_t node = PhraseTrie::none;
};
/** Every sequence of `trie` with values that starts at tokens[i] (its first word in any of
 *  `first_forms`, later words exact and not across punctuation), longest first. */
void match_phrases(const PhraseTrie& trie, std::span<const EntityToken> tokens, std::size_t i,
                   const CliticForms& first_forms, std::vector<PhraseMatch>& matches);

}  // namespace fahras
