// The date mention scanner's machinery: running over the tokens, the gaps between them, the
// mentions it collects, resolving dates written without a year against the publication
// date, and joining pairs ("الأحد 2 أغسطس", "1436هـ الموافق 2015م"). The patterns are in
// date_mention_patterns.cpp.
#include "date_mention_scanner.hpp"

#include <algorithm>

namespace fahras::date_mention {

namespace {

int precision(const CivilDate& d) noexcept { return d.day != 0 ? 0 : d.month != 0 ? 1 : 2; }

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

}  // namespace

Scanner::Scanner(std::string_view text, std::optional<CivilDate> published, std::vector<Tok>& toks)
    : text_(text), toks_(toks) {
  if (published && valid_gregorian(published->year, published->month, published->day)) {
    pub_ = *published;
    pub_days_ = dm::days_from_civil(pub_->year, pub_->month, pub_->day);
  }
}

void Scanner::run(std::vector<DateMention>& out) {
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

// ---- tokens and the gaps between them ----

/** True when the text between token i-1 and token i is spaces (no line break) and at most
 *  a few of the ASCII/Arabic punctuation marks in `allowed`. */
bool Scanner::gap_ok(std::size_t i, std::string_view allowed) const noexcept {
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

bool Scanner::single_number(std::size_t i, int min_digits, int max_digits) const noexcept {
  if (i >= toks_.size() || toks_[i].type != TokType::Number) return false;
  const Digits& d = toks_[i].digits;
  return d.ok && d.groups == 1 && d.count[0] >= min_digits && d.count[0] <= max_digits;
}

/** 0 none, 1 هـ, 2 م: a calendar suffix right after token i-1 (at token i). */
int Scanner::suffix_at(std::size_t i) const noexcept {
  if (!gap_ok(i) || !word(i, dm::suffix_hijri | dm::suffix_greg) || lex(i).had_clitic) return 0;
  return word(i, dm::suffix_hijri) ? 1 : 2;
}

Modifier Scanner::modifier_at(std::size_t i) const noexcept {
  if (!gap_ok(i, ")")) return Modifier::None;
  if (word(i, dm::past)) return Modifier::Past;
  if (word(i, dm::next)) return Modifier::Next;
  if (word(i, dm::current)) return Modifier::Current;
  return Modifier::None;
}

// ---- results ----

void Scanner::add(std::size_t first, std::size_t last, CivilDate date, DateMention::Kind kind, bool hijri,
                  std::optional<dm::DayRange> range) {
  Raw raw{first, last, date, kind, hijri, true, {}};
  raw.range = range ? *range : dm::gregorian_range(date);
  raws_.push_back(raw);
}

void Scanner::add_unresolved(std::size_t first, std::size_t last, DateMention::Kind kind, bool hijri) {
  raws_.push_back(Raw{first, last, {}, kind, hijri, false, {}});
}

void Scanner::add_hijri(std::size_t first, std::size_t last, int year, int month, int day, DateMention::Kind kind) {
  const auto date = gregorian_of_hijri(year, month, day);
  const auto range = dm::hijri_range(year, month, day);
  if (date && range) add(first, last, *date, kind, true, range);
}

// ---- resolving against the publication date ----

/** Which of year-1, year, year+1 is meant, given the signed distances (in days, or months
 *  for a month) of month/day in each from publication; nullopt entries do not exist. */
std::optional<int> Scanner::pick_year(int year, const std::array<std::optional<std::int64_t>, 3>& distance,
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
std::optional<int> Scanner::gregorian_year(int month, int day, Modifier modifier) const {
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
std::optional<int> Scanner::hijri_year(int month, int day, Modifier modifier) const {
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
bool Scanner::future_before(std::size_t first) const {
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

// ---- pairs ----

/** How raws a and b are joined: Strong by الموافق (لـ) or a pair's punctuation ("(", "/",
 *  "-"), Loose by spaces or a comma only ("الأحد، 2 أغسطس"), None by anything else, and
 *  None when b starts with a clitic ("1436هـ وشوال ...": و is "and"). */
Scanner::Join Scanner::joined(const Raw& a, const Raw& b) const noexcept {
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

bool Scanner::overlaps(const dm::DayRange& a, const dm::DayRange& b) noexcept {
  return a.first <= b.last + 2 && b.first <= a.last + 2;  // moon sighting vs Umm al-Qura
}

void Scanner::join_pairs() {
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

}  // namespace fahras::date_mention
