// fahras-query on a terminal, through a pseudo-terminal (forkpty): colours and widths as the
// terminal says, and the interactive session driven by a script of keystrokes — results,
// paging, a hit in full, sorting, facets, the parsed query, help, Ctrl-C, Ctrl-D, history.
#include "gaps_db.hpp"
#include "process.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <chrono>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <memory>
#include <poll.h>
#include <pty.h>
#include <sstream>
#include <filesystem>
#include <string>
#include <sys/wait.h>
#include <termios.h>
#include <thread>
#include <unistd.h>
#include <utility>
#include <vector>

namespace {

using fahras::test::Result;
using fahras::test::sample_db;
using fahras::test::run_command;
using fahras::test::TempDir;
using namespace std::chrono_literals;



/** The text of terminal output without escape sequences and carriage returns. */
std::string visible(const std::string& raw) {
  std::string out;
  for (std::size_t i = 0; i < raw.size(); ++i) {
    if (raw[i] == '\x1b' && i + 1 < raw.size() && raw[i + 1] == '[') {
      i += 2;
      while (i < raw.size() && !(raw[i] >= 0x40 && raw[i] <= 0x7E)) ++i;
    } else if (raw[i] != '\r') {
      out += raw[i];
    }
  }
  return out;
}

/** Columns a line of UTF-8 takes: code points, less the zero-width ones (Arabic diacritics,
 *  directional formatting characters). */
std::size_t columns(const std::string& line) {
  std::size_t count = 0;
  for (std::size_t i = 0; i < line.size(); ++i) {
    const auto byte = static_cast<unsigned char>(line[i]);
    if ((byte & 0xC0) == 0x80) continue;
    const auto next = i + 1 < line.size() ? static_cast<unsigned char>(line[i + 1]) : 0;
    const auto third = i + 2 < line.size() ? static_cast<unsigned char>(line[i + 2]) : 0;
    const bool diacritic = byte == 0xD9 && ((next >= 0x8B && next <= 0x9F) || next == 0xB0);
    const bool format = byte == 0xE2 && next == 0x80 && ((third >= 0x8B && third <= 0x8F) || (third >= 0xAA && third <= 0xAE));
    if (!diacritic && !format) ++count;
  }
  return count;
}

/** A program on the far side of a pseudo-terminal of the given size. */
class PtySession {
public:
  PtySession(const std::vector<std::string>& args, const std::vector<std::pair<std::string, std::string>>& env,
             unsigned short columns = 100, unsigned short rows = 30) {
    winsize size{};
    size.ws_col = columns;
    size.ws_row = rows;
    pid_ = forkpty(&master_, nullptr, nullptr, &size);
    REQUIRE(pid_ >= 0);
    if (pid_ == 0) {
      for (const char* name : {"NO_COLOR", "COLUMNS", "LINES", "XDG_STATE_HOME", "FAHRAS_HISTORY", "PAGER", "LESS"}) {
        unsetenv(name);
      }
      setenv("TERM", "xterm", 1);
      setenv("LANG", "C.UTF-8", 1);
      setenv("HOME", "/nonexistent", 1);
      for (const auto& [name, value] : env) setenv(name.c_str(), value.c_str(), 1);
      std::vector<char*> argv;
      for (const std::string& arg : args) argv.push_back(const_cast<char*>(arg.c_str()));
      argv.push_back(nullptr);
      execv(argv[0], argv.data());
      _exit(127);
    }
  }
  ~PtySession() {
    if (pid_ > 0 && !exited_) {
      kill(pid_, SIGKILL);
      waitpid(pid_, nullptr, 0);
    }
    if (master_ >= 0) close(master_);
  }
  PtySession(const PtySession&) = delete;
  PtySession& operator=(const PtySession&) = delete;

  void send(const std::string& keys) {
    std::size_t done = 0;
    while (done < keys.size()) {
      const ssize_t n = write(master_, keys.data() + done, keys.size() - done);
      REQUIRE(n > 0);
      done += static_cast<std::size_t>(n);
    }
  }

