// Helpers shared by the unit tests: reading the TSV tables and the sample files.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace fahras::test {

/** Rows of a TSV file under tests/data, '#' comment lines and the header row skipped.
 *  \uXXXX escapes in fields are decoded. */
std::vector<std::vector<std::string>> read_tsv(const std::string& name);

/** Decodes \uXXXX escapes to UTF-8. */
std::string unescape(const std::string& field);

/** The whole content of a file. */
std::string read_file(const std::filesystem::path& path);

/** The samples/ folder of the source tree. */
std::filesystem::path samples_dir();

/** Every text of the samples: each JSON title and content, and each .txt file. */
std::vector<std::string> sample_texts();

}  // namespace fahras::test
