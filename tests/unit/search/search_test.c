// SPDX-License-Identifier: MIT
/* search_test.c: search_run on the demo county: a date-ordered page reached by walking
** the items by date (what a common word in a large corpus does) equals the page made by
** sorting the matches, on every page and for several queries; and the count is capped. */
#include <stdlib.h>
#include <unistd.h>

#include "../../../src/core/log.h"
#include "../../../src/demo/demo.h"
#include "../../../src/search/search.h"
#include "t.h"

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
                search_tune(0); /* default: the demo's counts never walk */
                const char *zSorted = page_ids(db, &a, azQ[k], p, &nSorted);
                search_tune(1); /* walk whenever there is a match */
                const char *zWalked = page_ids(db, &a, azQ[k], p, &nWalked);
                CHECK_STR(zWalked, zSorted);
            }
            CHECK(nSorted > 0 && nSorted == nWalked);
        }
        search_tune(0);
    }
    subtest("search-1.2", "the count text") {
        CHECK_STR(search_total_text(&a, 7), "7 条");
        CHECK_STR(search_total_text(&a, 1234), "1,234 条");
        CHECK_STR(search_total_text(&a, SEARCH_COUNT_CAP), "10,000 条");
        CHECK_STR(search_total_text(&a, SEARCH_COUNT_CAP + 1), "10,000 条以上");
    }
    db_close(db);
    unlink(zPath);
    arena_free(&a);
    return t_done();
}
