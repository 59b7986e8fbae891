#include "tokenizer.hpp"

#include "char_class.hpp"
#include "utf8.hpp"

namespace fahras {

namespace {

struct Classified {
  CharClass cls;
  std::size_t length;
  bool valid;
};

Classified classify_at(std::string_view text, std::size_t offset) noexcept {
  static const CharClass* const bmp = bmp_classes();
  const auto lead = static_cast<unsigned char>(text[offset]);
  if (lead < 0x80U) return {bmp[lead], 1, true};
  // Two bytes (Arabic, and Latin with accents) are decoded here: most of what news text holds.
  if (lead >= 0xC2U && lead <= 0xDFU && offset + 1 < text.size()) {
    const auto next = static_cast<unsigned char>(text[offset + 1]);
    if ((next & 0xC0U) == 0x80U) return {bmp[((lead & 0x1FU) << 6U) | (next & 0x3FU)], 2, true};
  }
  const utf8::Decoded d = utf8::decode(text, offset);
  if (!d.valid) return {CharClass::Separator, d.length, false};
  return {classify(d.code_point), d.length, true};
}

bool is_letter(CharClass c) {
  return c == CharClass::ArabicLetter || c == CharClass::LatinLetter ||
         c == CharClass::OtherLetter;
}

// Whether a letter or digit of class `next` may continue a word whose last
// letter or digit was of class `last`.
bool continues(CharClass last, CharClass next) {
  if (next == last) return true;
  if (next == CharClass::Digit) return last != CharClass::ArabicLetter;
  if (last == CharClass::Digit) return next == CharClass::LatinLetter || next == CharClass::OtherLetter;
  return false;  // a change of script
}

bool can_start_word(CharClass c) { return is_letter(c) || c == CharClass::Digit; }

TokenKind kind_of(CharClass first, bool has_latin, bool has_other) {
  if (first == CharClass::ArabicLetter) return TokenKind::ArabicWord;
  if (has_latin) return TokenKind::LatinWord;
  if (has_other) return TokenKind::OtherWord;
  if (first == CharClass::Digit) return TokenKind::Number;
  return first == CharClass::LatinLetter ? TokenKind::LatinWord : TokenKind::OtherWord;
}

}  // namespace

bool Tokenizer::next(RawToken& token) noexcept {
  const std::size_t size = text_.size();
  // Find the start of a word.
  CharClass first = CharClass::Separator;
  while (offset_ < size) {
    const Classified c = classify_at(text_, offset_);
    if (!c.valid) ++invalid_;
    if (can_start_word(c.cls)) {
      first = c.cls;
      break;
    }
    offset_ += c.length;
  }
  if (offset_ >= size) return false;

  const std::size_t begin = offset_;
  CharClass last = first;  // class of the last letter or digit in the word
  bool has_latin = first == CharClass::LatinLetter;
  bool has_other = first == CharClass::OtherLetter;
  offset_ += classify_at(text_, offset_).length;
  std::size_t end = offset_;

  while (offset_ < size) {
    const Classified c = classify_at(text_, offset_);
    if (c.cls == CharClass::Ignorable) {
      offset_ += c.length;
      end = offset_;
      continue;
    }
    if (can_start_word(c.cls)) {
      if (!continues(last, c.cls)) break;
      has_latin = has_latin || c.cls == CharClass::LatinLetter;
      has_other = has_other || c.cls == CharClass::OtherLetter;
      last = c.cls;
      offset_ += c.length;
      end = offset_;
      continue;
    }
    const bool mid = c.cls == CharClass::MidLetter || c.cls == CharClass::MidNum ||
                     c.cls == CharClass::MidNumLet;
    if (!mid) break;
    // A middle character joins only between two letters of one script, or two digits
    // (UAX #29 WB6/WB7 and WB11/WB12). Look past it, skipping ignorables.
    std::size_t ahead = offset_ + c.length;
    while (ahead < size) {
      const Classified a = classify_at(text_, ahead);
      if (a.cls != CharClass::Ignorable) break;
      ahead += a.length;
    }
    if (ahead >= size) break;
    const Classified after = classify_at(text_, ahead);
    const bool joins_letters = is_letter(last) && after.cls == last &&
                               (c.cls == CharClass::MidLetter || c.cls == CharClass::MidNumLet);
    const bool joins_digits = last == CharClass::Digit && after.cls == CharClass::Digit &&
                              (c.cls == CharClass::MidNum || c.cls == CharClass::MidNumLet);
    if (!joins_letters && !joins_digits) break;
    offset_ = ahead + after.length;
    end = offset_;
  }

  token.begin = begin;
  token.end = end;
  token.kind = kind_of(first, has_latin, has_other);
  return true;
}

}  // namespace fahras
