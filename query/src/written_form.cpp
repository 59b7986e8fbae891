#include "written_form.hpp"

#include "snippet_parts.hpp"
#include "stored_article.hpp"

#include <algorithm>
#include <string_view>
#include <utility>
#include <vector>

namespace fahras::query {

std::string written_form(const Xapian::Database& db, Analyzer& analyzer, const std::string& normalized,
                         std::size_t sample) {
  MatchSpec spec;
  MatchSpec::Word word;
  word.normalized = normalized;
  word.exact = true;  // the form itself, not its stem
  spec.words.push_back(word);
  std::vector<std::pair<std::string, std::size_t>> forms;  // in the order met
  std::size_t read = 0;
  for (auto it = db.postlist_begin(normalized); it != db.postlist_end(normalized) && read < sample; ++it, ++read) {
    const StoredArticle article = read_stored_article(db.get_document(*it).get_data());
    for (const std::string* text : {&article.title, &article.body}) {
      const snippet_parts::Analysis analysis = snippet_parts::read_text(*text, spec, analyzer);
      for (const snippet_parts::Hit& hit : analysis.hits) {
        const snippet_parts::Tok& tok = analysis.toks[hit.first];
        const std::string_view form = std::string_view(*text).substr(tok.begin, tok.end - tok.begin);
        const auto known = std::find_if(forms.begin(), forms.end(), [&](const auto& f) { return f.first == form; });
        if (known != forms.end()) {
          ++known->second;
        } else {
          forms.emplace_back(std::string(form), 1);
        }
      }
    }
  }
  if (forms.empty()) return normalized;
  // The most frequent; stable, so that a tie goes to the form met first.
  const auto most =
      std::max_element(forms.begin(), forms.end(), [](const auto& a, const auto& b) { return a.second < b.second; });
  return most->first;
}

}  // namespace fahras::query
