// SPDX-License-Identifier: MIT
/*
** json_test.c: unit tests for core/json.c, the strict RFC 8259 parser: values,
** escapes, every refusal the header promises, the depth and duplicate-key limits,
** the getters, error messages and linear time on hostile 1 MB bodies.
*/
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../../../src/core/json.h"
#include "../../../src/core/str.h"
#include "t.h"

static Arena g_a;
static Err g_err;

/* Parse the NUL-terminated z; the root or NULL. */
static Json *parse(const char *z) {
    Json *p = NULL;
    memset(&g_err, 0, sizeof g_err);
    json_parse(&g_a, z, strlen(z), &p, &g_err);
    return p;
}

/* The result code of parsing p[0..n). */
static int rc_n(const char *p, size_t n) {
    Json *pOut = (Json *)1;
    memset(&g_err, 0, sizeof g_err);
    int rc = json_parse(&g_a, p, n, &pOut, &g_err);
    if (rc != ZW_OK && pOut != NULL) {
        return -100; /* *ppOut must be NULL on failure */
    }
    return rc;
}

static int rc_of(const char *z) {
    return rc_n(z, strlen(z));
}

/* 1 if z is refused with ZW_EINPUT and a well-formed error record. */
static int refused(const char *z) {
    int rc = rc_of(z);
    return rc == ZW_EINPUT && g_err.zCode && strcmp(g_err.zCode, "bad_json") == 0 &&
           g_err.zMsg && strncmp(g_err.zMsg, "请求内容不是有效的 JSON：", 31) == 0 && g_err.zLog;
}

/* The decoded string of the JSON string literal z, or NULL if refused. */
static const char *str_of(const char *z) {
    Json *p = parse(z);
    return p && p->eType == JSON_STR ? p->zStr : NULL;
}

static double secs_since(clock_t t0) {
    return (double)(clock() - t0) / CLOCKS_PER_SEC;
}

