// Facets: counts of sources and months over the whole matching set (Xapian match spies).
#pragma once

#include "fahras/query.hpp"

#include <xapian.h>

#include <memory>

namespace fahras::query {

class FacetSpies {
public:
  FacetSpies();
  /** Registers the spies; the next get_mset counts every document it considers. */
  void attach(Xapian::Enquire& enquire);
  /** The counts: sources most frequent first (at most `max_sources`), months in order. */
  [[nodiscard]] SearchFacets result(std::size_t max_sources = 20) const;

private:
  std::unique_ptr<Xapian::ValueCountMatchSpy> sources_;
  std::unique_ptr<Xapian::ValueCountMatchSpy> months_;
};

}  // namespace fahras::query
