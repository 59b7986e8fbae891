// fahras-web over HTTP, the real binary on a loopback port: each endpoint, each kind of bad
// request (exact status and JSON), markup stored in articles, concurrent requests, a database
// changed or gone under a running server, the refusals at start and a clean stop on a signal.
#include "web_process.hpp"

#include <doctest/doctest.h>
#include <httplib.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <atomic>
#include <csignal>
#include <filesystem>
#include <set>
#include <string>
#include <thread>
#include <vector>

namespace {

using fahras::test::run_command;
using fahras::test::run_web;
using fahras::test::shell_quote;
using fahras::test::TempDir;
using fahras::test::web_db;
using fahras::test::WebServer;
using Json = nlohmann::ordered_json;

/** Percent-encodes every byte but unreserved ASCII. */
std::string encode(const std::string& text) {
  std::string out;
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if ((byte >= 'A' && byte <= 'Z') || (byte >= 'a' && byte <= 'z') || (byte >= '0' && byte <= '9') || c == '-' ||
        c == '_' || c == '.' || c == '~') {
      out += c;
    } else {
      constexpr const char* hex = "0123456789ABCDEF";
      out += '%';
      out += hex[byte >> 4U];
      out += hex[byte & 0xFU];
    }
  }
  return out;
}

struct Reply {
  int status = 0;
  std::string body;
  std::string content_type;
  Json json;
};

/** GET `target` (already encoded, sent as is). */
Reply get(const WebServer& server, const std::string& target) {
  httplib::Client client("127.0.0.1", server.port());
  client.set_url_encode(false);
  client.set_read_timeout(60);
  const auto res = client.Get(target.c_str());
  REQUIRE_MESSAGE(res, "no answer to " << target);
  Reply reply{res->status, res->body, res->get_header_value("Content-Type"), {}};
  if (reply.content_type.starts_with("application/json")) reply.json = Json::parse(reply.body);
  return reply;
}

std::vector<std::string> keys(const Json& object) {
  std::vector<std::string> out;
  for (auto it = object.begin(); it != object.end(); ++it) out.push_back(it.key());
  return out;
}

std::vector<std::string> ids(const Json& hits) {
  std::vector<std::string> out;
  for (const Json& hit : hits) out.push_back(hit["id"].get<std::string>());
  return out;
}

Json query_json(const std::string& arguments) {
  const auto result = run_command(std::string(FAHRAS_QUERY_BIN) + " --db " + web_db() + " --json " + arguments);
  return Json::parse(result.out);
}

const std::string riyadh = "الرياض";

}  // namespace

