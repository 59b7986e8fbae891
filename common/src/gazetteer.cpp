#include "gazetteer.hpp"

#include <array>
#include <memory>
#include <stdexcept>

namespace fahras {
namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\r')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

std::vector<std::string_view> split(std::string_view s, char separator) {
  std::vector<std::string_view> parts;
  while (true) {
    const std::size_t at = s.find(separator);
    parts.push_back(trim(s.substr(0, at)));
    if (at == std::string_view::npos) return parts;
    s.remove_prefix(at + 1);
  }
}

bool valid_id(std::string_view id) {
  if (id.empty() || id.front() == '-' || id.back() == '-') return false;
  for (std::size_t i = 0; i < id.size(); ++i) {
    const char c = id[i];
    const bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || (c == '-' && id[i - 1] != '-');
    if (!ok) return false;
  }
  return true;
}

constexpr std::string_view abd = "\xD8\xB9\xD8\xA8\xD8\xAF";        // عبد
constexpr std::string_view abu = "\xD8\xA7\xD8\xA8\xD9\x88";        // ابو (normalized أبو)
constexpr std::string_view abd_al = "\xD8\xB9\xD8\xA8\xD8\xAF\xD8\xA7\xD9\x84";  // عبدال

// عبد and أبو start compound names that are written both apart and joined.
bool joins_next(std::string_view word) { return word == abd || word == abu; }

}  // namespace

GazetteerLine parse_gazetteer_line(std::string_view line) {
  GazetteerLine result;
  if (trim(line).empty() || trim(line).front() == '#') return result;
  const std::vector<std::string_view> columns = split(line, '\t');
  if (columns.size() < 3 || columns.size() > 5) {
    result.error = "expected 3 to 5 tab-separated columns (id, type, name, aliases, kind), found " +
                   std::to_string(columns.size());
    return result;
  }
  GazetteerEntry entry;
  if (!valid_id(columns[0])) {
    result.error = "bad id \"" + std::string(columns[0]) + "\": lower-case ASCII letters, digits and single hyphens";
    return result;
  }
  entry.id = columns[0];
  const std::optional<EntityType> type = parse_entity_type(columns[1]);
  if (!type) {
    result.error = "bad type \"" + std::string(columns[1]) + "\": person, place or org";
    return result;
  }
  entry.type = *type;
  if (columns[2].empty() || columns[2].front() == '?') {
    result.error = "the name must be given and cannot be ambiguous";
    return result;
  }
  entry.name = columns[2];
  entry.aliases.push_back({entry.name, false});
  if (columns.size() > 3 && !columns[3].empty()) {
    for (std::string_view alias : split(columns[3], '|')) {
      const bool ambiguous = alias.starts_with('?');
      if (ambiguous) alias.remove_prefix(1);
      if (alias.empty()) {
        result.error = "empty alias";
        return result;
      }
      entry.aliases.push_back({std::string(alias), ambiguous});
    }
  }
  if (columns.size() > 4) entry.kind = columns[4];
  result.entry = std::move(entry);
  return result;
}

bool is_gazetteer_file(std::string_view file_name) noexcept { return !file_name.starts_with("lexicon-"); }

std::vector<std::vector<std::string>> alias_word_variants(Analyzer& analyzer, std::string_view alias) {
  std::vector<std::string> words;
  analyzer.analyze(alias, [&](const TokenView& token) { words.emplace_back(token.normalized); });
  std::vector<std::vector<std::string>> variants;
  if (words.empty()) return variants;
  variants.push_back(words);
  std::vector<std::string> joined;
  std::vector<std::string> apart;
  bool changed_joined = false;
  bool changed_apart = false;
  for (std::size_t i = 0; i < words.size(); ++i) {
    if (joins_next(words[i]) && i + 1 < words.size()) {
      joined.push_back(words[i] + words[i + 1]);
      ++i;
      changed_joined = true;
      continue;
    }
    joined.push_back(words[i]);
  }
  for (const std::string& word : words) {
    if (word.starts_with(abd_al) && word.size() > abd_al.size() + 2) {
      apart.emplace_back(abd);
      apart.push_back(word.substr(abd.size()));
      changed_apart = true;
    } else {
      apart.push_back(word);
    }
  }
  if (changed_joined) variants.push_back(std::move(joined));
  if (changed_apart) variants.push_back(std::move(apart));
  return variants;
}

Gazetteer::Gazetteer(std::span<const EntityDataFile> files, const AnalysisProfile& profile) {
  Analyzer analyzer(profile);
  for (const EntityDataFile& file : files) {
    if (!is_gazetteer_file(file.name)) continue;
    for (std::size_t i = 0; i < file.lines.size(); ++i) {
      GazetteerLine line = parse_gazetteer_line(file.lines[i]);
      if (!line.error.empty()) {
        throw std::runtime_error(std::string(file.name) + ":" + std::to_string(i + 1) + ": " + line.error);
      }
      if (!line.entry) continue;
      const auto index = static_cast<std::uint32_t>(entries_.size());
      for (const GazetteerAlias& alias : line.entry->aliases) {
        for (const std::vector<std::string>& words : alias_word_variants(analyzer, alias.text)) {
          aliases_.insert(words, encode_candidate(index, alias.ambiguous));
        }
      }
      entries_.push_back(std::move(*line.entry));
    }
  }
}

const Gazetteer& Gazetteer::shared(const AnalysisProfile& profile) { return shared_entity_data<Gazetteer>(profile); }

}  // namespace fahras
