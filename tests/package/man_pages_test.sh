#!/usr/bin/env bash
# Renders each generated man page with man-db and groff, as a reader's `man` would; any warning
# (a roff mistake, a line that cannot be set) fails. Usage: man_pages_test.sh DIR PAGE...
set -uo pipefail
dir=$1
shift
status=0
for page in "$@"; do
  if [[ ! -s $dir/$page ]]; then
    echo "FAIL $page: not generated in $dir"
    status=1
    continue
  fi
  warnings=$(MANROFFSEQ='' MANWIDTH=80 man --warnings -l "$dir/$page" 2>&1 >/dev/null)
  if [[ -n $warnings ]]; then
    echo "FAIL $page: warnings while rendering:"
    echo "$warnings"
    status=1
    continue
  fi
  # The page says what it is about: NAME names it, and section 1 pages list --version.
  text=$(MANWIDTH=80 man -l "$dir/$page" 2>/dev/null)
  name=${page%.*}
  if ! grep -q "^ *$name - " <<<"$text"; then
    echo "FAIL $page: no NAME line '$name - ...'"
    status=1
  elif [[ $page == *.1 ]] && ! grep -q -- '--version' <<<"$text"; then
    echo "FAIL $page: --version is not documented"
    status=1
  else
    echo "ok   $page"
  fi
done
exit $status
