// SPDX-License-Identifier: MIT
/* mask_fuzz.c: the masker on arbitrary bytes: hits inside the input, ordered, not
** overlapping, and mask_text's length is the input's minus spans plus replacements. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../src/text/mask.h"

int LLVMFuzzerTestOneInput(const uint8_t *p, size_t n);
int LLVMFuzzerTestOneInput(const uint8_t *p, size_t n) {
    if (n > 65536) return 0;
    Arena a;
    arena_init(&a);
    char *z = arena_strndup(&a, (const char *)p, n);
    size_t nz = strlen(z); /* mask_text works on C strings */
    MaskHit *aHit;
    int nHit;
    mask_find(&a, z, nz, &aHit, &nHit);
    size_t iEnd = 0, nOut = nz;
    for (int i = 0; i < nHit; i++) {
        if (aHit[i].iStart < iEnd || aHit[i].iStart + aHit[i].nLen > nz || aHit[i].nLen == 0) abort();
        iEnd = aHit[i].iStart + aHit[i].nLen;
        nOut = nOut - aHit[i].nLen + strlen(aHit[i].zMasked);
    }
    const char *zOut = mask_text(&a, z, NULL);
    if (strlen(zOut) != nOut) abort();
    arena_free(&a);
    return 0;
}
