// Faults, with the real binaries: a disk that fills up mid-run (batch by batch, and during a
// parallel first build), databases that cannot be used (read-only, missing, a file, another
// program's), and fahras-query run again and again while a first build swaps its database in.
// The file-system cases mount small tmpfs folders and so need root; elsewhere they say they
// are skipped.
#include "database_snapshot.hpp"
#include "process.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>
#include <xapian.h>

#include <cerrno>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <sys/mount.h>
#include <unistd.h>
#include <vector>

namespace {

namespace fs = std::filesystem;
using namespace fahras::test;

const std::string samples = FAHRAS_SAMPLES_DIR;

// fahras-index with its standard error, and without its progress lines.
Result index(const std::string& arguments) {
  return run_command(std::string(FAHRAS_INDEX_BIN) + " --progress off " + arguments + " 2>&1");
}

// fahras-query with its standard error.
Result query(const std::string& arguments) { return run_command(std::string(FAHRAS_QUERY_BIN) + " " + arguments + " 2>&1"); }

std::size_t lines_of(const std::string& text) {
  std::size_t n = 0;
  for (const char c : text) n += c == '\n' ? 1 : 0;
  return n;
}

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

// A small tmpfs mounted at a folder, unmounted when it goes. mounted() is false where this
// process may not mount (not root, no CAP_SYS_ADMIN), with the reason in why().
class SmallDisk {
public:
  SmallDisk(const std::string& path, const std::string& size) : path_(path) {
    fs::create_directories(path);
    if (::mount("tmpfs", path.c_str(), "tmpfs", 0, ("size=" + size).c_str()) == 0) {
      mounted_ = true;
    } else {
      why_ = std::string("cannot mount a tmpfs (") + std::strerror(errno) + "; these checks need root)";
    }
  }
  ~SmallDisk() {
    if (mounted_ && ::umount(path_.c_str()) != 0) ::umount2(path_.c_str(), MNT_DETACH);
  }
  SmallDisk(const SmallDisk&) = delete;
  SmallDisk& operator=(const SmallDisk&) = delete;

  [[nodiscard]] bool mounted() const { return mounted_; }
  [[nodiscard]] const std::string& why() const { return why_; }
  /** Makes the file system read-only (root writes through chmod; not through this). */
  [[nodiscard]] bool make_read_only() const {
    return ::mount(nullptr, path_.c_str(), nullptr, MS_REMOUNT | MS_RDONLY, nullptr) == 0;
  }

private:
  std::string path_;
  bool mounted_ = false;
  std::string why_;
};

// `total` articles of 120 varied words each (so that a few hundred fill a few MB), 5 sources.
void write_articles(const std::string& path, int total) {
  static const char* const words[] = {"الحكومة", "الوزير", "الاقتصاد", "النمو",  "المملكة", "الرياض", "جدة",
                                      "مجلس",    "الشورى", "التعليم",  "الصحة", "المستشفى", "الطلاب", "الجامعة",
                                      "النفط",   "الأسعار", "السوق",   "الأسهم", "البنك",    "المركزي"};
  std::uint32_t state = 12345;
  const auto next = [&state] {
    state = state * 1664525U + 1013904223U;
    return state >> 8U;
  };
  std::ofstream out(path);
  for (int i = 0; i < total; ++i) {
    out << R"({"id":"fault-)" << i << R"(","source":"s)" << i % 5 << R"(","date":"2025-05-)" << 10 + i % 20
        << R"(","title":"خبر رقم )" << i << R"( عن )" << words[i % 20] << R"(","content":")";
    for (int paragraph = 0; paragraph < 3; ++paragraph) {
      if (paragraph != 0) out << "\\n";
      for (int w = 0; w < 40; ++w) out << (w != 0 ? " " : "") << words[next() % 20] << next() % 5000;
    }
    out << "\"}\n";
  }
}

void copy_folder(const std::string& from, const std::string& to) {
  fs::copy(from, to, fs::copy_options::recursive);
}

}  // namespace

