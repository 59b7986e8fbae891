#include "stored_mentions.hpp"

#include <algorithm>
#include <charconv>
#include <map>
#include <optional>
#include <tuple>

namespace fahras {

namespace {

void append_clean(std::string& out, std::string_view text) {
  for (const char c : text) out += c == '\t' || c == '\n' ? ' ' : c;
}

std::optional<std::size_t> parse_number(std::string_view text) {
  std::size_t value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size() || text.empty()) return std::nullopt;
  return value;
}

// Splits `text` at `separator` into at most `max` parts (the last keeps the rest).
std::vector<std::string_view> split(std::string_view text, char separator, std::size_t max) {
  std::vector<std::string_view> parts;
  while (parts.size() + 1 < max) {
    const std::size_t at = text.find(separator);
    if (at == std::string_view::npos) break;
    parts.push_back(text.substr(0, at));
    text.remove_prefix(at + 1);
  }
  parts.push_back(text);
  return parts;
}

}  // namespace

std::string encode_mentions(const std::vector<StoredMention>& mentions) {
  // Entities in the order of their first mention; each one's spans in the mentions' order.
  std::vector<std::size_t> first_of;  // index into `mentions` of each entity's first mention
  std::map<std::tuple<EntityType, std::string_view, std::string_view>, std::size_t> line_of;
  std::vector<std::string> spans;
  for (std::size_t i = 0; i < mentions.size(); ++i) {
    const StoredMention& m = mentions[i];
    const auto [it, added] = line_of.try_emplace(std::tuple{m.type, std::string_view(m.id), std::string_view(m.name)},
                                                 first_of.size());
    if (added) {
      first_of.push_back(i);
      spans.emplace_back();
    }
    std::string& line = spans[it->second];
    if (!line.empty()) line += ' ';
    line += m.in_title ? 't' : 'b';
    line += std::to_string(m.begin);
    line += '+';
    line += std::to_string(m.end >= m.begin ? m.end - m.begin : 0);
  }
  std::string out;
  for (std::size_t k = 0; k < first_of.size(); ++k) {
    const StoredMention& m = mentions[first_of[k]];
    if (!out.empty()) out += '\n';
    out += to_string(m.type);
    out += '\t';
    append_clean(out, m.id);
    out += '\t';
    append_clean(out, m.name);
    out += '\t';
    out += spans[k];
  }
  return out;
}

std::vector<StoredMention> decode_mentions(std::string_view text) {
  std::vector<StoredMention> out;
  for (const std::string_view line : split(text, '\n', std::string_view::npos)) {
    const std::vector<std::string_view> parts = split(line, '\t', 4);
    if (parts.size() != 4) continue;
    const std::optional<EntityType> type = parse_entity_type(parts[0]);
    if (!type || parts[1].empty()) continue;
    for (std::string_view span : split(parts[3], ' ', std::string_view::npos)) {
      if (span.size() < 4 || (span[0] != 't' && span[0] != 'b')) continue;
      const bool in_title = span[0] == 't';
      span.remove_prefix(1);
      const std::size_t plus = span.find('+');
      if (plus == std::string_view::npos) continue;
      const auto begin = parse_number(span.substr(0, plus));
      const auto length = parse_number(span.substr(plus + 1));
      if (!begin || !length || *begin > static_cast<std::size_t>(-1) - *length) continue;
      out.push_back(StoredMention{*type, std::string(parts[1]), std::string(parts[2]), in_title, *begin, *begin + *length});
    }
  }
  std::stable_sort(out.begin(), out.end(), [](const StoredMention& a, const StoredMention& b) {
    if (a.in_title != b.in_title) return a.in_title;
    return a.begin < b.begin;
  });
  return out;
}

}  // namespace fahras
