// SPDX-License-Identifier: MIT
/*
** form.c: the three parsers of browser input: x-www-form-urlencoded pairs,
** multipart/form-data bodies (RFC 7578 over RFC 2046) and the Cookie header.
**
** All three copy what they keep into the caller's Arena and never write to the
** input.  Each is linear in its input: multipart finds delimiters with memmem(), and
** a candidate that turns out not to be a delimiter is skipped past, never rescanned.
** Relies on core/str.h for UTF-8 checks; knows nothing of HTTP beyond the bytes.
** Deciding which Content-Type to parse, and the body size limit, is http/server.c's.
*/
#include "form.h"

#include <string.h>
#include <strings.h>

#include "../core/str.h"

/* Clear *pForm and fill *err.  ZW_EINPUT gets the code "bad_form". */
static int form_fail(Form *pForm, Err *err, int rc, const char *zMsg, const char *zLog) {
    pForm->aField = NULL;
    pForm->nField = 0;
    return err_set(err, rc, rc == ZW_EINPUT ? "bad_form" : NULL, zMsg, zLog);
}

static int too_many(Form *pForm, Err *err) {
    return form_fail(pForm, err, ZW_ETOOBIG, "表单字段过多（最多 256 个）",
                     "form: more than FORM_MAX_FIELDS fields");
}

static int name_too_long(Form *pForm, Err *err) {
    return form_fail(pForm, err, ZW_ETOOBIG, "表单字段名过长（最多 128 个字节）",
                     "form: field name longer than FORM_MAX_NAME");
}

static int bad_name(Form *pForm, Err *err) {
    return form_fail(pForm, err, ZW_EINPUT, "表单数据无效：字段名不是有效的 UTF-8 文本或含空字符",
                     "form: field name is not UTF-8 or contains NUL");
}

static int bad_value(Form *pForm, Err *err) {
    return form_fail(pForm, err, ZW_EINPUT, "表单数据无效：字段内容不是有效的 UTF-8 文本或含空字符",
                     "form: field value is not UTF-8 or contains NUL");
}

/* Append a zeroed field to pForm, growing its array (in a) by doubling up to
** FORM_MAX_FIELDS.  *pnAlloc is the array's capacity.  The caller has checked that
** pForm->nField < FORM_MAX_FIELDS. */
static FormField *field_add(Arena *a, Form *pForm, int *pnAlloc) {
    if (pForm->nField == *pnAlloc) {
        int nNew = *pnAlloc ? *pnAlloc * 2 : 8;
        if (nNew > FORM_MAX_FIELDS) {
            nNew = FORM_MAX_FIELDS;
        }
        FormField *aNew = arena_alloc(a, (size_t)nNew * sizeof *aNew);
        if (pForm->nField) {
            memcpy(aNew, pForm->aField, (size_t)pForm->nField * sizeof *aNew);
        }
        pForm->aField = aNew;
        *pnAlloc = nNew;
    }
    FormField *f = &pForm->aField[pForm->nField++];
    memset(f, 0, sizeof *f);
    return f;
}

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

/* Decode p[0..n) ('+' is a space, %XX a byte) into a new NUL-terminated string in
** the arena.  Returns 0, or -1 on a malformed %-escape. */
static int url_decode(Arena *a, const char *p, size_t n, char **pz, size_t *pn) {
    char *z = arena_alloc(a, n + 1);
    size_t i, k = 0;
    for (i = 0; i < n; i++) {
        char c = p[i];
        if (c == '+') {
            c = ' ';
        } else if (c == '%') {
            int hi, lo;
            if (n - i < 3 || (hi = hex_val(p[i + 1])) < 0 || (lo = hex_val(p[i + 2])) < 0) {
                return -1;
            }
            c = (char)(hi << 4 | lo);
            i += 2;
        }
        z[k++] = c;
    }
    z[k] = 0;
    *pz = z;
    *pn = k;
    return 0;
}

