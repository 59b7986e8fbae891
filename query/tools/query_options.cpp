#include "query_options.hpp"

#include "fahras/version.hpp"

#include <boost/program_options.hpp>
#include <fmt/format.h>

#include <charconv>
#include <ostream>
#include <string>
#include <system_error>
#include <utility>
#include <vector>

namespace po = boost::program_options;

namespace fahras::cli {

namespace {

constexpr const char* usage = R"(Usage: fahras-query --db PATH [options] QUERY...
       fahras-query --db PATH                       (on a terminal: an interactive session)
       fahras-query --db PATH --batch FILE|- [options]
       fahras-query [--db PATH] --analyze TEXT
       fahras-query --db PATH --info
       fahras-query --db PATH --related ID [options]

Searches a fahras database (or several, or a shard set, as one). Exit status: 0 hits found,
1 no hits, 2 error. A shard left out under --allow-partial is a warning on standard error
("fahras-query: warning: ..."), not an error.
A batch prints one JSON object a line (the query's result, or {"query", "error"}) and exits 0
when every line ran.

Query syntax (see the README):
  بوتين قمة                 words (any form: وبوتين, للقمة); stop words dropped
  "الأمم المتحدة"            exact phrase (normalized, not stemmed)
  بوتين -ترامب               exclusion; also -"..." and -(...)
  (بوتين OR ترامب) قمة       alternatives and grouping
  اقتصا*                     prefix
  title:الميزانية source:al-khabar author:"أحمد السالم"
  person:بوتين place:الرياض org:"الأمم المتحدة" entity:...   through the gazetteer's aliases
  mentions:2015-07             articles whose text mentions that month (or day, or year)
  date:2025-05-04  date:2025-05  date:2025-05-01..2025-05-31  date:2025-05..  since:7d

Options)";

constexpr const char* examples = R"(
Examples:
  fahras-query --db news.db 'ميزانية "المشاريع الصغيرة" -قطر since:30d'
  fahras-query --db news.db --sort newest --limit 5 'أمطار source:sabq'
  fahras-query --db news.db --recency 3d --now 2015-08-01 كورونا
  fahras-query --db news.db --around 2015-07-21 --facets 'الملك سلمان'
  fahras-query --db news.db --json --no-collapse 'title:كورونا date:2015-07'
  fahras-query --db news.db --count 'وزارة الصحة'
  fahras-query --db news.db --related https://al-khabar.example/2025/05/08/sport-114 --since 2025-05-01
  fahras-query --db news.db --jsonl --limit 100 أوبك | jq -r .url
  fahras-query --db news.db --bidi=visual --color=always أمطار | less -R
  fahras-query --db news.db --analyze 'وبالمفاوضات الرئيـــس'
  fahras-query --db news.db --plain -- '-"قال الوزير'
  fahras-query --db 2015-07.db --db 2015-08.db 'الملك سلمان'
  fahras-query --db archive --allow-partial --remote-timeout 2000 'أمطار date:2015-07'
  printf '%s\n' 'وزارة الصحة' 'أمطار' | fahras-query --db news.db --batch - --limit 3
An argument that starts with '-' and a non-Latin character (-ترامب) belongs to the query;
put a Latin exclusion after '--': fahras-query --db news.db -- قمة -Trump
Colours: --color=auto (default) colours a terminal unless NO_COLOR is set; never: highlights
between [ and ]. --bidi=visual is for terminals that do not do bidi themselves (xterm, tmux,
kitty, alacritty); keep the default on those that do (GNOME Terminal, Konsole, mlterm) and in pipes.
)";

/** An option of the table that takes a value ("--limit"), or false ("--json", unknown names). */
bool takes_value(const po::options_description& table, const std::string& name) {
  try {
    const po::option_description* option = table.find_nothrow(name, true);
    return option != nullptr && option->semantic()->max_tokens() > 0;
  } catch (const po::error&) {  // an ambiguous abbreviation: the parser says so later
    return false;
  }
}

/**
 * Arguments such as -ترامب or -"..." are exclusions in the query, not options; but the
 * argument after an option that takes a value is that value, whatever it looks like
 * (--limit -5 is a bad limit, not a query word and a limit of بوتين).
 */
std::vector<std::string> split_query_words(int argc, char** argv, const po::options_description& table,
                                           std::vector<std::string>& query_words) {
  std::vector<std::string> rest;
  bool after_dashes = false;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (after_dashes) {
      query_words.push_back(arg);
    } else if (arg == "--") {
      after_dashes = true;
    } else if (arg.rfind("--", 0) == 0 && arg.find('=') == std::string::npos && i + 1 < argc &&
               takes_value(table, arg.substr(2))) {
      const std::string value = argv[++i];
      if (value.empty() || value[0] != '-') {
        rest.push_back(arg);
        rest.push_back(value);
      } else {
        rest.push_back(arg + "=" + value);  // the parser would read -5 as an option
      }
    } else if (arg.size() > 1 && arg[0] == '-' && arg[1] != '-' &&
               !((arg[1] >= 'a' && arg[1] <= 'z') || (arg[1] >= 'A' && arg[1] <= 'Z'))) {
      query_words.push_back(arg);
    } else {
      rest.push_back(arg);
    }
  }
  return rest;
}

