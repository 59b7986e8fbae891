// fahras-analyze: print what fahras's analysis makes of a text, token by token.
#include "fahras/analysis.hpp"
#include "fahras/analysis_report.hpp"
#include "fahras/version.hpp"

#include <boost/program_options.hpp>

#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <sstream>
#include <string>
#include <vector>

namespace {

namespace po = boost::program_options;

// Exit codes, as documented in the README.
constexpr int exit_ok = 0;
constexpr int exit_usage = 2;
constexpr int exit_input = 3;

struct Options {
  std::vector<std::string> words;
  std::vector<std::string> files;
  bool json = false;
  fahras::AnalysisProfile profile;
};

const char* const usage_text =
    "Usage: fahras-analyze [options] [TEXT...]\n"
    "Prints each token of TEXT (or of --file, or of standard input) with its byte span,\n"
    "normalized form, stem, kind and stop-word flag.\n\n"
    "Examples:\n"
    "  fahras-analyze 'وبالمفاوضات الرئيـــس أَحْمَد ١٩/٥/٢٠٢٥ CNBC'\n"
    "  fahras-analyze --json --stemmer snowball 'فالرئيس لأوكرانيا'\n"
    "  fahras-analyze --file samples/text/article-1.txt\n\n"
    "Options";

int run(const Options& options) {
  fahras::Analyzer analyzer(options.profile);
  const auto format = options.json ? fahras::ReportFormat::Json : fahras::ReportFormat::Table;
  if (!options.words.empty()) {
    std::string text;
    for (const std::string& word : options.words) text += (text.empty() ? "" : " ") + word;
    fahras::write_analysis_report(std::cout, text, analyzer, format);
  }
  for (const std::string& path : options.files) {
    std::ostringstream content;
    if (path == "-") {
      content << std::cin.rdbuf();
    } else {
      std::error_code error;
      std::ifstream in(path, std::ios::binary);
      if (!in || !std::filesystem::is_regular_file(path, error)) {
        std::cerr << "fahras-analyze: " << path << ": cannot open file (missing, unreadable or not a regular file)\n";
        return exit_input;
      }
      content << in.rdbuf();
    }
    fahras::write_analysis_report(std::cout, content.str(), analyzer, format);
  }
  return exit_ok;
}

}  // namespace

int main(int argc, char** argv) {
  Options options;
  std::string stemmer = "light";
  po::options_description described(usage_text);
  described.add_options()
      ("help,h", "show this help and exit")
      ("version", "print the version and exit")
      ("file,f", po::value(&options.files), "analyze the content of FILE ('-' for standard input); repeatable")
      ("json", po::bool_switch(&options.json), "print JSON instead of a table")
      ("stemmer", po::value(&stemmer)->default_value("light"), "stemmer: light, snowball or none")
      ("keep-hamza", "keep ؤ and ئ apart from و and ي");
  po::options_description hidden;
  hidden.add_options()("text", po::value(&options.words));
  po::options_description all;
  all.add(described).add(hidden);
  po::positional_options_description positional;
  positional.add("text", -1);

  po::variables_map vm;
  try {
    po::store(po::command_line_parser(argc, argv).options(all).positional(positional).run(), vm);
    po::notify(vm);
  } catch (const po::error& e) {
    std::cerr << "fahras-analyze: " << e.what() << " (see --help)\n";
    return exit_usage;
  }
  if (vm.count("help") != 0) {
    std::cout << described << '\n';
    return exit_ok;
  }
  if (vm.count("version") != 0) {
    std::cout << fahras::version_line("fahras-analyze") << '\n';
    return exit_ok;
  }
  const auto kind = fahras::parse_stemmer_kind(stemmer);
  if (!kind) {
    std::cerr << "fahras-analyze: --stemmer: unknown stemmer '" << stemmer << "' (light, snowball or none)\n";
    return exit_usage;
  }
  options.profile.stemmer = *kind;
  if (vm.count("keep-hamza") != 0) options.profile.hamza_carriers = fahras::HamzaCarriers::Keep;
  if (options.words.empty() && options.files.empty()) options.files.emplace_back("-");
  try {
    return run(options);
  } catch (const std::exception& e) {
    std::cerr << "fahras-analyze: " << e.what() << '\n';
    return 1;
  }
}
