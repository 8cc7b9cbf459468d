// SPDX-License-Identifier: MIT
/*
** consult.c: 政策咨询 questions: input checks, tracking codes, deadlines on the
** working-day calendar, the question table, and the mails to the asker.  Relies on
** calendar/ for working days, text/mask for the published copies, auth/ for
** permissions and the audit log, push/mail for the outbox; leaves HTTP, pages and the
** page cache to consult_web.c.
*/
#include "consult.h"

#include <sodium.h>
#include <string.h>

#include "../core/log.h"
#include "../core/str.h"
#include "../core/util.h"
#include "../publish/publish.h"
#include "../push/mail.h"
#include "../text/mask.h"

/* ------------------------------------------------------------------- checks */

/* Valid UTF-8, at most nMax characters, no control characters except (when
** bMultiLine) tab, CR and LF. */
static int check_text(Arena *a, const char *z, size_t nMax, int bMultiLine, const char *zLabel,
                      Err *err) {
    size_t n = strlen(z);
    if (!utf8_valid(z, n)) {
        return err_set(err, ZW_EINPUT, "bad_utf8", arena_printf(a, "%s含有无效字符", zLabel), NULL);
    }
    if (utf8_len(z, n) > nMax) {
        return err_set(err, ZW_EINPUT, "too_long",
                       arena_printf(a, "%s过长（最多 %zu 个字符）", zLabel, nMax), NULL);
    }
    for (const unsigned char *p = (const unsigned char *)z; *p; p++) {
        if (*p >= 0x20 && *p != 0x7f) continue;
        if (bMultiLine && (*p == '\n' || *p == '\r' || *p == '\t')) continue;
        return err_set(err, ZW_EINPUT, "bad_field",
                       arena_printf(a, bMultiLine ? "%s含有控制字符" : "%s不能换行或含有控制字符",
                                    zLabel),
                       NULL);
    }
    return ZW_OK;
}

int consult_check(Arena *a, const QuestionInput *in, Err *err) {
    int rc;
    if (str_blank(in->zQuestion)) {
        return err_set(err, ZW_EINPUT, "missing_field", "请填写咨询的问题", NULL);
    }
    if ((rc = check_text(a, in->zQuestion, CONSULT_MAX_QUESTION, 1, "问题", err))) return rc;
    if (in->zName && (rc = check_text(a, in->zName, CONSULT_MAX_NAME, 0, "姓名", err))) return rc;
    if (str_blank(in->zEmail)) {
        return err_set(err, ZW_EINPUT, "missing_field", "请填写电子邮箱，答复将发送到该邮箱", NULL);
    }
    const char *zEmail = str_trim(a, in->zEmail);
    if (strlen(zEmail) > CONSULT_MAX_EMAIL) {
        return err_set(err, ZW_EINPUT, "too_long", "电子邮箱过长（最多 254 个字符）", NULL);
    }
    if (!mail_addr_valid(zEmail)) {
        return err_set(err, ZW_EINPUT, "bad_email", "电子邮箱格式不正确，请检查后重新填写", NULL);
    }
    return ZW_OK;
}

/* z without CR (CRLF and lone CR become LF), trimmed. */
static char *clean_text(Arena *a, const char *z) {
    char *zOut = arena_strdup(a, z);
    char *q = zOut;
    for (const char *p = z; *p; p++) {
        if (*p == '\r') {
            if (p[1] != '\n') *q++ = '\n';
            continue;
        }
        *q++ = *p;
    }
    *q = 0;
    return str_trim(a, zOut);
}

/* ---------------------------------------------------------------- deadlines */

int consult_due_date(const Calendar *pCal, const char *zReceivedOn, int nDays, char *zDue,
                     int *pbUnknown, Err *err) {
    int iDay = cal_day(zReceivedOn);
    if (iDay < 0) return err_set(err, ZW_EINPUT, "bad_date", "收到日期格式应为 YYYY-MM-DD", NULL);
    if (nDays < 1 || nDays > CONSULT_MAX_DUE_DAYS) {
        return err_set(err, ZW_EINPUT, "bad_days", "答复期限应为 1 到 60 个工作日", NULL);
    }
    CalTrace t;
    memset(&t, 0, sizeof t);
    /* Received on a day off: counted as received on the next working day. */
    for (int i = 0; i < 366 && !cal_is_workday(pCal, iDay, &t); i++) iDay++;
    char zFrom[11];
    cal_date(iDay, zFrom);
    int rc = cal_add(pCal, zFrom, nDays, zDue, &t, err);
    if (pbUnknown) *pbUnknown = t.bUnknownYear;
    return rc;
}

