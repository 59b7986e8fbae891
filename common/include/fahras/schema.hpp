// The index schema in one place: every term prefix, value slot and metadata key.
// Nothing else in fahras spells a prefix literally (notmuch's prefix table, Omega's names).
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string_view>

namespace fahras::schema {

/** Version of the layout below; written into every database and checked on open. */
inline constexpr int version = 3;

enum class FieldKind : std::uint8_t {
  FreeText,  ///< analyzed words with positions (normalized) and their stems ("Z" + prefix)
  Boolean,   ///< exact filter terms, no positions, no weight
  Weighted,  ///< filter terms whose within-document frequency carries a weight (prominence)
  Stems,     ///< stems only ("Z" + prefix + stem), no positions: a part of another field
};

struct Field {
  std::string_view name;    ///< the name users and code refer to
  std::string_view prefix;  ///< Xapian term prefix
  FieldKind kind;
  std::string_view holds;
};

/** Stemmed forms of a free-text field are "Z" + the field's prefix + stem (Xapian's convention). */
inline constexpr std::string_view stem_prefix = "Z";

/** How many words of the body count as its lead (the "lead" field): measured on the dev sets
 *  against 25 and 50 (README, "Ranking"). */
inline constexpr std::size_t lead_words = 100;

inline constexpr std::array fields = {
    Field{"id", "Q", FieldKind::Boolean, "the article's unique id: its id field, or its URL normalized"},
    Field{"body", "", FieldKind::FreeText, "body words, normalized, with positions; Z+stem"},
    Field{"title", "S", FieldKind::FreeText, "title words, normalized, with positions; ZS+stem"},
    Field{"lead", "L", FieldKind::Stems, "the stems of the body's first words again (ZL+stem), for the lead boost"},
    Field{"source", "XSOURCE:", FieldKind::Boolean, "the source (outlet), normalized"},
    Field{"author", "A", FieldKind::Boolean, "the author, normalized"},
    Field{"person", "XPER:", FieldKind::Weighted, "canonical person ids; wdf = prominence"},
    Field{"place", "XLOC:", FieldKind::Weighted, "canonical place ids; wdf = prominence"},
    Field{"org", "XORG:", FieldKind::Weighted, "canonical organization ids; wdf = prominence"},
    Field{"mention", "XMD:", FieldKind::Boolean, "dates the text mentions: YYYYMMDD, YYYYMM, YYYY"},
    Field{"day", "D", FieldKind::Boolean, "publication day YYYYMMDD, in the indexing time zone"},
    Field{"month", "M", FieldKind::Boolean, "publication month YYYYMM"},
    Field{"year", "Y", FieldKind::Boolean, "publication year YYYY"},
    Field{"lsh", "XLSH:", FieldKind::Boolean, "MinHash LSH band keys, for finding near-duplicates"},
    Field{"cluster", "XCLUSTER:", FieldKind::Boolean, "near-duplicate cluster key (as the ClusterKey slot)"},
};

/** The field of `name`; throws std::out_of_range for an unknown name. */
const Field& field(std::string_view name);

/** The term prefix of `name` (shorthand for field(name).prefix). */
inline std::string_view prefix(std::string_view name) { return field(name).prefix; }

/** Value slots (Xapian::valueno). */
enum class Slot : unsigned {
  PublishedAt = 0,  ///< publication time, Xapian::sortable_serialise(unix seconds)
  ContentHash = 1,  ///< hash of the cleaned article, to skip unchanged articles on re-runs
  ClusterKey = 2,   ///< near-duplicate cluster key: identical for all copies of a story
  Signature = 3,    ///< MinHash signature of the body (64 hashes, 4 bytes each, big-endian), for near-duplicates
  SortKey = 4,      ///< the article id (first 200 bytes): breaks ties between equal scores
  Source = 5,       ///< the source as written in the crawl, for facets
  Month = 6,        ///< publication month "YYYY-MM" in the indexing time zone, for facets
};

/** The slot's number, as Xapian takes it (a Xapian::valueno). */
constexpr unsigned slot_number(Slot slot) noexcept { return static_cast<unsigned>(slot); }

/** Metadata keys. */
namespace metadata {
inline constexpr std::string_view schema = "fahras.schema";
inline constexpr std::string_view analysis = "fahras.analysis";
inline constexpr std::string_view timezone = "fahras.timezone";
/** Per-source line statistics for boilerplate: line_prefix + hash(source) + '\x1f' + hash(line). */
inline constexpr std::string_view line_prefix = "fahras.line:";
/** Totals kept up to date by the indexer (decimal). */
inline constexpr std::string_view article_count_prefix = "fahras.articles:";  // + hash(source)
}  // namespace metadata

}  // namespace fahras::schema