TEST_CASE("web: /search answers with the library's JSON, highlights as ranges and as <mark> HTML") {
  WebServer server(web_db());
  const Reply reply = get(server, "/search?q=" + encode(riyadh) + "&limit=3");
  CHECK(reply.status == 200);
  CHECK(reply.content_type == "application/json; charset=utf-8");
  CHECK(keys(reply.json) == std::vector<std::string>{"query", "total", "total_relation", "timed_out", "hits", "facets",
                                                     "suggestion", "elapsed_ms"});
  const Json expected = query_json("--limit 3 " + riyadh);
  CHECK(reply.json["total"] == expected["total"]);
  CHECK(ids(reply.json["hits"]) == ids(expected["hits"]));
  REQUIRE(reply.json["hits"].size() == 3);
  for (const Json& hit : reply.json["hits"]) {
    CHECK(keys(hit) == std::vector<std::string>{"rank", "id", "url", "title", "title_highlights", "title_html", "source",
                                                "author", "date", "score", "snippet", "highlights", "snippet_html",
                                                "matched_terms", "duplicates"});
    const std::string snippet = hit["snippet"];
    REQUIRE(!hit["highlights"].empty());
    for (const Json& range : hit["highlights"]) {
      const std::size_t begin = range[0];
      const std::size_t end = range[1];
      CHECK(snippet.substr(begin, end - begin).find("رياض") != std::string::npos);
    }
    CHECK(hit["snippet_html"].get<std::string>().find("<mark>") != std::string::npos);
  }
  CHECK(reply.json["facets"]["sources"].empty());  // facets=0 by default

  SUBCASE("facets, sort, offset, source, dates") {
    const Reply facets = get(server, "/search?q=" + encode(riyadh) + "&facets=1&limit=0");
    CHECK(facets.json["hits"].empty());
    CHECK(facets.json["facets"] == query_json("--facets --limit 0 " + riyadh)["facets"]);

    const Reply newest = get(server, "/search?q=" + encode(riyadh) + "&sort=newest&limit=100");
    std::vector<std::string> dates;
    for (const Json& hit : newest.json["hits"]) dates.push_back(hit["date"].is_null() ? "" : hit["date"].get<std::string>());
    CHECK(std::is_sorted(dates.rbegin(), dates.rend()));

    const Reply second = get(server, "/search?q=" + encode(riyadh) + "&limit=2&offset=2");
    CHECK(second.json["hits"][0]["rank"] == 3);
    CHECK(ids(second.json["hits"]) == ids(query_json("--limit 2 --offset 2 " + riyadh)["hits"]));

    const Reply source = get(server, "/search?q=" + encode(riyadh) + "&source=al-khabar&limit=100");
    REQUIRE(!source.json["hits"].empty());
    for (const Json& hit : source.json["hits"]) CHECK(hit["source"] == "al-khabar");
    CHECK(source.json["total"] == query_json("--limit 0 " + shell_quote(riyadh + " source:al-khabar"))["total"]);

    const Reply dated = get(server, "/search?q=" + encode(riyadh) + "&from=2025-05-10&to=2025-05-31&limit=100");
    REQUIRE(!dated.json["hits"].empty());
    for (const Json& hit : dated.json["hits"]) {
      CHECK(hit["date"].get<std::string>() >= "2025-05-10");
      CHECK(hit["date"].get<std::string>() < "2025-06-01");
    }
    CHECK(dated.json["total"] == query_json("--limit 0 " + shell_quote(riyadh + " date:2025-05-10..2025-05-31"))["total"]);

    // Filters alone are a query.
    const Reply only_source = get(server, "/search?source=al-khabar&limit=0");
    CHECK(only_source.status == 200);
    CHECK(only_source.json["total"] == query_json("--limit 0 source:al-khabar")["total"]);
  }

  SUBCASE("a facet's count is the total with its value as a filter") {
    const Reply facets = get(server, "/search?q=" + encode(riyadh) + "&facets=1&limit=0");
    REQUIRE(!facets.json["facets"]["entities"].empty());
    for (const Json& entity : facets.json["facets"]["entities"]) {
      const std::string value = entity[1].get<std::string>() + ":" + entity[0].get<std::string>();
      CAPTURE(value);
      const Reply filtered = get(server, "/search?q=" + encode(riyadh) + "&entity=" + encode(value) + "&limit=0");
      CHECK(filtered.status == 200);
      // At least: a filter names the entity, and a name can resolve to more than one entity
      // (place:وجدة is Oujda, or و + Jeddah), which the facet counted apart.
      CHECK(filtered.json["total"] >= entity[2]);
    }
    for (const Json& source : facets.json["facets"]["sources"]) {
      const Reply filtered = get(server, "/search?q=" + encode(riyadh) + "&source=" + encode(source[0]) + "&limit=0");
      CHECK(filtered.json["total"] == source[1]);
    }
    // Two entities are both required.
    const auto& entities = facets.json["facets"]["entities"];
    if (entities.size() >= 2) {
      const Reply both = get(server, "/search?q=" + encode(riyadh) + "&entity=" +
                                         encode(entities[0][1].get<std::string>() + ":" + entities[0][0].get<std::string>()) +
                                         "&entity=" +
                                         encode(entities[1][1].get<std::string>() + ":" + entities[1][0].get<std::string>()) +
                                         "&limit=0");
      CHECK(both.json["total"] <= std::min(entities[0][2], entities[1][2]));
    }
  }

  SUBCASE("fields and UTF-16 ranges") {
    const Reply fields = get(server, "/search?q=" + encode(riyadh) + "&fields=title,id,url");
    for (const Json& hit : fields.json["hits"]) CHECK(keys(hit) == std::vector<std::string>{"id", "url", "title"});
    const Reply utf16 = get(server, "/search?q=" + encode(riyadh) + "&utf16=1&limit=3");
    for (std::size_t i = 0; i < 3; ++i) {
      const Json& bytes = reply.json["hits"][i];
      const Json& units = utf16.json["hits"][i];
      REQUIRE(bytes["highlights"].size() == units["highlights"].size());
      const std::string snippet = bytes["snippet"];
      for (std::size_t k = 0; k < bytes["highlights"].size(); ++k) {
        // Arabic letters are 2 bytes and 1 UTF-16 unit; ASCII 1 and 1.
        const std::size_t begin = bytes["highlights"][k][0];
        std::size_t expected_units = 0;
        for (std::size_t b = 0; b < begin; ++b) {
          if ((static_cast<unsigned char>(snippet[b]) & 0xC0U) != 0x80U) ++expected_units;
        }
        CHECK(units["highlights"][k][0] == expected_units);
      }
    }
  }
}

