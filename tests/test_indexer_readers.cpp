// The readers of fahras-index: JSON Lines, JSON arrays, text, ZIP, gzip, directories; every
// problem reported with its place, and reading going on after it.
#include "readers.hpp"

#include <archive.h>
#include <archive_entry.h>
#include <doctest/doctest.h>

#include <atomic>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include <fcntl.h>
#include <unistd.h>

namespace fs = std::filesystem;
using fahras::indexer::Diagnostic;
using fahras::indexer::input_file_bytes;
using fahras::indexer::RawRecord;
using fahras::indexer::read_input;
using fahras::indexer::ReadOptions;
using fahras::indexer::RecordSink;
using fahras::indexer::Severity;

namespace {

const std::string replacement = "\xEF\xBF\xBD";  // U+FFFD

/** Keeps everything a reader hands over. */
struct Collector final : RecordSink {
  std::vector<RawRecord> records;
  std::vector<Diagnostic> diagnostics;

  void record(RawRecord&& record) override { records.push_back(std::move(record)); }
  void diagnostic(Diagnostic&& diagnostic) override { diagnostics.push_back(std::move(diagnostic)); }

  /** The value of field `name` of record `index`, "<absent>" when it has none. */
  std::string field(std::size_t index, const std::string& name) const {
    for (const auto& [key, value] : records.at(index).fields) {
      if (key == name) return value;
    }
    return "<absent>";
  }
  std::vector<std::string> values(const std::string& name) const {
    std::vector<std::string> out;
    for (std::size_t i = 0; i < records.size(); ++i) out.push_back(field(i, name));
    return out;
  }
  std::size_t count(Severity severity) const {
    std::size_t n = 0;
    for (const Diagnostic& d : diagnostics) n += d.severity == severity ? 1 : 0;
    return n;
  }
};

/** A fresh folder under the system's temporary directory, removed with everything in it. */
class TempDir {
public:
  TempDir() {
    static std::atomic<int> counter{0};
    path_ =
        fs::temp_directory_path() / ("fahras-readers-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
    fs::remove_all(path_);
    fs::create_directories(path_);
  }
  ~TempDir() {
    std::error_code ignored;
    fs::remove_all(path_, ignored);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  /** Writes `bytes` to `name` (folders created) and returns its path. */
  std::string write(const std::string& name, const std::string& bytes) const {
    const fs::path file = path_ / name;
    fs::create_directories(file.parent_path());
    std::ofstream out(file, std::ios::binary);
    out << bytes;
    if (!out) throw std::runtime_error("cannot write " + file.string());
    return file.string();
  }
  std::string path(const std::string& name = "") const { return (path_ / name).string(); }

private:
  fs::path path_;
};

using Members = std::vector<std::pair<std::string, std::string>>;

/** Writes an archive with libarchive's writer: a ZIP of `members`, or (gzip = true) the one
 *  member's bytes gzip-compressed. */
std::string write_archive(const TempDir& dir, const std::string& name, const Members& members, bool gzip = false) {
  const std::string path = dir.path(name);
  struct archive* writer = archive_write_new();
  if (gzip) {
    archive_write_add_filter_gzip(writer);
    archive_write_set_format_raw(writer);
  } else {
    archive_write_set_format_zip(writer);
  }
  REQUIRE(archive_write_open_filename(writer, path.c_str()) == ARCHIVE_OK);
  for (const auto& [member, bytes] : members) {
    struct archive_entry* entry = archive_entry_new();
    archive_entry_set_pathname(entry, member.c_str());
    archive_entry_set_filetype(entry, AE_IFREG);
    archive_entry_set_perm(entry, 0644);
    archive_entry_set_size(entry, static_cast<la_int64_t>(bytes.size()));
    REQUIRE(archive_write_header(writer, entry) == ARCHIVE_OK);
    REQUIRE(archive_write_data(writer, bytes.data(), bytes.size()) == static_cast<la_ssize_t>(bytes.size()));
    archive_entry_free(entry);
  }
  REQUIRE(archive_write_close(writer) == ARCHIVE_OK);
  archive_write_free(writer);
  return path;
}

std::string read_bytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

Collector read(const std::string& input, const ReadOptions& options = {}) {
  Collector collector;
  read_input(input, options, collector);
  return collector;
}

/** Makes the diagnostics visible when a check fails. */
std::string dump(const Collector& c) {
  std::string out;
  for (const Diagnostic& d : c.diagnostics) {
    out += to_string(d.origin) + ":" + std::to_string(d.column) + " (record " + std::to_string(d.origin.record) + ") " +
           (d.severity == Severity::Error ? "error: " : "warning: ") + d.message + "\n";
  }
  return out;
}

}  // namespace

TEST_SUITE("readers") {
  TEST_CASE("JSON Lines: good, truncated, non-JSON, non-object and blank lines") {
    const TempDir dir;
    const std::string path = dir.write("mixed.jsonl",
                                       "{\"id\": \"a\", \"title\": \"one\"}\n"      // 1
                                       "\n"                                         // 2 blank
                                       "{\"id\": \"b\", \"title\": \"tw\n"          // 3 truncated
                                       "hello world\n"                              // 4 not JSON
                                       "[1, 2]\n"                                   // 5 not an object
                                       "   \t \n"                                   // 6 blank
                                       "{\"id\": \"c\", \"title\": \"three\"}\r\n"  // 7 CRLF
                                       "{\"id\": \"d\"} {\"id\": \"e\"}\n");        // 8 two objects
    const Collector c = read(path);
    INFO(dump(c));
    REQUIRE(c.records.size() == 2);
    REQUIRE(c.values("id") == std::vector<std::string>{"a", "c"});
    CHECK(c.records[0].origin.file == path);
    CHECK(c.records[0].origin.member.empty());
    CHECK(c.records[0].origin.line == 1);
    CHECK(c.records[0].origin.record == 1);
    CHECK(c.records[1].origin.line == 7);
    CHECK(c.records[1].origin.record == 5);
    CHECK(c.field(1, "title") == "three");

    REQUIRE(c.diagnostics.size() == 4);
    CHECK(c.count(Severity::Error) == 4);
    const Diagnostic& truncated = c.diagnostics[0];
    CHECK(truncated.origin.line == 3);
    CHECK(truncated.origin.record == 2);
    CHECK(truncated.column == 25);  // just after "tw", where the line ends
    CHECK(truncated.message == "malformed JSON: invalid string: missing closing quote; record skipped");
    CHECK(c.diagnostics[1].origin.line == 4);
    CHECK(c.diagnostics[1].column == 1);
    CHECK(c.diagnostics[1].message == "not JSON (starts with 'h'); record skipped");
    CHECK(c.diagnostics[2].origin.line == 5);
    CHECK(c.diagnostics[2].message == "not a JSON object (found an array); record skipped");
    CHECK(c.diagnostics[3].origin.line == 8);
    CHECK(c.diagnostics[3].column == 13);  // the second '{'
    CHECK(c.diagnostics[3].message.starts_with("malformed JSON: unexpected '{'; expected end of input"));
  }

  TEST_CASE("fields: strings, numbers and booleans as their JSON text, in input order") {
    const TempDir dir;
    const std::string path = dir.write(
        "numbers.jsonl",
        R"({"id": 42, "neg": -7, "big": 18446744073709551615, "pi": 3.50, "exp": 1e3, "ok": true, "no": false,)"
        R"( "none": null, "list": [1, "x"], "obj": {"title": "inner"}, "title": "t\u00e9\n\"q\""})"
        "\n");
    const Collector c = read(path);
    INFO(dump(c));
    REQUIRE(c.records.size() == 1);
    CHECK(c.diagnostics.empty());
    const std::vector<std::pair<std::string, std::string>> expected = {
        {"id", "42"},   {"neg", "-7"},   {"big", "18446744073709551615"}, {"pi", "3.50"}, {"exp", "1e3"},
        {"ok", "true"}, {"no", "false"}, {"title", "t\xC3\xA9\n\"q\""}};
    CHECK(c.records[0].fields == expected);
  }

