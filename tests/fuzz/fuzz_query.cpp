// libFuzzer target: the query syntax (lexer, parser, date:/since:/mentions: values, --now)
// alone and through Searcher::search on the sample database. The input is up to four lines:
// the query, then the request's now (ISO 8601; empty: a fixed time), since, and one filter.
// The parser must give a tree whose spans lie inside the query, or a QuerySyntaxError quoting a
// place inside it; a search must give a response or a QuerySyntaxError or RequestError —
// any other exception aborts.
#include "fahras/query.hpp"
#include "fuzz_support.hpp"
#include "query_dates.hpp"
#include "query_parser.hpp"

#include <cstdint>
#include <cstdio>
#include <exception>
#include <string>
#include <string_view>
#include <typeinfo>

namespace {

using fahras::fuzz::check;
using fahras::fuzz::fail;
namespace q = fahras::query;

void check_bound(const q::DateBound& b, const q::TimeZone& zone) {
  check(b.month >= 1 && b.month <= 12 && b.day >= 1 && b.day <= 31, "a date bound out of range");
  check(zone.start_of(b) <= zone.end_of(b), "a date bound that ends before it starts");
}

void check_tree(const q::Node& node, std::size_t size, const q::TimeZone& zone) {
  check(node.begin <= node.end && node.end <= size, "a node's span outside the query");
  if (node.kind == q::NodeKind::Not) check(node.children.size() == 1, "an exclusion without exactly one child");
  if (node.kind == q::NodeKind::Date) {
    check(node.date.from || node.date.to, "a date node without bounds");
    if (node.date.from) check_bound(*node.date.from, zone);
    if (node.date.to) check_bound(*node.date.to, zone);
  }
  for (const q::Node& child : node.children) check_tree(child, size, zone);
}

/** parse(text) gives a tree or a QuerySyntaxError quoting a place in the text. */
template <typename Parse>
void check_parse(Parse parse, std::string_view text, const q::TimeZone& zone) {
  try {
    const q::Node root = parse(text);
    check_tree(root, text.size(), zone);
    (void)q::describe(root);
  } catch (const fahras::QuerySyntaxError& error) {
    check(error.offset() <= text.size(), "a syntax error placed beyond the query");
    check(*error.what() != '\0', "a syntax error without a message");
  }
}

/** The value parsers of date:, since: and --now on one value. */
void check_values(std::string_view value, const q::TimeZone& zone, std::int64_t now) {
  std::string why;
  if (const auto spec = q::parse_date_spec(value, &why)) {
    if (spec->from) check_bound(*spec->from, zone);
    if (spec->to) check_bound(*spec->to, zone);
  } else {
    check(!why.empty(), "a bad date spec without a reason");
  }
  if (const auto span = q::parse_span(value)) {
    check(span->amount >= 0, "a negative span");
    (void)q::span_seconds(*span);
    (void)zone.minus(now, *span);
  }
  (void)zone.parse_instant(value);
}

fahras::Searcher& searcher() {
  static fahras::Searcher searcher(fahras::fuzz::sample_database());
  return searcher;
}

}  // namespace

// The sample database is built before fuzzing starts, out of the time limit of one input.
extern "C" int LLVMFuzzerInitialize(int* /*argc*/, char*** /*argv*/) {
  (void)searcher();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const q::TimeZone zones[] = {q::TimeZone("Asia/Riyadh"), q::TimeZone("America/New_York")};
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  auto [text, rest] = fahras::fuzz::split_line(input);
  auto [now, rest2] = fahras::fuzz::split_line(rest);
  auto [since, rest3] = fahras::fuzz::split_line(rest2);
  const std::string_view filter = fahras::fuzz::split_line(rest3).first;

  const q::TimeZone& zone = zones[size % 2];
  check_parse([](std::string_view t) { return q::parse_query(t); }, text, zone);
  check_parse([](std::string_view t) { return q::parse_plain(t); }, text, zone);
  const std::int64_t fixed_now = 1437480000;  // 2015-07-21T12:00:00Z
  try {
    check_values(now, zone, fixed_now);
    check_values(since, zone, fixed_now);
  } catch (const std::exception& error) {
    fail(std::string("a date value threw ") + typeid(error).name() + ": " + error.what());
  }

  fahras::SearchRequest request;
  request.text = text;
  request.plain = size % 5 == 0;
  request.now = now.empty() ? "2015-07-21T12:00" : std::string(now);
  request.since = since;
  if (!filter.empty()) request.filters.emplace_back(filter);
  request.limit = 5;
  try {
    const fahras::SearchResponse response = searcher().search(request);
    check(response.hits.size() <= request.limit, "more hits than the limit");
  } catch (const fahras::QuerySyntaxError&) {
  } catch (const fahras::RequestError&) {
  } catch (const std::exception& error) {
    fail(std::string("search threw ") + typeid(error).name() + ": " + error.what());
  } catch (...) {
    fail("search threw something that is not a std::exception");
  }
  return 0;
}
