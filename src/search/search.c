// SPDX-License-Identifier: MIT
/*
** search.c: runs a parsed query against item_fts.  Four steps: read the matches newest
** first, up to SEARCH_RANK_WINDOW, scoring them (relevance) or counting them (date
** order), with an estimate of the total when there are more; choose one page of ids,
** ranked, sorted by date or walked by date; read the item rows of the page; make title
** highlights and body snippets for those rows only.
**
** Filters are terms of the MATCH expression, in item_fts's facets column (schema/0013;
** match_expr below), so FTS5 intersects them with the words; every statement is a
** literal and every value a bound parameter.
**
** Cost (bench/search/README.md): item_fts holds exactly the live version of every
** published, not withdrawn item (the workflow keeps it so, in the same transaction),
** so counting reads item_fts alone: joining item there reads one item row (about one
** page, the body is inline) per match, which is seconds for a common word in a
** million items.  The ranking pass reads item_search, a covering index, per match (at
** most SEARCH_RANK_WINDOW + 1); the page's rows read item, unit and col, and a row
** taken down in the meantime is left out.
*/
#include "search.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../core/log.h"

/* Escaped text with the markers turned into <mark>; bMd drops markdown's "**" (bodies
** are markdown, and a snippet shows them as text). */
static Html mark_html(Arena *a, const char *z, int bMd) {
    Str s;
    str_init(&s, a);
    const char *p = z ? z : "";
    while (*p) {
        size_t n = strcspn(p, bMd ? "\x01\x02*" : "\x01\x02");
        str_html_escape_n(&s, p, n);
        p += n;
        if (*p == '\x01') str_puts(&s, "<mark>");
        else if (*p == '\x02') str_puts(&s, "</mark>");
        else if (*p == '*' && p[1] != '*') str_putc(&s, '*');
        else if (*p == '*') p++;
        if (*p) p++;
    }
    return html_trust(str_cstr(&s));
}

Html search_mark_html(Arena *a, const char *z) {
    return mark_html(a, z, 0);
}

/* Filter term for a value: facets : "<kind><hex of the value's bytes>" (schema/0013). */
static void add_facet_hex(Str *s, char cKind, const char *z) {
    str_appendf(s, " AND facets : \"%c", cKind);
    for (const unsigned char *p = (const unsigned char *)z; *p; p++) str_appendf(s, "%02x", *p);
    str_putc(s, '"');
}

/* The filters alone as FTS5 terms joined by AND, or NULL without filters. */
static const char *filter_terms(Arena *a, const SearchFilter *f) {
    Str s;
    str_init(&s, a);
    if (f->iUnit) str_appendf(&s, " AND facets : \"u%lld\"", (long long)f->iUnit);
    if (f->iYear) str_appendf(&s, " AND facets : \"y%04d\"", f->iYear);
    if (f->zArea) add_facet_hex(&s, 'a', f->zArea);
    if (f->zGenre) add_facet_hex(&s, 'g', f->zGenre);
    if (f->zValidity) add_facet_hex(&s, 'v', f->zValidity);
    return s.n ? str_cstr(&s) + strlen(" AND ") : NULL;
}

/* The FTS5 expression: the query's own, restricted to the text columns when it has
** letter or digit words (the filter tokens are such words), and one term a filter in
** the facets column, which FTS5 intersects with the words.  Checking each match
** against the filter in item_search instead cost 1–2 µs a match, a second or more for
** a common word in a million items. */
static const char *match_expr(Arena *a, const SearchQuery *q, const SearchFilter *f) {
    const char *zFilter = filter_terms(a, f);
    if (!zFilter && !q->bWord) return q->zMatch;
    return arena_printf(a, "%s%s)%s%s", q->bWord ? "{title body docno} : (" : "(", q->zMatch,
                        zFilter ? " AND " : "", zFilter ? zFilter : "");
}

/* search_tune: the smallest count for which a date-ordered page walks by date, and
** the rank window, which is also how far counts are exact. */
static int64_t nWalkMin = SEARCH_WALK_MIN;
static int nWindow = SEARCH_RANK_WINDOW;
static SearchSteps *pSteps; /* search_steps */

void search_tune(int64_t nMin, int nRankWindow) {
    nWalkMin = nMin > 0 ? nMin : SEARCH_WALK_MIN;
    nWindow = nRankWindow > 0 ? nRankWindow : SEARCH_RANK_WINDOW;
}

