#include "web_backend.hpp"

// The article in full and the database's facts are read, for now, by the same code that serves
// fahras-query's `:open` and --info (fahras_terminal's terminal_article); that code moves into
// the query library as Searcher::article and Searcher::info, and this file is the only one of
// fahras-web that includes it.
#include "terminal_article.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <utility>

namespace fahras::web {

namespace {

using Json = nlohmann::ordered_json;

std::string dump(const Json& json, int indent) {
  return json.dump(indent, ' ', false, nlohmann::json::error_handler_t::replace);
}

/** UTF-16 code units in the first `bytes` bytes of UTF-8 `text` (a 4-byte sequence is two). */
std::size_t utf16_offset(const std::string& text, std::size_t bytes) {
  std::size_t units = 0;
  const std::size_t end = std::min(bytes, text.size());
  for (std::size_t i = 0; i < end; ++i) {
    const auto byte = static_cast<unsigned char>(text[i]);
    if ((byte & 0xC0U) != 0x80U) units += byte >= 0xF0U ? 2 : 1;
  }
  return units;
}

Json ranges_json(const std::string& text, const std::vector<ByteRange>& ranges, bool utf16) {
  Json out = Json::array();
  for (const auto& [begin, end] : ranges) {
    if (utf16) {
      out.push_back({utf16_offset(text, begin), utf16_offset(text, end)});
    } else {
      out.push_back({begin, end});
    }
  }
  return out;
}

std::string html(const std::string& text, const std::vector<ByteRange>& ranges) {
  return render_highlights(text, ranges, HighlightStyle::Html);
}

}  // namespace

const std::vector<std::string>& hit_field_names() {
  static const std::vector<std::string> names{
      "rank",      "id",         "url",           "title",      "title_highlights", "title_html", "source",
      "author",    "date",       "score",         "snippet",    "highlights",       "snippet_html",
      "matched_terms", "duplicates"};
  return names;
}

// ---- The pool: one Searcher per request in flight, reopened on each lease. ----

struct Backend::Pool {
  std::string path;
  std::mutex mutex;
  std::vector<std::unique_ptr<Searcher>> idle;

  explicit Pool(std::string database) : path(std::move(database)) {}
};

namespace {

/** A Searcher taken from the pool for one request, given back when done unless it failed. */
class Lease {
public:
  template <typename PoolT>
  explicit Lease(PoolT& pool) : mutex_(pool.mutex), idle_(pool.idle) {
    {
      const std::lock_guard lock(mutex_);
      if (!idle_.empty()) {
        searcher_ = std::move(idle_.back());
        idle_.pop_back();
      }
    }
    if (searcher_) {
      try {
        searcher_->reopen();
      } catch (const DatabaseError&) {
        searcher_.reset();  // replaced by the folder in place now, opened afresh below
      }
    }
    if (!searcher_) searcher_ = std::make_unique<Searcher>(pool.path);
  }
  ~Lease() {
    if (!searcher_ || failed_) return;
    const std::lock_guard lock(mutex_);
    idle_.push_back(std::move(searcher_));
  }
  Lease(const Lease&) = delete;
  Lease& operator=(const Lease&) = delete;

  Searcher& operator*() { return *searcher_; }
  Searcher* operator->() { return searcher_.get(); }

  /** Runs `work` on the Searcher; one that threw DatabaseError is not given back. */
  template <typename Work>
  auto run(Work work) -> decltype(work(std::declval<Searcher&>())) {
    try {
      return work(*searcher_);
    } catch (const DatabaseError&) {
      failed_ = true;
      throw;
    }
  }

private:
  std::mutex& mutex_;
  std::vector<std::unique_ptr<Searcher>>& idle_;
  std::unique_ptr<Searcher> searcher_;
  bool failed_ = false;
};

}  // namespace

Backend::Backend(std::string path) : path_(std::move(path)), pool_(std::make_unique<Pool>(path_)) {
  Lease lease(*pool_);
  (void)lease->document_count();
}

Backend::~Backend() = default;

std::string Backend::search_json(const SearchRequest& request, const JsonOptions& options, double time_limit_ms) {
  Lease lease(*pool_);
  const SearchResponse response = lease.run([&](Searcher& s) { return s.search(request); });
  Json json = Json::parse(to_json(response));
  Json& hits = json["hits"];
  for (std::size_t i = 0; i < response.hits.size() && i < hits.size(); ++i) {
    const SearchHit& hit = response.hits[i];
    Json full;
    for (auto it = hits[i].begin(); it != hits[i].end(); ++it) {
      if (it.key() == "highlights") {
        full["highlights"] = ranges_json(hit.snippet, hit.highlights, options.utf16_ranges);
        full["snippet_html"] = html(hit.snippet, hit.highlights);
      } else {
        full[it.key()] = it.value();
      }
      if (it.key() == "title") {
        full["title_highlights"] = ranges_json(hit.title, hit.title_highlights, options.utf16_ranges);
        full["title_html"] = html(hit.title, hit.title_highlights);
      }
    }
    if (!options.fields.empty()) {
      Json kept;
      for (const std::string& name : hit_field_names()) {
        if (std::find(options.fields.begin(), options.fields.end(), name) != options.fields.end()) {
          kept[name] = std::move(full[name]);
        }
      }
      full = std::move(kept);
    }
    hits[i] = std::move(full);
  }
  json["timed_out"] = time_limit_ms > 0 && response.elapsed_ms > time_limit_ms;
  return dump(json, options.indent);
}

std::string Backend::suggest_json(const std::string& query) {
  SearchRequest request;
  request.text = query;
  request.limit = 0;
  request.snippets = false;
  request.spelling = true;
  Lease lease(*pool_);
  const SearchResponse response = lease.run([&](Searcher& s) { return s.search(request); });
  return dump(Json{{"query", query}, {"suggestion", response.suggestion ? Json(*response.suggestion) : Json(nullptr)}},
              -1);
}

std::optional<std::string> Backend::article_json(const std::string& id, const SearchRequest& highlight_for,
                                                 const JsonOptions& options) {
  const auto article = terminal::load_article(path_, id, highlight_for);
  if (!article) return std::nullopt;
  Json body = Json::array();
  for (const auto& paragraph : article->body) {
    body.push_back({{"text", paragraph.text},
                    {"highlights", ranges_json(paragraph.text, paragraph.highlights, options.utf16_ranges)},
                    {"html", html(paragraph.text, paragraph.highlights)}});
  }
  const Json json{{"id", article->id},
                  {"url", article->url},
                  {"title", article->title},
                  {"title_highlights", ranges_json(article->title, article->title_highlights, options.utf16_ranges)},
                  {"title_html", html(article->title, article->title_highlights)},
                  {"source", article->source},
                  {"author", article->author},
                  {"date", article->date.empty() ? Json(nullptr) : Json(article->date)},
                  {"body", std::move(body)}};
  return dump(json, options.indent);
}

std::string Backend::info_json() {
  Json json = Json::parse(terminal::to_json(terminal::read_database_info(path_)));
  json.erase("path");
  return dump(json, -1);
}

Health Backend::health() {
  Lease lease(*pool_);
  Health health;
  health.documents = lease.run([](Searcher& s) { return s.document_count(); });
  health.updated = terminal::read_database_info(path_).updated;
  return health;
}

}  // namespace fahras::web
