#!/bin/sh
# run-replay.sh: replay every committed fuzz corpus through its target (plain main, no libFuzzer).
set -e
make -s fuzz-replay
for f in fuzz/*_fuzz.c; do
    n=$(basename "$f" _fuzz.c)
    [ -d "fuzz/corpus/$n" ] || continue
    build/replay/"$n" "fuzz/corpus/$n"
done
