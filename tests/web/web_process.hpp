// fahras-web run as a child process for the tests: started on a free loopback port (--port 0,
// read back from its first line on standard error), stopped with a signal, its exit status
// checked through the end-to-end fixture (a crash or a sanitizer report fails the test).
#pragma once

#include "process.hpp"

#include <sys/types.h>

#include <string>
#include <vector>

namespace fahras::test {

class WebServer {
public:
  /** Starts fahras-web with `arguments` after `--db db --port 0`; waits until it listens. */
  WebServer(const std::string& db, const std::vector<std::string>& arguments = {});
  /** Stops it with SIGKILL if a test left it running (the test has failed then). */
  ~WebServer();
  WebServer(const WebServer&) = delete;
  WebServer& operator=(const WebServer&) = delete;

  [[nodiscard]] int port() const { return port_; }
  /** "http://127.0.0.1:PORT" */
  [[nodiscard]] std::string base() const { return "http://127.0.0.1:" + std::to_string(port_); }
  /** What it has written on standard error so far. */
  [[nodiscard]] std::string log() const;

  /** Sends `signal`, waits for the exit; its exit code (a crash or sanitizer report fails the test). */
  int stop(int signal);

private:
  TempDir dir_;
  pid_t pid_ = -1;
  int port_ = 0;
};

/** Runs fahras-web to its end with `arguments` (for the refusals at start); exit code and
 *  standard error. */
Result run_web(const std::string& arguments);

/** The database the web tests share: the samples and tests/web/data/markup.jsonl, indexed by the
 *  real fahras-index once per test binary. */
const std::string& web_db();

}  // namespace fahras::test
