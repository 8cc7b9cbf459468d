// SPDX-License-Identifier: MIT
/*
** docno_fuzz.c: the 文号 parser and finder (src/text/docno.h) on arbitrary bytes.
**
** docno_find() reads the input as given (exactly n bytes, no terminator, any bytes,
** so ASan sees an overread); docno_parse() reads it up to the first NUL.  Invariants,
** each broken one an abort():
**   - a parse result is in range (year 0 or 1949..2099, 0 only for orders; seq
**     1..DOCNO_SEQ_MAX; a 代字 of 1..DOCNO_ORG_MAX characters), valid UTF-8, and its
**     normalized form parses again to exactly the same result (normalizing is
**     idempotent);
**   - the matches of docno_find are in order, inside the input, do not overlap, and
**     each one cut out of the text parses to the same value as the match;
**   - when docno_parse accepts the input, docno_find finds at most one 文号 in it, with
**     the same year and sequence (its 代字 may be shorter: running text takes no
**     spaces inside a 代字 and cuts it after words such as 根据).
*/
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../src/text/docno.h"

int LLVMFuzzerTestOneInput(const uint8_t *pData, size_t nData);

/* Abort unless d is a well-formed result that normalizes to itself. */
static void check_docno(Arena *a, const Docno *d) {
    Docno d2;
    if (!d->zOrg || !d->zNormalized) abort();
    size_t nOrg = utf8_len(d->zOrg, strlen(d->zOrg));
    if (nOrg < 1 || nOrg > DOCNO_ORG_MAX) abort();
    if (d->iSeq < 1 || d->iSeq > DOCNO_SEQ_MAX) abort();
    if (d->iYear != 0 && (d->iYear < 1949 || d->iYear > 2099)) abort();
    if (d->iYear == 0 && !d->bOrder) abort();
    if (!utf8_valid(d->zNormalized, strlen(d->zNormalized))) abort();
    if (docno_parse(a, d->zNormalized, &d2, NULL) != ZW_OK) abort();
    if (strcmp(d->zNormalized, d2.zNormalized) != 0 || strcmp(d->zOrg, d2.zOrg) != 0 ||
        d->iSeq != d2.iSeq || d->iYear != d2.iYear || d->bOrder != d2.bOrder) {
        abort();
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *pData, size_t nData) {
    if (nData > 4096) return 0;
    const char *z = (const char *)pData;
    Arena a;
    arena_init(&a);

    /* Running text, exactly nData bytes. */
    DocnoMatch *aMatch = NULL;
    int nMatch = -1;
    if (docno_find(&a, z, nData, &aMatch, &nMatch) != ZW_OK) abort();
    if (nMatch < 0 || nMatch > DOCNO_FIND_MAX || (nMatch > 0) != (aMatch != NULL)) abort();
    size_t iPrev = 0;
    for (int i = 0; i < nMatch; i++) {
        const DocnoMatch *m = &aMatch[i];
        Docno d;
        if (m->iStart < iPrev || m->iEnd <= m->iStart || m->iEnd > nData) abort();
        iPrev = m->iEnd;
        check_docno(&a, &m->d);
        char *zCut = arena_strndup(&a, z + m->iStart, m->iEnd - m->iStart);
        if (docno_parse(&a, zCut, &d, NULL) != ZW_OK) abort();
        if (strcmp(d.zNormalized, m->d.zNormalized) != 0 || d.iSeq != m->d.iSeq ||
            d.iYear != m->d.iYear || d.bOrder != m->d.bOrder) {
            abort();
        }
    }

    /* A field: the bytes up to the first NUL. */
    char *zField = arena_strndup(&a, z, nData);
    Docno d;
    Err err = {0};
    int rc = docno_parse(&a, zField, &d, &err);
    if (rc == ZW_OK) {
        check_docno(&a, &d);
        size_t nField = strlen(zField);
        if (docno_find(&a, zField, nField, &aMatch, &nMatch) != ZW_OK || nMatch > 1) abort();
        if (nMatch == 1 && (aMatch[0].d.iSeq != d.iSeq || aMatch[0].d.iYear != d.iYear)) {
            abort();
        }
    } else if (rc != ZW_EINPUT || !err.zMsg || !err.zMsg[0] || d.zNormalized) {
        abort();
    }
    arena_free(&a);
    return 0;
}