int consult_due_days(Db *db, Arena *a) {
    const char *z = setting_get(db, a, "consult_due_days", NULL);
    int64_t v;
    if (!z) return CONSULT_DUE_DAYS;
    if (str_to_i64(z, &v) != 0 || v < 1 || v > CONSULT_MAX_DUE_DAYS) {
        log_warn("setting consult_due_days=%s is not 1..%d; using %d", z, CONSULT_MAX_DUE_DAYS,
                 CONSULT_DUE_DAYS);
        return CONSULT_DUE_DAYS;
    }
    return (int)v;
}

/* ------------------------------------------------------------------ queries */

#define Q_COLS                                                                              \
    "q.id,q.item_id,q.unit_id,q.code,q.name,q.email,q.question,q.state,q.received_at,"      \
    "q.received_on,q.due,q.answer,coalesce(q.answered_at,''),coalesce(au.name,''),"        \
    "q.pub_question,q.pub_answer,q.private_reason,coalesce(q.closed_at,''),"                \
    "coalesce(v.title,i.title),n.code,n.name"
#define Q_FROM                                                                              \
    " FROM question q JOIN item i ON i.id=q.item_id JOIN unit n ON n.id=q.unit_id"          \
    " LEFT JOIN item_version v ON v.item_id=i.id AND v.version=i.live_version"              \
    " LEFT JOIN user au ON au.id=q.answered_by"

static Question *question_from_row(Arena *a, Stmt *st) {
    Question *q = arena_zalloc(a, sizeof *q);
    q->id = db_col_int(st, 0);
    q->iItem = db_col_int(st, 1);
    q->iUnit = db_col_int(st, 2);
    q->zCode = db_col_dup(a, st, 3);
    q->zName = db_col_dup(a, st, 4);
    q->zEmail = db_col_dup(a, st, 5);
    q->zQuestion = db_col_dup(a, st, 6);
    q->zState = db_col_dup(a, st, 7);
    q->zReceivedAt = db_col_dup(a, st, 8);
    q->zReceivedOn = db_col_dup(a, st, 9);
    q->zDue = db_col_dup(a, st, 10);
    q->zAnswer = db_col_dup(a, st, 11);
    q->zAnsweredAt = db_col_dup(a, st, 12);
    q->zAnsweredBy = db_col_dup(a, st, 13);
    q->zPubQuestion = db_col_dup(a, st, 14);
    q->zPubAnswer = db_col_dup(a, st, 15);
    q->zPrivateReason = db_col_dup(a, st, 16);
    q->zClosedAt = db_col_dup(a, st, 17);
    q->zItemTitle = db_col_dup(a, st, 18);
    q->zUnitCode = db_col_dup(a, st, 19);
    q->zUnitName = db_col_dup(a, st, 20);
    return q;
}

Question *consult_get(Db *db, Arena *a, int64_t iQuestion) {
    Stmt st;
    Question *q = NULL;
    db_prepare(db, &st, "SELECT " Q_COLS Q_FROM " WHERE q.id=?1");
    db_bind_int(&st, 1, iQuestion);
    if (db_step(&st) == 1) q = question_from_row(a, &st);
    db_done(&st);
    return q;
}

Question *consult_by_code(Db *db, Arena *a, const char *zCode) {
    Stmt st;
    Question *q = NULL;
    db_prepare(db, &st, "SELECT " Q_COLS Q_FROM " WHERE q.code=?1");
    db_bind_text(&st, 1, zCode);
    if (db_step(&st) == 1) q = question_from_row(a, &st);
    db_done(&st);
    return q;
}

/* The filter shared by the list and its count; ?1 state, ?2 unit, ?3 item, ?4 due by,
** ?5 public only. */
#define Q_WHERE                                                                             \
    " WHERE (?1 IS NULL OR q.state=?1) AND (?2=0 OR q.unit_id=?2) AND (?3=0 OR q.item_id=?3)" \
    " AND (?4 IS NULL OR q.due<=?4)"                                                        \
    " AND (?5=0 OR (q.state='answered' AND i.live_version>0 AND i.state<>'withdrawn'))"

