// Arabic for terminals that do not do bidi (xterm, tmux, kitty, alacritty...): each line
// shaped (ICU u_shapeArabic: letters to their joined presentation forms) and reordered
// (ICU ubidi: the Unicode Bidirectional Algorithm) into the left-to-right order of the
// screen, so that the terminal only has to draw the cells one after another.
#pragma once

#include "terminal_text.hpp"

namespace fahras::terminal {

/** The base direction of a paragraph. */
enum class Direction : unsigned char { Ltr, Rtl };

/** The direction of a paragraph by its first strong character (rule P2); LTR when it has none. */
Direction paragraph_direction(const Cells& paragraph);

/**
 * One line (already wrapped, in logical order) as it should appear on the screen from left to
 * right, for a paragraph of direction `direction`:
 *  1. shaped in logical order with u_shapeArabic(U_SHAPE_LETTERS_SHAPE): each Arabic letter
 *     takes its isolated, initial, medial or final presentation form, lam + alef become one
 *     ligature cell (marked when either was); diacritics stay combining marks on their letter
 *     (ICU would make them spacing presentation forms, each taking a column);
 *  2. reordered by the bidi algorithm (levels from ubidi, runs reversed by ubidi_reorderVisual),
 *     a combining mark kept after its base so that the terminal draws it on the right letter;
 *  3. mirrored: in right-to-left runs ( ) [ ] « » and the like are swapped.
 * Marks (highlights) travel with their characters, so a highlighted word stays highlighted
 * after reordering. When ICU fails, the line comes back unchanged.
 */
Cells visual_line(const Cells& line, Direction direction);

/** LEFT-TO-RIGHT OVERRIDE and POP DIRECTIONAL FORMATTING: a visual line is written between
 *  them, so that a terminal that does bidi itself shows the cells in the order given instead
 *  of reordering them a second time. Terminals without bidi draw neither (both are zero-width). */
inline constexpr char32_t lro = 0x202D;
inline constexpr char32_t pdf = 0x202C;

}  // namespace fahras::terminal
