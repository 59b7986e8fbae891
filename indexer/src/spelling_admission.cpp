#include "spelling_admission.hpp"

#include <algorithm>
#include <vector>

namespace fahras::indexer {

namespace {

// Which of `words` the spelling dictionary already holds. Xapian has no lookup of one word, so
// one iterator over the dictionary skips to each word in sorted order.
std::unordered_set<std::string_view> in_dictionary(const Xapian::Database& db, std::vector<std::string_view> words) {
  std::unordered_set<std::string_view> known;
  if (words.empty()) return known;
  std::sort(words.begin(), words.end());
  Xapian::TermIterator it = db.spellings_begin();
  const Xapian::TermIterator end = db.spellings_end();
  for (const std::string_view word : words) {
    if (it == end) break;
    it.skip_to(std::string(word));
    if (it != end && *it == word) known.insert(word);
  }
  return known;
}

}  // namespace

void SpellingAdmission::admit_batch(Xapian::WritableDatabase& db, const SpellingCounts& batch) {
  std::vector<std::string_view> once;  // seen once so far in this run, unless the dictionary has them
  for (const auto& [word, count] : batch) {
    if (count == 1 && waiting_.count(word) == 0) once.push_back(word);
  }
  const auto known = in_dictionary(db, std::move(once));
  for (const auto& [word, count] : batch) {
    if (const auto seen = waiting_.find(word); seen != waiting_.end()) {
      waiting_.erase(seen);
      db.add_spelling(word, count + 1);  // with its first occurrence, from an earlier batch
    } else if (count >= 2 || known.count(word) != 0) {
      db.add_spelling(word, count);
    } else {
      if (waiting_.size() >= max_waiting) waiting_.clear();
      waiting_.insert(word);
    }
  }
}

void SpellingAdmission::admit_run(Xapian::WritableDatabase& db, const SpellingCounts& run, bool check_dictionary) {
  std::vector<std::string_view> once;
  if (check_dictionary) {
    for (const auto& [word, count] : run) {
      if (count == 1) once.push_back(word);
    }
  }
  const auto known = in_dictionary(db, std::move(once));
  for (const auto& [word, count] : run) {
    if (count >= 2 || known.count(word) != 0) db.add_spelling(word, count);
  }
}

}  // namespace fahras::indexer
