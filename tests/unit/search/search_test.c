// SPDX-License-Identifier: MIT
/* search_test.c: search_run on the demo county: a date-ordered page reached by walking
** the items by date (what a common word in a large corpus does) equals the page made by
** sorting the matches, on every page and for several queries; and the count is capped. */
#include <stdlib.h>
#include <unistd.h>

#include "../../../src/auth/auth.h"
#include "../../../src/core/log.h"
#include "../../../src/demo/demo.h"
#include "../../../src/norms/norms.h"
#include "../../../src/publish/publish.h"
#include "../../../src/search/search.h"
#include "t.h"

/* Filters written as for /search: "unit=czj&year=2021". */
static const char *kv_get(void *pCtx, const char *zName) {
    static char zVal[64];
    size_t n = strlen(zName);
    for (const char *p = pCtx; p && *p;) {
        const char *e = strchr(p, '&');
        size_t len = e ? (size_t)(e - p) : strlen(p);
        if (len > n && p[n] == '=' && strncmp(p, zName, n) == 0 && len - n - 1 < sizeof zVal) {
            memcpy(zVal, p + n + 1, len - n - 1);
            zVal[len - n - 1] = 0;
            return zVal;
        }
        p = e ? e + 1 : NULL;
    }
    return NULL;
}

/* Every match of zInput passing the filters zFilters, newest first, as search_run finds
** them (through the filter terms of item_fts, walking by date when bWalk): "12 7 3". */
static const char *filtered_ids(Db *db, Arena *a, const char *zInput, const char *zFilters, int bWalk) {
    SearchQuery q;
    SearchFilter f;
    Err err = {0};
    if (query_parse(a, zInput, &q, &err) != ZW_OK) return "parse error";
    if (search_filter_parse(db, a, kv_get, (void *)zFilters, &f, &err) != ZW_OK) return "filter error";
    f.bByDate = 1;
    f.nPerPage = 5;
    search_tune(bWalk ? 1 : 0, 0);
    Str s;
    str_init(&s, a);
    for (f.iPage = 1; f.iPage < 100; f.iPage++) {
        SearchHit *aHit;
        int nHit;
        int64_t nTotal;
        if (search_run(db, a, &q, &f, &aHit, &nHit, &nTotal, &err) != ZW_OK) return "search error";
        for (int i = 0; i < nHit; i++) str_appendf(&s, "%s%lld", s.n ? " " : "", (long long)aHit[i].id);
        if (nHit < f.nPerPage) break;
    }
    search_tune(0, 0);
    return str_cstr(&s);
}

/* The same from the item table's own columns, as the filters are defined. */
static const char *expected_ids(Db *db, Arena *a, const char *zInput, const char *zFilters) {
    SearchQuery q;
    Err err = {0};
    if (query_parse(a, zInput, &q, &err) != ZW_OK) return "parse error";
    Stmt st;
    db_prepare(db, &st,
               "SELECT i.id FROM item_fts f JOIN item i ON i.id=f.rowid JOIN unit n ON n.id=i.unit_id"
               " JOIN col c ON c.id=i.col_id WHERE item_fts MATCH ?1 AND i.live_version>0"
               " AND i.state<>'withdrawn' AND (?10 IS NULL OR n.code=?10)"
               " AND (?11 IS NULL OR c.slug=?11 OR c.parent_id IN (SELECT id FROM col WHERE slug=?11)"
               " OR c.parent_id IN (SELECT id FROM col WHERE parent_id IN"
               " (SELECT id FROM col WHERE slug=?11)))"
               " AND (?12 IS NULL OR i.genre=?12) AND (?13 IS NULL OR substr(i.published_at,1,4)=?13)"
               " AND (?14 IS NULL OR i.validity=?14) ORDER BY i.published_at DESC, i.id DESC");
    db_bind_text(&st, 1, q.zMatch);
    db_bind_text(&st, 10, kv_get((void *)zFilters, "unit"));
    db_bind_text(&st, 11, kv_get((void *)zFilters, "area"));
    db_bind_text(&st, 12, kv_get((void *)zFilters, "genre"));
    db_bind_text(&st, 13, kv_get((void *)zFilters, "year"));
    db_bind_text(&st, 14, kv_get((void *)zFilters, "validity"));
    Str s;
    str_init(&s, a);
    while (db_step(&st) == 1) str_appendf(&s, "%s%lld", s.n ? " " : "", (long long)db_col_int(&st, 0));
    db_done(&st);
    return str_cstr(&s);
}

