// read_input: paths, directories and standard input; sniffing the format; archives; plain text.
#include "readers.hpp"

#include "reader_archive.hpp"
#include "reader_common.hpp"
#include "reader_io.hpp"
#include "reader_json.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <filesystem>
#include <set>
#include <string_view>
#include <system_error>
#include <vector>

namespace fahras::indexer {
namespace {

namespace fs = std::filesystem;
using reader::ArchiveReader;
using reader::BufferedInput;
using reader::ReadContext;
using reader::ReadError;

/** Archives inside archives (a .gz in a .zip, a .tar in a .gz) are read this deep. */
constexpr int max_nesting = 4;

enum class Format { Empty, Container, Compressed, JsonArray, JsonObjects, JsonLines, NotJson, Text };

bool ends_with_ci(std::string_view text, std::string_view suffix) {
  if (text.size() < suffix.size()) return false;
  return std::equal(suffix.begin(), suffix.end(), text.end() - static_cast<std::ptrdiff_t>(suffix.size()),
                    [](char a, char b) {
                      return std::tolower(static_cast<unsigned char>(a)) == std::tolower(static_cast<unsigned char>(b));
                    });
}

bool named_json_lines(std::string_view name) { return ends_with_ci(name, ".jsonl") || ends_with_ci(name, ".ndjson"); }

/** "x.jsonl.gz" -> "x.jsonl": the name the decompressed content goes by. */
std::string without_compression_suffix(std::string_view name) {
  for (const std::string_view suffix : {".gz", ".bz2", ".xz", ".zst", ".zstd"}) {
    if (ends_with_ci(name, suffix)) return std::string(name.substr(0, name.size() - suffix.size()));
  }
  return std::string(name);
}

bool is_container(std::string_view head) {
  const bool zip = head.starts_with(std::string_view("PK\x03\x04", 4)) ||
                   head.starts_with(std::string_view("PK\x05\x06", 4)) ||  // an empty ZIP
                   head.starts_with(std::string_view("PK\x07\x08", 4));    // a spanned ZIP's marker
  const bool tar = head.size() >= 262 && head.substr(257, 5) == "ustar";
  return zip || tar;
}

bool is_compressed(std::string_view head) {
  const bool gzip = head.starts_with("\x1F\x8B");
  const bool bzip2 = head.size() >= 10 && head.starts_with("BZh") && head[3] >= '1' && head[3] <= '9' &&
                     (head.substr(4, 6) == "1AY&SY" || head.substr(4, 6) == "\x17\x72\x45\x38\x50\x90");
  const bool xz = head.starts_with(std::string_view("\xFD\x37zXZ\x00", 6));
  const bool zstd = head.starts_with("\x28\xB5\x2F\xFD");
  return gzip || bzip2 || xz || zstd;
}

/** The format of what `input` holds, from its first bytes (looking up to one chunk ahead,
 *  consuming nothing); the name only breaks ties. */
Format sniff(BufferedInput& input, std::string_view name) {
  input.ensure(reader::chunk_size);
  const std::string_view head = input.window();
  if (is_container(head)) return Format::Container;
  if (is_compressed(head)) return Format::Compressed;
  const std::size_t first = head.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) return head.size() < reader::chunk_size ? Format::Empty : Format::Text;
  // A JSON Lines file may open with a line that is not an object (a log line "[...] WARN"),
  // and a story may open with "[Reuters]".
  if (named_json_lines(name)) return Format::JsonLines;
  if (ends_with_ci(name, ".txt")) return Format::Text;
  if (head[first] == '[') return Format::JsonArray;
  if (head[first] == '{') {
    return reader::first_line_closes_object(head.substr(first)) ? Format::JsonLines : Format::JsonObjects;
  }
  return ends_with_ci(name, ".json") ? Format::NotJson : Format::Text;
}

std::string_view trim(std::string_view text) {
  constexpr std::string_view space = " \t\r\n\f\v";
  const std::size_t begin = text.find_first_not_of(space);
  if (begin == std::string_view::npos) return {};
  return text.substr(begin, text.find_last_not_of(space) - begin + 1);
}

/** {"title", first non-empty line}, {"content", the rest from its first non-blank line}. */
reader::Fields title_and_content(std::string_view text) {
  std::string_view title;
  std::size_t at = 0;
  bool found = false;
  while (at < text.size()) {
    const std::size_t end = std::min(text.find('\n', at), text.size());
    const std::string_view line = trim(text.substr(at, end - at));
    if (!found && !line.empty()) {
      title = line;
      found = true;
    } else if (found && !line.empty()) {
      break;  // `at` is the start of the body
    }
    at = end + 1;
  }
  const std::string_view content = at < text.size() ? text.substr(at) : std::string_view();
  return {{"title", std::string(title)}, {"content", std::string(content)}};
}

/** A whole text file (or member) as one record. */
void read_text(BufferedInput& input, const ReadContext& context) {
  const std::size_t limit = context.options.max_record_bytes;
  std::string text;
  for (std::string_view block = input.next_block(); !block.empty(); block = input.next_block()) {
    if (block.size() > limit - text.size()) {
      context.report(Severity::Error, fmt::format("text larger than {}; skipped", reader::size_text(limit)), {0, 0}, 1);
      return;
    }
    text.append(block);
  }
  if (trim(text).empty()) {  // only whitespace, more than the sniffer looked at
    context.report(Severity::Warning, "empty file; skipped");
    return;
  }
  if (text.find('\0') != std::string::npos) {
    context.report(Severity::Error, "binary content (NUL bytes), not text; skipped");
    return;
  }
  const std::size_t size = text.size();
  std::size_t first = 0;
  if (const std::size_t invalid = reader::repair_utf8(text, first); invalid != 0) {
    const std::string what = reader::count_of(invalid, "invalid UTF-8 sequence", "invalid UTF-8 sequences");
    if (invalid * 8 > size) {  // more than one byte in eight: another encoding, or binary
      context.report(Severity::Error,
                     fmt::format("not UTF-8 text ({} in {}); skipped", what, reader::size_text(size)));
      return;
    }
    context.report_repaired(invalid, reader::locate(text, first, {1, 1}), 1);
  }
  if (context.options.txt_title) {
    context.emit(title_and_content(text), 1, 1);
  } else {
    context.emit({{"content", std::move(text)}}, 1, 1);
  }
}

void read_stream(BufferedInput& input, const std::string& name, const ReadContext& context);

/** Member names that are skipped like hidden files: ".x", "dir/.x", "__MACOSX/...". */
bool is_hidden_member(std::string_view name) {
  if (name.starts_with("__MACOSX/")) return true;
  for (std::size_t at = 0; at < name.size();) {
    const std::size_t end = std::min(name.find('/', at), name.size());
    const std::string_view part = name.substr(at, end - at);
    if (part.starts_with('.') && part != "." && part != "..") return true;
    at = end + 1;
  }
  return false;
}

/** Each member of an archive, or the decompressed content of a compressed stream. */
void read_archive(BufferedInput& input, ArchiveReader::Kind kind, const std::string& name, const ReadContext& context) {
  if (context.nesting >= max_nesting) {
    context.report(Severity::Error, fmt::format("archives nested more than {} deep; skipped", max_nesting));
    return;
  }
  ArchiveReader archive(input, kind);
  ArchiveReader::Entry entry;
  std::size_t members = 0;
  while (archive.next(entry)) {
    ReadContext inner = context;
    ++inner.nesting;
    std::string inner_name = without_compression_suffix(name);
    if (!entry.raw) {
      if (!entry.regular || is_hidden_member(entry.name)) continue;
      inner.origin.member = context.origin.member.empty() ? entry.name : context.origin.member + ":" + entry.name;
      inner_name = entry.name;
    }
    ++members;
    if (entry.encrypted) {
      inner.report(Severity::Error, "encrypted member; skipped");
      continue;
    }
    try {
      BufferedInput data(archive.data());
      read_stream(data, inner_name, inner);
    } catch (const ReadError& error) {
      inner.report(Severity::Error, error.what());
      return;  // libarchive cannot go on after damaged data
    }
  }
  if (members == 0) {
    context.report(Severity::Warning, kind == ArchiveReader::Kind::Container
                                          ? "archive without members; nothing read"
                                          : "empty after decompression; nothing read");
  }
}

/** Sniffs what `input` holds and reads it. `name` (file or member name) breaks ties. */
void read_stream(BufferedInput& input, const std::string& name, const ReadContext& context) {
  constexpr std::string_view bom = "\xEF\xBB\xBF";
  if (input.ensure(bom.size()) && input.window().starts_with(bom)) input.consume(bom.size());
  switch (sniff(input, name)) {
    case Format::Empty:
      context.report(Severity::Warning,
                     context.origin.member.empty() ? "empty file; skipped" : "empty member; skipped");
      break;
    case Format::Container: read_archive(input, ArchiveReader::Kind::Container, name, context); break;
    case Format::Compressed: read_archive(input, ArchiveReader::Kind::Compressed, name, context); break;
    case Format::JsonArray: reader::read_json_values(input, context, true); break;
    case Format::JsonObjects: reader::read_json_values(input, context, false); break;
    case Format::JsonLines: reader::read_json_lines(input, context); break;
    case Format::NotJson:
      context.report(Severity::Error, "not JSON (starts with neither '[' nor '{'); skipped", {1, 1});
      break;
    case Format::Text: read_text(input, context); break;
  }
}

void read_file(const std::string& path, const ReadContext& parent) {
  ReadContext context = parent;
  context.origin.file = path;
  try {
    reader::FileSource source(path, context.options.file_bytes_read);
    BufferedInput input(source);
    read_stream(input, path, context);
  } catch (const ReadError& error) {
    context.report(Severity::Error, error.what());
  }
}

/** Whether a file found in a directory has a name a crawl dump has. Named files are read
 *  whatever their name; inside a folder, a README or a log is left alone (and said so). */
bool has_dump_extension(const fs::path& path) {
  static const std::set<std::string> extensions = {".json", ".jsonl", ".ndjson", ".txt", ".zip", ".gz",
                                                   ".tgz",  ".tar",   ".bz2",    ".xz",  ".zst"};
  std::string extension = path.extension().string();
  for (char& c : extension) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return extensions.count(extension) != 0;
}

/** The entries of `directory` a walk visits: in sorted path order, hidden ones left out. */
std::vector<fs::path> directory_entries(const fs::path& directory, std::error_code& error) {
  std::vector<fs::path> entries;
  for (fs::directory_iterator it(directory, error), end; !error && it != end; it.increment(error)) {
    if (!it->path().filename().string().starts_with('.')) entries.push_back(it->path());
  }
  std::sort(entries.begin(), entries.end());
  return entries;
}

/** The bytes of the files read_directory reads under `directory`. */
std::uint64_t directory_file_bytes(const fs::path& directory, std::set<fs::path>& open) {
  std::error_code error;
  const fs::path canonical = fs::canonical(directory, error);
  if (!error && !open.insert(canonical).second) return 0;  // a symbolic link loop
  std::uint64_t total = 0;
  for (const fs::path& entry : directory_entries(directory, error)) {
    std::error_code status_error;
    const fs::file_status status = fs::status(entry, status_error);
    if (fs::is_directory(status)) {
      total += directory_file_bytes(entry, open);
    } else if (fs::is_regular_file(status) && has_dump_extension(entry)) {
      const std::uintmax_t size = fs::file_size(entry, status_error);
      if (!status_error) total += size;
    }
  }
  if (!canonical.empty()) open.erase(canonical);
  return total;
}

/** Files in sorted path order, hidden entries skipped. `open` holds the canonical paths of
 *  the directories being read, so that a symbolic link back up is not followed forever. */
void read_directory(const fs::path& directory, const ReadContext& parent, std::set<fs::path>& open) {
  ReadContext context = parent;
  context.origin.file = directory.string();
  std::error_code error;
  const fs::path canonical = fs::canonical(directory, error);
  if (!error && !open.insert(canonical).second) {
    context.report(Severity::Warning, "symbolic link loop; not followed");
    return;
  }
  const std::vector<fs::path> entries = directory_entries(directory, error);
  if (error) {
    context.report(Severity::Error, fmt::format("cannot read directory: {}; {}", reader::system_message(error.value()),
                                                entries.empty() ? "skipped" : "the rest of it skipped"));
  }
  for (const fs::path& entry : entries) {
    std::error_code status_error;
    const fs::file_status status = fs::status(entry, status_error);  // follows symbolic links
    if (fs::is_directory(status)) {
      read_directory(entry, context, open);
    } else if (fs::is_regular_file(status) && has_dump_extension(entry)) {
      read_file(entry.string(), context);
    } else if (fs::is_regular_file(status)) {
      ReadContext skipped = context;
      skipped.origin.file = entry.string();
      skipped.report(Severity::Warning, "not a crawl file (.json, .jsonl, .txt, .zip, .gz ...); skipped");
    } else {
      ReadContext skipped = context;
      skipped.origin.file = entry.string();
      skipped.report(Severity::Warning, status_error ? "broken symbolic link; skipped" : "not a regular file; skipped");
    }
  }
  if (!canonical.empty()) open.erase(canonical);
}

}  // namespace

std::optional<std::uint64_t> input_file_bytes(const std::vector<std::string>& inputs) {
  std::uint64_t total = 0;
  for (const std::string& input : inputs) {
    if (input == "-") return std::nullopt;
    std::error_code error;
    if (fs::is_directory(input, error)) {
      std::set<fs::path> open;
      total += directory_file_bytes(input, open);
    } else {
      const std::uintmax_t size = fs::file_size(input, error);
      if (!error) total += size;
    }
  }
  return total;
}

void read_input(const std::string& input, const ReadOptions& options, RecordSink& sink) {
  const ReadContext context{options, sink, Origin{input, {}, 0, 0}, 0};
  if (input == "-") {
    try {
      reader::FileSource source(stdin);
      BufferedInput buffered(source);
      read_stream(buffered, "", context);
    } catch (const ReadError& error) {
      context.report(Severity::Error, error.what());
    }
    return;
  }
  std::error_code error;
  if (fs::is_directory(input, error)) {
    std::set<fs::path> open;
    read_directory(input, context, open);
  } else {
    read_file(input, context);
  }
}

}  // namespace fahras::indexer
