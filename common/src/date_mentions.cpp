// Date mentions: one pass of the tokenizer, each word looked up once, then patterns tried at
// the few tokens that can start a date (a number, a month name, a weekday, a cue).
#include "fahras/date_mentions.hpp"

#include "date_keys.hpp"
#include "date_mention_calendar.hpp"
#include "date_mention_lexicon.hpp"
#include "tokenizer.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cstdlib>

namespace fahras {
namespace dm = date_mention;

namespace {

/** A Number token read as up to three groups of at most four digits ("19/5/2025"). */
struct Digits {
  std::array<int, 3> value = {};
  std::array<std::uint8_t, 3> count = {};
  std::uint8_t groups = 0;
  char separator = 0;
  bool ok = false;  ///< false: more groups, longer groups, other separators or other digits
};

enum class TokType : std::uint8_t { Word, Number, Other };

struct Tok {
  std::size_t begin = 0;
  std::size_t end = 0;
  TokType type = TokType::Other;
  dm::Lexeme lex;  ///< for Word
  Digits digits;   ///< for Number
};

/** The value of a digit starting at text[i] (ASCII, ٠-٩ or ۰-۹) and its length, or -1. */
int digit_at(std::string_view text, std::size_t i, std::size_t& length) noexcept {
  const auto b0 = static_cast<unsigned char>(text[i]);
  if (b0 >= '0' && b0 <= '9') {
    length = 1;
    return b0 - '0';
  }
  if (i + 1 < text.size()) {
    const auto b1 = static_cast<unsigned char>(text[i + 1]);
    length = 2;
    if (b0 == 0xD9 && b1 >= 0xA0 && b1 <= 0xA9) return b1 - 0xA0;  // U+0660-0669
    if (b0 == 0xDB && b1 >= 0xB0 && b1 <= 0xB9) return b1 - 0xB0;  // U+06F0-06F9
  }
  return -1;
}

Digits read_digits(std::string_view number) noexcept {
  Digits d;
  std::size_t count = 0;
  for (std::size_t i = 0; i < number.size();) {
    std::size_t length = 1;
    const int digit = digit_at(number, i, length);
    if (digit >= 0) {
      if (count == 4) return d;
      if (count == 0 && ++d.groups > 3) return d;
      auto& value = d.value[static_cast<std::size_t>(d.groups - 1)];
      value = value * 10 + digit;
      d.count[static_cast<std::size_t>(d.groups - 1)] = static_cast<std::uint8_t>(++count);
      i += length;
      continue;
    }
    const char c = number[i];
    if ((c != '/' && c != '.') || count == 0 || (d.separator != 0 && d.separator != c)) return d;
    d.separator = c;
    count = 0;
    ++i;
  }
  d.ok = count > 0;
  return d;
}

enum class Modifier : std::uint8_t { None, Past, Next, Current };

/** A mention before pairs are joined: tokens [first, last). */
struct Raw {
  std::size_t first = 0;
  std::size_t last = 0;
  CivilDate date;
  DateMention::Kind kind = DateMention::Kind::Gregorian;
  bool hijri = false;     ///< written in the Hijri calendar
  bool resolved = false;  ///< false: needed the publication date, which was not given
  dm::DayRange range;     ///< the days it may mean (when resolved)
};

int precision(const CivilDate& d) noexcept { return d.day != 0 ? 0 : d.month != 0 ? 1 : 2; }

bool valid_gregorian(int year, int month, int day) noexcept {
  return month >= 1 && month <= 12 && day >= 1 && day <= dm::days_in_month(year, month);
}

/** A date of a Hijri range at the precision written: the day, the month of its 15th day,
 *  the year of its 1 Rajab. */
std::optional<CivilDate> gregorian_of_hijri(int year, int month, int day) {
  if (day != 0) {
    const auto range = dm::hijri_range(year, month, day);
    if (!range) return std::nullopt;
    return dm::civil_from_days(range->first);
  }
  if (month != 0) {
    const auto range = dm::hijri_range(year, month, 15);
    if (!range) return std::nullopt;
    CivilDate d = dm::civil_from_days(range->first);
    d.day = 0;
    return d;
  }
  const auto rajab = dm::hijri_range(year, 7, 1);
  if (!rajab) return std::nullopt;
  return CivilDate{dm::civil_from_days(rajab->first).year, 0, 0};
}

class Scanner {
public:
  Scanner(std::string_view text, std::optional<CivilDate> published, std::vector<Tok>& toks)
      : text_(text), toks_(toks) {
    if (published && valid_gregorian(published->year, published->month, published->day)) {
      pub_ = *published;
      pub_days_ = dm::days_from_civil(pub_->year, pub_->month, pub_->day);
    }
  }

