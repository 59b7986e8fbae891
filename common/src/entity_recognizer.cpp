#include "entity_lexicon.hpp"
#include "entity_matcher.hpp"
#include "entity_rules.hpp"
#include "entity_tokens.hpp"
#include "fahras/entities.hpp"
#include "fahras/terms.hpp"
#include "gazetteer.hpp"
#include "utf8.hpp"

#include <array>
#include <optional>
#include <tuple>
#include <unordered_set>
#include <utility>

namespace fahras {
namespace {

// ASCII spellings of the Arabic letters (U+0621–U+064A), for the ids of rule-found names.
constexpr std::array<std::string_view, 42> arabic_ascii = {
    "",   "a", "a",  "w",  "a",  "y",  "a", "b",  "h",  "t", "th", "j",  "h",  "kh",
    "d",  "dh", "r", "z",  "s",  "sh", "s", "d",  "t",  "z", "a",  "gh", "",   "",
    "",   "",   "",  "",   "f",  "q", "k",  "l",  "m", "n",  "h",  "w",  "y",  "y"};

// "jwn-kyry" for جون كيري: a readable, stable slug made from normalized words.
std::string slug(std::span<const EntityToken> tokens, std::size_t first, std::size_t end, std::string_view first_word) {
  std::string out;
  for (std::size_t i = first; i < end; ++i) {
    const std::string_view word = i == first ? first_word : std::string_view(tokens[i].normalized);
    if (!out.empty() && out.back() != '-') out += '-';
    for (std::size_t b = 0; b < word.size(); ++b) {
      const auto c = static_cast<unsigned char>(word[b]);
      if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
        out += static_cast<char>(c);
      } else if ((c == 0xD8 || c == 0xD9) && b + 1 < word.size()) {
        const unsigned code = ((c & 0x1FU) << 6U) | (static_cast<unsigned char>(word[b + 1]) & 0x3FU);
        if (code >= 0x621 && code < 0x621 + arabic_ascii.size()) out += arabic_ascii[code - 0x621];
        ++b;
      }
    }
  }
  while (!out.empty() && out.back() == '-') out.pop_back();
  return out.empty() ? "name-" + stable_hash_hex(first_word) : out;
}

// Marks that stay inside a written word and belong to the letter before them: tashkeel,
// superscript alef, Quranic marks, tatweel, ZWJ and the directional marks.
bool is_mark(char32_t c) {
  return (c >= 0x064B && c <= 0x065F) || c == 0x0670 || (c >= 0x0610 && c <= 0x061A) ||
         (c >= 0x06D6 && c <= 0x06ED) || c == 0x0640 || c == 0x200D || c == 0x200E || c == 0x200F ||
         c == 0x061C;
}

// The byte length of the first letters of the written word `raw` that spell `letters` (the
// clitics the rules stripped, as the normalized word spells them: و ف ب ل ك, unchanged by
// normalization), with the marks after each; nullopt when `raw` does not start so.
std::optional<std::size_t> written_prefix_length(std::string_view raw, std::string_view letters) {
  std::size_t at = 0;
  std::size_t want = 0;
  while (want < letters.size()) {
    if (at >= raw.size()) return std::nullopt;
    const utf8::Decoded expected = utf8::decode(letters, want);
    const utf8::Decoded got = utf8::decode(raw, at);
    if (!got.valid || got.code_point != expected.code_point) return std::nullopt;
    want += expected.length;
    at += got.length;
    while (at < raw.size()) {
      const utf8::Decoded mark = utf8::decode(raw, at);
      if (!mark.valid || !is_mark(mark.code_point)) break;
      at += mark.length;
    }
  }
  return at;
}

// `text` with each run of white space made one space.
std::string one_spaced(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (const char c : text) {
    const bool space = c == ' ' || c == '\t' || c == '\n' || c == '\r';
    if (!space) {
      out += c;
    } else if (!out.empty() && out.back() != ' ') {
      out += ' ';
    }
  }
  return out;
}

}  // namespace

