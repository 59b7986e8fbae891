#include "shard_split.hpp"

#include <nlohmann/json.hpp>
#include <xapian.h>

#include <ctime>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <optional>
#include <stdexcept>

namespace fahras::test {

namespace {

constexpr Xapian::valueno published_slot = 0;  // schema::Slot::PublishedAt
constexpr Xapian::valueno sort_key_slot = 4;   // schema::Slot::SortKey

struct Shard {
  Xapian::WritableDatabase db;
  std::size_t documents = 0;
  std::optional<std::int64_t> min;
  std::optional<std::int64_t> max;
};

std::string month_of(std::int64_t t) {
  const std::time_t time = t;
  std::tm tm{};
  gmtime_r(&time, &tm);
  char name[16];
  std::strftime(name, sizeof name, "%Y-%m", &tm);
  return name;
}

}  // namespace

int split_database(const std::string& source, const std::string& folder, const std::string& by) {
  const Xapian::Database db(source);
  std::filesystem::create_directories(folder);
  std::size_t hash_shards = 0;
  if (by.rfind("hash:", 0) == 0) {
    hash_shards = std::stoul(by.substr(5));
  } else if (by != "month") {
    throw std::runtime_error("split_database: by month or hash:N, not " + by);
  }
  std::map<std::string, Shard> shards;
  const auto shard_named = [&](const std::string& name) -> Shard& {
    auto it = shards.find(name);
    if (it == shards.end()) {
      Shard made{Xapian::WritableDatabase(folder + "/" + name, Xapian::DB_CREATE_OR_OVERWRITE), 0, {}, {}};
      it = shards.emplace(name, std::move(made)).first;
      for (auto key = db.metadata_keys_begin(); key != db.metadata_keys_end(); ++key) {
        it->second.db.set_metadata(*key, db.get_metadata(*key));
      }
    }
    return it->second;
  };
  for (std::size_t k = 0; k < hash_shards; ++k) {
    shard_named("hash-" + std::to_string(k) + "-of-" + std::to_string(hash_shards));
  }
  for (auto it = db.postlist_begin(""); it != db.postlist_end(""); ++it) {
    const Xapian::Document doc = db.get_document(*it);
    const std::string published = doc.get_value(published_slot);
    std::optional<std::int64_t> t;
    if (!published.empty()) t = static_cast<std::int64_t>(Xapian::sortable_unserialise(published));
    std::string name;
    if (hash_shards > 0) {
      const std::size_t k = std::hash<std::string>{}(doc.get_value(sort_key_slot)) % hash_shards;
      name = "hash-" + std::to_string(k) + "-of-" + std::to_string(hash_shards);
    } else {
      name = t ? month_of(*t) : "undated";
    }
    Shard& shard = shard_named(name);
    shard.db.replace_document(*it, doc);
    ++shard.documents;
    if (t) {
      if (!shard.min || *t < *shard.min) shard.min = t;
      if (!shard.max || *t > *shard.max) shard.max = t;
    }
  }
  bool first = true;
  nlohmann::json list = nlohmann::json::array();
  for (auto& [name, shard] : shards) {
    if (first) {
      for (auto word = db.spellings_begin(); word != db.spellings_end(); ++word) {
        shard.db.add_spelling(*word, word.get_termfreq());
      }
      first = false;
    }
    shard.db.commit();
    list.push_back({{"name", name},
                    {"path", name},
                    {"documents", shard.documents},
                    {"published_min", shard.min ? nlohmann::json(*shard.min) : nlohmann::json(nullptr)},
                    {"published_max", shard.max ? nlohmann::json(*shard.max) : nlohmann::json(nullptr)}});
  }
  const nlohmann::json manifest{{"format", "fahras-shard-set"},
                                {"version", 1},
                                {"shard_by", by},
                                {"schema", db.get_metadata("fahras.schema")},
                                {"analysis", db.get_metadata("fahras.analysis")},
                                {"timezone", db.get_metadata("fahras.timezone")},
                                {"shards", list}};
  const std::string path = folder + "/fahras-shards.json";
  {
    std::ofstream out(path + ".tmp");
    out << manifest.dump(2) << '\n';
    if (!out) throw std::runtime_error("split_database: cannot write " + path);
  }
  std::filesystem::rename(path + ".tmp", path);
  return static_cast<int>(shards.size());
}

}  // namespace fahras::test
