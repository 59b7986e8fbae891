// How fahras-query writes for a person: hits (rank, title, source · date · url, snippet),
// facets, the count, a full article, database facts; wrapped to the terminal's width,
// coloured or bracketed highlights, Arabic in logical or visual order. Every string from the
// database goes through terminal::to_cells (sanitized) on its way out.
#pragma once

#include "fahras/query.hpp"
#include "terminal_bidi.hpp"
#include "terminal_text.hpp"

#include <cstddef>
#include <iosfwd>
#include <string>
#include <string_view>

namespace fahras::cli {

/** --bidi. */
enum class BidiMode : unsigned char {
  Logical,  ///< Arabic in memory order: for terminals that do bidi, pipes, files, less
  Visual,   ///< shaped and reordered, each line wrapped in LRO…PDF: for terminals that do not
};

/** How output looks. */
struct Display {
  bool color = false;     ///< SGR colours (else highlights between [ and ])
  std::size_t width = 0;  ///< columns to wrap to; 0: no wrapping
  BidiMode bidi = BidiMode::Logical;
};

/** The response's total as a person reads it: "2033", or "at least 9512" when counting
 *  stopped short (TotalRelation::AtLeast). */
std::string total_text(const SearchResponse& response);

/** "Did you mean" is shown when a query finds fewer articles than this. */
inline constexpr std::size_t few_hits = 3;

class Printer {
public:
  Printer(std::ostream& out, const Display& display) : out_(out), display_(display) {}

  /** One text paragraph: wrapped to the width less `indent`, each line indented (right-aligned
   *  instead, in visual mode, for a right-to-left paragraph when the width is known); lines
   *  after the first are indented `hanging` columns more. */
  void paragraph(const terminal::Cells& text, std::size_t indent, std::string_view style = {}, std::size_t hanging = 0);

  /** "Did you mean" (when the response found little), the hits, the footer, the facets. */
  void response(const SearchResponse& response);
  void hit(const SearchHit& hit);
  void suggestion(const SearchResponse& response);
  void footer(const SearchResponse& response);
  void facets(const SearchFacets& facets);
  /** One article in full, its rank first. */
  void article(const Article& article, std::size_t rank);
  void info(const DatabaseInfo& info);
  /** A line of the program's own (not from the database), dimmed. */
  void note(std::string_view text);

  [[nodiscard]] const Display& display() const noexcept { return display_; }
  void set_width(std::size_t width) noexcept { display_.width = width; }

private:
  void labelled(std::string_view label, const terminal::Cells& value);
  void line(const terminal::Cells& cells, std::size_t indent, std::string_view style, terminal::Direction direction);

  std::ostream& out_;
  Display display_;
};

}  // namespace fahras::cli