  /** Reads until `text` appears in the visible output after the last mark; false on timeout. */
  bool expect(const std::string& text, std::chrono::milliseconds timeout = 5000ms) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (visible(raw_.substr(mark_)).find(text) == std::string::npos) {
      if (!read_some(deadline)) return false;
    }
    return true;
  }

  /**
   * Waits until the program edits a line: libedit shows its prompt first and turns off
   * canonical mode only when it reads, and keys typed before that are the kernel's to handle
   * (echoed twice, Ctrl-C a signal). The pseudo-terminal's modes are shared by both ends.
   */
  bool wait_editing(std::chrono::milliseconds timeout = 5000ms) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    termios modes{};
    while (tcgetattr(master_, &modes) == 0 && (modes.c_lflag & ICANON) != 0) {
      if (std::chrono::steady_clock::now() > deadline) return false;
      std::this_thread::sleep_for(2ms);
    }
    return true;
  }

  /** Sends a command line once the program edits a line and waits for the next prompt; what
   *  it printed, without escapes. */
  std::string command(const std::string& line) {
    take();
    REQUIRE(wait_editing());
    send(line + "\r");
    const bool prompted = expect("fahras> ");
    INFO(line, " -> ", visible(raw_.substr(mark_)));
    REQUIRE(prompted);
    return visible(take());
  }

  /** Everything from the last mark; then the mark moves to the end. */
  std::string take() {
    std::string out = raw_.substr(mark_);
    mark_ = raw_.size();
    return out;
  }

  /** Reads all output until the program exits; its exit status: -1 on timeout, 128 + N for a
   *  signal N, which fails the test like a sanitizer report (exit_code_of). */
  int wait_exit(std::chrono::milliseconds timeout = 5000ms) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (read_some(deadline)) {
    }
    int status = 0;
    for (;;) {
      const pid_t done = waitpid(pid_, &status, WNOHANG);
      if (done == pid_) break;
      if (std::chrono::steady_clock::now() > deadline) return -1;
      std::this_thread::sleep_for(10ms);
    }
    exited_ = true;
    return fahras::test::exit_code_of(status, "fahras-query on a terminal", raw_);
  }

  [[nodiscard]] const std::string& raw() const { return raw_; }

private:
  bool read_some(std::chrono::steady_clock::time_point deadline) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) return false;
    pollfd fd{master_, POLLIN, 0};
    if (poll(&fd, 1, static_cast<int>(left.count())) <= 0) return false;
    char buffer[4096];
    const ssize_t n = read(master_, buffer, sizeof buffer);
    if (n <= 0) return false;  // EIO: the program has gone
    raw_.append(buffer, static_cast<std::size_t>(n));
    return true;
  }

  int master_ = -1;
  pid_t pid_ = -1;
  bool exited_ = false;
  std::string raw_;
  std::size_t mark_ = 0;
};

}  // namespace

