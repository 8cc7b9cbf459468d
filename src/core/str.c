// SPDX-License-Identifier: MIT
/*
** str.c: Str growth with a sticky limit, escaping for HTML, URLs and JSON, and
** UTF-8 validation.  Everything here is pure; nothing knows about HTTP or SQL.
*/
#include "str.h"

#include "log.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define STR_DEFAULT_MAX ((size_t)64 << 20)

void str_init(Str *s, Arena *a) {
    memset(s, 0, sizeof *s);
    s->a = a;
}

void str_free(Str *s) {
    if (!s->a) free(s->z);
    s->z = NULL;
    s->n = s->cap = 0;
}

char *str_take(Str *s) {
    str_cstr(s);
    char *z = s->z;
    s->z = NULL;
    s->n = s->cap = 0;
    return z;
}

void str_reset(Str *s) {
    s->n = 0;
    s->err = 0;
    if (s->z) s->z[0] = 0;
}

static int grow(Str *s, size_t nMore) {
    size_t nMax = s->nMax ? s->nMax : STR_DEFAULT_MAX;
    if (s->err) return 0;
    if (s->n + nMore + 1 > nMax) {
        s->err = 1;
        return 0;
    }
    if (s->n + nMore + 1 <= s->cap) return 1;
    size_t cap = s->cap ? s->cap * 2 : 256;
    while (cap < s->n + nMore + 1) cap *= 2;
    if (s->a) {
        char *z = arena_alloc(s->a, cap);
        if (s->n) memcpy(z, s->z, s->n);
        s->z = z;
    } else {
        s->z = xrealloc(s->z, cap);
    }
    s->cap = cap;
    return 1;
}

const char *str_cstr(Str *s) {
    if (!s->z) {
        if (s->err || !grow(s, 0)) return "";
    }
    s->z[s->n] = 0;
    return s->z;
}

void str_append(Str *s, const char *p, size_t n) {
    if (!grow(s, n)) return;
    if (n) memcpy(s->z + s->n, p, n);
    s->n += n;
    s->z[s->n] = 0;
}

void str_puts(Str *s, const char *z) {
    if (z) str_append(s, z, strlen(z));
}

void str_putc(Str *s, char c) {
    str_append(s, &c, 1);
}

void str_vappendf(Str *s, const char *zFmt, va_list ap) {
    char buf[512];
    va_list ap2;
    va_copy(ap2, ap);
    int n = vsnprintf(buf, sizeof buf, zFmt, ap);
    if (n < 0) {
        va_end(ap2);
        return;
    }
    if ((size_t)n < sizeof buf) {
        str_append(s, buf, (size_t)n);
    } else if (grow(s, (size_t)n)) {
        vsnprintf(s->z + s->n, (size_t)n + 1, zFmt, ap2);
        s->n += (size_t)n;
    }
    va_end(ap2);
}

void str_appendf(Str *s, const char *zFmt, ...) {
    va_list ap;
    va_start(ap, zFmt);
    str_vappendf(s, zFmt, ap);
    va_end(ap);
}

void str_html_escape_n(Str *s, const char *p, size_t n) {
    size_t i, j = 0;
    for (i = 0; i < n; i++) {
        const char *zRep;
        switch (p[i]) {
        case '&': zRep = "&amp;"; break;
        case '<': zRep = "&lt;"; break;
        case '>': zRep = "&gt;"; break;
        case '"': zRep = "&quot;"; break;
        case '\'': zRep = "&#39;"; break;
        default: continue;
        }
        str_append(s, p + j, i - j);
        str_puts(s, zRep);
        j = i + 1;
    }
    str_append(s, p + j, n - j);
}

void str_html_escape(Str *s, const char *z) {
    if (z) str_html_escape_n(s, z, strlen(z));
}

