#include "date_mention_lexicon.hpp"

#include "utf8.hpp"

#include <algorithm>
#include <array>
#include <utility>
#include <vector>

namespace fahras::date_mention {
namespace {

// Letters as codes (code point - U+0620).
constexpr std::uint8_t alef = 0x07;
constexpr std::uint8_t ba = 0x08;
constexpr std::uint8_t ta = 0x0A;
constexpr std::uint8_t sin = 0x13;
constexpr std::uint8_t fa = 0x21;
constexpr std::uint8_t kaf = 0x23;
constexpr std::uint8_t lam_code = 0x24;
constexpr std::uint8_t nun = 0x26;
constexpr std::uint8_t waw_code = 0x28;
constexpr std::uint8_t ya = 0x2A;

/** How a listed word may be prefixed. */
enum Clitics : std::uint8_t {
  wa_only = 1,  ///< و ف
  all = 3,      ///< و ف, then ب ل ك
  none = 0,
};

struct Entry {
  std::string_view word;
  std::uint64_t roles;
  std::int8_t value;
  std::uint8_t clitics;
  std::uint8_t guard_kind = 0;
};

constexpr std::uint64_t month_roles = greg_month;

// Spelling variants are listed only when normalization does not already meet them
// (أبريل and إبريل both become ابريل).
constexpr std::array entries = {
    // Gregorian, Egyptian/Gulf family (and Moroccan يوليوز غشت شتنبر نونبر دجنبر).
    Entry{"يناير", month_roles, 1, all}, Entry{"فبراير", month_roles, 2, all},
    Entry{"مارس", month_roles | greg_ambiguous, 3, all}, Entry{"ابريل", month_roles, 4, all},
    Entry{"مايو", month_roles, 5, all}, Entry{"يونيو", month_roles, 6, all}, Entry{"يونيه", month_roles, 6, all},
    Entry{"يوليو", month_roles, 7, all}, Entry{"يوليه", month_roles, 7, all}, Entry{"يوليوز", month_roles, 7, all},
    Entry{"اغسطس", month_roles, 8, all}, Entry{"غشت", month_roles, 8, all}, Entry{"سبتمبر", month_roles, 9, all},
    Entry{"شتنبر", month_roles, 9, all}, Entry{"اكتوبر", month_roles, 10, all}, Entry{"نوفمبر", month_roles, 11, all},
    Entry{"نونبر", month_roles, 11, all}, Entry{"ديسمبر", month_roles, 12, all}, Entry{"دجنبر", month_roles, 12, all},
    // Levantine/Iraqi.
    Entry{"كانون", kanun, 0, all}, Entry{"شباط", month_roles, 2, all}, Entry{"اذار", month_roles, 3, all},
    Entry{"نيسان", month_roles, 4, all}, Entry{"ايار", month_roles, 5, all}, Entry{"حزيران", month_roles, 6, all},
    Entry{"تموز", month_roles, 7, all}, Entry{"اب", month_roles | greg_ambiguous, 8, wa_only},
    Entry{"ايلول", month_roles, 9, all}, Entry{"تشرين", tishrin, 0, all},
    // Maghrebi.
    Entry{"جانفي", month_roles, 1, all}, Entry{"فيفري", month_roles, 2, all}, Entry{"افريل", month_roles, 4, all},
    Entry{"ماي", month_roles | greg_ambiguous, 5, wa_only}, Entry{"جوان", month_roles, 6, all},
    Entry{"جويليه", month_roles, 7, all}, Entry{"اوت", month_roles | greg_ambiguous, 8, wa_only},
    // Hijri.
    Entry{"محرم", hijri_month, 1, all}, Entry{"صفر", hijri_month, 2, all}, Entry{"ربيع", hijri_head, 3, all},
    Entry{"جمادي", hijri_head, 5, all}, Entry{"جماد", hijri_head, 5, all}, Entry{"رجب", hijri_month, 7, all},
    Entry{"شعبان", hijri_month, 8, all}, Entry{"رمضان", hijri_month, 9, all}, Entry{"شوال", hijri_month, 10, all},
    Entry{"ذو", hijri_head, 11, wa_only}, Entry{"ذي", hijri_head, 11, wa_only}, Entry{"ذا", hijri_head, 11, wa_only},
    Entry{"ذوالقعده", hijri_month, 11, all}, Entry{"ذيالقعده", hijri_month, 11, all},
    Entry{"ذوالحجه", hijri_month, 12, all}, Entry{"ذيالحجه", hijri_month, 12, all},
    Entry{"القعده", dhu_tail, 11, none}, Entry{"الحجه", dhu_tail, 12, none},
    // Second words of كانون، تشرين، ربيع، جمادى.
    Entry{"الاول", ordinal | day_ordinal, 1, wa_only}, Entry{"اول", ordinal | awwal, 1, wa_only}, Entry{"الاولي", ordinal, 1, none},
    Entry{"اولي", ordinal, 1, none}, Entry{"الثاني", ordinal | day_ordinal, 2, wa_only}, Entry{"ثاني", ordinal, 2, none},
    Entry{"الثانيه", ordinal, 2, none}, Entry{"ثانيه", ordinal, 2, none}, Entry{"الاخر", ordinal, 2, none},
    Entry{"اخر", ordinal, 2, none}, Entry{"الاخره", ordinal, 2, none}, Entry{"اخره", ordinal, 2, none},
    // Days written as ordinals ("الرابع من يناير", "الحادي والعشرين من يوليو").
    Entry{"الحادي", day_ordinal, 1, wa_only}, Entry{"الثالث", day_ordinal, 3, wa_only},
    Entry{"الرابع", day_ordinal, 4, wa_only}, Entry{"الخامس", day_ordinal, 5, wa_only},
    Entry{"السادس", day_ordinal, 6, wa_only}, Entry{"السابع", day_ordinal, 7, wa_only},
    Entry{"الثامن", day_ordinal, 8, wa_only}, Entry{"التاسع", day_ordinal, 9, wa_only},
    Entry{"العاشر", day_ordinal, 10, wa_only}, Entry{"العشرين", day_tens, 20, wa_only},
    Entry{"الثلاثين", day_tens, 30, wa_only},
    // Weekdays, 0 = Sunday.
    Entry{"الاحد", weekday, 0, wa_only}, Entry{"الاثنين", weekday, 1, wa_only}, Entry{"الاتنين", weekday, 1, wa_only},
    Entry{"الثلاثاء", weekday, 2, wa_only}, Entry{"الثلاثا", weekday, 2, wa_only},
    Entry{"الاربعاء", weekday, 3, wa_only}, Entry{"الاربعا", weekday, 3, wa_only},
    Entry{"الخميس", weekday, 4, wa_only}, Entry{"الجمعه", weekday, 5, wa_only}, Entry{"السبت", weekday, 6, wa_only},
    Entry{"يوم", weekday_cue, 0, all}, Entry{"مساء", weekday_cue, 0, all}, Entry{"صباح", weekday_cue, 0, all},
    Entry{"ليله", weekday_cue, 0, all}, Entry{"ظهر", weekday_cue, 0, wa_only}, Entry{"ظهيره", weekday_cue, 0, all},
    Entry{"عصر", weekday_cue, 0, wa_only}, Entry{"فجر", weekday_cue, 0, wa_only}, Entry{"نهار", weekday_cue, 0, all},
    // Year cues.
    Entry{"عام", year_cue, 0, all}, Entry{"العام", year_cue, 0, all}, Entry{"سنه", year_cue, 0, all},
    Entry{"السنه", year_cue, 0, all}, Entry{"عامي", year_cue_dual, 0, all}, Entry{"العامين", year_cue_dual, 0, all},
    Entry{"سنتي", year_cue_dual, 0, all}, Entry{"منذ", year_cue_weak | month_cue, 0, wa_only},
    Entry{"حلول", year_cue_weak, 0, all}, Entry{"مطلع", year_cue_weak | month_cue, 0, all},
    Entry{"اوائل", year_cue_weak | month_cue, 0, all}, Entry{"اواخر", year_cue_weak | month_cue, 0, all},
    Entry{"اواسط", year_cue_weak | month_cue, 0, all}, Entry{"منتصف", year_cue_weak | month_cue, 0, all},
    Entry{"نهايه", year_cue_weak | month_cue, 0, all}, Entry{"بدايه", year_cue_weak | month_cue, 0, all},
    Entry{"خلال", year_cue_weak | month_cue, 0, wa_only},
    // Month cues.
    Entry{"في", month_cue, 0, wa_only}, Entry{"حتي", month_cue, 0, wa_only}, Entry{"من", month_cue | min, 0, wa_only},
    Entry{"الي", month_cue, 0, wa_only}, Entry{"قبل", month_cue, 0, all}, Entry{"بعد", month_cue | baad, 0, wa_only},
    Entry{"شهر", month_cue | month_word, 0, all}, Entry{"شهري", month_cue | month_word, 0, all},
    Entry{"الشهر", month_word, 0, all},
    // Suffixes.
    Entry{"ه", suffix_hijri, 0, none}, Entry{"هجري", suffix_hijri, 0, none}, Entry{"هجريه", suffix_hijri, 0, none},
    Entry{"للهجره", suffix_hijri, 0, none}, Entry{"الهجري", suffix_hijri, 0, none},
    Entry{"م", suffix_greg, 0, none}, Entry{"ميلادي", suffix_greg, 0, none}, Entry{"ميلاديه", suffix_greg, 0, none},
    Entry{"للميلاد", suffix_greg, 0, none}, Entry{"الميلادي", suffix_greg, 0, none},
    // Pairs, modifiers, relative days.
    Entry{"الموافق", muwafiq, 0, wa_only}, Entry{"ل", lam, 0, none},
    Entry{"الماضي", past, 0, none}, Entry{"المنصرم", past, 0, none}, Entry{"الفائت", past, 0, none},
    Entry{"الماضيه", past, 0, none}, Entry{"المنصرمه", past, 0, none}, Entry{"الفائته", past, 0, none},
    Entry{"المقبل", next, 0, none}, Entry{"القادم", next, 0, none}, Entry{"المقبله", next, 0, none},
    Entry{"القادمه", next, 0, none}, Entry{"الجاري", current, 0, none}, Entry{"الحالي", current, 0, none},
    Entry{"الجاريه", current, 0, none}, Entry{"الحاليه", current, 0, none},
    Entry{"امس", relative_day, -1, all}, Entry{"الامس", relative_day, -1, all},
    Entry{"البارحه", relative_day, -1, wa_only}, Entry{"غدا", relative_day, 1, wa_only},
    Entry{"غد", ghad, 0, none}, Entry{"اليوم", today, 0, wa_only},
    Entry{"المبارك", epithet, 0, none}, Entry{"الحرام", epithet, 0, none}, Entry{"المعظم", epithet, 0, none},
    Entry{"الكريم", epithet, 0, none}, Entry{"و", waw, 0, none},
    Entry{"سوف", future, 0, wa_only}, Entry{"المقرر", future, 0, all}, Entry{"المزمع", future, 0, all},
    Entry{"المرتقب", future, 0, all},
    Entry{"عشر", guard, 0, none, guard_ashar}, Entry{"ثوره", guard, 0, all, guard_thawra},
    Entry{"الحاجه", guard, 0, none, guard_haja}, Entry{"ايام", guard, 0, wa_only, guard_ayyam},
};

constexpr std::size_t max_key_letters = 10;

std::uint64_t pack(const std::uint8_t* codes, std::size_t size) noexcept {
  std::uint64_t key = size;
  for (std::size_t i = 0; i < size; ++i) key |= static_cast<std::uint64_t>(codes[i]) << (4 + 6 * i);
  return key;
}

/** An open-addressing hash table of the packed keys (the lexicon is small and fixed). */
struct Table {
  static constexpr std::size_t slots = 1024;  // a power of two, > 4 x the entries
  std::vector<std::pair<std::uint64_t, const Entry*>> rows = std::vector<std::pair<std::uint64_t, const Entry*>>(slots);
  std::uint64_t first_letters = 0;  ///< bit c: some entry starts with code c

