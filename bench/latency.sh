#!/usr/bin/env bash
# Query latency and throughput of fahras against Lucene 4.10, side by side, over the bodies of
# the shared crawl (no titles) and the 200 queries of ../shared/eval/latency.tsv: top 10 with
# snippets, one thread (latency, throughput) and two threads (throughput).
#
#   bench/latency.sh [BUILD_DIR] [--rounds R] [--warm W] [--timed T] [--rebuild] [--json FILE]
#
#   BUILD_DIR   default build/gcc; needs BUILD_DIR/indexer/fahras-index and
#               BUILD_DIR/bench/query_latency (configured with -DFAHRAS_BUILD_BENCH=ON)
#   --rounds R  rounds (default 3); every figure is the median over rounds
#   --warm W    untimed passes over the 200 queries before the timed ones (default 10, see below)
#   --timed T   timed passes (default 1)
#   --rebuild   rebuild the cached databases even when they look current
#   --json FILE also write the raw numbers of every run there
#
# fahras runs bench/query_latency (the public library, fahras::Searcher, plain words, no
# collapsing, snippets on, spelling as by default); Lucene runs bench/lucene/LuceneLatency.java
# (ArabicAnalyzer, BM25, an OR of the query's words, Highlighter snippets) in a JVM with a
# fixed heap (-Xms2g -Xmx2g). The headers of those two files say what each query does and what
# is timed: per query, from the query text to the 10 hits with their snippets, in process.
#
# Each round runs, as separate processes: fahras and Lucene with 1 thread (which goes first
# alternates from round to round), the same with 2 threads (each thread its own Searcher /
# IndexSearcher, the queries round-robin), then fahras --facets with 1 thread. Each run makes W
# untimed passes then T timed ones. Latency percentiles are those of the last pass of the
# 1-thread runs, nearest-rank on the sorted per-query times (pP = the ceil(P/100 * n)-th
# smallest); throughput is queries / wall-clock seconds over the timed passes. Each figure is
# the median over the rounds of that round's value; each ratio is the ratio of the medians.
#
# Why 10 warm passes: this JVM's JIT takes ~7 passes (~1,400 queries) to settle on a 2-core
# machine; after 1 pass Lucene's times are 2-4x slower than its steady state and vary from run
# to run. fahras gets the same warm-up, except in the --facets run: there 1 warm pass (fahras
# has no JIT; its passes after the first run alike), which keeps a round to about a minute.
#
# Data are cached in ${FAHRAS_BENCH_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/fahras-bench}:
# bodies.db (fahras-index --field title= over every ZIP of the crawl; rebuilt when missing or
# older than BUILD_DIR/indexer/fahras-index), bodies.tsv (the same articles' bodies for Lucene,
# from bench/crawl_bodies.py), lucene-index and the compiled classes. The crawl is read from
# $FAHRAS_SHARED or ../shared (relative to the repository).
#
# Exit status: 0 done, 1 a run failed, 2 bad arguments or missing prerequisites.
set -euo pipefail
cd "$(dirname "$0")/.."
command_line="bench/latency.sh $*"
build=build/gcc
if [ $# -gt 0 ] && [ "${1#-}" = "$1" ]; then
  build=$1
  shift
fi
rounds=3
warm=10
timed=1
rebuild=0
json=
count() {  # option value: a whole number >= 1 (or >= 0 for --warm)
  local min=1
  [ "$1" = --warm ] && min=0
  [[ $2 =~ ^[0-9]+$ ]] && [ "$2" -ge "$min" ] || { echo "latency.sh: $1 expects a whole number >= $min, not '$2'" >&2; exit 2; }
}
while [ $# -gt 0 ]; do
  case $1 in
    --rounds|--warm|--timed|--json)
      [ $# -ge 2 ] || { echo "latency.sh: $1 expects a value" >&2; exit 2; }
      case $1 in
        --rounds) count "$1" "$2"; rounds=$2 ;;
        --warm) count "$1" "$2"; warm=$2 ;;
        --timed) count "$1" "$2"; timed=$2 ;;
        --json) json=$2 ;;
      esac
      shift 2 ;;
    --rebuild) rebuild=1; shift ;;
    -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    *) echo "latency.sh: unknown argument '$1' (see --help)" >&2; exit 2 ;;
  esac
