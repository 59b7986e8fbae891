// One indexing run: read, clean, compare with the database, build, write, in batches.
#include "article.hpp"
#include "boilerplate.hpp"
#include "clusters.hpp"
#include "database.hpp"
#include "dates.hpp"
#include "document_builder.hpp"
#include "fahras/index_error.hpp"
#include "fahras/indexer.hpp"
#include "fahras/schema.hpp"
#include "parallel.hpp"
#include "parallel_build.hpp"
#include "readers.hpp"
#include "record_preparation.hpp"
#include "run_reporter.hpp"
#include "shard_set.hpp"
#include "spelling_admission.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <ostream>
#include <set>
#include <unordered_map>
#include <unordered_set>

#include <unistd.h>

namespace fahras {

namespace indexer {
namespace {

using Clock = std::chrono::steady_clock;

// Thrown through the reader to stop a --strict run at its first bad record.
struct StrictStop {};

enum class Action { Skip, Unchanged, Add, Update, Superseded };

class Run final : public RecordSink {
public:
  // Every option is checked before the database is opened: a bad one changes nothing.
  Run(const IndexOptions& options, std::ostream& out)
      : options_(options),
        reporter_(out, options.progress),
        fields_(field_map(options)),
        dates_(options.timezone),
        default_date_(parse_option_date(dates_, "--default-date", options.default_date)),
        preparation_{fields_, dates_, default_date_, options.max_bytes},
        delete_before_(parse_option_date(dates_, "--delete-before", options.delete_before)),
        layout_(shard_layout(options)),
        db_(open_database(options, layout_)),
        parallel_(start_router(options, layout_, db_, dates_)),
        work_(parallel_ ? parallel_->lookup() : db_),
        line_stats_(work_),
        clusterer_(work_) {
    if (parallel_) {
      if (parallel_->resumed()) resume_parallel_build();
      clusterer_.on_rekey([this](Xapian::docid id, const std::string& key) { parallel_->set_cluster_key(id, key); });
    }
    workers_ = options.threads != 0 ? options.threads : std::max(1U, std::thread::hardware_concurrency());
    for (unsigned w = 0; w < workers_; ++w) {
      analyzers_.emplace_back(options.profile);
      if (options.entities) recognizers_.emplace_back(options.profile);
    }
    batch_size_ = std::max<std::size_t>(1, options.commit_every);
  }

  /** The options with the database's own time zone and profile where none was given. */
  static IndexOptions settled(IndexOptions options) {
    const bool shard_set = ShardSet::is_shard_set(options.database);
    const StoredSettings stored = stored_settings(shard_set ? ShardSet::catalog_path(options.database) : options.database);
    if (options.timezone.empty()) options.timezone = stored.timezone.empty() ? "UTC" : stored.timezone;
    if (!options.profile_given && !stored.analysis.empty()) {
      // A profile of another version is not adopted: opening will report both ids.
      if (const auto profile = AnalysisProfile::from_id(stored.analysis)) options.profile = *profile;
    }
    return options;
  }

  IndexSummary run() {
    try {
      return run_all();
    } catch (const Xapian::Error& e) {
      (void)reporter_.diagnostics();  // the error's message gets a line of its own
      throw IndexError(fmt::format("{}: {}{}", options_.database, e.get_description(), what_is_kept()));
    } catch (const IndexError& e) {
      (void)reporter_.diagnostics();
      throw IndexError(e.what() + what_is_kept());
    } catch (...) {
      (void)reporter_.diagnostics();
      throw;
    }
  }

  IndexSummary run_all() {
    const auto start = Clock::now();
    try {
      delete_requested();
      ReadOptions read_options;
      read_options.txt_title = options_.txt_title;
      if (reporter_.shows_progress()) {
        input_file_bytes_ = input_file_bytes(options_.inputs);
        read_options.file_bytes_read = &file_bytes_read_;
      }
      for (const std::string& input : options_.inputs) read_input(input, read_options, *this);
      flush_batch();
    } catch (const StrictStop&) {
      summary_.stopped_by_strict = true;
      try {
        flush_batch();  // the records read before the bad one
      } catch (const StrictStop&) {
        // one of them was bad too: flush_batch wrote those before it and said so
      }
    }
    if (parallel_) {
      summary_.documents = parallel_->finish(db_);
      summary_.shards = parallel_->written();
      db_.close();  // the database at the path is now the merged one (or the shard set's catalog)
      parallel_.reset();
    } else {
      summary_.documents = db_.get_doccount();
    }
    summary_.clusters_rekeyed = clusterer_.rekeyed();
    summary_.seconds = std::chrono::duration<double>(Clock::now() - start).count();
    reporter_.progress(run_progress(), true);
    return summary_;
  }

