#include "shard_set.hpp"

#include "database.hpp"
#include "document_builder.hpp"
#include "fahras/index_error.hpp"
#include "fahras/schema.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sys/resource.h>
#include <system_error>

namespace fahras::indexer {

namespace {

namespace fs = std::filesystem;

// The catalog's own terms and metadata: no fahras database but the catalog holds them, so they
// are not in the schema.
constexpr std::string_view shard_term_prefix = "XSHARD:";  // the article's shard
constexpr std::string_view run_term_prefix = "XRUN:";      // the run that wrote its lookup document
constexpr std::string_view layout_key = "fahras.shards.by";
constexpr std::string_view running_key = "fahras.shards.running";  // "RUN first|update" while a run is on
constexpr std::string_view last_run_key = "fahras.shards.last_run";

constexpr const char* catalog_folder = ".catalog";
constexpr const char* manifest_name = "fahras-shards.json";

// The term of `db`'s document `id` that starts with `prefix`, without it ("" when none).
std::string term_with_prefix(const Xapian::Database& db, Xapian::docid id, std::string_view prefix) {
  const Xapian::Document doc = db.get_document(id);
  Xapian::TermIterator it = doc.termlist_begin();
  it.skip_to(std::string(prefix));
  if (it == doc.termlist_end() || (*it).compare(0, prefix.size(), prefix) != 0) return {};
  return (*it).substr(prefix.size());
}

// Many shards (hash:256) are many open tables: allow as many files as the system does.
void raise_open_files_limit() {
  rlimit limit{};
  if (::getrlimit(RLIMIT_NOFILE, &limit) == 0 && limit.rlim_cur < limit.rlim_max) {
    limit.rlim_cur = limit.rlim_max;
    (void)::setrlimit(RLIMIT_NOFILE, &limit);
  }
}

nlohmann::json seconds_or_null(const std::string& sortable) {
  if (sortable.empty()) return nullptr;
  return static_cast<std::int64_t>(std::llround(Xapian::sortable_unserialise(sortable)));
}

}  // namespace

std::string ShardSet::catalog_path(const std::string& set_path) { return (fs::path(set_path) / catalog_folder).string(); }

std::string ShardSet::manifest_path(const std::string& set_path) { return (fs::path(set_path) / manifest_name).string(); }

bool ShardSet::is_shard_set(const std::string& path) {
  std::error_code error;
  return fs::is_directory(catalog_path(path), error) || fs::exists(manifest_path(path), error);
}

std::string ShardSet::stored_layout(const std::string& set_path) {
  try {
    const Xapian::Database catalog(catalog_path(set_path));
    return catalog.get_metadata(std::string(layout_key));
  } catch (const Xapian::Error&) {
    return {};
  }
}

ShardSet::ShardSet(const std::string& set_path, const ShardLayout& layout, Xapian::WritableDatabase catalog,
                   const AnalysisProfile& profile, const std::string& time_zone, const DateParser& dates,
                   std::size_t commit_every)
    : set_path_(set_path),
      layout_(layout),
      catalog_(std::move(catalog)),
      profile_(profile),
      timezone_(time_zone),
      dates_(dates),
      commit_every_(commit_every) {
  raise_open_files_limit();
  const std::string stored = catalog_.get_metadata(std::string(layout_key));
  if (stored.empty()) {
    catalog_.set_metadata(std::string(layout_key), layout_.to_string());
  } else if (stored != layout_.to_string()) {
    throw UsageError(fmt::format("--shard-by {}: {} is sharded by {}; index it with --shard-by {} or without --shard-by",
                                 layout_.to_string(), set_path_, stored, stored));
  }
  std::error_code error;
  for (const auto& entry : fs::directory_iterator(set_path_, error)) {
    const std::string name = entry.path().filename().string();
    if (entry.is_directory() && layout_.is_shard_name(name)) (void)shard_index(name);
  }
  if (error) throw IndexError(fmt::format("{}: cannot list the shard set: {}", set_path_, error.message()));

  const std::string running = catalog_.get_metadata(std::string(running_key));
  if (!running.empty()) {  // a run failed or was killed: resume it
    resumed_ = true;
    const auto space = running.find(' ');
    run_ = running.substr(0, space);
    first_build_ = space != std::string::npos && running.substr(space + 1) == "first";
    for (std::size_t i = 0; i < names_.size(); ++i) {
      try {
        committed_.emplace_back(shard_path(i));
      } catch (const Xapian::Error&) {  // killed while creating it: its documents are written again
        committed_.emplace_back();
        fs::remove_all(shard_path(i), error);
        continue;
      }
      // A resumed first build counts all its words again; otherwise the dictionary is kept.
      writers_[i] = first_build_ ? std::make_unique<PartialWriter>(shard_path(i), commit_every_, PartialWriter::Resume{})
                                 : std::make_unique<PartialWriter>(shard_path(i), commit_every_, PartialWriter::Append{});
    }
  } else {
    const std::string last = catalog_.get_metadata(std::string(last_run_key));
    run_ = std::to_string(last.empty() ? 1 : std::stoull(last) + 1);
    first_build_ = catalog_.get_doccount() == 0;
    catalog_.set_metadata(std::string(running_key), run_ + (first_build_ ? " first" : " update"));
  }
  catalog_.commit();  // the mark is on before anything is written
}

ShardSet::~ShardSet() {
  writers_.clear();  // stops the threads; what they did not commit is dropped
  committed_.clear();
}

std::string ShardSet::shard_path(std::size_t shard) const { return (fs::path(set_path_) / names_[shard]).string(); }

std::size_t ShardSet::shard_index(const std::string& name) {
  const auto [it, added] = index_.emplace(name, names_.size());
  if (added) {
    names_.push_back(name);
    writers_.emplace_back();
  }
  return it->second;
}

PartialWriter& ShardSet::writer(std::size_t shard) {
  if (!writers_[shard]) {
    // Created and stamped (schema, profile, time zone) like any database, or checked.
    open_for_writing(shard_path(shard), profile_, timezone_, 0).close();
    writers_[shard] = std::make_unique<PartialWriter>(shard_path(shard), commit_every_, PartialWriter::Append{});
  }
  return *writers_[shard];
}

std::size_t ShardSet::holder(Xapian::docid id) const {
  std::string name;
  try {
    name = term_with_prefix(catalog_, id, shard_term_prefix);
  } catch (const Xapian::DocNotFoundError&) {
    return nowhere;
  }
  const auto it = index_.find(name);
  return it == index_.end() ? nowhere : it->second;
}

std::vector<Xapian::docid> ShardSet::unfinished_documents() {
  if (!resumed_) return {};
  std::map<Xapian::docid, std::size_t> holders;  // from the catalog's shard terms, one pass each
  for (std::size_t i = 0; i < names_.size(); ++i) {
    const std::string term = std::string(shard_term_prefix) + names_[i];
    for (auto it = catalog_.postlist_begin(term); it != catalog_.postlist_end(term); ++it) holders[*it] = i;
  }
  std::vector<PartialWriter*> writers;
  for (const auto& w : writers_) writers.push_back(w.get());
  // A shard that could not be opened (empty committed_ entry) holds nothing.
  std::vector<Xapian::Database> committed = committed_;
  const auto place = [&](Xapian::docid id) {
    const auto it = holders.find(id);
    if (it == holders.end() || !writers[it->second]) return nowhere;
    return it->second;
  };
  return indexer::unfinished_documents(catalog_, committed, writers, place);
}

void ShardSet::sync_cluster_keys() {
  if (!resumed_) return;
  std::vector<PartialWriter*> writers;
  for (const auto& w : writers_) writers.push_back(w.get());
  indexer::sync_cluster_keys(catalog_, committed_, writers, [this](Xapian::docid id) { return holder(id); });
  committed_.clear();
}

bool ShardSet::recount_spelling(Xapian::docid kept) const {
  if (!resumed_) return false;
  const Xapian::Document doc = catalog_.get_document(kept);
  const std::string term = std::string(run_term_prefix) + run_;
  Xapian::TermIterator it = doc.termlist_begin();
  it.skip_to(term);
  return it != doc.termlist_end() && *it == term;
}

std::size_t ShardSet::route(const PreparedArticle& article) {
  std::optional<int> year;
  int month = 0;
  if (article.published) {
    const DateParser::LocalDate local = dates_.local_date(*article.published);
    year = local.year;
    month = local.month;
  }
  const std::size_t shard = shard_index(layout_.shard_of(article.id_term, year, month));
  (void)writer(shard);
  return shard;
}

void ShardSet::mark(Xapian::Document& light, const Xapian::Document& full, std::size_t route) {
  light.add_boolean_term(std::string(shard_term_prefix) + names_[route]);
  light.add_boolean_term(std::string(run_term_prefix) + run_);
  const auto published = schema::slot_number(schema::Slot::PublishedAt);
  const std::string at = full.get_value(published);
  if (!at.empty()) light.add_value(published, at);
}

void ShardSet::put(Xapian::docid id, std::size_t route, Xapian::Document&& full) {
  const std::size_t before = holder(id);
  if (before != nowhere && before != route) {  // its date moved it: out of the old shard
    writer(before).remove(id);
    written_.insert(before);
  }
  writer(route).put(id, std::move(full));
  written_.insert(route);
}

void ShardSet::remove(Xapian::docid id) {
  const std::size_t shard = holder(id);
  if (shard == nowhere) return;
  writer(shard).remove(id);
  written_.insert(shard);
}

void ShardSet::set_cluster_key(Xapian::docid id, std::string key) {
  const std::size_t shard = holder(id);
  if (shard == nowhere) return;
  writer(shard).set_cluster_key(id, std::move(key));
  written_.insert(shard);
}

void ShardSet::add_spelling(std::size_t route, SpellingCounts&& words) { writer(route).add_spelling(std::move(words)); }

Xapian::doccount ShardSet::finish(Xapian::WritableDatabase& /*main: the catalog*/) {
  for (auto& w : writers_) {
    if (w) w->request_finish();  // all at once: each writes its spelling
  }
  for (auto& w : writers_) {
    if (w) w->finish();
  }
  writers_.clear();
  write_manifest();
  catalog_.set_metadata(std::string(running_key), "");
  catalog_.set_metadata(std::string(last_run_key), run_);
  catalog_.commit();
  finished_ = true;
  return catalog_.get_doccount();
}

void ShardSet::write_manifest() const {
  nlohmann::json shards = nlohmann::json::array();
  const auto published = schema::slot_number(schema::Slot::PublishedAt);
  std::vector<std::size_t> order(names_.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::sort(order.begin(), order.end(), [this](std::size_t a, std::size_t b) { return names_[a] < names_[b]; });
  for (const std::size_t i : order) {
    std::error_code error;
    if (!fs::is_directory(shard_path(i), error)) continue;
    const Xapian::Database shard(shard_path(i));
    if (shard.get_doccount() == 0) continue;  // every document moved out or deleted
    shards.push_back({{"name", names_[i]},
                      {"path", names_[i]},
                      {"documents", shard.get_doccount()},
                      {"published_min", seconds_or_null(shard.get_value_lower_bound(published))},
                      {"published_max", seconds_or_null(shard.get_value_upper_bound(published))}});
  }
  const nlohmann::json manifest = {{"format", "fahras-shard-set"},
                                   {"version", 1},
                                   {"shard_by", layout_.to_string()},
                                   {"schema", std::to_string(schema::version)},
                                   {"analysis", profile_.id()},
                                   {"timezone", timezone_},
                                   {"shards", shards}};
  const std::string path = manifest_path(set_path_);
  const std::string temp = path + ".tmp";
  {
    std::ofstream out(temp, std::ios::trunc);
    out << manifest.dump(2) << '\n';
    out.flush();
    if (!out) throw IndexError(fmt::format("{}: cannot write the manifest", temp));
  }
  std::error_code error;
  fs::rename(temp, path, error);
  if (error) throw IndexError(fmt::format("{}: cannot write the manifest: {}", path, error.message()));
}

std::string ShardSet::kept_note() const {
  return "; the run's committed batches are kept in the shard set, and the same command resumes it";
}

std::vector<std::string> ShardSet::written() const {
  std::vector<std::string> names;
  for (const std::size_t i : written_) names.push_back(names_[i]);
  std::sort(names.begin(), names.end());
  return names;
}

}  // namespace fahras::indexer