  TEST_CASE("a repeated field name keeps its first place and its last value, with a warning") {
    const TempDir dir;
    const Collector c = read(dir.write("dup.jsonl", R"({"title": "a", "id": "1", "title": "b"})"
                                                    "\n"));
    REQUIRE(c.records.size() == 1);
    CHECK(c.records[0].fields == std::vector<std::pair<std::string, std::string>>{{"title", "b"}, {"id", "1"}});
    REQUIRE(c.diagnostics.size() == 1);
    CHECK(c.diagnostics[0].severity == Severity::Warning);
    CHECK(c.diagnostics[0].message == "1 repeated field name (first \"title\"); the last value of each kept");
  }

  TEST_CASE("invalid UTF-8 in a JSON string: the record arrives with U+FFFD and a warning") {
    const TempDir dir;
    const std::string path = dir.write("bad.jsonl",
                                       "{\"id\": \"x\"}\n"
                                       "{\"title\": \"ab\xFF"
                                       "cd\", \"content\": \"\xC3\x28 \xE2\x82\"}\n");
    const Collector c = read(path);
    INFO(dump(c));
    REQUIRE(c.records.size() == 2);
    CHECK(c.field(1, "title") == "ab" + replacement + "cd");
    CHECK(c.field(1, "content") == replacement + "( " + replacement);
    REQUIRE(c.diagnostics.size() == 1);
    CHECK(c.diagnostics[0].severity == Severity::Warning);
    CHECK(c.diagnostics[0].message == "3 invalid UTF-8 sequences replaced by U+FFFD");
    CHECK(c.diagnostics[0].origin.line == 2);
    CHECK(c.diagnostics[0].origin.record == 2);
    CHECK(c.diagnostics[0].column == 14);
  }

