// SPDX-License-Identifier: MIT
/*
** mask_fuzz.c: libFuzzer target for the personal-data masker (text/mask.c).
**
** Arbitrary bytes (invalid UTF-8 and NUL included) go to mask_find(); then:
**   - hits are in bounds, non-empty, in order and not overlapping; zShown is the span;
**   - each hit is what its kind says: its characters (ASCII or full-width digits,
**     separators, an X last) read as an 18-character ID passing mask_id_valid() or a
**     15-digit one, 11 digits 1[3-9]…, or 16–19 digits passing Luhn;
**   - zMasked is the span with exactly the hidden characters made '*' (ID 6 + 4,
**     mobile 3 + 4, card last 4 kept), so it is never longer than the span;
**   - mask_apply()'s output is the input with each span replaced, its length the
**     input's minus the spans plus the replacements; mask_text() on the text up to
**     the first NUL agrees with mask_find() + mask_apply() on that prefix;
**   - masking is idempotent: the masked output has no hits.
** `make fuzz` runs it under libFuzzer; fuzz/replay.c replays fuzz/corpus/mask/.
*/
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../src/core/err.h"
#include "../src/text/mask.h"

int LLVMFuzzerTestOneInput(const uint8_t *pData, size_t nData);

#define FUZZ_ASSERT(c)                                                                 \
    do {                                                                               \
        if (!(c)) {                                                                    \
            fprintf(stderr, "%s:%d: invariant failed: %s\n", __FILE__, __LINE__, #c);  \
            abort();                                                                   \
        }                                                                              \
    } while (0)

/* The characters of a span: digits as ASCII, an X as 'X'; separators skipped.  Also
** checks zMasked against them.  Returns the count (at most 40 kept in z). */
static int span_chars(const MaskHit *h, char *z, int nHead, int nTail) {
    const unsigned char *u = (const unsigned char *)h->zShown;
    const unsigned char *v = (const unsigned char *)h->zMasked;
    size_t i = 0, j = 0;
    int nChar = 0, nTotal = 0;
    /* First pass: count the characters, to know which are kept. */
    for (i = 0; i < h->nLen;) {
        if (u[i] >= '0' && u[i] <= '9') {
            nTotal++, i++;
        } else if (u[i] == 0xEF && i + 2 < h->nLen && u[i + 1] == 0xBC && u[i + 2] >= 0x90 &&
                   u[i + 2] <= 0x99) {
            nTotal++, i += 3;
        } else if ((u[i] == 'X' || u[i] == 'x') && i + 1 == h->nLen) {
            nTotal++, i++;
        } else if (u[i] == 0xEF && i + 3 == h->nLen &&
                   ((u[i + 1] == 0xBC && u[i + 2] == 0xB8) ||
                    (u[i + 1] == 0xBD && u[i + 2] == 0x98))) {
            nTotal++, i += 3; /* full-width X or x */
        } else if (u[i] == ' ' || u[i] == '-') {
            i++;
        } else if (i + 3 <= h->nLen && ((u[i] == 0xE3 && u[i + 1] == 0x80 && u[i + 2] == 0x80) ||
                                        (u[i] == 0xEF && u[i + 1] == 0xBC && u[i + 2] == 0x8D))) {
            i += 3; /* U+3000, full-width hyphen */
        } else if (i + 2 <= h->nLen && u[i] == 0xC2 && u[i + 1] == 0xA0) {
            i += 2;
        } else {
            FUZZ_ASSERT(!"unexpected byte inside a hit");
        }
    }
    /* Second pass: the characters, and the mask character by character. */
    for (i = 0; i < h->nLen;) {
        size_t len = (u[i] < 0x80) ? 1 : (u[i] == 0xC2 ? 2 : 3);
        int bChar = !(u[i] == ' ' || u[i] == '-' || (u[i] == 0xE3) || (u[i] == 0xC2) ||
                      (u[i] == 0xEF && u[i + 1] == 0xBC && u[i + 2] == 0x8D));
        if (bChar) {
            char c;
            if (u[i] < 0x80) {
                c = (char)(u[i] == 'x' ? 'X' : u[i]);
            } else if (u[i + 2] >= 0x90 && u[i + 2] <= 0x99 && u[i + 1] == 0xBC) {
                c = (char)('0' + (u[i + 2] - 0x90));
            } else {
                c = 'X';
            }
            if (nChar < 40) z[nChar] = c;
            if (nChar >= nHead && nChar < nTotal - nTail) {
                FUZZ_ASSERT(v[j] == '*');
                j++;
            } else {
                FUZZ_ASSERT(memcmp(v + j, u + i, len) == 0);
                j += len;
            }
            nChar++;
        } else {
            FUZZ_ASSERT(memcmp(v + j, u + i, len) == 0);
            j += len;
        }
        i += len;
    }
    FUZZ_ASSERT(v[j] == 0);
    return nChar;
}

/* The hit is what its kind says, and its mask hides exactly the right characters. */
static void check_hit(const MaskHit *h) {
    char z[41];
    int n;
    switch (h->eKind) {
    case MASK_ID:
        n = span_chars(h, z, 6, 4);
        FUZZ_ASSERT(n == 18 || n == 15);
        if (n == 18) FUZZ_ASSERT(mask_id_valid(z));
        if (n == 15) FUZZ_ASSERT(z[0] >= '1' && z[0] <= '8');
        break;
    case MASK_MOBILE:
        n = span_chars(h, z, 3, 4);
        FUZZ_ASSERT(n == 11 && z[0] == '1' && z[1] >= '3' && z[1] <= '9');
        break;
    case MASK_BANK:
        n = span_chars(h, z, 0, 4);
        FUZZ_ASSERT(n >= 16 && n <= 19 && mask_luhn_ok(z, (size_t)n));
        break;
    default: FUZZ_ASSERT(!"unknown kind");
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *pData, size_t nData) {
    const char *p = (const char *)pData;
    Arena a;
    arena_init(&a);
    MaskHit *aHit;
    int nHit;
    FUZZ_ASSERT(mask_find(&a, p, nData, &aHit, &nHit) == ZW_OK);
    FUZZ_ASSERT(nHit >= 0 && (nHit == 0) == (aHit == NULL));
    size_t iEnd = 0, nWant = nData;
    for (int i = 0; i < nHit; i++) {
        const MaskHit *h = &aHit[i];
        FUZZ_ASSERT(h->nLen > 0 && h->iStart >= iEnd && h->iStart <= nData &&
                    h->nLen <= nData - h->iStart);
        FUZZ_ASSERT(strlen(h->zShown) == h->nLen && memcmp(h->zShown, p + h->iStart, h->nLen) == 0);
        size_t nMasked = strlen(h->zMasked);
        FUZZ_ASSERT(nMasked > 0 && nMasked <= h->nLen);
        check_hit(h);
        iEnd = h->iStart + h->nLen;
        nWant = nWant - h->nLen + nMasked;
    }
    size_t nOut;
    const char *zOut = mask_apply(&a, p, nData, aHit, nHit, &nOut);
    FUZZ_ASSERT(nOut == nWant && zOut[nOut] == 0);
    size_t iIn = 0, o = 0;
    for (int i = 0; i < nHit; i++) {
        size_t nGap = aHit[i].iStart - iIn, nMasked = strlen(aHit[i].zMasked);
        FUZZ_ASSERT(memcmp(zOut + o, p + iIn, nGap) == 0);
        FUZZ_ASSERT(memcmp(zOut + o + nGap, aHit[i].zMasked, nMasked) == 0);
        o += nGap + nMasked;
        iIn = aHit[i].iStart + aHit[i].nLen;
    }
    FUZZ_ASSERT(o + (nData - iIn) == nOut && memcmp(zOut + o, p + iIn, nData - iIn) == 0);

    /* Idempotence: nothing left to mask in the output. */
    MaskHit *aHit2;
    int nHit2;
    FUZZ_ASSERT(mask_find(&a, zOut, nOut, &aHit2, &nHit2) == ZW_OK);
    if (nHit2 != 0) {
        fprintf(stderr, "masked again at %zu: %s -> %s\n", aHit2[0].iStart, aHit2[0].zShown,
                aHit2[0].zMasked);
    }
    FUZZ_ASSERT(nHit2 == 0);

    /* mask_text() on the C string agrees with find + apply on the same prefix. */
    char *z = arena_strndup(&a, p, nData);
    size_t nz = strlen(z);
    int nHit3;
    const char *zText = mask_text(&a, z, &nHit3);
    FUZZ_ASSERT(zText != NULL);
    MaskHit *aHit4;
    int nHit4;
    mask_find(&a, z, nz, &aHit4, &nHit4);
    size_t nOut4;
    const char *zOut4 = mask_apply(&a, z, nz, aHit4, nHit4, &nOut4);
    FUZZ_ASSERT(nHit3 == nHit4 && strlen(zText) == nOut4 && memcmp(zText, zOut4, nOut4) == 0);
    arena_free(&a);
    return 0;
}