TEST_CASE("web: /article, /suggest, /info, /health, the page, unknown paths") {
  WebServer server(web_db());
  const Reply article = get(server, "/article/sample-010?q=" + encode(riyadh));
  CHECK(article.status == 200);
  CHECK(keys(article.json) ==
        std::vector<std::string>{"id", "url", "title", "title_highlights", "title_html", "source", "author", "date", "body",
                                 "mentions"});
  CHECK(article.json["id"] == "sample-010");
  REQUIRE(!article.json["body"].empty());
  CHECK(article.json["title_html"].get<std::string>().find("<mark>الرياض</mark>") != std::string::npos);
  CHECK(keys(article.json["body"][0]) == std::vector<std::string>{"text", "highlights", "html"});
  // Entity mentions, each a range of the text it was found in: the place in the title among them.
  bool riyadh_in_title = false;
  for (const Json& mention : article.json["mentions"]) {
    const std::string text = mention["field"] == "title"
                                 ? article.json["title"].get<std::string>()
                                 : article.json["body"][mention["paragraph"].get<std::size_t>()]["text"].get<std::string>();
    const auto begin = mention["begin"].get<std::size_t>();
    const auto end = mention["end"].get<std::size_t>();
    REQUIRE(end <= text.size());
    if (mention["field"] == "title" && mention["type"] == "place" && text.substr(begin, end - begin) == riyadh) {
      riyadh_in_title = true;
    }
  }
  CHECK(riyadh_in_title);

  // An id with slashes and a colon, percent-encoded in the path.
  const std::string url_id = "https://majallat-al-iqtisad.example/articles/riyadh-housing-q1";
  const Reply by_url = get(server, "/article/" + encode(url_id));
  CHECK(by_url.status == 200);
  CHECK(by_url.json["id"] == url_id);
  CHECK(by_url.json["title_highlights"].empty());

  const Reply unknown = get(server, "/article/" + encode("no-such-article"));
  CHECK(unknown.status == 404);
  CHECK(unknown.json == Json{{"error", "no article with this id"}});

  const Reply suggest = get(server, "/suggest?q=" + encode("الرياص"));
  CHECK(suggest.status == 200);
  CHECK(suggest.json == Json{{"query", "الرياص"}, {"suggestion", "الرياض"}});

  const Reply info = get(server, "/info");
  CHECK(info.status == 200);
  CHECK(keys(info.json) == std::vector<std::string>{"documents", "schema", "analysis", "timezone", "first_date",
                                                    "last_date", "sources", "spelling", "updated", "bytes", "revision"});
  CHECK(info.json["documents"] == 44);
  CHECK(info.body.find(web_db()) == std::string::npos);

  const Reply health = get(server, "/health");
  CHECK(health.status == 200);
  CHECK(keys(health.json) == std::vector<std::string>{"status", "documents", "updated"});
  CHECK(health.json["status"] == "ok");
  CHECK(health.json["documents"] == 44);

  httplib::Client client("127.0.0.1", server.port());
  const auto page = client.Get("/?q=x");
  REQUIRE(page);
  CHECK(page->status == 200);
  CHECK(page->get_header_value("Content-Type") == "text/html; charset=utf-8");
  CHECK(page->body.find("<html dir=\"rtl\" lang=\"ar\">") != std::string::npos);
  const std::string csp = page->get_header_value("Content-Security-Policy");
  const auto nonce_at = csp.find("script-src 'nonce-");
  REQUIRE(nonce_at != std::string::npos);
  const std::string nonce = csp.substr(nonce_at + 18, csp.find('\'', nonce_at + 18) - nonce_at - 18);
  CHECK(nonce.size() >= 16);
  CHECK(page->body.find("<script nonce=\"" + nonce + "\">") != std::string::npos);
  CHECK(page->body.find(" src=") == std::string::npos);       // no external script or image
  CHECK(page->body.find("<link") == std::string::npos);       // no external style sheet
  CHECK(page->body.find("{{NONCE}}") == std::string::npos);

  const Reply nowhere = get(server, "/nowhere");
  CHECK(nowhere.status == 404);
  CHECK(nowhere.json == Json{{"error", "not found"}});
  const auto post = client.Post("/search", "", "text/plain");
  REQUIRE(post);
  CHECK(post->status == 405);
  CHECK(Json::parse(post->body) == Json{{"error", "only GET is served"}});

  CHECK(server.stop(SIGTERM) == 0);
  const std::string log = server.log();
  CHECK(log.find("\nGET /article/sample-010 200 ") != std::string::npos);
  CHECK(log.find("\nGET /nowhere 404 ") != std::string::npos);
  CHECK(log.find("\nPOST /search 405 ") != std::string::npos);
}

