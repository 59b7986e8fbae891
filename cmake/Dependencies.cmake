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
