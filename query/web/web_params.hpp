// The HTTP parameters of fahras-web's endpoints, checked one by one and turned into a
// SearchRequest. Each refusal names the parameter; nothing here touches a database or a file.
#pragma once

#include "fahras/query.hpp"
#include "web_backend.hpp"

#include <cstddef>
#include <map>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace fahras::web {

/** Query-string parameters, decoded (a name may come more than once). */
using Params = std::multimap<std::string, std::string>;

/** A parameter is unknown, repeated, malformed or out of range: a 400 naming it. */
class ParamError : public std::runtime_error {
public:
  ParamError(std::string parameter, const std::string& message)
      : std::runtime_error(message), parameter_(std::move(parameter)) {}
  [[nodiscard]] const std::string& parameter() const noexcept { return parameter_; }

private:
  std::string parameter_;
};

inline constexpr std::size_t max_query_bytes = 1024;  ///< q
inline constexpr std::size_t max_value_bytes = 1024;  ///< any other parameter
inline constexpr std::size_t max_limit = 100;         ///< hits a page
inline constexpr std::size_t max_offset = 10000;      ///< hits skipped

/** A /search: the request, how to write it, and its time limit (ms, 0: none). */
struct SearchParams {
  SearchRequest request;
  JsonOptions json;
  double time_limit_ms = 0;
  /** Each filter clause with the parameter it came from, to name the one a QuerySyntaxError
   *  quotes (its fragment is in the query text or in one of these). */
  std::vector<std::pair<std::string, std::string>> clauses;
};

/** The parameter a QuerySyntaxError quoting `fragment` is about: `q`, or the filter's. */
std::string parameter_of(const SearchParams& params, const std::string& fragment);

/** /search: q entity source from to sort limit offset facets fields utf16 time_limit_ms.
 *  `server_time_limit_ms` is the default and the most a request may ask for (0: none). */
SearchParams parse_search(const Params& params, double server_time_limit_ms);

/** A /related: the article's id and the rest as a search's. */
struct RelatedParams {
  std::string id;
  SearchParams search;  ///< its request has no text
};

/** /related: id (required), and entity source from to limit offset facets fields utf16
 *  time_limit_ms as /search takes them. */
RelatedParams parse_related(const Params& params, double server_time_limit_ms);

/** /suggest: q, required. */
std::string parse_suggest(const Params& params);

/** /article/{id}: the id from the path, and q and utf16 (the request highlights q's words). */
SearchRequest parse_article(const std::string& id, const Params& params, JsonOptions& json);

/** /info, /health: no parameter at all. */
void parse_none(const Params& params);

/** Whether `text` is well-formed UTF-8 (no overlong forms, surrogates or code points past U+10FFFF). */
bool valid_utf8(const std::string& text);

}  // namespace fahras::web
