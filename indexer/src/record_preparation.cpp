#include "record_preparation.hpp"

#include "fahras/terms.hpp"
#include "plural.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace fahras::indexer {

Prepared prepare_record(RawRecord&& record, const PreparationSettings& settings) {
  Prepared p;
  p.origin = record.origin;
  PreparedArticle a;
  a.article = to_article(std::move(record), settings.fields);
  const Origin& origin = a.article.origin;
  const auto warn = [&p, &origin](std::string message) {
    p.diagnostics.push_back(Diagnostic{origin, 0, Severity::Warning, std::move(message)});
  };
  if (a.article.title.empty() && a.article.body.empty()) {
    p.skip_reason = "no title and no body";
    return p;
  }
  CleanStats title_stats;
  a.title = clean_text(a.article.title, settings.max_bytes, title_stats);
  std::replace(a.title.begin(), a.title.end(), '\n', ' ');
  a.body = clean_text(a.article.body, settings.max_bytes, p.stats);
  p.stats.invalid_utf8 += title_stats.invalid_utf8;
  p.stats.control_chars += title_stats.control_chars;
  // The fields shown beside the text are cleaned too: one line each, no controls or escapes;
  // a URL only encodes them, keeping what it points to (the id is made from it alike).
  for (std::string* field : {&a.article.source, &a.article.author}) {
    CleanStats field_stats;
    *field = clean_text(*field, settings.max_bytes, field_stats);
    std::replace(field->begin(), field->end(), '\n', ' ');
    p.stats.invalid_utf8 += field_stats.invalid_utf8;
    p.stats.control_chars += field_stats.control_chars;
  }
  a.article.url = clean_url(a.article.url, &p.stats.control_chars);
  if (a.title.empty() && a.body.empty()) {
    p.skip_reason = "no text left after cleaning";
    return p;
  }
  if (a.body.empty()) p.title_only = true;
  if (p.stats.truncated || title_stats.truncated) {
    warn(fmt::format("text longer than --max-bytes ({}), cut at a word boundary",
                     count_of(settings.max_bytes, "byte", "bytes")));
  }
  if (p.stats.invalid_utf8 != 0) {
    warn(count_of(p.stats.invalid_utf8, "invalid UTF-8 sequence", "invalid UTF-8 sequences") + " replaced");
  }
  if (a.article.id_from_content) warn("neither id nor URL: the id is derived from the content (" + a.article.id + ")");

  if (!a.article.date.empty()) {
    std::string error;
    if (const auto parsed = settings.dates.parse(a.article.date, &error)) {
      a.published = parsed->unix_seconds;
    } else {
      warn(error + (settings.default_date ? ", --default-date used" : ", indexed without a date"));
    }
  }
  if (!a.published && settings.default_date) a.published = settings.default_date;
  if (!a.published) p.undated = true;

  a.id_term = id_term(a.article.id);
  a.content_hash = stable_hash_hex(fmt::format("{}\x1f{}\x1f{}\x1f{}\x1f{}\x1f{}\x1f{}", a.article.id, a.article.url,
                                               a.article.source, a.article.author,
                                               a.published ? std::to_string(*a.published) : "", a.title, a.body));
  p.article = std::move(a);
  return p;
}

}  // namespace fahras::indexer
