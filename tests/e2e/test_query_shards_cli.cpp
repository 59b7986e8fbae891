// fahras-query over shard sets: a set folder, several --db, a stub of remote shards served by
// xapian-tcpsrv give the combined database's hits; a server gone: exit 2 and one line naming
// it, or with --allow-partial exit 0 and a warning; a bad stub line names file:line.
#include "../shard_split.hpp"
#include "../tcp_server.hpp"
#include "process.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace {

using fahras::test::Result;
using fahras::test::run_command;
using fahras::test::sample_db;
using fahras::test::shell_quote;
using fahras::test::TempDir;

/** fahras-query with `arguments`; standard error into `err`. */
Result query(const std::string& arguments, const std::string& err) {
  return run_command(std::string(FAHRAS_QUERY_BIN) + " " + arguments + " 2>" + shell_quote(err));
}

std::string read(const std::string& path) {
  std::ifstream in(path);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

std::vector<std::string> ids(const std::string& json) {
  std::vector<std::string> out;
  const nlohmann::json response = nlohmann::json::parse(json);  // kept alive: the loop reads into it
  for (const auto& hit : response["hits"]) out.push_back(hit["id"]);
  return out;
}

}  // namespace

TEST_SUITE("e2e fahras-query shards") {
  TEST_CASE("a shard set, several --db and remote shards find the combined database's hits; a server gone is exit 2 "
            "naming it, or with --allow-partial exit 0 and a warning") {
    REQUIRE_MESSAGE(fahras::test::have_tcp_server(), "xapian-tcpsrv is missing: apt-get install xapian-tools");
    const TempDir dir;
    const std::string set = dir / "set";
    REQUIRE(fahras::test::split_database(sample_db(), set, "hash:2") == 2);
    const std::string err = dir / "err";
    const std::string words = shell_quote("الميزانية") + " " + shell_quote("ريال");
    const Result whole = query("--db " + sample_db() + " --json --limit 20 " + words, err);
    REQUIRE(whole.exit_code == 0);
    const Result by_set = query("--db " + set + " --json --limit 20 " + words, err);
    CHECK(by_set.exit_code == 0);
    CHECK(ids(by_set.out) == ids(whole.out));
    CHECK(nlohmann::json::parse(by_set.out)["total"] == nlohmann::json::parse(whole.out)["total"]);
    const Result several = query("--db " + set + "/hash-1-of-2 --db " + set + "/hash-0-of-2 --json --limit 20 " + words, err);
    CHECK(several.exit_code == 0);
    CHECK(ids(several.out) == ids(whole.out));
    CHECK(read(err).empty());

    fahras::test::TcpServer first(set + "/hash-0-of-2");
    fahras::test::TcpServer second(set + "/hash-1-of-2");
    const std::string stub = dir / "remote.stub";
    std::ofstream(stub) << "# two servers\n" << first.stub_line() << second.stub_line();
    const std::string timeouts = " --remote-timeout 5000 --connect-timeout 5000";
    const Result remote = query("--db " + stub + timeouts + " --json --limit 20 " + words, err);
    CHECK(remote.exit_code == 0);
    CHECK(ids(remote.out) == ids(whole.out));
    CHECK(read(err).empty());

    const std::string gone = "127.0.0.1:" + std::to_string(second.port());
    second.stop();
    const Result failed = query("--db " + stub + timeouts + " " + words, err);
    CHECK(failed.exit_code == 2);
    CHECK(failed.out.empty());
    const std::string message = read(err);
    CHECK(message.rfind("fahras-query: cannot reach the shard " + gone + ": ", 0) == 0);
    CHECK(std::count(message.begin(), message.end(), '\n') == 1);

    const Result partial = query("--db " + stub + timeouts + " --allow-partial --json --limit 20 " + words, err);
    CHECK(partial.exit_code == 0);
    const std::string warning = read(err);
    CHECK(warning.rfind("fahras-query: warning: shard " + gone + " left out: ", 0) == 0);
    CHECK(std::count(warning.begin(), warning.end(), '\n') == 1);
    const auto json = nlohmann::json::parse(partial.out);
    REQUIRE(json["warnings"].size() == 1);
    const Result from_first = query("--db " + set + "/hash-0-of-2 --json --limit 20 " + words, err);
    CHECK(ids(partial.out) == ids(from_first.out));
  }

  TEST_CASE("a bad stub line, a bad timeout: exit 2 and one line naming them") {
    const TempDir dir;
    const std::string stub = dir / "bad.stub";
    const std::string err = dir / "err";
    std::ofstream(stub) << "# shards\nremote tcp localhost\n";
    const Result bad = query("--db " + stub + " " + shell_quote("أمطار"), err);
    CHECK(bad.exit_code == 2);
    CHECK(read(err) == "fahras-query: " + stub + ":2: 'remote tcp localhost': expected 'remote tcp HOST PORT'\n");
    const Result timeout = query("--db " + sample_db() + " --remote-timeout soon " + shell_quote("أمطار"), err);
    CHECK(timeout.exit_code == 2);
    CHECK(read(err) == "fahras-query: --remote-timeout takes a whole number, 0 or more, not 'soon'\n");
  }
}
