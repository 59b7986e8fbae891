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
const std::string lro_utf8 = term::to_utf8(term::Cells{term::Cell{term::lro, false}});
const std::string pdf_utf8 = term::to_utf8(term::Cells{term::Cell{term::pdf, false}});

void append(term::Cells& to, const term::Cells& more) { to.insert(to.end(), more.begin(), more.end()); }

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

void Printer::line(const term::Cells& cells, std::size_t indent, std::string_view style, term::Direction direction) {
  if (display_.bidi == BidiMode::Logical) {
    out_ << std::string(indent, ' ') << term::render(cells, display_.color, style) << '\n';
    return;
  }
  const term::Cells visual = term::visual_line(cells, direction);
  const std::size_t used = term::columns(visual);
  std::size_t left = indent;
  if (direction == term::Direction::Rtl && display_.width >= indent + used) left = display_.width - indent - used;
  out_ << lro_utf8 << std::string(left, ' ') << term::render(visual, display_.color, style)
       << pdf_utf8 << '\n';
}

void Printer::paragraph(const term::Cells& text, std::size_t indent, std::string_view style, std::size_t hanging) {
  const term::Cells cells = display_.color ? text : term::bracket_marks(text, U'[', U']');
  const term::Direction direction =
      display_.bidi == BidiMode::Visual ? term::paragraph_direction(cells) : term::Direction::Ltr;
  std::size_t width = 0;
  if (display_.width > 0) {
    const std::size_t taken = indent + hanging;
    width = display_.width > taken + narrowest ? display_.width - taken : narrowest;
  }
  const std::vector<term::Cells> lines = term::wrap(cells, width);
  for (std::size_t i = 0; i < lines.size(); ++i) line(lines[i], i == 0 ? indent : indent + hanging, style, direction);
}

void Printer::note(std::string_view text) {
  out_ << (display_.color ? term::render(term::plain(text), true, term::sgr::dim) : std::string(text)) << '\n';
}

void Printer::suggestion(const SearchResponse& response) {
  if (!response.suggestion || response.total >= few_hits) return;
  term::Cells text = term::plain("Did you mean: ");
  term::Cells suggested = term::to_cells(*response.suggestion);
  for (term::Cell& cell : suggested) cell.mark = display_.color;  // no brackets: easy to copy
  append(text, suggested);
  paragraph(text, 0);
}

void Printer::hit(const SearchHit& hit) {
  term::Cells title = term::plain(fmt::format("{}. ", hit.rank));
  append(title, hit.title.empty() ? term::plain("(no title)") : term::to_cells(hit.title, hit.title_highlights));
  paragraph(title, 0, term::sgr::bold, hit_indent);
  paragraph(term::to_cells(meta_line(hit.source, hit.date, hit.url, hit.duplicates)), hit_indent, term::sgr::dim);
  if (!hit.snippet.empty()) paragraph(term::to_cells(hit.snippet, hit.highlights), hit_indent);
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

void Printer::labelled(std::string_view label, const term::Cells& value) {
  term::Cells text = term::plain(label);
  text.resize(std::max(text.size() + 1, label_width), term::Cell{U' ', false});
  append(text, value);
  paragraph(text, 0, {}, label_width);
}

void Printer::facets(const SearchFacets& facets) {
  const auto counted = [](const auto& items) {
    term::Cells cells;
    for (const auto& [name, count] : items) {
      if (!cells.empty()) append(cells, term::plain(" · "));
      append(cells, term::to_cells(name));
      append(cells, term::plain(fmt::format(" {}", count)));
    }
    return cells;
  };
  if (!facets.sources.empty()) labelled("sources", counted(facets.sources));
  if (!facets.months.empty()) labelled("months", counted(facets.months));
  if (!facets.entities.empty()) {
    term::Cells cells;
    for (const SearchFacets::Entity& entity : facets.entities) {
      if (!cells.empty()) append(cells, term::plain(" · "));
      append(cells, term::to_cells(entity.name));
      append(cells, term::plain(fmt::format(" ({}) {}", term::sanitize(entity.type), entity.count)));
    }
    labelled("entities", cells);
  }
}

void Printer::article(const term::FullArticle& article, std::size_t rank) {
  term::Cells title = term::plain(fmt::format("{}. ", rank));
  append(title, article.title.empty() ? term::plain("(no title)") : term::to_cells(article.title, article.title_highlights));
  paragraph(title, 0, term::sgr::bold, hit_indent);
  paragraph(term::to_cells(meta_line(article.source, article.date, article.url, 0)), hit_indent, term::sgr::dim);
  if (!article.author.empty()) {
    term::Cells author = term::plain("by ");
    append(author, term::to_cells(article.author));
    paragraph(author, hit_indent, term::sgr::dim);
  }
  for (const term::FullArticle::Paragraph& p : article.body) {
    out_ << '\n';
    paragraph(term::to_cells(p.text, p.highlights), hit_indent);
  }
  out_ << '\n';
}

void Printer::info(const term::DatabaseInfo& info) {
  labelled("database", term::to_cells(info.path));
  labelled("articles", term::plain(std::to_string(info.documents)));
  labelled("schema", term::to_cells(info.schema));
  labelled("analysis", term::to_cells(info.analysis));
  labelled("time zone", term::to_cells(info.timezone));
  labelled("dates", term::to_cells(info.first_date.empty() ? "none dated" : info.first_date + " .. " + info.last_date));
  labelled("sources", term::plain(std::to_string(info.sources)));
  labelled("spelling", term::plain(info.spelling ? "yes (did you mean)" : "no"));
  labelled("updated", term::plain(info.updated.empty() ? "unknown" : info.updated));
  labelled("size", term::plain(human_bytes(info.bytes)));
}

}  // namespace fahras::cli
