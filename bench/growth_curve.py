#!/usr/bin/env python3
"""The growth curve: fahras from the shared crawl's size to a million articles.

    bench/growth_curve.py [--build build/gcc] [--sizes 30000,300000,1000000]
                          [--layouts single,shards,remote] [--work DIR] [--keep] [--reuse]
                          [--merge-single-from N] [--json FILE] [--plot FILE.png]

For each size N it makes a corpus of N articles from the SaudiNewsNet crawl (../shared, or
$FAHRAS_SHARED, or --shared), indexes it, and reports per layout: indexing docs/s, the
indexer's peak RSS, the database size (total and KiB per article), and query latency p50/p99
over the 200 queries of ../shared/eval/latency.tsv.

The corpora (deterministic, the same on every run and machine):
  copy 0     the crawl's articles as crawled, in file order (31,030; the 30K point is its first
             30,000);
  copy k>=1  every article again, re-mixed so that it is a new article with realistic term
             statistics: a new id (its URL + "/copy-k"), its date shifted by k quarters (91
             days: the curve's archive spans about eight years at 1M), its title and source
             kept, and its body made of its own sentences alternating with the sentences of a
             partner article (a fixed pseudo-random permutation per copy), cut to its own
             length. Near-duplicate detection therefore sees new stories, not copies.
  A corpus of N articles is the first N of copy 0, copy 1, ...: each point contains the
  previous one. Written as JSON Lines (gzip, level 1) in the work folder, 10,000 a file.

Layouts:
  single   fahras-index --db single (one database; a parallel first build);
  shards   fahras-index --db shards --shard-by hash:4 (a shard set of 4 databases);
  remote   the 4 shards served by two xapian-tcpsrv processes on 127.0.0.1 (two shards
           each), searched through a stub file with two `remote tcp` lines.
With --merge-single-from N, from N articles on the single database is not indexed but made
by merging the shards with xapian-compact (the same documents; saves one build at large N):
its row then has no indexing figures.

With --reuse, a database kept by an earlier run with --keep (in the same --work folder) is
not built again: its indexing figures are read from that run's /usr/bin/time log
(WORK/time-LAYOUT-N.txt), and the latencies are measured anew with the current --build. This
re-measures queries after a change to the query library without hours of indexing. A build
that was interrupted (its last log is of a run killed or failed) is carried on with --reuse:
fahras-index resumes it (its catalog knows which articles are in), logged in
WORK/time-LAYOUT-N-resume-K.txt; its docs/s is then over the runs' wall clocks added up
(each resumed run first re-reads the inputs it skips) and its peak RSS the largest of them.
A single database merged from the shards is reused while it is newer than the shard set's
manifest (WORK/single-N.merged marks a merge that finished).

Latency: bench/query_latency (the public library, top 10 with snippets, plain words, one
thread), one warm pass then one timed pass over the 200 queries; p50/p99 are nearest-rank
over the timed pass. Indexing: /usr/bin/time -v around fahras-index (wall clock, maximum
resident set size). Sizes: du of the database folder(s) (for the shard set, the shards and
the indexer's own catalog).

Output: a Markdown table on standard output, --json with every figure, and a PNG plot
(--plot, default docs/growth-curve.png) drawn with matplotlib (Debian: python3-matplotlib).
Needs BUILD/indexer/fahras-index, BUILD/bench/query_latency (configure with
-DFAHRAS_BUILD_BENCH=ON), /usr/bin/time (Debian: time), xapian-tcpsrv and xapian-compact
(Debian: xapian-tools).

Exit status: 0 done, 1 a run failed, 2 bad arguments or missing prerequisites.
"""

import argparse
import datetime
import glob
import gzip
import json
import os
import random
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import zipfile

COPY_SHIFT_DAYS = 91
FILE_ARTICLES = 10_000
LAYOUTS = ("single", "shards", "remote")
SENTENCE_END = re.compile(r"(?<=[.!?؟\n])\s+")
DATE_FORMAT = "%Y-%m-%d %H:%M:%S"


def log(message):
    print(message, file=sys.stderr, flush=True)


class Failure(Exception):
    """A run that failed (exit status 1)."""


# ---------------------------------------------------------------------------------------
# Corpora