int form_parse_urlencoded(Arena *a, const char *p, size_t n, Form *pForm, Err *err) {
    int nAlloc = 0;
    size_t i = 0;
    pForm->aField = NULL;
    pForm->nField = 0;
    while (i < n) {
        const char *pAmp = memchr(p + i, '&', n - i);
        size_t iEnd = pAmp ? (size_t)(pAmp - p) : n;
        size_t nPair = iEnd - i;
        const char *pPair = p + i;
        i = pAmp ? iEnd + 1 : n;
        if (nPair == 0) {
            continue;
        }
        const char *pEq = memchr(pPair, '=', nPair);
        size_t nName = pEq ? (size_t)(pEq - pPair) : nPair;
        char *zName, *zValue;
        size_t nNameOut, nValue;
        if (pForm->nField >= FORM_MAX_FIELDS) {
            return too_many(pForm, err);
        }
        if (url_decode(a, pPair, nName, &zName, &nNameOut) != 0 ||
            (pEq && url_decode(a, pEq + 1, nPair - nName - 1, &zValue, &nValue) != 0)) {
            return form_fail(pForm, err, ZW_EINPUT, "表单数据无效：百分号编码（%XX）有误",
                             "form: bad %-escape");
        }
        if (!pEq) {
            zValue = arena_strndup(a, "", 0);
            nValue = 0;
        }
        if (nNameOut > FORM_MAX_NAME) {
            return name_too_long(pForm, err);
        }
        if (!utf8_valid(zName, nNameOut)) {
            return bad_name(pForm, err);
        }
        if (!utf8_valid(zValue, nValue)) {
            return bad_value(pForm, err);
        }
        FormField *f = field_add(a, pForm, &nAlloc);
        f->zName = zName;
        f->zValue = zValue;
        f->nValue = nValue;
    }
    return ZW_OK;
}

/*
** Header parameters: `value *( OWS ";" OWS key "=" ( token / quoted-string ) )`.
*/

static int is_ows(char c) {
    return c == ' ' || c == '\t';
}

/* A byte that may appear in an unquoted parameter key or value. */
static int is_token(char c) {
    unsigned char u = (unsigned char)c;
    return u > 0x20 && u != 0x7F && c != ';' && c != '"' && c != '=' && c != ',';
}

/* The RFC 2045 tspecials: in a quoted string a backslash escapes only these.  A
** backslash before anything else is kept, because MSIE sends full Windows paths
** ("C:\dir\a.txt") unescaped; Go's mime package makes the same choice. */
static int is_tspecial(char c) {
    return c != 0 && strchr("()<>@,;:\\\"/[]?=", c) != NULL;
}

/* A cursor over one header value. */
typedef struct HdrCur {
    const char *p; /* the value */
    size_t n;      /* its length */
    size_t i;      /* position */
} HdrCur;

/* Read the main value (up to the first ';'), trimmed, into *pSpan. */
static void hdr_main(HdrCur *h, Span *pSpan) {
    while (h->i < h->n && is_ows(h->p[h->i])) {
        h->i++;
    }
    size_t iStart = h->i;
    while (h->i < h->n && h->p[h->i] != ';') {
        h->i++;
    }
    size_t iEnd = h->i;
    while (iEnd > iStart && is_ows(h->p[iEnd - 1])) {
        iEnd--;
    }
    pSpan->p = h->p + iStart;
    pSpan->n = iEnd - iStart;
}

/* Read the next parameter.  Returns 1 with the key in *pKey and the decoded value
** (NUL-terminated, in a) in *pzVal and *pnVal, 0 at the end, -1 on a syntax error. */
static int hdr_param(Arena *a, HdrCur *h, Span *pKey, char **pzVal, size_t *pnVal) {
    const char *p = h->p;
    size_t n = h->n;
    for (;;) {
        while (h->i < n && is_ows(p[h->i])) {
            h->i++;
        }
        if (h->i >= n) {
            return 0;
        }
        if (p[h->i] != ';') {
            return -1;
        }
        h->i++;
        while (h->i < n && is_ows(p[h->i])) {
            h->i++;
        }
        if (h->i < n && p[h->i] != ';') {
            break;
        }
        /* An empty parameter ("a;;b" or a trailing ';'): skip it. */
    }
    size_t iKey = h->i;
    while (h->i < n && is_token(p[h->i])) {
        h->i++;
    }
    pKey->p = p + iKey;
    pKey->n = h->i - iKey;
    while (h->i < n && is_ows(p[h->i])) {
        h->i++;
    }
    if (pKey->n == 0 || h->i >= n || p[h->i] != '=') {
        return -1;
    }
    h->i++;
    while (h->i < n && is_ows(p[h->i])) {
        h->i++;
    }
    if (h->i < n && p[h->i] == '"') {
        /* Find the closing quote first, so the copy is no longer than the string. */
        size_t iStart = h->i + 1, j = iStart, k = 0;
        for (;;) {
            if (j >= n) {
                return -1;
            }
            if (p[j] == '"') {
                break;
            }
            j += p[j] == '\\' && j + 1 < n && is_tspecial(p[j + 1]) ? 2 : 1;
        }
        size_t iEnd = j;
        char *z = arena_alloc(a, iEnd - iStart + 1);
        for (j = iStart; j < iEnd; j++) {
            if (p[j] == '\\' && j + 1 < iEnd && is_tspecial(p[j + 1])) {
                j++;
            }
            z[k++] = p[j];
        }
        z[k] = 0;
        h->i = iEnd + 1;
        *pzVal = z;
        *pnVal = k;
    } else {
        size_t iVal = h->i;
        while (h->i < n && is_token(p[h->i])) {
            h->i++;
        }
        *pzVal = arena_strndup(a, p + iVal, h->i - iVal);
        *pnVal = h->i - iVal;
    }
    return 1;
}

