// Errors the indexer library throws; fahras-index turns them into exit codes.
#pragma once

#include <stdexcept>
#include <string>

namespace fahras {

/** A caller's mistake: a bad option, a bad argument. */
class UsageError : public std::runtime_error {
public:
  using std::runtime_error::runtime_error;
};

/** The database cannot be used: locked, unreadable, or built under another schema/analysis. */
class IndexError : public std::runtime_error {
public:
  using std::runtime_error::runtime_error;
};

}  // namespace fahras
