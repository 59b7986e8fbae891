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
 *  2. otherwise a conjunction و/ف and a preposition ب/ل (ك only with the article, above: alone
 *     it is more often a root letter, as in كاظمي), each only when at least four
 *     letters remain and the rest does not start like a word whose first letter is a root
 *     letter (وزير، وزارة، لبنان، فلسطين، بيروت ...);
 *  3. one pronoun suffix (ها هم هما كم هن), turning a word-final ت back into ة
 *     (حكومتها → حكومه);
 *  4. up to three of ات ون ين ان يه ه ي, each only above a minimum stem length, never from
 *     a name or noun that merely ends so (لبنان، برلمان، فلسطين، باكستان), and never down to
 *     a stop word (ولاية is not ولا).
 */
class LightStemmer final : public Stemmer {
public:
  LightStemmer(const Normalizer& normalizer, const StopList& stop_list);
  void stem(std::u32string_view word, std::u32string& out) override;

private:
  [[nodiscard]] bool protected_start(std::u32string_view rest) const;
  [[nodiscard]] bool is_stop_word(std::u32string_view stem) const;
  const StopList& stop_list_;
  std::vector<std::u32string> protected_starts_;
  std::unordered_set<std::u32string> keep_whole_;
};

}  // namespace fahras
