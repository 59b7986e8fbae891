// What each code point is to the tokenizer.
#pragma once

#include <cstdint>

namespace fahras {

/**
 * The tokenizer's view of a code point. Derived from ICU's character properties (the
 * same properties UAX #29 word boundaries use), with the departures fahras makes on purpose
 * for Arabic search written next to each value.
 */
enum class CharClass : std::uint8_t {
  Separator,     ///< spaces, punctuation, symbols, U+FFFD, and ، ؛ ؟ (never inside a word)
  ArabicLetter,  ///< alphabetic, Arabic script (tatweel excluded)
  LatinLetter,   ///< alphabetic, Latin script
  OtherLetter,   ///< alphabetic, any other script
  Digit,         ///< decimal digits of any script (0-9, ٠-٩, ۰-۹, ...)
  Ignorable,     ///< combining marks (tashkeel), tatweel, format controls (ZWJ, bidi marks,
                 ///< BOM, soft hyphen): kept inside a word, never start one (UAX #29 WB4)
  WordBreak,     ///< ZWNJ U+200C and ZWSP U+200B: end a word (ICU would glue across ZWNJ)
  MidLetter,     ///< joins two letters of one script: ':' '·' (UAX #29 MidLetter)
  MidNum,        ///< joins two digits: ',' '٫' '٬' '/' (UAX #29 MidNum, plus '/' for dates
                 ///< such as 19/5/2025, minus ';' and the Arabic comma)
  MidNumLet,     ///< joins two letters or two digits: '.' '\'' '’' (UAX #29 MidNumLet)
};

/** Classifies a code point; O(1) for the Basic Multilingual Plane. */
CharClass classify(char32_t code_point) noexcept;

/** The classes of the Basic Multilingual Plane, indexed by code point (0x10000 entries): what
 *  classify reads, for callers that classify every character of a text. */
const CharClass* bmp_classes() noexcept;

}  // namespace fahras
