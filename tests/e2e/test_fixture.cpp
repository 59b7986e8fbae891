// The end-to-end fixture itself: a child killed by a signal, or ended by a sanitizer report, is
// told apart from the programs' own exit codes 0..3 and fails the test that ran it.
#include "process.hpp"

#include <doctest/doctest.h>

#include <cstdlib>
#include <string>

namespace {

using fahras::test::Crash;
using fahras::test::Result;
using fahras::test::run_command;
using fahras::test::sanitizer_exit_code;

}  // namespace

TEST_SUITE("e2e fixture") {
  TEST_CASE("exit codes as given; a signal is 128 + N, never one of the programs' codes") {
    for (const int code : {0, 1, 2, 3}) {
      const Result r = run_command("exit " + std::to_string(code));
      CHECK(r.exit_code == code);
      CHECK(r.signal == 0);
    }
    const Result killed = run_command("kill -KILL $$", Crash::expected);  // the shell itself
    CHECK(killed.signal == 9);
    CHECK(killed.exit_code == 128 + 9);
    // A shell that outlives its command reports the signal as 128 + N.
    const Result reported = run_command("{ sh -c 'kill -TERM $$'; } 2>/dev/null; exit $?", Crash::expected);
    CHECK(reported.signal == 15);
    CHECK(reported.exit_code == 128 + 15);
    CHECK(sanitizer_exit_code > 3);
    CHECK(sanitizer_exit_code < 126);  // not the shell's own codes, nor a signal
    CHECK(sanitizer_exit_code != 77);  // ctest's "skipped"
  }

  TEST_CASE("a child killed by a signal fails the test" * doctest::should_fail()) {
    run_command("kill -KILL $$");
  }

  TEST_CASE("a child ending with the sanitizers' exit code fails the test" * doctest::should_fail()) {
    run_command("echo 'ERROR: AddressSanitizer: stand-in report' && exit " + std::to_string(sanitizer_exit_code));
  }

#ifdef FAHRAS_SANITIZER_CANARY_BIN
  TEST_CASE("each sanitizer's report ends a child with the sanitizers' exit code, not 1") {
    const std::string canary = FAHRAS_SANITIZER_CANARY_BIN;
    CHECK(run_command(canary).out == "fine\n");
    struct Bug {
      std::string mode;
      std::string report;
    };
    for (const Bug& bug : {Bug{"heap-overflow", "AddressSanitizer: heap-buffer-overflow"},
                           Bug{"leak", "LeakSanitizer: detected memory leaks"},
                           Bug{"int-overflow", "runtime error: signed integer overflow"}}) {
      const Result r = run_command(canary + " " + bug.mode + " 2>&1", Crash::expected);
      INFO(bug.mode, ": ", r.out);
      CHECK(r.exit_code == sanitizer_exit_code);
      CHECK(r.signal == 0);
      CHECK(r.out.find(bug.report) != std::string::npos);
    }
  }

  TEST_CASE("a child's heap overflow fails the test" * doctest::should_fail()) {
    run_command(std::string(FAHRAS_SANITIZER_CANARY_BIN) + " heap-overflow 2>&1");
  }

  TEST_CASE("FAHRAS_TEST_CANARY=1: a child's heap overflow fails this test, and so the suite") {
    const char* canary = std::getenv("FAHRAS_TEST_CANARY");
    if (canary != nullptr && std::string(canary) == "1") {
      MESSAGE("FAHRAS_TEST_CANARY=1: this test must fail");
      run_command(std::string(FAHRAS_SANITIZER_CANARY_BIN) + " heap-overflow 2>&1");
    }
  }
#endif
}