static void bind_filter(Stmt *st, const QuestionQuery *q) {
    db_bind_text(st, 1, q->zState);
    db_bind_int(st, 2, q->iUnit);
    db_bind_int(st, 3, q->iItem);
    db_bind_text(st, 4, q->zDueBy);
    db_bind_int(st, 5, q->bPublic);
}

int consult_list(Db *db, Arena *a, const QuestionQuery *q, Question **paQ, int *pnQ,
                 int64_t *pnTotal) {
    Stmt st;
    int rc, n = 0;
    int64_t nPer = q->nPerPage < 1 ? 20 : q->nPerPage > 500 ? 500 : q->nPerPage;
    int64_t iPage = q->iPage < 1 ? 1 : q->iPage;
    *paQ = NULL;
    *pnQ = 0;
    if (pnTotal) {
        db_prepare(db, &st, "SELECT count(*)" Q_FROM Q_WHERE);
        bind_filter(&st, q);
        rc = db_step(&st);
        *pnTotal = rc == 1 ? db_col_int(&st, 0) : 0;
        db_done(&st);
        if (rc < 0) return -rc;
    }
    Question *aQ = arena_alloc(a, sizeof(Question) * (size_t)nPer);
    db_prepare(db, &st,
               "SELECT " Q_COLS Q_FROM Q_WHERE
               " ORDER BY q.state<>'open', CASE WHEN q.state='open' THEN q.due END,"
               " coalesce(q.answered_at,q.closed_at,q.received_at) DESC,"
               " CASE WHEN q.state='open' THEN q.id ELSE -q.id END"
               " LIMIT ?6 OFFSET ?7");
    bind_filter(&st, q);
    db_bind_int(&st, 6, nPer);
    db_bind_int(&st, 7, (iPage - 1) * nPer);
    while ((rc = db_step(&st)) == 1) aQ[n++] = *question_from_row(a, &st);
    db_done(&st);
    if (rc < 0) return -rc;
    *paQ = aQ;
    *pnQ = n;
    return ZW_OK;
}

int consult_counts(Db *db, int64_t iUnit, const char *zToday, int64_t *pnOpen,
                   int64_t *pnOverdue) {
    Stmt st;
    db_prepare(db, &st,
               "SELECT count(*), count(CASE WHEN due<?2 THEN 1 END) FROM question"
               " WHERE state='open' AND (?1=0 OR unit_id=?1)");
    db_bind_int(&st, 1, iUnit);
    db_bind_text(&st, 2, zToday);
    int rc = db_step(&st);
    *pnOpen = rc == 1 ? db_col_int(&st, 0) : 0;
    *pnOverdue = rc == 1 ? db_col_int(&st, 1) : 0;
    db_done(&st);
    return rc < 0 ? -rc : ZW_OK;
}

const char *consult_state_label(const char *zState) {
    if (!zState) return "";
    if (strcmp(zState, "open") == 0) return "办理中";
    if (strcmp(zState, "answered") == 0) return "已答复";
    if (strcmp(zState, "private") == 0) return "不予公开";
    return zState;
}

int consult_item_open(Db *db, Arena *a, int64_t iItem, int64_t *piUnit, const char **pzTitle,
                      Err *err) {
    Stmt st;
    db_prepare(db, &st,
               "SELECT i.kind,i.unit_id,i.state,i.live_version,coalesce(v.title,i.title)"
               " FROM item i"
               " LEFT JOIN item_version v ON v.item_id=i.id AND v.version=i.live_version"
               " WHERE i.id=?1");
    db_bind_int(&st, 1, iItem);
    int r = db_step(&st);
    int rc = ZW_OK;
    if (r < 0) {
        rc = db_err(db, err);
    } else if (r == 0 || db_col_int(&st, 3) == 0) {
        rc = err_set(err, ZW_ENOTFOUND, "not_found", "该信息不存在或尚未发布", NULL);
    } else if (strcmp(db_col_text(&st, 2), "withdrawn") == 0) {
        rc = err_set(err, ZW_ECONFLICT, "withdrawn", "该信息已撤回，不再接受咨询", NULL);
    } else if (strcmp(db_col_text(&st, 0), "policy") != 0 &&
               strcmp(db_col_text(&st, 0), "interpretation") != 0) {
        rc = err_set(err, ZW_ECONFLICT, "not_policy", "只有政策文件和政策解读可以在线咨询", NULL);
    } else {
        if (piUnit) *piUnit = db_col_int(&st, 1);
        if (pzTitle) *pzTitle = db_col_dup(a, &st, 4);
    }
    db_done(&st);
    return rc;
}

