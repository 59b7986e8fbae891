#!/usr/bin/env python3
"""Search quality and latency of fahras and its peers, side by side in one run.

    bench/search_quality.py [--build build/gcc] [--only fts5,postgres,fahras]
                            [--sets known,perturbed,arcd,latency] [--json FILE]
    (or bench/search_quality.sh, which checks the prerequisites first)

Reads the evaluation sets and the SaudiNewsNet crawl from ../shared (or $FAHRAS_SHARED, or
--shared) at run time; nothing of them is kept. The sets and metrics are those of
eval/README.md there:

  known, perturbed  titles -> articles, crawl bodies only (no titles); MRR@10, R@10
  arcd              questions -> Wikipedia paragraphs, with every crawl body as a distractor;
                    MRR@10, R@10, R@100
  latency           1-3 word queries against titles + bodies, top 10 with snippets, warm,
                    one thread; p50, p95, p99

Every system gets the same OR query: the words of the query once punctuation and symbols
are blanked out (an ARCD question such as "- من هو ...؟" becomes its bare words).

Systems:
  fts5      SQLite FTS5, tokenize='unicode61 remove_diacritics 2', '"w1" OR "w2" ...',
            ORDER BY rank (= bm25()), which lets FTS5 sort internally so that snippet() is
            computed for the 10 returned rows only. Each index is 'optimize'd after the bulk
            load, as one would do before serving it.
  postgres  PostgreSQL 15, the 'arabic' configuration, a stored tsvector column with a GIN
            index, to_tsquery('arabic', '''w1'' | ''w2'' ...'), ORDER BY ts_rank(tsv, q, 1);
            ts_headline on the top 10 only. A private server is started for the run (initdb
            into a temporary directory, Unix socket there, no TCP) and removed at the end,
            also on failure or Ctrl-C. Settings: fsync off (throwaway data: faster loading,
            no effect on read-only queries), shared_buffers 256MB, JIT off (compiling a plan
            does not pay off on queries this short), no parallel workers (one thread).
  fahras    BUILD/indexer/fahras-index and BUILD/query/fahras-query --batch - --plain
            --no-collapse: one JSON object per query on standard output.

How latency is timed. The 200 queries are run once to warm the caches, then once more, and
only the second pass is measured. SQLite and PostgreSQL are timed the same way, in this
client, around each query's execution up to its last row: for SQLite the execute() and
fetchall() of Python's sqlite3 module (in process); for PostgreSQL from writing the query to
one long-lived psql process (psql -X -A -t over a pipe, \\timing off) to reading the marker
that psql echoes after the last row, so it includes psql's round trip to the server and the
printing of the rows (about 0.1 ms measured on this kind of machine). fahras-query reads all
queries at once in batch mode, so it is not timed per query here: its row gives the
elapsed_ms it reports for each query (parsing, matching, ranking and snippets, in process),
which leaves out writing the JSON line.
"""

import argparse
import datetime
import glob
import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
import unicodedata
import zipfile

SYSTEMS = ("fts5", "postgres", "fahras")
SETS = ("known", "perturbed", "arcd", "latency")
TITLES = {
    "fts5": "SQLite FTS5 (unicode61 remove_diacritics 2, bm25)",
    "postgres": "PostgreSQL 15 (arabic, ts_rank(…, 1))",
    "fahras": "fahras",
}
PG_BIN_DIRS = ("/usr/lib/postgresql/15/bin",)


def log(msg):
    print(msg, file=sys.stderr, flush=True)


# ---------------------------------------------------------------------------------------
# Data


def query_words(text):
    """The plain words of a query: punctuation and symbols become spaces.

    Symbols go too because they are query syntax for both peers (| & ! < > in tsquery,
    " * ^ in FTS5) and carry no Arabic words."""
    return "".join(" " if unicodedata.category(c)[0] in "PS" else c for c in text).split()


