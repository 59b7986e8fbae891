#include "utf8.hpp"

#include <cstdint>

namespace fahras::utf8 {

namespace {

constexpr bool is_continuation(unsigned char byte) { return (byte & 0xC0U) == 0x80U; }

}  // namespace

Decoded decode(std::string_view text, std::size_t offset) noexcept {
  const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(text[offset + i]); };
  const unsigned char lead = byte(0);
  if (lead < 0x80U) return {lead, 1, true};

  std::size_t needed = 0;
  char32_t value = 0;
  unsigned char second_min = 0x80U;
  unsigned char second_max = 0xBFU;
  if (lead >= 0xC2U && lead <= 0xDFU) {
    needed = 1;
    value = lead & 0x1FU;
  } else if (lead >= 0xE0U && lead <= 0xEFU) {
    needed = 2;
    value = lead & 0x0FU;
    if (lead == 0xE0U) second_min = 0xA0U;  // overlong
    if (lead == 0xEDU) second_max = 0x9FU;  // surrogates
  } else if (lead >= 0xF0U && lead <= 0xF4U) {
    needed = 3;
    value = lead & 0x07U;
    if (lead == 0xF0U) second_min = 0x90U;  // overlong
    if (lead == 0xF4U) second_max = 0x8FU;  // beyond U+10FFFF
  } else {
    return {replacement_character, 1, false};  // continuation byte, C0/C1, F5..FF
  }

  const std::size_t available = text.size() - offset - 1;
  for (std::size_t i = 1; i <= needed; ++i) {
    if (i > available) return {replacement_character, i, false};  // truncated
    const unsigned char next = byte(i);
    const bool in_range = i == 1 ? (next >= second_min && next <= second_max) : is_continuation(next);
    if (!in_range) return {replacement_character, i, false};
    value = (value << 6U) | (next & 0x3FU);
  }
  return {value, needed + 1, true};
}

void append(std::string& out, char32_t code_point) {
  const auto cp = static_cast<std::uint32_t>(code_point);
  if (cp < 0x80U) {
    out.push_back(static_cast<char>(cp));
  } else if (cp < 0x800U) {
    out.push_back(static_cast<char>(0xC0U | (cp >> 6U)));
    out.push_back(static_cast<char>(0x80U | (cp & 0x3FU)));
  } else if (cp < 0x10000U) {
    out.push_back(static_cast<char>(0xE0U | (cp >> 12U)));
    out.push_back(static_cast<char>(0x80U | ((cp >> 6U) & 0x3FU)));
    out.push_back(static_cast<char>(0x80U | (cp & 0x3FU)));
  } else if (cp <= 0x10FFFFU) {
    out.push_back(static_cast<char>(0xF0U | (cp >> 18U)));
    out.push_back(static_cast<char>(0x80U | ((cp >> 12U) & 0x3FU)));
    out.push_back(static_cast<char>(0x80U | ((cp >> 6U) & 0x3FU)));
    out.push_back(static_cast<char>(0x80U | (cp & 0x3FU)));
  } else {
    append(out, replacement_character);
  }
}

void append(std::string& out, std::u32string_view code_points) {
  for (const char32_t cp : code_points) append(out, cp);
}

std::string repair(std::string_view text, std::size_t* invalid) {
  std::string out;
  out.reserve(text.size());
  std::size_t bad = 0;
  for (std::size_t i = 0; i < text.size();) {
    const Decoded d = decode(text, i);
    if (d.valid) {
      out.append(text.substr(i, d.length));
    } else {
      ++bad;
      append(out, replacement_character);
    }
    i += d.length;
  }
  if (invalid != nullptr) *invalid = bad;
  return out;
}

std::u32string decode_all(std::string_view text) {
  std::u32string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    const Decoded d = decode(text, i);
    out.push_back(d.code_point);
    i += d.length;
  }
  return out;
}

}  // namespace fahras::utf8
