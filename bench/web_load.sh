#!/usr/bin/env bash
# Load on fahras-web: wrk on loopback, over the query mix of ../shared/eval/latency.tsv (top 10
# with snippets, cycled), once on a quiet database and once while fahras-index adds articles to
# the same database (each of its commits is picked up by the server's searchers); then
# fahras-query --batch over the same queries, for its throughput on one core.
#
#   bench/web_load.sh [--build DIR] [--db PATH] [--duration S] [--connections N] [--threads N]
#
# Without --db, a database of the shared crawl is built in a temporary folder from all its daily
# ZIPs but the last 8, which the second run adds while wrk runs. With --db the database is only
# read: the second run is skipped. Prints requests/s, p50/p90/p99 latency and errors (non-2xx
# answers included) for each run. Needs wrk and python3 (to URL-encode the queries).
set -euo pipefail
cd "$(dirname "$0")/.."
build=build/gcc
db=
duration=30
connections=32
threads=64
while [ $# -gt 0 ]; do
  case $1 in
    --build) build=$2; shift 2 ;;
    --db) db=$2; shift 2 ;;
    --duration) duration=$2; shift 2 ;;
    --connections) connections=$2; shift 2 ;;
    --threads) threads=$2; shift 2 ;;
    *) echo "web_load.sh: unknown argument '$1'" >&2; exit 2 ;;
  esac
done
shared=${FAHRAS_SHARED:-../shared}
[ -d "$shared" ] || shared=/work/shared
latency="$shared/eval/latency.tsv"
corpus="$shared/corpora/saudinewsnet"
for tool in wrk python3; do
  command -v "$tool" >/dev/null || { echo "web_load.sh: missing $tool (apt-get install -y $tool)" >&2; exit 2; }
done
for bin in "$build/query/web/fahras-web" "$build/indexer/fahras-index" "$build/query/fahras-query"; do
  [ -x "$bin" ] || { echo "web_load.sh: $bin is not built" >&2; exit 2; }
done
[ -f "$latency" ] || { echo "web_load.sh: no $latency" >&2; exit 2; }

tmp=$(mktemp -d)
server_pid=
indexer_pid=
cleanup() {
  [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null
  [ -n "$indexer_pid" ] && kill "$indexer_pid" 2>/dev/null && wait "$indexer_pid" 2>/dev/null
  rm -rf "$tmp"
}
trap cleanup EXIT

cut -f2 "$latency" > "$tmp/queries.txt"
python3 -c 'import sys, urllib.parse
for line in open(sys.argv[1], encoding="utf-8"):
    print(urllib.parse.quote(line.rstrip("\n"), safe=""))' "$tmp/queries.txt" > "$tmp/queries.url"
echo "queries: $(wc -l < "$tmp/queries.txt") from $latency; wrk: $connections connections, ${duration} s; fahras-web --threads $threads; $(nproc) cores"

held_back=()
if [ -z "$db" ]; then
  db="$tmp/db"
  mapfile -t zips < <(ls "$corpus"/*.zip | sort)
  keep=$(( ${#zips[@]} - 8 ))
  held_back=("${zips[@]:$keep}")
  echo "building a database of $keep daily ZIPs of $corpus ..."
  "$build/indexer/fahras-index" --progress off --db "$db" "${zips[@]:0:$keep}" > "$tmp/index.log" 2>&1 || [ $? -eq 1 ]
  tail -1 "$tmp/index.log"
fi

"$build/query/web/fahras-web" --db "$db" --port 0 --threads "$threads" 2> "$tmp/server.log" &
server_pid=$!
for _ in $(seq 1 500); do
  grep -q 'listening on' "$tmp/server.log" && break
  sleep 0.02
done
port=$(sed -n 's|.*listening on http://127.0.0.1:\([0-9]*\)/.*|\1|p' "$tmp/server.log")
[ -n "$port" ] || { echo "web_load.sh: fahras-web did not start:" >&2; cat "$tmp/server.log" >&2; exit 2; }
url="http://127.0.0.1:$port"
curl -sf "$url/health" > /dev/null 2>&1 || true

# Warm: every query once.
FAHRAS_WEB_QUERIES="$tmp/queries.url" wrk -t 1 -c 1 -d 3s -s bench/web_load.lua "$url" > /dev/null

run_wrk() {
  FAHRAS_WEB_QUERIES="$tmp/queries.url" wrk -t 2 -c "$connections" -d "${duration}s" --timeout 10s \
    -s bench/web_load.lua "$url" | sed -n '/^requests\/s:/,$p'
}

echo
echo "## quiet"
run_wrk

if [ ${#held_back[@]} -gt 0 ]; then
  echo
  echo "## while fahras-index adds ${#held_back[@]} daily ZIPs (--commit-every 200)"
  before=$(curl -s "$url/health")
  "$build/indexer/fahras-index" --progress off --commit-every 200 --db "$db" "${held_back[@]}" > "$tmp/index2.log" 2>&1 &
  indexer_pid=$!
  run_wrk
  wait "$indexer_pid" || [ $? -eq 1 ]
  indexer_pid=
  echo "health before: $before"
  echo "health after:  $(curl -s "$url/health")"
  tail -1 "$tmp/index2.log"
fi

kill -TERM "$server_pid"
wait "$server_pid" && echo "fahras-web stopped, exit 0" || echo "fahras-web exit $?"
server_pid=
grep -c ' 200 ' "$tmp/server.log" | sed 's/^/access-log lines with 200: /'
{ grep -v ' 200 ' "$tmp/server.log" | grep -v -e 'listening on' -e 'stopping' -e 'stopped' || true; } | head -5

echo
echo "## fahras-query --batch, one process (one core), the same queries 5 times"
for _ in 1 2 3 4 5; do cat "$tmp/queries.txt"; done > "$tmp/batch.txt"
n=$(wc -l < "$tmp/batch.txt")
start=$(date +%s.%N)
"$build/query/fahras-query" --db "$db" --limit 10 --batch "$tmp/batch.txt" > /dev/null
end=$(date +%s.%N)
python3 -c "import sys; s=float(sys.argv[2])-float(sys.argv[1]); print(f'{int(sys.argv[3])} queries in {s:.2f} s: {int(sys.argv[3])/s:.1f} queries/s on one core')" "$start" "$end" "$n"
