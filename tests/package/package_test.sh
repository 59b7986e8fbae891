#!/usr/bin/env bash
# The installed fahras as a user gets it: `cmake --install` of this build into a temporary
# prefix, the installed fahras-index on the samples, samples/embed built against the prefix with
# CMake (static and shared) and with pkg-config (fahras.pc: shared; fahras-static.pc: static),
# each run on that database; the exported CMake targets free of build-only flags; libfahras.so
# exporting only the public API. No network, no root.
# Usage: package_test.sh BUILD_DIR SOURCE_DIR CXX SANITIZE
set -uo pipefail
build=$1
source=$2
cxx=$3
sanitize=$4
if [[ $sanitize == 1 || $sanitize == ON ]]; then
  echo "skipped: the sanitized static libraries need the sanitizer flags in every consumer;" \
       "the package test runs in the g++ build"
  exit 77
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
prefix=$work/prefix
status=0
fail() {
  echo "FAIL $*"
  status=1
}
ok() { echo "ok   $*"; }

if ! cmake --install "$build" --prefix "$prefix" >"$work/install.log" 2>&1; then
  cat "$work/install.log"
  fail "cmake --install"
  exit 1
fi
ok "cmake --install $build --prefix $prefix"

# 1. What goes where.
soname=$(objdump -p "$prefix/lib/libfahras.so" 2>/dev/null | awk '$1 == "SONAME" {print $2}')
for file in bin/fahras-index bin/fahras-query bin/fahras-web bin/fahras-analyze bin/fahras-tag \
            lib/libfahras_common.a lib/libfahras_query.a lib/libfahras_indexer.a lib/libfahras.so "lib/$soname" \
            include/fahras/query.hpp include/fahras/searcher_pool.hpp include/fahras/analysis.hpp include/fahras/indexer.hpp include/fahras/version.hpp \
            lib/cmake/fahras/fahrasConfig.cmake lib/cmake/fahras/fahrasConfigVersion.cmake \
            lib/cmake/fahras/fahrasTargets.cmake lib/pkgconfig/fahras.pc lib/pkgconfig/fahras-static.pc \
            share/man/man1/fahras-index.1 share/man/man1/fahras-query.1 share/man/man1/fahras-analyze.1 \
            share/man/man1/fahras-tag.1 share/man/man1/fahras-web.1 share/man/man7/fahras-query-syntax.7 \
            share/bash-completion/completions/fahras-query share/bash-completion/completions/fahras-index \
            share/bash-completion/completions/fahras-analyze share/bash-completion/completions/fahras-tag \
            share/bash-completion/completions/fahras-web; do
  [[ -e $prefix/$file ]] || fail "not installed: $file"
done
[[ $soname =~ ^libfahras\.so\.[0-9]+(\.[0-9]+)?$ ]] || fail "libfahras.so has no SONAME libfahras.so.N: '$soname'"
ok "installed files (SONAME $soname)"

