// SPDX-License-Identifier: MIT
/* query_fuzz.c: the search-box parser on arbitrary (valid UTF-8) input; the result
** must be a balanced sequence of quoted strings. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../src/core/str.h"
#include "../src/text/query.h"

int LLVMFuzzerTestOneInput(const uint8_t *p, size_t n);
int LLVMFuzzerTestOneInput(const uint8_t *p, size_t n) {
    if (n > 4096 || !utf8_valid((const char *)p, n)) return 0;
    Arena a;
    arena_init(&a);
    char *z = arena_strndup(&a, (const char *)p, n);
    SearchQuery q;
    Err err = {0};
    if (query_parse(&a, z, &q, &err) == ZW_OK && q.zMatch) {
        /* Outside quotes only AND, NOT, spaces and '*' may appear. */
        int bIn = 0;
        for (const char *s = q.zMatch; *s; s++) {
            if (*s == '"') {
                if (bIn && s[1] == '"') {
                    s++;
                    continue;
                }
                bIn = !bIn;
            } else if (!bIn && !strchr(" ANDOTR*()", *s)) {
                abort();
            }
        }
        if (bIn) abort();
    }
    arena_free(&a);
    return 0;
}
