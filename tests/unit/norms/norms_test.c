// SPDX-License-Identifier: MIT
/* norms_test.c: the normative-documents library on a real database: registration and
** its checks, rights, amendment and repeal, automatic expiry with its history, the
** counts of the annual report's table 二, listing filters and review campaigns. */
#include <stdlib.h>
#include <unistd.h>

#include "../../../src/auth/auth.h"
#include "../../../src/core/log.h"
#include "../../../src/core/util.h"
#include "../../../src/demo/demo.h"
#include "../../../src/norms/norms.h"
#include "../../../src/publish/publish.h"
#include "t.h"

static Db *db;
static Arena a;
static User *admin, *ed, *rv, *other;

static User *login(const char *zName) {
    const char *zTok;
    User *u = NULL;
    Err err = {0};
    auth_login(db, &a, zName, "test-password", "127.0.0.1", &zTok, &u, &err);
    return u;
}

/* A published item of czj dated zDate. */
static int64_t publish(const char *zTitle, const char *zDate) {
    Err err = {0};
    int64_t id = 0;
    ItemInput in = {0};
    Unit *u = unit_by_code(db, &a, "czj");
    in.zUnit = "czj";
    in.iColumn = col_by_slug(db, &a, u->id, "gzgfxwj")->id;
    in.zTitle = zTitle;
    util_set_now(util_parse_time(arena_printf(&a, "%sT01:00:00Z", zDate)));
    int rc = item_create(db, &a, admin, "ip", &in, &id, &err);
    if (!rc) rc = item_submit(db, &a, admin, "ip", id, &err);
    if (!rc) rc = item_approve(db, &a, admin, "ip", id, &err);
    util_set_now(0);
    return rc ? 0 : id;
}

static const char *validity(int64_t id) {
    Item *p = item_get(db, &a, id);
    return p ? p->zValidity : "";
}

