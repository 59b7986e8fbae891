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
constexpr const char* build_folder = ".build";  // new shards' partial databases, until the run ends
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

nlohmann::ordered_json seconds_or_null(const std::string& sortable) {
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
  resumed_ = !running.empty();
  // New shards a failed run was writing (one put in place but not yet cleared is complete).
  std::vector<std::string> building;
  for (const auto& entry : fs::directory_iterator(build_path(""), error)) {
    const std::string name = entry.path().filename().string();
    if (resumed_ && layout_.is_shard_name(name) && !fs::exists(shard_path(name))) {
      building.push_back(name);
    } else {
      fs::remove_all(entry.path(), error);
    }
  }
  if (resumed_) {  // a run failed or was killed: resume it
    const auto space = running.find(' ');
    run_ = running.substr(0, space);
    first_build_ = space != std::string::npos && running.substr(space + 1) == "first";
    for (Shard& shard : shards_) {
      shard.committed.emplace_back(shard_path(shard.name));
      open_for_writing(shard_path(shard.name), profile_, timezone_, 0).close();  // killed before its stamps: stamped now
      // A resumed first build counts all its words again; otherwise the dictionary is kept.
      if (first_build_) {
        shard.writers.push_back(std::make_unique<PartialWriter>(shard_path(shard.name), commit_every_, PartialWriter::Resume{}));
      } else {
        shard.writers.push_back(std::make_unique<PartialWriter>(shard_path(shard.name), commit_every_, PartialWriter::Append{}));
      }
    }
    for (const std::string& name : building) resume_fresh(shards_[shard_index(name)]);
  } else {
    const std::string last = catalog_.get_metadata(std::string(last_run_key));
    run_ = std::to_string(last.empty() ? 1 : std::stoull(last) + 1);
    first_build_ = catalog_.get_doccount() == 0;
    catalog_.set_metadata(std::string(running_key), run_ + (first_build_ ? " first" : " update"));
  }
  catalog_.commit();  // the mark is on before anything is written
}

// A new shard of the failed run: its partial databases, as they committed (a part that cannot be
// opened, killed while it was created, holds nothing: its documents are written again).
void ShardSet::resume_fresh(Shard& shard) {
  shard.fresh = true;
  std::error_code error;
  std::size_t parts = 0;
  while (fs::is_directory(part_path(shard.name, parts), error)) ++parts;
  bool usable = parts != 0;
  for (std::size_t k = 0; k < parts && usable; ++k) {
    try {
      shard.committed.emplace_back(part_path(shard.name, k));
      open_for_writing(part_path(shard.name, k), profile_, timezone_, 0).close();
      shard.writers.push_back(
          std::make_unique<PartialWriter>(part_path(shard.name, k), commit_every_, PartialWriter::Resume{}));
    } catch (const Xapian::Error&) {
      usable = false;
    } catch (const IndexError&) {
      usable = false;
    }
  }
  if (usable) return;
  shard.writers.clear();
  shard.committed.clear();
  fs::remove_all(build_path(shard.name), error);
}

ShardSet::~ShardSet() {
  for (Shard& shard : shards_) {
    shard.writers.clear();  // stops the threads; what they did not commit is dropped
    shard.committed.clear();
  }
}

std::string ShardSet::shard_path(const std::string& name) const { return (fs::path(set_path_) / name).string(); }

std::string ShardSet::build_path(const std::string& name) const {
  return (fs::path(set_path_) / build_folder / name).string();
}

std::string ShardSet::part_path(const std::string& name, std::size_t part) const {
  return build_path(name) + "/part-" + std::to_string(part);
}

std::size_t ShardSet::shard_index(const std::string& name) {
  const auto [it, added] = index_.emplace(name, shards_.size());
  if (added) {
    shards_.emplace_back();
    shards_.back().name = name;
  }
  return it->second;
}

ShardSet::Shard& ShardSet::open(std::size_t index) {
  Shard& shard = shards_[index];
  if (!shard.writers.empty()) return shard;
  std::error_code error;
  if (fs::exists(shard_path(shard.name), error)) {
    // Checked (schema, profile, time zone) like any database.
    open_for_writing(shard_path(shard.name), profile_, timezone_, 0).close();
    shard.writers.push_back(std::make_unique<PartialWriter>(shard_path(shard.name), commit_every_, PartialWriter::Append{}));
    return shard;
  }
  shard.fresh = true;
  fs::create_directories(build_path(shard.name), error);
  if (error) throw IndexError(fmt::format("{}: cannot create it: {}", build_path(shard.name), error.message()));
  open_for_writing(part_path(shard.name, 0), profile_, timezone_, 0).close();  // stamped, so the result is
  shard.writers.push_back(std::make_unique<PartialWriter>(part_path(shard.name, 0), commit_every_, PartialWriter::Resume{}));
  return shard;
}

