// SPDX-License-Identifier: MIT
/* consult_test.c: 政策咨询: deadlines on the working-day calendar (holidays, 调休,
** receipt on a day off), tracking codes, input limits, and the question flow on a
** real database (rights per unit, masking of the published copies, the mails queued
** with the action, nothing written on failure). */
#include <stdlib.h>
#include <unistd.h>

#include "../../../src/consult/consult.h"
#include "../../../src/core/log.h"
#include "../../../src/core/util.h"
#include "../../../src/push/mail.h"
#include "../../../src/demo/demo.h"
#include "../../../src/publish/publish.h"
#include "t.h"

static User *login(Db *db, Arena *a, const char *zName) {
    const char *zTok;
    User *u = NULL;
    Err err = {0};
    auth_login(db, a, zName, "test-password", "127.0.0.1", &zTok, &u, &err);
    return u;
}

static int64_t count(Db *db, const char *zWhat) {
    Stmt st;
    int64_t n = -1;
    if (strcmp(zWhat, "question") == 0) {
        db_prepare(db, &st, "SELECT count(*) FROM question");
    } else if (strcmp(zWhat, "mail") == 0) {
        db_prepare(db, &st, "SELECT count(*) FROM mail_outbox");
    } else {
        db_prepare(db, &st, "SELECT count(*) FROM audit WHERE action LIKE 'question_%'");
    }
    if (db_step(&st) == 1) n = db_col_int(&st, 0);
    db_done(&st);
    return n;
}

/* A string of n copies of the UTF-8 character z. */
static char *repeat(Arena *a, const char *z, int n) {
    size_t k = strlen(z);
    char *zOut = arena_alloc(a, k * (size_t)n + 1);
    for (int i = 0; i < n; i++) memcpy(zOut + k * (size_t)i, z, k);
    zOut[k * (size_t)n] = 0;
    return zOut;
}

/* A published policy of unit zUnit (column zSlug), made by ed and approved by rv. */
static int64_t make_policy(Db *db, Arena *a, User *ed, User *rv, const char *zUnit,
                           const char *zSlug, const char *zKind) {
    Err err = {0};
    Unit *u = unit_by_code(db, a, zUnit);
    Column *c = col_by_slug(db, a, u->id, zSlug);
    ItemInput in;
    memset(&in, 0, sizeof in);
    in.zUnit = zUnit;
    in.iColumn = c->id;
    in.zTitle = "关于印发《西吉县惠民惠农补贴办法》的通知";
    in.zBody = "正文";
    int64_t id = 0;
    if (item_create(db, a, ed, "ip", &in, &id, &err) || item_submit(db, a, ed, "ip", id, &err) ||
        item_approve(db, a, rv, "ip", id, &err)) {
        fprintf(stderr, "make_policy: %s\n", err.zMsg ? err.zMsg : "?");
        return 0;
    }
    Stmt st;
    db_prepare(db, &st, "UPDATE item SET kind=?2 WHERE id=?1");
    db_bind_int(&st, 1, id);
    db_bind_text(&st, 2, zKind);
    db_run(&st);
    db_done(&st);
    return id;
}