/* -------------------------------------------------------------------- mails */

/* The salutation: "张三，您好：" or "您好：". */
static const char *hello(Arena *a, const Question *q) {
    return q->zName[0] ? arena_printf(a, "%s，您好：", q->zName) : "您好：";
}

static const char zSignature[] =
    "\n\n——\n西吉县人民政府 政府信息公开\n本邮件由系统自动发送，请勿直接回复。\n";

/* Queue one plain-text mail to the asker (inside the caller's transaction). */
static int mail_asker(Db *db, const Question *q, const char *zSubject, const char *zText,
                      Err *err) {
    return mail_enqueue(db, q->zEmail, zSubject, zText, NULL, NULL, err);
}

static int mail_received(Db *db, Arena *a, const Question *q, const char *zBaseUrl, int nDays,
                         Err *err) {
    char zPretty[16];
    util_code_pretty(q->zCode, zPretty);
    Str s;
    str_init(&s, a);
    str_appendf(&s,
                "%s\n\n您就《%s》提出的咨询已收到，由%s办理。\n\n"
                "查询码：%s\n收到日期：%s\n答复期限：%s（%d 个工作日内）\n"
                "办理情况：%s/zx/%s\n\n您的问题：\n%s%s",
                hello(a, q), q->zItemTitle, q->zUnitName, zPretty, q->zReceivedOn, q->zDue, nDays,
                zBaseUrl, q->zCode, q->zQuestion, zSignature);
    return mail_asker(db, q, arena_printf(a, "政策咨询已收到（查询码 %s）", zPretty),
                      str_cstr(&s), err);
}

static int mail_answered(Db *db, Arena *a, const Question *q, const char *zAnswer,
                         const char *zBaseUrl, Err *err) {
    char zPretty[16];
    util_code_pretty(q->zCode, zPretty);
    Str s;
    str_init(&s, a);
    str_appendf(&s,
                "%s\n\n您就《%s》提出的咨询，%s已答复如下：\n\n%s\n\n"
                "您的问题：\n%s\n\n答复已在政策页面公开（个人信息已遮蔽）：%s/items/%lld\n"
                "查询码 %s：%s/zx/%s%s",
                hello(a, q), q->zItemTitle, q->zUnitName, zAnswer, q->zQuestion, zBaseUrl,
                (long long)q->iItem, zPretty, zBaseUrl, q->zCode, zSignature);
    return mail_asker(db, q, arena_printf(a, "政策咨询已答复（查询码 %s）", zPretty),
                      str_cstr(&s), err);
}

static int mail_private(Db *db, Arena *a, const Question *q, const char *zReason,
                        const char *zReply, const char *zBaseUrl, Err *err) {
    char zPretty[16];
    util_code_pretty(q->zCode, zPretty);
    Str s;
    str_init(&s, a);
    str_appendf(&s, "%s\n\n您就《%s》提出的咨询，%s决定不在网站公开，理由如下：\n\n%s\n\n",
                hello(a, q), q->zItemTitle, q->zUnitName, zReason);
    if (zReply && *zReply) str_appendf(&s, "答复：\n%s\n\n", zReply);
    str_appendf(&s, "您的问题：\n%s\n\n查询码 %s：%s/zx/%s%s", q->zQuestion, zPretty, zBaseUrl,
                q->zCode, zSignature);
    return mail_asker(db, q, arena_printf(a, "政策咨询办理结果（查询码 %s）", zPretty),
                      str_cstr(&s), err);
}

/* ------------------------------------------------------------------ actions */

/* Commit, or roll back and make sure err says something. */
static int finish(Db *db, int rc, Err *err) {
    if (rc != ZW_OK) {
        db_rollback(db);
        if (!err->zMsg) db_err(db, err);
        return rc;
    }
    if ((rc = db_commit(db)) != ZW_OK) return db_err(db, err);
    return ZW_OK;
}

