// The mentions found so far in one text, and the gazetteer pass that finds the first of them.
#pragma once

#include "entity_lexicon.hpp"
#include "entity_tokens.hpp"
#include "fahras/entities.hpp"
#include "gazetteer.hpp"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <utility>
#include <vector>

namespace fahras {

/** A mention as token indices [first, end). */
struct FoundMention {
  std::size_t first = 0;
  std::size_t end = 0;
  EntityType type = EntityType::Person;
  std::optional<std::uint32_t> entry;  ///< the gazetteer entry; none for a rule-found name
  /** For a name found again (كيري after جون كيري): the first and end token of the full name,
   *  whose id and display name it takes. */
  std::optional<std::pair<std::size_t, std::size_t>> repeats;
};

/** Non-overlapping mentions over the tokens of one text. */
class MentionSet {
public:
  MentionSet(std::span<const EntityToken> tokens, std::span<const CliticForms> forms);

  [[nodiscard]] std::span<const EntityToken> tokens() const noexcept { return tokens_; }
  [[nodiscard]] const CliticForms& forms(std::size_t i) const noexcept { return forms_[i]; }
  [[nodiscard]] std::size_t size() const noexcept { return tokens_.size(); }

  /** The mention covering token i, or nullptr. */
  [[nodiscard]] const FoundMention* at(std::size_t i) const noexcept;
  /** Whether no mention covers any token of [first, end). */
  [[nodiscard]] bool free(std::size_t first, std::size_t end) const noexcept;

  /** Adds a mention over free tokens. */
  void add(const FoundMention& mention);
  /** Removes the mention covering token i, if any (a rule absorbing it into a longer one). */
  void remove_at(std::size_t i);

  /** The live mentions, in text order. */
  [[nodiscard]] std::vector<FoundMention> in_order() const;

private:
  std::span<const EntityToken> tokens_;
  std::span<const CliticForms> forms_;
  std::vector<FoundMention> mentions_;
  std::vector<std::int32_t> owner_;  ///< per token: index in mentions_, or -1
};

/**
 * The gazetteer pass: left to right, the longest alias that starts at each free word (its first
 * word with or without clitics). An unambiguous alias is taken at once; an ambiguous one only
 * after a cue word of its entry's kind (or a title, for a person), or, once the whole text is
 * read, when its entity was named unambiguously elsewhere in it. When the longest alias is not
 * accepted, shorter ones are tried.
 */
void match_gazetteer(const Gazetteer& gazetteer, const EntityLexicon& lexicon, MentionSet& mentions);

}  // namespace fahras
