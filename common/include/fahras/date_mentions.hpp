// fahras — dates written in Arabic news text ("21 يوليو 2015", "15 شوال 1436هـ", "19/5/2025",
// "يوم الأحد"), found in one pass and turned into Gregorian dates for the mentions terms.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace fahras {

/** A proleptic Gregorian calendar date; month and day 0 mean "not given" ("يوليو 2015" has
 *  day 0, "عام 2015" has month 0 and day 0). */
struct CivilDate {
  int year = 0;
  int month = 0;  ///< 1-12, or 0
  int day = 0;    ///< 1-31, or 0 (always 0 when month is 0)

  friend bool operator==(const CivilDate&, const CivilDate&) = default;
};

/** One date the text talks about. */
struct DateMention {
  /** How the date was written. */
  enum class Kind : std::uint8_t {
    Gregorian,  ///< a Gregorian month name, or a year with a cue ("عام 2015", "2015م")
    Numeric,    ///< digits only: 19/5/2025, ١٩-٥-٢٠٢٥, 2025-05-19, 1436/10/15هـ
    Hijri,      ///< a Hijri month name or هـ ("15 شوال 1436هـ", "1436هـ"), converted
    Weekday,    ///< "يوم الأحد", resolved against the publication date
    Relative,   ///< "أمس", "غدا", "اليوم الأحد", "العام الماضي", resolved against publication
  };

  std::size_t begin = 0;  ///< byte offset of the mention in the text
  std::size_t end = 0;    ///< byte offset one past its end
  CivilDate date;         ///< the Gregorian date meant (precision: see CivilDate)
  Kind kind = Kind::Gregorian;

  friend bool operator==(const DateMention&, const DateMention&) = default;
};

