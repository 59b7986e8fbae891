// The date mention scanner, shared by its three files: date_mentions.cpp tokenizes the text
// and runs it, date_mention_scanner.cpp holds its machinery (the gaps between tokens, the
// results, resolving against the publication date, joining pairs) and
// date_mention_patterns.cpp the patterns tried at the tokens that can start a date. Each
// member is documented where it is defined.
#pragma once

#include "date_mention_calendar.hpp"
#include "date_mention_lexicon.hpp"
#include "fahras/date_mentions.hpp"

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

namespace fahras {
namespace dm = date_mention;
}  // namespace fahras

namespace fahras::date_mention {

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

inline bool valid_gregorian(int year, int month, int day) noexcept {
  return month >= 1 && month <= 12 && day >= 1 && day <= dm::days_in_month(year, month);
}

/** Finds the mentions in the tokens of `text` (one pass, then pairs joined). */
class Scanner {
public:
  Scanner(std::string_view text, std::optional<CivilDate> published, std::vector<Tok>& toks);

  void run(std::vector<DateMention>& out);

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
  [[nodiscard]] bool gap_ok(std::size_t i, std::string_view allowed = {}) const noexcept;
  [[nodiscard]] bool single_number(std::size_t i, int min_digits, int max_digits) const noexcept;
  [[nodiscard]] int suffix_at(std::size_t i) const noexcept;
  [[nodiscard]] Modifier modifier_at(std::size_t i) const noexcept;

  // ---- results ----

  void add(std::size_t first, std::size_t last, CivilDate date, DateMention::Kind kind, bool hijri,
           std::optional<dm::DayRange> range = std::nullopt);
  void add_unresolved(std::size_t first, std::size_t last, DateMention::Kind kind, bool hijri);
  void add_hijri(std::size_t first, std::size_t last, int year, int month, int day, DateMention::Kind kind);

  // ---- resolving against the publication date ----

  static std::optional<int> pick_year(int year, const std::array<std::optional<std::int64_t>, 3>& distance,
                                      Modifier modifier, bool months);
  [[nodiscard]] std::optional<int> gregorian_year(int month, int day, Modifier modifier) const;
  [[nodiscard]] std::optional<int> hijri_year(int month, int day, Modifier modifier) const;
  [[nodiscard]] bool future_before(std::size_t first) const;

  // ---- patterns: each returns the token after the mention, or `i` when none starts there ----

  struct MonthHit {
    int month = 0;
    bool hijri = false;
    bool ambiguous = false;
    std::size_t end = 0;
  };

  struct YearHit {
    int year = 0;
    int suffix = 0;  ///< 0 none, 1 هـ, 2 م
    std::size_t end = 0;
  };

  std::size_t try_at(std::size_t i);
  [[nodiscard]] std::optional<MonthHit> base_month(std::size_t j) const noexcept;
  [[nodiscard]] std::optional<MonthHit> month_at(std::size_t j) const noexcept;
  [[nodiscard]] std::optional<YearHit> year_after_month(std::size_t k, bool hijri) const noexcept;
  std::size_t numeric_date(std::size_t first, std::size_t last, const std::array<int, 3>& v,
                           const std::array<std::uint8_t, 3>& n);
  std::size_t numeric_joined(std::size_t i);
  [[nodiscard]] char date_separator(std::size_t i) const noexcept;
  std::size_t numeric_dashed(std::size_t i);
  std::size_t day_month(std::size_t i);
  std::size_t ordinal_day(std::size_t i);
  std::size_t day_then_month(std::size_t i, int day, std::size_t j);
  std::size_t year_with_suffix(std::size_t i);
  bool cued_year(std::size_t first, std::size_t last, int year, int suffix, bool weak);
  std::size_t year_after_cue(std::size_t i);
  std::size_t month_year(std::size_t i);
  std::size_t weekday(std::size_t i, std::size_t first);
  std::size_t relative(std::size_t i);

  // ---- pairs ----

  enum class Join : std::uint8_t { None, Loose, Strong };

  [[nodiscard]] Join joined(const Raw& a, const Raw& b) const noexcept;
  static bool overlaps(const dm::DayRange& a, const dm::DayRange& b) noexcept;
  void join_pairs();
};

}  // namespace fahras::date_mention
