// fahras-web: an HTTP search service over one fahras database, with its search page at /.
// Exit status: 0 stopped by SIGTERM or SIGINT (requests in flight finished); 2 bad arguments,
// a database that cannot be opened, or an address that cannot be listened on.
#include "fahras/version.hpp"
#include "web_backend.hpp"
#include "web_server.hpp"

#include <httplib.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <iostream>
#include <optional>
#include <pthread.h>
#include <sys/socket.h>
#include <stdexcept>
#include <string>
#include <thread>

namespace {

constexpr const char* usage = R"(Usage: fahras-web --db PATH [options]

An HTTP search service over a fahras database, with a search page at /.

Options:
  --db PATH             the database to serve (required)
  --host HOST           address to listen on (default 127.0.0.1: this machine only)
  --port N              port (default 8080; 0: any free port, printed on standard error)
  --threads N           connections served at once (default 64); searches run at most
                        two per core at a time, each with its own searcher
  --time-limit-ms MS    budget of a search's matching and counting, and the most a
                        request's time_limit_ms may ask (default 10000; 0: none)
  -h, --help            this help
  --version             the version

Endpoints: GET /search?q=…  /article/{id}  /related?id=…  /suggest?q=…  /info  /health  / (the page).
Examples:
  fahras-web --db news.db
  fahras-web --db news.db --port 9000 --threads 16
  curl 'http://127.0.0.1:8080/search?q=%D8%A3%D9%88%D8%A8%D9%83&limit=5'

Exit status: 0 stopped by SIGTERM or SIGINT; 2 bad arguments, a database that cannot be
opened, an address that cannot be listened on.
)";

struct Options {
  std::string db;
  std::string host = "127.0.0.1";
  int port = 8080;
  int threads = 64;
  double time_limit_ms = 10000;
};

class UsageError : public std::runtime_error {
public:
  using std::runtime_error::runtime_error;
};

long whole_number(const std::string& option, const std::string& value, long least, long most) {
  if (value.empty() || value.size() > 9 ||
      !std::all_of(value.begin(), value.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    throw UsageError(option + " takes a whole number from " + std::to_string(least) + " to " + std::to_string(most) +
                     ", not '" + value + "'");
  }
  const long n = std::stol(value);
  if (n < least || n > most) {
    throw UsageError(option + " takes a whole number from " + std::to_string(least) + " to " + std::to_string(most) +
                     ", not '" + value + "'");
  }
  return n;
}

/** The options; nullopt when --help or --version was answered. */
std::optional<Options> parse_options(int argc, char** argv) {
  Options options;
  bool have_db = false;
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    if (arg == "-h" || arg == "--help") {
      std::cout << usage;
      return std::nullopt;
    }
    if (arg == "--version") {
      std::cout << fahras::version_line("fahras-web") << "\n";
      return std::nullopt;
    }
    std::string value;
    bool inline_value = false;
    if (const auto eq = arg.find('='); arg.starts_with("--") && eq != std::string::npos) {
      value = arg.substr(eq + 1);
      arg.resize(eq);
      inline_value = true;
    }
    const auto take = [&]() -> std::string {
      if (inline_value) return value;
      if (i + 1 >= argc) throw UsageError(arg + " needs a value");
      return argv[++i];
    };
    if (arg == "--db") {
      options.db = take();
      if (options.db.empty()) throw UsageError("--db needs a path");
      have_db = true;
    } else if (arg == "--host") {
      options.host = take();
      if (options.host.empty()) throw UsageError("--host needs an address");
    } else if (arg == "--port") {
      options.port = static_cast<int>(whole_number(arg, take(), 0, 65535));
    } else if (arg == "--threads") {
      options.threads = static_cast<int>(whole_number(arg, take(), 1, 1024));
    } else if (arg == "--time-limit-ms") {
      options.time_limit_ms = static_cast<double>(whole_number(arg, take(), 0, 3600000));
    } else if (arg.starts_with("-")) {
      throw UsageError("unknown option '" + arg + "' (see --help)");
    } else {
      throw UsageError("unexpected argument '" + arg + "' (see --help)");
    }
  }
  if (!have_db) throw UsageError("--db PATH is required (see --help)");
  return options;
}

/** SIGTERM and SIGINT, blocked in every thread and taken by one watcher with sigwait(): no
 *  code runs in a signal handler. */
sigset_t stop_signals() {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGTERM);
  sigaddset(&set, SIGINT);
  return set;
}

}  // namespace

int main(int argc, char** argv) {
  std::optional<Options> options;
  try {
    options = parse_options(argc, argv);
  } catch (const UsageError& e) {
    std::cerr << "fahras-web: " << e.what() << "\n";
    return 2;
  }
  if (!options) return 0;

  // Before any thread starts, so that all of them inherit the mask.
  const sigset_t signals = stop_signals();
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);
  std::signal(SIGPIPE, SIG_IGN);

  std::optional<fahras::web::Backend> backend;
  try {
    // Searches are CPU work: more at once than two per core only queue inside Xapian, and
    // each searcher holds open files. HTTP threads wait for one in SearcherPool::acquire().
    const std::size_t cores = std::max(1U, std::thread::hardware_concurrency());
    backend.emplace(options->db, std::min<std::size_t>(static_cast<std::size_t>(options->threads), 2 * cores));
  } catch (const fahras::QueryError& e) {
    std::cerr << "fahras-web: " << e.what() << "\n";
    return 2;
  }

  httplib::Server server;
  const int threads = options->threads;
  server.new_task_queue = [threads] { return new httplib::ThreadPool(static_cast<std::size_t>(threads)); };
  server.set_keep_alive_timeout(2);
  // An answer goes out in two writes (headers, body): with Nagle's algorithm the second waits for
  // the client's delayed ACK, about 40 ms a request (measured: p50 48 ms at 4 connections).
  server.set_tcp_nodelay(true);
  server.set_read_timeout(10);
  server.set_write_timeout(10);
  server.set_payload_max_length(64 * 1024);
  // SO_REUSEADDR (a restart need not wait for old connections to time out) but not httplib's
  // default SO_REUSEPORT, with which a second server would share the port instead of failing.
  server.set_socket_options([](int socket) {
    const int yes = 1;
    setsockopt(socket, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
  });
  fahras::web::install_routes(server, *backend, fahras::web::ServerSettings{options->time_limit_ms});

  const int port = options->port == 0 ? server.bind_to_any_port(options->host)
                                      : (server.bind_to_port(options->host, options->port) ? options->port : -1);
  if (port < 0) {
    std::cerr << "fahras-web: cannot listen on " << options->host << ":" << options->port << "\n";
    return 2;
  }
  std::cerr << "fahras-web: listening on http://" << options->host << ":" << port << "/ with " << threads
            << " threads" << std::endl;

  std::atomic<bool> done{false};
  std::thread watcher([&] {
    int signal = 0;
    sigwait(&signals, &signal);
    if (done) return;  // woken by main after listen ended on its own
    std::cerr << "fahras-web: stopping (" << (signal == SIGINT ? "SIGINT" : "SIGTERM")
              << "), finishing the requests in flight" << std::endl;
    while (!server.is_running() && !done) std::this_thread::sleep_for(std::chrono::milliseconds(5));
    server.stop();
  });

  const bool listened = server.listen_after_bind();
  done = true;
  pthread_kill(watcher.native_handle(), SIGTERM);
  watcher.join();
  if (!listened) {
    std::cerr << "fahras-web: the server stopped on an error\n";
    return 2;
  }
  std::cerr << "fahras-web: stopped" << std::endl;
  return 0;
}
