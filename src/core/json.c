// SPDX-License-Identifier: MIT
/*
** json.c: a strict JSON parser (RFC 8259) that builds a tree in the caller's Arena.
**
** Recursive descent, bounded by JSON_MAX_DEPTH, so 1 MB of '[' costs 33 frames and an
** error.  Each byte is looked at a constant number of times; the only super-linear
** step is the duplicate-key check, which sorts the keys of each object once it is
** complete (O(k log k) comparisons for k keys), so no body can make it quadratic.
**
** Relies on core/str.h for UTF-8 decoding and encoding and on strtod() for number
** values; strtod() follows LC_NUMERIC, which zwgk never changes from "C".  Writing
** JSON is left to str_json() in core/str.c.
*/
#include "json.h"

#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "str.h"

/* A member name seen in an object that is still open, for the duplicate check. */
typedef struct KeyRef {
    const char *z; /* decoded key (arena) */
    size_t n;      /* its length */
    size_t iOff;   /* byte offset of its opening quote in the input */
} KeyRef;

/* State of one json_parse() call. */
typedef struct JsonParser {
    Arena *a;      /* where the tree goes */
    const char *p; /* input */
    size_t n;      /* input length */
    size_t i;      /* read position */
    Err *err;      /* error record, may be NULL */
    KeyRef *aKey;  /* stack of the keys of every open object (heap, freed at the end) */
    size_t nKey;   /* entries in use */
    size_t nKeyAlloc; /* entries allocated */
    size_t nValue;    /* values made so far, against JSON_MAX_VALUES */
} JsonParser;

/* Record a syntax error at byte offset iAt.  zWhy is a short Chinese reason, zWhat
** the English one for the log.  Always returns ZW_EINPUT. */
static int fail(JsonParser *x, size_t iAt, const char *zWhy, const char *zWhat) {
    const char *zMsg, *zLog;
    if (iAt >= x->n) {
        zMsg = arena_printf(x->a, "请求内容不是有效的 JSON：内容不完整（共 %zu 个字节）", x->n);
        zLog = arena_printf(x->a, "json: %s: unexpected end after %zu bytes", zWhat, x->n);
    } else {
        zMsg = arena_printf(x->a, "请求内容不是有效的 JSON：第 %zu 个字节附近有误（%s）",
                            iAt + 1, zWhy);
        zLog = arena_printf(x->a, "json: %s at byte %zu", zWhat, iAt + 1);
    }
    return err_set(x->err, ZW_EINPUT, "bad_json", zMsg, zLog);
}

static void skip_ws(JsonParser *x) {
    while (x->i < x->n) {
        char c = x->p[x->i];
        if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
            break;
        }
        x->i++;
    }
}

/* Value of the hex digit c, or -1. */
static int hex_val(char c) {
    if (c >= '0' && c <= '9') {
        return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
        return c - 'a' + 10;
    }
    if (c >= 'A' && c <= 'F') {
        return c - 'A' + 10;
    }
    return -1;
}

/* Read the four hex digits at p[i..i+4) of a \uXXXX escape into *pC; 0 on success. */
static int hex4(const JsonParser *x, size_t i, uint32_t *pC) {
    uint32_t c = 0;
    if (x->n - i < 4) {
        return -1;
    }
    for (size_t k = 0; k < 4; k++) {
        int v = hex_val(x->p[i + k]);
        if (v < 0) {
            return -1;
        }
        c = (c << 4) | (uint32_t)v;
    }
    *pC = c;
    return 0;
}

