// Which words the indexer puts in Xapian's spelling dictionary, the source of "did you mean".
#pragma once

#include "word_hash.hpp"

#include <xapian.h>

#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>

namespace fahras::indexer {

/** Hashes a word given as a string or a string_view alike (no string built to look one up). */
struct SpellingWordHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view word) const noexcept { return static_cast<std::size_t>(word_hash(word)); }
};

/** Occurrences of each word, summed over a batch or a run. */
using SpellingCounts = std::unordered_map<std::string, Xapian::termcount, SpellingWordHash, std::equal_to<>>;

/**
 * A word enters the dictionary once one run has indexed it at least twice, with the count of
 * those occurrences; from then on every indexed occurrence adds to its count. A word seen once
 * in a whole run (a third of the crawl's distinct words) is far more often a typo, a split or
 * run-together word than a correction worth suggesting, and Xapian's spelling table costs per
 * distinct word: leaving those words out makes a first build faster (README, Benchmarks).
 * Only words absent from the index get suggestions; words in it never need one.
 *
 * Batch by batch (one writer), words seen once so far in the run wait in memory until a later
 * batch brings them again; past `max_waiting` of them, those waiting are forgotten.
 * A run killed with `kill -9` forgets them too. Summed over a whole run (a parallel first build),
 * admit_run applies the same rule at once.
 */
class SpellingAdmission {
public:
  static constexpr std::size_t max_waiting = 2'000'000;  // about 150 MB of short words

  /** Adds one batch's counts to `db` by the rule. */
  void admit_batch(Xapian::WritableDatabase& db, const SpellingCounts& batch);

  /**
   * Adds a run's summed counts to `db` by the rule. `db` holds none of these words unless
   * `check_dictionary` (then a word already in it is added whatever its count).
   */
  static void admit_run(Xapian::WritableDatabase& db, const SpellingCounts& run, bool check_dictionary);

  /** Words seen once so far in this run and not in the dictionary. */
  [[nodiscard]] std::size_t waiting() const noexcept { return waiting_.size(); }

private:
  std::unordered_set<std::string> waiting_;
};

}  // namespace fahras::indexer