def crawl_articles(shared):
    corpus = os.path.join(shared, "corpora", "saudinewsnet")
    files = sorted(glob.glob(os.path.join(corpus, "*.zip")))
    if not files:
        raise SystemExit(f"growth_curve.py: no crawl at {corpus} (set FAHRAS_SHARED or --shared)")
    articles = []
    for path in files:
        with zipfile.ZipFile(path) as archive:
            for member in archive.namelist():
                articles.extend(json.loads(archive.read(member)))
    return articles


def sentences(text):
    return [s for s in SENTENCE_END.split(text) if s.strip()]


def remixed(article, partner, copy):
    """Article `article` as copy `copy` (>= 1): new id, shifted date, body re-mixed with `partner`."""
    out = dict(article)
    out["url"] = f"{article['url']}/copy-{copy}"
    stamp = datetime.datetime.strptime(article["date_extracted"], DATE_FORMAT)
    out["date_extracted"] = (stamp + datetime.timedelta(days=COPY_SHIFT_DAYS * copy)).strftime(DATE_FORMAT)
    own, other = sentences(article.get("content", "")), sentences(partner.get("content", ""))
    limit = len(article.get("content", ""))
    body, size = [], 0
    for i in range(max(len(own), len(other))):
        for source in (own, other):
            if i < len(source) and size < limit:
                body.append(source[i])
                size += len(source[i]) + 1
    out["content"] = " ".join(body)
    return out


def corpus_articles(crawl, count):
    """The first `count` articles of copy 0, copy 1, ... (see the module's help)."""
    n = len(crawl)
    produced = 0
    copy = 0
    while produced < count:
        if copy == 0:
            partners = None
        else:
            partners = list(range(n))
            random.Random(f"fahras-growth-{copy}").shuffle(partners)
        for i in range(min(n, count - produced)):
            yield crawl[i] if copy == 0 else remixed(crawl[i], crawl[partners[i]], copy)
        produced += min(n, count - produced)
        copy += 1


def write_corpus(crawl, count, folder):
    """Writes the corpus of `count` articles into `folder` (kept when complete)."""
    marker = os.path.join(folder, ".complete")
    if os.path.exists(marker):
        return
    shutil.rmtree(folder, ignore_errors=True)
    os.makedirs(folder)
    log(f"growth: writing the corpus of {count:,} articles in {folder}")
    out = None
    for k, article in enumerate(corpus_articles(crawl, count)):
        if k % FILE_ARTICLES == 0:
            if out:
                out.close()
            out = gzip.open(os.path.join(folder, f"part-{k // FILE_ARTICLES:04d}.jsonl.gz"), "wt",
                            encoding="utf-8", compresslevel=1)
        out.write(json.dumps(article, ensure_ascii=False))
        out.write("\n")
    if out:
        out.close()
    open(marker, "w").close()


# ---------------------------------------------------------------------------------------
# Measuring


def timed(command, log_path):
    """Runs `command` under /usr/bin/time -v, its report in `log_path` (see time_figures)."""
    with open(log_path, "w") as err:
        result = subprocess.run(["/usr/bin/time", "-v", *command], stdout=subprocess.DEVNULL, stderr=err)
    if result.returncode != 0:
        raise Failure(f"{' '.join(command)} exited {result.returncode}; see {log_path}")


def finished(log_path):
    """Whether a /usr/bin/time -v log is of a run that ended with exit status 0 (GNU time also
    says "Exit status: 0" under "Command terminated by signal N")."""
    try:
        text = open(log_path).read()
    except OSError:
        return False
    return re.search(r"^\s*Exit status: 0$", text, re.M) is not None and "Command terminated by signal" not in text


def time_logs(work, layout, count):
    """The /usr/bin/time logs of one build: WORK/time-LAYOUT-N.txt, then one
    WORK/time-LAYOUT-N-resume-K.txt (K = 1, 2, ...) per run that carried on an interrupted one."""
    first = os.path.join(work, f"time-{layout}-{count}.txt")
    if not os.path.exists(first):
        return []
    logs = [first]
    while os.path.exists(path := os.path.join(work, f"time-{layout}-{count}-resume-{len(logs)}.txt")):
        logs.append(path)
    return logs


def time_figures(log_path):
    """(wall seconds, peak RSS MiB) from a /usr/bin/time -v log; None when it has no figures."""
    text = open(log_path).read()
    wall_match = re.search(r"Elapsed \(wall clock\) time.*: (\S+)", text)
    rss_match = re.search(r"Maximum resident set size \(kbytes\): (\d+)", text)
    if not wall_match or not rss_match:
        return None
    wall = wall_match.group(1)
    seconds = 0.0
    for part in wall.split(":"):
        seconds = seconds * 60 + float(part)
    rss_kib = int(rss_match.group(1))
    return seconds, rss_kib / 1024


