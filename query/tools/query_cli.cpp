#include "query_cli.hpp"

#include <fmt/format.h>

#include <fstream>
#include <stdexcept>
#include <utility>
#include <iostream>

namespace fahras::cli {

namespace {

constexpr int exit_hits = 0;
constexpr int exit_no_hits = 1;
constexpr int exit_error = 2;

// Control characters in stored text never reach the terminal raw.
std::string printable(const std::string& text) {
  std::string out;
  out.reserve(text.size());
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    out += (byte < 0x20 && c != '\t') || byte == 0x7F ? ' ' : c;
  }
  return out;
}

void print_hit(const SearchHit& hit, const QueryOptions& options, std::ostream& out) {
  const std::string title = options.request.highlight == HighlightStyle::None ? hit.title : hit.title_rendered;
  out << hit.rank << ". " << printable(title.empty() ? hit.title : title) << '\n';
  std::string meta = hit.source;
  if (!hit.date.empty()) meta += (meta.empty() ? "" : " · ") + hit.date.substr(0, 10);
  if (!hit.url.empty()) meta += (meta.empty() ? "" : " · ") + hit.url;
  if (hit.duplicates > 0) meta += fmt::format(" (+{} near-duplicate{})", hit.duplicates, hit.duplicates == 1 ? "" : "s");
  out << "   " << printable(meta) << '\n';
  const std::string snippet = options.request.highlight == HighlightStyle::None ? hit.snippet : hit.snippet_rendered;
  if (!snippet.empty()) out << "   " << printable(snippet) << '\n';
  out << '\n';
}

void print_text(const SearchResponse& response, const QueryOptions& options, std::ostream& out) {
  if (response.suggestion) out << "Did you mean: " << *response.suggestion << '\n';
  for (const SearchHit& hit : response.hits) print_hit(hit, options, out);
  out << fmt::format("{} hit{} of about {} ({:.1f} ms)\n", response.hits.size(), response.hits.size() == 1 ? "" : "s",
                     response.total, response.elapsed_ms);
  if (!response.facets.sources.empty() || !response.facets.months.empty()) {
    out << "sources:";
    for (const auto& [name, count] : response.facets.sources) out << ' ' << printable(name) << " (" << count << ')';
    out << "\nmonths:";
    for (const auto& [month, count] : response.facets.months) out << ' ' << month << " (" << count << ')';
    out << '\n';
  }
}

int run_batch(Searcher& searcher, const QueryOptions& options, std::istream& in, std::ostream& err, std::ostream& out) {
  std::ifstream file;
  std::istream* source = &in;
  if (options.batch != "-") {
    file.open(options.batch);
    if (!file) {
      err << "fahras-query: cannot read the batch file '" << options.batch << "'\n";
      return exit_error;
    }
    source = &file;
  }
  SearchRequest request = options.request;
  std::string line;
  while (std::getline(*source, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    request.text = line;
    try {
      out << to_json(searcher.search(request)) << '\n';
    } catch (const QuerySyntaxError& e) {
      out << error_json(line, e.what()) << '\n';
    } catch (const RequestError& e) {
      err << "fahras-query: " << e.what() << '\n';
      return exit_error;
    }
    out.flush();  // one answer a line, at once: the batch can serve a co-process
  }
  return exit_hits;
}

}  // namespace

SortOrder parse_sort(const std::string& name) {
  if (name == "relevance") return SortOrder::Relevance;
  if (name == "newest") return SortOrder::Newest;
  if (name == "oldest") return SortOrder::Oldest;
  throw std::invalid_argument(fmt::format("--sort must be relevance, newest or oldest, not '{}'", name));
}

DefaultOperator parse_operator(const std::string& name) {
  if (name == "or") return DefaultOperator::Or;
  if (name == "and") return DefaultOperator::AndWithFallback;
  throw std::invalid_argument(fmt::format("--operator must be or or and, not '{}'", name));
}

void set_rank_parameter(RankingOptions& ranking, const std::string& setting) {
  const std::size_t equals = setting.find('=');
  const std::string name = setting.substr(0, equals);
  double value = 0;
  try {
    std::size_t used = 0;
    if (equals == std::string::npos) throw std::invalid_argument("no value");
    value = std::stod(setting.substr(equals + 1), &used);
    if (used != setting.size() - equals - 1) throw std::invalid_argument("trailing text");
  } catch (const std::exception&) {
    throw std::invalid_argument(fmt::format("--rank takes NAME=NUMBER, not '{}'", setting));
  }
  const std::pair<const char*, double*> parameters[] = {
      {"k1", &ranking.bm25_k1},          {"b", &ranking.bm25_b},
      {"min_normlen", &ranking.bm25_min_normlen}, {"stem", &ranking.stem_weight},
      {"exact", &ranking.exact_weight},  {"title", &ranking.title_weight},
      {"title_exact", &ranking.title_exact_weight}, {"floor", &ranking.recency_floor}};
  for (const auto& [known, target] : parameters) {
    if (name == known) {
      *target = value;
      return;
    }
  }
  throw std::invalid_argument(fmt::format("--rank: unknown parameter '{}' (k1, b, min_normlen, stem, exact, title, title_exact, floor)", name));
}

int run(const QueryOptions& options, std::istream& in, std::ostream& out, std::ostream& err) {
  try {
    Searcher searcher(options.database);
    if (!options.batch.empty()) return run_batch(searcher, options, in, err, out);
    SearchRequest request = options.request;
    request.text = options.query;
    if (options.explain) {
      out << searcher.explain(request) << '\n';
      return exit_hits;
    }
    const SearchResponse response = searcher.search(request);
    if (options.json) {
      out << to_json(response, 2) << '\n';
    } else {
      print_text(response, options, out);
    }
    return response.hits.empty() ? exit_no_hits : exit_hits;
  } catch (const QueryError& e) {
    err << "fahras-query: " << e.what() << '\n';
    return exit_error;
  }
}

}  // namespace fahras::cli
