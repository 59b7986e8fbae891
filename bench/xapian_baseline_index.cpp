// The peer for bench/index_throughput.sh: a plain Xapian indexer over the same articles,
// with Xapian's defaults — TermGenerator with Stem("arabic"), title and body with positions,
// the URL as unique id term, the article as data, one commit at the end (Xapian's own
// automatic flushing every 10,000 documents).
//
//   xapian_baseline_index DB                          the baseline
//   xapian_baseline_index DB --writers N --flush D    the same documents written by N threads,
//                                                     each to a partial database committed every
//                                                     D documents, merged by the compactor: what
//                                                     Xapian alone can do on this machine
#include "corpus.hpp"

#include <xapian.h>

#include <charconv>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <string>
#include <string_view>
#include <system_error>
#include <thread>
#include <vector>

namespace {

using Articles = std::vector<fahras::bench::Article>;

// Writes articles first, first + step, first + 2 step … to `db`, committing every `flush`.
void write(Xapian::WritableDatabase& db, const Articles& articles, std::size_t first, std::size_t step,
           std::size_t flush) {
  Xapian::TermGenerator generator;
  generator.set_stemmer(Xapian::Stem("arabic"));
  std::size_t since_commit = 0;
  for (std::size_t i = first; i < articles.size(); i += step) {
    const auto& a = articles[i];
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
    if (flush != 0 && ++since_commit == flush) {
      db.commit();
      since_commit = 0;
    }
  }
  db.commit();
}

}  // namespace

int main(int argc, char** argv) {
  std::size_t writers = 0;  // 0: the baseline, in the database itself
  std::size_t flush = 0;    // 0: Xapian's default
  bool usage_error = argc < 2 || argc % 2 != 0;  // DB, then options with their values
  for (int i = 2; !usage_error && i + 1 < argc; i += 2) {
    const std::string option = argv[i];
    const std::string_view value = argv[i + 1];
    std::size_t* target = option == "--writers" ? &writers : option == "--flush" ? &flush : nullptr;
    const auto parsed = target == nullptr ? std::from_chars_result{}
                                          : std::from_chars(value.data(), value.data() + value.size(), *target);
    usage_error = target == nullptr || parsed.ec != std::errc{} || parsed.ptr != value.data() + value.size();
  }
  if (usage_error) {
    std::fprintf(stderr, "usage: xapian_baseline_index DB [--writers N] [--flush DOCS]\n");
    return 2;
  }
  const std::string path = argv[1];
  const auto start = std::chrono::steady_clock::now();
  const auto articles = fahras::bench::load_crawl(fahras::bench::shared_dir() / "corpora" / "saudinewsnet");
  if (writers == 0) {
    Xapian::WritableDatabase db(path, Xapian::DB_CREATE_OR_OVERWRITE);
    write(db, articles, 0, 1, flush);
  } else {
    std::vector<std::thread> threads;
    for (std::size_t w = 0; w < writers; ++w) {
      threads.emplace_back([&, w] {
        Xapian::WritableDatabase part(path + ".part-" + std::to_string(w), Xapian::DB_CREATE_OR_OVERWRITE);
        write(part, articles, w, writers, flush);
      });
    }
    for (auto& thread : threads) thread.join();
    Xapian::Database parts;
    for (std::size_t w = 0; w < writers; ++w) parts.add_database(Xapian::Database(path + ".part-" + std::to_string(w)));
    std::filesystem::remove_all(path);
    parts.compact(path);
    for (std::size_t w = 0; w < writers; ++w) std::filesystem::remove_all(path + ".part-" + std::to_string(w));
  }
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::printf("xapian %s: %zu articles in %.1f s, %.0f docs/s\n", writers == 0 ? "baseline" : "parallel",
              articles.size(), seconds, static_cast<double>(articles.size()) / seconds);
  return 0;
}
