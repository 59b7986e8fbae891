#include "fahras/analysis.hpp"
#include "fahras/terms.hpp"

#include <doctest/doctest.h>

#include <string>

TEST_SUITE("terms") {
  TEST_CASE("stable hashes do not change between runs") {
    // FNV-1a 64 of "a" is the published test vector af63dc4c8601ec8c.
    CHECK(fahras::stable_hash_hex("a") == "af63dc4c8601ec8c");
    CHECK(fahras::stable_hash64("") == fahras::stable_hash_seed);
  }

  TEST_CASE("URLs: scheme and host lower-cased, fragment dropped, path kept") {
    CHECK(fahras::normalize_url("HTTPS://Example.SA/News/A?x=1#top") == "https://example.sa/News/A?x=1");
    CHECK(fahras::normalize_url("http://aawsat.com/home/article/410826/بريطانيا") ==
          "http://aawsat.com/home/article/410826/بريطانيا");
    CHECK(fahras::normalize_url("not a url") == "not a url");
  }

  TEST_CASE("URLs: percent-encoding normalized, so an encoded and a raw Arabic URL are one id") {
    using fahras::normalize_url;
    CHECK(normalize_url("https://x.sa/%D8%A7") == "https://x.sa/ا");
    CHECK(normalize_url("https://x.sa/%d8%a7") == "https://x.sa/ا");
    CHECK(normalize_url("https://x.sa/%D8%A7") == normalize_url("https://x.sa/ا"));
    CHECK(fahras::id_term(normalize_url("HTTPS://X.sa/%D8%A8%D9%8A?q=%D8%A7")) ==
          fahras::id_term(normalize_url("https://x.sa/بي?q=ا")));
    // Unreserved characters are decoded; reserved ones stay encoded, upper-cased.
    CHECK(normalize_url("https://x.sa/%7euser/%41-%2e_%7E") == "https://x.sa/~user/A-._~");
    CHECK(normalize_url("https://x.sa/a%2fb%3F%25%20c") == "https://x.sa/a%2Fb%3F%25%20c");
    CHECK(normalize_url("https://x.sa/a%2Fb") != normalize_url("https://x.sa/a/b"));
    // Ill-formed or truncated UTF-8, overlong forms, surrogates, C1 controls: kept encoded.
    CHECK(normalize_url("https://x.sa/%d8") == "https://x.sa/%D8");
    CHECK(normalize_url("https://x.sa/%d8%41") == "https://x.sa/%D8A");
    CHECK(normalize_url("https://x.sa/%C0%AF") == "https://x.sa/%C0%AF");
    CHECK(normalize_url("https://x.sa/%ED%A0%80") == "https://x.sa/%ED%A0%80");
    CHECK(normalize_url("https://x.sa/%c2%9b31m") == "https://x.sa/%C2%9B31m");
    CHECK(normalize_url("https://x.sa/%D8%A7%A7") == "https://x.sa/ا%A7");
    // A lone '%' and escapes in the host are left alone.
    CHECK(normalize_url("https://x.sa/100%") == "https://x.sa/100%");
    CHECK(normalize_url("https://X%41.sa/") == "https://x%41.sa/");
    CHECK(normalize_url("https://x.sa/a%23b#frag") == "https://x.sa/a%23b");
  }

  TEST_CASE("URLs: controls and escape sequences encoded, keeping what the URL points to") {
    using fahras::clean_url;
    std::size_t changed = 0;
    CHECK(clean_url("https://x.sa/\x1b[31mred\x1b[0m", &changed) == "https://x.sa/%1B[31mred%1B[0m");
    CHECK(changed == 2);
    CHECK(clean_url("  https://x.sa/a\tb\nc\r\n ") == "https://x.sa/abc");  // as a browser reads it
    CHECK(clean_url("https://x.sa/a b\x07\x7f/") == "https://x.sa/a b%07%7F/");
    CHECK(clean_url("https://x.sa/\xc2\x9b" "31m\xe2\x80\xae") == "https://x.sa/%C2%9B31m%E2%80%AE");
    CHECK(clean_url("https://x.sa/\xff\xd8") == "https://x.sa/%FF%D8");
    CHECK(clean_url("https://x.sa/بريطانيا?a=1#x") == "https://x.sa/بريطانيا?a=1#x");
    CHECK(fahras::normalize_url("https://x.sa/\x1b]8;;x\x07y") == "https://x.sa/%1B]8;;x%07y");
    CHECK(clean_url("https://x.sa/x\x07") == "https://x.sa/x");  // trailing controls go, as in a browser
    CHECK(fahras::normalize_url("https://x.sa/\xc2\x9b") == fahras::normalize_url("https://x.sa/%c2%9b"));
  }

  TEST_CASE("id terms fit in a Xapian term, cut at a character boundary") {
    CHECK(fahras::id_term("sample-001") == "Qsample-001");
    std::string long_id;
    for (int i = 0; i < 150; ++i) long_id += "خ";  // 300 bytes
    const std::string term = fahras::id_term(long_id);
    CHECK(term.size() <= 240);
    CHECK(term.find('#') != std::string::npos);
    CHECK(fahras::id_term(long_id + "x") != term);  // the hash tells long ids apart
  }

  TEST_CASE("filter terms: normalized words joined by '_'") {
    fahras::Analyzer analyzer;
    CHECK(fahras::filter_term(analyzer, "source", "Al-Khabar") == "XSOURCE:al_khabar");
    CHECK(fahras::filter_term(analyzer, "author", "أحمد السالم") == "Aاحمد_السالم");
    CHECK(fahras::filter_term(analyzer, "author", " - ").empty());
    std::string long_source;
    for (int i = 0; i < 60; ++i) long_source += "مصدر ";
    const std::string term = fahras::filter_term(analyzer, "source", long_source);
    CHECK(term.size() <= 240);
    CHECK(term.rfind("XSOURCE:", 0) == 0);
  }
}
