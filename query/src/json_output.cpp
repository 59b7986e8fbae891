// The response as JSON (the shape the issue fixes), and rendering of highlight ranges.
#include "fahras/query.hpp"

#include "snippet.hpp"
#include "utf8.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <string_view>

namespace fahras {

namespace {

using Json = nlohmann::ordered_json;

Json ranges_json(const std::vector<ByteRange>& ranges) {
  Json list = Json::array();
  for (const auto& [begin, end] : ranges) list.push_back({begin, end});
  return list;
}

/** The keys a hit's JSON has by default, in order. */
const std::vector<std::string_view>& hit_keys() {
  static const std::vector<std::string_view> keys = {"rank",    "id",         "url",           "title",
                                                     "source",  "author",     "date",          "score",
                                                     "snippet", "highlights", "matched_terms", "duplicates"};
  return keys;
}

const std::vector<std::string_view>& article_keys() {
  static const std::vector<std::string_view> keys = {
      "id", "url", "title", "source", "author", "date", "title_highlights", "body", "mentions"};
  return keys;
}

/** Throws RequestError for a field name that is not one of `known`. */
void check_fields(const JsonOptions& options, const std::vector<std::string_view>& known, const char* what) {
  for (const std::string& field : options.fields) {
    if (std::find(known.begin(), known.end(), field) == known.end()) {
      std::string list;
      for (const std::string_view key : known) list.append(list.empty() ? "" : ", ").append(key);
      throw RequestError(fmt::format("unknown {} field '{}' (known: {})", what, field, list));
    }
  }
}

bool wanted(const JsonOptions& options, std::string_view key) {
  return options.fields.empty() || std::find(options.fields.begin(), options.fields.end(), key) != options.fields.end();
}

/** Adds `key` (when wanted) and, with utf16_ranges, `key`_utf16 right after it. */
void add_ranges(Json& json, const JsonOptions& options, const char* key, const std::string& text,
                const std::vector<ByteRange>& ranges) {
  if (!wanted(options, key)) return;
  json[key] = ranges_json(ranges);
  if (options.utf16_ranges) json[std::string(key) + "_utf16"] = ranges_json(to_utf16_ranges(text, ranges));
}

Json hit_json(const SearchHit& hit, const JsonOptions& options) {
  Json json = Json::object();
  const auto add = [&](const char* key, Json value) {
    if (wanted(options, key)) json[key] = std::move(value);
  };
  add("rank", hit.rank);
  add("id", hit.id);
  add("url", hit.url);
  add("title", hit.title);
  add("source", hit.source);
  add("author", hit.author);
  add("date", hit.date.empty() ? Json(nullptr) : Json(hit.date));
  add("score", hit.score);
  add("snippet", hit.snippet);
  add_ranges(json, options, "highlights", hit.snippet, hit.highlights);
  add("matched_terms", hit.matched_terms);
  add("duplicates", hit.duplicates);
  return json;
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
  JsonOptions options;
  options.indent = indent;
  return to_json(response, options);
}

std::string to_json(const SearchResponse& response, const JsonOptions& options) {
  check_fields(options, hit_keys(), "hit");
  Json hits = Json::array();
  for (const SearchHit& hit : response.hits) hits.push_back(hit_json(hit, options));
  Json json{{"query", response.query},
                  {"total", response.total},
                  {"total_relation", to_string(response.total_relation)},
                  {"timed_out", response.timed_out},
                  {"hits", std::move(hits)},
                  {"facets", facets_json(response.facets)},
                  {"suggestion", response.suggestion ? Json(*response.suggestion) : Json(nullptr)},
                  {"elapsed_ms", response.elapsed_ms}};
  if (!response.warnings.empty()) json["warnings"] = response.warnings;  // shards left out
  return dump(json, options.indent);
}

std::string to_json(const SearchHit& hit, const JsonOptions& options) {
  check_fields(options, hit_keys(), "hit");
  return dump(hit_json(hit, options), options.indent);
}

std::string to_json(const Article& article, const JsonOptions& options) {
  check_fields(options, article_keys(), "article");
  Json json = Json::object();
  const auto add = [&](const char* key, Json value) {
    if (wanted(options, key)) json[key] = std::move(value);
  };
  add("id", article.id);
  add("url", article.url);
  add("title", article.title);
  add("source", article.source);
  add("author", article.author);
  add("date", article.date.empty() ? Json(nullptr) : Json(article.date));
  add_ranges(json, options, "title_highlights", article.title, article.title_highlights);
  if (wanted(options, "body")) {
    Json body = Json::array();
    JsonOptions paragraph_options;
    paragraph_options.utf16_ranges = options.utf16_ranges;
    for (const Article::Paragraph& p : article.body) {
      Json paragraph{{"text", p.text}};
      add_ranges(paragraph, paragraph_options, "highlights", p.text, p.highlights);
      body.push_back(std::move(paragraph));
    }
    json["body"] = std::move(body);
  }
  if (wanted(options, "mentions")) {
    Json mentions = Json::array();
    for (const Article::Mention& m : article.mentions) {
      Json mention{{"type", m.type}, {"id", m.id}, {"name", m.name}, {"field", m.field}};
      if (m.field == "body") mention["paragraph"] = m.paragraph;
      mention["begin"] = m.begin;
      mention["end"] = m.end;
      if (options.utf16_ranges) {
        const std::string& text =
            m.field == "body" && m.paragraph < article.body.size() ? article.body[m.paragraph].text : article.title;
        const ByteRange range = to_utf16_ranges(text, {{m.begin, m.end}}).front();
        mention["begin_utf16"] = range.first;
        mention["end_utf16"] = range.second;
      }
      mentions.push_back(std::move(mention));
    }
    json["mentions"] = std::move(mentions);
  }
  return dump(json, options.indent);
}

std::string to_json(const DatabaseInfo& info, const JsonOptions& options) {
  Json json{{"path", info.path},           {"documents", info.documents}, {"schema", info.schema},
                  {"analysis", info.analysis},   {"timezone", info.timezone},   {"first_date", info.first_date},
                  {"last_date", info.last_date}, {"sources", info.sources},     {"spelling", info.spelling},
                  {"updated", info.updated},     {"bytes", info.bytes},         {"revision", info.revision}};
  if (info.shards != 1) json["shards"] = info.shards;
  if (!info.warnings.empty()) json["warnings"] = info.warnings;
  return dump(json, options.indent);
}

std::vector<ByteRange> to_utf16_ranges(const std::string& utf8_text, const std::vector<ByteRange>& byte_ranges) {
  // The UTF-16 offset of every byte offset that starts a character, and of the end, in one pass;
  // a byte inside a character maps to that character's start.
  std::vector<std::size_t> units(utf8_text.size() + 1, 0);
  std::size_t offset = 0;
  std::size_t counted = 0;
  while (offset < utf8_text.size()) {
    const utf8::Decoded decoded = utf8::decode(utf8_text, offset);
    for (std::size_t i = 0; i < decoded.length; ++i) units[offset + i] = counted;
    counted += decoded.valid && decoded.code_point > 0xFFFF ? 2 : 1;
    offset += decoded.length;
  }
  units[utf8_text.size()] = counted;
  std::vector<ByteRange> out;
  out.reserve(byte_ranges.size());
  for (const auto& [begin, end] : byte_ranges) {
    out.emplace_back(units[std::min(begin, utf8_text.size())], units[std::min(end, utf8_text.size())]);
  }
  return out;
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
