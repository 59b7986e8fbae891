// --version of every program: one line on standard output, exit status 0.
#include "process.hpp"

#include <doctest/doctest.h>

#include <regex>
#include <string>

namespace {

// "PROGRAM 0.2.0 (Xapian 1.4.22, ICU 72.1, analysis fahras-analysis/2)" and nothing else, not
// even on standard error (2>&1).
void check_version(const std::string& program, const std::string& binary) {
  CAPTURE(program);
  const fahras::test::Result r = fahras::test::run_command(binary + " --version 2>&1");
  CHECK(r.exit_code == 0);
  std::string version = FAHRAS_VERSION;
  version = std::regex_replace(version, std::regex("\\."), "\\.");
  const std::regex line(
      program + " " + version +
      R"( \(Xapian 1\.4\.[0-9]+, ICU [0-9]+\.[0-9]+(\.[0-9]+)?, analysis fahras-analysis/[0-9]+\)\n)");
  CAPTURE(r.out);
  CHECK(std::regex_match(r.out, line));
}

}  // namespace

TEST_SUITE("e2e --version") {
  TEST_CASE("fahras-index --version") { check_version("fahras-index", FAHRAS_INDEX_BIN); }
  TEST_CASE("fahras-query --version") { check_version("fahras-query", FAHRAS_QUERY_BIN); }
  TEST_CASE("fahras-analyze --version") { check_version("fahras-analyze", FAHRAS_ANALYZE_BIN); }
  TEST_CASE("fahras-tag --version") { check_version("fahras-tag", FAHRAS_TAG_BIN); }
}
