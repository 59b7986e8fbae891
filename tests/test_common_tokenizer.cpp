// Token spans, kinds and word breaks (Tantivy-style: every token with its byte span).
#include "tokenizer.hpp"

#include <doctest/doctest.h>

#include <string>
#include <vector>

namespace {

struct Expected {
  std::string text;
  fahras::TokenKind kind;
};

std::vector<fahras::RawToken> tokens_of(std::string_view text) {
  fahras::Tokenizer tokenizer(text);
  std::vector<fahras::RawToken> out;
  fahras::RawToken t;
  while (tokenizer.next(t)) out.push_back(t);
  return out;
}

void check_tokens(std::string_view text, const std::vector<Expected>& expected) {
  const auto tokens = tokens_of(text);
  INFO("text: ", std::string(text));
  REQUIRE(tokens.size() == expected.size());
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    CHECK(text.substr(tokens[i].begin, tokens[i].end - tokens[i].begin) == expected[i].text);
    CHECK(tokens[i].kind == expected[i].kind);
  }
}

using K = fahras::TokenKind;

}  // namespace

TEST_SUITE("tokenizer") {
  TEST_CASE("Arabic words with their byte spans") {
    const std::string text = "قال الوزير";
    const auto tokens = tokens_of(text);
    REQUIRE(tokens.size() == 2);
    CHECK(tokens[0].begin == 0);
    CHECK(tokens[0].end == 6);
    CHECK(tokens[1].begin == 7);
    CHECK(tokens[1].end == 19);
  }

  TEST_CASE("diacritics, tatweel and ZWJ stay inside a word") {
    check_tokens("قَالَ الرئيـــس كت\u200Dاب", {{"قَالَ", K::ArabicWord}, {"الرئيـــس", K::ArabicWord},
                                              {"كت\u200Dاب", K::ArabicWord}});
  }

  TEST_CASE("ZWNJ and zero width space separate words") {
    check_tokens("عبد\u200Cالرحمن عبد\u200Bالله", {{"عبد", K::ArabicWord},
                                                  {"الرحمن", K::ArabicWord},
                                                  {"عبد", K::ArabicWord},
                                                  {"الله", K::ArabicWord}});
  }

  TEST_CASE("Arabic punctuation separates") {
    check_tokens("نعم،لا؛ربما؟حسنا", {{"نعم", K::ArabicWord}, {"لا", K::ArabicWord},
                                      {"ربما", K::ArabicWord}, {"حسنا", K::ArabicWord}});
  }

  TEST_CASE("numbers stay whole") {
    check_tokens("3.5 2025 ٢٠٢٥ 19/5/2025 ١٩/٥/٢٠٢٥ ٣٫٥ 1,000", {{"3.5", K::Number},
                                                              {"2025", K::Number},
                                                              {"٢٠٢٥", K::Number},
                                                              {"19/5/2025", K::Number},
                                                              {"١٩/٥/٢٠٢٥", K::Number},
                                                              {"٣٫٥", K::Number},
                                                              {"1,000", K::Number}});
  }

  TEST_CASE("a separator at the end of a number is not part of it") {
    check_tokens("عام 2025. و19/", {{"عام", K::ArabicWord}, {"2025", K::Number}, {"و", K::ArabicWord},
                                    {"19", K::Number}});
  }

  TEST_CASE("Latin words, acronyms and mixed letters and digits") {
    check_tokens("CNBC Truth Social G20 COVID-19 U.S. don't", {{"CNBC", K::LatinWord},
                                                              {"Truth", K::LatinWord},
                                                              {"Social", K::LatinWord},
                                                              {"G20", K::LatinWord},
                                                              {"COVID", K::LatinWord},
                                                              {"19", K::Number},
                                                              {"U.S", K::LatinWord},
                                                              {"don't", K::LatinWord}});
  }

  TEST_CASE("a change of script ends a word; digits do not join Arabic letters") {
    check_tokens("بـCNN 2015م كورونا19", {{"بـ", K::ArabicWord},
                                         {"CNN", K::LatinWord},
                                         {"2015", K::Number},
                                         {"م", K::ArabicWord},
                                         {"كورونا", K::ArabicWord},
                                         {"19", K::Number}});
  }

  TEST_CASE("presentation forms are Arabic letters") {
    check_tokens("\uFEFB \uFDF2", {{"\uFEFB", K::ArabicWord}, {"\uFDF2", K::ArabicWord}});
  }

  TEST_CASE("marks with no letter before them make no token") {
    CHECK(tokens_of("\u064E\u064F \u0640\u0640 \u200F").empty());
    CHECK(tokens_of("").empty());
    CHECK(tokens_of("... !!! ؟").empty());
  }

  TEST_CASE("ill-formed UTF-8 separates words and is counted") {
    const std::string text = "كتاب\xFF\xFEقلم \x80";
    fahras::Tokenizer tokenizer(text);
    fahras::RawToken t;
    std::vector<std::string> words;
    while (tokenizer.next(t)) words.push_back(text.substr(t.begin, t.end - t.begin));
    CHECK(words == std::vector<std::string>{"كتاب", "قلم"});
    CHECK(tokenizer.invalid_sequences() == 3);
  }
}
