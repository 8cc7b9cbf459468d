// SPDX-License-Identifier: MIT
/* apply_test.c: 依申请公开.  The deadline engine on the shipped calendar (春节 and 国庆
** with their 调休 working weekends, receipt rules per channel, 补正 restart, the
** consultation and fee pauses, the extension, a year without a notice), the fee
** scale, and the case flow on a real database (409s, 403s, notices and mails,
** nothing written on failure, the register's masked copies, re-dating after a
** calendar import).  Every expected date is counted by hand in the comments (and
** agrees with `zwgk workday add`). */
#include <stdlib.h>
#include <unistd.h>

#include "../../../src/apply/apply.h"
#include "../../../src/core/embed.h"
#include "../../../src/core/log.h"
#include "../../../src/core/util.h"
#include "../../../src/demo/demo.h"
#include "../../../src/publish/publish.h"
#include "t.h"

/* A history: RECEIVED on zRecv, then the events of aMore. */
static ApplyEvent ev(int eKind, const char *zOn) {
    ApplyEvent e;
    memset(&e, 0, sizeof e);
    e.eKind = eKind;
    e.zOn = zOn;
    e.zDue = "";
    e.zText = "";
    e.zDetail = "";
    e.zOutcome = "";
    e.zBasis = "";
    e.zBy = "";
    return e;
}

static int has_line(const ApplyClock *c, const char *zNeedle) {
    for (int i = 0; i < c->nLine; i++) {
        if (strstr(c->azLine[i], zNeedle)) return 1;
    }
    return 0;
}

static User *login(Db *db, Arena *a, const char *zName) {
    const char *zTok;
    User *u = NULL;
    Err err = {0};
    auth_login(db, a, zName, "test-password", "127.0.0.1", &zTok, &u, &err);
    return u;
}

static int64_t count_sql(Db *db, const char *zWhat, int64_t id) {
    Stmt st;
    int64_t n = -1;
    if (strcmp(zWhat, "mail") == 0) {
        db_prepare(db, &st, "SELECT count(*)+0*?1 FROM mail_outbox");
    } else if (strcmp(zWhat, "notice") == 0) {
        db_prepare(db, &st, "SELECT count(*) FROM application_notice WHERE application_id=?1");
    } else if (strcmp(zWhat, "event") == 0) {
        db_prepare(db, &st, "SELECT count(*) FROM application_event WHERE application_id=?1");
    } else {
        db_prepare(db, &st, "SELECT count(*) FROM application_event WHERE application_id=?1 AND kind='redated'");
    }
    db_bind_int(&st, 1, id);
    if (db_step(&st) == 1) n = db_col_int(&st, 0);
    db_done(&st);
    return n;
}

static ApplyAction act0(const char *zDate) {
    ApplyAction x;
    memset(&x, 0, sizeof x);
    x.zDate = zDate;
    return x;
}