  void record(RawRecord&& record) override {
    ++summary_.records;
    for (const auto& field : record.fields) input_bytes_ += field.second.size();
    pending_.push_back(std::move(record));
    if (pending_.size() >= batch_size_) flush_batch();
  }

  void diagnostic(Diagnostic&& d) override {
    reporter_.diagnostic(d);
    if (d.severity == Severity::Error) {
      ++summary_.errors;
      // A record the reader could not read counts as read and skipped; so does a whole file.
      const bool a_record = d.origin.record != 0 || d.origin.line != 0;
      if (a_record) ++summary_.records;
      ++summary_.skipped[a_record ? "malformed record" : "unreadable input"];
      if (options_.strict) {
        stop_strict(d);
      }
    } else {
      ++summary_.warnings;
      summary_.invalid_utf8 += d.repaired_utf8;  // repaired by the reader before parsing
    }
  }

private:
  // The layout of a shard set: --shard-by for a new set (or the same as the set's), an existing
  // set's own without it; none for a single database. Checked before anything is written.
  static std::optional<ShardLayout> shard_layout(const IndexOptions& options) {
    const bool existing = ShardSet::is_shard_set(options.database);
    if (options.shard_by.empty()) {
      if (!existing) return std::nullopt;
      const std::string stored = ShardSet::stored_layout(options.database);
      if (stored.empty()) throw IndexError(fmt::format("{}: a shard set without a readable catalog ({})", options.database,
                                                       ShardSet::catalog_path(options.database)));
      return ShardLayout::parse(stored);
    }
    ShardLayout layout = ShardLayout::parse(options.shard_by);
    std::error_code error;
    if (!existing && std::filesystem::exists(std::filesystem::path(options.database) / "iamglass", error)) {
      throw UsageError(fmt::format("--shard-by {}: {} is a single database, not a shard set; give a new folder",
                                   layout.to_string(), options.database));
    }
    if (existing) {
      const std::string stored = ShardSet::stored_layout(options.database);
      if (!stored.empty() && stored != layout.to_string()) {
        throw UsageError(fmt::format("--shard-by {}: {} is sharded by {}; index it with --shard-by {} or without --shard-by",
                                     layout.to_string(), options.database, stored, stored));
      }
    }
    return layout;
  }

  // The database, or a shard set's catalog (whose lock is the set's): open, locked, stamped.
  static Xapian::WritableDatabase open_database(const IndexOptions& options, const std::optional<ShardLayout>& layout) {
    if (!layout) return open_for_writing(options.database, options.profile, options.timezone, options.wait_lock_seconds);
    std::error_code error;
    if (std::filesystem::exists(options.database, error) && !std::filesystem::is_directory(options.database, error)) {
      throw IndexError(fmt::format("{}: not a shard set folder (a file of that name is in the way)", options.database));
    }
    std::filesystem::create_directories(options.database, error);
    if (error) throw IndexError(fmt::format("{}: cannot create the shard set folder: {}", options.database, error.message()));
    return open_for_writing(ShardSet::catalog_path(options.database), options.profile, options.timezone,
                            options.wait_lock_seconds);
  }

  // A shard set's catalog and shards; or a parallel build when the database is empty and there
  // is more than one writer to use (it resumes the one a failed or killed run left behind).
  static std::unique_ptr<DocumentRouter> start_router(const IndexOptions& options, const std::optional<ShardLayout>& layout,
                                                      Xapian::WritableDatabase& db, const DateParser& dates) {
    if (layout) {
      return std::make_unique<ShardSet>(options.database, *layout, db, options.profile, options.timezone, dates,
                                        options.commit_every);
    }
    const unsigned cores = std::max(1U, std::thread::hardware_concurrency());
    const unsigned writers = options.writers != 0 ? options.writers : std::min(4U, cores);
    const bool deletes = !options.delete_ids.empty() || !options.delete_before.empty();
    if (writers < 2 || deletes || db.get_doccount() != 0) {
      ParallelBuild::remove_leftovers(options.database);
      return nullptr;
    }
    return std::make_unique<ParallelBuild>(options.database, writers, options.commit_every);
  }