def read_tsv(path, header):
    with open(path, encoding="utf-8") as f:
        rows = [line.rstrip("\n").split("\t") for line in f if line.strip()]
    return rows[1:] if header else rows


class Data:
    """The crawl and the evaluation sets, read once and shared by every system."""

    def __init__(self, shared):
        self.shared = shared
        self.corpus_dir = os.path.join(shared, "corpora", "saudinewsnet")
        self.eval_dir = os.path.join(shared, "eval")
        self.zips = sorted(glob.glob(os.path.join(self.corpus_dir, "*.zip")))
        self._crawl = None

    def crawl(self):
        """(url, title, body) of every article, in crawl order; the url is the article id."""
        if self._crawl is None:
            seen = {}
            for z in self.zips:
                with zipfile.ZipFile(z) as archive:
                    for name in archive.namelist():
                        for a in json.loads(archive.read(name)):
                            # A crawl may deliver an article again: the later copy replaces
                            # the earlier, as an indexer keyed by id would do.
                            seen[a["url"]] = (a["url"], a.get("title") or "",
                                              a.get("content") or "")
            self._crawl = list(seen.values())
        return self._crawl

    def known_item(self, name):
        """[(qid, words, {target_url})]"""
        rows = read_tsv(os.path.join(self.eval_dir, name), header=False)
        if rows and rows[0][0] == "qid":
            rows = rows[1:]
        return [(r[0], query_words(r[1]), {r[2]}) for r in rows]

    def arcd(self):
        """passages [(pid, text)], queries [(qid, words, {pid})]"""
        d = os.path.join(self.eval_dir, "arcd_dev")
        passages = [(r[0], r[2]) for r in read_tsv(os.path.join(d, "passages.tsv"), header=True)]
        qrels = {}
        with open(os.path.join(d, "qrels.txt"), encoding="utf-8") as f:
            for line in f:
                parts = line.split()
                if len(parts) == 4 and int(parts[3]) > 0:
                    qrels.setdefault(parts[0], set()).add(parts[2])
        queries = [(r[0], query_words(r[1]), qrels.get(r[0], set()))
                   for r in read_tsv(os.path.join(d, "queries.tsv"), header=True)]
        return passages, [q for q in queries if q[2]]

    def latency(self):
        """[(qid, words, kind)]"""
        rows = read_tsv(os.path.join(self.eval_dir, "latency.tsv"), header=False)
        if rows and rows[0][0] == "qid":
            rows = rows[1:]
        return [(r[0], query_words(r[1]), r[2] if len(r) > 2 else "") for r in rows]


# ---------------------------------------------------------------------------------------
# Metrics


def score(runs, relevant, cutoffs):
    """MRR@10 and recall at each cutoff; runs[i] is the ranked ids for relevant[i]."""
    n = len(runs)
    mrr = 0.0
    recall = {k: 0.0 for k in cutoffs}
    for ranked, rel in zip(runs, relevant):
        for rank, doc in enumerate(ranked[:10], 1):
            if doc in rel:
                mrr += 1.0 / rank
                break
        for k in cutoffs:
            recall[k] += len(rel.intersection(ranked[:k])) / len(rel)
    out = {"mrr@10": mrr / n}
    out.update({f"r@{k}": recall[k] / n for k in cutoffs})
    return out


def percentile(values, p):
    """Linear interpolation between the closest ranks (numpy's default)."""
    v = sorted(values)
    x = (len(v) - 1) * p / 100.0
    lo = int(x)
    hi = min(lo + 1, len(v) - 1)
    return v[lo] + (v[hi] - v[lo]) * (x - lo)


# ---------------------------------------------------------------------------------------
# Systems. Each builds its indexes on first use:
#   bodies  crawl bodies (known, perturbed)
#   arcd    crawl bodies + ARCD paragraphs
#   full    crawl titles + bodies (latency)
# and offers search(index, [words...], k) -> [[id...]] and latency([words...]) -> [ms].


class NotAvailable(Exception):
    """The system cannot run here; the message goes into its row."""


