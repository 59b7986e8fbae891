#!/usr/bin/env python3
"""Ranking levers measured on the dev sets, each against a baseline, with paired significance.

    bench/ranking_eval.py [--build build/gcc] [--dbs DIR] [--rebuild]
                          [--sets known,perturbed,arcd]
                          [--variant NAME=FAHRAS_QUERY_ARGS]... [--per-query FILE]

Each variant is a set of extra fahras-query options (for example `all="--rank all"` or
`no-lead="--rank all,-lead"`); the first is the baseline the others are compared with.
Without --variant: the defaults against `--rank none` and each lever switched off alone.

The sets, indexes and metrics are those of bench/search_quality.py (eval/README.md in
../shared): known-item and perturbed known-item over the crawl's bodies (no titles), ARCD
questions over the ARCD paragraphs plus every crawl body. The databases are built once
into --dbs (default ~/.cache/fahras-bench/ranking) and reused until --rebuild, so rebuild
after changing the indexer.

Significance: for each variant and set, the per-query differences of reciprocal rank
against the baseline, a two-sided paired randomization test (sign flips, 20,000 draws,
fixed seed) and the counts of queries that gained and lost. A gain is called significant
at p < 0.05.
"""

import argparse
import json
import os
import random
import shutil
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import search_quality as sq  # noqa: E402

LEVERS = ("lead", "proximity", "entities", "weights", "feedback")


def log(msg):
    print(msg, file=sys.stderr, flush=True)


class Databases(sq.Fahras):
    """search_quality's fahras databases (the same fahras-index command), kept in `root` and
    reused until --rebuild; a database is reused only once its build has completed."""

    def __init__(self, data, build, root, rebuild):
        if rebuild:
            shutil.rmtree(root, ignore_errors=True)
        os.makedirs(root, exist_ok=True)
        super().__init__(data, root, build)

    def path(self, index):
        done = os.path.join(self.tmp, f"fahras-{index}.complete")
        if os.path.exists(done):
            return os.path.join(self.tmp, f"fahras-{index}")
        shutil.rmtree(os.path.join(self.tmp, f"fahras-{index}"), ignore_errors=True)
        try:
            path = self._db(index)
        except sq.NotAvailable as e:
            sys.exit(str(e))
        open(done, "w").close()
        return path


def run_variant(query_tool, db, queries, args, k):
    """Ranked ids per query (crawl articles by url, ARCD paragraphs by id)."""
    sent = [" ".join(q) for q in queries if q]
    cmd = [query_tool, "--db", db, "--batch", "-", "--plain", "--no-collapse", "--limit", str(k)]
    cmd += args.split()
    r = subprocess.run(cmd, input="".join(s + "\n" for s in sent), stdout=subprocess.PIPE,
                       stderr=subprocess.PIPE, text=True, encoding="utf-8")
    answers = [json.loads(line) for line in r.stdout.splitlines() if line.strip()]
    if r.returncode != 0 or len(answers) != len(sent):
        sys.exit(f"{' '.join(cmd)}: exit {r.returncode}, {len(answers)} answers to {len(sent)} "
                 f"queries: {r.stderr.strip()[-300:]}")
    it = iter(answers)
    answers = [next(it) if q else {"hits": []} for q in queries]
    runs = [[h.get("id") or h.get("url") for h in a.get("hits", [])] for a in answers]
    return runs


def reciprocal_ranks(runs, relevant):
    out = []
    for ranked, rel in zip(runs, relevant):
        rr = 0.0
        for rank, doc in enumerate(ranked[:10], 1):
            if doc in rel:
                rr = 1.0 / rank
                break
        out.append(rr)
    return out


def randomization_p(diffs, draws=20000, seed=1):
    """Two-sided p of a paired sign-flip randomization test on the mean difference."""
    observed = abs(sum(diffs))
    nonzero = [d for d in diffs if d != 0]
    if not nonzero:
        return 1.0
    rng = random.Random(seed)
    hits = 0
    for _ in range(draws):
        s = sum(d if rng.random() < 0.5 else -d for d in nonzero)
        if abs(s) >= observed - 1e-12:
            hits += 1
    return (hits + 1) / (draws + 1)


