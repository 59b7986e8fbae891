// Every call fahras-web makes into the query library, in one file: searching through the
// library's SearcherPool, one article in full (Searcher::article), the database's facts
// (Searcher::info), and the JSON of each as the service answers it.
#pragma once

#include "fahras/query.hpp"
#include "fahras/searcher_pool.hpp"

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace fahras::web {

/** How a response is written as JSON. Unlike fahras::JsonOptions, `utf16_ranges` replaces the
 *  byte ranges (a page needs one kind), and `fields` may name the service's own keys. */
struct JsonOptions {
  int indent = -1;                  ///< < 0: one line
  bool utf16_ranges = false;        ///< highlight ranges in UTF-16 code units (JavaScript strings), not bytes
  std::vector<std::string> fields;  ///< the hit fields to keep, in their usual order; empty: all
};

/** The names JsonOptions::fields accepts, in the order a hit lists them. */
const std::vector<std::string>& hit_field_names();

/** What /health reports. */
struct Health {
  std::size_t documents = 0;
  std::string updated;  ///< when the database was last written, ISO 8601 UTC ("" unknown)
};

/**
 * The database fahras-web serves. Thread-safe: each call leases a Searcher of its own from a
 * fahras::SearcherPool (up to `max_searchers` at once; more requests wait for one), reopened
 * on each lease so that what the indexer committed meanwhile is searched. Errors are the library's
 * exceptions (QuerySyntaxError, RequestError, DatabaseError); DatabaseError messages name the
 * database's path, so they are for the log, never for a response.
 */
class Backend {
public:
  /** Opens the database once to check it; throws DatabaseError when it cannot be searched. */
  Backend(std::string path, std::size_t max_searchers);
  ~Backend();
  Backend(const Backend&) = delete;
  Backend& operator=(const Backend&) = delete;

  /** The search's response as JSON, each hit also with `title_highlights`, and with
   *  `snippet_html` and `title_html` (HTML-escaped, highlights in <mark>). `time_limit_ms` > 0
   *  bounds the search; the response says `"timed_out"`. */
  std::string search_json(const SearchRequest& request, const JsonOptions& options, double time_limit_ms);

  /** The articles most like the article `id` (Searcher::related) as JSON, as search_json writes
   *  a search's (its "query": the words chosen from the article); nullopt when no article has it. */
  std::optional<std::string> related_json(const std::string& id, const SearchRequest& request,
                                          const JsonOptions& options, double time_limit_ms);

  /** `{"query", "suggestion"}`: the query with misspelt words corrected, or null. */
  std::string suggest_json(const std::string& query);

  /** The article with unique id `id` as JSON (id, url, title, source, author, date,
   *  title_highlights, title_html, body: [{text, highlights, html}], mentions), highlighted for
   *  `highlight_for`'s query (none when its text is empty); nullopt when no article has it. */
  std::optional<std::string> article_json(const std::string& id, const SearchRequest& highlight_for,
                                          const JsonOptions& options);

  /** The database's facts as JSON (documents, schema, analysis, timezone, first_date,
   *  last_date, sources, spelling, updated, bytes), without its path. */
  std::string info_json();

  /** Articles and last write, through a freshly reopened Searcher. */
  Health health();

private:
  std::unique_ptr<SearcherPool> pool_;
};

}  // namespace fahras::web
