/*
** json.h: a strict JSON parser (RFC 8259) for request bodies and imports.
** Writing JSON is done with str_json() and str_appendf() (core/str.h).
**
** Memory: the whole tree, keys and decoded strings live in the caller's Arena.
** Errors: ZW_EINPUT with a Chinese message in err->zMsg and code "bad_json".
** Limits: nesting depth at most JSON_MAX_DEPTH; strings must be valid UTF-8 with no
**         NUL (a \u0000 escape is refused too); lone surrogate escapes are refused;
**         duplicate keys in one object are refused; nothing but whitespace may follow
**         the value.  Numbers follow the RFC grammar exactly (no leading zeros,
**         "+", ".5", NaN or Infinity) and one whose value overflows a double
**         (1e400) is refused; a byte-order mark is refused.  Time is O(n log n) at
**         worst (the duplicate-key check sorts each object's keys); the tree costs
**         about 100 bytes of arena per value, so bound n before calling.
**         The message names the 1-based byte offset of the error:
**         "请求内容不是有效的 JSON：第 N 个字节附近有误（reason）".
*/
#ifndef ZW_JSON_H
#define ZW_JSON_H

#include <stddef.h>
#include <stdint.h>

#include "arena.h"
#include "err.h"

#define JSON_MAX_DEPTH 32
#define JSON_MAX_VALUES 100000 /* values in one document; bounds the tree's memory (~10 MB) */

typedef enum { JSON_NULL, JSON_BOOL, JSON_NUM, JSON_STR, JSON_ARR, JSON_OBJ } JsonType;

typedef struct Json Json;
struct Json {
    JsonType eType;
    const char *zKey; /* member name when this node is inside an object, else NULL */
    const char *zStr; /* JSON_STR: decoded text, NUL-terminated; JSON_NUM: the literal as written */
    size_t nStr;      /* length of zStr in bytes */
    double rNum;      /* JSON_NUM: value */
    int bVal;         /* JSON_BOOL: 0 or 1 */
    Json *pChild;     /* JSON_ARR/JSON_OBJ: first element or member, in document order */
    Json *pNext;      /* next sibling */
    int nChild;       /* number of children */
};

/* Parse p[0..n).  On success *ppOut is the root and ZW_OK is returned. */
int json_parse(Arena *a, const char *p, size_t n, Json **ppOut, Err *err);

/* The member zKey of object pObj, or NULL (also NULL when pObj is not an object). */
Json *json_get(const Json *pObj, const char *zKey);

/* The string member zKey, or NULL when absent, null, or not a string. */
const char *json_get_str(const Json *pObj, const char *zKey);

/* Store the integer member zKey in *pOut.  Returns 1 if present and an integer
** (no fraction, no exponent, fits int64), 0 if absent or null, -1 if present but
** of another type. */
int json_get_int(const Json *pObj, const char *zKey, int64_t *pOut);
/* The same for a value itself (an array element): 1, 0 (NULL or null), -1. */
int json_int(const Json *p, int64_t *pOut);

/* Like json_get_int for booleans: 1 present, 0 absent/null, -1 wrong type. */
int json_get_bool(const Json *pObj, const char *zKey, int *pOut);

#endif
