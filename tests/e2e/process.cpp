#include "process.hpp"

#include <doctest/doctest.h>

#include <array>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <memory>
#include <stdexcept>
#include <string>
#include <utility>
#include <sys/wait.h>

namespace fahras::test {

namespace {

/** Adds the sanitizer exit code to the options this process's children read, after whatever the
 *  environment says (the last setting of a flag wins). In the combined ASan+UBSan runtime the
 *  three variables set one shared exit code, the last one read winning: they must agree. */
bool set_sanitizer_options() {
  const std::string code = "exitcode=" + std::to_string(sanitizer_exit_code);
  for (const auto& [name, flags] : {std::pair<const char*, std::string>{"ASAN_OPTIONS", code},
                                    std::pair<const char*, std::string>{"LSAN_OPTIONS", code},
                                    std::pair<const char*, std::string>{"UBSAN_OPTIONS", code + ":halt_on_error=1"},
                                    std::pair<const char*, std::string>{"TSAN_OPTIONS", code + ":halt_on_error=1"}}) {
    const char* current = std::getenv(name);
    const std::string value = current != nullptr && *current != '\0' ? std::string(current) + ":" + flags : flags;
    setenv(name, value.c_str(), 1);
  }
  return true;
}

[[maybe_unused]] const bool sanitizer_options_set = set_sanitizer_options();

/** The end of a long output, where a sanitizer's report is. */
std::string tail(const std::string& output) {
  constexpr std::size_t shown = 16000;
  return output.size() <= shown ? output : "[...]" + output.substr(output.size() - shown);
}

}  // namespace

int exit_code_of(int wait_status, const std::string& what, const std::string& output, Crash crash, int* signal) {
  int killed_by = 0;
  int code = -1;
  if (WIFSIGNALED(wait_status)) {
    killed_by = WTERMSIG(wait_status);
    code = 128 + killed_by;
  } else if (WIFEXITED(wait_status)) {
    code = WEXITSTATUS(wait_status);
    if (code > 128 && code <= 128 + 64) killed_by = code - 128;  // a shell's report of its command's signal
  }
  if (signal != nullptr) *signal = killed_by;
  if (crash == Crash::fails_test) {
    if (killed_by != 0) {
      FAIL_CHECK("killed by signal ", killed_by, " (", std::string(strsignal(killed_by)), "): ", what, "\n", tail(output));
    } else if (code == sanitizer_exit_code) {
      FAIL_CHECK("sanitizer report (exit code ", code, "): ", what, "\n", tail(output));
    }
  }
  return code;
}

Result run_command(const std::string& command_line, Crash crash) {
  Result result;
  FILE* pipe = popen(command_line.c_str(), "r");
  if (pipe == nullptr) throw std::runtime_error("cannot run: " + command_line);
  std::array<char, 4096> buffer{};
  std::size_t n = 0;
  while ((n = fread(buffer.data(), 1, buffer.size(), pipe)) > 0) result.out.append(buffer.data(), n);
  const int status = pclose(pipe);
  if (status == -1) throw std::runtime_error("cannot wait for: " + command_line);
  result.exit_code = exit_code_of(status, command_line, result.out, crash, &result.signal);
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
    REQUIRE(indexed.exit_code == 1);  // the samples hold bad records on purpose
    return tmp;
  }();
  static const std::string path = *dir / "db";
  return path;
}

int start_background(const std::string& command_line, const TempDir& scratch) {
  const std::string pid_path = scratch / "background.pid";
  REQUIRE(std::system((command_line + " >/dev/null 2>&1 & echo $! > " + shell_quote(pid_path)).c_str()) == 0);
  std::ifstream pid_file(pid_path);
  int pid = 0;
  pid_file >> pid;
  REQUIRE(pid > 0);
  return pid;
}

}  // namespace fahras::test
