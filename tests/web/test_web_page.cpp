// The search page in a real browser (headless chromium): results and <mark> highlights in the
// DOM for a bookmarked URL, markup stored in articles shown as text and never linked, the
// page's own check (#selftest: which URLs become links, one click on a source facet, the back
// button), and a screenshot at phone width into the build folder.
#include "web_process.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <csignal>
#include <filesystem>
#include <fstream>
#include <string>

namespace {

using fahras::test::run_command;
using fahras::test::shell_quote;
using fahras::test::TempDir;
using fahras::test::web_db;
using fahras::test::WebServer;

bool have_chromium() { return std::string(FAHRAS_CHROMIUM_BIN).find("NOTFOUND") == std::string::npos; }

std::string chromium(const std::string& arguments) {
  // --no-sandbox: the tests may run as root, where chromium's sandbox refuses to start.
  return std::string(FAHRAS_CHROMIUM_BIN) +
         " --headless --no-sandbox --disable-gpu --no-first-run --disable-extensions --user-data-dir=" + arguments;
}

/** The DOM after the page's scripts ran (chromium's own messages dropped). */
std::string dump_dom(const TempDir& profile, const std::string& url) {
  const auto result = run_command(chromium(shell_quote(profile / "profile") +
                                           " --virtual-time-budget=10000 --dump-dom " + shell_quote(url) + " 2>/dev/null"));
  CHECK(result.exit_code == 0);
  return result.out;
}

std::string between(const std::string& text, const std::string& open, const std::string& close) {
  const auto begin = text.find(open);
  if (begin == std::string::npos) return "";
  const auto end = text.find(close, begin + open.size());
  return end == std::string::npos ? "" : text.substr(begin + open.size(), end - begin - open.size());
}

std::size_t count(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + what.size())) ++n;
  return n;
}

}  // namespace

TEST_CASE("page: a bookmarked search shows hits and highlights; a facet click filters; back returns") {
  if (!have_chromium()) {
    MESSAGE("skipped: chromium not found (install Debian's chromium to run the page tests)");
    return;
  }
  WebServer server(web_db());
  TempDir profile;

  // /?q=الرياض, as bookmarked: results at once.
  const std::string riyadh = "%D8%A7%D9%84%D8%B1%D9%8A%D8%A7%D8%B6";
  const std::string dom = dump_dom(profile, server.base() + "/?q=" + riyadh);
  const std::string hits = between(dom, "<div id=\"hits\">", "</section>");
  CHECK(count(hits, "<article class=\"hit\">") == 10);
  CHECK(count(hits, "<mark>الرياض</mark>") >= 10);
  CHECK(dom.find("<p id=\"status\">") != std::string::npos);
  CHECK(dom.find("<ul id=\"facet-sources\">") != std::string::npos);

  // Markup stored in an article: text, and its javascript: URL no link.
  const std::string volcano = dump_dom(profile, server.base() + "/?q=%D8%A8%D8%B1%D9%83%D8%A7%D9%86&sort=newest");
  const std::string volcano_hits = between(volcano, "<div id=\"hits\">", "</section>");
  CHECK(count(volcano_hits, "<article class=\"hit\">") == 2);
  CHECK(volcano_hits.find("<span class=\"source\">&lt;img src=x onerror=alert(1)&gt;</span>") != std::string::npos);
  CHECK(volcano_hits.find("&lt;script&gt;alert(1)&lt;/script&gt;") != std::string::npos);
  CHECK(volcano_hits.find("<img") == std::string::npos);
  CHECK(volcano_hits.find("<span class=\"url\">javascript:alert(1)</span>") != std::string::npos);
  CHECK(volcano_hits.find("href=\"javascript:") == std::string::npos);
  CHECK(volcano_hits.find("href=\"https://markup.example/volcano-2\"") != std::string::npos);

  // A query holding markup: shown as text, no element made of it.
  const std::string markup = dump_dom(profile, server.base() + "/?q=%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E");
  CHECK(markup.find("<img") == std::string::npos);

  // The page's check of itself.
  const std::string checked = dump_dom(profile, server.base() + "/?q=" + riyadh + "#selftest");
  const std::string report = between(checked, "<pre id=\"selftest\">", "</pre>");
  INFO(report);
  REQUIRE(!report.empty());
  std::string text = report;  // the DOM dump escapes & < > in text
  for (const auto& [entity, c] : {std::pair<std::string, std::string>{"&lt;", "<"}, {"&gt;", ">"}, {"&amp;", "&"}}) {
    for (auto at = text.find(entity); at != std::string::npos; at = text.find(entity, at + 1)) text.replace(at, entity.size(), c);
  }
  const auto json = nlohmann::json::parse(text);
  CHECK(json["safe_href"] == nlohmann::json::parse(R"([null,null,null,null,null,"https://a.example/x","http://a.example/"])"));
  CHECK(json["before"]["hits"] == 10);
  REQUIRE(json["clicked"].is_string());
  const std::string source = json["clicked"];
  CHECK(json["after"]["search"] == "?q=" + riyadh + "&source=" + source);
  CHECK(json["after"]["hits"].get<int>() > 0);
  CHECK(json["after"]["hits"].get<int>() < 10);
  for (const auto& s : json["after"]["sources"]) CHECK(s == source);
  CHECK(json["back"] == nlohmann::json{{"search", "?q=" + riyadh}, {"hits", 10}});
  for (const auto& href : json["links"]) CHECK(href.get<std::string>().starts_with("https://"));

  // An article opened from its URL.
  const std::string article = dump_dom(profile, server.base() + "/?q=" + riyadh + "&article=sample-010");
  CHECK(article.find("<div class=\"article\">") != std::string::npos);
  CHECK(count(between(article, "<div class=\"article\">", "</section>"), "<mark>الرياض</mark>") >= 2);

  // A screenshot at phone width, for a person to look at.
  const std::string png = FAHRAS_WEB_SCREENSHOT;
  std::filesystem::remove(png);
  const auto shot = run_command(chromium(shell_quote(profile / "profile") +
                                         " --hide-scrollbars --virtual-time-budget=10000 --window-size=412,915 --screenshot=" +
                                         shell_quote(png) + " " + shell_quote(server.base() + "/?q=" + riyadh) + " 2>/dev/null"));
  CHECK(shot.exit_code == 0);
  std::ifstream in(png, std::ios::binary);
  std::string magic(8, '\0');
  in.read(magic.data(), 8);
  CHECK(magic == "\x89PNG\r\n\x1a\n");
  CHECK(server.stop(SIGTERM) == 0);
}