/**
 * Finds the dates written in `text` (UTF-8; ill-formed bytes only separate words), in text
 * order, in a single pass over its words (the project's tokenizer, then one hash lookup per
 * word). Never throws on any text. The parts of a mention must stand in one line, separated
 * by spaces (a comma or parentheses where said below).
 *
 * `published` is the article's local (Gregorian) publication date, day included. Without it,
 * mentions that need it (weekdays, أمس/غدا, "العام الماضي", a month or day with no year) are
 * left out.
 *
 * Rules (tests/data/date_mentions.tsv has cases for each):
 *  - Month names of the three families, with spelling variants (hamza forms, ة/ه, ى/ي,
 *    tashkeel, tatweel, Persian ی/ک) and the clitics و ف (and ب ل ك): Egyptian/Gulf
 *    يناير…ديسمبر (يونيه، يوليه), Levantine/Iraqi كانون الثاني…كانون الأول (كانون ثاني),
 *    Maghrebi جانفي…ديسمبر, Moroccan يوليوز غشت شتنبر نونبر دجنبر. A doubled name
 *    ("تموز (يوليو)", "يوليو/تموز", "يناير كانون الثاني") counts once.
 *  - Day + month [+ year]: "21 يوليو 2015", "21 من يوليو 2015م", and ordinal days before من
 *    ("الرابع من يناير", "الحادي عشر من سبتمبر", "الحادي والعشرين من يوليو"). The day must
 *    exist (31 April is no date, and no month mention either).
 *  - Month + year: "يوليو 2015", "يوليو، 2015", "يوليو من عام 2015" (years 1000-2199).
 *  - No year: a day + month, or a month alone after a cue (في منذ خلال حتى من إلى قبل بعد
 *    مطلع أوائل أواسط أواخر منتصف نهاية بداية شهر). The year is the publication year, or the
 *    year before when that puts the date more than six months ahead of publication, or the
 *    year after when more than nine months behind (news mostly looks back: "في 5 يناير" is
 *    January 2015 in July 2015, January 2016 in December 2015). "يوليو الماضي/المنصرم/الفائت"
 *    is the last July strictly before the publication month (day: before the publication
 *    day), "يوليو المقبل/القادم" the first strictly after it, "يوليو الجاري/الحالي" the
 *    publication year's. The names that are also common words (مارس "practised", ماي, آب
 *    "father" once hamza is unified, أوت) need a day, a year, a modifier, or a cue other than
 *    من ("من مارس الرياضة"). "ثورة 25 يناير", "ثورة يوليو" (names, not dates) are left out.
 *  - Numeric: D/M/YYYY, D-M-YYYY, D.M.YYYY and YYYY/MM/DD, YYYY-MM-DD, YYYY.MM.DD, in any
 *    digits (0-9, ٠-٩, ۰-۹), optionally followed by م or هـ; the parts joined by one kind of
 *    separator with no spaces ('/' may have one space each side: "2 / 11 / 1436هـ"). Day
 *    first, as Arabic news writes it; M/D is read only when D/M is no date and M/D is
 *    (5/19/2025). Years 1900-2199 are Gregorian, 1300-1599 Hijri; two-digit years are never
 *    read; a longer chain (1-800-123-2015) is none. ٢-١ or 3.5 is no date.
 *  - Hijri: day + month + year, month + year ("شوال 1436 هـ", "رمضان المبارك 1436هـ"), a year
 *    with هـ/هجري/للهجرة ("1436هـ"), and day + month without a year (the Hijri year chosen
 *    by the rule above; not for صفر, "zero", as in a score "3 صفر"). Month names محرم صفر
 *    ربيع الأول ربيع الآخر/الثاني جمادى الأولى جمادى الآخرة/الثانية رجب شعبان رمضان شوال
 *    ذو/ذي القعدة ذو/ذي الحجة, converted with ICU's islamic-umalqura calendar (the Saudi
 *    official calendar; elsewhere moon sighting may differ by a day or two). A Hijri month
 *    alone maps to the Gregorian month of its 15th day, a Hijri year alone to the Gregorian
 *    year of its 1 Rajab (its middle). A Hijri month name with no year and no day
 *    ("في رمضان") is no mention.
 *  - A year alone needs a cue: عام/العام/سنة/السنة (also عامي/سنتي/العامين "Y1 و Y2" and
 *    "Y1-Y2", and with the clitics و ف ل ب: لعام، للعام، وسنة), or منذ بحلول مطلع أوائل أواخر
 *    أواسط منتصف نهاية بداية خلال (years 1900-2199 only), or a suffix ("2015م" for 1000-2199,
 *    "2015 م" with a space for 1900-2199, since "1500 م" is a distance; "1436هـ"). After
 *    عام/سنة, 1300-1599 without a suffix is read as Hijri ("عام 1436" in Saudi news). A bare
 *    number is never a date. "العام الماضي/المقبل/الجاري" and "الشهر الماضي/المقبل/الجاري"
 *    are the year or month before, after or of publication (Kind::Relative).
 *  - Pairs: two mentions of the two calendars joined by الموافق (الموافق لـ), "/", "-" or
 *    parentheses ("الأحد 15 شوال 1436هـ الموافق 2 أغسطس 2015م", "1436هـ (2015م)") are one
 *    mention when they agree (their day ranges overlap, within 2 days for moon sighting);
 *    the more precise side wins, the Gregorian one on a tie. When they disagree both are
 *    kept. A pair never starts at a word with a clitic ("1436هـ وشوال …": و is "and").
 *  - Weekdays الأحد الاثنين/الإثنين الثلاثاء الأربعاء الخميس الجمعة السبت, with or without
 *    يوم/مساء/صباح/ليلة/ظهر/ظهيرة/عصر/فجر/نهار (الجمعة needs one of them or a modifier:
 *    "صلاة الجمعة" is no date; "الأحد عشر" is eleven; "أيام الأحد" is every Sunday). News mostly reports what happened,
 *    so a weekday is the most recent such day on or before publication (0-6 days back);
 *    after a future cue in the three words before it (سوف, المقرر, المزمع, المرتقب, or a verb
 *    with the future prefix س: سيعقد، ستبدأ) it is the next such day on or after publication;
 *    "الأحد المقبل/القادم" is 1-7 days ahead and "الأحد الماضي" 1-7 days back. A weekday
 *    right before an explicit day ("الأحد 2 أغسطس 2015", "يوم الخميس، 23 يوليو", "الاثنين
 *    الموافق 2/11/1436هـ") joins it and the explicit date wins.
 *  - Relative days: أمس/الأمس/البارحة (publication - 1), أول أمس/أمس الأول (- 2), غدا/يوم
 *    غد (+ 1), بعد غد (+ 2), and اليوم only before a weekday ("اليوم الأحد", "اليوم
 *    (الاثنين)"); "في أمس الحاجة" is no date. A weekday after them is part of the mention and
 *    wins (a crawl's stamp may be a day late): "اليوم (الاثنين)" is the last Monday on or
 *    before publication, "أمس الأحد" the last Sunday on or before the day before.
 *  - A ")" closing a "(" inside a mention is part of its span.
 */
std::vector<DateMention> find_date_mentions(std::string_view text,
                                            std::optional<CivilDate> published = std::nullopt);

/**
 * The terms one date yields for indexing, most precise first: "YYYYMMDD" when the day is
 * known, "YYYYMM" when the month is, and always "YYYY" (the indexer adds the prefix). An
 * invalid date (year outside 1-9999) yields nothing.
 */
std::vector<std::string> mention_keys(const CivilDate& date);

/** "gregorian", "numeric", "hijri", "weekday", "relative". */
std::string_view to_string(DateMention::Kind kind) noexcept;

}  // namespace fahras
