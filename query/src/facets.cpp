#include "facets.hpp"

#include "fahras/entities.hpp"
#include "fahras/query.hpp"
#include "fahras/schema.hpp"
#include "stored_article.hpp"

#include <algorithm>
#include <set>
#include <fmt/format.h>
#include <array>
#include <string_view>
#include <unordered_map>
#include <utility>

namespace fahras::query {

namespace {

struct EntityPrefix {
  std::string_view prefix;
  std::string_view type;
};

const std::array<EntityPrefix, 3>& entity_prefixes() {
  static const std::array<EntityPrefix, 3> prefixes = [] {
    std::array<EntityPrefix, 3> made{};
    std::size_t i = 0;
    for (const EntityType type : {EntityType::Person, EntityType::Location, EntityType::Organization}) {
      made[i++] = EntityPrefix{schema::prefix(to_string(type)), to_string(type)};
    }
    return made;
  }();
  return prefixes;
}

// The display name of an entity: from the mentions stored with a document that has its term.
std::string name_in_mentions(const Xapian::Database& db, const std::string& term, std::string_view type,
                             std::string_view id) {
  const Xapian::PostingIterator it = db.postlist_begin(term);
  if (it == db.postlist_end(term)) return std::string(id);
  const nlohmann::json list = read_stored_article(db.get_document(*it).get_data()).entities();
  if (!list.is_array()) return std::string(id);
  for (const auto& m : list) {
    if (!m.is_object()) continue;
    const auto m_id = m.find("id");
    const auto m_type = m.find("type");
    const auto m_name = m.find("name");
    if (m_id == m.end() || m_type == m.end() || m_name == m.end() || !m_id->is_string() || !m_type->is_string() ||
        !m_name->is_string()) {
      continue;
    }
    if (m_id->get<std::string>() == id && m_type->get<std::string>() == type) return m_name->get<std::string>();
  }
  return std::string(id);
}

// Interns strings as 1, 2, ... (0 is FacetColumns::none).
class Interner {
public:
  explicit Interner(std::vector<std::string>& names) : names_(names) { names_.assign(1, std::string()); }
  std::uint32_t operator()(const std::string& name) {
    const auto [it, added] = ids_.try_emplace(name, static_cast<std::uint32_t>(names_.size()));
    if (added) names_.push_back(name);
    return it->second;
  }

private:
  std::vector<std::string>& names_;
  std::unordered_map<std::string, std::uint32_t> ids_;
};

/** Counts values over stories: each (value, story) once. A document outside any cluster is a
 *  story of its own and is counted at once; the copies of a cluster are gathered, then counted
 *  once per value. */
class StoryCounter {
public:
  explicit StoryCounter(std::size_t values) : counts_(values, 0) {}
  void add(std::uint32_t value, std::uint32_t cluster) {
    if (cluster == FacetColumns::none) {
      ++counts_[value];
    } else {
      clustered_.emplace_back(value, cluster);
    }
  }
  std::vector<std::size_t> finish() {
    std::sort(clustered_.begin(), clustered_.end());
    clustered_.erase(std::unique(clustered_.begin(), clustered_.end()), clustered_.end());
    for (const auto& [value, cluster] : clustered_) ++counts_[value];
    return std::move(counts_);
  }

private:
  std::vector<std::size_t> counts_;
  std::vector<std::pair<std::uint32_t, std::uint32_t>> clustered_;
};

}  // namespace

FacetColumns::FacetColumns(const std::vector<Xapian::Database>& shards, Columns columns, std::uint64_t generation)
    : generation_(generation), columns_(columns) {
  std::size_t size = 1;
  for (const Xapian::Database& db : shards) size = std::max(size, std::size_t{db.get_lastdocid()} + 1);
  // Which shard holds each document id: ids must be unique across the shards.
  std::vector<std::uint16_t> owner(shards.size() > 1 ? size : 0, 0);
  if (shards.size() > 1) {
    for (std::size_t k = 0; k < shards.size(); ++k) {
      const Xapian::Database& db = shards[k];
      for (auto it = db.postlist_begin(""); it != db.postlist_end(""); ++it) {
        if (owner[*it] != 0) {
          throw DatabaseError(fmt::format("shards {} and {} of the set both hold the document id {}: the ids of a "
                                          "shard set must be unique across its shards (as fahras-index --shard-by "
                                          "writes them), so facets and stories cannot be counted",
                                          owner[*it] - 1, k, *it));
        }
        owner[*it] = static_cast<std::uint16_t>(k + 1);
      }
    }
  }
  const auto read_column = [&](schema::Slot slot, std::vector<std::uint32_t>& column, Interner& intern) {
    column.assign(size, none);
    const Xapian::valueno number = schema::slot_number(slot);
    for (const Xapian::Database& db : shards) {
      for (auto it = db.valuestream_begin(number); it != db.valuestream_end(number); ++it) {
        if (it.get_docid() < size && !(*it).empty()) column[it.get_docid()] = intern(*it);
      }
    }
  };
  Interner sources(sources_);
  Interner months(months_);
  std::vector<std::string> cluster_keys;
  Interner clusters(cluster_keys);
  read_column(schema::Slot::ClusterKey, cluster_, clusters);
  cluster_keys_ = cluster_keys.size();
  if (columns == Columns::Clusters) return;
  read_column(schema::Slot::Source, source_, sources);
  read_column(schema::Slot::Month, month_, months);

  // The entities of each document, from the postings of every entity term (compressed rows).
  std::vector<std::pair<Xapian::docid, std::uint32_t>> mentions;
  for (const EntityPrefix& p : entity_prefixes()) {
    const std::string prefix(p.prefix);
    std::set<std::string> terms;  // in term order, whatever the shards
    for (const Xapian::Database& db : shards) {
      for (auto term = db.allterms_begin(prefix); term != db.allterms_end(prefix); ++term) terms.insert(*term);
    }
    for (const std::string& term : terms) {
      const auto id = static_cast<std::uint32_t>(entity_terms_.size());
      entity_terms_.push_back(term);
      for (const Xapian::Database& db : shards) {
        for (auto it = db.postlist_begin(term); it != db.postlist_end(term); ++it) {
          if (*it < size) mentions.emplace_back(*it, id);
        }
      }
    }
  }
  entity_start_.assign(size + 1, 0);
  for (const auto& [did, id] : mentions) ++entity_start_[did + 1];
  for (std::size_t i = 1; i <= size; ++i) entity_start_[i] += entity_start_[i - 1];
  entity_ids_.resize(mentions.size());
  std::vector<std::uint32_t> next(entity_start_.begin(), entity_start_.end() - 1);
  for (const auto& [did, id] : mentions) entity_ids_[next[did]++] = id;
}

std::span<const std::uint32_t> FacetColumns::entities(Xapian::docid did) const noexcept {
  if (std::size_t{did} + 1 >= entity_start_.size()) return {};
  return {entity_ids_.data() + entity_start_[did], entity_ids_.data() + entity_start_[did + 1]};
}

const std::string& FacetColumns::entity_name(const Xapian::Database& db, std::uint32_t id) const {
  if (const auto known = entity_names_.find(id); known != entity_names_.end()) return known->second;
  const std::string& term = entity_terms_[id];
  std::string name = term;
  for (const EntityPrefix& p : entity_prefixes()) {
    if (term.compare(0, p.prefix.size(), p.prefix) == 0) {
      name = name_in_mentions(db, term, p.type, std::string_view(term).substr(p.prefix.size()));
      break;
    }
  }
  return entity_names_.emplace(id, std::move(name)).first->second;
}

StoryCount count_stories(const FacetColumns& columns, const std::vector<Xapian::docid>& documents,
                         const std::vector<std::uint32_t>& clusters) {
  StoryCount count;
  count.held.assign(clusters.size(), 0);
  std::vector<std::uint32_t> seen;
  for (const Xapian::docid did : documents) {
    const std::uint32_t cluster = columns.cluster(did);
    if (cluster == FacetColumns::none) {
      ++count.stories;
      continue;
    }
    seen.push_back(cluster);
    for (std::size_t i = 0; i < clusters.size(); ++i) count.held[i] += clusters[i] == cluster ? 1 : 0;
  }
  std::sort(seen.begin(), seen.end());
  count.stories += static_cast<std::size_t>(std::unique(seen.begin(), seen.end()) - seen.begin());
  return count;
}

void MatchRecorder::operator()(const Xapian::Document& doc, double /*weight*/) {
  documents_.push_back(doc.get_docid());
}

SearchFacets count_facets(const Xapian::Database& db, const FacetColumns& columns,
                          const std::vector<Xapian::docid>& documents, bool collapse, std::size_t max_top) {
  StoryCounter sources(columns.source_count());
  StoryCounter months(columns.month_count());
  StoryCounter entities(columns.entity_count());
  for (const Xapian::docid did : documents) {
    const std::uint32_t cluster = collapse ? columns.cluster(did) : FacetColumns::none;
    if (const std::uint32_t source = columns.source(did); source != FacetColumns::none) sources.add(source, cluster);
    if (const std::uint32_t month = columns.month(did); month != FacetColumns::none) months.add(month, cluster);
    for (const std::uint32_t entity : columns.entities(did)) entities.add(entity, cluster);
  }

  // The ids counted, most frequent first, then by name; at most `max_top`.
  const auto top = [max_top](const std::vector<std::size_t>& counts, const auto& name_of) {
    std::vector<std::uint32_t> ids;
    for (std::uint32_t id = 0; id < counts.size(); ++id) {
      if (counts[id] > 0) ids.push_back(id);
    }
    const std::size_t kept = std::min(max_top, ids.size());
    std::partial_sort(ids.begin(), ids.begin() + static_cast<std::ptrdiff_t>(kept), ids.end(),
                      [&](std::uint32_t a, std::uint32_t b) {
                        return counts[a] != counts[b] ? counts[a] > counts[b] : name_of(a) < name_of(b);
                      });
    ids.resize(kept);
    return ids;
  };

  SearchFacets facets;
  const std::vector<std::size_t> source_counts = sources.finish();
  const auto source_name = [&](std::uint32_t id) -> const std::string& { return columns.source_name(id); };
  for (const std::uint32_t id : top(source_counts, source_name)) {
    facets.sources.emplace_back(columns.source_name(id), source_counts[id]);
  }
  const std::vector<std::size_t> month_counts = months.finish();
  for (std::uint32_t id = 0; id < month_counts.size(); ++id) {
    if (month_counts[id] > 0) facets.months.emplace_back(columns.month_name(id), month_counts[id]);
  }
  std::sort(facets.months.begin(), facets.months.end());
  const std::vector<std::size_t> entity_counts = entities.finish();
  const auto entity_term = [&](std::uint32_t id) -> const std::string& { return columns.entity_term(id); };
  for (const std::uint32_t id : top(entity_counts, entity_term)) {
    const std::string& term = columns.entity_term(id);
    for (const EntityPrefix& p : entity_prefixes()) {
      if (term.compare(0, p.prefix.size(), p.prefix) != 0) continue;
      facets.entities.push_back({columns.entity_name(db, id), std::string(p.type), entity_counts[id]});
      break;
    }
  }
  return facets;
}

}  // namespace fahras::query
