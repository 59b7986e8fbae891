// Terms both sides of the index spell the same way: ids, filters, stable hashes.
#pragma once

#include "fahras/analysis.hpp"

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace fahras {

/** FNV-1a's offset basis: the seed of stable_hash64. */
inline constexpr std::uint64_t stable_hash_seed = 14695981039346656037ULL;

/** A 64-bit FNV-1a hash, identical across runs, compilers and platforms (it is stored in
 *  databases); `seed` continues an earlier hash. */
std::uint64_t stable_hash64(std::string_view data, std::uint64_t seed = stable_hash_seed);

/** stable_hash64 as 16 hex digits. */
std::string stable_hash_hex(std::string_view data);

/**
 * A URL made safe to store and print without changing what it points to (the WHATWG URL
 * parser reads both alike): leading and trailing spaces and control characters dropped, tabs
 * and line breaks inside dropped, and percent-encoded: the other C0 controls and DEL (so ESC
 * becomes %1B and no escape sequence survives), C1 controls, bidirectional controls,
 * U+2028/U+2029 and the bytes of ill-formed UTF-8. Everything else is kept as given. Adds the
 * number of controls and ill-formed sequences dropped or encoded to `*changed` (trimmed spaces
 * are not counted).
 */
std::string clean_url(std::string_view url, std::size_t* changed = nullptr);

/**
 * The id of an article that has no id field: its URL cleaned (clean_url), with its scheme and
 * host lower-cased, its fragment dropped, and its percent-encoding normalized after the host
 * (RFC 3986 section 6.2.2): an encoded unreserved character (A-Z a-z 0-9 - . _ ~) and an
 * encoded well-formed UTF-8 sequence of a non-ASCII character are decoded, so that
 * "https://x.sa/%D8%A7" and "https://x.sa/ا" are one id; every other escape (reserved
 * characters such as %2F, controls, ill-formed sequences) is kept, its hex digits upper-cased.
 */
std::string normalize_url(std::string_view url);

/**
 * The id that databases written by earlier versions hold for an article with this URL: the URL
 * as given, its scheme and host lower-cased and its fragment dropped, but neither cleaned nor
 * percent-normalized. Such an article is found under it (an update re-keys it, --delete
 * removes it), so that those databases need no rebuild.
 */
std::string legacy_url_id(std::string_view url);

/** The unique-id term of an article id: the "id" prefix + id, or for an id too long for a
 *  Xapian term, its first 200 bytes and a hash of the whole. */
std::string id_term(std::string_view id);

/**
 * The boolean filter term of `field` ("source", "author", "person", ...) for a text: the
 * field's prefix + the text's normalized words joined by '_' ("al_khabar"); a value too long
 * for a term is cut at a character boundary and ends with a hash of the whole. Empty when the
 * text has no words.
 */
std::string filter_term(Analyzer& analyzer, std::string_view field, std::string_view text);

}  // namespace fahras