/** --limit, --offset, --snippet-chars: a whole number, 0 or more. */
std::size_t parse_count(const char* option, const std::string& text) {
  std::size_t value = 0;
  const char* end = text.data() + text.size();
  const auto [stop, error] = std::from_chars(text.data(), end, value);
  if (text.empty() || error != std::errc() || stop != end) {
    throw po::error(fmt::format("{} takes a whole number, 0 or more, not '{}'", option, text));
  }
  return value;
}

/** --remote-timeout, --connect-timeout: milliseconds, at most a day. */
unsigned parse_milliseconds(const char* option, const std::string& text) {
  constexpr std::size_t day = 86400000;
  const std::size_t value = parse_count(option, text);
  if (value > day) throw po::error(fmt::format("{} takes milliseconds up to {} (a day), not '{}'", option, day, text));
  return static_cast<unsigned>(value);
}

/** The first two of the options given that each choose what the run does: they do not mix. */
void check_one_mode(const std::vector<std::pair<const char*, bool>>& modes) {
  const char* first = nullptr;
  for (const auto& [name, given] : modes) {
    if (!given) continue;
    if (first != nullptr) throw po::error(fmt::format("give {} or {}, not both", first, name));
    first = name;
  }
}

struct Raw {
  std::string remote_timeout = "10000";
  std::string connect_timeout = "10000";
  std::string sort = "relevance";
  std::string op = "or";
  std::string color = "auto";
  std::string bidi = "logical";
  std::string analyze;
  std::string limit = "10";
  std::string offset = "0";
  std::string snippet_chars = "240";
  bool json = false;
  bool jsonl = false;
  std::vector<std::string> rank_parameters;
};

