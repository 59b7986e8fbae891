// tag_conll: CoNLL in, BIO predictions out (the job of fahras-tag).
#include "fahras/entities.hpp"

#include <istream>
#include <ostream>
#include <string>
#include <vector>

namespace fahras {
namespace {

// The token of a CoNLL line: its first field (tags and other columns are ignored).
std::string_view first_field(std::string_view line) {
  while (!line.empty() && (line.front() == ' ' || line.front() == '\t')) line.remove_prefix(1);
  const std::size_t end = line.find_first_of(" \t\r");
  return line.substr(0, end);
}

class SentenceTagger {
public:
  SentenceTagger(std::ostream& out, EntityRecognizer& recognizer) : out_(out), recognizer_(recognizer) {}

  void add(std::string_view token) {
    begins_.push_back(text_.size());
    text_ += token;
    ends_.push_back(text_.size());
    text_ += ' ';
    tokens_.emplace_back(token);
  }

  // Tags the sentence read so far and writes it; returns whether there was one.
  bool flush() {
    if (tokens_.empty()) return false;
    std::vector<std::string> tags(tokens_.size(), "O");
    std::size_t t = 0;
    for (const EntityMention& mention : recognizer_.find(text_)) {
      while (t < tokens_.size() && ends_[t] <= mention.begin) ++t;
      bool first = true;
      // A CoNLL token is in the mention when its bytes overlap the mention's.
      for (std::size_t u = t; u < tokens_.size() && begins_[u] < mention.end; ++u) {
        if (tags[u] != "O") continue;
        tags[u] = std::string(first ? "B-" : "I-") + std::string(conll_tag(mention.type));
        first = false;
      }
    }
    for (std::size_t i = 0; i < tokens_.size(); ++i) out_ << tokens_[i] << ' ' << tags[i] << '\n';
    text_.clear();
    tokens_.clear();
    begins_.clear();
    ends_.clear();
    return true;
  }

private:
  std::ostream& out_;
  EntityRecognizer& recognizer_;
  std::string text_;
  std::vector<std::string> tokens_;
  std::vector<std::size_t> begins_;
  std::vector<std::size_t> ends_;
};

}  // namespace

ConllCounts tag_conll(std::istream& in, std::ostream& out, EntityRecognizer& recognizer) {
  ConllCounts counts;
  SentenceTagger sentence(out, recognizer);
  std::string line;
  while (std::getline(in, line)) {
    const std::string_view token = first_field(line);
    if (token.empty()) {
      if (sentence.flush()) ++counts.sentences;
      out << '\n';
      continue;
    }
    sentence.add(token);
    ++counts.tokens;
    if (token == ".") {
      sentence.flush();
      ++counts.sentences;
    }
  }
  if (sentence.flush()) ++counts.sentences;
  return counts;
}

}  // namespace fahras
