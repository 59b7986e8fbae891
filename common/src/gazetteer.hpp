// The gazetteer: entities with their aliases (common/data/entities/{people,places,organizations}.tsv),
// indexed by the normalized words of each alias.
#pragma once

#include "entity_phrase_trie.hpp"
#include "fahras/analysis.hpp"
#include "fahras/entities.hpp"
#include "gazetteer_data.hpp"

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace fahras {

struct GazetteerAlias {
  std::string text;
  bool ambiguous = false;  ///< written "?alias": accepted only with a cue or a clear mention nearby
};

struct GazetteerEntry {
  std::string id;
  EntityType type = EntityType::Person;
  std::string name;
  std::vector<GazetteerAlias> aliases;  ///< the name first, then the aliases column
  std::string kind;                     ///< "country", "club", ... or empty
};

/** One line read: an entry, or nothing for a comment or a blank line, or an error. */
struct GazetteerLine {
  std::optional<GazetteerEntry> entry;
  std::string error;  ///< empty when the line is fine
};

/** Reads one line of the gazetteer format (see the header of common/data/entities/people.tsv). */
GazetteerLine parse_gazetteer_line(std::string_view line);

/** Whether a data file holds gazetteer entries (not the rules lexicon). */
bool is_gazetteer_file(std::string_view file_name) noexcept;

/** The normalized word sequences an alias is matched as: its words, and the variants where
 *  عبد/أبو are written apart or joined (عبد الله / عبدالله, أبو ظبي / أبوظبي). */
std::vector<std::vector<std::string>> alias_word_variants(Analyzer& analyzer, std::string_view alias);

/** The entries and their alias index. Immutable once built. */
class Gazetteer {
public:
  /** Builds from the gazetteer files among `files`; throws std::runtime_error naming the file
   *  and line of the first bad line. */
  Gazetteer(std::span<const EntityDataFile> files, const AnalysisProfile& profile);

  /** The compiled-in gazetteer under the normalization of `profile`, built once per process. */
  static const Gazetteer& shared(const AnalysisProfile& profile);

  [[nodiscard]] const std::vector<GazetteerEntry>& entries() const noexcept { return entries_; }
  /** Alias words → encoded candidates (see candidate_entry, candidate_ambiguous). */
  [[nodiscard]] const PhraseTrie& aliases() const noexcept { return aliases_; }

  static std::uint32_t encode_candidate(std::uint32_t entry, bool ambiguous) noexcept {
    return entry << 1U | (ambiguous ? 1U : 0U);
  }
  static std::uint32_t candidate_entry(std::uint32_t value) noexcept { return value >> 1U; }
  static bool candidate_ambiguous(std::uint32_t value) noexcept { return (value & 1U) != 0; }

private:
  std::vector<GazetteerEntry> entries_;
  PhraseTrie aliases_;
};

}  // namespace fahras
