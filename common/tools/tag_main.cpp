// fahras-tag: tag CoNLL tokens with the entity recognizer, for scoring against annotated data.
#include "fahras/entities.hpp"
#include "fahras/version.hpp"

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <string>
#include <string_view>

namespace {

// Exit codes, as documented in the README.
constexpr int exit_ok = 0;
constexpr int exit_usage = 2;

struct Options {
  std::string input = "-";
  fahras::EntityRules rules;
  bool help = false;
  bool version = false;
};

const char* const usage_text =
    "Usage: fahras-tag [--conll FILE|-] [--no-rules] [--no-gazetteer]\n"
    "Reads CoNLL lines (`token` or `token TAG`; the tags are ignored; a blank line or a `.`\n"
    "token ends a sentence) and writes `token PREDICTED` lines in BIO (B-PERS I-PERS B-LOC\n"
    "I-LOC B-ORG I-ORG O), one per input token, blank lines kept.\n\n"
    "Options:\n"
    "  --conll FILE     the CoNLL file to tag; - (the default) is standard input\n"
    "  --no-rules       the gazetteer only, no contextual rules\n"
    "  --no-gazetteer   the contextual rules only, no gazetteer\n"
    "  --no-rule NAME   switch off one rule family: titles, given-names, org-cues,\n"
    "                   place-cues, discourse (repeatable)\n"
    "  --org-heads      also tag organization heads with their complements (حزب العمال)\n"
    "  --government     also tag government bodies (وزارة الخارجية الأردنية)\n"
    "  -h, --help       this text\n"
    "  --version        the version\n\n"
    "Example:\n"
    "  printf 'قال\\nالرئيس\\nفلاديمير\\nبوتين\\nفي\\nموسكو\\n' | fahras-tag\n"
    "  fahras-tag --conll dev.conll > predicted.conll\n";

bool switch_off(fahras::EntityRules& rules, std::string_view name) {
  if (name == "titles") rules.titles = false;
  else if (name == "given-names") rules.given_names = false;
  else if (name == "org-cues") rules.org_cues = false;
  else if (name == "place-cues") rules.place_cues = false;
  else if (name == "discourse") rules.discourse = false;
  else return false;
  return true;
}

// Parses the arguments; on a mistake prints one line and returns false.
bool parse(int argc, char** argv, Options& options) {
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    const bool has_value = i + 1 < argc;
    if (arg == "-h" || arg == "--help") {
      options.help = true;
    } else if (arg == "--version") {
      options.version = true;
    } else if (arg == "--conll" && has_value) {
      options.input = argv[++i];
    } else if (arg == "--no-rules") {
      const bool gazetteer = options.rules.gazetteer;
      options.rules = fahras::EntityRules::gazetteer_only();
      options.rules.gazetteer = gazetteer;
    } else if (arg == "--org-heads") {
      options.rules.org_heads = true;
    } else if (arg == "--government") {
      options.rules.government_bodies = true;
    } else if (arg == "--no-gazetteer") {
      options.rules.gazetteer = false;
    } else if (arg == "--no-rule" && has_value && switch_off(options.rules, argv[i + 1])) {
      ++i;
    } else {
      std::cerr << "fahras-tag: bad argument \"" << arg << "\" (see --help)\n";
      return false;
    }
  }
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  Options options;
  if (!parse(argc, argv, options)) return exit_usage;
  if (options.help) {
    std::cout << usage_text;
    return exit_ok;
  }
  if (options.version) {
    std::cout << fahras::version_line("fahras-tag") << '\n';
    return exit_ok;
  }
  std::ios::sync_with_stdio(false);
  fahras::EntityRecognizer recognizer({}, options.rules);
  if (options.input == "-") {
    fahras::tag_conll(std::cin, std::cout, recognizer);
    return exit_ok;
  }
  std::error_code error;
  if (!std::filesystem::is_regular_file(options.input, error)) {
    std::cerr << "fahras-tag: " << options.input << ": not a readable file\n";
    return exit_usage;
  }
  std::ifstream in(options.input, std::ios::binary);
  if (!in) {
    std::cerr << "fahras-tag: " << options.input << ": cannot open file: " << std::strerror(errno) << "\n";
    return exit_usage;
  }
  fahras::tag_conll(in, std::cout, recognizer);
  return exit_ok;
}
