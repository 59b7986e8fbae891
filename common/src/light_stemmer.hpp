// fahras's light Arabic stemmer.
#pragma once

#include "stemmer.hpp"

#include <unordered_set>
#include <vector>

namespace fahras {

/**
 * Strips proclitics and suffixes from a fully normalized word, in the manner of Larkey's
 * light stemmers, with guards against taking a root letter for a clitic:
 *
 *  1. the article with its attached particles (وال فال بال كال لل وبال ...), then any
 *     article left behind by hamza loss (الإلغاء → الالغاء → الغاء → غاء, as إلغاء);
 *  2. otherwise a conjunction و/ف, then a preposition ب/ل (ك only with the article, above:
 *     alone it is more often a root letter, as in كاظمي), each
 *     - when what remains is a one-word name of the gazetteer (common/data/entities) or a stop
 *       word, and the word is neither a name itself nor a protected word with a suffix
 *       (وداعش → داعش, وعدن → عدن, بحمص → حمص, وهما → هما, but واحد, بابها stay);
 *     - or when four letters remain and the word does not start like a word whose first letter
 *       is a root letter (وزير، وزارة، لبنان، فلسطين، بيروت ...);
 *     - or when three letters remain, none of them a long vowel in the middle (فعال فعول فعيل:
 *       وعود، بحار، وسام stay) nor an alif first (واحد، باقي), and the word is not protected
 *       (وقرار → قرار, بحرب → حرب);
 *  3. one pronoun suffix (ها هم هما كم هن), turning a word-final ت back into ة
 *     (حكومتها → حكومه); or else the accusative alif (قرارا → قرار, عاما → عام) when three
 *     letters remain, not after و ا ن ه nor in ايا, and never from a name (روسيا، كندا، ألمانيا),
 *     a stop word or a particle with ما (بعدما، مهما);
 *  4. up to three of ات ون ين ان يه ه ي, each only above a minimum stem length, never from
 *     a name or noun that merely ends so (لبنان، برلمان، فلسطين، باكستان), and never down to
 *     a stop word (ولاية is not ولا).
 *
 * Every step takes letters off either end of the word (and may write a last ت as ه): the
 * snippet token screen (query/src/snippet_screen.cpp) relies on it.
 */
class LightStemmer final : public Stemmer {
public:
  LightStemmer(const Normalizer& normalizer, const StopList& stop_list);
  void stem(std::u32string_view word, std::u32string& out) override;

private:
  [[nodiscard]] bool protected_start(std::u32string_view rest) const;
  [[nodiscard]] bool protected_word(std::u32string_view word) const;
  [[nodiscard]] bool is_name(std::u32string_view word) const;
  [[nodiscard]] bool is_stop_word(std::u32string_view stem) const;
  [[nodiscard]] bool strips_clitic(std::u32string_view word) const;
  [[nodiscard]] bool accusative_alif(std::u32string_view stem, std::u32string_view word) const;
  const StopList& stop_list_;
  const std::unordered_set<std::u32string>& names_;
  std::vector<std::u32string> protected_starts_;
  std::unordered_set<std::u32string> keep_whole_;
};

}  // namespace fahras