/* The number of matches of zInput, counted in full: "7". */
static const char *expected_count(Db *db, Arena *a, const char *zInput) {
    const char *z = expected_ids(db, a, zInput, "");
    int n = *z != 0;
    for (; *z; z++) n += *z == ' ';
    return arena_printf(a, "%d", n);
}

/* Search finds with each filter what the item table says, sorted and walked. */
static int check_filters(Db *db, Arena *a, const char *const *azQ, size_t nQ, const char *const *azF,
                         size_t nF) {
    int nNonEmpty = 0;
    for (size_t i = 0; i < nQ; i++) {
        for (size_t k = 0; k < nF; k++) {
            const char *zWant = expected_ids(db, a, azQ[i], azF[k]);
            CHECK_STR(filtered_ids(db, a, azQ[i], azF[k], 0), zWant);
            CHECK_STR(filtered_ids(db, a, azQ[i], azF[k], 1), zWant);
            nNonEmpty += *zWant != 0;
        }
    }
    return nNonEmpty;
}

/* FTS5's own check of item_fts against search_content: 1 if it passes. */
static int fts_ok(Db *db) {
    Err err = {0};
    return db_exec_script(db, "INSERT INTO item_fts(item_fts, rank) VALUES('integrity-check', 1)", &err) ==
           ZW_OK;
}

/* The ids of one date-ordered page of zInput: "12 7 3". */
static const char *page_ids(Db *db, Arena *a, const char *zInput, int64_t iPage, int64_t *pnTotal) {
    SearchQuery q;
    SearchFilter f;
    Err err = {0};
    memset(&f, 0, sizeof f);
    f.bByDate = 1;
    f.iPage = iPage;
    f.nPerPage = 7;
    if (query_parse(a, zInput, &q, &err) != ZW_OK) return "parse error";
    SearchHit *aHit;
    int nHit;
    if (search_run(db, a, &q, &f, &aHit, &nHit, pnTotal, &err) != ZW_OK) return "search error";
    Str s;
    str_init(&s, a);
    for (int i = 0; i < nHit; i++) str_appendf(&s, "%s%lld", i ? " " : "", (long long)aHit[i].id);
    return str_cstr(&s);
}

