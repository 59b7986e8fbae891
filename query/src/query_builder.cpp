#include "query_builder.hpp"

#include "date_keys.hpp"
#include "fahras/schema.hpp"
#include "fahras/terms.hpp"
#include "query_lexer.hpp"
#include "unweighted_term.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <optional>

namespace fahras::query {

namespace {

constexpr Xapian::termcount max_wildcard_expansion = 100;

using schema::slot_number;

/** The date term's key of a bound, as precise as the bound: "20150721", "201507" or "2015". */
std::string date_key(const DateBound& d) {
  const CivilDate date{d.year, d.month, d.day};
  switch (d.precision) {
    case DateBound::Precision::Day: return day_key(date);
    case DateBound::Precision::Month: return month_key(date);
    case DateBound::Precision::Year: break;
  }
  return year_key(date);
}

/** A built part of the query and how it combines. */
struct Part {
  enum class Kind : unsigned char { Empty, Scoring, Boolean };
  Kind kind = Kind::Empty;
  Xapian::Query query;
  Field field = Field::None;  // for Boolean: same-field filters are OR-ed
};

Xapian::Query scaled(double factor, const Xapian::Query& q) {
  if (factor == 1.0) return q;
  return Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, q, factor);
}

Xapian::Query boolean(const Xapian::Query& q) { return Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, q, 0.0); }

class Builder {
public:
  Builder(std::string_view text, const BuildContext& context) : text_(text), ctx_(context) {}

  BuiltQuery build(const Node& root) {
    keep_stop_words_ = !has_content_word(root);
    Part part = build_node(root);
    if (part.kind == Part::Kind::Empty) {
      throw QuerySyntaxError(fmt::format("nothing to search for in '{}': no words", excerpt(text_)), std::string(text_), 0);
    }
    out_.query = part.query;
    out_.scoring = part.kind == Part::Kind::Scoring;
    if (out_.scoring && !unweighted()) {
      // The levers that only reorder: they add weight to articles the query matches anyway.
      std::vector<Xapian::Query> boosts;
      if (ctx_.ranking.proximity_weight > 0) {
        if (auto near = proximity()) boosts.push_back(*near);
      }
      if (ctx_.ranking.entity_weight > 0 && ctx_.recognizer != nullptr) {
        if (auto named = named_entities()) boosts.push_back(*named);
      }
      if (!boosts.empty()) {
        out_.query = Xapian::Query(Xapian::Query::OP_AND_MAYBE, out_.query,
                                   boosts.size() == 1 ? boosts.front() : Xapian::Query(Xapian::Query::OP_OR, boosts.begin(), boosts.end()));
      }
    }
    return std::move(out_);
  }

private:
  std::string_view text_;
  const BuildContext& ctx_;
  BuiltQuery out_;
  bool keep_stop_words_ = false;
  int negated_ = 0;  // inside an exclusion: nothing to highlight
  int alternatives_ = 0;  // inside an OR
  /** The query's bare words in order (stop words left out), for the proximity lever. */
  struct SequenceWord {
    std::string normalized;
    std::string stem;
  };
  std::vector<SequenceWord> sequence_words_;
  std::string sequence_text_;  // the bare words as typed, for the entities lever

  // The entities lever: the gazetteer's names among the bare words (ترمب and ترامب alike) add
  // their entity terms, weighted by each article's prominence of the entity.
  std::optional<Xapian::Query> named_entities() {
    std::vector<Xapian::Query> terms;
    for (const EntityMention& m : ctx_.recognizer->find(sequence_text_)) {
      if (!m.from_gazetteer) continue;
      const std::string term = std::string(schema::prefix(to_string(m.type))) + m.id;
      if (ctx_.db.get_termfreq(term) == 0) continue;
      terms.emplace_back(term);
    }
    if (terms.empty()) return std::nullopt;
    return scaled(ctx_.ranking.entity_weight, Xapian::Query(Xapian::Query::OP_OR, terms.begin(), terms.end()));
  }

