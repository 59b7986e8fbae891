#include "fahras/terms.hpp"

#include "fahras/schema.hpp"
#include "utf8.hpp"

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

constexpr std::string_view hex_digits = "0123456789ABCDEF";

void append_escape(std::string& out, unsigned char byte) {
  out += '%';
  out += hex_digits[byte >> 4U];
  out += hex_digits[byte & 0xFU];
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// A code point a URL keeps percent-encoded: controls (C0, DEL, C1), bidirectional controls
// and the line and paragraph separators, which would reorder or break the line showing it.
bool unsafe_in_url(char32_t c) {
  return c < 0x20 || (c >= 0x7F && c <= 0x9F) || c == 0x061C || c == 0x200E || c == 0x200F ||
         (c >= 0x2028 && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069);
}

bool unreserved(unsigned char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.' ||
         c == '_' || c == '~';
}

// The byte of the escape "%XX" at `i`, or -1 when there is none.
int escape_at(std::string_view text, std::size_t i) {
  if (i + 2 >= text.size() || text[i] != '%') return -1;
  const int high = hex_value(text[i + 1]);
  const int low = hex_value(text[i + 2]);
  return high < 0 || low < 0 ? -1 : high * 16 + low;
}

// `text` (after a URL's host) with its escapes normalized, as normalize_url says.
std::string normalize_escapes(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  std::size_t i = 0;
  while (i < text.size()) {
    const int byte = escape_at(text, i);
    if (byte < 0) {
      out += text[i++];
      continue;
    }
    if (byte < 0x80) {
      if (unreserved(static_cast<unsigned char>(byte))) {
        out += static_cast<char>(byte);
      } else {
        append_escape(out, static_cast<unsigned char>(byte));
      }
      i += 3;
      continue;
    }
    // A run of escapes that may spell one UTF-8 sequence: decode it when it does.
    std::string bytes;
    for (std::size_t j = i; bytes.size() < 4; j += 3) {
      const int next = escape_at(text, j);
      if (next < 0 || (!bytes.empty() && (next & 0xC0) != 0x80)) break;
      bytes += static_cast<char>(next);
    }
    const utf8::Decoded decoded = utf8::decode(bytes, 0);
    if (decoded.valid && decoded.length > 1 && !unsafe_in_url(decoded.code_point)) {
      out.append(bytes, 0, decoded.length);
      i += 3 * decoded.length;
    } else {
      append_escape(out, static_cast<unsigned char>(byte));
      i += 3;
    }
  }
  return out;
}

}  // namespace

std::string clean_url(std::string_view url, std::size_t* changed) {
  std::size_t count = 0;  // controls and ill-formed bytes (trimmed spaces are no repair)
  const auto is_blank = [](char c) { return static_cast<unsigned char>(c) <= 0x20; };
  const auto is_control = [](char c) { return static_cast<unsigned char>(c) < 0x20; };
  while (!url.empty() && is_blank(url.front())) {
    count += is_control(url.front()) ? 1 : 0;
    url.remove_prefix(1);
  }
  while (!url.empty() && is_blank(url.back())) {
    count += is_control(url.back()) ? 1 : 0;
    url.remove_suffix(1);
  }
  std::string out;
  out.reserve(url.size());
  std::size_t i = 0;
  while (i < url.size()) {
    const auto c = static_cast<unsigned char>(url[i]);
    if (c == '\t' || c == '\n' || c == '\r') {
      ++count;
      ++i;
    } else if (c < 0x20 || c == 0x7F) {
      append_escape(out, c);
      ++count;
      ++i;
    } else if (c < 0x80) {
      out += static_cast<char>(c);
      ++i;
    } else {
      const utf8::Decoded decoded = utf8::decode(url, i);
      if (decoded.valid && !unsafe_in_url(decoded.code_point)) {
        out.append(url.substr(i, decoded.length));
      } else {
        for (std::size_t b = i; b < i + decoded.length; ++b) append_escape(out, static_cast<unsigned char>(url[b]));
        ++count;
      }
      i += decoded.length;
    }
  }
  if (changed != nullptr) *changed += count;
  return out;
}

std::uint64_t stable_hash64(std::string_view data, std::uint64_t seed) {
  std::uint64_t hash = seed;
  for (const char c : data) {
    hash ^= static_cast<unsigned char>(c);
    hash *= 1099511628211ULL;
  }
  return hash;
}

std::string stable_hash_hex(std::string_view data) { return fmt::format("{:016x}", stable_hash64(data)); }

namespace {

// The URL without its fragment, its scheme and host lower-cased; `host_end` is where the host
// ends (npos when there is no scheme).
std::string lower_scheme_and_host(std::string_view url, std::size_t& host_end) {
  std::string out(url.substr(0, url.find('#')));
  host_end = std::string::npos;
  const std::size_t scheme_end = out.find("://");
  if (scheme_end == std::string::npos) return out;
  const auto at = [&out](std::size_t i) { return out.begin() + static_cast<std::ptrdiff_t>(i); };
  std::transform(out.begin(), at(scheme_end), out.begin(), lower);
  const std::size_t host_begin = scheme_end + 3;
  host_end = out.find_first_of("/?", host_begin);
  if (host_end == std::string::npos) host_end = out.size();
  std::transform(at(host_begin), at(host_end), at(host_begin), lower);
  return out;
}

}  // namespace

std::string normalize_url(std::string_view url) {
  std::size_t host_end = 0;
  const std::string out = lower_scheme_and_host(clean_url(url), host_end);
  if (host_end == std::string::npos) return out;
  return out.substr(0, host_end) + normalize_escapes(std::string_view(out).substr(host_end));
}

std::string legacy_url_id(std::string_view url) {
  std::size_t host_end = 0;
  return lower_scheme_and_host(url, host_end);
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
