// The data the indexer stores with each document (one JSON object), read back: the fields a
// hit or an article shows.
#pragma once

#include <nlohmann/json.hpp>

#include <string>

namespace fahras::query {

/** The fields of a stored document's data that a hit shows; "" for any that is missing or not a
 *  string, and every field "" when the data is not a JSON object, so that a damaged record shows
 *  less instead of failing. */
struct StoredArticle {
  std::string id;
  std::string url;
  std::string title;
  std::string source;
  std::string author;
  std::string date;
  std::string body;
  std::string mentions;  ///< the entity mentions with their spans, as stored (encode_mentions' text), or ""

  /** The entity mentions, decoded, as an array of {"type", "id", "name", "field": "title" |
   *  "body", "begin", "end"}, title ones first; null when there is none. Decoded only by those
   *  that need them. */
  [[nodiscard]] nlohmann::json entities() const;
};

/**
 * Reads a document's data. The entity mentions, which a hit needs only for an entity query,
 * are kept as stored and decoded on demand. The rest is read with
 * simdjson's On-Demand parser, which skips what it is not asked for (a full parse of every hit's
 * record took a fifth of a search's instructions).
 */
StoredArticle read_stored_article(std::string data);

/** Moves the fields every view of an article shows (id, url, title, source, author, date)
 *  from `stored` into `view` (a SearchHit, an Article); body and entities stay. */
template <typename View>
void move_article_fields(StoredArticle& stored, View& view) {
  view.id = std::move(stored.id);
  view.url = std::move(stored.url);
  view.title = std::move(stored.title);
  view.source = std::move(stored.source);
  view.author = std::move(stored.author);
  view.date = std::move(stored.date);
}

}  // namespace fahras::query