class Fts5:
    def __init__(self, data, tmp):
        self.data, self.tmp, self.dbs = data, tmp, {}

    def _db(self, index):
        if index in self.dbs:
            return self.dbs[index]
        t0 = time.perf_counter()
        path = os.path.join(self.tmp, f"fts5-{index}.db")
        db = sqlite3.connect(path)
        tok = "tokenize='unicode61 remove_diacritics 2'"
        if index == "full":
            db.execute(f"CREATE VIRTUAL TABLE docs USING fts5(id UNINDEXED, title, body, {tok})")
            rows = ((u, t, b) for u, t, b in self.data.crawl())
            db.executemany("INSERT INTO docs VALUES (?, ?, ?)", rows)
        else:
            db.execute(f"CREATE VIRTUAL TABLE docs USING fts5(id UNINDEXED, body, {tok})")
            db.executemany("INSERT INTO docs VALUES (?, ?)",
                           ((u, b) for u, _, b in self.data.crawl()))
            if index == "arcd":
                db.executemany("INSERT INTO docs VALUES (?, ?)", self.data.arcd()[0])
        db.execute("INSERT INTO docs(docs) VALUES ('optimize')")
        db.commit()
        log(f"  fts5: {index} index built in {time.perf_counter() - t0:.1f} s")
        self.dbs[index] = db
        return db

    @staticmethod
    def match(words):
        # Every word an FTS5 string, so that no word is read as syntax (AND, NEAR, col:).
        return " OR ".join('"' + w.replace('"', '""') + '"' for w in words)

    def search(self, index, queries, k):
        db = self._db(index)
        sql = "SELECT id FROM docs WHERE docs MATCH ? ORDER BY rank LIMIT ?"
        return [[r[0] for r in db.execute(sql, (self.match(q), k))] if q else [] for q in queries]

    def latency(self, queries):
        db = self._db("full")
        sql = ("SELECT id, title, snippet(docs, 2, '<b>', '</b>', '…', 24) FROM docs "
               "WHERE docs MATCH ? ORDER BY rank LIMIT 10")
        times = []
        for measured in (False, True):
            for q in queries:
                m = self.match(q)
                t0 = time.perf_counter()
                if q:
                    db.execute(sql, (m,)).fetchall()
                if measured:
                    times.append((time.perf_counter() - t0) * 1000)
        return times

    def close(self):
        for db in self.dbs.values():
            db.close()


def pg_bin(name):
    for d in PG_BIN_DIRS:
        p = os.path.join(d, name)
        if os.access(p, os.X_OK):
            return p
    # /usr/bin/psql is Debian's pg_wrapper, which picks a version by itself: prefer the
    # versioned directory above and fall back to PATH only where there is none.
    return shutil.which(name)


def copy_field(s):
    """A value in COPY's text format."""
    return s.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")


