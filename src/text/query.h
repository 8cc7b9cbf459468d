/*
** query.h: the search box's syntax, turned into a safe FTS5 MATCH expression.
**
** Words are separated by spaces; "quoted text" (also “…” and 「…」) is one phrase;
** a leading - (or －) excludes a word or phrase.  Every term becomes a quoted FTS5
** string (quotes doubled), so user input is never FTS5 syntax: NEAR(, OR, column
** filters and * are just text.  A term ending in a single CJK character gets a
** prefix "*" so that one-character searches find that character inside words
** (see tokenize.h).  Terms with no searchable characters are dropped.
**
** Memory: strings in the caller's Arena.
** Errors: ZW_EINPUT with a Chinese message (too long, too many terms, only exclusions).
*/
#ifndef ZW_QUERY_H
#define ZW_QUERY_H

#include "../core/arena.h"
#include "../core/err.h"

#define QUERY_MAX_BYTES 200
#define QUERY_MAX_TERMS 10

typedef struct SearchQuery {
    const char *zMatch;  /* FTS5 expression, or NULL when there is nothing to search */
    const char *zPhrase; /* the positive terms joined without spaces, for the phrase boost */
    const char *zShown;  /* the query as the user typed it (trimmed) */
    int nTerm;           /* positive terms */
    int nExclude;        /* excluded terms */
    int bWord;           /* some term has letters or digits (search.c keeps those off its
                         ** filter tokens, which are letters and digits too) */
} SearchQuery;

/* Parse zInput (valid UTF-8).  An empty input gives ZW_OK with zMatch NULL. */
int query_parse(Arena *a, const char *zInput, SearchQuery *pOut, Err *err);

#endif
