// libFuzzer target: date mentions (fahras/date_mentions.hpp) and the entity recognizer
// (fahras/entities.hpp) over arbitrary text. Checks that every span lies inside the text, on
// character boundaries, in text order and without overlap; that dates are real dates of the
// documented precision; that entity word positions follow the spans; and that find() gives the
// same mentions when the caller hands in its own analysis of the text.
#include "fahras/analysis.hpp"
#include "fahras/date_mentions.hpp"
#include "fahras/entities.hpp"
#include "fuzz_support.hpp"

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace {

using fahras::CivilDate;
using fahras::fuzz::check;

bool leap(int year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

int days_in_month(int year, int month) {
  constexpr std::array<int, 12> days = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return month == 2 && leap(year) ? 29 : days[static_cast<std::size_t>(month - 1)];
}

void check_dates(std::string_view text, std::optional<CivilDate> published) {
  const auto mentions = fahras::find_date_mentions(text, published);
  std::vector<std::pair<std::size_t, std::size_t>> spans;
  for (const fahras::DateMention& m : mentions) {
    spans.emplace_back(m.begin, m.end);
    const CivilDate& d = m.date;
    check(d.year >= 1 && d.year <= 9999, "a mention's year out of range");
    check(d.month >= 0 && d.month <= 12, "a mention's month out of range");
    check(d.month != 0 || d.day == 0, "a mention with a day but no month");
    check(d.day == 0 || (d.day >= 1 && d.day <= days_in_month(d.year, d.month)), "a mention's day does not exist");
    check(published || (m.kind != fahras::DateMention::Kind::Weekday && m.kind != fahras::DateMention::Kind::Relative),
          "a weekday or relative mention without a publication date");
    check(!fahras::mention_keys(d).empty(), "a mention without index keys");
    (void)fahras::to_string(m.kind);
  }
  fahras::fuzz::check_ranges(spans, text, "date mentions");
}

void check_entities(std::string_view text) {
  static fahras::EntityRecognizer recognizer;
  static fahras::Analyzer analyzer;
  const std::vector<fahras::EntityMention> mentions = recognizer.find(text);
  std::vector<std::pair<std::size_t, std::size_t>> spans;
  std::uint32_t next_position = 0;
  for (const fahras::EntityMention& m : mentions) {
    spans.emplace_back(m.begin, m.end);
    check(m.first_position <= m.last_position, "an entity's positions reversed");
    check(m.first_position >= next_position, "entity positions out of order or overlapping");
    next_position = m.last_position + 1;
    check(!m.id.empty() && !m.name.empty(), "an entity without an id or a name");
    check(fahras::fuzz::valid_utf8(m.name) && fahras::fuzz::valid_utf8(m.id), "an entity name that is not UTF-8");
    check(fahras::parse_entity_type(fahras::to_string(m.type)) == m.type, "an entity type that does not round-trip");
  }
  fahras::fuzz::check_ranges(spans, text, "entity mentions");

  // The same mentions when the caller analyzes the text itself.
  const auto again = recognizer.find(text, [&](const fahras::EntityRecognizer::TokenSink& sink) {
    analyzer.analyze(text, [&](const fahras::TokenView& token) { sink(token); });
  });
  check(again.size() == mentions.size(), "find() with the caller's analysis found other mentions");
  for (std::size_t i = 0; i < again.size(); ++i) {
    check(again[i].begin == mentions[i].begin && again[i].end == mentions[i].end && again[i].id == mentions[i].id &&
              again[i].type == mentions[i].type,
          "find() with the caller's analysis found other mentions");
  }
}

}  // namespace

// The gazetteer is loaded before fuzzing starts, out of the time limit of one input.
extern "C" int LLVMFuzzerInitialize(int* /*argc*/, char*** /*argv*/) {
  check_entities("الرئيس");
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  // Without a publication date, and with one of a few (a leap day, the turn of a year), picked
  // by the input's size.
  static constexpr std::array<CivilDate, 4> published = {
      CivilDate{2015, 7, 21}, CivilDate{2016, 2, 29}, CivilDate{2025, 12, 31}, CivilDate{2024, 1, 1}};
  check_dates(text, std::nullopt);
  check_dates(text, published[size % published.size()]);
  check_entities(text);
  return 0;
}