  // The proximity lever: each pair of adjacent query words found side by side and in order (the
  // ordered bigrams of the sequential dependence model), from the positions of the forms the
  // index holds of each word. Xapian weighs a phrase as the sum of its terms' weights, so the
  // lever's weight is small (an unordered window of 8, or a weight of 0.25, lost on the dev sets).
  std::optional<Xapian::Query> proximity() {
    constexpr std::size_t max_words = 12;
    std::vector<Xapian::Query> forms;
    for (std::size_t i = 0; i < sequence_words_.size() && i < max_words; ++i) forms.push_back(positional_forms(sequence_words_[i]));
    std::vector<Xapian::Query> pairs;
    for (std::size_t i = 0; i + 1 < forms.size(); ++i) {
      if (forms[i].empty() || forms[i + 1].empty()) continue;
      const Xapian::Query both[] = {forms[i], forms[i + 1]};
      pairs.emplace_back(Xapian::Query::OP_PHRASE, std::begin(both), std::end(both), 2);
    }
    if (pairs.empty()) return std::nullopt;
    return scaled(ctx_.ranking.proximity_weight, Xapian::Query(Xapian::Query::OP_OR, pairs.begin(), pairs.end()));
  }

  // The forms of a word that carry positions (normalized words, unstemmed) and that the index
  // holds with the word's stem: as typed, and with or without a leading clitic or article
  // (a headline's ال is often dropped when typed; the text writes وال, بال, لل).
  Xapian::Query positional_forms(const SequenceWord& word) {
    static const std::string_view clitics[] = {"وال", "بال", "فال", "كال", "لل", "ال", "و", "ب", "ل", "ف"};
    const std::string_view typed = word.normalized;
    std::vector<std::string_view> cores{typed};
    for (const std::string_view c : clitics) {
      if (typed.size() >= c.size() + 4 && typed.substr(0, c.size()) == c) cores.push_back(typed.substr(c.size()));
    }
    std::vector<std::string> candidates;
    for (const std::string_view core : cores) {
      candidates.emplace_back(core);
      for (const std::string_view c : clitics) candidates.push_back(std::string(c).append(core));
    }
    std::sort(candidates.begin(), candidates.end());
    candidates.erase(std::unique(candidates.begin(), candidates.end()), candidates.end());
    std::vector<Xapian::Query> held;
    for (const std::string& c : candidates) {
      if (ctx_.db.get_termfreq(c) == 0) continue;
      bool same_stem = false;
      ctx_.analyzer.analyze(c, [&](const TokenView& t) { same_stem = same_stem || t.stem == word.stem; });
      if (same_stem || c == word.normalized) held.emplace_back(c);
    }
    if (held.empty()) return {};
    if (held.size() == 1) return held.front();
    return Xapian::Query(Xapian::Query::OP_OR, held.begin(), held.end());
  }

  // Does any bare word (outside exclusions) analyze to a word that is not a stop word?
  bool has_content_word(const Node& node) {
    if (node.kind == NodeKind::Not) return false;
    if (node.kind == NodeKind::Word) {
      bool found = false;
      ctx_.analyzer.analyze(node.text, [&](const TokenView& t) { found = found || !t.is_stop; });
      return found;
    }
    for (const Node& child : node.children) {
      if (has_content_word(child)) return true;
    }
    return false;
  }

  double idf(const std::string& term) const {
    const double n = static_cast<double>(ctx_.db.get_doccount());
    const double tf = static_cast<double>(ctx_.db.get_termfreq(term));
    return std::log((n + 1.0) / (tf + 0.5));
  }

  void remember(const std::string& term, std::string_view word) { out_.term_words[term] = std::string(word); }

  // Where nothing is weighed (an exclusion, a request filter), a term every article holds
  // must not reach Xapian's matcher as a term: see unweighted_term_query.
  // BM25 with k1 = 0 (a tuning parameter) needs no wdf, so Xapian treats its terms alike.
  bool unweighted() const { return negated_ > 0 || ctx_.unweighted || ctx_.ranking.bm25_k1 == 0; }

  Xapian::Query term_query(const std::string& term) const {
    return unweighted() ? unweighted_term_query(ctx_.db, term) : Xapian::Query(term);
  }

  // A filter term: weighs nothing, wherever it stands.
  Xapian::Query boolean_term(const std::string& term) const { return boolean(unweighted_term_query(ctx_.db, term)); }

