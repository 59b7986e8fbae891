// A small parallel-for over indices, one worker index per thread.
#pragma once

#include <atomic>
#include <cstddef>
#include <exception>
#include <mutex>
#include <thread>
#include <vector>

namespace fahras::indexer {

/** Calls body(worker, i) for every i in [0, count), spread over `workers` threads; the first
 *  exception thrown by a body is rethrown after all threads have stopped. */
template <typename Body>
void parallel_for(std::size_t count, unsigned workers, Body body) {
  if (workers <= 1 || count <= 1) {
    for (std::size_t i = 0; i < count; ++i) body(0U, i);
    return;
  }
  std::atomic<std::size_t> next{0};
  std::exception_ptr failure;
  std::mutex failure_mutex;
  std::vector<std::thread> threads;
  for (unsigned w = 0; w < workers; ++w) {
    threads.emplace_back([&, w] {
      try {
        for (std::size_t i = next++; i < count; i = next++) body(w, i);
      } catch (...) {
        const std::lock_guard<std::mutex> lock(failure_mutex);
        if (!failure) failure = std::current_exception();
        next = count;
      }
    });
  }
  for (auto& t : threads) t.join();
  if (failure) std::rethrow_exception(failure);
}

}  // namespace fahras::indexer
