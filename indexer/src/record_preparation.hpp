// Phase A of an indexing run, one record at a time and on any thread: fields mapped, text
// cleaned, the date read, the id and content hash made.
#pragma once

#include "article.hpp"
#include "cleaning.hpp"
#include "dates.hpp"
#include "document_builder.hpp"
#include "raw_record.hpp"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace fahras::indexer {

/** What phase A makes of one record. */
struct Prepared {
  Origin origin;
  std::optional<PreparedArticle> article;  ///< empty: skipped, for skip_reason
  std::string skip_reason;                 ///< "no title and no body", "no text left after cleaning"
  std::vector<Diagnostic> diagnostics;     ///< warnings about the record (cut, repaired, undated)
  CleanStats stats;                        ///< what cleaning changed, title and fields included
  bool title_only = false;
  bool undated = false;
};

/** How records are prepared: the run's options, read once. */
struct PreparationSettings {
  const FieldMap& fields;
  const DateParser& dates;
  std::optional<std::int64_t> default_date;  ///< unix seconds, for a record without a readable date
  std::size_t max_bytes;                     ///< --max-bytes: longer text is cut
};

/**
 * Prepares one record: maps its fields; cleans title, body, source and author (clean_text;
 * the title and the fields on one line) and the URL (clean_url); reads its date in the
 * settings' time zone, else takes the default date; makes its id term and content hash.
 * Never throws for bad content: a record with no text is returned without an article.
 */
Prepared prepare_record(RawRecord&& record, const PreparationSettings& settings);

}  // namespace fahras::indexer