  Xapian::Query word_query(const TokenView& t, Field field) {
    const RankingOptions& r = ctx_.ranking;
    const std::string exact(t.normalized);
    const std::string title_exact = std::string(schema::prefix("title")) + exact;
    const std::string stem = std::string(schema::stem_prefix) + std::string(t.stem);
    const std::string title_stem = std::string(schema::stem_prefix) + std::string(schema::prefix("title")) + std::string(t.stem);
    const std::string lead_stem = std::string(schema::stem_prefix) + std::string(schema::prefix("lead")) + std::string(t.stem);
    std::vector<Xapian::Query> terms;
    if (negated_ == 0) {
      for (const std::string* term : {&exact, &title_exact, &stem, &title_stem, &lead_stem}) remember(*term, t.normalized);
      MatchSpec::Word word{exact, std::string(t.stem), t.is_stop, false, idf(t.is_stop ? exact : stem)};
      out_.spec.words.push_back(std::move(word));
    }
    if (field == Field::Title) {
      if (t.is_stop) return term_query(title_exact);
      terms = {scaled(r.stem_weight, term_query(title_stem)), scaled(r.exact_weight, term_query(title_exact))};
    } else if (t.is_stop) {
      terms = {scaled(r.stem_weight + r.exact_weight, term_query(exact)),
               scaled(r.title_weight + r.title_exact_weight, term_query(title_exact))};
    } else {
      terms = {scaled(r.stem_weight, term_query(stem)), scaled(r.exact_weight, term_query(exact)),
               scaled(r.title_weight, term_query(title_stem)),
               scaled(r.title_exact_weight, term_query(title_exact))};
      if (r.lead_weight > 0) terms.push_back(scaled(r.lead_weight, term_query(lead_stem)));
    }
    const Xapian::Query any(Xapian::Query::OP_OR, terms.begin(), terms.end());
    return r.query_weights && !t.is_stop ? scaled(spread_weight(stem), any) : any;
  }

  // The weights lever: a word found in very many articles and spread over them as evenly as
  // chance would spread it (قال، أكد، خلال: Church and Gale's residual idf near 0) says little
  // about a subject, however its idf came out; a content word clusters in the articles about it.
  double spread_weight(const std::string& stem_term) const {
    const double n = static_cast<double>(ctx_.db.get_doccount());
    const double df = static_cast<double>(ctx_.db.get_termfreq(stem_term));
    const double cf = static_cast<double>(ctx_.db.get_collection_freq(stem_term));
    constexpr double common = 0.02;  // in at least this share of the articles
    constexpr double full_weight_from = 0.5;  // residual idf (nats) from which a word weighs fully
    constexpr double floor = 0.3;
    if (n == 0 || df < common * n) return 1.0;
    const double residual_idf = std::log(n / df) + std::log(1.0 - std::exp(-cf / n));
    return std::clamp(residual_idf / full_weight_from, floor, 1.0);
  }

  Xapian::Query::op default_op() const {
    return ctx_.op == DefaultOperator::Or ? Xapian::Query::OP_OR : Xapian::Query::OP_AND;
  }

  Part word(const Node& node) {
    std::vector<Xapian::Query> parts;
    if (negated_ == 0 && alternatives_ == 0 && node.field == Field::None) sequence_text_.append(node.text).append(" ");
    const std::size_t offset = node.end - node.text.size();
    ctx_.analyzer.analyze(node.text, [&](const TokenView& t) {
      if (t.is_stop && !keep_stop_words_) return;
      if (negated_ == 0 && alternatives_ == 0 && node.field == Field::None && !t.is_stop) {
        sequence_words_.push_back({std::string(t.normalized), std::string(t.stem)});
      }
      if (negated_ == 0 && !t.is_stop && t.kind != TokenKind::Number) {
        out_.words.push_back(QueryWord{offset + t.begin, offset + t.end, std::string(t.normalized),
                                       std::string(schema::stem_prefix) + std::string(t.stem)});
      }
      parts.push_back(word_query(t, node.field));
    });
    if (parts.empty()) return {};
    if (parts.size() == 1) return {Part::Kind::Scoring, parts.front(), node.field};
    return {Part::Kind::Scoring, Xapian::Query(default_op(), parts.begin(), parts.end()), node.field};
  }

