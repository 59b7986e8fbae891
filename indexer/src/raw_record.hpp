// What a reader hands on: one record as it stood in the input, with where it came from.
#pragma once

#include <cstddef>
#include <string>
#include <utility>
#include <vector>

namespace fahras::indexer {

/** Where a record or a problem is: FILE[:MEMBER]:LINE (record N). */
struct Origin {
  std::string file;     ///< the path as given on the command line ("-" for standard input)
  std::string member;   ///< the member inside an archive (zip), empty otherwise
  std::size_t line = 0;    ///< 1-based line where the record starts (0: unknown)
  std::size_t record = 0;  ///< 1-based record number within the file or member
};

/** "2015-07-21.zip:2015-07-21.json:1832" (member and line only when known). */
std::string to_string(const Origin& origin);

/** One input record: a JSON object's fields, or a plain text file's content. */
struct RawRecord {
  Origin origin;
  /** String-valued top-level fields of a JSON object, in input order (numbers and booleans
   *  as their JSON text; null, arrays and objects left out). For a .txt file: {"content", text},
   *  and {"title", first non-empty line} when asked to. */
  std::vector<std::pair<std::string, std::string>> fields;
};

enum class Severity { Warning, Error };

/** A problem met while reading, reported in compiler style by the caller. */
struct Diagnostic {
  Origin origin;
  std::size_t column = 0;  ///< 1-based, 0 when unknown
  Severity severity = Severity::Warning;
  std::string message;     ///< e.g. "malformed JSON: unterminated string, record skipped"
  std::size_t repaired_utf8 = 0;  ///< ill-formed UTF-8 sequences the reader replaced by U+FFFD
};

/** Receives what a reader finds. */
class RecordSink {
public:
  virtual ~RecordSink() = default;
  virtual void record(RawRecord&& record) = 0;
  virtual void diagnostic(Diagnostic&& diagnostic) = 0;
};

}  // namespace fahras::indexer
