// The gazetteer data and the alias resolution (issue 6).
#include "entity_lexicon.hpp"
#include "fahras/entities.hpp"
#include "gazetteer.hpp"
#include "gazetteer_data.hpp"

#include <doctest/doctest.h>

#include <map>
#include <set>
#include <string>

namespace {

std::string ids(const std::vector<fahras::Entity>& entities) {
  std::string out;
  for (const auto& e : entities) out += (out.empty() ? "" : ",") + e.id;
  return out;
}

}  // namespace

TEST_SUITE("entities") {
  TEST_CASE("every gazetteer line parses, ids are unique, plain aliases name one entity") {
    fahras::Analyzer analyzer;
    std::set<std::string> seen_ids;
    std::map<std::string, std::string> plain_owner;  // normalized alias words → id
    std::map<fahras::EntityType, std::size_t> by_type;
    std::size_t files = 0;
    for (const fahras::EntityDataFile& file : fahras::entity_data_files()) {
      if (!fahras::is_gazetteer_file(file.name)) continue;
      ++files;
      for (std::size_t i = 0; i < file.lines.size(); ++i) {
        CAPTURE(file.name);
        CAPTURE(i + 1);
        const fahras::GazetteerLine line = fahras::parse_gazetteer_line(file.lines[i]);
        REQUIRE(line.error.empty());
        if (!line.entry) continue;
        CHECK(seen_ids.insert(line.entry->id).second);
        ++by_type[line.entry->type];
        std::set<std::string> own;
        for (const auto& alias : line.entry->aliases) {
          if (alias.ambiguous) continue;
          std::string key;
          for (const auto& t : analyzer.analyze(alias.text)) key += t.normalized + " ";
          if (!own.insert(key).second) continue;
          CAPTURE(alias.text);
          const auto inserted = plain_owner.emplace(key, line.entry->id);
          const std::string owner = inserted.first->second;
          CHECK_MESSAGE(inserted.second, "also a plain alias of " << owner);
        }
      }
    }
    CHECK(files == 3);
    CHECK(seen_ids.size() > 2000);
    CHECK(by_type[fahras::EntityType::Person] > 500);
    CHECK(by_type[fahras::EntityType::Location] > 700);
    CHECK(by_type[fahras::EntityType::Organization] > 500);
    CHECK(fahras::EntityRecognizer::gazetteer_size() == seen_ids.size());
  }

  TEST_CASE("bad gazetteer lines are reported") {
    CHECK_FALSE(fahras::parse_gazetteer_line("# a comment").entry);
    CHECK(fahras::parse_gazetteer_line("# a comment").error.empty());
    CHECK_FALSE(fahras::parse_gazetteer_line("").entry);
    CHECK(!fahras::parse_gazetteer_line("Bad_Id\tperson\tاسم").error.empty());
    CHECK(!fahras::parse_gazetteer_line("ok-id\tpeople\tاسم").error.empty());
    CHECK(!fahras::parse_gazetteer_line("ok-id\tperson").error.empty());
    CHECK(!fahras::parse_gazetteer_line("ok-id\tperson\t?اسم").error.empty());
    CHECK(!fahras::parse_gazetteer_line("ok-id\tperson\tاسم\tأ||ب").error.empty());
    const auto line = fahras::parse_gazetteer_line("al-hilal\torg\tنادي الهلال\tالزعيم الأزرق|?الهلال\tclub");
    REQUIRE(line.entry);
    CHECK(line.entry->type == fahras::EntityType::Organization);
    REQUIRE(line.entry->aliases.size() == 3);
    CHECK_FALSE(line.entry->aliases[1].ambiguous);
    CHECK(line.entry->aliases[2].ambiguous);
    CHECK(line.entry->aliases[2].text == "الهلال");
    CHECK(line.entry->kind == "club");
  }

  TEST_CASE("the rules lexicon loads") {
    const auto& lexicon = fahras::EntityLexicon::shared(fahras::AnalysisProfile{});
    CHECK(lexicon.contains(fahras::LexiconCategory::GivenName, "محمد"));
    CHECK(lexicon.contains(fahras::LexiconCategory::GivenNameWeak, "امل"));  // normalized أمل
    CHECK_FALSE(lexicon.contains(fahras::LexiconCategory::GivenName, "امل"));
    CHECK(fahras::parse_lexicon_category("org-cue") == fahras::LexiconCategory::OrgCue);
    CHECK_FALSE(fahras::parse_lexicon_category("nonsense"));
  }

  TEST_CASE("resolve: spelling variants, short and full names, clitics") {
    fahras::EntityRecognizer recognizer;
    CHECK(ids(recognizer.resolve("ترامب")) == "donald-trump");
    CHECK(ids(recognizer.resolve("ترمب")) == "donald-trump");
    CHECK(ids(recognizer.resolve("دونالد ترمب")) == "donald-trump");
    for (const char* name : {"بوتين", "فلاديمير بوتين", "وبوتين", "لبوتين", "بوتن"}) {
      CAPTURE(name);
      CHECK(ids(recognizer.resolve(name)) == "vladimir-putin");
    }
    CHECK(ids(recognizer.resolve("داعش")) == "isis");
    CHECK(ids(recognizer.resolve("تنظيم الدولة")) == "isis");
    CHECK(ids(recognizer.resolve("الدولة الإسلامية")) == "isis");
    CHECK(ids(recognizer.resolve("أنصار الله")) == "houthis");
    CHECK(ids(recognizer.resolve("الحوثيين")) == "houthis");
    // Hamza, ta marbuta and alef maqsura variants meet through normalization.
    CHECK(ids(recognizer.resolve("اسرائيل")) == "israel");
    CHECK(ids(recognizer.resolve("جده")) == "jeddah");
    // لل + alias with the article.
    CHECK(ids(recognizer.resolve("للرياض", fahras::EntityType::Location)) == "riyadh");
    // عبد written apart or joined.
    CHECK(ids(recognizer.resolve("سلمان بن عبد العزيز")) == "king-salman");
    CHECK(ids(recognizer.resolve("سلمان بن عبدالعزيز")) == "king-salman");
  }

  TEST_CASE("resolve: ambiguous aliases give every candidate, the plain one first; types filter") {
    fahras::EntityRecognizer recognizer;
    // الرياض: the city plainly, the newspaper only as an ambiguous alias.
    CHECK(ids(recognizer.resolve("الرياض")) == "riyadh,al-riyadh-newspaper");
    CHECK(ids(recognizer.resolve("الرياض", fahras::EntityType::Organization)) == "al-riyadh-newspaper");
    CHECK(ids(recognizer.resolve("الهلال", fahras::EntityType::Organization)) == "al-hilal");
    CHECK(recognizer.resolve("الهلال", fahras::EntityType::Person).empty());
    CHECK(recognizer.resolve("كلمة لا تعرف").empty());
    CHECK(recognizer.resolve("").empty());
    // A part of a name is no name: only whole aliases resolve.
    CHECK(recognizer.resolve("دونالد").empty());
  }

  TEST_CASE("entity types have stable spellings") {
    CHECK(fahras::to_string(fahras::EntityType::Person) == "person");
    CHECK(fahras::to_string(fahras::EntityType::Location) == "place");
    CHECK(fahras::to_string(fahras::EntityType::Organization) == "org");
    CHECK(fahras::parse_entity_type("place") == fahras::EntityType::Location);
    CHECK_FALSE(fahras::parse_entity_type("location"));
    CHECK(fahras::conll_tag(fahras::EntityType::Location) == "LOC");
  }
}
