// ner_eval: entity tagging quality (exact span and type, conlleval-style, PERS/LOC/ORG; MISC
// ignored) of the gazetteer, the rules and both on an annotated CoNLL file, and the
// recognizer's throughput. See bench/ner_eval.sh.
#include "corpus.hpp"
#include "fahras/entities.hpp"

#include <algorithm>
#include <array>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <iostream>
#include <map>
#include <sstream>
#include <string>
#include <tuple>
#include <vector>

namespace {

constexpr std::array<std::string_view, 3> types = {"PERS", "LOC", "ORG"};

struct Chunk {
  std::size_t first = 0;
  std::size_t end = 0;
  std::string type;
  friend bool operator<(const Chunk& a, const Chunk& b) {
    return std::tie(a.first, a.end, a.type) < std::tie(b.first, b.end, b.type);
  }
  friend bool operator==(const Chunk& a, const Chunk& b) = default;
};

struct Line {
  std::string token;
  std::string tag;  // empty for a blank line
};

std::vector<Line> read_conll(std::istream& in) {
  std::vector<Line> lines;
  std::string text;
  while (std::getline(in, text)) {
    std::istringstream fields(text);
    Line line;
    fields >> line.token;
    std::string field;
    while (fields >> field) line.tag = field;
    if (!line.token.empty() && line.tag.empty()) line.tag = "O";  // a lone field (the file has a few "O" lines)
    lines.push_back(std::move(line));
  }
  return lines;
}

// conlleval's chunks: B-X starts one, I-X continues one of type X or starts one; MISC is O.
std::vector<Chunk> chunks(const std::vector<Line>& lines) {
  std::vector<Chunk> out;
  bool open = false;
  for (std::size_t i = 0; i <= lines.size(); ++i) {
    std::string tag = i < lines.size() ? lines[i].tag : "";
    if (tag.size() < 3 || tag.substr(2) == "MISC") tag = "O";
    const std::string type = tag == "O" ? "" : tag.substr(2);
    const bool continues = open && tag[0] == 'I' && out.back().type == type;
    if (open && !continues) open = false;
    if (type.empty() || continues) {
      if (continues) out.back().end = i + 1;
      continue;
    }
    out.push_back({i, i + 1, type});
    open = true;
  }
  return out;
}

struct Score {
  std::map<std::string, std::array<std::size_t, 3>> counts;  // type → true positives, predicted, gold
  void add(const std::vector<Chunk>& gold, const std::vector<Chunk>& predicted) {
    for (const Chunk& c : gold) ++counts[c.type][2];
    for (const Chunk& c : predicted) {
      ++counts[c.type][1];
      if (std::binary_search(gold.begin(), gold.end(), c)) ++counts[c.type][0];
    }
  }
  static std::string prf(std::size_t tp, std::size_t predicted, std::size_t gold) {
    const double p = predicted ? 100.0 * static_cast<double>(tp) / static_cast<double>(predicted) : 0;
    const double r = gold ? 100.0 * static_cast<double>(tp) / static_cast<double>(gold) : 0;
    const double f = p + r > 0 ? 2 * p * r / (p + r) : 0;
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, "%5.1f %5.1f %5.1f", p, r, f);
    return buffer;
  }
  [[nodiscard]] std::string row() const {
    std::string out;
    std::array<std::size_t, 3> all{};
    for (const std::string_view type : types) {
      const auto found = counts.find(std::string(type));
      const std::array<std::size_t, 3> c = found == counts.end() ? std::array<std::size_t, 3>{} : found->second;
      out += " | " + prf(c[0], c[1], c[2]);
      for (std::size_t k = 0; k < 3; ++k) all[k] += c[k];
    }
    return " | " + prf(all[0], all[1], all[2]) + out;
  }
};

std::vector<Line> tag(const std::string& conll, const fahras::EntityRules& rules) {
  fahras::EntityRecognizer recognizer({}, rules);
  std::istringstream in(conll);
  std::ostringstream out;
  fahras::tag_conll(in, out, recognizer);
  std::istringstream predicted(out.str());
  return read_conll(predicted);
}

void print_errors(const std::vector<Line>& gold_lines, const std::vector<Chunk>& gold, const std::vector<Chunk>& predicted) {
  auto text = [&](const Chunk& c) {
    std::string s;
    for (std::size_t i = c.first; i < c.end; ++i) s += (s.empty() ? "" : " ") + gold_lines[i].token;
    return s;
  };
  auto context = [&](const Chunk& c) {
    std::string s;
    for (std::size_t i = c.first >= 3 ? c.first - 3 : 0; i < std::min(gold_lines.size(), c.end + 2); ++i) {
      s += (i == c.first ? "[" : "") + gold_lines[i].token + (i + 1 == c.end ? "]" : "") + " ";
    }
    return s;
  };
  for (const Chunk& c : predicted) {
    if (!std::binary_search(gold.begin(), gold.end(), c)) std::printf("FP %s\t%s\t%s\n", c.type.c_str(), text(c).c_str(), context(c).c_str());
  }
  for (const Chunk& c : gold) {
    if (!std::binary_search(predicted.begin(), predicted.end(), c)) std::printf("FN %s\t%s\t%s\n", c.type.c_str(), text(c).c_str(), context(c).c_str());
  }
}

