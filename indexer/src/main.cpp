// fahras-index: index crawl dumps of Arabic news into a fahras Xapian database.
#include "fahras/index_error.hpp"
#include "fahras/indexer.hpp"
#include "fahras/version.hpp"

#include <boost/program_options.hpp>
#include <xapian.h>

#include <fstream>
#include <iostream>
#include <thread>
#include <unistd.h>

namespace {

namespace po = boost::program_options;

constexpr int exit_incomplete = 2;

const char* const usage =
    "Usage: fahras-index --db PATH [options] INPUT...\n"
    "Indexes Arabic news articles into a fahras database. INPUT is a file (JSON Lines, a JSON\n"
    "array, .zip, .gz, .txt), a folder (recursed) or '-' for standard input.\n\n"
    "Examples:\n"
    "  fahras-index --db news.db crawl/2015-07-21.zip crawl/2015-07-22.zip\n"
    "  fahras-index --db news.db --timezone Asia/Riyadh ../shared/corpora/saudinewsnet\n"
    "  fahras-index --db news.db --field title=العنوان --field content=النص dump.jsonl\n"
    "  fahras-index --db bodies.db --field title= crawl/          # bodies only\n"
    "  zcat dump.jsonl.gz | fahras-index --db news.db -\n"
    "  fahras-index --db news.db --delete-before 2015-01-01      # retention\n"
    "  fahras-index --db archive --shard-by month crawl/         # one database per month\n\n"
    "Exit status: 0 everything readable was indexed ('warning:' lines allowed: repaired or cut\n"
    "text, no date, an empty record skipped); 1 some records or files could not be read and were\n"
    "skipped ('error:' lines), the rest indexed; 2 the run did not complete (bad arguments or an\n"
    "INPUT that does not exist, nothing changed; the database cannot be opened, is locked or was\n"
    "built with other settings; a Xapian error; or --strict stopped at a skipped record).\n\n"
    "Options";

}  // namespace