int main(void) {
    g_log_level = LOG_ERROR;
    char zPath[] = "/tmp/zwgk-search-XXXXXX";
    int fd = mkstemp(zPath);
    close(fd);
    Db *db;
    Err err = {0};
    Arena a;
    arena_init(&a);
    int n;
    CHECK(db_open(&db, zPath, DB_CREATE, &err) == ZW_OK);
    CHECK(db_migrate(db, &n, &err) == ZW_OK);
    CHECK(demo_units(db, &err) == ZW_OK);
    CHECK(demo_load(db, "test-password", &err) == ZW_OK);

    subtest("search-1.1", "walking by date gives the pages sorting gives") {
        static const char *const azQ[] = {"公开", "县", "教育", "工作 方案", "“政务公开”", "2021"};
        for (size_t k = 0; k < sizeof azQ / sizeof azQ[0]; k++) {
            int64_t nSorted = 0, nWalked = 0;
            for (int64_t p = 1; p <= 4; p++) {
                search_tune(0, 0); /* default: the demo's counts never walk */
                const char *zSorted = page_ids(db, &a, azQ[k], p, &nSorted);
                search_tune(1, 0); /* walk whenever there is a match */
                const char *zWalked = page_ids(db, &a, azQ[k], p, &nWalked);
                CHECK_STR(zWalked, zSorted);
            }
            CHECK(nSorted > 0 && nSorted == nWalked);
        }
        search_tune(0, 0);
    }
    static const char *const azQ[] = {"公开", "县", "通知", "工作 -方案", "2021"};
    static const char *const azF[] = {"unit=czj", "unit=xzfb", "year=2021", "area=fdzdgknr",
                                      "area=czxx", "genre=通知", "validity=有效", "validity=已废止",
                                      "unit=jtj&year=2021", "unit=czj&genre=通知&validity=有效"};
    const size_t nQ = sizeof azQ / sizeof azQ[0], nF = sizeof azF / sizeof azF[0];
    subtest("search-1.3", "filters: the items whose fields pass, through the index's filter terms") {
        CHECK(check_filters(db, &a, azQ, nQ, azF, nF) >= 20); /* not vacuous */
        CHECK(fts_ok(db));
    }
    subtest("search-1.4", "filters follow a column move, a repeal and a withdrawal") {
        const char *zTok;
        User *u = NULL;
        CHECK(auth_login(db, &a, "admin", "test-password", "127.0.0.1", &zTok, &u, &err) == ZW_OK);
        Stmt st;
        int64_t iItem = 0, iCol = 0;
        db_prepare(db, &st,
                   "SELECT i.id, (SELECT c.id FROM col c WHERE c.unit_id=i.unit_id AND c.id<>i.col_id"
                   " AND c.slug='czxx') FROM item i WHERE i.live_version>0 AND i.state='published'"
                   " AND i.genre='通知' ORDER BY i.id LIMIT 1");
        if (db_step(&st) == 1) {
            iItem = db_col_int(&st, 0);
            iCol = db_col_int(&st, 1);
        }
        db_done(&st);
        CHECK(u && iItem > 0 && iCol > 0);
        ItemInput in;
        memset(&in, 0, sizeof in);
        in.iColumn = iCol;
        in.zGenre = "公告";
        in.zChangeNote = "移到财政信息栏目";
        CHECK(item_update(db, &a, u, "127.0.0.1", iItem, &in, &err) == ZW_OK);
        CHECK(check_filters(db, &a, azQ, nQ, azF, nF) >= 20);
        CHECK(fts_ok(db));
        NormInput ni = {NULL, "2021-01-05", "2021-02-01", NULL};
        CHECK(norm_set(db, &a, u, "127.0.0.1", iItem, &ni, &err) == ZW_OK);
        CHECK(norm_change(db, &a, u, "127.0.0.1", iItem, "已废止", iItem + 1, "2022-03-01", "废止",
                          &err) == ZW_OK);
        CHECK(check_filters(db, &a, azQ, nQ, azF, nF) >= 20);
        CHECK(fts_ok(db));
        CHECK(item_withdraw(db, &a, u, "127.0.0.1", iItem, "测试撤回", &err) == ZW_OK);
        CHECK(check_filters(db, &a, azQ, nQ, azF, nF) >= 20);
        CHECK(fts_ok(db));
    }
    subtest("search-1.5", "beyond the rank window the total is an estimate; the page comes from the window") {
        int64_t nExact = 0, nEst = 0, nSmall = 0;
        const char *zSorted = page_ids(db, &a, "公开", 2, &nExact);
        search_tune(0, 20);
        const char *zWindowed = page_ids(db, &a, "公开", 2, &nEst);
        search_tune(0, 0);
        CHECK(nExact > 40);
        CHECK(nEst > 20 && nEst >= nExact / 2 && nEst <= nExact * 2);
        CHECK_STR(zWindowed, zSorted); /* date order: the same page */
        SearchQuery q;
        SearchFilter f;
        memset(&f, 0, sizeof f);
        f.iPage = 1;
        f.nPerPage = 10;
        CHECK(query_parse(&a, "公开", &q, &err) == ZW_OK);
        SearchHit *aHit;
        int nHit;
        Stmt st;
        db_prepare(db, &st,
                   "SELECT rowid FROM item_fts WHERE item_fts MATCH '\"公开\"' ORDER BY rowid DESC"
                   " LIMIT 1 OFFSET 19");
        int64_t iLow = db_step(&st) == 1 ? db_col_int(&st, 0) : 0;
        db_done(&st);
        search_tune(0, 20);
        CHECK(search_run(db, &a, &q, &f, &aHit, &nHit, &nEst, &err) == ZW_OK);
        CHECK(nHit == 10 && nEst > 20);
        for (int i = 0; i < nHit; i++) CHECK(aHit[i].id >= iLow); /* ranked within the newest 20 */
        CHECK(query_parse(&a, "预算", &q, &err) == ZW_OK);
        CHECK(search_run(db, &a, &q, &f, &aHit, &nHit, &nSmall, &err) == ZW_OK);
        search_tune(0, 0);
        CHECK(nSmall > 0 && nSmall <= 20 && nSmall == (int64_t)atoi(expected_count(db, &a, "预算")));
        /* a year holds a band of rowids (the demo's 2022 items have the last ids): the
        ** estimate counts from the year's first item, not the table's */
        CHECK(query_parse(&a, "公开", &q, &err) == ZW_OK);
        CHECK(search_filter_parse(db, &a, kv_get, (void *)"year=2022", &f, &err) == ZW_OK);
        int64_t nYear = 0, nYearEst = 0;
        CHECK(search_run(db, &a, &q, &f, &aHit, &nHit, &nYear, &err) == ZW_OK);
        search_tune(0, 4);
        CHECK(search_run(db, &a, &q, &f, &aHit, &nHit, &nYearEst, &err) == ZW_OK);
        search_tune(0, 0);
        CHECK(nYear > 8 && nYearEst > 4 && nYearEst >= nYear / 2 && nYearEst <= nYear * 3 / 2);
    }
    subtest("search-1.6", "snippets show markdown's ** as nothing, a lone * as itself") {
        SearchQuery q;
        SearchFilter f;
        memset(&f, 0, sizeof f);
        f.iPage = 1;
        f.nPerPage = 10;
        SearchHit *aHit;
        int nHit;
        int64_t nTotal;
        CHECK(query_parse(&a, "强化", &q, &err) == ZW_OK);
        CHECK(search_run(db, &a, &q, &f, &aHit, &nHit, &nTotal, &err) == ZW_OK);
        int nBold = 0;
        for (int i = 0; i < nHit; i++) nBold += strstr(aHit[i].snippet.z, "**") != NULL;
        CHECK(nHit > 0 && nBold == 0);
        Stmt st;
        db_prepare(db, &st, "SELECT count(*) FROM item_version WHERE body LIKE '%**强化%'");
        CHECK(db_step(&st) == 1 && db_col_int(&st, 0) > 0); /* the demo has such bodies */
        db_done(&st);
    }
    subtest("search-1.2", "the count text") {
        CHECK_STR(search_total_text(&a, 7), "共 7 条");
        CHECK_STR(search_total_text(&a, 1234), "共 1,234 条");
        CHECK_STR(search_total_text(&a, SEARCH_COUNT_CAP), "共 2,000 条");
        CHECK_STR(search_total_text(&a, 49000), "约 49,000 条");
        CHECK_STR(search_total_text(&a, 1230000), "约 1,230,000 条");
        SearchQuery q = {.zShown = "公开"};
        SearchFilter f = {.iPage = 1, .nPerPage = 10};
        Str js;
        str_init(&js, &a);
        search_json(&js, &q, &f, NULL, 0, 49000);
        CHECK(strstr(str_cstr(&js), "\"total\":49000,\"total_estimated\":true,") != NULL);
        str_init(&js, &a);
        search_json(&js, &q, &f, NULL, 0, SEARCH_COUNT_CAP);
        CHECK(strstr(str_cstr(&js), "\"total\":2000,\"page\"") != NULL);
    }
    db_close(db);
    unlink(zPath);
    arena_free(&a);
    return t_done();
}
