#include "facets.hpp"

#include "fahras/entities.hpp"
#include "fahras/schema.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <array>
#include <string_view>
#include <vector>

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
    // In term order, so that one pass over a document's term list finds them all.
    std::sort(made.begin(), made.end(), [](const auto& a, const auto& b) { return a.prefix < b.prefix; });
    return made;
  }();
  return prefixes;
}

// The display name of an entity: from the mentions stored with a document that has its term.
std::string entity_name(const Xapian::Database& db, const std::string& term, std::string_view type, std::string_view id) {
  const Xapian::PostingIterator it = db.postlist_begin(term);
  if (it == db.postlist_end(term)) return std::string(id);
  const auto data = nlohmann::json::parse(db.get_document(*it).get_data(), nullptr, false);
  if (data.is_object()) {
    if (const auto list = data.find("entities"); list != data.end() && list->is_array()) {
      for (const auto& m : *list) {
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
    }
  }
  return std::string(id);
}

std::size_t distinct(std::vector<std::uint32_t> stories) {
  std::sort(stories.begin(), stories.end());
  return static_cast<std::size_t>(std::unique(stories.begin(), stories.end()) - stories.begin());
}

template <typename Less>
std::vector<std::pair<std::string, std::size_t>> counted(const std::map<std::string, std::vector<std::uint32_t>>& stories,
                                                         Less less) {
  std::vector<std::pair<std::string, std::size_t>> out;
  out.reserve(stories.size());
  for (const auto& [value, list] : stories) out.emplace_back(value, distinct(list));
  std::stable_sort(out.begin(), out.end(), less);
  return out;
}

bool more_frequent(const std::pair<std::string, std::size_t>& a, const std::pair<std::string, std::size_t>& b) {
  return a.second != b.second ? a.second > b.second : a.first < b.first;
}

}  // namespace

std::uint32_t FacetSpy::story_of(const Xapian::Document& doc) {
  if (collapse_) {
    // Xapian never collapses documents without a key; neither do we.
    std::string key = doc.get_value(schema::slot_number(schema::Slot::ClusterKey));
    if (!key.empty()) {
      const auto [it, added] = clusters_.try_emplace(std::move(key), next_story_);
      if (!added) return it->second;
    }
  }
  return next_story_++;
}

void FacetSpy::operator()(const Xapian::Document& doc, double /*weight*/) {
  const std::uint32_t story = story_of(doc);
  if (std::string source = doc.get_value(schema::slot_number(schema::Slot::Source)); !source.empty()) {
    source_stories_[std::move(source)].push_back(story);
  }
  if (std::string month = doc.get_value(schema::slot_number(schema::Slot::Month)); !month.empty()) {
    month_stories_[std::move(month)].push_back(story);
  }
  if (++documents_ > max_sampled) return;
  Xapian::TermIterator it = doc.termlist_begin();
  for (const EntityPrefix& p : entity_prefixes()) {
    it.skip_to(std::string(p.prefix));
    for (; it != doc.termlist_end() && (*it).compare(0, p.prefix.size(), p.prefix) == 0; ++it) ++sampled_entities_[*it];
  }
}

SearchFacets FacetSpy::result(const Xapian::Database& db, const TermCounter& count, std::size_t max_top) const {
  SearchFacets facets;
  facets.sources = counted(source_stories_, more_frequent);
  if (facets.sources.size() > max_top) facets.sources.resize(max_top);
  facets.months = counted(month_stories_, [](const auto& a, const auto& b) { return a.first < b.first; });

  // The sample chooses the candidates (twice as many as shown, so that an entity the sample
  // under-represents can still make the list); each is then counted over the whole result.
  std::vector<std::pair<std::string, std::size_t>> candidates(sampled_entities_.begin(), sampled_entities_.end());
  std::sort(candidates.begin(), candidates.end(), more_frequent);
  if (candidates.size() > 2 * max_top) candidates.resize(2 * max_top);
  if (count) {
    for (auto& [term, n] : candidates) n = count(term);
  }
  std::sort(candidates.begin(), candidates.end(), more_frequent);
  if (candidates.size() > max_top) candidates.resize(max_top);
  for (const auto& [term, n] : candidates) {
    for (const EntityPrefix& p : entity_prefixes()) {
      if (term.compare(0, p.prefix.size(), p.prefix) != 0) continue;
      const std::string_view id = std::string_view(term).substr(p.prefix.size());
      facets.entities.push_back({entity_name(db, term, p.type, id), std::string(p.type), n});
      break;
    }
  }
  return facets;
}

MatchStories::MatchStories(const Xapian::Database& db, const Xapian::Query& query, bool collapse) : db_(db) {
  Xapian::Enquire enquire(db);
  enquire.set_query(query);
  // Scored (Enquire's default BM25), not BoolWeight: unscored, Xapian 1.4.22 replaces a term
  // every document holds by an all-documents list, which fails on a database whose document
  // ids have gaps.
  enquire.set_docid_order(Xapian::Enquire::ASCENDING);
  const Xapian::MSet mset = enquire.get_mset(0, db.get_doccount());
  std::vector<Xapian::docid> matches;
  matches.reserve(mset.size());
  for (auto it = mset.begin(); it != mset.end(); ++it) matches.push_back(*it);
  std::sort(matches.begin(), matches.end());
  story_of_.reserve(matches.size());
  std::unordered_map<std::string, std::uint32_t> clusters;
  std::uint32_t next = 0;
  const auto slot = schema::slot_number(schema::Slot::ClusterKey);
  Xapian::ValueIterator value = db.valuestream_begin(slot);
  for (const Xapian::docid did : matches) {
    std::uint32_t story = next;
    if (collapse && value != db.valuestream_end(slot)) {
      value.skip_to(did);
      if (value != db.valuestream_end(slot) && value.get_docid() == did) {
        story = clusters.try_emplace(*value, next).first->second;
      }
    }
    if (story == next) ++next;
    story_of_.emplace(did, story);
  }
}

std::size_t MatchStories::count_with(const std::string& term) const {
  std::vector<std::uint32_t> stories;
  for (auto it = db_.postlist_begin(term); it != db_.postlist_end(term); ++it) {
    if (const auto found = story_of_.find(*it); found != story_of_.end()) stories.push_back(found->second);
  }
  return distinct(std::move(stories));
}

}  // namespace fahras::query
