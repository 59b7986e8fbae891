// The entity mentions stored in a document's data, in a compact text form the indexer writes
// and the query side reads: one line per entity, its spans listed after its name, instead of
// one JSON object per mention (a record's mentions were 2–3 KB of JSON, most of its size).
#pragma once

#include "fahras/entities.hpp"

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace fahras {

/** An entity mention: a byte range of the title or of the stored (boilerplate-free) body. */
struct StoredMention {
  EntityType type = EntityType::Person;
  std::string id;
  std::string name;
  bool in_title = false;
  std::size_t begin = 0;
  std::size_t end = 0;  ///< one past the last byte
};

/**
 * The mentions as text: per entity (type and id), in the order of its first mention, one line
 * "TYPE\tID\tNAME\tSPANS" — TYPE as to_string(EntityType) spells it, SPANS space-separated,
 * each "t" (title) or "b" (body), the first byte and "+" the length: "t0+12 b40+10". Tabs and
 * line breaks in an id or name are written as spaces. "" for no mention.
 */
std::string encode_mentions(const std::vector<StoredMention>& mentions);

/** The mentions of encode_mentions' text, title ones first, each field's in the order of their
 *  first byte. A line or span that is not as written (a damaged record) is left out. */
std::vector<StoredMention> decode_mentions(std::string_view text);

}  // namespace fahras
