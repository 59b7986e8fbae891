// Facets: counts of sources, months and entities over the matching set (Xapian match spies).
#pragma once

#include "fahras/query.hpp"

#include <xapian.h>

#include <map>
#include <memory>
#include <string>

namespace fahras::query {

/** Counts the entity terms (XPER: XLOC: XORG:) of the documents the matcher considers — the
 *  first `max_documents` of them: reading every matching document's term list would make a
 *  query for a common word slow, and the top entities of a sample are the top entities. */
class EntityCountSpy : public Xapian::MatchSpy {
public:
  static constexpr std::size_t max_documents = 2000;
  void operator()(const Xapian::Document& doc, double weight) override;
  [[nodiscard]] std::string name() const override { return "fahras.EntityCountSpy"; }
  [[nodiscard]] const std::map<std::string, std::size_t>& counts() const noexcept { return counts_; }

private:
  std::map<std::string, std::size_t> counts_;
  std::size_t documents_ = 0;
};

class FacetSpies {
public:
  FacetSpies();
  /** Registers the spies; the next get_mset counts every document it considers. */
  void attach(Xapian::Enquire& enquire);
  /** The counts: sources and entities most frequent first (at most `max_top` each), months in
   *  order; entity names are read from a document that mentions each. */
  [[nodiscard]] SearchFacets result(const Xapian::Database& db, std::size_t max_top = 20) const;

private:
  std::unique_ptr<Xapian::ValueCountMatchSpy> sources_;
  std::unique_ptr<Xapian::ValueCountMatchSpy> months_;
  std::unique_ptr<EntityCountSpy> entities_;
};

}  // namespace fahras::query
