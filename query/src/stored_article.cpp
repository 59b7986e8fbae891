#include "stored_article.hpp"

#include "stored_mentions.hpp"

#include <simdjson.h>

#include <string_view>

namespace fahras::query {

nlohmann::json StoredArticle::entities() const {
  const std::vector<StoredMention> decoded = decode_mentions(mentions);
  if (decoded.empty()) return nullptr;
  nlohmann::json list = nlohmann::json::array();
  for (const StoredMention& m : decoded) {
    list.push_back({{"type", std::string(to_string(m.type))},
                    {"id", m.id},
                    {"name", m.name},
                    {"field", m.in_title ? "title" : "body"},
                    {"begin", m.begin},
                    {"end", m.end}});
  }
  return list;
}

namespace {

std::string* text_field(StoredArticle& article, std::string_view key) {
  if (key == "id") return &article.id;
  if (key == "url") return &article.url;
  if (key == "title") return &article.title;
  if (key == "source") return &article.source;
  if (key == "author") return &article.author;
  if (key == "date") return &article.date;
  if (key == "body") return &article.body;
  if (key == "mentions") return &article.mentions;
  return nullptr;
}

// Reads `data` (padded as simdjson needs) into `article`; false on malformed data.
bool read_into(std::string& data, StoredArticle& article) {
  // One parser per thread: it keeps its buffers from one record to the next.
  thread_local simdjson::ondemand::parser parser;
  simdjson::ondemand::document document;
  if (parser.iterate(data.data(), data.size(), data.capacity()).get(document) != simdjson::SUCCESS) return false;
  simdjson::ondemand::object object;
  if (document.get_object().get(object) != simdjson::SUCCESS) return false;
  for (auto field : object) {
    std::string_view key;
    if (field.unescaped_key().get(key) != simdjson::SUCCESS) return false;
    simdjson::ondemand::value value;
    if (field.value().get(value) != simdjson::SUCCESS) return false;
    if (std::string* target = text_field(article, key)) {
      std::string_view text;
      const simdjson::error_code error = value.get_string().get(text);
      if (error == simdjson::SUCCESS) {
        *target = text;
      } else if (error == simdjson::INCORRECT_TYPE) {
        target->clear();  // not a string: shown as missing; the value is skipped
      } else {
        return false;
      }
    }
  }
  return true;
}

}  // namespace

StoredArticle read_stored_article(std::string data) {
  data.reserve(data.size() + simdjson::SIMDJSON_PADDING);
  StoredArticle article;
  return read_into(data, article) ? article : StoredArticle{};
}

}  // namespace fahras::query
