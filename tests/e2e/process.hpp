// Running the real binaries from end-to-end tests.
#pragma once

#include <string>

namespace fahras::test {

struct Result {
  int exit_code = -1;
  std::string out;  ///< standard output, and standard error when the command line redirects it
};

/** Runs a shell command line; captures its standard output and exit code. */
Result run_command(const std::string& command_line);

/** A fresh empty folder under the system's temporary folder, removed on destruction. */
class TempDir {
public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  [[nodiscard]] const std::string& path() const { return path_; }
  [[nodiscard]] std::string operator/(const std::string& name) const { return path_ + "/" + name; }

private:
  std::string path_;
};

/** Single-quotes a string for the shell. */
std::string shell_quote(const std::string& text);

/** The samples (samples/articles.jsonl, articles.json, text/) indexed by the real fahras-index
 *  once per test binary, in a temporary folder; the path of that database. */
const std::string& sample_db();

}  // namespace fahras::test
