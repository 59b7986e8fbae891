#include "minhash.hpp"

#include "article.hpp"

#include <fmt/format.h>

#include <limits>

namespace fahras::indexer {

namespace {

std::uint64_t splitmix64(std::uint64_t x) {
  x += 0x9E3779B97F4A7C15ULL;
  x = (x ^ (x >> 30U)) * 0xBF58476D1CE4E5B9ULL;
  x = (x ^ (x >> 27U)) * 0x94D049BB133111EBULL;
  return x ^ (x >> 31U);
}

}  // namespace

MinHash::Signature MinHash::of(const std::vector<std::string>& words) {
  Signature signature;
  signature.fill(std::numeric_limits<std::uint32_t>::max());
  if (words.size() < shingle_words) return signature;
  for (std::size_t i = 0; i + shingle_words <= words.size(); ++i) {
    std::uint64_t shingle = stable_hash_seed;
    for (std::size_t k = 0; k < shingle_words; ++k) {
      shingle = stable_hash64(words[i + k], shingle);
      shingle = stable_hash64("\x1f", shingle);
    }
    for (std::size_t h = 0; h < size; ++h) {
      const auto value = static_cast<std::uint32_t>(splitmix64(shingle ^ (0x5851F42D4C957F2DULL * (h + 1))) >> 32U);
      if (value < signature[h]) signature[h] = value;
    }
  }
  return signature;
}

double MinHash::similarity(const Signature& a, const Signature& b) {
  std::size_t equal = 0;
  for (std::size_t i = 0; i < size; ++i) equal += a[i] == b[i] ? 1 : 0;
  return static_cast<double>(equal) / static_cast<double>(size);
}

std::vector<std::string> MinHash::band_keys(const Signature& signature) {
  std::vector<std::string> keys;
  for (std::size_t band = 0; band < bands; ++band) {
    std::uint64_t hash = stable_hash_seed;
    for (std::size_t r = 0; r < rows; ++r) {
      const std::uint32_t v = signature[band * rows + r];
      const char bytes[4] = {static_cast<char>(v >> 24U), static_cast<char>(v >> 16U), static_cast<char>(v >> 8U),
                             static_cast<char>(v)};
      hash = stable_hash64(std::string_view(bytes, 4), hash);
    }
    keys.push_back(fmt::format("{}:{:08x}", band, static_cast<std::uint32_t>(hash >> 32U)));
  }
  return keys;
}

std::string MinHash::to_hex(const Signature& signature) {
  std::string hex;
  hex.reserve(size * 8);
  for (const std::uint32_t v : signature) hex += fmt::format("{:08x}", v);
  return hex;
}

std::string MinHash::to_bytes(const Signature& signature) {
  std::string bytes;
  bytes.reserve(size * 4);
  for (const std::uint32_t v : signature) {
    for (const unsigned shift : {24U, 16U, 8U, 0U}) bytes += static_cast<char>((v >> shift) & 0xffU);
  }
  return bytes;
}

bool MinHash::from_bytes(std::string_view bytes, Signature& signature) {
  if (bytes.size() != size * 4) return false;
  for (std::size_t i = 0; i < size; ++i) {
    std::uint32_t v = 0;
    for (std::size_t k = 0; k < 4; ++k) v = (v << 8U) | static_cast<unsigned char>(bytes[i * 4 + k]);
    signature[i] = v;
  }
  return true;
}

}  // namespace fahras::indexer
