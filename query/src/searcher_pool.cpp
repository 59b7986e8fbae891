// SearcherPool: idle Searchers under a mutex, a condition variable for a full pool, and a
// reopen on each hand-out.
#include "fahras/searcher_pool.hpp"

#include <algorithm>
#include <condition_variable>
#include <mutex>
#include <thread>
#include <utility>
#include <vector>

namespace fahras {

struct SearcherPool::State {
  std::string path;
  std::size_t max_searchers = 1;
  std::mutex mutex;
  std::condition_variable freed;
  std::vector<std::unique_ptr<Searcher>> idle;  // guarded by mutex; the last used on top
  std::size_t open = 0;                         // guarded by mutex: idle + lent + being opened
};

SearcherPool::SearcherPool(std::string path, std::size_t max_searchers) : state_(std::make_unique<State>()) {
  state_->path = std::move(path);
  if (max_searchers == 0) max_searchers = std::max(1U, std::thread::hardware_concurrency());
  state_->max_searchers = max_searchers;
  state_->idle.reserve(std::min<std::size_t>(max_searchers, 256));  // so that giving back rarely allocates
  state_->idle.push_back(std::make_unique<Searcher>(state_->path));
  state_->open = 1;
}

SearcherPool::~SearcherPool() = default;

SearcherPool::Lease SearcherPool::acquire() {
  std::unique_ptr<Searcher> searcher;
  {
    std::unique_lock lock(state_->mutex);
    state_->freed.wait(lock, [&] { return !state_->idle.empty() || state_->open < state_->max_searchers; });
    if (!state_->idle.empty()) {
      searcher = std::move(state_->idle.back());
      state_->idle.pop_back();
    } else {
      ++state_->open;  // this slot is ours: opened below, outside the lock
    }
  }
  // Up to date with the last commit; a searcher that cannot follow the database is replaced.
  if (searcher) {
    try {
      searcher->reopen();
    } catch (...) {  // a DatabaseError, or anything else: this slot opens a fresh one below
      searcher.reset();
    }
  }
  if (!searcher) {
    try {
      searcher = std::make_unique<Searcher>(state_->path);
    } catch (...) {
      {
        const std::lock_guard lock(state_->mutex);
        --state_->open;
      }
      state_->freed.notify_one();
      throw;
    }
  }
  return Lease(this, std::move(searcher));
}

void SearcherPool::release(std::unique_ptr<Searcher> searcher) noexcept {
  {
    const std::lock_guard lock(state_->mutex);
    try {
      state_->idle.push_back(std::move(searcher));  // reserved up to 256: rarely allocates
    } catch (...) {
      --state_->open;  // no room to keep it: it closes, and its slot is free for a fresh one
    }
  }
  state_->freed.notify_one();
}

std::size_t SearcherPool::document_count() { return acquire()->document_count(); }
const std::string& SearcherPool::path() const noexcept { return state_->path; }
std::size_t SearcherPool::max_searchers() const noexcept { return state_->max_searchers; }

SearcherPool::Lease::Lease(SearcherPool* pool, std::unique_ptr<Searcher> searcher) noexcept
    : pool_(pool), searcher_(std::move(searcher)) {}

SearcherPool::Lease::Lease(Lease&& other) noexcept
    : pool_(std::exchange(other.pool_, nullptr)), searcher_(std::move(other.searcher_)) {}

SearcherPool::Lease& SearcherPool::Lease::operator=(Lease&& other) noexcept {
  if (this != &other) {
    give_back();
    pool_ = std::exchange(other.pool_, nullptr);
    searcher_ = std::move(other.searcher_);
  }
  return *this;
}

SearcherPool::Lease::~Lease() { give_back(); }

void SearcherPool::Lease::give_back() noexcept {
  if (pool_ != nullptr && searcher_) pool_->release(std::move(searcher_));
  pool_ = nullptr;
}

}  // namespace fahras
