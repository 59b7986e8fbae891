// fahras-index as the crawl operator runs it: on the samples, twice, with changes, deletes,
// a second indexer, a kill -9, and every kind of bad record.
#include "database_snapshot.hpp"
#include "process.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>
#include <xapian.h>

#include <algorithm>
#include <csignal>
#include <cstdlib>
#include <sys/types.h>
#include <filesystem>
#include <fstream>
#include <map>
#include <string>
#include <thread>

namespace {

using fahras::test::count_id_terms;
using fahras::test::document_snapshot;
using fahras::test::Result;
using fahras::test::spellings_and_metadata;
using fahras::test::run_command;
using fahras::test::shell_quote;
using fahras::test::start_background;
using fahras::test::TempDir;
using fahras::test::wait_for_documents;

const std::string samples = FAHRAS_SAMPLES_DIR;
const std::string sample_inputs = samples + "/articles.jsonl " + samples + "/articles.json " + samples + "/text";

Result index(const std::string& arguments) {
  return run_command(std::string(FAHRAS_INDEX_BIN) + " --progress off " + arguments + " 2>&1");
}

nlohmann::json stats(const std::string& path) {
  std::ifstream in(path);
  return nlohmann::json::parse(in);
}

// A JSONL file of `total` short articles over 7 sources.
void write_big_input(const std::string& path, int total) {
  std::ofstream out(path);
  for (int i = 0; i < total; ++i) {
    out << R"({"id":"big-)" << i << R"(","source":"s)" << i % 7 << R"(","date":"2025-05-)" << 10 + i % 20
        << R"(","title":"خبر رقم )" << i << R"( عن الاقتصاد","content":"قال الوزير إن النمو بلغ )" << i
        << R"( بالمئة في الربع الأول\nوأضاف أن الحكومة ستواصل الإصلاحات )" << i * 7 << "\"}\n";
  }
}

void kill_and_wait(pid_t pid) {
  REQUIRE(kill(pid, SIGKILL) == 0);
  while (kill(pid, 0) == 0) std::this_thread::sleep_for(std::chrono::milliseconds(20));
}

void write_file(const std::string& path, const std::string& content) {
  std::ofstream out(path, std::ios::binary);
  out << content;
}

}  // namespace

