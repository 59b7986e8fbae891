# Warnings and sanitizer flags shared by every fahras target, as INTERFACE targets.

add_library(fahras_standard_settings INTERFACE)
add_library(fahras::standard_settings ALIAS fahras_standard_settings)
target_compile_options(fahras_standard_settings INTERFACE
  -Wall -Wextra -Wpedantic -Wshadow -Wconversion -Wno-sign-conversion
  $<$<BOOL:${FAHRAS_WERROR}>:-Werror>)

if(FAHRAS_SANITIZE)
  target_compile_options(fahras_standard_settings INTERFACE
    -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined)
  target_link_options(fahras_standard_settings INTERFACE -fsanitize=address,undefined)
endif()

# ThreadSanitizer, for the thread tests (ctest -L threads); not with ASan/UBSan.
option(FAHRAS_TSAN "Build everything with -fsanitize=thread" OFF)
if(FAHRAS_TSAN)
  if(FAHRAS_SANITIZE)
    message(FATAL_ERROR "FAHRAS_TSAN and FAHRAS_SANITIZE exclude each other: one sanitizer runtime per build")
  endif()
  target_compile_options(fahras_standard_settings INTERFACE -fsanitize=thread -fno-omit-frame-pointer)
  target_link_options(fahras_standard_settings INTERFACE -fsanitize=thread)
endif()

# Fuzzing: coverage instrumentation for every target; the fuzz targets link libFuzzer's main.
if(FAHRAS_BUILD_FUZZERS)
  target_compile_options(fahras_standard_settings INTERFACE -fsanitize=fuzzer-no-link)
  target_link_options(fahras_standard_settings INTERFACE -fsanitize=fuzzer-no-link)
endif()