  void run(std::vector<DateMention>& out) {
    for (std::size_t i = 0; i < toks_.size();) {
      const std::size_t end = try_at(i);
      i = end > i ? end : i + 1;
    }
    join_pairs();
    for (const Raw& raw : raws_) {
      if (!raw.resolved) continue;
      const std::size_t begin = toks_[raw.first].begin;
      std::size_t end = toks_[raw.last - 1].end;
      // "اليوم (الاثنين)", "أغسطس (آب)": the ")" closing a "(" inside the mention is part of it.
      const std::string_view span = text_.substr(begin, end - begin);
      if (std::count(span.begin(), span.end(), '(') > std::count(span.begin(), span.end(), ')') &&
          end < text_.size() && text_[end] == ')') {
        ++end;
      }
      out.push_back({begin, end, raw.date, raw.kind});
    }
  }

private:
  std::string_view text_;
  std::vector<Tok>& toks_;
  std::optional<CivilDate> pub_;
  std::int64_t pub_days_ = 0;
  std::vector<Raw> raws_;

  // ---- tokens and the gaps between them ----

  [[nodiscard]] bool word(std::size_t i, std::uint64_t roles) const noexcept {
    return i < toks_.size() && toks_[i].type == TokType::Word && (toks_[i].lex.roles & roles) != 0;
  }
  [[nodiscard]] const dm::Lexeme& lex(std::size_t i) const noexcept { return toks_[i].lex; }

  /** True when the text between token i-1 and token i is spaces (no line break) and at most
   *  a few of the ASCII/Arabic punctuation marks in `allowed`. */
  [[nodiscard]] bool gap_ok(std::size_t i, std::string_view allowed = {}) const noexcept {
    if (i == 0 || i >= toks_.size()) return false;
    const std::string_view gap = text_.substr(toks_[i - 1].end, toks_[i].begin - toks_[i - 1].end);
    if (gap.size() > 12) return false;
    for (std::size_t k = 0; k < gap.size(); ++k) {
      const char c = gap[k];
      if (c == ' ' || c == '\t') continue;
      if (c == '\xC2' && k + 1 < gap.size() && gap[k + 1] == '\xA0') {  // no-break space
        ++k;
        continue;
      }
      if (c == '\xD8' && k + 1 < gap.size() && gap[k + 1] == '\x8C' && allowed.find(',') != std::string_view::npos) {
        ++k;  // Arabic comma, allowed wherever ',' is
        continue;
      }
      if (c == '\xE2' && k + 2 < gap.size() && gap[k + 1] == '\x80' &&
          (gap[k + 2] == '\x8E' || gap[k + 2] == '\x8F')) {  // LRM, RLM
        k += 2;
        continue;
      }
      if (c == '\n' || c == '\r' || allowed.find(c) == std::string_view::npos) return false;
    }
    return true;
  }

  [[nodiscard]] bool single_number(std::size_t i, int min_digits, int max_digits) const noexcept {
    if (i >= toks_.size() || toks_[i].type != TokType::Number) return false;
    const Digits& d = toks_[i].digits;
    return d.ok && d.groups == 1 && d.count[0] >= min_digits && d.count[0] <= max_digits;
  }

  /** 0 none, 1 هـ, 2 م: a calendar suffix right after token i-1 (at token i). */
  [[nodiscard]] int suffix_at(std::size_t i) const noexcept {
    if (!gap_ok(i) || !word(i, dm::suffix_hijri | dm::suffix_greg) || lex(i).had_clitic) return 0;
    return word(i, dm::suffix_hijri) ? 1 : 2;
  }

  [[nodiscard]] Modifier modifier_at(std::size_t i) const noexcept {
    if (!gap_ok(i, ")")) return Modifier::None;
    if (word(i, dm::past)) return Modifier::Past;
    if (word(i, dm::next)) return Modifier::Next;
    if (word(i, dm::current)) return Modifier::Current;
    return Modifier::None;
  }

  // ---- results ----

  void add(std::size_t first, std::size_t last, CivilDate date, DateMention::Kind kind, bool hijri,
           std::optional<dm::DayRange> range = std::nullopt) {
    Raw raw{first, last, date, kind, hijri, true, {}};
    raw.range = range ? *range : dm::gregorian_range(date);
    raws_.push_back(raw);
  }

  void add_unresolved(std::size_t first, std::size_t last, DateMention::Kind kind, bool hijri) {
    raws_.push_back(Raw{first, last, {}, kind, hijri, false, {}});
  }

  void add_hijri(std::size_t first, std::size_t last, int year, int month, int day, DateMention::Kind kind) {
    const auto date = gregorian_of_hijri(year, month, day);
    const auto range = dm::hijri_range(year, month, day);
    if (date && range) add(first, last, *date, kind, true, range);
  }

  // ---- resolving against the publication date ----

