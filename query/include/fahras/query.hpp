// fahras query library: search a fahras database with the fahras query syntax, rank, collapse
// near-duplicates, and cut highlighted snippets. No Xapian type appears here.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace fahras {

/** Any error of the query library. */
class QueryError : public std::runtime_error {
public:
  using std::runtime_error::runtime_error;
};

/**
 * The query text is malformed: an unbalanced quote or parenthesis, a bad date, an unknown
 * field, an empty query, a query of only exclusions. The message quotes the offending part.
 */
class QuerySyntaxError : public QueryError {
public:
  /** `fragment` is the offending part of the query as written, `offset` its byte offset. */
  QuerySyntaxError(const std::string& message, std::string fragment, std::size_t offset);
  /** The offending part of the query, as written. */
  [[nodiscard]] const std::string& fragment() const noexcept { return fragment_; }
  /** Its byte offset in the query text. */
  [[nodiscard]] std::size_t offset() const noexcept { return offset_; }

private:
  std::string fragment_;
  std::size_t offset_;
};

/** A request option is out of range or unreadable (a bad --now, half-life, date, limit). */
class RequestError : public QueryError {
public:
  using QueryError::QueryError;
};

/** The database cannot be searched: missing, unreadable, another schema, an unknown
 *  analysis profile or time zone, or a Xapian error while searching. */
class DatabaseError : public QueryError {
public:
  using QueryError::QueryError;
};

/** The order of the hits. */
enum class SortOrder : std::uint8_t {
  Relevance,  ///< score, ties broken by article id (ascending)
  Newest,     ///< publication time, newest first, ties by article id
  Oldest,     ///< publication time, oldest first, ties by article id
};

/** How juxtaposed words combine. */
enum class DefaultOperator : std::uint8_t {
  Or,               ///< any word; BM25 ranks articles holding more of the words higher
  AndWithFallback,  ///< every word; when that finds nothing, any word (as Or)
};

/** How SearchHit::snippet_rendered and title_rendered are written. */
enum class HighlightStyle : std::uint8_t {
  None,     ///< not rendered (the plain text and byte ranges are always there)
  Markers,  ///< each highlight between SearchRequest::open_marker and close_marker
  Ansi,     ///< bold and colour for a terminal
  Html,     ///< HTML-escaped, highlights in <mark>…</mark>
};

/** Ranking parameters, exposed so they can be tuned. */
struct RankingOptions {
  double bm25_k1 = 1.0;           ///< term frequency saturation (tuned on the dev sets, see README)
  double bm25_b = 0.9;            ///< document length normalization (tuned: news bodies vary widely in length)
  double bm25_min_normlen = 0.5;  ///< floor of the normalized document length
  double stem_weight = 1.0;       ///< a word's stem term (any form of the word, title or body)
  double exact_weight = 0.3;      ///< added when the word appears as typed (normalized, unstemmed)
  double title_weight = 0.6;      ///< added when the word's stem appears in the title
  double title_exact_weight = 0.2;  ///< added when the word appears as typed in the title
  /** The levers past bag-of-words BM25, tuned on the dev sets (README, "Ranking"); 0 or false
   *  switches one off. Lead and entities are on by default; proximity is off (it costs 6x the
   *  median latency), weights and feedback lost and are off. */
  double lead_weight = 0.4;        ///< "lead": added when the word's stem is among the body's first 100 words
  double proximity_weight = 0;     ///< "proximity": adjacent query words side by side, in order (on: 0.1)
  double entity_weight = 0.25;     ///< "entities": gazetteer names among the words (aliases too), by prominence
  bool query_weights = false;      ///< "weights": common words spread evenly over the articles weigh less
  std::size_t feedback_terms = 0;  ///< "feedback": a boost of this many terms from the top 10 articles
  DefaultOperator default_operator = DefaultOperator::Or;
  double recency_floor = 0.2;     ///< a recency or date-closeness blend never scales a score below this

