#include "gaps_db.hpp"

#include "process.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <array>
#include <fstream>
#include <memory>
#include <random>

namespace fahras::test {

const std::string& gaps_db() {
  static const std::unique_ptr<TempDir> dir = [] {
    static const std::array<const char*, 20> words = {
        "الحكومة", "السوق",   "النفط",  "الوزير",    "المدينة", "الشركة", "المشروع", "التعليم", "الصحة", "الطاقة",
        "المياه",  "الزراعة", "الصناعة", "الاستثمار", "البنك",   "العمال", "الطلاب",  "المطار",  "الميناء", "الجامعة"};
    auto tmp = std::make_unique<TempDir>();
    {
      std::ofstream out(*tmp / "articles.jsonl");
      std::mt19937 random(20150801);
      for (int i = 0; i < 2 * gaps_db_articles; ++i) {
        std::string body = "الاقتصاد";
        for (int w = 0; w < 14; ++w) body += std::string(" ") + words[random() % words.size()];
        char id[16];
        std::snprintf(id, sizeof id, "gap-%04d", i);
        const nlohmann::json record = {{"id", id},
                                       {"title", std::string("تقرير ") + words[static_cast<std::size_t>(i) % words.size()]},
                                       {"content", body},
                                       {"source", "al-khabar"},
                                       {"date", i % 2 == 1 ? "2015-07-15T10:00:00Z" : "2015-08-01T10:00:00Z"}};
        out << record.dump() << '\n';
      }
    }
    const std::string index = std::string(FAHRAS_INDEX_BIN) + " --progress off --db " + (*tmp / "db");
    const Result built = run_command(index + " " + (*tmp / "articles.jsonl") + " 2>&1");
    INFO(built.out);
    REQUIRE(built.exit_code == 0);
    const Result retained = run_command(index + " --delete-before 2015-08-01 2>&1");
    INFO(retained.out);
    REQUIRE(retained.exit_code == 0);
    return tmp;
  }();
  static const std::string path = *dir / "db";
  return path;
}

}  // namespace fahras::test