def folder_bytes(path):
    total = 0
    for root, _, files in os.walk(path):
        for name in files:
            total += os.path.getsize(os.path.join(root, name))
    return total


def nearest_rank(values, percent):
    ordered = sorted(values)
    rank = max(1, -(-len(ordered) * percent // 100))
    return ordered[int(rank) - 1]


def latency(query_latency, db, queries):
    """p50, p99 (ms) of one timed pass after one warm pass."""
    result = subprocess.run([query_latency, "--db", db, "--queries", queries, "--warm", "1", "--passes", "2"],
                            capture_output=True, text=True)
    if result.returncode != 0:
        raise Failure(f"query_latency --db {db} exited {result.returncode}: {result.stderr.strip()}")
    times = [float(line.split("\t")[2]) for line in result.stdout.splitlines() if line.startswith("query\t")]
    if not times:
        raise Failure(f"query_latency --db {db} timed no query")
    return nearest_rank(times, 50), nearest_rank(times, 99)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Servers:
    """Two xapian-tcpsrv processes on loopback, each serving half of the shards."""

    def __init__(self, shards, stub_path):
        self.processes = []
        halves = [shards[0::2], shards[1::2]]
        lines = []
        for half in halves:
            port = free_port()
            # A session of its own: on SIGTERM xapian-tcpsrv signals its whole process group.
            process = subprocess.Popen(["xapian-tcpsrv", "--interface", "127.0.0.1", "--port", str(port), *half],
                                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
            self.processes.append(process)
            lines.append(f"remote tcp 127.0.0.1 {port}")
            self.wait_for(port, process)
        with open(stub_path, "w") as stub:
            stub.write("\n".join(lines) + "\n")

    @staticmethod
    def wait_for(port, process):
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if process.poll() is not None:
                raise Failure(f"xapian-tcpsrv on port {port} exited {process.returncode}")
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                return
            except OSError:
                time.sleep(0.2)
        raise Failure(f"xapian-tcpsrv on port {port} did not listen within 30 s")

    def __enter__(self):
        return self

    def __exit__(self, *_):
        for process in self.processes:
            process.send_signal(signal.SIGTERM)
        for process in self.processes:
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()


def shard_paths(shard_set):
    with open(os.path.join(shard_set, "fahras-shards.json"), encoding="utf-8") as f:
        manifest = json.load(f)
    return [os.path.join(shard_set, shard["path"]) for shard in manifest["shards"]]


# ---------------------------------------------------------------------------------------
# One point of the curve


def measure_point(args, crawl, count):
    work = os.path.abspath(args.work)
    corpus = os.path.join(work, f"corpus-{count}")
    write_corpus(crawl, count, corpus)
    inputs = sorted(glob.glob(os.path.join(corpus, "*.jsonl.gz")))
    index = os.path.join(args.build, "indexer", "fahras-index")
    query_latency = os.path.join(args.build, "bench", "query_latency")
    queries = os.path.join(args.shared, "eval", "latency.tsv")
    common = [index, "--progress", "off", "--timezone", "Asia/Riyadh"]
    rows = []
    single = os.path.join(work, f"single-{count}")
    shards = os.path.join(work, f"shards-{count}")

    def index_row(layout, db, extra):
        command = [*common, "--db", db, *extra, *inputs]
        logs = time_logs(work, layout, count)
        if args.reuse and os.path.isdir(db) and logs:
            if finished(logs[-1]):
                log(f"growth: reusing {db} (indexing figures from {', '.join(logs)})")
            else:  # fahras-index carries on where the interrupted run stopped
                logs.append(os.path.join(work, f"time-{layout}-{count}-resume-{len(logs)}.txt"))
                log(f"growth: resuming the interrupted build of {db} ({logs[-1]})")
                timed(command, logs[-1])
        else:
            shutil.rmtree(db, ignore_errors=True)
            for old in logs:
                os.remove(old)
            logs = [os.path.join(work, f"time-{layout}-{count}.txt")]
            log(f"growth: indexing {count:,} articles ({layout})")
            timed(command, logs[0])
        runs = [time_figures(path) for path in logs]
        size = folder_bytes(db)
        row = {"articles": count, "layout": layout, "index_seconds": None, "docs_per_second": None,
               "peak_rss_mib": None, "size_mib": round(size / 2**20, 1),
               "kib_per_article": round(size / 1024 / count, 2), "index_runs": len(runs)}
        if None in runs:
            log(f"growth: no indexing figures for {db}: {logs[runs.index(None)]} has none "
                "(/usr/bin/time itself was stopped)")
            return row
        seconds = sum(wall for wall, _ in runs)
        row.update(index_seconds=round(seconds, 1), docs_per_second=round(count / seconds, 1),
                   peak_rss_mib=round(max(peak for _, peak in runs), 1))
        return row

    wanted = set(args.layouts)
    merge_single = args.merge_single_from is not None and count >= args.merge_single_from
    if "shards" in wanted or "remote" in wanted or merge_single:
        shard_row = index_row("shards", shards, ["--shard-by", "hash:4"])
    if "single" in wanted:
        if merge_single:
            merged = single + ".merged"  # written once xapian-compact has finished
            manifest = os.path.join(shards, "fahras-shards.json")  # written when the shard build ends
            if (args.reuse and os.path.isdir(single) and os.path.exists(merged)
                    and os.path.getmtime(merged) >= os.path.getmtime(manifest)):
                log(f"growth: reusing {single}")
            else:
                shutil.rmtree(single, ignore_errors=True)
                if os.path.exists(merged):
                    os.remove(merged)
                log(f"growth: merging the {count:,}-article shards into one database (xapian-compact)")
                result = subprocess.run(["xapian-compact", "--multipass", *shard_paths(shards), single],
                                        stdout=subprocess.DEVNULL)
                if result.returncode != 0:
                    raise Failure(f"xapian-compact of {shards} into {single} exited {result.returncode}")
                open(merged, "w").close()
            size = folder_bytes(single)
            row = {"articles": count, "layout": "single (merged shards)", "index_seconds": None,
                   "docs_per_second": None, "peak_rss_mib": None, "size_mib": round(size / 2**20, 1),
                   "kib_per_article": round(size / 1024 / count, 2)}
        else:
            row = index_row("single", single, [])
        row["p50_ms"], row["p99_ms"] = latency(query_latency, single, queries)
        rows.append(row)
    if "shards" in wanted:
        row = dict(shard_row)
        row["p50_ms"], row["p99_ms"] = latency(query_latency, shards, queries)
        rows.append(row)
    if "remote" in wanted:
        stub = os.path.join(work, f"remote-{count}.stub")
        with Servers(shard_paths(shards), stub):
            p50, p99 = latency(query_latency, stub, queries)
        rows.append({"articles": count, "layout": "remote (2 xapian-tcpsrv, 4 shards)", "index_seconds": None,
                     "docs_per_second": None, "peak_rss_mib": None, "size_mib": shard_row["size_mib"],
                     "kib_per_article": shard_row["kib_per_article"], "p50_ms": p50, "p99_ms": p99})
    if not args.keep:
        for path in (single, shards):
            shutil.rmtree(path, ignore_errors=True)
    for row in rows:
        log("growth: " + json.dumps(row, ensure_ascii=False))
    return rows


# ---------------------------------------------------------------------------------------
# Report


def cell(value, digits=1):
    if value is None:
        return "—"
    if isinstance(value, float):
        return f"{value:,.{digits}f}"
    return f"{value:,}"


def table(rows):
    lines = ["| articles | layout | docs/s | peak RSS MiB | size MiB | KiB/article | p50 ms | p99 ms |",
             "|---:|---|---:|---:|---:|---:|---:|---:|"]
    for r in rows:
        lines.append(f"| {r['articles']:,} | {r['layout']} | {cell(r['docs_per_second'], 0)} | {cell(r['peak_rss_mib'], 0)} "
                     f"| {cell(r['size_mib'])} | {cell(r['kib_per_article'], 2)} | {cell(r['p50_ms'], 2)} "
                     f"| {cell(r['p99_ms'], 2)} |")
    return "\n".join(lines)


def plot(rows, path):
    try:
        import matplotlib
        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        log("growth: no plot: matplotlib is missing (apt-get install -y python3-matplotlib)")
        return False
    figure, grid = plt.subplots(2, 2, figsize=(12, 8))
    latency_ax, rate_ax, memory_ax, size_ax = grid.flatten()
    def series(row):  # the merged single database continues the single database's line
        return row["layout"].removesuffix(" (merged shards)")

    layouts = []
    for r in rows:
        if series(r) not in layouts:
            layouts.append(series(r))
    for layout in layouts:
        mine = [r for r in rows if series(r) == layout]
        x = [r["articles"] for r in mine]
        line, = latency_ax.plot(x, [r["p99_ms"] for r in mine], marker="o", label=f"{layout} p99")
        latency_ax.plot(x, [r["p50_ms"] for r in mine], marker=".", linestyle="--", color=line.get_color(),
                        label=f"{layout} p50")
        size_ax.plot(x, [r["kib_per_article"] for r in mine], marker="o", label=layout)
        indexed = [r for r in mine if r["docs_per_second"] is not None]
        if indexed:
            rate_ax.plot([r["articles"] for r in indexed], [r["docs_per_second"] for r in indexed], marker="o",
                         label=layout)
            memory_ax.plot([r["articles"] for r in indexed], [r["peak_rss_mib"] for r in indexed], marker="o",
                           label=layout)
    latency_ax.axhline(50, color="grey", linewidth=0.8)
    latency_ax.set_title("query latency, ms (grey: the 50 ms target)")
    rate_ax.set_title("indexing, articles per second")
    memory_ax.set_title("indexer peak RSS, MiB")
    size_ax.set_title("database size, KiB per article")
    for ax in grid.flatten():
        ax.set_xscale("log")
        ax.set_xlabel("articles")
        ax.set_ylim(bottom=0)
        ax.grid(True, alpha=0.3)
        ax.legend(fontsize=7)
    figure.tight_layout()
    figure.savefig(path, dpi=110)
    return True


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--build", default="build/gcc")
    parser.add_argument("--shared", default=os.environ.get("FAHRAS_SHARED", "../shared"))
    parser.add_argument("--sizes", default="30000,300000,1000000")
    parser.add_argument("--layouts", default=",".join(LAYOUTS))
    parser.add_argument("--work", default=os.path.join(os.environ.get("XDG_CACHE_HOME", os.path.expanduser("~/.cache")),
                                                       "fahras-bench", "growth"))
    parser.add_argument("--keep", action="store_true", help="keep the databases (the corpora are always kept)")
    parser.add_argument("--reuse", action="store_true",
                        help="use the databases an earlier --keep run left, with its indexing figures")
    parser.add_argument("--merge-single-from", type=int, metavar="N",
                        help="from N articles on, make the single database by merging the shards")
    parser.add_argument("--json")
    parser.add_argument("--plot", default="docs/growth-curve.png")
    args = parser.parse_args()
    try:
        sizes = [int(s) for s in args.sizes.split(",")]
        if any(s < 1 for s in sizes):
            raise ValueError
    except ValueError:
        parser.error(f"--sizes takes whole numbers >= 1 separated by commas, not '{args.sizes}'")
    args.layouts = args.layouts.split(",")
    for layout in args.layouts:
        if layout not in LAYOUTS:
            parser.error(f"--layouts: unknown layout '{layout}' (known: {', '.join(LAYOUTS)})")
    needed = [os.path.join(args.build, "indexer", "fahras-index"), os.path.join(args.build, "bench", "query_latency")]
    for path in needed:
        if not os.access(path, os.X_OK):
            log(f"growth_curve.py: {path} is not built (configure with -DFAHRAS_BUILD_BENCH=ON)")
            return 2
    for tool, package in (("/usr/bin/time", "time"), ("xapian-tcpsrv", "xapian-tools"), ("xapian-compact", "xapian-tools")):
        if not shutil.which(tool):
            log(f"growth_curve.py: needs {tool}: apt-get install -y {package}")
            return 2
    os.makedirs(args.work, exist_ok=True)
    crawl = crawl_articles(args.shared)
    rows = []
    try:
        for count in sizes:
            rows.extend(measure_point(args, crawl, count))
    except Failure as e:
        log(f"growth_curve.py: {e}")
        return 1
    print(f"Command: bench/growth_curve.py --sizes {args.sizes} --layouts {','.join(args.layouts)}"
          f"{f' --merge-single-from {args.merge_single_from}' if args.merge_single_from else ''}"
          f"{' --reuse' if args.reuse else ''}")
    print(table(rows))
    if args.json:
        with open(args.json, "w", encoding="utf-8") as f:
            json.dump(rows, f, indent=1, ensure_ascii=False)
    if args.plot and plot(rows, args.plot):
        log(f"growth: plot in {args.plot}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
