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