class Postgres:
    MARK = "@@fahras-bench-end@@"

    def __init__(self, data, tmp):
        self.data, self.built, self.psql, self.dir = data, set(), None, None
        bins = {n: pg_bin(n) for n in ("initdb", "pg_ctl", "psql")}
        missing = [n for n, p in bins.items() if not p]
        if missing:
            raise NotAvailable(f"no {', '.join(missing)}: apt-get install -y postgresql-15")
        self.bins = bins
        # initdb refuses to run as root: run the server as the postgres user, in a
        # directory it owns.
        self.as_user = []
        self.dir = tempfile.mkdtemp(prefix="fahras-pg-", dir=tmp)
        if os.geteuid() == 0:
            if not shutil.which("runuser"):
                raise NotAvailable("running as root needs runuser (util-linux)")
            self.as_user = ["runuser", "-u", "postgres", "--"]
            os.chmod(tmp, 0o755)
            shutil.chown(self.dir, "postgres")
        self.pgdata = os.path.join(self.dir, "data")
        self._run([bins["initdb"], "-D", self.pgdata, "-U", "postgres", "--auth=trust",
                   "-E", "UTF8", "--locale=C.UTF-8", "--no-sync"])
        opts = (f"-k {self.dir} -c listen_addresses='' -c shared_buffers=256MB "
                "-c maintenance_work_mem=256MB -c fsync=off -c synchronous_commit=off "
                "-c full_page_writes=off -c jit=off -c max_parallel_workers_per_gather=0")
        self._run([bins["pg_ctl"], "-D", self.pgdata, "-l", os.path.join(self.dir, "server.log"),
                   "-w", "-o", opts, "start"])
        self.started = True
        self.err = open(os.path.join(tmp, "psql.err"), "w+")
        # One psql for the whole run, its own session so that Ctrl-C reaches only us and the
        # cleanup can still talk to the server.
        self.psql = subprocess.Popen(
            [bins["psql"], "-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=0",
             "-h", self.dir, "-U", "postgres", "-d", "postgres"],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=self.err,
            text=True, encoding="utf-8", bufsize=1, start_new_session=True)
        self.sql("SET client_min_messages = warning")

    def _run(self, cmd):
        r = subprocess.run(self.as_user + cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                           text=True, start_new_session=True)
        if r.returncode != 0:
            raise NotAvailable(f"{os.path.basename(cmd[0])} failed: {r.stdout.strip()[-300:]}")

    def sql(self, text):
        """Runs statements and returns psql's output lines up to the end marker."""
        text = text.rstrip().rstrip(";")
        if not text.startswith("\\"):  # a backslash command ends at the line's end
            text += ";"
        self.psql.stdin.write(text + "\n\\echo " + self.MARK + "\n")
        self.psql.stdin.flush()
        out = []
        for line in self.psql.stdout:
            line = line.rstrip("\n")
            if line == self.MARK:
                return out
            out.append(line)
        raise NotAvailable("psql exited: " + self._errors())

    def _errors(self):
        self.err.flush()
        self.err.seek(0)
        return self.err.read().strip()[-500:]

    def _load(self, table, rows):
        path = os.path.join(self.dir, table + ".tsv")
        with open(path, "w", encoding="utf-8") as f:
            for row in rows:
                f.write("\t".join(copy_field(x) for x in row) + "\n")
        self.sql(f"\\copy {table} FROM '{path}'")
        os.remove(path)

    def _table(self, index):
        if index in self.built:
            return
        t0 = time.perf_counter()
        if "crawl" not in self.built:
            self.sql("CREATE UNLOGGED TABLE crawl (id text, title text, body text)")
            self._load("crawl", self.data.crawl())
            self.built.add("crawl")
        # The tsvector is stored in its own column (computed once at load) and indexed
        # with GIN; ts_rank reads it from there.
        if index == "bodies":
            self.sql("CREATE TABLE bodies AS SELECT id, body, to_tsvector('arabic', body) AS tsv "
                     "FROM crawl")
        elif index == "arcd":
            self.sql("CREATE UNLOGGED TABLE passages (id text, body text)")
            self._load("passages", self.data.arcd()[0])
            src = ("SELECT id, body, tsv FROM bodies" if "bodies" in self.built else
                   "SELECT id, body, to_tsvector('arabic', body) FROM crawl")
            self.sql(f"CREATE TABLE arcd AS {src} UNION ALL "
                     "SELECT id, body, to_tsvector('arabic', body) FROM passages")
        else:
            self.sql("CREATE TABLE full_docs AS SELECT id, title, body, "
                     "to_tsvector('arabic', title || ' ' || body) AS tsv FROM crawl")
        name = self.name(index)
        self.sql(f"CREATE INDEX ON {name} USING gin (tsv)")
        self.sql(f"VACUUM ANALYZE {name}")
        errors = self._errors()
        if errors:
            raise NotAvailable("loading failed: " + errors)
        log(f"  postgres: {index} table built in {time.perf_counter() - t0:.1f} s")
        self.built.add(index)

    @staticmethod
    def name(index):
        return "full_docs" if index == "full" else index

    @staticmethod
    def tsquery(words):
        # Each word a quoted lexeme, joined by |: a real OR, and the 'arabic' configuration
        # still normalizes and stems every word. Words hold no quote (punctuation is gone).
        q = " | ".join("'" + w + "'" for w in words)
        return "to_tsquery('arabic', '" + q.replace("'", "''") + "')"

    def search(self, index, queries, k):
        self._table(index)
        out = []
        for q in queries:
            if not q:
                out.append([])
                continue
            out.append(self.sql(f"SELECT id FROM {self.name(index)}, {self.tsquery(q)} q "
                                f"WHERE tsv @@ q ORDER BY ts_rank(tsv, q, 1) DESC LIMIT {k}"))
        return out

    def latency(self, queries):
        self._table("full")
        times = []
        for measured in (False, True):
            for q in queries:
                sql = ("SELECT id, title, ts_headline('arabic', body, q, "
                       "'StartSel=<b>, StopSel=</b>, MaxWords=24, MinWords=12') "
                       f"FROM (SELECT id, title, body, q FROM full_docs, {self.tsquery(q)} q "
                       "WHERE tsv @@ q ORDER BY ts_rank(tsv, q, 1) DESC LIMIT 10) top")
                t0 = time.perf_counter()
                if q:
                    self.sql(sql)
                if measured:
                    times.append((time.perf_counter() - t0) * 1000)
        return times

    def close(self):
        if self.psql and self._errors():
            log("postgres: psql reported: " + self._errors())
        if self.psql:
            try:
                # An idle psql ends at once on end of input; one still busy (interrupted
                # run) is killed, and pg_ctl's fast stop cancels its statement.
                self.psql.stdin.close()
                self.psql.wait(timeout=2)
            except (OSError, subprocess.TimeoutExpired):
                self.psql.kill()
        if getattr(self, "started", False):
            subprocess.run(self.as_user + [self.bins["pg_ctl"], "-D", self.pgdata, "-m", "fast",
                                           "-w", "stop"],
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        if self.dir:
            shutil.rmtree(self.dir, ignore_errors=True)


class Fahras:
    def __init__(self, data, tmp, build):
        self.data, self.tmp, self.dbs = data, tmp, {}
        self.index_tool = os.path.join(build, "indexer", "fahras-index")
        self.query_tool = os.path.join(build, "query", "fahras-query")
        for tool in (self.query_tool, self.index_tool):
            if not os.access(tool, os.X_OK):
                raise NotAvailable("fahras: not built")

    def _db(self, index):
        if index in self.dbs:
            return self.dbs[index]
        t0 = time.perf_counter()
        path = os.path.join(self.tmp, f"fahras-{index}")
        cmd = [self.index_tool, "--progress", "off", "--timezone", "Asia/Riyadh", "--no-spelling"]
        if index != "full":
            cmd += ["--field", "title="]
        cmd += ["--db", path] + self.data.zips
        if index == "arcd":
            jsonl = os.path.join(self.tmp, "arcd-passages.jsonl")
            with open(jsonl, "w", encoding="utf-8") as f:
                for pid, text in self.data.arcd()[0]:
                    f.write(json.dumps({"id": pid, "title": "", "content": text},
                                       ensure_ascii=False) + "\n")
            cmd.append(jsonl)
        r = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        # Exit status 1 is "some records skipped" (the crawl has empty bodies): still a
        # usable database.
        if r.returncode not in (0, 1):
            raise NotAvailable(f"fahras-index failed ({r.returncode}): {r.stdout.strip()[-300:]}")
        log(f"  fahras: {index} database built in {time.perf_counter() - t0:.1f} s")
        self.dbs[index] = path
        return path

    def _batch(self, index, queries, k):
        """The JSON answer to each query, in order; empty queries are not sent."""
        sent = [" ".join(q) for q in queries if q]
        r = subprocess.run([self.query_tool, "--db", self._db(index), "--batch", "-", "--plain",
                            "--no-collapse", "--limit", str(k)],
                           input="".join(s + "\n" for s in sent), stdout=subprocess.PIPE,
                           stderr=subprocess.PIPE, text=True, encoding="utf-8")
        answers = [json.loads(line) for line in r.stdout.splitlines() if line.strip()]
        if r.returncode != 0 or len(answers) != len(sent):
            raise NotAvailable(f"fahras-query: exit {r.returncode}, {len(answers)} answers to "
                               f"{len(sent)} queries: {r.stderr.strip()[-300:]}")
        errors = [a for a in answers if "error" in a]
        if errors:
            log(f"  fahras: {len(errors)} queries answered with an error, e.g. {errors[0]}")
        it = iter(answers)
        return [next(it) if q else {"hits": []} for q in queries]

    def search(self, index, queries, k):
        # A crawl article is named by its url, an ARCD paragraph by its id.
        keys = ("id", "url") if index == "arcd" else ("url", "id")
        return [[h.get(keys[0]) or h.get(keys[1]) for h in a.get("hits", [])]
                for a in self._batch(index, queries, k)]

    def latency(self, queries):
        present = [q for q in queries if q]
        # One process, the set twice: the first pass warms it, the second is measured.
        answers = self._batch("full", present + present, 10)[len(present):]
        # A query answered with an error is left out (_batch has said so) if it has no time.
        times = [float(a["elapsed_ms"]) for a in answers if "elapsed_ms" in a]
        if not times:
            raise NotAvailable(f"fahras-query reports no elapsed_ms, e.g. {answers[0]}")
        return times

    def close(self):
        pass


# ---------------------------------------------------------------------------------------
# Run and report


def main():
    repo = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--build", default="build/gcc",
                    help="fahras build directory (default build/gcc)")
    ap.add_argument("--only", default=",".join(SYSTEMS),
                    help="systems, comma-separated: " + ",".join(SYSTEMS))
    ap.add_argument("--sets", default=",".join(SETS),
                    help="sets, comma-separated: " + ",".join(SETS))
    ap.add_argument("--json", metavar="FILE", help="also write the figures as JSON")
    ap.add_argument("--shared",
                    default=os.environ.get("FAHRAS_SHARED", os.path.join(repo, "..", "shared")),
                    help="the shared folder (default $FAHRAS_SHARED or ../shared)")
    args = ap.parse_args()
    systems = [s for s in args.only.split(",") if s]
    sets = [s for s in args.sets.split(",") if s]
    bad = [s for s in systems if s not in SYSTEMS] + [s for s in sets if s not in SETS]
    if bad:
        ap.error("unknown: " + ", ".join(bad))
    build = args.build if os.path.isabs(args.build) else os.path.join(repo, args.build)

    data = Data(os.path.abspath(args.shared))
    if not data.zips:
        sys.exit(f"no corpus at {data.corpus_dir} (set FAHRAS_SHARED or --shared)")

    # SIGTERM ends the run like Ctrl-C, through the finally below that stops the server.
    signal.signal(signal.SIGTERM, interrupted)
    tmp = tempfile.mkdtemp(prefix="fahras-quality-")
    makers = {"fts5": lambda: Fts5(data, tmp), "postgres": lambda: Postgres(data, tmp),
              "fahras": lambda: Fahras(data, tmp, build)}
    engines, results = {}, {}
    try:
        for name in systems:
            log(f"{name}: starting")
            try:
                engines[name] = makers[name]()
            except NotAvailable as e:
                engines[name] = str(e)  # its rows show why
        for s in sets:
            results[s] = evaluate(s, data, engines)
    finally:
        for eng in engines.values():
            if not isinstance(eng, str):
                eng.close()
        shutil.rmtree(tmp, ignore_errors=True)

    report(results, data, sets, systems, args.json)