int main(void) {
    arena_init(&g_a);

    subtest("json-1.1", "literals") {
        Json *p = parse("null");
        CHECK(p && p->eType == JSON_NULL);
        p = parse("true");
        CHECK(p && p->eType == JSON_BOOL && p->bVal == 1);
        p = parse("false");
        CHECK(p && p->eType == JSON_BOOL && p->bVal == 0);
        p = parse(" \t\r\n true \n");
        CHECK(p && p->eType == JSON_BOOL && p->bVal == 1);
        CHECK(p && p->zKey == NULL && p->pNext == NULL && p->pChild == NULL);
    }
    subtest("json-1.2", "numbers keep their literal and value") {
        static const struct {
            const char *z;
            double r;
        } a[] = {{"0", 0},         {"-0", 0},         {"1", 1},          {"-1", -1},
                 {"1.5", 1.5},     {"-0.25", -0.25},  {"1e3", 1000},     {"1E3", 1000},
                 {"1e+3", 1000},   {"1e-3", 0.001},   {"2.5E-1", 0.25},  {"10", 10},
                 {"123456789012345", 123456789012345.0}, {"0.0", 0}, {"0e0", 0}};
        for (size_t i = 0; i < sizeof a / sizeof a[0]; i++) {
            Json *p = parse(a[i].z);
            CHECK(p && p->eType == JSON_NUM);
            if (p) {
                CHECK_STR(p->zStr, a[i].z);
                CHECK_INT(p->nStr, strlen(a[i].z));
                CHECK(p->rNum == a[i].r);
            }
        }
    }
    subtest("json-1.3", "underflow is accepted, overflow refused") {
        Json *p = parse("1e-400");
        CHECK(p && p->eType == JSON_NUM && p->rNum == 0);
        CHECK(refused("1e400"));
        CHECK(refused("-1e400"));
        CHECK(refused("[1, 2e999]"));
        p = parse("1.7976931348623157e308");
        CHECK(p && p->eType == JSON_NUM && isfinite(p->rNum));
    }
    subtest("json-1.4", "plain strings, Chinese included") {
        CHECK_STR(str_of("\"\""), "");
        CHECK_STR(str_of("\"abc\""), "abc");
        CHECK_STR(str_of("\"政务公开\""), "政务公开");
        CHECK_STR(str_of("\"县人民政府办公室 2026 年\""), "县人民政府办公室 2026 年");
        CHECK_STR(str_of("\"😀𠀀\""), "😀𠀀");
        Json *p = parse("\"中文\"");
        CHECK(p && p->nStr == 6);
    }

    subtest("json-2.1", "simple escapes") {
        CHECK_STR(str_of("\"\\\"\\\\\\/\\b\\f\\n\\r\\t\""), "\"\\/\b\f\n\r\t");
        CHECK_STR(str_of("\"a\\nb\""), "a\nb");
        CHECK_STR(str_of("\"\\\\u0041\""), "\\u0041");
    }
    subtest("json-2.2", "\\u escapes, BMP and Chinese") {
        CHECK_STR(str_of("\"\\u0041\""), "A");
        CHECK_STR(str_of("\"\\u4e2d\\u6587\""), "中文");
        CHECK_STR(str_of("\"\\u4E2D\""), "中");
        CHECK_STR(str_of("\"\\u00e9\\u00E9\""), "éé");
        CHECK_STR(str_of("\"\\u007f\\u0080\\u07ff\\u0800\\uffff\""),
                  "\x7f\xc2\x80\xdf\xbf\xe0\xa0\x80\xef\xbf\xbf");
        CHECK_STR(str_of("\"\\u0001\""), "\x01");
        Json *p = parse("\"x\\u4e2dy\"");
        CHECK(p && p->nStr == 5);
    }
    subtest("json-2.3", "surrogate pairs") {
        CHECK_STR(str_of("\"\\ud83d\\ude00\""), "😀");
        CHECK_STR(str_of("\"\\uD83D\\uDE00\""), "😀");
        CHECK_STR(str_of("\"\\ud800\\udc00\""), "\xf0\x90\x80\x80");
        CHECK_STR(str_of("\"\\udbff\\udfff\""), "\xf4\x8f\xbf\xbf");
        CHECK_STR(str_of("\"a\\ud840\\udc00b\""), "a𠀀b");
    }
    subtest("json-2.4", "escapes mixed with raw UTF-8") {
        CHECK_STR(str_of("\"第\\\"1\\\"号\\n文件\""), "第\"1\"号\n文件");
    }

    subtest("json-3.1", "raw control characters in strings are refused") {
        CHECK(refused("\"a\x01b\""));
        CHECK(refused("\"a\nb\""));
        CHECK(refused("\"a\tb\""));
        CHECK(refused("\"\x1f\""));
        CHECK_INT(rc_n("\"a\0b\"", 5), ZW_EINPUT);
        CHECK(parse("\"a\x7f\"") != NULL); /* DEL is not a control in JSON */
    }
    subtest("json-3.2", "\\u0000 is refused") {
        CHECK(refused("\"\\u0000\""));
        CHECK(refused("\"abc\\u0000def\""));
        CHECK(refused("{\"\\u0000\":1}"));
    }
    subtest("json-3.3", "lone and misordered surrogates are refused") {
        CHECK(refused("\"\\ud800\""));
        CHECK(refused("\"\\ud800x\""));
        CHECK(refused("\"\\ud800\\u0041\""));
        CHECK(refused("\"\\ud800\\ud800\""));
        CHECK(refused("\"\\udc00\""));
        CHECK(refused("\"\\ude00\\ud83d\""));
        CHECK(refused("\"\\ud800\\n\""));
        CHECK(refused("\"\\ud800\\u\""));
        CHECK(refused("\"\\udbff\\udfffx\\udfff\""));
    }
    subtest("json-3.4", "bad escapes are refused") {
        CHECK(refused("\"\\x41\""));
        CHECK(refused("\"\\a\""));
        CHECK(refused("\"\\'\""));
        CHECK(refused("\"\\u12\""));
        CHECK(refused("\"\\u12g4\""));
        CHECK(refused("\"\\U0041\""));
        CHECK(refused("\"\\u\""));
        CHECK(refused("\"\\"));
        CHECK(refused("\"\\\""));
        CHECK(refused("\"\\\xe4\xb8\xad\""));
    }
    subtest("json-3.5", "invalid UTF-8 is refused") {
        CHECK(refused("\"\xff\""));
        CHECK(refused("\"\xc0\x80\""));         /* overlong NUL */
        CHECK(refused("\"\xe0\x80\xaf\""));     /* overlong '/' */
        CHECK(refused("\"\xed\xa0\x80\""));     /* UTF-8 encoded surrogate */
        CHECK(refused("\"\xe4\xb8\""));         /* truncated 中 */
        CHECK(refused("\"\xe4\xb8"));           /* truncated at the end of input */
        CHECK(refused("\"\x80\""));             /* stray continuation */
        CHECK(refused("\"\xf4\x90\x80\x80\"")); /* above U+10FFFF */
        CHECK(refused("{\"\xff\":1}"));
        CHECK(refused("\xe4\xb8\xad"));         /* not a value at all */
    }
    subtest("json-3.6", "unterminated strings") {
        CHECK(refused("\""));
        CHECK(refused("\"abc"));
        CHECK(refused("[\"abc]"));
        CHECK(refused("{\"a"));
    }

    subtest("json-4.1", "numbers outside the grammar are refused") {
        static const char *az[] = {"01",  "-01", "00",   "+1",       ".5",        "1.",
                                   "1.e5", "1e", "1e+",  "1e-",      "-",         "--1",
                                   "-a",  "NaN", "nan",  "Infinity", "-Infinity", "0x10",
                                   "1_000", "1,5", "0.5.1", "1e5e5", "- 1", "[01]", "[-]",
                                   "1 2", "١"};
        for (size_t i = 0; i < sizeof az / sizeof az[0]; i++) {
            if (!refused(az[i])) {
                fprintf(stderr, "  not refused: %s\n", az[i]);
                CHECK(0);
            } else {
                CHECK(1);
            }
        }
    }

    subtest("json-5.1", "arrays keep order and count") {
        Json *p = parse("[1, \"二\", true, null, [], {}]");
        CHECK(p && p->eType == JSON_ARR && p->nChild == 6);
        if (p && p->nChild == 6) {
            Json *c = p->pChild;
            CHECK(c->eType == JSON_NUM && c->rNum == 1 && c->zKey == NULL);
            c = c->pNext;
            CHECK(c->eType == JSON_STR);
            CHECK_STR(c->zStr, "二");
            c = c->pNext;
            CHECK(c->eType == JSON_BOOL && c->bVal);
            c = c->pNext;
            CHECK(c->eType == JSON_NULL);
            c = c->pNext;
            CHECK(c->eType == JSON_ARR && c->nChild == 0 && c->pChild == NULL);
            c = c->pNext;
            CHECK(c->eType == JSON_OBJ && c->nChild == 0 && c->pChild == NULL);
            CHECK(c->pNext == NULL);
        }
        p = parse("[]");
        CHECK(p && p->eType == JSON_ARR && p->nChild == 0);
        p = parse(" [ \n ] ");
        CHECK(p && p->eType == JSON_ARR && p->nChild == 0);
    }
    subtest("json-5.2", "objects keep order, keys and count") {
        Json *p = parse("{\"标题\":\"关于印发的通知\",\"id\":42,\"tags\":[\"a\",\"b\"],"
                        "\"meta\":{\"draft\":false}}");
        CHECK(p && p->eType == JSON_OBJ && p->nChild == 4);
        if (p && p->nChild == 4) {
            CHECK_STR(p->pChild->zKey, "标题");
            CHECK_STR(p->pChild->pNext->zKey, "id");
            CHECK_STR(json_get_str(p, "标题"), "关于印发的通知");
            Json *t = json_get(p, "tags");
            CHECK(t && t->eType == JSON_ARR && t->nChild == 2);
            CHECK_STR(t ? t->pChild->pNext->zStr : NULL, "b");
            CHECK(t && t->pChild->zKey == NULL);
            int b = -1;
            CHECK_INT(json_get_bool(json_get(p, "meta"), "draft", &b), 1);
            CHECK_INT(b, 0);
        }
    }
    subtest("json-5.3", "keys with escapes are decoded") {
        Json *p = parse("{\"\\u4e2d\":1,\"a\\\"b\":2}");
        CHECK(p && p->nChild == 2);
        CHECK(json_get(p, "中") != NULL);
        CHECK(json_get(p, "a\"b") != NULL);
        CHECK(json_get(p, "\\u4e2d") == NULL);
    }

    subtest("json-6.1", "structural errors are refused") {
        static const char *az[] = {
            "",          " ",          "\n\t",       "[",          "]",        "{",
            "}",         "[1,]",       "[,1]",       "[1,,2]",     "[1 2]",    "{\"a\":1,}",
            "{,}",       "{\"a\"}",    "{\"a\" 1}",  "{\"a\":}",   "{a:1}",    "{'a':1}",
            "['a']",     "{\"a\":1 \"b\":2}", "{1:2}", "[1]]",     "{}}",      "[] x",
            "1 2",       "\"a\" \"b\"", "nul",       "tru",        "truex",    "nulll",
            "True",      "NULL",       "[true false]", "// c\n1",  "/* c */1", "1 // c",
            "\xef\xbb\xbf{}", "\x0b 1", "\x0c 1",    "[1\x0b]",    "{\"a\"::1}", "[\"a\":1]",
            "{\"a\":1]", "[1}",        "\"\\u00e9",   "{\"a\":{\"b\":1}",
        };
        for (size_t i = 0; i < sizeof az / sizeof az[0]; i++) {
            if (!refused(az[i])) {
                fprintf(stderr, "  not refused: [%s]\n", az[i]);
                CHECK(0);
            } else {
                CHECK(1);
            }
        }
    }
    subtest("json-6.2", "a NUL byte anywhere is refused") {
        CHECK_INT(rc_n("1\0", 2), ZW_EINPUT);
        CHECK_INT(rc_n("[1,\0 2]", 7), ZW_EINPUT);
        CHECK_INT(rc_n("\0", 1), ZW_EINPUT);
    }
    subtest("json-6.3", "trailing whitespace is fine") {
        CHECK(parse("{} \r\n\t ") != NULL);
        CHECK(parse("0 ") != NULL);
    }

    subtest("json-7.1", "depth up to JSON_MAX_DEPTH is accepted") {
        char buf[256];
        int k;
        for (k = 0; k < JSON_MAX_DEPTH; k++) {
            buf[k] = '[';
        }
        for (; k < 2 * JSON_MAX_DEPTH; k++) {
            buf[k] = ']';
        }
        buf[k] = 0;
        Json *p = parse(buf);
        CHECK(p != NULL);
        int nDepth = 0;
        while (p) {
            nDepth++;
            p = p->pChild;
        }
        CHECK_INT(nDepth, JSON_MAX_DEPTH);
    }
    subtest("json-7.2", "depth JSON_MAX_DEPTH + 1 is refused") {
        char buf[256];
        int k;
        for (k = 0; k <= JSON_MAX_DEPTH; k++) {
            buf[k] = '[';
        }
        for (; k < 2 * (JSON_MAX_DEPTH + 1); k++) {
            buf[k] = ']';
        }
        buf[k] = 0;
        CHECK(refused(buf));
        CHECK(strstr(g_err.zMsg, "第 33 个字节") != NULL);
    }
    subtest("json-7.3", "objects count towards depth too") {
        Str s;
        str_init(&s, &g_a);
        for (int k = 0; k < JSON_MAX_DEPTH; k++) {
            str_puts(&s, k % 2 ? "[" : "{\"a\":");
        }
        str_puts(&s, "1");
        for (int k = JSON_MAX_DEPTH - 1; k >= 0; k--) {
            str_puts(&s, k % 2 ? "]" : "}");
        }
        CHECK(parse(str_cstr(&s)) != NULL);
        str_reset(&s);
        for (int k = 0; k <= JSON_MAX_DEPTH; k++) {
            str_puts(&s, k % 2 ? "[" : "{\"a\":");
        }
        CHECK(refused(str_cstr(&s)));
    }
    subtest("json-7.4", "1 MB of '[' or '{\"a\":' fails fast without recursion") {
        size_t n = 1 << 20;
        char *z = malloc(n);
        memset(z, '[', n);
        clock_t t0 = clock();
        CHECK_INT(rc_n(z, n), ZW_EINPUT);
        for (size_t i = 0; i + 5 <= n; i += 5) {
            memcpy(z + i, "{\"a\":", 5);
        }
        CHECK_INT(rc_n(z, n - n % 5), ZW_EINPUT);
        CHECK(secs_since(t0) < 1.0);
        free(z);
    }

    subtest("json-8.1", "duplicate keys are refused") {
        CHECK(refused("{\"a\":1,\"a\":2}"));
        CHECK(strstr(g_err.zMsg, "第 8 个字节") != NULL); /* the second "a" */
        CHECK(refused("{\"a\":1,\"b\":2,\"a\":1}"));
        CHECK(refused("{\"中\":1,\"\\u4e2d\":2}"));
        CHECK(refused("{\"a\":1,\"\\u0061\":2}"));
        CHECK(refused("{\"x\":{\"k\":1,\"k\":2}}"));
        CHECK(refused("[{\"k\":1},{\"k\":1,\"k\":1}]"));
        CHECK(refused("{\"\":1,\"\":2}"));
    }
    subtest("json-8.2", "same key in different objects is fine") {
        Json *p = parse("{\"a\":{\"a\":1},\"b\":{\"a\":{\"a\":2}},\"c\":[{\"a\":1},{\"a\":2}]}");
        CHECK(p && p->nChild == 3);
        p = parse("{\"a\":1,\"ab\":2,\"b\":3,\"A\":4,\"a \":5}");
        CHECK(p && p->nChild == 5);
        p = parse("{\"x\":{\"y\":1},\"y\":{\"x\":1}}");
        CHECK(p && p->nChild == 2);
    }
    subtest("json-8.3", "many members: fast, and a late duplicate is found") {
        int nKey = 50000;
        Str s;
        str_init(&s, &g_a);
        str_putc(&s, '{');
        for (int k = 0; k < nKey; k++) {
            str_appendf(&s, "%s\"k%d\":%d", k ? "," : "", k, k);
        }
        size_t nOpen = s.n;
        str_putc(&s, '}');
        clock_t t0 = clock();
        Json *p = parse(str_cstr(&s));
        CHECK(p && p->nChild == nKey);
        int64_t v = 0;
        CHECK_INT(json_get_int(p, "k49999", &v), 1);
        CHECK_INT(v, 49999);
        s.n = nOpen;
        str_puts(&s, ",\"k123\":0}");
        CHECK(refused(str_cstr(&s)));
        CHECK(secs_since(t0) < 2.0);
    }
    subtest("json-8.4", "long keys with a shared prefix") {
        Str s;
        str_init(&s, &g_a);
        str_putc(&s, '{');
        for (int k = 0; k < 200; k++) {
            str_puts(&s, k ? ",\"" : "\"");
            for (int i = 0; i < 1000; i++) {
                str_putc(&s, 'x');
            }
            str_appendf(&s, "%03d\":0", k);
        }
        str_putc(&s, '}');
        CHECK(parse(str_cstr(&s)) != NULL);
    }

    subtest("json-9.1", "json_get_int") {
        Json *p = parse("{\"a\":42,\"b\":-7,\"c\":1.0,\"d\":1e2,\"e\":\"5\",\"f\":null,"
                        "\"max\":9223372036854775807,\"min\":-9223372036854775808,"
                        "\"over\":9223372036854775808,\"z\":-0}");
        int64_t v = 99;
        CHECK(p != NULL);
        CHECK_INT(json_get_int(p, "a", &v), 1);
        CHECK_INT(v, 42);
        CHECK_INT(json_get_int(p, "b", &v), 1);
        CHECK_INT(v, -7);
        v = 99;
        CHECK_INT(json_get_int(p, "c", &v), -1);
        CHECK_INT(json_get_int(p, "d", &v), -1);
        CHECK_INT(json_get_int(p, "e", &v), -1);
        CHECK_INT(v, 99);
        CHECK_INT(json_get_int(p, "f", &v), 0);
        CHECK_INT(json_get_int(p, "missing", &v), 0);
        CHECK_INT(json_get_int(p, "max", &v), 1);
        CHECK(v == INT64_MAX);
        CHECK_INT(json_get_int(p, "min", &v), 1);
        CHECK(v == INT64_MIN);
        CHECK_INT(json_get_int(p, "over", &v), -1);
        CHECK_INT(json_get_int(p, "z", &v), 1);
        CHECK_INT(v, 0);
    }
    subtest("json-9.2", "json_get_bool and json_get_str") {
        Json *p = parse("{\"t\":true,\"f\":false,\"n\":null,\"s\":\"true\",\"one\":1}");
        int b = 7;
        CHECK_INT(json_get_bool(p, "t", &b), 1);
        CHECK_INT(b, 1);
        CHECK_INT(json_get_bool(p, "f", &b), 1);
        CHECK_INT(b, 0);
        CHECK_INT(json_get_bool(p, "n", &b), 0);
        CHECK_INT(json_get_bool(p, "none", &b), 0);
        CHECK_INT(json_get_bool(p, "s", &b), -1);
        CHECK_INT(json_get_bool(p, "one", &b), -1);
        CHECK_STR(json_get_str(p, "s"), "true");
        CHECK(json_get_str(p, "t") == NULL);
        CHECK(json_get_str(p, "n") == NULL);
        CHECK(json_get_str(p, "none") == NULL);
    }
    subtest("json-9.3", "getters on non-objects") {
        Json *p = parse("[{\"a\":1}]");
        int64_t v;
        CHECK(json_get(p, "a") == NULL);
        CHECK(json_get(NULL, "a") == NULL);
        CHECK(json_get_str(NULL, "a") == NULL);
        CHECK_INT(json_get_int(NULL, "a", &v), 0);
        CHECK(json_get(parse("\"a\""), "a") == NULL);
        CHECK(json_get(p ? p->pChild : NULL, "a") != NULL);
    }

    subtest("json-10.1", "error messages name the byte") {
        CHECK(refused("[1,2,x]"));
        CHECK_STR(g_err.zMsg, "请求内容不是有效的 JSON：第 6 个字节附近有误（无法识别的值）");
        CHECK(strstr(g_err.zLog, "byte 6") != NULL);
        CHECK(refused("[1,2"));
        CHECK(strstr(g_err.zMsg, "内容不完整") != NULL);
        CHECK(refused(""));
        CHECK_STR(g_err.zMsg, "请求内容不是有效的 JSON：内容为空");
        CHECK(refused("{\"a\":1} ,"));
        CHECK(strstr(g_err.zMsg, "第 9 个字节") != NULL);
    }
    subtest("json-10.2", "a NULL Err is allowed") {
        Json *p = (Json *)1;
        CHECK_INT(json_parse(&g_a, "[", 1, &p, NULL), ZW_EINPUT);
        CHECK(p == NULL);
        CHECK_INT(json_parse(&g_a, "[]", 2, &p, NULL), ZW_OK);
        CHECK(p != NULL);
    }
    subtest("json-10.3", "input need not be NUL-terminated") {
        const char z[] = "[12]345";
        Json *p = NULL;
        CHECK_INT(json_parse(&g_a, z, 4, &p, NULL), ZW_OK);
        CHECK(p && p->nChild == 1 && p->pChild->rNum == 12);
        CHECK_INT(json_parse(&g_a, "123", 2, &p, NULL), ZW_OK);
        CHECK(p && p->rNum == 12);
        CHECK_STR(p ? p->zStr : NULL, "12");
        CHECK_INT(json_parse(&g_a, "true", 3, &p, NULL), ZW_EINPUT);
        CHECK_INT(json_parse(&g_a, "\"ab\"", 3, &p, NULL), ZW_EINPUT);
    }

    subtest("json-11.1", "1 MB bodies parse in linear time") {
        size_t n = 1 << 20, i;
        char *z = malloc(n);
        clock_t t0 = clock();
        /* [0,0,0,...] with just under JSON_MAX_VALUES values; 1 MB of them is refused. */
        z[0] = '[';
        for (i = 1; i + 2 < 2 * JSON_MAX_VALUES - 100; i += 2) {
            z[i] = '0';
            z[i + 1] = ',';
        }
        z[i - 1] = ']';
        Json *p = NULL;
        CHECK_INT(json_parse(&g_a, z, i, &p, NULL), ZW_OK);
        CHECK(p && p->nChild == (int)(i / 2));
        /* One string of escapes. */
        z[0] = '"';
        for (i = 1; i + 6 < n; i += 6) {
            memcpy(z + i, "\\u4e2d", 6);
        }
        z[i] = '"';
        CHECK_INT(json_parse(&g_a, z, i + 1, &p, NULL), ZW_OK);
        CHECK(p && p->nStr == (i - 1) / 6 * 3);
        /* One long number. */
        memset(z, '7', n);
        CHECK_INT(json_parse(&g_a, z, n, &p, NULL), ZW_EINPUT); /* overflows */
        z[0] = '0';
        z[1] = '.';
        CHECK_INT(json_parse(&g_a, z, n, &p, NULL), ZW_OK);
        /* Many small objects (three values each, within JSON_MAX_VALUES). */
        z[0] = '[';
        for (i = 1; i + 15 < 15 * (JSON_MAX_VALUES / 3) - 100; i += 15) {
            memcpy(z + i, "{\"a\":1,\"b\":[]},", 15);
        }
        z[i - 1] = ']';
        CHECK_INT(json_parse(&g_a, z, i, &p, NULL), ZW_OK);
        CHECK(secs_since(t0) < 5.0);
        free(z);
    }

    arena_free(&g_a);
    subtest("json-12.1", "a document of more than JSON_MAX_VALUES values is refused") {
        Arena a2;
        arena_init(&a2);
        Str s;
        str_init(&s, &a2);
        str_putc(&s, '[');
        for (int i = 0; i <= JSON_MAX_VALUES; i++) str_puts(&s, i ? ",0" : "0");
        str_putc(&s, ']');
        Json *pJ;
        Err e = {0};
        CHECK(json_parse(&a2, s.z, s.n, &pJ, &e) == ZW_EINPUT);
        arena_free(&a2);
    }
    return t_done();
}