TEST_CASE("web: /related answers as /search does, never with the article or its copy; 404 for an unknown id") {
  WebServer server(web_db());
  const Reply related = get(server, "/related?id=sample-002&limit=50");
  CHECK(related.status == 200);
  const Reply search = get(server, "/search?q=" + encode(riyadh));
  CHECK(keys(related.json) == keys(search.json));
  REQUIRE_FALSE(related.json["hits"].empty());
  CHECK(keys(related.json["hits"][0]) == keys(search.json["hits"][0]));
  const auto found = ids(related.json["hits"]);
  CHECK(std::find(found.begin(), found.end(), "sample-002") == found.end());
  CHECK(std::find(found.begin(), found.end(), "sample-003") == found.end());  // its near-duplicate
  // The same hits as the library gives fahras-query.
  CHECK(found == ids(query_json("--related sample-002 --limit 50")["hits"]));
  const Reply filtered = get(server, "/related?id=sample-002&source=al-khabar&limit=50");
  REQUIRE(filtered.status == 200);
  for (const Json& hit : filtered.json["hits"]) CHECK(hit["source"] == "al-khabar");

  CHECK(get(server, "/related?id=no-such-article").status == 404);
  CHECK(get(server, "/related?id=no-such-article").json == Json{{"error", "no article with this id"}});
  const Reply missing = get(server, "/related?limit=3");
  CHECK(missing.status == 400);
  CHECK(missing.json == Json{{"error", "'id' is missing: give the article's id"}, {"parameter", "id"}});
  const Reply with_q = get(server, "/related?id=sample-002&q=" + encode(riyadh));
  CHECK(with_q.status == 400);
  CHECK(with_q.json["parameter"] == "q");
}

