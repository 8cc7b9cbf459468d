#!/bin/sh
# run-unit.sh DIR: run every unit-test binary under DIR; sum their "N passed, N failed" lines.
dir=${1:-build/tests}
pass=0; fail=0; bad=0
for t in $(find "$dir" -type f -perm -u+x | sort); do
    out=$("$t" 2>&1); rc=$?
    line=$(printf '%s\n' "$out" | grep -E '^[0-9]+ passed, [0-9]+ failed$' | tail -1)
    p=$(echo "$line" | cut -d' ' -f1); f=$(echo "$line" | cut -d' ' -f3)
    [ -n "$p" ] || { p=0; f=1; }
    if [ $rc -ne 0 ] || [ "$f" != 0 ]; then
        printf '%s\n' "$out" | grep -v -E '^[0-9]+ passed' | tail -20
        echo "unit FAIL $t"
        bad=$((bad + 1)); [ "$f" = 0 ] && f=1
    else
        echo "unit ok   $t ($p checks)"
    fi
    pass=$((pass + p)); fail=$((fail + f))
done
echo "unit: $pass passed, $fail failed"
[ $bad -eq 0 ] && [ $fail -eq 0 ]