TEST_SUITE("e2e fahras-index") {
  TEST_CASE("the samples index with every bad record reported, and a re-run changes nothing") {
    TempDir tmp;
    const std::string db = tmp / "db";
    const Result first = index("--db " + db + " --stats-json " + (tmp / "first.json") + " " + sample_inputs);
    INFO(first.out);
    CHECK(first.exit_code == 1);  // some records skipped
    // Compiler-style diagnostics naming file, line and record.
    CHECK(first.out.find("articles.jsonl:9:") != std::string::npos);
    CHECK(first.out.find("articles.jsonl:25:") != std::string::npos);
    CHECK(first.out.find("articles.jsonl:19: warning: no title and no body, skipped") != std::string::npos);
    CHECK(first.out.find("articles.jsonl:8:470: warning: 2 invalid UTF-8 sequences replaced") != std::string::npos);
    const auto s1 = stats(tmp / "first.json");
    CHECK(s1["added"] == 42);
    CHECK(s1["skipped"] == 3);
    CHECK(s1["duplicates_in_input"] == 1);
    CHECK(s1["documents"] == 42);
    CHECK(s1["repeated_paragraphs"].get<int>() >= 2);
    CHECK(s1["boilerplate_lines"].get<int>() >= 5);
    CHECK(s1["near_duplicates"].get<int>() >= 1);
    CHECK(count_id_terms(db) == 42);
    const auto before = document_snapshot(db);

    const Result second = index("--db " + db + " --stats-json " + (tmp / "second.json") + " " + sample_inputs);
    INFO(second.out);
    CHECK(second.out.find("0 added, 0 updated, 42 unchanged") != std::string::npos);
    const auto s2 = stats(tmp / "second.json");
    CHECK(s2["documents"] == 42);
    CHECK(document_snapshot(db) == before);
  }

  TEST_CASE("a changed article is updated in place; --delete and --delete-before remove") {
    TempDir tmp;
    const std::string db = tmp / "db";
    const std::string a = R"({"id":"a1","source":"s","date":"2025-05-01","title":"قمة اقتصادية في الرياض","content":"بحث القادة التعاون الاقتصادي"})";
    const std::string b = R"({"id":"b2","source":"s","date":"2025-06-01","title":"افتتاح متحف جديد في جدة","content":"افتتح المتحف أبوابه للزوار"})";
    write_file(tmp / "night1.jsonl", a + "\n" + b + "\n");
    CHECK(index("--db " + db + " " + (tmp / "night1.jsonl")).exit_code == 0);
    const std::string a2 = R"({"id":"a1","source":"s","date":"2025-05-01","title":"قمة اقتصادية في الرياض","content":"بحث القادة التعاون الاقتصادي والاستثمار"})";
    write_file(tmp / "night2.jsonl", a2 + "\n" + b + "\n");
    const Result update = index("--db " + db + " " + (tmp / "night2.jsonl"));
    CHECK(update.out.find("0 added, 1 updated, 1 unchanged") != std::string::npos);
    {
      Xapian::Database reader(db);
      CHECK(reader.get_doccount() == 2);
      CHECK(reader.get_termfreq("والاستثمار") == 1);
      CHECK(reader.get_termfreq("Zاستثمار") == 1);
    }
    const Result deleted = index("--db " + db + " --delete a1");
    CHECK(deleted.exit_code == 0);
    CHECK(Xapian::Database(db).get_doccount() == 1);
    const Result missing = index("--db " + db + " --delete no-such-id");
    CHECK(missing.out.find("--delete no-such-id: no such article") != std::string::npos);
    CHECK(index("--db " + db + " --delete-before 2025-06-02").exit_code == 0);
    CHECK(Xapian::Database(db).get_doccount() == 0);
  }

  TEST_CASE("a 300-letter word and a 500-byte source are indexed, not fatal") {
    TempDir tmp;
    const std::string word(300, 'a');
    std::string source;
    for (int i = 0; i < 60; ++i) source += "مصدر";
    write_file(tmp / "odd.jsonl", R"({"id":"x1","source":")" + source + R"(","title":"عنوان","content":"نص المقال )" +
                                      word + R"( انتهى"})" + "\n");
    const Result r = index("--db " + (tmp / "db") + " " + (tmp / "odd.jsonl"));
    INFO(r.out);
    CHECK(r.exit_code == 0);
    CHECK(Xapian::Database(tmp / "db").get_doccount() == 1);
    CHECK(index("--db " + (tmp / "db") + " " + (tmp / "odd.jsonl")).out.find("1 unchanged") != std::string::npos);
  }

  TEST_CASE("the same article twice in one batch: the last wins, and counts stay exact") {
    TempDir tmp;
    const std::string db = tmp / "db";
    write_file(tmp / "n1.jsonl", std::string(R"({"id":"a","source":"s","title":"أ","content":"سطر مشترك\nسطر أ"})") +
                                     "\n" + R"({"id":"b","source":"s","title":"ب","content":"سطر مشترك\nسطر ب"})" + "\n");
    CHECK(index("--db " + db + " " + (tmp / "n1.jsonl")).exit_code == 0);
    write_file(tmp / "n2.jsonl", std::string(R"({"id":"a","source":"s","title":"أ","content":"نسخة أولى"})") + "\n" +
                                     R"({"id":"a","source":"s","title":"أ","content":"نسخة ثانية"})" + "\n");
    const Result r = index("--db " + db + " " + (tmp / "n2.jsonl"));
    CHECK(r.out.find("0 added, 1 updated") != std::string::npos);
    CHECK(r.out.find("  1 duplicate in the input, ") != std::string::npos);  // the noun agrees with 1
    Xapian::Database reader(db);
    CHECK(reader.get_doccount() == 2);
    CHECK(reader.get_termfreq("ثانيه") == 1);
    CHECK(reader.get_termfreq("اولي") == 0);
    // Two articles of source s, counted once each.
    std::size_t article_counts = 0;
    for (auto it = reader.metadata_keys_begin("fahras.articles:"); it != reader.metadata_keys_end("fahras.articles:"); ++it) {
      CHECK(reader.get_metadata(*it) == "2");
      ++article_counts;
    }
    CHECK(article_counts == 1);
  }

  TEST_CASE("near-duplicates share a cluster key; an update that makes them differ splits it") {
    TempDir tmp;
    const std::string story =
        "أعلنت وزارة الصحة اليوم عن افتتاح مستشفى جديد في مدينة جدة بسعة خمسمئة سرير ويضم المستشفى أقساما "
        "متخصصة في أمراض القلب والأورام وطب الأطفال وقال المتحدث الرسمي باسم الوزارة إن المشروع يأتي ضمن خطة "
        "لتطوير الخدمات الصحية في المنطقة الغربية وإن التشغيل الكامل سيبدأ مطلع العام المقبل";
    const std::string other =
        "فاز المنتخب الوطني لكرة القدم على منافسه بثلاثة أهداف مقابل هدف في المباراة التي أقيمت مساء أمس على "
        "الملعب الدولي وسط حضور جماهيري كبير وأشاد المدرب بأداء اللاعبين وقال إن الفريق يستعد للبطولة القادمة "
        "بمعسكر خارجي يبدأ الأسبوع المقبل ويستمر عشرة أيام";
    const auto line = [](const std::string& id, const std::string& body) {
      return R"({"id":")" + id + R"(","source":"s","title":"خبر","content":")" + body + "\"}\n";
    };
    const auto key_of = [](const std::string& db, const std::string& id) {
      Xapian::Database reader(db);
      const Xapian::PostingIterator it = reader.postlist_begin("Q" + id);
      REQUIRE(it != reader.postlist_end("Q" + id));
      return reader.get_document(*it).get_value(2);
    };
    const std::string db = tmp / "db";
    write_file(tmp / "n1.jsonl", line("a", story) + line("b", story + " وأضاف أن الافتتاح الرسمي سيكون الشهر المقبل"));
    CHECK(index("--db " + db + " " + (tmp / "n1.jsonl")).exit_code == 0);
    CHECK(key_of(db, "a") == key_of(db, "b"));

    write_file(tmp / "n2.jsonl", line("a", other));
    CHECK(index("--db " + db + " " + (tmp / "n2.jsonl")).exit_code == 0);
    CHECK(key_of(db, "a") != key_of(db, "b"));

    // The same state built from scratch, in the other order, gives the same keys.
    const std::string fresh = tmp / "fresh";
    write_file(tmp / "n3.jsonl", line("b", story + " وأضاف أن الافتتاح الرسمي سيكون الشهر المقبل") + line("a", other));
    CHECK(index("--db " + fresh + " " + (tmp / "n3.jsonl")).exit_code == 0);
    CHECK(key_of(fresh, "a") == key_of(db, "a"));
    CHECK(key_of(fresh, "b") == key_of(db, "b"));
  }

  TEST_CASE("a second indexer fails at once on a locked database and damages nothing") {
    TempDir tmp;
    const std::string db = tmp / "db";
    CHECK(index("--db " + db + " " + samples + "/text").exit_code == 0);
    const auto before = document_snapshot(db);
    {
      Xapian::WritableDatabase holder(db, Xapian::DB_OPEN);
      const Result locked = index("--db " + db + " " + samples + "/articles.json");
      CHECK(locked.exit_code == 2);
      CHECK(locked.out.find("database is locked by another indexer") != std::string::npos);
    }
    CHECK(document_snapshot(db) == before);
  }

  TEST_CASE("--wait-lock waits for the other indexer") {
    TempDir tmp;
    const std::string db = tmp / "db";
    CHECK(index("--db " + db + " " + samples + "/text").exit_code == 0);
    auto holder = std::make_unique<Xapian::WritableDatabase>(db, Xapian::DB_OPEN);
    std::thread release([&holder] {
      std::this_thread::sleep_for(std::chrono::milliseconds(700));
      holder.reset();
    });
    const Result waited = index("--db " + db + " --wait-lock 20 " + samples + "/articles.json");
    release.join();
    CHECK(waited.exit_code == 0);
  }

  TEST_CASE("kill -9 in the middle of a run on a database, then the same command: complete, no duplicate") {
    TempDir tmp;
    const std::string db = tmp / "db";
    constexpr int total = 40000;
    write_big_input(tmp / "big.jsonl", total);
    // A database that already holds a document is written by one writer, batch by batch.
    REQUIRE(index("--db " + db + " " + samples + "/articles.json").exit_code == 0);
    const Xapian::doccount before = Xapian::Database(db).get_doccount();
    const std::string command = std::string(FAHRAS_INDEX_BIN) + " --progress off --commit-every 200 --db " + db + " " +
                                (tmp / "big.jsonl");
    // Start it, wait for its first commits, then kill -9 it mid-run.
    const pid_t pid = start_background(command, tmp);
    wait_for_documents(db, before + 400);
    kill_and_wait(pid);
    {
      Xapian::Database partial(db);  // opens: commits are atomic
      INFO("documents when killed: ", partial.get_doccount());
      CHECK(partial.get_doccount() >= before + 400);
      CHECK(partial.get_doccount() < before + total);
      CHECK(count_id_terms(db) == partial.get_doccount());
    }
    const Result resumed = run_command(command + " 2>&1");
    INFO(resumed.out);
    CHECK(resumed.exit_code == 0);
    CHECK(Xapian::Database(db).get_doccount() == before + total);
    CHECK(count_id_terms(db) == before + total);
  }

  TEST_CASE("kill -9 during a parallel first build: the database stays empty, the same command builds it") {
    TempDir tmp;
    const std::string db = tmp / "db";
    const std::string work = db + ".fahras-build";
    constexpr int total = 40000;
    write_big_input(tmp / "big.jsonl", total);
    const std::string command = std::string(FAHRAS_INDEX_BIN) + " --progress off --writers 2 --commit-every 200 --db " +
                                db + " " + (tmp / "big.jsonl");
    const pid_t pid = start_background(command, tmp);
    wait_for_documents(work + "/lookup", 400);
    kill_and_wait(pid);
    CHECK(Xapian::Database(db).get_doccount() == 0);  // nothing half-built is visible
    CHECK(std::filesystem::exists(work));
    const Result resumed = run_command(command + " 2>&1");
    INFO(resumed.out);
    CHECK(resumed.exit_code == 0);
    CHECK(Xapian::Database(db).get_doccount() == total);
    CHECK(count_id_terms(db) == total);
    CHECK_FALSE(std::filesystem::exists(work));
  }

  TEST_CASE("a first build by two writers is the same database as one by a single writer") {
    // Batches of 3 put the sample that repeats an id, and the near-duplicates, in different
    // batches: updates and re-keying reach documents already handed to a writer.
    for (const std::string batch : {"1000", "3"}) {
      CAPTURE(batch);
      TempDir tmp;
      const std::string one = tmp / "one";
      const std::string two = tmp / "two";
      const Result single = index("--writers 1 --commit-every " + batch + " --stats-json " + (tmp / "one.json") +
                                  " --db " + one + " " + sample_inputs);
      const Result parallel = index("--writers 2 --commit-every " + batch + " --stats-json " + (tmp / "two.json") +
                                    " --db " + two + " " + sample_inputs);
      CHECK(single.exit_code == 1);  // the samples hold bad records on purpose
      CHECK(parallel.exit_code == 1);
      nlohmann::json single_stats = stats(tmp / "one.json");
      nlohmann::json parallel_stats = stats(tmp / "two.json");
      single_stats.erase("seconds");
      parallel_stats.erase("seconds");
      single_stats.erase("docs_per_second");
      parallel_stats.erase("docs_per_second");
      CHECK(parallel_stats == single_stats);
      CHECK(document_snapshot(two) == document_snapshot(one));
      CHECK(spellings_and_metadata(two) == spellings_and_metadata(one));
      {  // words the samples hold twice or more are in the dictionary, with all their occurrences
        const Xapian::Database db(two);
        std::size_t words = 0;
        for (auto it = db.spellings_begin(); it != db.spellings_end(); ++it) {
          CHECK(it.get_termfreq() >= 2);
          ++words;
        }
        CHECK(words > 200);
      }
      CHECK_FALSE(std::filesystem::exists(two + ".fahras-build"));
      // The next night's run on the merged database: nothing changed.
      const Result rerun = index("--db " + two + " " + sample_inputs);
      CHECK(rerun.out.find(" 0 added, 0 updated, 42 unchanged") != std::string::npos);
    }
  }

  TEST_CASE("--progress terminal: how far through the input, and a diagnostic on a line of its own") {
    TempDir tmp;
    // Batches of 3: the first batch's progress line is drawn before the samples' bad records
    // are reported.
    const Result files = run_command(std::string(FAHRAS_INDEX_BIN) + " --progress terminal --commit-every 3 --db " +
                                     (tmp / "db") + " " + sample_inputs + " 2>&1");
    CHECK(files.exit_code == 1);  // the samples hold bad records on purpose
    // The final line, after the last redraw: every byte of the inputs read.
    CHECK(files.out.find("fahras-index: 46 records") != std::string::npos);
    CHECK(files.out.find(", 100% of the input\n") != std::string::npos);
    // No diagnostic is glued to a progress line: each starts its own line (or follows a
    // progress line cleared with "\r\x1b[K").
    std::size_t at = 0;
    while ((at = files.out.find(": warning: ", at)) != std::string::npos) {
      const std::size_t start = files.out.find_last_of('\n', at);
      const std::string line = files.out.substr(start == std::string::npos ? 0 : start + 1, at - start);
      const std::size_t cleared = line.rfind("\r\x1b[K");
      CHECK(line.substr(cleared == std::string::npos ? 0 : cleared).find("records/s") == std::string::npos);
      ++at;
    }
    CHECK(files.out.find("records/s, ") != std::string::npos);
    CHECK(files.out.find("\x1b[K") != std::string::npos);  // a progress line was cleared for a warning
    // Standard input has no known size: no share, no time left.
    const Result piped = run_command("cat " + samples + "/articles.json | " + FAHRAS_INDEX_BIN +
                                     " --progress terminal --db " + (tmp / "stdin") + " - 2>&1");
    CHECK(piped.exit_code == 0);
    CHECK(piped.out.find("fahras-index: 12 records") != std::string::npos);
    CHECK(piped.out.find("of the input") == std::string::npos);
  }

  TEST_CASE("URL, source and author lose their controls and escapes; the URL keeps what it points to") {
    TempDir tmp;
    const std::string db = tmp / "db";
    write_file(tmp / "esc.jsonl",
               R"({"url":"https://x.sa/news/\u001b[31m1\u001b]8;;http://evil\u0007x","source":"sabq\u001b[2J",)"
               R"("author":"أحمد\u0007 \u009b31m السالم","title":"عنوان الخبر","content":"نص الخبر"})"
               "\n");
    const Result indexed = index("--db " + db + " " + (tmp / "esc.jsonl"));
    INFO(indexed.out);
    CHECK(indexed.exit_code == 0);
    const std::string url = "https://x.sa/news/%1B[31m1%1B]8;;http://evil%07x";
    {
      Xapian::Database reader(db);
      REQUIRE(reader.get_doccount() == 1);
      CHECK(reader.get_termfreq("Q" + url) == 1);
      const auto data = nlohmann::json::parse(reader.get_document(*reader.postlist_begin("")).get_data());
      CHECK(data["url"] == url);
      CHECK(data["id"] == url);
      CHECK(data["source"] == "sabq");
      CHECK(data["author"] == "أحمد السالم");
    }
    // The README's example: the URL of each hit, through jq -r, writes no control to the terminal.
    const Result urls = run_command(std::string(FAHRAS_QUERY_BIN) + " --db " + db + " --jsonl الخبر");
    CHECK(urls.exit_code == 0);
    const std::string shown = nlohmann::json::parse(urls.out)["url"];  // what jq -r .url prints
    CHECK(shown == url);
    CHECK(std::none_of(shown.begin(), shown.end(), [](char c) { return static_cast<unsigned char>(c) < 0x20; }));
    // The same night again is unchanged; --delete finds the article by the URL as the crawl wrote it.
    CHECK(index("--db " + db + " " + (tmp / "esc.jsonl")).out.find("0 added, 0 updated, 1 unchanged") !=
          std::string::npos);
    const Result deleted =
        index("--db " + db + R"sh( --delete "$(printf 'https://x.sa/news/\033[31m1\033]8;;http://evil\007x')")sh");
    INFO(deleted.out);
    CHECK(deleted.out.find("1 deleted") != std::string::npos);
    CHECK(Xapian::Database(db).get_doccount() == 0);
  }

  TEST_CASE("a percent-encoded URL and the same URL in raw Arabic are one article") {
    TempDir tmp;
    const std::string db = tmp / "db";
    const std::string encoded = "https://x.sa/%d8%a7%d9%84%d8%ae%d8%a8%d8%b1?id=%2F1";  // الخبر
    const std::string raw = "https://x.sa/الخبر?id=%2F1";
    const auto article = [](const std::string& url, const std::string& body) {
      return R"({"url":")" + url + R"(","title":"عنوان","content":")" + body + "\"}\n";
    };
    write_file(tmp / "encoded.jsonl", article(encoded, "نص أول"));
    write_file(tmp / "raw.jsonl", article(raw, "نص ثان"));
    REQUIRE(index("--db " + db + " " + (tmp / "encoded.jsonl")).exit_code == 0);
    CHECK(Xapian::Database(db).get_termfreq("Q" + raw) == 1);  // the id decodes only what it may
    const Result raw_night = index("--db " + db + " " + (tmp / "raw.jsonl"));
    CHECK(raw_night.out.find("0 added, 1 updated") != std::string::npos);
    CHECK(count_id_terms(db) == 1);
    const Result deleted = index("--db " + db + " --delete " + shell_quote(encoded));
    INFO(deleted.out);
    CHECK(deleted.out.find("1 deleted") != std::string::npos);
    CHECK(Xapian::Database(db).get_doccount() == 0);

    // A database written before ids were normalized holds the URL as given: it still matches.
    REQUIRE(index("--db " + db + " " + (tmp / "encoded.jsonl")).exit_code == 0);
    {
      Xapian::WritableDatabase writable(db, Xapian::DB_OPEN);
      REQUIRE(writable.get_termfreq("Q" + raw) == 1);
      const Xapian::docid id = *writable.postlist_begin("Q" + raw);
      Xapian::Document doc = writable.get_document(id);
      doc.remove_term("Q" + raw);
      doc.add_boolean_term("Q" + encoded);  // as an earlier version wrote it
      writable.replace_document(id, doc);
      writable.commit();
    }
    // The same night again: found under its old id, and re-keyed (no second copy).
    const Result old_db = index("--db " + db + " " + (tmp / "encoded.jsonl"));
    INFO(old_db.out);
    CHECK(old_db.out.find("0 added, 1 updated") != std::string::npos);
    CHECK(count_id_terms(db) == 1);
    CHECK(Xapian::Database(db).get_termfreq("Q" + raw) == 1);  // re-keyed
    {
      Xapian::WritableDatabase writable(db, Xapian::DB_OPEN);
      REQUIRE(writable.get_termfreq("Q" + raw) == 1);
      const Xapian::docid id = *writable.postlist_begin("Q" + raw);
      Xapian::Document doc = writable.get_document(id);
      doc.remove_term("Q" + raw);
      doc.add_boolean_term("Q" + encoded);
      writable.replace_document(id, doc);
      writable.commit();
    }
    CHECK(index("--db " + db + " --delete " + shell_quote(encoded)).out.find("1 deleted") != std::string::npos);
    CHECK(Xapian::Database(db).get_doccount() == 0);
  }

  TEST_CASE("exit codes: warnings alone exit 0, errors 1; the summary counts the lines printed") {
    TempDir tmp;
    // Only warnings: an empty record, a text with invalid UTF-8, a date that does not parse.
    write_file(tmp / "warnings.jsonl", std::string(R"({"id":"empty"})") + "\n" +
                                           R"({"id":"bad-utf8","title":"عنوان","content":"نص )" + "\xff" + R"("})" +
                                           "\n" + R"({"id":"no-date","date":"someday","title":"خبر","content":"نص"})" +
                                           "\n");
    const Result warnings = index("--db " + (tmp / "db") + " --stats-json " + (tmp / "w.json") + " " +
                                  (tmp / "warnings.jsonl"));
    INFO(warnings.out);
    CHECK(warnings.exit_code == 0);
    CHECK(warnings.out.find("warnings.jsonl:1: warning: no title and no body, skipped") != std::string::npos);
    CHECK(warnings.out.find(": error:") == std::string::npos);
    CHECK(warnings.out.find("  3 warnings, 0 errors;") != std::string::npos);
    const auto w = stats(tmp / "w.json");
    CHECK(w["warnings"] == 3);
    CHECK(w["errors"] == 0);
    CHECK(w["skipped"] == 1);
    CHECK(w["exit_code"] == 0);

    // A malformed record is an error: exit 1, the rest indexed.
    write_file(tmp / "errors.jsonl", std::string("{broken\n") + R"({"id":"ok","title":"عنوان","content":"نص"})" + "\n");
    const Result errors = index("--db " + (tmp / "db") + " --stats-json " + (tmp / "e.json") + " " +
                                (tmp / "errors.jsonl"));
    INFO(errors.out);
    CHECK(errors.exit_code == 1);
    CHECK(errors.out.find("errors.jsonl:1:") != std::string::npos);
    CHECK(errors.out.find("  0 warnings, 1 error;") != std::string::npos);
    const auto e = stats(tmp / "e.json");
    CHECK(e["errors"] == 1);
    CHECK(e["added"] == 1);
    CHECK(e["exit_code"] == 1);
  }

  TEST_CASE("a date that is a word is named as no date at all; a count of 1 takes the singular") {
    TempDir tmp;
    write_file(tmp / "one.jsonl",
               std::string(R"({"id":"y","title":"عنوان","content":"نص","date":"yesterday"})") + "\n");
    const Result one = index("--db " + (tmp / "db") + " " + (tmp / "one.jsonl"));
    INFO(one.out);
    CHECK(one.exit_code == 0);
    CHECK(one.out.find(":1: warning: cannot read date 'yesterday': not a date; expected an ISO 8601 date") !=
          std::string::npos);
    CHECK(one.out.find("weekday") == std::string::npos);
    CHECK(one.out.find("fahras-index: 1 record: 1 added, ") != std::string::npos);
    CHECK(one.out.find("  1 warning, 0 errors; 1 document in the database; ") != std::string::npos);
    const Result option = index("--db " + (tmp / "x") + " --default-date yesterday " + (tmp / "one.jsonl"));
    CHECK(option.exit_code == 2);
    CHECK(option.out.find("--default-date: cannot read date 'yesterday': not a date;") != std::string::npos);
  }

  TEST_CASE("standard input, --field, --strict and bad arguments") {
    TempDir tmp;
    const std::string db = tmp / "db";
    const Result from_stdin = run_command("cat " + samples + "/articles.json | " + FAHRAS_INDEX_BIN +
                                          " --progress off --db " + db + " - 2>&1");
    CHECK(from_stdin.exit_code == 0);
    CHECK(Xapian::Database(db).get_doccount() == 12);

    // Bodies only: no title words in the index.
    const std::string bodies = tmp / "bodies";
    CHECK(index("--db " + bodies + " --field title= " + samples + "/articles.json").exit_code == 0);
    CHECK(Xapian::Database(bodies).allterms_begin("S") == Xapian::Database(bodies).allterms_end("S"));

    const Result strict = index("--db " + (tmp / "strict") + " --strict " + samples + "/articles.jsonl");
    CHECK(strict.exit_code == 2);
    CHECK(strict.out.find("--strict") != std::string::npos);
    CHECK(Xapian::Database(tmp / "strict").get_doccount() == 8);  // the records of lines 1-8

    // --strict when a bad record waits in the batch and the reader then meets a malformed one.
    write_file(tmp / "two-bad.jsonl", std::string(R"({"id":"ok1","title":"عنوان","content":"نص"})") + "\n" +
                                          R"({"id":"empty"})" + "\n" + "{broken\n" +
                                          R"({"id":"ok2","title":"عنوان","content":"نص"})" + "\n");
    const Result two_bad = index("--db " + (tmp / "strict2") + " --strict " + (tmp / "two-bad.jsonl"));
    CHECK(two_bad.exit_code == 2);
    CHECK(Xapian::Database(tmp / "strict2").get_doccount() == 1);

    CHECK(index("--db " + (tmp / "x") + " --field nope=x " + samples + "/text").exit_code == 2);
    CHECK_FALSE(std::filesystem::exists(tmp / "x"));  // a bad option changes nothing
    CHECK(index("--db " + (tmp / "x") + " --threads -1 " + samples + "/text").exit_code == 2);
    CHECK(index("--db " + (tmp / "x") + " --commit-every 0 " + samples + "/text").exit_code == 2);
    CHECK(index("--db " + (tmp / "x") + " --delete-before someday " + samples + "/text").exit_code == 2);
    CHECK_FALSE(std::filesystem::exists(tmp / "x"));
    CHECK(index("--db " + (tmp / "x") + " --timezone Mars/Olympus " + samples + "/text").exit_code == 2);
    CHECK(index(samples + "/text").exit_code == 2);  // no --db
    // An INPUT that does not exist is a bad argument: exit 2 before the database is touched.
    const Result missing = index("--db " + (tmp / "y") + " /nonexistent/dump.jsonl " + samples + "/text");
    CHECK(missing.exit_code == 2);
    CHECK(missing.out == "fahras-index: INPUT '/nonexistent/dump.jsonl': No such file or directory; nothing indexed "
                         "(see --help)\n");
    CHECK_FALSE(std::filesystem::exists(tmp / "y"));
    CHECK(index("--db " + (tmp / "y") + " " + samples + "/text").exit_code == 0);
    CHECK(Xapian::Database(tmp / "y").get_doccount() == 5);
    CHECK(index("--db " + (tmp / "y") + " --stemmer snowball " + samples + "/text").exit_code == 2);
    CHECK(index("--db " + (tmp / "y") + " --timezone Asia/Riyadh " + samples + "/text").exit_code == 2);

    // Without --stemmer and --timezone, an existing database's own settings are used.
    const std::string riyadh = tmp / "riyadh";
    CHECK(index("--db " + riyadh + " --stemmer snowball --timezone Asia/Riyadh " + samples + "/articles.json")
              .exit_code == 0);
    CHECK(index("--db " + riyadh + " " + samples + "/articles.json").out.find("12 unchanged") != std::string::npos);
    CHECK(index("--db " + riyadh + " --delete-before 2025-06-01").exit_code == 0);
  }
}