  // Takes out of the lookup database what did not reach the partial databases (or the shards),
  // so that reading the same input again writes it; what did is kept (and read as unchanged).
  void resume_parallel_build() {
    const std::vector<Xapian::docid> unfinished = parallel_->unfinished_documents();
    in_transaction([&] {
      for (const Xapian::docid id : unfinished) {
        forget_lines(work_.get_document(id));
        clusterer_.detach(id);
        work_.delete_document(id);
      }
    });
    parallel_->sync_cluster_keys();
    if (layout_) {
      reporter_.diagnostics() << fmt::format("fahras-index: resuming the run left unfinished in {}: {} articles kept, {} to write again\n",
                                             options_.database, work_.get_doccount(), unfinished.size());
      return;
    }
    reporter_.diagnostics() << fmt::format("fahras-index: resuming the first build left in {}: {} articles kept, {} to write again\n",
                            ParallelBuild::work_path(options_.database), work_.get_doccount(), unfinished.size());
  }

  // After an error: where a first build's work is kept.
  [[nodiscard]] std::string what_is_kept() const {
    return parallel_ ? parallel_->kept_note() : "";
  }

  static FieldMap field_map(const IndexOptions& options) {
    FieldMap fields;
    for (const std::string& spec : options.fields) fields.apply(spec);
    return fields;
  }

  static std::optional<std::int64_t> parse_option_date(const DateParser& dates, const char* option,
                                                       const std::string& text) {
    if (text.empty()) return std::nullopt;
    std::string error;
    const auto parsed = dates.parse(text, &error);
    if (!parsed) throw UsageError(std::string(option) + ": " + error);
    return parsed->unix_seconds;
  }

  [[noreturn]] void stop_strict(const Diagnostic& d) {
    reporter_.diagnostics() << fmt::format("{}: error: --strict: stopped at the first bad record; everything before it is committed\n",
                        to_string(d.origin));
    throw StrictStop{};
  }

  void flush_batch() {
    if (pending_.empty()) return;
    std::vector<RawRecord> records = std::move(pending_);
    pending_.clear();

    // Phase A (parallel): field mapping, cleaning, dates, content hash.
    std::vector<Prepared> prepared(records.size());
    parallel_for(records.size(), workers_, [&](unsigned, std::size_t i) {
      prepared[i] = prepare_record(std::move(records[i]), preparation_);
    });

    // Phase B (in order): report, find duplicates, compare with the database, count lines.
    std::size_t stop = prepared.size();
    std::optional<Origin> strict_stop;
    for (std::size_t i = 0; i < prepared.size(); ++i) {
      const Prepared& p = prepared[i];
      for (const Diagnostic& d : p.diagnostics) {
        reporter_.diagnostic(d);
        ++summary_.warnings;
      }
      summary_.invalid_utf8 += p.stats.invalid_utf8;
      summary_.control_chars += p.stats.control_chars;
      summary_.repeated_paragraphs += p.stats.repeated_paragraphs;
      summary_.truncated += p.stats.truncated ? 1 : 0;
      if (p.article) continue;
      // Nothing was there to index: a warning (exit 0), counted among the skipped records.
      reporter_.diagnostic(Diagnostic{p.origin, 0, Severity::Warning, p.skip_reason + ", skipped"});
      ++summary_.warnings;
      ++summary_.skipped[p.skip_reason];
      if (options_.strict) {  // the records before this one are still written
        stop = i;
        strict_stop = p.origin;
        break;
      }
    }
    prepared.resize(stop);

    // The same article twice in one batch: only the last one is compared and written.
    std::unordered_map<std::string, std::size_t> last;
    for (std::size_t i = 0; i < prepared.size(); ++i) {
      if (prepared[i].article) last[prepared[i].article->id_term] = i;
    }
    std::vector<Action> actions(prepared.size(), Action::Skip);
    existing_.assign(prepared.size(), 0);
    recount_spelling_.assign(prepared.size(), false);
    for (std::size_t i = 0; i < prepared.size(); ++i) {
      if (!prepared[i].article) continue;
      const std::string& id_term = prepared[i].article->id_term;
      if (last.at(id_term) != i) {
        actions[i] = Action::Superseded;
        ++summary_.duplicates_in_input;
        continue;
      }
      // Seen in an earlier batch of this run: written again, as the later version.
      const bool first_seen = seen_ids_.insert(id_term).second;
      if (!first_seen) ++summary_.duplicates_in_input;
      actions[i] = classify(*prepared[i].article, existing_[i]);
      // A resumed first build kept this article from the failed run, but not its words: the
      // partial writers count the spelling over the run, and only write it when it ends.
      recount_spelling_[i] = first_seen && actions[i] == Action::Unchanged && parallel_ && parallel_->recount_spelling(existing_[i]);
    }
    write_batch(prepared, actions);
    if (strict_stop) stop_strict(Diagnostic{*strict_stop, 0, Severity::Error, "bad record"});
  }