int main(int argc, char** argv) {
  fahras::IndexOptions options;
  std::string stemmer;
  std::string stats_json;
  std::string progress = "auto";
  po::options_description described(usage);
  described.add_options()
      ("help,h", "show this help and exit")
      ("version", "print the version and exit")
      ("db", po::value(&options.database)->required(), "the database folder (created if missing), or a shard set's")
      ("shard-by", po::value(&options.shard_by),
       "write a shard set in the --db folder: one database per publication month, per year, or per hash\n"
       "bucket of the article id (month, year or hash:N, N from 1 to 256); later runs add to it, with or\n"
       "without this option")
      ("field", po::value(&options.fields),
       "map a field: NAME=KEY reads NAME (id, title, content, date, url, source, author) from KEY;\n"
       "NAME= ignores it. Repeatable. Example: --field title=headline")
      ("txt-title", po::bool_switch(&options.txt_title), "in .txt inputs, the first non-empty line is the title")
      ("timezone", po::value(&options.timezone),
       "IANA time zone for stamps without one, and of the day terms (e.g. Asia/Riyadh); default:\n"
       "the database's, or UTC for a new one")
      ("default-date", po::value(&options.default_date), "date for articles without a usable one (e.g. 2025-05-19)")
      ("max-bytes", po::value(&options.max_bytes)->default_value(1U << 20U),
       "longer titles or bodies are cut at a word boundary")
      ("commit-every", po::value(&options.commit_every)->default_value(1000), "documents per batch and commit")
      ("threads", po::value(&options.threads)->default_value(0), "analysis threads (0: one per core)")
      ("writers", po::value(&options.writers)->default_value(0),
       "Xapian writers for a first build into an empty database, merged at the end (0: one per core, at most 4; "
       "1: a single writer)")
      ("no-spelling", "do not feed the spelling dictionary (faster, no 'did you mean')")
      ("no-entities", "do not extract entities and date mentions (faster; person:/place:/org: then match names "
                      "as phrases, mentions: finds nothing)")
      ("strict", po::bool_switch(&options.strict), "stop at the first bad record (exit 2); what came before is kept")
      ("wait-lock", po::value(&options.wait_lock_seconds)->default_value(0),
       "wait up to SECONDS for another indexer to release the database")
      ("delete", po::value(&options.delete_ids), "delete the article with this id or URL; repeatable")
      ("delete-before", po::value(&options.delete_before), "delete articles published before DATE (retention)")
      ("stats-json", po::value(&stats_json), "write the run's summary as JSON to FILE (for monitoring)")
      ("stemmer", po::value(&stemmer), "light (default for a new database), snowball or none; default: the database's")
      ("keep-hamza", "keep ؤ and ئ apart from ء (for a new database; must match an existing one)")
      ("progress", po::value(&progress)->default_value("auto"),
       "auto (a live line on a terminal, log lines every 10 s otherwise: records, MB, records/s, the share of "
       "the input files read and the time left), terminal, lines or off");
  po::options_description hidden;
  hidden.add_options()("input", po::value(&options.inputs));
  po::options_description all;
  all.add(described).add(hidden);
  po::positional_options_description positional;
  positional.add("input", -1);

  po::variables_map vm;
  try {
    po::store(po::command_line_parser(argc, argv).options(all).positional(positional).run(), vm);
    if (vm.count("help") != 0) {
      std::cout << described << '\n';
      return 0;
    }
    if (vm.count("version") != 0) {
      std::cout << fahras::version_line("fahras-index") << '\n';
      return 0;
    }
    po::notify(vm);
    if (!stemmer.empty()) {
      const auto kind = fahras::parse_stemmer_kind(stemmer);
      if (!kind) throw fahras::UsageError("--stemmer: unknown stemmer '" + stemmer + "' (light, snowball or none)");
      options.profile.stemmer = *kind;
    }
    if (vm.count("keep-hamza") != 0) options.profile.hamza_carriers = fahras::HamzaCarriers::Keep;
    options.profile_given = !stemmer.empty() || vm.count("keep-hamza") != 0;
    options.spelling = vm.count("no-spelling") == 0;
    options.entities = vm.count("no-entities") == 0;
    // Boost reads "-1" into an unsigned option as a huge number: check the ranges.
    if (options.threads > 256) throw fahras::UsageError("--threads: expected 0 (one per core) to 256");
    if (options.writers > 16) throw fahras::UsageError("--writers: expected 0 (one per core) to 16");
    if (options.commit_every < 1 || options.commit_every > 100000) {
      throw fahras::UsageError("--commit-every: expected 1 to 100000");
    }
    if (options.max_bytes < 1024) throw fahras::UsageError("--max-bytes: expected at least 1024");
    if (options.wait_lock_seconds < 0) throw fahras::UsageError("--wait-lock: expected seconds, 0 or more");
    if (options.inputs.empty() && options.delete_ids.empty() && options.delete_before.empty()) {
      throw fahras::UsageError("no INPUT given (a file, a folder, or - for standard input)");
    }
    if (progress == "auto") {
      options.progress = isatty(STDERR_FILENO) != 0 ? fahras::ProgressStyle::Terminal : fahras::ProgressStyle::Lines;
    } else if (progress == "terminal") {
      options.progress = fahras::ProgressStyle::Terminal;
    } else if (progress == "lines") {
      options.progress = fahras::ProgressStyle::Lines;
    } else if (progress == "off") {
      options.progress = fahras::ProgressStyle::Off;
    } else {
      throw fahras::UsageError("--progress: expected auto, terminal, lines or off, not '" + progress + "'");
    }
  } catch (const po::error& e) {
    std::cerr << "fahras-index: " << e.what() << " (see --help)\n";
    return exit_incomplete;
  } catch (const fahras::UsageError& e) {
    std::cerr << "fahras-index: " << e.what() << " (see --help)\n";
    return exit_incomplete;
  }

  fahras::report_aborts(options.database);  // a full disk can make Xapian call std::terminate
  try {
    const fahras::IndexSummary summary = fahras::run_index(options, std::cerr);
    std::cerr << summary.to_text();
    if (!stats_json.empty()) {
      std::ofstream out(stats_json);
      out << summary.to_json() << '\n';
      if (!out) std::cerr << "fahras-index: " << stats_json << ": cannot write the statistics\n";
    }
    return summary.stopped_by_strict ? exit_incomplete : summary.exit_code();
  } catch (const fahras::UsageError& e) {
    std::cerr << "fahras-index: " << e.what() << " (see --help)\n";
  } catch (const fahras::IndexError& e) {
    std::cerr << "fahras-index: " << e.what() << '\n';
  } catch (const std::exception& e) {
    std::cerr << "fahras-index: " << e.what() << '\n';
  }
  return exit_incomplete;
}
