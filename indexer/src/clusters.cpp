#include "clusters.hpp"

#include "article.hpp"
#include "fahras/schema.hpp"

#include <set>
#include <vector>

namespace fahras::indexer {

namespace {

unsigned slot(schema::Slot s) { return static_cast<unsigned>(s); }

std::string cluster_term(const std::string& key) { return std::string(schema::prefix("cluster")) + key; }

void set_cluster(Xapian::Document& doc, const std::string& key) {
  const std::string old_key = doc.get_value(slot(schema::Slot::ClusterKey));
  if (!old_key.empty()) {
    try {
      doc.remove_term(cluster_term(old_key));
    } catch (const Xapian::InvalidArgumentError&) {
      // the term was not there
    }
  }
  doc.add_value(slot(schema::Slot::ClusterKey), key);
  doc.add_boolean_term(cluster_term(key));
}

}  // namespace

void Clusterer::rekey(const std::string& from, const std::string& to) {
  const std::string term = cluster_term(from);
  std::vector<Xapian::docid> members(db_.postlist_begin(term), db_.postlist_end(term));
  for (const Xapian::docid id : members) {
    Xapian::Document doc = db_.get_document(id);
    set_cluster(doc, to);
    db_.replace_document(id, doc);
    ++rekeyed_;
  }
}

bool Clusterer::assign(Xapian::Document& doc, const std::string& id, Xapian::docid self,
                       const std::optional<MinHash::Signature>& signature) {
  const std::string own_key = stable_hash_hex(id);
  if (!signature) {
    set_cluster(doc, own_key);
    return false;
  }
  doc.add_value(slot(schema::Slot::Signature), MinHash::to_hex(*signature));
  const std::vector<std::string> bands = MinHash::band_keys(*signature);
  std::vector<Xapian::Query> band_queries;
  for (const std::string& band : bands) {
    const std::string term = std::string(schema::prefix("lsh")) + band;
    doc.add_boolean_term(term);
    band_queries.emplace_back(term);
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
    if (!MinHash::from_hex(other.get_value(slot(schema::Slot::Signature)), other_signature)) continue;
    if (MinHash::similarity(*signature, other_signature) < min_similarity) continue;
    linked_keys.insert(other.get_value(slot(schema::Slot::ClusterKey)));
  }
  linked_keys.erase(std::string());

  std::string key = own_key;
  for (const std::string& k : linked_keys) key = std::min(key, k);
  for (const std::string& k : linked_keys) {
    if (k != key) rekey(k, key);
  }
  set_cluster(doc, key);
  return !linked_keys.empty();
}

}  // namespace fahras::indexer
