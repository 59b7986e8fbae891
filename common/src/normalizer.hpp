// Arabic normalization: small stages, each doing one thing, applied in one written order.
#pragma once

#include "fahras/analysis.hpp"

#include <string>
#include <string_view>

namespace fahras::normalize {

// The stages, in the order Normalizer applies them. The order matters:
//  1. compatibility_forms first, because presentation forms and ligatures (ﻻ ﷲ) hide the
//     letters, marks and digits every later stage looks for;
//  2-4. invisible characters and decoration go before any letter is compared, so that
//     أَحْمَد and أحمد reach stage 5 as the same letters;
//  5-9. letter unification; the "light" form used to judge stop words is taken before it,
//     so that على (on) and علي (Ali) can be told apart;
//  10-11. digits and case last: they concern characters no earlier stage touches.

/** 1. NFKC, only where a code point is not already NFKC (presentation forms FB50–FDFF,
 *  FE70–FEFF, lam-alef ligatures, full-width Latin). May introduce spaces (ﷺ). */
void compatibility_forms(std::u32string& word);
/** 2. Remove ZWJ, LRM/RLM, ALM, bidi embeddings and isolates, BOM, soft hyphen, word joiner. */
void remove_format_controls(std::u32string& word);
/** 3. Remove tashkeel U+064B–U+065F, superscript alef U+0670, Quranic marks U+0610–U+061A
 *  and U+06D6–U+06ED. */
void remove_diacritics(std::u32string& word);
/** 4. Remove tatweel U+0640. */
void remove_tatweel(std::u32string& word);
/** 5. آ أ إ ٱ and wavy-hamza alefs → ا. */
void unify_alef(std::u32string& word);
/** 6. ؤ ئ → ء, so that the regional seats of one hamza meet: مسؤول / مسئول → مسءول
 *  (only under HamzaCarriers::Unify). */
void unify_hamza_carriers(std::u32string& word);
/** 7. ى → ي. */
void alef_maqsura_to_ya(std::u32string& word);
/** 8. ة → ه. */
void taa_marbuta_to_ha(std::u32string& word);
/** 9. Persian and Urdu letters to the Arabic letters they stand for: ک ڪ → ك,
 *  ی ې ے → ي, ۀ ہ ۂ ۃ ە ھ → ه. */
void persian_letters_to_arabic(std::u32string& word);
/** 10. Decimal digits of every script → 0-9; ٫ → '.', ٬ → ','. */
void digits_to_ascii(std::u32string& word);
/** 11. Unicode simple case folding (CNBC → cnbc); ‘ ’ → '. */
void fold_case(std::u32string& word);

}  // namespace fahras::normalize

namespace fahras {

/** The two forms of a word that analysis needs. */
struct NormalizedWord {
  std::u32string light;  ///< after stages 1-4: spelling kept, decoration gone
  std::u32string full;   ///< after all stages: the form terms are made of
};

/** Applies the stages of fahras::normalize in order, under a profile's options. */
class Normalizer {
public:
  explicit Normalizer(HamzaCarriers hamza_carriers) noexcept : hamza_carriers_(hamza_carriers) {}

  void normalize(std::u32string_view word, NormalizedWord& out) const;

  /** The full form of a UTF-8 string (each stage over the whole string). */
  [[nodiscard]] std::string full(std::string_view text) const;
  /** The light form of a UTF-8 string. */
  [[nodiscard]] std::string light(std::string_view text) const;

  [[nodiscard]] HamzaCarriers hamza_carriers() const noexcept { return hamza_carriers_; }

private:
  HamzaCarriers hamza_carriers_;
};

}  // namespace fahras