  TEST_CASE("unpaired surrogate escapes become U+FFFD instead of failing the record") {
    const TempDir dir;
    const Collector c = read(dir.write("surrogates.jsonl", R"({"title": "a\ud83d b \ud83d\ude00 c\\ud800 \udc00"})"
                                                           "\n"));
    INFO(dump(c));
    REQUIRE(c.records.size() == 1);
    CHECK(c.field(0, "title") == "a" + replacement + " b \xF0\x9F\x98\x80 c\\ud800 " + replacement);
    REQUIRE(c.diagnostics.size() == 1);
    CHECK(c.diagnostics[0].message == "2 unpaired surrogate escapes replaced by \\uFFFD");
    CHECK(c.diagnostics[0].column == 13);
  }

  TEST_CASE("a UTF-8 byte order mark is stripped") {
    const TempDir dir;
    const Collector jsonl = read(dir.write("bom.jsonl", "\xEF\xBB\xBF{\"id\": \"1\"}\n\xEF\xBB\xBF{\"id\": \"2\"}\n"));
    INFO(dump(jsonl));
    REQUIRE(jsonl.values("id") == std::vector<std::string>{"1", "2"});
    CHECK(jsonl.diagnostics.empty());
    const Collector array = read(dir.write("bom.json", "\xEF\xBB\xBF[{\"id\": \"1\"}]"));
    REQUIRE(array.values("id") == std::vector<std::string>{"1"});
    CHECK(array.diagnostics.empty());
    const Collector text = read(dir.write("bom.txt", "\xEF\xBB\xBFnews"));
    REQUIRE(text.values("content") == std::vector<std::string>{"news"});
  }

  TEST_CASE("JSON array: streamed, a malformed object in the middle is reported and skipped") {
    const TempDir dir;
    const std::string path = dir.write("array.json",
                                       "[\n"                                                       // 1
                                       "  {\"id\": \"1\", \"title\": \"first\"},\n"                // 2
                                       "  {\"id\": \"2\", \"title\": \"second\" \"x\": \"y\"},\n"  // 3
                                       "  {\"id\": \"3\",\n"                                       // 4
                                       "   \"title\": \"third\", \"n\": tru},\n"                   // 5
                                       "  \"a string\",\n"                                         // 6
                                       "  {\"id\": \"4\",\n"                                       // 7
                                       "   \"title\": \"fourth\"}\n"                               // 8
                                       "]\n");
    const Collector c = read(path);
    INFO(dump(c));
    REQUIRE(c.records.size() == 2);
    REQUIRE(c.values("id") == std::vector<std::string>{"1", "4"});
    CHECK(c.records[0].origin.line == 2);
    CHECK(c.records[0].origin.record == 1);
    CHECK(c.records[1].origin.line == 7);
    CHECK(c.records[1].origin.record == 5);
    CHECK(c.field(1, "title") == "fourth");

    REQUIRE(c.diagnostics.size() == 3);
    CHECK(c.count(Severity::Error) == 3);
    CHECK(c.diagnostics[0].origin.line == 3);
    CHECK(c.diagnostics[0].origin.record == 2);
    CHECK(c.diagnostics[0].column == 35);  // the end of the unexpected string "x"
    CHECK(c.diagnostics[0].message == "malformed JSON: unexpected string literal; expected '}'; record skipped");
    CHECK(c.diagnostics[1].origin.line == 5);
    CHECK(c.diagnostics[1].origin.record == 3);
    CHECK(c.diagnostics[1].column == 30);  // the '}' that ends "tru"
    CHECK(c.diagnostics[1].message ==
          "malformed JSON: invalid literal (in the object starting on line 4); record skipped");
    CHECK(c.diagnostics[2].origin.line == 6);
    CHECK(c.diagnostics[2].column == 3);
    CHECK(c.diagnostics[2].message == "not a JSON object (found a string); record skipped");
  }