  /**
   * Applies one setting, as fahras-query's --rank and fahras-web's rank= take them:
   * NAME=NUMBER sets a parameter (k1, b, min_normlen, stem, exact, title, title_exact, lead,
   * proximity, entities, feedback, floor; weights=0|1); a comma-separated list of levers
   * switches them: "none" (every lever off), "default", "-lead" (off), "+lead" (on at its
   * default). Throws RequestError naming what it cannot read.
   */
  void set(const std::string& setting);
};

/** One search. Only `text` is required. */
struct SearchRequest {
  std::string text;                 ///< the query, in the fahras query syntax (or plain words)
  bool plain = false;               ///< read `text` as plain words: no fields, quotes, OR, -, *, ()
  std::vector<std::string> filters; ///< further clauses in the query syntax ("source:al-khabar",
                                    ///< "date:2025-05"), each one required
  SortOrder sort = SortOrder::Relevance;
  std::string recency_half_life;    ///< "" or "3d", "2w", "12h": blend relevance with recency
  std::string around;               ///< "" or a date "YYYY-MM-DD[Thh:mm]": blend with closeness to it
                                    ///< (half-life: recency_half_life, else 7d)
  std::string since;                ///< "" or "7d", "2w", "3m", "1y", or a date: only articles since then
  std::string now;                  ///< "" (the clock) or an ISO 8601 time that `since` and recency
                                    ///< count from (without a zone: the database's time zone)
  std::size_t offset = 0;           ///< hits to skip
  std::size_t limit = 10;           ///< hits to return (at most 10000)
  bool collapse = true;             ///< one hit per near-duplicate cluster
  bool snippets = true;             ///< cut snippets and highlight titles
  std::size_t snippet_chars = 240;  ///< snippet length in characters
  HighlightStyle highlight = HighlightStyle::None;
  std::string open_marker = "[";    ///< for HighlightStyle::Markers
  std::string close_marker = "]";
  bool facets = false;              ///< count sources, months and entities over the whole matching set
                                    ///< (makes SearchResponse::total exact)
  std::size_t count_up_to = 10000;  ///< SearchResponse::total is exact when fewer articles than this
                                    ///< match (near-duplicate copies included), else a lower bound;
                                    ///< SIZE_MAX: always exact (counts every match)
  bool spelling = true;             ///< suggest corrections: of words the index does not know, and
                                    ///< of words not found as typed when there are fewer than 3 hits
  double time_limit_ms = 0;         ///< 0: none; else a budget for counting beyond the page (Xapian's
                                    ///< Enquire::set_time_limit): once spent, the match stops checking
                                    ///< more documents than the page needs, `total` becomes a lower
                                    ///< bound (and facets, entities included, count only the documents
                                    ///< checked), and SearchResponse::timed_out is set. The page itself
                                    ///< is always complete; its snippets are not part of the budget.
                                    ///< Negative: RequestError.
  RankingOptions ranking;
};

/** A byte range [first, second) of a text. */
using ByteRange = std::pair<std::size_t, std::size_t>;

/** One article found. */
struct SearchHit {
  std::size_t rank = 0;      ///< 1-based, counting from the first hit of the whole result
  std::string id;            ///< the article's unique id
  std::string url;           ///< the URL exactly as indexed
  std::string title;
  std::string source;
  std::string author;
  std::string date;          ///< ISO 8601 UTC ("2025-05-04T06:15:00Z"), "" when unknown
  double score = 0;          ///< relevance (after any recency blend); 0 for pure filters
  std::string snippet;       ///< the best passage(s) of the body, as published
  std::vector<ByteRange> highlights;        ///< within `snippet`, sorted, disjoint
  std::vector<ByteRange> title_highlights;  ///< within `title`
  std::string snippet_rendered;  ///< per SearchRequest::highlight ("" for None)
  std::string title_rendered;    ///< per SearchRequest::highlight ("" for None)
  std::vector<std::string> matched_terms;   ///< the query words (normalized) the article matched
  std::size_t duplicates = 0;    ///< near-duplicates collapsed into this hit
};

/** Counts over the whole matching set (SearchRequest::facets), in the unit of
 *  SearchResponse::total: stories when near-duplicates are collapsed (a story republished by
 *  several outlets counts once), articles when not. Each count is the total the same request
 *  would find with that value as one more filter (`source:`, `date:` a month, `person:`…), so
 *  a story carried by two sources counts under each, and the sources can add up to more
 *  than the total. */