po::options_description option_table(QueryOptions& options, Raw& raw) {
  SearchRequest& request = options.request;
  po::options_description visible(usage);
  // clang-format off
  visible.add_options()
    ("db", po::value(&options.databases)->value_name("PATH")->composing(),
     "the database folder, a shard-set folder, or a stub file (required but for --analyze); given "
     "again, the databases are searched as one")
    ("allow-partial", po::bool_switch(&options.open.allow_partial),
     "search the shards that answer when one is down or unreadable (a warning names each one left out)")
    ("remote-timeout", po::value(&raw.remote_timeout)->value_name("MS")->default_value("10000"),
     "milliseconds to wait for a remote shard's answer (0: forever)")
    ("connect-timeout", po::value(&raw.connect_timeout)->value_name("MS")->default_value("10000"),
     "milliseconds to wait for a connection to a remote shard")
    ("json", po::bool_switch(&raw.json), "the result as JSON (the library's shape)")
    ("jsonl", po::bool_switch(&raw.jsonl), "one hit a line, as JSON: --jsonl أوبك | jq -r .url")
    ("batch", po::value(&options.batch)->value_name("FILE"),
     "one query a line from FILE ('-': standard input) -> one JSON object a line")
    ("limit", po::value(&raw.limit)->value_name("N")->default_value("10"),
     "hits to show (a page, in a session; with --entities, entities); 0: none, the exit status "
     "still says whether any match")
    ("offset", po::value(&raw.offset)->value_name("N")->default_value("0"), "hits to skip")
    ("count", po::bool_switch(&options.count), "print only the number of matching articles: --count 'وزارة الصحة'")
    ("related", po::value<std::string>()->value_name("ID"),
     "the articles most like the article ID (its id or URL), its near-duplicates left out; with "
     "--since, --limit, --offset, --no-collapse, --facets, --json as a search: --related sample-004")
    ("entities", po::bool_switch(&options.entities),
     "list the people, places and organizations that co-occur with the query, most frequent first: "
     "--entities 'person:بوتين'")
    ("no-collapse", "show every near-duplicate copy (default: one hit per story)")
    ("plain", po::bool_switch(&request.plain), "the query is plain words, no syntax: --plain '-\"قال\" الوزير'")
    ("sort", po::value(&raw.sort)->value_name("ORDER"), "relevance (default), newest or oldest: --sort newest")
    ("recency", po::value(&request.recency_half_life)->value_name("HALF_LIFE"),
     "blend relevance with recency: --recency 3d (h, d, w, m, y)")
    ("around", po::value(&request.around)->value_name("DATE"), "favour articles near DATE: --around 2015-07-21")
    ("since", po::value(&request.since)->value_name("SPAN"), "only articles since then: --since 2w, --since 2015-07-01")
    ("now", po::value(&request.now)->value_name("ISO"),
     "the time since: and --recency count from (default: the clock): --now 2015-07-31T12:00")
    ("facets", po::bool_switch(&request.facets),
     "count the sources, months and entities of the whole result (near-duplicates counted once)")
    ("operator", po::value(&raw.op)->value_name("OP"), "or (default) or and (every word; any word if none has all)")
    ("rank", po::value(&raw.rank_parameters)->value_name("SETTING")->composing(),
     "ranking levers or a parameter (repeatable): none, default, -LEVER, +LEVER (lead, proximity, entities, "
     "weights, feedback), or NAME=NUMBER: k1, b, min_normlen (BM25); stem, exact, title, title_exact, lead, "
     "proximity, entities (weights); feedback (terms); floor (of --recency): --rank none,+lead --rank k1=1.2")
    ("snippet-chars", po::value(&raw.snippet_chars)->value_name("N")->default_value("240"), "snippet length")
    ("explain", po::bool_switch(&options.explain),
     "print the parsed query (as JSON with --json), do not search: --explain 'بوتين -ترامب'")
    ("analyze", po::value(&raw.analyze)->value_name("TEXT"),
     "the analysis table of TEXT (by the database's profile with --db): --analyze 'وبالمفاوضات'")
    ("info", po::bool_switch(&options.info), "the database: articles, schema, analysis profile, time zone, dates")
    ("color", po::value(&raw.color)->value_name("WHEN"), "auto (default: on a terminal, unless NO_COLOR), always, never")
    ("bidi", po::value(&raw.bidi)->value_name("MODE"),
     "logical (default) or visual (shaped and reordered, for terminals without bidi): --bidi=visual")
    ("no-pager", po::bool_switch(&options.no_pager),
     "in a session, print an opened hit straight to the terminal (default: through $PAGER, else less)")
    ("help,h", "this help")
    ("version", "the version: fahras, Xapian, ICU and the analysis");
  // clang-format on
  return visible;
}

/** Options that the chosen mode would leave unused: refused, each with what to do instead. */
void check_combinations(const QueryOptions& options, bool has_query, bool batch, bool offset_given) {
  const bool facets = options.request.facets;
  const bool jsonl = options.format == OutputFormat::Jsonl;
  if (options.analyze && has_query) throw po::error("--analyze takes its TEXT alone, with no QUERY");
  if (options.info && has_query) throw po::error("--info takes no QUERY");
  if (batch && has_query) throw po::error("give either --batch or a QUERY, not both");
  if (batch && jsonl) {
    throw po::error("--batch already writes one JSON object a line (each query's result): drop --jsonl");
  }
  if (facets) {
    if (options.count) {
      throw po::error("--count prints only the number; for the number and the facets: --json --limit 0 --facets");
    }
    if (jsonl) throw po::error("--jsonl prints only the hits, one a line; for the facets: --json --facets");
    for (const auto& [name, given] : {std::pair{"--explain", options.explain}, std::pair{"--info", options.info},
                                      std::pair{"--analyze", options.analyze.has_value()}}) {
      if (given) throw po::error(fmt::format("{} does not search: --facets does not apply", name));
    }
  }
  if (options.related) {
    if (has_query) throw po::error("--related takes an article ID alone, with no QUERY");
    if (options.request.sort != SortOrder::Relevance) {
      throw po::error("--related lists the most alike first: --sort does not apply");
    }
    if (options.request.plain) throw po::error("--related searches by the article's words: --plain does not apply");
  }
  if (options.count && (options.limit_given || offset_given)) {
    throw po::error("--count counts every match: --limit and --offset do not apply");
  }
  if (options.entities && offset_given) {
    throw po::error("--entities lists the most frequent first: --offset does not apply");
  }
}

}  // namespace

