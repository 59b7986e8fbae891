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

# Fuzzing: coverage instrumentation for every target; the fuzz targets link libFuzzer's main.
if(FAHRAS_BUILD_FUZZERS)
  target_compile_options(fahras_standard_settings INTERFACE -fsanitize=fuzzer-no-link)
  target_link_options(fahras_standard_settings INTERFACE -fsanitize=fuzzer-no-link)
endif()
