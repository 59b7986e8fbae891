#include "clusters.hpp"

#include "article.hpp"
#include "fahras/schema.hpp"
#include "unweighted_term.hpp"

#include <nlohmann/json.hpp>

#include <map>
#include <numeric>
#include <set>
#include <vector>

namespace fahras::indexer {

namespace {

using schema::slot_number;

std::string cluster_term(const std::string& key) { return std::string(schema::prefix("cluster")) + key; }

}  // namespace

void set_cluster_key(Xapian::Document& doc, const std::string& key) {
  const std::string old_key = doc.get_value(slot_number(schema::Slot::ClusterKey));
  if (!old_key.empty()) {
    try {
      doc.remove_term(cluster_term(old_key));
    } catch (const Xapian::InvalidArgumentError&) {
      // the term was not there
    }
  }
  doc.add_value(slot_number(schema::Slot::ClusterKey), key);
  doc.add_boolean_term(cluster_term(key));
}

Xapian::Document lookup_document(const Xapian::Document& full, const std::string& data) {
  Xapian::Document light;
  for (const std::string_view name : {"id", "lsh", "cluster"}) {
    const std::string prefix(schema::prefix(name));
    auto it = full.termlist_begin();
    it.skip_to(prefix);
    for (; it != full.termlist_end() && (*it).compare(0, prefix.size(), prefix) == 0; ++it) {
      light.add_boolean_term(*it);
    }
  }
  for (const schema::Slot s : {schema::Slot::ContentHash, schema::Slot::ClusterKey, schema::Slot::Signature}) {
    const std::string value = full.get_value(slot_number(s));
    if (!value.empty()) light.add_value(slot_number(s), value);
  }
  light.set_data(data);
  return light;
}

void Clusterer::set_key(Xapian::docid id, const std::string& key) {
  Xapian::Document doc = db_.get_document(id);
  if (doc.get_value(slot_number(schema::Slot::ClusterKey)) == key) return;
  set_cluster_key(doc, key);
  db_.replace_document(id, doc);
  ++rekeyed_;
  if (on_rekey_) on_rekey_(id, key);
}

void Clusterer::detach(Xapian::docid self) {
  const std::string key = db_.get_document(self).get_value(slot_number(schema::Slot::ClusterKey));
  if (key.empty()) return;
  const std::string term = cluster_term(key);
  std::vector<Xapian::docid> members;
  for (auto it = db_.postlist_begin(term); it != db_.postlist_end(term); ++it) {
    if (*it != self) members.push_back(*it);
  }
  if (members.empty()) return;

  // Single-link groups among the remaining members (clusters are small).
  std::vector<std::optional<MinHash::Signature>> signatures(members.size());
  std::vector<std::string> own_keys(members.size());
  for (std::size_t i = 0; i < members.size(); ++i) {
    const Xapian::Document doc = db_.get_document(members[i]);
    MinHash::Signature signature{};
    if (MinHash::from_bytes(doc.get_value(slot_number(schema::Slot::Signature)), signature)) signatures[i] = signature;
    const auto data = nlohmann::json::parse(doc.get_data(), nullptr, false);
    own_keys[i] = stable_hash_hex(data.is_object() ? data.value("id", std::string()) : std::string());
  }
  std::vector<std::size_t> group(members.size());
  std::iota(group.begin(), group.end(), 0);
  const auto find = [&group](std::size_t i) {
    while (group[i] != i) i = group[i] = group[group[i]];
    return i;
  };
  for (std::size_t i = 0; i < members.size(); ++i) {
    for (std::size_t j = i + 1; j < members.size(); ++j) {
      if (signatures[i] && signatures[j] && MinHash::similarity(*signatures[i], *signatures[j]) >= min_similarity) {
        group[find(i)] = find(j);
      }
    }
  }
  std::map<std::size_t, std::string> group_key;
  for (std::size_t i = 0; i < members.size(); ++i) {
    auto [it, added] = group_key.emplace(find(i), own_keys[i]);
    if (!added) it->second = std::min(it->second, own_keys[i]);
  }
  for (std::size_t i = 0; i < members.size(); ++i) set_key(members[i], group_key.at(find(i)));
}

void Clusterer::rekey(const std::string& from, const std::string& to) {
  const std::string term = cluster_term(from);
  const std::vector<Xapian::docid> members(db_.postlist_begin(term), db_.postlist_end(term));
  for (const Xapian::docid id : members) set_key(id, to);
}

bool Clusterer::assign(Xapian::Document& doc, const std::string& id, Xapian::docid self,
                       const std::optional<MinHash::Signature>& signature) {
  const std::string own_key = stable_hash_hex(id);
  if (!signature) {
    set_cluster_key(doc, own_key);
    return false;
  }
  doc.add_value(slot_number(schema::Slot::Signature), MinHash::to_bytes(*signature));
  const std::vector<std::string> bands = MinHash::band_keys(*signature);
  std::vector<Xapian::Query> band_queries;
  for (const std::string& band : bands) {
    const std::string term = std::string(schema::prefix("lsh")) + band;
    doc.add_boolean_term(term);
    band_queries.push_back(unweighted_term_query(db_, term));  // BoolWeight below
  }

  // Near-duplicates already in the database: any shared band, then the exact distance.
  std::set<std::string> linked_keys;
  Xapian::Enquire enquire(db_);
  enquire.set_query(Xapian::Query(Xapian::Query::OP_OR, band_queries.begin(), band_queries.end()));
  enquire.set_weighting_scheme(Xapian::BoolWeight());
  const Xapian::MSet candidates = enquire.get_mset(0, 1000);
  for (auto it = candidates.begin(); it != candidates.end(); ++it) {
    if (*it == self) continue;  // the article itself, before its update
    const Xapian::Document other = it.get_document();
    MinHash::Signature other_signature{};
    if (!MinHash::from_bytes(other.get_value(slot_number(schema::Slot::Signature)), other_signature)) continue;
    if (MinHash::similarity(*signature, other_signature) < min_similarity) continue;
    linked_keys.insert(other.get_value(slot_number(schema::Slot::ClusterKey)));
  }
  linked_keys.erase(std::string());

  std::string key = own_key;
  for (const std::string& k : linked_keys) key = std::min(key, k);
  for (const std::string& k : linked_keys) {
    if (k != key) rekey(k, key);
  }
  set_cluster_key(doc, key);
  return !linked_keys.empty();
}

}  // namespace fahras::indexer