def evaluate(s, data, engines):
    """The figures of every system on one set."""
    if s == "latency":
        qs = data.latency()
        out = {"queries": len(qs), "systems": {}}
        for name, eng in engines.items():
            log(f"{name}: latency ({len(qs)} queries, twice)")
            out["systems"][name] = run(name, eng, lambda: latency_figures(
                eng.latency([q[1] for q in qs])))
        return out
    index, qs, cutoffs = {
        "known": ("bodies", data.known_item("known_item_dev.tsv"), (10,)),
        "perturbed": ("bodies", data.known_item("known_item_perturbed_dev.tsv"), (10,)),
        "arcd": ("arcd", data.arcd()[1], (10, 100)),
    }[s]
    out = {"queries": len(qs), "empty": sum(1 for q in qs if not q[1]), "systems": {}}
    for name, eng in engines.items():
        log(f"{name}: {s} ({len(qs)} queries)")
        out["systems"][name] = run(name, eng, lambda: score(
            eng.search(index, [q[1] for q in qs], max(cutoffs)), [q[2] for q in qs], cutoffs))
    return out


def interrupted(signum, frame):
    raise KeyboardInterrupt


def run(name, eng, fn):
    if isinstance(eng, str):
        return {"error": eng}
    try:
        return fn()
    except NotAvailable as e:
        log(f"{name}: {e}")
        return {"error": str(e)}


