// A fast hash for words: the hash tables on the analysis's hot paths (the analyzer's cache of
// word forms, the entity tries, the spelling counts) hash a word per token.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string_view>

namespace fahras {

/** A 64-bit hash of `word`, 8 bytes at a time (words are short; not for adversarial keys). */
inline std::uint64_t word_hash(std::string_view word) noexcept {
  constexpr std::uint64_t k1 = 0x9E3779B97F4A7C15ULL;
  constexpr std::uint64_t k2 = 0xBF58476D1CE4E5B9ULL;
  const char* p = word.data();
  std::size_t n = word.size();
  std::uint64_t h = static_cast<std::uint64_t>(n) * k1;
  while (n >= 8) {
    std::uint64_t w = 0;
    std::memcpy(&w, p, 8);
    h = (h ^ w) * k2;
    h ^= h >> 29U;
    p += 8;
    n -= 8;
  }
  if (n != 0) {
    std::uint64_t w = 0;
    std::memcpy(&w, p, n);
    h = (h ^ w) * k2;
    h ^= h >> 29U;
  }
  h *= k1;
  h ^= h >> 32U;
  return h;
}

/** `word_hash` as a transparent hasher for unordered containers keyed by std::string. */
struct WordHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view word) const noexcept { return static_cast<std::size_t>(word_hash(word)); }
};

}  // namespace fahras