TEST_SUITE("e2e faults") {
  TEST_CASE("a full disk stops a batch-by-batch run: exit 2, the cause, every batch before it kept; a roomier disk completes it") {
    TempDir tmp;
    SmallDisk disk(tmp / "small", "4m");
    if (!disk.mounted()) {
      MESSAGE("skipped: ", disk.why());
      return;
    }
    constexpr int total = 1200;  // 4 MB hold about 300
    write_articles(tmp / "articles.jsonl", total);
    const std::string arguments = "--writers 1 --commit-every 100 " + (tmp / "articles.jsonl");
    const std::string db = tmp / "small/db";
    const Result full = index("--db " + db + " " + arguments);
    INFO(full.out);
    CHECK(full.exit_code == 2);
    CHECK(lines_of(full.out) == 1);  // the error, and no summary
    CHECK(contains(full.out, "fahras-index: " + db + ": "));
    CHECK(contains(full.out, "No space left on device"));
    Xapian::doccount kept = 0;
    {
      const Xapian::Database partial(db);  // still opens
      kept = partial.get_doccount();
    }
    INFO("documents kept: ", kept);
    CHECK(kept > 0);
    CHECK(kept < total);
    CHECK(kept % 100 == 0);  // whole batches
    CHECK(count_id_terms(db) == kept);

    // The same command on a roomier disk, from a copy of the database.
    copy_folder(db, tmp / "roomy");
    const Result resumed = index("--db " + (tmp / "roomy") + " " + arguments);
    INFO(resumed.out);
    CHECK(resumed.exit_code == 0);
    CHECK(contains(resumed.out, std::to_string(total - kept) + " added, 0 updated, " + std::to_string(kept) + " unchanged"));
    CHECK(Xapian::Database(tmp / "roomy").get_doccount() == total);
    CHECK(count_id_terms(tmp / "roomy") == total);
  }

  TEST_CASE("a full disk stops a parallel first build: exit 2, the cause; the next run resumes it and completes it") {
    TempDir tmp;
    SmallDisk disk(tmp / "small", "4m");
    if (!disk.mounted()) {
      MESSAGE("skipped: ", disk.why());
      return;
    }
    constexpr int total = 1200;
    write_articles(tmp / "articles.jsonl", total);
    const std::string arguments = "--writers 2 --commit-every 50 " + (tmp / "articles.jsonl");
    const std::string db = tmp / "small/db";
    const std::string work = db + ".fahras-build";
    const Result full = index("--db " + db + " " + arguments);
    INFO(full.out);
    // Reported, whichever thread met the full disk first (a partial writer or the main one).
    CHECK(full.exit_code == 2);
    CHECK(lines_of(full.out) == 1);
    CHECK(contains(full.out, "No space left on device"));
    CHECK(contains(full.out, db));
    CHECK(contains(full.out, "the first build's committed batches are kept in " + work +
                                 ", and the same command resumes it"));
    CHECK(Xapian::Database(db).get_doccount() == 0);  // nothing half-built is visible
    CHECK(fs::exists(work));

    // Both folders to a roomier disk, and the same command.
    copy_folder(db, tmp / "roomy");
    copy_folder(work, tmp / "roomy.fahras-build");
    const Result resumed = index("--db " + (tmp / "roomy") + " " + arguments);
    INFO(resumed.out);
    CHECK(resumed.exit_code == 0);
    std::smatch kept;
    const std::regex note("resuming the first build left in [^:]*: ([0-9]+) articles kept, ([0-9]+) to write again");
    REQUIRE(std::regex_search(resumed.out, kept, note));
    CHECK(std::stoi(kept[1]) > 0);  // the work of the failed run was used
    CHECK(contains(resumed.out, std::to_string(total - std::stoi(kept[1])) + " added, 0 updated, " +
                                    std::string(kept[1]) + " unchanged"));
    CHECK(Xapian::Database(tmp / "roomy").get_doccount() == total);
    CHECK(count_id_terms(tmp / "roomy") == total);
    CHECK_FALSE(fs::exists(tmp / "roomy.fahras-build"));

    // The same database as one built in a single run: documents, spelling, metadata.
    REQUIRE(index("--db " + (tmp / "fresh") + " " + arguments).exit_code == 0);
    CHECK(document_snapshot(tmp / "roomy") == document_snapshot(tmp / "fresh"));
    CHECK(spellings_and_metadata(tmp / "roomy") == spellings_and_metadata(tmp / "fresh"));
  }

  TEST_CASE("a full disk stops a sharded build: exit 2; the same command on a roomier disk resumes it, as one run would") {
    TempDir tmp;
    SmallDisk disk(tmp / "small", "4m");
    if (!disk.mounted()) {
      MESSAGE("skipped: ", disk.why());
      return;
    }
    constexpr int total = 1200;
    write_articles(tmp / "articles.jsonl", total);
    const std::string arguments = "--shard-by hash:3 --commit-every 50 " + (tmp / "articles.jsonl");
    const std::string set = tmp / "small/set";
    const Result full = index("--db " + set + " " + arguments);
    INFO(full.out);
    CHECK(full.exit_code == 2);
    CHECK(lines_of(full.out) == 1);
    CHECK(contains(full.out, "No space left on device"));

    copy_folder(set, tmp / "roomy");
    const Result resumed = index("--db " + (tmp / "roomy") + " " + arguments);
    INFO(resumed.out);
    CHECK(resumed.exit_code == 0);
    std::smatch kept;
    const std::regex note("resuming the run left unfinished in [^:]*: ([0-9]+) articles kept, ([0-9]+) to write again");
    REQUIRE(std::regex_search(resumed.out, kept, note));
    CHECK(std::stoi(kept[1]) > 0);
    CHECK(contains(resumed.out, std::to_string(total - std::stoi(kept[1])) + " added, 0 updated, " +
                                    std::string(kept[1]) + " unchanged"));

    // The same set as one built in a single run: each shard's documents, spelling and metadata.
    REQUIRE(index("--db " + (tmp / "fresh") + " " + arguments).exit_code == 0);
    std::size_t documents = 0;
    for (int k = 0; k < 3; ++k) {
      const std::string shard = "/hash-" + std::to_string(k) + "-of-3";
      INFO("shard ", shard);
      documents += count_id_terms(tmp / "roomy" + shard);
      CHECK(document_snapshot(tmp / "roomy" + shard) == document_snapshot(tmp / "fresh" + shard));
      CHECK(spellings_and_metadata(tmp / "roomy" + shard) == spellings_and_metadata(tmp / "fresh" + shard));
    }
    CHECK(documents == total);
    std::ifstream a(tmp / "roomy/fahras-shards.json");
    std::ifstream b(tmp / "fresh/fahras-shards.json");
    CHECK(nlohmann::json::parse(a) == nlohmann::json::parse(b));
    // Nothing left to resume: the next run is a plain one.
    const Result again = index("--db " + (tmp / "roomy") + " " + arguments);
    CHECK_FALSE(contains(again.out, "resuming"));
    CHECK(contains(again.out, "0 added, 0 updated, " + std::to_string(total) + " unchanged"));
  }

  TEST_CASE("a database folder on a read-only file system: fahras-index says so (exit 2), fahras-query reads it") {
    TempDir tmp;
    SmallDisk disk(tmp / "ro", "8m");
    if (!disk.mounted()) {
      MESSAGE("skipped: ", disk.why());
      return;
    }
    const std::string db = tmp / "ro/db";
    REQUIRE(index("--db " + db + " " + samples + "/articles.json").exit_code == 0);
    REQUIRE(disk.make_read_only());
    const Result indexed = index("--db " + db + " " + samples + "/articles.json");
    CHECK(indexed.exit_code == 2);
    CHECK(indexed.out == "fahras-index: " + db + ": cannot write to the database folder: Read-only file system\n");
    const Result created = index("--db " + (tmp / "ro/new") + " " + samples + "/articles.json");
    CHECK(created.exit_code == 2);
    CHECK(created.out == "fahras-index: " + (tmp / "ro/new") +
                             ": cannot create the database folder: Read-only file system\n");
    // Reading needs no writing.
    const Result searched = query("--db " + db + " --count الحكومة");
    CHECK(searched.exit_code == 0);
  }

  TEST_CASE("a missing folder, a file where the folder should be, another program's database: one line, exit 2") {
    TempDir tmp;
    const std::string input = samples + "/articles.json";
    {  // no such folder (fahras-index creates the database folder, not its parents)
      const std::string db = tmp / "missing/db";
      const Result indexed = index("--db " + db + " " + input);
      CHECK(indexed.exit_code == 2);
      CHECK(indexed.out == "fahras-index: " + db + ": cannot create the database folder: No such file or directory\n");
      const Result searched = query("--db " + db + " الحكومة");
      CHECK(searched.exit_code == 2);
      CHECK(searched.out == "fahras-query: no database at '" + db + "'\n");
      CHECK_FALSE(fs::exists(tmp / "missing"));
    }
    {  // a file
      const std::string file = tmp / "file";
      std::ofstream(file) << "not a database\n";
      const Result indexed = index("--db " + file + " " + input);
      CHECK(indexed.exit_code == 2);
      CHECK(indexed.out == "fahras-index: " + file + ": not a database folder (a file of that name is in the way)\n");
      const Result searched = query("--db " + file + " الحكومة");
      CHECK(searched.exit_code == 2);
      // fahras-query reads a file as a stub file (one shard a line): this one's line is none.
      CHECK(searched.out == "fahras-query: " + file +
                                ":1: 'not a database': expected PATH, 'auto PATH' or 'remote tcp HOST PORT'\n");
      const Result info = query("--db " + file + " --info");
      CHECK(info.exit_code == 2);
      CHECK(info.out == searched.out);
      // A file on the way to the folder.
      const Result below = index("--db " + file + "/db " + input);
      CHECK(below.exit_code == 2);
      CHECK(below.out == "fahras-index: " + file + "/db: cannot create the database folder: Not a directory\n");
      std::ifstream in(file);
      CHECK(std::string(std::istreambuf_iterator<char>(in), {}) == "not a database\n");  // untouched
    }
    {  // an empty folder is not a database to search
      const std::string empty = tmp / "empty";
      fs::create_directory(empty);
      const Result searched = query("--db " + empty + " الحكومة");
      CHECK(searched.exit_code == 2);
      CHECK(lines_of(searched.out) == 1);
      CHECK(contains(searched.out, "fahras-query: cannot open database '" + empty + "': "));
    }
    {  // a Xapian database made by another program: documents, no fahras metadata
      const std::string other = tmp / "other";
      {
        Xapian::WritableDatabase db(other, Xapian::DB_CREATE | Xapian::DB_BACKEND_GLASS);
        Xapian::Document doc;
        doc.set_data("someone else's");
        doc.add_term("hello");
        db.add_document(doc);
        db.set_metadata("owner", "another program");
        db.commit();
      }
      const Result indexed = index("--db " + other + " " + input);
      CHECK(indexed.exit_code == 2);
      CHECK(indexed.out ==
            "fahras-index: " + other + ": not a fahras database (it has documents but no fahras.schema)\n");
      const Result searched = query("--db " + other + " hello");
      CHECK(searched.exit_code == 2);
      CHECK(searched.out == "fahras-query: '" + other + "' is not a fahras database (no fahras.schema)\n");
      const Result info = query("--db " + other + " --info");
      CHECK(info.exit_code == 2);
      CHECK(info.out == searched.out);
      const Xapian::Database untouched(other);
      CHECK(untouched.get_doccount() == 1);
      CHECK(untouched.get_metadata("fahras.schema").empty());
    }
  }

  TEST_CASE("fahras-query while a first build swaps its database in: exit 0 or 1, well-formed JSON, never a crash") {
    TempDir tmp;
    constexpr int total = 3000;
    write_articles(tmp / "articles.jsonl", total);
    const std::string db = tmp / "db";
    // The empty database the build starts with; queries find nothing in it, then everything.
    REQUIRE(index("--db " + db + " --delete nothing-yet").exit_code == 0);
    const std::string done = tmp / "index.status";
    const std::string command = std::string(FAHRAS_INDEX_BIN) + " --progress off --writers 2 --commit-every 200 --db " +
                                db + " " + (tmp / "articles.jsonl");
    REQUIRE(std::system(("(" + command + " >/dev/null 2>&1; echo $? > " + done + ".part; mv " + done + ".part " + done +
                         ") &")
                            .c_str()) == 0);
    std::size_t before = 0;
    std::size_t after = 0;
    std::size_t runs = 0;
    // Until the build has ended, and a few more after; each query a fresh process.
    for (int extra = 0; extra < 5 && runs < 5000; ++runs) {
      if (fs::exists(done)) ++extra;
      const Result r = run_command(std::string(FAHRAS_QUERY_BIN) + " --db " + db + " --json --limit 3 الاقتصاد 2>" +
                                   (tmp / "query.err"));
      std::ifstream err_in(tmp / "query.err");
      const std::string err((std::istreambuf_iterator<char>(err_in)), {});
      INFO("run ", runs, ", exit ", r.exit_code, ", stderr: ", err, ", stdout: ", r.out);
      REQUIRE((r.exit_code == 0 || r.exit_code == 1));
      CHECK(err.empty());
      const nlohmann::json response = nlohmann::json::parse(r.out);  // throws on anything else
      REQUIRE(response.contains("hits"));
      CHECK(response["hits"].empty() == (r.exit_code == 1));
      for (const auto& hit : response["hits"]) {
        CHECK(hit["id"].get<std::string>().rfind("fault-", 0) == 0);
        CHECK(contains(hit["title"].get<std::string>(), "خبر رقم"));
      }
      ++(r.exit_code == 1 ? before : after);
    }
    std::ifstream status(done);
    int indexed = -1;
    status >> indexed;
    CHECK(indexed == 0);
    INFO("queries before the swap: ", before, ", after: ", after);
    CHECK(before > 0);
    CHECK(after >= 5);
    CHECK(Xapian::Database(db).get_doccount() == total);
  }
}
