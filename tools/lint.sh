#!/bin/sh
# lint.sh: house rules that the compiler does not check (STYLE.md §10).
cd "$(dirname "$0")/.." || exit 1
bad=0
complain() { echo "lint: $*"; bad=1; }
# Only store/ talks to SQLite.
out=$(grep -n 'sqlite3_' src/*/*.c src/main.c | grep -v '^src/store/') && complain "sqlite3_ outside src/store:
$out"
# Banned functions.
out=$(grep -nE '\b(strcpy|strcat|sprintf|vsprintf|gets|atoi)\(' src/*/*.c src/main.c | grep -v 'snprintf') && complain "banned function:
$out"
# SQL is never built with printf-style formatting.
out=$(grep -nE '(arena_printf|str_appendf)\([^)]*"(SELECT|INSERT|UPDATE|DELETE) ' src/*/*.c) && complain "SQL built with printf:
$out"
# |raw only where the value is an Html made by a sanitizer (or, for the charts, by
# interpret_stats_svg, which formats every value with str_htmlf).
out=$(grep -rn '|raw}}' templates | grep -v 'templates/site/item.html:.*body|raw' \
      | grep -v 'templates/site/search.html:.*{{title|raw}}' | grep -v 'templates/site/search.html:.*{{snippet|raw}}' \
      | grep -v 'templates/site/search.html:.*{{docno|raw}}' \
      | grep -vE 'templates/admin/(interpretation|_interp_due)\.html:.*\{\{chart[a-z_]*\|raw\}\}') && complain "|raw outside the allow-list:
$out"
# Every .c file starts with an SPDX line.
for f in src/*/*.c src/main.c tools/*.c; do
    head -1 "$f" | grep -q SPDX-License-Identifier || complain "$f: missing SPDX line"
done
[ $bad -eq 0 ] && echo "lint: ok"
exit $bad