/* Decode the string literal whose opening quote is at x->i.  On success the decoded
** text (NUL-terminated, in the arena) is in *pz and *pn, and x->i is just past the
** closing quote. */
static int parse_string(JsonParser *x, const char **pz, size_t *pn) {
    const char *p = x->p;
    size_t iStart = x->i + 1, j = iStart;
    int bEsc = 0;

    /* Pass 1: find the closing quote; refuse raw control bytes and bad UTF-8. */
    for (;;) {
        if (j >= x->n) {
            return fail(x, j, "字符串没有结束", "unterminated string");
        }
        unsigned char c = (unsigned char)p[j];
        if (c == '"') {
            break;
        } else if (c == '\\') {
            bEsc = 1;
            j += 2;
        } else if (c < 0x20) {
            return fail(x, j, "字符串中有未转义的控制字符", "raw control character in string");
        } else if (c < 0x80) {
            j++;
        } else {
            int len;
            uint32_t cp = utf8_decode(p + j, x->n - j, &len);
            if (cp == 0xFFFD && len == 1) {
                return fail(x, j, "不是有效的 UTF-8 编码", "invalid UTF-8 in string");
            }
            j += (size_t)len;
        }
    }
    size_t iEnd = j;
    if (!bEsc) {
        *pz = arena_strndup(x->a, p + iStart, iEnd - iStart);
        *pn = iEnd - iStart;
        x->i = iEnd + 1;
        return ZW_OK;
    }

    /* Pass 2: decode escapes.  The output is never longer than the input. */
    char *zOut = arena_alloc(x->a, iEnd - iStart + 1);
    size_t nOut = 0;
    j = iStart;
    while (j < iEnd) {
        char c = p[j];
        if (c != '\\') {
            zOut[nOut++] = c;
            j++;
            continue;
        }
        size_t iEsc = j;
        char e = p[j + 1];
        j += 2;
        switch (e) {
        case '"': zOut[nOut++] = '"'; break;
        case '\\': zOut[nOut++] = '\\'; break;
        case '/': zOut[nOut++] = '/'; break;
        case 'b': zOut[nOut++] = '\b'; break;
        case 'f': zOut[nOut++] = '\f'; break;
        case 'n': zOut[nOut++] = '\n'; break;
        case 'r': zOut[nOut++] = '\r'; break;
        case 't': zOut[nOut++] = '\t'; break;
        case 'u': {
            uint32_t cp, lo;
            if (j > iEnd || hex4(x, j, &cp) != 0 || j + 4 > iEnd) {
                return fail(x, iEsc, "\\u 转义后须为四位十六进制数", "bad \\u escape");
            }
            j += 4;
            if (cp == 0) {
                return fail(x, iEsc, "不允许 \\u0000", "\\u0000 in string");
            }
            if (cp >= 0xDC00 && cp <= 0xDFFF) {
                return fail(x, iEsc, "孤立的代理项", "lone low surrogate");
            }
            if (cp >= 0xD800 && cp <= 0xDBFF) {
                if (j + 6 > iEnd || p[j] != '\\' || p[j + 1] != 'u' || hex4(x, j + 2, &lo) != 0 ||
                    lo < 0xDC00 || lo > 0xDFFF) {
                    return fail(x, iEsc, "孤立的代理项", "lone high surrogate");
                }
                j += 6;
                cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
            }
            nOut += (size_t)utf8_encode(cp, zOut + nOut);
            break;
        }
        default: return fail(x, iEsc, "无效的转义", "bad escape");
        }
    }
    zOut[nOut] = 0;
    *pz = zOut;
    *pn = nOut;
    x->i = iEnd + 1;
    return ZW_OK;
}

/* Parse the number at x->i into pNode. */
static int parse_number(JsonParser *x, Json *pNode) {
    const char *p = x->p;
    size_t i = x->i, n = x->n, iStart = x->i;
    if (i < n && p[i] == '-') {
        i++;
    }
    if (i < n && p[i] == '0') {
        i++;
    } else if (i < n && p[i] >= '1' && p[i] <= '9') {
        while (i < n && p[i] >= '0' && p[i] <= '9') {
            i++;
        }
    } else if (i > iStart) {
        return fail(x, i, "负号后须有数字", "bad number");
    } else {
        return fail(x, i, "无法识别的值", "unexpected character");
    }
    if (i < n && p[i] == '.') {
        i++;
        if (i >= n || p[i] < '0' || p[i] > '9') {
            return fail(x, i, "小数点后须有数字", "bad number fraction");
        }
        while (i < n && p[i] >= '0' && p[i] <= '9') {
            i++;
        }
    }
    if (i < n && (p[i] == 'e' || p[i] == 'E')) {
        i++;
        if (i < n && (p[i] == '+' || p[i] == '-')) {
            i++;
        }
        if (i >= n || p[i] < '0' || p[i] > '9') {
            return fail(x, i, "指数须有数字", "bad number exponent");
        }
        while (i < n && p[i] >= '0' && p[i] <= '9') {
            i++;
        }
    }
    pNode->eType = JSON_NUM;
    pNode->zStr = arena_strndup(x->a, p + iStart, i - iStart);
    pNode->nStr = i - iStart;
    pNode->rNum = strtod(pNode->zStr, NULL);
    if (isinf(pNode->rNum)) {
        return fail(x, iStart, "数字超出范围", "number out of range");
    }
    x->i = i;
    return ZW_OK;
}

