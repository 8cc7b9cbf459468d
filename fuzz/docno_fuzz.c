// SPDX-License-Identifier: MIT
/* docno_fuzz.c: the 文号 parser on arbitrary valid UTF-8; a success must parse again
** from its own normalized form to the same result. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../src/text/docno.h"

int LLVMFuzzerTestOneInput(const uint8_t *p, size_t n);
int LLVMFuzzerTestOneInput(const uint8_t *p, size_t n) {
    if (n > 1024 || !utf8_valid((const char *)p, n)) return 0;
    Arena a;
    arena_init(&a);
    char *z = arena_strndup(&a, (const char *)p, n);
    Docno d, d2;
    if (docno_parse(&a, z, &d, NULL) == ZW_OK) {
        if (docno_parse(&a, d.zNormalized, &d2, NULL) != ZW_OK) abort();
        if (strcmp(d.zNormalized, d2.zNormalized) != 0 || d.iSeq != d2.iSeq || d.iYear != d2.iYear) abort();
        if (d.iSeq < 1 || d.iSeq > 99999) abort();
    }
    arena_free(&a);
    return 0;
}
