#include "fahras/indexer.hpp"

#include "plural.hpp"

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
  std::string text = fmt::format("fahras-index: {}: {} added, {} updated, {} unchanged, {} skipped",
                                 count_of(records, "record", "records"), added, updated, unchanged, skipped_total());
  if (deleted != 0) text += fmt::format(", {} deleted", deleted);
  text += "\n";
  for (const auto& [reason, n] : skipped) text += fmt::format("  skipped, {}: {}\n", reason, n);
  text += fmt::format("  repaired: {}, {}; {} dropped; {} at --max-bytes\n",
                      count_of(invalid_utf8, "invalid UTF-8 sequence", "invalid UTF-8 sequences"),
                      count_of(control_chars, "control character", "control characters"),
                      count_of(repeated_paragraphs, "repeated paragraph", "repeated paragraphs"),
                      count_of(truncated, "text cut", "texts cut"));
  text += fmt::format("  {} indexed by title only (empty body), {} without a date, {} from content\n", title_only,
                      undated, count_of(ids_from_content, "id derived", "ids derived"));
  text += fmt::format("  {} in the input, {} left out, {} a cluster ({} re-keyed)\n",
                      count_of(duplicates_in_input, "duplicate", "duplicates"),
                      count_of(boilerplate_lines, "boilerplate line", "boilerplate lines"),
                      count_of(near_duplicates, "near-duplicate joined", "near-duplicates joined"),
                      count_of(clusters_rekeyed, "document", "documents"));
  const double rate = seconds > 0 ? static_cast<double>(added + updated + unchanged) / seconds : 0.0;
  text += fmt::format("  {}, {}; {} in the database; {:.1f} s, {:.0f} docs/s\n", count_of(warnings, "warning", "warnings"),
                      count_of(errors, "error", "errors"), count_of(documents, "document", "documents"), seconds, rate);
  if (!shards.empty()) {
    text += fmt::format("  {} written:", count_of(shards.size(), "shard", "shards"));
    for (const std::string& shard : shards) text += " " + shard;
    text += "\n";
  }
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
                               {"shards_written", shards},
                               {"seconds", seconds},
                               {"stopped_by_strict", stopped_by_strict},
                               {"exit_code", exit_code()}};
  return json.dump(2);
}

}  // namespace fahras
