// SPDX-License-Identifier: MIT
/* report_test.c: the annual report on a real database with a fixture year (2024 of
** 西吉县财政局) counted by hand: cases received the year before and still open, cases
** answered the next year, every applicant type, several outcomes, reviews decided in
** and after the year, fees paid in and after the year; the check 一+二 = 七+四; a
** deliberately broken fixture (an outcome the table has no row for) failing it; the
** figures of table 二 and their checks; JSON, Markdown, HTML and XLSX output; and
** publishing through the workflow into the 政府信息公开年报 column. */
#include <stdlib.h>
#include <unistd.h>

#include "../../../src/apply/apply.h"
#include "../../../src/auth/auth.h"
#include "../../../src/core/json.h"
#include "../../../src/core/log.h"
#include "../../../src/core/util.h"
#include "../../../src/demo/demo.h"
#include "../../../src/norms/norms.h"
#include "../../../src/publish/publish.h"
#include "../../../src/report/report.h"
#include "t.h"

static Db *db;
static Arena a;
static User *admin, *ed, *rv, *other;
static int nCase;

static User *login(const char *zName) {
    const char *zTok;
    User *u = NULL;
    Err err = {0};
    auth_login(db, &a, zName, "test-password", "127.0.0.1", &zTok, &u, &err);
    return u;
}

/* An application of unit zUnit; zReplied and zOutcome NULL while open.  Returns its id. */
static int64_t app(const char *zUnit, const char *zType, const char *zReceived,
                   const char *zReplied, const char *zOutcome) {
    Stmt st;
    nCase++;
    db_prepare(
        db, &st,
        "INSERT INTO application(unit_id,case_no,code,channel,applicant_type,name,content,"
        "submitted_at,received_on,created_at,state,outcome,replied_on)"
        " VALUES((SELECT id FROM unit WHERE code=?1),?2,?3,'letter',?4,'申请人','申请获取某信息',"
        "?5||' 09:00',?5,?5||'T01:00:00Z',CASE WHEN ?6 IS NULL THEN 'processing' ELSE 'replied' END,?7,?6)");
    db_bind_text(&st, 1, zUnit);
    db_bind_text(&st, 2, arena_printf(&a, "t-%d", nCase));
    db_bind_text(&st, 3, arena_printf(&a, "CODE%08d", nCase));
    db_bind_text(&st, 4, zType);
    db_bind_text(&st, 5, zReceived);
    db_bind_text(&st, 6, zReplied);
    db_bind_text(&st, 7, zOutcome);
    int rc = db_run(&st);
    db_done(&st);
    CHECK(rc == ZW_OK);
    return db_last_rowid(db);
}

static void event(int64_t iApp, const char *zKind, const char *zOn, int64_t nAmount) {
    Stmt st;
    db_prepare(db, &st,
               "INSERT INTO application_event(application_id,kind,on_date,at,amount)"
               " VALUES(?1,?2,?3,?3||'T02:00:00Z',?4)");
    db_bind_int(&st, 1, iApp);
    db_bind_text(&st, 2, zKind);
    db_bind_text(&st, 3, zOn);
    db_bind_int(&st, 4, nAmount);
    CHECK(db_run(&st) == ZW_OK);
    db_done(&st);
}

static void review(int64_t iApp, const char *zKind, int bAfter, const char *zResult,
                   const char *zFiled, const char *zDecided) {
    Stmt st;
    db_prepare(db, &st,
               "INSERT INTO application_review(application_id,kind,after_reconsideration,result,"
               "filed_on,decided_on,updated_at) VALUES(?1,?2,?3,?4,?5,?6,'2025-01-01T00:00:00Z')");
    db_bind_int(&st, 1, iApp);
    db_bind_text(&st, 2, zKind);
    db_bind_int(&st, 3, bAfter);
    db_bind_text(&st, 4, zResult);
    db_bind_text(&st, 5, zFiled);
    db_bind_text(&st, 6, zDecided);
    CHECK(db_run(&st) == ZW_OK);
    db_done(&st);
}

