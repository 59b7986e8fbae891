// Which words enter the spelling dictionary: indexed at least twice in one run.
#include "spelling_admission.hpp"

#include <doctest/doctest.h>
#include <unistd.h>

#include <filesystem>
#include <map>
#include <string>

using fahras::indexer::SpellingAdmission;
using fahras::indexer::SpellingCounts;

namespace {

namespace fs = std::filesystem;

// A glass database in a temporary folder (Xapian's in-memory backend has no spelling table).
class TempDb {
public:
  TempDb() {
    static int counter = 0;
    path_ = fs::temp_directory_path() / ("fahras-spelling-test-" + std::to_string(::getpid()) + "-" +
                                         std::to_string(counter++));
    fs::remove_all(path_);
    db = Xapian::WritableDatabase(path_.string(), Xapian::DB_CREATE | Xapian::DB_BACKEND_GLASS);
  }
  ~TempDb() {
    db.close();
    fs::remove_all(path_);
  }
  TempDb(const TempDb&) = delete;
  TempDb& operator=(const TempDb&) = delete;

  Xapian::WritableDatabase db;

private:
  fs::path path_;
};

std::map<std::string, Xapian::doccount> dictionary(const Xapian::Database& db) {
  std::map<std::string, Xapian::doccount> words;
  for (auto it = db.spellings_begin(); it != db.spellings_end(); ++it) words[*it] = it.get_termfreq();
  return words;
}

}  // namespace

TEST_SUITE("indexer spelling") {
  TEST_CASE("batch by batch: a word enters once the run has seen it twice, with both occurrences") {
    TempDb temp;
    SpellingAdmission admission;
    admission.admit_batch(temp.db, {{"المفاوضات", 1}, {"جنيف", 3}, {"الوفدين", 1}});
    temp.db.commit();
    CHECK(dictionary(temp.db) == std::map<std::string, Xapian::doccount>{{"جنيف", 3}});
    CHECK(admission.waiting() == 2);

    // The second occurrence, a batch later, brings the first one with it.
    admission.admit_batch(temp.db, {{"المفاوضات", 1}, {"جنيف", 1}, {"فيينا", 1}});
    temp.db.commit();
    CHECK(dictionary(temp.db) == std::map<std::string, Xapian::doccount>{{"المفاوضات", 2}, {"جنيف", 4}});
    CHECK(admission.waiting() == 2);  // الوفدين, فيينا

    // A later run: a word already in the dictionary counts from its first occurrence.
    SpellingAdmission next_run;
    next_run.admit_batch(temp.db, {{"المفاوضات", 1}, {"الوفدين", 1}});
    temp.db.commit();
    CHECK(dictionary(temp.db) == std::map<std::string, Xapian::doccount>{{"المفاوضات", 3}, {"جنيف", 4}});
    CHECK(next_run.waiting() == 1);
  }

  TEST_CASE("a run's summed counts give what the same run gives batch by batch") {
    const SpellingCounts first = {{"أ", 1}, {"ب", 2}, {"ج", 1}, {"د", 1}};
    const SpellingCounts second = {{"أ", 1}, {"ه", 5}, {"د", 3}};
    TempDb batches;
    SpellingAdmission admission;
    admission.admit_batch(batches.db, first);
    admission.admit_batch(batches.db, second);
    batches.db.commit();

    TempDb whole;
    SpellingCounts run = first;
    for (const auto& [word, count] : second) run[word] += count;
    SpellingAdmission::admit_run(whole.db, run, false);
    whole.db.commit();
    CHECK(dictionary(whole.db) == dictionary(batches.db));
    CHECK(dictionary(whole.db) == std::map<std::string, Xapian::doccount>{{"أ", 2}, {"ب", 2}, {"د", 4}, {"ه", 5}});

    // Checking the dictionary: a word it already holds is added with a single occurrence.
    SpellingAdmission::admit_run(whole.db, {{"ج", 1}, {"ه", 1}}, true);
    whole.db.commit();
    CHECK(dictionary(whole.db).at("ه") == 6);
    CHECK(dictionary(whole.db).count("ج") == 0);
  }
}