done
passes=$((warm + timed))

# Prerequisites.
jars_dir=${LUCENE_JARS:-/usr/share/java}
jars=(lucene-core lucene-analyzers-common lucene-queryparser lucene-queries lucene-highlighter lucene-memory)
missing=()
command -v python3 >/dev/null || missing+=(python3)
{ command -v java >/dev/null && command -v javac >/dev/null; } || missing+=(default-jdk-headless)
classpath=
for jar in "${jars[@]}"; do
  if [ ! -f "$jars_dir/$jar-4.10.4.jar" ]; then
    missing+=(liblucene4.10-java)
    break
  fi
  classpath+="${classpath:+:}$jars_dir/$jar-4.10.4.jar"
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "latency.sh: missing prerequisites; run as root:" >&2
  echo "  apt-get install -y --no-install-recommends ${missing[*]}" >&2
  exit 2
fi
indexer=$build/indexer/fahras-index
query_latency=$build/bench/query_latency
[ -x "$indexer" ] || { echo "latency.sh: $indexer is not built (scripts/build $build ...)" >&2; exit 2; }
if [ ! -x "$query_latency" ]; then
  echo "latency.sh: $query_latency is not built; configure the build with the benchmarks on:" >&2
  echo "  scripts/build $build -DFAHRAS_BUILD_BENCH=ON" >&2
  exit 2
