// The input readers of fahras-index: files, directories and standard input holding JSON
// Lines, JSON arrays, plain text, and ZIP or compressed files of these.
#pragma once

#include "raw_record.hpp"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace fahras::indexer {

struct ReadOptions {
  /** .txt: the first non-empty line is the title (field "title"), the rest the content. */
  bool txt_title = false;
  /** A single record (JSON object, JSON line or text file) larger than this is reported and
   *  skipped, never loaded whole. */
  std::size_t max_record_bytes = std::size_t{64} << 20;
  /** When set, the bytes read from input files (compressed as stored) are added to it: with
   *  input_file_bytes, how far through its input a run is. */
  std::uint64_t* file_bytes_read = nullptr;
};

/**
 * Reads INPUT — a file path, a directory (recursed, files in sorted path order, hidden files
 * and folders skipped, and files without a dump's extension — .json .jsonl .ndjson .txt .zip
 * .gz .tgz .tar .bz2 .xz .zst — skipped with a warning) or "-" for standard input — and calls sink.record() for every record
 * and sink.diagnostic() for every problem, in input order.
 *
 * The format is sniffed from the content (magic bytes, first non-space byte): ZIP, tar,
 * gzip/bzip2/xz/zstd (decompressed and sniffed again), a JSON array of objects, JSON Lines,
 * pretty-printed JSON objects one after another, plain text. The name breaks ties: a .jsonl or
 * .ndjson file is always JSON Lines, a .txt file always text (unless compressed or archived),
 * a .json file that is not JSON an error. Memory stays bounded: input is streamed in 1 MiB
 * chunks and at most one record is held.
 *
 * Never throws for bad content or unreadable files: those become diagnostics (an unreadable
 * file or directory is a Severity::Error) and reading goes on with the rest. Exceptions thrown
 * by the sink pass through unchanged.
 */
void read_input(const std::string& input, const ReadOptions& options, RecordSink& sink);

/** The size of the files read_input reads for `inputs` (directories walked by the same rules),
 *  or nothing when one of them is standard input. Unreadable entries count as empty. */
std::optional<std::uint64_t> input_file_bytes(const std::vector<std::string>& inputs);

}  // namespace fahras::indexer
