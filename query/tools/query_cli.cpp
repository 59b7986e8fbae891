#include "query_cli.hpp"

#include "fahras/analysis.hpp"
#include "fahras/analysis_report.hpp"
#include "query_interactive.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdint>
#include <fstream>
#include <iostream>
#include <sstream>
#include <stdexcept>
#include <utility>
#include <vector>

namespace fahras::cli {

namespace {

/** Each warning (shards left out) as one line "fahras-query: warning: ..." on standard error. */
void print_warnings(const std::vector<std::string>& warnings, std::ostream& err) {
  for (const std::string& warning : warnings) err << "fahras-query: warning: " << terminal::sanitize(warning) << '\n';
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
      err << "fahras-query: " << terminal::sanitize(e.what()) << '\n';
      return exit_error;
    }
    out.flush();  // one answer a line, at once: the batch can serve a co-process
  }
  return exit_hits;
}

int run_analyze(const QueryOptions& options, std::ostream& out) {
  AnalysisProfile profile;
  if (!options.database.empty()) {
    const Searcher searcher(options.databases, options.open);
    profile = AnalysisProfile::from_id(searcher.analysis_profile()).value_or(AnalysisProfile{});
  }
  Analyzer analyzer(profile);
  if (options.format != OutputFormat::Jsonl) {
    write_analysis_report(out, *options.analyze, analyzer,
                          options.format == OutputFormat::Text ? ReportFormat::Table : ReportFormat::Json);
    if (options.format != OutputFormat::Text) out << '\n';
    return exit_hits;
  }
  std::ostringstream report;  // --jsonl: the same object on one line
  write_analysis_report(report, *options.analyze, analyzer, ReportFormat::Json);
  out << nlohmann::ordered_json::parse(report.str()).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace)
      << '\n';
  return exit_hits;
}

int run_info(const QueryOptions& options, const Display& display, std::ostream& out, std::ostream& err) {
  Searcher searcher(options.databases, options.open);  // checks schema, profile and time zone first
  const DatabaseInfo info = searcher.info();
  print_warnings(info.warnings, err);
  if (options.format == OutputFormat::Text) {
    Printer(out, display).info(info);
  } else {
    JsonOptions json;
    json.indent = options.format == OutputFormat::Json ? 2 : -1;
    out << to_json(info, json) << '\n';
  }
  return exit_hits;
}

int run_count(Searcher& searcher, const QueryOptions& options, std::ostream& out) {
  SearchRequest request = options.request;
  request.text = options.query;
  const std::size_t total = searcher.count(request);
  if (options.format == OutputFormat::Text) {
    out << total << '\n';
  } else {
    const nlohmann::ordered_json json{
        {"query", request.text}, {"total", total}, {"total_relation", to_string(TotalRelation::Exact)}};
    out << json.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << '\n';
  }
  return total == 0 ? exit_no_hits : exit_hits;
}

// The entities of the matching articles (the library's entity facet), most frequent first;
// the first --limit of them when given.
int run_entities(Searcher& searcher, const QueryOptions& options, std::ostream& out) {
  SearchRequest request = options.request;
  request.text = options.query;
  request.offset = 0;
  request.limit = 0;
  request.facets = true;
  request.snippets = false;
  request.spelling = false;
  const SearchResponse response = searcher.search(request);
  std::vector<SearchFacets::Entity> entities = response.facets.entities;
  if (options.limit_given && entities.size() > options.request.limit) entities.resize(options.request.limit);
  if (options.format == OutputFormat::Text) {
    for (const auto& e : entities) {
      out << e.count << '\t' << e.type << '\t' << terminal::sanitize(e.name) << '\n';
    }
  } else if (options.format == OutputFormat::Jsonl) {  // the items of --json's list, one a line
    for (const auto& e : entities) {
      out << nlohmann::ordered_json{e.name, e.type, e.count}.dump(-1, ' ', false,
                                                                  nlohmann::json::error_handler_t::replace)
          << '\n';
    }
  } else {
    nlohmann::ordered_json list = nlohmann::ordered_json::array();
    for (const auto& e : entities) list.push_back({e.name, e.type, e.count});
    const nlohmann::ordered_json json{{"query", response.query},
                                      {"total", response.total},
                                      {"total_relation", to_string(response.total_relation)},
                                      {"entities", std::move(list)}};
    out << json.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << '\n';
  }
  return response.facets.entities.empty() ? exit_no_hits : exit_hits;
}