  /** Which of year-1, year, year+1 is meant, given the signed distances (in days, or months
   *  for a month) of month/day in each from publication; nullopt entries do not exist. */
  static std::optional<int> pick_year(int year, const std::array<std::optional<std::int64_t>, 3>& distance,
                                      Modifier modifier, bool months) {
    if (modifier == Modifier::Past) {
      for (int k = 2; k >= 0; --k) {
        if (distance[static_cast<std::size_t>(k)] && *distance[static_cast<std::size_t>(k)] < 0) return year - 1 + k;
      }
      return std::nullopt;
    }
    if (modifier == Modifier::Next) {
      for (int k = 0; k <= 2; ++k) {
        if (distance[static_cast<std::size_t>(k)] && *distance[static_cast<std::size_t>(k)] > 0) return year - 1 + k;
      }
      return std::nullopt;
    }
    if (modifier == Modifier::Current) return distance[1] ? std::optional<int>(year) : std::nullopt;
    // News mostly looks back: the publication year, unless that puts the date more than
    // six months ahead (then the year before) or more than nine months back (the year after).
    if (!distance[1]) return std::nullopt;
    const std::int64_t ahead = months ? 6 : 183;
    const std::int64_t behind = months ? 9 : 275;
    if (*distance[1] > ahead) return year - 1;
    if (*distance[1] < -behind) return year + 1;
    return year;
  }

  /** The Gregorian year of month/day (day 0: the month) written without one. */
  [[nodiscard]] std::optional<int> gregorian_year(int month, int day, Modifier modifier) const {
    if (!pub_) return std::nullopt;
    std::array<std::optional<std::int64_t>, 3> distance;
    for (int k = 0; k < 3; ++k) {
      const int year = pub_->year - 1 + k;
      if (!valid_gregorian(year, month, day == 0 ? 1 : day)) continue;  // 29 February
      distance[static_cast<std::size_t>(k)] = day != 0 ? dm::days_from_civil(year, month, day) - pub_days_
                                                       : (year * 12 + month) - (pub_->year * 12 + pub_->month);
    }
    return pick_year(pub_->year, distance, modifier, day == 0);
  }

  /** The Hijri year of a Hijri month/day written without one, by the same rule. */
  [[nodiscard]] std::optional<int> hijri_year(int month, int day, Modifier modifier) const {
    if (!pub_) return std::nullopt;
    const auto today = dm::hijri_from_days(pub_days_);
    if (!today) return std::nullopt;
    std::array<std::optional<std::int64_t>, 3> distance;
    for (int k = 0; k < 3; ++k) {
      if (const auto range = dm::hijri_range(today->year - 1 + k, month, day)) {
        distance[static_cast<std::size_t>(k)] = range->first - pub_days_;
      }
    }
    return pick_year(today->year, distance, modifier, false);
  }

  /** Whether the few words before token `first` announce the future (سوف, سيعقد, المقرر). */
  [[nodiscard]] bool future_before(std::size_t first) const {
    for (std::size_t k = first; k > 0 && first - k < 3;) {
      --k;
      const Tok& t = toks_[k];
      if (t.type != TokType::Word) continue;
      if ((t.lex.roles & dm::future) != 0) return true;
      dm::WordCodes codes;
      if (dm::word_codes(text_.substr(t.begin, t.end - t.begin), codes) && dm::is_future_verb(codes)) return true;
    }
    return false;
  }

  // ---- patterns: each returns the token after the mention, or `i` when none starts there ----

  std::size_t try_at(std::size_t i) {
    const Tok& t = toks_[i];
    if (t.type == TokType::Number) {
      if (!t.digits.ok) return i;
      for (const auto pattern : {&Scanner::numeric_joined, &Scanner::numeric_dashed, &Scanner::day_month,
                                 &Scanner::year_with_suffix}) {
        if (const std::size_t end = (this->*pattern)(i); end > i) return end;
      }
      return i;
    }
    if (t.type != TokType::Word || t.lex.roles == 0) return i;
    const std::uint64_t roles = t.lex.roles;
    if ((roles & dm::weekday_cue) != 0 && word(i + 1, dm::weekday) && gap_ok(i + 1, "(")) return weekday(i + 1, i);
    if ((roles & (dm::relative_day | dm::today | dm::awwal | dm::baad | dm::weekday_cue)) != 0) {
      if (const std::size_t end = relative(i); end > i) return end;
    }
    if ((roles & dm::weekday) != 0) return weekday(i, i);
    if ((roles & (dm::day_ordinal | dm::day_tens)) != 0) {
      if (const std::size_t end = ordinal_day(i); end > i) return end;
    }
    if ((roles & (dm::year_cue | dm::year_cue_dual | dm::year_cue_weak | dm::month_word)) != 0) {
      if (const std::size_t end = year_after_cue(i); end > i) return end;
    }
    if ((roles & (dm::greg_month | dm::hijri_month | dm::kanun | dm::tishrin | dm::hijri_head)) != 0) {
      return month_year(i);
    }
    return i;
  }

  struct MonthHit {
    int month = 0;
    bool hijri = false;
    bool ambiguous = false;
    std::size_t end = 0;
  };

