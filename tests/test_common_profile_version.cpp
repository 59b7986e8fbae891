// A guard for AnalysisProfile::version: any change to what analysis makes of the samples
// must come with a new version, since databases built under the old one hold other terms.
#include "fahras/analysis.hpp"
#include "test_support.hpp"

#include <doctest/doctest.h>
#include <fmt/format.h>

#include <cstdint>
#include <string>

namespace {

std::string fingerprint(fahras::AnalysisProfile profile) {
  fahras::Analyzer analyzer(profile);
  std::uint64_t hash = 14695981039346656037ULL;
  const auto mix = [&hash](std::string_view data) {
    for (const char c : data) {
      hash ^= static_cast<unsigned char>(c);
      hash *= 1099511628211ULL;
    }
  };
  for (const std::string& text : fahras::test::sample_texts()) {
    analyzer.analyze(text, [&](const fahras::TokenView& t) {
      mix(t.normalized);
      mix("\x1f");
      mix(t.stem);
      mix(t.is_stop ? "\x01" : "\x02");
      mix(fahras::to_string(t.kind));
    });
  }
  return fmt::format("{:016x}", hash);
}

}  // namespace

TEST_SUITE("analysis profile") {
  TEST_CASE("the analysis of the samples is the one this version stands for") {
    // When this fails: if normalization, tokenization, stop words or stemming changed on
    // purpose, bump AnalysisProfile::version and put the new fingerprints here; if only the
    // samples changed, just the fingerprints. (They also pin Debian bookworm's ICU and
    // Xapian: Snowball's output is part of the profile.)
    CHECK(fahras::AnalysisProfile::version == 1);
    CHECK(fingerprint(fahras::AnalysisProfile{}) == "f55a44bcc9843e9d");
    CHECK(fingerprint(fahras::AnalysisProfile{fahras::StemmerKind::Snowball}) == "9b24f95353b2416f");
  }
}
