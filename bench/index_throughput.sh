#!/usr/bin/env bash
# Indexes the shared crawl (../shared/corpora/saudinewsnet, 31,030 articles in daily ZIPs)
# with fahras-index and its peers, one after the other in the same run, and prints a table:
# docs/s, MB/s of input text, peak RSS (/usr/bin/time -v), database size.
#
#   bench/index_throughput.sh [BUILD_DIR]     (default build/gcc; build it with scripts/test or scripts/build)
#   REPEAT=3 bench/index_throughput.sh        fahras's first run and Xapian's baseline, interleaved
#                                             3 times: medians and the ratio of the medians
#
# Peers: Xapian's own baseline (bench/xapian_baseline_index.cpp: TermGenerator + Stem("arabic"),
# default settings); the same documents written by two Xapian writers on partial databases
# committed every 1,000 documents and merged by the compactor (Xapian alone, no analysis: what
# the machine allows); SQLite FTS5 (unicode61 remove_diacritics 2), for reference.
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build/gcc}
shared=${FAHRAS_SHARED:-../shared}
corpus="$shared/corpora/saudinewsnet"
for tool in /usr/bin/time sqlite3 unzip bc; do
  command -v "$tool" >/dev/null || { echo "needs $tool: apt-get install -y time sqlite3 unzip bc" >&2; exit 2; }
done
[ -d "$corpus" ] || { echo "no corpus at $corpus (set FAHRAS_SHARED)" >&2; exit 2; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

articles=31030
repeat=${REPEAT:-1}
text_mb=$(unzip -p "$corpus"/\*.zip | wc -c | awk '{printf "%.1f", $1/1e6}')
rows=()
measure() {  # name db_path command...
  local name=$1 db=$2
  shift 2
  /usr/bin/time -v "$@" >"$tmp/out.txt" 2>"$tmp/time.txt" || true
  local wall rss size
  wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {n=split($2,t,":"); s=0; for(i=1;i<=n;i++) s=s*60+t[i]; print s}' "$tmp/time.txt")
  rss=$(awk -F': ' '/Maximum resident set size/ {printf "%.0f", $2/1024}' "$tmp/time.txt")
  size=$(du -sm "$db" | cut -f1)
  last_wall=$wall
  rows+=("$(printf '| %-44s | %7.1f | %7.0f | %6.1f | %8s | %7s |' "$name" "$wall" \
    "$(echo "$articles / $wall" | bc -l)" "$(echo "$text_mb / $wall" | bc -l)" "$rss" "$size")")
}

median() { printf '%s\n' "$@" | sort -g | awk '{v[NR]=$1} END {print (NR%2) ? v[(NR+1)/2] : (v[NR/2]+v[NR/2+1])/2}'; }

fahras="$build/indexer/fahras-index"
baseline="$build/bench/xapian_baseline_index"
fahras_walls=()
baseline_walls=()
for ((r = 1; r <= repeat; r++)); do
  rm -rf "$tmp/fahras" "$tmp/xapian"
  measure "fahras-index (first run)" "$tmp/fahras" \
    "$fahras" --progress off --timezone Asia/Riyadh --db "$tmp/fahras" --stats-json "$tmp/stats.json" "$corpus"
  fahras_walls+=("$last_wall")
  measure "Xapian baseline (TermGenerator, Stem arabic)" "$tmp/xapian" "$baseline" "$tmp/xapian"
  baseline_walls+=("$last_wall")
done
cp "$tmp/stats.json" "$tmp/first-stats.json"
measure "fahras-index (re-run, nothing changed)" "$tmp/fahras" \
  "$fahras" --progress off --timezone Asia/Riyadh --db "$tmp/fahras" "$corpus"
measure "fahras-index --writers 1 (one Xapian writer)" "$tmp/fahras-one" \
  "$fahras" --progress off --timezone Asia/Riyadh --writers 1 --db "$tmp/fahras-one" "$corpus"
measure "fahras-index --no-spelling" "$tmp/fahras-nospell" \
  "$fahras" --progress off --timezone Asia/Riyadh --no-spelling --db "$tmp/fahras-nospell" "$corpus"
measure "Xapian alone: 2 writers, commit every 1000" "$tmp/xapian-2" "$baseline" "$tmp/xapian-2" --writers 2 --flush 1000

mkdir -p "$tmp/json"
for z in "$corpus"/*.zip; do unzip -q -o "$z" -d "$tmp/json"; done
{
  echo "CREATE VIRTUAL TABLE docs USING fts5(url UNINDEXED, title, content, tokenize='unicode61 remove_diacritics 2');"
  echo "BEGIN;"
  for f in "$tmp"/json/*.json; do
    echo "INSERT INTO docs SELECT json_extract(value,'\$.url'), json_extract(value,'\$.title'), json_extract(value,'\$.content') FROM json_each(readfile('$f'));"
  done
  echo "COMMIT;"
} >"$tmp/fts.sql"
measure "SQLite FTS5 (unicode61 remove_diacritics 2)" "$tmp/fts.db" sqlite3 "$tmp/fts.db" ".read $tmp/fts.sql"

echo "SaudiNewsNet: $articles articles, $text_mb MB of JSON; $(nproc) cores"
printf '| %-44s | %7s | %7s | %6s | %8s | %7s |\n' "indexer" "wall s" "docs/s" "MB/s" "peak MiB" "DB MiB"
printf '|%s|%s|%s|%s|%s|%s|\n' "----------------------------------------------" "---------" "---------" "--------" "----------" "---------"
printf '%s\n' "${rows[@]}"
if ((repeat > 1)); then
  f=$(median "${fahras_walls[@]}")
  b=$(median "${baseline_walls[@]}")
  echo
  echo "interleaved $repeat times: fahras-index first run ${fahras_walls[*]} s (median $f), Xapian baseline ${baseline_walls[*]} s (median $b)"
fi
f=$(median "${fahras_walls[@]}")
b=$(median "${baseline_walls[@]}")
printf 'fahras-index docs/s over the Xapian baseline: %.2fx\n' "$(echo "$b / $f" | bc -l)"
echo
echo "fahras-index first run summary:"
cat "$tmp/first-stats.json"
