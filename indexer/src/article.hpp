// From a reader's record to an article: field mapping, ids.
#pragma once

#include "fahras/terms.hpp"
#include "raw_record.hpp"

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace fahras::indexer {

/** Which input keys fill each article field, tried in order. */
class FieldMap {
public:
  /** The names an article has: id, title, content, date, url, source, author. */
  static const std::vector<std::string>& field_names();

  /** Recognizes the common names: title/headline/head_line; content/body/text;
   *  date/published/published_at/date_extracted; url/link; id; source/site; author. */
  FieldMap();

  /** Applies "NAME=KEY" (read NAME from KEY only) or "NAME=" (ignore NAME).
   *  Throws std::invalid_argument naming the problem. */
  void apply(std::string_view spec);

  /** The first non-empty value of `name` in `record`, or empty. */
  [[nodiscard]] std::string get(const RawRecord& record, const std::string& name) const;

private:
  std::map<std::string, std::vector<std::string>> keys_;
};

/** An article as the indexer sees it before cleaning. */
struct Article {
  Origin origin;
  std::string id;  ///< the unique id (see make_id)
  std::string url;  ///< as given (fahras-index stores it through clean_url)
  std::string title;
  std::string body;
  std::string source;
  std::string author;
  std::string date;  ///< the date text as given
  bool id_from_content = false;  ///< neither id nor URL: the id was derived from the content
  /** The id a database written before URL ids were cleaned and their percent-encoding
   *  normalized holds for this article (see legacy_url_id); empty when it is `id`. */
  std::string legacy_id;
};

/** The article of a record under `fields`. */
Article to_article(RawRecord&& record, const FieldMap& fields);

/** The id of an article: its id field; else its URL normalized (normalize_url: cleaned, scheme
 *  and host lower-cased, fragment dropped, percent-encoding normalized); else "content:" + a
 *  hash of title and body. */
std::string make_id(const std::string& id_field, const std::string& url, const std::string& title,
                    const std::string& body);


}  // namespace fahras::indexer
