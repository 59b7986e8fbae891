// libFuzzer target: snippets and highlights. The input's first line is a query, the rest an
// article body. The query is built against the sample database (what to highlight), the body's
// entity mentions are added as marked ranges (as the indexer stores them), and the snippet cutter
// and highlight_all run on the body; the query also runs through Searcher::search. Every
// highlight must lie inside its text, on character boundaries, sorted and disjoint; a snippet is
// passages of the body within its size, on one line; the renderers pass no control character.
#include "fahras/entities.hpp"
#include "fahras/query.hpp"
#include "fuzz_support.hpp"
#include "query_builder.hpp"
#include "query_parser.hpp"
#include "snippet.hpp"
#include "utf8.hpp"

#include <xapian.h>

#include <cstdint>
#include <string>
#include <string_view>

namespace {

using fahras::fuzz::check;
namespace q = fahras::query;

std::size_t code_points(std::string_view text) { return fahras::utf8::decode_all(text).size(); }

void check_rendered(const q::Snippet& snippet) {
  const std::string markers = q::render_with_markers(snippet, "[", "]");
  const std::string html = q::render_html(snippet);
  std::string ansi = q::render_ansi(snippet);
  for (const std::string_view out : {std::string_view(markers), std::string_view(html), std::string_view(ansi)}) {
    check(fahras::fuzz::valid_utf8(out), "a rendered snippet that is not UTF-8");
  }
  for (const std::string_view code : {std::string_view("\x1b[1;31m"), std::string_view("\x1b[0m")}) {
    for (std::size_t at = ansi.find(code); at != std::string::npos; at = ansi.find(code, at)) ansi.erase(at, code.size());
  }
  for (const std::string_view out : {std::string_view(markers), std::string_view(html), std::string_view(ansi)}) {
    for (const char32_t c : fahras::utf8::decode_all(out)) {
      check(c == '\n' || c == '\t' || (c >= 0x20 && c != 0x7F && (c < 0x80 || c > 0x9F)),
            "a control character in a rendered snippet");
      check(!(c >= 0x202A && c <= 0x202E) && !(c >= 0x2066 && c <= 0x2069), "a bidi control in a rendered snippet");
    }
  }
  std::string_view rest = html;
  for (std::size_t at = rest.find('<'); at != std::string_view::npos; at = rest.find('<', at + 1)) {
    check(rest.substr(at).starts_with("<mark>") || rest.substr(at).starts_with("</mark>"), "a raw '<' in HTML");
  }
}

void check_snippet(const q::Snippet& s, std::string_view what) {
  fahras::fuzz::check_ranges(s.highlights, s.text, what);
  check(s.highlights.empty() || !s.matched_forms.empty(), "highlights without matched forms");
}

/** Each passage of a snippet ("…" at the ends, " … " between) is a piece of the body. */
void check_passages(std::string_view text, std::string_view body) {
  constexpr std::string_view ellipsis = "\xE2\x80\xA6";
  if (body.find(ellipsis) != std::string_view::npos) return;  // the body's own would confuse the split
  if (text.starts_with(ellipsis)) text.remove_prefix(ellipsis.size());
  if (text.ends_with(ellipsis)) text.remove_suffix(ellipsis.size());
  constexpr std::string_view separator = " \xE2\x80\xA6 ";
  for (;;) {
    const std::size_t at = text.find(separator);
    const std::string_view passage = text.substr(0, at);
    check(body.find(passage) != std::string_view::npos, "a snippet passage that is not in the body");
    if (at == std::string_view::npos) break;
    text.remove_prefix(at + separator.size());
  }
}

struct Context {
  Xapian::Database db{fahras::fuzz::sample_database()};
  fahras::Analyzer analyzer;
  fahras::EntityRecognizer recognizer;
  q::TimeZone zone{"Asia/Riyadh"};
  fahras::RankingOptions ranking;
  fahras::Searcher searcher{fahras::fuzz::sample_database()};
};

Context& context() {
  static Context c;
  return c;
}

}  // namespace

// The sample database is built before fuzzing starts, out of the time limit of one input.
extern "C" int LLVMFuzzerInitialize(int* /*argc*/, char*** /*argv*/) {
  (void)context().recognizer.find("الرئيس");
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  Context& c = context();
  const auto [query, raw_body] = fahras::fuzz::split_line(std::string_view(reinterpret_cast<const char*>(data), size));
  // Stored bodies are well-formed UTF-8 (the indexer repairs them): half the inputs are repaired
  // so, the other half go in as they are.
  const std::string repaired = size % 2 == 0 ? fahras::utf8::repair(raw_body) : std::string();
  const std::string_view body = size % 2 == 0 ? std::string_view(repaired) : raw_body;
  const bool well_formed = fahras::fuzz::valid_utf8(body);

  q::MatchSpec spec;
  try {
    const q::Node root = size % 4 == 0 ? q::parse_plain(query) : q::parse_query(query);
    const q::BuildContext context{c.analyzer, c.db, c.zone, 1437480000, c.ranking, fahras::DefaultOperator::Or,
                                  &c.recognizer};
    spec = q::build_query(root, query, context).spec;
  } catch (const fahras::QuerySyntaxError&) {
  }
  q::MatchSpec::Marked marked;
  for (const fahras::EntityMention& m : c.recognizer.find(body)) marked.ranges.emplace_back(m.begin, m.end);
  if (!marked.ranges.empty()) spec.marked.push_back(marked);

  q::SnippetOptions options;
  options.max_chars = 1 + size % 300;
  options.max_passages = 1 + size % 3;
  const q::Snippet snippet = q::make_snippet(body, spec, c.analyzer, options);
  check_snippet(snippet, "snippet highlights");
  check(snippet.text.find('\n') == std::string::npos, "a snippet over two lines");
  // The length in characters, ellipses and separators aside; on ill-formed text the snippet
  // maker counts a stray continuation byte as no character where the decoder sees one.
  if (well_formed) {
    const std::size_t length = code_points(snippet.text);
    if (length > options.max_chars + 2 + 3 * (options.max_passages - 1)) {
      fahras::fuzz::fail("a snippet too long: " + std::to_string(length) + " characters for max_chars " +
                         std::to_string(options.max_chars) + " and " + std::to_string(options.max_passages) +
                         " passages: " + snippet.text);
    }
  }
  check_passages(snippet.text, body);
  check_rendered(snippet);

  const q::Snippet whole = q::highlight_all(body, spec, c.analyzer);
  check(whole.text == body, "highlight_all changed the text");
  check_snippet(whole, "highlight_all highlights");
  check_rendered(whole);

  fahras::SearchRequest request;
  request.text = query;
  request.now = "2015-07-21T12:00";
  request.limit = 3;
  request.snippet_chars = options.max_chars;
  request.highlight = fahras::HighlightStyle::Markers;
  try {
    for (const fahras::SearchHit& hit : c.searcher.search(request).hits) {
      fahras::fuzz::check_ranges(hit.highlights, hit.snippet, "a hit's snippet highlights");
      fahras::fuzz::check_ranges(hit.title_highlights, hit.title, "a hit's title highlights");
    }
  } catch (const fahras::QuerySyntaxError&) {
  } catch (const fahras::RequestError&) {
  }
  return 0;
}
