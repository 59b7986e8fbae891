#include "process.hpp"

#include <doctest/doctest.h>

#include <array>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <stdexcept>
#include <sys/wait.h>

namespace fahras::test {

Result run_command(const std::string& command_line) {
  Result result;
  FILE* pipe = popen(command_line.c_str(), "r");
  if (pipe == nullptr) throw std::runtime_error("cannot run: " + command_line);
  std::array<char, 4096> buffer{};
  std::size_t n = 0;
  while ((n = fread(buffer.data(), 1, buffer.size(), pipe)) > 0) result.out.append(buffer.data(), n);
  const int status = pclose(pipe);
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return result;
}

TempDir::TempDir() {
  std::string pattern = (std::filesystem::temp_directory_path() / "fahras-e2e-XXXXXX").string();
  if (mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
  path_ = pattern;
}

TempDir::~TempDir() {
  std::error_code ignored;
  std::filesystem::remove_all(path_, ignored);
}

std::string shell_quote(const std::string& text) {
  std::string out = "'";
  for (const char c : text) {
    if (c == '\'') {
      out += "'\\''";
    } else {
      out += c;
    }
  }
  return out + "'";
}

const std::string& sample_db() {
  static const std::unique_ptr<TempDir> dir = [] {
    const std::string samples = FAHRAS_SAMPLES_DIR;
    auto tmp = std::make_unique<TempDir>();
    const Result indexed = run_command(std::string(FAHRAS_INDEX_BIN) + " --progress off --db " + (*tmp / "db") + " " +
                                       samples + "/articles.jsonl " + samples + "/articles.json " + samples + "/text 2>&1");
    INFO(indexed.out);
    REQUIRE(indexed.exit_code <= 1);  // the samples hold bad records on purpose
    return tmp;
  }();
  static const std::string path = *dir / "db";
  return path;
}

}  // namespace fahras::test
