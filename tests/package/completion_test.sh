#!/usr/bin/env bash
# Sources each program's bash completion in a plain bash (no bash-completion package needed) and
# asks it what a user's Tab would: an option from its first letters, and an option's values.
# Also checks the completion offers exactly the options the program's --help lists.
# Usage: completion_test.sh COMPLETION_DIR PROGRAM=BINARY...
set -uo pipefail
dir=$1
shift
status=0
fail() {
  echo "FAIL $*"
  status=1
}

# complete PROGRAM WORD... : the candidates for the last WORD, one a line, sorted.
complete_words() {
  local program=$1
  shift
  (
    # shellcheck source=/dev/null
    source "$dir/$program" || exit 1
    local function
    function=$(complete -p "$program" | sed -n 's/.*-F \([^ ]*\) .*/\1/p')
    [[ -n $function ]] || exit 1
    COMP_WORDS=("$program" "$@")
    COMP_CWORD=$#
    COMP_LINE="${COMP_WORDS[*]}"
    COMP_POINT=${#COMP_LINE}
    COMPREPLY=()
    "$function" "$program" "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD - 1]}"
    printf '%s\n' "${COMPREPLY[@]}" | sort
  )
}

# expect PROGRAM "EXPECTED CANDIDATES" WORD...
expect() {
  local program=$1 expected=$2
  shift 2
  local got
  got=$(complete_words "$program" "$@" | tr '\n' ' ' | sed 's/ $//')
  if [[ $got == "$expected" ]]; then
    echo "ok   $program $*<Tab> -> $got"
  else
    fail "$program $*<Tab>: expected '$expected', got '$got'"
  fi
}

expect fahras-query "--limit" --li
expect fahras-query "newest" --sort ne
expect fahras-query "newest" --sort = ne
expect fahras-query "--version" --db news.db --vers
expect fahras-index "--no-entities --no-spelling" --no-
expect fahras-index "snowball" --stemmer sn
expect fahras-index "lines" --progress li
expect fahras-analyze "--keep-hamza" --ke
expect fahras-analyze "light" --stemmer li
expect fahras-tag "--government" --gov
expect fahras-tag "given-names" --no-rule gi
expect fahras-web "--time-limit-ms" --ti
expect fahras-web "0.0.0.0" --host 0.

# The completion's options are the program's: every option --help lists, and no other.
for pair in "$@"; do
  program=${pair%%=*}
  binary=${pair#*=}
  [[ -r $dir/$program ]] || { fail "$program: no completion file in $dir"; continue; }
  help=$("$binary" --help 2>&1)
  listed=$(grep -oE -- '(^|[ ,(])--[a-z][a-z0-9-]+' <<<"$help" | sed 's/^[ ,(]//' | sort -u)
  offered=$(complete_words "$program" -- | sed -n 's/^\(--[a-z].*\)/\1/p' | sort -u)
  if [[ $listed == "$offered" ]]; then
    echo "ok   $program: the completion offers the $(wc -l <<<"$listed") options of --help"
  else
    fail "$program: --help and the completion differ (< --help, > completion):"
    diff <(echo "$listed") <(echo "$offered")
  fi
done
exit $status