  // The document holding `term`, or 0.
  static Xapian::docid find_term(const Xapian::Database& db, const std::string& term) {
    const Xapian::PostingIterator it = db.postlist_begin(term);
    return it == db.postlist_end(term) ? 0 : *it;
  }

  Action classify(const PreparedArticle& a, Xapian::docid& existing_docid) {
    Xapian::docid existing = find_term(work_, a.id_term);
    // A database written before URL ids were normalized holds the article under its old id:
    // found so, it is updated, and so re-keyed.
    bool legacy = false;
    if (existing == 0 && !a.article.legacy_id.empty()) {
      existing = find_term(work_, id_term(a.article.legacy_id));
      legacy = existing != 0;
    }
    const auto lines = LineStats::candidate_lines(a.body);
    if (existing == 0) {
      line_stats_.count_article(a.article.source, lines, +1);
      return Action::Add;
    }
    existing_docid = existing;
    const Xapian::Document old = work_.get_document(existing);
    if (!legacy && old.get_value(schema::slot_number(schema::Slot::ContentHash)) == a.content_hash) {
      return Action::Unchanged;
    }
    forget_lines(old);
    line_stats_.count_article(a.article.source, lines, +1);
    return Action::Update;
  }

  void write_batch(std::vector<Prepared>& prepared, const std::vector<Action>& actions) {
    // Boilerplate decisions use the counts of every night so far and of this batch.
    std::vector<std::set<std::string_view>> boilerplate(prepared.size());
    std::vector<std::size_t> to_build;
    for (std::size_t i = 0; i < prepared.size(); ++i) {
      if (actions[i] == Action::Unchanged) ++summary_.unchanged;
      const bool spelling_only = options_.spelling && recount_spelling_[i];
      if (actions[i] != Action::Add && actions[i] != Action::Update && !spelling_only) continue;
      const PreparedArticle& a = *prepared[i].article;
      for (const std::string_view line : LineStats::candidate_lines(a.body)) {
        if (line_stats_.is_boilerplate(a.article.source, line)) boilerplate[i].insert(line);
      }
      to_build.push_back(i);
    }

    // Where each document goes (a shard set: its shard), and so its words' spelling share.
    std::vector<std::size_t> routes(to_build.size(), 0);
    std::vector<std::size_t> route_of_share{0};  // the routes of this batch, by share
    std::vector<std::size_t> share(to_build.size(), 0);
    if (parallel_) {
      std::map<std::size_t, std::size_t> shares;
      route_of_share.clear();
      for (std::size_t k = 0; k < to_build.size(); ++k) {
        routes[k] = parallel_->route(*prepared[to_build[k]].article);
        const auto [it, added] = shares.emplace(routes[k], route_of_share.size());
        if (added) route_of_share.push_back(routes[k]);
        share[k] = it->second;
      }
    }

    // Phase C (parallel): analysis and documents.
    std::vector<BuiltDocument> built(to_build.size());
    // Summed by each worker and share: no word crosses threads.
    std::vector<SpellingCounts> spelling(workers_ * std::max<std::size_t>(1, route_of_share.size()));
    parallel_for(to_build.size(), workers_, [&](unsigned w, std::size_t k) {
      const std::size_t i = to_build[k];
      BuildExtras extras;
      extras.recognizer = recognizers_.empty() ? nullptr : &recognizers_[w];
      extras.spelling = options_.spelling ? &spelling[w * route_of_share.size() + share[k]] : nullptr;
      extras.lookup_data = parallel_ != nullptr;
      built[k] = build_document(*prepared[i].article, boilerplate[i], analyzers_[w], dates_, extras);
    });

    // Phase D (in order): clusters, write, spelling, commit — one transaction.
    in_transaction([&] {
      write_built(prepared, actions, to_build, built, routes);
      write_spelling(spelling, route_of_share);
    });
    reporter_.progress(run_progress(), false);
  }