std::string_view to_string(EntityType type) noexcept {
  switch (type) {
    case EntityType::Person: return "person";
    case EntityType::Location: return "place";
    case EntityType::Organization: return "org";
  }
  return "person";
}

std::optional<EntityType> parse_entity_type(std::string_view text) noexcept {
  if (text == "person") return EntityType::Person;
  if (text == "place") return EntityType::Location;
  if (text == "org") return EntityType::Organization;
  return std::nullopt;
}

std::string_view conll_tag(EntityType type) noexcept {
  switch (type) {
    case EntityType::Person: return "PERS";
    case EntityType::Location: return "LOC";
    case EntityType::Organization: return "ORG";
  }
  return "PERS";
}

struct EntityRecognizer::Impl {
  Impl(AnalysisProfile profile, EntityRules rules_in)
      : analyzer(profile), rules(rules_in), gazetteer(Gazetteer::shared(profile)), lexicon(EntityLexicon::shared(profile)) {}

  Analyzer analyzer;
  EntityRules rules;
  const Gazetteer& gazetteer;
  const EntityLexicon& lexicon;
  std::vector<CliticForms> forms;  // reused between calls: each holds a few strings

  // Hidden: a member of a class nested in a public one is otherwise exported from libfahras.so.
  [[gnu::visibility("hidden")]] std::vector<EntityMention> recognize(std::string_view text,
                                                                   const std::vector<EntityToken>& tokens);

  // The display name of a name found by a rule: as the text writes it (its spelling, hamza,
  // ة and diacritics kept), from its first word without the clitics the rules strip (لل+X
  // shown as الX) to its last word. Where the written first word does not start with those
  // clitics, its normalized words.
  std::string rule_name(std::string_view text, std::span<const EntityToken> tokens, const FoundMention& found) const {
    const CliticForms& first_forms = forms[found.first];
    const std::string_view full = first_forms[0];
    const std::string_view chosen = name_first_word(lexicon, first_forms);
    const EntityToken& first = tokens[found.first];
    const std::string_view raw = text.substr(first.begin, first.end - first.begin);
    std::string prefix;
    std::optional<std::size_t> skip = 0;
    constexpr std::string_view alef = "\xD8\xA7";
    if (chosen.size() < full.size() && full.ends_with(chosen)) {
      skip = written_prefix_length(raw, full.substr(0, full.size() - chosen.size()));
    } else if (chosen.starts_with(alef) && chosen.size() - alef.size() < full.size() &&
               full.ends_with(chosen.substr(alef.size()))) {  // لل+X is ل + الX
      skip = written_prefix_length(raw, full.substr(0, full.size() - (chosen.size() - alef.size())));
      prefix = alef;
    } else if (chosen != full) {
      skip = std::nullopt;
    }
    if (!skip || *skip >= raw.size()) {
      std::string name(chosen);
      for (std::size_t i = found.first + 1; i < found.end; ++i) name += " " + tokens[i].normalized;
      return name;
    }
    const std::size_t begin = first.begin + *skip;
    return prefix + one_spaced(text.substr(begin, tokens[found.end - 1].end - begin));
  }
};

EntityRecognizer::EntityRecognizer(AnalysisProfile profile, EntityRules rules)
    : impl_(std::make_unique<Impl>(profile, rules)) {}
EntityRecognizer::~EntityRecognizer() = default;
EntityRecognizer::EntityRecognizer(EntityRecognizer&&) noexcept = default;
EntityRecognizer& EntityRecognizer::operator=(EntityRecognizer&&) noexcept = default;

const EntityRules& EntityRecognizer::rules() const noexcept { return impl_->rules; }

std::vector<EntityMention> EntityRecognizer::find(std::string_view text) {
  return impl_->recognize(text, entity_tokens(impl_->analyzer, text));
}

