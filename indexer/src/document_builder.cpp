#include "document_builder.hpp"

#include "boilerplate.hpp"
#include "date_keys.hpp"
#include "fahras/date_mentions.hpp"
#include "fahras/schema.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <map>
#include <optional>

namespace fahras::indexer {

namespace {

// Xapian's glass backend takes terms (and spelling words) up to 245 bytes.
constexpr std::size_t max_term_bytes = 240;
constexpr std::size_t max_spelling_bytes = 200;

using schema::slot_number;

struct TermWriter {
  Xapian::Document& doc;
  std::string term;

  void posting(std::string_view prefix, std::string_view word, Xapian::termpos position) {
    if (word.size() + prefix.size() > max_term_bytes) return;
    term.assign(prefix).append(word);
    doc.add_posting(term, position);
  }
  void plain(std::string_view prefix, std::string_view word) {
    if (word.size() + prefix.size() > max_term_bytes) return;
    term.assign(prefix).append(word);
    doc.add_term(term);
  }
};

}  // namespace

std::string document_data(const PreparedArticle& a, const std::string& kept_body,
                          const std::vector<std::string_view>& left_out, const std::vector<StoredMention>& mentions) {
  nlohmann::json data = {{"id", a.article.id},
                         {"url", a.article.url},
                         {"title", a.title},
                         {"source", a.article.source},
                         {"author", a.article.author},
                         {"body", kept_body},
                         {"origin", to_string(a.article.origin)}};
  if (!left_out.empty()) {
    nlohmann::json lines = nlohmann::json::array();
    for (const std::string_view line : left_out) lines.push_back(std::string(line));
    data["left_out"] = std::move(lines);
  }
  if (a.published) data["date"] = iso_utc(*a.published);
  if (!mentions.empty()) data["mentions"] = encode_mentions(mentions);
  return data.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::string lookup_document_data(const PreparedArticle& a, std::string_view kept_body,
                                 const std::vector<std::string_view>& left_out) {
  std::string lines;
  for (const std::string_view line : LineStats::candidate_lines(kept_body)) {
    if (!lines.empty()) lines += '\n';
    lines.append(line);
  }
  nlohmann::json data = {{"id", a.article.id}, {"source", a.article.source}, {"body", std::move(lines)}};
  if (!left_out.empty()) {
    nlohmann::json out = nlohmann::json::array();
    for (const std::string_view line : left_out) out.push_back(std::string(line));
    data["left_out"] = std::move(out);
  }
  return data.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

CountedText counted_text_of_data(const std::string& data) {
  CountedText counted;
  const auto json = nlohmann::json::parse(data, nullptr, false);
  if (!json.is_object()) return counted;
  counted.source = json.value("source", "");
  counted.body = json.value("body", "");
  if (const auto it = json.find("left_out"); it != json.end() && it->is_array()) {
    for (const auto& line : *it) {
      if (!line.is_string()) continue;
      if (!counted.body.empty()) counted.body += '\n';
      counted.body += line.get<std::string>();
    }
  }
  return counted;
}

namespace {

// What the recognizers find in one article: entity terms with their prominence, the
// mentions for the data, and the mentioned dates' terms.
struct Extracted {
  std::map<std::string, Xapian::termcount> entity_terms;
  std::vector<StoredMention> mentions;
  std::set<std::string> mention_terms;

  // Analyzes `text` once: `analyze(sink)` runs the caller's analysis, feeding the recognizer too.
  void add(EntityRecognizer* recognizer, std::string_view text, bool in_title, std::size_t offset,
           Xapian::termcount weight, const std::optional<CivilDate>& published,
           const std::function<void(const EntityRecognizer::TokenSink&)>& analyze) {
    if (recognizer == nullptr) {
      analyze([](const TokenView&) {});
      return;
    }
    for (EntityMention& m : recognizer->find(text, analyze)) {
      // The schema names its entity fields as to_string names the types: "person", "place", "org".
      std::string term = std::string(schema::prefix(to_string(m.type))) + m.id;
      if (term.size() <= max_term_bytes) entity_terms[std::move(term)] += weight;
      mentions.push_back(
          StoredMention{m.type, std::move(m.id), std::move(m.name), in_title, offset + m.begin, offset + m.end});
    }
    for (const DateMention& d : find_date_mentions(text, published)) {
      for (std::string& key : mention_keys(d.date)) mention_terms.insert(std::string(schema::prefix("mention")) + key);
    }
  }
};

}  // namespace

BuiltDocument build_document(const PreparedArticle& a, const std::set<std::string_view>& boilerplate,
                             Analyzer& analyzer, const DateParser& dates, const BuildExtras& extras) {
  EntityRecognizer* const recognizer = extras.recognizer;
  const auto count_spelling = [&extras](const TokenView& t) {
    if (extras.spelling == nullptr || t.kind == TokenKind::Number || t.normalized.size() > max_spelling_bytes) return;
    SpellingCounts& counts = *extras.spelling;
    if (const auto found = counts.find(t.normalized); found != counts.end()) {
      ++found->second;
    } else {
      counts.emplace(std::string(t.normalized), 1);
    }
  };
  Extracted extracted;
  std::optional<CivilDate> published;
  if (a.published) published = dates.local_date(*a.published);
  BuiltDocument built;
  Xapian::Document& doc = built.document;
  TermWriter terms{doc, {}};
  const std::string title_prefix(schema::prefix("title"));
  const std::string stem(schema::stem_prefix);
  const std::string title_stem = stem + title_prefix;

  // Title: its own prefix (for title weighting) and unprefixed (so plain searches find it).
  Xapian::termpos position = 1;
  extracted.add(recognizer, a.title, true, 0, title_mention_weight, published, [&](const auto& entity_sink) {
    analyzer.analyze(a.title, [&](const TokenView& t) {
      entity_sink(t);
      terms.posting(title_prefix, t.normalized, position);
      terms.posting("", t.normalized, position);
      if (!t.is_stop) {
        terms.plain(title_stem, t.stem);
        terms.plain(stem, t.stem);
        count_spelling(t);
      }
      ++position;
    });
  });
  position += 100;  // no phrase spans title and body

  // Body: the paragraphs that are not boilerplate. Its first words are the lead: news tells the
  // story there and a headline paraphrases it, so their stems are written again, for the lead
  // boost (RankingOptions::lead_weight).
  const std::string lead_stem = stem + std::string(schema::prefix("lead"));
  std::size_t body_words = 0;
  std::string kept_body;
  std::vector<std::string_view> left_out;
  std::vector<std::string> signature_words;
  for (const std::string_view paragraph : paragraphs(a.body)) {
    if (boilerplate.count(paragraph) != 0) {
      ++built.boilerplate_lines;
      left_out.push_back(paragraph);
      continue;
    }
    if (!kept_body.empty()) kept_body += '\n';
    const std::size_t offset = kept_body.size();
    kept_body.append(paragraph);
    extracted.add(recognizer, paragraph, false, offset, offset == 0 ? lead_mention_weight : 1, published,
                  [&](const auto& entity_sink) {
                    analyzer.analyze(paragraph, [&](const TokenView& t) {
                      entity_sink(t);
                      terms.posting("", t.normalized, position);
                      if (!t.is_stop) {
                        terms.plain(stem, t.stem);
                        if (body_words < schema::lead_words) terms.plain(lead_stem, t.stem);
                        signature_words.emplace_back(t.normalized);
                        count_spelling(t);
                      }
                      ++position;
                      ++body_words;
                    });
                  });
    ++position;  // no phrase spans two paragraphs
  }
  constexpr std::size_t min_words_for_signature = 20;
  if (signature_words.size() >= min_words_for_signature) built.signature = MinHash::of(signature_words);

  doc.add_boolean_term(a.id_term);
  for (const auto& [field, value] : {std::pair{"source", &a.article.source}, std::pair{"author", &a.article.author}}) {
    const std::string term = filter_term(analyzer, field, *value);
    if (!term.empty()) doc.add_boolean_term(term);
  }
  if (a.published) {
    doc.add_value(slot_number(schema::Slot::PublishedAt),
                  Xapian::sortable_serialise(static_cast<double>(*a.published)));
    const DateParser::LocalDate local = dates.local_date(*a.published);
    doc.add_boolean_term(std::string(schema::prefix("day")) + day_key(local));
    doc.add_boolean_term(std::string(schema::prefix("month")) + month_key(local));
    doc.add_boolean_term(std::string(schema::prefix("year")) + year_key(local));
    doc.add_value(slot_number(schema::Slot::Month), fmt::format("{:04}-{:02}", local.year, local.month));
  }
  constexpr std::size_t max_sort_key_bytes = 200;
  doc.add_value(slot_number(schema::Slot::SortKey), a.article.id.substr(0, max_sort_key_bytes));
  if (!a.article.source.empty()) doc.add_value(slot_number(schema::Slot::Source), a.article.source);
  for (const auto& [term, weight] : extracted.entity_terms) doc.add_term(term, weight);
  for (const std::string& term : extracted.mention_terms) doc.add_boolean_term(term);
  doc.add_value(slot_number(schema::Slot::ContentHash), a.content_hash);
  doc.set_data(document_data(a, kept_body, left_out, extracted.mentions));
  if (extras.lookup_data) built.lookup_data = lookup_document_data(a, kept_body, left_out);
  return built;
}

}  // namespace fahras::indexer
