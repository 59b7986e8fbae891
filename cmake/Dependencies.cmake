# Every dependency comes from Debian bookworm's packages (scripts/setup installs them).

find_package(PkgConfig REQUIRED)
find_package(ICU 72 REQUIRED COMPONENTS uc i18n)
find_package(fmt REQUIRED)

# Xapian 1.4's CMake config only sets variables: wrap them in one imported target.
find_package(xapian REQUIRED)
if(NOT TARGET fahras::xapian)
  add_library(fahras::xapian INTERFACE IMPORTED)
  set_target_properties(fahras::xapian PROPERTIES
    INTERFACE_INCLUDE_DIRECTORIES "${XAPIAN_INCLUDE_DIR}"
    INTERFACE_LINK_LIBRARIES "${XAPIAN_LIBRARIES}")
endif()

find_package(nlohmann_json 3 REQUIRED)
find_package(simdjson 3 REQUIRED)  # reading stored document data: On-Demand, only the fields a hit needs
find_package(Boost 1.74 REQUIRED COMPONENTS program_options)

# tcmalloc for fahras's programs (FAHRAS_TCMALLOC; the sanitizers bring their own allocator).
# The indexer's writer and analysis threads allocate a great many small strings and map nodes,
# often freed on another thread: about 13% less time and 20-35% less peak memory than glibc's
# allocator. A search allocates the strings of its hits and snippets: 5-8% less time per query
# (bench/query_latency on the crawl). The libraries leave the allocator to the program.
function(fahras_link_tcmalloc target)
  if(FAHRAS_TCMALLOC AND NOT FAHRAS_SANITIZE AND NOT FAHRAS_TSAN)
    pkg_check_modules(TCMALLOC REQUIRED IMPORTED_TARGET libtcmalloc_minimal)
    target_link_libraries(${target} PRIVATE "-Wl,--push-state,--no-as-needed" PkgConfig::TCMALLOC "-Wl,--pop-state")
  endif()
endfunction()
