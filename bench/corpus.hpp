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

}  // namespace fahras::bench
