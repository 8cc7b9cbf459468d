/*
** tmpl.h: the template engine.  Templates are Mustache-like text files under
** templates/, compiled into the binary (core/embed.h) or read from disk with --dev.
** Output is HTML-escaped unless a value is an Html (core/str.h), which only code
** that proved it safe can make.
**
** Syntax:
**   {{name}}          the value, HTML-escaped.  Dotted names walk objects: {{item.title}}.
**                     A name is looked up in the innermost context first, then outward.
**   {{.}}             the current value (inside a section over a list of strings).
**   {{name|url}}      the value percent-encoded as one URL component.
**   {{name|raw}}      an Html value, unescaped.  A plain string here is a render error.
**   {{#name}}..{{/name}}  section: a list renders once per element (the element becomes
**                     the innermost context); an object renders once inside it; any
**                     other truthy value renders once.  Falsy: missing, null, false,
**                     0, "", empty list.
**   {{^name}}..{{/name}}  renders once when name is falsy.
**   {{> name}}        includes the template called name (e.g. "site/_header.html").
**   {{! comment }}    ignored.
** Integers render in decimal, booleans as true/false; objects, lists, null and unknown
** names render as nothing.  An Html value in {{name}} is escaped like any string: only
** |raw outputs markup, and |raw on a missing or null name renders nothing.
** Names are "." or dotted parts of [A-Za-z0-9_-]; spaces inside the braces are allowed
** ({{ name | url }}), but the sigil must follow the braces ({{#x}}, not {{ #x}}).
** {{{x}}}, {{&x}} and {{=..=}} are syntax errors.
** Whitespace: a {{#..}}, {{^..}}, {{/..}}, {{!..}} or {{>..}} tag alone on its line
** (only spaces or tabs around it) removes the whole line, newline included; a partial
** included that way is not indented.  All other text is output exactly as written.
**
** Memory: a TVal tree lives in the caller's Arena.  The template set (Tmpl) is a
**         long-lived object: tmpl_load() makes it, tmpl_free() releases it; it is
**         read-only after loading and safe to share between threads.
** Errors: ZW_EINPUT for a syntax error at load time (message names file and line);
**         ZW_EINPUT at render time for |raw on a non-Html value, a missing partial,
**         partials nested deeper than 16 or a render over 16M steps;
**         ZW_ETOOBIG when out hits its limit; ZW_ENOTFOUND for an unknown zName.
**         err->zLog and err->zMsg may point into a per-thread buffer that the next
**         failing tmpl_* call on the same thread overwrites.
** Limits:  a template file is at most 8 MiB; sections nest at most 32 deep per file.
*/
#ifndef ZW_TMPL_H
#define ZW_TMPL_H

#include <stdint.h>

#include "../core/arena.h"
#include "../core/err.h"
#include "../core/str.h"

typedef struct TVal TVal; /* a value: string, html, int, bool, list or object */
typedef struct Tmpl Tmpl; /* a compiled set of templates */

/* Values.  Setters on an object replace an existing key.  Strings are copied into
** the arena; NULL strings are stored as null (falsy). */
TVal *tv_obj(Arena *a);                                        /* new empty object */
void tv_str(TVal *pObj, const char *zKey, const char *zVal);   /* escaped on output */
void tv_html(TVal *pObj, const char *zKey, Html h);            /* may be output raw */
void tv_int(TVal *pObj, const char *zKey, int64_t v);
void tv_bool(TVal *pObj, const char *zKey, int b);
TVal *tv_child(TVal *pObj, const char *zKey);                  /* new object under zKey */
TVal *tv_list(TVal *pObj, const char *zKey);                   /* new empty list under zKey */
TVal *tv_push(TVal *pList);                                    /* append a new object; returns it */
void tv_push_str(TVal *pList, const char *zVal);               /* append a string */

/* Load templates: every embedded file whose name starts with "templates/" (the
** prefix is dropped from the template name), or, when zDir is not NULL, every
** *.html / *.xml / *.txt file below zDir read from disk (names relative to zDir, with
** "/"; files and directories whose name starts with "." are skipped; symlinked files
** are read, symlinked directories are not followed).  Either way only *.html, *.xml
** and *.txt become templates.  Partials are linked here; a missing one is logged with
** log_warn and fails only when rendered. */
int tmpl_load(Tmpl **ppOut, const char *zDir, Err *err);
void tmpl_free(Tmpl *p);

/* Compile p[0..n) (copied) as a set holding one template called zName, for tests and
** fuzzing: {{> zName}} includes itself, any other partial is missing.  Same errors as
** tmpl_load(); the caller frees *ppOut with tmpl_free(). */
int tmpl_parse_buffer(Tmpl **ppOut, const char *zName, const char *p, size_t n, Err *err);

/* Render template zName with pData as the outermost context, appending to out. */
int tmpl_render(const Tmpl *p, const char *zName, const TVal *pData, Str *out, Err *err);

#endif
