#include "web_params.hpp"

#include "utf8.hpp"

#include <algorithm>
#include <array>
#include <set>
#include <string_view>

namespace fahras::web {

namespace {

/** The parameter's value, `name=` repeated refused; nullptr when absent. */
const std::string* single(const Params& params, const std::string& name) {
  const auto [first, last] = params.equal_range(name);
  if (first == last) return nullptr;
  if (std::next(first) != last) throw ParamError(name, "'" + name + "' is given more than once");
  return &first->second;
}

/** Names outside `known` are refused; every name and value must be short, well-formed UTF-8
 *  without control characters. */
void check_names_and_values(const Params& params, std::initializer_list<std::string_view> known) {
  for (const auto& [name, value] : params) {
    if (!valid_utf8(name)) throw ParamError("", "a parameter name is not valid UTF-8");
    if (std::find(known.begin(), known.end(), name) == known.end()) {
      std::string list;
      for (const std::string_view k : known) list += (list.empty() ? "" : ", ") + std::string(k);
      throw ParamError(name, "unknown parameter '" + name + "'" +
                                 (known.size() == 0 ? ": this endpoint takes none" : " (known: " + list + ")"));
    }
    const std::size_t limit = name == "q" ? max_query_bytes : max_value_bytes;
    if (value.size() > limit) {
      throw ParamError(name, "'" + name + "' is longer than " + std::to_string(limit) + " bytes");
    }
    if (!valid_utf8(value)) throw ParamError(name, "'" + name + "' is not valid UTF-8");
    if (std::any_of(value.begin(), value.end(), [](char c) {
          const auto byte = static_cast<unsigned char>(c);
          return byte < 0x20U || byte == 0x7FU;
        })) {
      throw ParamError(name, "'" + name + "' holds a control character");
    }
  }
}

/** A whole number in [0, most]. */
std::size_t number(const std::string& name, const std::string& value, std::size_t most) {
  if (value.empty() || !std::all_of(value.begin(), value.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    throw ParamError(name, "'" + name + "' must be a whole number from 0 to " + std::to_string(most) + ", not '" +
                               value + "'");
  }
  std::size_t n = 0;
  for (const char c : value) {
    n = n * 10 + static_cast<std::size_t>(c - '0');
    if (n > most) throw ParamError(name, "'" + name + "' is above " + std::to_string(most));
  }
  return n;
}

bool flag(const std::string& name, const std::string& value) {
  if (value == "1") return true;
  if (value == "0") return false;
  throw ParamError(name, "'" + name + "' must be 0 or 1, not '" + value + "'");
}

/** A filter's value: not empty, no double quote (it is written between quotes). */
std::string quoted(const std::string& name, const std::string& value) {
  if (value.empty()) throw ParamError(name, "'" + name + "' is empty");
  if (value.find('"') != std::string::npos) throw ParamError(name, "'" + name + "' cannot hold a double quote");
  return "\"" + value + "\"";
}

/** YYYY-MM-DD, a real day. */
std::string day(const std::string& name, const std::string& value) {
  const auto digits = [&](std::size_t from, std::size_t n) {
    int out = 0;
    for (std::size_t i = from; i < from + n; ++i) out = out * 10 + (value[i] - '0');
    return out;
  };
  bool shape = value.size() == 10 && value[4] == '-' && value[7] == '-';
  for (std::size_t i = 0; shape && i < value.size(); ++i) {
    if (i != 4 && i != 7) shape = value[i] >= '0' && value[i] <= '9';
  }
  if (shape) {
    const int year = digits(0, 4);
    const int month = digits(5, 2);
    const int d = digits(8, 2);
    constexpr std::array<int, 12> days{31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    if (month >= 1 && month <= 12 && d >= 1 && d <= days[static_cast<std::size_t>(month - 1)] &&
        !(month == 2 && d == 29 && !leap)) {
      return value;
    }
  }
  throw ParamError(name, "'" + name + "' must be a date YYYY-MM-DD, not '" + value + "'");
}

/** `entity=` person:NAME, place:NAME, org:NAME, entity:NAME or NAME (any type). */
std::string entity_clause(const std::string& value) {
  for (const std::string_view type : {"person", "place", "org", "entity"}) {
    const std::string prefix = std::string(type) + ":";
    if (value.starts_with(prefix)) return prefix + quoted("entity", value.substr(prefix.size()));
  }
  return "entity:" + quoted("entity", value);
}

}  // namespace

bool valid_utf8(const std::string& text) {
  for (std::size_t i = 0; i < text.size();) {
    const utf8::Decoded decoded = utf8::decode(text, i);
    if (!decoded.valid) return false;
    i += decoded.length;
  }
  return true;
}

namespace {

/** Every parameter of /search but the check of names and the rule that an empty q takes the
 *  filters for the query. */
SearchParams search_options(const Params& params, double server_time_limit_ms) {
  SearchParams out;
  SearchRequest& request = out.request;
  request.highlight = HighlightStyle::Html;
  if (const std::string* q = single(params, "q")) request.text = *q;

  const auto [first, last] = params.equal_range("entity");
  for (auto it = first; it != last; ++it) {
    request.filters.push_back(entity_clause(it->second));
    out.clauses.emplace_back("entity", request.filters.back());
  }
  if (const std::string* source = single(params, "source")) {
    request.filters.push_back("source:" + quoted("source", *source));
    out.clauses.emplace_back("source", request.filters.back());
  }
  const std::string* from = single(params, "from");
  const std::string* to = single(params, "to");
  if (from != nullptr || to != nullptr) {
    const std::string begin = from != nullptr ? day("from", *from) : "";
    const std::string end = to != nullptr ? day("to", *to) : "";
    if (!begin.empty() && !end.empty() && end < begin) throw ParamError("to", "'to' is before 'from'");
    request.filters.push_back(begin == end ? "date:" + begin : "date:" + begin + ".." + end);
    out.clauses.emplace_back(from != nullptr ? "from" : "to", request.filters.back());
  }

  if (const std::string* sort = single(params, "sort")) {
    if (*sort == "relevance") {
      request.sort = SortOrder::Relevance;
    } else if (*sort == "newest") {
      request.sort = SortOrder::Newest;
    } else if (*sort == "oldest") {
      request.sort = SortOrder::Oldest;
    } else {
      throw ParamError("sort", "'sort' must be relevance, newest or oldest, not '" + *sort + "'");
    }
  }
  if (const std::string* limit = single(params, "limit")) request.limit = number("limit", *limit, max_limit);
  if (const std::string* offset = single(params, "offset")) request.offset = number("offset", *offset, max_offset);
  if (const std::string* facets = single(params, "facets")) request.facets = flag("facets", *facets);
  if (const std::string* utf16 = single(params, "utf16")) out.json.utf16_ranges = flag("utf16", *utf16);
  if (const std::string* fields = single(params, "fields")) {
    std::size_t start = 0;
    while (start <= fields->size()) {
      std::size_t end = fields->find(',', start);
      if (end == std::string::npos) end = fields->size();
      const std::string field = fields->substr(start, end - start);
      const auto& names = hit_field_names();
      if (std::find(names.begin(), names.end(), field) == names.end()) {
        std::string list;
        for (const std::string& n : names) list += (list.empty() ? "" : ",") + n;
        throw ParamError("fields", "unknown field '" + field + "' in 'fields' (known: " + list + ")");
      }
      out.json.fields.push_back(field);
      start = end + 1;
    }
  }
  out.time_limit_ms = server_time_limit_ms;
  if (const std::string* ms = single(params, "time_limit_ms")) {
    constexpr std::size_t most_ever = 600000;
    const auto most = server_time_limit_ms > 0 ? static_cast<std::size_t>(server_time_limit_ms) : most_ever;
    const std::size_t asked = number("time_limit_ms", *ms, most);
    if (asked == 0) throw ParamError("time_limit_ms", "'time_limit_ms' must be at least 1");
    out.time_limit_ms = static_cast<double>(asked);
  }
  return out;
}

}  // namespace

SearchParams parse_search(const Params& params, double server_time_limit_ms) {
  check_names_and_values(params, {"q", "entity", "source", "from", "to", "sort", "limit", "offset", "facets", "fields",
                                  "utf16", "time_limit_ms"});
  SearchParams out = search_options(params, server_time_limit_ms);
  SearchRequest& request = out.request;
  // Filters alone are a query: the syntax has the same clauses.
  if (request.text.find_first_not_of(' ') == std::string::npos) {
    if (request.filters.empty()) throw ParamError("q", "'q' is empty: give a query or a filter");
    request.text.clear();
    for (const std::string& clause : request.filters) request.text += (request.text.empty() ? "" : " ") + clause;
    request.filters.clear();
  }
  return out;
}

RelatedParams parse_related(const Params& params, double server_time_limit_ms) {
  check_names_and_values(params, {"id", "entity", "source", "from", "to", "limit", "offset", "facets", "fields", "utf16",
                                  "time_limit_ms"});
  RelatedParams out;
  const std::string* id = single(params, "id");
  if (id == nullptr || id->empty()) throw ParamError("id", "'id' is missing: give the article's id");
  out.id = *id;
  Params rest = params;
  rest.erase("id");
  out.search = search_options(rest, server_time_limit_ms);
  return out;
}

std::string parameter_of(const SearchParams& params, const std::string& fragment) {
  if (!fragment.empty()) {
    for (const auto& [parameter, clause] : params.clauses) {
      if (clause.find(fragment) != std::string::npos && params.request.filters.empty()) return parameter;
      if (clause.find(fragment) != std::string::npos && params.request.text.find(fragment) == std::string::npos) {
        return parameter;
      }
    }
  }
  return "q";
}

std::string parse_suggest(const Params& params) {
  check_names_and_values(params, {"q"});
  const std::string* q = single(params, "q");
  if (q == nullptr || q->find_first_not_of(' ') == std::string::npos) throw ParamError("q", "'q' is empty");
  return *q;
}

SearchRequest parse_article(const std::string& id, const Params& params, JsonOptions& json) {
  check_names_and_values(params, {"q", "utf16"});
  const bool control = std::any_of(id.begin(), id.end(), [](char c) {
    const auto byte = static_cast<unsigned char>(c);
    return byte < 0x20U || byte == 0x7FU;
  });
  if (id.empty() || id.size() > 4096 || !valid_utf8(id) || control) throw ParamError("id", "not an article id");
  SearchRequest request;
  if (const std::string* q = single(params, "q")) request.text = *q;
  if (const std::string* utf16 = single(params, "utf16")) json.utf16_ranges = flag("utf16", *utf16);
  return request;
}

void parse_none(const Params& params) { check_names_and_values(params, {}); }

}  // namespace fahras::web
