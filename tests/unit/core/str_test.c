// SPDX-License-Identifier: MIT
/* str_test.c: the string builder, escaping by destination, UTF-8 checks, dates. */
#include "../../../src/core/str.h"
#include "../../../src/core/util.h"
#include <stdlib.h>

#include "t.h"

int main(void) {
    Arena a;
    arena_init(&a);
    subtest("str-1.1", "append and printf grow the buffer") {
        Str s;
        str_init(&s, &a);
        for (int i = 0; i < 1000; i++) str_appendf(&s, "%d,", i);
        CHECK(s.n > 3000);
        CHECK(strncmp(str_cstr(&s), "0,1,2,", 6) == 0);
        CHECK(s.err == 0);
    }
    subtest("str-1.2", "the limit is sticky") {
        Str s;
        str_init(&s, &a);
        s.nMax = 10;
        str_puts(&s, "12345");
        str_puts(&s, "67890abc");
        str_puts(&s, "x");
        CHECK(s.err == 1);
        CHECK_STR(str_cstr(&s), "12345");
    }
    subtest("str-1.3", "heap strings") {
        Str s;
        str_init(&s, NULL);
        str_puts(&s, "中文");
        char *z = str_take(&s);
        CHECK_STR(z, "中文");
        free(z);
    }
    subtest("str-2.1", "HTML escaping of every special character") {
        Str s;
        str_init(&s, &a);
        str_html_escape(&s, "<script>\"'&</script>中");
        CHECK_STR(str_cstr(&s), "&lt;script&gt;&quot;&#39;&amp;&lt;/script&gt;中");
    }
    subtest("str-2.2", "str_htmlf escapes %s but not numbers") {
        Str s;
        str_init(&s, &a);
        str_htmlf(&s, "<p>%s %d %lld %%</p>", "<b>", 42, (long long)7);
        CHECK_STR(str_cstr(&s), "<p>&lt;b&gt; 42 7 %</p>");
    }
    subtest("str-2.3", "URL components") {
        Str s;
        str_init(&s, &a);
        str_url(&s, "a b/中?&=");
        CHECK_STR(str_cstr(&s), "a%20b%2F%E4%B8%AD%3F%26%3D");
    }
    subtest("str-2.4", "JSON strings escape quotes, controls and <>&") {
        Str s;
        str_init(&s, &a);
        str_json(&s, "\"\\\n\t<x>&\x01中");
        CHECK_STR(str_cstr(&s), "\"\\\"\\\\\\n\\t\\u003cx\\u003e\\u0026\\u0001中\"");
        str_reset(&s);
        str_json(&s, NULL);
        CHECK_STR(str_cstr(&s), "null");
    }
    subtest("str-3.1", "UTF-8 validation") {
        CHECK(utf8_valid("中文abc", strlen("中文abc")));
        CHECK(!utf8_valid("\xff", 1));
        CHECK(!utf8_valid("\xc0\xaf", 2));           /* overlong */
        CHECK(!utf8_valid("\xed\xa0\x80", 3));       /* surrogate */
        CHECK(!utf8_valid("\xe4\xb8", 2));           /* truncated */
        CHECK(!utf8_valid("a\0b", 3));               /* NUL */
        CHECK(utf8_valid("\xef\xbf\xbd", 3));        /* U+FFFD itself is fine */
        CHECK_INT(utf8_len("中文ab", strlen("中文ab")), 4);
        CHECK_INT(utf8_prefix("中文ab", strlen("中文ab"), 1), 3);
    }
    subtest("str-3.2", "trim and blank know the ideographic space") {
        CHECK_STR(str_trim(&a, "\xe3\x80\x80 标题 \xe3\x80\x80"), "标题");
        CHECK(str_blank(" \xe3\x80\x80\t"));
        CHECK(!str_blank(" x "));
        CHECK(str_blank(NULL));
    }
    subtest("str-4.1", "integers") {
        int64_t v;
        CHECK(str_to_i64("123", &v) == 0 && v == 123);
        CHECK(str_to_i64("12a", &v) != 0);
        CHECK(str_to_i64("", &v) != 0);
        CHECK(str_to_i64("99999999999999999999", &v) != 0);
    }
    subtest("util-1.1", "calendar dates") {
        CHECK(util_date_valid("2024-02-29"));
        CHECK(!util_date_valid("2023-02-29"));
        CHECK(!util_date_valid("2021-13-01"));
        CHECK(!util_date_valid("2021-1-01"));
        CHECK(!util_date_valid("1800-01-01"));
        CHECK_INT(util_parse_time("2021-06-15T00:00:00Z"), 1623715200);
        CHECK_INT(util_parse_time("2021-06-15"), 1623715200);
        CHECK_INT(util_parse_time("garbage"), -1);
        char buf[21];
        util_iso_time(1623715200, buf);
        CHECK_STR(buf, "2021-06-15T00:00:00Z");
        util_iso_date(1623715200 - 3600, buf); /* 23:00 UTC is 07:00 next day in China */
        CHECK_STR(buf, "2021-06-15");
    }
    subtest("util-1.2", "SHA-256 and tokens") {
        char z[65];
        util_sha256_hex("abc", 3, z);
        CHECK_STR(z, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        char t1[64], t2[64];
        util_random_token(32, t1);
        util_random_token(32, t2);
        CHECK_INT(strlen(t1), 43);
        CHECK(strcmp(t1, t2) != 0);
        CHECK(util_streq_ct("abc", "abc") && !util_streq_ct("abc", "abd") && !util_streq_ct("ab", "abc"));
    }
    arena_free(&a);
    return t_done();
}
