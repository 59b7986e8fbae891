#!/usr/bin/env bash
# Entity tagging quality and speed (issue 6): exact-span, exact-type F1 on PERS/LOC/ORG (MISC
# ignored, conlleval-style) for the gazetteer alone, the rules alone, both, and each rule family
# switched off or on; then the recognizer's tokens/s on one thread. Also checks that the
# fahras-tag program gives the same figure as the library (it tags through the same function).
#
#   bench/ner_eval.sh [BUILD_DIR] [CONLL_FILE]
#
# BUILD_DIR defaults to build/gcc; CONLL_FILE to ../shared/eval/ner_dev/anercorp_train_range.conll
# (ANERcorp, research use only: measured here, never copied into the project).
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build/gcc}
conll=${2:-${FAHRAS_SHARED:-../shared}/eval/ner_dev/anercorp_train_range.conll}
cmake --build "$build" --target ner_eval fahras-tag -j2 >/dev/null
if [[ ! -r $conll ]]; then
  echo "ner_eval.sh: $conll: not readable (set FAHRAS_SHARED or pass the file)" >&2
  exit 77
fi
"$build/bench/ner_eval" --conll "$conll" --crawl "${NER_CRAWL_ARTICLES:-3000}"

# The command-line route: fahras-tag's output, scored by the same scorer.
tmp=$(mktemp)
trap 'rm -f "$tmp"' EXIT
start=$(date +%s.%N)
"$build/common/fahras-tag" --conll "$conll" >"$tmp"
end=$(date +%s.%N)
echo
echo "fahras-tag --conll (whole program, reading and writing included): $(wc -l <"$tmp") lines in $(echo "$end - $start" | bc) s"
paste -d' ' <(cut -d' ' -f1 "$tmp") <(cut -d' ' -f2 "$tmp") | awk 'NF' | cut -d' ' -f2 | sort | uniq -c | sort -rn | head -7