/* Parse the literal zWord (true, false, null) at x->i. */
static int parse_word(JsonParser *x, const char *zWord) {
    size_t n = strlen(zWord);
    if (x->n - x->i < n || memcmp(x->p + x->i, zWord, n) != 0) {
        return fail(x, x->i, "无法识别的值", "unexpected character");
    }
    x->i += n;
    return ZW_OK;
}

static int by_key(const void *pA, const void *pB) {
    const KeyRef *a = pA, *b = pB;
    if (a->n != b->n) {
        return a->n < b->n ? -1 : 1;
    }
    int c = memcmp(a->z, b->z, a->n);
    if (c != 0) {
        return c;
    }
    return a->iOff < b->iOff ? -1 : a->iOff > b->iOff;
}

/* Check the keys aKey[iBase..nKey) of the object that just closed, then pop them. */
static int check_keys(JsonParser *x, size_t iBase) {
    size_t nMember = x->nKey - iBase, iDup = SIZE_MAX;
    KeyRef *a = x->aKey + iBase;
    if (nMember > 1) {
        qsort(a, nMember, sizeof *a, by_key);
        for (size_t k = 1; k < nMember; k++) {
            if (a[k].n == a[k - 1].n && memcmp(a[k].z, a[k - 1].z, a[k].n) == 0 &&
                a[k].iOff < iDup) {
                iDup = a[k].iOff;
            }
        }
    }
    x->nKey = iBase;
    if (iDup != SIZE_MAX) {
        return fail(x, iDup, "对象中有重复的键", "duplicate key");
    }
    return ZW_OK;
}

static void push_key(JsonParser *x, const char *z, size_t n, size_t iOff) {
    if (x->nKey == x->nKeyAlloc) {
        x->nKeyAlloc = x->nKeyAlloc ? x->nKeyAlloc * 2 : 64;
        x->aKey = xrealloc(x->aKey, x->nKeyAlloc * sizeof *x->aKey);
    }
    x->aKey[x->nKey].z = z;
    x->aKey[x->nKey].n = n;
    x->aKey[x->nKey].iOff = iOff;
    x->nKey++;
}

static int parse_value(JsonParser *x, int iDepth, Json *pNode);

/* Parse the array or object at x->i (its opening bracket) into pNode. */
static int parse_container(JsonParser *x, int iDepth, Json *pNode) {
    int bObj = x->p[x->i] == '{';
    char cClose = bObj ? '}' : ']';
    size_t iBase = x->nKey;
    Json **ppTail = &pNode->pChild;
    int rc;

    if (iDepth >= JSON_MAX_DEPTH) {
        return fail(x, x->i, "嵌套层数超过上限", "nesting too deep");
    }
    pNode->eType = bObj ? JSON_OBJ : JSON_ARR;
    x->i++;
    skip_ws(x);
    if (x->i < x->n && x->p[x->i] == cClose) {
        x->i++;
        return ZW_OK;
    }
    for (;;) {
        if (++x->nValue > JSON_MAX_VALUES) {
            return fail(x, x->i, "元素数量超过上限", "too many values");
        }
        Json *pChild = arena_zalloc(x->a, sizeof *pChild);
        if (bObj) {
            size_t nKey, iKey = x->i;
            if (x->i >= x->n || x->p[x->i] != '"') {
                return fail(x, x->i, "此处应为用双引号括起的键", "expected member name");
            }
            rc = parse_string(x, &pChild->zKey, &nKey);
            if (rc) {
                return rc;
            }
            push_key(x, pChild->zKey, nKey, iKey);
            skip_ws(x);
            if (x->i >= x->n || x->p[x->i] != ':') {
                return fail(x, x->i, "键后应为冒号", "expected ':'");
            }
            x->i++;
            skip_ws(x);
        }
        rc = parse_value(x, iDepth + 1, pChild);
        if (rc) {
            return rc;
        }
        if (pNode->nChild == INT_MAX) {
            return fail(x, x->i, "元素过多", "too many elements");
        }
        *ppTail = pChild;
        ppTail = &pChild->pNext;
        pNode->nChild++;
        skip_ws(x);
        if (x->i >= x->n) {
            return fail(x, x->i, "缺少结束括号", "unterminated container");
        }
        if (x->p[x->i] == ',') {
            x->i++;
            skip_ws(x);
            continue;
        }
        if (x->p[x->i] != cClose) {
            return fail(x, x->i, bObj ? "此处应为逗号或 }" : "此处应为逗号或 ]",
                        "expected ',' or closing bracket");
        }
        x->i++;
        break;
    }
    return bObj ? check_keys(x, iBase) : ZW_OK;
}

