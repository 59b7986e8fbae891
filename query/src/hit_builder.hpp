// One Xapian match to one SearchHit: the stored article, its snippet and title highlights,
// and the query words it matched.
#pragma once

#include "fahras/analysis.hpp"
#include "fahras/query.hpp"
#include "query_builder.hpp"

#include <nlohmann/json.hpp>
#include <xapian.h>

#include <string>
#include <utility>
#include <vector>

namespace fahras::query {

/** The fields of a stored document's data (JSON) that a hit shows; "" for any that is
 *  missing or not a string, so a damaged record shows less instead of failing. */
struct StoredArticle {
  std::string id;
  std::string url;
  std::string title;
  std::string source;
  std::string author;
  std::string date;
  std::string body;
  nlohmann::json entities;  ///< the entity mentions with their spans (an array), or null
};
StoredArticle read_stored_article(const std::string& data);

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

/** Fills everything of a hit but its rank, score and duplicates. */
SearchHit make_hit(const Xapian::Document& doc, const std::vector<std::string>& matching_terms, const BuiltQuery& built,
                   const SearchRequest& request, Analyzer& analyzer);

}  // namespace fahras::query
