// SPDX-License-Identifier: MIT
/*
** report_fuzz.c: the amounts in 万元 that the annual report's figures form and API
** accept (report_fee_parse, src/report/report.h), on arbitrary bytes.
**
** Invariants, each broken one an abort():
**   - an amount that parses is within 0 … REPORT_MAX_FEE_YUAN yuan, written only with
**     ASCII digits and at most one point followed by one to four digits;
**   - formatting it back (report_wan) gives text that parses to the same yuan, and is
**     no longer than the input with its trailing zeros removed.
*/
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../src/report/report.h"

int LLVMFuzzerTestOneInput(const uint8_t *pData, size_t nData);

int LLVMFuzzerTestOneInput(const uint8_t *pData, size_t nData) {
    if (nData > 256) return 0;
    Arena a;
    arena_init(&a);
    char *z = arena_strndup(&a, (const char *)pData, nData);
    int64_t v = -1;
    if (report_fee_parse(z, &v) == 0) {
        if (v < 0 || v > REPORT_MAX_FEE_YUAN) abort();
        int nPoint = 0;
        for (const char *p = z; *p; p++) {
            if (*p == '.') {
                nPoint++;
            } else if (*p < '0' || *p > '9') {
                abort();
            }
        }
        const char *zPoint = strchr(z, '.');
        if (nPoint > 1 || (zPoint && (strlen(zPoint) < 2 || strlen(zPoint) > 5))) abort();
        const char *zBack = report_wan(&a, v);
        int64_t w = -1;
        if (report_fee_parse(zBack, &w) != 0 || w != v) abort();
        if (strlen(zBack) > strlen(z)) abort();
    }
    arena_free(&a);
    return 0;
}
