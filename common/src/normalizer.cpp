#include "normalizer.hpp"

#include "utf8.hpp"

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include <algorithm>

namespace fahras::normalize {

namespace {

template <typename Predicate>
void erase_if(std::u32string& word, Predicate remove) {
  word.erase(std::remove_if(word.begin(), word.end(), remove), word.end());
}

template <typename Mapping>
void map_each(std::u32string& word, Mapping map) {
  for (char32_t& c : word) c = map(c);
}

bool needs_nfkc(char32_t c) {
  if (c < 0xA0) return false;
  // The Arabic block is NFKC apart from the high-hamza letters; its combining marks are
  // "maybe" for NFKC but are removed by stage 3 anyway, with the same result.
  if (c >= 0x0600 && c <= 0x06FF) return c >= 0x0675 && c <= 0x0678;
  return u_getIntPropertyValue(static_cast<UChar32>(c), UCHAR_NFKC_QUICK_CHECK) != UNORM_YES;
}

}  // namespace

void compatibility_forms(std::u32string& word) {
  if (std::none_of(word.begin(), word.end(), needs_nfkc)) return;
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfkc = icu::Normalizer2::getNFKCInstance(status);
  if (U_FAILURE(status)) return;  // ICU data missing: leave the word as it is
  const auto* data = reinterpret_cast<const UChar32*>(word.data());
  const icu::UnicodeString source = icu::UnicodeString::fromUTF32(data, static_cast<int32_t>(word.size()));
  const icu::UnicodeString result = nfkc->normalize(source, status);
  if (U_FAILURE(status)) return;
  word.resize(static_cast<std::size_t>(result.countChar32()));
  UErrorCode extract_status = U_ZERO_ERROR;
  result.toUTF32(reinterpret_cast<UChar32*>(word.data()), static_cast<int32_t>(word.size()), extract_status);
}

void remove_format_controls(std::u32string& word) {
  erase_if(word, [](char32_t c) {
    return (c >= 0x200D && c <= 0x200F) || (c >= 0x202A && c <= 0x202E) ||
           (c >= 0x2066 && c <= 0x2069) || c == 0xFEFF || c == 0x061C || c == 0x00AD ||
           c == 0x2060;
  });
}

void remove_diacritics(std::u32string& word) {
  erase_if(word, [](char32_t c) {
    return (c >= 0x064B && c <= 0x065F) || c == 0x0670 || (c >= 0x0610 && c <= 0x061A) ||
           (c >= 0x06D6 && c <= 0x06ED);
  });
}

void remove_tatweel(std::u32string& word) {
  erase_if(word, [](char32_t c) { return c == 0x0640; });
}

void unify_alef(std::u32string& word) {
  map_each(word, [](char32_t c) -> char32_t {
    switch (c) {
      case 0x0622:  // آ
      case 0x0623:  // أ
      case 0x0625:  // إ
      case 0x0671:  // ٱ
      case 0x0672:  // ٲ
      case 0x0673:  // ٳ
        return 0x0627;
      default:
        return c;
    }
  });
}

void unify_hamza_carriers(std::u32string& word) {
  map_each(word, [](char32_t c) -> char32_t {
    // The seat of a hamza varies by region (مسؤول / مسئول, شؤون / شئون): keep the hamza,
    // drop the seat.
    return c == 0x0624 || c == 0x0626 ? char32_t{0x0621} : c;
  });
}

void alef_maqsura_to_ya(std::u32string& word) {
  map_each(word, [](char32_t c) -> char32_t { return c == 0x0649 ? 0x064A : c; });
}

void taa_marbuta_to_ha(std::u32string& word) {
  map_each(word, [](char32_t c) -> char32_t { return c == 0x0629 ? 0x0647 : c; });
}

void persian_letters_to_arabic(std::u32string& word) {
  map_each(word, [](char32_t c) -> char32_t {
    switch (c) {
      case 0x06A9:  // ک keheh
      case 0x06AA:  // ڪ swash kaf
        return 0x0643;
      case 0x06CC:  // ی Farsi yeh
      case 0x06D0:  // ې
      case 0x06D2:  // ے yeh barree
        return 0x064A;
      case 0x06C0:  // ۀ heh with yeh above
      case 0x06C1:  // ہ heh goal
      case 0x06C2:  // ۂ
      case 0x06C3:  // ۃ teh marbuta goal
      case 0x06D5:  // ە ae
      case 0x06BE:  // ھ heh doachashmee
        return 0x0647;
      default:
        return c;
    }
  });
}

void digits_to_ascii(std::u32string& word) {
  map_each(word, [](char32_t c) -> char32_t {
    if (c < 0x80) return c;
    if (c == 0x066B) return U'.';
    if (c == 0x066C) return U',';
    if (u_charType(static_cast<UChar32>(c)) == U_DECIMAL_DIGIT_NUMBER) {
      return U'0' + static_cast<char32_t>(u_charDigitValue(static_cast<UChar32>(c)));
    }
    return c;
  });
}

void fold_case(std::u32string& word) {
  map_each(word, [](char32_t c) -> char32_t {
    if (c < 0x80) return (c >= U'A' && c <= U'Z') ? c + 32 : c;
    if (c == 0x2018 || c == 0x2019) return U'\'';
    if (c >= 0x0600 && c <= 0x06FF) return c;
    return static_cast<char32_t>(u_foldCase(static_cast<UChar32>(c), U_FOLD_CASE_DEFAULT));
  });
}

}  // namespace fahras::normalize

namespace fahras {

namespace {

void light_stages(std::u32string& word) {
  normalize::compatibility_forms(word);
  normalize::remove_format_controls(word);
  normalize::remove_diacritics(word);
  normalize::remove_tatweel(word);
}

void letter_stages(std::u32string& word, HamzaCarriers hamza_carriers) {
  normalize::unify_alef(word);
  if (hamza_carriers == HamzaCarriers::Unify) normalize::unify_hamza_carriers(word);
  normalize::alef_maqsura_to_ya(word);
  normalize::taa_marbuta_to_ha(word);
  normalize::persian_letters_to_arabic(word);
  normalize::digits_to_ascii(word);
  normalize::fold_case(word);
}

}  // namespace

void Normalizer::normalize(std::u32string_view word, NormalizedWord& out) const {
  out.light.assign(word);
  light_stages(out.light);
  out.full = out.light;
  letter_stages(out.full, hamza_carriers_);
}

std::string Normalizer::full(std::string_view text) const {
  std::u32string word = utf8::decode_all(text);
  light_stages(word);
  letter_stages(word, hamza_carriers_);
  std::string out;
  utf8::append(out, word);
  return out;
}

std::string Normalizer::light(std::string_view text) const {
  std::u32string word = utf8::decode_all(text);
  light_stages(word);
  std::string out;
  utf8::append(out, word);
  return out;
}

}  // namespace fahras