std::vector<EntityMention> EntityRecognizer::find(std::string_view text,
                                                  const std::function<void(const TokenSink&)>& analyze) {
  std::vector<EntityToken> tokens;
  analyze([&](const TokenView& view) { add_entity_token(tokens, text, view); });
  return impl_->recognize(text, tokens);
}

std::vector<EntityMention> EntityRecognizer::Impl::recognize(std::string_view text,
                                                             const std::vector<EntityToken>& tokens) {
  Impl& impl = *this;
  if (impl.forms.size() < tokens.size()) impl.forms.resize(tokens.size());
  for (std::size_t i = 0; i < tokens.size(); ++i) impl.forms[i].compute(tokens[i].normalized);
  MentionSet mentions(tokens, std::span<const CliticForms>(impl.forms.data(), tokens.size()));

  if (rules.gazetteer) match_gazetteer(impl.gazetteer, impl.lexicon, mentions);
  if (rules.org_cues) apply_org_cue_rule(impl.lexicon, mentions);
  if (rules.org_heads) apply_org_head_rule(impl.lexicon, mentions);
  if (rules.government_bodies) apply_government_rule(impl.lexicon, mentions);
  if (rules.titles) apply_title_rule(impl.lexicon, mentions);
  if (rules.given_names) apply_given_name_rule(impl.lexicon, mentions);
  if (rules.place_cues) apply_place_rule(impl.lexicon, mentions);
  if (rules.discourse) apply_discourse_rule(impl.lexicon, mentions);

  std::vector<EntityMention> out;
  for (const FoundMention& found : mentions.in_order()) {
    EntityMention mention;
    mention.begin = tokens[found.first].begin;
    mention.end = tokens[found.end - 1].end;
    mention.first_position = tokens[found.first].position;
    mention.last_position = tokens[found.end - 1].position;
    mention.type = found.type;
    if (found.entry) {
      const GazetteerEntry& entry = impl.gazetteer.entries()[*found.entry];
      mention.id = entry.id;
      mention.name = entry.name;
    } else {
      // A repeated name (كيري after جون كيري) is the entity of the full name.
      FoundMention named = found;
      if (found.repeats) std::tie(named.first, named.end) = *found.repeats;
      // A name does not start with a one-letter word (a letter split off a word: "د اعش").
      if (impl.forms[named.first].size() == 0) continue;
      mention.id = slug(tokens, named.first, named.end, name_first_word(impl.lexicon, impl.forms[named.first]));
      mention.name = impl.rule_name(text, tokens, named);
      mention.from_gazetteer = false;
    }
    out.push_back(std::move(mention));
  }
  return out;
}

std::vector<Entity> EntityRecognizer::resolve(std::string_view name, std::optional<EntityType> type) {
  Impl& impl = *impl_;
  const std::vector<EntityToken> tokens = entity_tokens(impl.analyzer, name);
  std::vector<Entity> out;
  if (tokens.empty()) return out;
  CliticForms first;
  first.compute(tokens.front().normalized);
  std::vector<PhraseMatch> matches;
  match_phrases(impl.gazetteer.aliases(), tokens, 0, first, matches);
  std::unordered_set<std::uint32_t> seen;
  // Only a match of the whole name counts; unambiguous candidates first.
  for (const bool ambiguous : {false, true}) {
    for (const PhraseMatch& match : matches) {
      if (match.length != tokens.size()) continue;
      for (const std::uint32_t value : impl.gazetteer.aliases().values(match.node)) {
        const std::uint32_t index = Gazetteer::candidate_entry(value);
        if (Gazetteer::candidate_ambiguous(value) != ambiguous || !seen.insert(index).second) continue;
        const GazetteerEntry& entry = impl.gazetteer.entries()[index];
        if (type && entry.type != *type) continue;
        out.push_back({entry.id, entry.type, entry.name});
      }
    }
  }
  return out;
}

std::size_t EntityRecognizer::gazetteer_size() {
  return Gazetteer::shared(AnalysisProfile{}).entries().size();
}

}  // namespace fahras
