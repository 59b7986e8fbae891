// A stand-in for a fahras program with a bug, built only with the sanitizers, so that the
// end-to-end tests can show a sanitizer report failing a test. "heap-overflow" reads past a heap
// buffer (AddressSanitizer), "leak" loses memory (LeakSanitizer), "int-overflow" overflows a
// signed int (UndefinedBehaviorSanitizer); with no argument it prints "fine" and exits 0.
#include <climits>
#include <cstdio>
#include <cstdlib>
#include <string_view>

int main(int argc, char** argv) {
  const std::string_view what = argc > 1 ? argv[1] : "";
  if (what == "heap-overflow") {
    char* buffer = new char[8]();
    volatile char past_the_end = buffer[6 + argc];  // argc is 2: buffer[8]
    std::printf("%d\n", past_the_end);
    delete[] buffer;
  } else if (what == "leak") {
    void* volatile lost = std::malloc(64);
    std::printf("%p\n", lost);
    lost = nullptr;
  } else if (what == "int-overflow") {
    volatile int big = INT_MAX - 2 + argc;  // INT_MAX
    std::printf("%d\n", big + 1);
  } else {
    std::printf("fine\n");
  }
  return 0;
}