int main(void) {
    g_log_level = LOG_ERROR;
    Arena a;
    arena_init(&a);
    Err err = {0};
    Calendar cal;
    CHECK(cal_builtin(&a, &cal, &err) == ZW_OK);

    subtest("zx-1.1", "deadline: five working days, the receipt day not counted") {
        char z[11];
        int bUnknown = 1;
        CHECK(consult_due_date(&cal, "2021-06-04", 5, z, &bUnknown, &err) == ZW_OK);
        CHECK_STR(z, "2021-06-11"); /* Friday: Mon–Fri of the next week */
        CHECK_INT(bUnknown, 0);
        CHECK(consult_due_date(&cal, "2021-06-07", 1, z, NULL, &err) == ZW_OK);
        CHECK_STR(z, "2021-06-08");
    }
    subtest("zx-1.2", "deadline across official holidays and 调休 working weekends") {
        char z[11];
        /* 国庆 2021: 10-01..07 off, Saturday 10-09 worked. */
        CHECK(consult_due_date(&cal, "2021-09-30", 5, z, NULL, &err) == ZW_OK);
        CHECK_STR(z, "2021-10-13");
        /* 春节 2024: 02-10..17 off, Sunday 02-18 worked. */
        CHECK(consult_due_date(&cal, "2024-02-08", 5, z, NULL, &err) == ZW_OK);
        CHECK_STR(z, "2024-02-21");
        /* 中秋 2021: 09-19..21 off; Saturday 09-18 was a working day, so a question
        ** received then counts from that day like any working day. */
        CHECK(consult_due_date(&cal, "2021-09-18", 5, z, NULL, &err) == ZW_OK);
        CHECK_STR(z, "2021-09-27");
    }
    subtest("zx-1.3", "received on a day off: counted from the next working day") {
        char z[11];
        /* Saturday 06-05: as if received Monday 06-07; 端午 06-14 off. */
        CHECK(consult_due_date(&cal, "2021-06-05", 5, z, NULL, &err) == ZW_OK);
        CHECK_STR(z, "2021-06-15");
        CHECK(consult_due_date(&cal, "2021-06-06", 5, z, NULL, &err) == ZW_OK);
        CHECK_STR(z, "2021-06-15");
        /* Received on the holiday 06-14 (Monday): as if received Tuesday 06-15. */
        CHECK(consult_due_date(&cal, "2021-06-14", 5, z, NULL, &err) == ZW_OK);
        CHECK_STR(z, "2021-06-22");
        /* Received during 国庆: as if received 10-08. */
        CHECK(consult_due_date(&cal, "2021-10-03", 1, z, NULL, &err) == ZW_OK);
        CHECK_STR(z, "2021-10-09");
    }
    subtest("zx-1.4", "deadline: bad input, and a year without a notice is flagged") {
        char z[11];
        int bUnknown = 0;
        CHECK(consult_due_date(&cal, "2021-02-30", 5, z, NULL, &err) == ZW_EINPUT);
        CHECK(consult_due_date(&cal, "2021-06-04", 0, z, NULL, &err) == ZW_EINPUT);
        CHECK(consult_due_date(&cal, "2021-06-04", CONSULT_MAX_DUE_DAYS + 1, z, NULL, &err) ==
              ZW_EINPUT);
        CHECK(consult_due_date(&cal, "2035-03-02", 5, z, &bUnknown, &err) == ZW_OK);
        CHECK_INT(bUnknown, 1);
    }

    subtest("zx-2.1", "tracking codes: 12 Crockford base32 characters, no repeats") {
        char z[UTIL_CODE_LEN + 1], zBad = 0;
        static char aSeen[2000][UTIL_CODE_LEN + 1];
        int nDup = 0;
        for (int i = 0; i < 2000; i++) {
            util_code_new(z);
            if (strlen(z) != UTIL_CODE_LEN) zBad = 1;
            for (int k = 0; z[k]; k++) {
                if (!strchr("0123456789ABCDEFGHJKMNPQRSTVWXYZ", z[k])) zBad = 1;
            }
            for (int j = 0; j < i; j++) nDup += strcmp(aSeen[j], z) == 0;
            memcpy(aSeen[i], z, sizeof z);
        }
        CHECK_INT(zBad, 0);
        CHECK_INT(nDup, 0);
    }
    subtest("zx-2.2", "tracking codes as people type them") {
        char z[UTIL_CODE_LEN + 1], zPretty[16];
        CHECK(util_code_parse("QNJ00ARD2CG5", z) == 0);
        CHECK_STR(z, "QNJ00ARD2CG5");
        CHECK(util_code_parse("qnj0-0ard-2cg5", z) == 0);
        CHECK_STR(z, "QNJ00ARD2CG5");
        CHECK(util_code_parse("QNJO OARD 2CG5", z) == 0); /* O read as 0 */
        CHECK_STR(z, "QNJ00ARD2CG5");
        CHECK(util_code_parse("ilIL00000000", z) == 0);   /* I and L read as 1 */
        CHECK_STR(z, "111100000000");
        CHECK(util_code_parse("QNJ00ARD2CGU", z) == -1);  /* U is not in the alphabet */
        CHECK(util_code_parse("QNJ00ARD2CG", z) == -1);   /* 11 */
        CHECK(util_code_parse("QNJ00ARD2CG55", z) == -1); /* 13 */
        CHECK(util_code_parse("QNJ00ARD2CG5/", z) == -1);
        CHECK(util_code_parse("", z) == -1);
        CHECK(util_code_parse(NULL, z) == -1);
        util_code_pretty("QNJ00ARD2CG5", zPretty);
        CHECK_STR(zPretty, "QNJ0-0ARD-2CG5");
    }

    subtest("zx-3.1", "e-mail addresses") {
        CHECK(mail_addr_valid("zhang.san@example.com"));
        CHECK(mail_addr_valid("a+b@mail.nx.gov.cn"));
        CHECK(mail_addr_valid("x@example.xn--fiqs8s"));
        CHECK(!mail_addr_valid("x@xn--fiqs8s"));
        CHECK(!mail_addr_valid("zhangsan"));
        CHECK(!mail_addr_valid("a@b"));
        CHECK(!mail_addr_valid("a@@b.cn"));
        CHECK(!mail_addr_valid("a..b@x.cn"));
        CHECK(!mail_addr_valid(".a@x.cn"));
        CHECK(!mail_addr_valid("a@-x.cn"));
        CHECK(!mail_addr_valid("a@x.123"));
        CHECK(!mail_addr_valid("a b@x.cn"));
        CHECK(!mail_addr_valid("a@x.cn\r\nBcc: b@y.cn"));
        CHECK(!mail_addr_valid("张三@x.cn"));
        char *zLong = repeat(&a, "a", 250);
        CHECK(!mail_addr_valid(arena_printf(&a, "%s@x.cn", zLong)));
    }
    subtest("zx-3.2", "input limits: question 1,000 characters, name 50, e-mail required") {
        QuestionInput in = {NULL, "a@example.com", repeat(&a, "问", CONSULT_MAX_QUESTION)};
        CHECK(consult_check(&a, &in, &err) == ZW_OK);
        in.zQuestion = repeat(&a, "问", CONSULT_MAX_QUESTION + 1);
        CHECK(consult_check(&a, &in, &err) == ZW_EINPUT);
        CHECK(err.zMsg && strstr(err.zMsg, "1000"));
        in.zQuestion = "  \xe3\x80\x80 ";
        CHECK(consult_check(&a, &in, &err) == ZW_EINPUT);
        in.zQuestion = "第一行\r\n第二行";
        CHECK(consult_check(&a, &in, &err) == ZW_OK);
        in.zQuestion = "bell\x07";
        CHECK(consult_check(&a, &in, &err) == ZW_EINPUT);
        in.zQuestion = "问题";
        in.zName = repeat(&a, "名", CONSULT_MAX_NAME);
        CHECK(consult_check(&a, &in, &err) == ZW_OK);
        in.zName = repeat(&a, "名", CONSULT_MAX_NAME + 1);
        CHECK(consult_check(&a, &in, &err) == ZW_EINPUT);
        in.zName = "张\n三";
        CHECK(consult_check(&a, &in, &err) == ZW_EINPUT);
        in.zName = "张三";
        in.zEmail = NULL;
        CHECK(consult_check(&a, &in, &err) == ZW_EINPUT);
        CHECK(err.zMsg && strstr(err.zMsg, "邮箱"));
        in.zEmail = "not-an-address";
        CHECK(consult_check(&a, &in, &err) == ZW_EINPUT);
        in.zEmail = " a@example.com ";
        CHECK(consult_check(&a, &in, &err) == ZW_OK);
    }

    /* The flow on a real database. */
    char zPath[] = "/tmp/zwgk-zx-XXXXXX";
    int fd = mkstemp(zPath);
    close(fd);
    Db *db;
    int n;
    CHECK(db_open(&db, zPath, DB_CREATE, &err) == ZW_OK);
    CHECK(db_migrate(db, &n, &err) == ZW_OK);
    CHECK(demo_units(db, &err) == ZW_OK);
    CHECK(cal_import(db, "2021-10-01,off,国庆节,2021\n", NULL, &err) == ZW_OK);
    CHECK(auth_user_add(db, "ed", "czj", ROLE_EDITOR, "test-password", &err) == ZW_OK);
    CHECK(auth_user_add(db, "rv", "czj", ROLE_REVIEWER, "test-password", &err) == ZW_OK);
    CHECK(auth_user_add(db, "ed2", "wjj", ROLE_EDITOR, "test-password", &err) == ZW_OK);
    CHECK(auth_user_add(db, "adm", "czj", ROLE_ADMIN, "test-password", &err) == ZW_OK);
    User *ed = login(db, &a, "ed"), *rv = login(db, &a, "rv"), *ed2 = login(db, &a, "ed2");
    User *adm = login(db, &a, "adm");
    CHECK(ed && rv && ed2 && adm);
    if (!ed || !rv || !ed2 || !adm) return t_done();
    int64_t iPolicy = make_policy(db, &a, ed, rv, "czj", "hmhn", "policy");
    int64_t iPlain = make_policy(db, &a, ed, rv, "czj", "yjs", "");
    CHECK(iPolicy > 0 && iPlain > 0);
    Question *q = NULL;

    subtest("zx-4.1", "only published policies and interpretations take questions") {
        QuestionInput in = {"张三", "zs@example.com", "补贴标准是多少？"};
        CHECK(consult_ask(db, &a, iPlain, &in, "10.0.0.1", "http://x", &q, &err) == ZW_ECONFLICT);
        CHECK(consult_ask(db, &a, 999999, &in, "10.0.0.1", "http://x", &q, &err) == ZW_ENOTFOUND);
        CHECK_INT(count(db, "question"), 0);
        CHECK_INT(count(db, "mail"), 0);
    }
    subtest("zx-4.2", "a question: stored with its deadline, the asker mailed") {
        QuestionInput in = {"张三", "zs@example.com", "补贴标准是多少？我的手机13812345678。"};
        CHECK(consult_ask(db, &a, iPolicy, &in, "10.0.0.1", "http://x", &q, &err) == ZW_OK);
        CHECK(q && strlen(q->zCode) == UTIL_CODE_LEN && strcmp(q->zState, "open") == 0);
        CHECK(q && strcmp(q->zDue, q->zReceivedOn) > 0);
        CHECK(q && q->iUnit == ed->iUnit);
        CHECK_INT(count(db, "question"), 1);
        CHECK_INT(count(db, "mail"), 1);
        CHECK(q && consult_by_code(db, &a, q->zCode) != NULL);
    }
    if (!q) return t_done();
    subtest("zx-4.3", "another unit's editor may not answer; nothing is written") {
        CHECK(consult_answer(db, &a, ed2, "ip", q->id, "答复", "http://x", &err) == ZW_EPERM);
        CHECK(consult_private(db, &a, ed2, "ip", q->id, "理由", NULL, "http://x", NULL, &err) ==
              ZW_EPERM);
        CHECK(consult_answer(db, &a, ed, "ip", q->id, " ", "http://x", &err) == ZW_EINPUT);
        CHECK(consult_answer(db, &a, ed, "ip", q->id,
                             repeat(&a, "答", CONSULT_MAX_ANSWER + 1), "http://x", &err) ==
              ZW_EINPUT);
        CHECK(consult_answer(db, &a, ed, "ip", 999999, "答复", "http://x", &err) == ZW_ENOTFOUND);
        CHECK_INT(count(db, "mail"), 1);
        CHECK_INT(count(db, "audit"), 0);
        CHECK_STR(consult_get(db, &a, q->id)->zState, "open");
    }
    subtest("zx-4.4", "the answer is published masked, audited and mailed") {
        CHECK(consult_answer(db, &a, ed, "ip", q->id, "请致电 13912345678 咨询。", "http://x", &err) ==
              ZW_OK);
        Question *p = consult_get(db, &a, q->id);
        CHECK_STR(p->zState, "answered");
        CHECK_STR(p->zPubAnswer, "请致电 139****5678 咨询。");
        CHECK_STR(p->zPubQuestion, "补贴标准是多少？我的手机138****5678。");
        CHECK_STR(p->zAnswer, "请致电 13912345678 咨询。");
        CHECK_STR(p->zAnsweredBy, "ed");
        CHECK_INT(count(db, "mail"), 2);
        CHECK_INT(count(db, "audit"), 1);
        CHECK(consult_answer(db, &a, ed, "ip", q->id, "再答", "http://x", &err) == ZW_ECONFLICT);
        QuestionQuery qq;
        memset(&qq, 0, sizeof qq);
        qq.bPublic = 1;
        qq.iItem = iPolicy;
        Question *aQ;
        int nQ;
        int64_t nTotal;
        CHECK(consult_list(db, &a, &qq, &aQ, &nQ, &nTotal) == ZW_OK);
        CHECK_INT(nQ, 1);
        CHECK_INT(nTotal, 1);
    }
    subtest("zx-4.5", "not for publication: an answered question is taken down") {
        int bWasPublic = 0;
        CHECK(consult_private(db, &a, adm, "ip", q->id, " ", NULL, "http://x", &bWasPublic, &err) ==
              ZW_EINPUT);
        CHECK(consult_private(db, &a, adm, "ip", q->id, "涉及个人隐私", NULL, "http://x", &bWasPublic,
                              &err) == ZW_OK);
        CHECK_INT(bWasPublic, 1);
        Question *p = consult_get(db, &a, q->id);
        CHECK_STR(p->zState, "private");
        CHECK_STR(p->zPrivateReason, "涉及个人隐私");
        CHECK_INT(count(db, "mail"), 3);
        CHECK_INT(count(db, "audit"), 2);
        CHECK(consult_private(db, &a, adm, "ip", q->id, "再次", NULL, "http://x", NULL, &err) ==
              ZW_ECONFLICT);
        QuestionQuery qq;
        memset(&qq, 0, sizeof qq);
        qq.bPublic = 1;
        Question *aQ;
        int nQ;
        CHECK(consult_list(db, &a, &qq, &aQ, &nQ, NULL) == ZW_OK);
        CHECK_INT(nQ, 0);
    }
    subtest("zx-4.6", "the queue: open first, oldest deadline first; overdue counted") {
        QuestionInput in = {NULL, "b@example.com", "第二个问题"};
        Question *q2, *q3;
        CHECK(consult_ask(db, &a, iPolicy, &in, "ip", "http://x", &q2, &err) == ZW_OK);
        CHECK(consult_ask(db, &a, iPolicy, &in, "ip", "http://x", &q3, &err) == ZW_OK);
        Stmt st;
        db_prepare(db, &st, "UPDATE question SET due='2000-01-03' WHERE id=?1");
        db_bind_int(&st, 1, q3->id);
        db_run(&st);
        db_done(&st);
        QuestionQuery qq;
        memset(&qq, 0, sizeof qq);
        qq.iUnit = ed->iUnit;
        Question *aQ;
        int nQ;
        CHECK(consult_list(db, &a, &qq, &aQ, &nQ, NULL) == ZW_OK);
        CHECK_INT(nQ, 3);
        CHECK(nQ == 3 && aQ[0].id == q3->id && aQ[1].id == q2->id && aQ[2].id == q->id);
        int64_t nOpen, nOverdue;
        CHECK(consult_counts(db, ed->iUnit, "2026-01-01", &nOpen, &nOverdue) == ZW_OK);
        CHECK_INT(nOpen, 2);
        CHECK_INT(nOverdue, 1);
        CHECK(consult_counts(db, ed2->iUnit, "2026-01-01", &nOpen, &nOverdue) == ZW_OK);
        CHECK_INT(nOpen, 0);
    }
    subtest("zx-4.7", "the due-days setting") {
        CHECK_INT(consult_due_days(db, &a), CONSULT_DUE_DAYS);
        setting_set(db, "consult_due_days", "10");
        CHECK_INT(consult_due_days(db, &a), 10);
        setting_set(db, "consult_due_days", "0");
        CHECK_INT(consult_due_days(db, &a), CONSULT_DUE_DAYS);
        setting_set(db, "consult_due_days", "x");
        CHECK_INT(consult_due_days(db, &a), CONSULT_DUE_DAYS);
    }
    db_close(db);
    unlink(zPath);
    arena_free(&a);
    return t_done();
}
