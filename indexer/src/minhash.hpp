// Near-duplicate signatures: MinHash over word shingles, with LSH band keys.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace fahras::indexer {

/**
 * A MinHash signature of a text's set of word 3-shingles (consecutive normalized, non-stop
 * words): for each of 64 seeded hash functions, the smallest hash over the shingles. The
 * share of equal positions of two signatures estimates the Jaccard similarity of the two
 * shingle sets. Hashes are fixed (FNV-1a and splitmix64): identical across runs, compilers and
 * platforms, so signatures stored tonight compare with tomorrow's.
 */
class MinHash {
public:
  static constexpr std::size_t size = 64;
  static constexpr std::size_t shingle_words = 3;
  static constexpr std::size_t bands = 16;  ///< LSH: 16 bands of 4 rows
  static constexpr std::size_t rows = size / bands;

  using Signature = std::array<std::uint32_t, size>;

  /** The signature of a text given as its words; needs at least one shingle's worth of words. */
  static Signature of(const std::vector<std::string>& words);

  /** Estimated Jaccard similarity: the share of equal positions. */
  static double similarity(const Signature& a, const Signature& b);

  /** One key per band, "3:9f1c02ab" (band 3): two texts share a key with probability
   *  1 - (1 - J^4)^16 — about 0.99 at J = 0.7, 0.64 at J = 0.5, 0.12 at J = 0.3. */
  static std::vector<std::string> band_keys(const Signature& signature);

  /** 512 hex digits (for reading). */
  static std::string to_hex(const Signature& signature);

  /** 256 bytes, each hash big-endian (as the Signature slot stores it), and back (false on
   *  input of another size). */
  static std::string to_bytes(const Signature& signature);
  static bool from_bytes(std::string_view bytes, Signature& signature);
};

}  // namespace fahras::indexer
