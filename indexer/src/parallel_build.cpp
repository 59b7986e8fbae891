#include "parallel_build.hpp"

#include "fahras/index_error.hpp"

#include <fmt/format.h>

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
  remove_leftovers(db_path);
  std::error_code error;
  fs::create_directories(work_path_, error);
  if (error) throw IndexError(fmt::format("{}: cannot create the work folder: {}", work_path_, error.message()));
  lookup_ = Xapian::WritableDatabase(work_path_ + "/lookup", Xapian::DB_CREATE | Xapian::DB_BACKEND_GLASS);
  for (unsigned i = 0; i < writers; ++i) {
    writers_.push_back(std::make_unique<PartialWriter>(part_path(work_path_, i), commit_every));
  }
}

ParallelBuild::~ParallelBuild() {
  writers_.clear();  // stops the threads first
  try {
    lookup_.close();
  } catch (const Xapian::Error&) {
    // removed below anyway
  }
  std::error_code ignored;
  fs::remove_all(work_path_, ignored);
}

void ParallelBuild::add_spelling(SpellingCounts&& words) {
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
  return documents;
}

}  // namespace fahras::indexer