  void write_built(std::vector<Prepared>& prepared, const std::vector<Action>& actions,
                   const std::vector<std::size_t>& to_build, std::vector<BuiltDocument>& built,
                   const std::vector<std::size_t>& routes) {
    for (std::size_t k = 0; k < to_build.size(); ++k) {
      const std::size_t i = to_build[k];
      if (actions[i] == Action::Unchanged) continue;  // built for its words only (a resumed build)
      const PreparedArticle& a = *prepared[i].article;
      BuiltDocument& b = built[k];
      if (actions[i] == Action::Update) clusterer_.detach(existing_[i]);
      if (clusterer_.assign(b.document, a.article.id, existing_[i], b.signature)) {
        ++summary_.near_duplicates;
      }
      if (parallel_) {
        // The lookup database decides the document id; the router, the writer of the full
        // document (told before an update's lookup document is replaced: it reads where it was).
        Xapian::Document light = lookup_document(b.document, b.lookup_data);
        parallel_->mark(light, b.document, routes[k]);
        const Xapian::docid id = actions[i] == Action::Add ? work_.add_document(light) : existing_[i];
        parallel_->put(id, routes[k], std::move(b.document), actions[i] == Action::Update);
        if (actions[i] == Action::Update) work_.replace_document(id, light);
      } else if (actions[i] == Action::Add) {
        db_.add_document(b.document);  // classify() found no document with this id
      } else {
        db_.replace_document(existing_[i], b.document);
      }
      summary_.boilerplate_lines += b.boilerplate_lines;
      summary_.title_only += prepared[i].title_only ? 1 : 0;
      summary_.undated += prepared[i].undated ? 1 : 0;
      summary_.ids_from_content += a.article.id_from_content ? 1 : 0;
      ++(actions[i] == Action::Add ? summary_.added : summary_.updated);
    }
  }

  // One update per distinct word and batch: the spelling table's cost grows with calls.
  void write_spelling(std::vector<SpellingCounts>& by_worker, const std::vector<std::size_t>& route_of_share) {
    if (parallel_) {  // the partial writers sum them over the run
      for (std::size_t k = 0; k < by_worker.size(); ++k) {
        if (!by_worker[k].empty()) parallel_->add_spelling(route_of_share[k % route_of_share.size()], std::move(by_worker[k]));
      }
      return;
    }
    SpellingCounts batch;
    for (SpellingCounts& counts : by_worker) {
      if (batch.empty()) {
        batch = std::move(counts);
        continue;
      }
      for (const auto& [word, count] : counts) batch[word] += count;
    }
    spelling_admission_.admit_batch(db_, batch);
  }

  void delete_requested() {
    if (options_.delete_ids.empty() && !delete_before_) return;
    in_transaction([this] { delete_in_transaction(); });
  }

  // Runs `body` in a Xapian transaction that commits its documents and the line statistics
  // together: no auto-flush can split them, and an exception cancels both.
  template <typename Body>
  void in_transaction(Body body) {
    work_.begin_transaction();
    try {
      body();
      line_stats_.flush();
      work_.commit_transaction();
    } catch (...) {
      line_stats_.discard();
      try {
        work_.cancel_transaction();
      } catch (const Xapian::Error&) {
        // the original error is the one to report
      }
      throw;
    }
  }