fi
shared=${FAHRAS_SHARED:-../shared}
corpus=$shared/corpora/saudinewsnet
queries=$shared/eval/latency.tsv
zips=("$corpus"/*.zip)
[ -f "${zips[0]}" ] || { echo "latency.sh: no crawl ZIPs in $corpus (set FAHRAS_SHARED)" >&2; exit 2; }
[ -f "$queries" ] || { echo "latency.sh: no $queries (set FAHRAS_SHARED)" >&2; exit 2; }

# Cached data, each built under a temporary name and then renamed, so that an interrupted
# build is not taken for a complete one. Builds are niced; the timed runs are not.
cache=${FAHRAS_BENCH_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/fahras-bench}
mkdir -p "$cache"
stale() {  # target [sources...]: true when the target is missing, --rebuild, or a source is newer
  [ -e "$1" ] || return 0
  [ "$rebuild" = 1 ] && return 0
  local target=$1 source
  shift
  for source in "$@"; do [ "$source" -nt "$target" ] && return 0; done
  return 1
}
log() { echo "latency.sh: $*" >&2; }

db=$cache/bodies.db
if stale "$db" "$indexer"; then
  log "building the fahras database of the crawl bodies in $db"
  rm -rf "$db.tmp"
  status=0
  nice -n 10 "$indexer" --progress off --timezone Asia/Riyadh --no-spelling --field title= --db "$db.tmp" \
    "${zips[@]}" > "$cache/fahras-index.log" 2>&1 || status=$?
  # 1: some records skipped (the crawl has empty bodies), still a complete database.
  if [ "$status" -gt 1 ]; then
    log "fahras-index failed (exit $status); see $cache/fahras-index.log"
    exit 1
  fi
  rm -rf "$db"
  mv "$db.tmp" "$db"
  touch "$db"
fi

bodies=$cache/bodies.tsv
if stale "$bodies" bench/crawl_bodies.py bench/search_quality.py; then
  log "extracting the crawl bodies for Lucene into $bodies"
  nice -n 10 python3 bench/crawl_bodies.py "$shared" > "$bodies.tmp"
  mv "$bodies.tmp" "$bodies"
fi

classes=$cache/classes
if stale "$classes/LuceneLatency.class" bench/lucene/LuceneLatency.java; then
  log "compiling bench/lucene/LuceneLatency.java into $classes"
  rm -rf "$classes"
  mkdir -p "$classes"
  nice -n 10 javac -Xlint:all -d "$classes" -cp "$classpath" bench/lucene/LuceneLatency.java
fi
java_run=(java -Xms2g -Xmx2g -cp "$classes:$classpath" LuceneLatency)

lucene_index=$cache/lucene-index
if stale "$lucene_index" "$bodies" "$classes/LuceneLatency.class"; then
  log "building the Lucene index in $lucene_index"
  rm -rf "$lucene_index.tmp"
  nice -n 10 "${java_run[@]}" index "$lucene_index.tmp" "$bodies" >&2
  rm -rf "$lucene_index"
  mv "$lucene_index.tmp" "$lucene_index"
  touch "$lucene_index"
fi

# The runs.
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
facets_warm=$((warm < 1 ? warm : 1))
run() {  # file system threads
  local file=$out/$1 status=0
  case $2 in
    fahras) "$query_latency" --db "$db" --queries "$queries" --threads "$3" --warm "$warm" --passes "$passes" \
              > "$file" 2> "$file.err" || status=$? ;;
    fahras_facets) "$query_latency" --db "$db" --queries "$queries" --threads "$3" --warm "$facets_warm" \
              --passes "$((facets_warm + timed))" --facets > "$file" 2> "$file.err" || status=$? ;;
    lucene) "${java_run[@]}" search "$lucene_index" "$queries" "$3" "$passes" "$warm" > "$file" 2> "$file.err" ||
              status=$? ;;
  esac
  if [ "$status" -ne 0 ]; then
    log "$2 with $3 thread(s) failed (exit $status):"
    head -5 "$file.err" >&2
    exit 1
  fi
}
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
for round in $(seq 1 "$rounds"); do
  if [ $((round % 2)) -eq 1 ]; then order=(fahras lucene); else order=(lucene fahras); fi
  log "round $round of $rounds: ${order[0]} first"
  for threads in 1 2; do
    for system in "${order[@]}"; do run "r$round-$system-t$threads.tsv" "$system" "$threads"; done
  done
  run "r$round-fahras_facets-t1.tsv" fahras_facets 1
done
load_after=$(cut -d' ' -f1-3 /proc/loadavg)

python3 - "$out" "$rounds" "$warm" "$timed" "$load_before" "$load_after" "$command_line" "$json" <<'EOF'
import datetime, json, math, os, platform, statistics, sys

out, rounds, warm, timed, load_before, load_after, command, json_path = sys.argv[1:]
rounds, warm, timed = int(rounds), int(warm), int(timed)


def nearest_rank(values, p):
    v = sorted(values)
    return v[max(1, math.ceil(p / 100 * len(v))) - 1]


def read(name):
    run = {"ms": [], "zero_hits": 0, "comments": []}
    with open(os.path.join(out, name), encoding="utf-8") as f:
        for line in f:
            fields = line.rstrip("\n").split("\t")
            if line.startswith("#"):
                run["comments"].append(line[1:].strip())
            elif fields[0] == "query":
                run["ms"].append(float(fields[2]))
                run["zero_hits"] += int(fields[3]) == 0
            elif fields[0] == "throughput":
                run["qps"] = float(fields[3])
                run["seconds"] = float(fields[2])
            elif fields[0] == "cpu":
                run["cpu_seconds"] = float(fields[1])
            elif fields[0] == "elapsed_ms_median":
                run["elapsed_ms_median"] = float(fields[1])
            elif fields[0] == "gc":
                run["gc"] = {"collections": int(fields[1]), "ms": int(fields[2])}
    run["cores_used"] = run.get("cpu_seconds", 0) / run["seconds"] if run.get("seconds") else 0
    for p in (50, 95, 99):
        run[f"p{p}"] = nearest_rank(run["ms"], p)
    return run


configs = {"fahras": ("fahras", 1), "lucene": ("lucene", 1), "fahras_2t": ("fahras", 2),
           "lucene_2t": ("lucene", 2), "fahras_facets": ("fahras_facets", 1)}
runs = {key: [read(f"r{r}-{system}-t{threads}.tsv") for r in range(1, rounds + 1)]
        for key, (system, threads) in configs.items()}
med = {key: {m: statistics.median(run[m] for run in rs) for m in ("p50", "p95", "p99", "qps")}
       for key, rs in runs.items()}


def cell(x):
    return f"{x:.2f}" if x < 100 else f"{x:.0f}"


def ratio(a, b):
    return f"{a / b:.2f}×"


def row(name, key, qps2=None):
    m = med[key]
    two = cell(med[qps2]["qps"]) if qps2 else "—"
    return f"| {name} | {cell(m['p50'])} | {cell(m['p95'])} | {cell(m['p99'])} | {cell(m['qps'])} | {two} |"


def ratio_row(name, a, b, a2=None, b2=None):
    cols = [ratio(med[a][m], med[b][m]) for m in ("p50", "p95", "p99", "qps")]
    cols.append(ratio(med[a2]["qps"], med[b2]["qps"]) if a2 else "—")
    return f"| {name} | " + " | ".join(cols) + " |"


cpu = ""
try:
    with open("/proc/cpuinfo") as f:
        cpu = next((l.split(":", 1)[1].strip() for l in f if l.startswith("model name")), "")
except OSError:
    pass
fahras_head = runs["fahras"][0]["comments"][0]
lucene_head = runs["lucene"][0]["comments"][0]
print(f"Query latency, {datetime.date.today().isoformat()}: `{command}`")
print(f"machine: {os.cpu_count()} cores ({cpu or platform.machine()}); load average before "
      f"{load_before}, after {load_after}")
print(fahras_head)
print(lucene_head)
print(f"{len(runs['fahras'][0]['ms'])} queries, top 10 with snippets; {warm} warm passes + {timed} timed "
      f"per run ({min(warm, 1)} warm for --facets); medians of {rounds} round(s); percentiles nearest-rank, last pass, 1 thread")
print()
print("| | p50 ms | p95 ms | p99 ms | q/s, 1 thread | q/s, 2 threads |")
print("|---|---:|---:|---:|---:|---:|")
print(row("fahras", "fahras", "fahras_2t"))
print(row("Lucene 4.10", "lucene", "lucene_2t"))
print(ratio_row("fahras ÷ Lucene", "fahras", "lucene", "fahras_2t", "lucene_2t"))
print(row("fahras --facets", "fahras_facets"))
print(ratio_row("--facets ÷ without", "fahras_facets", "fahras"))
print()


def per_round(key, m):
    return " ".join(cell(run[m]) for run in runs[key])


for key, name in (("fahras", "fahras"), ("lucene", "Lucene"), ("fahras_facets", "fahras --facets")):
    print(f"- {name}, p50 / p99 per round: {per_round(key, 'p50')} / {per_round(key, 'p99')}")
print(f"- q/s with 2 threads per round: fahras {per_round('fahras_2t', 'qps')}; "
      f"Lucene {per_round('lucene_2t', 'qps')}")
print("- cores used in the timed pass (process CPU ÷ wall), 2 threads, per round: fahras "
      + " ".join(f"{run['cores_used']:.2f}" for run in runs["fahras_2t"]) + "; Lucene "
      + " ".join(f"{run['cores_used']:.2f}" for run in runs["lucene_2t"])
      + " (below 2: the threads waited for a core, busy with other work)")
print("- fahras's own elapsed_ms (median, 1 thread) per round: "
      + " ".join(cell(run["elapsed_ms_median"]) for run in runs["fahras"]))
gc = [run.get("gc", {"collections": 0, "ms": 0}) for run in runs["lucene"]]
print("- Lucene GC in the timed pass(es), 1 thread, per round: "
      + ", ".join(f"{g['collections']} collections {g['ms']} ms" for g in gc))
print(f"- queries with no hit: fahras {runs['fahras'][0]['zero_hits']}, "
      f"Lucene {runs['lucene'][0]['zero_hits']} (ArabicAnalyzer drops stop words)")

if json_path:
    with open(json_path, "w", encoding="utf-8") as f:
        json.dump({"date": datetime.date.today().isoformat(), "cores": os.cpu_count(), "cpu": cpu,
                   "load_before": load_before, "load_after": load_after, "command": command,
                   "warm_passes": warm, "timed_passes": timed, "rounds": rounds,
                   "medians": med,
                   "runs": {k: [{m: run[m] for m in run if m != "comments"} for run in rs]
                            for k, rs in runs.items()}},
                  f, ensure_ascii=False, indent=2)
        f.write("\n")
EOF