def main():
    repo = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--build", default="build/gcc")
    ap.add_argument("--dbs", default=os.path.expanduser("~/.cache/fahras-bench/ranking"))
    ap.add_argument("--rebuild", action="store_true", help="index the databases again")
    ap.add_argument("--sets", default="known,perturbed,arcd")
    ap.add_argument("--variant", action="append", default=[], metavar="NAME=ARGS")
    ap.add_argument("--per-query", metavar="FILE", help="write each query's reciprocal ranks (JSON)")
    ap.add_argument("--shared",
                    default=os.environ.get("FAHRAS_SHARED", os.path.join(repo, "..", "shared")))
    args = ap.parse_args()
    build = args.build if os.path.isabs(args.build) else os.path.join(repo, args.build)
    query_tool = os.path.join(build, "query", "fahras-query")
    if not os.access(query_tool, os.X_OK):
        sys.exit(f"{query_tool}: not built")
    data = sq.Data(os.path.abspath(args.shared))
    if not data.zips:
        sys.exit(f"no corpus at {data.corpus_dir} (set FAHRAS_SHARED or --shared)")
    variants = []
    for v in args.variant or (["defaults=", "none=--rank none"]
                              + [f"no-{lever}=--rank default,-{lever}" for lever in LEVERS]):
        name, sep, extra = v.partition("=")
        if not sep or not name:
            ap.error(f"--variant {v}: expected NAME=ARGS")
        variants.append((name, extra))
    sets = [s for s in args.sets.split(",") if s]
    dbs = Databases(data, build, args.dbs, args.rebuild)
    table, per_query = [], {}
    for s in sets:
        index, qs = {"known": ("bodies", lambda: data.known_item("known_item_dev.tsv")),
                     "perturbed": ("bodies", lambda: data.known_item("known_item_perturbed_dev.tsv")),
                     "arcd": ("arcd", lambda: data.arcd()[1])}[s]
        qs = qs()
        db = dbs.path(index)
        relevant = [q[2] for q in qs]
        base = None
        for name, extra in variants:
            runs = run_variant(query_tool, db, [q[1] for q in qs], extra, 100)
            rr = reciprocal_ranks(runs, relevant)
            figures = sq.score(runs, relevant, (10, 100) if s == "arcd" else (10,))
            per_query.setdefault(name, {})[s] = dict(zip((q[0] for q in qs), rr))
            row = {"set": s, "variant": name, "args": extra, **figures}
            if base is None:
                base = rr
            else:
                diffs = [a - b for a, b in zip(rr, base)]
                row.update(delta=sum(diffs) / len(diffs), p=randomization_p(diffs),
                           gained=sum(1 for d in diffs if d > 0), lost=sum(1 for d in diffs if d < 0))
            table.append(row)
            log(f"{s} {name}: MRR@10 {figures['mrr@10']:.3f}")
    print(f"| set | variant | MRR@10 | R@10 | R@100 | Δ MRR vs {variants[0][0]} | p | gained/lost "
          "|")
    print("|---|---|---:|---:|---:|---:|---:|---:|")
    for r in table:
        delta = f"{r['delta']:+.3f}" if "delta" in r else ""
        p = f"{r['p']:.3f}" if "p" in r else ""
        gl = f"{r['gained']}/{r['lost']}" if "gained" in r else ""
        r100 = f"{r['r@100']:.3f}" if "r@100" in r else ""
        print(f"| {r['set']} | {r['variant']} | {r['mrr@10']:.3f} | {r['r@10']:.3f} | {r100} | "
              f"{delta} | {p} | {gl} |")
    if args.per_query:
        with open(args.per_query, "w", encoding="utf-8") as f:
            json.dump(per_query, f, ensure_ascii=False)


if __name__ == "__main__":
    main()
