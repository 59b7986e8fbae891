// The words date mentions are made of: month names of every family, weekdays, cues and
// suffixes, looked up by a normalized key in one binary search.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace fahras::date_mention {

/** What a word can be in a date; a word may be several things (منذ is a year and a month cue). */
enum Role : std::uint64_t {
  greg_month = 1ULL << 0,       ///< a Gregorian month name; value 1-12
  greg_ambiguous = 1ULL << 1,   ///< also a common word (مارس, ماي, آب, أوت): needs a day, year or cue
  kanun = 1ULL << 2,            ///< كانون: + الأول = 12, + الثاني = 1
  tishrin = 1ULL << 3,          ///< تشرين: + الأول = 10, + الثاني = 11
  hijri_month = 1ULL << 4,      ///< a one-word Hijri month; value 1-12
  hijri_head = 1ULL << 5,       ///< ربيع (value 3), جمادى (5), ذو/ذي (11): a second word follows
  ordinal = 1ULL << 6,          ///< الأول/الأولى (value 1), الثاني/الآخر/الآخرة/الثانية (value 2)
  dhu_tail = 1ULL << 7,         ///< القعدة (value 11), الحجة (value 12)
  weekday = 1ULL << 8,          ///< value 0 (الأحد, Sunday) - 6 (السبت)
  weekday_cue = 1ULL << 9,      ///< يوم مساء صباح ليلة ظهر عصر فجر
  year_cue = 1ULL << 10,        ///< عام العام سنة السنة
  year_cue_dual = 1ULL << 11,   ///< عامي سنتي العامين
  year_cue_weak = 1ULL << 12,   ///< منذ بحلول مطلع أوائل ...: years 1900-2199 only
  month_cue = 1ULL << 13,       ///< في منذ خلال حتى من إلى ... شهر
  month_word = 1ULL << 14,      ///< شهر: a month name after it needs nothing else
  suffix_hijri = 1ULL << 15,    ///< هـ هجري للهجرة
  suffix_greg = 1ULL << 16,     ///< م ميلادي للميلاد
  muwafiq = 1ULL << 17,         ///< الموافق
  lam = 1ULL << 18,             ///< لـ written apart ("الموافق لـ")
  past = 1ULL << 19,            ///< الماضي المنصرم الفائت
  next = 1ULL << 20,            ///< المقبل القادم
  current = 1ULL << 21,         ///< الجاري الحالي
  relative_day = 1ULL << 22,    ///< أمس (value -1), غدا (value 1)
  today = 1ULL << 23,           ///< اليوم
  ghad = 1ULL << 24,            ///< غد (only in بعد غد)
  baad = 1ULL << 25,            ///< بعد
  awwal = 1ULL << 26,           ///< أول (أول أمس)
  epithet = 1ULL << 27,         ///< المبارك الحرام المعظم الكريم (رمضان المبارك 1436)
  min = 1ULL << 28,             ///< من (21 من يوليو)
  waw = 1ULL << 29,             ///< و written apart (عامي 2014 و2015)
  future = 1ULL << 30,          ///< سوف المقرر المزمع المرتقب
  guard = 1ULL << 31,           ///< عشر (الأحد عشر), ثورة (ثورة 25 يناير), الحاجة (أمس الحاجة), أيام
  day_ordinal = 1ULL << 32,     ///< الأول … العاشر (value 1-10) in "الرابع من يناير"; الحادي (1) before عشر
  day_tens = 1ULL << 33,        ///< العشرين (20), الثلاثين (30): "الحادي والعشرين من يوليو"
};

/** A word's roles and its value (month, weekday, day offset). */
struct Lexeme {
  std::uint64_t roles = 0;
  std::int8_t value = 0;
  std::uint8_t guard_kind = 0;  ///< for `guard`: 1 عشر, 2 ثورة, 3 الحاجة, 4 أيام
  bool had_clitic = false;      ///< found after removing و ف ب ل ك
};

inline constexpr std::uint8_t guard_ashar = 1;
inline constexpr std::uint8_t guard_thawra = 2;
inline constexpr std::uint8_t guard_haja = 3;
inline constexpr std::uint8_t guard_ayyam = 4;  ///< أيام: "أيام الأحد" is every Sunday

/** The letters of an Arabic word, normalized (alef forms → ا, ة → ه, ى/ی → ي, ک → ك) as
 *  small codes (code point - U+0620), tashkeel, tatweel and format controls dropped. */
struct WordCodes {
  static constexpr std::size_t capacity = 12;
  std::uint8_t code[capacity] = {};
  std::size_t size = 0;
};

/** False when `word` has a letter outside Arabic U+0621-U+064A (after normalization) or
 *  more than WordCodes::capacity letters: such a word is in no date. */
bool word_codes(std::string_view word, WordCodes& out) noexcept;

/** The roles of a word (roles 0: none), trying it whole and then without one or two
 *  leading clitics (و/ف, then ب/ل/ك; لل+X as الX) where the word allows them. */
Lexeme lookup(const WordCodes& word) noexcept;

/** A verb with the future prefix س (سيعقد, ستبدأ, سنعمل), common nouns that look alike
 *  (سيارة, سياسة, سنوات, ستة ...) excluded. */
bool is_future_verb(const WordCodes& word) noexcept;

}  // namespace fahras::date_mention