  /** A month name at token j: one word, or كانون/تشرين/ربيع/جمادى/ذو and its second word. */
  [[nodiscard]] std::optional<MonthHit> base_month(std::size_t j) const noexcept {
    if (j >= toks_.size() || toks_[j].type != TokType::Word) return std::nullopt;
    const dm::Lexeme& l = lex(j);
    if ((l.roles & dm::greg_month) != 0) return MonthHit{l.value, false, (l.roles & dm::greg_ambiguous) != 0, j + 1};
    if ((l.roles & dm::hijri_month) != 0) return MonthHit{l.value, true, false, j + 1};
    if ((l.roles & (dm::kanun | dm::tishrin | dm::hijri_head)) == 0 || !gap_ok(j + 1)) return std::nullopt;
    if (toks_[j + 1].type != TokType::Word || lex(j + 1).had_clitic) return std::nullopt;
    const dm::Lexeme& second = lex(j + 1);
    if ((l.roles & dm::hijri_head) != 0) {
      if (l.value == 11) {
        if ((second.roles & dm::dhu_tail) == 0) return std::nullopt;
        return MonthHit{second.value, true, false, j + 2};
      }
      if ((second.roles & dm::ordinal) == 0) return std::nullopt;
      return MonthHit{l.value + second.value - 1, true, false, j + 2};
    }
    if ((second.roles & dm::ordinal) == 0) return std::nullopt;
    const bool first = second.value == 1;
    if ((l.roles & dm::kanun) != 0) return MonthHit{first ? 12 : 1, false, false, j + 2};
    return MonthHit{first ? 10 : 11, false, false, j + 2};
  }

  /** A month name, doubled in another family or not: "تموز (يوليو)", "يوليو/تموز". */
  [[nodiscard]] std::optional<MonthHit> month_at(std::size_t j) const noexcept {
    auto hit = base_month(j);
    if (!hit || hit->hijri || !gap_ok(hit->end, "(/-")) return hit;
    const auto twin = base_month(hit->end);
    if (twin && !twin->hijri && twin->month == hit->month) {
      hit->end = twin->end;
      hit->ambiguous = hit->ambiguous && twin->ambiguous;
    }
    return hit;
  }

  struct YearHit {
    int year = 0;
    int suffix = 0;  ///< 0 none, 1 هـ, 2 م
    std::size_t end = 0;
  };

  /** A year after a month name: "2015", "2015م", "1436 هـ", "من عام 2015", "، 2015". */
  [[nodiscard]] std::optional<YearHit> year_after_month(std::size_t k, bool hijri) const noexcept {
    std::size_t j = k;
    if (hijri && word(j, dm::epithet) && gap_ok(j)) ++j;  // رمضان المبارك 1436
    if (word(j, dm::min) && gap_ok(j, ",)") && word(j + 1, dm::year_cue) && gap_ok(j + 1)) j += 2;  // من عام
    else if (word(j, dm::year_cue) && gap_ok(j, ",)")) ++j;                                        // عام
    if (!single_number(j, 4, 4) || !gap_ok(j, j == k ? ",)" : "")) return std::nullopt;
    YearHit hit{toks_[j].digits.value[0], suffix_at(j + 1), j + 1};
    if (hit.suffix != 0) ++hit.end;
    return hit;
  }

  /** D/M/YYYY or YYYY/MM/DD parts: pushes the mention of tokens [first, last). */
  std::size_t numeric_date(std::size_t first, std::size_t last, const std::array<int, 3>& v,
                           const std::array<std::uint8_t, 3>& n) {
    int year = 0;
    int month = 0;
    int day = 0;
    bool day_first = false;
    if (n[0] == 4 && n[1] <= 2 && n[2] <= 2) {
      year = v[0], month = v[1], day = v[2];
    } else if (n[0] <= 2 && n[1] <= 2 && n[2] == 4) {
      day = v[0], month = v[1], year = v[2], day_first = true;
    } else {
      return first;
    }
    const int suffix = suffix_at(last);
    const std::size_t end = suffix != 0 ? last + 1 : last;
    const bool hijri = suffix == 1 || (suffix == 0 && year >= 1300 && year <= 1599);
    if (hijri) {
      if (year < 1300 || year > 1599 || month < 1 || month > 12 || day < 1) return first;
      const std::size_t before = raws_.size();
      add_hijri(first, end, year, month, day, DateMention::Kind::Numeric);
      return raws_.size() > before ? end : first;
    }
    if (year < 1900 || year > 2199) return first;
    if (!valid_gregorian(year, month, day)) {
      if (!day_first || !valid_gregorian(year, day, month)) return first;  // 5/19/2025: M/D
      std::swap(day, month);
    }
    add(first, end, {year, month, day}, DateMention::Kind::Numeric, false);
    return end;
  }

  /** "19/5/2025", "19.5.2025", "2025/05/19": one Number token. */
  std::size_t numeric_joined(std::size_t i) {
    const Digits& d = toks_[i].digits;
    if (d.groups != 3) return i;
    return numeric_date(i, i + 1, d.value, d.count);
  }

