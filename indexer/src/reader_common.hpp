// What the readers share: where they report to, positions in the text, UTF-8 repair.
#pragma once

#include "plural.hpp"
#include "raw_record.hpp"
#include "readers.hpp"

#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace fahras::indexer::reader {

using Fields = std::vector<std::pair<std::string, std::string>>;

/** A 1-based line and column; columns count code points (an ill-formed byte counts as one). */
struct Position {
  std::size_t line = 1;
  std::size_t column = 1;
};

/** The position of byte `offset` of `text`, when the text starts at `start`. */
Position locate(std::string_view text, std::size_t offset, Position start);

/** What is being read (file and archive member) and where records and problems go. */
struct ReadContext {
  const ReadOptions& options;
  RecordSink& sink;
  Origin origin;    ///< file and member; line and record stay 0 here
  int nesting = 0;  ///< archives and compressed streams entered to get here

  /** Reports a problem at `where` (line 0: unknown) of record `record` (0: none). */
  void report(Severity severity, std::string message, Position where = {0, 0}, std::size_t record = 0) const;
  /** Reports `count` ill-formed UTF-8 sequences replaced by U+FFFD (a warning). */
  void report_repaired(std::size_t count, Position where, std::size_t record) const;
  /** Hands one record, starting on `line`, to the sink. */
  void emit(Fields fields, std::size_t line, std::size_t record) const;
};

/** Replaces each ill-formed UTF-8 sequence of `text` by U+FFFD; returns how many there were
 *  and sets `first` to the byte offset of the first one (unchanged when none). */
std::size_t repair_utf8(std::string& text, std::size_t& first);

using fahras::count_of;  // "1 invalid UTF-8 sequence", "3 invalid UTF-8 sequences"

/** "64 MiB", "1000 bytes". */
std::string size_text(std::size_t bytes);

/** JSON's whitespace: space, tab, line feed, carriage return. */
constexpr bool is_json_space(int c) noexcept { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

}  // namespace fahras::indexer::reader