static int span_ieq(Span s, const char *z) {
    size_t n = strlen(z);
    return s.n == n && strncasecmp(s.p, z, n) == 0;
}

/* 1 if z is a boundary RFC 2046 allows: 1 to 70 bchars, not ending in a space. */
static int boundary_ok(const char *z, size_t n) {
    if (n < 1 || n > 70 || z[n - 1] == ' ') {
        return 0;
    }
    for (size_t i = 0; i < n; i++) {
        char c = z[i];
        if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
              (c != 0 && strchr("'()+_,-./:=? ", c)))) {
            return 0;
        }
    }
    return 1;
}

/* The multipart delimiter being searched for: "\r\n--" boundary. */
typedef struct Delim {
    char z[4 + 70]; /* the delimiter bytes */
    size_t n;       /* their length */
} Delim;

/* Find the first delimiter line at or after iFrom in p[0..n).  bFirst also accepts
** one at offset 0 without the leading CRLF (an empty preamble).  A candidate counts
** only when followed by "--" (the close delimiter) or by optional spaces and tabs
** and CRLF.  On success returns 1 with *piAt the offset of the delimiter (of its
** CRLF, when it has one), *piAfter the offset just past its line and *pbClose set
** for the close delimiter; returns 0 if there is none. */
static int find_delim(const Delim *d, const char *p, size_t n, size_t iFrom, int bFirst,
                      size_t *piAt, size_t *piAfter, int *pbClose) {
    size_t iAt, k;
    int bAtStart = bFirst && iFrom == 0 && n >= d->n - 2 && memcmp(p, d->z + 2, d->n - 2) == 0;
    for (;;) {
        if (bAtStart) {
            iAt = 0;
            k = d->n - 2;
            bAtStart = 0;
        } else {
            const char *pHit = iFrom < n ? memmem(p + iFrom, n - iFrom, d->z, d->n) : NULL;
            if (!pHit) {
                return 0;
            }
            iAt = (size_t)(pHit - p);
            k = iAt + d->n;
        }
        iFrom = iAt + 1;
        if (n - k >= 2 && p[k] == '-' && p[k + 1] == '-') {
            *piAt = iAt;
            *piAfter = k + 2;
            *pbClose = 1;
            return 1;
        }
        while (k < n && is_ows(p[k])) {
            k++;
        }
        if (n - k >= 2 && p[k] == '\r' && p[k + 1] == '\n') {
            *piAt = iAt;
            *piAfter = k + 2;
            *pbClose = 0;
            return 1;
        }
    }
}

static int bad_multipart(Form *pForm, Err *err, const char *zLog) {
    return form_fail(pForm, err, ZW_EINPUT, "上传数据无效：multipart/form-data 格式有误", zLog);
}

/* 1 if p[0..n) is UTF-8 without control characters (C0 or DEL). */
static int text_line_ok(const char *p, size_t n) {
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)p[i];
        if (c < 0x20 || c == 0x7F) {
            return 0;
        }
    }
    return utf8_valid(p, n);
}

