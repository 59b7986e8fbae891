// Loads the shared SaudiNewsNet crawl (one ZIP of a JSON array per day) for benchmarks.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace fahras::bench {

struct Article {
  std::string url;
  std::string source;
  std::string title;
  std::string content;
};

/** Every article of every .zip under `dir`, in file-name order. Throws on unreadable input. */
std::vector<Article> load_crawl(const std::filesystem::path& dir);

/** FAHRAS_SHARED if set, else the folder given at build time. */
std::filesystem::path shared_dir();

/** Each article's title and body as one text ("title\nbody"); `bytes` gets their total size. */
std::vector<std::string> article_texts(const std::vector<Article>& articles, std::size_t& bytes);

}  // namespace fahras::bench