/* Walk the format: literal text and non-%s conversions go through vsnprintf one
** conversion at a time; %s arguments are escaped. */
void str_htmlf(Str *s, const char *zFmt, ...) {
    va_list ap;
    va_start(ap, zFmt);
    const char *p = zFmt;
    while (*p) {
        const char *q = strchr(p, '%');
        if (!q) {
            str_puts(s, p);
            break;
        }
        str_append(s, p, (size_t)(q - p));
        /* Find the conversion: flags, width, precision, length, then the letter. */
        const char *e = q + 1;
        while (*e && strchr("-+ #0123456789.lhzjt", *e)) e++;
        if (!*e) break;
        char spec[32];
        size_t nSpec = (size_t)(e - q + 1);
        if (nSpec >= sizeof spec) break;
        memcpy(spec, q, nSpec);
        spec[nSpec] = 0;
        switch (*e) {
        case '%': str_putc(s, '%'); break;
        case 's': str_html_escape(s, va_arg(ap, const char *)); break;
        case 'd': case 'i': case 'u': case 'x': case 'X': case 'c': {
            if (strstr(spec, "ll") || strchr(spec, 'j')) {
                str_appendf(s, spec, va_arg(ap, long long));
            } else if (strchr(spec, 'l') || strchr(spec, 'z')) {
                str_appendf(s, spec, va_arg(ap, long));
            } else {
                str_appendf(s, spec, va_arg(ap, int));
            }
            break;
        }
        case 'f': case 'g': case 'e': str_appendf(s, spec, va_arg(ap, double)); break;
        default: die("str_htmlf: unsupported conversion %s", spec);
        }
        p = e + 1;
    }
    va_end(ap);
}

void str_html(Str *s, Html h) {
    str_puts(s, h.z);
}

Html html_trust(const char *z) {
    Html h = {z ? z : ""};
    return h;
}

void str_url(Str *s, const char *z) {
    static const char hex[] = "0123456789ABCDEF";
    if (!z) return;
    for (; *z; z++) {
        unsigned char c = (unsigned char)*z;
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
            c == '-' || c == '_' || c == '.' || c == '~') {
            str_putc(s, (char)c);
        } else {
            char b[3] = {'%', hex[c >> 4], hex[c & 15]};
            str_append(s, b, 3);
        }
    }
}

void str_json_n(Str *s, const char *p, size_t n) {
    static const char hex[] = "0123456789abcdef";
    size_t i, j = 0;
    str_putc(s, '"');
    for (i = 0; i < n; i++) {
        unsigned char c = (unsigned char)p[i];
        if (c >= 0x20 && c != '"' && c != '\\' && c != '<' && c != '>' && c != '&') continue;
        str_append(s, p + j, i - j);
        j = i + 1;
        switch (c) {
        case '"': str_puts(s, "\\\""); break;
        case '\\': str_puts(s, "\\\\"); break;
        case '\n': str_puts(s, "\\n"); break;
        case '\r': str_puts(s, "\\r"); break;
        case '\t': str_puts(s, "\\t"); break;
        default: {
            /* Control bytes, and <>& so JSON is safe inside HTML too. */
            char b[6] = {'\\', 'u', '0', '0', hex[c >> 4], hex[c & 15]};
            str_append(s, b, 6);
        }
        }
    }
    str_append(s, p + j, n - j);
    str_putc(s, '"');
}

void str_json(Str *s, const char *z) {
    if (!z) {
        str_puts(s, "null");
        return;
    }
    str_json_n(s, z, strlen(z));
}

uint32_t utf8_decode(const char *p, size_t n, int *pLen) {
    const unsigned char *u = (const unsigned char *)p;
    uint32_t c;
    int len;
    if (n == 0) {
        *pLen = 0;
        return 0xFFFD;
    }
    if (u[0] < 0x80) {
        *pLen = 1;
        return u[0];
    } else if ((u[0] & 0xE0) == 0xC0) {
        len = 2;
        c = u[0] & 0x1F;
    } else if ((u[0] & 0xF0) == 0xE0) {
        len = 3;
        c = u[0] & 0x0F;
    } else if ((u[0] & 0xF8) == 0xF0) {
        len = 4;
        c = u[0] & 0x07;
    } else {
        *pLen = 1;
        return 0xFFFD;
    }
    if ((size_t)len > n) {
        *pLen = 1;
        return 0xFFFD;
    }
    for (int i = 1; i < len; i++) {
        if ((u[i] & 0xC0) != 0x80) {
            *pLen = 1;
            return 0xFFFD;
        }
        c = (c << 6) | (u[i] & 0x3F);
    }
    static const uint32_t aMin[5] = {0, 0, 0x80, 0x800, 0x10000};
    if (c < aMin[len] || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF)) {
        *pLen = 1;
        return 0xFFFD;
    }
    *pLen = len;
    return c;
}

