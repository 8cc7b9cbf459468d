// SPDX-License-Identifier: MIT
/*
** form_fuzz.c: libFuzzer target for http/form.c.  Each input is parsed four ways:
**
**   1. as an x-www-form-urlencoded body;
**   2. as a multipart/form-data body with the fixed boundary "XyZ";
**   3. as a multipart body whose Content-Type is the input's first line (up to LF
**      or NUL) and whose body is the rest, to reach the header-parameter parser;
**   4. as a Cookie header (the input up to its first NUL).
**
** Every accepted result must keep form.h's promises (field count and name limits,
** UTF-8 names and text values, NUL after every value, stripped file names).  The
** urlencoded and fixed-boundary multipart results are also written back out
** (str_url(), quoted-string escapes) and must parse into the same fields.  Every
** refusal must leave the form empty with a proper error record.
*/
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../src/core/str.h"
#include "../src/http/form.h"

int LLVMFuzzerTestOneInput(const uint8_t *pData, size_t nData);

#define FUZZ_CT "multipart/form-data; boundary=XyZ"

#define FUZZ_ASSERT(c)                                                                 \
    do {                                                                               \
        if (!(c)) {                                                                    \
            fprintf(stderr, "%s:%d: invariant failed: %s\n", __FILE__, __LINE__, #c);  \
            abort();                                                                   \
        }                                                                              \
    } while (0)

/* Check a parse result: rc, the form and the error record. */
static void check_form(int rc, const Form *pForm, const Err *err) {
    if (rc != ZW_OK) {
        FUZZ_ASSERT(rc == ZW_EINPUT || rc == ZW_ETOOBIG);
        FUZZ_ASSERT(pForm->nField == 0 && pForm->aField == NULL);
        FUZZ_ASSERT(err->zCode && err->zMsg && err->zLog);
        FUZZ_ASSERT(rc != ZW_EINPUT || strcmp(err->zCode, "bad_form") == 0);
        return;
    }
    FUZZ_ASSERT(pForm->nField >= 0 && pForm->nField <= FORM_MAX_FIELDS);
    FUZZ_ASSERT(pForm->nField == 0 || pForm->aField != NULL);
    for (int i = 0; i < pForm->nField; i++) {
        const FormField *f = &pForm->aField[i];
        size_t nName = strlen(f->zName);
        FUZZ_ASSERT(nName <= FORM_MAX_NAME && utf8_valid(f->zName, nName));
        FUZZ_ASSERT(f->zValue && f->zValue[f->nValue] == 0);
        if (f->zFilename) {
            size_t nFile = strlen(f->zFilename);
            FUZZ_ASSERT(utf8_valid(f->zFilename, nFile));
            FUZZ_ASSERT(!strchr(f->zFilename, '/') && !strchr(f->zFilename, '\\'));
        } else {
            FUZZ_ASSERT(strlen(f->zValue) == f->nValue && utf8_valid(f->zValue, f->nValue));
        }
        if (f->zType) {
            FUZZ_ASSERT(utf8_valid(f->zType, strlen(f->zType)));
        }
        FUZZ_ASSERT(form_field(pForm, f->zName) <= f);
    }
}

/* 1 if the two forms hold the same fields in the same order. */
static int same_form(const Form *pA, const Form *pB) {
    if (pA->nField != pB->nField) {
        return 0;
    }
    for (int i = 0; i < pA->nField; i++) {
        const FormField *a = &pA->aField[i], *b = &pB->aField[i];
        if (strcmp(a->zName, b->zName) != 0 || a->nValue != b->nValue ||
            memcmp(a->zValue, b->zValue, a->nValue) != 0) {
            return 0;
        }
        if ((a->zFilename == NULL) != (b->zFilename == NULL) ||
            (a->zFilename && strcmp(a->zFilename, b->zFilename) != 0)) {
            return 0;
        }
        if ((a->zType == NULL) != (b->zType == NULL) ||
            (a->zType && strcmp(a->zType, b->zType) != 0)) {
            return 0;
        }
    }
    return 1;
}

/* Append z as an RFC 2045 quoted string. */
static void put_quoted(Str *s, const char *z) {
    str_putc(s, '"');
    for (; *z; z++) {
        if (*z == '"' || *z == '\\') {
            str_putc(s, '\\');
        }
        str_putc(s, *z);
    }
    str_putc(s, '"');
}

static void fuzz_urlencoded(Arena *a, const char *p, size_t n) {
    Form form, again;
    Err err;
    memset(&err, 0, sizeof err);
    int rc = form_parse_urlencoded(a, p, n, &form, &err);
    check_form(rc, &form, &err);
    if (rc != ZW_OK) {
        return;
    }
    Str s;
    str_init(&s, a);
    for (int i = 0; i < form.nField; i++) {
        str_url(&s, form.aField[i].zName);
        str_putc(&s, '=');
        str_url(&s, form.aField[i].zValue);
        str_putc(&s, '&');
    }
    rc = form_parse_urlencoded(a, str_cstr(&s), s.n, &again, &err);
    FUZZ_ASSERT(rc == ZW_OK && same_form(&form, &again));
}

static void fuzz_multipart(Arena *a, const char *p, size_t n) {
    Form form, again;
    Err err;
    memset(&err, 0, sizeof err);
    int rc = form_parse_multipart(a, FUZZ_CT, p, n, &form, &err);
    check_form(rc, &form, &err);
    if (rc != ZW_OK) {
        return;
    }
    Str s;
    str_init(&s, a);
    for (int i = 0; i < form.nField; i++) {
        const FormField *f = &form.aField[i];
        str_puts(&s, "--XyZ\r\nContent-Disposition: form-data; name=");
        put_quoted(&s, f->zName);
        if (f->zFilename) {
            str_puts(&s, "; filename=");
            put_quoted(&s, f->zFilename);
        }
        if (f->zType) {
            str_appendf(&s, "\r\nContent-Type: %s", f->zType);
        }
        str_puts(&s, "\r\n\r\n");
        str_append(&s, f->zValue, f->nValue);
        str_puts(&s, "\r\n");
    }
    str_puts(&s, "--XyZ--\r\n");
    rc = form_parse_multipart(a, FUZZ_CT, s.z, s.n, &again, &err);
    FUZZ_ASSERT(rc == ZW_OK && same_form(&form, &again));
}

static void fuzz_header_then_multipart(Arena *a, const char *p, size_t n) {
    Form form;
    Err err;
    size_t i = 0;
    while (i < n && p[i] != '\n' && p[i] != 0) {
        i++;
    }
    char *zType = arena_strndup(a, p, i);
    if (i < n) {
        i++;
    }
    memset(&err, 0, sizeof err);
    int rc = form_parse_multipart(a, zType, p + i, n - i, &form, &err);
    check_form(rc, &form, &err);
}

static void fuzz_cookies(Arena *a, const char *p, size_t n) {
    Form form;
    Err err;
    const char *pNul = memchr(p, 0, n);
    char *zHeader = arena_strndup(a, p, pNul ? (size_t)(pNul - p) : n);
    memset(&err, 0, sizeof err);
    int rc = form_parse_cookies(a, zHeader, &form, &err);
    check_form(rc, &form, &err);
    for (int i = 0; i < form.nField; i++) {
        FUZZ_ASSERT(form.aField[i].zName[0] != 0 && form.aField[i].zFilename == NULL);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *pData, size_t nData) {
    Arena a;
    const char *p = (const char *)pData;
    arena_init(&a);
    fuzz_urlencoded(&a, p, nData);
    fuzz_multipart(&a, p, nData);
    fuzz_header_then_multipart(&a, p, nData);
    fuzz_cookies(&a, p, nData);
    arena_free(&a);
    return 0;
}
