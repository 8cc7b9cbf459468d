/*
** str.h: the one string builder (Str), spans of parsed input (Span), escaping by
** destination, and UTF-8 checks.
**
** Memory: a Str made with str_init(&s, a) grows inside Arena a and is released with
**         the arena.  A Str made with str_init(&s, NULL) grows on the heap and the
**         owner calls str_free() (or takes s.z with str_take()).
** Errors: sticky, as in sqlite3_str: past its limit (nMax) a Str sets err, later
**         appends do nothing, and the caller checks s.err once at the end.
*/
#ifndef ZW_STR_H
#define ZW_STR_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include "arena.h"

/* A growable, always NUL-terminated byte string. */
typedef struct Str {
    char *z;     /* bytes; z[n] == 0 once anything was appended (str_cstr guarantees it) */
    size_t n;    /* length in bytes */
    size_t cap;  /* allocated bytes */
    Arena *a;    /* arena to grow in, or NULL for the heap */
    size_t nMax; /* limit in bytes; 0 means 64 MiB */
    int err;     /* set once the limit was hit */
} Str;

/* A slice of someone else's bytes, not NUL-terminated. */
typedef struct Span {
    const char *p;
    size_t n;
} Span;

/* Markup known to be safe.  Only templates and sanitizers (markdown, SVG) make these. */
typedef struct Html {
    const char *z; /* NUL-terminated markup */
} Html;

void str_init(Str *s, Arena *a);
void str_free(Str *s);
/* Detach the heap buffer (caller frees); the Str becomes empty. */
char *str_take(Str *s);
void str_reset(Str *s);
/* The NUL-terminated contents; never NULL. */
const char *str_cstr(Str *s);

void str_append(Str *s, const char *p, size_t n);
void str_puts(Str *s, const char *z);
void str_putc(Str *s, char c);
/* printf for logs, headers and plain text; never HTML, JSON or SQL. */
void str_appendf(Str *s, const char *zFmt, ...) __attribute__((format(printf, 2, 3)));
void str_vappendf(Str *s, const char *zFmt, va_list ap);

/* HTML-escape z (& < > " ') and append it.  NULL appends nothing. */
void str_html_escape(Str *s, const char *z);
void str_html_escape_n(Str *s, const char *p, size_t n);
/* printf where every %s argument is HTML-escaped; other conversions are numeric. */
void str_htmlf(Str *s, const char *zFmt, ...) __attribute__((format(printf, 2, 3)));
/* Append markup known to be safe. */
void str_html(Str *s, Html h);
/* Append z percent-encoded as a URL component (RFC 3986 unreserved kept). */
void str_url(Str *s, const char *z);
/* Append z as a JSON string literal, quotes included; NULL gives null. */
void str_json(Str *s, const char *z);
void str_json_n(Str *s, const char *p, size_t n);
/* Append z XML-escaped (for Atom and sitemaps); same rules as HTML. */
#define str_xml_escape str_html_escape

/* Make an Html value from markup the caller has proven safe. */
Html html_trust(const char *z);

/* 1 if p[0..n) is valid UTF-8 without NUL bytes or overlong forms, else 0. */
int utf8_valid(const char *p, size_t n);
/* Number of code points in valid UTF-8 text. */
size_t utf8_len(const char *p, size_t n);
/* Decode one code point at p (n bytes available); store its length in *pLen.
** Invalid bytes decode as U+FFFD with length 1. */
uint32_t utf8_decode(const char *p, size_t n, int *pLen);
/* Encode c into buf (4 bytes); returns the length. */
int utf8_encode(uint32_t c, char *buf);
/* Byte length of at most nChars code points of z (for truncating without splitting). */
size_t utf8_prefix(const char *z, size_t n, size_t nChars);

/* Parse a decimal integer that spans exactly z; 0 on success. */
int str_to_i64(const char *z, int64_t *pOut);
/* 1 if z is NULL or only spaces (ASCII and U+3000). */
int str_blank(const char *z);
/* The index of z in the NULL-terminated list az, or -1 (also when z is NULL). */
int str_index(const char *const *az, const char *z);
/* Copy of z with leading and trailing ASCII and ideographic spaces removed. */
char *str_trim(Arena *a, const char *z);

#endif
