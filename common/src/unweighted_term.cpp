#include "unweighted_term.hpp"

namespace fahras {

bool held_by_every_document(const Xapian::Database& db, const std::string& term) {
  const Xapian::doccount documents = db.get_doccount();
  return documents != 0 && db.get_termfreq(term) == documents;
}

Xapian::Query unweighted_term_query(const Xapian::Database& db, const std::string& term) {
  if (held_by_every_document(db, term)) return Xapian::Query::MatchAll;
  return Xapian::Query(term);
}

}  // namespace fahras
