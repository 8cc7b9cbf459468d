// SPDX-License-Identifier: MIT
/*
** search.c: runs a parsed query against item_fts.  Three steps: count the matches
** (with filters); when there are many, find the rowid of the SEARCH_RANK_WINDOW-th
** newest so ranking reads a bounded set; fetch one page ordered by score or date;
** then make title highlights and body snippets for that page only.
** SQL shape varies with the filters and is assembled from literal pieces; every
** value is a bound parameter.
**
** Cost (bench/search/README.md): item_fts holds exactly the live version of every
** published, not withdrawn item (the workflow keeps it so, in the same transaction),
** so without filters the count and the rank window read item_fts alone: joining item
** there reads one item row (about one page, the body is inline) per match, which is
** seconds for a common word in a million items.  The page query joins item, unit and
** col for what it shows and checks state again, so a stale index row is never shown.
*/
#include "search.h"

#include <string.h>

#include "../core/log.h"

Html search_mark_html(Arena *a, const char *z) {
    Str s;
    str_init(&s, a);
    const char *p = z ? z : "";
    while (*p) {
        size_t n = strcspn(p, "\x01\x02");
        str_html_escape_n(&s, p, n);
        p += n;
        if (*p == '\x01') str_puts(&s, "<mark>");
        else if (*p == '\x02') str_puts(&s, "</mark>");
        if (*p) p++;
    }
    return html_trust(str_cstr(&s));
}

/* WHERE clause and joins shared by the count, window and page queries.
** item_fts is always the outer loop (CROSS JOIN): with a filter on unit or column,
** SQLite would otherwise start from the unit's items and run the MATCH once per item,
** each a fresh FTS5 query (27 s for 教育 in one unit of a million items).  Each match
** then checks the filters in item_search, a covering index of a few dozen bytes a
** row (schema/0009), not in the item row, which holds the body (one page a match).
** Parameters: ?1 match, ?10 unit, ?11 area slug, ?12 genre, ?13 year, ?14 validity. */
static void add_where(Str *s, const SearchFilter *f) {
    str_puts(s, " FROM item_fts f CROSS JOIN item i INDEXED BY item_search ON i.id=f.rowid"
                " JOIN unit n ON n.id=i.unit_id JOIN col c ON c.id=i.col_id");
    str_puts(s, " WHERE item_fts MATCH ?1 AND i.live_version>0 AND i.state<>'withdrawn'");
    if (f->zUnit) str_puts(s, " AND n.code=?10");
    if (f->zArea) {
        str_puts(s, " AND (c.slug=?11 OR c.parent_id IN (SELECT id FROM col WHERE slug=?11)"
                    " OR c.parent_id IN (SELECT id FROM col WHERE parent_id IN"
                    " (SELECT id FROM col WHERE slug=?11)))");
    }
    if (f->zGenre) str_puts(s, " AND i.genre=?12");
    if (f->iYear) str_puts(s, " AND substr(i.published_at,1,4)=?13");
    if (f->zValidity) str_puts(s, " AND i.validity=?14");
}

/* 1 if any filter narrows the matches (sorting is not a filter). */
static int has_filter(const SearchFilter *f) {
    return f->zUnit || f->zArea || f->zGenre || f->iYear || f->zValidity;
}

static void bind_filters(Stmt *st, Arena *a, const SearchQuery *q, const SearchFilter *f) {
    db_bind_text(st, 1, q->zMatch);
    if (f->zUnit) db_bind_text(st, 10, f->zUnit);
    if (f->zArea) db_bind_text(st, 11, f->zArea);
    if (f->zGenre) db_bind_text(st, 12, f->zGenre);
    if (f->iYear) db_bind_text(st, 13, arena_printf(a, "%04d", f->iYear));
    if (f->zValidity) db_bind_text(st, 14, f->zValidity);
}

/* The smallest count for which a date-ordered page walks by date (search_tune). */
static int64_t nWalkMin = SEARCH_COUNT_CAP + 1;

void search_tune(int64_t nMin) {
    nWalkMin = nMin > 0 ? nMin : SEARCH_COUNT_CAP + 1;
}