  TEST_CASE("JSON array on one line: columns locate each object") {
    const TempDir dir;
    const Collector c = read(dir.write("one-line.json", R"([{"id":"1"},{"id":"2",},{"id":"3"}])"));
    INFO(dump(c));
    REQUIRE(c.values("id") == std::vector<std::string>{"1", "3"});
    CHECK(c.records[1].origin.record == 3);
    REQUIRE(c.diagnostics.size() == 1);
    CHECK(c.diagnostics[0].origin.line == 1);
    CHECK(c.diagnostics[0].column == 23);  // the '}' after "2",
  }

  TEST_CASE("JSON array structure problems: missing commas, stray commas, unclosed, trailing junk") {
    const TempDir dir;
    const Collector c = read(dir.write("structure.json", "[{\"id\":\"1\"} {\"id\":\"2\"},, 7]\n[{\"id\":\"3\"}]\nxyz"));
    INFO(dump(c));
    REQUIRE(c.values("id") == std::vector<std::string>{"1", "2", "3"});
    CHECK(c.records[2].origin.record == 4);  // the numbering goes on in a second array
    REQUIRE(c.diagnostics.size() == 4);
    CHECK(c.diagnostics[0].message == "missing ',' between array elements; assumed");
    CHECK(c.diagnostics[1].message == "stray ','; ignored");
    CHECK(c.diagnostics[2].message == "not a JSON object (found a number); record skipped");
    CHECK(c.diagnostics[3].message == "unexpected content after the JSON array; rest of the input ignored");
    CHECK(c.diagnostics[3].origin.line == 3);

    const Collector unclosed = read(dir.write("unclosed.json", "[{\"id\":\"1\"},\n"));
    REQUIRE(unclosed.values("id") == std::vector<std::string>{"1"});
    REQUIRE(unclosed.diagnostics.size() == 1);
    CHECK(unclosed.diagnostics[0].message == "JSON array not closed at the end of the input");
    CHECK(unclosed.diagnostics[0].severity == Severity::Warning);
  }

  TEST_CASE("pretty-printed JSON objects one after another") {
    const TempDir dir;
    const Collector c =
        read(dir.write("article.json", "{\n  \"id\": \"1\",\n  \"tags\": [\"a\"]\n}\n{\n  \"id\": \"2\"\n}\n"));
    INFO(dump(c));
    REQUIRE(c.values("id") == std::vector<std::string>{"1", "2"});
    CHECK(c.records[1].origin.line == 5);
    CHECK(c.diagnostics.empty());
  }