void search_steps(SearchSteps *p) {
    pSteps = p;
}

static double now_ms(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

/* One step done: its time into pSteps->aMs[iStep], if steps are timed. */
static void step_done(int iStep, double *pT) {
    if (!pSteps) return;
    double t = now_ms();
    pSteps->aMs[iStep] += t - *pT;
    *pT = t;
}

/* The ids of one date-ordered page by walking the live items newest first (within
** the year filtered on) and probing item_fts for each: for a common word this stops
** after a few dozen items instead of sorting every match (0.9 ms against 440 ms for
** 工作 in a million items).  The walk gives up after SEARCH_WALK_PROBES items per
** result wanted (a word common overall may be rare in recent years); returns the
** number of ids, or -1 when the page could not be filled that way. */
static int walk_by_date(Db *db, Arena *a, const char *zMatch, const SearchFilter *f, int64_t nPer,
                        int64_t iOff, int64_t *aId) {
    Stmt st;
    db_prepare(db, &st,
               "SELECT id FROM (SELECT i.id AS id FROM item i INDEXED BY item_live_pub"
               " WHERE i.live_version>0 AND i.state<>'withdrawn'"
               " AND i.published_at>=?4 AND i.published_at<?5"
               " ORDER BY i.published_at DESC, i.id DESC LIMIT ?2) w"
               " WHERE EXISTS (SELECT 1 FROM item_fts WHERE item_fts MATCH ?1 AND rowid=w.id)"
               " LIMIT ?3");
    /* The year filtered on, or every date ('' sorts before and '~' after them all). */
    db_bind_text(&st, 4, f->iYear ? arena_printf(a, "%04d", f->iYear) : "");
    db_bind_text(&st, 5, f->iYear ? arena_printf(a, "%04d", f->iYear + 1) : "~");
    /* The walk is chosen for SEARCH_WALK_MIN matches or more: 1 in 100 items of a
    ** million, so 200 probes a result are plenty unless the word is rare lately. */
    db_bind_text(&st, 1, zMatch);
    db_bind_int(&st, 2, (iOff + nPer) * SEARCH_WALK_PROBES);
    db_bind_int(&st, 3, iOff + nPer);
    int64_t n = 0;
    int r;
    while ((r = db_step(&st)) == 1) {
        int64_t id = db_col_int(&st, 0);
        if (n >= iOff) aId[n - iOff] = id;
        n++;
    }
    db_done(&st);
    if (r < 0) return -1;
    return n < iOff + nPer ? -1 : (int)(n - iOff);
}

/* The number of matches when more than the window (SEARCH_COUNT_CAP): the newest
** lie between rowids iLow and iTop, and as many are assumed per rowid below iLow, down
** to the oldest indexed row that passes the filters (rowids grow with time, and a
** filter such as a year holds a band of them; a word that became common lately is
** overestimated).  Rounded up to two significant digits, so it is always above the cap
** and reads as the estimate it is ("约 49,000 条"). */
static int64_t estimate_total(Db *db, Arena *a, const SearchFilter *f, int64_t iTop, int64_t iLow) {
    Stmt st;
    int64_t iMin = iLow;
    const char *zFilter = filter_terms(a, f);
    if (zFilter) {
        db_prepare(db, &st, "SELECT rowid FROM item_fts WHERE item_fts MATCH ?1 ORDER BY rowid LIMIT 1");
        db_bind_text(&st, 1, zFilter);
    } else {
        db_prepare(db, &st, "SELECT min(id) FROM item_fts_docsize");
    }
    if (db_step(&st) == 1) iMin = db_col_int(&st, 0);
    db_done(&st);
    double n = nWindow;
    if (iTop >= iLow && iLow > iMin) n += n * (double)(iLow - iMin) / (double)(iTop - iLow + 1);
    int64_t nEst = (int64_t)n + 1, nUnit = 1;
    while (nEst / nUnit >= 100) nUnit *= 10;
    return (nEst + nUnit - 1) / nUnit * nUnit;
}

static int bad_query(int64_t *pnTotal, Err *err) {
    *pnTotal = 0;
    return err_set(err, ZW_EINPUT, "bad_query", "无法解析检索词，请换一种写法", "fts match failed");
}

/* A ranked match; best first is lowest score (bm25 is negative), then newest. */
typedef struct Scored {
    int64_t id;
    double score;
} Scored;

static int cmp_scored(const void *x, const void *y) {
    const Scored *p = x, *q = y;
    if (p->score != q->score) return p->score < q->score ? -1 : 1;
    return p->id > q->id ? -1 : p->id < q->id;
}

int search_run(Db *db, Arena *a, const SearchQuery *q, const SearchFilter *f, SearchHit **paHit,
               int *pnHit, int64_t *pnTotal, Err *err) {
    *paHit = NULL;
    *pnHit = 0;
    *pnTotal = 0;
    if (!q->zMatch) return ZW_OK;
    int64_t nPer = f->nPerPage > 0 && f->nPerPage <= SEARCH_MAX_PER_PAGE ? f->nPerPage : 10;
    int64_t iPage = f->iPage > 0 ? f->iPage : 1;
    const char *zMatch = match_expr(a, q, f);
    double t = pSteps ? now_ms() : 0.0;
    Stmt st;
    int r;

    /* 1-2. Count the matches, exactly up to SEARCH_COUNT_CAP and estimated beyond
    ** (counting walks every match: for a common word in a million items that was most
    ** of the query), and choose the ids of the page.  item_fts holds exactly the live
    ** items, so a count reads it alone. */
    int64_t *aId = arena_alloc(a, sizeof(int64_t) * (size_t)nPer);
    int n = 0;
    if (f->bByDate) {
        int64_t iTop = 0, iLow = 0;
        db_prepare(db, &st,
                   "SELECT rowid FROM item_fts WHERE item_fts MATCH ?1 ORDER BY rowid DESC LIMIT ?2");
        db_bind_text(&st, 1, zMatch);
        db_bind_int(&st, 2, nWindow + 1);
        while ((r = db_step(&st)) == 1) {
            if (++*pnTotal == 1) iTop = db_col_int(&st, 0);
            if (*pnTotal == nWindow) iLow = db_col_int(&st, 0);
        }
        db_done(&st);
        if (r < 0) return bad_query(pnTotal, err);
        if (*pnTotal > nWindow) *pnTotal = estimate_total(db, a, f, iTop, iLow);
        step_done(0, &t);
        if (*pnTotal == 0 || (iPage - 1) * nPer >= *pnTotal) return ZW_OK;
        n = -1;
        if (*pnTotal >= nWalkMin && iPage * nPer <= SEARCH_WALK_DEPTH) {
            n = walk_by_date(db, a, zMatch, f, nPer, (iPage - 1) * nPer, aId);
        }
        if (n < 0) {
            db_prepare(db, &st,
                       "SELECT f.rowid FROM item_fts f CROSS JOIN item i INDEXED BY item_search"
                       " ON i.id=f.rowid WHERE item_fts MATCH ?1 AND i.live_version>0"
                       " AND i.state<>'withdrawn'"
                       " ORDER BY i.published_at DESC, f.rowid DESC LIMIT ?2 OFFSET ?3");
            db_bind_text(&st, 1, zMatch);
            db_bind_int(&st, 2, nPer);
            db_bind_int(&st, 3, (iPage - 1) * nPer);
            n = 0;
            while ((r = db_step(&st)) == 1 && n < nPer) aId[n++] = db_col_int(&st, 0);
            db_done(&st);
            if (r < 0) return db_err(db, err);
        }
    } else {
        /* Relevance: one pass newest first scores the newest SEARCH_RANK_WINDOW matches
        ** (a common word is ranked within them) and tells whether there are more.  The
        ** score is bm25 (zwgk_rank, store/fts.c; the facets column weighs 0, so filter
        ** terms score nothing) times the boosts: every word found in the title
        ** (zwgk_title_hit, from the positions), recent, not repealed.  Only item_search
        ** (a covering index of a few dozen bytes a row) is read per match; the item row
        ** holds the body. */
        Scored *aS = arena_alloc(a, sizeof(Scored) * nWindow);
        int nS = 0, bMore = 0;
        db_prepare(db, &st,
                   "SELECT f.rowid, zwgk_rank(item_fts, 10.0, 1.0, 5.0, 0.0) * (1.0"
                   " + zwgk_title_hit(item_fts, 3)"
                   " + 0.5 * max(0.0, 1.0 - (julianday('now') - julianday(i.published_at)) / 3650.0)"
                   " - CASE WHEN i.validity IN ('已废止','已失效') THEN 0.3 ELSE 0.0 END)"
                   " FROM item_fts f CROSS JOIN item i INDEXED BY item_search ON i.id=f.rowid"
                   " WHERE item_fts MATCH ?1 AND i.live_version>0 AND i.state<>'withdrawn'"
                   " ORDER BY f.rowid DESC LIMIT ?2");
        db_bind_text(&st, 1, zMatch);
        db_bind_int(&st, 2, nWindow + 1);
        while ((r = db_step(&st)) == 1) {
            if (nS == nWindow) {
                bMore = 1;
                continue;
            }
            aS[nS].id = db_col_int(&st, 0);
            aS[nS].score = db_col_double(&st, 1);
            nS++;
        }
        db_done(&st);
        if (r < 0) return bad_query(pnTotal, err);
        *pnTotal = bMore ? estimate_total(db, a, f, aS[0].id, aS[nS - 1].id) : nS;
        step_done(0, &t);
        qsort(aS, (size_t)nS, sizeof *aS, cmp_scored);
        for (int64_t i = (iPage - 1) * nPer; i < nS && n < nPer; i++) aId[n++] = aS[i].id;
    }
    step_done(1, &t);

    /* What the page shows of each hit, and highlights from the live text (as the
    ** public sees it): for the page's rows only. */
    SearchHit *aHit = arena_zalloc(a, sizeof(SearchHit) * (size_t)nPer);
    int nHit = 0;
    for (int i = 0; i < n; i++) {
        SearchHit *h = &aHit[nHit];
        db_prepare(db, &st,
                   "SELECT i.title, n.name, n.code, i.docno, i.published_at, c.name, i.validity,"
                   " i.genre FROM item i JOIN unit n ON n.id=i.unit_id JOIN col c ON c.id=i.col_id"
                   " WHERE i.id=?1");
        db_bind_int(&st, 1, aId[i]);
        if (db_step(&st) == 1) { /* else taken down since step 1 */
            nHit++;
            h->id = aId[i];
            h->zTitle = db_col_dup(a, &st, 0);
            h->zUnit = db_col_dup(a, &st, 1);
            h->zUnitCode = db_col_dup(a, &st, 2);
            h->zDocno = db_col_dup(a, &st, 3);
            h->zDate = db_col_dup(a, &st, 4);
            h->zColumn = db_col_dup(a, &st, 5);
            h->zValidity = db_col_dup(a, &st, 6);
            h->zGenre = db_col_dup(a, &st, 7);
        }
        db_done(&st);
    }
    step_done(2, &t);
    for (int i = 0; i < nHit; i++) {
        db_prepare(db, &st,
                   "SELECT highlight(item_fts, 0, char(1), char(2)),"
                   " snippet(item_fts, 1, char(1), char(2), '…', 48), f.title,"
                   " highlight(item_fts, 2, char(1), char(2))"
                   " FROM item_fts f WHERE item_fts MATCH ?1 AND rowid = ?2");
        db_bind_text(&st, 1, q->zMatch);
        db_bind_int(&st, 2, aHit[i].id);
        if (db_step(&st) == 1) {
            aHit[i].zTitle = db_col_dup(a, &st, 2);
            aHit[i].title = search_mark_html(a, db_col_text(&st, 0));
            aHit[i].snippet = mark_html(a, db_col_text(&st, 1), 1);
            aHit[i].docno = search_mark_html(a, db_col_text(&st, 3));
        } else {
            aHit[i].docno = search_mark_html(a, aHit[i].zDocno);
            aHit[i].title = search_mark_html(a, aHit[i].zTitle);
            aHit[i].snippet = html_trust("");
        }
        db_done(&st);
    }
    step_done(3, &t);
    *paHit = aHit;
    *pnHit = nHit;
    return ZW_OK;
}

int search_filter_parse(Db *db, Arena *a, const char *(*xGet)(void *, const char *), void *pCtx,
                        SearchFilter *f, Err *err) {
    memset(f, 0, sizeof *f);
    f->iPage = 1;
    f->nPerPage = 10;
    const char *z;
    int64_t v;
    if ((z = xGet(pCtx, "unit")) && *z) {
        Stmt st;
        db_prepare(db, &st, "SELECT id FROM unit WHERE code=?1");
        db_bind_text(&st, 1, z);
        if (db_step(&st) == 1) f->iUnit = db_col_int(&st, 0);
        db_done(&st);
        if (!f->iUnit) return err_set(err, ZW_EINPUT, "unknown_unit", "单位不存在", NULL);
        f->zUnit = z;
    }
    if ((z = xGet(pCtx, "area")) && *z) {
        Stmt st;
        db_prepare(db, &st, "SELECT 1 FROM col WHERE slug=?1 LIMIT 1");
        db_bind_text(&st, 1, z);
        int bOk = db_step(&st) == 1;
        db_done(&st);
        if (!bOk) return err_set(err, ZW_EINPUT, "unknown_column", "栏目不存在", NULL);
        f->zArea = z;
    }
    if ((z = xGet(pCtx, "genre")) && *z) {
        if (strlen(z) > 30) return err_set(err, ZW_EINPUT, "bad_parameter", "体裁参数无效", NULL);
        f->zGenre = z;
    }
    if ((z = xGet(pCtx, "validity")) && *z) {
        if (strlen(z) > 30) return err_set(err, ZW_EINPUT, "bad_parameter", "有效性参数无效", NULL);
        f->zValidity = z;
    }
    if ((z = xGet(pCtx, "year")) && *z) {
        if (str_to_i64(z, &v) != 0 || v < 1949 || v > 2099) {
            return err_set(err, ZW_EINPUT, "bad_parameter", "年份参数无效，应为 1949 到 2099 之间", NULL);
        }
        f->iYear = (int)v;
    }
    if ((z = xGet(pCtx, "sort")) && *z) {
        if (strcmp(z, "date") == 0) f->bByDate = 1;
        else if (strcmp(z, "rel") != 0) return err_set(err, ZW_EINPUT, "bad_parameter", "排序参数应为 rel（相关度）或 date（日期）", NULL);
    }
    if ((z = xGet(pCtx, "page")) && *z) {
        if (str_to_i64(z, &v) != 0 || v < 1 || v > 1000) {
            return err_set(err, ZW_EINPUT, "bad_parameter", "参数 page 的值无效，应为 1 到 1000 之间的整数", NULL);
        }
        f->iPage = v;
    }
    if ((z = xGet(pCtx, "per_page")) && *z) {
        if (str_to_i64(z, &v) != 0 || v < 1 || v > SEARCH_MAX_PER_PAGE) {
            return err_set(err, ZW_EINPUT, "bad_parameter", "参数 per_page 的值无效，应为 1 到 50 之间的整数", NULL);
        }
        f->nPerPage = v;
    }
    (void)a;
    return ZW_OK;
}

static void kv(Str *s, const char *zKey, const char *zVal) {
    str_putc(s, ',');
    str_json(s, zKey);
    str_putc(s, ':');
    str_json(s, zVal);
}

/* n with thousands separators: "49,000". */
static const char *thousands(Arena *a, int64_t n) {
    if (n < 1000) return arena_printf(a, "%lld", (long long)n);
    return arena_printf(a, "%s,%03lld", thousands(a, n / 1000), (long long)(n % 1000));
}

const char *search_total_text(Arena *a, int64_t nTotal) {
    if (nTotal > SEARCH_COUNT_CAP) return arena_printf(a, "约 %s 条", thousands(a, nTotal));
    return arena_printf(a, "共 %s 条", thousands(a, nTotal));
}

void search_json(Str *s, const SearchQuery *q, const SearchFilter *f, const SearchHit *aHit,
                 int nHit, int64_t nTotal) {
    str_appendf(s, "{\"total\":%lld,%s\"page\":%lld,\"per_page\":%lld", (long long)nTotal,
                nTotal > SEARCH_COUNT_CAP ? "\"total_estimated\":true," : "",
                (long long)f->iPage, (long long)f->nPerPage);
    kv(s, "query", q->zShown);
    kv(s, "sort", f->bByDate ? "date" : "rel");
    str_puts(s, ",\"items\":[");
    for (int i = 0; i < nHit; i++) {
        const SearchHit *h = &aHit[i];
        if (i) str_putc(s, ',');
        str_appendf(s, "{\"id\":%lld", (long long)h->id);
        kv(s, "title", h->zTitle);
        kv(s, "title_html", h->title.z);
        kv(s, "snippet", h->snippet.z);
        kv(s, "docno_html", h->docno.z);
        kv(s, "unit", h->zUnitCode);
        kv(s, "unit_name", h->zUnit);
        kv(s, "column", h->zColumn);
        kv(s, "docno", h->zDocno);
        kv(s, "published_at", h->zDate);
        kv(s, "validity", h->zValidity);
        str_appendf(s, ",\"url\":\"/items/%lld\"}", (long long)h->id);
    }
    str_puts(s, "]}");
}
