// SPDX-License-Identifier: MIT
/*
** gongwen_fuzz.c: libFuzzer target for the 公文 element extractor (text/gongwen.c).
**
** Arbitrary bytes, invalid UTF-8 and NUL included, must parse (ZW_OK: inputs are far
** below GONGWEN_MAX_INPUT) and gongwen_json() must produce a JSON object that the
** strict parser (core/json.c) accepts, with every key of gongwen.h and ISO dates.
** Two metamorphic checks: CRLF line ends and a leading BOM change nothing, so the
** JSON of the input with each LF made CRLF, and with a BOM in front, is identical.
** `make fuzz` runs it under libFuzzer; fuzz/replay.c replays the corpus without it.
*/
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../src/core/json.h"
#include "../src/text/gongwen.h"

int LLVMFuzzerTestOneInput(const uint8_t *pData, size_t nData);

#define FUZZ_ASSERT(c)                                                                 \
    do {                                                                               \
        if (!(c)) {                                                                    \
            fprintf(stderr, "%s:%d: invariant failed: %s\n", __FILE__, __LINE__, #c);  \
            abort();                                                                   \
        }                                                                              \
    } while (0)

/* The JSON of p[0..n) in the arena. */
static const char *to_json(Arena *a, const char *p, size_t n, size_t *pnOut) {
    Gongwen g;
    Err err = {0};
    FUZZ_ASSERT(gongwen_parse(a, p, n, "2025-06-01", &g, &err) == ZW_OK);
    FUZZ_ASSERT(g.nWarning >= 0 && g.nCc >= 0 && g.nAddressee >= 0 && g.nAttachment >= 0);
    Str s;
    str_init(&s, a);
    gongwen_json(&s, &g);
    FUZZ_ASSERT(!s.err && s.n >= 2);
    *pnOut = s.n;
    return str_cstr(&s);
}

static void check_date(const Json *pRoot, const char *zKey) {
    const char *z = json_get_str(pRoot, zKey);
    if (!z) return;
    FUZZ_ASSERT(strlen(z) == 10 && z[4] == '-' && z[7] == '-');
    /* 1900–2099 only. */
    FUZZ_ASSERT(z[0] == '1' || z[0] == '2');
}

int LLVMFuzzerTestOneInput(const uint8_t *pData, size_t nData) {
    static const char *const azKey[] = {
        "title", "docno", "issuer", "addressees", "written_at", "disclosure", "attachments",
        "cc", "printed_by", "printed_at", "copies", "copies_paper", "copies_electronic",
        "issuer_mark", "secrecy", "urgency", "signers", "note", "body", "warnings"};
    const char *p = (const char *)pData;
    Arena a;
    arena_init(&a);
    size_t nJson;
    const char *zJson = to_json(&a, p, nData, &nJson);
    Json *pRoot = NULL;
    Err err = {0};
    FUZZ_ASSERT(json_parse(&a, zJson, nJson, &pRoot, &err) == ZW_OK);
    FUZZ_ASSERT(pRoot->eType == JSON_OBJ && pRoot->nChild == 20);
    for (size_t i = 0; i < sizeof azKey / sizeof azKey[0]; i++) {
        FUZZ_ASSERT(json_get(pRoot, azKey[i]) != NULL);
    }
    check_date(pRoot, "written_at");
    check_date(pRoot, "printed_at");

    /* CRLF line ends give the same result. */
    char *zCrlf = arena_alloc(&a, 2 * nData + 1);
    size_t nCrlf = 0;
    for (size_t i = 0; i < nData; i++) {
        if (p[i] == '\n') zCrlf[nCrlf++] = '\r';
        zCrlf[nCrlf++] = p[i];
    }
    size_t n2;
    const char *zJson2 = to_json(&a, zCrlf, nCrlf, &n2);
    FUZZ_ASSERT(n2 == nJson && memcmp(zJson, zJson2, nJson) == 0);

    /* So does a BOM in front. */
    char *zBom = arena_alloc(&a, nData + 3);
    memcpy(zBom, "\xEF\xBB\xBF", 3);
    if (nData) memcpy(zBom + 3, p, nData);
    const char *zJson3 = to_json(&a, zBom, nData + 3, &n2);
    FUZZ_ASSERT(n2 == nJson && memcmp(zJson, zJson3, nJson) == 0);

    /* gongwen_date on the raw bytes: never crashes, and success means an ISO date. */
    char zIso[11];
    if (gongwen_date(p, nData, zIso) == ZW_OK) {
        FUZZ_ASSERT(strlen(zIso) == 10 && zIso[4] == '-' && zIso[7] == '-');
    } else {
        FUZZ_ASSERT(zIso[0] == 0);
    }
    arena_free(&a);
    return 0;
}
