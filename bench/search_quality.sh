#!/usr/bin/env bash
# Search quality (known-item, perturbed known-item, ARCD) and latency of fahras, SQLite FTS5
# and PostgreSQL 15 full-text search, side by side in one run: one Markdown table per set.
# Checks the prerequisites, then runs bench/search_quality.py (its header says what is
# measured and how).
#
#   bench/search_quality.sh [BUILD_DIR] [search_quality.py options]     (default build/gcc)
#   bench/search_quality.sh build/gcc --only fts5,postgres --sets known,latency --json out.json
#
# Reads ../shared (or FAHRAS_SHARED). fahras needs BUILD_DIR/indexer/fahras-index and
# BUILD_DIR/query/fahras-query; without them its rows say "fahras: not built".
set -euo pipefail
cd "$(dirname "$0")/.."
build=build/gcc
if [ $# -gt 0 ] && [ "${1#-}" = "$1" ]; then
  build=$1
  shift
fi

# PostgreSQL is needed only when it is among the systems (all by default).
only=fts5,postgres,fahras
prev=
for a in "$@"; do
  case $a in
    --only=*) only=${a#--only=} ;;
    *) [ "$prev" = --only ] && only=$a ;;
  esac
  prev=$a
done

missing=()
if ! command -v python3 >/dev/null; then
  missing+=(python3)
# The script talks to SQLite through python3's sqlite3 module (the sqlite3 shell is not
# needed); Debian's SQLite library has FTS5 built in.
elif ! python3 -c 'import sqlite3
sqlite3.connect(":memory:").execute("CREATE VIRTUAL TABLE t USING fts5(x)")' 2>/dev/null; then
  missing+=(python3 libsqlite3-0)
fi
if [[ ,$only, == *,postgres,* ]]; then
  for tool in initdb pg_ctl psql; do
    if [ ! -x "/usr/lib/postgresql/15/bin/$tool" ] && ! command -v "$tool" >/dev/null; then
      missing+=(postgresql-15)
      break
    fi
  done
fi
if [ ${#missing[@]} -gt 0 ]; then
  echo "missing prerequisites: apt-get install -y ${missing[*]}" >&2
  exit 2
fi

exec python3 bench/search_quality.py --build "$build" "$@"
