// Golden cases for each normalization stage (tests/data/normalization.tsv).
#include "fahras/analysis.hpp"
#include "normalizer.hpp"
#include "test_support.hpp"
#include "utf8.hpp"

#include <doctest/doctest.h>

#include <functional>
#include <map>
#include <set>

namespace {

using Stage = std::function<void(std::u32string&)>;

std::string apply(const Stage& stage, const std::string& input) {
  std::u32string word = fahras::utf8::decode_all(input);
  stage(word);
  std::string out;
  fahras::utf8::append(out, word);
  return out;
}

std::string analyze_joined(fahras::Analyzer& analyzer, const std::string& input) {
  std::string joined;
  analyzer.analyze(input, [&joined](const fahras::TokenView& t) {
    if (!joined.empty()) joined += ' ';
    joined += t.normalized;
  });
  return joined;
}

}  // namespace

TEST_SUITE("normalize") {
  TEST_CASE("every golden case of normalization.tsv holds") {
    namespace n = fahras::normalize;
    const std::map<std::string, Stage> stages = {
        {"nfkc", n::compatibility_forms},       {"format_controls", n::remove_format_controls},
        {"diacritics", n::remove_diacritics},   {"tatweel", n::remove_tatweel},
        {"alef", n::unify_alef},                {"hamza_carriers", n::unify_hamza_carriers},
        {"alef_maqsura", n::alef_maqsura_to_ya}, {"taa_marbuta", n::taa_marbuta_to_ha},
        {"persian", n::persian_letters_to_arabic}, {"digits", n::digits_to_ascii},
        {"case", n::fold_case},
    };
    fahras::Analyzer analyzer;
    const auto rows = fahras::test::read_tsv("normalization.tsv");
    CHECK(rows.size() >= 60);
    std::set<std::string> covered;
    for (const auto& row : rows) {
      REQUIRE(row.size() == 4);
      const std::string& stage = row[0];
      INFO("stage ", stage, ", case: ", row[3], ", input: ", row[1]);
      covered.insert(stage);
      if (stage == "analyze") {
        CHECK(analyze_joined(analyzer, row[1]) == row[2]);
      } else {
        REQUIRE(stages.count(stage) == 1);
        CHECK(apply(stages.at(stage), row[1]) == row[2]);
      }
    }
    CHECK(covered.size() == stages.size() + 1);  // every stage has a golden case
  }

  TEST_CASE("stages are idempotent on their own output") {
    const fahras::Normalizer normalizer(fahras::HamzaCarriers::Unify);
    for (const auto& row : fahras::test::read_tsv("normalization.tsv")) {
      const std::string once = normalizer.full(row[1]);
      CHECK(normalizer.full(once) == once);
    }
  }

  TEST_CASE("keeping hamza carriers leaves ؤ and ئ alone") {
    const fahras::Normalizer keep(fahras::HamzaCarriers::Keep);
    const fahras::Normalizer unify(fahras::HamzaCarriers::Unify);
    CHECK(keep.full("مسؤول رئيس") == "مسؤول رئيس");
    CHECK(unify.full("مسؤول رئيس") == "مسءول رءيس");
  }

  TEST_CASE("the light form keeps spelling, the full form unifies it") {
    const fahras::Normalizer normalizer(fahras::HamzaCarriers::Unify);
    CHECK(normalizer.light("عَلَى") == "على");
    CHECK(normalizer.full("عَلَى") == "علي");
    CHECK(normalizer.light("إلـــى") == "إلى");
  }
}
