#include "char_class.hpp"

#include <unicode/uchar.h>
#include <unicode/uscript.h>

#include <array>
#include <memory>

namespace fahras {

namespace {

bool is_one_of(char32_t c, std::initializer_list<char32_t> set) {
  for (const char32_t s : set) {
    if (s == c) return true;
  }
  return false;
}

CharClass classify_with_icu(char32_t c) {
  const auto cp = static_cast<UChar32>(c);
  if (c == 0x200C || c == 0x200B) return CharClass::WordBreak;
  if (c == 0x0640) return CharClass::Ignorable;  // tatweel: decoration inside a word
  // Separators fahras adds to UAX #29: the Arabic comma, semicolon and question mark.
  if (is_one_of(c, {0x060C, 0x060D, 0x061B, 0x061F, 0x003B})) return CharClass::Separator;
  if (is_one_of(c, {0x002E, 0x0027, 0x2018, 0x2019, 0x2024, 0xFE52, 0xFF07, 0xFF0E})) {
    return CharClass::MidNumLet;
  }
  if (is_one_of(c, {0x003A, 0x00B7, 0x0387, 0x055F, 0x05F4, 0x2027, 0xFE13, 0xFE55, 0xFF1A})) {
    return CharClass::MidLetter;
  }
  if (is_one_of(c, {0x002C, 0x002F, 0x066B, 0x066C, 0x037E, 0x0589, 0x07F8, 0x2044, 0xFE10,
                    0xFE14, 0xFE50, 0xFE54, 0xFF0C, 0xFF1B})) {
    return CharClass::MidNum;
  }
  const auto category = static_cast<UCharCategory>(u_charType(cp));
  switch (category) {
    case U_NON_SPACING_MARK:
    case U_COMBINING_SPACING_MARK:
    case U_ENCLOSING_MARK:
    case U_FORMAT_CHAR:
      return CharClass::Ignorable;
    case U_DECIMAL_DIGIT_NUMBER:
      return CharClass::Digit;
    default:
      break;
  }
  if (u_hasBinaryProperty(cp, UCHAR_ALPHABETIC) != 0) {
    UErrorCode status = U_ZERO_ERROR;
    const UScriptCode script = uscript_getScript(cp, &status);
    if (U_FAILURE(status)) return CharClass::OtherLetter;
    if (script == USCRIPT_ARABIC) return CharClass::ArabicLetter;
    if (script == USCRIPT_LATIN) return CharClass::LatinLetter;
    return CharClass::OtherLetter;
  }
  return CharClass::Separator;
}

using BmpTable = std::array<CharClass, 0x10000>;

std::unique_ptr<BmpTable> build_bmp_table() {
  auto table = std::make_unique<BmpTable>();
  for (char32_t c = 0; c < 0x10000; ++c) (*table)[c] = classify_with_icu(c);
  return table;
}

}  // namespace

const CharClass* bmp_classes() noexcept {
  static const std::unique_ptr<BmpTable> bmp = build_bmp_table();
  return bmp->data();
}

CharClass classify(char32_t code_point) noexcept {
  if (code_point < 0x10000) return bmp_classes()[code_point];
  return classify_with_icu(code_point);
}

}  // namespace fahras
