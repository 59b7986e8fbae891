// The analyzer over the samples, the one-analysis rule, and bad input.
#include "fahras/analysis.hpp"
#include "fahras/analysis_report.hpp"
#include "test_support.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <sstream>
#include <string>

TEST_SUITE("analyzer") {
  TEST_CASE("the samples are there") { CHECK(fahras::test::sample_texts().size() >= 60); }

  TEST_CASE("every token's original span, analyzed alone, gives the token back") {
    // This is also the one-analysis rule: a word typed alone (a query) yields the same
    // normalized and stemmed terms as the word in its article (the index).
    for (const auto profile : {fahras::AnalysisProfile{}, fahras::AnalysisProfile{fahras::StemmerKind::Snowball}}) {
      fahras::Analyzer in_context(profile);
      fahras::Analyzer alone(profile);
      std::size_t checked = 0;
      for (const std::string& text : fahras::test::sample_texts()) {
        const auto tokens = in_context.analyze(text);
        for (std::size_t i = 0; i < tokens.size();) {
          const auto& t = tokens[i];
          const auto again = alone.analyze(std::string_view(text).substr(t.begin, t.end - t.begin));
          // A ligature unfolds into several tokens that share one span.
          REQUIRE_FALSE(again.empty());
          for (std::size_t k = 0; k < again.size(); ++k, ++i) {
            REQUIRE(i < tokens.size());
            INFO("token '", text.substr(t.begin, t.end - t.begin), "' at byte ", t.begin);
            CHECK(again[k].begin == 0);
            CHECK(again[k].end == t.end - t.begin);
            CHECK(again[k].normalized == tokens[i].normalized);
            CHECK(again[k].stem == tokens[i].stem);
            CHECK(again[k].is_stop == tokens[i].is_stop);
            CHECK(again[k].kind == tokens[i].kind);
            ++checked;
          }
        }
      }
      CHECK(checked > 3000);
    }
  }

  TEST_CASE("positions count up by one and spans move forward") {
    fahras::Analyzer analyzer;
    for (const std::string& text : fahras::test::sample_texts()) {
      const auto tokens = analyzer.analyze(text);
      for (std::size_t i = 0; i < tokens.size(); ++i) {
        CHECK(tokens[i].position == i);
        CHECK(tokens[i].begin < tokens[i].end);
        CHECK(tokens[i].end <= text.size());
        if (i > 0) CHECK(tokens[i].begin >= tokens[i - 1].begin);
        CHECK_FALSE(tokens[i].normalized.empty());
      }
    }
  }

  TEST_CASE("spelling variants of the samples meet in one term") {
    fahras::Analyzer analyzer;
    const auto stem = [&analyzer](const char* word) { return analyzer.analyze(word).at(0).stem; };
    CHECK(stem("إسرائيل") == stem("اسرائيل"));
    CHECK(stem("مسؤول") == stem("مسئول"));
    CHECK(stem("مستشفى") == stem("مستشفي"));
    CHECK(stem("الحكومة") == stem("الحكومه"));
    CHECK(stem("الرئيـــس") == stem("الرئيس"));
    CHECK(stem("قَالَ") == stem("قال"));
    CHECK(stem("کاظمی") == stem("كاظمي"));
    CHECK(stem("٢٠٢٥") == stem("2025"));
    CHECK(stem("CNBC") == stem("cnbc"));
  }

  TEST_CASE("the profile id names every choice") {
    CHECK(fahras::AnalysisProfile{}.id() == "fahras-analysis/2 stemmer=light hamza=unify");
    CHECK(fahras::AnalysisProfile{fahras::StemmerKind::Snowball, fahras::HamzaCarriers::Keep}.id() ==
          "fahras-analysis/2 stemmer=snowball hamza=keep");
    CHECK(fahras::parse_stemmer_kind("snowball") == fahras::StemmerKind::Snowball);
    const fahras::AnalysisProfile keep{fahras::StemmerKind::None, fahras::HamzaCarriers::Keep};
    CHECK(fahras::AnalysisProfile::from_id(keep.id()) == keep);
    CHECK_FALSE(fahras::AnalysisProfile::from_id("fahras-analysis/0 stemmer=light hamza=unify").has_value());
    CHECK_FALSE(fahras::parse_stemmer_kind("porter").has_value());
  }

  TEST_CASE("the JSON report lists every token") {
    fahras::Analyzer analyzer;
    std::ostringstream out;
    fahras::write_analysis_report(out, "والكتاب في \xFF بيروت", analyzer, fahras::ReportFormat::Json);
    const auto report = nlohmann::json::parse(out.str());
    CHECK(report["profile"] == analyzer.profile().id());
    CHECK(report["invalid_utf8"] == 1);
    REQUIRE(report["tokens"].size() == 3);
    CHECK(report["tokens"][0]["text"] == "والكتاب");
    CHECK(report["tokens"][0]["stem"] == "كتاب");
    CHECK(report["tokens"][1]["stop"] == true);
    CHECK(report["tokens"][2]["begin"] == 22);
  }
}

TEST_SUITE("bad input") {
  TEST_CASE("invalid UTF-8 of every kind: no crash, counted") {
    fahras::Analyzer analyzer;
    const std::string text = "كتاب\x80 \xC0\xAF قلم \xE0\x80\xAF \xED\xA0\x80 \xF4\x90\x80\x80 نهاية \xD8";
    std::vector<std::string> words;
    const auto counts = analyzer.analyze(text, [&](const fahras::TokenView& t) { words.emplace_back(t.normalized); });
    CHECK(words == std::vector<std::string>{"كتاب", "قلم", "نهايه"});
    CHECK(counts.invalid_utf8 == 1 + 2 + 3 + 3 + 4 + 1);
  }

  TEST_CASE("NUL bytes separate words") {
    fahras::Analyzer analyzer;
    const std::string text("كتاب\0قلم\0\0", 17);
    const auto tokens = analyzer.analyze(text);
    REQUIRE(tokens.size() == 2);
    CHECK(tokens[1].normalized == "قلم");
  }

  TEST_CASE("5 MB of one word is one token, 1 MB of diacritics none (linear work: tests/growth)") {
    fahras::Analyzer analyzer;
    std::string word;
    while (word.size() < 5'000'000) word += "كتب";
    const auto tokens = analyzer.analyze(word);
    REQUIRE(tokens.size() == 1);
    CHECK(tokens[0].end == word.size());

    std::string marks;
    while (marks.size() < 1'000'000) marks += "\u064E\u0651";
    CHECK(analyzer.analyze(marks).empty());
    CHECK(analyzer.analyze("ب" + marks).at(0).normalized == "ب");
  }
}
