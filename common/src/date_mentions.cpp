// Date mentions: one pass of the tokenizer, each word looked up once, then patterns tried at
// the few tokens that can start a date (a number, a month name, a weekday, a cue). This file
// reads the tokens; the scanner is in date_mention_scanner.* and date_mention_patterns.cpp.
#include "fahras/date_mentions.hpp"

#include "date_keys.hpp"
#include "date_mention_scanner.hpp"
#include "tokenizer.hpp"

namespace fahras {

namespace {

using dm::Digits;
using dm::Scanner;
using dm::Tok;
using dm::TokType;

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
