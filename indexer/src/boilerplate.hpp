// Per-source line statistics, kept in the database, that tell boilerplate from content.
#pragma once

#include <xapian.h>

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace fahras::indexer {

/**
 * Counts, for each source, in how many of its articles each short line occurs. A line that
 * recurs in at least `min_articles` articles and in at least `min_share` of the source's
 * articles is boilerplate ("read also", disclaimers, copyright lines). Counts change only when
 * an article is added, changed or deleted, so re-indexing the same input changes nothing;
 * they live in the database's metadata, so each night's decision uses every night's evidence
 * and standard input works like a file.
 */
class LineStats {
public:
  static constexpr std::size_t max_line_bytes = 300;  ///< longer lines are content
  static constexpr std::int64_t min_articles = 5;
  static constexpr double min_share = 0.01;
  static constexpr std::size_t max_cached = 1'000'000;  ///< counts kept in memory between batches

  explicit LineStats(Xapian::WritableDatabase& db) : db_(db) {}

  /** The distinct lines of a cleaned body short enough to be boilerplate. */
  static std::vector<std::string_view> candidate_lines(std::string_view cleaned_body);

  /** Counts an article's candidate lines in (`delta` = +1) or out (-1). */
  void count_article(const std::string& source, const std::vector<std::string_view>& lines, int delta);

  [[nodiscard]] bool is_boilerplate(const std::string& source, std::string_view line);

  /** Writes the changed counts into the database's metadata (call before commit; discard()
   *  if the commit fails). */
  void flush();

  /** Forgets unflushed changes (after a failed batch). */
  void discard() {
    cache_.clear();
    dirty_.clear();
  }

private:
  std::int64_t& count(const std::string& key);
  Xapian::WritableDatabase& db_;
  std::unordered_map<std::string, std::int64_t> cache_;
  std::unordered_set<std::string> dirty_;  // keys changed since the last flush
};

}  // namespace fahras::indexer
