// From a cleaned article to the Xapian document the schema describes.
#pragma once

#include "article.hpp"
#include "cleaning.hpp"
#include "dates.hpp"
#include "fahras/analysis.hpp"
#include "fahras/entities.hpp"
#include "minhash.hpp"
#include "spelling_admission.hpp"
#include "stored_mentions.hpp"

#include <xapian.h>

#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace fahras::indexer {

/** An article after cleaning, ready to be compared with the database and built. */
struct PreparedArticle {
  Article article;
  std::string title;  ///< cleaned, one line
  std::string body;   ///< cleaned, paragraphs separated by '\n'
  std::optional<std::int64_t> published;  ///< unix seconds
  std::string content_hash;
  std::string id_term;  ///< "Q" + id, kept within Xapian's term length
};

/** A built document and what the writer still needs from it. */
struct BuiltDocument {
  Xapian::Document document;
  std::optional<MinHash::Signature> signature;  ///< empty: too few words to compare
  std::string lookup_data;  ///< with BuildExtras::lookup_data: lookup_document_data()
  std::size_t boilerplate_lines = 0;
};

/** What build_document does besides the document itself. */
struct BuildExtras {
  EntityRecognizer* recognizer = nullptr;  ///< entity terms, mentions and date mentions (none: --no-entities)
  SpellingCounts* spelling = nullptr;      ///< adds the occurrences of the words for the spelling dictionary
  bool lookup_data = false;                ///< fills BuiltDocument::lookup_data (a parallel build)
};

/** The JSON document data: title, url, source, author, date, body (without boilerplate),
 *  the boilerplate lines left out ("left_out"), origin, and the entity mentions ("mentions":
 *  encode_mentions' compact text; no key when there is none). */
std::string document_data(const PreparedArticle& article, const std::string& kept_body,
                          const std::vector<std::string_view>& left_out,
                          const std::vector<StoredMention>& mentions = {});

/** What a stored document counted in the line statistics when it was written: its source and
 *  its whole cleaned body, boilerplate included. */
struct CountedText {
  std::string source;
  std::string body;
};
CountedText counted_text_of_data(const std::string& data);

/** The data of a lookup document (a parallel build): the id, the source and the lines the
 *  line statistics counted (those of the body short enough to be boilerplate, and the lines
 *  left out) — what counted_text_of_data and re-clustering read, without the rest. */
std::string lookup_document_data(const PreparedArticle& article, std::string_view kept_body,
                                 const std::vector<std::string_view>& left_out);

/** Entity prominence, the within-document frequency of an entity's term: a mention in the
 *  title counts this much, one in the first paragraph `lead_weight`, any other one 1. */
inline constexpr unsigned title_mention_weight = 5;
inline constexpr unsigned lead_mention_weight = 3;

/**
 * Builds the document: title words (S and unprefixed, with positions, ZS/Z stems), body
 * words (unprefixed with positions, Z stems) from the paragraphs not in `boilerplate`, source,
 * author, date terms and value, content hash, id term, data. Stop words keep their positions
 * (for phrases) but get no stem term. With a `recognizer`, also the entity terms (XPER: XLOC:
 * XORG: + id, wdf = prominence), the entity mentions in the data, and the dates the text
 * mentions (XMD: terms; weekdays and dates without a year resolved against the publication
 * date). Words for the spelling dictionary: normalized forms of the words that are neither
 * stop words nor numbers.
 */
BuiltDocument build_document(const PreparedArticle& article, const std::set<std::string_view>& boilerplate,
                             Analyzer& analyzer, const DateParser& dates, const BuildExtras& extras);

}  // namespace fahras::indexer
