// xapian-tcpsrv serving one database on 127.0.0.1 for the tests of remote shards: started on a
// free port, stopped (and waited for) on destruction, whatever the test does.
#pragma once

#include <string>
#include <sys/types.h>

namespace fahras::test {

/** Whether xapian-tcpsrv (Debian's xapian-tools) is on the PATH. */
bool have_tcp_server();

class TcpServer {
public:
  /** Serves `database` (in a process group of its own: stopping it ends every connection); throws std::runtime_error
   *  when it does not listen within 10 s. */
  explicit TcpServer(const std::string& database);
  ~TcpServer();
  TcpServer(const TcpServer&) = delete;
  TcpServer& operator=(const TcpServer&) = delete;

  [[nodiscard]] unsigned port() const noexcept { return port_; }
  /** "remote tcp 127.0.0.1 PORT", a stub file's line. */
  [[nodiscard]] std::string stub_line() const;
  /** Kills the server and waits for it. */
  void stop() noexcept;

private:
  pid_t pid_ = -1;
  unsigned port_ = 0;
};

}  // namespace fahras::test
