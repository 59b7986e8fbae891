#include "terminal_article.hpp"

#include "date_keys.hpp"
#include "fahras/analysis.hpp"
#include "fahras/schema.hpp"
#include "fahras/terms.hpp"
#include "hit_builder.hpp"
#include "query_builder.hpp"
#include "query_dates.hpp"
#include "query_parser.hpp"
#include "snippet.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>
#include <xapian.h>

#include <algorithm>
#include <chrono>
#include <ctime>
#include <filesystem>

namespace fahras::terminal {

namespace {

Xapian::Database open(const std::string& path) {
  if (!std::filesystem::exists(path)) throw DatabaseError(fmt::format("no database at '{}'", path));
  try {
    return Xapian::Database(path);
  } catch (const Xapian::Error& e) {
    throw DatabaseError(fmt::format("cannot open database '{}': {}", path, e.get_msg()));
  }
}

/** What to highlight for `request` in this database; nothing when the query does not build. */
query::MatchSpec match_spec(const Xapian::Database& db, const SearchRequest& request, Analyzer& analyzer) {
  try {
    const query::TimeZone zone(db.get_metadata(std::string(schema::metadata::timezone)));
    const query::Node root = request.plain ? query::parse_plain(request.text) : query::parse_query(request.text);
    const query::BuildContext context{analyzer, db, zone, static_cast<std::int64_t>(std::time(nullptr)),
                                      request.ranking, request.ranking.default_operator};
    return query::build_query(root, request.text, context).spec;
  } catch (const std::exception&) {  // a query that did not build highlights nothing
    return {};
  }
}

std::string bound_date(const std::string& serialised) {
  if (serialised.empty()) return {};
  return iso_utc(static_cast<std::int64_t>(Xapian::sortable_unserialise(serialised)));
}

/**
 * The earliest (or latest) publication time a document holds, serialised; empty when none is
 * dated. Xapian's value bounds are only bounds: they are not narrowed when the document that set
 * them is deleted or replaced, so they serve as the range to look in, and the answer is the
 * value of a document that exists.
 */
std::string published_bound(const Xapian::Database& db, bool latest) {
  const auto published = schema::slot_number(schema::Slot::PublishedAt);
  if (db.get_value_freq(published) == 0) return {};
  Xapian::Enquire enquire(db);
  enquire.set_query(Xapian::Query(Xapian::Query::OP_VALUE_GE, published, db.get_value_lower_bound(published)));
  enquire.set_weighting_scheme(Xapian::BoolWeight());
  enquire.set_docid_order(Xapian::Enquire::ASCENDING);
  enquire.set_sort_by_value(published, latest);
  const Xapian::MSet first = enquire.get_mset(0, 1);
  if (first.empty()) return {};
  return first.begin().get_document().get_value(published);
}

}  // namespace

std::optional<FullArticle> load_article(const std::string& path, const std::string& id, const SearchRequest& request) {
  const Xapian::Database db = open(path);
  try {
    const Xapian::PostingIterator it = db.postlist_begin(id_term(id));
    if (it == db.postlist_end(id_term(id))) return std::nullopt;
    query::StoredArticle stored = query::read_stored_article(db.get_document(*it).get_data());
    FullArticle article;
    query::move_article_fields(stored, article);
    const std::string body = std::move(stored.body);
    const auto profile = AnalysisProfile::from_id(db.get_metadata(std::string(schema::metadata::analysis)));
    Analyzer analyzer(profile.value_or(AnalysisProfile{}));
    const query::MatchSpec spec = match_spec(db, request, analyzer);
    article.title_highlights = query::highlight_all(article.title, spec, analyzer).highlights;
    std::size_t start = 0;
    while (start <= body.size()) {
      std::size_t end = body.find('\n', start);
      if (end == std::string::npos) end = body.size();
      const std::string_view paragraph(body.data() + start, end - start);
      if (!paragraph.empty()) {
        query::Snippet lit = query::highlight_all(paragraph, spec, analyzer);
        article.body.push_back({std::string(paragraph), std::move(lit.highlights)});
      }
      start = end + 1;
    }
    return article;
  } catch (const Xapian::Error& e) {
    throw DatabaseError(fmt::format("reading article '{}' from '{}': {}", id, path, e.get_msg()));
  }
}

DatabaseInfo read_database_info(const std::string& path) {
  const Xapian::Database db = open(path);
  DatabaseInfo info;
  info.path = path;
  try {
    info.documents = db.get_doccount();
    info.schema = db.get_metadata(std::string(schema::metadata::schema));
    info.analysis = db.get_metadata(std::string(schema::metadata::analysis));
    info.timezone = db.get_metadata(std::string(schema::metadata::timezone));
    if (info.timezone.empty()) info.timezone = "UTC";
    info.first_date = bound_date(published_bound(db, false));
    info.last_date = bound_date(published_bound(db, true));
    const std::string source_prefix(schema::prefix("source"));
    for (auto it = db.allterms_begin(source_prefix); it != db.allterms_end(source_prefix); ++it) ++info.sources;
    info.spelling = db.spellings_begin() != db.spellings_end();
  } catch (const Xapian::Error& e) {
    throw DatabaseError(fmt::format("reading '{}': {}", path, e.get_msg()));
  }
  std::error_code error;
  auto newest = std::filesystem::file_time_type::min();
  for (const auto& entry : std::filesystem::directory_iterator(path, error)) {
    if (!entry.is_regular_file(error)) continue;
    info.bytes += entry.file_size(error);
    if (const auto written = entry.last_write_time(error); !error) newest = std::max(newest, written);
  }
  if (newest != std::filesystem::file_time_type::min()) {
    const auto system = std::chrono::file_clock::to_sys(newest);
    info.updated = iso_utc(std::chrono::duration_cast<std::chrono::seconds>(system.time_since_epoch()).count());
  }
  return info;
}

std::string to_json(const DatabaseInfo& info, int indent) {
  const nlohmann::ordered_json json{{"path", info.path},
                                    {"documents", info.documents},
                                    {"schema", info.schema},
                                    {"analysis", info.analysis},
                                    {"timezone", info.timezone},
                                    {"first_date", info.first_date},
                                    {"last_date", info.last_date},
                                    {"sources", info.sources},
                                    {"spelling", info.spelling},
                                    {"updated", info.updated},
                                    {"bytes", info.bytes}};
  return json.dump(indent, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace fahras::terminal