  TEST_CASE("degenerate inputs never crash and say what they are") {
    const TempDir dir;
    struct Case {
      const char* name;
      std::string bytes;
      std::size_t records;
      const char* first_message;  // "" for none
    };
    const Case cases[] = {
        {"empty.jsonl", "", 0, "empty file; skipped"},
        {"spaces.txt", " \n\t\n", 0, "empty file; skipped"},
        {"open.json", "[", 0, "JSON array not closed at the end of the input"},
        {"brace.json", "{", 0, "malformed JSON: unexpected end of input; expected string literal; record skipped"},
        {"brace-newline", "{\n", 0,
         "malformed JSON: unexpected end of input; expected string literal (in the object starting on line 1); "
         "record skipped"},
        {"empty-array.json", "[]", 0, ""},
        {"nested-open.json", "[{\"a\": [[[[", 0,
         "malformed JSON: unexpected end of input; expected '[', '{', or a literal; record skipped"},
        {"quote.json", "[\"", 0, "not JSON (starts with '\"'); record skipped"},
        {"null.json", "null", 0, "not JSON (starts with neither '[' nor '{'); skipped"},
        {"binary.bin",
         std::string("\x7F"
                     "ELF\x02\x01\x01\x00\x00\x00",
                     10),
         0, "binary content (NUL bytes), not text; skipped"},
        {"latin1.txt", "\xE9t\xE9 \xE0 Gen\xE8ve", 0,
         "not UTF-8 text (4 invalid UTF-8 sequences in 12 bytes); skipped"},
        {"gzip-junk.gz", "\x1F\x8B junk that is not deflate", 0,
         "corrupt compressed data: no valid compression header; skipped"},
        {"zip-junk.zip", "PK\x03\x04 junk", 0, "corrupt archive: Truncated ZIP file header; skipped"},
        {"empty.zip", std::string("PK\x05\x06", 4) + std::string(18, '\0'), 0, "archive without members; nothing read"},
    };
    for (const Case& test : cases) {
      INFO(test.name);
      Collector c;
      CHECK_NOTHROW(read_input(dir.write(test.name, test.bytes), ReadOptions{}, c));
      INFO(dump(c));
      CHECK(c.records.size() == test.records);
      if (std::string(test.first_message).empty()) continue;
      REQUIRE_FALSE(c.diagnostics.empty());
      CHECK(c.diagnostics[0].message == test.first_message);
    }
  }

  TEST_CASE("compressed and archived edge cases: empty, cut off, nested too deep") {
    const TempDir dir;
    const std::string empty = read_bytes(write_archive(dir, "empty.gz", {{"data", ""}}, true));
    const Collector nothing = read(dir.write("nothing.gz", empty));
    REQUIRE(nothing.diagnostics.size() == 1);
    CHECK(nothing.diagnostics[0].message == "empty after decompression; nothing read");
    CHECK(nothing.diagnostics[0].severity == Severity::Warning);

    const std::string gz = read_bytes(write_archive(dir, "full.gz", {{"data", "{\"id\": \"1\"}\n"}}, true));
    const Collector cut = read(dir.write("cut.gz", gz.substr(0, gz.size() / 2)));
    INFO(dump(cut));
    CHECK(cut.records.empty());
    CHECK(cut.count(Severity::Error) == 1);

    // A JSON file in 5 ZIPs one inside the other: the innermost level is past the limit.
    std::string bytes = "[{\"id\": \"deep\"}]";
    std::string name = "a.json";
    for (int level = 0; level < 5; ++level) {
      const std::string zip = "level" + std::to_string(level) + ".zip";
      bytes = read_bytes(write_archive(dir, zip, {{name, bytes}}));
      name = zip;
    }
    const Collector deep = read(dir.path(name));
    INFO(dump(deep));
    CHECK(deep.records.empty());
    REQUIRE(deep.diagnostics.size() == 1);
    CHECK(deep.diagnostics[0].message == "archives nested more than 4 deep; skipped");
    CHECK(deep.diagnostics[0].origin.member == "level3.zip:level2.zip:level1.zip:level0.zip");
    const Collector four = read(dir.path("level3.zip"));
    REQUIRE(four.values("id") == std::vector<std::string>{"deep"});
  }

  TEST_CASE("a corrupt archive is an error, not an exception") {
    const TempDir dir;
    for (const char* name : {"gzip-junk.gz", "zip-junk.zip"}) {
      INFO(name);
      const std::string bytes = std::string(name).ends_with(".gz") ? "\x1F\x8B junk" : "PK\x03\x04 junk";
      const Collector c = read(dir.write(name, bytes));
      INFO(dump(c));
      CHECK(c.records.empty());
      CHECK(c.count(Severity::Error) == 1);
    }
  }

