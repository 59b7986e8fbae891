#include "web_backend.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <utility>

namespace fahras::web {

namespace {

using Json = nlohmann::ordered_json;

std::string dump(const Json& json, int indent) {
  return json.dump(indent, ' ', false, nlohmann::json::error_handler_t::replace);
}

Json ranges_json(const std::string& text, const std::vector<ByteRange>& ranges, bool utf16) {
  Json out = Json::array();
  for (const auto& [begin, end] : utf16 ? to_utf16_ranges(text, ranges) : ranges) out.push_back({begin, end});
  return out;
}

std::string html(const std::string& text, const std::vector<ByteRange>& ranges) {
  return render_highlights(text, ranges, HighlightStyle::Html);
}

/** The library's JSON of `value`, with byte ranges only (the service adds its own kinds). */
template <typename Value>
Json library_json(const Value& value) {
  return Json::parse(to_json(value, fahras::JsonOptions{}));
}

/** Runs `work` with a Searcher of the pool. */
template <typename Work>
auto with_searcher(SearcherPool& pool, Work work) {
  SearcherPool::Lease lease = pool.acquire();
  return work(*lease);
}

}  // namespace

const std::vector<std::string>& hit_field_names() {
  static const std::vector<std::string> names{
      "rank",      "id",         "url",           "title",      "title_highlights", "title_html", "source",
      "author",    "date",       "score",         "snippet",    "highlights",       "snippet_html",
      "matched_terms", "duplicates"};
  return names;
}

Backend::Backend(std::string path, std::size_t max_searchers)
    : pool_(std::make_unique<SearcherPool>(std::move(path), max_searchers)) {}

Backend::~Backend() = default;

namespace {

/** A response as the service writes it: each hit also with its HTML (see search_json). */
std::string response_json(const SearchResponse& response, const JsonOptions& options) {
  Json json = library_json(response);
  Json& hits = json["hits"];
  for (std::size_t i = 0; i < response.hits.size() && i < hits.size(); ++i) {
    const SearchHit& hit = response.hits[i];
    Json full;
    for (auto it = hits[i].begin(); it != hits[i].end(); ++it) {
      if (it.key() == "highlights") {
        full["highlights"] = ranges_json(hit.snippet, hit.highlights, options.utf16_ranges);
        full["snippet_html"] = html(hit.snippet, hit.highlights);
      } else {
        full[it.key()] = it.value();
      }
      if (it.key() == "title") {
        full["title_highlights"] = ranges_json(hit.title, hit.title_highlights, options.utf16_ranges);
        full["title_html"] = html(hit.title, hit.title_highlights);
      }
    }
    if (!options.fields.empty()) {
      Json kept;
      for (const std::string& name : hit_field_names()) {
        if (std::find(options.fields.begin(), options.fields.end(), name) != options.fields.end()) {
          kept[name] = std::move(full[name]);
        }
      }
      full = std::move(kept);
    }
    hits[i] = std::move(full);
  }
  return dump(json, options.indent);
}

}  // namespace

std::string Backend::search_json(const SearchRequest& request, const JsonOptions& options, double time_limit_ms) {
  SearchRequest bounded = request;
  bounded.time_limit_ms = time_limit_ms;
  return response_json(with_searcher(*pool_, [&](Searcher& s) { return s.search(bounded); }), options);
}

std::optional<std::string> Backend::related_json(const std::string& id, const SearchRequest& request,
                                                 const JsonOptions& options, double time_limit_ms) {
  SearchRequest bounded = request;
  bounded.time_limit_ms = time_limit_ms;
  const std::optional<SearchResponse> response =
      with_searcher(*pool_, [&](Searcher& s) { return s.related(id, bounded); });
  if (!response) return std::nullopt;
  return response_json(*response, options);
}

std::string Backend::suggest_json(const std::string& query) {
  SearchRequest request;
  request.text = query;
  request.limit = 0;
  request.snippets = false;
  request.spelling = true;
  const SearchResponse response = with_searcher(*pool_, [&](Searcher& s) { return s.search(request); });
  return dump(Json{{"query", query}, {"suggestion", response.suggestion ? Json(*response.suggestion) : Json(nullptr)}},
              -1);
}

std::optional<std::string> Backend::article_json(const std::string& id, const SearchRequest& highlight_for,
                                                 const JsonOptions& options) {
  const std::optional<Article> article =
      with_searcher(*pool_, [&](Searcher& s) { return s.article(id, highlight_for); });
  if (!article) return std::nullopt;
  Json body = Json::array();
  for (const auto& paragraph : article->body) {
    body.push_back({{"text", paragraph.text},
                    {"highlights", ranges_json(paragraph.text, paragraph.highlights, options.utf16_ranges)},
                    {"html", html(paragraph.text, paragraph.highlights)}});
  }
  Json mentions = Json::array();
  for (const Article::Mention& m : article->mentions) {
    const std::string& text = m.field == "title" ? article->title : article->body.at(m.paragraph).text;
    const ByteRange range = options.utf16_ranges ? to_utf16_ranges(text, {{m.begin, m.end}}).front()
                                                 : ByteRange{m.begin, m.end};
    Json mention{{"type", m.type}, {"id", m.id}, {"name", m.name}, {"field", m.field}};
    if (m.field == "body") mention["paragraph"] = m.paragraph;
    mention["begin"] = range.first;
    mention["end"] = range.second;
    mentions.push_back(std::move(mention));
  }
  const Json json{{"id", article->id},
                  {"url", article->url},
                  {"title", article->title},
                  {"title_highlights", ranges_json(article->title, article->title_highlights, options.utf16_ranges)},
                  {"title_html", html(article->title, article->title_highlights)},
                  {"source", article->source},
                  {"author", article->author},
                  {"date", article->date.empty() ? Json(nullptr) : Json(article->date)},
                  {"body", std::move(body)},
                  {"mentions", std::move(mentions)}};
  return dump(json, options.indent);
}

std::string Backend::info_json() {
  Json json = library_json(with_searcher(*pool_, [](Searcher& s) { return s.info(); }));
  json.erase("path");
  return dump(json, -1);
}

Health Backend::health() {
  const DatabaseInfo info = with_searcher(*pool_, [](Searcher& s) { return s.info(); });
  return Health{info.documents, info.updated};
}

}  // namespace fahras::web
