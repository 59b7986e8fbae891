// The response as JSON (the shape the issue fixes), and rendering of highlight ranges.
#include "fahras/query.hpp"

#include "snippet.hpp"

#include <nlohmann/json.hpp>

namespace fahras {

namespace {

using Json = nlohmann::ordered_json;

Json hit_json(const SearchHit& hit) {
  Json highlights = Json::array();
  for (const auto& [begin, end] : hit.highlights) highlights.push_back({begin, end});
  return Json{{"rank", hit.rank},
              {"id", hit.id},
              {"url", hit.url},
              {"title", hit.title},
              {"source", hit.source},
              {"author", hit.author},
              {"date", hit.date.empty() ? Json(nullptr) : Json(hit.date)},
              {"score", hit.score},
              {"snippet", hit.snippet},
              {"highlights", std::move(highlights)},
              {"matched_terms", hit.matched_terms},
              {"duplicates", hit.duplicates}};
}

Json facets_json(const SearchFacets& facets) {
  Json sources = Json::array();
  for (const auto& [name, count] : facets.sources) sources.push_back({name, count});
  Json months = Json::array();
  for (const auto& [month, count] : facets.months) months.push_back({month, count});
  Json entities = Json::array();
  for (const auto& e : facets.entities) entities.push_back({e.name, e.type, e.count});
  return Json{{"sources", std::move(sources)}, {"months", std::move(months)}, {"entities", std::move(entities)}};
}

std::string dump(const Json& json, int indent) {
  return json.dump(indent, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace

std::string to_json(const SearchResponse& response, int indent) {
  Json hits = Json::array();
  for (const SearchHit& hit : response.hits) hits.push_back(hit_json(hit));
  const Json json{{"query", response.query},
                  {"total", response.total},
                  {"total_relation", to_string(response.total_relation)},
                  {"hits", std::move(hits)},
                  {"facets", facets_json(response.facets)},
                  {"suggestion", response.suggestion ? Json(*response.suggestion) : Json(nullptr)},
                  {"elapsed_ms", response.elapsed_ms}};
  return dump(json, indent);
}

const char* to_string(TotalRelation relation) noexcept {
  return relation == TotalRelation::Exact ? "eq" : "gte";
}

std::string error_json(const std::string& query, const std::string& message) {
  return dump(Json{{"query", query}, {"error", message}}, -1);
}

std::string render_highlights(const std::string& text, const std::vector<ByteRange>& ranges, HighlightStyle style,
                              const std::string& open, const std::string& close) {
  query::Snippet snippet;
  snippet.text = text;
  snippet.highlights = ranges;
  switch (style) {
    case HighlightStyle::None: return text;
    case HighlightStyle::Markers: return query::render_with_markers(snippet, open, close);
    case HighlightStyle::Ansi: return query::render_ansi(snippet);
    case HighlightStyle::Html: return query::render_html(snippet);
  }
  return text;
}

}  // namespace fahras