  TEST_CASE("a record larger than max_record_bytes is reported and skipped") {
    const TempDir dir;
    ReadOptions options;
    options.max_record_bytes = 64;
    const std::string big = "{\"content\": \"" + std::string(100, 'x') + "\"}";
    const Collector lines = read(dir.write("big.jsonl", "{\"id\":\"1\"}\n" + big + "\n{\"id\":\"3\"}\n"), options);
    REQUIRE(lines.values("id") == std::vector<std::string>{"1", "3"});
    REQUIRE(lines.diagnostics.size() == 1);
    CHECK(lines.diagnostics[0].message == "line longer than 64 bytes; record skipped");
    CHECK(lines.diagnostics[0].origin.line == 2);

    const Collector array = read(dir.write("big.json", "[{\"id\":\"1\"},\n" + big + ",\n{\"id\":\"3\"}]"), options);
    REQUIRE(array.values("id") == std::vector<std::string>{"1", "3"});
    REQUIRE(array.diagnostics.size() == 1);
    CHECK(array.diagnostics[0].message == "record larger than 64 bytes; record skipped");
    CHECK(array.diagnostics[0].origin.record == 2);

    const Collector text = read(dir.write("big.txt", std::string(100, 'x')), options);
    CHECK(text.records.empty());
    REQUIRE(text.diagnostics.size() == 1);
    CHECK(text.diagnostics[0].message == "text larger than 64 bytes; skipped");
  }

  TEST_CASE("plain text, with and without txt_title") {
    const TempDir dir;
    const std::string text = "\n  Headline here \r\n\n\nFirst paragraph.\nSecond.\n";
    const std::string path = dir.write("story.txt", text);
    const Collector plain = read(path);
    REQUIRE(plain.records.size() == 1);
    CHECK(plain.records[0].fields == std::vector<std::pair<std::string, std::string>>{{"content", text}});
    CHECK(plain.records[0].origin.line == 1);
    CHECK(plain.records[0].origin.record == 1);
    CHECK(plain.diagnostics.empty());

    ReadOptions options;
    options.txt_title = true;
    const Collector titled = read(path, options);
    REQUIRE(titled.records.size() == 1);
    CHECK(titled.records[0].fields == std::vector<std::pair<std::string, std::string>>{
                                          {"title", "Headline here"}, {"content", "First paragraph.\nSecond.\n"}});
    const Collector bracket = read(dir.write("bracket.txt", "[Reuters] {not JSON}"));
    REQUIRE(bracket.values("content") == std::vector<std::string>{"[Reuters] {not JSON}"});
    const Collector title_only = read(dir.write("title.txt", "Only a title\n\n"), options);
    CHECK(title_only.records[0].fields ==
          std::vector<std::pair<std::string, std::string>>{{"title", "Only a title"}, {"content", ""}});
  }

  TEST_CASE("ZIP: JSON, JSON Lines and text members, hidden members and folders skipped") {
    const TempDir dir;
    const std::string path = write_archive(dir, "crawl.zip",
                                           {{"2025-05-21.json", "[{\"id\": \"a1\"},\n {\"id\": \"a2\"}]"},
                                            {"feeds/wire.jsonl", "{\"id\": \"l1\"}\nbroken\n{\"id\": \"l2\"}\n"},
                                            {"__MACOSX/._wire.jsonl", "junk"},
                                            {".DS_Store", "junk"},
                                            {"note.txt", "a text member"}});
    const Collector c = read(path);
    INFO(dump(c));
    REQUIRE(c.records.size() == 5);
    REQUIRE(c.values("id") == std::vector<std::string>{"a1", "a2", "l1", "l2", "<absent>"});
    CHECK(c.records[0].origin.file == path);
    CHECK(c.records[0].origin.member == "2025-05-21.json");
    CHECK(c.records[1].origin.line == 2);
    CHECK(c.records[1].origin.record == 2);
    CHECK(c.records[3].origin.member == "feeds/wire.jsonl");
    CHECK(c.records[3].origin.line == 3);
    CHECK(c.field(4, "content") == "a text member");
    CHECK(c.records[4].origin.member == "note.txt");
    REQUIRE(c.diagnostics.size() == 1);
    CHECK(c.diagnostics[0].origin.member == "feeds/wire.jsonl");
    CHECK(c.diagnostics[0].origin.line == 2);
    CHECK(to_string(c.diagnostics[0].origin) == path + ":feeds/wire.jsonl:2");
  }

