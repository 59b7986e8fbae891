// Stemmers: the broad term of an Arabic word.
#pragma once

#include "fahras/analysis.hpp"
#include "normalizer.hpp"
#include "stopwords.hpp"

#include <memory>
#include <string>
#include <string_view>

namespace fahras {

/** Stems a fully normalized Arabic word. */
class Stemmer {
public:
  virtual ~Stemmer() = default;
  /** Writes the stem of `word` (fully normalized) to `out`. */
  virtual void stem(std::u32string_view word, std::u32string& out) = 0;
};

/** The stemmer of `kind`; word lists it holds are normalized with `normalizer`. The light
 *  stemmer keeps a reference to `stop_list`, which must outlive it. */
std::unique_ptr<Stemmer> make_stemmer(StemmerKind kind, const Normalizer& normalizer, const StopList& stop_list);

}  // namespace fahras
