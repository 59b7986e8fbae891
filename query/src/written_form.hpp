// The spelling the articles give a word: what a suggestion shows instead of the normalized
// form the index keeps (ه for ة, alef without hamza).
#pragma once

#include "fahras/analysis.hpp"

#include <xapian.h>

#include <string>

namespace fahras::query {

/**
 * The form written most often in the articles (titles and bodies) for the normalized word
 * `normalized`, counted over the first `sample` articles that hold it (by document number),
 * tashkeel and tatweel as written; ties go to the form met first. `normalized` itself when no
 * article holds it or none writes it (a damaged record).
 */
std::string written_form(const Xapian::Database& db, Analyzer& analyzer, const std::string& normalized,
                         std::size_t sample = 20);

}  // namespace fahras::query
