// One article in full, and the facts of a database.
#include "article_reader.hpp"

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
#include <xapian.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <ctime>
#include <filesystem>

namespace fahras::query {

namespace {

/** What to highlight for `request` in this database; nothing when the query does not build. */
MatchSpec match_spec(const Xapian::Database& db, const SearchRequest& request, Analyzer& analyzer,
                     const TimeZone& zone) {
  if (request.text.empty()) return {};
  try {
    const Node root = request.plain ? parse_plain(request.text) : parse_query(request.text);
    const BuildContext context{analyzer,
                               db,
                               zone,
                               static_cast<std::int64_t>(std::time(nullptr)),
                               request.ranking,
                               request.ranking.default_operator};
    return build_query(root, request.text, context).spec;
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

/** The stored entity mentions, body ones placed in their paragraph; a mention that is not as
 *  written (a damaged record) or crosses a paragraph's end is left out. */
std::vector<Article::Mention> mentions_of(const nlohmann::json& list, const Article& article,
                                          const std::vector<std::size_t>& starts) {
  std::vector<Article::Mention> out;
  if (!list.is_array()) return out;
  for (const auto& m : list) {
    if (!m.is_object()) continue;
    const auto text = [&m](const char* key) {
      const auto it = m.find(key);
      return it != m.end() && it->is_string() ? it->get<std::string>() : std::string();
    };
    const auto begin = m.find("begin");
    const auto end = m.find("end");
    if (begin == m.end() || end == m.end() || !begin->is_number_unsigned() || !end->is_number_unsigned()) continue;
    Article::Mention mention{
        text("type"), text("id"), text("name"), text("field"), begin->get<std::size_t>(), end->get<std::size_t>(), 0};
    if (mention.begin > mention.end) continue;
    if (mention.field == "title") {
      if (mention.end > article.title.size()) continue;
    } else if (mention.field == "body") {
      // The paragraph that starts last at or before the mention.
      const auto after = std::upper_bound(starts.begin(), starts.end(), mention.begin);
      if (after == starts.begin()) continue;
      const std::size_t k = static_cast<std::size_t>(after - starts.begin()) - 1;
      if (mention.end - starts[k] > article.body[k].text.size()) continue;
      mention.paragraph = k;
      mention.begin -= starts[k];
      mention.end -= starts[k];
    } else {
      continue;
    }
    out.push_back(std::move(mention));
  }
  return out;
}

}  // namespace

std::optional<Xapian::docid> find_article(const Xapian::Database& db, const std::string& id) {
  std::vector<std::string> keys{id};
  if (id.find("://") != std::string::npos) {  // a URL: as the indexer keys an article without an id
    keys.push_back(normalize_url(id));
    keys.push_back(legacy_url_id(id));
  }
  for (const std::string& key : keys) {
    const std::string term = id_term(key);
    const Xapian::PostingIterator it = db.postlist_begin(term);
    if (it != db.postlist_end(term)) return *it;
  }
  return std::nullopt;
}

std::optional<Article> read_article(const Xapian::Database& db, const std::string& id, const SearchRequest& request,
                                    Analyzer& analyzer, const TimeZone& zone) {
  const auto did = find_article(db, id);
  if (!did) return std::nullopt;
  StoredArticle stored = read_stored_article(db.get_document(*did).get_data());
  Article article;
  move_article_fields(stored, article);
  const std::string body = std::move(stored.body);
  const MatchSpec spec = match_spec(db, request, analyzer, zone);
  article.title_highlights = highlight_all(article.title, spec, analyzer).highlights;
  std::vector<std::size_t> starts;  // of each kept paragraph in the stored body
  std::size_t start = 0;
  while (start <= body.size()) {
    std::size_t end = body.find('\n', start);
    if (end == std::string::npos) end = body.size();
    const std::string_view paragraph(body.data() + start, end - start);
    if (!paragraph.empty()) {
      Snippet lit = highlight_all(paragraph, spec, analyzer);
      article.body.push_back({std::string(paragraph), std::move(lit.highlights)});
      starts.push_back(start);
    }
    start = end + 1;
  }
  article.mentions = mentions_of(stored.entities(), article, starts);
  return article;
}

DatabaseInfo read_database_info(const Xapian::Database& db, const std::string& path, std::uint64_t revision,
                                const std::vector<std::string>& folders) {
  DatabaseInfo info;
  info.path = path;
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
  info.revision = revision;
  std::error_code error;
  auto newest = std::filesystem::file_time_type::min();
  for (const std::string& folder : folders) {
    for (const auto& entry : std::filesystem::directory_iterator(folder, error)) {
      if (!entry.is_regular_file(error)) continue;
      info.bytes += entry.file_size(error);
      if (const auto written = entry.last_write_time(error); !error) newest = std::max(newest, written);
    }
  }
  if (newest != std::filesystem::file_time_type::min()) {
    const auto system = std::chrono::file_clock::to_sys(newest);
    info.updated = iso_utc(std::chrono::duration_cast<std::chrono::seconds>(system.time_since_epoch()).count());
  }
  return info;
}

}  // namespace fahras::query