int utf8_valid(const char *p, size_t n) {
    size_t i = 0;
    while (i < n) {
        unsigned char c = (unsigned char)p[i];
        if (c == 0) return 0;
        if (c < 0x80) {
            i++;
            continue;
        }
        int len;
        uint32_t cp = utf8_decode(p + i, n - i, &len);
        if (cp == 0xFFFD && len == 1) return 0;
        i += (size_t)len;
    }
    return 1;
}

size_t utf8_len(const char *p, size_t n) {
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        if (((unsigned char)p[i] & 0xC0) != 0x80) k++;
    }
    return k;
}

size_t utf8_prefix(const char *z, size_t n, size_t nChars) {
    size_t i = 0, k = 0;
    while (i < n) {
        if (((unsigned char)z[i] & 0xC0) != 0x80) {
            if (k == nChars) break;
            k++;
        }
        i++;
    }
    return i;
}

int utf8_encode(uint32_t c, char *buf) {
    if (c < 0x80) {
        buf[0] = (char)c;
        return 1;
    } else if (c < 0x800) {
        buf[0] = (char)(0xC0 | (c >> 6));
        buf[1] = (char)(0x80 | (c & 0x3F));
        return 2;
    } else if (c < 0x10000) {
        buf[0] = (char)(0xE0 | (c >> 12));
        buf[1] = (char)(0x80 | ((c >> 6) & 0x3F));
        buf[2] = (char)(0x80 | (c & 0x3F));
        return 3;
    }
    buf[0] = (char)(0xF0 | (c >> 18));
    buf[1] = (char)(0x80 | ((c >> 12) & 0x3F));
    buf[2] = (char)(0x80 | ((c >> 6) & 0x3F));
    buf[3] = (char)(0x80 | (c & 0x3F));
    return 4;
}

int str_to_i64(const char *z, int64_t *pOut) {
    if (!z || !*z) return -1;
    const char *p = z;
    if (*p == '-' || *p == '+') p++;
    if (*p < '0' || *p > '9') return -1;
    char *zEnd;
    errno = 0;
    long long v = strtoll(z, &zEnd, 10);
    if (errno || *zEnd) return -1;
    *pOut = v;
    return 0;
}

static size_t space_len(const char *z, size_t n) {
    if (n >= 1 && (z[0] == ' ' || z[0] == '\t' || z[0] == '\r' || z[0] == '\n')) return 1;
    if (n >= 3 && memcmp(z, "\xE3\x80\x80", 3) == 0) return 3;
    return 0;
}

char *str_trim(Arena *a, const char *z) {
    if (!z) return NULL;
    size_t n = strlen(z), i = 0, k;
    while (i < n && (k = space_len(z + i, n - i)) > 0) i += k;
    while (n > i) {
        if (z[n - 1] == ' ' || z[n - 1] == '\t' || z[n - 1] == '\r' || z[n - 1] == '\n') {
            n--;
        } else if (n - i >= 3 && memcmp(z + n - 3, "\xE3\x80\x80", 3) == 0) {
            n -= 3;
        } else {
            break;
        }
    }
    return arena_strndup(a, z + i, n - i);
}

int str_blank(const char *z) {
    if (!z) return 1;
    size_t n = strlen(z), i = 0, k;
    while (i < n && (k = space_len(z + i, n - i)) > 0) i += k;
    return i == n;
}

int str_index(const char *const *az, const char *z) {
    for (int i = 0; z && az[i]; i++) {
        if (strcmp(az[i], z) == 0) return i;
    }
    return -1;
}
