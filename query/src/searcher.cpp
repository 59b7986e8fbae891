// Searcher: opens a fahras database once, then parses, builds, ranks, collapses and turns
// matches into hits for each request.
#include "fahras/query.hpp"

#include "article_reader.hpp"
#include "fahras/analysis.hpp"
#include "fahras/schema.hpp"
#include "hit_builder.hpp"
#include "query_builder.hpp"
#include "query_dates.hpp"
#include "query_explain.hpp"
#include "query_lexer.hpp"
#include "query_parser.hpp"
#include "feedback.hpp"
#include "ranking.hpp"
#include "related.hpp"
#include "stopwatch.hpp"
#include "written_form.hpp"

#include <fmt/format.h>
#include <xapian.h>

#include <chrono>
#include <ctime>
#include <filesystem>
#include <functional>

namespace fahras {

using namespace query;

namespace {

constexpr std::size_t max_limit = 10000;
constexpr std::size_t few_hits = 3;
constexpr unsigned spelling_edit_distance = 2;

/** The database's profile and time zone, checked. */
struct OpenedDatabase {
  Xapian::Database db;
  std::string uuid;  // a rebuilt database (at the same path) has another
  std::string schema_version;
  std::string profile_id;
  AnalysisProfile profile;
  std::string timezone;
};

OpenedDatabase open_database(const std::string& path) {
  std::error_code error;
  if (!std::filesystem::exists(path, error)) throw DatabaseError(fmt::format("no database at '{}'", path));
  OpenedDatabase out;
  std::string& schema_version = out.schema_version;
  const auto open = [&] {
    out.db = Xapian::Database(path);
    out.uuid = out.db.get_uuid();
    schema_version = out.db.get_metadata(std::string(schema::metadata::schema));
    out.profile_id = out.db.get_metadata(std::string(schema::metadata::analysis));
    out.timezone = out.db.get_metadata(std::string(schema::metadata::timezone));
  };
  try {
    // A first build puts its database in place of the empty one by exchanging the two folders
    // (and removes the old one): opened at that moment, the files can belong to both, or be
    // gone. Once more, then, on the folder now in place.
    constexpr int attempts = 3;
    for (int attempt = 1;; ++attempt) {
      try {
        open();
        break;
      } catch (const Xapian::DatabaseError&) {  // not found, opening, modified, corrupt
        if (attempt == attempts || !std::filesystem::is_directory(path, error)) throw;
      }
    }
  } catch (const Xapian::Error& e) {
    if (!std::filesystem::is_directory(path, error)) {
      throw DatabaseError(fmt::format("cannot open database '{}': a file, not a database folder", path));
    }
    const char* const cause = e.get_error_string();
    throw DatabaseError(fmt::format("cannot open database '{}': {}{}", path, e.get_msg(),
                                    cause != nullptr ? fmt::format(" ({})", cause) : ""));
  }
  if (schema_version.empty()) throw DatabaseError(fmt::format("'{}' is not a fahras database (no {})", path, schema::metadata::schema));
  if (schema_version != std::to_string(schema::version)) {
    throw DatabaseError(fmt::format("'{}' was built with {} '{}', this fahras-query reads '{}': rebuild it", path,
                                    schema::metadata::schema, schema_version, schema::version));
  }
  const auto profile = AnalysisProfile::from_id(out.profile_id);
  if (!profile) {
    throw DatabaseError(fmt::format("'{}' uses the analysis profile '{}', which this fahras-query does not know: rebuild it",
                                    path, out.profile_id));
  }
  out.profile = *profile;
  if (out.timezone.empty()) out.timezone = "UTC";
  return out;
}

/** The error of a database that changed under a Searcher in what it read at opening (a rebuild
 *  at the same path); nullopt when schema, profile and time zone are as they were. */
std::optional<std::string> changed_setting(const std::string& path, const OpenedDatabase& before,
                                           const OpenedDatabase& now) {
  const std::pair<std::string_view, const std::string*> settings[] = {
      {schema::metadata::schema, &before.schema_version},
      {schema::metadata::analysis, &before.profile_id},
      {schema::metadata::timezone, &before.timezone}};
  const std::string* const current[] = {&now.schema_version, &now.profile_id, &now.timezone};
  for (std::size_t i = 0; i < std::size(settings); ++i) {
    if (*settings[i].second != *current[i]) {
      return fmt::format("'{}' was rebuilt under this searcher: {} '{}' when opened, '{}' now: open it again", path,
                         settings[i].first, *settings[i].second, *current[i]);
    }
  }
  return std::nullopt;
}

/** The metadata of an opened database read again, as open_database reads it (unchecked). */
OpenedDatabase settings_of(const Xapian::Database& db) {
  OpenedDatabase out;
  out.schema_version = db.get_metadata(std::string(schema::metadata::schema));
  out.profile_id = db.get_metadata(std::string(schema::metadata::analysis));
  out.timezone = db.get_metadata(std::string(schema::metadata::timezone));
  if (out.timezone.empty()) out.timezone = "UTC";
  return out;
}

/**
 * The corrected query: each misspelt word replaced by the spelling dictionary's suggestion,
 * written as the articles write it most (the dictionary keeps normalized forms: ه for ة).
 * A word is a candidate when it is unknown to the index (neither its form nor its stem occurs)
 * or, when the query found little (`few`), when its exact form does not occur.
 */
std::optional<std::string> spelling_suggestion(const Xapian::Database& db, Analyzer& analyzer, const std::string& text,
                                               const std::vector<QueryWord>& words, bool few) {
  std::string corrected;
  std::size_t copied = 0;
  bool changed = false;
  for (const QueryWord& word : words) {
    if (word.begin < copied || db.get_termfreq(word.normalized) != 0) continue;
    if (!few && db.get_termfreq(word.stem_term) != 0) continue;
    const std::string suggestion = db.get_spelling_suggestion(word.normalized, spelling_edit_distance);
    if (suggestion.empty() || suggestion == word.normalized) continue;
    corrected.append(text, copied, word.begin - copied).append(written_form(db, analyzer, suggestion));
    copied = word.end;
    changed = true;
  }
  if (!changed) return std::nullopt;
  corrected.append(text, copied);
  return corrected;
}

/** What a search was doing, for the message of a DatabaseError. */
std::string searching(const std::string& text) { return fmt::format("searching '{}'", excerpt(text)); }

/** `callable` as RelatedContext::facet_columns. The std::function's target is made here, in an
 *  unnamed namespace: a lambda written in a Searcher::Impl member would have its type
 *  information exported from libfahras, outside the public headers. */
template <typename Callable>
std::function<const FacetColumns&(FacetColumns::Columns)> facet_columns_function(Callable callable) {
  return [callable](FacetColumns::Columns needed) -> const FacetColumns& { return callable(needed); };
}

}  // namespace

struct Searcher::Impl {
  std::string path;
  OpenedDatabase opened;
  Analyzer analyzer;
  EntityRecognizer recognizer;  // resolves entity:/person:/place:/org: names
  TimeZone zone;
  std::optional<std::string> broken;  // the database changed what this searcher read at opening
  std::unique_ptr<FacetColumns> facet_columns_read;  // on the first search that needs them, again after a change

