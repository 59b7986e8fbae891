// Shows what analysis does to a text, token by token (the `_analyze` of fahras).
#pragma once

#include "fahras/analysis.hpp"

#include <iosfwd>
#include <string_view>

namespace fahras {

enum class ReportFormat : std::uint8_t {
  Table,  ///< aligned columns for a terminal
  Json,   ///< one JSON object: profile, counts, tokens
};

/**
 * Writes each token of `text` with its original span and text, position, kind,
 * normalized form, stem and stop-word flag. Returns the counts of the analysis.
 */
AnalysisCounts write_analysis_report(std::ostream& out, std::string_view text, Analyzer& analyzer,
                                     ReportFormat format);

}  // namespace fahras