std::optional<int> parse_command_line(int argc, char** argv, bool interactive_terminal, QueryOptions& options,
                                      std::ostream& out, std::ostream& err) {
  Raw raw;
  std::vector<std::string> query_words;
  const po::options_description visible = option_table(options, raw);
  po::options_description hidden;
  hidden.add_options()("query", po::value<std::vector<std::string>>()->composing(), "");
  po::options_description all;
  all.add(visible).add(hidden);
  po::positional_options_description positional;
  positional.add("query", -1);
  try {
    const std::vector<std::string> args = split_query_words(argc, argv, all, query_words);
    po::variables_map vm;
    po::store(po::command_line_parser(args).options(all).positional(positional).run(), vm);
    po::notify(vm);
    if (vm.count("help") != 0) {
      out << visible << examples;
      return 0;
    }
    if (vm.count("version") != 0) {
      out << version_line("fahras-query") << '\n';
      return 0;
    }
    if (vm.count("query") != 0) {
      auto words = vm["query"].as<std::vector<std::string>>();
      words.insert(words.end(), query_words.begin(), query_words.end());
      query_words = std::move(words);
    }
    options.request.collapse = vm.count("no-collapse") == 0;
    options.limit_given = !vm["limit"].defaulted();
    const bool offset_given = !vm["offset"].defaulted();
    options.request.limit = parse_count("--limit", raw.limit);
    options.request.offset = parse_count("--offset", raw.offset);
    options.request.snippet_chars = parse_count("--snippet-chars", raw.snippet_chars);
    options.open.remote_timeout_ms = parse_milliseconds("--remote-timeout", raw.remote_timeout);
    options.open.connect_timeout_ms = parse_milliseconds("--connect-timeout", raw.connect_timeout);
    if (!options.databases.empty()) options.database = options.databases.front();
    options.request.sort = parse_sort(raw.sort);
    options.request.ranking.default_operator = parse_operator(raw.op);
    options.bidi = parse_bidi(raw.bidi);
    const auto color = terminal::parse_color_mode(raw.color);
    if (!color) throw po::error("--color must be auto, always or never, not '" + raw.color + "'");
    options.color = *color;
    for (const std::string& setting : raw.rank_parameters) set_rank_parameter(options.request.ranking, setting);
    if (raw.json && raw.jsonl) throw po::error("give --json or --jsonl, not both");
    options.format = raw.json ? OutputFormat::Json : raw.jsonl ? OutputFormat::Jsonl : OutputFormat::Text;
    if (vm.count("analyze") != 0) options.analyze = raw.analyze;
    if (vm.count("related") != 0) options.related = vm["related"].as<std::string>();
    for (const std::string& word : query_words) options.query += (options.query.empty() ? "" : " ") + word;
    const bool has_query = !query_words.empty();
    const bool batch = vm.count("batch") != 0;
    if (batch && options.batch.empty()) throw po::error("--batch takes a FILE, or '-' for standard input");
    check_one_mode({{"--analyze", options.analyze.has_value()},
                    {"--info", options.info},
                    {"--batch", batch},
                    {"--count", options.count},
                    {"--entities", options.entities},
                    {"--explain", options.explain},
                    {"--related", options.related.has_value()}});
    check_combinations(options, has_query, batch, offset_given);
    if (options.related && vm.count("operator") != 0) {
      throw po::error("--related matches any of the article's words: --operator does not apply");
    }
    if (options.analyze) return std::nullopt;
    if (options.database.empty()) throw po::error("--db PATH is required");
    if (options.info || batch || has_query || options.related) return std::nullopt;
    if (!interactive_terminal || options.format != OutputFormat::Text || options.count || options.entities ||
        options.explain) {
      throw po::error("no QUERY given (see --help)");
    }
    if (options.request.facets) throw po::error("--facets needs a QUERY (in a session, type :facets)");
    if (offset_given) throw po::error("--offset needs a QUERY (in a session, n and p turn the pages)");
    options.interactive = true;
  } catch (const std::exception& e) {  // po::error, and std::invalid_argument from the option readers
    err << "fahras-query: " << e.what() << '\n';
    return 2;
  }
  return std::nullopt;
}

}  // namespace fahras::cli