TEST_CASE("web: bad requests are 400s naming the parameter, never 500s") {
  WebServer server(web_db());
  const std::string q = "/search?q=" + encode(riyadh);
  const std::string long_q(1025, 'a');
  struct Case {
    std::string target;
    int status;
    Json json;
  };
  const auto bad = [](const std::string& parameter, const std::string& error) {
    return Json{{"error", error}, {"parameter", parameter}};
  };
  const std::vector<Case> cases{
      {q + "&sort=foo", 400, bad("sort", "'sort' must be relevance, newest or oldest, not 'foo'")},
      {q + "&colour=red", 400,
       bad("colour", "unknown parameter 'colour' (known: q, entity, source, from, to, sort, limit, offset, facets, "
                     "fields, utf16, time_limit_ms)")},
      {q + "&limit=-1", 400, bad("limit", "'limit' must be a whole number from 0 to 100, not '-1'")},
      {q + "&limit=ten", 400, bad("limit", "'limit' must be a whole number from 0 to 100, not 'ten'")},
      {q + "&limit=101", 400, bad("limit", "'limit' is above 100")},
      {q + "&limit=99999999999999999999999", 400, bad("limit", "'limit' is above 100")},
      {q + "&offset=-5", 400, bad("offset", "'offset' must be a whole number from 0 to 10000, not '-5'")},
      {q + "&offset=10001", 400, bad("offset", "'offset' is above 10000")},
      {q + "&facets=yes", 400, bad("facets", "'facets' must be 0 or 1, not 'yes'")},
      {q + "&utf16=2", 400, bad("utf16", "'utf16' must be 0 or 1, not '2'")},
      {q + "&fields=id,body", 400,
       bad("fields", "unknown field 'body' in 'fields' (known: rank,id,url,title,title_highlights,title_html,source,"
                     "author,date,score,snippet,highlights,snippet_html,matched_terms,duplicates)")},
      {q + "&time_limit_ms=0", 400, bad("time_limit_ms", "'time_limit_ms' must be at least 1")},
      {q + "&time_limit_ms=20000", 400, bad("time_limit_ms", "'time_limit_ms' is above 10000")},
      {q + "&q=x", 400, bad("q", "'q' is given more than once")},
      {"/search?q=" + long_q, 400, bad("q", "'q' is longer than 1024 bytes")},
      {"/search?q=%FF%FE", 400, bad("q", "'q' is not valid UTF-8")},
      {"/search?q=%C0%AF", 400, bad("q", "'q' is not valid UTF-8")},  // an overlong '/'
      {"/search?q=a%00b", 400, bad("q", "'q' holds a control character")},
      {"/search?q=", 400, bad("q", "'q' is empty: give a query or a filter")},
      {"/search", 400, bad("q", "'q' is empty: give a query or a filter")},
      {"/search?q=" + encode("بوتين \"قمة"), 400, bad("q", "unbalanced quote: '\"قمة' has no closing '\"'")},
      {"/search?q=" + encode("(قمة"), 400, bad("q", "unbalanced parenthesis: '(قمة' has no closing ')'")},
      {"/search?q=foo:bar", 400,
       bad("q", "unknown field 'foo:' (fields: title: source: author: entity: person: place: org: date: since: "
                "mentions:)")},
      {q + "&from=2025-02-30", 400, bad("from", "'from' must be a date YYYY-MM-DD, not '2025-02-30'")},
      {q + "&to=2025-5-1", 400, bad("to", "'to' must be a date YYYY-MM-DD, not '2025-5-1'")},
      {q + "&from=2025-06-01&to=2025-05-01", 400, bad("to", "'to' is before 'from'")},
      {q + "&source=", 400, bad("source", "'source' is empty")},
      {q + "&entity=" + encode("person:\"x"), 400, bad("entity", "'entity' cannot hold a double quote")},
      {"/suggest", 400, bad("q", "'q' is empty")},
      {"/suggest?q=x&limit=1", 400, bad("limit", "unknown parameter 'limit' (known: q)")},
      {"/info?verbose=1", 400, bad("verbose", "unknown parameter 'verbose': this endpoint takes none")},
      {"/health?x", 400, bad("x", "unknown parameter 'x': this endpoint takes none")},
      {"/article/sample-001?utf16=x", 400, bad("utf16", "'utf16' must be 0 or 1, not 'x'")},
      {"/article/%FF", 400, bad("id", "not an article id")},
      {"/article/x%1B%5B31my", 400, bad("id", "not an article id")},  // an escape sequence
  };
  for (const Case& c : cases) {
    CAPTURE(c.target);
    const Reply reply = get(server, c.target);
    CHECK(reply.status == c.status);
    CHECK(reply.json == c.json);
  }
  // Markup in a query is text: the JSON gives it back as it came.
  const Reply markup = get(server, "/search?q=" + encode("<script>alert(1)</script>"));
  CHECK(markup.status == 200);
  CHECK(markup.json["query"] == "<script>alert(1)</script>");
  CHECK(server.stop(SIGINT) == 0);
}