/** --explain: the library's two lines (the tree as searched, the Xapian query), or as JSON
 *  {"query", "parsed", "xapian"}. */
int print_explain(const std::string& explained, const QueryOptions& options, std::ostream& out) {
  if (options.format == OutputFormat::Text) {
    out << explained << '\n';
    return exit_hits;
  }
  const std::size_t newline = explained.find('\n');
  const nlohmann::ordered_json json = {{"query", options.query},
                                       {"parsed", explained.substr(0, newline)},
                                       {"xapian", newline == std::string::npos ? "" : explained.substr(newline + 1)}};
  out << json.dump(options.format == OutputFormat::Json ? 2 : -1, ' ', false, nlohmann::json::error_handler_t::replace)
      << '\n';
  return exit_hits;
}

void print_jsonl(const SearchResponse& response, std::ostream& out) {
  for (const SearchHit& hit : response.hits) out << to_json(hit, JsonOptions{}) << '\n';
}

/** A search's (or --related's) response in the chosen format; the exit status it makes. */
int print_response(const SearchResponse& response, const QueryOptions& options, const Display& display,
                   std::ostream& out) {
  switch (options.format) {
    case OutputFormat::Json: out << to_json(response, 2) << '\n'; break;
    case OutputFormat::Jsonl: print_jsonl(response, out); break;
    case OutputFormat::Text: Printer(out, display).response(response); break;
  }
  // --limit 0 asks for no hits, only the total (and facets): the status says whether any match.
  const bool found = !response.hits.empty() || (options.request.limit == 0 && response.total > 0);
  return found ? exit_hits : exit_no_hits;
}

/** --related ID: the articles most like it, as a search's hits; an unknown id is an error. */
int run_related(Searcher& searcher, const QueryOptions& options, const Display& display, std::ostream& out,
                std::ostream& err) {
  const std::optional<SearchResponse> response = searcher.related(*options.related, options.request);
  if (response) print_warnings(response->warnings, err);
  if (!response) {
    err << "fahras-query: no article with the id '" << terminal::sanitize(*options.related) << "'\n";
    return exit_error;
  }
  if (options.format == OutputFormat::Text && !response->query.empty()) {
    Printer(out, display).note("related by: " + terminal::sanitize(response->query));
  }
  return print_response(*response, options, display, out);
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

BidiMode parse_bidi(const std::string& name) {
  if (name == "logical") return BidiMode::Logical;
  if (name == "visual") return BidiMode::Visual;
  throw std::invalid_argument(fmt::format("--bidi must be logical or visual, not '{}'", name));
}

void set_rank_parameter(RankingOptions& ranking, const std::string& setting) {
  try {
    ranking.set(setting);
  } catch (const RequestError& e) {
    throw std::invalid_argument(fmt::format("--{}", e.what()));
  }
}

int run(const QueryOptions& options, const Display& display, std::istream& in, std::ostream& out, std::ostream& err) {
  try {
    if (options.analyze) return run_analyze(options, out);
    if (options.info) return run_info(options, display, out, err);
    Searcher searcher(options.databases, options.open);
    if (options.related) return run_related(searcher, options, display, out, err);
    SearchRequest request = options.request;
    request.text = options.query;
    if (options.batch.empty() && !options.interactive && !options.explain && !options.count && !options.entities) {
      const SearchResponse response = searcher.search(request);
      print_warnings(response.warnings, err);
      return print_response(response, options, display, out);
    }
    const int status = !options.batch.empty() ? run_batch(searcher, options, in, err, out)
                       : options.interactive   ? run_interactive(searcher, options, display, out, err)
                       : options.explain       ? print_explain(searcher.explain(request), options, out)
                       : options.count         ? run_count(searcher, options, out)
                                               : run_entities(searcher, options, out);
    print_warnings(searcher.warnings(), err);
    return status;
  } catch (const QueryError& e) {
    err << "fahras-query: " << terminal::sanitize(e.what()) << '\n';
    return exit_error;
  }
}

}  // namespace fahras::cli
