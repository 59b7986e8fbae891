#include "boilerplate.hpp"

#include "article.hpp"
#include "fahras/schema.hpp"

#include <algorithm>
#include <set>

namespace fahras::indexer {

namespace {

// Sources are hashed: a metadata key may not exceed Xapian's 245 bytes, whatever the source.
std::string line_key(const std::string& source, std::string_view line) {
  std::string key(schema::metadata::line_prefix);
  key += stable_hash_hex(source);
  key += '\x1f';
  key += stable_hash_hex(line);
  return key;
}

std::string article_count_key(const std::string& source) {
  return std::string(schema::metadata::article_count_prefix) + stable_hash_hex(source);
}

}  // namespace

std::vector<std::string_view> LineStats::candidate_lines(std::string_view cleaned_body) {
  std::vector<std::string_view> lines;
  std::set<std::string_view> seen;
  while (!cleaned_body.empty()) {
    const std::size_t newline = cleaned_body.find('\n');
    const std::string_view line = cleaned_body.substr(0, newline);
    cleaned_body = newline == std::string_view::npos ? std::string_view{} : cleaned_body.substr(newline + 1);
    if (!line.empty() && line.size() <= max_line_bytes && seen.insert(line).second) lines.push_back(line);
  }
  return lines;
}

std::int64_t& LineStats::count(const std::string& key) {
  auto it = cache_.find(key);
  if (it == cache_.end()) {
    const std::string stored = db_.get_metadata(key);
    it = cache_.emplace(key, stored.empty() ? 0 : std::stoll(stored)).first;
  }
  return it->second;
}

void LineStats::count_article(const std::string& source, const std::vector<std::string_view>& lines, int delta) {
  const std::string articles_key = article_count_key(source);
  count(articles_key) += delta;
  dirty_.insert(articles_key);
  for (const std::string_view line : lines) {
    const std::string key = line_key(source, line);
    count(key) += delta;
    dirty_.insert(key);
  }
}

bool LineStats::is_boilerplate(const std::string& source, std::string_view line) {
  if (line.size() > max_line_bytes) return false;
  const std::int64_t in_articles = count(line_key(source, line));
  if (in_articles < min_articles) return false;
  const auto articles = static_cast<double>(std::max<std::int64_t>(1, count(article_count_key(source))));
  return static_cast<double>(in_articles) >= min_share * articles;
}

void LineStats::flush() {
  for (const std::string& key : dirty_) {
    const std::int64_t value = cache_.at(key);
    // A count back at zero leaves no key behind.
    db_.set_metadata(key, value <= 0 ? std::string() : std::to_string(value));
  }
  dirty_.clear();
  // The cache now equals the database's counts: kept for the next batch (a source's lines
  // recur), up to a bound on memory.
  if (cache_.size() > max_cached) cache_.clear();
}

}  // namespace fahras::indexer