/* Parse one value at x->i (no leading whitespace) into pNode, whose zKey the caller
** has set.  iDepth counts the containers around pNode. */
static int parse_value(JsonParser *x, int iDepth, Json *pNode) {
    if (x->i >= x->n) {
        return fail(x, x->i, "缺少值", "expected a value");
    }
    switch (x->p[x->i]) {
    case '{':
    case '[': return parse_container(x, iDepth, pNode);
    case '"':
        pNode->eType = JSON_STR;
        return parse_string(x, &pNode->zStr, &pNode->nStr);
    case 't':
        pNode->eType = JSON_BOOL;
        pNode->bVal = 1;
        return parse_word(x, "true");
    case 'f':
        pNode->eType = JSON_BOOL;
        return parse_word(x, "false");
    case 'n':
        pNode->eType = JSON_NULL;
        return parse_word(x, "null");
    default: return parse_number(x, pNode);
    }
}

int json_parse(Arena *a, const char *p, size_t n, Json **ppOut, Err *err) {
    JsonParser x;
    int rc;
    memset(&x, 0, sizeof x);
    x.a = a;
    x.p = p;
    x.n = n;
    x.err = err;
    *ppOut = NULL;

    Json *pRoot = arena_zalloc(a, sizeof *pRoot);
    skip_ws(&x);
    if (x.i >= n) {
        rc = err_set(err, ZW_EINPUT, "bad_json", "请求内容不是有效的 JSON：内容为空",
                     "json: empty input");
        goto done;
    }
    rc = parse_value(&x, 0, pRoot);
    if (rc) {
        goto done;
    }
    skip_ws(&x);
    if (x.i < n) {
        rc = fail(&x, x.i, "值之后还有多余内容", "trailing characters after the value");
        goto done;
    }
    *ppOut = pRoot;
done:
    free(x.aKey);
    return rc;
}

Json *json_get(const Json *pObj, const char *zKey) {
    if (!pObj || pObj->eType != JSON_OBJ || !zKey) {
        return NULL;
    }
    for (Json *p = pObj->pChild; p; p = p->pNext) {
        if (strcmp(p->zKey, zKey) == 0) {
            return p;
        }
    }
    return NULL;
}

const char *json_get_str(const Json *pObj, const char *zKey) {
    const Json *p = json_get(pObj, zKey);
    return p && p->eType == JSON_STR ? p->zStr : NULL;
}

int json_get_int(const Json *pObj, const char *zKey, int64_t *pOut) {
    return json_int(json_get(pObj, zKey), pOut);
}

int json_int(const Json *p, int64_t *pOut) {
    int64_t v;
    if (!p || p->eType == JSON_NULL) {
        return 0;
    }
    if (p->eType != JSON_NUM || strpbrk(p->zStr, ".eE") || str_to_i64(p->zStr, &v) != 0) {
        return -1;
    }
    *pOut = v;
    return 1;
}

int json_get_bool(const Json *pObj, const char *zKey, int *pOut) {
    const Json *p = json_get(pObj, zKey);
    if (!p || p->eType == JSON_NULL) {
        return 0;
    }
    if (p->eType != JSON_BOOL) {
        return -1;
    }
    *pOut = p->bVal;
    return 1;
}
