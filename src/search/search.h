/*
** search.h: full-text search over published items (FTS5 table item_fts, tokenizer
** "zwgk"), with filters, relevance or date order, and highlighted snippets.
**
** Ranking: bm25 with title ×10, 文号 ×5, body ×1, times a boost for an exact phrase
** in the title, for recent documents (fading over ten years) and against repealed
** or expired ones.  Large match sets are ranked within their newest
** SEARCH_RANK_WINDOW matches, so a common word costs the same as a rare one.
**
** Memory: results in the caller's Arena.
** Errors: ZW_EINPUT for bad filters, ZW_EDB for database trouble.
*/
#ifndef ZW_SEARCH_H
#define ZW_SEARCH_H

#include <stdint.h>

#include "../core/arena.h"
#include "../core/err.h"
#include "../core/str.h"
#include "../store/db.h"
#include "../text/query.h"

#define SEARCH_RANK_WINDOW 2000
/* Matches are counted exactly up to this many; a larger total is an estimate
** (search_run), since an exact count walks every match. */
#define SEARCH_COUNT_CAP SEARCH_RANK_WINDOW
/* A date-ordered query with at least this many matches (estimated) walks the items by
** date for the first SEARCH_WALK_DEPTH results instead of sorting every match ... */
#define SEARCH_WALK_MIN 10000
#define SEARCH_WALK_DEPTH 1000
/* ... probing at most this many items per result wanted (then it sorts after all). */
#define SEARCH_WALK_PROBES 200
#define SEARCH_MAX_PER_PAGE 50

typedef struct SearchFilter {
    const char *zUnit;     /* unit code, or NULL */
    int64_t iUnit;         /* its id (search_filter_parse looks it up), or 0 */
    const char *zArea;     /* column slug (key area or column, all units), or NULL */
    const char *zGenre;    /* 体裁, or NULL */
    int iYear;             /* year of publication, or 0 */
    const char *zValidity; /* 有效性, or NULL */
    int bByDate;           /* newest first instead of relevance */
    int64_t iPage, nPerPage;
} SearchFilter;

typedef struct SearchHit {
    int64_t id;
    Html title;       /* escaped, with <mark> around matches */
    Html snippet;     /* escaped body excerpt with <mark> */
    Html docno;       /* escaped 文号 with <mark> */
    const char *zTitle, *zUnit, *zUnitCode, *zDocno, *zDate, *zColumn, *zValidity, *zGenre;
} SearchHit;

/* Read filters from request-style getters: unit, area, genre, year, validity, sort,
** page, per_page.  xGet(pCtx, name) returns a value or NULL.  ZW_EINPUT with a Chinese
** message names a bad one. */
int search_filter_parse(Db *db, Arena *a, const char *(*xGet)(void *, const char *), void *pCtx,
                        SearchFilter *f, Err *err);

/* The hits as JSON: {"total","page","per_page","query","items":[...]}; a total over
** SEARCH_COUNT_CAP, an estimate, comes with "total_estimated":true. */
void search_json(Str *s, const SearchQuery *q, const SearchFilter *f, const SearchHit *aHit,
                 int nHit, int64_t nTotal);

/* Run q with f: one page of hits and in *pnTotal the number of matches: exact up to
** SEARCH_COUNT_CAP; above it an estimate (from how densely the newest matches lie),
** rounded up to two significant digits.  Pages are cut from the SEARCH_RANK_WINDOW best
** of the newest matches (relevance) or all of them (date order). */
int search_run(Db *db, Arena *a, const SearchQuery *q, const SearchFilter *f, SearchHit **paHit,
               int *pnHit, int64_t *pnTotal, Err *err);
/* For tests, before serving (not thread-safe): the match count from which a
** date-ordered page walks the items by date instead of sorting the matches (default
** SEARCH_WALK_MIN), and the rank window, which is also how far counts are exact
** (default SEARCH_RANK_WINDOW); 0 restores a default. */
void search_tune(int64_t nMin, int nRankWindow);
/* Time spent in each step of search_run, added up while set: count (with the rank
** window), page ids, item rows, snippets (bench/search/qbench --mode steps).  Not thread-safe; NULL stops timing. */
typedef struct SearchSteps {
    double aMs[4];
} SearchSteps;
void search_steps(SearchSteps *p);
/* The count as the page says it: "共 12 条", "共 1,234 条", or for an estimate "约 49,000 条". */
const char *search_total_text(Arena *a, int64_t nTotal);

/* Escape text for HTML, turning the markers \x01 and \x02 into <mark> and </mark>. */
Html search_mark_html(Arena *a, const char *z);

/* `zwgk search`: see search_cli.c. */
int search_cli(int argc, char **argv);

#endif
