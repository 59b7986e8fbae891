#include "boilerplate.hpp"

#include <doctest/doctest.h>
#include <xapian.h>

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

using fahras::indexer::LineStats;

TEST_SUITE("boilerplate") {
  TEST_CASE("a line in enough articles of one source is boilerplate; counts persist and go down") {
    const auto dir = std::filesystem::temp_directory_path() / "fahras-boilerplate-test";
    std::filesystem::remove_all(dir);
    const std::string footer = "جميع الحقوق محفوظة للصحيفة";
    {
      Xapian::WritableDatabase db(dir.string(), Xapian::DB_CREATE_OR_OVERWRITE);
      LineStats stats(db);
      for (int i = 0; i < 4; ++i) {
        const std::string body = "خبر رقم " + std::to_string(i) + "\n" + footer;
        stats.count_article("okaz", LineStats::candidate_lines(body), +1);
      }
      CHECK_FALSE(stats.is_boilerplate("okaz", footer));  // 4 articles: not yet
      stats.count_article("okaz", LineStats::candidate_lines("خبر آخر\n" + footer), +1);
      CHECK(stats.is_boilerplate("okaz", footer));
      CHECK_FALSE(stats.is_boilerplate("alriyadh", footer));  // per source
      CHECK_FALSE(stats.is_boilerplate("okaz", "خبر رقم 1"));
      stats.flush();
      db.commit();
    }
    {
      Xapian::WritableDatabase db(dir.string(), Xapian::DB_OPEN);
      LineStats stats(db);
      CHECK(stats.is_boilerplate("okaz", footer));  // read back from the database
      stats.count_article("okaz", LineStats::candidate_lines("خبر آخر\n" + footer), -1);
      CHECK_FALSE(stats.is_boilerplate("okaz", footer));
    }
    std::filesystem::remove_all(dir);
  }

  TEST_CASE("candidate lines are distinct and short") {
    const std::string longest(LineStats::max_line_bytes, 'y');
    const std::string too_long(LineStats::max_line_bytes + 1, 'x');
    const std::string body = "أ\nب\nأ\n\n" + too_long + "\n" + longest + "\nب";
    const auto lines = LineStats::candidate_lines(body);  // views into body
    CHECK(lines == std::vector<std::string_view>{"أ", "ب", longest});
  }
}