  /** The facet columns of the database's current revision, with at least `needed`. */
  const FacetColumns& facet_columns(FacetColumns::Columns needed) {
    if (!facet_columns_read || facet_columns_read->revision() != opened.db.get_revision() ||
        (needed == FacetColumns::Columns::All && facet_columns_read->columns() != FacetColumns::Columns::All)) {
      facet_columns_read.reset();  // the old ones go first: both at once would double the memory
      facet_columns_read = std::make_unique<FacetColumns>(opened.db, needed);
    }
    return *facet_columns_read;
  }

  explicit Impl(const std::string& p)
      : path(p),
        opened(open_database(p)),
        analyzer(opened.profile),
        recognizer(opened.profile),
        zone(make_zone(opened.timezone, p)) {}

  static TimeZone make_zone(const std::string& name, const std::string& p) {
    try {
      return TimeZone(name);
    } catch (const std::invalid_argument&) {
      throw DatabaseError(fmt::format("'{}' names the time zone '{}', which ICU does not know", p, name));
    }
  }

  std::int64_t now_of(const SearchRequest& request) const {
    if (request.now.empty()) return static_cast<std::int64_t>(std::time(nullptr));
    const auto now = zone.parse_instant(request.now);
    if (!now) throw RequestError(fmt::format("bad time '{}' for now: expected ISO 8601, e.g. 2015-07-21T12:00", request.now));
    return *now;
  }

  Node parse(const SearchRequest& request) const {
    Node root = request.plain ? parse_plain(request.text) : parse_query(request.text);
    return root;
  }

  /** The request's extra clauses (filters, since) as one boolean query, if any. */
  std::optional<Xapian::Query> extra_filters(const SearchRequest& request, const BuildContext& context) {
    std::vector<Xapian::Query> required;
    BuildContext unweighted = context;
    unweighted.unweighted = true;
    for (const std::string& filter : request.filters) {
      const BuiltQuery built = build_query(parse_query(filter), filter, unweighted);
      required.push_back(Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, built.query, 0.0));
    }
    if (!request.since.empty()) {
      const std::string clause = "since:" + request.since;
      const auto bad_since = [&] {
        return RequestError(
            fmt::format("bad since '{}': expected a span such as 7d, 2w, 3m, 1y, or a date", request.since));
      };
      Node node;
      try {
        node = parse_query(clause);
      } catch (const QuerySyntaxError&) {
        throw bad_since();
      }
      if (node.kind == NodeKind::And && node.children.size() == 1) {
        Node only = std::move(node.children.front());
        node = std::move(only);
      }
      if (node.kind != NodeKind::Since && node.kind != NodeKind::Date) throw bad_since();
      required.push_back(build_query(node, clause, context).query);
    }
    if (required.empty()) return std::nullopt;
    return Xapian::Query(Xapian::Query::OP_AND, required.begin(), required.end());
  }

