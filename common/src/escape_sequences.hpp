// Terminal escape sequences and control strings in text: where they start and end.
#pragma once

#include <cstddef>
#include <string_view>

namespace fahras::escape_sequences {

/**
 * The length in bytes of the escape sequence or control string that starts at byte `i` of
 * `text`, or 0 where none starts there (i < text.size()). Recognized (ECMA-48):
 * - ESC [ params intermediates final (CSI), and its C1 form U+009B (bytes C2 9B);
 * - ESC ] / P / X / ^ / _ (OSC, DCS, SOS, PM, APC) and their C1 forms, up to and including
 *   BEL or ST (ESC \ or U+009C); an unterminated one ends before the next line break, so a
 *   stray ESC ] cannot swallow the rest of an article;
 * - ESC intermediates final (ESC c, ESC ( B, ...); an ESC followed by anything else is a
 *   sequence of one byte, so the ESC alone goes and what follows it stays.
 * A malformed sequence ends where it stops making sense. Other C0 and C1 controls are not
 * sequences (0): callers decide what a lone control becomes.
 */
std::size_t length_at(std::string_view text, std::size_t i) noexcept;

}  // namespace fahras::escape_sequences
