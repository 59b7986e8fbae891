// The entity mentions' compact stored form: what the indexer writes, the query side reads back.
#include "stored_mentions.hpp"

#include <doctest/doctest.h>

#include <string>
#include <vector>

using fahras::decode_mentions;
using fahras::encode_mentions;
using fahras::EntityType;
using fahras::StoredMention;

namespace {

bool same(const StoredMention& a, const StoredMention& b) {
  return a.type == b.type && a.id == b.id && a.name == b.name && a.in_title == b.in_title && a.begin == b.begin &&
         a.end == b.end;
}

}  // namespace

TEST_SUITE("stored mentions") {
  TEST_CASE("one line per entity, its spans after its name; read back in the text's order") {
    const std::vector<StoredMention> mentions = {
        {EntityType::Person, "donald-trump", "دونالد ترامب", true, 0, 10},
        {EntityType::Location, "riyadh", "الرياض", true, 15, 27},
        {EntityType::Person, "donald-trump", "دونالد ترامب", false, 40, 50},
        {EntityType::Organization, "opec", "أوبك", false, 60, 68},
        {EntityType::Person, "donald-trump", "دونالد ترامب", false, 300, 312},
    };
    const std::string text = encode_mentions(mentions);
    CHECK(text ==
          "person\tdonald-trump\tدونالد ترامب\tt0+10 b40+10 b300+12\n"
          "place\triyadh\tالرياض\tt15+12\n"
          "org\topec\tأوبك\tb60+8");
    const std::vector<StoredMention> back = decode_mentions(text);
    REQUIRE(back.size() == mentions.size());
    for (std::size_t i = 0; i < back.size(); ++i) {
      CAPTURE(i);
      CHECK(same(back[i], mentions[i]));
    }
    CHECK(encode_mentions({}).empty());
    CHECK(decode_mentions("").empty());
  }

  TEST_CASE("the same id with another type or name is another entity; separators in names become spaces") {
    const std::vector<StoredMention> mentions = {
        {EntityType::Person, "x", "أ", false, 0, 2},
        {EntityType::Location, "x", "أ", false, 4, 6},
        {EntityType::Person, "x", "ب\tج\nد", false, 8, 10},
    };
    const std::vector<StoredMention> back = decode_mentions(encode_mentions(mentions));
    REQUIRE(back.size() == 3);
    CHECK(same(back[0], mentions[0]));
    CHECK(same(back[1], mentions[1]));
    CHECK(back[2].name == "ب ج د");
  }

  TEST_CASE("a damaged line or span is left out, the rest is read") {
    const std::vector<StoredMention> back = decode_mentions(
        "person\tdonald-trump\tدونالد ترامب\tb40+10 x1+2 b5 b-1+2 b7+ b1+1z t18446744073709551615+2\n"
        "alien\tzz\tز\tb1+1\n"
        "place\t\tبلا\tb1+1\n"
        "place\triyadh\n"
        "org\topec\tأوبك\tb60+8");
    REQUIRE(back.size() == 2);
    CHECK(back[0].id == "donald-trump");
    CHECK(back[0].begin == 40);
    CHECK(back[0].end == 50);
    CHECK(back[1].id == "opec");
  }
}
