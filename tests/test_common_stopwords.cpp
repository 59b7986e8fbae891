#include "fahras/analysis.hpp"
#include "normalizer.hpp"
#include "stopwords.hpp"

#include <doctest/doctest.h>

#include <map>
#include <string>

namespace {

std::map<std::string, bool> stop_flags(const std::string& text) {
  fahras::Analyzer analyzer;
  std::map<std::string, bool> flags;
  for (const auto& t : analyzer.analyze(text)) flags[text.substr(t.begin, t.end - t.begin)] = t.is_stop;
  return flags;
}

}  // namespace

TEST_SUITE("stopwords") {
  TEST_CASE("the list is loaded and normalized") {
    const fahras::Normalizer normalizer(fahras::HamzaCarriers::Unify);
    const fahras::StopList list(fahras::StopList::arabic_source(), normalizer);
    CHECK(list.size() > 150);
    // Written إلى in the list; matched as written and without the hamza.
    CHECK(list.contains("إلى", "الي"));
    CHECK(list.contains("الى", "الي"));
    // Written هذه; matched whatever the spelling of its letters.
    CHECK(list.contains("هذه", "هذه"));
    CHECK(list.contains("أنه", "انه"));
    CHECK(list.contains("انه", "انه"));
  }

  TEST_CASE("على (on) is a stop word, علي (Ali) is not") {
    const auto flags = stop_flags("التقى علي بالوزير على هامش القمة");
    CHECK(flags.at("على"));
    CHECK_FALSE(flags.at("علي"));
    CHECK_FALSE(flags.at("القمة"));
  }

  TEST_CASE("إلى is a stop word, آلي (automatic) is not") {
    const auto flags = stop_flags("وصل إلى المصنع خط آلي");
    CHECK(flags.at("إلى"));
    CHECK_FALSE(flags.at("آلي"));
  }

  TEST_CASE("stop words with diacritics and tatweel are still stop words") {
    const auto flags = stop_flags("فِي هـذا الـتـي");
    CHECK(flags.at("فِي"));
    CHECK(flags.at("هـذا"));
    CHECK(flags.at("الـتـي"));
  }

  TEST_CASE("only Arabic words are judged") {
    const auto flags = stop_flags("the في 2025");
    CHECK_FALSE(flags.at("the"));
    CHECK(flags.at("في"));
    CHECK_FALSE(flags.at("2025"));
  }

  TEST_CASE("a list with comments, blank lines and CRLF loads") {
    const fahras::Normalizer normalizer(fahras::HamzaCarriers::Unify);
    const fahras::StopList list("# comment\r\n\r\n  مِن  \r\n=على\r\n", normalizer);
    CHECK(list.size() == 2);
    CHECK(list.contains("من", "من"));
    CHECK(list.contains("على", "علي"));
    CHECK_FALSE(list.contains("علي", "علي"));
  }
}
