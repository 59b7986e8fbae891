#include "escape_sequences.hpp"

namespace fahras::escape_sequences {

namespace {

constexpr unsigned char esc = 0x1B;
constexpr unsigned char bel = 0x07;
constexpr unsigned char c1_lead = 0xC2;  // the first UTF-8 byte of U+0080..U+00BF
constexpr unsigned char c1_csi = 0x9B;
constexpr unsigned char c1_st = 0x9C;

unsigned char byte_at(std::string_view text, std::size_t i) { return static_cast<unsigned char>(text[i]); }

bool is_string_introducer(unsigned char c) {  // after ESC: OSC, DCS, SOS, PM, APC
  return c == ']' || c == 'P' || c == 'X' || c == '^' || c == '_';
}

bool is_c1_string_introducer(unsigned char second_byte) {  // DCS SOS OSC PM APC after C2
  return second_byte == 0x90 || second_byte == 0x98 || second_byte == 0x9D || second_byte == 0x9E ||
         second_byte == 0x9F;
}

/** One past a CSI sequence whose parameters start at `i`: parameters, intermediates, final. */
std::size_t csi_end(std::string_view text, std::size_t i) {
  while (i < text.size() && byte_at(text, i) >= 0x30 && byte_at(text, i) <= 0x3F) ++i;
  while (i < text.size() && byte_at(text, i) >= 0x20 && byte_at(text, i) <= 0x2F) ++i;
  if (i < text.size() && byte_at(text, i) >= 0x40 && byte_at(text, i) <= 0x7E) ++i;
  return i;
}

/** One past a control string whose body starts at `i`: up to BEL or ST, or before a line break. */
std::size_t control_string_end(std::string_view text, std::size_t i) {
  for (; i < text.size(); ++i) {
    const unsigned char c = byte_at(text, i);
    if (c == bel) return i + 1;
    if (c == '\n' || c == '\r') return i;
    if (c == esc) return i + 1 < text.size() && text[i + 1] == '\\' ? i + 2 : i;
    if (c == c1_lead && i + 1 < text.size() && byte_at(text, i + 1) == c1_st) return i + 2;
  }
  return i;
}

/** One past the sequence whose ESC is at `i`. */
std::size_t escape_end(std::string_view text, std::size_t i) {
  std::size_t j = i + 1;
  if (j >= text.size()) return j;
  const unsigned char c = byte_at(text, j);
  if (c == '[') return csi_end(text, j + 1);
  if (is_string_introducer(c)) return control_string_end(text, j + 1);
  while (j < text.size() && byte_at(text, j) >= 0x20 && byte_at(text, j) <= 0x2F) ++j;  // intermediates
  if (j < text.size() && byte_at(text, j) >= 0x30 && byte_at(text, j) <= 0x7E) ++j;     // final byte
  return j;
}

}  // namespace

std::size_t length_at(std::string_view text, std::size_t i) noexcept {
  const unsigned char c = byte_at(text, i);
  if (c == esc) return escape_end(text, i) - i;
  if (c != c1_lead || i + 1 >= text.size()) return 0;
  const unsigned char next = byte_at(text, i + 1);
  if (next == c1_csi) return csi_end(text, i + 2) - i;
  if (is_c1_string_introducer(next)) return control_string_end(text, i + 2) - i;
  return 0;
}

}  // namespace fahras::escape_sequences
