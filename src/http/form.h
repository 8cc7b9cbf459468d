/*
** form.h: parsers for what browsers send: application/x-www-form-urlencoded
** (also used for query strings), multipart/form-data (file uploads), and the
** Cookie header.  Each is a pure function of its input bytes, fuzzed in fuzz/.
**
** Memory: every name and value lives in the caller's Arena; input is not modified.
** Errors: ZW_EINPUT (code "bad_form") with a Chinese message; ZW_ETOOBIG when a
**         limit below is exceeded.
** Limits: FORM_MAX_FIELDS fields; names at most FORM_MAX_NAME bytes; names and
**         text values must be valid UTF-8 without NUL bytes.  File parts (those with a
**         filename) are binary and unchecked.
** On error *pForm is left empty (aField NULL, nField 0): no partial results.
** Time is linear in the input; the field array grows in the Arena by doubling.
*/
#ifndef ZW_FORM_H
#define ZW_FORM_H

#include <stddef.h>

#include "../core/arena.h"
#include "../core/err.h"

#define FORM_MAX_FIELDS 256
#define FORM_MAX_NAME 128

typedef struct FormField {
    const char *zName;     /* decoded field name, NUL-terminated */
    const char *zValue;    /* decoded value, NUL-terminated (binary files may contain NUL) */
    size_t nValue;         /* length of zValue in bytes */
    const char *zFilename; /* file parts: the client's file name, path stripped; else NULL */
    const char *zType;     /* multipart parts: Content-Type of the part, else NULL */
} FormField;

typedef struct Form {
    FormField *aField; /* in input order */
    int nField;
} Form;

/* Parse "a=1&b=%E4%B8%AD+x".  '+' is a space; a bad %-escape is an error; empty
** pairs ("&&") are skipped; a name without '=' has an empty value; "=v" is a field
** with an empty name.  Only '&' separates pairs (not ';'). */
int form_parse_urlencoded(Arena *a, const char *p, size_t n, Form *pForm, Err *err);

/* Parse a multipart/form-data body.  zContentType is the request's Content-Type
** header, from which the boundary is taken (quoted or not).  Part headers are
** Content-Disposition (name, filename) and Content-Type; others are ignored.
**
** Details, after RFC 2046 and RFC 7578:
** - zContentType must be multipart/form-data (any case) with exactly one boundary
**   parameter of 1 to 70 RFC 2046 bchars, not ending in a space.
** - The delimiter is CRLF "--" boundary (case-sensitive), or "--" boundary at the very
**   start of the body; it counts only when followed by "--" (the close delimiter) or
**   by spaces/tabs and CRLF, so "\r\n--boundaryX" inside data is data.  Preamble
**   and epilogue are ignored; a body without its close delimiter is an error.
** - Part header lines end in CRLF (bare CR or LF, folded lines and lines without
**   ':' are errors); names are case-insensitive; each of Content-Disposition and
**   Content-Type at most once.  Content-Disposition must be form-data with exactly
**   one name and at most one filename; other parameters (filename*) are ignored.
** - Parameter values are tokens or quoted strings; in a quoted string a backslash
**   escapes only an RFC 2045 tspecial and is otherwise kept, so an unescaped MSIE
**   path "C:\dir\a.txt" survives.  %22 and the like are not decoded.
** - zFilename is the part after the last '/' or '\' (possibly ""); it must be
**   UTF-8 without control characters.  zType is the part's Content-Type, trimmed,
**   UTF-8 without control characters. */
int form_parse_multipart(Arena *a, const char *zContentType, const char *p, size_t n,
                         Form *pForm, Err *err);

/* Parse a Cookie header "a=1; b=2" into fields (values are not %-decoded).  Pairs
** are split on ';' and trimmed of spaces and tabs; a value in double quotes loses
** them.  zHeader may be NULL (no cookies).  Since other applications on the same
** host may set cookies, a malformed pair (no '=', empty or over-long name, invalid
** UTF-8) is skipped rather than refused; only more than FORM_MAX_FIELDS pairs is an
** error (ZW_ETOOBIG). */
int form_parse_cookies(Arena *a, const char *zHeader, Form *pForm, Err *err);

/* The first field called zName, or NULL. */
const FormField *form_field(const Form *pForm, const char *zName);

/* The value of the first field called zName, or NULL. */
const char *form_get(const Form *pForm, const char *zName);

#endif