  /** The separator of a numeric date between token i-1 and token i: '-' alone, or '/'
   *  with at most one space each side ("2 / 11 / 1436"); 0 for anything else. */
  [[nodiscard]] char date_separator(std::size_t i) const noexcept {
    if (i == 0 || i >= toks_.size()) return 0;
    std::string_view gap = text_.substr(toks_[i - 1].end, toks_[i].begin - toks_[i - 1].end);
    if (gap == "-") return '-';
    if (!gap.empty() && gap.front() == ' ') gap.remove_prefix(1);
    if (!gap.empty() && gap.back() == ' ') gap.remove_suffix(1);
    return gap == "/" ? '/' : 0;
  }

  /** "19-5-2025", "2025-05-19", "2 / 11 / 1436": three Number tokens joined by one separator. */
  std::size_t numeric_dashed(std::size_t i) {
    if (!single_number(i, 1, 4) || !single_number(i + 1, 1, 4) || !single_number(i + 2, 1, 4)) return i;
    const char separator = date_separator(i + 1);
    if (separator == 0 || date_separator(i + 2) != separator) return i;
    if ((date_separator(i) != 0 && toks_[i - 1].type == TokType::Number) ||
        (date_separator(i + 3) != 0 && toks_[i + 3].type == TokType::Number)) {
      return i;  // a longer chain: a phone or product number
    }
    const std::array<int, 3> v = {toks_[i].digits.value[0], toks_[i + 1].digits.value[0], toks_[i + 2].digits.value[0]};
    const std::array<std::uint8_t, 3> n = {toks_[i].digits.count[0], toks_[i + 1].digits.count[0],
                                           toks_[i + 2].digits.count[0]};
    return numeric_date(i, i + 3, v, n);
  }

  /** "21 يوليو 2015", "21 من تموز", "15 شوال 1436هـ", "15 رمضان". */
  std::size_t day_month(std::size_t i) {
    if (!single_number(i, 1, 2)) return i;
    return day_then_month(i, toks_[i].digits.value[0], i + 1);
  }

  /** "الرابع من يناير 2015", "الحادي عشر من سبتمبر", "الحادي والعشرين من يوليو". */
  std::size_t ordinal_day(std::size_t i) {
    int day = 0;
    std::size_t j = i + 1;
    if (word(i, dm::day_tens)) {
      day = lex(i).value;
    } else if (word(i, dm::day_ordinal)) {
      const int units = lex(i).value;
      const bool compound_only = !word(i, dm::ordinal) && units == 1;  // الحادي
      if (word(j, dm::guard) && lex(j).guard_kind == dm::guard_ashar && gap_ok(j) && units < 10) {
        day = units + 10, ++j;
      } else if (word(j, dm::day_tens) && lex(j).had_clitic && gap_ok(j) && units < 10) {
        day = units + lex(j).value, ++j;  // والعشرين
      } else if (!compound_only) {
        day = units;
      }
    }
    if (day == 0 || !word(j, dm::min) || lex(j).had_clitic || !gap_ok(j)) return i;
    return day_then_month(i, day, j);
  }

  /** A day (from token `first`), then at token j [من] a month name and maybe a year. */
  std::size_t day_then_month(std::size_t i, int day, std::size_t j) {
    if (day < 1 || day > 31) return i;
    if (i > 0 && word(i - 1, dm::guard) && lex(i - 1).guard_kind == dm::guard_thawra && gap_ok(i)) return i;
    if (!gap_ok(j)) return i;
    if (word(j, dm::min) && !lex(j).had_clitic && gap_ok(j + 1)) ++j;
    const auto month = month_at(j);
    if (!month) return i;
    const auto year = year_after_month(month->end, month->hijri);
    if (month->hijri) {
      if (year) {
        if (year->suffix == 2 || year->year < 1000 || year->year > 1599) return i;
        add_hijri(i, year->end, year->year, month->month, day, DateMention::Kind::Hijri);
        return year->end;  // none when the day does not exist (30 Ramadan 1436)
      }
      if (month->month == 2) return i;  // صفر: "3 صفر" is a score
      const Modifier modifier = modifier_at(month->end);
      const std::size_t end = modifier != Modifier::None ? month->end + 1 : month->end;
      if (!pub_) {
        add_unresolved(i, end, DateMention::Kind::Hijri, true);
        return end;
      }
      const auto hy = hijri_year(month->month, day, modifier);
      if (!hy) return i;
      add_hijri(i, end, *hy, month->month, day, DateMention::Kind::Hijri);
      return end;
    }
    if (year) {
      if (year->suffix == 1 || year->year < 1000 || year->year > 2199) return i;
      if (!valid_gregorian(year->year, month->month, day)) return year->end;  // 31 April 2015: none
      add(i, year->end, {year->year, month->month, day}, DateMention::Kind::Gregorian, false);
      return year->end;
    }
    if (day > dm::days_in_month(2000, month->month)) return i;  // 31 April in no year
    const Modifier modifier = modifier_at(month->end);
    const std::size_t end = modifier != Modifier::None ? month->end + 1 : month->end;
    if (!pub_) {
      add_unresolved(i, end, DateMention::Kind::Gregorian, false);
      return end;
    }
    const auto gy = gregorian_year(month->month, day, modifier);
    if (!gy) return i;
    add(i, end, {*gy, month->month, day}, DateMention::Kind::Gregorian, false);
    return end;
  }