TEST_CASE("web: markup stored in an article is text in the JSON; its javascript: URL stays as stored") {
  WebServer server(web_db());
  const Reply reply = get(server, "/search?q=" + encode("بركان") + "&sort=oldest&facets=1");
  REQUIRE(reply.status == 200);
  REQUIRE(reply.json["hits"].size() == 2);
  const Json& first = reply.json["hits"][0];
  CHECK(first["id"] == "markup-1");
  CHECK(first["url"] == "javascript:alert(1)");
  CHECK(first["source"] == "<img src=x onerror=alert(1)>");
  CHECK(first["title"] == "ثوران <script>alert(1)</script> بركان في جزيرة نائية");
  CHECK(first["title_html"] == "ثوران &lt;script&gt;alert(1)&lt;/script&gt; <mark>بركان</mark> في جزيرة نائية");
  for (const Json& hit : reply.json["hits"]) {
    std::string html = hit["snippet_html"];
    for (const std::string tag : {"<mark>", "</mark>"}) {
      for (auto at = html.find(tag); at != std::string::npos; at = html.find(tag)) html.erase(at, tag.size());
    }
    CHECK(html.find('<') == std::string::npos);
  }
  CHECK(reply.json["facets"]["sources"] == Json::parse(R"([["<img src=x onerror=alert(1)>", 2]])"));
  const Reply article = get(server, "/article/markup-1");
  CHECK(article.json["title_html"] == "ثوران &lt;script&gt;alert(1)&lt;/script&gt; بركان في جزيرة نائية");
  CHECK(article.json["url"] == "javascript:alert(1)");
  // The source filter takes the markup as a value like any other.
  const Reply filtered = get(server, "/search?source=" + encode("<img src=x onerror=alert(1)>") + "&limit=0");
  CHECK(filtered.status == 200);
  CHECK(filtered.json["total"] == 2);
}

