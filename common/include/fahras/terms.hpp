// Terms both sides of the index spell the same way: ids, filters, stable hashes.
#pragma once

#include "fahras/analysis.hpp"

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

/** The URL with its scheme and host lower-cased and its fragment dropped (the id of an
 *  article that has no id field). */
std::string normalize_url(std::string_view url);

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
