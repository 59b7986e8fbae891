#include "article.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <stdexcept>

namespace fahras::indexer {

const std::vector<std::string>& FieldMap::field_names() {
  static const std::vector<std::string> names = {"id", "title", "content", "date", "url", "source", "author"};
  return names;
}

FieldMap::FieldMap()
    : keys_{{"id", {"id"}},
            {"title", {"title", "headline", "head_line"}},
            {"content", {"content", "body", "text"}},
            {"date", {"date", "published", "published_at", "date_extracted"}},
            {"url", {"url", "link"}},
            {"source", {"source", "site"}},
            {"author", {"author"}}} {}

void FieldMap::apply(std::string_view spec) {
  const std::size_t equals = spec.find('=');
  if (equals == std::string_view::npos) {
    throw std::invalid_argument(fmt::format("--field '{}': expected NAME=KEY or NAME=", spec));
  }
  const std::string name(spec.substr(0, equals));
  const auto it = keys_.find(name);
  if (it == keys_.end()) {
    throw std::invalid_argument(fmt::format("--field '{}': unknown field '{}' (one of: id, title, content, date, "
                                            "url, source, author)",
                                            spec, name));
  }
  const std::string key(spec.substr(equals + 1));
  it->second = key.empty() ? std::vector<std::string>{} : std::vector<std::string>{key};
}

std::string FieldMap::get(const RawRecord& record, const std::string& name) const {
  const auto it = keys_.find(name);
  if (it == keys_.end()) return {};
  for (const std::string& key : it->second) {
    for (const auto& [field_key, value] : record.fields) {
      if (field_key == key && !value.empty()) return value;
    }
  }
  return {};
}

Article to_article(RawRecord&& record, const FieldMap& fields) {
  Article a;
  a.url = fields.get(record, "url");
  a.title = fields.get(record, "title");
  a.body = fields.get(record, "content");
  a.source = fields.get(record, "source");
  a.author = fields.get(record, "author");
  a.date = fields.get(record, "date");
  const std::string id_field = fields.get(record, "id");
  a.id = make_id(id_field, a.url, a.title, a.body);
  a.id_from_content = id_field.empty() && a.url.empty();
  if (id_field.empty() && !a.url.empty()) {
    std::string legacy = legacy_url_id(a.url);
    if (legacy != a.id) a.legacy_id = std::move(legacy);
  }
  a.origin = std::move(record.origin);
  return a;
}

std::string make_id(const std::string& id_field, const std::string& url, const std::string& title,
                    const std::string& body) {
  if (!id_field.empty()) return id_field;
  if (!url.empty()) return normalize_url(url);
  std::string content = title;
  content += '\x1f';
  content += body;
  return "content:" + stable_hash_hex(content);
}

}  // namespace fahras::indexer
