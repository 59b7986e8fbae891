// What the fuzz targets share: failing loudly on a broken invariant, UTF-8 boundaries, and a
// small fahras database built once per process from the samples.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace fahras::fuzz {

/** Prints "invariant broken: WHAT" and aborts (libFuzzer then saves the input). */
[[noreturn]] void fail(std::string_view what);

/** fail(what) unless `condition`. */
inline void check(bool condition, std::string_view what) {
  if (!condition) fail(what);
}

/** The byte offsets where the characters of `text` start, and text.size(): each ill-formed
 *  sequence counts as one character, as fahras's decoder reads it. Sorted. */
std::vector<std::size_t> char_boundaries(std::string_view text);

/** Whether `offset` is in `boundaries` (as char_boundaries returns them). */
bool on_boundary(const std::vector<std::size_t>& boundaries, std::size_t offset);

/** Whether `text` is well-formed UTF-8. */
bool valid_utf8(std::string_view text);

/** Checks byte ranges of a text of `size` bytes with these boundaries: each non-empty,
 *  inside the text, on boundaries, sorted and disjoint. `what` names them in the message. */
void check_ranges(const std::vector<std::pair<std::size_t, std::size_t>>& ranges, std::string_view text,
                  std::string_view what);

/** `data` cut at its first '\n': the part before it and the part after it (empty when none). */
std::pair<std::string_view, std::string_view> split_line(std::string_view data);

/** A fahras database of the sample articles (time zone Asia/Riyadh), built in a temporary
 *  folder on the first call and removed when the process exits normally. Its folder. */
const std::string& sample_database();

}  // namespace fahras::fuzz
