// The patterns of date mentions, tried at the few tokens that can start one (a number, a
// month name, a weekday, a cue): each returns the token after the mention it found, or `i`
// when none starts there.
#include "date_mention_scanner.hpp"

#include <utility>

namespace fahras::date_mention {

std::size_t Scanner::try_at(std::size_t i) {
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

/** A month name at token j: one word, or كانون/تشرين/ربيع/جمادى/ذو and its second word. */
std::optional<Scanner::MonthHit> Scanner::base_month(std::size_t j) const noexcept {
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
std::optional<Scanner::MonthHit> Scanner::month_at(std::size_t j) const noexcept {
  auto hit = base_month(j);
  if (!hit || hit->hijri || !gap_ok(hit->end, "(/-")) return hit;
  const auto twin = base_month(hit->end);
  if (twin && !twin->hijri && twin->month == hit->month) {
    hit->end = twin->end;
    hit->ambiguous = hit->ambiguous && twin->ambiguous;
  }
  return hit;
}

/** A year after a month name: "2015", "2015م", "1436 هـ", "من عام 2015", "، 2015". */
std::optional<Scanner::YearHit> Scanner::year_after_month(std::size_t k, bool hijri) const noexcept {
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
std::size_t Scanner::numeric_date(std::size_t first, std::size_t last, const std::array<int, 3>& v,
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
std::size_t Scanner::numeric_joined(std::size_t i) {
  const Digits& d = toks_[i].digits;
  if (d.groups != 3) return i;
  return numeric_date(i, i + 1, d.value, d.count);
}

/** The separator of a numeric date between token i-1 and token i: '-' alone, or '/'
 *  with at most one space each side ("2 / 11 / 1436"); 0 for anything else. */
char Scanner::date_separator(std::size_t i) const noexcept {
  if (i == 0 || i >= toks_.size()) return 0;
  std::string_view gap = text_.substr(toks_[i - 1].end, toks_[i].begin - toks_[i - 1].end);
  if (gap == "-") return '-';
  if (!gap.empty() && gap.front() == ' ') gap.remove_prefix(1);
  if (!gap.empty() && gap.back() == ' ') gap.remove_suffix(1);
  return gap == "/" ? '/' : 0;
}

/** "19-5-2025", "2025-05-19", "2 / 11 / 1436": three Number tokens joined by one separator. */
std::size_t Scanner::numeric_dashed(std::size_t i) {
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
std::size_t Scanner::day_month(std::size_t i) {
  if (!single_number(i, 1, 2)) return i;
  return day_then_month(i, toks_[i].digits.value[0], i + 1);
}

/** "الرابع من يناير 2015", "الحادي عشر من سبتمبر", "الحادي والعشرين من يوليو". */
std::size_t Scanner::ordinal_day(std::size_t i) {
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
std::size_t Scanner::day_then_month(std::size_t i, int day, std::size_t j) {
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
std::size_t Scanner::year_with_suffix(std::size_t i) {
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
bool Scanner::cued_year(std::size_t first, std::size_t last, int year, int suffix, bool weak) {
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
std::size_t Scanner::year_after_cue(std::size_t i) {
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
std::size_t Scanner::month_year(std::size_t i) {
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
std::size_t Scanner::weekday(std::size_t i, std::size_t first) {
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
std::size_t Scanner::relative(std::size_t i) {
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

}  // namespace fahras::date_mention