/* A published item of czj in column zSlug, dated zDate. */
static int64_t publish(const char *zSlug, const char *zTitle, const char *zDate) {
    Err err = {0};
    int64_t id = 0;
    ItemInput in = {0};
    Unit *u = unit_by_code(db, &a, "czj");
    in.zUnit = "czj";
    in.iColumn = col_by_slug(db, &a, u->id, zSlug)->id;
    in.zTitle = zTitle;
    util_set_now(util_parse_time(arena_printf(&a, "%sT01:00:00Z", zDate)));
    int rc = item_create(db, &a, admin, "ip", &in, &id, &err);
    if (!rc) rc = item_submit(db, &a, admin, "ip", id, &err);
    if (!rc) rc = item_approve(db, &a, admin, "ip", id, &err);
    util_set_now(util_parse_time("2025-06-10T02:00:00Z"));
    return rc ? 0 : id;
}

static int64_t cell(const Report *r, int iRow, const char *zCol) {
    for (int c = 0; c < REPORT_NCOL; c++) {
        if (strcmp(report_azCol[c], zCol) == 0) return r->aRow[iRow].a[c];
    }
    return -999;
}

/* The row of table 三 for an outcome code. */
static int row_of(const Report *r, const char *zOutcome) {
    for (int i = 0; i < REPORT_NROW; i++) {
        if (r->aRow[i].zOutcome && strcmp(r->aRow[i].zOutcome, zOutcome) == 0) return i;
    }
    return -1;
}

static int64_t count_tlog(void) {
    Stmt st;
    db_prepare(db, &st, "SELECT count(*) FROM tlog");
    int64_t n = db_step(&st) == 1 ? db_col_int(&st, 0) : -1;
    db_done(&st);
    return n;
}

