// Visual bidi for terminals without it: shaping and reordering against code points worked out
// by hand from the Unicode tables (Arabic Presentation Forms-B, U+FE70–FEFF).
#include "terminal_bidi.hpp"

#include <doctest/doctest.h>

#include <string>
#include <vector>

namespace {

using fahras::terminal::Cells;
using fahras::terminal::Direction;

std::u32string code_points(const Cells& cells) {
  std::u32string out;
  for (const auto& cell : cells) out += cell.cp;
  return out;
}

std::u32string visual(const std::string& text, Direction direction = Direction::Rtl) {
  return code_points(fahras::terminal::visual_line(fahras::terminal::plain(text), direction));
}

}  // namespace

TEST_SUITE("terminal bidi") {
  TEST_CASE("a word is shaped (joined forms) and reversed") {
    // كتاب: kaf initial FEDB, teh medial FE98, alef final FE8E, beh isolated FE8F; read right to left
    CHECK(visual("كتاب") == U"\uFE8F\uFE8E\uFE98\uFEDB");
    // سلام: seen initial FEB3, lam+alef as one final ligature FEFC, meem isolated FEE1
    CHECK(visual("سلام") == U"\uFEE1\uFEFC\uFEB3");
  }

  TEST_CASE("words are reordered right to left, numbers stay left to right, brackets mirror") {
    // في: feh initial FED3, yeh final FEF2; 2025 stays as written, to the left of the word
    CHECK(visual("في 2025") == U"2025 \uFEF2\uFED3");
    CHECK(visual("(كتاب)") == U"(\uFE8F\uFE8E\uFE98\uFEDB)");
    // an LTR paragraph keeps Latin in place and reverses only the Arabic run
    // (the 1 after Arabic is an Arabic number: it joins the right-to-left run)
    CHECK(visual("CNN كتاب 1", Direction::Ltr) == U"CNN 1 \uFE8F\uFE8E\uFE98\uFEDB");
    CHECK(visual("CNN كتاب x", Direction::Ltr) == U"CNN \uFE8F\uFE8E\uFE98\uFEDB x");
    CHECK(visual("plain ASCII", Direction::Ltr) == U"plain ASCII");
  }

  TEST_CASE("diacritics stay after their letter") {
    // كَتَبَ: each fatha (064E) follows its shaped letter in the visual order
    CHECK(visual("كَتَبَ") == U"\uFE90\u064E\uFE98\u064E\uFEDB\u064E");
  }

  TEST_CASE("highlights travel with their letters: one visual run for the highlighted word") {
    const std::string text = "قال الوزير";
    const std::size_t begin = text.find("الوزير");
    const Cells line = fahras::terminal::to_cells(text, {{begin, text.size()}});
    const Cells shown = fahras::terminal::visual_line(line, Direction::Rtl);
    // الوزير: alef FE8D, lam initial FEDF, waw final FEEE, zain FEAF, yeh initial FEF3, reh final FEAE
    // قال: qaf initial FED7, alef final FE8E, lam isolated FEDD
    CHECK(code_points(shown) == U"\uFEAE\uFEF3\uFEAF\uFEEE\uFEDF\uFE8D \uFEDD\uFE8E\uFED7");
    for (std::size_t i = 0; i < shown.size(); ++i) {
      INFO(i);
      CHECK(shown[i].mark == (i < 6));
    }
    CHECK(fahras::terminal::render(shown, true) ==
          "\x1b[1;31m" "\uFEAE\uFEF3\uFEAF\uFEEE\uFEDF\uFE8D" "\x1b[0m" " \uFEDD\uFE8E\uFED7");
    // lam + alef: the ligature is marked when either letter was
    const Cells lam_alef = fahras::terminal::visual_line(fahras::terminal::to_cells("سلام", {{2, 4}}), Direction::Rtl);
    REQUIRE(lam_alef.size() == 3);
    CHECK(lam_alef[1].mark);
    CHECK_FALSE(lam_alef[0].mark);
  }

  TEST_CASE("paragraph direction from the first strong letter") {
    using fahras::terminal::paragraph_direction;
    CHECK(paragraph_direction(fahras::terminal::plain("1. الحكومة تقر")) == Direction::Rtl);
    CHECK(paragraph_direction(fahras::terminal::plain("… al-khabar · ميزانية")) == Direction::Ltr);
    CHECK(paragraph_direction(fahras::terminal::plain("123 ...")) == Direction::Ltr);
  }

  TEST_CASE("empty and odd lines do not break") {
    CHECK(visual("").empty());
    CHECK(visual("\xF0\x9F\x98\x80 كتاب") == U"\uFE8F\uFE8E\uFE98\uFEDB \U0001F600");
  }
}
