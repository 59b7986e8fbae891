#include "test_support.hpp"

#include "utf8.hpp"

#include <nlohmann/json.hpp>

#include <fstream>
#include <sstream>
#include <stdexcept>

namespace fahras::test {

std::string unescape(const std::string& field) {
  std::string out;
  for (std::size_t i = 0; i < field.size(); ++i) {
    if (field[i] == '\\' && i + 5 < field.size() && field[i + 1] == 'u') {
      const char32_t cp = static_cast<char32_t>(std::stoul(field.substr(i + 2, 4), nullptr, 16));
      utf8::append(out, cp);
      i += 5;
    } else {
      out.push_back(field[i]);
    }
  }
  return out;
}

std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error(path.string() + ": cannot open");
  std::ostringstream content;
  content << in.rdbuf();
  return content.str();
}

std::vector<std::vector<std::string>> read_tsv(const std::string& name) {
  std::istringstream in(read_file(std::filesystem::path(FAHRAS_TEST_DATA_DIR) / name));
  std::vector<std::vector<std::string>> rows;
  std::string line;
  bool header = true;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    if (header) {
      header = false;
      continue;
    }
    std::vector<std::string> fields;
    std::size_t start = 0;
    while (true) {
      const std::size_t tab = line.find('\t', start);
      fields.push_back(unescape(line.substr(start, tab - start)));
      if (tab == std::string::npos) break;
      start = tab + 1;
    }
    rows.push_back(std::move(fields));
  }
  return rows;
}

std::filesystem::path samples_dir() { return FAHRAS_SAMPLES_DIR; }

std::vector<std::string> sample_texts() {
  std::vector<std::string> texts;
  const auto add_object = [&texts](const nlohmann::json& object) {
    for (const char* key : {"title", "content"}) {
      if (object.contains(key) && object[key].is_string()) texts.push_back(object[key].get<std::string>());
    }
  };
  std::istringstream lines(read_file(samples_dir() / "articles.jsonl"));
  std::string line;
  while (std::getline(lines, line)) {
    // Malformed lines are there on purpose (samples/README.md); the analyzer sees their raw text.
    const nlohmann::json object = nlohmann::json::parse(line, nullptr, false, false);
    if (object.is_object()) {
      add_object(object);
    } else {
      texts.push_back(line);
    }
  }
  for (const auto& object : nlohmann::json::parse(read_file(samples_dir() / "articles.json"))) add_object(object);
  for (const auto& entry : std::filesystem::directory_iterator(samples_dir() / "text")) {
    if (entry.path().extension() == ".txt") texts.push_back(read_file(entry.path()));
  }
  return texts;
}

}  // namespace fahras::test
