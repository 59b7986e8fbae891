#include "corpus.hpp"

#include "readers.hpp"

#include <algorithm>
#include <cstdlib>
#include <stdexcept>

namespace fahras::bench {

namespace {

// Collects the records the indexer's readers find; any problem stops the benchmark.
class Collector final : public indexer::RecordSink {
public:
  std::vector<Article> articles;

  void record(indexer::RawRecord&& record) override {
    Article article;
    for (auto& [key, value] : record.fields) {
      if (key == "url") article.url = std::move(value);
      if (key == "source") article.source = std::move(value);
      if (key == "title") article.title = std::move(value);
      if (key == "content") article.content = std::move(value);
    }
    articles.push_back(std::move(article));
  }

  void diagnostic(indexer::Diagnostic&& d) override {
    if (d.severity == indexer::Severity::Error) throw std::runtime_error(indexer::to_string(d.origin) + ": " + d.message);
  }
};

}  // namespace

std::vector<Article> load_crawl(const std::filesystem::path& dir) {
  std::vector<std::filesystem::path> zips;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    if (entry.path().extension() == ".zip") zips.push_back(entry.path());
  }
  std::sort(zips.begin(), zips.end());
  if (zips.empty()) throw std::runtime_error(dir.string() + ": no .zip files");
  Collector collector;
  for (const auto& zip : zips) indexer::read_input(zip.string(), indexer::ReadOptions{}, collector);
  return std::move(collector.articles);
}

std::filesystem::path shared_dir() {
  if (const char* env = std::getenv("FAHRAS_SHARED"); env != nullptr && *env != '\0') return env;
  return FAHRAS_SHARED_DEFAULT;
}

std::vector<std::string> article_texts(const std::vector<Article>& articles, std::size_t& bytes) {
  std::vector<std::string> texts;
  texts.reserve(articles.size());
  bytes = 0;
  for (const Article& a : articles) {
    texts.push_back(a.title + "\n" + a.content);
    bytes += texts.back().size();
  }
  return texts;
}

}  // namespace fahras::bench