  BuiltQuery build(const Node& root, const SearchRequest& request, DefaultOperator op, std::int64_t now,
                   bool unweighted = false) {
    BuildContext context{analyzer, opened.db, zone, now, request.ranking, op, &recognizer};
    context.unweighted = unweighted;
    BuiltQuery built = build_query(root, request.text, context);
    if (const auto extra = extra_filters(request, context)) {
      built.query = Xapian::Query(Xapian::Query::OP_FILTER, built.query, *extra);
    }
    if (!unweighted && built.scoring && request.ranking.feedback_terms > 0) {
      built.query = with_feedback(opened.db, built.query, request.ranking);
    }
    return built;
  }

  SearchResponse search(const SearchRequest& request) {
    const auto start = std::chrono::steady_clock::now();
    if (request.limit > max_limit) throw RequestError(fmt::format("limit {} is above {}", request.limit, max_limit));
    if (!(request.time_limit_ms >= 0)) {  // negative or NaN
      throw RequestError(fmt::format("time limit {} ms: expected 0 (none) or more", request.time_limit_ms));
    }
    const std::int64_t now = now_of(request);
    const Blend blend = blend_of(request, zone, now);
    Stopwatch stopwatch;
    const Node root = parse(request);

    SearchResponse response;
    SearchTimings& timings = response.timings;
    response.query = request.text;
    // The query to count with when rank counts apart: the same, weighing nothing.
    const auto count_query = [&](DefaultOperator op) -> std::optional<Xapian::Query> {
      if (!counts_apart(request, blend)) return std::nullopt;
      return Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, build(root, request, op, now, true).query, 0.0);
    };
    BuiltQuery built = build(root, request, request.ranking.default_operator, now);
    std::optional<Xapian::Query> counted_by = count_query(request.ranking.default_operator);
    timings.query_ms += stopwatch.lap();
    const FacetColumns* columns = nullptr;
    if (request.facets) {
      columns = &facet_columns(FacetColumns::Columns::All);
      timings.facets_ms += stopwatch.lap();  // reading the columns, the first time
    } else if (request.collapse && counts_apart(request, blend)) {
      columns = &facet_columns(FacetColumns::Columns::Clusters);  // to count stories apart
      timings.match_ms += stopwatch.lap();
    }
    Ranked ranked = rank(opened.db, built.query, request, blend, columns, counted_by ? &*counted_by : nullptr);
    timings.match_ms += stopwatch.lap();
    if (request.ranking.default_operator == DefaultOperator::AndWithFallback && ranked.total == 0) {
      const bool first_timed_out = ranked.timed_out;
      built = build(root, request, DefaultOperator::Or, now);
      counted_by = count_query(DefaultOperator::Or);
      timings.query_ms += stopwatch.lap();
      ranked = rank(opened.db, built.query, request, blend, columns, counted_by ? &*counted_by : nullptr);
      timings.match_ms += stopwatch.lap();
      ranked.timed_out = ranked.timed_out || first_timed_out;
    }
    // rank counted the facets' entities after the match.
    timings.match_ms -= ranked.facets_ms;
    timings.facets_ms += ranked.facets_ms;
    response.total = ranked.total;
    response.timed_out = ranked.timed_out;
    // A cut first pass may have found nothing that was there: the total is then no more than a bound.
    response.total_relation = ranked.timed_out ? TotalRelation::AtLeast : ranked.relation;
    std::size_t rank_number = request.offset;
    for (const RankedMatch& match : ranked.matches) {
      SearchHit hit = make_hit(match.document, match.matching_terms, built, request, analyzer, timings);
      hit.rank = ++rank_number;
      hit.score = match.score;
      hit.duplicates = match.duplicates;
      response.hits.push_back(std::move(hit));
    }
    response.facets = std::move(ranked.facets);
    stopwatch.lap();
    if (request.spelling) {
      response.suggestion =
          spelling_suggestion(opened.db, analyzer, request.text, built.words, response.total < few_hits);
      timings.spelling_ms = stopwatch.lap();
    }
    response.elapsed_ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    return response;
  }

  /** Runs `work`, once more after reopening the database when a writer changed it meanwhile;
   *  Xapian errors become DatabaseError with the query for context. */
  template <typename Work>
  auto guarded(const std::string& doing, Work work) -> decltype(work()) {
    if (broken) throw DatabaseError(*broken);
    try {
      try {
        return work();
      } catch (const Xapian::DatabaseModifiedError&) {
        reopen();
        return work();
      }
    } catch (const Xapian::Error& e) {
      throw DatabaseError(fmt::format("{} in '{}': {}: {}", doing, path, e.get_type(), e.get_msg()));
    }
  }

  /** Reopens, and checks that the database is still the one this searcher can read: a rebuild
   *  at the path (another uuid) is opened afresh, and any change of schema, profile or time zone
   *  breaks the searcher for good. Xapian errors are left to the caller. */
  bool reopen() {
    if (broken) throw DatabaseError(*broken);
    bool changed = false;
    bool rebuilt = false;
    try {
      changed = opened.db.reopen();
      rebuilt = opened.db.get_uuid() != opened.uuid;  // reopen reads the version file at the path
    } catch (const Xapian::DatabaseError&) {          // files of the old database gone, or mid-swap
      rebuilt = true;
    }
    if (!changed && !rebuilt) return false;
    if (rebuilt) {
      OpenedDatabase fresh;
      try {
        fresh = open_database(path);
      } catch (const DatabaseError& e) {  // no longer a database this searcher can read at all
        broken = e.what();
        throw;
      }
      broken = changed_setting(path, opened, fresh);
      if (broken) throw DatabaseError(*broken);
      opened = std::move(fresh);
      return true;
    }
    broken = changed_setting(path, opened, settings_of(opened.db));
    if (broken) throw DatabaseError(*broken);
    return true;
  }

  std::optional<SearchResponse> related(const std::string& id, const SearchRequest& request) {
    const std::int64_t now = now_of(request);
    const BuildContext context{analyzer, opened.db, zone, now, request.ranking, request.ranking.default_operator, &recognizer};
    const RelatedContext related{opened.db, analyzer, zone, now, extra_filters(request, context),
                                 facet_columns_function([this](FacetColumns::Columns needed) -> const FacetColumns& {
                                   return facet_columns(needed);
                                 })};
    return query::related(id, request, related);
  }

  std::string explain(const SearchRequest& request) {
    const std::int64_t now = now_of(request);
    const Node root = parse(request);
    const BuiltQuery built = build(root, request, request.ranking.default_operator, now);
    return describe_search(root, request.ranking.default_operator) + "\n" +
           tidy_description(built.query.get_description());
  }
};

