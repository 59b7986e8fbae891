// Snippets: one analysis of the text finds every matching token; a sliding window over the
// matches picks the passage(s) with the most weight of distinct terms; the passages are cut
// from the original bytes at word boundaries and the matching tokens' spans highlighted.
// Reading the text is in snippet_matches.cpp, choosing passages in snippet_passages.cpp; this
// file cuts and renders.
#include "snippet.hpp"

#include "snippet_parts.hpp"
#include "utf8.hpp"

#include <algorithm>
#include <cstdint>

namespace fahras::query {

namespace {

using namespace snippet_parts;

constexpr std::string_view ellipsis = "…";
constexpr std::string_view passage_separator = " … ";

// ---------------------------------------------------------------------------------------------
// Cutting

// Two passages that touch in one paragraph are one passage when only white space lies between
// them: no text was left out. (Between two words, a run of punctuation too long to go with
// either is in neither passage's length: it keeps them apart, as text left out.)
std::vector<Passage> merge_touching(std::string_view text, const std::vector<Passage>& passages,
                                    const std::vector<Tok>& toks) {
  std::vector<Passage> merged;
  for (const Passage& passage : passages) {
    if (!merged.empty() && merged.back().range.last + 1 == passage.range.first &&
        toks[passage.range.first].paragraph == toks[merged.back().range.last].paragraph &&
        std::all_of(text.begin() + toks[merged.back().range.last].ext_end,
                    text.begin() + toks[passage.range.first].ext_begin, is_space)) {
      merged.back().range.last = passage.range.last;
      merged.back().budget += passage.budget;
    } else {
      merged.push_back(passage);
    }
  }
  return merged;
}

// Where a passage too long for its budget (one overlong word, or a phrase longer than the
// budget) must end: after the last whole word that fits, else inside the word at a character
// boundary, the one place a word is ever cut.
std::size_t clipped_end(std::string_view text, const std::vector<Tok>& toks, TokRange range, std::size_t begin,
                        std::size_t budget) {
  std::size_t limit = begin;
  for (std::size_t chars = 0; chars < budget && limit < text.size(); ++chars) limit += utf8::decode(text, limit).length;
  std::size_t end = limit;
  for (std::size_t i = range.first; i <= range.last && toks[i].end <= limit; ++i) {
    if (toks[i].end > begin) end = toks[i].end;
  }
  return end;
}

void add_form(std::vector<std::string>& forms, std::string_view form) {
  if (std::find(forms.begin(), forms.end(), form) == forms.end()) forms.emplace_back(form);
}

Snippet cut(std::string_view text, const Analysis& analysis, const std::vector<Passage>& passages) {
  const auto& toks = analysis.toks;
  Snippet snippet;
  for (std::size_t n = 0; n < passages.size(); ++n) {
    const TokRange range = passages[n].range;
    const std::size_t begin = toks[range.first].ext_begin;
    std::size_t end = toks[range.last].ext_end;
    bool cut_end = !toks[range.last].closes_paragraph;
    if (toks[range.last].cp_ext_end - toks[range.first].cp_ext_begin > passages[n].budget) {
      end = clipped_end(text, toks, range, begin, passages[n].budget);
      cut_end = true;
    }
    if (n == 0 && !toks[range.first].opens_paragraph) snippet.text += ellipsis;
    if (n > 0) snippet.text += passage_separator;
    const std::size_t offset = snippet.text.size();
    snippet.text += text.substr(begin, end - begin);
    for (std::size_t i = range.first; i <= range.last; ++i) {
      if (!toks[i].highlighted) continue;
      const std::size_t from = std::max<std::size_t>(toks[i].begin, begin);
      const std::size_t to = std::min<std::size_t>(toks[i].end, end);
      if (from >= to) continue;
      snippet.highlights.emplace_back(offset + from - begin, offset + to - begin);
      add_form(snippet.matched_forms, text.substr(from, to - from));
    }
    if (n + 1 == passages.size() && cut_end) snippet.text += ellipsis;
  }
  return snippet;
}

// A text without a single word: its first line, cut at a space or a character boundary.
Snippet first_line(std::string_view text, std::size_t max_chars) {
  std::size_t begin = 0;
  while (begin < text.size() && is_space(text[begin])) ++begin;
  std::size_t end = std::min(text.find('\n', begin), text.size());
  while (end > begin && is_space(text[end - 1])) --end;
  Snippet snippet;
  if (count_code_points(text, begin, end) <= max_chars) {
    snippet.text = text.substr(begin, end - begin);
    return snippet;
  }
  std::size_t limit = begin;
  for (std::size_t chars = 0; chars < max_chars; ++chars) limit += utf8::decode(text, limit).length;
  const std::size_t space = text.substr(begin, limit - begin).find_last_of(' ');
  if (space != std::string_view::npos && space > 0) limit = begin + space;
  snippet.text = text.substr(begin, limit - begin);
  snippet.text += ellipsis;
  return snippet;
}

// ---------------------------------------------------------------------------------------------
// Rendering

enum class Escaping : std::uint8_t { None, Html };

// The highlights a renderer can trust: inside the text, sorted, without overlaps.
std::vector<std::pair<std::size_t, std::size_t>> usable_highlights(const Snippet& snippet) {
  auto ranges = snippet.highlights;
  for (auto& [from, to] : ranges) to = std::min(to, snippet.text.size());
  std::erase_if(ranges, [](const auto& r) { return r.first >= r.second; });
  std::sort(ranges.begin(), ranges.end());
  std::vector<std::pair<std::size_t, std::size_t>> disjoint;
  for (const auto& r : ranges) {
    if (!disjoint.empty() && r.first < disjoint.back().second) {
      disjoint.back().second = std::max(disjoint.back().second, r.second);
    } else {
      disjoint.push_back(r);
    }
  }
  return disjoint;
}

// Controls that could act on a terminal or reorder text around the snippet: C0 but newline and
// tab, DEL, C1, and the bidi embeddings, overrides and isolates (a cut can leave one open).
bool is_dropped(char32_t c) {
  return (c < 0x20 && c != U'\n' && c != U'\t') || (c >= 0x7F && c <= 0x9F) || (c >= 0x202A && c <= 0x202E) ||
         (c >= 0x2066 && c <= 0x2069);
}

void append_html_escaped(std::string& out, char c) {
  switch (c) {
    case '&': out += "&amp;"; break;
    case '<': out += "&lt;"; break;
    case '>': out += "&gt;"; break;
    case '"': out += "&quot;"; break;
    case '\'': out += "&#39;"; break;
    default: out += c;
  }
}

void append_character(std::string& out, std::string_view bytes, const utf8::Decoded& decoded, Escaping escaping) {
  if (!decoded.valid) {
    utf8::append(out, utf8::replacement_character);
  } else if (is_dropped(decoded.code_point)) {
    return;
  } else if (escaping == Escaping::Html && bytes.size() == 1) {
    append_html_escaped(out, bytes.front());
  } else {
    out += bytes;
  }
}

std::string render(const Snippet& snippet, std::string_view open, std::string_view close, Escaping escaping) {
  const std::string_view text = snippet.text;
  const auto ranges = usable_highlights(snippet);
  std::string out;
  out.reserve(text.size() + ranges.size() * (open.size() + close.size()) + 16);
  std::size_t r = 0;
  bool inside = false;
  // Markers go at character boundaries: a range that starts or ends inside a character (only
  // possible in a Snippet made by hand) is widened to whole characters.
  for (std::size_t i = 0; i < text.size();) {
    const utf8::Decoded decoded = utf8::decode(text, i);
    const std::size_t next = i + decoded.length;
    if (inside && ranges[r].second <= i) {
      out += close;
      inside = false;
      ++r;
    }
    while (!inside && r < ranges.size() && ranges[r].second <= i) ++r;
    if (!inside && r < ranges.size() && ranges[r].first < next) {
      out += open;
      inside = true;
    }
    append_character(out, text.substr(i, decoded.length), decoded, escaping);
    i = next;
  }
  if (inside) out += close;
  return out;
}

}  // namespace

Snippet make_snippet(std::string_view text, const MatchSpec& spec, Analyzer& analyzer, const SnippetOptions& options) {
  if (options.max_chars == 0) return {};
  const Analysis analysis = read_text(text, spec, analyzer);
  if (analysis.toks.empty()) return first_line(text, options.max_chars);
  const std::size_t max_passages = std::max<std::size_t>(options.max_passages, 1);
  const std::vector<Passage> passages = choose_passages(analysis, options.max_chars, max_passages);
  return cut(text, analysis, merge_touching(text, passages, analysis.toks));
}

Snippet highlight_all(std::string_view text, const MatchSpec& spec, Analyzer& analyzer) {
  const Analysis analysis = read_text(text, spec, analyzer);
  Snippet snippet;
  snippet.text = text;
  for (const Tok& tok : analysis.toks) {
    if (!tok.highlighted) continue;
    snippet.highlights.emplace_back(tok.begin, tok.end);
    add_form(snippet.matched_forms, text.substr(tok.begin, tok.end - tok.begin));
  }
  return snippet;
}

std::string render_with_markers(const Snippet& snippet, std::string_view open, std::string_view close) {
  return render(snippet, open, close, Escaping::None);
}

std::string render_html(const Snippet& snippet) { return render(snippet, "<mark>", "</mark>", Escaping::Html); }

std::string render_ansi(const Snippet& snippet) { return render(snippet, "\x1b[1;31m", "\x1b[0m", Escaping::None); }

}  // namespace fahras::query