  /** "1436هـ", "2015م", "1436/1437هـ". */
  std::size_t year_with_suffix(std::size_t i) {
    if (!single_number(i, 4, 4)) return i;
    const int suffix = suffix_at(i + 1);
    if (suffix == 0) return i;
    const int year = toks_[i].digits.value[0];
    if (suffix == 1) {
      if (year < 1000 || year > 1599) return i;
      add_hijri(i, i + 2, year, 0, 0, DateMention::Kind::Hijri);
      return i + 2;
    }
    const bool spaced = toks_[i].end != toks_[i + 1].begin;
    if (year > 2199 || year < (spaced ? 1900 : 1000)) return i;  // "1500 م" is a distance
    add(i, i + 2, {year, 0, 0}, DateMention::Kind::Gregorian, false);
    return i + 2;
  }

  /** One year after a cue, with its suffix: pushes it, returns false when it is no year. */
  bool cued_year(std::size_t first, std::size_t last, int year, int suffix, bool weak) {
    const bool hijri = suffix == 1 || (suffix == 0 && !weak && year >= 1300 && year <= 1599);
    if (hijri) {
      if (year < 1000 || year > 1599) return false;
      const std::size_t before = raws_.size();
      add_hijri(first, last, year, 0, 0, DateMention::Kind::Hijri);
      return raws_.size() > before;
    }
    if (year > 2199 || year < (weak ? 1900 : 1000)) return false;
    add(first, last, {year, 0, 0}, DateMention::Kind::Gregorian, false);
    return true;
  }

  /** "عام 2015", "لعام 1436هـ", "منذ 2011", "عامي 2014 و2015", "العام الماضي", "الشهر المقبل". */
  std::size_t year_after_cue(std::size_t i) {
    const std::uint64_t roles = lex(i).roles;
    const Modifier modifier = modifier_at(i + 1);
    if (modifier != Modifier::None && (roles & (dm::year_cue | dm::month_word)) != 0) {
      if (!pub_) return i;  // nothing else can start here
      const int step = modifier == Modifier::Past ? -1 : modifier == Modifier::Next ? 1 : 0;
      if ((roles & dm::year_cue) != 0) {
        add(i, i + 2, {pub_->year + step, 0, 0}, DateMention::Kind::Relative, false);
      } else {
        const int index = pub_->year * 12 + pub_->month - 1 + step;
        add(i, i + 2, {index / 12, index % 12 + 1, 0}, DateMention::Kind::Relative, false);
      }
      return i + 2;
    }
    if ((roles & (dm::year_cue | dm::year_cue_dual | dm::year_cue_weak)) == 0) return i;
    const std::size_t j = i + 1;
    if (!single_number(j, 4, 4) || !gap_ok(j)) return i;
    const bool weak = (roles & (dm::year_cue | dm::year_cue_dual)) == 0;
    if ((roles & dm::year_cue_dual) != 0) {
      // عامي 2014 و2015, عامي 2014-2015: the suffix after the second year is for both.
      std::size_t k = j + 1;
      if (word(k, dm::waw) && gap_ok(k) && gap_ok(k + 1)) ++k;
      else if (!gap_ok(k, "-/")) return i;
      if (!single_number(k, 4, 4)) return i;
      const int suffix = suffix_at(k + 1);
      const std::size_t end = suffix != 0 ? k + 2 : k + 1;
      const std::size_t before = raws_.size();
      cued_year(i, j + 1, toks_[j].digits.value[0], suffix, weak);
      cued_year(k, end, toks_[k].digits.value[0], suffix, weak);
      return raws_.size() > before ? end : i;
    }
    const int suffix = suffix_at(j + 1);
    const std::size_t end = suffix != 0 ? j + 2 : j + 1;
    return cued_year(i, end, toks_[j].digits.value[0], suffix, weak) ? end : i;
  }