# 2. The exported targets carry no project-only flag and no path into the build or source tree.
if grep -nE -- '-W(error|all|extra|pedantic|shadow|conversion)|-fsanitize|-fno-omit-frame-pointer|standard_settings|nlohmann' \
     "$prefix"/lib/cmake/fahras/*.cmake; then
  fail "the exported CMake files carry build-only flags or dependencies (above)"
elif grep -nF -e "$build" -e "$source" "$prefix"/lib/cmake/fahras/*.cmake "$prefix"/lib/pkgconfig/*.pc; then
  fail "the exported files name the build or source tree (above)"
else
  ok "exported targets: no warnings, sanitizer flags or build paths"
fi

# 3. Nothing reads the source tree at run time: no compiled-in path names it (the stop words and
#    the gazetteer are compiled in), checked in the read-only data of every installed program and
#    of libfahras.so; and the samples are copied away from it before indexing.
for binary in "$prefix"/bin/* "$prefix/lib/libfahras.so"; do
  objcopy -O binary --only-section=.rodata "$binary" "$work/rodata" 2>/dev/null
  if grep -qF -e "$source" -e "$build" "$work/rodata"; then
    fail "$(basename "$binary") holds a path into the source or build tree"
  fi
done
ok "no source or build path compiled into the installed programs and libfahras.so"

# 4. The installed fahras-index on the samples (they hold bad records on purpose: exit status 1).
cp -r "$source/samples" "$work/samples"
(cd "$work" && "$prefix/bin/fahras-index" --progress off --db "$work/db" samples/articles.jsonl samples/articles.json \
  samples/text >"$work/index.log" 2>&1)
code=$?
if [[ $code -ne 1 ]]; then
  cat "$work/index.log"
  fail "installed fahras-index: exit status $code, expected 1 (the samples' bad records)"
else
  ok "installed fahras-index indexed the samples"
fi
"$prefix/bin/fahras-query" --version >"$work/version.txt" 2>&1 || fail "installed fahras-query --version"
grep -q "^fahras-query " "$work/version.txt" && ok "$(cat "$work/version.txt")"

# The known article: sample-001, the supplementary budget, found by a form of its title's word.
expected=$'sample-001\tالحكومة تقر ميزانية تكميلية بقيمة ١٢ مليار ريال لدعم المشاريع الصغيرة'
check_run() {  # check_run WHAT BINARY
  local what=$1 binary=$2 out code
  out=$("$binary" "$work/db" ميزانيات 2>&1)
  code=$?
  if [[ $code -ne 0 ]]; then
    fail "$what: exit status $code: $out"
  elif ! grep -qxF "$expected" <<<"$out"; then
    fail "$what: sample-001 not among the hits: $out"
  else
    ok "$what finds sample-001"
  fi
}

# 5. samples/embed with CMake, on the static libraries and on the shared one.
for shared in OFF ON; do
  dir=$work/embed-cmake-$shared
  if cmake -S "$source/samples/embed" -B "$dir" -DCMAKE_PREFIX_PATH="$prefix" -DCMAKE_CXX_COMPILER="$cxx" \
       -DCMAKE_BUILD_TYPE=Release -DFAHRAS_EMBED_SHARED=$shared >"$dir.log" 2>&1 &&
     cmake --build "$dir" >>"$dir.log" 2>&1; then
    check_run "samples/embed (CMake, FAHRAS_EMBED_SHARED=$shared)" "$dir/fahras-embed"
  else
    cat "$dir.log"
    fail "samples/embed (CMake, FAHRAS_EMBED_SHARED=$shared) does not build"
  fi
done
# ldd's output whole first: with pipefail, grep -q leaving early would fail ldd with SIGPIPE.
shared_libraries=$(ldd "$work/embed-cmake-ON/fahras-embed" 2>&1)
if grep -qF "$prefix/lib/$soname" <<<"$shared_libraries"; then
  ok "the shared build runs on $prefix/lib/$soname"
else
  fail "the shared build does not load $soname from the prefix: $(ldd "$work/embed-cmake-ON/fahras-embed" 2>&1)"
fi

# 6. The same main.cpp with pkg-config: fahras (shared) and fahras-static.
export PKG_CONFIG_PATH=$prefix/lib/pkgconfig
for package in fahras fahras-static; do
  binary=$work/embed-$package
  # shellcheck disable=SC2046
  if flags=$(pkg-config --cflags --libs $package) &&
     "$cxx" -std=c++20 -O1 "$source/samples/embed/main.cpp" -o "$binary" $flags \
       "-Wl,-rpath,$prefix/lib" >"$binary.log" 2>&1; then
    check_run "samples/embed/main.cpp with \$(pkg-config --cflags --libs $package)" "$binary"
  else
    cat "$binary.log"
    fail "main.cpp with pkg-config $package ($flags) does not build"
  fi
done
static_libraries=$(ldd "$work/embed-fahras-static" 2>&1)
grep -q libfahras <<<"$static_libraries" && fail "the fahras-static build links libfahras.so"

# 7. libfahras.so exports the public API and nothing else.
#    Its headers: those of common and query, not the indexer's.
api_headers=()
for header in "$prefix"/include/fahras/*.hpp; do
  [[ $header == */indexer.hpp || $header == */index_error.hpp ]] || api_headers+=("$header")
done
"$source/tests/package/exported_symbols_check.sh" "$prefix/lib/libfahras.so" "${api_headers[@]}" || status=1

exit $status
