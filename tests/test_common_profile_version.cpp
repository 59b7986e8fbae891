// A guard for AnalysisProfile::version: any change to what analysis makes of the samples
// must come with a new version, since databases built under the old one hold other terms.
#include "fahras/analysis.hpp"
#include "gazetteer.hpp"
#include "gazetteer_data.hpp"
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

// The light stemmer takes a clitic off before any one-word name of the gazetteer and leaves a
// name's final alif: the stems of و + each such name and of each name + ا.
std::string gazetteer_names_fingerprint() {
  fahras::Analyzer analyzer;
  std::uint64_t hash = 14695981039346656037ULL;
  for (const fahras::EntityDataFile& file : fahras::entity_data_files()) {
    if (!fahras::is_gazetteer_file(file.name)) continue;
    for (const std::string_view line : file.lines) {
      const fahras::GazetteerLine parsed = fahras::parse_gazetteer_line(line);
      if (!parsed.entry) continue;
      for (const fahras::GazetteerAlias& alias : parsed.entry->aliases) {
        if (alias.text.find(' ') != std::string::npos) continue;
        for (const std::string& form : {"و" + alias.text, alias.text + "ا"}) {
          for (const auto& token : analyzer.analyze(form)) {
            for (const char c : token.stem + "\x1f") {
              hash ^= static_cast<unsigned char>(c);
              hash *= 1099511628211ULL;
            }
          }
        }
      }
    }
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
    CHECK(fahras::AnalysisProfile::version == 2);
    CHECK(fingerprint(fahras::AnalysisProfile{}) == "d6c9cf73fa57260f");
    CHECK(fingerprint(fahras::AnalysisProfile{fahras::StemmerKind::Snowball}) == "9b24f95353b2416f");
  }

  TEST_CASE("the gazetteer's one-word names the light stemmer knows are the ones this version stands for") {
    // The light stemmer reads the one-word names of common/data/entities/ (a clitic comes off
    // before them: وداعش → داعش). When this fails because a one-word name was added, removed or
    // respelt there, the terms of such words changed: bump AnalysisProfile::version, put the
    // new fingerprint here and the new ones of the test above.
    CHECK(gazetteer_names_fingerprint() == "470bbc7f05b3c3a5");
  }
}