struct SearchFacets {
  std::vector<std::pair<std::string, std::size_t>> sources;  ///< most frequent first
  std::vector<std::pair<std::string, std::size_t>> months;   ///< "YYYY-MM", in calendar order
  struct Entity {
    std::string name;
    std::string type;
    std::size_t count = 0;
  };
  std::vector<Entity> entities;  ///< most frequent first; empty until entities are indexed
};

/** How SearchResponse::total stands to the number of matches (Elasticsearch's
 *  hits.total.relation). */
enum class TotalRelation : std::uint8_t {
  Exact,    ///< "eq": total is the number of matches
  AtLeast,  ///< "gte": counting stopped (SearchRequest::count_up_to); at least total match
};

/** "eq" or "gte". */
const char* to_string(TotalRelation relation) noexcept;

/** Where one search's time went, in milliseconds of the steady clock: the stages add up to
 *  about SearchResponse::elapsed_ms. */
struct SearchTimings {
  double query_ms = 0;      ///< parsing and analysing the query, looking its words up in the index
  double match_ms = 0;      ///< Xapian's match: ranking, counting (and collapsing) the matches
  double facets_ms = 0;     ///< counting facets and entities (SearchRequest::facets)
  double documents_ms = 0;  ///< reading the page's stored articles
  double snippets_ms = 0;   ///< cutting snippets and highlighting titles
  double spelling_ms = 0;   ///< "did you mean"
};

/** The result of one search. */
struct SearchResponse {
  std::string query;            ///< the request's text
  std::size_t total = 0;        ///< matching stories: articles with near-duplicates collapsed
                                ///< into one (each copy when SearchRequest::collapse is off)
  TotalRelation total_relation = TotalRelation::Exact;  ///< total exact, or a lower bound
  std::vector<SearchHit> hits;
  SearchFacets facets;
  std::optional<std::string> suggestion;  ///< the query with misspelt words corrected
  double elapsed_ms = 0;
  /** The request's time_limit_ms may have cut the count: a limit was set, matching took at least
   *  that long, and more documents than the page were to be checked. (Xapian 1.4 does not say
   *  whether its timer fired, so this errs on the side of true; total_relation is then AtLeast.) */
  bool timed_out = false;
  SearchTimings timings;  ///< where elapsed_ms went
  /** What the results lack, one sentence each: shards left out (OpenOptions::allow_partial: down,
   *  unreadable, or gone mid-search; each named by its path or host:port), facets not counted
   *  over remote shards. Empty when the results are whole. */
  std::vector<std::string> warnings;
};

/** One article in full (Searcher::article): as stored, its title and each body paragraph with
 *  the matches of a query highlighted, and the entity mentions found in it. */
struct Article {
  std::string id;
  std::string url;  ///< the URL exactly as indexed
  std::string title;
  std::string source;
  std::string author;
  std::string date;                         ///< ISO 8601 UTC, "" when unknown
  std::vector<ByteRange> title_highlights;  ///< within `title`
  struct Paragraph {
    std::string text;
    std::vector<ByteRange> highlights;  ///< within `text`
  };
  std::vector<Paragraph> body;  ///< the cleaned body (boilerplate left out), paragraph by paragraph
  /** An entity mention: `field` "title" (a byte range of `title`) or "body" (a byte range of
   *  body[paragraph].text). Empty when the database was built without entities. */
  struct Mention {
    std::string type;  ///< "person", "place", "org"
    std::string id;    ///< the gazetteer id
    std::string name;  ///< the canonical name
    std::string field;
    std::size_t begin = 0;
    std::size_t end = 0;
    std::size_t paragraph = 0;  ///< for "body": the index in `body`; 0 for "title"
  };
  std::vector<Mention> mentions;
};