  static std::size_t slot_of(std::uint64_t key) noexcept {
    return static_cast<std::size_t>((key * 0x9E3779B97F4A7C15ULL) >> 54);  // top 10 bits
  }

  Table() {
    for (const Entry& entry : entries) {
      WordCodes codes;
      if (!word_codes(entry.word, codes) || codes.size > max_key_letters) continue;
      const std::uint64_t key = pack(codes.code, codes.size);
      std::size_t slot = slot_of(key);
      while (rows[slot].second != nullptr) slot = (slot + 1) & (slots - 1);
      rows[slot] = {key, &entry};
      first_letters |= std::uint64_t{1} << codes.code[0];
    }
  }

  const Entry* find(const std::uint8_t* codes, std::size_t size) const noexcept {
    if (size == 0 || size > max_key_letters || ((first_letters >> codes[0]) & 1U) == 0) return nullptr;
    const std::uint64_t key = pack(codes, size);
    for (std::size_t slot = slot_of(key);; slot = (slot + 1) & (slots - 1)) {
      if (rows[slot].second == nullptr) return nullptr;
      if (rows[slot].first == key) return rows[slot].second;
    }
  }
};

const Table& table() {
  static const Table instance;
  return instance;
}

Lexeme to_lexeme(const Entry& entry, bool clitic) noexcept {
  return Lexeme{entry.roles, entry.value, entry.guard_kind, clitic};
}

/** Normalized code of an Arabic letter, 0 for a mark to drop, -1 for anything else. */
int letter_code(char32_t cp) noexcept {
  switch (cp) {
    case 0x0622: case 0x0623: case 0x0625: case 0x0671: return alef;  // آ أ إ ٱ
    case 0x0629: return 0x27;                                         // ة → ه
    case 0x0649: case 0x06CC: return ya;                              // ى ی → ي
    case 0x06A9: return kaf;                                          // ک → ك
    case 0x06BE: case 0x06C1: return 0x27;                            // ھ ہ → ه
    case 0x0640: case 0x0670: case 0x200D: case 0x200E: case 0x200F: case 0x061C: case 0xFEFF: return 0;
    default: break;
  }
  if (cp >= 0x064B && cp <= 0x065F) return 0;  // tashkeel
  if (cp >= 0x0621 && cp <= 0x064A && (cp <= 0x063A || cp >= 0x0641)) return static_cast<int>(cp - 0x0620);
  return -1;
}

bool has_prefix(const WordCodes& word, std::string_view prefix) {
  WordCodes p;
  if (!word_codes(prefix, p) || p.size > word.size) return false;
  return std::equal(p.code, p.code + p.size, word.code);
}

}  // namespace

bool word_codes(std::string_view word, WordCodes& out) noexcept {
  out.size = 0;
  for (std::size_t i = 0; i < word.size();) {
    char32_t cp = 0;
    const auto b0 = static_cast<unsigned char>(word[i]);
    const auto b1 = i + 1 < word.size() ? static_cast<unsigned char>(word[i + 1]) : 0U;
    if (b0 >= 0xD8 && b0 <= 0xDB && (b1 & 0xC0U) == 0x80U) {  // U+0600-U+06FF: the fast path
      cp = static_cast<char32_t>(((b0 & 0x1FU) << 6U) | (b1 & 0x3FU));
      i += 2;
    } else {
      const auto decoded = utf8::decode(word, i);
      cp = decoded.code_point;
      i += decoded.length;
    }
    const int code = letter_code(cp);
    if (code < 0) return false;
    if (code == 0) continue;
    if (out.size == WordCodes::capacity) return false;
    out.code[out.size++] = static_cast<std::uint8_t>(code);
  }
  return out.size > 0;
}

Lexeme lookup(const WordCodes& word) noexcept {
  const Table& t = table();
  const std::uint8_t* c = word.code;
  const std::size_t n = word.size;
  if (const Entry* e = t.find(c, n)) return to_lexeme(*e, false);
  const auto bl = [](std::uint8_t code) { return code == ba || code == lam_code || code == kaf; };
  std::size_t skip = 0;
  if (n >= 3 && (c[0] == waw_code || c[0] == fa)) {
    if (const Entry* e = t.find(c + 1, n - 1); e != nullptr && (e->clitics & wa_only) != 0) return to_lexeme(*e, true);
    skip = 1;
  }
  if (n - skip >= 3 && bl(c[skip])) {
    if (const Entry* e = t.find(c + skip + 1, n - skip - 1); e != nullptr && e->clitics == all) {
      return to_lexeme(*e, true);
    }
    if (c[skip] == lam_code && c[skip + 1] == lam_code && n - skip <= WordCodes::capacity) {
      // للعام = ل + العام, written without the article's alef.
      std::uint8_t restored[WordCodes::capacity];
      restored[0] = alef;
      std::copy(c + skip + 1, c + n, restored + 1);
      if (const Entry* e = t.find(restored, n - skip); e != nullptr && e->clitics == all) return to_lexeme(*e, true);
    }
  }
  return {};
}

bool is_future_verb(const WordCodes& word) noexcept {
  if (word.size < 5 || word.code[0] != sin) return false;
  const std::uint8_t second = word.code[1];
  if (second != ya && second != ta && second != nun) return false;  // not ا: ساعد, سابق
  static constexpr std::array<std::string_view, 14> nouns = {"سيار", "سياس", "سيطر", "سيد",  "سنو",  "سنه", "سنت",
                                                             "سيول", "سينا", "سينم", "ستين", "ستون", "ستار", "سيره"};
  return std::none_of(nouns.begin(), nouns.end(), [&word](std::string_view noun) { return has_prefix(word, noun); });
}

}  // namespace fahras::date_mention
