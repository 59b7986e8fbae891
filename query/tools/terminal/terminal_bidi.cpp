#include "terminal_bidi.hpp"

#include <unicode/uchar.h>
#include <unicode/ubidi.h>
#include <unicode/ushape.h>
#include <unicode/utf16.h>

#include <memory>
#include <vector>

namespace fahras::terminal {

namespace {

/** UTF-16 of the cells, and for each code unit the index of its cell. */
struct Utf16 {
  std::vector<UChar> units;
  std::vector<std::size_t> cell_of;
};

Utf16 to_utf16(const Cells& cells) {
  Utf16 out;
  out.units.reserve(cells.size());
  for (std::size_t i = 0; i < cells.size(); ++i) {
    const auto cp = static_cast<UChar32>(cells[i].cp);
    if (cp > 0xFFFF) {
      out.units.push_back(U16_LEAD(cp));
      out.units.push_back(U16_TRAIL(cp));
      out.cell_of.insert(out.cell_of.end(), 2, i);
    } else {
      out.units.push_back(static_cast<UChar>(cp));
      out.cell_of.push_back(i);
    }
  }
  return out;
}

bool is_lam_alef_ligature(UChar unit) { return unit >= 0xFEF5 && unit <= 0xFEFC; }

bool is_combining(char32_t cp) {
  const auto category = u_charType(static_cast<UChar32>(cp));
  return category == U_NON_SPACING_MARK || category == U_ENCLOSING_MARK || category == U_COMBINING_SPACING_MARK;
}

/** A character and the combining marks that follow it. */
struct Cluster {
  Cell base;
  Cells marks;
};

/**
 * The line shaped in logical order. Only the base characters go through u_shapeArabic: it
 * would turn the diacritics (transparent to joining) into spacing presentation forms, while a
 * terminal draws the combining originals on their letter. Each shaped letter is followed by
 * its marks again. The line comes back unchanged when ICU fails or its result cannot be
 * mapped back (shaping maps one code unit to one, except lam + alef: one ligature).
 */
Cells shape(const Cells& line) {
  std::vector<Cluster> clusters;
  for (const Cell& cell : line) {
    if (is_combining(cell.cp) && !clusters.empty()) {
      clusters.back().marks.push_back(cell);
    } else {
      clusters.push_back({cell, {}});
    }
  }
  Cells bases;
  for (const Cluster& cluster : clusters) bases.push_back(cluster.base);
  const Utf16 source = to_utf16(bases);
  const auto length = static_cast<std::int32_t>(source.units.size());
  if (length == 0) return line;
  std::vector<UChar> shaped(source.units.size());
  UErrorCode status = U_ZERO_ERROR;
  const std::int32_t shaped_length =
      u_shapeArabic(source.units.data(), length, shaped.data(), length,
                    U_SHAPE_LETTERS_SHAPE | U_SHAPE_TEXT_DIRECTION_LOGICAL | U_SHAPE_LENGTH_GROW_SHRINK, &status);
  if (U_FAILURE(status) || shaped_length > length) return line;
  Cells out;
  out.reserve(line.size());
  std::int32_t i = 0;
  std::int32_t j = 0;
  while (i < length && j < shaped_length) {
    const Cluster& from = clusters[source.cell_of[static_cast<std::size_t>(i)]];
    const UChar unit = shaped[static_cast<std::size_t>(j)];
    if (is_lam_alef_ligature(unit) && source.units[static_cast<std::size_t>(i)] == 0x0644 && i + 1 < length) {
      const Cluster& alef = clusters[source.cell_of[static_cast<std::size_t>(i + 1)]];
      out.push_back({unit, from.base.mark || alef.base.mark});
      out.insert(out.end(), from.marks.begin(), from.marks.end());
      out.insert(out.end(), alef.marks.begin(), alef.marks.end());
      i += 2;
      ++j;
      continue;
    }
    if (U16_IS_LEAD(unit) && j + 1 < shaped_length) {
      out.push_back(from.base);  // outside the BMP: never shaped
      i += 2;
      j += 2;
    } else {
      out.push_back({unit, from.base.mark});
      ++i;
      ++j;
    }
    out.insert(out.end(), from.marks.begin(), from.marks.end());
  }
  if (i != length || j != shaped_length) return line;
  return out;
}

struct BidiCloser {
  void operator()(UBiDi* bidi) const { ubidi_close(bidi); }
};

}  // namespace

Direction paragraph_direction(const Cells& paragraph) {
  for (const Cell& cell : paragraph) {
    const auto direction = u_charDirection(static_cast<UChar32>(cell.cp));
    if (direction == U_LEFT_TO_RIGHT) return Direction::Ltr;
    if (direction == U_RIGHT_TO_LEFT || direction == U_RIGHT_TO_LEFT_ARABIC) return Direction::Rtl;
  }
  return Direction::Ltr;
}

Cells visual_line(const Cells& line, Direction direction) {
  if (line.empty()) return line;
  const Cells shaped = shape(line);
  const Utf16 text = to_utf16(shaped);
  const auto length = static_cast<std::int32_t>(text.units.size());
  UErrorCode status = U_ZERO_ERROR;
  const std::unique_ptr<UBiDi, BidiCloser> bidi(ubidi_openSized(length, 0, &status));
  if (U_FAILURE(status)) return shaped;
  ubidi_setPara(bidi.get(), text.units.data(), length, direction == Direction::Rtl ? 1 : 0, nullptr, &status);
  const UBiDiLevel* levels = U_SUCCESS(status) ? ubidi_getLevels(bidi.get(), &status) : nullptr;
  if (U_FAILURE(status) || levels == nullptr) return shaped;

  // Clusters: a base character and the combining marks after it move as one.
  std::vector<std::size_t> cluster_start;
  std::vector<UBiDiLevel> cluster_level;
  std::size_t unit = 0;
  for (std::size_t i = 0; i < shaped.size(); ++i) {
    if (cluster_start.empty() || !is_combining(shaped[i].cp)) {
      cluster_start.push_back(i);
      cluster_level.push_back(levels[unit]);
    }
    unit += shaped[i].cp > 0xFFFF ? 2 : 1;
  }
  std::vector<std::int32_t> visual_to_logical(cluster_start.size());
  ubidi_reorderVisual(cluster_level.data(), static_cast<std::int32_t>(cluster_level.size()), visual_to_logical.data());

  Cells out;
  out.reserve(shaped.size());
  for (const std::int32_t logical : visual_to_logical) {
    const auto c = static_cast<std::size_t>(logical);
    const std::size_t end = c + 1 < cluster_start.size() ? cluster_start[c + 1] : shaped.size();
    const bool rtl = (cluster_level[c] & 1) != 0;
    for (std::size_t i = cluster_start[c]; i < end; ++i) {
      Cell cell = shaped[i];
      if (rtl && i == cluster_start[c] && u_isMirrored(static_cast<UChar32>(cell.cp)) != 0) {
        cell.cp = static_cast<char32_t>(u_charMirror(static_cast<UChar32>(cell.cp)));
      }
      out.push_back(cell);
    }
  }
  return out;
}

}  // namespace fahras::terminal