int search_run(Db *db, Arena *a, const SearchQuery *q, const SearchFilter *f, SearchHit **paHit,
               int *pnHit, int64_t *pnTotal, Err *err) {
    *paHit = NULL;
    *pnHit = 0;
    *pnTotal = 0;
    if (!q->zMatch) return ZW_OK;
    int64_t nPer = f->nPerPage > 0 && f->nPerPage <= SEARCH_MAX_PER_PAGE ? f->nPerPage : 10;
    int64_t iPage = f->iPage > 0 ? f->iPage : 1;
    Str sql;
    Stmt st;
    int rc;

    /* 1. How many, up to SEARCH_COUNT_CAP + 1: counting walks every match (≈ 40 ns
    ** each without filters, 1–2 µs with), which for a common word in a million items
    ** was most of the query. */
    int bFilter = has_filter(f);
    str_init(&sql, a);
    if (bFilter) {
        str_puts(&sql, "SELECT count(*) FROM (SELECT 1");
        add_where(&sql, f);
        str_puts(&sql, " LIMIT ?2)");
    } else {
        str_puts(&sql, "SELECT count(*) FROM (SELECT 1 FROM item_fts WHERE item_fts MATCH ?1"
                       " LIMIT ?2)");
    }
    if ((rc = db_prepare_dynamic(db, &st, str_cstr(&sql)))) return db_err(db, err);
    bind_filters(&st, a, q, f);
    db_bind_int(&st, 2, SEARCH_COUNT_CAP + 1);
    int r = db_step(&st);
    if (r == 1) *pnTotal = db_col_int(&st, 0);
    db_done(&st);
    if (r < 0) {
        return err_set(err, ZW_EINPUT, "bad_query", "无法解析检索词，请换一种写法", "fts match failed");
    }
    if (*pnTotal == 0 || (iPage - 1) * nPer >= *pnTotal) return ZW_OK;

    /* 2. Bound the ranked set to the newest matches. */
    int64_t iLow = 0;
    if (!f->bByDate && *pnTotal > SEARCH_RANK_WINDOW) {
        str_reset(&sql);
        if (bFilter) {
            str_puts(&sql, "SELECT f.rowid");
            add_where(&sql, f);
            str_puts(&sql, " ORDER BY f.rowid DESC LIMIT 1 OFFSET ?2");
        } else {
            str_puts(&sql, "SELECT rowid FROM item_fts WHERE item_fts MATCH ?1"
                           " ORDER BY rowid DESC LIMIT 1 OFFSET ?2");
        }
        if ((rc = db_prepare_dynamic(db, &st, str_cstr(&sql)))) return db_err(db, err);
        bind_filters(&st, a, q, f);
        db_bind_int(&st, 2, SEARCH_RANK_WINDOW - 1);
        if (db_step(&st) == 1) iLow = db_col_int(&st, 0);
        db_done(&st);
    }

    /* 3. One page. */
    str_reset(&sql);
    /* The score is bm25 (zwgk_rank, store/fts.c) times the boosts.  The phrase boost
    ** tests the live title, from item_version; f.title would make FTS5 fetch the whole
    ** row (body included) through search_content.  Even the title alone costs: an
    ** item_version row holds the body, so a lookup compares whole records spilled to
    ** overflow pages.  So it is read only where the query occurs in the title at all
    ** (zwgk_title_hit), which instr() on the title implies. */
    /* The inner query orders the matches on what item_search covers; only the rows of
    ** the page then read the item row (title, 文号), unit and column names.  (SQLite's
    ** sorter keeps every output column, so one flat query read the item row, about a
    ** page, for each of the 2,000 ranked matches.)  Rows and order are the same. */
    str_puts(&sql, "SELECT x.id, i.title, n.name, n.code, i.docno, i.published_at, c.name,"
                   " i.validity, i.genre FROM (");
    /* A common word, newest first, no filter: walk the live items by date and probe the
    ** index for each (a match is at least 1 in 100 items, so a page probes at most a
    ** few thousand) instead of sorting every match (0.9 ms against 440 ms for 工作 in a
    ** million items).  Deep pages sort as usual. */
    int bWalk = f->bByDate && !bFilter && *pnTotal >= nWalkMin && iPage * nPer <= SEARCH_WALK_DEPTH;
    if (bWalk) {
        str_puts(&sql, "SELECT i.id AS id, i.published_at AS pub, 0.0 AS score"
                       " FROM item i INDEXED BY item_live_pub"
                       " WHERE i.live_version>0 AND i.state<>'withdrawn'"
                       " AND EXISTS (SELECT 1 FROM item_fts WHERE item_fts MATCH ?1 AND rowid=i.id)");
    } else {
        str_puts(&sql, "SELECT f.rowid AS id, i.published_at AS pub,");
        if (f->bByDate) {
            str_puts(&sql, " 0.0 AS score");
        } else {
            str_puts(&sql, " zwgk_rank(item_fts, 10.0, 1.0, 5.0) * (1.0"
                           " + CASE WHEN ?3 <> '' AND zwgk_title_hit(item_fts)"
                           " AND (SELECT instr(v.title, ?3) FROM item_version v"
                           " WHERE v.item_id=i.id AND v.version=i.live_version) > 0"
                           " THEN 1.0 ELSE 0.0 END"
                           " + 0.5 * max(0.0, 1.0 - (julianday('now') - julianday(i.published_at)) / 3650.0)"
                           " - CASE WHEN i.validity IN ('已废止','已失效') THEN 0.3 ELSE 0.0 END) AS score");
        }
        add_where(&sql, f);
        if (iLow) str_puts(&sql, " AND f.rowid >= ?4");
    }
    str_puts(&sql, f->bByDate ? " ORDER BY pub DESC, id DESC" : " ORDER BY score, id DESC");
    str_puts(&sql, " LIMIT ?5 OFFSET ?6) x JOIN item i ON i.id=x.id JOIN unit n ON n.id=i.unit_id"
                   " JOIN col c ON c.id=i.col_id");
    str_puts(&sql, f->bByDate ? " ORDER BY x.pub DESC, x.id DESC" : " ORDER BY x.score, x.id DESC");
    if ((rc = db_prepare_dynamic(db, &st, str_cstr(&sql)))) return db_err(db, err);
    bind_filters(&st, a, q, f);
    if (!f->bByDate) db_bind_text(&st, 3, q->zPhrase ? q->zPhrase : "");
    if (iLow) db_bind_int(&st, 4, iLow);
    db_bind_int(&st, 5, nPer);
    db_bind_int(&st, 6, (iPage - 1) * nPer);
    SearchHit *aHit = arena_zalloc(a, sizeof(SearchHit) * (size_t)nPer);
    int n = 0;
    while ((r = db_step(&st)) == 1 && n < nPer) {
        SearchHit *h = &aHit[n++];
        h->id = db_col_int(&st, 0);
        h->zTitle = db_col_dup(a, &st, 1);
        h->zUnit = db_col_dup(a, &st, 2);
        h->zUnitCode = db_col_dup(a, &st, 3);
        h->zDocno = db_col_dup(a, &st, 4);
        h->zDate = db_col_dup(a, &st, 5);
        h->zColumn = db_col_dup(a, &st, 6);
        h->zValidity = db_col_dup(a, &st, 7);
        h->zGenre = db_col_dup(a, &st, 8);
    }
    db_done(&st);
    if (r < 0) return db_err(db, err);

    /* 4. Highlights for this page only (the live title, as the public sees it). */
    for (int i = 0; i < n; i++) {
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
            aHit[i].snippet = search_mark_html(a, db_col_text(&st, 1));
            aHit[i].docno = search_mark_html(a, db_col_text(&st, 3));
        } else {
            aHit[i].docno = search_mark_html(a, aHit[i].zDocno);
            aHit[i].title = search_mark_html(a, aHit[i].zTitle);
            aHit[i].snippet = html_trust("");
        }
        db_done(&st);
    }
    *paHit = aHit;
    *pnHit = n;
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
        db_prepare(db, &st, "SELECT 1 FROM unit WHERE code=?1");
        db_bind_text(&st, 1, z);
        int bOk = db_step(&st) == 1;
        db_done(&st);
        if (!bOk) return err_set(err, ZW_EINPUT, "unknown_unit", "单位不存在", NULL);
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

const char *search_total_text(Arena *a, int64_t nTotal) {
    if (nTotal > SEARCH_COUNT_CAP) return arena_printf(a, "%d,%03d 条以上", SEARCH_COUNT_CAP / 1000, 0);
    if (nTotal >= 1000) {
        return arena_printf(a, "%lld,%03lld 条", (long long)nTotal / 1000, (long long)nTotal % 1000);
    }
    return arena_printf(a, "%lld 条", (long long)nTotal);
}

void search_json(Str *s, const SearchQuery *q, const SearchFilter *f, const SearchHit *aHit,
                 int nHit, int64_t nTotal) {
    int bMore = nTotal > SEARCH_COUNT_CAP;
    str_appendf(s, "{\"total\":%lld,%s\"page\":%lld,\"per_page\":%lld",
                (long long)(bMore ? SEARCH_COUNT_CAP : nTotal), bMore ? "\"total_more\":true," : "",
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