  TEST_CASE("gzip: a compressed JSON Lines file, and a .gz inside a ZIP") {
    const TempDir dir;
    const std::string jsonl = "{\"id\": \"g1\"}\n\n{\"id\": \"g2\", \"title\": \"\xD8\xA7\"}\n";
    const std::string path = write_archive(dir, "day.jsonl.gz", {{"data", jsonl}}, true);
    const Collector c = read(path);
    INFO(dump(c));
    REQUIRE(c.values("id") == std::vector<std::string>{"g1", "g2"});
    CHECK(c.records[1].origin.line == 3);
    CHECK(c.records[1].origin.member.empty());
    CHECK(c.diagnostics.empty());

    const Collector nested = read(write_archive(dir, "outer.zip", {{"inner.jsonl.gz", read_bytes(path)}}));
    INFO(dump(nested));
    REQUIRE(nested.values("id") == std::vector<std::string>{"g1", "g2"});
    CHECK(nested.records[0].origin.member == "inner.jsonl.gz");
  }

  TEST_CASE("standard input: \"-\", a ZIP read in streaming mode") {
    const TempDir dir;
    const std::string zip = write_archive(dir, "stdin.zip", {{"a.jsonl", "{\"id\": \"s1\"}\n{\"id\": \"s2\"}\n"}});
    // Put the file on file descriptor 0 for the time of the read.
    const int saved = ::dup(0);  // -1 when the test runs with standard input closed
    const int file = ::open(zip.c_str(), O_RDONLY);
    REQUIRE(file >= 0);
    if (file != 0) {  // with standard input closed, open() already took descriptor 0
      REQUIRE(::dup2(file, 0) == 0);
      ::close(file);
    }
    std::clearerr(stdin);
    const Collector c = read("-");
    if (saved >= 0) {
      ::dup2(saved, 0);
      ::close(saved);
    } else {
      ::close(0);
    }
    std::clearerr(stdin);
    INFO(dump(c));
    REQUIRE(c.values("id") == std::vector<std::string>{"s1", "s2"});
    CHECK(c.records[1].origin.file == "-");
    CHECK(c.records[1].origin.member == "a.jsonl");
    CHECK(c.records[1].origin.line == 2);
    CHECK(c.diagnostics.empty());
  }

  TEST_CASE("directory: recursed in sorted path order, hidden files and folders skipped") {
    const TempDir dir;
    dir.write("corpus/b.jsonl", "{\"id\": \"b\"}\n");
    dir.write("corpus/a/z.txt", "z text");
    dir.write("corpus/a/b/y.json", "[{\"id\": \"y\"}]");
    dir.write("corpus/a.txt", "a text");
    dir.write("corpus/.hidden.jsonl", "{\"id\": \"hidden\"}\n");
    dir.write("corpus/.git/config.jsonl", "{\"id\": \"git\"}\n");
    const Collector c = read(dir.path("corpus"));
    INFO(dump(c));
    std::vector<std::string> files;
    for (const RawRecord& r : c.records)
      files.push_back(fs::path(r.origin.file).lexically_relative(dir.path("corpus")).string());
    CHECK(files == std::vector<std::string>{"a/b/y.json", "a/z.txt", "a.txt", "b.jsonl"});
    CHECK(c.diagnostics.empty());
  }

  TEST_CASE("progress: the inputs' size on disk, and the bytes read from them") {
    const TempDir dir;
    const std::string jsonl = dir.write("corpus/b.jsonl", "{\"id\": \"b\"}\n");
    const std::string gz = write_archive(dir, "corpus/day.jsonl.gz", {{"day.jsonl", "{\"id\": \"g\"}\n"}}, true);
    const std::string text = dir.write("corpus/a/z.txt", "z text");
    dir.write("corpus/.hidden.jsonl", "{\"id\": \"hidden\"}\n");  // not read: not counted
    dir.write("corpus/README.md", "about this crawl");              // not read: not counted
    const std::string single = dir.write("one.jsonl", "{\"id\": \"one\"}\n");
    const std::uint64_t read_files = fs::file_size(gz) + fs::file_size(jsonl) + fs::file_size(text);
    CHECK(input_file_bytes({dir.path("corpus")}) == read_files);
    CHECK(input_file_bytes({dir.path("corpus"), single}) == read_files + fs::file_size(single));
    CHECK_FALSE(input_file_bytes({single, "-"}).has_value());
    CHECK(input_file_bytes({dir.path("missing")}) == 0u);

    std::uint64_t bytes_read = 0;
    ReadOptions options;
    options.file_bytes_read = &bytes_read;
    const Collector c = read(dir.path("corpus"), options);
    CHECK(c.records.size() == 3);
    CHECK(bytes_read == read_files);  // the compressed file as stored, not its content
  }