Searcher::Searcher(const std::string& path) : impl_(std::make_unique<Impl>(path)) {}
Searcher::~Searcher() = default;
Searcher::Searcher(Searcher&&) noexcept = default;
Searcher& Searcher::operator=(Searcher&&) noexcept = default;

SearchResponse Searcher::search(const SearchRequest& request) {
  return impl_->guarded(searching(request.text), [&] { return impl_->search(request); });
}

std::string Searcher::explain(const SearchRequest& request) {
  return impl_->guarded(searching(request.text), [&] { return impl_->explain(request); });
}

std::size_t Searcher::count(const SearchRequest& request) {
  SearchRequest counting = request;
  counting.offset = 0;
  counting.limit = 0;               // no page: nothing sorted, no article read
  counting.count_up_to = SIZE_MAX;  // count every match: exact
  counting.facets = false;
  counting.snippets = false;
  counting.spelling = false;
  counting.time_limit_ms = 0;
  return search(counting).total;
}

std::optional<Article> Searcher::article(const std::string& id, const SearchRequest& highlight_for) {
  return impl_->guarded(fmt::format("reading article '{}'", excerpt(id)), [&] {
    return query::read_article(impl_->opened.db, id, highlight_for, impl_->analyzer, impl_->zone);
  });
}

std::optional<SearchResponse> Searcher::related(const std::string& id, const SearchRequest& request) {
  return impl_->guarded(fmt::format("finding articles related to '{}'", excerpt(id)),
                        [&] { return impl_->related(id, request); });
}

DatabaseInfo Searcher::info() {
  return impl_->guarded("reading the database's facts",
                        [&] { return query::read_database_info(impl_->opened.db, impl_->path); });
}

bool Searcher::reopen() {
  try {
    return impl_->reopen();
  } catch (const Xapian::Error& e) {
    throw DatabaseError(fmt::format("reopening '{}': {}", impl_->path, e.get_msg()));
  }
}

std::size_t Searcher::document_count() const { return impl_->opened.db.get_doccount(); }
const std::string& Searcher::analysis_profile() const noexcept { return impl_->opened.profile_id; }
const std::string& Searcher::timezone() const noexcept { return impl_->opened.timezone; }

}  // namespace fahras
