#include "document_router.hpp"

#include "fahras/schema.hpp"

#include <algorithm>

namespace fahras::indexer {

std::vector<Xapian::docid> unfinished_documents(const Xapian::Database& lookup,
                                                const std::vector<Xapian::Database>& committed,
                                                const std::vector<PartialWriter*>& writers,
                                                const std::function<std::size_t(Xapian::docid)>& holder) {
  std::vector<Xapian::docid> unfinished;
  const auto hash_slot = static_cast<Xapian::valueno>(schema::Slot::ContentHash);
  std::vector<Xapian::docid> looked_up;
  for (auto it = lookup.postlist_begin(""); it != lookup.postlist_end(""); ++it) looked_up.push_back(*it);
  std::vector<std::vector<Xapian::docid>> written(committed.size());
  for (std::size_t i = 0; i < committed.size(); ++i) {
    const Xapian::Database& part = committed[i];
    for (auto it = part.postlist_begin(""); it != part.postlist_end(""); ++it) {
      written[i].push_back(*it);
      // Written after the lookup database's last commit (the lookup database does not know
      // it), or the old place of an article that moved: not this writer's.
      if (!std::binary_search(looked_up.begin(), looked_up.end(), *it) || holder(*it) != i) writers[i]->remove(*it);
    }
  }
  for (const Xapian::docid id : looked_up) {
    const std::size_t i = holder(id);
    if (i >= committed.size() || !std::binary_search(written[i].begin(), written[i].end(), id)) {
      unfinished.push_back(id);  // not committed by its writer
    } else if (committed[i].get_document(id).get_value(hash_slot) != lookup.get_document(id).get_value(hash_slot)) {
      unfinished.push_back(id);  // another version of the article
      writers[i]->remove(id);
    }
  }
  return unfinished;
}

void sync_cluster_keys(const Xapian::Database& lookup, const std::vector<Xapian::Database>& committed,
                       const std::vector<PartialWriter*>& writers,
                       const std::function<std::size_t(Xapian::docid)>& holder) {
  const auto key_slot = static_cast<Xapian::valueno>(schema::Slot::ClusterKey);
  for (auto it = lookup.postlist_begin(""); it != lookup.postlist_end(""); ++it) {
    const std::size_t i = holder(*it);
    if (i >= committed.size()) continue;
    const std::string key = lookup.get_document(*it).get_value(key_slot);
    if (committed[i].get_document(*it).get_value(key_slot) != key) writers[i]->set_cluster_key(*it, key);
  }
}

}  // namespace fahras::indexer