  TEST_CASE("a missing file is an error diagnostic, and reading goes on") {
    const TempDir dir;
    const std::string missing = dir.path("no-such-file.jsonl");
    Collector c;
    CHECK_NOTHROW(read_input(missing, ReadOptions{}, c));
    CHECK(c.records.empty());
    REQUIRE(c.diagnostics.size() == 1);
    CHECK(c.diagnostics[0].severity == Severity::Error);
    CHECK(c.diagnostics[0].origin.file == missing);
    CHECK(c.diagnostics[0].message == "cannot open: no such file or directory; skipped");
    read_input(dir.write("ok.jsonl", "{\"id\": \"1\"}\n"), ReadOptions{}, c);
    CHECK(c.records.size() == 1);
  }

  TEST_CASE("samples/articles.jsonl: 27 records, lines 9 and 25 rejected, line 8 repaired") {
    const std::string path = (fs::path(FAHRAS_SAMPLES_DIR) / "articles.jsonl").string();
    const Collector c = read(path);
    INFO(dump(c));
    // Line 19 is well-formed JSON without title or content: a record here, rejected later.
    REQUIRE(c.records.size() == 27);
    CHECK(c.records.front().origin.line == 1);
    CHECK(c.field(7, "id") == "sample-008");
    CHECK(c.field(7, "content").find(replacement + replacement) != std::string::npos);
    CHECK(c.field(17, "id") == "sample-028");
    CHECK(c.records.back().origin.line == 29);
    CHECK(c.field(26, "id") == "sample-026");
    REQUIRE(c.diagnostics.size() == 3);
    CHECK(c.diagnostics[0].origin.line == 8);
    CHECK(c.diagnostics[0].severity == Severity::Warning);
    CHECK(c.diagnostics[0].message == "2 invalid UTF-8 sequences replaced by U+FFFD");
    CHECK(c.diagnostics[1].origin.line == 9);
    CHECK(c.diagnostics[1].severity == Severity::Error);
    CHECK(c.diagnostics[1].message == "malformed JSON: invalid string: missing closing quote; record skipped");
    CHECK(c.diagnostics[2].origin.line == 25);
    CHECK(c.diagnostics[2].severity == Severity::Error);
    CHECK(c.diagnostics[2].column == 1);
  }

  TEST_CASE("samples/articles.json and samples/text") {
    const Collector json = read((fs::path(FAHRAS_SAMPLES_DIR) / "articles.json").string());
    INFO(dump(json));
    CHECK(json.records.size() == 12);
    CHECK(json.diagnostics.empty());
    CHECK(json.records[0].origin.line == 2);
    CHECK(json.records[11].origin.record == 12);

    ReadOptions options;
    options.txt_title = true;
    const Collector text = read((fs::path(FAHRAS_SAMPLES_DIR) / "text").string(), options);
    INFO(dump(text));
    REQUIRE(text.records.size() == 5);
    CHECK(text.diagnostics.empty());
    CHECK(fs::path(text.records[0].origin.file).filename() == "01-hajj-preparations.txt");
    CHECK(fs::path(text.records[4].origin.file).filename() == "05-cairo-metro-fares.txt");
    for (std::size_t i = 0; i < 5; ++i) CHECK_FALSE(text.field(i, "title").empty());
  }

  TEST_CASE("random bytes never throw") {
    const TempDir dir;
    std::uint32_t state = 12345;
    const auto next = [&state] {
      state = state * 1664525U + 1013904223U;
      return state >> 8U;
    };
    const std::string alphabet = "{}[]\",:\\ \n\r\tabc01-eEtrufnl\xD8\xA7\xFF\x80";
    for (int round = 0; round < 300; ++round) {
      std::string bytes = round % 2 == 0 ? "[" : "{";
      const std::size_t length = next() % 200;
      for (std::size_t i = 0; i < length; ++i) bytes.push_back(alphabet[next() % alphabet.size()]);
      const std::string name = round % 3 == 0 ? "r.jsonl" : round % 3 == 1 ? "r.json" : "r";
      Collector c;
      CHECK_NOTHROW(read_input(dir.write(name, bytes), ReadOptions{}, c));
    }
  }
}
