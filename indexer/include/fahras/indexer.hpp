// fahras indexer library: turn crawl dumps into a fahras Xapian database.
#pragma once

#include "fahras/analysis.hpp"

#include <cstddef>
#include <iosfwd>
#include <map>
#include <string>
#include <vector>

namespace fahras {

/** How progress is shown on the diagnostics stream. */
enum class ProgressStyle : std::uint8_t { Off, Lines, Terminal };

/** Everything one indexing run needs (fahras-index's options). */
struct IndexOptions {
  std::string database;                  ///< the Xapian database folder (created if missing), or a shard set's
  std::string shard_by;                  ///< "month", "year" or "hash:N": write a shard set (README: shard sets);
                                         ///< "" = a single database, or an existing set's own layout
  std::vector<std::string> inputs;       ///< files, folders (recursed) or "-" for standard input
  AnalysisProfile profile;               ///< must match the database's, if it exists
  bool profile_given = true;             ///< false: an existing database's own profile is used
  std::vector<std::string> fields;       ///< field mapping overrides "NAME=KEY" / "NAME="
  bool txt_title = false;                ///< .txt: first non-empty line is the title
  std::string timezone;                  ///< zone of stamps without one and of the day terms;
                                         ///< "" = the database's, or UTC for a new one
  std::string default_date;              ///< date for articles without a usable one ("" = none)
  std::size_t max_bytes = 1U << 20U;     ///< longer texts are cut at a word boundary
  std::size_t commit_every = 1000;       ///< documents per batch and commit
  unsigned threads = 0;                  ///< analysis threads; 0 = one per core
  unsigned writers = 0;                  ///< Xapian writers of a first build (empty database),
                                         ///< merged at the end; 0 = one per core (at most 4),
                                         ///< 1 = one writer, no merge
  bool spelling = true;                  ///< feed Xapian's spelling dictionary
  bool entities = true;                  ///< extract entities and date mentions
  bool strict = false;                   ///< stop at the first bad record
  double wait_lock_seconds = 0;          ///< wait this long for another indexer's lock
  std::vector<std::string> delete_ids;   ///< ids (or URLs) to delete
  std::string delete_before;             ///< delete articles published before this date
  ProgressStyle progress = ProgressStyle::Off;
};

/** What a run did; fahras-index prints it and writes it as JSON (--stats-json). */
struct IndexSummary {
  std::size_t records = 0;           ///< records read (valid or not)
  std::size_t added = 0;
  std::size_t updated = 0;
  std::size_t unchanged = 0;
  std::size_t deleted = 0;
  std::map<std::string, std::size_t> skipped;  ///< by reason
  std::size_t warnings = 0;          ///< `warning:` lines: repaired or cut text, no date, empty records
  std::size_t errors = 0;            ///< `error:` lines: records or files that could not be read, skipped
  std::size_t invalid_utf8 = 0;        ///< ill-formed UTF-8 sequences repaired
  std::size_t control_chars = 0;       ///< control characters and escapes removed
  std::size_t repeated_paragraphs = 0; ///< paragraphs dropped as repeats within an article
  std::size_t truncated = 0;           ///< texts cut at --max-bytes
  std::size_t title_only = 0;          ///< indexed by their title: empty body
  std::size_t undated = 0;             ///< indexed without a date
  std::size_t ids_from_content = 0;    ///< neither id nor URL
  std::size_t duplicates_in_input = 0; ///< the same id again in one run (the last one wins)
  std::size_t boilerplate_lines = 0;   ///< lines left out as per-source boilerplate
  std::size_t near_duplicates = 0;     ///< articles that joined an earlier article's cluster
  std::size_t clusters_rekeyed = 0;    ///< documents re-keyed when two clusters merged
  std::size_t documents = 0;           ///< documents in the database (or the shard set) at the end
  std::vector<std::string> shards;     ///< a shard set: the shards this run wrote to, by name
  double seconds = 0;
  bool stopped_by_strict = false;

  [[nodiscard]] std::size_t skipped_total() const;
  /** Exit status for fahras-index: 0 everything readable was indexed (warnings allowed), 1 some
   *  records or files could not be read (errors). */
  [[nodiscard]] int exit_code() const;
  [[nodiscard]] std::string to_text() const;
  [[nodiscard]] std::string to_json() const;
};

/**
 * Runs one indexing job. Problems with records are reported on `diagnostics` in compiler
 * style (FILE[:MEMBER]:LINE[:COLUMN]: warning: MESSAGE (record N)) and counted; the run goes
 * on. Throws UsageError for bad options and IndexError when the database cannot be used.
 */
IndexSummary run_index(const IndexOptions& options, std::ostream& diagnostics);

}  // namespace fahras
