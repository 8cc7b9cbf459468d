// SPDX-License-Identifier: MIT
/*
** form_test.c: unit tests for http/form.c: urlencoded pairs, multipart/form-data
** (boundaries, part headers, file parts with binary data, every refusal), the
** Cookie header, the field and name limits, and linear time on hostile bodies.
*/
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../../../src/core/str.h"
#include "../../../src/http/form.h"
#include "t.h"

#define CT "multipart/form-data; boundary=XyZ"

static Arena g_a;
static Err g_err;
static Form g_form;

static int url(const char *z) {
    memset(&g_err, 0, sizeof g_err);
    return form_parse_urlencoded(&g_a, z, strlen(z), &g_form, &g_err);
}

static int mp_n(const char *zType, const char *p, size_t n) {
    memset(&g_err, 0, sizeof g_err);
    return form_parse_multipart(&g_a, zType, p, n, &g_form, &g_err);
}

static int mp(const char *zType, const char *z) {
    return mp_n(zType, z, strlen(z));
}

static int cookies(const char *z) {
    memset(&g_err, 0, sizeof g_err);
    return form_parse_cookies(&g_a, z, &g_form, &g_err);
}

/* 1 if the last call failed with rc, the right code, messages, and an empty form. */
static int failed(int rcGot, int rcWant) {
    if (rcGot != rcWant || g_form.nField != 0 || g_form.aField != NULL) {
        return 0;
    }
    if (rcWant == ZW_EINPUT && (!g_err.zCode || strcmp(g_err.zCode, "bad_form") != 0)) {
        return 0;
    }
    return g_err.zMsg && g_err.zLog;
}

/* A one-part multipart body for boundary XyZ with the given headers and value. */
static const char *one_part(const char *zHeaders, const char *zValue) {
    return arena_printf(&g_a, "--XyZ\r\n%s\r\n\r\n%s\r\n--XyZ--\r\n", zHeaders, zValue);
}

static double secs_since(clock_t t0) {
    return (double)(clock() - t0) / CLOCKS_PER_SEC;
}