  /** A month name not after a day: "يوليو 2015", "شوال 1436هـ", "في يوليو", "يوليو الماضي". */
  std::size_t month_year(std::size_t i) {
    const auto month = month_at(i);
    if (!month) return i;
    if (const auto year = year_after_month(month->end, month->hijri)) {
      if (month->hijri) {
        if (year->suffix == 2 || year->year < 1000 || year->year > 1599) return i;
        const std::size_t before = raws_.size();
        add_hijri(i, year->end, year->year, month->month, 0, DateMention::Kind::Hijri);
        return raws_.size() > before ? year->end : i;
      }
      if (year->suffix == 1 || year->year < 1000 || year->year > 2199) return i;
      add(i, year->end, {year->year, month->month, 0}, DateMention::Kind::Gregorian, false);
      return year->end;
    }
    if (month->hijri) return i;  // "رمضان" alone is no date
    const Modifier modifier = modifier_at(month->end);
    const bool cue = i > 0 && gap_ok(i) && word(i - 1, dm::month_cue | dm::month_word);
    const bool strong_cue = cue && (word(i - 1, dm::month_word) || !word(i - 1, dm::min));
    if (modifier == Modifier::None && !(month->ambiguous ? strong_cue : cue)) return i;
    if (i > 0 && word(i - 1, dm::guard) && lex(i - 1).guard_kind == dm::guard_thawra) return i;  // ثورة يوليو
    const std::size_t end = modifier != Modifier::None ? month->end + 1 : month->end;
    if (!pub_) return i;
    const auto gy = gregorian_year(month->month, 0, modifier);
    if (!gy) return i;
    add(i, end, {*gy, month->month, 0}, DateMention::Kind::Gregorian, false);
    return end;
  }

  /** A weekday at token i, its cue (يوم, مساء ...) at `first`. */
  std::size_t weekday(std::size_t i, std::size_t first) {
    if (word(i + 1, dm::guard) && lex(i + 1).guard_kind == dm::guard_ashar && gap_ok(i + 1)) return i + 2;
    if (first == i && i > 0 && word(i - 1, dm::guard) && lex(i - 1).guard_kind == dm::guard_ayyam && gap_ok(i)) {
      return i + 1;  // أيام الأحد: every Sunday
    }
    const int day = lex(i).value;
    Modifier modifier = modifier_at(i + 1);
    if (modifier == Modifier::Current) modifier = Modifier::None;
    if (day == 5 && first == i && modifier == Modifier::None) {  // صلاة الجمعة: only before a date
      add_unresolved(i, i + 1, DateMention::Kind::Weekday, false);
      return i + 1;
    }
    const std::size_t end = modifier != Modifier::None ? i + 2 : i + 1;
    if (!pub_) {
      add_unresolved(first, end, DateMention::Kind::Weekday, false);
      return end;
    }
    const int today = dm::weekday_of(pub_days_);
    int offset = 0;
    if (modifier == Modifier::Next) {
      offset = (day - today + 7) % 7;
      if (offset == 0) offset = 7;
    } else if (modifier == Modifier::Past) {
      offset = -((today - day + 7) % 7);
      if (offset == 0) offset = -7;
    } else if (future_before(first)) {
      offset = (day - today + 7) % 7;
    } else {
      offset = -((today - day + 7) % 7);
    }
    add(first, end, dm::civil_from_days(pub_days_ + offset), DateMention::Kind::Weekday, false);
    return end;
  }

  /** "أمس", "أول أمس", "غدا", "بعد غد", "اليوم الأحد", "أمس (الاثنين)". */
  std::size_t relative(std::size_t i) {
    int offset = 0;
    std::size_t end = i + 1;
    if (word(i, dm::awwal) && word(i + 1, dm::relative_day) && lex(i + 1).value == -1 && gap_ok(i + 1)) {
      offset = -2, end = i + 2;
    } else if (word(i, dm::baad) && word(i + 1, dm::ghad) && gap_ok(i + 1)) {
      offset = 2, end = i + 2;
    } else if (word(i, dm::weekday_cue) && word(i + 1, dm::ghad) && gap_ok(i + 1)) {
      offset = 1, end = i + 2;  // يوم غد
    } else if (word(i, dm::relative_day)) {
      if (word(i + 1, dm::guard) && lex(i + 1).guard_kind == dm::guard_haja && gap_ok(i + 1)) return i + 2;
      offset = lex(i).value;
      if (offset == -1 && word(i + 1, dm::ordinal) && lex(i + 1).value == 1 && !lex(i + 1).had_clitic &&
          gap_ok(i + 1)) {
        offset = -2, end = i + 2;  // أمس الأول
      }
    } else if (word(i, dm::today)) {
      if (!word(i + 1, dm::weekday) || !gap_ok(i + 1, "(")) return i;
    } else {
      return i;
    }
    int named_day = -1;
    if (word(end, dm::weekday) && gap_ok(end, "(")) named_day = lex(end++).value;
    if (!pub_) {
      add_unresolved(i, end, DateMention::Kind::Relative, false);
      return end;
    }
    std::int64_t day = pub_days_ + offset;
    if (named_day >= 0) {
      // The weekday named wins over a publication date a day or two late (a crawl's stamp):
      // "اليوم الاثنين" is the last Monday on or before the day "اليوم" points to.
      const int shift = (dm::weekday_of(day) - named_day + 7) % 7;
      day += offset > 0 ? (named_day - dm::weekday_of(day) + 7) % 7 : -shift;
    }
    add(i, end, dm::civil_from_days(day), DateMention::Kind::Relative, false);
    return end;
  }

