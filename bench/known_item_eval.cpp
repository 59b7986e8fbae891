// Known-item retrieval under each analysis profile: index the bodies of the shared crawl
// into a temporary Xapian database with fahras's analyzer, run the title queries of
// ../shared/eval/known_item_*.tsv, print MRR@10 and Recall@10.
//
//   known_item_eval [--stemmer light|snowball|none] [--keep-hamza] [--xapian-termgenerator]
//
// With --xapian-termgenerator the peer is measured instead: Xapian's own TermGenerator
// and QueryParser with Stem("arabic"), as scriptindex would index.
#include "corpus.hpp"
#include "fahras/analysis.hpp"

#include <xapian.h>

#include <chrono>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <iostream>
#include <map>
#include <sstream>
#include <string>
#include <unistd.h>

namespace {

struct Query {
  std::string id;
  std::string text;
  std::string target;
};

std::vector<Query> read_queries(const std::filesystem::path& path) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error(path.string() + ": cannot open");
  std::vector<Query> queries;
  std::string line;
  while (std::getline(in, line)) {
    std::istringstream fields(line);
    Query q;
    std::getline(fields, q.id, '\t');
    std::getline(fields, q.text, '\t');
    std::getline(fields, q.target, '\t');
    if (!q.target.empty()) queries.push_back(q);
  }
  return queries;
}

struct Scores {
  double mrr = 0;
  double recall = 0;
};

}  // namespace

int main(int argc, char** argv) {
  fahras::AnalysisProfile profile;
  bool use_termgenerator = false;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--stemmer" && i + 1 < argc) {
      const auto kind = fahras::parse_stemmer_kind(argv[++i]);
      if (!kind) {
        std::cerr << "unknown stemmer\n";
        return 2;
      }
      profile.stemmer = *kind;
    } else if (arg == "--keep-hamza") {
      profile.hamza_carriers = fahras::HamzaCarriers::Keep;
    } else if (arg == "--xapian-termgenerator") {
      use_termgenerator = true;
    } else {
      std::cerr << "usage: known_item_eval [--stemmer light|snowball|none] [--keep-hamza] [--xapian-termgenerator]\n";
      return 2;
    }
  }
  const auto shared = fahras::bench::shared_dir();
  const auto articles = fahras::bench::load_crawl(shared / "corpora" / "saudinewsnet");

  char db_template[] = "/tmp/fahras-known-item-XXXXXX";
  if (mkdtemp(db_template) == nullptr) return 1;
  const std::string db_path = db_template;

  const auto start = std::chrono::steady_clock::now();
  fahras::Analyzer analyzer(profile);
  {
    Xapian::WritableDatabase db(db_path, Xapian::DB_CREATE_OR_OVERWRITE);
    Xapian::TermGenerator generator;
    generator.set_stemmer(Xapian::Stem("arabic"));
    std::map<std::string, bool> seen;
    for (const auto& article : articles) {
      if (seen[article.url]) continue;  // the crawl delivers some articles twice
      seen[article.url] = true;
      Xapian::Document doc;
      if (use_termgenerator) {
        generator.set_document(doc);
        generator.index_text(article.content);
      } else {
        analyzer.analyze(article.content, [&doc](const fahras::TokenView& t) {
          doc.add_posting(std::string(t.stem), t.position + 1);
        });
      }
      doc.add_boolean_term("Q" + article.url);
      doc.set_data(article.url);
      db.add_document(doc);
    }
    db.commit();
  }
  const double index_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();

  Xapian::Database db(db_path);
  Xapian::Enquire enquire(db);
  enquire.set_weighting_scheme(Xapian::BM25Weight());
  Xapian::QueryParser parser;
  parser.set_stemmer(Xapian::Stem("arabic"));
  parser.set_stemming_strategy(Xapian::QueryParser::STEM_SOME);
  parser.set_database(db);
  parser.set_default_op(Xapian::Query::OP_OR);

  std::cout << (use_termgenerator ? std::string("xapian-termgenerator stem=arabic") : profile.id())
            << "  (indexed " << db.get_doccount() << " bodies in " << index_seconds << " s)\n";
  for (const char* set : {"known_item_dev.tsv", "known_item_perturbed_dev.tsv"}) {
    const auto queries = read_queries(shared / "eval" / set);
    Scores scores;
    for (const auto& q : queries) {
      Xapian::Query query;
      if (use_termgenerator) {
        query = parser.parse_query(q.text, 0);
      } else {
        std::vector<Xapian::Query> terms;
        analyzer.analyze(q.text, [&terms](const fahras::TokenView& t) {
          if (!t.is_stop) terms.emplace_back(std::string(t.stem));
        });
        query = Xapian::Query(Xapian::Query::OP_OR, terms.begin(), terms.end());
      }
      enquire.set_query(query);
      const Xapian::MSet mset = enquire.get_mset(0, 10);
      int rank = 1;
      for (auto it = mset.begin(); it != mset.end(); ++it, ++rank) {
        if (it.get_document().get_data() == q.target) {
          scores.mrr += 1.0 / rank;
          scores.recall += 1.0;
          break;
        }
      }
    }
    const auto n = static_cast<double>(queries.size());
    std::printf("  %-30s queries %3zu  MRR@10 %.3f  R@10 %.3f\n", set, queries.size(), scores.mrr / n,
                scores.recall / n);
  }
  std::filesystem::remove_all(db_path);
  return 0;
}
