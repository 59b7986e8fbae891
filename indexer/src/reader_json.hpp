// JSON readers: JSON Lines, and JSON arrays or sequences of objects streamed one object at a time.
#pragma once

#include "reader_common.hpp"
#include "reader_io.hpp"

#include <cstddef>
#include <string>
#include <string_view>

namespace fahras::indexer::reader {

/** One object per line; blank lines are skipped, a bad line is reported and skipped. */
void read_json_lines(BufferedInput& input, const ReadContext& context);

/**
 * Top-level JSON values read one at a time, never the whole input: with `array`, the elements
 * of a JSON array (input at its '['; several arrays one after another are read too); without,
 * objects one after another, e.g. one pretty-printed object. Each object is found by a scanner
 * that tracks strings and nesting, then parsed alone, so a malformed object is reported and
 * reading resumes after it. A raw line break inside a string ends the string for the scanner
 * (JSON strings cannot hold one), which keeps a cut-off string from swallowing what follows.
 */
void read_json_values(BufferedInput& input, const ReadContext& context, bool array);

/** For input starting with '{': true when the object closes on its first line (or that line
 *  is malformed), i.e. the input looks like JSON Lines rather than pretty-printed JSON. */
bool first_line_closes_object(std::string_view window);

/** Parses one JSON object (`text`, which starts at `start`) and emits its fields as record
 *  number `record`, or reports why it could not. Repairs ill-formed UTF-8 and unpaired
 *  \u surrogate escapes first, with a warning. */
void parse_record(std::string& text, Position start, std::size_t record, const ReadContext& context);

/** Why `value`, a JSON value that does not start with '{', is no record:
 *  "not a JSON object (found an array)", or "not JSON" when it does not parse. */
std::string not_an_object(std::string_view value);

}  // namespace fahras::indexer::reader