/* Parse one part q[0..m) (headers, empty line, body) and append its field. */
static int parse_part(Arena *a, const char *q, size_t m, Form *pForm, int *pnAlloc, Err *err) {
    size_t j = 0;
    int bDisp = 0;
    char *zName = NULL, *zFilename = NULL, *zType = NULL;
    size_t nName = 0, nFilename = 0;

    for (;;) {
        size_t k = j;
        while (k < m && q[k] != '\r' && q[k] != '\n') {
            k++;
        }
        if (k >= m) {
            return bad_multipart(pForm, err, "form: part headers not terminated");
        }
        if (q[k] != '\r' || k + 1 >= m || q[k + 1] != '\n') {
            return bad_multipart(pForm, err, "form: bare CR or LF in part headers");
        }
        const char *pLine = q + j;
        size_t nLine = k - j;
        j = k + 2;
        if (nLine == 0) {
            break;
        }
        const char *pColon = memchr(pLine, ':', nLine);
        if (!pColon || is_ows(pLine[0])) {
            return bad_multipart(pForm, err, "form: malformed part header line");
        }
        Span hname = {pLine, (size_t)(pColon - pLine)};
        while (hname.n > 0 && is_ows(hname.p[hname.n - 1])) {
            hname.n--;
        }
        HdrCur h = {pColon + 1, (size_t)(pLine + nLine - (pColon + 1)), 0};
        if (span_ieq(hname, "Content-Disposition")) {
            Span value, key;
            char *zVal;
            size_t nVal;
            int rc;
            if (bDisp) {
                return bad_multipart(pForm, err, "form: two Content-Disposition headers");
            }
            bDisp = 1;
            hdr_main(&h, &value);
            if (!span_ieq(value, "form-data")) {
                return bad_multipart(pForm, err, "form: part is not form-data");
            }
            while ((rc = hdr_param(a, &h, &key, &zVal, &nVal)) == 1) {
                if (span_ieq(key, "name")) {
                    if (zName) {
                        return bad_multipart(pForm, err, "form: two name parameters");
                    }
                    zName = zVal;
                    nName = nVal;
                } else if (span_ieq(key, "filename")) {
                    if (zFilename) {
                        return bad_multipart(pForm, err, "form: two filename parameters");
                    }
                    zFilename = zVal;
                    nFilename = nVal;
                }
            }
            if (rc < 0) {
                return bad_multipart(pForm, err, "form: malformed Content-Disposition");
            }
        } else if (span_ieq(hname, "Content-Type")) {
            Span t;
            if (zType) {
                return bad_multipart(pForm, err, "form: two Content-Type headers in a part");
            }
            t.p = h.p;
            t.n = h.n;
            while (t.n > 0 && is_ows(t.p[0])) {
                t.p++;
                t.n--;
            }
            while (t.n > 0 && is_ows(t.p[t.n - 1])) {
                t.n--;
            }
            if (!text_line_ok(t.p, t.n)) {
                return bad_multipart(pForm, err, "form: bad part Content-Type");
            }
            zType = arena_strndup(a, t.p, t.n);
        }
    }
    if (!zName) {
        return bad_multipart(pForm, err, "form: part without Content-Disposition name");
    }
    if (nName > FORM_MAX_NAME) {
        return name_too_long(pForm, err);
    }
    if (!utf8_valid(zName, nName)) {
        return bad_name(pForm, err);
    }
    if (zFilename) {
        size_t iBase = nFilename;
        while (iBase > 0 && zFilename[iBase - 1] != '/' && zFilename[iBase - 1] != '\\') {
            iBase--;
        }
        zFilename += iBase;
        nFilename -= iBase;
        if (!text_line_ok(zFilename, nFilename)) {
            return form_fail(pForm, err, ZW_EINPUT,
                             "上传数据无效：文件名不是有效的 UTF-8 文本或含控制字符",
                             "form: bad filename");
        }
    } else if (!utf8_valid(q + j, m - j)) {
        return bad_value(pForm, err);
    }
    FormField *f = field_add(a, pForm, pnAlloc);
    f->zName = zName;
    f->zValue = arena_strndup(a, q + j, m - j);
    f->nValue = m - j;
    f->zFilename = zFilename;
    f->zType = zType;
    return ZW_OK;
}

