// Running the real binaries from end-to-end tests.
#pragma once

#include <string>

namespace fahras::test {

/** The exit status of a process whose sanitizer (ASan, LSan, UBSan) reported an error: the
 *  tests' environment sets it for all three (see tests/CMakeLists.txt), and run_command adds
 *  it to its children's options in case the tests run without that environment. */
inline constexpr int sanitizer_exit_code = FAHRAS_SANITIZER_EXIT_CODE;

struct Result {
  /** The exit status; for a process killed by a signal, 128 + the signal (as a shell says it),
   *  so never one of the programs' own codes 0..3. */
  int exit_code = -1;
  int signal = 0;  ///< the signal that killed the process (or the shell's last command), 0 if none
  std::string out;  ///< standard output, and standard error when the command line redirects it
};

/** Whether a run of a command is expected to crash. */
enum class Crash {
  fails_test,  ///< a signal or a sanitizer report fails the current test, with the output shown
  expected,    ///< the caller looks at Result::signal and Result::exit_code itself
};

/** Runs a shell command line; captures its standard output and exit code. Unless told that a
 *  crash is expected, a process killed by a signal or ended by a sanitizer report fails the
 *  current test (a failed check, showing the command line and its output). */
Result run_command(const std::string& command_line, Crash crash = Crash::fails_test);

/**
 * The exit code of a process from its waitpid() status, 128 + the signal for one killed by a
 * signal. A signal (also as 128 + N from a shell) or the sanitizer exit code fails the current
 * test, naming `what` and showing `output`, unless `crash` is Crash::expected; `signal` gets the
 * signal, 0 if none.
 */
int exit_code_of(int wait_status, const std::string& what, const std::string& output,
                 Crash crash = Crash::fails_test, int* signal = nullptr);

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

/** Starts a shell command line in the background, its output discarded; its process id (the
 *  command's, for a single command). `scratch` holds the file the id passes through. */
int start_background(const std::string& command_line, const TempDir& scratch);

/** Single-quotes a string for the shell. */
std::string shell_quote(const std::string& text);

/** The samples (samples/articles.jsonl, articles.json, text/) indexed by the real fahras-index
 *  once per test binary, in a temporary folder; the path of that database. */
const std::string& sample_db();

}  // namespace fahras::test