int consult_ask(Db *db, Arena *a, int64_t iItem, const QuestionInput *in, const char *zIp,
                const char *zBaseUrl, Question **ppQ, Err *err) {
    int rc;
    *ppQ = NULL;
    if ((rc = consult_check(a, in, err))) return rc;
    int64_t iUnit;
    if ((rc = consult_item_open(db, a, iItem, &iUnit, NULL, err))) return rc;
    int64_t now = util_now();
    char zNow[21], zToday[11], zDue[11], zCode[UTIL_CODE_LEN + 1];
    util_iso_time(now, zNow);
    util_iso_date(now, zToday);
    Calendar cal;
    if ((rc = cal_load(db, a, &cal, err))) return rc;
    int nDays = consult_due_days(db, a);
    int bUnknown = 0;
    if ((rc = consult_due_date(&cal, zToday, nDays, zDue, &bUnknown, err))) return rc;
    if (bUnknown) log_warn("consult due=%s counted without a holiday notice for its year", zDue);
    if ((rc = db_begin(db))) return db_err(db, err);
    /* 60 random bits: a clash is all but impossible, but never reuse a code. */
    for (int i = 0;; i++) {
        util_code_new(zCode);
        Stmt st;
        db_prepare(db, &st, "SELECT 1 FROM question WHERE code=?1");
        db_bind_text(&st, 1, zCode);
        int r = db_step(&st);
        db_done(&st);
        if (r < 0) return finish(db, -r, err);
        if (r == 0) break;
        if (i == 3) die("consult: random codes keep clashing");
    }
    Stmt st;
    db_prepare(db, &st,
               "INSERT INTO question(item_id,unit_id,code,name,email,question,ip,received_at,"
               "received_on,due) VALUES(?1,?2,?3,?4,?5,?6,?7,?8,?9,?10)");
    db_bind_int(&st, 1, iItem);
    db_bind_int(&st, 2, iUnit);
    db_bind_text(&st, 3, zCode);
    db_bind_text(&st, 4, in->zName ? str_trim(a, in->zName) : "");
    db_bind_text(&st, 5, str_trim(a, in->zEmail));
    db_bind_text(&st, 6, clean_text(a, in->zQuestion));
    db_bind_text(&st, 7, zIp ? zIp : "");
    db_bind_text(&st, 8, zNow);
    db_bind_text(&st, 9, zToday);
    db_bind_text(&st, 10, zDue);
    rc = db_run(&st);
    db_done(&st);
    Question *q = rc ? NULL : consult_get(db, a, db_last_rowid(db));
    if (!rc && !q) rc = err_set(err, ZW_EDB, NULL, "数据不一致", "question row missing");
    if (!rc) rc = mail_received(db, a, q, zBaseUrl, nDays, err);
    if ((rc = finish(db, rc, err))) return rc;
    log_info("consult question=%lld item=%lld unit=%lld due=%s", (long long)q->id,
             (long long)iItem, (long long)iUnit, zDue);
    *ppQ = q;
    return ZW_OK;
}

int consult_fake_receipt(Db *db, Arena *a, Question **ppQ, Err *err) {
    int rc;
    *ppQ = NULL;
    char zToday[11], zDue[11];
    util_iso_date(util_now(), zToday);
    Calendar cal;
    if ((rc = cal_load(db, a, &cal, err))) return rc;
    if ((rc = consult_due_date(&cal, zToday, consult_due_days(db, a), zDue, NULL, err))) return rc;
    Question *q = arena_zalloc(a, sizeof *q);
    Stmt st;
    db_prepare(db, &st, "SELECT coalesce(max(id),0)+1 FROM question");
    q->id = db_step(&st) == 1 ? db_col_int(&st, 0) : 1;
    db_done(&st);
    char *zCode = arena_alloc(a, UTIL_CODE_LEN + 1);
    util_code_new(zCode);
    q->zCode = zCode;
    q->zReceivedOn = arena_strdup(a, zToday);
    q->zDue = arena_strdup(a, zDue);
    q->zState = "open";
    *ppQ = q;
    return ZW_OK;
}

/* Load question iQuestion inside the open transaction and check that u may act on it. */
static Question *load_for(Db *db, Arena *a, const User *u, int64_t iQuestion, int *pRc,
                          Err *err) {
    Question *q = consult_get(db, a, iQuestion);
    if (!q) {
        *pRc = err_set(err, ZW_ENOTFOUND, "not_found", "该咨询不存在", NULL);
        return NULL;
    }
    if ((*pRc = auth_check(u, q->iUnit, ROLE_EDITOR, err))) return NULL;
    return q;
}

/* The trimmed text (CR removed), checked: required, at most nMax characters. */
static int staff_text(Arena *a, const char *z, size_t nMax, const char *zLabel,
                      const char *zMissing, const char **pzOut, Err *err) {
    *pzOut = NULL;
    if (str_blank(z)) return err_set(err, ZW_EINPUT, "missing_field", zMissing, NULL);
    int rc = check_text(a, z, nMax, 1, zLabel, err);
    if (!rc) *pzOut = clean_text(a, z);
    return rc;
}

