#include "entity_matcher.hpp"

#include <algorithm>
#include <unordered_set>

namespace fahras {

MentionSet::MentionSet(std::span<const EntityToken> tokens, std::span<const CliticForms> forms)
    : tokens_(tokens), forms_(forms), owner_(tokens.size(), -1) {}

const FoundMention* MentionSet::at(std::size_t i) const noexcept {
  return owner_[i] < 0 ? nullptr : &mentions_[static_cast<std::size_t>(owner_[i])];
}

bool MentionSet::free(std::size_t first, std::size_t end) const noexcept {
  if (end > owner_.size() || first >= end) return false;
  return std::all_of(owner_.begin() + static_cast<std::ptrdiff_t>(first), owner_.begin() + static_cast<std::ptrdiff_t>(end),
                     [](std::int32_t owner) { return owner < 0; });
}

void MentionSet::add(const FoundMention& mention) {
  const auto index = static_cast<std::int32_t>(mentions_.size());
  mentions_.push_back(mention);
  for (std::size_t i = mention.first; i < mention.end; ++i) owner_[i] = index;
}

void MentionSet::remove_at(std::size_t i) {
  const std::int32_t index = owner_[i];
  if (index < 0) return;
  FoundMention& mention = mentions_[static_cast<std::size_t>(index)];
  for (std::size_t j = mention.first; j < mention.end; ++j) owner_[j] = -1;
  mention.end = mention.first;  // dead
}

std::vector<FoundMention> MentionSet::in_order() const {
  std::vector<FoundMention> live;
  for (const FoundMention& mention : mentions_) {
    if (mention.end > mention.first) live.push_back(mention);
  }
  std::sort(live.begin(), live.end(), [](const FoundMention& a, const FoundMention& b) { return a.first < b.first; });
  return live;
}

namespace {

// Whether the word before tokens[i] accepts an ambiguous alias of `entry`: a cue of its kind
// (صحيفة الرياض, نادي الهلال), or a title before a person (الرئيس عباس).
bool has_cue(const GazetteerEntry& entry, const EntityLexicon& lexicon, const MentionSet& mentions, std::size_t i) {
  if (i == 0 || mentions.tokens()[i].break_before) return false;
  const CliticForms& before = mentions.forms(i - 1);
  if (!entry.kind.empty() && lexicon.is_cue(entry.kind, before)) return true;
  return entry.type == EntityType::Person &&
         lexicon.match(LexiconCategory::Title, mentions.tokens(), i - 1, before) == 1;
}

// The length of a leading descriptor word (an org cue or a place cue) whose removal leaves an
// alias of the same entry, else 0.
std::size_t descriptor_length(const Gazetteer& gazetteer, const EntityLexicon& lexicon, const MentionSet& mentions,
                              std::size_t i, const PhraseMatch& match, std::uint32_t entry) {
  if (match.length < 2) return 0;
  const std::size_t cue = std::max(lexicon.match(LexiconCategory::OrgCue, mentions.tokens(), i, mentions.forms(i)),
                                   lexicon.match(LexiconCategory::PlaceCue, mentions.tokens(), i, mentions.forms(i)));
  if (cue == 0 || cue >= match.length) return 0;
  const PhraseTrie& trie = gazetteer.aliases();
  std::uint32_t node = PhraseTrie::root;
  for (std::size_t j = i + cue; j < i + match.length && node != PhraseTrie::none; ++j) {
    node = trie.child(node, mentions.tokens()[j].normalized);
  }
  if (node == PhraseTrie::none) return 0;
  for (const std::uint32_t value : trie.values(node)) {
    if (Gazetteer::candidate_entry(value) == entry) return cue;
  }
  return 0;
}

struct Pending {
  std::size_t first = 0;
  std::size_t end = 0;
  std::uint32_t entry = 0;
};

}  // namespace

void match_gazetteer(const Gazetteer& gazetteer, const EntityLexicon& lexicon, MentionSet& mentions) {
  const PhraseTrie& trie = gazetteer.aliases();
  std::vector<PhraseMatch> matches;
  std::vector<Pending> pending;
  std::unordered_set<std::uint32_t> named;  // entries named by an unambiguous alias
  for (std::size_t i = 0; i < mentions.size();) {
    match_phrases(trie, mentions.tokens(), i, mentions.forms(i), matches);
    bool taken = false;
    for (const PhraseMatch& match : matches) {
      std::optional<std::uint32_t> chosen;
      for (const std::uint32_t value : trie.values(match.node)) {
        const std::uint32_t entry = Gazetteer::candidate_entry(value);
        if (!Gazetteer::candidate_ambiguous(value)) {
          chosen = entry;
          named.insert(entry);
          break;
        }
        if (!chosen && has_cue(gazetteer.entries()[entry], lexicon, mentions, i)) chosen = entry;
      }
      if (!chosen) {
        for (const std::uint32_t value : trie.values(match.node)) {
          pending.push_back({i, i + match.length, Gazetteer::candidate_entry(value)});
        }
        continue;
      }
      // A descriptor that opens an alias (حركة حماس, مدينة الرياض) is left out of the mention
      // when the rest is itself an alias of the entity: the name is حماس.
      const std::size_t skip = descriptor_length(gazetteer, lexicon, mentions, i, match, *chosen);
      mentions.add({i + skip, i + match.length, gazetteer.entries()[*chosen].type, chosen, std::nullopt});
      i += match.length;
      taken = true;
      break;
    }
    if (!taken) ++i;
  }
  // One sense per text: an ambiguous alias of an entity the text names plainly is that entity.
  for (const Pending& candidate : pending) {
    if (named.count(candidate.entry) != 0 && mentions.free(candidate.first, candidate.end)) {
      mentions.add({candidate.first, candidate.end, gazetteer.entries()[candidate.entry].type, candidate.entry, std::nullopt});
    }
  }
}

}  // namespace fahras
