#include "fahras/analysis_report.hpp"

#include "plural.hpp"
#include "utf8.hpp"

#include <fmt/format.h>
#include <fmt/ostream.h>
#include <nlohmann/json.hpp>
#include <unicode/uchar.h>

#include <algorithm>
#include <array>
#include <ostream>
#include <string>
#include <vector>

namespace fahras {

namespace {

// Columns a terminal gives a string: combining marks and format characters take none.
std::size_t display_width(std::string_view text) {
  std::size_t width = 0;
  for (std::size_t i = 0; i < text.size();) {
    const utf8::Decoded d = utf8::decode(text, i);
    i += d.length;
    const auto category = static_cast<UCharCategory>(u_charType(static_cast<UChar32>(d.code_point)));
    if (category == U_NON_SPACING_MARK || category == U_ENCLOSING_MARK || category == U_FORMAT_CHAR) continue;
    ++width;
  }
  return width;
}

// The token's original text with invisible characters made visible, so the table shows
// what was there: U+200F becomes <U+200F>.
std::string visible(std::string_view text) {
  std::string out;
  for (std::size_t i = 0; i < text.size();) {
    const utf8::Decoded d = utf8::decode(text, i);
    i += d.length;
    const auto category = static_cast<UCharCategory>(u_charType(static_cast<UChar32>(d.code_point)));
    if (category == U_FORMAT_CHAR || category == U_CONTROL_CHAR) {
      out += fmt::format("<U+{:04X}>", static_cast<std::uint32_t>(d.code_point));
    } else {
      utf8::append(out, d.code_point);
    }
  }
  return out;
}

void write_table(std::ostream& out, const std::vector<std::array<std::string, 7>>& rows) {
  std::array<std::size_t, 7> widths{};
  for (const auto& row : rows) {
    for (std::size_t c = 0; c < row.size(); ++c) widths[c] = std::max(widths[c], display_width(row[c]));
  }
  for (const auto& row : rows) {
    std::string line;
    for (std::size_t c = 0; c < row.size(); ++c) {
      line += row[c];
      if (c + 1 < row.size()) line.append(widths[c] - display_width(row[c]) + 2, ' ');
    }
    line.erase(line.find_last_not_of(' ') + 1);  // no padding after the last filled column
    out << line << '\n';
  }
}

}  // namespace

AnalysisCounts write_analysis_report(std::ostream& out, std::string_view text, Analyzer& analyzer,
                                     ReportFormat format) {
  if (format == ReportFormat::Json) {
    nlohmann::json tokens = nlohmann::json::array();
    const AnalysisCounts counts = analyzer.analyze(text, [&](const TokenView& t) {
      tokens.push_back({{"position", t.position},
                        {"begin", t.begin},
                        {"end", t.end},
                        {"text", std::string(text.substr(t.begin, t.end - t.begin))},
                        {"kind", std::string(to_string(t.kind))},
                        {"normalized", std::string(t.normalized)},
                        {"stem", std::string(t.stem)},
                        {"stop", t.is_stop}});
    });
    const nlohmann::json report = {{"profile", analyzer.profile().id()},
                                   {"tokens", std::move(tokens)},
                                   {"token_count", counts.tokens},
                                   {"invalid_utf8", counts.invalid_utf8}};
    out << report.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << '\n';
    return counts;
  }

  std::vector<std::array<std::string, 7>> rows;
  rows.push_back({"pos", "bytes", "text", "normalized", "stem", "kind", "stop"});
  const AnalysisCounts counts = analyzer.analyze(text, [&](const TokenView& t) {
    rows.push_back({std::to_string(t.position), fmt::format("{}-{}", t.begin, t.end),
                    visible(text.substr(t.begin, t.end - t.begin)), std::string(t.normalized),
                    std::string(t.stem), std::string(to_string(t.kind)), t.is_stop ? "stop" : ""});
  });
  write_table(out, rows);
  out << fmt::format("{}, {}; profile {}\n", count_of(counts.tokens, "token", "tokens"),
                     count_of(counts.invalid_utf8, "invalid UTF-8 sequence", "invalid UTF-8 sequences"),
                     analyzer.profile().id());
  return counts;
}

}  // namespace fahras