int form_parse_multipart(Arena *a, const char *zContentType, const char *p, size_t n,
                         Form *pForm, Err *err) {
    Delim d;
    Span value, key;
    char *zVal, *zBoundary = NULL;
    size_t nVal, nBoundary = 0, iAt, iAfter;
    int rc, bClose, nAlloc = 0;

    pForm->aField = NULL;
    pForm->nField = 0;
    if (!zContentType) {
        return bad_multipart(pForm, err, "form: no Content-Type");
    }
    HdrCur h = {zContentType, strlen(zContentType), 0};
    hdr_main(&h, &value);
    if (!span_ieq(value, "multipart/form-data")) {
        return bad_multipart(pForm, err, "form: Content-Type is not multipart/form-data");
    }
    while ((rc = hdr_param(a, &h, &key, &zVal, &nVal)) == 1) {
        if (span_ieq(key, "boundary")) {
            if (zBoundary) {
                return bad_multipart(pForm, err, "form: two boundary parameters");
            }
            zBoundary = zVal;
            nBoundary = nVal;
        }
    }
    if (rc < 0 || !zBoundary || !boundary_ok(zBoundary, nBoundary)) {
        return form_fail(pForm, err, ZW_EINPUT, "上传数据无效：缺少或无效的分隔符（boundary）",
                         "form: missing or bad multipart boundary");
    }
    memcpy(d.z, "\r\n--", 4);
    memcpy(d.z + 4, zBoundary, nBoundary);
    d.n = 4 + nBoundary;

    if (!find_delim(&d, p, n, 0, 1, &iAt, &iAfter, &bClose)) {
        return bad_multipart(pForm, err, "form: no multipart delimiter in the body");
    }
    while (!bClose) {
        size_t iPart = iAfter;
        if (!find_delim(&d, p, n, iPart, 0, &iAt, &iAfter, &bClose)) {
            return form_fail(pForm, err, ZW_EINPUT, "上传数据无效：数据不完整（缺少结束分隔符）",
                             "form: multipart body without its close delimiter");
        }
        if (pForm->nField >= FORM_MAX_FIELDS) {
            return too_many(pForm, err);
        }
        rc = parse_part(a, p + iPart, iAt - iPart, pForm, &nAlloc, err);
        if (rc) {
            return rc;
        }
    }
    return ZW_OK;
}

int form_parse_cookies(Arena *a, const char *zHeader, Form *pForm, Err *err) {
    int nAlloc = 0;
    size_t n = zHeader ? strlen(zHeader) : 0, i = 0;
    pForm->aField = NULL;
    pForm->nField = 0;
    while (i < n) {
        const char *pSemi = memchr(zHeader + i, ';', n - i);
        size_t iEnd = pSemi ? (size_t)(pSemi - zHeader) : n;
        size_t iStart = i;
        i = pSemi ? iEnd + 1 : n;
        while (iStart < iEnd && is_ows(zHeader[iStart])) {
            iStart++;
        }
        while (iEnd > iStart && is_ows(zHeader[iEnd - 1])) {
            iEnd--;
        }
        const char *pPair = zHeader + iStart;
        size_t nPair = iEnd - iStart;
        const char *pEq = memchr(pPair, '=', nPair);
        if (!pEq) {
            continue;
        }
        size_t nName = (size_t)(pEq - pPair);
        while (nName > 0 && is_ows(pPair[nName - 1])) {
            nName--;
        }
        const char *pVal = pEq + 1;
        size_t nVal = (size_t)(pPair + nPair - pVal);
        while (nVal > 0 && is_ows(pVal[0])) {
            pVal++;
            nVal--;
        }
        if (nVal >= 2 && pVal[0] == '"' && pVal[nVal - 1] == '"') {
            pVal++;
            nVal -= 2;
        }
        if (nName == 0 || nName > FORM_MAX_NAME || !utf8_valid(pPair, nName) ||
            !utf8_valid(pVal, nVal)) {
            continue;
        }
        if (pForm->nField >= FORM_MAX_FIELDS) {
            return too_many(pForm, err);
        }
        FormField *f = field_add(a, pForm, &nAlloc);
        f->zName = arena_strndup(a, pPair, nName);
        f->zValue = arena_strndup(a, pVal, nVal);
        f->nValue = nVal;
    }
    return ZW_OK;
}

const FormField *form_field(const Form *pForm, const char *zName) {
    if (!pForm || !zName) {
        return NULL;
    }
    for (int i = 0; i < pForm->nField; i++) {
        if (strcmp(pForm->aField[i].zName, zName) == 0) {
            return &pForm->aField[i];
        }
    }
    return NULL;
}

const char *form_get(const Form *pForm, const char *zName) {
    const FormField *f = form_field(pForm, zName);
    return f ? f->zValue : NULL;
}
