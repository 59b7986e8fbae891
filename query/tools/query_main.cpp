// fahras-query: search a fahras database from the command line (the thin edge: options in,
// exit status out; the work is in query_cli.cpp and the fahras_query library).
#include "query_cli.hpp"

#include <boost/program_options.hpp>
#include <fmt/format.h>

#include <cstdlib>
#include <iostream>
#include <string>
#include <unistd.h>
#include <vector>

namespace po = boost::program_options;

namespace {

constexpr const char* usage = R"(Usage: fahras-query --db PATH [options] QUERY...
       fahras-query --db PATH --batch FILE|- [options]

Searches a fahras database. Exit status: 0 hits found, 1 no hits, 2 error.
A batch prints one JSON object a line (the query's result, or {"query", "error"}) and exits 0
when every line ran.

Query syntax (see the README):
  بوتين قمة                 words (any form: وبوتين, للقمة); stop words dropped
  "الأمم المتحدة"            exact phrase (normalized, not stemmed)
  بوتين -ترامب               exclusion; also -"..." and -(...)
  (بوتين OR ترامب) قمة       alternatives and grouping
  اقتصا*                     prefix
  title:الميزانية source:al-khabar author:"أحمد السالم"
  person:بوتين place:الرياض org:"الأمم المتحدة" entity:...   (as phrases, for now)
  date:2025-05-04  date:2025-05  date:2025-05-01..2025-05-31  date:2025-05..  since:7d

Options)";

constexpr const char* examples = R"(
Examples:
  fahras-query --db news.db 'ميزانية "المشاريع الصغيرة" -قطر since:30d'
  fahras-query --db news.db --sort newest --limit 5 'أمطار source:sabq'
  fahras-query --db news.db --recency 3d --now 2015-08-01 كورونا
  fahras-query --db news.db --around 2015-07-21 --facets 'الملك سلمان'
  fahras-query --db news.db --json --no-collapse 'title:كورونا date:2015-07'
  fahras-query --db news.db --plain -- '-"قال الوزير'
  printf '%s\n' 'وزارة الصحة' 'أمطار' | fahras-query --db news.db --batch - --limit 3
An argument that starts with '-' and a non-Latin character (-ترامب) belongs to the query;
put a Latin exclusion after '--': fahras-query --db news.db -- قمة -Trump
)";

/** Arguments such as -ترامب or -"..." are exclusions in the query, not options. */
std::vector<std::string> split_query_words(int argc, char** argv, std::vector<std::string>& query_words) {
  std::vector<std::string> rest;
  bool after_dashes = false;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (after_dashes) {
      query_words.push_back(arg);
    } else if (arg == "--") {
      after_dashes = true;
    } else if (arg.size() > 1 && arg[0] == '-' && arg[1] != '-' &&
               !((arg[1] >= 'a' && arg[1] <= 'z') || (arg[1] >= 'A' && arg[1] <= 'Z'))) {
      query_words.push_back(arg);
    } else {
      rest.push_back(arg);
    }
  }
  return rest;
}

}  // namespace

int main(int argc, char** argv) {
  fahras::cli::QueryOptions options;
  fahras::SearchRequest& request = options.request;
  std::string sort = "relevance";
  std::string op = "or";
  std::vector<std::string> query_words;
  std::vector<std::string> rank_parameters;
  po::options_description visible(usage);
  // clang-format off
  visible.add_options()
    ("db", po::value(&options.database)->value_name("PATH"), "the database folder (required)")
    ("json", po::bool_switch(&options.json), "the result as JSON (the library's shape)")
    ("batch", po::value(&options.batch)->value_name("FILE"),
     "one query a line from FILE ('-': standard input) -> one JSON object a line")
    ("limit", po::value(&request.limit)->value_name("N")->default_value(10), "hits to show")
    ("offset", po::value(&request.offset)->value_name("N")->default_value(0), "hits to skip")
    ("no-collapse", "show every near-duplicate copy (default: one hit per story)")
    ("plain", po::bool_switch(&request.plain), "the query is plain words, no syntax: --plain '-\"قال\" الوزير'")
    ("sort", po::value(&sort)->value_name("ORDER"), "relevance (default), newest or oldest: --sort newest")
    ("recency", po::value(&request.recency_half_life)->value_name("HALF_LIFE"),
     "blend relevance with recency: --recency 3d (h, d, w, m, y)")
    ("around", po::value(&request.around)->value_name("DATE"), "favour articles near DATE: --around 2015-07-21")
    ("since", po::value(&request.since)->value_name("SPAN"), "only articles since then: --since 2w, --since 2015-07-01")
    ("now", po::value(&request.now)->value_name("ISO"),
     "the time since: and --recency count from (default: the clock): --now 2015-07-31T12:00")
    ("facets", po::bool_switch(&request.facets), "count sources and months of the whole result")
    ("operator", po::value(&op)->value_name("OP"), "or (default) or and (every word; any word if none has all)")
    ("rank", po::value(&rank_parameters)->value_name("NAME=VALUE")->composing(),
     "a ranking parameter, for tuning (repeatable): k1, b, min_normlen (BM25); stem, exact, title, "
     "title_exact (weights of a word's terms); floor (of --recency): --rank k1=1.2 --rank exact=0.3")
    ("snippet-chars", po::value(&request.snippet_chars)->value_name("N")->default_value(240), "snippet length")
    ("explain", po::bool_switch(&options.explain), "print the parsed query, do not search: --explain 'بوتين -ترامب'")
    ("help,h", "this help");
  // clang-format on
  po::options_description hidden;
  hidden.add_options()("query", po::value<std::vector<std::string>>()->composing(), "");
  po::options_description all;
  all.add(visible).add(hidden);
  po::positional_options_description positional;
  positional.add("query", -1);
  try {
    const std::vector<std::string> args = split_query_words(argc, argv, query_words);
    po::variables_map vm;
    po::store(po::command_line_parser(args).options(all).positional(positional).run(), vm);
    po::notify(vm);
    if (vm.count("help") != 0) {
      std::cout << visible << examples;
      return 0;
    }
    if (vm.count("query") != 0) {
      auto words = vm["query"].as<std::vector<std::string>>();
      words.insert(words.end(), query_words.begin(), query_words.end());
      query_words = std::move(words);
    }
    request.collapse = vm.count("no-collapse") == 0;
    request.sort = fahras::cli::parse_sort(sort);
    request.ranking.default_operator = fahras::cli::parse_operator(op);
    for (const std::string& setting : rank_parameters) fahras::cli::set_rank_parameter(request.ranking, setting);
    if (options.database.empty()) throw po::error("--db PATH is required");
    if (options.batch.empty() && query_words.empty()) throw po::error("no QUERY given (see --help)");
    if (!options.batch.empty() && !query_words.empty()) throw po::error("give either --batch or a QUERY, not both");
    for (const std::string& word : query_words) options.query += (options.query.empty() ? "" : " ") + word;
  } catch (const std::exception& e) {  // po::error, and std::invalid_argument from the option readers
    std::cerr << "fahras-query: " << e.what() << '\n';
    return 2;
  }
  const bool terminal = isatty(STDOUT_FILENO) != 0 && std::getenv("NO_COLOR") == nullptr;
  if (!options.json && options.batch.empty()) {
    request.highlight = terminal ? fahras::HighlightStyle::Ansi : fahras::HighlightStyle::Markers;
  }
  return fahras::cli::run(options, std::cin, std::cout, std::cerr);
}