TEST_CASE("web: concurrent requests are all answered, and alike") {
  WebServer server(web_db(), {"--threads", "4"});
  const std::vector<std::string> queries{riyadh, "مترو", "بركان", "ميزانية", "الحكومة", "أوبك", "القاهرة", "الحج"};
  std::vector<Json> expected;
  for (const std::string& query : queries) {
    Json one = get(server, "/search?q=" + encode(query) + "&facets=1").json;
    one.erase("elapsed_ms");
    expected.push_back(std::move(one));
  }
  std::atomic<int> ok{0};
  std::atomic<int> wrong{0};
  std::vector<std::thread> threads;
  for (std::size_t t = 0; t < 8; ++t) {
    threads.emplace_back([&, t] {
      httplib::Client client("127.0.0.1", server.port());
      client.set_url_encode(false);
      client.set_read_timeout(120);
      for (std::size_t i = 0; i < 50; ++i) {
        const std::size_t which = (t + i) % queries.size();
        const auto res = client.Get(("/search?q=" + encode(queries[which]) + "&facets=1").c_str());
        if (!res || res->status != 200) {
          ++wrong;
          continue;
        }
        Json got = Json::parse(res->body);
        got.erase("elapsed_ms");
        got == expected[which] ? ++ok : ++wrong;
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  CHECK(ok == 400);
  CHECK(wrong == 0);
  CHECK(server.stop(SIGTERM) == 0);
}

TEST_CASE("web: what the indexer commits is searched without a restart; a database gone is a 503 without its path") {
  TempDir dir;
  const std::string db = dir / "db";
  const std::string samples = FAHRAS_SAMPLES_DIR;
  REQUIRE(run_command(std::string(FAHRAS_INDEX_BIN) + " --progress off --db " + db + " " + samples +
                      "/articles.json 2>&1")
              .exit_code == 0);
  WebServer server(db, {"--threads", "2"});
  CHECK(get(server, "/health").json["documents"] == 12);
  CHECK(get(server, "/search?q=" + encode("بركان")).json["total"] == 0);
  REQUIRE(run_command(std::string(FAHRAS_INDEX_BIN) + " --progress off --db " + db + " " + FAHRAS_WEB_TEST_DATA +
                      "/markup.jsonl 2>&1")
              .exit_code == 0);
  CHECK(get(server, "/search?q=" + encode("بركان")).json["total"] == 2);
  CHECK(get(server, "/health").json["documents"] == 14);

  std::filesystem::rename(db, dir / "moved");
  const Reply health = get(server, "/health");
  CHECK(health.status == 503);
  CHECK(health.json == Json{{"status", "unavailable"}, {"error", "the database cannot be searched"}});
  const Reply search = get(server, "/search?q=" + encode("بركان"));
  CHECK(search.status == 503);
  CHECK(search.json == Json{{"error", "the database cannot be searched right now"}});
  CHECK(search.body.find(dir.path()) == std::string::npos);
  CHECK(server.log().find("no database at '" + db + "'") != std::string::npos);  // the log says which

  std::filesystem::rename(dir / "moved", db);
  CHECK(get(server, "/health").status == 200);
  CHECK(server.stop(SIGTERM) == 0);
}

TEST_CASE("web: SIGTERM during a stream of requests: each one answered whole or refused, exit 0") {
  WebServer server(web_db(), {"--threads", "4"});
  std::atomic<bool> stop{false};
  std::atomic<int> answered{0};
  std::atomic<int> bad{0};
  std::vector<std::thread> clients;
  for (int t = 0; t < 4; ++t) {
    clients.emplace_back([&] {
      while (!stop) {
        httplib::Client client("127.0.0.1", server.port());
        client.set_url_encode(false);
        const auto res = client.Get(("/search?q=" + encode(riyadh) + "&facets=1").c_str());
        if (!res) continue;  // refused: the server is closing
        if (res->status == 200 && Json::parse(res->body)["total"] == 10) {
          ++answered;
        } else {
          ++bad;
        }
      }
    });
  }
  // Bounded, so that a server that never answers fails here rather than at ctest's time limit.
  const auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds(120);
  while (answered < 20 && bad == 0 && std::chrono::steady_clock::now() < give_up) {
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  CHECK(answered >= 20);
  CHECK(server.stop(SIGTERM) == 0);
  stop = true;
  for (std::thread& thread : clients) thread.join();
  CHECK(bad == 0);
  CHECK(server.log().find("fahras-web: stopped\n") != std::string::npos);
}

TEST_CASE("web: the refusals at start, --help and --version") {
  const auto help = run_web("--help");
  CHECK(help.exit_code == 0);
  CHECK(help.out.starts_with("Usage: fahras-web --db PATH [options]\n"));
  const auto version = run_web("--version");
  CHECK(version.exit_code == 0);
  CHECK(version.out.starts_with("fahras-web " FAHRAS_VERSION " (Xapian 1.4."));
  CHECK(version.out.find(", analysis fahras-analysis/") != std::string::npos);
  CHECK(version.out.ends_with(")\n"));

  CHECK(run_web("").out == "fahras-web: --db PATH is required (see --help)\n");
  CHECK(run_web("").exit_code == 2);
  const struct {
    std::string arguments;
    std::string message;
  } refusals[] = {
      {"--db x --port 70000", "fahras-web: --port takes a whole number from 0 to 65535, not '70000'\n"},
      {"--db x --port -1", "fahras-web: --port takes a whole number from 0 to 65535, not '-1'\n"},
      {"--db x --threads 0", "fahras-web: --threads takes a whole number from 1 to 1024, not '0'\n"},
      {"--db x --time-limit-ms soon", "fahras-web: --time-limit-ms takes a whole number from 0 to 3600000, not 'soon'\n"},
      {"--db x --colour", "fahras-web: unknown option '--colour' (see --help)\n"},
      {"--db x extra", "fahras-web: unexpected argument 'extra' (see --help)\n"},
      {"--db", "fahras-web: --db needs a value\n"},
  };
  for (const auto& r : refusals) {
    CAPTURE(r.arguments);
    const auto result = run_web(r.arguments);
    CHECK(result.exit_code == 2);
    CHECK(result.out == r.message);
  }
  TempDir dir;
  const auto missing = run_web("--db " + dir / "none");
  CHECK(missing.exit_code == 2);
  CHECK(missing.out == "fahras-web: no database at '" + dir / "none" + "'\n");

  // A port in use.
  WebServer server(web_db());
  const auto busy = run_web("--db " + web_db() + " --port " + std::to_string(server.port()));
  CHECK(busy.exit_code == 2);
  CHECK(busy.out == "fahras-web: cannot listen on 127.0.0.1:" + std::to_string(server.port()) + "\n");
  CHECK(server.stop(SIGTERM) == 0);
}