  // ---- pairs ----

  enum class Join : std::uint8_t { None, Loose, Strong };

  /** How raws a and b are joined: Strong by الموافق (لـ) or a pair's punctuation ("(", "/",
   *  "-"), Loose by spaces or a comma only ("الأحد، 2 أغسطس"), None by anything else, and
   *  None when b starts with a clitic ("1436هـ وشوال ...": و is "and"). */
  [[nodiscard]] Join joined(const Raw& a, const Raw& b) const noexcept {
    if (toks_[b.first].type == TokType::Word && lex(b.first).had_clitic) return Join::None;
    std::size_t k = a.last;
    bool strong = false;
    if (word(k, dm::muwafiq) && gap_ok(k, "(),-/")) {
      ++k;
      if (word(k, dm::lam) && gap_ok(k)) ++k;
      strong = true;
    }
    if (k != b.first || !gap_ok(k, "(),-/")) return Join::None;
    if (!strong && !gap_ok(k, ",)")) strong = true;  // the gap has "(", "/" or "-"
    return strong ? Join::Strong : Join::Loose;
  }

  static bool overlaps(const dm::DayRange& a, const dm::DayRange& b) noexcept {
    return a.first <= b.last + 2 && b.first <= a.last + 2;  // moon sighting vs Umm al-Qura
  }

  void join_pairs() {
    std::vector<Raw> merged;
    merged.reserve(raws_.size());
    for (const Raw& b : raws_) {
      const Join join = merged.empty() ? Join::None : joined(merged.back(), b);
      if (join == Join::None) {
        merged.push_back(b);
        continue;
      }
      Raw& a = merged.back();
      const bool a_vague = a.kind == DateMention::Kind::Weekday || a.kind == DateMention::Kind::Relative;
      const bool b_vague = b.kind == DateMention::Kind::Weekday || b.kind == DateMention::Kind::Relative;
      if (a_vague && !b_vague && (!b.resolved || precision(b.date) == 0)) {
        const std::size_t first = a.first;
        a = b;  // "الأحد 2 أغسطس 2015": the explicit date wins
        a.first = first;
      } else if (!a_vague && !b_vague && a.hijri != b.hijri && join == Join::Strong) {
        if (a.resolved && b.resolved && !overlaps(a.range, b.range)) {
          merged.push_back(b);  // they disagree: keep both
          continue;
        }
        const Raw& gregorian = a.hijri ? b : a;
        const Raw& hijri = a.hijri ? a : b;
        const bool hijri_wins = !gregorian.resolved || (hijri.resolved && precision(hijri.date) < precision(gregorian.date));
        Raw kept = hijri_wins ? hijri : gregorian;
        kept.first = a.first;
        kept.last = b.last;
        a = kept;
      } else {
        merged.push_back(b);
      }
    }
    raws_.swap(merged);
  }
};

}  // namespace

std::vector<DateMention> find_date_mentions(std::string_view text, std::optional<CivilDate> published) {
  thread_local std::vector<Tok> toks;
  toks.clear();
  Tokenizer tokenizer(text);
  RawToken raw;
  bool any_number = false;
  while (tokenizer.next(raw)) {
    Tok t;
    t.begin = raw.begin;
    t.end = raw.end;
    if (raw.kind == TokenKind::Number) {
      t.type = TokType::Number;
      t.digits = read_digits(text.substr(raw.begin, raw.end - raw.begin));
      any_number = any_number || t.digits.ok;
    } else if (raw.kind == TokenKind::ArabicWord) {
      dm::WordCodes codes;
      if (dm::word_codes(text.substr(raw.begin, raw.end - raw.begin), codes)) {
        t.type = TokType::Word;
        t.lex = dm::lookup(codes);
      }
    }
    toks.push_back(t);
  }
  std::vector<DateMention> out;
  if (!any_number && !published) return out;  // without digits, every mention needs `published`
  Scanner(text, published, toks).run(out);
  return out;
}

std::vector<std::string> mention_keys(const CivilDate& date) {
  std::vector<std::string> keys;
  if (date.year < 1 || date.year > 9999) return keys;
  if (date.month >= 1 && date.month <= 12) {
    if (date.day >= 1 && date.day <= 31) keys.push_back(day_key(date));
    keys.push_back(month_key(date));
  }
  keys.push_back(year_key(date));
  return keys;
}

std::string_view to_string(DateMention::Kind kind) noexcept {
  switch (kind) {
    case DateMention::Kind::Gregorian: return "gregorian";
    case DateMention::Kind::Numeric: return "numeric";
    case DateMention::Kind::Hijri: return "hijri";
    case DateMention::Kind::Weekday: return "weekday";
    case DateMention::Kind::Relative: return "relative";
  }
  return "gregorian";
}

}  // namespace fahras
