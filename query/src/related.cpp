#include "related.hpp"

#include "article_reader.hpp"
#include "fahras/schema.hpp"
#include "hit_builder.hpp"
#include "query_builder.hpp"
#include "query_dates.hpp"
#include "query_lexer.hpp"
#include "ranking.hpp"
#include "stopwatch.hpp"
#include "stored_article.hpp"
#include "unweighted_term.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <map>
#include <unordered_map>

namespace fahras::query {

namespace {

constexpr std::size_t max_limit = 10000;  // as search()
constexpr std::size_t max_entities = 5;   // entity terms searched for, at most, besides the stems

using schema::slot_number;

/** A body stem term: "Z" + stem, the stem not a number. Title stems are "ZS" + stem, and a
 *  stem never starts with a capital (Latin is case-folded), so the byte after "Z" tells. */
bool body_stem_term(const std::string& term) {
  const std::string_view prefix = schema::stem_prefix;
  if (term.size() <= prefix.size() || term.compare(0, prefix.size(), prefix) != 0) return false;
  const char first = term[prefix.size()];
  if (first >= 'A' && first <= 'Z') return false;
  return !std::all_of(term.begin() + static_cast<std::ptrdiff_t>(prefix.size()), term.end(),
                      [](char c) { return (c >= '0' && c <= '9') || c == '.' || c == ','; });
}

bool entity_term(const std::string& term) {
  for (const std::string_view field : {"person", "place", "org"}) {
    const std::string_view prefix = schema::prefix(field);
    if (term.size() > prefix.size() && term.compare(0, prefix.size(), prefix) == 0) return true;
  }
  return false;
}

/** Keeps the terms an article can be searched by: body stems (and entities when asked), held by
 *  some article beside the article and its copies. */
class RelatedDecider : public Xapian::ExpandDecider {
public:
  RelatedDecider(const Xapian::Database& db, Xapian::doccount copies, bool entities)
      : db_(db), copies_(copies), entities_(entities) {}