/** The facts of a database (Searcher::info, fahras-query --info). */
struct DatabaseInfo {
  std::string path;
  std::size_t documents = 0;
  std::string schema;          ///< the schema version it was built with
  std::string analysis;        ///< the analysis profile id
  std::string timezone;        ///< the time zone of its day/month/year terms
  std::string first_date;      ///< earliest publication time, ISO 8601 UTC ("" when none is dated)
  std::string last_date;       ///< latest publication time
  std::size_t sources = 0;     ///< distinct sources
  bool spelling = false;       ///< holds a spelling dictionary ("did you mean")
  std::string updated;         ///< when its files were last written, ISO 8601 UTC ("" unknown)
  std::uintmax_t bytes = 0;    ///< size on disk
  std::uint64_t revision = 0;  ///< Xapian's revision number: grows with each commit (a shard set:
                               ///< the sum over its local shards)
  std::size_t shards = 1;      ///< the databases searched as one (a shard set, a stub, several --db)
  std::vector<std::string> warnings;  ///< the shards left out (OpenOptions::allow_partial)
};

/**
 * How a Searcher opens what it searches. A source is a fahras database folder, a shard-set
 * folder (its manifest fahras-shards.json lists the shards) or a stub file (one shard a line:
 * PATH, `auto PATH`, `remote tcp HOST PORT` for a database served by xapian-tcpsrv); several
 * sources, or a set, are searched as one database: the same hits, in the same order, as one
 * database holding all their articles. Every shard must have the same schema version, analysis
 * profile and time zone.
 */
struct OpenOptions {
  /** false: a shard that cannot be opened or stops answering is a DatabaseError naming it (its
   *  path or host:port) and the reason. true: the search goes on over the shards that answer,
   *  and SearchResponse::warnings names each one left out (not when none answers). */
  bool allow_partial = false;
  unsigned remote_timeout_ms = 10000;   ///< a remote shard's answer (Xapian::Remote::open's timeout)
  unsigned connect_timeout_ms = 10000;  ///< connecting to a remote shard
};

/**
 * A fahras database opened for searching. Opening reads its schema version, analysis
 * profile and time zone once; each search reuses them. Not safe to share between threads:
 * keep one Searcher per thread (they may open the same database).
 */
class Searcher {
public:
  /** Opens the database folder, shard-set folder or stub file `path` (see OpenOptions); throws
   *  DatabaseError naming the path (or the shard, or the stub's file:line) and the reason. */
  explicit Searcher(const std::string& path, const OpenOptions& options = {});
  /** Opens several sources (each as above) searched as one. */
  explicit Searcher(const std::vector<std::string>& sources, const OpenOptions& options = {});
  ~Searcher();
  Searcher(Searcher&&) noexcept;
  Searcher& operator=(Searcher&&) noexcept;
  Searcher(const Searcher&) = delete;
  Searcher& operator=(const Searcher&) = delete;

  /** Runs a search. Throws QuerySyntaxError, RequestError or DatabaseError. */
  [[nodiscard]] SearchResponse search(const SearchRequest& request);

  /** The parsed query, for debugging: on the first line the syntax tree as the search combines
   *  it (OR(بوتين, ترامب) under the default operator), on the second the Xapian query. */
  [[nodiscard]] std::string explain(const SearchRequest& request);

  /** The number of articles `request` matches, exact (near-duplicates counted once unless
   *  request.collapse is off): what fahras-query --count prints. Only the query and its
   *  filters count (text, plain, filters, since, now, collapse); no page, snippets, facets,
   *  spelling or time limit. Throws as search(). */
  [[nodiscard]] std::size_t count(const SearchRequest& request);

  /** The article with unique id `id`, in full, with `highlight_for`'s query highlighted (no
   *  highlights when its text is empty or does not build). `id` is looked up as given, then,
   *  for a URL, as the indexer keys an article without an id (normalize_url, then the form
   *  older databases hold). nullopt for an unknown id. Throws DatabaseError. */
  [[nodiscard]] std::optional<Article> article(const std::string& id, const SearchRequest& highlight_for = {});