  Part prefix(const Node& node) {
    std::vector<Token> tokens = ctx_.analyzer.analyze(node.text);
    if (tokens.empty()) return {};
    if (tokens.size() > 1) {
      throw QuerySyntaxError(fmt::format("'{}*' is several words: a prefix must be one word", excerpt(node.text)),
                             std::string(text_.substr(node.begin, node.end - node.begin)), node.begin);
    }
    const std::string field_prefix = node.field == Field::Title ? std::string(schema::prefix("title")) : std::string();
    const std::string pattern = field_prefix + tokens.front().normalized;
    if (negated_ == 0) {
      out_.prefixes.push_back({pattern, field_prefix.size()});
      out_.spec.words.push_back(MatchSpec::Word{tokens.front().normalized, "", false, true, 1.0});
    }
    if (unweighted() && expands_to_every_document(pattern)) return {Part::Kind::Scoring, Xapian::Query::MatchAll, node.field};
    if (ctx_.shards) return {Part::Kind::Scoring, expanded(pattern), node.field};
    return {Part::Kind::Scoring,
            Xapian::Query(Xapian::Query::OP_WILDCARD, pattern, max_wildcard_expansion,
                          Xapian::Query::WILDCARD_LIMIT_MOST_FREQUENT, Xapian::Query::OP_SYNONYM),
            node.field};
  }

