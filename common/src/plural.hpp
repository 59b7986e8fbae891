// Counts in messages, with the noun agreeing: "1 warning", "0 warnings", "3 warnings".
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace fahras {

/** "1 invalid UTF-8 sequence", "3 invalid UTF-8 sequences": `count`, a space, then `singular`
 *  when the count is 1 and `plural` otherwise. */
inline std::string count_of(std::size_t count, std::string_view singular, std::string_view plural) {
  return std::to_string(count) + ' ' + std::string(count == 1 ? singular : plural);
}

}  // namespace fahras