  /**
   * The articles most like the article `id` ("more like this"), looked up as article() looks it
   * up; nullopt for an unknown id. The article is searched by the words that set it apart: the
   * body word stems Xapian's relevance feedback weighs highest with it as the one relevant
   * article (about 25; numbers, and words only it and its copies hold, left out), each weighted
   * by that weight, any of them matching, ranked by BM25 with `request.ranking` (ties by article
   * id). The article itself and its near-duplicate copies are never among the hits.
   * `request` gives the page (offset, limit), filters, since/now, recency or around, collapse,
   * snippets (highlighting the chosen words), facets, count_up_to and time_limit_ms as search()
   * takes them; SearchResponse::query holds the chosen words (each as the article writes it most),
   * weightiest first, and total counts the articles sharing any of them. Throws RequestError when
   * `request.text` is not empty or the sort is not by relevance, else as search().
   */
  [[nodiscard]] std::optional<SearchResponse> related(const std::string& id, const SearchRequest& request = {});

  /** The facts of the database as last (re)opened. Throws DatabaseError. */
  [[nodiscard]] DatabaseInfo info();

  /** Picks up changes committed since the database was opened; true when there were some. A
   *  shard set is read again from its manifest (shards added since appear; with allow_partial,
   *  shards left out are tried again).
   *  A database rebuilt at the same path with another schema version, analysis profile or time
   *  zone cannot be searched with what this Searcher read at opening: DatabaseError naming the
   *  value before and now, and every later call throws it too (open a new Searcher). */
  bool reopen();

  /** The shards left out so far (OpenOptions::allow_partial), one sentence each naming the
   *  shard: what SearchResponse::warnings starts with. */
  [[nodiscard]] std::vector<std::string> warnings() const;

  /** Number of articles in the database. */
  [[nodiscard]] std::size_t document_count() const;
  /** The database's analysis profile id and time zone. */
  [[nodiscard]] const std::string& analysis_profile() const noexcept;
  [[nodiscard]] const std::string& timezone() const noexcept;

private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

/** The response as one JSON object (no newline): query, total, total_relation ("eq", "gte"),
 *  timed_out, hits (rank, id, url, title, source, author, date, score, snippet, highlights,
 *  matched_terms, duplicates), facets (sources, months, entities), suggestion, elapsed_ms, and
 *  warnings when there are some.
 *  `indent` < 0 writes one line. */
std::string to_json(const SearchResponse& response, int indent = -1);

/** How the to_json overloads below write. */
struct JsonOptions {
  int indent = -1;                  ///< < 0: one line; else spaces per level
  bool utf16_ranges = false;        ///< each "highlights" / "title_highlights" also as "highlights_utf16" /
                                    ///< "title_highlights_utf16": UTF-16 code units, as JavaScript's
                                    ///< String indexes (placed right after the byte ranges)
  std::vector<std::string> fields;  ///< non-empty: only these keys of each hit (or of the article),
                                    ///< in their usual order; an unknown name: RequestError naming it
};

std::string to_json(const SearchResponse& response, const JsonOptions& options);
/** One hit as the objects of the response's "hits" (fahras-query --jsonl writes these). */
std::string to_json(const SearchHit& hit, const JsonOptions& options);
/** An article: id, url, title, source, author, date, title_highlights, body ([{"text",
 *  "highlights"}]), mentions ([{"type", "id", "name", "field", "paragraph" (body ones only),
 *  "begin", "end"}]; with utf16_ranges also "begin_utf16", "end_utf16"). */
std::string to_json(const Article& article, const JsonOptions& options);
/** The info: path, documents, schema, analysis, timezone, first_date, last_date, sources,
 *  spelling, updated, bytes, revision; shards when not 1, warnings when some (`fields` does not
 *  apply). */
std::string to_json(const DatabaseInfo& info, const JsonOptions& options);

/** Byte ranges of the UTF-8 `utf8_text` as ranges of UTF-16 code units (a character beyond the
 *  BMP counts two). An offset inside a character counts up to that character; one past the
 *  text counts as its end. Ill-formed bytes count one code unit each. */
std::vector<ByteRange> to_utf16_ranges(const std::string& utf8_text, const std::vector<ByteRange>& byte_ranges);

/** `{"query": text, "error": message}` on one line, for batch output. */
std::string error_json(const std::string& query, const std::string& message);

/** `text` with each byte range rendered in `style` (markers: `open`/`close`). */
std::string render_highlights(const std::string& text, const std::vector<ByteRange>& ranges, HighlightStyle style,
                              const std::string& open = "[", const std::string& close = "]");

}  // namespace fahras