int main(void) {
    g_log_level = LOG_ERROR;
    char zPath[] = "/tmp/zwgk-report-XXXXXX";
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
    /* Today is 2025-06-10: the 2024 report is due (2025-01-31 for a department). */
    util_set_now(util_parse_time("2025-06-10T02:00:00Z"));
    Unit *czj = unit_by_code(db, &a, "czj");
    Unit *wjj = unit_by_code(db, &a, "wjj");
    Unit *xjx = unit_by_code(db, &a, "xjx");

    /* ---- the fixture year 2024 of czj, counted by hand in the comments ---- */
    int64_t a1 = app("czj", "natural", "2023-11-20", "2024-01-10", "granted");  /* 二, （一） */
    app("czj", "commercial", "2023-12-28", NULL, NULL);                         /* 二, 四 */
    app("czj", "natural", "2023-12-30", "2025-01-05", "refused_secret");        /* 二, 四 */
    int64_t a4 = app("czj", "natural", "2024-02-01", "2024-02-20", "granted");  /* 一, （一） */
    int64_t a5 = app("czj", "research", "2024-03-05", "2024-03-25", "partial"); /* 一, （二） */
    int64_t a6 = app("czj", "social_welfare", "2024-04-01", "2024-04-22", "refused_third_party");
    int64_t a7 = app("czj", "legal_service", "2024-05-06", "2024-05-30", "unavailable_none");
    int64_t a8 = app("czj", "other_org", "2024-06-03", "2024-06-28", "not_handled_duplicate");
    app("czj", "natural", "2024-07-01", "2024-08-15", "other_no_correction"); /* 一, （六）1 */
    int64_t a10 = app("czj", "commercial", "2024-12-20", "2025-01-15", "granted"); /* 一, 四 */
    app("czj", "natural", "2024-12-31", NULL, NULL);                               /* 一, 四 */
    int64_t a12 =
        app("czj", "natural", "2024-09-09", "2024-09-30", "other_no_fee"); /* 一, （六）2 */
    int64_t a13 = app("czj", "commercial", "2022-05-01", "2022-06-01", "granted"); /* not 2024 */
    app("czj", "natural", "2025-01-03", NULL, NULL);                               /* not 2024 */
    app("czj", "research", "2024-10-10", "2024-10-11", "refused_inquiry"); /* 一, （三）8 */
    app("wjj", "natural", "2024-03-01", NULL, NULL);                       /* another unit */
    /* Reviews: counted when decided in 2024 or still undecided on 31 December. */
    review(a1, "reconsideration", 0, "upheld", "2024-02-10", "2024-04-01");
    review(a4, "reconsideration", 0, "corrected", "2024-03-01", "2024-05-01");
    review(a5, "reconsideration", 0, "pending", "2024-11-01", NULL);
    review(a6, "litigation", 0, "other", "2024-05-01", "2025-02-01"); /* undecided on 12-31 */
    review(a1, "litigation", 1, "upheld", "2024-05-10", "2024-10-10");
    review(a13, "reconsideration", 0, "upheld", "2022-07-01", "2022-09-01"); /* earlier year */
    review(a7, "litigation", 0, "corrected", "2025-01-10", NULL);            /* filed later */
    review(a8, "reconsideration", 0, "other", "2023-12-01", "2024-01-20");   /* filed 2023 */
    /* Fees: paid in 2024 (a5), never paid (a12), paid in 2025 (a10). */
    event(a5, "fee", "2024-03-10", 200);
    event(a5, "paid", "2024-03-15", 0);
    event(a12, "fee", "2024-09-12", 300);
    event(a10, "fee", "2024-12-25", 100);
    event(a10, "paid", "2025-01-05", 0);
    /* A normative document issued in 2024 and a few items published in 2024. */
    int64_t iNorm = publish("gzgfxwj", "西吉县财政资金管理办法", "2024-03-02");
    NormInput ni = {NULL, "2024-03-01", "2024-03-01", NULL};
    CHECK(iNorm && norm_set(db, &a, ed, "ip", iNorm, &ni, &err) == ZW_OK);
    CHECK(publish("yjs", "西吉县财政局2024年部门预算", "2024-02-15") > 0);
    CHECK(publish("tzgg", "关于开展财政资金检查的通知", "2024-11-15") > 0);
    CHECK(publish("tzgg", "2025年的通知", "2025-01-15") > 0);

    Report *r = NULL;
    subtest("report-1.1", "year and deadline") {
        CHECK(report_build(db, &a, czj, 1999, &r, &err) == ZW_EINPUT);
        CHECK(report_build(db, &a, czj, 2026, &r, &err) == ZW_EINPUT); /* after this year */
        char z[11];
        report_deadline("dept", 2024, z);
        CHECK_STR(z, "2025-01-31");
        report_deadline("town", 2024, z);
        CHECK_STR(z, "2025-01-31");
        report_deadline("county", 2024, z);
        CHECK_STR(z, "2025-03-31");
        Report *rx;
        CHECK(report_build(db, &a, xjx, 2024, &rx, &err) == ZW_OK &&
              strcmp(rx->zDeadline, "2025-03-31") == 0);
    }
    CHECK(report_build(db, &a, czj, 2024, &r, &err) == ZW_OK);
    if (!r) return t_done();
    subtest("report-2.1", "table 三 rows and labels follow the template") {
        CHECK_STR(r->aRow[0].zLabel, "一、本年新收政府信息公开申请数量");
        CHECK_STR(r->aRow[1].zLabel, "二、上年结转政府信息公开申请数量");
        CHECK_STR(r->aRow[3].zLabel, "（二）部分公开（区分处理的，只计这一情形，不计其他情形）");
        CHECK_STR(r->aRow[6].zLabel, "危及“三安全一稳定”");
        CHECK_STR(r->aRow[6].zGroup, "（三）不予公开");
        CHECK_INT(r->aRow[6].iNum, 3);
        CHECK_STR(r->aRow[REPORT_ROW_TOTAL].zLabel, "（七）总计");
        CHECK_STR(r->aRow[REPORT_ROW_NEXT].zLabel, "四、结转下年度继续办理");
        CHECK_STR(r->aRow[22].zLabel, "其他");
        CHECK_STR(r->aRow[22].zGroup, "（六）其他处理");
    }
    subtest("report-2.2", "table 三 of the fixture year, counted by hand") {
        /* 一 本年新收 */
        CHECK_INT(cell(r, REPORT_ROW_NEW, "natural"), 4);
        CHECK_INT(cell(r, REPORT_ROW_NEW, "commercial"), 1);
        CHECK_INT(cell(r, REPORT_ROW_NEW, "research"), 2);
        CHECK_INT(cell(r, REPORT_ROW_NEW, "social_welfare"), 1);
        CHECK_INT(cell(r, REPORT_ROW_NEW, "legal_service"), 1);
        CHECK_INT(cell(r, REPORT_ROW_NEW, "other_org"), 1);
        CHECK_INT(cell(r, REPORT_ROW_NEW, "total"), 10);
        /* 二 上年结转 */
        CHECK_INT(cell(r, REPORT_ROW_PREV, "natural"), 2);
        CHECK_INT(cell(r, REPORT_ROW_PREV, "commercial"), 1);
        CHECK_INT(cell(r, REPORT_ROW_PREV, "total"), 3);
        /* outcomes answered in 2024 */
        CHECK_INT(cell(r, row_of(r, "granted"), "natural"), 2);
        CHECK_INT(cell(r, row_of(r, "granted"), "commercial"), 0); /* a10 answered in 2025 */
        CHECK_INT(cell(r, row_of(r, "partial"), "research"), 1);
        CHECK_INT(cell(r, row_of(r, "refused_secret"), "total"), 0); /* answered in 2025 */
        CHECK_INT(cell(r, row_of(r, "refused_third_party"), "social_welfare"), 1);
        CHECK_INT(cell(r, row_of(r, "refused_inquiry"), "research"), 1);
        CHECK_INT(cell(r, row_of(r, "unavailable_none"), "legal_service"), 1);
        CHECK_INT(cell(r, row_of(r, "not_handled_duplicate"), "other_org"), 1);
        CHECK_INT(cell(r, row_of(r, "other_no_correction"), "natural"), 1);
        CHECK_INT(cell(r, row_of(r, "other_no_fee"), "natural"), 1);
        CHECK_INT(cell(r, row_of(r, "other"), "total"), 0);
        /* （七）总计 and 四 结转下年度 */
        CHECK_INT(cell(r, REPORT_ROW_TOTAL, "natural"), 4);
        CHECK_INT(cell(r, REPORT_ROW_TOTAL, "commercial"), 0);
        CHECK_INT(cell(r, REPORT_ROW_TOTAL, "research"), 2);
        CHECK_INT(cell(r, REPORT_ROW_TOTAL, "total"), 9);
        CHECK_INT(cell(r, REPORT_ROW_NEXT, "natural"), 2);
        CHECK_INT(cell(r, REPORT_ROW_NEXT, "commercial"), 2);
        CHECK_INT(cell(r, REPORT_ROW_NEXT, "total"), 4);
    }
    subtest("report-2.3",
            "一 + 二 = （七）总计 + 四 in every column; carried into next year's 二") {
        CHECK_INT(r->nCheck, REPORT_NCOL + 3);
        CHECK_INT(r->nFailed, 0);
        for (int c = 0; c < REPORT_NCOL; c++) {
            CHECK_INT(r->aRow[0].a[c] + r->aRow[1].a[c],
                      r->aRow[REPORT_ROW_TOTAL].a[c] + r->aRow[REPORT_ROW_NEXT].a[c]);
        }
        Report *r25;
        CHECK(report_build(db, &a, czj, 2025, &r25, &err) == ZW_OK);
        for (int c = 0; c < REPORT_NCOL; c++)
            CHECK_INT(r25->aRow[REPORT_ROW_PREV].a[c], r->aRow[REPORT_ROW_NEXT].a[c]);
        CHECK_INT(cell(r25, REPORT_ROW_NEW, "natural"), 1);
        CHECK_INT(cell(r25, row_of(r25, "refused_secret"), "natural"), 1);
        CHECK_INT(cell(r25, row_of(r25, "granted"), "commercial"), 1);
        CHECK_INT(r25->nFailed, 0);
    }
    subtest("report-2.4", "table 四 of the fixture year") {
        static const int64_t aWant[3][5] = {{1, 1, 1, 1, 4}, {0, 0, 0, 1, 1}, {1, 0, 0, 0, 1}};
        for (int g = 0; g < 3; g++) {
            for (int k = 0; k < 5; k++) CHECK_INT(r->aReview[g][k], aWant[g][k]);
        }
    }
    subtest("report-2.5", "table 二 from the library; narrative figures") {
        CHECK_INT(r->aNorm[1][0], 1);
        CHECK_INT(r->aNorm[1][2], 1);
        CHECK_INT(r->aNorm[0][0], 0);
        for (int i = 0; i < REPORT_NFIG; i++) CHECK_INT(r->aFig[i], -1);
        CHECK_INT(r->nItems, 3);
        CHECK_INT(r->nFeeYuan, 200);
        CHECK_INT(r->nFeeCases, 1);
        CHECK(strstr(r->azText[REPORT_TEXT_GENERAL], "主动公开政府信息3条") != NULL);
        CHECK(strstr(r->azText[REPORT_TEXT_GENERAL], "财政信息1条") != NULL &&
              strstr(r->azText[REPORT_TEXT_GENERAL], "通知公告1条") != NULL);
        CHECK(strstr(r->azText[REPORT_TEXT_GENERAL], "全年新收政府信息公开申请10件，上年结转3件") !=
              NULL);
        CHECK(strstr(r->azText[REPORT_TEXT_GENERAL], REPORT_TODO) != NULL);
        CHECK(strstr(r->azText[REPORT_TEXT_OTHER], "收取信息处理费200元（1件申请）") != NULL);
        CHECK(!r->abSaved[0] && !r->abSaved[1] && !r->abSaved[2]);
    }
    subtest("report-2.6",
            "every outcome code of src/apply has its row; a case run through apply counts") {
        for (int i = 0; apply_azOutcome[i]; i++) {
            int iRow = row_of(r, apply_azOutcome[i]);
            CHECK(iRow >= 0);
            if (iRow >= 0)
                CHECK(strstr(r->aRow[iRow].zLabel, apply_outcome_label(apply_azOutcome[i])) !=
                      NULL);
        }
        ApplyInput in;
        memset(&in, 0, sizeof in);
        in.zUnit = "xlz";
        in.zChannel = "letter";
        in.zSubmitted = "2024-03-01 10:00";
        in.zType = "legal_service";
        in.zName = "某律师事务所";
        in.zIdNumber = "91640422MA76XXXX1X";
        in.zContact = "王律师";
        in.zPhone = "13900000000";
        in.zContent = "申请获取2023年财政预算执行情况";
        Application *pA = NULL;
        CHECK(auth_user_add(db, "xlz_rv", "xlz", ROLE_REVIEWER, "test-password", &err) == ZW_OK);
        User *uX = login("xlz_rv");
        int rc = uX ? apply_submit(db, &a, uX, &in, "ip", "http://localhost", &pA, &err) : ZW_EAUTH;
        CHECK(rc == ZW_OK && pA);
        if (rc)
            fprintf(stderr, "apply_submit: %s %s\n", err.zMsg ? err.zMsg : "",
                    err.zLog ? err.zLog : "");
        if (rc == ZW_OK && pA) {
            ApplyAction act;
            memset(&act, 0, sizeof act);
            act.zDate = "2024-03-12";
            act.zText = "予以公开，见附件。";
            act.zOutcome = "refused_process";
            rc =
                apply_act(db, &a, uX, "ip", pA->id, APPLY_EV_REPLY, &act, "http://localhost", &err);
            CHECK(rc == ZW_OK);
            Report *rx;
            CHECK(report_build(db, &a, unit_by_code(db, &a, "xlz"), 2024, &rx, &err) == ZW_OK);
            CHECK_INT(cell(rx, REPORT_ROW_NEW, "legal_service"), 1);
            CHECK_INT(cell(rx, row_of(rx, "refused_process"), "legal_service"),
                      rc == ZW_OK ? 1 : 0);
            CHECK_INT(rx->nFailed, 0);
        }
    }
    subtest("report-3.1", "a broken fixture fails the check and says why") {
        app("wjj", "natural", "2024-04-04", "2024-04-10", "bogus");
        Report *rb;
        CHECK(report_build(db, &a, wjj, 2024, &rb, &err) == ZW_OK);
        CHECK_INT(rb->nFailed, 2); /* natural and total */
        int bNatural = 0;
        for (int i = 0; i < rb->nCheck; i++) {
            if (strcmp(rb->aCheck[i].zColumn, "natural") == 0) {
                bNatural = !rb->aCheck[i].bOk && rb->aCheck[i].nLeft == 2 &&
                           rb->aCheck[i].nRight == 1 &&
                           strstr(rb->aCheck[i].zMsg, "无法归入") != NULL;
            }
        }
        CHECK(bNatural);
        Str s;
        str_init(&s, &a);
        report_json(&s, rb);
        CHECK(strstr(str_cstr(&s), "\"ok\":false") != NULL);
        Str h;
        str_init(&h, &a);
        CHECK(report_html_document(&a, rb, &h, &err) == ZW_OK);
        CHECK(strstr(str_cstr(&h), "class=\"rpt-check-failed\"") != NULL &&
              strstr(str_cstr(&h), "不相符") != NULL);
        /* A reply dated before the receipt is caught too. */
        app("jtj", "commercial", "2024-06-01", "2023-12-01", "granted");
        Report *rj;
        CHECK(report_build(db, &a, unit_by_code(db, &a, "jtj"), 2024, &rj, &err) == ZW_OK &&
              rj->nFailed == 2);
    }
    subtest("report-4.1", "fee amounts in 万元") {
        int64_t v = -7;
        CHECK(report_fee_parse("863.5", &v) == 0 && v == 8635000);
        CHECK(report_fee_parse("0", &v) == 0 && v == 0);
        CHECK(report_fee_parse("12.3456", &v) == 0 && v == 123456);
        CHECK(report_fee_parse("100000000", &v) == 0 && v == REPORT_MAX_FEE_YUAN);
        static const char *const azBad[] = {
            "1.23456",        "-1",         "1e3", ".5", "5.", "", "１", "12a",
            "100000000.0001", "9999999999", " 1",  NULL};
        for (int i = 0; azBad[i]; i++) CHECK(report_fee_parse(azBad[i], &v) == -1);
        CHECK_STR(report_wan(&a, 8635000), "863.5");
        CHECK_STR(report_wan(&a, 0), "0");
        CHECK_STR(report_wan(&a, 123456), "12.3456");
        CHECK_STR(report_wan(&a, 10000), "1");
        CHECK_STR(report_wan(&a, 5), "0.0005");
    }
    subtest("report-4.2", "figures: rights, ranges, partial updates") {
        ReportFigures f = {{1, 1, 1, 1}, {5126, 412, 17, 8635000}};
        CHECK(report_figures_set(db, &a, other, "ip", czj, 2024, &f, "api", &err) == ZW_EPERM);
        CHECK(report_figures_set(db, &a, NULL, "ip", czj, 2024, &f, "api", &err) == ZW_EAUTH);
        CHECK(report_figures_set(db, &a, ed, "ip", czj, 2027, &f, "api", &err) == ZW_EINPUT);
        ReportFigures none = {{0, 0, 0, 0}, {0, 0, 0, 0}};
        CHECK(report_figures_set(db, &a, ed, "ip", czj, 2024, &none, "api", &err) == ZW_EINPUT);
        ReportFigures neg = {{1, 0, 0, 0}, {-2, 0, 0, 0}};
        CHECK(report_figures_set(db, &a, ed, "ip", czj, 2024, &neg, "api", &err) == ZW_EINPUT);
        ReportFigures big = {{0, 0, 0, 1}, {0, 0, 0, REPORT_MAX_FEE_YUAN + 1}};
        CHECK(report_figures_set(db, &a, ed, "ip", czj, 2024, &big, "api", &err) == ZW_EINPUT);
        CHECK(report_figures_set(db, &a, ed, "ip", czj, 2024, &f, "api", &err) == ZW_OK);
        ReportFigures part = {{0, 1, 0, 0}, {0, 413, 0, 0}};
        CHECK(report_figures_set(db, &a, ed, "ip", czj, 2024, &part, "form", &err) == ZW_OK);
        Report *r2;
        CHECK(report_build(db, &a, czj, 2024, &r2, &err) == ZW_OK);
        CHECK(r2->aFig[0] == 5126 && r2->aFig[1] == 413 && r2->aFig[2] == 17 &&
              r2->aFig[3] == 8635000);
        CHECK(r2->zFiguresAt != NULL);
    }
    subtest("report-5.1", "JSON: exactly the agreed keys and rows") {
        Report *r2;
        CHECK(report_build(db, &a, czj, 2024, &r2, &err) == ZW_OK);
        Str s;
        str_init(&s, &a);
        report_json(&s, r2);
        Json *j = NULL;
        CHECK(json_parse(&a, s.z, s.n, &j, &err) == ZW_OK);
        if (j) {
            static const char *const azKey[] = {"unit", "year", "tables", "sections", "checks"};
            CHECK_INT(j->nChild, 5);
            int k = 0;
            for (Json *m = j->pChild; m && k < 5; m = m->pNext, k++) CHECK_STR(m->zKey, azKey[k]);
            CHECK_STR(json_get_str(j, "unit"), "czj");
            Json *t = json_get(j, "tables");
            Json *pApps = json_get(t, "applications");
            CHECK(pApps && pApps->nChild == REPORT_NROW);
            Json *pRow = pApps ? pApps->pChild : NULL;
            for (int i = 0; i < 4 && pRow; i++) pRow = pRow->pNext; /* 属于国家秘密 */
            CHECK_STR(json_get_str(pRow, "label"), "属于国家秘密");
            CHECK_STR(json_get_str(pRow, "group"), "（三）不予公开");
            int64_t v = -1;
            CHECK(json_get_int(pApps->pChild, "total", &v) == 1 && v == 10);
            CHECK(json_get_int(pApps->pChild, "social_welfare", &v) == 1 && v == 1);
            Json *pAct = json_get(t, "active");
            CHECK(pAct && pAct->nChild == 6);
            Json *pFee = pAct ? pAct->pChild->pNext->pNext->pNext->pNext->pNext : NULL;
            CHECK_STR(json_get_str(pFee, "label"), "行政事业性收费");
            CHECK(pFee && json_get(pFee, "amount") &&
                  strcmp(json_get(pFee, "amount")->zStr, "863.5") == 0);
            Json *pRev = json_get(t, "review");
            CHECK(pRev && pRev->nChild == 3 && json_get_int(pRev->pChild, "total", &v) == 1 &&
                  v == 4);
            CHECK_STR(json_get_str(pRev->pChild->pNext, "label"), "未经复议直接起诉");
            CHECK_STR(json_get_str(pRev->pChild->pNext, "group"), "行政诉讼");
            CHECK(json_get(j, "sections")->nChild == 6);
            CHECK(json_get(j, "checks")->nChild == REPORT_NCOL + 3);
        }
    }
    subtest("report-6.1", "narrative sections: save, escape, revert") {
        const char *azT[REPORT_NTEXT] = {
            "2024年，本局做好政府信息公开工作。\r\n1. 第一点 <script>\r\n# 不是标题", NULL, ""};
        CHECK(report_text_set(db, &a, other, "ip", czj, 2024, azT, &err) == ZW_EPERM);
        const char *azNone[REPORT_NTEXT] = {NULL, NULL, NULL};
        CHECK(report_text_set(db, &a, ed, "ip", czj, 2024, azNone, &err) == ZW_EINPUT);
        const char *azBad[REPORT_NTEXT] = {"\xff\xfe", NULL, NULL};
        CHECK(report_text_set(db, &a, ed, "ip", czj, 2024, azBad, &err) == ZW_EINPUT);
        CHECK(report_text_set(db, &a, ed, "ip", czj, 2024, azT, &err) == ZW_OK);
        Report *r2;
        CHECK(report_build(db, &a, czj, 2024, &r2, &err) == ZW_OK);
        CHECK(r2->abSaved[0] && !r2->abSaved[1] && !r2->abSaved[2]);
        CHECK_STR(r2->azText[0],
                  "2024年，本局做好政府信息公开工作。\n1. 第一点 <script>\n# 不是标题");
        Str m;
        str_init(&m, &a);
        report_markdown(&m, r2);
        CHECK(strstr(str_cstr(&m), "\n1\\. 第一点") != NULL);
        CHECK(strstr(str_cstr(&m), "\n\\# 不是标题") != NULL);
        CHECK(strstr(str_cstr(&m), "| 行政事业性收费 | 863.5 |") != NULL);
        Str h;
        str_init(&h, &a);
        CHECK(report_html_document(&a, r2, &h, &err) == ZW_OK);
        const char *zH = str_cstr(&h);
        CHECK(strstr(zH, "&lt;script&gt;") != NULL && strstr(zH, "<script>") == NULL);
        CHECK(strstr(zH, "rowspan=\"22\"") != NULL &&
              strstr(zH, "本年收费金额（单位：万元）") != NULL);
        CHECK(strstr(zH, "@page") != NULL && strstr(zH, "class=\"rpt-check-failed\"") == NULL);
    }
    subtest("report-7.1", "xlsx is a zip with the workbook") {
        Report *r2;
        CHECK(report_build(db, &a, czj, 2024, &r2, &err) == ZW_OK);
        char zX[] = "/tmp/zwgk-report-xlsx-XXXXXX";
        int fx = mkstemp(zX);
        close(fx);
        CHECK(report_xlsx(r2, zX, &err) == ZW_OK);
        FILE *f = fopen(zX, "rb");
        char buf[4] = {0};
        CHECK(f && fread(buf, 1, 4, f) == 4 && memcmp(buf, "PK\x03\x04", 4) == 0);
        if (f) fclose(f);
        unlink(zX);
        CHECK(report_xlsx(r2, "/nonexistent-dir/x.xlsx", &err) == ZW_EIO);
    }
    subtest("report-8.1", "publishing: rights, year, figures, text, checks") {
        int64_t iItem = 0;
        CHECK(report_publish(db, &a, ed, "ip", czj, 2024, &iItem, &err) == ZW_EPERM);
        CHECK(report_publish(db, &a, other, "ip", czj, 2024, &iItem, &err) == ZW_EPERM);
        CHECK(report_publish(db, &a, rv, "ip", czj, 2025, &iItem, &err) == ZW_ECONFLICT);
        /* Sections 五 still hold the prefilled 【请填写…】 */
        CHECK(report_publish(db, &a, rv, "ip", czj, 2024, &iItem, &err) == ZW_ECONFLICT);
        CHECK(strstr(err.zMsg, "五、存在的主要问题及改进情况") != NULL);
        const char *azT[REPORT_NTEXT] = {
            NULL, "（一）存在的主要问题。解读形式单一。\n（二）改进情况。增加图解。", NULL};
        CHECK(report_text_set(db, &a, ed, "ip", czj, 2024, azT, &err) == ZW_OK);
        ReportFigures clr = {{0, 0, 1, 0}, {0, 0, -1, 0}};
        CHECK(report_figures_set(db, &a, ed, "ip", czj, 2024, &clr, "form", &err) == ZW_OK);
        CHECK(report_publish(db, &a, rv, "ip", czj, 2024, &iItem, &err) == ZW_ECONFLICT);
        CHECK(strstr(err.zMsg, "行政强制") != NULL);
        ReportFigures zero = {{0, 0, 1, 0}, {0, 0, 0, 0}};
        CHECK(report_figures_set(db, &a, ed, "ip", czj, 2024, &zero, "form", &err) == ZW_OK);
        /* The broken unit may not publish. */
        Unit *pW = unit_by_code(db, &a, "wjj");
        CHECK(report_publish(db, &a, other, "ip", pW, 2024, &iItem, &err) == ZW_ECONFLICT);
        CHECK(strstr(err.zMsg, "勾稽") != NULL);
        CHECK_INT(report_published_item(db, czj->id, 2024), 0);
    }
    subtest("report-8.2", "publishing makes an item of the nb column with 索引号 and a log entry") {
        int64_t nLog = count_tlog();
        int64_t iItem = 0;
        CHECK(report_publish(db, &a, rv, "ip", czj, 2024, &iItem, &err) == ZW_OK);
        Item *p = item_get(db, &a, iItem);
        CHECK(p && strcmp(p->zState, "published") == 0 && strcmp(p->zColumnSlug, "nb") == 0);
        CHECK(p && p->zIndexNo && p->zIndexNo[0]);
        CHECK_STR(p ? p->zTitle : NULL, "西吉县财政局2024年政府信息公开工作年度报告");
        CHECK(p && strstr(p->zBody, "## 三、收到和处理政府信息公开申请情况") &&
              strstr(p->zBody, "属于国家秘密"));
        CHECK(count_tlog() > nLog);
        CHECK_INT(report_published_item(db, czj->id, 2024), iItem);
        Report *r2;
        CHECK(report_build(db, &a, czj, 2024, &r2, &err) == ZW_OK && r2->iItem == iItem &&
              r2->zPublishedAt);
        /* Again: a new version of the same item. */
        int64_t iAgain = 0;
        CHECK(report_publish(db, &a, admin, "ip", czj, 2024, &iAgain, &err) == ZW_OK);
        CHECK_INT(iAgain, iItem);
        VersionRow *aV;
        int nV = 0;
        CHECK(item_versions(db, &a, iItem, &aV, &nV) == ZW_OK);
        CHECK_INT(nV, 2);
        /* A report published before zwgk is recognised by its title. */
        CHECK_INT(report_published_item(db, czj->id, 2023), 0);
        CHECK(publish("nb", "西吉县财政局2023年政府信息公开工作年度报告", "2024-01-20") > 0);
        CHECK(report_published_item(db, czj->id, 2023) > 0);
    }
    db_close(db);
    unlink(zPath);
    arena_free(&a);
    return t_done();
}
