#include "database_snapshot.hpp"

#include <doctest/doctest.h>
#include <xapian.h>

#include <chrono>
#include <thread>

namespace fahras::test {

std::map<std::string, std::string> document_snapshot(const std::string& db_path) {
  Xapian::Database db(db_path);
  std::map<std::string, std::string> docs;
  for (auto it = db.postlist_begin(""); it != db.postlist_end(""); ++it) {
    const Xapian::Document doc = db.get_document(*it);
    std::string id;
    std::string all = doc.get_data();
    for (auto t = doc.termlist_begin(); t != doc.termlist_end(); ++t) {
      all += "|" + *t + ":" + std::to_string(t.get_wdf());
      for (auto p = t.positionlist_begin(); p != t.positionlist_end(); ++p) all += "," + std::to_string(*p);
      if ((*t)[0] == 'Q') id = *t;
    }
    for (auto v = doc.values_begin(); v != doc.values_end(); ++v) all += "|v" + std::to_string(v.get_valueno()) + "=" + *v;
    docs[id] = all;
  }
  return docs;
}

std::size_t count_id_terms(const std::string& db_path) {
  const Xapian::Database db(db_path);
  std::size_t n = 0;
  for (auto t = db.allterms_begin("Q"); t != db.allterms_end("Q"); ++t) {
    CHECK(t.get_termfreq() == 1);  // no duplicate
    ++n;
  }
  return n;
}

std::vector<std::string> spellings_and_metadata(const std::string& db_path) {
  Xapian::Database db(db_path);
  std::vector<std::string> all;
  for (auto it = db.spellings_begin(); it != db.spellings_end(); ++it) {
    all.push_back(*it + ":" + std::to_string(it.get_termfreq()));
  }
  for (auto it = db.metadata_keys_begin(); it != db.metadata_keys_end(); ++it) {
    all.push_back(*it + "=" + db.get_metadata(*it));
  }
  return all;
}

void wait_for_documents(const std::string& db_path, std::size_t documents) {
  for (int i = 0; i < 600; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    try {
      if (Xapian::Database(db_path).get_doccount() >= documents) return;
    } catch (const Xapian::Error&) {
      // not created yet
    }
  }
}

}  // namespace fahras::test
