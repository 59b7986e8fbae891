#include "document_builder.hpp"

#include "fahras/schema.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <ctime>

namespace fahras::indexer {

namespace {

// Xapian's glass backend takes terms (and spelling words) up to 245 bytes.
constexpr std::size_t max_term_bytes = 240;
constexpr std::size_t max_spelling_bytes = 200;

unsigned slot(schema::Slot s) { return static_cast<unsigned>(s); }

std::string iso_utc(std::int64_t seconds) {
  const auto t = static_cast<std::time_t>(seconds);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buffer[32];
  std::strftime(buffer, sizeof buffer, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buffer;
}

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
                          const std::vector<std::string_view>& left_out) {
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

BuiltDocument build_document(const PreparedArticle& a, const std::set<std::string_view>& boilerplate,
                             Analyzer& analyzer, const DateParser& dates, bool spelling) {
  BuiltDocument built;
  Xapian::Document& doc = built.document;
  TermWriter terms{doc, {}};
  const std::string title_prefix(schema::prefix("title"));
  const std::string stem(schema::stem_prefix);
  const std::string title_stem = stem + title_prefix;

  // Title: its own prefix (for title weighting) and unprefixed (so plain searches find it).
  Xapian::termpos position = 1;
  analyzer.analyze(a.title, [&](const TokenView& t) {
    terms.posting(title_prefix, t.normalized, position);
    terms.posting("", t.normalized, position);
    if (!t.is_stop) {
      terms.plain(title_stem, t.stem);
      terms.plain(stem, t.stem);
      if (spelling && t.kind != TokenKind::Number && t.normalized.size() <= max_spelling_bytes) {
        built.spelling_words.emplace_back(t.normalized);
      }
    }
    ++position;
  });
  position += 100;  // no phrase spans title and body

  // Body: the paragraphs that are not boilerplate.
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
    kept_body.append(paragraph);
    analyzer.analyze(paragraph, [&](const TokenView& t) {
      terms.posting("", t.normalized, position);
      if (!t.is_stop) {
        terms.plain(stem, t.stem);
        signature_words.emplace_back(t.normalized);
        if (spelling && t.kind != TokenKind::Number && t.normalized.size() <= max_spelling_bytes) {
          built.spelling_words.emplace_back(t.normalized);
        }
      }
      ++position;
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
    doc.add_value(slot(schema::Slot::PublishedAt), Xapian::sortable_serialise(static_cast<double>(*a.published)));
    const DateParser::LocalDate local = dates.local_date(*a.published);
    doc.add_boolean_term(std::string(schema::prefix("day")) + day_key(local));
    doc.add_boolean_term(std::string(schema::prefix("month")) + month_key(local));
    doc.add_boolean_term(std::string(schema::prefix("year")) + year_key(local));
    doc.add_value(slot(schema::Slot::Month), fmt::format("{:04}-{:02}", local.year, local.month));
  }
  constexpr std::size_t max_sort_key_bytes = 200;
  doc.add_value(slot(schema::Slot::SortKey), a.article.id.substr(0, max_sort_key_bytes));
  if (!a.article.source.empty()) doc.add_value(slot(schema::Slot::Source), a.article.source);
  doc.add_value(slot(schema::Slot::ContentHash), a.content_hash);
  doc.set_data(document_data(a, kept_body, left_out));
  return built;
}

}  // namespace fahras::indexer
