// Milliseconds on the steady clock between laps: the stages of a search (SearchTimings).
#pragma once

#include <chrono>

namespace fahras::query {

class Stopwatch {
public:
  /** The milliseconds since the last lap (or since construction); the next lap starts now. */
  double lap() noexcept {
    const auto now = std::chrono::steady_clock::now();
    const double ms = std::chrono::duration<double, std::milli>(now - last_).count();
    last_ = now;
    return ms;
  }

private:
  std::chrono::steady_clock::time_point last_ = std::chrono::steady_clock::now();
};

}  // namespace fahras::query