  void delete_in_transaction() {
    std::size_t deleted = 0;
    for (const std::string& id : options_.delete_ids) {
      // An id field as given, a URL as its id is made (however it is encoded), or as a database
      // written before URL ids were normalized holds it.
      std::vector<std::string> terms{id_term(id)};
      if (id.find("://") != std::string::npos) {
        terms.push_back(id_term(normalize_url(id)));
        terms.push_back(id_term(legacy_url_id(id)));
      }
      if (std::any_of(terms.begin(), terms.end(), [this](const std::string& term) { return delete_term(term); })) {
        ++deleted;
      } else {
        reporter_.diagnostics() << fmt::format("fahras-index: warning: --delete {}: no such article\n", id);
        ++summary_.warnings;
      }
    }
    if (delete_before_) {
      Xapian::Enquire enquire(work_);  // a shard set's catalog holds the publication times
      enquire.set_query(Xapian::Query(Xapian::Query::OP_VALUE_LE, schema::slot_number(schema::Slot::PublishedAt),
                                      Xapian::sortable_serialise(static_cast<double>(*delete_before_ - 1))));
      enquire.set_weighting_scheme(Xapian::BoolWeight());
      const Xapian::MSet old = enquire.get_mset(0, work_.get_doccount());
      std::vector<Xapian::docid> ids;
      for (auto it = old.begin(); it != old.end(); ++it) ids.push_back(*it);
      for (const Xapian::docid docid : ids) {
        delete_document(docid);
        ++deleted;
      }
    }
    summary_.deleted = deleted;
  }

  bool delete_term(const std::string& term) {
    const Xapian::docid docid = find_term(work_, term);
    if (docid == 0) return false;
    delete_document(docid);
    return true;
  }

  // Out of the lines, its cluster, the database (or the catalog and its shard).
  void delete_document(Xapian::docid docid) {
    forget_lines(work_.get_document(docid));
    clusterer_.detach(docid);
    if (parallel_) parallel_->remove(docid);
    work_.delete_document(docid);
  }

  // Takes a stored document's lines out of the line statistics (before it is replaced or deleted).
  void forget_lines(const Xapian::Document& doc) {
    const CountedText counted = counted_text_of_data(doc.get_data());
    line_stats_.count_article(counted.source, LineStats::candidate_lines(counted.body), -1);
  }

  [[nodiscard]] RunProgress run_progress() const {
    return RunProgress{summary_.records, summary_.added + summary_.updated, summary_.unchanged, input_bytes_,
                       file_bytes_read_, input_file_bytes_};
  }

  const IndexOptions& options_;
  RunReporter reporter_;
  FieldMap fields_;
  DateParser dates_;
  std::optional<std::int64_t> default_date_;
  PreparationSettings preparation_;  // phase A's view of the options above
  std::optional<std::int64_t> delete_before_;
  std::optional<ShardLayout> layout_;        // a shard set's, or none
  Xapian::WritableDatabase db_;
  std::unique_ptr<DocumentRouter> parallel_;  // a first build's partial writers, a shard set, or none
  Xapian::WritableDatabase work_;             // what lookups read: db_, or the parallel build's
  LineStats line_stats_;
  Clusterer clusterer_;
  unsigned workers_ = 1;
  std::vector<Analyzer> analyzers_;
  std::vector<EntityRecognizer> recognizers_;  // one per worker; none with --no-entities
  SpellingAdmission spelling_admission_;        // batch by batch (one writer)
  std::size_t batch_size_ = 1000;
  std::vector<RawRecord> pending_;
  std::size_t input_bytes_ = 0;
  std::optional<std::uint64_t> input_file_bytes_;  // the inputs' size on disk, for progress
  std::uint64_t file_bytes_read_ = 0;
  std::vector<Xapian::docid> existing_;  // per record of the batch: its current document, or 0
  std::vector<bool> recount_spelling_;   // per record of the batch: a kept article's words to count again
  std::unordered_set<std::string> seen_ids_;  // ids met in this run (to count duplicates across batches)
  IndexSummary summary_;
};

}  // namespace
}  // namespace indexer

IndexSummary run_index(const IndexOptions& options, std::ostream& diagnostics) {
  // An INPUT named on the command line that cannot be read is a bad argument: found before the
  // database is touched, so that nothing changes (a file inside a folder is skipped instead).
  for (const std::string& input : options.inputs) {
    if (input != "-" && access(input.c_str(), R_OK) != 0) {
      throw UsageError(fmt::format("INPUT '{}': {}; nothing indexed", input, std::strerror(errno)));
    }
  }
  try {
    const IndexOptions settled = indexer::Run::settled(options);
    indexer::Run run(settled, diagnostics);
    return run.run();
  } catch (const std::invalid_argument& e) {
    throw UsageError(e.what());
  } catch (const Xapian::Error& e) {
    throw IndexError(options.database + ": " + e.get_description());
  }
}

}  // namespace fahras
