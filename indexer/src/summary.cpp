#include "fahras/indexer.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace fahras {

std::size_t IndexSummary::skipped_total() const {
  std::size_t total = 0;
  for (const auto& [reason, n] : skipped) total += n;
  return total;
}

int IndexSummary::exit_code() const { return errors == 0 ? 0 : 1; }

std::string IndexSummary::to_text() const {
  std::string text = fmt::format("fahras-index: {} records: {} added, {} updated, {} unchanged, {} skipped", records,
                                 added, updated, unchanged, skipped_total());
  if (deleted != 0) text += fmt::format(", {} deleted", deleted);
  text += "\n";
  for (const auto& [reason, n] : skipped) text += fmt::format("  skipped, {}: {}\n", reason, n);
  text += fmt::format(
      "  repaired: {} invalid UTF-8 sequences, {} control characters; {} repeated paragraphs dropped; {} texts cut at "
      "--max-bytes\n",
      invalid_utf8, control_chars, repeated_paragraphs, truncated);
  text += fmt::format("  {} indexed by title only (empty body), {} without a date, {} ids derived from content\n",
                      title_only, undated, ids_from_content);
  text += fmt::format("  {} duplicates in the input, {} boilerplate lines left out, {} near-duplicates joined a "
                      "cluster ({} documents re-keyed)\n",
                      duplicates_in_input, boilerplate_lines, near_duplicates, clusters_rekeyed);
  const double rate = seconds > 0 ? static_cast<double>(added + updated + unchanged) / seconds : 0.0;
  text += fmt::format("  {} warnings, {} errors; {} documents in the database; {:.1f} s, {:.0f} docs/s\n", warnings,
                      errors, documents, seconds, rate);
  if (stopped_by_strict) text += "  stopped early by --strict\n";
  return text;
}

std::string IndexSummary::to_json() const {
  const nlohmann::json json = {{"records", records},
                               {"added", added},
                               {"updated", updated},
                               {"unchanged", unchanged},
                               {"deleted", deleted},
                               {"skipped", skipped_total()},
                               {"skipped_by_reason", skipped},
                               {"warnings", warnings},
                               {"errors", errors},
                               {"invalid_utf8", invalid_utf8},
                               {"control_chars", control_chars},
                               {"repeated_paragraphs", repeated_paragraphs},
                               {"truncated", truncated},
                               {"title_only", title_only},
                               {"undated", undated},
                               {"ids_from_content", ids_from_content},
                               {"duplicates_in_input", duplicates_in_input},
                               {"boilerplate_lines", boilerplate_lines},
                               {"near_duplicates", near_duplicates},
                               {"clusters_rekeyed", clusters_rekeyed},
                               {"documents", documents},
                               {"seconds", seconds},
                               {"stopped_by_strict", stopped_by_strict},
                               {"exit_code", exit_code()}};
  return json.dump(2);
}

}  // namespace fahras