def latency_figures(times):
    figures = {f"p{p}": percentile(times, p) for p in (50, 95, 99)}
    figures["measured"] = len(times)
    return figures


def report(results, data, sets, systems, json_path):
    docs = len(data.crawl())
    heads = {
        "known": f"Known-item: titles → articles, crawl bodies only ({docs:,} articles)",
        "perturbed": f"Known-item, perturbed titles → articles, crawl bodies only ({docs:,})",
        "arcd": f"ARCD: questions → paragraphs, with {docs:,} crawl bodies as distractors",
        "latency": f"Latency: top 10 with snippets, warm, one thread, titles + bodies ({docs:,})",
    }
    names = {"mrr@10": "MRR@10", "r@10": "R@10", "r@100": "R@100",
             "p50": "p50 ms", "p95": "p95 ms", "p99": "p99 ms"}
    print(f"Search quality and latency, {datetime.date.today().isoformat()}, "
          f"{os.cpu_count()} cores; every system gets the OR of the query's words.\n")
    for s in sets:
        r = results[s]
        print(f"### {heads[s]} — {r['queries']} queries\n")
        cols = {"latency": ("p50", "p95", "p99"), "arcd": ("mrr@10", "r@10", "r@100")}.get(
            s, ("mrr@10", "r@10"))
        print("| system | " + " | ".join(names[c] for c in cols) + " |")
        print("|---|" + "---|" * len(cols))
        for name in systems:
            f = r["systems"][name]
            title = TITLES[name] + (" ¹" if s == "latency" and name == "fahras" else "")
            if "error" in f:
                print(f"| {title} | {f['error']} |" + " |" * (len(cols) - 1))
            else:
                fmt = "{:.1f}" if s == "latency" else "{:.3f}"
                print(f"| {title} | " + " | ".join(fmt.format(f[c]) for c in cols) + " |")
        if s == "latency":
            print("\nfts5 and postgres are timed in this client around each query, postgres "
                  "through one psql over a pipe.")
            if "fahras" in systems:
                print("¹ fahras: the elapsed_ms that fahras-query reports for each query.")
        elif r.get("empty"):
            print(f"\n{r['empty']} queries have no words left and count as misses.")
        print()
    if json_path:
        with open(json_path, "w", encoding="utf-8") as f:
            json.dump({"date": datetime.date.today().isoformat(), "cores": os.cpu_count(),
                       "crawl_articles": docs, "sets": results}, f, ensure_ascii=False, indent=2)
            f.write("\n")


if __name__ == "__main__":
    try:
        main()
    except KeyboardInterrupt:
        log("interrupted")
        sys.exit(130)
