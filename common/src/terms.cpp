#include "fahras/terms.hpp"

#include "fahras/schema.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace fahras {

namespace {

// Xapian's glass backend takes terms up to 245 bytes.
constexpr std::size_t max_id_bytes = 200;
constexpr std::size_t max_filter_bytes = 200;

char lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

// The longest prefix of `text` of at most `bytes` bytes that ends on a character boundary.
std::string_view utf8_prefix(std::string_view text, std::size_t bytes) {
  if (text.size() <= bytes) return text;
  while (bytes > 0 && (static_cast<unsigned char>(text[bytes]) & 0xC0U) == 0x80U) --bytes;
  return text.substr(0, bytes);
}

}  // namespace

std::uint64_t stable_hash64(std::string_view data, std::uint64_t seed) {
  std::uint64_t hash = seed;
  for (const char c : data) {
    hash ^= static_cast<unsigned char>(c);
    hash *= 1099511628211ULL;
  }
  return hash;
}

std::string stable_hash_hex(std::string_view data) { return fmt::format("{:016x}", stable_hash64(data)); }

std::string normalize_url(std::string_view url) {
  std::string out(url.substr(0, url.find('#')));
  const std::size_t scheme_end = out.find("://");
  if (scheme_end == std::string::npos) return out;
  const auto at = [&out](std::size_t i) { return out.begin() + static_cast<std::ptrdiff_t>(i); };
  std::transform(out.begin(), at(scheme_end), out.begin(), lower);
  const std::size_t host_begin = scheme_end + 3;
  std::size_t host_end = out.find_first_of("/?", host_begin);
  if (host_end == std::string::npos) host_end = out.size();
  std::transform(at(host_begin), at(host_end), at(host_begin), lower);
  return out;
}

std::string id_term(std::string_view id) {
  std::string term(schema::prefix("id"));
  if (id.size() <= max_id_bytes) return term.append(id);
  return term.append(utf8_prefix(id, max_id_bytes)).append("#").append(stable_hash_hex(id));
}

std::string filter_term(Analyzer& analyzer, std::string_view field, std::string_view text) {
  std::string value;
  analyzer.analyze(text, [&value](const TokenView& t) {
    if (!value.empty()) value += '_';
    value += t.normalized;
  });
  if (value.empty()) return value;
  if (value.size() > max_filter_bytes) {
    value = std::string(utf8_prefix(value, max_filter_bytes - 20)) + "#" + stable_hash_hex(value);
  }
  return std::string(schema::prefix(field)) + value;
}

}  // namespace fahras
