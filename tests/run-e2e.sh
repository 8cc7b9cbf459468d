#!/bin/sh
# run-e2e.sh: every end-to-end test; ZWGK_BIN selects the binary (make asan uses the sanitizer build).
cd "$(dirname "$0")/.." || exit 1
rc=0
for t in tests/e2e/test_*.py; do
    echo "== $t"
    python3 "$t" || rc=1
done
exit $rc
