// SPDX-License-Identifier: MIT
/* tokenize_fuzz.c: the search tokenizer on arbitrary bytes, in both modes; every
** token must lie inside the input and be non-empty. */
#include <stdint.h>
#include <stdlib.h>

#include "../src/text/tokenize.h"

typedef struct Ctx {
    int n;
} Ctx;

static int check(void *pCtx, const char *zTok, int nTok, int iStart, int iEnd, int bColocated) {
    Ctx *c = pCtx;
    (void)zTok;
    (void)bColocated;
    if (nTok <= 0 || nTok > TOK_MAX_WORD + 8 || iStart < 0 || iEnd > c->n || iStart >= iEnd) abort();
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *p, size_t n);
int LLVMFuzzerTestOneInput(const uint8_t *p, size_t n) {
    Ctx c = {(int)n};
    tok_run((const char *)p, (int)n, 0, check, &c);
    tok_run((const char *)p, (int)n, 1, check, &c);
    return 0;
}