  bool operator()(const std::string& term) const override {
    if (!body_stem_term(term) && !(entities_ && entity_term(term))) return false;
    return db_.get_termfreq(term) > copies_;
  }

private:
  const Xapian::Database& db_;
  Xapian::doccount copies_;
  bool entities_;
};

/** The id term of a document ("" when it has none). */
std::string id_term_of(const Xapian::Document& doc) {
  const std::string prefix(schema::prefix("id"));
  Xapian::TermIterator it = doc.termlist_begin();
  it.skip_to(prefix);
  if (it == doc.termlist_end() || (*it).compare(0, prefix.size(), prefix) != 0) return {};
  return *it;
}

/** The cluster term of a document ("" when it has no cluster key). */
std::string cluster_term_of(const Xapian::Document& doc) {
  const std::string key = doc.get_value(slot_number(schema::Slot::ClusterKey));
  if (key.empty()) return {};
  return std::string(schema::prefix("cluster")) + key;
}

/** For each stem term, the form the text writes it in most: counted by normalized form (ties: the
 *  first seen), written as it first appears. */
void name_stems(std::vector<RelatedTerm>& terms, std::string_view title, std::string_view body, Analyzer& analyzer) {
  std::unordered_map<std::string, std::size_t> index;
  for (std::size_t i = 0; i < terms.size(); ++i) index.emplace(terms[i].term, i);
  struct Form {
    std::size_t count = 0;
    std::size_t first = 0;  // order first seen
    std::string written;
  };
  std::vector<std::map<std::string, Form>> forms(terms.size());  // by normalized form
  std::size_t seen = 0;
  const std::string prefix(schema::stem_prefix);
  std::string term;
  const auto counter = [&](std::string_view text) {
    return [&, text](const TokenView& t) {
      if (t.is_stop) return;
      term.assign(prefix).append(t.stem);
      const auto it = index.find(term);
      if (it == index.end()) return;
      Form& form = forms[it->second][std::string(t.normalized)];
      if (form.count++ == 0) {
        form.first = seen++;
        form.written = text.substr(t.begin, t.end - t.begin);
      }
    };
  };
  analyzer.analyze(title, counter(title));
  analyzer.analyze(body, counter(body));
  for (std::size_t i = 0; i < terms.size(); ++i) {
    if (!body_stem_term(terms[i].term)) continue;
    const auto best = std::max_element(forms[i].begin(), forms[i].end(), [](const auto& a, const auto& b) {
      return a.second.count != b.second.count ? a.second.count < b.second.count : a.second.first > b.second.first;
    });
    if (best == forms[i].end()) {  // a stem the text does not show (another profile wrote the index)
      terms[i].normalized = terms[i].word = terms[i].term.substr(prefix.size());
    } else {
      terms[i].normalized = best->first;
      terms[i].word = best->second.written;
    }
  }
}

/** Each entity term named as the article's stored mentions name it (else by its id). */
void name_entities(std::vector<RelatedTerm>& terms, const nlohmann::json& mentions) {
  for (RelatedTerm& t : terms) {
    if (!entity_term(t.term)) continue;
    const std::string id = t.term.substr(t.term.find(':') + 1);
    t.word = id;
    if (!mentions.is_array()) continue;
    for (const auto& m : mentions) {
      if (!m.is_object()) continue;
      const auto mention_id = m.find("id");
      const auto name = m.find("name");
      if (mention_id == m.end() || name == m.end() || !mention_id->is_string() || !name->is_string()) continue;
      if (mention_id->get<std::string>() != id) continue;
      t.word = name->get<std::string>();
      break;
    }
  }
}

/** The query, highlights and words of the expansion, as build_query makes them for a query. */
BuiltQuery built_of(const std::vector<RelatedTerm>& terms) {
  BuiltQuery built;
  built.scoring = true;
  std::vector<Xapian::Query> weighted;
  const double top = terms.empty() ? 1.0 : terms.front().weight;
  for (const RelatedTerm& t : terms) {
    weighted.emplace_back(Xapian::Query::OP_SCALE_WEIGHT, Xapian::Query(t.term), t.weight / top);
    if (entity_term(t.term)) {
      const std::size_t colon = t.term.find(':');
      const std::string prefix = t.term.substr(0, colon + 1);
      std::string type;
      for (const std::string_view field : {"person", "place", "org"}) {
        if (schema::prefix(field) == prefix) type = field;
      }
      built.entities.push_back({type, t.term.substr(colon + 1), t.weight});
      built.term_words[t.term] = t.word;
      continue;
    }
    built.term_words[t.term] = t.word;
    built.spec.words.push_back(
        MatchSpec::Word{t.normalized, t.term.substr(schema::stem_prefix.size()), false, false, t.weight});
  }
  built.query = Xapian::Query(Xapian::Query::OP_OR, weighted.begin(), weighted.end());
  return built;
}

}  // namespace

std::vector<RelatedTerm> related_terms(const Xapian::Database& db, Xapian::docid did, Analyzer& analyzer,
                                       const RelatedOptions& options) {
  const Xapian::Document doc = db.get_document(did);
  const std::string cluster = cluster_term_of(doc);
  const Xapian::doccount copies = cluster.empty() ? 1 : std::max<Xapian::doccount>(1, db.get_termfreq(cluster));
  Xapian::Enquire enquire(db);
  Xapian::RSet rset;
  rset.add_document(did);
  const RelatedDecider decider(db, copies, options.entities);
  const std::size_t wanted = options.terms + (options.entities ? max_entities : 0);
  const Xapian::ESet eset = enquire.get_eset(static_cast<Xapian::termcount>(wanted), rset, Xapian::Enquire::USE_EXACT_TERMFREQ,
                                             &decider);  // over shards, the set's frequencies, not the shard's
  std::vector<RelatedTerm> terms;
  std::size_t stems = 0;
  std::size_t entities = 0;
  for (auto it = eset.begin(); it != eset.end(); ++it) {
    const bool entity = entity_term(*it);
    if (entity ? entities++ >= max_entities : stems++ >= options.terms) continue;
    terms.push_back({*it, {}, {}, it.get_weight()});
  }
  if (terms.empty()) return terms;
  const StoredArticle stored = read_stored_article(doc.get_data());
  name_stems(terms, stored.title, stored.body, analyzer);
  if (entities > 0) name_entities(terms, stored.entities());
  return terms;
}

std::optional<SearchResponse> related(const std::string& id, const SearchRequest& request,
                                      const RelatedContext& context, const RelatedOptions& options) {
  const auto start = std::chrono::steady_clock::now();
  if (!request.text.empty()) {
    throw RequestError(fmt::format("related articles take no query text, not '{}': give the article's id alone",
                                   excerpt(request.text)));
  }
  if (request.sort != SortOrder::Relevance) {
    throw RequestError("related articles are in order of relevance: a sort by date does not apply");
  }
  if (request.limit > max_limit) throw RequestError(fmt::format("limit {} is above {}", request.limit, max_limit));
  if (!(request.time_limit_ms >= 0)) {  // negative or NaN
    throw RequestError(fmt::format("time limit {} ms: expected 0 (none) or more", request.time_limit_ms));
  }
  const Xapian::Database& db = context.db;
  Stopwatch stopwatch;
  const auto did = find_article(db, id);
  if (!did) return std::nullopt;
  const Blend blend = blend_of(request, context.zone, context.now);

  SearchResponse response;
  SearchTimings& timings = response.timings;
  const std::vector<RelatedTerm> terms = related_terms(db, *did, context.analyzer, options);
  for (const RelatedTerm& t : terms) response.query += (response.query.empty() ? "" : " ") + t.word;
  if (terms.empty()) {  // nothing the article shares with any other
    timings.query_ms = stopwatch.lap();
    response.elapsed_ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    return response;
  }
  BuiltQuery built = built_of(terms);

  // Never the article itself, nor a near-duplicate copy of it.
  const Xapian::Document doc = db.get_document(*did);
  std::vector<Xapian::Query> excluded;
  for (const std::string& term : {id_term_of(doc), cluster_term_of(doc)}) {
    if (!term.empty()) excluded.push_back(unweighted_term_query(db, term));
  }
  Xapian::Query query = built.query;
  if (context.filter) query = Xapian::Query(Xapian::Query::OP_FILTER, query, *context.filter);
  query = Xapian::Query(Xapian::Query::OP_AND_NOT, query,
                        Xapian::Query(Xapian::Query::OP_OR, excluded.begin(), excluded.end()));
  built.query = query;
  // Counted apart (see counts_apart): the same terms, weighing nothing.
  std::optional<Xapian::Query> counted_by;
  if (counts_apart(request, blend)) {
    std::vector<Xapian::Query> any;
    for (const RelatedTerm& t : terms) any.push_back(unweighted_term_query(db, t.term));
    Xapian::Query count(Xapian::Query::OP_OR, any.begin(), any.end());
    if (context.filter) count = Xapian::Query(Xapian::Query::OP_FILTER, count, *context.filter);
    count = Xapian::Query(Xapian::Query::OP_AND_NOT, count,
                          Xapian::Query(Xapian::Query::OP_OR, excluded.begin(), excluded.end()));
    counted_by = Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, count, 0.0);
  }
  timings.query_ms += stopwatch.lap();

  const FacetColumns* columns = nullptr;
  if (request.facets) {
    columns = &context.facet_columns(FacetColumns::Columns::All);
    timings.facets_ms += stopwatch.lap();
  } else if (request.collapse && counted_by && !context.remote) {
    columns = &context.facet_columns(FacetColumns::Columns::Clusters);
    timings.match_ms += stopwatch.lap();
  }
  Ranked ranked = rank(db, query, request, blend, columns, counted_by ? &*counted_by : nullptr, context.remote);
  timings.match_ms += stopwatch.lap() - ranked.facets_ms;
  timings.facets_ms += ranked.facets_ms;
  response.total = ranked.total;
  response.timed_out = ranked.timed_out;
  response.total_relation = ranked.timed_out ? TotalRelation::AtLeast : ranked.relation;
  std::size_t rank_number = request.offset;
  for (const RankedMatch& match : ranked.matches) {
    SearchHit hit = make_hit(match.document, match.matching_terms, built, request, context.analyzer, timings);
    hit.rank = ++rank_number;
    hit.score = match.score;
    hit.duplicates = match.duplicates;
    response.hits.push_back(std::move(hit));
  }
  response.facets = std::move(ranked.facets);
  response.elapsed_ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  return response;
}

}  // namespace fahras::query
