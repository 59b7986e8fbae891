#!/usr/bin/env python3
"""Related articles on the shared crawl: a table to judge by reading, and related()'s latency.

    bench/related_table.py --db DB [--build build/gcc] [--shared DIR] [--every 1500] [--count 20]
                           [--top 3] [--latency N]

DB is a database of the whole crawl, e.g.
    nice build/gcc/indexer/fahras-index --progress off --timezone Asia/Riyadh --db DB \\
        ../shared/corpora/saudinewsnet/*.zip

The articles are those of bench/search_quality.py's Data.crawl (a later copy of an article
replacing an earlier one; empty bodies left out, as fahras-index skips them), sorted by URL
(their id); every --every-th is taken, from the first, --count of them. For each, the table
(markdown, on standard output) gives its title and the titles of its --top related articles
from `fahras-query --related URL`.

--latency N: Searcher::related's own time (the response's elapsed_ms) for every
(articles / N)-th article, through fahras-web on a loopback port (one Searcher kept warm, as a
service keeps it): one untimed pass, then one timed pass, one request at a time, top 10 with
snippets; p50 and p99 are nearest-rank over the timed pass (pP = the ceil(P/100 * n)-th
smallest). Also the wall time per request as the client saw it.
"""

import argparse
import json
import math
import os
import re
import subprocess
import sys
import time
import urllib.parse
import urllib.request

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from search_quality import Data  # noqa: E402


def log(msg):
    print(msg, file=sys.stderr, flush=True)


def short(title, width=40):
    title = " ".join(title.split()).replace("|", "/")
    return title if len(title) <= width else title[: width - 1] + "…"


def articles(shared):
    data = Data(os.path.abspath(shared))
    if not data.zips:
        sys.exit(f"related_table.py: no ZIPs in {data.corpus_dir} (give --shared)")
    kept = [(url, title) for url, title, body in data.crawl() if " ".join(body.split()) and url.strip()]
    kept.sort()
    return kept


def percentile(values, p):
    ordered = sorted(values)
    return ordered[max(0, math.ceil(p / 100 * len(ordered)) - 1)]


def table(query_bin, db, picked, top):
    print("| # | article | " + " | ".join(f"related {i + 1}" for i in range(top)) + " |")
    print("|---|---|" + "---|" * top)
    for n, (url, title) in enumerate(picked, 1):
        run = subprocess.run([query_bin, "--db", db, "--related", url, "--jsonl", "--limit", str(top)],
                             capture_output=True, text=True)
        if run.returncode not in (0, 1):
            sys.exit(f"related_table.py: fahras-query --related {url}: {run.stderr.strip()}")
        hits = [json.loads(line) for line in run.stdout.splitlines() if line.strip()]
        cells = [short(h["title"]) for h in hits] + [""] * (top - len(hits))
        print(f"| {n} | {short(title)} | " + " | ".join(cells) + " |")


def latency(web_bin, db, urls):
    server = subprocess.Popen([web_bin, "--db", db, "--host", "127.0.0.1", "--port", "0", "--threads", "1"],
                              stderr=subprocess.PIPE, text=True)
    try:
        port = None
        while port is None:
            line = server.stderr.readline()
            if not line:
                sys.exit("related_table.py: fahras-web ended before listening")
            m = re.search(r"listening on http://[^:]+:(\d+)/", line)
            if m:
                port = int(m.group(1))
        base = f"http://127.0.0.1:{port}/related?limit=10&id="

        def one(url):
            start = time.perf_counter()
            with urllib.request.urlopen(base + urllib.parse.quote(url, safe=""), timeout=60) as reply:
                body = json.load(reply)
            return body["elapsed_ms"], (time.perf_counter() - start) * 1000

        for url in urls:  # untimed
            one(url)
        timed = [one(url) for url in urls]
    finally:
        server.terminate()
        server.wait()
    library = [t[0] for t in timed]
    wall = [t[1] for t in timed]
    print()
    print(f"related() over {len(urls)} articles, top 10 with snippets, warm: "
          f"p50 {percentile(library, 50):.1f} ms, p99 {percentile(library, 99):.1f} ms "
          f"(client wall time p50 {percentile(wall, 50):.1f} ms, p99 {percentile(wall, 99):.1f} ms)")


def main():
    repo = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--db", required=True)
    parser.add_argument("--build", default=os.path.join(repo, "build", "gcc"))
    parser.add_argument("--shared", default=os.environ.get("FAHRAS_SHARED", os.path.join(repo, "..", "shared")))
    parser.add_argument("--every", type=int, default=1500)
    parser.add_argument("--count", type=int, default=20)
    parser.add_argument("--top", type=int, default=3)
    parser.add_argument("--latency", type=int, default=0, metavar="N")
    args = parser.parse_args()
    query_bin = os.path.join(args.build, "query", "fahras-query")
    web_bin = os.path.join(args.build, "query", "web", "fahras-web")
    crawl = articles(args.shared)
    log(f"related_table.py: {len(crawl)} articles in the crawl")
    picked = crawl[:: args.every][: args.count]
    table(query_bin, args.db, picked, args.top)
    if args.latency > 0:
        step = max(1, len(crawl) // args.latency)
        latency(web_bin, args.db, [url for url, _ in crawl[::step][: args.latency]])


if __name__ == "__main__":
    main()
