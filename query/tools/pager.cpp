#include "pager.hpp"

#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <cstring>
#include <vector>

extern char** environ;

namespace fahras::cli {

namespace {

/** This process's environment, with LESS and LV added when they are not set (as git does). */
std::vector<std::string> pager_environment() {
  std::vector<std::string> variables;
  bool less = false;
  bool lv = false;
  for (char** entry = environ; entry != nullptr && *entry != nullptr; ++entry) {
    variables.emplace_back(*entry);
    less = less || std::strncmp(*entry, "LESS=", 5) == 0;
    lv = lv || std::strncmp(*entry, "LV=", 3) == 0;
  }
  if (!less) variables.emplace_back("LESS=FRX");
  if (!lv) variables.emplace_back("LV=-c");
  return variables;
}

}  // namespace

std::string pager_command(const char* pager_variable) {
  if (pager_variable == nullptr) return "less -R";
  const std::string command = pager_variable;
  if (command.find_first_not_of(" \t") == std::string::npos || command == "cat") return {};
  return command;
}

bool page(const std::string& command, std::string_view text) {
  // Everything the child needs is made before fork: after it, only async-signal-safe calls.
  std::vector<std::string> environment = pager_environment();
  std::vector<char*> envp;
  for (std::string& variable : environment) envp.push_back(variable.data());
  envp.push_back(nullptr);
  std::string shell_command = command;
  char shell[] = "/bin/sh";
  char dash_c[] = "-c";
  char* argv[] = {shell, dash_c, shell_command.data(), nullptr};

  int pipe_ends[2];
  if (pipe(pipe_ends) != 0) return false;
  const pid_t child = fork();
  if (child < 0) {
    close(pipe_ends[0]);
    close(pipe_ends[1]);
    return false;
  }
  if (child == 0) {
    dup2(pipe_ends[0], STDIN_FILENO);
    close(pipe_ends[0]);
    close(pipe_ends[1]);
    struct sigaction default_action {};
    default_action.sa_handler = SIG_DFL;
    sigemptyset(&default_action.sa_mask);
    sigaction(SIGINT, &default_action, nullptr);  // the session ignores it; the pager must not
    sigaction(SIGPIPE, &default_action, nullptr);
    execve(shell, argv, envp.data());
    _exit(127);
  }
  close(pipe_ends[0]);
  // A pager quit before the end closes the pipe: that ends the writing, not the program.
  struct sigaction ignore {};
  struct sigaction previous {};
  ignore.sa_handler = SIG_IGN;
  sigemptyset(&ignore.sa_mask);
  sigaction(SIGPIPE, &ignore, &previous);
  std::size_t done = 0;
  while (done < text.size()) {
    const ssize_t n = write(pipe_ends[1], text.data() + done, text.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;  // EPIPE: the pager has gone
    done += static_cast<std::size_t>(n);
  }
  close(pipe_ends[1]);
  sigaction(SIGPIPE, &previous, nullptr);
  int status = 0;
  while (waitpid(child, &status, 0) < 0) {
    if (errno != EINTR) return true;
  }
  return !(WIFEXITED(status) && (WEXITSTATUS(status) == 126 || WEXITSTATUS(status) == 127));
}

}  // namespace fahras::cli