int consult_answer(Db *db, Arena *a, const User *u, const char *zIp, int64_t iQuestion,
                   const char *zAnswer, const char *zBaseUrl, Err *err) {
    int rc;
    const char *zText;
    if ((rc = staff_text(a, zAnswer, CONSULT_MAX_ANSWER, "答复", "请填写答复内容", &zText, err))) {
        return rc;
    }
    if ((rc = db_begin(db))) return db_err(db, err);
    Question *q = load_for(db, a, u, iQuestion, &rc, err);
    if (!q) return finish(db, rc, err);
    if (strcmp(q->zState, "open") != 0) {
        return finish(db, err_set(err, ZW_ECONFLICT, "bad_state", "该咨询已办结，不能再答复", NULL), err);
    }
    const char *zPubQ = mask_text(a, q->zQuestion, NULL);
    const char *zPubA = mask_text(a, zText, NULL);
    char zNow[21];
    util_iso_time(util_now(), zNow);
    Stmt st;
    db_prepare(db, &st,
               "UPDATE question SET state='answered', answer=?2, answered_at=?3, answered_by=?4,"
               " pub_question=?5, pub_answer=?6 WHERE id=?1 AND state='open'");
    db_bind_int(&st, 1, q->id);
    db_bind_text(&st, 2, zText);
    db_bind_text(&st, 3, zNow);
    db_bind_int(&st, 4, u->id);
    db_bind_text(&st, 5, zPubQ);
    db_bind_text(&st, 6, zPubA);
    rc = db_run(&st);
    db_done(&st);
    const char *zTarget = arena_printf(a, "question:%lld", (long long)q->id);
    if (!rc) rc = audit_add(db, u, zIp, "question_answer", zTarget,
                            arena_printf(a, "item:%lld", (long long)q->iItem));
    if (!rc) rc = mail_answered(db, a, q, zText, zBaseUrl, err);
    return finish(db, rc, err);
}

int consult_private(Db *db, Arena *a, const User *u, const char *zIp, int64_t iQuestion,
                    const char *zReason, const char *zReply, const char *zBaseUrl,
                    int *pbWasPublic, Err *err) {
    int rc;
    const char *zWhy, *zText = NULL;
    if (pbWasPublic) *pbWasPublic = 0;
    if ((rc = staff_text(a, zReason, CONSULT_MAX_REASON, "理由", "请填写不予公开的理由", &zWhy,
                         err))) {
        return rc;
    }
    if (!str_blank(zReply) &&
        (rc = staff_text(a, zReply, CONSULT_MAX_ANSWER, "答复", "", &zText, err))) {
        return rc;
    }
    if ((rc = db_begin(db))) return db_err(db, err);
    Question *q = load_for(db, a, u, iQuestion, &rc, err);
    if (!q) return finish(db, rc, err);
    if (strcmp(q->zState, "private") == 0) {
        return finish(db, err_set(err, ZW_ECONFLICT, "bad_state", "该咨询已标记为不予公开", NULL), err);
    }
    int bWasPublic = strcmp(q->zState, "answered") == 0;
    char zNow[21];
    util_iso_time(util_now(), zNow);
    Stmt st;
    db_prepare(db, &st,
               "UPDATE question SET state='private', private_reason=?2, closed_at=?3,"
               " closed_by=?4, answer=CASE WHEN ?5 IS NULL THEN answer ELSE ?5 END"
               " WHERE id=?1 AND state<>'private'");
    db_bind_int(&st, 1, q->id);
    db_bind_text(&st, 2, zWhy);
    db_bind_text(&st, 3, zNow);
    db_bind_int(&st, 4, u->id);
    db_bind_text(&st, 5, zText);
    rc = db_run(&st);
    db_done(&st);
    const char *zTarget = arena_printf(a, "question:%lld", (long long)q->id);
    if (!rc) rc = audit_add(db, u, zIp, "question_private", zTarget, zWhy);
    if (!rc) rc = mail_private(db, a, q, zWhy, zText, zBaseUrl, err);
    if ((rc = finish(db, rc, err))) return rc;
    if (pbWasPublic) *pbWasPublic = bWasPublic;
    return ZW_OK;
}
