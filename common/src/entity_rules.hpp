// Contextual rules for names the gazetteer lacks. Each family is one function, run after the
// gazetteer pass on the words it left free, so a rule never overrides a gazetteer mention
// (except that an organization's name may absorb a place right after its head: جامعة دمشق).
#pragma once

#include "entity_lexicon.hpp"
#include "entity_matcher.hpp"

namespace fahras {

/** حزب العمال, منظمة التحرير الفلسطينية: the head and its definite complements → org. */
void apply_org_head_rule(const EntityLexicon& lexicon, MentionSet& mentions);

/** شركة مايكروسوفت, حركة طالبان: the name after an org cue (not the cue) → org. */
void apply_org_cue_rule(const EntityLexicon& lexicon, MentionSet& mentions);

/** وزارة الخارجية الأردنية, الجيش الأمريكي: a government head and its complements → org. */
void apply_government_rule(const EntityLexicon& lexicon, MentionSet& mentions);

/** الرئيس الأمريكي جورج بوش: a title, its complements (words with the article, باسم …, places,
 *  organizations), then a name → person (the name only). */
void apply_title_rule(const EntityLexicon& lexicon, MentionSet& mentions);

/** محمد بن سلمان, أحمد الجبير: a known first name and what follows it as a name → person. */
void apply_given_name_rule(const EntityLexicon& lexicon, MentionSet& mentions);

/** مدينة حلب, قرية بيت أمر: the name after a place cue → place. */
void apply_place_rule(const EntityLexicon& lexicon, MentionSet& mentions);

/** A name a rule found once (جون كيري) is found again in the same text, and so is a person's
 *  last name alone (كيري). */
void apply_discourse_rule(const EntityLexicon& lexicon, MentionSet& mentions);

}  // namespace fahras
