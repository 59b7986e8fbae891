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

}  // namespace

void EntityCountSpy::operator()(const Xapian::Document& doc, double /*weight*/) {
  if (++documents_ > max_documents) return;
  for (const EntityPrefix& p : entity_prefixes()) {
    Xapian::TermIterator it = doc.termlist_begin();
    it.skip_to(std::string(p.prefix));
    for (; it != doc.termlist_end() && (*it).compare(0, p.prefix.size(), p.prefix) == 0; ++it) ++counts_[*it];
  }
}

FacetSpies::FacetSpies()
    : sources_(std::make_unique<Xapian::ValueCountMatchSpy>(schema::slot_number(schema::Slot::Source))),
      months_(std::make_unique<Xapian::ValueCountMatchSpy>(schema::slot_number(schema::Slot::Month))),
      entities_(std::make_unique<EntityCountSpy>()) {}

void FacetSpies::attach(Xapian::Enquire& enquire) {
  enquire.add_matchspy(sources_.get());
  enquire.add_matchspy(months_.get());
  enquire.add_matchspy(entities_.get());
}

SearchFacets FacetSpies::result(const Xapian::Database& db, std::size_t max_top) const {
  SearchFacets facets;
  const auto top = static_cast<Xapian::termcount>(max_top);
  for (auto it = sources_->top_values_begin(top); it != sources_->top_values_end(top); ++it) {
    facets.sources.emplace_back(*it, it.get_termfreq());
  }
  std::vector<std::pair<std::string, std::size_t>> entities(entities_->counts().begin(), entities_->counts().end());
  std::sort(entities.begin(), entities.end(),
            [](const auto& a, const auto& b) { return a.second != b.second ? a.second > b.second : a.first < b.first; });
  if (entities.size() > max_top) entities.resize(max_top);
  for (const auto& [term, count] : entities) {
    for (const EntityPrefix& p : entity_prefixes()) {
      if (term.compare(0, p.prefix.size(), p.prefix) != 0) continue;
      const std::string_view id = std::string_view(term).substr(p.prefix.size());
      facets.entities.push_back({entity_name(db, term, p.type, id), std::string(p.type), count});
      break;
    }
  }
  for (auto it = months_->values_begin(); it != months_->values_end(); ++it) {
    facets.months.emplace_back(*it, it.get_termfreq());
  }
  return facets;
}

}  // namespace fahras::query