int main(void) {
    arena_init(&g_a);

    subtest("form-1.1", "urlencoded pairs with %-escapes and '+'") {
        CHECK_INT(url("a=1&b=%E4%B8%AD+x"), ZW_OK);
        CHECK_INT(g_form.nField, 2);
        CHECK_STR(form_get(&g_form, "a"), "1");
        CHECK_STR(form_get(&g_form, "b"), "中 x");
        CHECK_INT(g_form.aField[1].nValue, 5);
        CHECK(g_form.aField[1].zFilename == NULL && g_form.aField[1].zType == NULL);
        CHECK_INT(url("q=%e6%94%bf%e5%8a%a1%e5%85%ac%e5%bc%80&%E5%90%8D=%2B%25%26%3D"), ZW_OK);
        CHECK_STR(form_get(&g_form, "q"), "政务公开");
        CHECK_STR(form_get(&g_form, "名"), "+%&=");
        CHECK_INT(url("title=关于印发的通知"), ZW_OK); /* raw UTF-8 is fine too */
        CHECK_STR(form_get(&g_form, "title"), "关于印发的通知");
    }
    subtest("form-1.2", "empty pairs are skipped") {
        CHECK_INT(url(""), ZW_OK);
        CHECK_INT(g_form.nField, 0);
        CHECK_INT(url("&&&"), ZW_OK);
        CHECK_INT(g_form.nField, 0);
        CHECK_INT(url("&&a=1&&b=2&"), ZW_OK);
        CHECK_INT(g_form.nField, 2);
        CHECK_STR(g_form.aField[0].zName, "a");
        CHECK_STR(g_form.aField[1].zName, "b");
    }
    subtest("form-1.3", "names without '=', empty names and values") {
        CHECK_INT(url("flag&x=&=v&y=a=b"), ZW_OK);
        CHECK_INT(g_form.nField, 4);
        CHECK_STR(form_get(&g_form, "flag"), "");
        CHECK_INT(form_field(&g_form, "flag")->nValue, 0);
        CHECK_STR(form_get(&g_form, "x"), "");
        CHECK_STR(form_get(&g_form, ""), "v");
        CHECK_STR(form_get(&g_form, "y"), "a=b");
        CHECK_INT(url("a+b=c+d"), ZW_OK);
        CHECK_STR(form_get(&g_form, "a b"), "c d");
    }
    subtest("form-1.4", "bad %-escapes are refused") {
        static const char *az[] = {"%", "a=%", "a=%4", "a=%zz", "a=%g1", "%4=1", "a=1&b=%x",
                                   "a=%%41", "a=%-1", "a=% 1"};
        for (size_t i = 0; i < sizeof az / sizeof az[0]; i++) {
            CHECK(failed(url(az[i]), ZW_EINPUT));
        }
        CHECK(strstr(g_err.zMsg, "百分号编码") != NULL);
    }
    subtest("form-1.5", "NUL and invalid UTF-8 are refused in names and values") {
        CHECK(failed(url("a=%00"), ZW_EINPUT));
        CHECK(failed(url("a%00b=1"), ZW_EINPUT));
        CHECK(failed(url("a=%E4%B8"), ZW_EINPUT)); /* truncated 中 */
        CHECK(failed(url("a=%FF"), ZW_EINPUT));
        CHECK(failed(url("a=%C0%AF"), ZW_EINPUT)); /* overlong '/' */
        CHECK(failed(url("a=%ED%A0%80"), ZW_EINPUT)); /* surrogate */
        CHECK(failed(url("a=\xff"), ZW_EINPUT));
        CHECK(failed(url("\xe4\xb8=1"), ZW_EINPUT));
        CHECK_INT(form_parse_urlencoded(&g_a, "a=1\0b", 5, &g_form, &g_err), ZW_EINPUT);
        CHECK(failed(url("ok=1&a=%00"), ZW_EINPUT)); /* earlier fields are dropped */
    }
    subtest("form-1.6", "field and name limits") {
        Str s;
        str_init(&s, &g_a);
        for (int i = 0; i < FORM_MAX_FIELDS; i++) {
            str_appendf(&s, "f%d=%d&", i, i);
        }
        CHECK_INT(url(str_cstr(&s)), ZW_OK);
        CHECK_INT(g_form.nField, FORM_MAX_FIELDS);
        CHECK_STR(form_get(&g_form, "f255"), "255");
        str_puts(&s, "&&&");
        CHECK_INT(url(str_cstr(&s)), ZW_OK);
        str_puts(&s, "one=more");
        CHECK(failed(url(str_cstr(&s)), ZW_ETOOBIG));
        CHECK(strstr(g_err.zMsg, "256") != NULL);

        char zName[FORM_MAX_NAME + 8];
        memset(zName, 'n', FORM_MAX_NAME);
        strcpy(zName + FORM_MAX_NAME, "=1");
        CHECK_INT(url(zName), ZW_OK);
        CHECK_INT(strlen(g_form.aField[0].zName), FORM_MAX_NAME);
        memset(zName, 'n', FORM_MAX_NAME + 1);
        strcpy(zName + FORM_MAX_NAME + 1, "=1");
        CHECK(failed(url(zName), ZW_ETOOBIG));
        CHECK_INT(url(zName + 2), ZW_OK); /* 127 bytes: fine */
        /* The limit is on decoded bytes: 43 x 中 is 129 bytes, 42 x is 126. */
        str_reset(&s);
        for (int i = 0; i < 42; i++) {
            str_puts(&s, "%E4%B8%AD");
        }
        str_puts(&s, "=1");
        CHECK_INT(url(str_cstr(&s)), ZW_OK);
        str_reset(&s);
        for (int i = 0; i < 43; i++) {
            str_puts(&s, "%E4%B8%AD");
        }
        CHECK(failed(url(str_cstr(&s)), ZW_ETOOBIG));
    }
    subtest("form-1.7", "duplicates keep input order; the first wins") {
        CHECK_INT(url("tag=a&tag=b&tag=c"), ZW_OK);
        CHECK_INT(g_form.nField, 3);
        CHECK_STR(form_get(&g_form, "tag"), "a");
        CHECK_STR(g_form.aField[2].zValue, "c");
    }
    subtest("form-1.8", "input need not be NUL-terminated; markup is kept verbatim") {
        CHECK_INT(form_parse_urlencoded(&g_a, "a=12&b=3", 3, &g_form, NULL), ZW_OK);
        CHECK_STR(form_get(&g_form, "a"), "1");
        CHECK(form_get(&g_form, "b") == NULL);
        CHECK_INT(url("x=%3Cscript%3E%22%27%26"), ZW_OK);
        CHECK_STR(form_get(&g_form, "x"), "<script>\"'&");
    }
    subtest("form-1.9", "a NULL Err is allowed and the form is still cleared") {
        CHECK_INT(url("a=1"), ZW_OK);
        CHECK_INT(form_parse_urlencoded(&g_a, "%", 1, &g_form, NULL), ZW_EINPUT);
        CHECK(g_form.nField == 0 && g_form.aField == NULL);
    }
    subtest("form-1.10", "1 MB values in linear time") {
        size_t n = 1 << 20;
        char *z = malloc(n);
        clock_t t0 = clock();
        memcpy(z, "v=", 2);
        for (size_t i = 2; i + 3 <= n; i += 3) {
            memcpy(z + i, "%41", 3);
        }
        size_t nUsed = 2 + (n - 2) / 3 * 3;
        CHECK_INT(form_parse_urlencoded(&g_a, z, nUsed, &g_form, NULL), ZW_OK);
        CHECK_INT(g_form.aField[0].nValue, (nUsed - 2) / 3);
        memset(z, '&', n);
        CHECK_INT(form_parse_urlencoded(&g_a, z, n, &g_form, NULL), ZW_OK);
        CHECK_INT(g_form.nField, 0);
        memset(z, '=', n);
        CHECK_INT(form_parse_urlencoded(&g_a, z, n, &g_form, NULL), ZW_OK);
        CHECK(secs_since(t0) < 2.0);
        free(z);
    }

    subtest("form-2.1", "text fields as a browser sends them") {
        const char *z = "------WebKitFormBoundary7MA4YWxkTrZu0gW\r\n"
                        "Content-Disposition: form-data; name=\"title\"\r\n"
                        "\r\n"
                        "关于 2026 年政府信息公开工作的报告\r\n"
                        "------WebKitFormBoundary7MA4YWxkTrZu0gW\r\n"
                        "Content-Disposition: form-data; name=\"body\"\r\n"
                        "\r\n"
                        "第一行\r\n第二行\r\n"
                        "------WebKitFormBoundary7MA4YWxkTrZu0gW--\r\n";
        CHECK_INT(mp("multipart/form-data; boundary=----WebKitFormBoundary7MA4YWxkTrZu0gW", z),
                  ZW_OK);
        CHECK_INT(g_form.nField, 2);
        CHECK_STR(form_get(&g_form, "title"), "关于 2026 年政府信息公开工作的报告");
        CHECK_STR(form_get(&g_form, "body"), "第一行\r\n第二行");
        CHECK(g_form.aField[0].zFilename == NULL && g_form.aField[0].zType == NULL);
    }
    subtest("form-2.2", "boundary quoted or not, parameters in any case and order") {
        const char *z = "--a b'()+_,-./:=?\r\nContent-Disposition: form-data; name=x\r\n\r\n1\r\n"
                        "--a b'()+_,-./:=?--";
        CHECK_INT(mp("multipart/form-data; boundary=\"a b'()+_,-./:=?\"", z), ZW_OK);
        CHECK_STR(form_get(&g_form, "x"), "1");
        CHECK_INT(mp("Multipart/Form-Data;charset=UTF-8; BOUNDARY=\"XyZ\"", one_part(
                      "Content-Disposition: form-data; name=\"x\"", "2")), ZW_OK);
        CHECK_STR(form_get(&g_form, "x"), "2");
        CHECK_INT(mp("multipart/form-data ; boundary = XyZ ; foo=\"b;ar\"", one_part(
                      "Content-Disposition: form-data; name=\"x\"", "3")), ZW_OK);
        CHECK_STR(form_get(&g_form, "x"), "3");
        /* In a quoted boundary "\=" is an escaped '='; "\y" would be a literal
        ** backslash, which is not a bchar. */
        CHECK_INT(mp("multipart/form-data; boundary=\"Xy\\=Z\"",
                     "--Xy=Z\r\nContent-Disposition: form-data; name=x\r\n\r\n4\r\n--Xy=Z--"),
                  ZW_OK);
        CHECK_STR(form_get(&g_form, "x"), "4");
        CHECK(failed(mp("multipart/form-data; boundary=\"X\\yZ\"",
                        "--X\\yZ\r\nContent-Disposition: form-data; name=x\r\n\r\n4\r\n"
                        "--X\\yZ--"),
                     ZW_EINPUT));
    }
    subtest("form-2.3", "a binary file part with NUL, CRLF and near-delimiters") {
        static const char aData[] = "\x00\x01\r\n\xff\xfe--XyZ\r\n\r\n--XyZX\r\n--XyZ-\r\n"
                                    "--Xy\r\n--XYZ\r\n--XyZ \tx\r\n\x00";
        size_t nData = sizeof aData - 1;
        Str s;
        str_init(&s, &g_a);
        str_puts(&s, "--XyZ\r\nContent-Disposition: form-data; name=\"file\"; "
                     "filename=\"scan.pdf\"\r\nContent-Type: application/pdf\r\n\r\n");
        str_append(&s, aData, nData);
        str_puts(&s, "\r\n--XyZ\r\nContent-Disposition: form-data; name=\"after\"\r\n\r\nok"
                     "\r\n--XyZ--");
        CHECK_INT(mp_n(CT, s.z, s.n), ZW_OK);
        CHECK_INT(g_form.nField, 2);
        const FormField *f = form_field(&g_form, "file");
        CHECK(f != NULL);
        if (f) {
            CHECK_INT(f->nValue, nData);
            CHECK(memcmp(f->zValue, aData, nData) == 0);
            CHECK(f->zValue[nData] == 0);
            CHECK_STR(f->zFilename, "scan.pdf");
            CHECK_STR(f->zType, "application/pdf");
        }
        CHECK_STR(form_get(&g_form, "after"), "ok");
    }
    subtest("form-2.4", "preamble, epilogue and transport padding are ignored") {
        const char *z = "This is the preamble.\r\n--XyZ\r\nignored? no: --XyZ in preamble\r\n"
                        "--XyZ \t\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nA\r\n"
                        "--XyZ  \r\nContent-Disposition: form-data; name=\"b\"\r\n\r\nB\r\n"
                        "--XyZ--  \r\nepilogue\r\n--XyZ\r\nContent-Disposition: form-data; "
                        "name=\"c\"\r\n\r\nC\r\n--XyZ--";
        /* The first delimiter is the "\r\n--XyZ\r\n" after the preamble line, so the
        ** line "ignored? ..." is the first part's header block, with no blank line. */
        CHECK(failed(mp(CT, z), ZW_EINPUT));
        z = "preamble--XyZ\r\n\r\n--XyZ\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n"
            "A\r\n--XyZ \t\r\nContent-Disposition: form-data; name=\"b\"\r\n\r\nB\r\n"
            "--XyZ--  \r\nepilogue\r\n--XyZ\r\nContent-Disposition: form-data; name=\"c\""
            "\r\n\r\nC\r\n--XyZ--";
        CHECK_INT(mp(CT, z), ZW_OK);
        CHECK_INT(g_form.nField, 2);
        CHECK_STR(form_get(&g_form, "a"), "A");
        CHECK_STR(form_get(&g_form, "b"), "B");
        CHECK(form_get(&g_form, "c") == NULL);
        /* An empty preamble ending in CRLF. */
        z = "\r\n--XyZ\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nA\r\n--XyZ--";
        CHECK_INT(mp(CT, z), ZW_OK);
        CHECK_STR(form_get(&g_form, "a"), "A");
    }
    subtest("form-2.5", "part headers are case-insensitive; unknown ones are ignored") {
        CHECK_INT(mp(CT, one_part("content-disposition: FORM-DATA; NAME=\"n\"; FileName=\"f\"\r\n"
                                  "CONTENT-TYPE:  text/plain; charset=utf-8  \r\n"
                                  "X-Whatever: \xff\x01 anything",
                                  "v")),
                  ZW_OK);
        const FormField *f = form_field(&g_form, "n");
        CHECK(f && strcmp(f->zValue, "v") == 0);
        CHECK_STR(f ? f->zFilename : NULL, "f");
        CHECK_STR(f ? f->zType : NULL, "text/plain; charset=utf-8");
        CHECK_INT(mp(CT, one_part("Content-Disposition:form-data;name=n", "v")), ZW_OK);
        CHECK_STR(form_get(&g_form, "n"), "v");
        CHECK_INT(mp(CT, one_part("Content-Disposition: form-data; name=\"n\"; filename*=UTF-8''x;"
                                  " size=3;", "v")), ZW_OK);
        CHECK(form_field(&g_form, "n") && form_field(&g_form, "n")->zFilename == NULL);
    }
    subtest("form-2.6", "file names: escapes and path stripping") {
        static const struct {
            const char *zParam, *zWant;
        } a[] = {
            {"filename=\"报告.docx\"", "报告.docx"},
            {"filename=\"C:\\Users\\张三\\报告.docx\"", "报告.docx"}, /* MSIE, unescaped */
            {"filename=\"C:\\\\dir\\\\a.txt\"", "a.txt"},
            {"filename=\"../../etc/passwd\"", "passwd"},
            {"filename=\"a\\\"b.txt\"", "a\"b.txt"},
            {"filename=\"a;b=c.txt\"", "a;b=c.txt"},
            {"filename=\"dir/\"", ""},
            {"filename=\"\"", ""},
            {"filename=plain.txt", "plain.txt"},
            {"filename=\"a%22b.txt\"", "a%22b.txt"}, /* browsers send %22; kept as is */
        };
        for (size_t i = 0; i < sizeof a / sizeof a[0]; i++) {
            const char *zHdr = arena_printf(&g_a, "Content-Disposition: form-data; name=\"f\"; %s",
                                            a[i].zParam);
            CHECK_INT(mp(CT, one_part(zHdr, "\x00")), ZW_OK);
            const FormField *f = form_field(&g_form, "f");
            CHECK_STR(f ? f->zFilename : NULL, a[i].zWant);
        }
        CHECK_INT(mp(CT, one_part("Content-Disposition: form-data; name=\"a\\\"b\\\\c\"", "v")),
                  ZW_OK);
        CHECK_STR(form_get(&g_form, "a\"b\\c"), "v");
    }
    subtest("form-2.7", "empty values and parts without Content-Type") {
        CHECK_INT(mp(CT, "--XyZ\r\nContent-Disposition: form-data; name=\"e\"\r\n\r\n\r\n"
                         "--XyZ\r\nContent-Disposition: form-data; name=\"f\"; filename=\"\"\r\n"
                         "Content-Type: application/octet-stream\r\n\r\n\r\n--XyZ--\r\n"),
                  ZW_OK);
        CHECK_INT(g_form.nField, 2);
        CHECK_STR(form_get(&g_form, "e"), "");
        CHECK(form_field(&g_form, "e")->zType == NULL);
        CHECK_INT(form_field(&g_form, "f")->nValue, 0);
        CHECK_STR(form_field(&g_form, "f")->zFilename, "");
        CHECK_INT(mp(CT, "--XyZ--"), ZW_OK);
        CHECK_INT(g_form.nField, 0);
        CHECK_INT(mp(CT, "--XyZ--\r\n"), ZW_OK);
        CHECK_INT(g_form.nField, 0);
    }
    subtest("form-2.8", "bad Content-Type headers are refused") {
        static const char *az[] = {
            "multipart/form-data",
            "multipart/form-data; boundary=",
            "multipart/form-data; boundary=\"\"",
            "multipart/form-data; boundary=\"XyZ",
            "multipart/form-data; boundary=XyZ; boundary=XyZ",
            "multipart/form-data; boundary=\"XyZ \"",
            "multipart/form-data; boundary=\"Xy\\\"Z\"",
            "multipart/form-data; boundary=\"X\xe4\xb8\xadZ\"",
            "multipart/form-data; boundary XyZ",
            "multipart/form-data; boundary=XyZ junk",
            "multipart/mixed; boundary=XyZ",
            "text/plain; boundary=XyZ",
            "",
        };
        for (size_t i = 0; i < sizeof az / sizeof az[0]; i++) {
            if (!failed(mp(az[i], one_part("Content-Disposition: form-data; name=a", "v")),
                        ZW_EINPUT)) {
                fprintf(stderr, "  not refused: %s\n", az[i]);
                CHECK(0);
            } else {
                CHECK(1);
            }
        }
        CHECK(failed(mp(NULL, "--XyZ--"), ZW_EINPUT));
        char zLong[200];
        memset(zLong, 'b', sizeof zLong);
        memcpy(zLong, "multipart/form-data; boundary=", 30);
        zLong[30 + 70] = 0;
        CHECK_INT(mp(zLong, "--XyZ--"), ZW_EINPUT); /* body lacks it, but it is accepted */
        CHECK(strstr(g_err.zLog, "no multipart delimiter") != NULL);
        zLong[30 + 70] = 'b';
        zLong[30 + 71] = 0;
        CHECK(failed(mp(zLong, "--XyZ--"), ZW_EINPUT));
        CHECK(strstr(g_err.zLog, "boundary") != NULL);
    }
    subtest("form-2.9", "malformed bodies are refused") {
        static const char *az[] = {
            "",
            "no delimiter here",
            "--XyZ",
            "--XyZ\r\n",
            "--XyZ\r\nContent-Disposition: form-data; name=a\r\n\r\nv",                 /* no end */
            "--XyZ\r\nContent-Disposition: form-data; name=a\r\n\r\nv\r\n--XyZ",       /* no -- */
            "--XyZ\r\nContent-Disposition: form-data; name=a\r\n\r\nv\r\n--XyZ\r\n",   /* open */
            "--XyZ\r\nContent-Disposition: form-data; name=a\r\n\r\nv--XyZ--",         /* no CRLF */
            "--XyZ\nContent-Disposition: form-data; name=a\n\nv\n--XyZ--",             /* bare LF */
            "--XyZ\r\n\r\n--XyZ--",                                                     /* empty */
            "--XyZ\r\n--XyZ--",
            "--XyZ\r\nContent-Disposition: form-data; name=a\r\n--XyZ--", /* no blank */
            "--XyZ\r\nContent-Disposition: form-data; name=a\r\n\r\n--XyZ--",          /* ditto */
            "--XyZ\r\n\r\nv\r\n--XyZ--",                                                /* no C-D */
            "--XyZX\r\nContent-Disposition: form-data; name=a\r\n\r\nv\r\n--XyZX--",
            "--xyz\r\nContent-Disposition: form-data; name=a\r\n\r\nv\r\n--xyz--",     /* case */
        };
        for (size_t i = 0; i < sizeof az / sizeof az[0]; i++) {
            if (!failed(mp(CT, az[i]), ZW_EINPUT)) {
                fprintf(stderr, "  not refused: body %zu\n", i);
                CHECK(0);
            } else {
                CHECK(1);
            }
        }
        CHECK(failed(mp(CT, az[4]), ZW_EINPUT));
        CHECK(strstr(g_err.zMsg, "缺少结束分隔符") != NULL);
    }
    subtest("form-2.10", "bad part headers are refused") {
        static const char *az[] = {
            "Content-Disposition: attachment; name=\"a\"",
            "Content-Disposition: form-data",
            "Content-Disposition: form-data; filename=\"a.txt\"",
            "Content-Disposition: form-data; name=\"a\"; name=\"b\"",
            "Content-Disposition: form-data; name=\"a\"; filename=\"x\"; filename=\"y\"",
            "Content-Disposition: form-data; name=\"a",
            "Content-Disposition: form-data; name=\"a\" junk",
            "Content-Disposition: form-data; name",
            "Content-Disposition: form-data; =a",
            "Content-Disposition: form-data; name=\"a\"\r\nContent-Disposition: form-data; name=b",
            "Content-Disposition: form-data;\r\n name=\"a\"",                 /* folded */
            "Content-Disposition form-data; name=\"a\"",                      /* no colon */
            "Content-Disposition: form-data; name=\"a\"\rX-Foo: 1",           /* bare CR */
            "Content-Disposition: form-data; name=\"a\"\nX-Foo: 1",           /* bare LF */
            "Content-Disposition: form-data; name=\"a\"\r\nContent-Type: a\r\nContent-Type: b",
            "Content-Disposition: form-data; name=\"a\"\r\nContent-Type: text/\x01plain",
            "Content-Disposition: form-data; name=\"a\"; filename=\"a\x01.txt\"",
            "Content-Disposition: form-data; name=\"a\"; filename=\"\xff.txt\"",
            "Content-Disposition: form-data; name=\"a\"; filename=\"a\x7f\"",
        };
        for (size_t i = 0; i < sizeof az / sizeof az[0]; i++) {
            if (!failed(mp(CT, one_part(az[i], "v")), ZW_EINPUT)) {
                fprintf(stderr, "  not refused: headers %zu\n", i);
                CHECK(0);
            } else {
                CHECK(1);
            }
        }
    }
    subtest("form-2.11", "names and text values must be UTF-8 without NUL; files need not") {
        CHECK(failed(mp(CT, one_part("Content-Disposition: form-data; name=\"a\"", "\xff")),
                     ZW_EINPUT));
        CHECK(failed(mp(CT, one_part("Content-Disposition: form-data; name=\"\xe4\xb8\"", "v")),
                     ZW_EINPUT));
        const char z[] = "--XyZ\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nx\0y\r\n"
                         "--XyZ--";
        CHECK(failed(mp_n(CT, z, sizeof z - 1), ZW_EINPUT));
        const char z2[] = "--XyZ\r\nContent-Disposition: form-data; name=\"a\0b\"\r\n\r\nv\r\n"
                          "--XyZ--";
        CHECK(failed(mp_n(CT, z2, sizeof z2 - 1), ZW_EINPUT));
        const char z3[] = "--XyZ\r\nContent-Disposition: form-data; name=\"a\"; filename=\"x\"\r\n"
                          "\r\n\xff\0\xfe\r\n--XyZ--";
        CHECK_INT(mp_n(CT, z3, sizeof z3 - 1), ZW_OK);
        CHECK_INT(form_field(&g_form, "a")->nValue, 3);
        CHECK_INT(mp(CT, one_part("Content-Disposition: form-data; name=\"名称\"",
                                  "<script>\"'&")), ZW_OK);
        CHECK_STR(form_get(&g_form, "名称"), "<script>\"'&");
    }
    subtest("form-2.12", "multipart limits") {
        Str s;
        str_init(&s, &g_a);
        for (int i = 0; i < FORM_MAX_FIELDS; i++) {
            str_appendf(&s, "--XyZ\r\nContent-Disposition: form-data; name=\"f%d\"\r\n\r\n%d\r\n",
                        i, i);
        }
        size_t nKeep = s.n;
        str_puts(&s, "--XyZ--");
        CHECK_INT(mp(CT, str_cstr(&s)), ZW_OK);
        CHECK_INT(g_form.nField, FORM_MAX_FIELDS);
        CHECK_STR(form_get(&g_form, "f0"), "0");
        CHECK_STR(form_get(&g_form, "f255"), "255");
        s.n = nKeep;
        str_puts(&s, "--XyZ\r\nContent-Disposition: form-data; name=\"x\"\r\n\r\n\r\n--XyZ--");
        CHECK(failed(mp(CT, str_cstr(&s)), ZW_ETOOBIG));

        char zName[FORM_MAX_NAME + 2];
        memset(zName, 'n', FORM_MAX_NAME);
        zName[FORM_MAX_NAME] = 0;
        const char *zHdr = arena_printf(&g_a, "Content-Disposition: form-data; name=\"%s\"", zName);
        CHECK_INT(mp(CT, one_part(zHdr, "v")), ZW_OK);
        zName[FORM_MAX_NAME] = 'n';
        zName[FORM_MAX_NAME + 1] = 0;
        zHdr = arena_printf(&g_a, "Content-Disposition: form-data; name=\"%s\"", zName);
        CHECK(failed(mp(CT, one_part(zHdr, "v")), ZW_ETOOBIG));
    }
    subtest("form-2.13", "hostile 1 MB bodies take linear time") {
        size_t n = 1 << 20, i;
        char *z = malloc(n + 200);
        clock_t t0 = clock();
        /* A file full of near-delimiters. */
        const char *zHead =
            "--XyZ\r\nContent-Disposition: form-data; name=\"f\"; filename=\"b\"\r\n\r\n";
        size_t nHead = strlen(zHead);
        memcpy(z, zHead, nHead);
        for (i = nHead; i + 8 <= n; i += 8) {
            memcpy(z + i, "\r\n--XyZ_", 8);
        }
        memcpy(z + i, "\r\n--XyZ--", 9);
        CHECK_INT(mp_n(CT, z, i + 9), ZW_OK);
        CHECK_INT(g_form.aField[0].nValue, i - nHead);
        /* Long transport padding that turns out not to be a delimiter. */
        memcpy(z + nHead, "\r\n--XyZ", 7);
        memset(z + nHead + 7, ' ', n - nHead - 7);
        memcpy(z + n - 10, "x\r\n--XyZ--", 10);
        CHECK_INT(mp_n(CT, z, n), ZW_OK);
        /* A body that is one long run of a repeated boundary character. */
        memset(z, 'a', n);
        CHECK(failed(mp_n("multipart/form-data; boundary=aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
                          z, n),
                     ZW_EINPUT));
        /* Many tiny header lines. */
        memcpy(z, zHead, nHead - 2);
        for (i = nHead - 2; i + 4 <= n; i += 4) {
            memcpy(z + i, "X:\r\n", 4);
        }
        memcpy(z + i, "\r\n\r\n--XyZ--", 11);
        CHECK_INT(mp_n(CT, z, i + 11), ZW_OK);
        /* Many parameters, each quoted. */
        const char *zCd = "--XyZ\r\nContent-Disposition: form-data; name=a";
        memcpy(z, zCd, strlen(zCd));
        for (i = strlen(zCd); i + 7 <= n; i += 7) {
            memcpy(z + i, "; q=\"x\"", 7);
        }
        memcpy(z + i, "\r\n\r\nv\r\n--XyZ--", 14);
        CHECK_INT(mp_n(CT, z, i + 14), ZW_OK);
        CHECK(secs_since(t0) < 3.0);
        free(z);
    }

    subtest("form-3.1", "cookies") {
        CHECK_INT(cookies("a=1; b=2"), ZW_OK);
        CHECK_INT(g_form.nField, 2);
        CHECK_STR(form_get(&g_form, "a"), "1");
        CHECK_STR(form_get(&g_form, "b"), "2");
        CHECK_INT(cookies("zwgk_sid=AbC-_x.y; zwgk_a11y=large"), ZW_OK);
        CHECK_STR(form_get(&g_form, "zwgk_sid"), "AbC-_x.y");
        CHECK_STR(form_get(&g_form, "zwgk_a11y"), "large");
    }
    subtest("form-3.2", "cookie whitespace, quotes, empty values, no %-decoding") {
        CHECK_INT(cookies("  a = \"x y\" ;b=;\tc=%E4%B8%AD ; d==e; e=\"\"; f=\""), ZW_OK);
        CHECK_INT(g_form.nField, 6);
        CHECK_STR(form_get(&g_form, "a"), "x y");
        CHECK_STR(form_get(&g_form, "b"), "");
        CHECK_STR(form_get(&g_form, "c"), "%E4%B8%AD");
        CHECK_STR(form_get(&g_form, "d"), "=e");
        CHECK_STR(form_get(&g_form, "e"), "");
        CHECK_STR(form_get(&g_form, "f"), "\"");
        CHECK_INT(cookies("lang=中文"), ZW_OK);
        CHECK_STR(form_get(&g_form, "lang"), "中文");
    }
    subtest("form-3.3", "malformed cookie pairs are skipped, not refused") {
        char zLong[FORM_MAX_NAME + 16];
        memset(zLong, 'n', FORM_MAX_NAME + 1);
        strcpy(zLong + FORM_MAX_NAME + 1, "=1; ok=1");
        CHECK_INT(cookies(zLong), ZW_OK);
        CHECK_INT(g_form.nField, 1);
        CHECK_STR(form_get(&g_form, "ok"), "1");
        CHECK_INT(cookies("novalue; =anon; bad=\xff; \xe4=1; ;; good=yes"), ZW_OK);
        CHECK_INT(g_form.nField, 1);
        CHECK_STR(form_get(&g_form, "good"), "yes");
        CHECK_INT(cookies(""), ZW_OK);
        CHECK_INT(g_form.nField, 0);
        CHECK_INT(cookies(NULL), ZW_OK);
        CHECK_INT(g_form.nField, 0);
        CHECK_INT(cookies("a=1; a=2"), ZW_OK);
        CHECK_STR(form_get(&g_form, "a"), "1");
    }
    subtest("form-3.4", "too many cookies") {
        Str s;
        str_init(&s, &g_a);
        for (int i = 0; i < FORM_MAX_FIELDS; i++) {
            str_appendf(&s, "c%d=%d; ", i, i);
        }
        CHECK_INT(cookies(str_cstr(&s)), ZW_OK);
        CHECK_INT(g_form.nField, FORM_MAX_FIELDS);
        str_puts(&s, "x=1");
        CHECK(failed(cookies(str_cstr(&s)), ZW_ETOOBIG));
    }

    subtest("form-4.1", "form_field and form_get") {
        Form empty = {NULL, 0};
        CHECK(form_field(&empty, "a") == NULL);
        CHECK(form_get(&empty, "a") == NULL);
        CHECK(form_field(NULL, "a") == NULL);
        CHECK(form_get(NULL, "a") == NULL);
        CHECK_INT(url("a=1&b=2&a=3"), ZW_OK);
        CHECK(form_field(&g_form, "a") == &g_form.aField[0]);
        CHECK(form_field(&g_form, "A") == NULL);
        CHECK(form_field(&g_form, NULL) == NULL);
    }

    arena_free(&g_a);
    return t_done();
}
