// fahras query library: Searchers of one database shared by the threads of a server.
#pragma once

#include "fahras/query.hpp"

#include <cstddef>
#include <memory>
#include <string>

namespace fahras {

/**
 * Searchers of one database for any number of threads.
 *
 * Threading rules: Xapian's objects are not thread-safe, so neither is a Searcher; a thread
 * uses a Searcher only while it holds it. The pool hands them out: acquire() gives one
 * Searcher to one thread (a Lease), and the Lease's destruction gives it back. The pool itself
 * (acquire, document_count, the Lease's destruction) may be called from any thread at once.
 * The pool must outlive its Leases.
 *
 * Live updates: each acquire() reopens the Searcher it hands out when the database has
 * changed since that Searcher's last use (one cheap check per request, at most one reopen),
 * so a long-running service follows each commit of fahras-index. A Searcher whose reopen
 * throws (the database rebuilt with another profile or time zone, or unreadable for a moment)
 * is discarded and a fresh one opened in its place; if that fails too, acquire() throws
 * DatabaseError and the slot is free again.
 */
class SearcherPool {
public:
  /** A Searcher lent to the caller; given back to the pool when the Lease is destroyed. */
  class Lease {
  public:
    Lease(Lease&& other) noexcept;
    Lease& operator=(Lease&& other) noexcept;
    Lease(const Lease&) = delete;
    Lease& operator=(const Lease&) = delete;
    ~Lease();

    Searcher& operator*() const noexcept { return *searcher_; }
    Searcher* operator->() const noexcept { return searcher_.get(); }

  private:
    friend class SearcherPool;
    Lease(SearcherPool* pool, std::unique_ptr<Searcher> searcher) noexcept;
    void give_back() noexcept;

    SearcherPool* pool_ = nullptr;
    std::unique_ptr<Searcher> searcher_;
  };

  /** Opens one Searcher of the database at `path` at once, so that a bad path fails here
   *  (DatabaseError); more are opened as requests overlap, up to `max_searchers` (0: one per
   *  hardware thread). */
  explicit SearcherPool(std::string path, std::size_t max_searchers = 0);
  ~SearcherPool();
  SearcherPool(const SearcherPool&) = delete;
  SearcherPool& operator=(const SearcherPool&) = delete;
  SearcherPool(SearcherPool&&) = delete;
  SearcherPool& operator=(SearcherPool&&) = delete;

  /** A Searcher, up to date with the database's last commit; blocks while all
   *  max_searchers() are lent. Throws DatabaseError when no Searcher can be opened. */
  [[nodiscard]] Lease acquire();

  /** Number of articles in the database (through a Searcher acquired for the purpose). */
  [[nodiscard]] std::size_t document_count();

  [[nodiscard]] const std::string& path() const noexcept;
  [[nodiscard]] std::size_t max_searchers() const noexcept;

private:
  struct State;
  void release(std::unique_ptr<Searcher> searcher) noexcept;

  std::unique_ptr<State> state_;
};

}  // namespace fahras
