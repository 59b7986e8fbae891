// UTF-8 decoding that never fails: invalid sequences become U+FFFD.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace fahras::utf8 {

inline constexpr char32_t replacement_character = 0xFFFD;

/** One decoded code point and how many bytes it took. */
struct Decoded {
  char32_t code_point;
  std::size_t length;  ///< bytes consumed, at least 1
  bool valid;          ///< false where the bytes were not well-formed UTF-8
};

/**
 * Decodes the code point starting at byte `offset` of `text` (offset < text.size()).
 * An ill-formed sequence yields U+FFFD and consumes its maximal subpart, the practice
 * Unicode recommends (section 3.9) and ICU follows: a lone continuation byte, an overlong
 * form, a surrogate or a truncated sequence each count as one replacement.
 */
Decoded decode(std::string_view text, std::size_t offset) noexcept;

/** Appends `code_point` to `out` as UTF-8. */
void append(std::string& out, char32_t code_point);

/** Appends every code point of `code_points` to `out` as UTF-8. */
void append(std::string& out, std::u32string_view code_points);

/** Returns `text` with each ill-formed sequence replaced by U+FFFD; counts them in `*invalid`. */
std::string repair(std::string_view text, std::size_t* invalid = nullptr);

/** Decodes all of `text` (ill-formed sequences become U+FFFD). */
std::u32string decode_all(std::string_view text);

}  // namespace fahras::utf8
