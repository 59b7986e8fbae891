#include "partial_writer.hpp"

#include "clusters.hpp"
#include "fahras/index_error.hpp"

#include <fmt/format.h>

#include <utility>
#include <vector>

namespace fahras::indexer {

PartialWriter::PartialWriter(const std::string& path, std::size_t commit_every)
    : path_(path),
      db_(path, Xapian::DB_CREATE | Xapian::DB_BACKEND_GLASS),
      commit_every_(std::max<std::size_t>(1, commit_every)) {
  start();
}

PartialWriter::PartialWriter(const std::string& path, std::size_t commit_every, Resume)
    : path_(path), db_(path, Xapian::DB_OPEN), commit_every_(std::max<std::size_t>(1, commit_every)) {
  std::vector<std::pair<std::string, Xapian::termcount>> words;
  for (auto it = db_.spellings_begin(); it != db_.spellings_end(); ++it) words.emplace_back(*it, it.get_termfreq());
  for (const auto& [word, count] : words) db_.remove_spelling(word, count);
  db_.commit();
  start();
}

PartialWriter::PartialWriter(const std::string& path, std::size_t commit_every, Append)
    : path_(path),
      db_(path, Xapian::DB_OPEN),
      commit_every_(std::max<std::size_t>(1, commit_every)),
      spelling_written_(true) {  // the dictionary may hold the words already
  start();
}

void PartialWriter::start() {
  // Changes between two commits stay in a transaction, so that an abandoned writer (a failed
  // run) drops them on close instead of committing them.
  db_.begin_transaction();
  thread_ = std::thread([this] { loop(); });
}

PartialWriter::~PartialWriter() {
  if (thread_.joinable()) {
    {
      const std::lock_guard<std::mutex> lock(mutex_);
      queue_.clear();
      closing_ = true;
      abandon_ = true;
    }
    not_empty_.notify_all();
    not_full_.notify_all();
    thread_.join();
  }
  try {
    db_.close();  // cancels the open transaction
  } catch (const Xapian::Error&) {
    // the run has already failed; its partial database is removed with its folder
  }
}

void PartialWriter::put(Xapian::docid id, Xapian::Document&& document) {
  Operation operation;
  operation.kind = Operation::Kind::Put;
  operation.id = id;
  operation.document = std::move(document);
  push(std::move(operation));
}

void PartialWriter::remove(Xapian::docid id) {
  Operation operation;
  operation.kind = Operation::Kind::Remove;
  operation.id = id;
  push(std::move(operation));
}

void PartialWriter::set_cluster_key(Xapian::docid id, std::string key) {
  Operation operation;
  operation.kind = Operation::Kind::ClusterKey;
  operation.id = id;
  operation.key = std::move(key);
  push(std::move(operation));
}

void PartialWriter::add_spelling(SpellingCounts&& words) {
  Operation operation;
  operation.kind = Operation::Kind::Spelling;
  operation.spelling = std::move(words);
  push(std::move(operation));
}

void PartialWriter::push(Operation&& operation) {
  std::unique_lock<std::mutex> lock(mutex_);
  not_full_.wait(lock, [this] { return queue_.size() < commit_every_ || failure_ || closing_; });
  if (failure_) std::rethrow_exception(failure_);
  queue_.push_back(std::move(operation));
  lock.unlock();
  not_empty_.notify_one();
}

void PartialWriter::request_finish() {
  {
    const std::lock_guard<std::mutex> lock(mutex_);
    closing_ = true;
  }
  not_empty_.notify_all();
}

void PartialWriter::finish() {
  request_finish();
  if (thread_.joinable()) thread_.join();
  if (failure_) std::rethrow_exception(failure_);
  db_.close();
}

void PartialWriter::write_spelling() {
  SpellingAdmission::admit_run(db_, gathered_, spelling_written_);
  gathered_ = SpellingCounts{};
  spelling_written_ = true;
}

// A Xapian error on the writer's thread, as an IndexError that names the partial database.
std::exception_ptr PartialWriter::described(std::exception_ptr failure) const {
  try {
    std::rethrow_exception(failure);
  } catch (const Xapian::Error& e) {
    return std::make_exception_ptr(IndexError(fmt::format("{}: {}", path_, e.get_description())));
  } catch (...) {
    return failure;
  }
}

void PartialWriter::loop() {
  std::unique_lock<std::mutex> lock(mutex_);
  while (true) {
    not_empty_.wait(lock, [this] { return !queue_.empty() || closing_; });
    if (queue_.empty()) {
      if (abandon_) return;
      lock.unlock();
      std::exception_ptr failure;
      try {  // on this thread, so that every writer writes its share of the spelling at once
        write_spelling();
        db_.commit_transaction();
      } catch (...) {
        failure = described(std::current_exception());
      }
      lock.lock();
      failure_ = failure;
      return;
    }
    Operation operation = std::move(queue_.front());
    queue_.pop_front();
    lock.unlock();
    not_full_.notify_one();
    try {
      apply(operation);
    } catch (...) {
      std::exception_ptr failure = described(std::current_exception());
      lock.lock();
      failure_ = std::move(failure);
      queue_.clear();
      lock.unlock();
      not_full_.notify_all();
      return;
    }
    operation = Operation{};  // the document's last handle goes on this thread
    lock.lock();
  }
}

void PartialWriter::apply(Operation& operation) {
  switch (operation.kind) {
    case Operation::Kind::Put:
      db_.replace_document(operation.id, operation.document);
      if (++since_commit_ >= commit_every_) {
        db_.commit_transaction();
        db_.begin_transaction();
        since_commit_ = 0;
      }
      break;
    case Operation::Kind::Remove:
      try {
        db_.delete_document(operation.id);
      } catch (const Xapian::DocNotFoundError&) {
        // not written by the failed run: nothing to remove
      }
      break;
    case Operation::Kind::ClusterKey: {
      Xapian::Document document = db_.get_document(operation.id);
      indexer::set_cluster_key(document, operation.key);  // the free function, not this class's
      db_.replace_document(operation.id, document);
      break;
    }
    case Operation::Kind::Spelling: {
      for (auto& [word, count] : operation.spelling) gathered_[word] += count;
      constexpr std::size_t max_gathered_words = 2'000'000;  // about 100 MB
      if (gathered_.size() > max_gathered_words) {  // written and committed: Xapian holds it until then
        write_spelling();
        db_.commit_transaction();
        db_.begin_transaction();
      }
      break;
    }
  }
}

}  // namespace fahras::indexer