TEST_SUITE("e2e fahras-query tty") {
  TEST_CASE("on a terminal: colours by default, wrapped to its width; NO_COLOR and --color=never turn colour off") {
    const std::string bin = FAHRAS_QUERY_BIN;
    {
      PtySession tty({bin, "--db", sample_db(), "--limit", "2", "ميزانية"}, {}, 50);
      const int status = tty.wait_exit();
      INFO(tty.raw());
      CHECK(status == 0);
      CHECK(tty.raw().find("\x1b[1;31mميزانية\x1b[0m") != std::string::npos);
      std::istringstream lines(visible(tty.raw()));
      std::string line;
      std::size_t count = 0;
      while (std::getline(lines, line)) {
        ++count;
        CHECK(columns(line) <= 50);
      }
      CHECK(count > 12);  // wrapped: more lines than fields
    }
    for (const auto& setting : {std::pair<std::string, std::string>{"NO_COLOR", "--color=auto"},
                                std::pair<std::string, std::string>{"X_UNUSED", "--color=never"}}) {
      const std::string env = setting.first;
      const std::string arg = setting.second;
      PtySession tty({bin, "--db", sample_db(), arg, "--limit", "1", "ميزانية"}, {{env, "1"}});
      CHECK(tty.wait_exit() == 0);
      INFO(env, " ", arg, ": ", tty.raw());
      CHECK(tty.raw().find('\x1b') == std::string::npos);
      CHECK(tty.raw().find("[ميزانية]") != std::string::npos);
    }
  }

  TEST_CASE("interactive: search, page, open a hit, sort, facets, explain, help, Ctrl-C, Ctrl-D, history") {
    TempDir tmp;
    const std::string history = tmp / "state/history";
    PtySession tty({FAHRAS_QUERY_BIN, "--db", sample_db(), "--limit", "2"},
                   {{"FAHRAS_HISTORY", history}, {"PAGER", "cat"}});  // PAGER=cat: no pager
    REQUIRE(tty.expect("fahras> "));
    CHECK(visible(tty.take()).find("42 articles") != std::string::npos);

    const std::string first_page = tty.command("ميزانية OR الحكومة");
    // The exact count (Xapian's estimate said "about 20"), as --count and the JSON give it.
    CHECK(first_page.find("hits 1–2 of 9 ·") != std::string::npos);
    CHECK(first_page.find("1. الحكومة تقر ميزانية تكميلية") != std::string::npos);
    CHECK(first_page.find("2. ") != std::string::npos);
    CHECK(first_page.find("3. ") == std::string::npos);

    const std::string second_page = tty.command("n");
    CHECK(second_page.find("hits 3–4 of 9 ·") != std::string::npos);
    CHECK(second_page.find("3. ") != std::string::npos);
    CHECK(second_page.find("1. ") == std::string::npos);
    CHECK(tty.command("p").find("hits 1–2 of 9 ·") != std::string::npos);
    CHECK(tty.command("p").find("this is the first page") != std::string::npos);

    tty.take();
    REQUIRE(tty.wait_editing());
    tty.send("1\r");  // the whole article: its last paragraph is far from the snippet
    REQUIRE(tty.expect("fahras> "));
    const std::string article = tty.take();
    CHECK(visible(article).find("by أحمد السالم") != std::string::npos);
    CHECK(visible(article).find("ليلى المنصور") != std::string::npos);
    CHECK(visible(article).find("البيروقراطية") != std::string::npos);
    CHECK(article.find("\x1b[1;31mميزانية\x1b[0m") != std::string::npos);  // highlighted in the full text too
    const std::string fourth = tty.command(":open 4");  // not on the page shown: fetched
    CHECK(fourth.find("4. ") != std::string::npos);
    CHECK(fourth.find("1. ") == std::string::npos);

    const std::string newest = tty.command(":sort newest");
    CHECK(newest.find("· newest ·") != std::string::npos);
    const std::size_t date1 = newest.find(" · 2025-");
    const std::size_t date2 = newest.find(" · 2025-", date1 + 1);
    REQUIRE(date2 != std::string::npos);
    CHECK(newest.substr(date1, 13) >= newest.substr(date2, 13));
    CHECK(tty.command(":s o").find("· oldest ·") != std::string::npos);

    const std::string facets = tty.command(":facets");
    CHECK(facets.find("9 matching articles, near-duplicates counted once") != std::string::npos);
    CHECK(facets.find("sources   ") != std::string::npos);
    CHECK(facets.find("al-khabar 2") != std::string::npos);
    CHECK(facets.find("months    2025-05") != std::string::npos);
    const std::string explained = tty.command(":explain");
    CHECK(explained.find("OR(ميزانية, الحكومة)") != std::string::npos);
    CHECK(explained.find("Query(") != std::string::npos);
    const std::string help = tty.command("?");
    CHECK(help.find(":sort ORDER") != std::string::npos);
    CHECK(help.find("Ctrl-D") != std::string::npos);
    CHECK(tty.command(":bogus").find("unknown command ':bogus'") != std::string::npos);

    const std::string misspelt = tty.command("مزانية");  // finds nothing
    CHECK(misspelt.find("no hits") != std::string::npos);
    CHECK(misspelt.find("Did you mean: ميزانية") != std::string::npos);

    tty.take();
    REQUIRE(tty.wait_editing());
    tty.send("أوبك\x03");  // Ctrl-C: the line is abandoned, not searched
    const bool abandoned = tty.expect("^C\nfahras> ");
    INFO(tty.raw().substr(tty.raw().size() - std::min<std::size_t>(tty.raw().size(), 200)));
    REQUIRE(abandoned);
    REQUIRE(tty.wait_editing());
    tty.send("\x04");  // Ctrl-D leaves
    CHECK(tty.wait_exit() == 0);
    CHECK(visible(tty.take()).find("hit") == std::string::npos);  // أوبك was never searched

    std::ifstream saved(history);
    REQUIRE(saved);
    const std::string text((std::istreambuf_iterator<char>(saved)), std::istreambuf_iterator<char>());
    CHECK(text.find(":sort\\040newest") != std::string::npos);  // libedit's history format
    CHECK(text.find(":facets") != std::string::npos);
    CHECK(text.find("^C") == std::string::npos);

    // A second session recalls the first one's last line with Up.
    PtySession again({FAHRAS_QUERY_BIN, "--db", sample_db(), "--limit", "2"}, {{"FAHRAS_HISTORY", history}});
    REQUIRE(again.expect("fahras> "));
    CHECK(again.command("\x1b[A").find("no hits") != std::string::npos);  // مزانية again
    REQUIRE(again.wait_editing());
    again.send(":q\r");
    CHECK(again.wait_exit() == 0);
  }

  TEST_CASE("interactive: :related lists the articles most like the hit opened, paged and opened as hits") {
    PtySession tty({FAHRAS_QUERY_BIN, "--db", sample_db(), "--limit", "2", "--no-pager", "--color=never"},
                   {{"FAHRAS_HISTORY", "/dev/null"}});
    REQUIRE(tty.expect("fahras> "));
    CHECK(tty.command(":related").find("no hit opened yet: open one (its number), or :related N") != std::string::npos);
    CHECK(tty.command("?").find(":related [N]") != std::string::npos);
    CHECK(tty.command("هدفان للقحطاني").find("1. [هدفان] [للقحطاني] يمنحان الصقور صدارة الدوري") != std::string::npos);
    CHECK(tty.command("1").find("1. [هدفان] [للقحطاني] يمنحان") != std::string::npos);  // opened

    const std::string related = tty.command(":related");
    INFO(related);
    CHECK(related.find("related to هدفان للقحطاني يمنحان الصقور صدارة الدوري") != std::string::npos);
    CHECK(related.find("1. أندية أوروبية تراقب [يوسف] [القحطاني]") != std::string::npos);
    CHECK(related.find("2. [القحطاني] ضمن قائمة المنتخب") != std::string::npos);
    CHECK(related.find(". هدفان") == std::string::npos);  // never the article itself
    CHECK(related.find("hits 1–2 of ") != std::string::npos);
    CHECK(related.find("· related ·") != std::string::npos);

    const std::string opened = tty.command("2");  // a related article, in full, the words it was found by lit
    CHECK(opened.find("2. [القحطاني] ضمن قائمة المنتخب لتصفيات كأس العالم") != std::string::npos);
    CHECK(opened.find("[يوسف]") != std::string::npos);
    const std::string next = tty.command("n");
    CHECK(next.find("hits 3–4 of ") != std::string::npos);
    CHECK(next.find("· related ·") != std::string::npos);
    CHECK(tty.command(":explain").find("related to هدفان للقحطاني يمنحان الصقور صدارة الدوري by: ") != std::string::npos);
    CHECK(tty.command(":sort newest").find("':sort' applies to a query") != std::string::npos);
    CHECK(tty.command(":related x").find("':related' takes a hit number, not 'x'") != std::string::npos);
    // The articles like the one opened last (القحطاني ضمن قائمة المنتخب): not it, the goal story among them.
    const std::string again = tty.command(":r");
    CHECK(again.find("related to القحطاني ضمن قائمة المنتخب لتصفيات كأس العالم") != std::string::npos);
    INFO(again);
    CHECK(again.find("يمنحان الصقور صدارة") != std::string::npos);
    // A query ends the related listing.
    const std::string query = tty.command("أوبك");
    CHECK(query.find("hit 1 of 1 · relevance ·") != std::string::npos);
    CHECK(query.find("related to") == std::string::npos);
    REQUIRE(tty.wait_editing());
    tty.send("\x04");
    CHECK(tty.wait_exit() == 0);
  }

  TEST_CASE("interactive: /n searches for a command word; --bidi=visual applies to the session") {
    // FAHRAS_HISTORY=/dev/null keeps no history, and leaves /dev/null as it was.
    const auto null_permissions = std::filesystem::status("/dev/null").permissions();
    PtySession tty({FAHRAS_QUERY_BIN, "--db", sample_db(), "--bidi=visual", "--color=never"},
                   {{"FAHRAS_HISTORY", "/dev/null"}}, 80, 24);
    REQUIRE(tty.expect("fahras> "));
    CHECK(tty.command("/n").find("no hits") != std::string::npos);
    REQUIRE(tty.wait_editing());
    tty.send("أوبك\r");
    REQUIRE(tty.expect("hit 1 of 1 ·"));
    REQUIRE(tty.expect("fahras> "));
    std::string page = tty.take();
    page = page.substr(page.find('\n'));  // after the echo of the line typed
    INFO(page);
    // the title "أوبك+ تقرر ..." shaped and reordered, right-aligned to the 80 columns, in LRO…PDF
    CHECK(page.find("\u202D") != std::string::npos);
    CHECK(page.find(".1\u202C") != std::string::npos);
    CHECK(page.find("أوبك") == std::string::npos);  // nothing left in logical order
    // [أوبك]: kaf final FEDA, beh initial FE91, waw isolated FEED, alef with hamza isolated FE83; brackets mirrored
    CHECK(page.find("[\uFEDA\uFE91\uFEED\uFE83]") != std::string::npos);
    REQUIRE(tty.wait_editing());
    tty.send("\x04");
    CHECK(tty.wait_exit() == 0);
    CHECK(std::filesystem::status("/dev/null").permissions() == null_permissions);
  }

  TEST_CASE("interactive: filters every article matches, on a database with gaps, answer and the session goes on") {
    PtySession tty({FAHRAS_QUERY_BIN, "--db", fahras::test::gaps_db(), "--limit", "2"}, {});
    REQUIRE(tty.expect("fahras> "));
    tty.take();
    for (const char* filter : {"date:2015", "date:2015-08", "date:2015-08-01", "source:al-khabar"}) {
      const std::string shown = tty.command(filter);
      CAPTURE(filter);
      INFO(shown);
      CHECK(shown.find("1. ") != std::string::npos);
      CHECK(shown.find("rror") == std::string::npos);
    }
    const std::string after = tty.command("النفط -الاقتصاد");
    INFO(after);
    CHECK(after.find("rror") == std::string::npos);
    CHECK(tty.command("النفط").find("1. ") != std::string::npos);
  }

  TEST_CASE("interactive: a failed query leaves the one before; a command without its argument says what it takes") {
    PtySession tty({FAHRAS_QUERY_BIN, "--db", sample_db()}, {{"FAHRAS_HISTORY", "/dev/null"}});
    REQUIRE(tty.expect("fahras> "));
    CHECK(tty.command("foo:bar").find("unknown field 'foo:'") != std::string::npos);
    const std::string nothing = tty.command("99");  // no query has run yet
    CHECK(nothing.find("no query yet: the one typed failed (see above)") != std::string::npos);
    CHECK(nothing.find("foo:") == std::string::npos);
    CHECK(tty.command("أوبك").find("hit 1 of 1 ") != std::string::npos);
    CHECK(tty.command("\"قمة").find("unbalanced quote") != std::string::npos);
    const std::string after = tty.command("99");  // hit 99 of أوبك, the query still in place
    CHECK(after.find("no hit 99") != std::string::npos);
    CHECK(after.find("unbalanced") == std::string::npos);
    CHECK(tty.command("n").find("no more hits") != std::string::npos);
    CHECK(tty.command(":o").find("':o' takes a hit number: :open 3 (or just 3)") != std::string::npos);
    CHECK(tty.command(":open").find("':open' takes a hit number") != std::string::npos);
    CHECK(tty.command(":sort").find("':sort' takes relevance, newest or oldest: :sort newest") != std::string::npos);
    CHECK(tty.command(":facets now").find("':facets' takes no argument") != std::string::npos);
    CHECK(tty.command(":explain").find("أوبك") != std::string::npos);
    CHECK(tty.command(":o 1").find("1. أوبك+") != std::string::npos);
    REQUIRE(tty.wait_editing());
    tty.send("\x04");
    CHECK(tty.wait_exit() == 0);
  }

  TEST_CASE("interactive: an opened hit goes through $PAGER (LESS=FRX unless set), not with --no-pager") {
    TempDir tmp;
    const std::string pager = tmp / "pager.sh";
    {
      std::ofstream script(pager);
      script << "#!/bin/sh\necho \"paged with LESS=$LESS LV=$LV\"\nsed 's/^/| /'\n";
    }
    std::filesystem::permissions(pager, std::filesystem::perms::owner_all);
    {
      PtySession tty({FAHRAS_QUERY_BIN, "--db", sample_db(), "--limit", "2"},
                     {{"FAHRAS_HISTORY", "/dev/null"}, {"PAGER", pager}});
      REQUIRE(tty.expect("fahras> "));
      CHECK(tty.command("ميزانية OR الحكومة").find("hits 1–2") != std::string::npos);
      const std::string article = tty.command("1");
      INFO(article);
      CHECK(article.find("paged with LESS=FRX LV=-c") != std::string::npos);
      CHECK(article.find("| 1. الحكومة تقر ميزانية تكميلية") != std::string::npos);
      CHECK(article.find("| ") != article.rfind("| "));               // every line through the pager
      CHECK(article.find("البيروقراطية") != std::string::npos);       // the last paragraph too
      CHECK(tty.command("n").find("hits 3–4") != std::string::npos);  // the session goes on
      REQUIRE(tty.wait_editing());
      tty.send("\x04");
      CHECK(tty.wait_exit() == 0);
    }
    {  // LESS as the user set it; a pager that cannot run: said so, and the article shown anyway
      PtySession tty({FAHRAS_QUERY_BIN, "--db", sample_db()},
                     {{"FAHRAS_HISTORY", "/dev/null"}, {"PAGER", pager}, {"LESS", "-i"}});
      REQUIRE(tty.expect("fahras> "));
      tty.command("أوبك");
      CHECK(tty.command("1").find("paged with LESS=-i LV=-c") != std::string::npos);
      REQUIRE(tty.wait_editing());
      tty.send("\x04");
      CHECK(tty.wait_exit() == 0);
    }
    {
      PtySession tty({FAHRAS_QUERY_BIN, "--db", sample_db()},
                     {{"FAHRAS_HISTORY", "/dev/null"}, {"PAGER", tmp / "no-such-pager"}});
      REQUIRE(tty.expect("fahras> "));
      tty.command("أوبك");
      const std::string shown = tty.command("1");
      CHECK(shown.find("fahras-query: cannot run the pager") != std::string::npos);
      CHECK(shown.find("1. أوبك+") != std::string::npos);
      REQUIRE(tty.wait_editing());
      tty.send("\x04");
      CHECK(tty.wait_exit() == 0);
    }
    for (const auto& choice : {std::pair<std::string, std::string>{"--no-pager", pager},
                               std::pair<std::string, std::string>{"--color=auto", "cat"}}) {
      const std::string setting = choice.first;
      const std::string value = choice.second;
      PtySession tty({FAHRAS_QUERY_BIN, "--db", sample_db(), setting},
                     {{"FAHRAS_HISTORY", "/dev/null"}, {"PAGER", value}});
      REQUIRE(tty.expect("fahras> "));
      tty.command("أوبك");
      const std::string direct = tty.command("1");
      INFO(setting, " PAGER=", value, ": ", direct);
      CHECK(direct.find("paged with") == std::string::npos);
      CHECK(direct.find("\n1. أوبك+") != std::string::npos);
      REQUIRE(tty.wait_editing());
      tty.send("\x04");
      CHECK(tty.wait_exit() == 0);
    }
  }

  TEST_CASE("no query, not a terminal: an error, not a session") {
    const Result r = run_command("echo | " + std::string(FAHRAS_QUERY_BIN) + " --db " + sample_db() + " 2>&1");
    CHECK(r.exit_code == 2);
    CHECK(r.out == "fahras-query: no QUERY given (see --help)\n");
  }
}