int main(void) {
    g_log_level = LOG_ERROR;
    char zPath[] = "/tmp/zwgk-norms-XXXXXX";
    int fd = mkstemp(zPath);
    close(fd);
    Err err = {0};
    arena_init(&a);
    int n;
    CHECK(db_open(&db, zPath, DB_CREATE, &err) == ZW_OK);
    CHECK(db_migrate(db, &n, &err) == ZW_OK);
    CHECK(demo_units(db, &err) == ZW_OK);
    CHECK(auth_user_add(db, "adm", "xzfb", ROLE_ADMIN, "test-password", &err) == ZW_OK);
    CHECK(auth_user_add(db, "ed", "czj", ROLE_EDITOR, "test-password", &err) == ZW_OK);
    CHECK(auth_user_add(db, "rv", "czj", ROLE_REVIEWER, "test-password", &err) == ZW_OK);
    CHECK(auth_user_add(db, "ow", "wjj", ROLE_REVIEWER, "test-password", &err) == ZW_OK);
    admin = login("adm");
    ed = login("ed");
    rv = login("rv");
    other = login("ow");
    CHECK(admin && ed && rv && other);
    if (!admin || !ed || !rv || !other) return t_done();
    /* Today is 2024-06-10 for this test. */
    util_set_now(util_parse_time("2024-06-10T02:00:00Z"));
    int64_t d1 = publish("资金管理办法", "2020-03-01");
    int64_t d2 = publish("补贴办法（试行）", "2021-03-01");
    int64_t d3 = publish("修改资金管理办法的决定", "2022-05-01");
    int64_t d4 = publish("临时措施", "2023-01-10");
    int64_t dDraft = 0;
    CHECK(d1 && d2 && d3 && d4);
    util_set_now(util_parse_time("2024-06-10T02:00:00Z"));

    subtest("norm-1.1", "registration checks dates, rights and the item") {
        NormInput in = {NULL, "2020-02-20", "2020-03-01", NULL};
        CHECK(norm_set(db, &a, other, "ip", d1, &in, &err) == ZW_EPERM);
        CHECK(norm_set(db, &a, NULL, "ip", d1, &in, &err) == ZW_EAUTH);
        NormInput bad = {NULL, "2020-02-30", "2020-03-01", NULL};
        CHECK(norm_set(db, &a, ed, "ip", d1, &bad, &err) == ZW_EINPUT);
        NormInput early = {NULL, "2020-02-20", "2020-02-01", NULL};
        CHECK(norm_set(db, &a, ed, "ip", d1, &early, &err) == ZW_EINPUT); /* in force before issued */
        NormInput term = {NULL, "2020-02-20", "2020-03-01", "2020-01-01"};
        CHECK(norm_set(db, &a, ed, "ip", d1, &term, &err) == ZW_EINPUT); /* ends before it starts */
        NormInput type = {"法律", "2020-02-20", "2020-03-01", NULL};
        CHECK(norm_set(db, &a, ed, "ip", d1, &type, &err) == ZW_EINPUT);
        NormInput none = {NULL, NULL, NULL, NULL};
        CHECK(norm_set(db, &a, ed, "ip", d1, &none, &err) == ZW_EINPUT); /* dates required */
        CHECK(norm_set(db, &a, ed, "ip", 999999, &in, &err) != ZW_OK);
        CHECK(norm_set(db, &a, ed, "ip", d1, &in, &err) == ZW_OK);
        Norm *p = norm_get(db, &a, d1);
        CHECK(p && strcmp(p->zState, NORM_VALID) == 0 && strcmp(p->zType, "行政规范性文件") == 0 &&
              p->zExpiresAt[0] == 0);
        CHECK_STR(validity(d1), "有效");
        (void)dDraft;
    }
    subtest("norm-1.2", "a term already over lapses at once, the day after its end") {
        NormInput in = {NULL, "2021-02-25", "2021-03-01", "2021-12-31"};
        CHECK(norm_set(db, &a, ed, "ip", d2, &in, &err) == ZW_OK);
        Norm *p = norm_get(db, &a, d2);
        CHECK(p && strcmp(p->zState, NORM_EXPIRED) == 0);
        CHECK_STR(p ? p->zChangedAt : NULL, "2022-01-01");
        CHECK(p && p->nEvent == 1 && strcmp(p->aEvent[0].zTo, NORM_EXPIRED) == 0 && p->aEvent[0].zUser[0] == 0);
        CHECK_STR(validity(d2), "已失效");
        /* Extending the term brings it back, with the change recorded. */
        NormInput ext = {NULL, NULL, NULL, "2025-12-31"};
        CHECK(norm_set(db, &a, ed, "ip", d2, &ext, &err) == ZW_OK);
        p = norm_get(db, &a, d2);
        CHECK(p && strcmp(p->zState, NORM_VALID) == 0 && p->nEvent == 2);
    }
    subtest("norm-1.3", "amendment and repeal name a published document; reviewers only") {
        NormInput in = {NULL, "2022-04-20", "2022-05-01", NULL};
        CHECK(norm_set(db, &a, ed, "ip", d3, &in, &err) == ZW_OK);
        CHECK(norm_change(db, &a, ed, "ip", d1, NORM_AMENDED, d3, "2022-05-01", NULL, &err) == ZW_EPERM);
        CHECK(norm_change(db, &a, rv, "ip", d1, NORM_AMENDED, 0, "2022-05-01", NULL, &err) == ZW_EINPUT);
        CHECK(norm_change(db, &a, rv, "ip", d1, NORM_AMENDED, d1, "2022-05-01", NULL, &err) == ZW_EINPUT);
        CHECK(norm_change(db, &a, rv, "ip", d1, NORM_AMENDED, 999999, "2022-05-01", NULL, &err) == ZW_EINPUT);
        CHECK(norm_change(db, &a, rv, "ip", d1, "作废", d3, "2022-05-01", NULL, &err) == ZW_EINPUT);
        CHECK(norm_change(db, &a, rv, "ip", d1, NORM_AMENDED, d3, "2019-01-01", NULL, &err) == ZW_EINPUT);
        CHECK(norm_change(db, &a, rv, "ip", d1, NORM_AMENDED, d3, "2022-05-01", "部分条款修改", &err) == ZW_OK);
        CHECK(norm_change(db, &a, rv, "ip", d1, NORM_AMENDED, d3, "2022-05-01", NULL, &err) == ZW_ECONFLICT);
        Norm *p = norm_get(db, &a, d1);
        CHECK(p && strcmp(p->zState, NORM_AMENDED) == 0 && p->iBy == d3 &&
              strcmp(p->zByTitle, "修改资金管理办法的决定") == 0);
        CHECK_STR(validity(d1), "已修改");
        /* d4 is published but not a norm: it may still repeal one. */
        CHECK(norm_change(db, &a, rv, "ip", d1, NORM_REPEALED, d4, "2023-01-10", NULL, &err) == ZW_OK);
        p = norm_get(db, &a, d1);
        CHECK(p && p->nEvent == 2 && strcmp(p->aEvent[1].zFrom, NORM_AMENDED) == 0);
    }
    subtest("norm-1.4", "daily expiry is idempotent and dated") {
        NormInput in = {NULL, "2023-01-05", "2023-01-10", "2024-06-30"};
        CHECK(norm_set(db, &a, ed, "ip", d4, &in, &err) == ZW_OK);
        int nChanged = -1;
        CHECK(norm_expire(db, "2024-06-30", &nChanged, &err) == ZW_OK && nChanged == 0); /* last valid day */
        CHECK(norm_expire(db, "2024-07-01", &nChanged, &err) == ZW_OK && nChanged == 1);
        CHECK(norm_expire(db, "2024-07-01", &nChanged, &err) == ZW_OK && nChanged == 0);
        Norm *p = norm_get(db, &a, d4);
        CHECK(p && strcmp(p->zState, NORM_EXPIRED) == 0);
        CHECK_STR(p ? p->zChangedAt : NULL, "2024-07-01");
    }
    subtest("norm-1.5", "table 二 counts per year") {
        int nIssued, nRepealed, nValid;
        /* 2022: d3 issued; nothing repealed; valid on 12-31: d1 (amended on 05-01 but in
        ** force) and d3.  d2 had lapsed on 2022-01-01 and was only restored in 2024. */
        CHECK(norm_counts(db, 0, 2022, "行政规范性文件", &nIssued, &nRepealed, &nValid) == ZW_OK);
        CHECK_INT(nIssued, 1);
        CHECK_INT(nRepealed, 0);
        CHECK_INT(nValid, 2);
        /* 2023: d4 issued, d1 repealed on 01-10; valid: d3, d4. */
        CHECK(norm_counts(db, 0, 2023, "行政规范性文件", &nIssued, &nRepealed, &nValid) == ZW_OK);
        CHECK_INT(nIssued, 1);
        CHECK_INT(nRepealed, 1);
        CHECK_INT(nValid, 2);
        /* 2024 (after 1.4): d2 restored, d4 lapsed on 07-01; valid: d2, d3. */
        CHECK(norm_counts(db, 0, 2024, "行政规范性文件", &nIssued, &nRepealed, &nValid) == ZW_OK);
        CHECK_INT(nValid, 2);
        CHECK(norm_counts(db, 0, 2023, "规章", &nIssued, &nRepealed, &nValid) == ZW_OK);
        CHECK(nIssued == 0 && nRepealed == 0 && nValid == 0);
    }
    subtest("norm-1.6", "listing filters") {
        Norm *aN;
        int nN;
        int64_t nTotal;
        NormQuery q = {0};
        CHECK(norm_list(db, &a, &q, &aN, &nN, &nTotal) == ZW_OK && nTotal == 4 && nN == 4);
        CHECK(nN == 4 && aN[0].iItem == d4); /* newest issued first */
        q.zState = NORM_VALID;
        CHECK(norm_list(db, &a, &q, &aN, &nN, &nTotal) == ZW_OK && nTotal == 2);
        q.zState = NULL;
        q.zQ = "试行";
        CHECK(norm_list(db, &a, &q, &aN, &nN, &nTotal) == ZW_OK && nTotal == 1 && aN[0].iItem == d2);
        q.zQ = NULL;
        q.iYear = 2020;
        CHECK(norm_list(db, &a, &q, &aN, &nN, &nTotal) == ZW_OK && nTotal == 1 && aN[0].iItem == d1);
        q.iYear = 0;
        q.zUnit = "wjj";
        CHECK(norm_list(db, &a, &q, &aN, &nN, &nTotal) == ZW_OK && nTotal == 0);
        q.zUnit = NULL;
        q.nPerPage = 3;
        q.iPage = 2;
        CHECK(norm_list(db, &a, &q, &aN, &nN, &nTotal) == ZW_OK && nTotal == 4 && nN == 1);
    }
    subtest("norm-1.7", "review campaigns") {
        int64_t iReview = 0;
        CHECK(norm_review_create(db, &a, ed, "ip", "2024年清理", 2024, &iReview, &err) == ZW_EPERM);
        CHECK(norm_review_create(db, &a, admin, "ip", "", 2024, &iReview, &err) == ZW_EINPUT);
        CHECK(norm_review_create(db, &a, admin, "ip", "2024年清理", 2024, &iReview, &err) == ZW_OK);
        CHECK(norm_review_result(db, &a, ed, "ip", iReview, d2, "保留", NULL, &err) == ZW_EINPUT);
        CHECK(norm_review_result(db, &a, other, "ip", iReview, d2, "继续有效", NULL, &err) == ZW_EPERM);
        CHECK(norm_review_result(db, &a, ed, "ip", iReview + 1, d2, "继续有效", NULL, &err) == ZW_ENOTFOUND);
        CHECK(norm_review_result(db, &a, ed, "ip", iReview, d2, "继续有效", NULL, &err) == ZW_OK);
        CHECK(strcmp(norm_get(db, &a, d2)->zState, NORM_VALID) == 0);
        CHECK(norm_review_result(db, &a, ed, "ip", iReview, d2, "废止", "上位法已修改", &err) == ZW_OK);
        Norm *p = norm_get(db, &a, d2);
        CHECK(p && strcmp(p->zState, NORM_REPEALED) == 0);
        CHECK_STR(p ? p->aEvent[p->nEvent - 1].zNote : NULL, "清理结果：废止");
    }
    util_set_now(0);
    db_close(db);
    unlink(zPath);
    arena_free(&a);
    return t_done();
}