// Tokens per second of EntityRecognizer::find alone over `texts`, best of `rounds`, one thread.
double throughput(const std::vector<std::string>& texts, std::size_t tokens, int rounds) {
  fahras::EntityRecognizer recognizer;
  double best = 0;
  for (int r = 0; r < rounds; ++r) {
    const auto start = std::chrono::steady_clock::now();
    std::size_t mentions = 0;
    std::size_t overlaps = 0;
    for (const std::string& text : texts) {
      const auto found = recognizer.find(text);
      for (std::size_t i = 1; i < found.size(); ++i) overlaps += found[i - 1].end > found[i].begin ? 1 : 0;
      mentions += found.size();
    }
    if (overlaps > 0) std::printf("(%zu overlapping mentions: a bug)\n", overlaps);
    const std::chrono::duration<double> seconds = std::chrono::steady_clock::now() - start;
    best = std::max(best, static_cast<double>(tokens) / seconds.count());
    if (mentions == 0) std::printf("(no mentions?)\n");
  }
  return best;
}

}  // namespace

int main(int argc, char** argv) {
  std::string path = (fahras::bench::shared_dir() / "eval" / "ner_dev" / "anercorp_train_range.conll").string();
  std::string errors_of;
  std::size_t crawl_articles = 0;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--conll" && i + 1 < argc) path = argv[++i];
    else if (arg == "--errors" && i + 1 < argc) errors_of = argv[++i];
    else if (arg == "--crawl" && i + 1 < argc) crawl_articles = std::stoul(argv[++i]);
    else {
      std::fprintf(stderr, "usage: ner_eval [--conll FILE] [--errors CONFIG] [--crawl ARTICLES]\n");
      return 2;
    }
  }
  std::ifstream file(path, std::ios::binary);
  if (!file) {
    std::fprintf(stderr, "ner_eval: %s: cannot open\n", path.c_str());
    return 2;
  }
  const std::string conll((std::istreambuf_iterator<char>(file)), std::istreambuf_iterator<char>());
  std::istringstream in(conll);
  const std::vector<Line> gold_lines = read_conll(in);
  const std::vector<Chunk> gold = chunks(gold_lines);

  fahras::EntityRules all;
  std::vector<std::pair<std::string, fahras::EntityRules>> configs = {
      {"gazetteer only", fahras::EntityRules::gazetteer_only()},
      {"rules only", fahras::EntityRules::rules_only()},
      {"both (default)", all}};
  auto without = [&](const char* name, bool fahras::EntityRules::*flag) {
    fahras::EntityRules rules = all;
    rules.*flag = false;
    configs.emplace_back(std::string("both without ") + name, rules);
  };
  without("titles", &fahras::EntityRules::titles);
  without("given-names", &fahras::EntityRules::given_names);
  without("org-cues", &fahras::EntityRules::org_cues);
  auto with = [&](const char* name, bool fahras::EntityRules::*flag) {
    fahras::EntityRules rules = all;
    rules.*flag = true;
    configs.emplace_back(std::string("both with ") + name, rules);
  };
  with("org-heads", &fahras::EntityRules::org_heads);
  with("government", &fahras::EntityRules::government_bodies);
  without("place-cues", &fahras::EntityRules::place_cues);
  without("discourse", &fahras::EntityRules::discourse);

  std::printf("%s: %zu tokens, %zu PERS/LOC/ORG chunks; gazetteer of %zu entities\n\n", path.c_str(), gold_lines.size(),
              gold.size(), fahras::EntityRecognizer::gazetteer_size());
  std::printf("| configuration | P | R | F1 | PERS P | R | F1 | LOC P | R | F1 | ORG P | R | F1 |\n");
  std::printf("|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
  for (const auto& [name, rules] : configs) {
    const std::vector<Line> predicted_lines = tag(conll, rules);
    if (predicted_lines.size() != gold_lines.size()) {
      std::fprintf(stderr, "ner_eval: %zu predicted lines for %zu gold lines\n", predicted_lines.size(), gold_lines.size());
      return 1;
    }
    std::vector<Chunk> predicted = chunks(predicted_lines);
    std::sort(predicted.begin(), predicted.end());
    Score score;
    score.add(gold, predicted);
    std::printf("| %s%s |\n", name.c_str(), score.row().c_str());
    if (name == errors_of || (errors_of == "both" && name == "both (default)")) print_errors(gold_lines, gold, predicted);
  }

  // Throughput of the recognizer alone: the sentences of the file as texts.
  std::vector<std::string> sentences(1);
  std::size_t tokens = 0;
  for (const Line& line : gold_lines) {
    if (line.token.empty()) {
      if (!sentences.back().empty()) sentences.emplace_back();
      continue;
    }
    sentences.back() += line.token + " ";
    ++tokens;
  }
  std::printf("\nthroughput, one thread, EntityRecognizer::find alone, best of 3:\n");
  std::printf("  %s sentences: %.0f tokens/s\n", path.c_str(), throughput(sentences, tokens, 3));
  if (crawl_articles > 0) {
    const auto articles = fahras::bench::load_crawl(fahras::bench::shared_dir() / "corpora" / "saudinewsnet");
    std::vector<std::string> texts;
    std::size_t words = 0;
    fahras::Analyzer analyzer;
    for (std::size_t i = 0; i < articles.size() && i < crawl_articles; ++i) {
      texts.push_back(articles[i].title + "\n" + articles[i].content);
      words += analyzer.analyze(texts.back(), [](const fahras::TokenView&) {}).tokens;
    }
    std::printf("  shared crawl, %zu articles (%zu words): %.0f tokens/s\n", texts.size(), words, throughput(texts, words, 3));
  }
  return 0;
}
