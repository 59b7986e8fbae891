// What fahras-query shows besides search results: one article in full, with every match of
// the query highlighted (the interactive `:open N`), and the facts of a database (--info).
// Both read the database directly; neither is part of the public query API.
#pragma once

#include "fahras/query.hpp"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace fahras::terminal {

/** An article as stored, its title and each body paragraph with the query's matches. */
struct FullArticle {
  std::string id;
  std::string url;
  std::string title;
  std::string source;
  std::string author;
  std::string date;  ///< ISO 8601 UTC, "" when unknown
  std::vector<ByteRange> title_highlights;
  struct Paragraph {
    std::string text;
    std::vector<ByteRange> highlights;
  };
  std::vector<Paragraph> body;  ///< the cleaned body, paragraph by paragraph
};

/**
 * The article with unique id `id` in the database at `path`, highlighted for `request`'s query
 * (its words, phrases and prefixes, by the database's analysis profile; no highlights when the
 * query cannot be built). nullopt when no article has that id. Throws DatabaseError when the
 * database cannot be read.
 */
std::optional<FullArticle> load_article(const std::string& path, const std::string& id, const SearchRequest& request);

/** The facts of a database (--info). */
struct DatabaseInfo {
  std::string path;
  std::size_t documents = 0;
  std::string schema;        ///< the schema version it was built with
  std::string analysis;      ///< the analysis profile id
  std::string timezone;      ///< the time zone of its day/month/year terms
  std::string first_date;    ///< earliest publication time, ISO 8601 UTC ("" when none is dated)
  std::string last_date;     ///< latest publication time
  std::size_t sources = 0;   ///< distinct sources
  bool spelling = false;     ///< holds a spelling dictionary ("did you mean")
  std::string updated;       ///< when its files were last written, ISO 8601 UTC ("" unknown)
  std::uintmax_t bytes = 0;  ///< size on disk
};

/** Reads the facts of the database at `path`; throws DatabaseError when it cannot. */
DatabaseInfo read_database_info(const std::string& path);

/** The info as one JSON object (keys as the struct's members); `indent` < 0: one line. */
std::string to_json(const DatabaseInfo& info, int indent = -1);

}  // namespace fahras::terminal
