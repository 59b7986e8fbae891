#include "web_process.hpp"

#include <doctest/doctest.h>

#include <chrono>
#include <csignal>
#include <fcntl.h>
#include <fstream>
#include <memory>
#include <sstream>
#include <stdexcept>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

namespace fahras::test {

WebServer::WebServer(const std::string& db, const std::vector<std::string>& arguments) {
  std::vector<std::string> args{FAHRAS_WEB_BIN, "--db", db, "--port", "0"};
  args.insert(args.end(), arguments.begin(), arguments.end());
  const std::string log_path = dir_ / "stderr";
  pid_ = fork();
  if (pid_ < 0) throw std::runtime_error("fork failed");
  if (pid_ == 0) {
    const int fd = open(log_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    if (fd < 0) _exit(127);
    dup2(fd, STDERR_FILENO);
    const int null = open("/dev/null", O_RDWR);
    dup2(null, STDIN_FILENO);
    dup2(null, STDOUT_FILENO);
    std::vector<char*> argv;
    for (std::string& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    execv(argv[0], argv.data());
    _exit(127);
  }
  // Until it says where it listens (a bound on the wait only: slow under the sanitizers).
  const std::string marker = "listening on http://127.0.0.1:";
  for (int i = 0; i < 6000; ++i) {
    const std::string text = log();
    if (const auto at = text.find(marker); at != std::string::npos && text.find('/', at + marker.size()) != std::string::npos) {
      port_ = std::stoi(text.substr(at + marker.size()));
      return;
    }
    int status = 0;
    if (waitpid(pid_, &status, WNOHANG) == pid_) {
      pid_ = -1;
      exit_code_of(status, "fahras-web", text);
      throw std::runtime_error("fahras-web ended before listening: " + text);
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  throw std::runtime_error("fahras-web did not start listening: " + log());
}

WebServer::~WebServer() {
  if (pid_ > 0) {
    kill(pid_, SIGKILL);
    int status = 0;
    waitpid(pid_, &status, 0);
  }
}

std::string WebServer::log() const {
  std::ifstream in(dir_ / "stderr", std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

int WebServer::stop(int signal) {
  REQUIRE(pid_ > 0);
  kill(pid_, signal);
  int status = 0;
  waitpid(pid_, &status, 0);
  pid_ = -1;
  return exit_code_of(status, "fahras-web", log());
}

Result run_web(const std::string& arguments) {
  // Killed (a failed test) if it does not end: one that listens when it should not.
  return run_command("timeout -s KILL 60 " + std::string(FAHRAS_WEB_BIN) + " " + arguments + " 2>&1");
}

const std::string& web_db() {
  static const std::unique_ptr<TempDir> dir = [] {
    const std::string samples = FAHRAS_SAMPLES_DIR;
    auto tmp = std::make_unique<TempDir>();
    const Result indexed =
        run_command(std::string(FAHRAS_INDEX_BIN) + " --progress off --db " + (*tmp / "db") + " " + samples +
                    "/articles.jsonl " + samples + "/articles.json " + samples + "/text " + FAHRAS_WEB_TEST_DATA +
                    "/markup.jsonl 2>&1");
    INFO(indexed.out);
    REQUIRE(indexed.exit_code == 1);  // the samples hold bad records on purpose
    return tmp;
  }();
  static const std::string path = *dir / "db";
  return path;
}

}  // namespace fahras::test