PartialWriter& ShardSet::writer(std::size_t index, Xapian::docid id) {
  Shard& shard = open(index);
  return *shard.writers[id % shard.writers.size()];
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

void ShardSet::flatten(std::vector<PartialWriter*>& writers, std::vector<Xapian::Database>& committed,
                       std::vector<std::size_t>& first) const {
  for (const Shard& shard : shards_) {
    first.push_back(writers.size());
    for (std::size_t k = 0; k < shard.writers.size(); ++k) {
      writers.push_back(shard.writers[k].get());
      committed.push_back(shard.committed[k]);
    }
  }
}

std::vector<Xapian::docid> ShardSet::unfinished_documents() {
  if (!resumed_) return {};
  std::map<Xapian::docid, std::size_t> holders;  // from the catalog's shard terms, one pass each
  for (std::size_t i = 0; i < shards_.size(); ++i) {
    const std::string term = std::string(shard_term_prefix) + shards_[i].name;
    for (auto it = catalog_.postlist_begin(term); it != catalog_.postlist_end(term); ++it) holders[*it] = i;
  }
  std::vector<PartialWriter*> writers;
  std::vector<Xapian::Database> committed;
  std::vector<std::size_t> first;
  flatten(writers, committed, first);
  const auto place = [&](Xapian::docid id) {
    const auto it = holders.find(id);
    if (it == holders.end() || shards_[it->second].writers.empty()) return nowhere;  // a shard that held nothing
    return first[it->second] + id % shards_[it->second].writers.size();
  };
  return indexer::unfinished_documents(catalog_, committed, writers, place);
}

void ShardSet::sync_cluster_keys() {
  if (!resumed_) return;
  std::vector<PartialWriter*> writers;
  std::vector<Xapian::Database> committed;
  std::vector<std::size_t> first;
  flatten(writers, committed, first);
  indexer::sync_cluster_keys(catalog_, committed, writers, [&](Xapian::docid id) {
    const std::size_t shard = holder(id);
    if (shard == nowhere || shards_[shard].writers.empty()) return nowhere;
    return first[shard] + id % shards_[shard].writers.size();
  });
  for (Shard& shard : shards_) shard.committed.clear();
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
  (void)open(shard);
  return shard;
}

void ShardSet::mark(Xapian::Document& light, const Xapian::Document& full, std::size_t route) {
  light.add_boolean_term(std::string(shard_term_prefix) + shards_[route].name);
  light.add_boolean_term(std::string(run_term_prefix) + run_);
  const auto published = schema::slot_number(schema::Slot::PublishedAt);
  const std::string at = full.get_value(published);
  if (!at.empty()) light.add_value(published, at);
}

void ShardSet::put(Xapian::docid id, std::size_t route, Xapian::Document&& full, bool replaces) {
  const std::size_t before = replaces ? holder(id) : nowhere;
  if (before != nowhere && before != route) {  // its date moved it: out of the old shard
    writer(before, id).remove(id);
    written_.insert(before);
  }
  writer(route, id).put(id, std::move(full));
  written_.insert(route);
}

void ShardSet::remove(Xapian::docid id) {
  const std::size_t shard = holder(id);
  if (shard == nowhere) return;
  writer(shard, id).remove(id);
  written_.insert(shard);
}

void ShardSet::set_cluster_key(Xapian::docid id, std::string key) {
  const std::size_t shard = holder(id);
  if (shard == nowhere) return;
  writer(shard, id).set_cluster_key(id, std::move(key));
  written_.insert(shard);
}

void ShardSet::add_spelling(std::size_t route, SpellingCounts&& words) {
  open(route).writers.front()->add_spelling(std::move(words));
}

Xapian::doccount ShardSet::finish(Xapian::WritableDatabase& /*main: the catalog*/) {
  for (Shard& shard : shards_) {
    for (auto& w : shard.writers) w->request_finish();  // all at once: each writes its spelling
  }
  for (Shard& shard : shards_) {
    for (auto& w : shard.writers) w->finish();
    shard.writers.clear();
    if (shard.fresh) put_in_place(shard);
  }
  write_manifest();
  catalog_.set_metadata(std::string(running_key), "");
  catalog_.set_metadata(std::string(last_run_key), run_);
  catalog_.commit();
  std::error_code ignored;
  fs::remove(build_path(""), ignored);  // empty by now
  return catalog_.get_doccount();
}

// A new shard's parts, compacted into one database and renamed into place (atomically: the
// shard is there whole or not at all; a run killed after the rename resumes with it in place).
void ShardSet::put_in_place(const Shard& shard) {
  Xapian::Database parts;
  std::size_t k = 0;
  std::error_code error;
  for (; fs::is_directory(part_path(shard.name, k), error); ++k) parts.add_database(Xapian::Database(part_path(shard.name, k)));
  const std::string merged = build_path(shard.name) + "/merged";
  fs::remove_all(merged, error);
  parts.compact(merged, Xapian::DBCOMPACT_NO_RENUMBER);  // the catalog's document ids
  fs::rename(merged, shard_path(shard.name), error);
  if (error) throw IndexError(fmt::format("{}: cannot put the new shard in place: {}", shard_path(shard.name), error.message()));
  fs::remove_all(build_path(shard.name), error);
}

void ShardSet::write_manifest() const {
  nlohmann::ordered_json shards = nlohmann::ordered_json::array();
  const auto published = schema::slot_number(schema::Slot::PublishedAt);
  for (const auto& entry : index_) {  // in name order
    const std::string& name = entry.first;
    std::error_code error;
    if (!fs::is_directory(shard_path(name), error)) continue;
    const Xapian::Database shard(shard_path(name));
    if (shard.get_doccount() == 0) continue;  // every document moved out or deleted
    shards.push_back(nlohmann::ordered_json{{"name", name},
                      {"path", name},
                      {"documents", shard.get_doccount()},
                      {"published_min", seconds_or_null(shard.get_value_lower_bound(published))},
                      {"published_max", seconds_or_null(shard.get_value_upper_bound(published))}});
  }
  const nlohmann::ordered_json manifest = {{"format", "fahras-shard-set"},
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
  for (const std::size_t i : written_) names.push_back(shards_[i].name);
  std::sort(names.begin(), names.end());
  return names;
}

}  // namespace fahras::indexer