int main(void) {
    g_log_level = LOG_ERROR;
    Arena a;
    arena_init(&a);
    Err err = {0};
    Calendar cal;
    CHECK(cal_builtin(&a, &cal, &err) == ZW_OK);
    char z[11];
    const char *zWhy;

    subtest("ap-1.1", "receipt: online on a working day before closing time counts that day") {
        CHECK(apply_receipt_date(&cal, &a, APPLY_CH_ONLINE, "2021-09-24 10:00", "17:30", z, &zWhy, &err) == ZW_OK);
        CHECK_STR(z, "2021-09-24");
        CHECK(strstr(zWhy, "以当日为收到申请之日") != NULL);
        /* Fax likewise; a bare date is taken as 09:00. */
        CHECK(apply_receipt_date(&cal, &a, APPLY_CH_FAX, "2024-02-08", "17:30", z, &zWhy, &err) == ZW_OK);
        CHECK_STR(z, "2024-02-08");
    }
    subtest("ap-1.2", "receipt: online after hours, on a weekend, on a holiday: next working day") {
        /* Thu 2021-09-30 18:00, after 17:30; 10-01..07 国庆 off: Friday 10-08. */
        CHECK(apply_receipt_date(&cal, &a, APPLY_CH_ONLINE, "2021-09-30 18:00", "17:30", z, &zWhy, &err) == ZW_OK);
        CHECK_STR(z, "2021-10-08");
        CHECK(strstr(zWhy, "已过下班时间") != NULL);
        /* Sat 2024-02-10 (春节): 02-11..17 off, Sunday 02-18 is a 调休 working day. */
        CHECK(apply_receipt_date(&cal, &a, APPLY_CH_ONLINE, "2024-02-10 10:00", "17:30", z, &zWhy, &err) == ZW_OK);
        CHECK_STR(z, "2024-02-18");
        CHECK(strstr(zWhy, "春节假期") != NULL);
        /* Sat 2021-06-05, an ordinary weekend: Monday 06-07. */
        CHECK(apply_receipt_date(&cal, &a, APPLY_CH_FAX, "2021-06-05 09:00", "17:30", z, &zWhy, &err) == ZW_OK);
        CHECK_STR(z, "2021-06-07");
        CHECK(strstr(zWhy, "为周末") != NULL);
        /* 17:29 is in time, 17:30 is not. */
        CHECK(apply_receipt_date(&cal, &a, APPLY_CH_ONLINE, "2021-06-04 17:29", "17:30", z, NULL, &err) == ZW_OK);
        CHECK_STR(z, "2021-06-04");
        CHECK(apply_receipt_date(&cal, &a, APPLY_CH_ONLINE, "2021-06-04 17:30", "17:30", z, NULL, &err) == ZW_OK);
        CHECK_STR(z, "2021-06-07");
    }
    subtest("ap-1.3", "receipt: counter and letter count the day itself, even a day off") {
        CHECK(apply_receipt_date(&cal, &a, APPLY_CH_COUNTER, "2024-02-10 10:00", "17:30", z, &zWhy, &err) == ZW_OK);
        CHECK_STR(z, "2024-02-10");
        CHECK(strstr(zWhy, "当面提交") != NULL);
        CHECK(apply_receipt_date(&cal, &a, APPLY_CH_LETTER, "2024-02-04", "17:30", z, &zWhy, &err) == ZW_OK);
        CHECK_STR(z, "2024-02-04");
        CHECK(strstr(zWhy, "签收") != NULL);
    }
    subtest("ap-1.4", "receipt: bad input") {
        CHECK(apply_receipt_date(&cal, &a, APPLY_CH_ONLINE, "2021-02-30", "17:30", z, NULL, &err) == ZW_EINPUT);
        CHECK(apply_receipt_date(&cal, &a, APPLY_CH_ONLINE, "2021-02-03 25:00", "17:30", z, NULL, &err) == ZW_EINPUT);
        CHECK(apply_receipt_date(&cal, &a, APPLY_CH_ONLINE, "2021-02-03x10:00", "17:30", z, NULL, &err) == ZW_EINPUT);
        CHECK(apply_receipt_date(&cal, &a, 9, "2021-02-03", "17:30", z, NULL, &err) == ZW_EINPUT);
        CHECK(apply_receipt_date(&cal, &a, APPLY_CH_ONLINE, NULL, "17:30", z, NULL, &err) == ZW_EINPUT);
    }

    subtest("ap-2.1", "20 WD across 国庆 2021 with both 调休 weekends") {
        /* Received Fri 09-24.  Counted: Sun 09-26 (调休) 1, 09-27..30 2-5, 10-01..07 off,
        ** 10-08 6, Sat 10-09 (调休) 7, 10-11..15 8-12, 10-18..22 13-17, 10-25..27 18-20. */
        ApplyEvent aEv[] = {ev(APPLY_EV_RECEIVED, "2021-09-24")};
        ApplyClock c;
        CHECK(apply_clock(&cal, &a, aEv, 1, "2021-10-12", &c, &err) == ZW_OK);
        CHECK_STR(c.zDeadline, "2021-10-27");
        CHECK_INT(c.eState, APPLY_ST_PROCESSING);
        CHECK_INT(c.nBudget, 20);
        CHECK_INT(c.nUsed, 9); /* up to Tue 10-12 */
        CHECK_INT(c.bOverdue, 0);
        CHECK_INT(c.bStopped, 0);
        CHECK_STR(c.zCorrectionBy, "2021-10-09"); /* 09-26,27,28,29,30,10-08,10-09 */
        CHECK(has_line(&c, "国庆节 2021-10-01 至 2021-10-07 放假（其中 5 个工作日不计入）"));
        CHECK(has_line(&c, "调休上班日 2021-09-26（星期日）（国庆节调休上班）、2021-10-09（星期六）"));
        CHECK(has_line(&c, "答复期限为 2021-10-27（星期三）"));
        CHECK(has_line(&c, "尚余 11 个工作日"));
        int nCounted = 0;
        for (int i = 0; i < c.nDay; i++) nCounted += c.aDay[i].cKind == 'c';
        CHECK_INT(nCounted, 20);
        CHECK(apply_clock(&cal, &a, aEv, 1, "2021-10-27", &c, &err) == ZW_OK);
        CHECK_INT(c.bOverdue, 0);
        CHECK(apply_clock(&cal, &a, aEv, 1, "2021-10-28", &c, &err) == ZW_OK);
        CHECK_INT(c.bOverdue, 1);
        CHECK(has_line(&c, "已超过答复期限"));
    }
    subtest("ap-2.2", "20 WD across 春节 2024 from the receipt rules of each channel") {
        ApplyClock c;
        /* Online Sat 02-10 → received Sun 02-18 (调休): 02-19..23 1-5, 02-26..03-01 6-10,
        ** 03-04..08 11-15, 03-11..15 16-20. */
        ApplyEvent e1[] = {ev(APPLY_EV_RECEIVED, "2024-02-18")};
        CHECK(apply_clock(&cal, &a, e1, 1, "2024-02-18", &c, &err) == ZW_OK);
        CHECK_STR(c.zDeadline, "2024-03-15");
        /* Counter on Sat 02-10 → received 02-10: Sun 02-18 counts 1, then 02-19..03-14. */
        ApplyEvent e2[] = {ev(APPLY_EV_RECEIVED, "2024-02-10")};
        CHECK(apply_clock(&cal, &a, e2, 1, "2024-02-10", &c, &err) == ZW_OK);
        CHECK_STR(c.zDeadline, "2024-03-14");
        CHECK(has_line(&c, "春节 2024-02-11 至 2024-02-17 放假（其中 5 个工作日不计入）"));
        /* Letter signed Sun 02-04 (调休): 02-05..09 1-5, 02-18 6, 02-19..23 7-11, 02-26..03-01
        ** 12-16, 03-04..07 17-20. */
        ApplyEvent e3[] = {ev(APPLY_EV_RECEIVED, "2024-02-04")};
        CHECK(apply_clock(&cal, &a, e3, 1, "2024-02-04", &c, &err) == ZW_OK);
        CHECK_STR(c.zDeadline, "2024-03-07");
    }
    subtest("ap-2.3", "补正 within 7 WD stops the clock; the corrected application restarts it") {
        /* Received Mon 2025-01-20.  7 WD: 01-21..24 1-4, Sun 01-26 (调休) 5, 01-27 6, 春节
        ** 01-28..02-04 off, 02-05 7.  补正 sent Fri 01-24 with 15 WD: 01-26 1, 01-27 2,
        ** 02-05..07 3-5, Sat 02-08 (调休) 6, 02-10..14 7-11, 02-17..20 12-15 → 02-20.
        ** Corrected Fri 02-07; restart: Sat 02-08 1, 02-10..14 2-6, 02-17..21 7-11,
        ** 02-24..28 12-16, 03-03..06 17-20 → 03-06. */
        ApplyEvent aEv[3] = {ev(APPLY_EV_RECEIVED, "2025-01-20"), ev(APPLY_EV_CORRECTION, "2025-01-24"),
                             ev(APPLY_EV_CORRECTED, "2025-02-07")};
        aEv[1].zDue = "2025-02-20";
        ApplyClock c;
        CHECK(apply_clock(&cal, &a, aEv, 2, "2025-01-27", &c, &err) == ZW_OK);
        CHECK_STR(c.zCorrectionBy, "2025-02-05");
        CHECK_INT(c.eState, APPLY_ST_CORRECTION);
        CHECK_INT(c.bStopped, 1);
        CHECK_STR(c.zDeadline, "");
        CHECK_STR(c.zPendingDue, "2025-02-20");
        CHECK_INT(c.bLapsed, 0);
        CHECK(has_line(&c, "等待申请人补正"));
        CHECK(apply_clock(&cal, &a, aEv, 2, "2025-02-21", &c, &err) == ZW_OK);
        CHECK_INT(c.bLapsed, 1);
        CHECK(has_line(&c, "视为放弃申请"));
        CHECK(apply_clock(&cal, &a, aEv, 3, "2025-02-07", &c, &err) == ZW_OK);
        CHECK_INT(c.eState, APPLY_ST_PROCESSING);
        CHECK_STR(c.zStart, "2025-02-07");
        CHECK_STR(c.zDeadline, "2025-03-06");
        CHECK(has_line(&c, "收到补正后的申请，答复期限自该日起重新计算"));
        CHECK(has_line(&c, "调休上班日 2025-02-08（星期六）"));
    }
    subtest("ap-2.4", "third-party consultation: its working days are not counted") {
        /* Received Fri 2021-09-24 (deadline 10-27 without a pause).  Consulted from Tue
        ** 09-28 to Tue 10-12: 09-29, 09-30, 10-08, Sat 10-09, 10-11, 10-12 = 6 WD paused.
        ** Counted: 09-26 1, 09-27 2, 09-28 3, 10-13..15 4-6, 10-18..22 7-11, 10-25..29
        ** 12-16, 11-01..04 17-20 → 11-04 (10-27 + 6 WD). */
        ApplyEvent aEv[3] = {ev(APPLY_EV_RECEIVED, "2021-09-24"), ev(APPLY_EV_CONSULT, "2021-09-28"),
                             ev(APPLY_EV_CONSULTED, "2021-10-12")};
        aEv[1].zDue = "2021-10-20";
        aEv[1].zDetail = "西吉县某公司";
        ApplyClock c;
        CHECK(apply_clock(&cal, &a, aEv, 2, "2021-10-11", &c, &err) == ZW_OK);
        CHECK_INT(c.eState, APPLY_ST_CONSULTING);
        CHECK_INT(c.bStopped, 1);
        CHECK_STR(c.zDeadline, "");
        CHECK_INT(c.nUsed, 3);
        CHECK_STR(c.zPendingDue, "2021-10-20");
        CHECK(has_line(&c, "已计入 3 个工作日，尚余 17 个工作日"));
        CHECK(apply_clock(&cal, &a, aEv, 3, "2021-10-12", &c, &err) == ZW_OK);
        CHECK_STR(c.zDeadline, "2021-11-04");
        CHECK_INT(c.nPaused, 6);
        CHECK(has_line(&c, "期间 6 个工作日不计入答复期限"));
        CHECK(has_line(&c, "西吉县某公司"));
    }
    subtest("ap-2.5", "fee notice to payment paused, then a 10-day extension") {
        /* Received Mon 2023-09-25 (counter).  09-26..28 1-3, 中秋国庆 09-29..10-06 off,
        ** Sat 10-07 4 and Sun 10-08 5 (调休), Mon 10-09 6.  Fee notice 10-09, paid Fri
        ** 10-13: 10-10..13 paused (4).  10-16..20 7-11, 10-23..27 12-16, 10-30..11-03
        ** 17-21, 11-06..10 22-26, 11-13..16 27-30 → 11-16 with the extension (30 WD);
        ** without it 11-02. */
        ApplyEvent aEv[4] = {ev(APPLY_EV_RECEIVED, "2023-09-25"), ev(APPLY_EV_FEE, "2023-10-09"),
                             ev(APPLY_EV_PAID, "2023-10-13"), ev(APPLY_EV_EXTEND, "2023-10-16")};
        aEv[1].zDue = "2023-11-06";
        aEv[1].nAmount = 200;
        aEv[3].nDays = 10;
        aEv[3].zText = "需要调取档案";
        ApplyClock c;
        CHECK(apply_clock(&cal, &a, aEv, 1, "2023-09-25", &c, &err) == ZW_OK);
        CHECK_STR(c.zDeadline, "2023-10-27");
        CHECK(apply_clock(&cal, &a, aEv, 2, "2023-10-11", &c, &err) == ZW_OK);
        CHECK_INT(c.eState, APPLY_ST_FEE);
        CHECK_STR(c.zDeadline, "");
        CHECK_INT(c.nUsed, 6);
        CHECK_INT(c.bLapsed, 0);
        CHECK(apply_clock(&cal, &a, aEv, 2, "2023-11-07", &c, &err) == ZW_OK);
        CHECK_INT(c.bLapsed, 1);
        CHECK(apply_clock(&cal, &a, aEv, 3, "2023-10-13", &c, &err) == ZW_OK);
        CHECK_STR(c.zDeadline, "2023-11-02");
        CHECK_INT(c.nPaused, 4);
        CHECK(apply_clock(&cal, &a, aEv, 4, "2023-10-16", &c, &err) == ZW_OK);
        CHECK_STR(c.zDeadline, "2023-11-16");
        CHECK_INT(c.nBudget, 30);
        CHECK(has_line(&c, "延长答复期限 10 个工作日，理由：需要调取档案"));
        CHECK(has_line(&c, "20 个工作日加延长的 10 个工作日"));
        CHECK(has_line(&c, "中秋节、国庆节 2023-09-29 至 2023-10-06 放假（其中 6 个工作日不计入）"));
    }
    subtest("ap-2.6", "reply and delivery close the case; replied on time or late") {
        ApplyEvent aEv[3] = {ev(APPLY_EV_RECEIVED, "2021-09-24"), ev(APPLY_EV_REPLY, "2021-10-20"),
                             ev(APPLY_EV_DELIVER, "2021-10-21")};
        aEv[1].zOutcome = "granted";
        ApplyClock c;
        CHECK(apply_clock(&cal, &a, aEv, 2, "2021-12-01", &c, &err) == ZW_OK);
        CHECK_INT(c.eState, APPLY_ST_REPLIED);
        CHECK_INT(c.bOpen, 0);
        CHECK_INT(c.bOverdue, 0);
        CHECK_STR(c.zDeadline, "2021-10-27");
        CHECK(has_line(&c, "在答复期限内"));
        CHECK(apply_clock(&cal, &a, aEv, 3, "2021-12-01", &c, &err) == ZW_OK);
        CHECK_INT(c.eState, APPLY_ST_DELIVERED);
    }
    subtest("ap-2.7", "a year the calendar does not know is counted on weekends and flagged") {
        /* Fri 2035-03-02 + 20 weekdays → Fri 03-30. */
        ApplyEvent aEv[] = {ev(APPLY_EV_RECEIVED, "2035-03-02")};
        ApplyClock c;
        CHECK(apply_clock(&cal, &a, aEv, 1, "2035-03-02", &c, &err) == ZW_OK);
        CHECK_STR(c.zDeadline, "2035-03-30");
        CHECK_INT(c.trace.bUnknownYear, 1);
        CHECK_INT(c.trace.iUnknownYear, 2035);
        CHECK(has_line(&c, "2035 年的节假日安排尚未导入"));
        /* A known year is not flagged. */
        ApplyEvent e2[] = {ev(APPLY_EV_RECEIVED, "2021-09-24")};
        CHECK(apply_clock(&cal, &a, e2, 1, "2021-09-24", &c, &err) == ZW_OK);
        CHECK_INT(c.trace.bUnknownYear, 0);
    }
    subtest("ap-2.8", "invalid histories are refused") {
        ApplyEvent aEv[] = {ev(APPLY_EV_REPLY, "2021-09-24")};
        ApplyClock c;
        CHECK(apply_clock(&cal, &a, aEv, 1, "2021-09-24", &c, &err) == ZW_EINPUT);
        CHECK(apply_clock(&cal, &a, aEv, 0, "2021-09-24", &c, &err) == ZW_EINPUT);
        ApplyEvent e2[2] = {ev(APPLY_EV_RECEIVED, "2021-09-24"), ev(APPLY_EV_PAID, "2021-09-27")};
        CHECK(apply_clock(&cal, &a, e2, 2, "2021-09-24", &c, &err) == ZW_EINPUT);
        CHECK(apply_clock(&cal, &a, e2, 1, "2021-13-01", &c, &err) == ZW_EINPUT);
    }

    subtest("ap-3.1", "fees: 超额累进 per piece and per page") {
        CHECK_INT(apply_fee(&a, 0, 10, 10, NULL), 0);
        CHECK_INT(apply_fee(&a, 0, 11, 10, NULL), 100);
        CHECK_INT(apply_fee(&a, 0, 30, 10, NULL), 2000);
        CHECK_INT(apply_fee(&a, 0, 35, 10, NULL), 3000);            /* 20×100 + 5×200 */
        CHECK_INT(apply_fee(&a, 0, 45, 10, NULL), 5500);            /* + 10×200 + 5×300 */
        CHECK_INT(apply_fee(&a, 0, 45, 20, NULL), 5000);            /* band 20: 15×200 */
        CHECK_INT(apply_fee(&a, 1, 30, 10, NULL), 0);
        CHECK_INT(apply_fee(&a, 1, 31, 10, NULL), 10);
        CHECK_INT(apply_fee(&a, 1, 101, 10, NULL), 720);             /* 70×10 + 1×20 */
        const char *zHow;
        CHECK_INT(apply_fee(&a, 1, 250, 10, &zHow), 4700);           /* 700 + 2000 + 50×40 */
        CHECK(strstr(zHow, "合计 4700 元") != NULL);
    }
    subtest("ap-3.2", "vocabulary: channels, outcomes, template placeholders") {
        CHECK_INT(apply_channel_parse("信函"), APPLY_CH_LETTER);
        CHECK_INT(apply_channel_parse("fax"), APPLY_CH_FAX);
        CHECK_INT(apply_channel_parse("post"), 0);
        CHECK_STR(apply_outcome_label("refused_secret"), "属于国家秘密");
        CHECK(apply_outcome_label("nope") == NULL);
        int n = 0;
        for (int i = 0; apply_azOutcome[i]; i++) n += apply_outcome_label(apply_azOutcome[i]) != NULL;
        CHECK_INT(n, 21);
        const char *azKV[] = {"申请人", "张三", "案号", "czj-2021-0001"};
        CHECK_STR(apply_fill(&a, "{申请人}：案号{案号}，{未知}{", azKV, 2), "张三：案号czj-2021-0001，{未知}{");
    }

    /* The flow on a real database. */
    char zPath[] = "/tmp/zwgk-ap-XXXXXX";
    int fd = mkstemp(zPath);
    close(fd);
    Db *db;
    int n;
    CHECK(db_open(&db, zPath, DB_CREATE, &err) == ZW_OK);
    CHECK(db_migrate(db, &n, &err) == ZW_OK);
    CHECK(demo_units(db, &err) == ZW_OK);
    CHECK(cal_import(db, (const char *)embed_find("data/holidays-cn.csv")->pData, NULL, &err) == ZW_OK);
    CHECK(auth_user_add(db, "ed", "czj", ROLE_EDITOR, "test-password", &err) == ZW_OK);
    CHECK(auth_user_add(db, "ed2", "wjj", ROLE_EDITOR, "test-password", &err) == ZW_OK);
    User *ed = login(db, &a, "ed"), *ed2 = login(db, &a, "ed2");
    CHECK(ed && ed2);
    if (!ed || !ed2) return t_done();
    Application *p = NULL;
    ApplyInput in;
    memset(&in, 0, sizeof in);
    in.zChannel = "letter";
    in.zSubmitted = "2021-09-24";
    in.zType = "natural";
    in.zName = "张三";
    in.zIdNumber = "110101199003077777";
    in.zPhone = "13812345678";
    in.zEmail = "zs@example.com";
    in.zContent = "请公开2021年惠民补贴发放名单（联系人张三，电话13812345678）";
    in.bConsent = 1;

    subtest("ap-4.1", "input checks") {
        ApplyInput b = in;
        b.zType = "person";
        CHECK(apply_submit(db, &a, ed, &b, "ip", "http://x", &p, &err) == ZW_EINPUT);
        b = in;
        b.zContent = " ";
        CHECK(apply_submit(db, &a, ed, &b, "ip", "http://x", &p, &err) == ZW_EINPUT);
        b = in;
        b.zEmail = "bad";
        CHECK(apply_submit(db, &a, ed, &b, "ip", "http://x", &p, &err) == ZW_EINPUT);
        b = in;
        b.zChannel = "pigeon";
        CHECK(apply_submit(db, &a, ed, &b, "ip", "http://x", &p, &err) == ZW_EINPUT);
        b = in; /* the public may not pick a channel or a date */
        CHECK(apply_submit(db, &a, NULL, &b, "ip", "http://x", &p, &err) == ZW_EINPUT);
        b = in;
        b.zUnit = "wjj"; /* staff enter only for their own unit */
        CHECK(apply_submit(db, &a, ed, &b, "ip", "http://x", &p, &err) == ZW_EPERM);
        CHECK_INT(count_sql(db, "mail", 0), 0);
    }
    subtest("ap-4.2", "a letter entered by staff: receipt date, case number, receipt notice mailed") {
        CHECK(apply_submit(db, &a, ed, &in, "ip", "http://x", &p, &err) == ZW_OK);
        CHECK(p != NULL);
        if (!p) return t_done();
        CHECK_STR(p->zReceivedOn, "2021-09-24");
        CHECK_STR(p->zDeadline, "2021-10-27");
        CHECK_STR(p->zCaseNo, "czj-2021-0001");
        CHECK_STR(p->zState, "processing");
        CHECK_INT(strlen(p->zCode), UTIL_CODE_LEN);
        CHECK_INT(count_sql(db, "notice", p->id), 1);
        CHECK_INT(count_sql(db, "mail", 0), 1);
        ApplyNotice *aN;
        int nN;
        CHECK(apply_notices(db, &a, p->id, &aN, &nN) == ZW_OK && nN == 1);
        CHECK(nN == 1 && strstr(aN[0].zBody, "张三：") && strstr(aN[0].zBody, "2021年10月27日前"));
        CHECK(apply_by_code(db, &a, p->zCode) != NULL);
    }
    int64_t id = p->id;
    subtest("ap-4.3", "another unit's staff: 403; wrong state: 409; nothing written") {
        ApplyAction x = act0("2021-09-28");
        x.zText = "请说明所需信息的具体年份";
        CHECK(apply_act(db, &a, ed2, "ip", id, APPLY_EV_CORRECTION, &x, "http://x", &err) == ZW_EPERM);
        CHECK(apply_act(db, &a, NULL, "ip", id, APPLY_EV_CORRECTION, &x, "http://x", &err) == ZW_EAUTH);
        CHECK(apply_act(db, &a, ed, "ip", id, APPLY_EV_CORRECTED, &x, "http://x", &err) == ZW_ECONFLICT);
        CHECK(apply_act(db, &a, ed, "ip", id, APPLY_EV_CONSULTED, &x, "http://x", &err) == ZW_ECONFLICT);
        CHECK(apply_act(db, &a, ed, "ip", id, APPLY_EV_PAID, &x, "http://x", &err) == ZW_ECONFLICT);
        CHECK(apply_act(db, &a, ed, "ip", id, APPLY_EV_DELIVER, &x, "http://x", &err) == ZW_ECONFLICT);
        CHECK(err.zMsg && strstr(err.zMsg, "尚未答复"));
        CHECK(apply_act(db, &a, ed, "ip", 99999, APPLY_EV_CORRECTION, &x, "http://x", &err) == ZW_ENOTFOUND);
        /* 补正 after the 7 WD window (last day Sat 10-09). */
        x.zDate = "2021-10-11";
        CHECK(apply_act(db, &a, ed, "ip", id, APPLY_EV_CORRECTION, &x, "http://x", &err) == ZW_ECONFLICT);
        CHECK(err.zMsg && strstr(err.zMsg, "7 个工作日"));
        x.zDate = "2021-09-20"; /* before the receipt */
        CHECK(apply_act(db, &a, ed, "ip", id, APPLY_EV_CORRECTION, &x, "http://x", &err) == ZW_EINPUT);
        x.zDate = "2099-01-01";
        CHECK(apply_act(db, &a, ed, "ip", id, APPLY_EV_CORRECTION, &x, "http://x", &err) == ZW_EINPUT);
        CHECK_INT(count_sql(db, "event", id), 1);
        CHECK_INT(count_sql(db, "notice", id), 1);
    }
    subtest("ap-4.4", "the whole flow: 补正, consultation, extension, fee, reply, delivery") {
        ApplyClock c;
        ApplyAction x = act0("2021-09-28");
        x.zText = "请说明所需信息的具体年份";
        x.nDays = 10; /* 09-29 1, 09-30 2, 10-08..09 3-4, 10-11..15 5-9, 10-18 10 */
        CHECK(apply_act(db, &a, ed, "ip", id, APPLY_EV_CORRECTION, &x, "http://x", &err) == ZW_OK);
        CHECK(apply_clock_case(db, &a, id, "2021-09-28", &c, &err) == ZW_OK);
        CHECK_STR(c.zPendingDue, "2021-10-18");
        CHECK_STR(apply_get(db, &a, id)->zState, "correction");
        CHECK_STR(apply_get(db, &a, id)->zDeadline, "");
        CHECK(apply_act(db, &a, ed, "ip", id, APPLY_EV_CORRECTION, &x, "http://x", &err) == ZW_ECONFLICT);
        ApplyAction r = act0("2021-09-29");
        r.zOutcome = "other_no_correction";
        r.zText = "逾期未补正";
        CHECK(apply_act(db, &a, ed, "ip", id, APPLY_EV_REPLY, &r, "http://x", &err) == ZW_ECONFLICT);
        r.zOutcome = "granted";
        CHECK(apply_act(db, &a, ed, "ip", id, APPLY_EV_REPLY, &r, "http://x", &err) == ZW_ECONFLICT);
        /* Corrected Tue 10-12: 20 WD from there → 11-09. */
        x = act0("2021-10-12");
        CHECK(apply_act(db, &a, ed, "ip", id, APPLY_EV_CORRECTED, &x, "http://x", &err) == ZW_OK);
        CHECK_STR(apply_get(db, &a, id)->zDeadline, "2021-11-09");
        /* Consultation 10-13 .. 10-20: 10-14, 15, 18, 19, 20 = 5 WD not counted. */
        x = act0("2021-10-13");
        CHECK(apply_act(db, &a, ed, "ip", id, APPLY_EV_CONSULT, &x, "http://x", &err) == ZW_EINPUT);
        x.zParty = "西吉县某商贸公司";
        CHECK(apply_act(db, &a, ed, "ip", id, APPLY_EV_CONSULT, &x, "http://x", &err) == ZW_OK);
        CHECK(apply_clock_case(db, &a, id, "2021-10-13", &c, &err) == ZW_OK);
        CHECK_STR(c.zPendingDue, "2021-11-03"); /* 15 WD after 10-13 */
        r.zDate = "2021-10-14";
        CHECK(apply_act(db, &a, ed, "ip", id, APPLY_EV_REPLY, &r, "http://x", &err) == ZW_ECONFLICT);
        x = act0("2021-10-20");
        CHECK(apply_act(db, &a, ed, "ip", id, APPLY_EV_CONSULTED, &x, "http://x", &err) == ZW_OK);
        /* Extension: bad days and no reason are 400, then 10 days once. */
        x = act0("2021-10-21");
        x.nDays = 25;
        x.zReason = "需要调取档案";
        CHECK(apply_act(db, &a, ed, "ip", id, APPLY_EV_EXTEND, &x, "http://x", &err) == ZW_EINPUT);
        x.nDays = 10;
        x.zReason = NULL;
        CHECK(apply_act(db, &a, ed, "ip", id, APPLY_EV_EXTEND, &x, "http://x", &err) == ZW_EINPUT);
        x.zReason = "需要调取档案";
        CHECK(apply_act(db, &a, ed, "ip", id, APPLY_EV_EXTEND, &x, "http://x", &err) == ZW_OK);
        CHECK(apply_act(db, &a, ed, "ip", id, APPLY_EV_EXTEND, &x, "http://x", &err) == ZW_ECONFLICT);
        /* Fee: 5 pieces are free (400); 12 pieces = 200 yuan; notice 10-22, paid 10-26:
        ** 10-25, 10-26 not counted. */
        x = act0("2021-10-22");
        x.zFeeBasis = "piece";
        x.nCount = 5;
        CHECK(apply_act(db, &a, ed, "ip", id, APPLY_EV_FEE, &x, "http://x", &err) == ZW_EINPUT);
        x.nCount = 12;
        CHECK(apply_act(db, &a, ed, "ip", id, APPLY_EV_FEE, &x, "http://x", &err) == ZW_OK);
        CHECK_STR(apply_get(db, &a, id)->zPendingDue, "2021-11-19");
        x = act0("2021-10-26");
        CHECK(apply_act(db, &a, ed, "ip", id, APPLY_EV_PAID, &x, "http://x", &err) == ZW_OK);
        /* 30 counted + 7 paused working days after Tue 10-12 → Thu 12-02. */
        CHECK_STR(apply_get(db, &a, id)->zDeadline, "2021-12-02");
        CHECK(apply_clock_case(db, &a, id, "2021-10-26", &c, &err) == ZW_OK);
        CHECK_INT(c.nPaused, 7);
        CHECK(has_line(&c, "期间 5 个工作日不计入答复期限"));
        CHECK(has_line(&c, "期间 2 个工作日不计入答复期限"));
        /* Reply: bad outcome 400; "unclear" is allowed after a 补正; publish with consent. */
        r = act0("2021-11-01");
        r.zOutcome = "yes";
        r.zText = "同意公开";
        CHECK(apply_act(db, &a, ed, "ip", id, APPLY_EV_REPLY, &r, "http://x", &err) == ZW_EINPUT);
        r.zOutcome = "partial";
        r.bPublish = 1;
        CHECK(apply_act(db, &a, ed, "ip", id, APPLY_EV_REPLY, &r, "http://x", &err) == ZW_ECONFLICT);
        r.zOutcome = "granted";
        r.zText = "经查，名单见附件。如有疑问请联系张三（13812345678）的经办人。";
        CHECK(apply_act(db, &a, ed, "ip", id, APPLY_EV_REPLY, &r, "http://x", &err) == ZW_OK);
        Application *q = apply_get(db, &a, id);
        CHECK_STR(q->zState, "replied");
        CHECK_STR(q->zOutcome, "granted");
        CHECK_INT(q->bPublished, 1);
        CHECK(strstr(q->zPubAnswer, "张三") == NULL && strstr(q->zPubAnswer, "13812345678") == NULL);
        CHECK(strstr(q->zPubContent, "张三") == NULL && strstr(q->zPubContent, "138****5678") == NULL);
        CHECK(apply_act(db, &a, ed, "ip", id, APPLY_EV_REPLY, &r, "http://x", &err) == ZW_ECONFLICT);
        x = act0("2021-11-02");
        x.zText = "电子邮件";
        CHECK(apply_act(db, &a, ed, "ip", id, APPLY_EV_DELIVER, &x, "http://x", &err) == ZW_OK);
        CHECK_STR(apply_get(db, &a, id)->zState, "delivered");
        /* Notices: receipt, correction, extension, fee, reply; each mailed. */
        CHECK_INT(count_sql(db, "notice", id), 5);
        CHECK_INT(count_sql(db, "mail", 0), 5);
        int64_t nTotal;
        Application *aA;
        int nA;
        CHECK(apply_register(db, &a, 1, 20, &aA, &nA, &nTotal) == ZW_OK);
        CHECK_INT(nTotal, 1);
    }
    subtest("ap-4.5", "reviews for table 四") {
        ApplyReviewInput rv;
        memset(&rv, 0, sizeof rv);
        rv.zKind = "reconsideration";
        rv.zResult = "维持";
        rv.zDate = "2021-11-20";
        CHECK(apply_review(db, &a, ed, "ip", id, &rv, &err) == ZW_OK);
        rv.zResult = "maybe";
        CHECK(apply_review(db, &a, ed, "ip", id, &rv, &err) == ZW_EINPUT);
        rv.zResult = "pending";
        rv.zKind = "litigation";
        rv.bAfterRecon = 1;
        CHECK(apply_review(db, &a, ed2, "ip", id, &rv, &err) == ZW_EPERM);
        CHECK(apply_review(db, &a, ed, "ip", id, &rv, &err) == ZW_OK);
        ApplyReview *aR;
        int nR;
        CHECK(apply_reviews(db, &a, id, &aR, &nR) == ZW_OK);
        CHECK_INT(nR, 2);
        CHECK(nR == 2 && strcmp(aR[0].zResult, "upheld") == 0 && aR[1].bAfterRecon == 1);
    }
    subtest("ap-4.6", "补正 not answered in time: closed as 其他处理 1") {
        Application *p2 = NULL;
        ApplyInput b = in;
        b.zSubmitted = "2021-06-01";
        b.zChannel = "counter";
        b.zEmail = NULL;
        b.zDelivery = "pickup";
        b.bConsent = 0;
        CHECK(apply_submit(db, &a, ed, &b, "ip", "http://x", &p2, &err) == ZW_OK);
        if (!p2) return t_done();
        CHECK_STR(p2->zCaseNo, "czj-2021-0002");
        ApplyAction x = act0("2021-06-02");
        x.zText = "请补充身份证明";
        x.nDays = 5; /* 06-03, 04, 07, 08, 09 → 06-09 */
        CHECK(apply_act(db, &a, ed, "ip", p2->id, APPLY_EV_CORRECTION, &x, "http://x", &err) == ZW_OK);
        ApplyAction r = act0("2021-06-09");
        r.zOutcome = "other_no_correction";
        r.zText = "申请人逾期未补正，本机关不再处理。";
        CHECK(apply_act(db, &a, ed, "ip", p2->id, APPLY_EV_REPLY, &r, "http://x", &err) == ZW_ECONFLICT);
        x = act0("2021-06-10");
        CHECK(apply_act(db, &a, ed, "ip", p2->id, APPLY_EV_CORRECTED, &x, "http://x", &err) == ZW_ECONFLICT);
        r.zDate = "2021-06-10";
        CHECK(apply_act(db, &a, ed, "ip", p2->id, APPLY_EV_REPLY, &r, "http://x", &err) == ZW_OK);
        CHECK_STR(apply_get(db, &a, p2->id)->zOutcome, "other_no_correction");
        CHECK_INT(count_sql(db, "mail", 0), 5); /* no e-mail chosen: nothing mailed */
        CHECK_INT(count_sql(db, "notice", p2->id), 3);
    }
    subtest("ap-4.7", "a calendar import re-dates open cases, with a logged event") {
        Application *p3 = NULL;
        ApplyInput b = in;
        b.zSubmitted = "2021-09-24";
        CHECK(apply_submit(db, &a, ed, &b, "ip", "http://x", &p3, &err) == ZW_OK);
        if (!p3) return t_done();
        int nChanged = -1;
        CHECK(apply_redate(db, &a, &nChanged, &err) == ZW_OK); /* first run stores the signature */
        CHECK_INT(nChanged, 0);
        CHECK_STR(apply_get(db, &a, p3->id)->zDeadline, "2021-10-27");
        /* A new day off on Mon 10-25 moves the deadline one working day, to 10-28. */
        CHECK(cal_import(db, "2021-10-25,off,测试假日,2021\n", NULL, &err) == ZW_OK);
        CHECK(apply_redate(db, &a, &nChanged, &err) == ZW_OK);
        CHECK_INT(nChanged, 1);
        CHECK_STR(apply_get(db, &a, p3->id)->zDeadline, "2021-10-28");
        CHECK_INT(count_sql(db, "redated", p3->id), 1);
        CHECK_INT(count_sql(db, "redated", id), 0); /* closed cases stay as they were */
        ApplyClock c;
        CHECK(apply_clock_case(db, &a, p3->id, "2021-10-01", &c, &err) == ZW_OK);
        CHECK(has_line(&c, "答复期限由 2021-10-27 重算为 2021-10-28"));
        CHECK(apply_redate(db, &a, &nChanged, &err) == ZW_OK);
        CHECK_INT(nChanged, 0);
    }
    subtest("ap-4.8", "lists and counts per unit") {
        ApplyQuery q;
        memset(&q, 0, sizeof q);
        q.iUnit = ed->iUnit;
        q.zState = "open";
        Application *aA;
        int nA;
        int64_t nTotal;
        CHECK(apply_list(db, &a, &q, &aA, &nA, &nTotal) == ZW_OK);
        CHECK_INT(nTotal, 1);
        ApplyCounts k;
        CHECK(apply_counts(db, ed->iUnit, "2021-10-29", "2021-11-05", &k) == ZW_OK);
        CHECK_INT(k.nOpen, 1);
        CHECK_INT(k.nOverdue, 1);
        CHECK(apply_counts(db, ed2->iUnit, "2021-10-29", "2021-11-05", &k) == ZW_OK);
        CHECK_INT(k.nOpen, 0);
    }
    db_close(db);
    unlink(zPath);
    arena_free(&a);
    return t_done();
}
