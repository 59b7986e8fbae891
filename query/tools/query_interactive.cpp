#include "query_interactive.hpp"

#include "pager.hpp"
#include "plural.hpp"
#include "query_cli.hpp"
#include "query_output.hpp"
#include "terminal_env.hpp"

#include <fmt/format.h>
#include <histedit.h>
#include <langinfo.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <clocale>
#include <cerrno>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <optional>
#include <ostream>
#include <sstream>
#include <stdexcept>
#include <string_view>
#include <utility>

namespace fahras::cli {

namespace {

constexpr const char* help_text = R"(QUERY          search (the query syntax of the command line); /QUERY searches for n, p or a number
n  p           next page, previous page
N              hit N in full, through $PAGER (also :open N, :o N)
:related [N]   the articles most like the hit opened last, or like hit N (:r); n, p and N as for hits
:sort ORDER    relevance, newest or oldest; a first letter is enough (:s n)
:facets        sources and months of the whole result (:f)
:explain       the parsed query (:e)
:info          the database (:i)
?              this help (also :help)
Ctrl-C abandons the line; Ctrl-D (or :q) leaves; Up and Down recall earlier lines.)";

constexpr std::size_t lines_per_hit = 6;  // title, meta, about three lines of snippet, a blank line

std::string trim(const std::string& text) {
  const auto first = text.find_first_not_of(" \t\r\n");
  if (first == std::string::npos) return {};
  return text.substr(first, text.find_last_not_of(" \t\r\n") - first + 1);
}

bool all_digits(const std::string& text) {
  return !text.empty() && std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

const char* sort_name(SortOrder order) {
  switch (order) {
    case SortOrder::Relevance: return "relevance";
    case SortOrder::Newest: return "newest";
    case SortOrder::Oldest: return "oldest";
  }
  return "relevance";
}

/** libedit with its history; Ctrl-C is a key here (ISIG off while editing) that abandons the line. */
class LineEditor {
public:
  explicit LineEditor(std::string history_file) : path_(keepable(std::move(history_file))) {
    editor_ = el_init("fahras-query", stdin, stdout, stderr);
    history_ = history_init();
    HistEvent event;
    history(history_, &event, H_SETSIZE, 1000);
    history(history_, &event, H_SETUNIQUE, 1);
    if (!path_.empty()) history(history_, &event, H_LOAD, path_.c_str());
    el_set(editor_, EL_EDITOR, "emacs");
    el_set(editor_, EL_SIGNAL, 1);
    el_set(editor_, EL_PROMPT, &LineEditor::prompt);
    el_set(editor_, EL_HIST, history, history_);
    el_set(editor_, EL_CLIENTDATA, this);
    el_set(editor_, EL_SETTY, "-d", "-isig", nullptr);
    // el_wset: the narrow el_set copies the name and help of EL_ADDFN and never frees them.
    el_wset(editor_, EL_ADDFN, L"fahras-abandon", L"abandon the line", &LineEditor::abandon);
    el_set(editor_, EL_BIND, "^C", "fahras-abandon", nullptr);
    el_source(editor_, nullptr);  // ~/.editrc, as other libedit programs
  }
  ~LineEditor() {
    el_end(editor_);
    history_end(history_);
  }
  LineEditor(const LineEditor&) = delete;
  LineEditor& operator=(const LineEditor&) = delete;

  /** The next line, without its newline; nullopt at end of input (Ctrl-D); "" when abandoned. */
  std::optional<std::string> read() {
    abandoned_ = false;
    int count = 0;
    const char* line = el_gets(editor_, &count);
    if (count < 0) {
      // A read cut by a signal (Ctrl-C before editing began) abandons the line; any other
      // error (the terminal hung up) ends the session instead of failing again forever.
      if (errno == EINTR) return std::string();
      return std::nullopt;
    }
    if (line == nullptr || count == 0) return std::nullopt;
    if (abandoned_) return std::string();
    std::string text = trim(line);
    if (!text.empty()) remember(text);
    return text;
  }

  [[nodiscard]] const std::string& path() const noexcept { return path_; }

private:
  // History is kept in a regular file (made when missing). Anything else — /dev/null, a FIFO —
  // means no history on disk: libedit's save would truncate it and chmod it to 0600, which on
  // /dev/null as root breaks every other user of the machine.
  static std::string keepable(std::string path) {
    if (path.empty()) return path;
    std::error_code error;
    const auto status = std::filesystem::status(path, error);
    if (std::filesystem::exists(status) && !std::filesystem::is_regular_file(status)) return {};
    return path;
  }

  void remember(const std::string& line) {
    HistEvent event;
    history(history_, &event, H_ENTER, line.c_str());
    if (path_.empty()) return;
    std::error_code error;
    std::filesystem::create_directories(std::filesystem::path(path_).parent_path(), error);
    history(history_, &event, H_SAVE, path_.c_str());  // at once: a killed session keeps its history
  }

  static char* prompt(EditLine* /*editor*/) {
    static char text[] = "fahras> ";
    return text;
  }

  static unsigned char abandon(EditLine* editor, int /*key*/) {
    void* data = nullptr;
    el_get(editor, EL_CLIENTDATA, &data);
    static_cast<LineEditor*>(data)->abandoned_ = true;
    el_insertstr(editor, "^C");
    el_push(editor, "\n");  // ends the line as Enter does (the newline shown); read() drops it
    return CC_REFRESH;
  }

  std::string path_;
  EditLine* editor_ = nullptr;
  History* history_ = nullptr;
  bool abandoned_ = false;
};

class Session {
  /** An article of a listing: its id, and its title to name it by. */
  struct Listed {
    std::string id;
    std::string title;
  };

public:
  Session(Searcher& searcher, const QueryOptions& options, const Display& display, std::ostream& out, std::ostream& err)
      : searcher_(searcher), options_(options), printer_(out, display), out_(out), err_(err), request_(options.request) {
    if (!options.limit_given) {
      const std::size_t rows = terminal::terminal_rows(STDOUT_FILENO);
      request_.limit = rows == 0 ? 10 : std::max<std::size_t>(2, (rows - std::min<std::size_t>(rows, 3)) / lines_per_hit);
    }
    request_.offset = 0;
    request_.facets = false;
  }

  /** Does what the line says; false when it says to leave. */
  bool handle(const std::string& line) {
    try {
      return dispatch(line);
    } catch (const std::exception& e) {  // a bad query, or a stored article the session cannot read: say so, go on
      err_ << "fahras-query: " << terminal::sanitize(e.what()) << '\n';
    }
    return true;
  }

private:
  bool dispatch(const std::string& line) {
    if (line.empty()) return true;
    if (line == "?") return help();
    if (line == "n") return turn_page(true);
    if (line == "p") return turn_page(false);
    if (all_digits(line)) return open(line);
    if (line[0] != ':') return search(line[0] == '/' ? trim(line.substr(1)) : line);
    const std::size_t space = line.find(' ');
    const std::string name = line.substr(0, space);
    const std::string argument = space == std::string::npos ? std::string() : trim(line.substr(space));
    if (name == ":open" || name == ":o") {
      if (argument.empty()) return usage(name, "takes a hit number: :open 3 (or just 3)");
      return open(argument);
    }
    if (name == ":related" || name == ":r") return related(argument);
    if (name == ":sort" || name == ":s") {
      if (argument.empty()) return usage(name, "takes relevance, newest or oldest: :sort newest (or :s n)");
      return sort(argument);
    }
    struct PlainCommand {
      std::string_view name;
      std::string_view abbreviation;
      bool (Session::*run)();
    };
    static constexpr PlainCommand plain_commands[] = {
        {":help", ":h", &Session::help},       {":next", ":next", &Session::next},
        {":prev", ":prev", &Session::previous}, {":facets", ":f", &Session::facets},
        {":explain", ":e", &Session::explain},  {":info", ":i", &Session::info},
        {":quit", ":q", &Session::quit}};
    for (const PlainCommand& command : plain_commands) {
      if (name != command.name && name != command.abbreviation) continue;
      if (!argument.empty()) return usage(name, "takes no argument");
      return (this->*command.run)();
    }
    err_ << "fahras-query: unknown command '" << line << "' (? for help)\n";
    return true;
  }

  bool usage(const std::string& name, std::string_view what) {
    err_ << "fahras-query: '" << name << "' " << what << '\n';
    return true;
  }

  bool help() {
    out_ << help_text << '\n';
    return true;
  }
  bool quit() { return false; }
  bool next() { return turn_page(true); }
  bool previous() { return turn_page(false); }
  bool explain() {
    if (related_to_ && page_) {  // no query was typed: the words chosen from the article
      printer_.note(fmt::format("related to {} by: {}", terminal::sanitize(related_to_->title),
                                terminal::sanitize(page_->query)));
    } else if (need_query()) {
      out_ << searcher_.explain(request_) << '\n';
    }
    return true;
  }
  bool info() {
    printer_.info(searcher_.info());
    return true;
  }

  /** A new query; one that fails (bad syntax) leaves the one before in place for n, p and N. */
  bool search(const std::string& text) {
    SearchRequest next = request_;
    next.text = text;
    next.offset = 0;
    if (related_to_) next.sort = query_sort_;
    last_failed_ = true;
    show_page(next, std::nullopt);
    last_failed_ = false;
    return true;
  }

  /** The articles most like the hit opened last (no argument) or hit N: the session's listing
   *  until the next query, paged and opened as hits. */
  bool related(const std::string& argument) {
    std::optional<Listed> of;
    if (argument.empty()) {
      if (!opened_) {
        printer_.note("no hit opened yet: open one (its number), or :related N");
        return true;
      }
      of = opened_;
    } else {
      if (!need_query()) return true;
      if (!all_digits(argument) || argument.size() > 6 || std::stoul(argument) == 0) {
        err_ << "fahras-query: ':related' takes a hit number, not '" << argument << "'\n";
        return true;
      }
      of = hit_at(std::stoul(argument));
      if (!of) return true;
    }
    SearchRequest next = request_;
    next.text.clear();
    next.offset = 0;
    if (!related_to_) query_sort_ = next.sort;
    next.sort = SortOrder::Relevance;
    show_page(next, of);
    return true;
  }

  bool need_query() {
    if (!request_.text.empty() || related_to_) return true;
    printer_.note(last_failed_ ? "no query yet: the one typed failed (see above)"
                               : "no query yet: type some words first");
    return false;
  }

  /** The page `request` asks for: of a search, or of the articles related to `related_to`. */
  SearchResponse fetch(const SearchRequest& request, const std::optional<Listed>& related_to) {
    if (!related_to) return searcher_.search(request);
    std::optional<SearchResponse> response = searcher_.related(related_to->id, request);
    if (!response) throw std::runtime_error(fmt::format("'{}' is no longer in the database", related_to->title));
    return std::move(*response);
  }

  /** Searches `request` (or lists the articles related to `related_to`) and shows the page; it
   *  becomes the session's listing once it ran. */
  void show_page(const SearchRequest& request, const std::optional<Listed>& related_to) {
    printer_.set_width(terminal::terminal_columns(STDOUT_FILENO));
    SearchResponse response = fetch(request, related_to);
    request_ = request;
    related_to_ = related_to;
    page_ = std::move(response);
    if (related_to_) printer_.note(fmt::format("related to {}", terminal::sanitize(related_to_->title)));
    printer_.suggestion(*page_);
    for (const SearchHit& hit : page_->hits) printer_.hit(hit);
    if (page_->hits.empty()) {
      printer_.note(request_.offset == 0 ? "no hits" : fmt::format("no more hits (of {})", total_text(*page_)));
      return;
    }
    const std::size_t first = page_->hits.front().rank;
    const std::size_t last = page_->hits.back().rank;
    const std::string shown = first == last ? fmt::format("hit {}", first) : fmt::format("hits {}–{}", first, last);
    printer_.note(fmt::format("{} of {} · {} · n next · p previous · N open · ? help", shown, total_text(*page_),
                              related_to_ ? "related" : sort_name(request_.sort)));
  }

  bool turn_page(bool forward) {
    if (!need_query()) return true;
    SearchRequest next = request_;
    if (forward) {
      if (page_ && page_->total_relation == TotalRelation::Exact && next.offset + next.limit >= page_->total) {
        printer_.note("no more hits");
        return true;
      }
      next.offset += next.limit;
    } else {
      if (next.offset == 0) {
        printer_.note("this is the first page");
        return true;
      }
      next.offset -= std::min(next.offset, next.limit);
    }
    show_page(next, related_to_);
    return true;
  }

  /** Hit `rank` of the listing: from the page shown, else fetched; nullopt (said) when there is none. */
  std::optional<Listed> hit_at(std::size_t rank) {
    if (page_) {
      for (const SearchHit& hit : page_->hits) {
        if (hit.rank == rank) return Listed{hit.id, hit.title};
      }
    }
    SearchRequest one = request_;  // not on this page: ask for that one hit
    one.offset = rank - 1;
    one.limit = 1;
    one.snippets = false;
    const SearchResponse found = fetch(one, related_to_);
    if (found.hits.empty()) {
      printer_.note(fmt::format("no hit {} (of {})", rank, total_text(found)));
      return std::nullopt;
    }
    return Listed{found.hits.front().id, found.hits.front().title};
  }

  bool open(const std::string& number) {
    if (!need_query()) return true;
    if (!all_digits(number) || number.size() > 6 || std::stoul(number) == 0) {
      err_ << "fahras-query: ':open' takes a hit number, not '" << number << "'\n";
      return true;
    }
    const std::size_t rank = std::stoul(number);
    const std::optional<Listed> hit = hit_at(rank);
    if (!hit) return true;
    SearchRequest highlight_for = request_;
    if (related_to_ && page_) {  // the words the articles were found by
      highlight_for.text = page_->query;
      highlight_for.plain = true;
    }
    const auto article = searcher_.article(hit->id, highlight_for);
    if (!article) {
      printer_.note(fmt::format("hit {} is no longer in the database", rank));
      return true;
    }
    opened_ = Listed{article->id, article->title};
    show_article(*article, rank);
    return true;
  }

  /** The whole article: through the pager when standard output is a terminal (a long article
   *  runs to thousands of lines), else straight out. */
  void show_article(const Article& article, std::size_t rank) {
    const std::string pager =
        options_.no_pager || isatty(STDOUT_FILENO) == 0 ? std::string() : pager_command(std::getenv("PAGER"));
    if (pager.empty()) {
      printer_.set_width(terminal::terminal_columns(STDOUT_FILENO));
      printer_.article(article, rank);
      return;
    }
    std::ostringstream text;
    Printer paged(text, printer_.display());
    paged.set_width(terminal::terminal_columns(STDOUT_FILENO));
    paged.article(article, rank);
    out_.flush();
    if (!page(pager, text.str())) {
      err_ << "fahras-query: cannot run the pager '" << terminal::sanitize(pager) << "' (set PAGER, or --no-pager)\n";
      out_ << text.str();
    }
  }

  bool sort(const std::string& name) {
    if (related_to_) {
      err_ << "fahras-query: related articles are listed most alike first: ':sort' applies to a query\n";
      return true;
    }
    const std::pair<const char*, SortOrder> orders[] = {
        {"relevance", SortOrder::Relevance}, {"newest", SortOrder::Newest}, {"oldest", SortOrder::Oldest}};
    for (const auto& [full, order] : orders) {
      if (std::strncmp(full, name.c_str(), name.size()) == 0) {
        SearchRequest sorted = request_;
        sorted.sort = order;
        sorted.offset = 0;
        if (sorted.text.empty()) {
          request_ = sorted;
          printer_.note(fmt::format("sort: {}", full));
        } else {
          show_page(sorted, std::nullopt);
        }
        return true;
      }
    }
    err_ << "fahras-query: ':sort' takes relevance, newest or oldest, not '" << name << "'\n";
    return true;
  }

  bool facets() {
    if (!need_query()) return true;
    SearchRequest all = request_;
    all.offset = 0;
    all.limit = 0;      // only the counts
    all.facets = true;  // over the whole result: the total is exact
    all.snippets = false;
    printer_.set_width(terminal::terminal_columns(STDOUT_FILENO));
    const SearchResponse response = fetch(all, related_to_);
    printer_.note(fmt::format("{} matching articles{}", total_text(response),
                              all.collapse ? ", near-duplicates counted once" : ""));
    printer_.facets(response.facets);
    return true;
  }

  Searcher& searcher_;
  const QueryOptions& options_;
  Printer printer_;
  std::ostream& out_;
  std::ostream& err_;
  SearchRequest request_;
  std::optional<SearchResponse> page_;
  bool last_failed_ = false;  // the last query typed did not run
  std::optional<Listed> opened_;      // the hit opened last, for :related
  std::optional<Listed> related_to_;  // the listing is the articles related to this one, not a query's hits
  SortOrder query_sort_ = SortOrder::Relevance;  // the query's sort, back after a related listing
};

/** libedit reads multibyte input by the locale: make sure it is a UTF-8 one. */
void use_utf8_locale() {
  if (std::setlocale(LC_CTYPE, "") != nullptr && std::strcmp(nl_langinfo(CODESET), "UTF-8") == 0) return;
  std::setlocale(LC_CTYPE, "C.UTF-8");
}

}  // namespace

std::string history_path() {
  if (const char* path = std::getenv("FAHRAS_HISTORY"); path != nullptr && path[0] != '\0') return path;
  if (const char* state = std::getenv("XDG_STATE_HOME"); state != nullptr && state[0] == '/') {
    return std::string(state) + "/fahras/history";
  }
  if (const char* home = std::getenv("HOME"); home != nullptr && home[0] != '\0') {
    return std::string(home) + "/.local/state/fahras/history";
  }
  return {};
}

int run_interactive(Searcher& searcher, const QueryOptions& options, const Display& display, std::ostream& out,
                    std::ostream& err) {
  use_utf8_locale();
  // Ctrl-C is a key while a line is edited (see LineEditor); at any other moment (a search
  // running, keys typed ahead of the prompt) the terminal sends SIGINT: it must not end the
  // session. The terminal discards the keys typed ahead, which abandons that line too.
  struct sigaction ignore {};
  struct sigaction previous {};
  ignore.sa_handler = SIG_IGN;
  sigemptyset(&ignore.sa_mask);
  sigaction(SIGINT, &ignore, &previous);
  Session session(searcher, options, display, out, err);
  LineEditor editor(history_path());
  Printer(out, display)
      .note(fmt::format("fahras-query on {} ({}). ? for help, Ctrl-D to leave.", terminal::sanitize(options.database),
                        count_of(searcher.document_count(), "article", "articles")));
  while (true) {
    out.flush();
    const std::optional<std::string> line = editor.read();
    if (!line) break;
    if (!session.handle(*line)) break;
  }
  out << '\n';
  sigaction(SIGINT, &previous, nullptr);
  return exit_hits;
}

}  // namespace fahras::cli
