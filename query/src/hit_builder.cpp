#include "hit_builder.hpp"

#include "snippet.hpp"
#include "stopwatch.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>

namespace fahras::query {

namespace {

std::vector<std::string> matched_words(const Xapian::Document& doc, const std::vector<std::string>& matching_terms,
                                       const BuiltQuery& built) {
  std::vector<std::string> words;
  const auto add = [&words](const std::string& word) {
    if (std::find(words.begin(), words.end(), word) == words.end()) words.push_back(word);
  };
  for (const std::string& term : matching_terms) {
    if (const auto it = built.term_words.find(term); it != built.term_words.end()) add(it->second);
  }
  // Wildcards are not in the query's term list: look for the prefix in the document, whose
  // term list is read once (from a remote shard, each read is a round trip).
  if (built.prefixes.empty()) return words;
  const std::vector<std::string> terms(doc.termlist_begin(), doc.termlist_end());  // sorted
  for (const auto& [pattern, field_bytes] : built.prefixes) {
    auto it = std::lower_bound(terms.begin(), terms.end(), pattern);
    for (int shown = 0; it != terms.end() && it->compare(0, pattern.size(), pattern) == 0 && shown < 5;
         ++it, ++shown) {
      add(it->substr(field_bytes));
    }
  }
  return words;
}

// The stored mentions of the queried entities, as byte ranges of the title and of the body:
// one Marked per entity, so that the snippet highlights "ترامب" for person:ترمب.
struct EntitySpans {
  MatchSpec title;
  MatchSpec body;
};

EntitySpans entity_spans(const StoredArticle& stored, const BuiltQuery& built) {
  EntitySpans spans{built.spec, built.spec};
  if (built.entities.empty()) return spans;
  const nlohmann::json list = stored.entities();
  if (!list.is_array()) return spans;
  for (const BuiltQuery::QueriedEntity& e : built.entities) {
    MatchSpec::Marked title{{}, e.weight};
    MatchSpec::Marked body{{}, e.weight};
    for (const auto& m : list) {
      // The data is ours, but a damaged record must not end a search: skip what is not as written.
      if (!m.is_object()) continue;
      const auto id = m.find("id");
      const auto type = m.find("type");
      const auto field = m.find("field");
      const auto begin = m.find("begin");
      const auto end = m.find("end");
      if (id == m.end() || type == m.end() || field == m.end() || begin == m.end() || end == m.end() ||
          !id->is_string() || !type->is_string() || !field->is_string() || !begin->is_number_unsigned() ||
          !end->is_number_unsigned()) {
        continue;
      }
      if (id->get<std::string>() != e.id || type->get<std::string>() != e.type) continue;
      const auto from = begin->get<std::size_t>();
      const auto to = end->get<std::size_t>();
      if (to <= from) continue;
      (field->get<std::string>() == "title" ? title : body).ranges.emplace_back(from, to);
    }
    spans.title.marked.push_back(std::move(title));
    spans.body.marked.push_back(std::move(body));
  }
  return spans;
}

std::string render(const Snippet& snippet, const SearchRequest& request) {
  switch (request.highlight) {
    case HighlightStyle::None: return {};
    case HighlightStyle::Markers: return render_with_markers(snippet, request.open_marker, request.close_marker);
    case HighlightStyle::Ansi: return render_ansi(snippet);
    case HighlightStyle::Html: return render_html(snippet);
  }
  return {};
}

}  // namespace

SearchHit make_hit(const Xapian::Document& doc, const std::vector<std::string>& matching_terms, const BuiltQuery& built,
                   const SearchRequest& request, Analyzer& analyzer, SearchTimings& timings) {
  SearchHit hit;
  Stopwatch stopwatch;
  StoredArticle stored = read_stored_article(doc.get_data());
  move_article_fields(stored, hit);
  const std::string body = std::move(stored.body);
  hit.matched_terms = matched_words(doc, matching_terms, built);
  timings.documents_ms += stopwatch.lap();
  if (request.snippets) {
    SnippetOptions options;
    options.max_chars = request.snippet_chars;
    const EntitySpans spans = entity_spans(stored, built);
    Snippet snippet = make_snippet(body, spans.body, analyzer, options);
    Snippet title = highlight_all(hit.title, spans.title, analyzer);
    hit.snippet_rendered = render(snippet, request);
    hit.title_rendered = render(title, request);
    hit.snippet = std::move(snippet.text);
    hit.highlights = std::move(snippet.highlights);
    hit.title_highlights = std::move(title.highlights);
    timings.snippets_ms += stopwatch.lap();
  }
  return hit;
}

}  // namespace fahras::query
