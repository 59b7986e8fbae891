// The peer for bench/index_throughput.sh: a plain Xapian indexer over the same articles,
// with Xapian's defaults — TermGenerator with Stem("arabic"), title and body with positions,
// the URL as unique id term, the article as data, one commit at the end (Xapian's own
// automatic flushing every 10,000 documents).
//
//   xapian_baseline_index DB
#include "corpus.hpp"

#include <xapian.h>

#include <chrono>
#include <cstdio>
#include <string>

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: xapian_baseline_index DB\n");
    return 2;
  }
  const auto start = std::chrono::steady_clock::now();
  const auto articles = fahras::bench::load_crawl(fahras::bench::shared_dir() / "corpora" / "saudinewsnet");
  Xapian::WritableDatabase db(argv[1], Xapian::DB_CREATE_OR_OVERWRITE);
  Xapian::TermGenerator generator;
  generator.set_stemmer(Xapian::Stem("arabic"));
  for (const auto& a : articles) {
    Xapian::Document doc;
    generator.set_document(doc);
    generator.index_text(a.title, 1, "S");
    generator.index_text(a.title);
    generator.increase_termpos();
    generator.index_text(a.content);
    doc.set_data(a.title + "\n" + a.url + "\n" + a.content);
    const std::string id = "Q" + a.url.substr(0, 240);
    doc.add_boolean_term(id);
    db.replace_document(id, doc);
  }
  db.commit();
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::printf("xapian baseline: %zu articles in %.1f s, %.0f docs/s\n", articles.size(), seconds,
              static_cast<double>(articles.size()) / seconds);
  return 0;
}
