// From the syntax tree to a Xapian::Query, analyzing each word with the database's profile;
// and, on the way, what the snippets should highlight and how terms map back to words.
#pragma once

#include "fahras/analysis.hpp"
#include "fahras/entities.hpp"
#include "fahras/query.hpp"
#include "query_dates.hpp"
#include "query_parser.hpp"
#include "snippet.hpp"

#include <xapian.h>

#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

namespace fahras::query {

/** Everything the builder reads. */
struct BuildContext {
  Analyzer& analyzer;
  const Xapian::Database& db;
  const TimeZone& zone;
  std::int64_t now = 0;  ///< unix seconds, for since:
  const RankingOptions& ranking;
  DefaultOperator op = DefaultOperator::Or;
  /** Resolves entity:/person:/place:/org: names to the indexed entity ids; nullptr: every
   *  entity field is a phrase search. */
  EntityRecognizer* recognizer = nullptr;
  /** The whole query will weigh nothing (a request filter): terms every article holds become
   *  MatchAll (see unweighted_term_query). */
  bool unweighted = false;
  /** `db` is several shards: a word* is expanded here, over them all (see the builder). */
  bool shards = false;
};

/** A query word as typed, for spelling suggestions: its byte span in the query text. */
struct QueryWord {
  std::size_t begin = 0;
  std::size_t end = 0;
  std::string normalized;
  std::string stem_term;  ///< its stem term ("Z" + stem)
};

struct BuiltQuery {
  Xapian::Query query;
  bool scoring = false;  ///< false: only filters (every hit weighs 0)
  MatchSpec spec;        ///< what to highlight (excluded parts left out)
  std::unordered_map<std::string, std::string> term_words;  ///< Xapian term → the word (normalized)
  struct PrefixPattern {
    std::string pattern;           ///< the wildcard term: field prefix + normalized word start
    std::size_t field_bytes = 0;   ///< length of the field prefix ("S" for title:)
  };
  std::vector<PrefixPattern> prefixes;  ///< word* patterns
  std::vector<QueryWord> words;                               ///< bare words, for spelling
  /** Entities the query asks for (resolved entity fields): their mentions are highlighted
   *  from the spans the indexer stored. Each with its idf, for choosing passages. */
  struct QueriedEntity {
    std::string type;  ///< "person", "place", "org"
    std::string id;
    double weight = 1.0;
  };
  std::vector<QueriedEntity> entities;
};

/**
 * Builds the query. Each bare word becomes a weighted OR of its stem term, its exact form and
 * their title variants (RankingOptions' weights); phrases match normalized words at
 * consecutive positions; entity fields become the entity's indexed term (weighted by its
 * prominence in each article) when the gazetteer knows the name and the index has it, else a
 * phrase; filters (source:, author:, date:, since:, mentions:) weigh nothing and are
 * OR-ed when they name the same field, AND-ed otherwise. Stop words are left out unless the
 * query holds nothing else. Throws QuerySyntaxError when nothing searchable is left (the query
 * was only punctuation, or its words all vanished) or a word* holds several words.
 */
BuiltQuery build_query(const Node& root, std::string_view query_text, const BuildContext& context);

}  // namespace fahras::query
