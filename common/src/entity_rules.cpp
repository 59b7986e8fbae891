#include "entity_rules.hpp"

#include <algorithm>
#include <string>
#include <vector>

namespace fahras {
namespace {

using Category = LexiconCategory;

// The longest names a rule takes, in words (measured on the development set: longer spans
// mostly ran into the words after a name).
constexpr std::size_t max_person_words = 5;
constexpr std::size_t max_title_complements = 5;
constexpr std::size_t max_org_words = 6;

class View {
public:
  View(const EntityLexicon& lexicon, MentionSet& mentions) : lexicon_(lexicon), mentions_(mentions) {}

  [[nodiscard]] std::size_t size() const { return mentions_.size(); }
  [[nodiscard]] const EntityToken& token(std::size_t i) const { return mentions_.tokens()[i]; }
  [[nodiscard]] std::size_t is(Category category, std::size_t i) const {
    return lexicon_.match(category, mentions_.tokens(), i, mentions_.forms(i));
  }
  [[nodiscard]] bool free(std::size_t i) const { return mentions_.at(i) == nullptr; }
  // Whether token i continues the phrase before it: it exists and no punctuation comes between.
  [[nodiscard]] bool joined(std::size_t i) const { return i < size() && !token(i).break_before; }
  [[nodiscard]] bool definite(std::size_t i) const { return mentions_.forms(i).definite(); }
  [[nodiscard]] bool word(std::size_t i) const {
    const EntityToken& t = token(i);
    return !t.is_stop && (t.kind == TokenKind::ArabicWord || t.kind == TokenKind::LatinWord);
  }
  // A verb of saying, a time word, ...: judged on the word as written or after و/ف only, since
  // ب, ل and ك do not attach to verbs and stripping them would cut names (كيري is no يري).
  [[nodiscard]] bool name_stop(std::size_t i) const {
    const std::string_view word = token(i).normalized;
    if (lexicon_.contains(Category::NameStop, word)) return true;
    for (const std::string_view conjunction : {"\xD9\x88", "\xD9\x81"}) {
      if (word.starts_with(conjunction) && lexicon_.contains(Category::NameStop, word.substr(conjunction.size()))) return true;
    }
    return false;
  }
  // A word that can be part of a name: not a stop word, verb of saying or time word, and no cue.
  [[nodiscard]] bool name_like(std::size_t i) const {
    return word(i) && !name_stop(i) && is(Category::Title, i) == 0 &&
           is(Category::OrgHead, i) == 0 && is(Category::OrgCue, i) == 0 && is(Category::GovernmentHead, i) == 0 &&
           is(Category::PlaceCue, i) == 0;
  }
  // The length in words of the first name at i (ومحمد, عبد الله), 0 if none.
  [[nodiscard]] std::size_t given(std::size_t i) const {
    return std::max(is(Category::GivenName, i), is(Category::GivenNameWeak, i));
  }
  // A first name as written, without clitics: inside a name, وياسمين starts another person.
  [[nodiscard]] bool given_as_written(std::size_t i) const {
    return lexicon_.contains(Category::GivenName, token(i).normalized) ||
           lexicon_.contains(Category::GivenNameWeak, token(i).normalized);
  }
  // A word that looks like an indefinite common noun or a verb rather than a name: tanween
  // (رفضاً), or an imperfect verb's ي- (يعتقل) on a word that is no known first name.
  [[nodiscard]] bool common_word_shape(std::size_t i) const {
    return token(i).tanween || (token(i).normalized.starts_with("\xD9\x8A") && given(i) == 0);
  }
  // A definite word governed by the preposition ب or ك (بالإصلاحات): it starts a phrase of its
  // own, while لل (للإحصاء) is the genitive inside a name.
  [[nodiscard]] bool governed(std::size_t i) const {
    std::string_view word = token(i).normalized;
    for (const std::string_view conjunction : {"\xD9\x88", "\xD9\x81"}) {
      if (word.starts_with(conjunction) && !starts_with_article(word)) word.remove_prefix(conjunction.size());
    }
    return word.starts_with("\xD8\xA8\xD8\xA7\xD9\x84") || word.starts_with("\xD9\x83\xD8\xA7\xD9\x84");
  }
  [[nodiscard]] const FoundMention* mention(std::size_t i) const { return mentions_.at(i); }
  MentionSet& mentions() { return mentions_; }

private:
  const EntityLexicon& lexicon_;
  MentionSet& mentions_;
};

// The end of a person's name that starts at `first` (a name-like word): links (بن, أبو, عبد)
// with the word after them, further first names, a last name after a first name, and one
// family name with the article (الأسد, القحطاني), which ends it.
std::size_t person_name_end(const View& v, std::size_t first) {
  const std::size_t given = v.given(first);
  std::size_t end = first + std::max<std::size_t>(given, 1);
  bool after_given = given > 0;
  constexpr std::string_view waw = "\xD9\x88";
  while (end - first < max_person_words && v.joined(end) && v.free(end)) {
    const bool conjunction = v.token(end).normalized.starts_with(waw) && !v.given_as_written(end);
    if (conjunction) break;  // وغادة: the next person, or no name at all
    if (v.is(Category::NameLink, end) > 0 && v.joined(end + 1) && v.free(end + 1) && v.word(end + 1) &&
        !v.name_stop(end + 1)) {
      end += 2;
      after_given = true;  // a patronymic or kunya is followed by more name as a first name is
      continue;
    }
    if (!v.name_like(end) || v.common_word_shape(end)) break;
    if (v.definite(end)) {
      if (after_given) ++end;  // a family name with the article (الأسد) ends the name
      break;
    }
    if (v.given_as_written(end)) {
      end += std::max<std::size_t>(v.given(end), 1);
      after_given = true;
      continue;
    }
    if (after_given) {
      ++end;  // a last name after a first name; what follows it is no longer taken
      after_given = false;
      continue;
    }
    break;
  }
  return end;
}

// The end of an organization's complements from `i`: definite words (الخارجية, للإحصاء,
// والتعليم) and places or organizations the gazetteer found (absorbed); 0 words → returns i.
std::size_t org_complements_end(View& v, std::size_t i, std::size_t max_words) {
  std::size_t end = i;
  while (end - i < max_words && v.joined(end)) {
    if (const FoundMention* found = v.mention(end)) {
      if (found->first != end || found->type == EntityType::Person) break;
      end = found->end;
      continue;
    }
    if (v.definite(end) && v.name_like(end) && !v.governed(end)) {
      ++end;
      continue;
    }
    break;
  }
  return end;
}

void add_absorbing(View& v, std::size_t first, std::size_t end, EntityType type) {
  for (std::size_t i = first; i < end; ++i) v.mentions().remove_at(i);
  v.mentions().add({first, end, type, std::nullopt, std::nullopt});
}

void apply_head_rule(const EntityLexicon& lexicon, MentionSet& mentions, Category head_category) {
  View v(lexicon, mentions);
  for (std::size_t i = 0; i < v.size(); ++i) {
    if (!v.free(i)) continue;
    const std::size_t head = v.is(head_category, i);
    if (head == 0) continue;
    std::size_t start = i + head;
    // One or two names without the article may open the complements (اتحاد صناعة السيارات,
    // هيئة كبار العلماء) when a definite word follows them.
    const bool head_has_article = v.definite(i);
    std::size_t bare = start;
    while (!head_has_article && bare - start < 2 && v.joined(bare) && v.free(bare) && v.name_like(bare) &&
           !v.definite(bare) && !v.token(bare).tanween) {
      ++bare;
    }
    std::size_t end = org_complements_end(v, bare, max_org_words);
    if (end == bare) end = start;  // bare words alone are not enough after a head
    if (end == start || (head_has_article && end - start < 2)) continue;
    add_absorbing(v, i, end, EntityType::Organization);
    i = end - 1;
  }
}

}  // namespace

void apply_org_head_rule(const EntityLexicon& lexicon, MentionSet& mentions) {
  apply_head_rule(lexicon, mentions, Category::OrgHead);
}

void apply_org_cue_rule(const EntityLexicon& lexicon, MentionSet& mentions) {
  View v(lexicon, mentions);
  for (std::size_t i = 0; i + 1 < v.size(); ++i) {
    if (!v.free(i) || v.is(Category::OrgCue, i) == 0) continue;
    const std::size_t first = i + v.is(Category::OrgCue, i);
    if (!v.joined(first) || !v.free(first) || !v.name_like(first) || v.token(first).tanween) continue;
    const std::string_view word = v.token(first).normalized;
    // قناة للتفاوض, مجلة أسبوعية: a governed word or an adjective in -ية names nothing.
    if (word.starts_with("\xD9\x84\xD9\x84") || v.governed(first) || (!v.definite(first) && word.ends_with("\xD9\x8A\xD9\x87"))) {
      continue;
    }
    const std::size_t end = v.definite(first) ? org_complements_end(v, first, max_org_words) : first + 1;
    add_absorbing(v, first, end, EntityType::Organization);
    i = end - 1;
  }
}

void apply_government_rule(const EntityLexicon& lexicon, MentionSet& mentions) {
  apply_head_rule(lexicon, mentions, Category::GovernmentHead);
}

void apply_title_rule(const EntityLexicon& lexicon, MentionSet& mentions) {
  View v(lexicon, mentions);
  for (std::size_t i = 0; i < v.size(); ++i) {
    const std::size_t title = v.free(i) ? v.is(Category::Title, i) : 0;
    if (title == 0) continue;
    std::size_t j = i + title;
    // Skip what qualifies the title: الأمريكي, السابق, باسم الخارجية, مجلس الوزراء, places.
    for (std::size_t steps = 0; steps < max_title_complements && v.joined(j); ++steps) {
      if (const FoundMention* found = v.mention(j)) {
        if (found->type == EntityType::Person) break;
        j = found->end;
        continue;
      }
      if (v.is(Category::TitleComplement, j) > 0 || v.is(Category::Title, j) > 0 || v.is(Category::OrgHead, j) > 0 ||
          v.is(Category::GovernmentHead, j) > 0 ||
          (v.definite(j) && v.given(j) == 0 && v.word(j) && !v.name_stop(j))) {
        ++j;
        continue;
      }
      // An indefinite noun before a definite word or a place is the title's complement in a
      // construct (حارس مرمى المنتخب, قائد وحدة مكافحة الإرهاب), not a name.
      const bool construct = v.given(j) == 0 && v.word(j) && !v.definite(j) && v.joined(j + 1) &&
                             ((v.free(j + 1) && v.definite(j + 1) && v.word(j + 1)) ||
                              (v.mention(j + 1) != nullptr && v.mention(j + 1)->type != EntityType::Person));
      if (construct) {
        ++j;
        continue;
      }
      break;
    }
    if (!v.joined(j) || !v.free(j) || !v.name_like(j) || v.definite(j) || v.common_word_shape(j)) continue;
    std::size_t end = person_name_end(v, j);
    // An unknown first word after a title is often a foreign first name: the unknown word after
    // it is the last name (المدافع فابيو كانافارو).
    if (end == j + 1 && v.given(j) == 0 && v.joined(end) && v.free(end) && v.name_like(end) && !v.definite(end) &&
        !v.common_word_shape(end) && v.is(Category::NameLink, end) == 0) {
      ++end;
    }
    v.mentions().add({j, end, EntityType::Person, std::nullopt, std::nullopt});
    i = end - 1;
  }
}

void apply_given_name_rule(const EntityLexicon& lexicon, MentionSet& mentions) {
  View v(lexicon, mentions);
  for (std::size_t i = 0; i + 1 < v.size(); ++i) {
    if (!v.free(i) || v.is(Category::GivenName, i) == 0 || !v.name_like(i) || v.token(i).tanween) continue;
    const std::size_t end = person_name_end(v, i);
    if (end - i < 2) continue;  // a first name alone is too common a word to be sure
    v.mentions().add({i, end, EntityType::Person, std::nullopt, std::nullopt});
    i = end - 1;
  }
}

void apply_place_rule(const EntityLexicon& lexicon, MentionSet& mentions) {
  View v(lexicon, mentions);
  for (std::size_t i = 0; i + 1 < v.size(); ++i) {
    const std::size_t cue = v.free(i) ? v.is(Category::PlaceCue, i) : 0;
    // A cue with the article (المدينة, المنطقة) is followed by adjectives, not names.
    if (cue == 0 || v.definite(i)) continue;
    const std::size_t first = i + cue;
    if (!v.joined(first) || !v.free(first) || !v.name_like(first)) continue;
    // منطقة حدودية, منطقة صناعية: an adjective (nisba in -ية) is no name.
    const std::string& word = v.token(first).normalized;
    if (!v.definite(first) && word.ends_with("\xD9\x8A\xD9\x87")) continue;
    std::size_t end = first + 1;
    if (v.is(Category::PlaceLink, first) > 0 && v.joined(end) && v.free(end) && v.name_like(end)) ++end;
    v.mentions().add({first, end, EntityType::Location, std::nullopt, std::nullopt});
    i = end - 1;
  }
}

void apply_discourse_rule(const EntityLexicon& lexicon, MentionSet& mentions) {
  View v(lexicon, mentions);
  PhraseTrie names;
  std::vector<FoundMention> originals;
  for (const FoundMention& found : mentions.in_order()) {
    if (found.entry) continue;
    std::vector<std::string> words;
    for (std::size_t i = found.first; i < found.end; ++i) words.push_back(v.token(i).normalized);
    // Later mentions may carry their own clitics; CliticForms strips those when matching.
    words.front() = std::string(name_first_word(lexicon, mentions.forms(found.first)));
    names.insert(words, static_cast<std::uint32_t>(originals.size()));
    originals.push_back(found);
    // A person named in full is then named by the last name alone (كيري, الأسد).
    if (found.type == EntityType::Person && found.end - found.first >= 2) {
      const std::size_t last = found.end - 1;
      if (v.is(Category::NameLink, last) == 0 && v.is(Category::GivenName, last) == 0) {
        const std::vector<std::string> last_name{v.token(last).normalized};
        names.insert(last_name, static_cast<std::uint32_t>(originals.size() - 1));
      }
    }
  }
  if (originals.empty()) return;
  std::vector<PhraseMatch> matches;
  for (std::size_t i = 0; i < v.size(); ++i) {
    if (!v.free(i)) continue;
    match_phrases(names, mentions.tokens(), i, mentions.forms(i), matches);
    for (const PhraseMatch& match : matches) {
      if (!mentions.free(i, i + match.length)) continue;
      const FoundMention& original = originals[names.values(match.node).front()];
      mentions.add({i, i + match.length, original.type, std::nullopt, std::pair{original.first, original.end}});
      i += match.length - 1;
      break;
    }
  }
}

}  // namespace fahras
