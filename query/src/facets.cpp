#include "facets.hpp"

#include "fahras/schema.hpp"

namespace fahras::query {

FacetSpies::FacetSpies()
    : sources_(std::make_unique<Xapian::ValueCountMatchSpy>(static_cast<Xapian::valueno>(schema::Slot::Source))),
      months_(std::make_unique<Xapian::ValueCountMatchSpy>(static_cast<Xapian::valueno>(schema::Slot::Month))) {}

void FacetSpies::attach(Xapian::Enquire& enquire) {
  enquire.add_matchspy(sources_.get());
  enquire.add_matchspy(months_.get());
}

SearchFacets FacetSpies::result(std::size_t max_sources) const {
  SearchFacets facets;
  for (auto it = sources_->top_values_begin(static_cast<Xapian::termcount>(max_sources)); it != sources_->top_values_end(static_cast<Xapian::termcount>(max_sources)); ++it) {
    facets.sources.emplace_back(*it, it.get_termfreq());
  }
  for (auto it = months_->values_begin(); it != months_->values_end(); ++it) {
    facets.months.emplace_back(*it, it.get_termfreq());
  }
  return facets;
}

}  // namespace fahras::query
