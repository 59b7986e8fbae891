#include "corpus.hpp"

#include <archive.h>
#include <archive_entry.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdlib>
#include <memory>
#include <stdexcept>

namespace fahras::bench {

namespace {

std::string read_zip_members(const std::filesystem::path& path) {
  std::unique_ptr<archive, decltype(&archive_read_free)> reader(archive_read_new(), archive_read_free);
  archive_read_support_format_zip(reader.get());
  if (archive_read_open_filename(reader.get(), path.c_str(), 1 << 16) != ARCHIVE_OK) {
    throw std::runtime_error(path.string() + ": " + archive_error_string(reader.get()));
  }
  std::string data;
  archive_entry* entry = nullptr;
  while (archive_read_next_header(reader.get(), &entry) == ARCHIVE_OK) {
    char buffer[1 << 16];
    la_ssize_t n = 0;
    while ((n = archive_read_data(reader.get(), buffer, sizeof buffer)) > 0) data.append(buffer, static_cast<std::size_t>(n));
    if (n < 0) throw std::runtime_error(path.string() + ": " + archive_error_string(reader.get()));
  }
  return data;
}

std::string field(const nlohmann::json& object, const char* name) {
  const auto it = object.find(name);
  return it != object.end() && it->is_string() ? it->get<std::string>() : std::string{};
}

}  // namespace

std::vector<Article> load_crawl(const std::filesystem::path& dir) {
  std::vector<std::filesystem::path> zips;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    if (entry.path().extension() == ".zip") zips.push_back(entry.path());
  }
  std::sort(zips.begin(), zips.end());
  if (zips.empty()) throw std::runtime_error(dir.string() + ": no .zip files");
  std::vector<Article> articles;
  for (const auto& zip : zips) {
    const nlohmann::json array = nlohmann::json::parse(read_zip_members(zip));
    for (const auto& object : array) {
      articles.push_back({field(object, "url"), field(object, "source"), field(object, "title"),
                          field(object, "content")});
    }
  }
  return articles;
}

std::filesystem::path shared_dir() {
  if (const char* env = std::getenv("FAHRAS_SHARED"); env != nullptr && *env != '\0') return env;
  return FAHRAS_SHARED_DEFAULT;
}

}  // namespace fahras::bench
