#!/bin/sh
# run-all.sh: everything `make test` runs, in order, with one closing line
# "N passed, N failed" (each suite counts as passed or failed).
# ZWGK_SKIP_BROWSER=1 skips the headless-Chromium test; ZWGK_SKIP_ASAN=1 the sanitizer build.
cd "$(dirname "$0")/.." || exit 1
pass=0; fail=0; failed=""
suite() {
    name=$1; shift
    echo "== $name"
    if "$@"; then pass=$((pass + 1)); else fail=$((fail + 1)); failed="$failed $name"; fi
}
suite unit make -s unit
[ "${ZWGK_SKIP_ASAN:-0}" = 1 ] || suite unit-asan make -s B=build/asan CC=clang \
    CFLAGS="-O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined" unit
suite fuzz-replay sh tests/run-replay.sh
for t in tests/e2e/test_*.py; do suite "e2e:$(basename "$t" .py)" python3 "$t"; done
if [ "${ZWGK_SKIP_BROWSER:-0}" != 1 ]; then
    for t in tests/browser/*.mjs; do [ -f "$t" ] && suite "browser:$(basename "$t" .mjs)" sh tests/browser/run.sh "$t"; done
fi
[ -n "$failed" ] && echo "failed suites:$failed"
echo "$pass passed, $fail failed"
[ $fail -eq 0 ]
