// SPDX-License-Identifier: MIT
/*
** json_fuzz.c: libFuzzer target for core/json.c.
**
** Besides "does not crash", it checks what json.h promises of every accepted
** document: strings are UTF-8 without NUL and NUL-terminated at nStr, object
** members have keys and array elements do not, nChild counts the children, depth
** stays within JSON_MAX_DEPTH, numbers are finite, keys are unique.  It then writes
** the tree back out with str_json_n() and requires the result to parse into the
** same tree (a round trip), and every refusal to carry a proper error record.
** `make fuzz` runs it under libFuzzer; fuzz/replay.c replays the corpus without it.
*/
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../src/core/json.h"
#include "../src/core/str.h"

int LLVMFuzzerTestOneInput(const uint8_t *pData, size_t nData);

#define FUZZ_ASSERT(c)                                                                 \
    do {                                                                               \
        if (!(c)) {                                                                    \
            fprintf(stderr, "%s:%d: invariant failed: %s\n", __FILE__, __LINE__, #c);  \
            abort();                                                                   \
        }                                                                              \
    } while (0)

/* The typed getters must agree with the member c of pObj. */
static void check_getters(const Json *pObj, const Json *c) {
    int64_t v = 0;
    int b = -1, rc = json_get_int(pObj, c->zKey, &v);
    if (c->eType == JSON_NULL) {
        FUZZ_ASSERT(rc == 0);
    } else if (rc == 1) {
        /* Both round the same exact integer to the nearest double. */
        FUZZ_ASSERT(c->eType == JSON_NUM && !strpbrk(c->zStr, ".eE") && (double)v == c->rNum);
    } else {
        FUZZ_ASSERT(rc == -1);
        FUZZ_ASSERT(c->eType != JSON_NUM || strpbrk(c->zStr, ".eE") || fabs(c->rNum) >= 9.2e18);
    }
    rc = json_get_bool(pObj, c->zKey, &b);
    FUZZ_ASSERT(rc == (c->eType == JSON_BOOL ? 1 : c->eType == JSON_NULL ? 0 : -1));
    FUZZ_ASSERT(rc != 1 || b == c->bVal);
    FUZZ_ASSERT(json_get_str(pObj, c->zKey) == (c->eType == JSON_STR ? c->zStr : NULL));
}

/* Check the invariants of pNode and its subtree; iDepth counts enclosing containers. */
static void check_tree(const Json *pNode, int iDepth) {
    switch (pNode->eType) {
    case JSON_STR:
        FUZZ_ASSERT(pNode->zStr && pNode->zStr[pNode->nStr] == 0);
        FUZZ_ASSERT(strlen(pNode->zStr) == pNode->nStr);
        FUZZ_ASSERT(utf8_valid(pNode->zStr, pNode->nStr));
        break;
    case JSON_NUM:
        FUZZ_ASSERT(pNode->zStr && strlen(pNode->zStr) == pNode->nStr && pNode->nStr > 0);
        FUZZ_ASSERT(isfinite(pNode->rNum));
        break;
    case JSON_BOOL: FUZZ_ASSERT(pNode->bVal == 0 || pNode->bVal == 1); break;
    case JSON_NULL: break;
    case JSON_ARR:
    case JSON_OBJ: {
        int n = 0;
        FUZZ_ASSERT(iDepth < JSON_MAX_DEPTH);
        for (const Json *c = pNode->pChild; c; c = c->pNext) {
            if (pNode->eType == JSON_OBJ) {
                FUZZ_ASSERT(c->zKey && utf8_valid(c->zKey, strlen(c->zKey)));
                FUZZ_ASSERT(json_get(pNode, c->zKey) == c); /* hence keys are unique */
                check_getters(pNode, c);
            } else {
                FUZZ_ASSERT(c->zKey == NULL);
            }
            check_tree(c, iDepth + 1);
            n++;
        }
        FUZZ_ASSERT(n == pNode->nChild);
        break;
    }
    default: FUZZ_ASSERT(0);
    }
}

/* Write pNode as JSON. */
static void write_tree(Str *s, const Json *pNode) {
    switch (pNode->eType) {
    case JSON_NULL: str_puts(s, "null"); break;
    case JSON_BOOL: str_puts(s, pNode->bVal ? "true" : "false"); break;
    case JSON_NUM: str_append(s, pNode->zStr, pNode->nStr); break;
    case JSON_STR: str_json_n(s, pNode->zStr, pNode->nStr); break;
    case JSON_ARR:
    case JSON_OBJ:
        str_putc(s, pNode->eType == JSON_OBJ ? '{' : '[');
        for (const Json *c = pNode->pChild; c; c = c->pNext) {
            if (c != pNode->pChild) {
                str_putc(s, ',');
            }
            if (pNode->eType == JSON_OBJ) {
                str_json(s, c->zKey);
                str_putc(s, ':');
            }
            write_tree(s, c);
        }
        str_putc(s, pNode->eType == JSON_OBJ ? '}' : ']');
        break;
    }
}

/* 1 if the two trees are equal, keys and member order included. */
static int same_tree(const Json *a, const Json *b) {
    if (a->eType != b->eType) {
        return 0;
    }
    if ((a->zKey == NULL) != (b->zKey == NULL) || (a->zKey && strcmp(a->zKey, b->zKey) != 0)) {
        return 0;
    }
    switch (a->eType) {
    case JSON_NULL: return 1;
    case JSON_BOOL: return a->bVal == b->bVal;
    case JSON_NUM:
        return a->nStr == b->nStr && memcmp(a->zStr, b->zStr, a->nStr) == 0 &&
               memcmp(&a->rNum, &b->rNum, sizeof a->rNum) == 0;
    case JSON_STR: return a->nStr == b->nStr && memcmp(a->zStr, b->zStr, a->nStr) == 0;
    default: break;
    }
    if (a->nChild != b->nChild) {
        return 0;
    }
    const Json *pa = a->pChild, *pb = b->pChild;
    for (; pa && pb; pa = pa->pNext, pb = pb->pNext) {
        if (!same_tree(pa, pb)) {
            return 0;
        }
    }
    return pa == NULL && pb == NULL;
}

int LLVMFuzzerTestOneInput(const uint8_t *pData, size_t nData) {
    Arena a;
    Err err;
    Json *pRoot = NULL;
    arena_init(&a);
    memset(&err, 0, sizeof err);
    int rc = json_parse(&a, (const char *)pData, nData, &pRoot, &err);
    if (rc != ZW_OK) {
        FUZZ_ASSERT(rc == ZW_EINPUT && pRoot == NULL);
        FUZZ_ASSERT(err.zCode && strcmp(err.zCode, "bad_json") == 0 && err.zMsg && err.zLog);
        FUZZ_ASSERT(utf8_valid(err.zMsg, strlen(err.zMsg)));
    } else {
        FUZZ_ASSERT(pRoot && pRoot->zKey == NULL && pRoot->pNext == NULL);
        check_tree(pRoot, 0);
        Str s;
        str_init(&s, &a);
        write_tree(&s, pRoot);
        FUZZ_ASSERT(!s.err);
        Json *pAgain = NULL;
        rc = json_parse(&a, s.z, s.n, &pAgain, &err);
        FUZZ_ASSERT(rc == ZW_OK);
        FUZZ_ASSERT(same_tree(pRoot, pAgain));
    }
    arena_free(&a);
    return 0;
}
