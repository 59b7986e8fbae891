// What two databases must agree on, for comparing builds of the same input.
#pragma once

#include <cstddef>
#include <map>
#include <string>
#include <vector>

namespace fahras::test {

/** Every document: id term → its data, every term with wdf and positions, every value. */
std::map<std::string, std::string> document_snapshot(const std::string& db_path);

/** How many id terms the database holds; CHECKs that each is held by one document only. */
std::size_t count_id_terms(const std::string& db_path);

/** The spelling dictionary and the metadata, as "word:frequency" and "key=value". */
std::vector<std::string> spellings_and_metadata(const std::string& db_path);

/** Waits until the database at `db_path` holds at least `documents` documents, or 30 s have
 *  passed (the caller checks what it finds then). */
void wait_for_documents(const std::string& db_path, std::size_t documents);

}  // namespace fahras::test
