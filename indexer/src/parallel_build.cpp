#include "parallel_build.hpp"

#include "fahras/index_error.hpp"
#include "fahras/schema.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <system_error>

namespace fahras::indexer {

namespace {

namespace fs = std::filesystem;

std::string part_path(const std::string& work, std::size_t i) { return work + "/part-" + std::to_string(i); }

void copy_metadata(const Xapian::Database& from, Xapian::WritableDatabase& to) {
  for (auto it = from.metadata_keys_begin(); it != from.metadata_keys_end(); ++it) {
    to.set_metadata(*it, from.get_metadata(*it));
  }
}

// Puts `merged` at `target`, atomically where the file system can swap two folders (readers
// see the old database or the new one, never none); the old one ends up at `merged`.
void swap_into_place(const std::string& merged, const std::string& target, const std::string& work) {
  if (renameat2(AT_FDCWD, merged.c_str(), AT_FDCWD, target.c_str(), RENAME_EXCHANGE) == 0) return;
  // No RENAME_EXCHANGE here: two renames. Killed between them, the database is missing and
  // the next run builds it again from scratch, as it would after any kill before the swap.
  std::error_code error;
  fs::rename(target, work + "/replaced", error);
  if (error) throw IndexError(fmt::format("{}: cannot put the merged database in place: {}", target, error.message()));
  fs::rename(merged, target, error);
  if (error) {
    std::error_code ignored;
    fs::rename(work + "/replaced", target, ignored);  // the (empty) database back where it was
    throw IndexError(fmt::format("{}: cannot put the merged database in place: {}", target, error.message()));
  }
}

}  // namespace

std::string ParallelBuild::work_path(const std::string& db_path) {
  fs::path path = fs::absolute(fs::path(db_path)).lexically_normal();
  if (path.filename().empty()) path = path.parent_path();  // "db/" names "db"
  return path.string() + ".fahras-build";
}

void ParallelBuild::remove_leftovers(const std::string& db_path) {
  std::error_code error;
  fs::remove_all(work_path(db_path), error);
  if (error) {
    throw IndexError(fmt::format("{}: cannot remove the work folder of an interrupted run: {}", work_path(db_path),
                                 error.message()));
  }
}

ParallelBuild::ParallelBuild(const std::string& db_path, unsigned writers, std::size_t commit_every)
    : db_path_(db_path), work_path_(work_path(db_path)) {
  if (resume(commit_every)) return;
  remove_leftovers(db_path);
  std::error_code error;
  fs::create_directories(work_path_, error);
  if (error) throw IndexError(fmt::format("{}: cannot create the work folder: {}", work_path_, error.message()));
  lookup_ = Xapian::WritableDatabase(work_path_ + "/lookup", Xapian::DB_CREATE | Xapian::DB_BACKEND_GLASS);
  for (unsigned i = 0; i < writers; ++i) {
    writers_.push_back(std::make_unique<PartialWriter>(part_path(work_path_, i), commit_every));
  }
}

bool ParallelBuild::resume(std::size_t commit_every) {
  std::error_code error;
  if (!fs::is_directory(work_path_ + "/lookup", error)) return false;
  std::size_t parts = 0;
  while (fs::is_directory(part_path(work_path_, parts), error)) ++parts;
  if (parts < 2) return false;
  // A merge the last run did not finish, or the empty database it swapped out: not needed.
  for (const char* const leftover : {"/merged", "/replaced"}) {
    fs::remove_all(work_path_ + leftover, error);
    if (error) {
      throw IndexError(fmt::format("{}{}: cannot remove it: {}", work_path_, leftover, error.message()));
    }
  }
  try {
    lookup_ = Xapian::WritableDatabase(work_path_ + "/lookup", Xapian::DB_OPEN);
    for (std::size_t i = 0; i < parts; ++i) resumed_from_.emplace_back(part_path(work_path_, i));
  } catch (const Xapian::DatabaseOpeningError&) {  // killed while creating them: start again
    resumed_from_.clear();
    lookup_.close();
    return false;
  } catch (const Xapian::DatabaseCorruptError&) {
    resumed_from_.clear();
    lookup_.close();
    return false;
  }
  for (std::size_t i = 0; i < parts; ++i) {
    writers_.push_back(
        std::make_unique<PartialWriter>(part_path(work_path_, i), commit_every, PartialWriter::Resume{}));
  }
  resumed_ = true;
  return true;
}

std::vector<PartialWriter*> ParallelBuild::writer_pointers() const {
  std::vector<PartialWriter*> pointers;
  for (const auto& writer : writers_) pointers.push_back(writer.get());
  return pointers;
}

std::vector<Xapian::docid> ParallelBuild::unfinished_documents() {
  if (resumed_from_.empty()) return {};
  const std::size_t parts = resumed_from_.size();
  return indexer::unfinished_documents(lookup_, resumed_from_, writer_pointers(),
                                       [parts](Xapian::docid id) { return id % parts; });
}

void ParallelBuild::sync_cluster_keys() {
  const std::size_t parts = resumed_from_.size();
  indexer::sync_cluster_keys(lookup_, resumed_from_, writer_pointers(), [parts](Xapian::docid id) { return id % parts; });
  resumed_from_.clear();
}

std::string ParallelBuild::kept_note() const { return kept_by_first_build(db_path_); }

ParallelBuild::~ParallelBuild() {
  writers_.clear();  // stops the threads first
  resumed_from_.clear();
  try {
    lookup_.close();
  } catch (const Xapian::Error&) {
    // what the lookup database committed stays; the next run resumes from it
  }
  if (finished_) {
    std::error_code ignored;
    fs::remove_all(work_path_, ignored);
  }
}

void ParallelBuild::add_spelling(std::size_t /*route*/, SpellingCounts&& words) {
  // Each writer sums and writes the words that hash to it; the compactor merges the shares.
  std::vector<SpellingCounts> shares(writers_.size());
  while (!words.empty()) {
    auto word = words.extract(words.begin());
    shares[std::hash<std::string>{}(word.key()) % shares.size()].insert(std::move(word));
  }
  for (std::size_t i = 0; i < shares.size(); ++i) {
    if (!shares[i].empty()) writers_[i]->add_spelling(std::move(shares[i]));
  }
}

Xapian::doccount ParallelBuild::finish(Xapian::WritableDatabase& main) {
  for (auto& writer : writers_) writer->request_finish();  // all at once: each writes its spelling
  for (auto& writer : writers_) writer->finish();

  lookup_.commit();
  if (lookup_.get_doccount() == 0) {  // nothing was added: the (empty) database stays as it is
    copy_metadata(lookup_, main);
    main.commit();
    finished_ = true;
    return main.get_doccount();
  }
  Xapian::Database parts;
  for (std::size_t i = 0; i < writers_.size(); ++i) parts.add_database(Xapian::Database(part_path(work_path_, i)));
  const std::string merged_path = work_path_ + "/merged";
  parts.compact(merged_path);
  Xapian::doccount documents = 0;
  {
    Xapian::WritableDatabase merged(merged_path, Xapian::DB_OPEN);
    copy_metadata(main, merged);
    copy_metadata(lookup_, merged);
    merged.commit();
    documents = merged.get_doccount();
    merged.close();
  }
  swap_into_place(merged_path, db_path_, work_path_);
  finished_ = true;
  return documents;
}

}  // namespace fahras::indexer