  // word* over shards: Xapian 1.4 would expand the pattern in each shard apart, and weigh the
  // synonym by each shard's own expansion; expanded here over the whole set (its most frequent
  // terms, as OP_WILDCARD's limit picks them; ties in term order), it weighs as one database.
  Xapian::Query expanded(const std::string& pattern) const {
    std::vector<std::pair<Xapian::doccount, std::string>> terms;
    for (auto it = ctx_.db.allterms_begin(pattern); it != ctx_.db.allterms_end(pattern); ++it) {
      terms.emplace_back(it.get_termfreq(), *it);
    }
    if (terms.size() > max_wildcard_expansion) {
      std::stable_sort(terms.begin(), terms.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
      terms.resize(max_wildcard_expansion);
    }
    if (terms.empty()) return Xapian::Query::MatchNothing;
    std::vector<Xapian::Query> queries;
    for (const auto& term : terms) queries.emplace_back(term.second);
    return Xapian::Query(Xapian::Query::OP_SYNONYM, queries.begin(), queries.end());
  }

  // Does a word* pattern expand to a term that every article holds? Unweighted, Xapian would
  // open that expansion as the all-documents list (see unweighted_term_query).
  bool expands_to_every_document(const std::string& pattern) const {
    const Xapian::doccount documents = ctx_.db.get_doccount();
    for (auto it = ctx_.db.allterms_begin(pattern); it != ctx_.db.allterms_end(pattern); ++it) {
      if (documents != 0 && it.get_termfreq() == documents) return true;
    }
    return false;
  }

  Part phrase(const Node& node) {
    const std::string prefix = node.field == Field::Title ? std::string(schema::prefix("title")) : std::string();
    std::vector<Token> tokens = ctx_.analyzer.analyze(node.text);
    if (tokens.empty()) return {};
    std::vector<Xapian::Query> terms;
    MatchSpec::Phrase spec_phrase;
    double weight = 0;
    for (const Token& t : tokens) {
      const std::string term = prefix + t.normalized;
      terms.emplace_back(term);
      spec_phrase.normalized.push_back(t.normalized);
      weight += idf(term);
      if (negated_ == 0) remember(term, t.normalized);
    }
    if (negated_ == 0) {
      if (tokens.size() == 1) {
        out_.spec.words.push_back(MatchSpec::Word{tokens[0].normalized, tokens[0].stem, true, false, weight});
      } else {
        spec_phrase.weight = weight;
        out_.spec.phrases.push_back(std::move(spec_phrase));
      }
    }
    const double scale = ctx_.ranking.stem_weight + ctx_.ranking.exact_weight;
    if (terms.size() == 1) return {Part::Kind::Scoring, scaled(scale, term_query(prefix + tokens.front().normalized)), node.field};
    return {Part::Kind::Scoring,
            scaled(scale, Xapian::Query(Xapian::Query::OP_PHRASE, terms.begin(), terms.end(),
                                        static_cast<Xapian::termcount>(terms.size()))),
            node.field};
  }

  static std::optional<EntityType> entity_type(Field field) {
    switch (field) {
      case Field::Person: return EntityType::Person;
      case Field::Place: return EntityType::Location;
      case Field::Org: return EntityType::Organization;
      default: return std::nullopt;
    }
  }


  // entity:/person:/place:/org: — the entities the gazetteer resolves the name to (ترمب and
  // ترامب alike), by their indexed terms; a name it does not know, or an index built without
  // entities, falls back to the name as a phrase.
  Part entity(const Node& node) {
    if (ctx_.recognizer == nullptr) return phrase(node);
    std::vector<Xapian::Query> terms;
    for (const Entity& e : ctx_.recognizer->resolve(node.text, entity_type(node.field))) {
      const std::string term = std::string(schema::prefix(to_string(e.type))) + e.id;
      if (ctx_.db.get_termfreq(term) == 0) continue;
      terms.push_back(term_query(term));
      if (negated_ == 0) {
        remember(term, e.name);
        out_.entities.push_back({std::string(to_string(e.type)), e.id, idf(term)});
      }
    }
    if (terms.empty()) return phrase(node);
    const double scale = ctx_.ranking.stem_weight + ctx_.ranking.exact_weight;
    return {Part::Kind::Scoring, scaled(scale, Xapian::Query(Xapian::Query::OP_OR, terms.begin(), terms.end())),
            node.field};
  }

  // mentions:2015-07 — articles whose text talks about that day, month or year.
  Part mentions(const Node& node) const {
    return {Part::Kind::Boolean, boolean_term(std::string(schema::prefix("mention")) + date_key(*node.date.from)),
            node.field};
  }

  Part filter(const Node& node) {
    const std::string term = filter_term(ctx_.analyzer, field_name(node.field), node.text);
    if (term.empty()) {
      throw QuerySyntaxError(fmt::format("'{}' names nothing: no words after '{}:'",
                                         excerpt(text_.substr(node.begin, node.end - node.begin)), field_name(node.field)),
                             std::string(text_.substr(node.begin, node.end - node.begin)), node.begin);
    }
    return {Part::Kind::Boolean, boolean_term(term), node.field};
  }

  static Xapian::Query time_range(std::optional<std::int64_t> from, std::optional<std::int64_t> to) {
    const auto value = [](std::int64_t t) { return Xapian::sortable_serialise(static_cast<double>(t)); };
    if (from && to) return Xapian::Query(Xapian::Query::OP_VALUE_RANGE, slot_number(schema::Slot::PublishedAt), value(*from), value(*to));
    if (from) return Xapian::Query(Xapian::Query::OP_VALUE_GE, slot_number(schema::Slot::PublishedAt), value(*from));
    return Xapian::Query(Xapian::Query::OP_VALUE_LE, slot_number(schema::Slot::PublishedAt), value(*to));
  }

  Part date(const Node& node) const {
    const DateSpec& spec = node.date;
    if (spec.single) {
      const DateBound& d = *spec.from;
      const std::string_view field = d.precision == DateBound::Precision::Day     ? "day"
                                     : d.precision == DateBound::Precision::Month ? "month"
                                                                                  : "year";
      return {Part::Kind::Boolean, boolean_term(std::string(schema::prefix(field)) + date_key(d)), Field::Date};
    }
    std::optional<std::int64_t> from;
    std::optional<std::int64_t> to;
    if (spec.from) from = ctx_.zone.start_of(*spec.from);
    if (spec.to) to = ctx_.zone.end_of(*spec.to);
    if (from && to && *from > *to) {
      throw QuerySyntaxError(fmt::format("bad date '{}': the range ends before it starts",
                                         excerpt(text_.substr(node.begin, node.end - node.begin))),
                             std::string(text_.substr(node.begin, node.end - node.begin)), node.begin);
    }
    return {Part::Kind::Boolean, boolean(time_range(from, to)), node.field == Field::Since ? Field::Since : Field::Date};
  }

  Part since(const Node& node) const {
    return {Part::Kind::Boolean, boolean(time_range(ctx_.zone.minus(ctx_.now, node.since), std::nullopt)), Field::Since};
  }

  Part alternatives(const Node& node) {
    std::vector<Xapian::Query> parts;
    bool scoring = false;
    ++alternatives_;
    for (const Node& child : node.children) {
      Part part = build_node(child);
      if (part.kind == Part::Kind::Empty) continue;
      scoring = scoring || part.kind == Part::Kind::Scoring;
      parts.push_back(part.query);
    }
    --alternatives_;
    if (parts.empty()) return {};
    const Xapian::Query q = parts.size() == 1 ? parts.front() : Xapian::Query(Xapian::Query::OP_OR, parts.begin(), parts.end());
    return {scoring ? Part::Kind::Scoring : Part::Kind::Boolean, q, Field::None};
  }

  Part sequence(const Node& node) {
    std::vector<Xapian::Query> scoring;
    std::map<Field, std::vector<Xapian::Query>> filters;
    std::vector<Xapian::Query> excluded;
    for (const Node& child : node.children) {
      if (child.kind == NodeKind::Not) {
        ++negated_;
        Part part = build_node(child.children.front());
        --negated_;
        if (part.kind != Part::Kind::Empty) excluded.push_back(part.query);
        continue;
      }
      Part part = build_node(child);
      if (part.kind == Part::Kind::Scoring) scoring.push_back(part.query);
      if (part.kind == Part::Kind::Boolean) filters[part.field].push_back(part.query);
    }
    if (scoring.empty() && filters.empty()) {
      if (!excluded.empty()) {
        throw QuerySyntaxError(fmt::format("'{}' only excludes: add a word or a filter to search for",
                                           excerpt(text_.substr(node.begin, node.end - node.begin))),
                               std::string(text_.substr(node.begin, node.end - node.begin)), node.begin);
      }
      return {};
    }
    Part out;
    if (!scoring.empty()) {
      out.kind = Part::Kind::Scoring;
      out.query = scoring.size() == 1 ? scoring.front() : Xapian::Query(default_op(), scoring.begin(), scoring.end());
    }
    if (!filters.empty()) {
      std::vector<Xapian::Query> required;
      for (auto& [field, queries] : filters) {
        if (field == Field::None) {  // groups and mixed filters: each one is required
          required.insert(required.end(), queries.begin(), queries.end());
        } else {
          required.push_back(queries.size() == 1 ? queries.front() : Xapian::Query(Xapian::Query::OP_OR, queries.begin(), queries.end()));
        }
      }
      const Xapian::Query all = required.size() == 1 ? required.front() : Xapian::Query(Xapian::Query::OP_AND, required.begin(), required.end());
      if (out.kind == Part::Kind::Scoring) {
        out.query = Xapian::Query(Xapian::Query::OP_FILTER, out.query, all);
      } else {
        out.kind = Part::Kind::Boolean;
        out.query = all;
        out.field = filters.size() == 1 ? filters.begin()->first : Field::None;
      }
    }
    if (!excluded.empty()) {
      const Xapian::Query any = excluded.size() == 1 ? excluded.front() : Xapian::Query(Xapian::Query::OP_OR, excluded.begin(), excluded.end());
      out.query = Xapian::Query(Xapian::Query::OP_AND_NOT, out.query, any);
    }
    return out;
  }

  Part build_node(const Node& node) {
    switch (node.kind) {
      case NodeKind::Word: return word(node);
      case NodeKind::Prefix: return prefix(node);
      case NodeKind::Phrase:
        return node.field == Field::Entity || entity_type(node.field) ? entity(node) : phrase(node);
      case NodeKind::Filter: return filter(node);
      case NodeKind::Date: return node.field == Field::Mentions ? mentions(node) : date(node);
      case NodeKind::Since: return since(node);
      case NodeKind::Or: return alternatives(node);
      case NodeKind::And: return sequence(node);
      case NodeKind::Not: {  // only inside a sequence; alone it excludes from nothing
        throw QuerySyntaxError("an exclusion needs something to exclude from", std::string(text_), node.begin);
      }
    }
    return {};
  }
};

}  // namespace

BuiltQuery build_query(const Node& root, std::string_view query_text, const BuildContext& context) {
  return Builder(query_text, context).build(root);
}

}  // namespace fahras::query
