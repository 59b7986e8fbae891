#!/usr/bin/env bash
# Checks that a shared library exports only the public API of its headers: every defined
# dynamic symbol (demangled) is in namespace fahras (or its typeinfo, vtable or thunk), and every
# name in its qualified name (fahras::Searcher::search) is a name the public headers declare
# (comments left out), the pimpl classes (X::Impl) excepted. An internal class or function, a
# std:: template instance or a third-party symbol fails. Usage: exported_symbols_check.sh LIBRARY PUBLIC_HEADER...
set -uo pipefail
library=$1
shift

# The identifiers of the public headers, comments stripped.
names=$(sed -e 's://.*$::' "$@" | perl -0pe 's:/\*.*?\*/::gs' | grep -oE '[A-Za-z_][A-Za-z0-9_]*' | sort -u)
symbols=$(nm -D --defined-only "$library" | awk '$2 != "A" {print $3}' | c++filt | sort -u)
count=$(grep -c . <<<"$symbols")
if ! grep -q '^fahras::Searcher::search(' <<<"$symbols"; then
  echo "FAIL $library does not export fahras::Searcher::search"
  exit 1
fi
bad=$(while IFS= read -r symbol; do
  name=$(sed -E -e 's/^(typeinfo name for |typeinfo for |vtable for |VTT for |(non-)?virtual thunk to )//' \
                -e 's/@@?[A-Za-z0-9_.]*$//' -e 's/\[abi:[a-z0-9]*\]//g' <<<"$symbol")
  if [[ $name != fahras::* ]]; then
    echo "$symbol"
    continue
  fi
  # The qualified name before its parameters or template arguments: fahras::A::B. A pimpl
  # class is named by its public class but is no part of the API.
  qualified=${name%%[(<]*}
  if [[ $qualified == *::Impl::* || $qualified == *::Impl ]]; then
    echo "$symbol"
    continue
  fi
  IFS=':' read -ra parts <<<"${qualified//::/:}"
  for part in "${parts[@]}"; do
    part=${part#\~}
    part=${part%% *}  # "operator==" and friends
    [[ -z $part || $part == operator* ]] && continue
    grep -qxF "$part" <<<"$names" || { echo "$symbol"; break; }
  done
done <<<"$symbols")
if [[ -n $bad ]]; then
  echo "FAIL $library exports symbols outside the public headers:"
  echo "$bad" | head -40
  exit 1
fi
echo "ok   $library exports $count symbols, all of the public API"
