#include "query_output.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <ostream>
#include <string>

namespace fahras::cli {

namespace {

constexpr std::size_t hit_indent = 3;
constexpr std::size_t label_width = 10;
constexpr std::size_t narrowest = 12;  // never wrap to fewer columns than this
const std::string lro_utf8 = terminal::to_utf8(terminal::Cells{terminal::Cell{terminal::lro, false}});
const std::string pdf_utf8 = terminal::to_utf8(terminal::Cells{terminal::Cell{terminal::pdf, false}});

void append(terminal::Cells& to, const terminal::Cells& more) { to.insert(to.end(), more.begin(), more.end()); }

std::string meta_line(const std::string& source, const std::string& date, const std::string& url, std::size_t duplicates) {
  std::string meta = source;
  if (!date.empty()) meta += (meta.empty() ? "" : " · ") + date.substr(0, 10);
  if (!url.empty()) meta += (meta.empty() ? "" : " · ") + url;
  if (duplicates > 0) meta += fmt::format(" (+{} near-duplicate{})", duplicates, duplicates == 1 ? "" : "s");
  return meta;
}

std::string human_bytes(std::uintmax_t bytes) {
  if (bytes < 1024) return fmt::format("{} B", bytes);
  if (bytes < 1024 * 1024) return fmt::format("{:.1f} KiB", static_cast<double>(bytes) / 1024);
  return fmt::format("{:.1f} MiB", static_cast<double>(bytes) / (1024.0 * 1024.0));
}

}  // namespace

std::string total_text(const SearchResponse& response) {
  return response.total_relation == TotalRelation::Exact ? std::to_string(response.total)
                                                         : fmt::format("at least {}", response.total);
}

void Printer::line(const terminal::Cells& cells, std::size_t indent, std::string_view style, terminal::Direction direction) {
  if (display_.bidi == BidiMode::Logical) {
    out_ << std::string(indent, ' ') << terminal::render(cells, display_.color, style) << '\n';
    return;
  }
  const terminal::Cells visual = terminal::visual_line(cells, direction);
  const std::size_t used = terminal::columns(visual);
  std::size_t left = indent;
  if (direction == terminal::Direction::Rtl && display_.width >= indent + used) left = display_.width - indent - used;
  out_ << lro_utf8 << std::string(left, ' ') << terminal::render(visual, display_.color, style)
       << pdf_utf8 << '\n';
}

void Printer::paragraph(const terminal::Cells& text, std::size_t indent, std::string_view style, std::size_t hanging) {
  const terminal::Cells cells = display_.color ? text : terminal::bracket_marks(text, U'[', U']');
  const terminal::Direction direction =
      display_.bidi == BidiMode::Visual ? terminal::paragraph_direction(cells) : terminal::Direction::Ltr;
  std::size_t width = 0;
  if (display_.width > 0) {
    const std::size_t taken = indent + hanging;
    width = display_.width > taken + narrowest ? display_.width - taken : narrowest;
  }
  const std::vector<terminal::Cells> lines = terminal::wrap(cells, width);
  for (std::size_t i = 0; i < lines.size(); ++i) line(lines[i], i == 0 ? indent : indent + hanging, style, direction);
}

void Printer::note(std::string_view text) {
  out_ << (display_.color ? terminal::render(terminal::plain(text), true, terminal::sgr::dim) : std::string(text)) << '\n';
}

void Printer::suggestion(const SearchResponse& response) {
  if (!response.suggestion || response.total >= few_hits) return;
  terminal::Cells text = terminal::plain("Did you mean: ");
  terminal::Cells suggested = terminal::to_cells(*response.suggestion);
  for (terminal::Cell& cell : suggested) cell.mark = display_.color;  // no brackets: easy to copy
  append(text, suggested);
  paragraph(text, 0);
}

void Printer::hit(const SearchHit& hit) {
  terminal::Cells title = terminal::plain(fmt::format("{}. ", hit.rank));
  append(title, hit.title.empty() ? terminal::plain("(no title)") : terminal::to_cells(hit.title, hit.title_highlights));
  paragraph(title, 0, terminal::sgr::bold, hit_indent);
  paragraph(terminal::to_cells(meta_line(hit.source, hit.date, hit.url, hit.duplicates)), hit_indent, terminal::sgr::dim);
  if (!hit.snippet.empty()) paragraph(terminal::to_cells(hit.snippet, hit.highlights), hit_indent);
  out_ << '\n';
}

void Printer::footer(const SearchResponse& response) {
  note(fmt::format("{} hit{} of {} ({:.1f} ms)", response.hits.size(), response.hits.size() == 1 ? "" : "s",
                   total_text(response), response.elapsed_ms));
}

void Printer::response(const SearchResponse& response) {
  suggestion(response);
  for (const SearchHit& h : response.hits) hit(h);
  footer(response);
  facets(response.facets);
}

void Printer::labelled(std::string_view label, const terminal::Cells& value) {
  terminal::Cells text = terminal::plain(label);
  text.resize(std::max(text.size() + 1, label_width), terminal::Cell{U' ', false});
  append(text, value);
  paragraph(text, 0, {}, label_width);
}

void Printer::facets(const SearchFacets& facets) {
  const auto counted = [](const auto& items) {
    terminal::Cells cells;
    for (const auto& [name, count] : items) {
      if (!cells.empty()) append(cells, terminal::plain(" · "));
      append(cells, terminal::to_cells(name));
      append(cells, terminal::plain(fmt::format(" {}", count)));
    }
    return cells;
  };
  if (!facets.sources.empty()) labelled("sources", counted(facets.sources));
  if (!facets.months.empty()) labelled("months", counted(facets.months));
  if (!facets.entities.empty()) {
    terminal::Cells cells;
    for (const SearchFacets::Entity& entity : facets.entities) {
      if (!cells.empty()) append(cells, terminal::plain(" · "));
      append(cells, terminal::to_cells(entity.name));
      append(cells, terminal::plain(fmt::format(" ({}) {}", terminal::sanitize(entity.type), entity.count)));
    }
    labelled("entities", cells);
  }
}

void Printer::article(const Article& article, std::size_t rank) {
  terminal::Cells title = terminal::plain(fmt::format("{}. ", rank));
  append(title, article.title.empty() ? terminal::plain("(no title)") : terminal::to_cells(article.title, article.title_highlights));
  paragraph(title, 0, terminal::sgr::bold, hit_indent);
  paragraph(terminal::to_cells(meta_line(article.source, article.date, article.url, 0)), hit_indent, terminal::sgr::dim);
  if (!article.author.empty()) {
    terminal::Cells author = terminal::plain("by ");
    append(author, terminal::to_cells(article.author));
    paragraph(author, hit_indent, terminal::sgr::dim);
  }
  for (const Article::Paragraph& p : article.body) {
    out_ << '\n';
    paragraph(terminal::to_cells(p.text, p.highlights), hit_indent);
  }
  out_ << '\n';
}

void Printer::info(const DatabaseInfo& info) {
  labelled("database", terminal::to_cells(info.path));
  labelled("articles", terminal::plain(std::to_string(info.documents)));
  labelled("schema", terminal::to_cells(info.schema));
  labelled("analysis", terminal::to_cells(info.analysis));
  labelled("time zone", terminal::to_cells(info.timezone));
  labelled("dates", terminal::to_cells(info.first_date.empty() ? "none dated" : info.first_date + " .. " + info.last_date));
  labelled("sources", terminal::plain(std::to_string(info.sources)));
  labelled("spelling", terminal::plain(info.spelling ? "yes (did you mean)" : "no"));
  labelled("updated", terminal::plain(info.updated.empty() ? "unknown" : info.updated));
  labelled("size", terminal::plain(human_bytes(info.bytes)));
}

}  // namespace fahras::cli
