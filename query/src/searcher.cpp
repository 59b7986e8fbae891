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
#include "shard_sources.hpp"

#include <fmt/format.h>
#include <xapian.h>

#include <chrono>
#include <ctime>
#include <filesystem>
#include <functional>
#include <map>

namespace fahras {

using namespace query;

namespace {

constexpr std::size_t max_limit = 10000;
constexpr std::size_t few_hits = 3;
constexpr unsigned spelling_edit_distance = 2;

/** What a database says it was built with. */
struct Settings {
  std::string schema_version;
  std::string profile_id;
  std::string timezone;
};

/** One shard opened, its settings checked. */
struct OpenedShard {
  ShardSource source;
  Xapian::Database db;
  Settings settings;
};

/** The database's profile and time zone, checked: all the shards, combined in `db`. */
struct OpenedDatabase {
  Xapian::Database db;       // the shards that opened, combined
  std::vector<OpenedShard> shards;
  std::vector<ShardSource> sources;   // every shard named, opened or not
  std::vector<std::string> missing;   // the shards left out (allow_partial), one sentence each
  bool remote = false;                // some shard is served by xapian-tcpsrv
  std::string uuid;  // a rebuilt database (at the same path) has another
  std::string schema_version;
  std::string profile_id;
  AnalysisProfile profile;
  std::string timezone;
};

/** The metadata of an opened database read again, as open_database reads it (unchecked). */
Settings settings_of(const Xapian::Database& db) {
  Settings out;
  out.schema_version = db.get_metadata(std::string(schema::metadata::schema));
  out.profile_id = db.get_metadata(std::string(schema::metadata::analysis));
  out.timezone = db.get_metadata(std::string(schema::metadata::timezone));
  return out;
}

Xapian::Database open_local(const std::string& path) {
  std::error_code error;
  if (!std::filesystem::exists(path, error)) throw DatabaseError(fmt::format("no database at '{}'", path));
  try {
    // A first build puts its database in place of the empty one by exchanging the two folders
    // (and removes the old one): opened at that moment, the files can belong to both, or be
    // gone. Once more, then, on the folder now in place.
    constexpr int attempts = 3;
    for (int attempt = 1;; ++attempt) {
      try {
        Xapian::Database db(path);
        db.get_uuid();
        return db;
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
}

Xapian::Database open_remote(const ShardSource& source, const OpenOptions& options) {
  try {
    return Xapian::Remote::open(source.host, source.port, options.remote_timeout_ms, options.connect_timeout_ms);
  } catch (const Xapian::Error& e) {
    throw DatabaseError(fmt::format("cannot reach the shard {}: {}", source.label(), e.get_msg()));
  }
}

/** Opens one shard and checks what it was built with. */
OpenedShard open_shard(const ShardSource& source, const OpenOptions& options) {
  OpenedShard out;
  out.source = source;
  const std::string label = source.label();
  out.db = source.remote ? open_remote(source, options) : open_local(source.path);
  try {
    out.settings = settings_of(out.db);
  } catch (const Xapian::Error& e) {
    throw DatabaseError(fmt::format("cannot read the database '{}': {}", label, e.get_msg()));
  }
  const std::string& schema_version = out.settings.schema_version;
  if (schema_version.empty()) throw DatabaseError(fmt::format("'{}' is not a fahras database (no {})", label, schema::metadata::schema));
  if (schema_version != std::to_string(schema::version)) {
    throw DatabaseError(fmt::format("'{}' was built with {} '{}', this fahras-query reads '{}': rebuild it", label,
                                    schema::metadata::schema, schema_version, schema::version));
  }
  if (!AnalysisProfile::from_id(out.settings.profile_id)) {
    throw DatabaseError(fmt::format("'{}' uses the analysis profile '{}', which this fahras-query does not know: rebuild it",
                                    label, out.settings.profile_id));
  }
  if (out.settings.timezone.empty()) out.settings.timezone = "UTC";
  return out;
}

/** The first setting two shards disagree on, as a message; nullopt when they agree. */
std::optional<std::string> disagreement(const OpenedShard& a, const OpenedShard& b) {
  const std::pair<std::string_view, std::string Settings::*> settings[] = {
      {schema::metadata::schema, &Settings::schema_version},
      {schema::metadata::analysis, &Settings::profile_id},
      {schema::metadata::timezone, &Settings::timezone}};
  for (const auto& [name, member] : settings) {
    if (a.settings.*member != b.settings.*member) {
      return fmt::format("the shards disagree: '{}' has {} '{}', '{}' has '{}'", a.source.label(), name,
                         a.settings.*member, b.source.label(), b.settings.*member);
    }
  }
  return std::nullopt;
}

/** The shards combined as one database. */
Xapian::Database combined(const std::vector<OpenedShard>& shards) {
  Xapian::Database db;
  for (const OpenedShard& shard : shards) db.add_database(shard.db);
  return db;
}

/** Opens every shard the sources name. */
OpenedDatabase open_database(const std::vector<std::string>& paths, const OpenOptions& options) {
  OpenedDatabase out;
  if (paths.empty()) throw DatabaseError("no database given");
  for (const std::string& path : paths) {
    std::vector<ShardSource> named = resolve_shards(path);
    if (named.empty()) throw DatabaseError(fmt::format("the shard set '{}' lists no shard", path));
    out.sources.insert(out.sources.end(), named.begin(), named.end());
  }
  std::optional<std::string> first_failure;
  for (const ShardSource& source : out.sources) {
    OpenedShard shard;
    try {
      shard = open_shard(source, options);
    } catch (const DatabaseError& e) {
      if (!options.allow_partial) throw;
      out.missing.push_back(fmt::format("shard {} left out: {}", source.label(), e.what()));
      if (!first_failure) first_failure = e.what();
      continue;
    }
    if (!out.shards.empty()) {
      if (auto why = disagreement(out.shards.front(), shard)) throw DatabaseError(*why);
    }
    out.remote = out.remote || source.remote;
    out.shards.push_back(std::move(shard));
  }
  if (out.shards.empty()) throw DatabaseError(fmt::format("no shard could be opened: {}", first_failure.value_or("")));
  out.db = combined(out.shards);
  try {
    out.uuid = out.db.get_uuid();
  } catch (const Xapian::Error& e) {
    throw DatabaseError(fmt::format("cannot read the database '{}': {}", paths.front(), e.get_msg()));
  }
  const Settings& settings = out.shards.front().settings;
  out.schema_version = settings.schema_version;
  out.profile_id = settings.profile_id;
  out.profile = *AnalysisProfile::from_id(out.profile_id);
  out.timezone = settings.timezone;
  return out;
}

/** The error of a database that changed under a Searcher in what it read at opening (a rebuild
 *  at the same path); nullopt when schema, profile and time zone are as they were. */
std::optional<std::string> changed_setting(const std::string& path, const OpenedDatabase& before,
                                           const Settings& now_read) {
  Settings now = now_read;
  if (now.timezone.empty()) now.timezone = "UTC";
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

/** The labels of the shards, to tell whether a set was reorganised. */
std::vector<std::string> labels_of(const std::vector<ShardSource>& sources) {
  std::vector<std::string> out;
  for (const ShardSource& source : sources) out.push_back(source.label());
  return out;
}

/** The publication window a request is limited to: each end nullopt when open. */
struct Window {
  std::optional<std::int64_t> from;
  std::optional<std::int64_t> to;
  bool limited = false;
};

void narrow(Window& window, std::optional<std::int64_t> from, std::optional<std::int64_t> to) {
  window.limited = true;
  if (from && (!window.from || *from > *window.from)) window.from = from;
  if (to && (!window.to || *to < *window.to)) window.to = to;
}

/** The window a (sub)query's required date clauses allow: the builder ORs the clauses of one
 *  field (date:, since:) within a sequence and ANDs the fields; anything else (groups, OR,
 *  exclusions, mentions:) limits nothing here. */
void narrow_by(Window& window, const Node& node, const TimeZone& zone, std::int64_t now) {
  const auto interval = [&](const Node& n, std::optional<std::int64_t>& from, std::optional<std::int64_t>& to) {
    if (n.kind == NodeKind::Since) {
      from = zone.minus(now, n.since);
      to.reset();
      return true;
    }
    if (n.kind != NodeKind::Date || n.field == Field::Mentions) return false;
    from.reset();
    to.reset();
    if (n.date.from) from = zone.start_of(*n.date.from);
    if (n.date.single) {
      if (n.date.from) to = zone.end_of(*n.date.from);
    } else if (n.date.to) {
      to = zone.end_of(*n.date.to);
    }
    return true;
  };
  std::vector<const Node*> children;
  if (node.kind == NodeKind::And) {
    for (const Node& child : node.children) children.push_back(&child);
  } else {
    children.push_back(&node);
  }
  // Per field: the union of its clauses' intervals.
  std::map<Field, std::pair<std::optional<std::int64_t>, std::optional<std::int64_t>>> by_field;
  std::map<Field, bool> open_from;
  std::map<Field, bool> open_to;
  for (const Node* child : children) {
    std::optional<std::int64_t> from;
    std::optional<std::int64_t> to;
    if (!interval(*child, from, to)) continue;
    const Field field = child->kind == NodeKind::Since || child->field == Field::Since ? Field::Since : Field::Date;
    auto [it, added] = by_field.try_emplace(field, from, to);
    if (added) {
      open_from[field] = !from;
      open_to[field] = !to;
      continue;
    }
    if (!from) open_from[field] = true;
    if (!to) open_to[field] = true;
    if (from && it->second.first && *from < *it->second.first) it->second.first = from;
    if (to && it->second.second && *to > *it->second.second) it->second.second = to;
  }
  for (const auto& [field, bounds] : by_field) {
    narrow(window, open_from[field] ? std::nullopt : bounds.first, open_to[field] ? std::nullopt : bounds.second);
  }
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

/** `doing` in `where`: what a search was doing, for messages. */
std::string where_of(const std::vector<std::string>& paths) {
  std::string out;
  for (const std::string& path : paths) out += (out.empty() ? "" : ", ") + path;
  return out;
}

}  // namespace

struct Searcher::Impl {
  std::vector<std::string> paths;
  std::string path;  // the paths, for messages
  OpenOptions options;
  OpenedDatabase opened;
  Analyzer analyzer;
  EntityRecognizer recognizer;  // resolves entity:/person:/place:/org: names
  TimeZone zone;
  std::optional<std::string> broken;  // the database changed what this searcher read at opening
  std::uint64_t generation = 0;       // counts the changes picked up by reopen
  std::vector<std::string> dropped;   // shards gone mid-search (allow_partial)
  /** The facet columns of the whole set ("") or of a date-pruned subset (its shard mask), read on
   *  the first search that needs them, again after a change. */
  std::map<std::string, std::unique_ptr<FacetColumns>> facet_columns_read;
  std::map<std::string, Xapian::Database> subsets;  // date-pruned subsets of the shards

  /** The facet columns of the shards of the subset `key` ("": all) at the current generation,
   *  with at least `needed`. */
  const FacetColumns& facet_columns(FacetColumns::Columns needed, const std::string& key) {
    std::unique_ptr<FacetColumns>& read = facet_columns_read[key];
    if (!read || read->generation() != generation ||
        (needed == FacetColumns::Columns::All && read->columns() != FacetColumns::Columns::All)) {
      read.reset();  // the old ones go first: both at once would double the memory
      std::vector<Xapian::Database> shards;
      for (std::size_t i = 0; i < opened.shards.size(); ++i) {
        if (key.empty() || key[i] == '1') shards.push_back(opened.shards[i].db);
      }
      read = std::make_unique<FacetColumns>(shards, needed, generation);
    }
    return *read;
  }

  Impl(std::vector<std::string> p, const OpenOptions& o)
      : paths(std::move(p)),
        path(where_of(paths)),
        options(o),
        opened(open_database(paths, options)),
        analyzer(opened.profile),
        recognizer(opened.profile),
        zone(make_zone(opened.timezone, path)) {}

  static TimeZone make_zone(const std::string& name, const std::string& p) {
    try {
      return TimeZone(name);
    } catch (const std::invalid_argument&) {
      throw DatabaseError(fmt::format("'{}' names the time zone '{}', which ICU does not know", p, name));
    }
  }

  std::vector<std::string> warnings() const {
    std::vector<std::string> out = opened.missing;
    out.insert(out.end(), dropped.begin(), dropped.end());
    return out;
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

  /** The node of `since` ("since:7d" or a date), or a RequestError. */
  static Node since_node(const SearchRequest& request) {
    const std::string clause = "since:" + request.since;
    const auto bad_since = [&] {
      return RequestError(fmt::format("bad since '{}': expected a span such as 7d, 2w, 3m, 1y, or a date", request.since));
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
    return node;
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
      required.push_back(build_query(since_node(request), "since:" + request.since, context).query);
    }
    if (required.empty()) return std::nullopt;
    return Xapian::Query(Xapian::Query::OP_AND, required.begin(), required.end());
  }

  /** The shards a search needs: those whose manifest dates can match the request's required
   *  date clauses (all of them without a manifest or a date clause). `key` is "" for all. */
  const Xapian::Database& searched(const Node& root, const SearchRequest& request, std::int64_t now, std::string& key,
                                   bool& nothing) {
    key.clear();
    nothing = false;
    Window window;
    narrow_by(window, root, zone, now);
    for (const std::string& filter : request.filters) {
      try {
        narrow_by(window, parse_query(filter), zone, now);
      } catch (const QuerySyntaxError&) {  // the build reports it
      }
    }
    if (!request.since.empty()) narrow_by(window, since_node(request), zone, now);
    if (!window.limited) return opened.db;
    std::string mask;
    bool all = true;
    for (const OpenedShard& shard : opened.shards) {
      const bool kept = shard.source.may_hold(window.from, window.to);
      mask += kept ? '1' : '0';
      all = all && kept;
    }
    if (all) return opened.db;
    // None can match: the first shard stands for the set, searched for nothing.
    nothing = mask.find('1') == std::string::npos;
    if (nothing) mask[0] = '1';
    key = mask;
    auto [it, added] = subsets.try_emplace(mask);
    if (added) {
      for (std::size_t i = 0; i < opened.shards.size(); ++i) {
        if (mask[i] == '1') it->second.add_database(opened.shards[i].db);
      }
    }
    return it->second;
  }

  BuiltQuery build(const Xapian::Database& db, const Node& root, const SearchRequest& request, DefaultOperator op,
                   std::int64_t now, bool unweighted = false) {
    BuildContext context{analyzer, db, zone, now, request.ranking, op, &recognizer};
    context.unweighted = unweighted;
    context.shards = opened.shards.size() > 1 || opened.remote;
    BuiltQuery built = build_query(root, request.text, context);
    if (const auto extra = extra_filters(request, context)) {
      built.query = Xapian::Query(Xapian::Query::OP_FILTER, built.query, *extra);
    }
    if (!unweighted && built.scoring && request.ranking.feedback_terms > 0) {
      built.query = with_feedback(db, built.query, request.ranking);
    }
    return built;
  }

  /** The request as remote shards can run it: facets left out with a warning; a sort by date is
   *  a RequestError (Xapian 1.4's remote protocol carries neither a match spy nor a KeyMaker). */
  SearchRequest for_remote(const SearchRequest& request, std::vector<std::string>& warnings) const {
    if (!opened.remote) return request;
    if (request.limit > 0 && request.sort != SortOrder::Relevance) {
      throw RequestError("a sort by date is not available over remote shards (Xapian 1.4's remote protocol "
                         "cannot sort by fahras's date key): sort by relevance, or open the shards locally");
    }
    SearchRequest out = request;
    if (out.facets) {
      out.facets = false;
      warnings.push_back("facets are not counted over remote shards (Xapian 1.4's remote protocol cannot run "
                         "fahras's match spy)");
    }
    return out;
  }

  SearchResponse search(const SearchRequest& asked) {
    const auto start = std::chrono::steady_clock::now();
    if (asked.limit > max_limit) throw RequestError(fmt::format("limit {} is above {}", asked.limit, max_limit));
    if (!(asked.time_limit_ms >= 0)) {  // negative or NaN
      throw RequestError(fmt::format("time limit {} ms: expected 0 (none) or more", asked.time_limit_ms));
    }
    std::vector<std::string> warned = warnings();
    const SearchRequest request = for_remote(asked, warned);
    const std::int64_t now = now_of(request);
    const Blend blend = blend_of(request, zone, now);
    Stopwatch stopwatch;
    const Node root = parse(request);
    std::string key;
    bool nothing = false;  // no shard's dates can match
    const Xapian::Database& db = searched(root, request, now, key, nothing);

    SearchResponse response;
    response.warnings = std::move(warned);
    SearchTimings& timings = response.timings;
    response.query = request.text;
    const bool remote = opened.remote;
    // The query to count with when rank counts apart: the same, weighing nothing.
    const auto count_query = [&](DefaultOperator op) -> std::optional<Xapian::Query> {
      if (remote || !counts_apart(request, blend)) return std::nullopt;
      if (nothing) return Xapian::Query::MatchNothing;
      return Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, build(db, root, request, op, now, true).query, 0.0);
    };
    const auto build_for = [&](DefaultOperator op) {
      BuiltQuery out = build(db, root, request, op, now);
      if (nothing) out.query = Xapian::Query::MatchNothing;
      return out;
    };
    BuiltQuery built = build_for(request.ranking.default_operator);
    std::optional<Xapian::Query> counted_by = count_query(request.ranking.default_operator);
    timings.query_ms += stopwatch.lap();
    const FacetColumns* columns = nullptr;
    if (request.facets) {
      columns = &facet_columns(FacetColumns::Columns::All, key);
      timings.facets_ms += stopwatch.lap();  // reading the columns, the first time
    } else if (!remote && request.collapse && counts_apart(request, blend)) {
      columns = &facet_columns(FacetColumns::Columns::Clusters, key);  // to count stories apart
      timings.match_ms += stopwatch.lap();
    }
    Ranked ranked = rank(db, built.query, request, blend, columns, counted_by ? &*counted_by : nullptr, remote);
    timings.match_ms += stopwatch.lap();
    if (request.ranking.default_operator == DefaultOperator::AndWithFallback && ranked.total == 0) {
      const bool first_timed_out = ranked.timed_out;
      built = build_for(DefaultOperator::Or);
      counted_by = count_query(DefaultOperator::Or);
      timings.query_ms += stopwatch.lap();
      ranked = rank(db, built.query, request, blend, columns, counted_by ? &*counted_by : nullptr, remote);
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

  /** The remote shards that no longer answer, each with the reason; they are taken out of the
   *  set (the combined database is made again without them). */
  std::vector<std::pair<std::string, std::string>> drop_silent_shards() {
    std::vector<std::pair<std::string, std::string>> silent;
    std::vector<OpenedShard> kept;
    for (OpenedShard& shard : opened.shards) {
      if (shard.source.remote) {
        try {
          shard.db.reopen();  // a round trip to the server
        } catch (const Xapian::Error& e) {
          silent.emplace_back(shard.source.label(), e.get_msg());
          continue;
        }
      }
      kept.push_back(std::move(shard));
    }
    if (silent.empty()) return silent;
    opened.shards = std::move(kept);
    opened.db = opened.shards.empty() ? Xapian::Database() : combined(opened.shards);
    subsets.clear();
    facet_columns_read.clear();
    ++generation;
    return silent;
  }

  /** Runs `work`, once more after reopening the database when a writer changed it meanwhile;
   *  with allow_partial, again without a remote shard that stopped answering. Xapian errors
   *  become DatabaseError with the query for context (and the shard that stopped answering). */
  template <typename Work>
  auto guarded(const std::string& doing, Work work) -> decltype(work()) {
    if (broken) throw DatabaseError(*broken);
    try {
      for (;;) {
        try {
          try {
            return work();
          } catch (const Xapian::DatabaseModifiedError&) {
            reopen();
            return work();
          }
        } catch (const Xapian::NetworkError& e) {  // a remote shard went down (or timed out) mid-search
          const auto silent = drop_silent_shards();
          if (silent.empty()) throw;
          if (!options.allow_partial || opened.shards.empty()) {
            throw DatabaseError(fmt::format("{}: the shard {} did not answer: {}", doing, silent.front().first,
                                            silent.front().second));
          }
          for (const auto& [label, why] : silent) dropped.push_back(fmt::format("shard {} left out: {}", label, why));
        }
      }
    } catch (const Xapian::Error& e) {
      throw DatabaseError(fmt::format("{} in '{}': {}: {}", doing, path, e.get_type(), e.get_msg()));
    }
  }

  /** Reopens, and checks that the database is still the one this searcher can read: a rebuild
   *  at the path (another uuid), a shard set whose manifest lists other shards, or shards left
   *  out before, are opened afresh, and any change of schema, profile or time zone breaks the
   *  searcher for good. Xapian errors are left to the caller. */
  bool reopen() {
    if (broken) throw DatabaseError(*broken);
    bool changed = false;
    bool rebuilt = !opened.missing.empty() || !dropped.empty();
    if (!rebuilt) {
      try {
        std::vector<ShardSource> now_named;
        for (const std::string& p : paths) {
          std::vector<ShardSource> named = resolve_shards(p);
          now_named.insert(now_named.end(), named.begin(), named.end());
        }
        rebuilt = labels_of(now_named) != labels_of(opened.sources);
      } catch (const DatabaseError&) {  // a manifest mid-rewrite cannot be: it is renamed into place
        rebuilt = true;
      }
    }
    if (!rebuilt) {
      try {
        changed = opened.db.reopen();
        rebuilt = opened.db.get_uuid() != opened.uuid;  // reopen reads the version file at the path
      } catch (const Xapian::DatabaseError&) {          // files of the old database gone, or mid-swap
        rebuilt = true;
      }
    }
    if (!changed && !rebuilt) return false;
    ++generation;
    subsets.clear();
    if (rebuilt) {
      OpenedDatabase fresh;
      try {
        fresh = open_database(paths, options);
      } catch (const DatabaseError& e) {  // no longer a database this searcher can read at all
        broken = e.what();
        throw;
      }
      broken = changed_setting(path, opened, fresh.shards.front().settings);
      if (broken) throw DatabaseError(*broken);
      opened = std::move(fresh);
      dropped.clear();
      return true;
    }
    for (const OpenedShard& shard : opened.shards) {
      broken = changed_setting(shard.source.label(), opened, settings_of(shard.db));
      if (broken) throw DatabaseError(*broken);
    }
    return true;
  }

  std::optional<SearchResponse> related(const std::string& id, const SearchRequest& asked) {
    std::vector<std::string> warned = warnings();
    const SearchRequest request = for_remote(asked, warned);
    const std::int64_t now = now_of(request);
    BuildContext context{analyzer, opened.db, zone, now, request.ranking, request.ranking.default_operator, &recognizer};
    context.shards = opened.shards.size() > 1 || opened.remote;
    RelatedContext related{opened.db, analyzer, zone, now, extra_filters(request, context),
                           facet_columns_function([this](FacetColumns::Columns needed) -> const FacetColumns& {
                             return facet_columns(needed, "");
                           })};
    related.remote = opened.remote;
    auto response = query::related(id, request, related);
    if (response) response->warnings = std::move(warned);
    return response;
  }

  std::string explain(const SearchRequest& request) {
    const std::int64_t now = now_of(request);
    const Node root = parse(request);
    const BuiltQuery built = build(opened.db, root, request, request.ranking.default_operator, now);
    return describe_search(root, request.ranking.default_operator) + "\n" +
           tidy_description(built.query.get_description());
  }

  DatabaseInfo info() {
    std::uint64_t revision = 0;
    std::vector<std::string> folders;
    for (const OpenedShard& shard : opened.shards) {
      if (shard.source.remote) continue;
      revision += shard.db.get_revision();
      folders.push_back(shard.source.path);
    }
    DatabaseInfo info = query::read_database_info(opened.db, path, revision, folders);
    info.shards = opened.sources.size();
    info.warnings = warnings();
    return info;
  }
};

Searcher::Searcher(const std::string& path, const OpenOptions& options)
    : impl_(std::make_unique<Impl>(std::vector<std::string>{path}, options)) {}
Searcher::Searcher(const std::vector<std::string>& sources, const OpenOptions& options)
    : impl_(std::make_unique<Impl>(sources, options)) {}
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
  return impl_->guarded("reading the database's facts", [&] { return impl_->info(); });
}

bool Searcher::reopen() {
  try {
    return impl_->reopen();
  } catch (const Xapian::Error& e) {
    throw DatabaseError(fmt::format("reopening '{}': {}", impl_->path, e.get_msg()));
  }
}

std::vector<std::string> Searcher::warnings() const { return impl_->warnings(); }
std::size_t Searcher::document_count() const { return impl_->opened.db.get_doccount(); }
const std::string& Searcher::analysis_profile() const noexcept { return impl_->opened.profile_id; }
const std::string& Searcher::timezone() const noexcept { return impl_->opened.timezone; }

}  // namespace fahras
