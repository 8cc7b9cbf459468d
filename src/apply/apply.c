// SPDX-License-Identifier: MIT
/*
** apply.c: 依申请公开 cases in the database: input checks, registration with the
** receipt date of each channel, the staff actions with the rules of the 条例 (each
** one event, one transaction), notices from the editable templates and their mails,
** reviews, lists and counts, the public register's masked copies, and re-dating open
** cases after a calendar change.  The clock itself is apply_clock.c; HTTP and pages
** are apply_web.c.  Relies on calendar/ (working days), consult/ (tracking codes),
** text/mask (register copies), auth/ (rights, audit), push/mail (outbox).
*/
#include "apply.h"

#include <string.h>

#include "../core/log.h"
#include "../core/str.h"
#include "../core/util.h"
#include "../publish/publish.h"
#include "../push/mail.h"
#include "../text/mask.h"

/* ------------------------------------------------------------------ checks */

/* z valid UTF-8, at most nMax characters, no control characters except (bMulti)
** tab, CR, LF.  zLabel names the field in the message. */
static int text_ok(Arena *a, const char *z, size_t nMax, int bMulti, const char *zLabel, Err *err) {
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
        if (bMulti && (*p == '\n' || *p == '\r' || *p == '\t')) continue;
        return err_set(err, ZW_EINPUT, "bad_field",
                       arena_printf(a, bMulti ? "%s含有控制字符" : "%s不能换行或含有控制字符", zLabel),
                       NULL);
    }
    return ZW_OK;
}

/* Required or optional (bRequired) text field. */
static int field(Arena *a, const char *z, int bRequired, size_t nMax, int bMulti,
                 const char *zLabel, Err *err) {
    if (str_blank(z)) {
        if (!bRequired) return ZW_OK;
        return err_set(err, ZW_EINPUT, "missing_field", arena_printf(a, "请填写%s", zLabel), NULL);
    }
    return text_ok(a, z, nMax, bMulti, zLabel, err);
}

/* Trimmed copy without CR, or "" for NULL. */
static const char *clean(Arena *a, const char *z) {
    if (!z) return "";
    char *zOut = arena_strdup(a, z), *q = zOut;
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

int apply_check(Arena *a, const ApplyInput *in, Err *err) {
    int rc;
    if (!in->zType || !apply_type_label(in->zType)) {
        return err_set(err, ZW_EINPUT, "bad_type",
                       "申请人类型应为 natural（自然人）、commercial（商业企业）、research（科研机构）、"
                       "social_welfare（社会公益组织）、legal_service（法律服务机构）或 other_org（其他组织）",
                       NULL);
    }
    int bNatural = strcmp(in->zType, "natural") == 0;
    if ((rc = field(a, in->zName, 1, APPLY_MAX_LINE, 0, bNatural ? "申请人姓名" : "申请人名称", err))) return rc;
    if ((rc = field(a, in->zIdNumber, 1, 40, 0,
                    bNatural ? "身份证件号码" : "统一社会信用代码或其他身份证明", err))) {
        return rc;
    }
    if ((rc = field(a, in->zContact, 0, APPLY_MAX_LINE, 0, "联系人", err))) return rc;
    if ((rc = field(a, in->zPhone, 0, 40, 0, "联系电话", err))) return rc;
    if ((rc = field(a, in->zAddress, 0, APPLY_MAX_LINE, 0, "通信地址", err))) return rc;
    if ((rc = field(a, in->zDocno, 0, APPLY_MAX_LINE, 0, "文号", err))) return rc;
    if ((rc = field(a, in->zContent, 1, APPLY_MAX_CONTENT, 1, "所需政府信息的名称或内容描述", err))) {
        return rc;
    }
    if (!str_blank(in->zEmail)) {
        const char *z = str_trim(a, in->zEmail);
        if (strlen(z) > MAIL_MAX_ADDR || !mail_addr_valid(z)) {
            return err_set(err, ZW_EINPUT, "bad_email", "电子邮箱格式不正确，请检查后重新填写", NULL);
        }
    }
    if (str_blank(in->zPhone) && str_blank(in->zEmail) && str_blank(in->zAddress)) {
        return err_set(err, ZW_EINPUT, "missing_contact", "请至少填写一种联系方式（电话、电子邮箱或通信地址）", NULL);
    }
    if (in->zForm && strcmp(in->zForm, "paper") && strcmp(in->zForm, "electronic")) {
        return err_set(err, ZW_EINPUT, "bad_form", "获取信息的形式应为 paper（纸质）或 electronic（电子）", NULL);
    }
    if (in->zDelivery && strcmp(in->zDelivery, "email") && strcmp(in->zDelivery, "post") &&
        strcmp(in->zDelivery, "pickup")) {
        return err_set(err, ZW_EINPUT, "bad_delivery",
                       "获取方式应为 email（电子邮件）、post（邮寄）或 pickup（当面领取）", NULL);
    }
    if (in->zDelivery && strcmp(in->zDelivery, "email") == 0 && str_blank(in->zEmail)) {
        return err_set(err, ZW_EINPUT, "missing_field", "选择电子邮件方式获取的，请填写电子邮箱", NULL);
    }
    if (in->zDelivery && strcmp(in->zDelivery, "post") == 0 && str_blank(in->zAddress)) {
        return err_set(err, ZW_EINPUT, "missing_field", "选择邮寄方式获取的，请填写通信地址", NULL);
    }
    if (in->zChannel && !apply_channel_parse(in->zChannel)) {
        return err_set(err, ZW_EINPUT, "bad_channel", "申请渠道应为 online（网络）、letter（信函）、fax（传真）或 counter（当面）",
                       NULL);
    }
    return ZW_OK;
}

/* ---------------------------------------------------------------- queries */

#define A_COLS                                                                              \
    "x.id,x.unit_id,n.code,n.name,x.case_no,x.code,x.channel,x.applicant_type,x.name,"      \
    "x.id_number,x.contact,x.phone,x.email,x.address,x.content,x.docno,x.form,x.delivery,"  \
    "x.consent,x.submitted_at,x.received_on,x.created_at,coalesce(cu.name,''),x.state,"     \
    "coalesce(x.deadline,''),coalesce(x.pending_due,''),coalesce(x.outcome,''),"            \
    "coalesce(x.replied_on,''),x.published,x.pub_content,x.pub_answer"
#define A_FROM                                                                              \
    " FROM application x JOIN unit n ON n.id=x.unit_id LEFT JOIN user cu ON cu.id=x.created_by"

static Application *row(Arena *a, Stmt *st) {
    Application *p = arena_zalloc(a, sizeof *p);
    int i = 0;
    p->id = db_col_int(st, i++);
    p->iUnit = db_col_int(st, i++);
    const char **apz[] = {&p->zUnitCode, &p->zUnitName, &p->zCaseNo, &p->zCode, &p->zChannel,
                          &p->zType, &p->zName, &p->zIdNumber, &p->zContact, &p->zPhone,
                          &p->zEmail, &p->zAddress, &p->zContent, &p->zDocno, &p->zForm,
                          &p->zDelivery};
    for (size_t k = 0; k < sizeof apz / sizeof apz[0]; k++) *apz[k] = db_col_dup(a, st, i++);
    p->bConsent = (int)db_col_int(st, i++);
    const char **apz2[] = {&p->zSubmittedAt, &p->zReceivedOn, &p->zCreatedAt, &p->zCreatedBy,
                           &p->zState, &p->zDeadline, &p->zPendingDue, &p->zOutcome,
                           &p->zRepliedOn};
    for (size_t k = 0; k < sizeof apz2 / sizeof apz2[0]; k++) *apz2[k] = db_col_dup(a, st, i++);
    p->bPublished = (int)db_col_int(st, i++);
    p->zPubContent = db_col_dup(a, st, i++);
    p->zPubAnswer = db_col_dup(a, st, i++);
    return p;
}

Application *apply_get(Db *db, Arena *a, int64_t id) {
    Stmt st;
    Application *p = NULL;
    db_prepare(db, &st, "SELECT " A_COLS A_FROM " WHERE x.id=?1");
    db_bind_int(&st, 1, id);
    if (db_step(&st) == 1) p = row(a, &st);
    db_done(&st);
    return p;
}

Application *apply_by_code(Db *db, Arena *a, const char *zCode) {
    Stmt st;
    Application *p = NULL;
    db_prepare(db, &st, "SELECT " A_COLS A_FROM " WHERE x.code=?1");
    db_bind_text(&st, 1, zCode);
    if (db_step(&st) == 1) p = row(a, &st);
    db_done(&st);
    return p;
}

int apply_events(Db *db, Arena *a, int64_t id, ApplyEvent **paEv, int *pnEv) {
    Stmt st;
    int n = 0, nCap = 16, r;
    ApplyEvent *aEv = arena_alloc(a, sizeof *aEv * (size_t)nCap);
    db_prepare(db, &st,
               "SELECT e.id,e.kind,e.on_date,e.at,coalesce(u.name,''),e.days,e.due,e.amount,"
               "e.outcome,e.text,e.basis,e.detail FROM application_event e"
               " LEFT JOIN user u ON u.id=e.user_id WHERE e.application_id=?1 ORDER BY e.id");
    db_bind_int(&st, 1, id);
    while ((r = db_step(&st)) == 1) {
        if (n == nCap) {
            aEv = arena_grow(a, aEv, sizeof *aEv * (size_t)nCap, sizeof *aEv * (size_t)nCap * 2);
            nCap *= 2;
        }
        ApplyEvent *e = &aEv[n++];
        e->id = db_col_int(&st, 0);
        e->eKind = apply_event_parse(db_col_text(&st, 1));
        e->zOn = db_col_dup(a, &st, 2);
        e->zAt = db_col_dup(a, &st, 3);
        e->zBy = db_col_dup(a, &st, 4);
        e->nDays = (int)db_col_int(&st, 5);
        e->zDue = db_col_dup(a, &st, 6);
        e->nAmount = db_col_int(&st, 7);
        e->zOutcome = db_col_dup(a, &st, 8);
        e->zText = db_col_dup(a, &st, 9);
        e->zBasis = db_col_dup(a, &st, 10);
        e->zDetail = db_col_dup(a, &st, 11);
    }
    db_done(&st);
    *paEv = aEv;
    *pnEv = n;
    return r < 0 ? -r : ZW_OK;
}

int apply_notices(Db *db, Arena *a, int64_t id, ApplyNotice **paN, int *pnN) {
    Stmt st;
    int n = 0, nCap = 8, r;
    ApplyNotice *aN = arena_alloc(a, sizeof *aN * (size_t)nCap);
    db_prepare(db, &st,
               "SELECT id,coalesce(event_id,0),kind,title,body,created_at,mailed"
               " FROM application_notice WHERE application_id=?1 ORDER BY id");
    db_bind_int(&st, 1, id);
    while ((r = db_step(&st)) == 1) {
        if (n == nCap) {
            aN = arena_grow(a, aN, sizeof *aN * (size_t)nCap, sizeof *aN * (size_t)nCap * 2);
            nCap *= 2;
        }
        ApplyNotice *p = &aN[n++];
        p->id = db_col_int(&st, 0);
        p->iEvent = db_col_int(&st, 1);
        p->zKind = db_col_dup(a, &st, 2);
        p->zTitle = db_col_dup(a, &st, 3);
        p->zBody = db_col_dup(a, &st, 4);
        p->zCreatedAt = db_col_dup(a, &st, 5);
        p->bMailed = (int)db_col_int(&st, 6);
    }
    db_done(&st);
    *paN = aN;
    *pnN = n;
    return r < 0 ? -r : ZW_OK;
}

int apply_reviews(Db *db, Arena *a, int64_t id, ApplyReview **paR, int *pnR) {
    Stmt st;
    int n = 0, nCap = 4, r;
    ApplyReview *aR = arena_alloc(a, sizeof *aR * (size_t)nCap);
    db_prepare(db, &st,
               "SELECT id,kind,after_reconsideration,result,filed_on,coalesce(decided_on,''),note"
               " FROM application_review WHERE application_id=?1 ORDER BY id");
    db_bind_int(&st, 1, id);
    while ((r = db_step(&st)) == 1) {
        if (n == nCap) {
            aR = arena_grow(a, aR, sizeof *aR * (size_t)nCap, sizeof *aR * (size_t)nCap * 2);
            nCap *= 2;
        }
        ApplyReview *p = &aR[n++];
        p->id = db_col_int(&st, 0);
        p->zKind = db_col_dup(a, &st, 1);
        p->bAfterRecon = (int)db_col_int(&st, 2);
        p->zResult = db_col_dup(a, &st, 3);
        p->zFiledOn = db_col_dup(a, &st, 4);
        p->zDecidedOn = db_col_dup(a, &st, 5);
        p->zNote = db_col_dup(a, &st, 6);
    }
    db_done(&st);
    *paR = aR;
    *pnR = n;
    return r < 0 ? -r : ZW_OK;
}

int apply_clock_case(Db *db, Arena *a, int64_t id, const char *zToday, ApplyClock *pc, Err *err) {
    Calendar cal;
    ApplyEvent *aEv;
    int nEv;
    int rc = cal_load(db, a, &cal, err);
    if (!rc && (rc = apply_events(db, a, id, &aEv, &nEv))) rc = db_err(db, err);
    if (!rc) rc = apply_clock(&cal, a, aEv, nEv, zToday, pc, err);
    return rc;
}

/* --------------------------------------------------------------- templates */

const char *const apply_azTemplate[] = {"receipt", "correction", "extension", "fee", "reply", NULL};

const char *apply_template_label(const char *z) {
    static const char *const az[][2] = {
        {"receipt", "登记回执"}, {"correction", "补正告知书"}, {"extension", "延期告知书"},
        {"fee", "收费通知书"},   {"reply", "答复书"},
    };
    for (int i = 0; z && i < 5; i++) {
        if (strcmp(z, az[i][0]) == 0) return az[i][1];
    }
    return NULL;
}

int apply_template_get(Db *db, Arena *a, const char *zKind, const char **pzTitle,
                       const char **pzBody) {
    Stmt st;
    db_prepare(db, &st, "SELECT title,body FROM apply_template WHERE kind=?1");
    db_bind_text(&st, 1, zKind);
    int r = db_step(&st);
    if (r == 1) {
        *pzTitle = db_col_dup(a, &st, 0);
        *pzBody = db_col_dup(a, &st, 1);
    }
    db_done(&st);
    return r == 1 ? ZW_OK : r == 0 ? ZW_ENOTFOUND : -r;
}

int apply_template_set(Db *db, Arena *a, const User *u, const char *zIp, const char *zKind,
                       const char *zTitle, const char *zBody, Err *err) {
    int rc;
    if (!u) return err_set(err, ZW_EAUTH, "login_required", "请先登录", NULL);
    if (u->eRole != ROLE_ADMIN) return err_set(err, ZW_EPERM, "forbidden", "只有管理员可以修改文书模板", NULL);
    if (!apply_template_label(zKind)) return err_set(err, ZW_EINPUT, "bad_kind", "文书模板类型无效", NULL);
    if ((rc = field(a, zTitle, 1, APPLY_MAX_LINE, 0, "文书标题", err))) return rc;
    if ((rc = field(a, zBody, 1, APPLY_MAX_TEXT, 1, "文书正文", err))) return rc;
    char zNow[21];
    util_iso_time(util_now(), zNow);
    if (db_begin(db)) return db_err(db, err);
    Stmt st;
    db_prepare(db, &st,
               "INSERT OR REPLACE INTO apply_template(kind,title,body,updated_at,updated_by)"
               " VALUES(?1,?2,?3,?4,?5)");
    db_bind_text(&st, 1, zKind);
    db_bind_text(&st, 2, clean(a, zTitle));
    db_bind_text(&st, 3, clean(a, zBody));
    db_bind_text(&st, 4, zNow);
    db_bind_int(&st, 5, u->id);
    rc = db_run(&st);
    db_done(&st);
    if (!rc) rc = audit_add(db, u, zIp, "apply_template", zKind, "");
    if (rc) {
        db_rollback(db);
        return db_err(db, err);
    }
    if (db_commit(db)) return db_err(db, err);
    return ZW_OK;
}

const char *apply_fill(Arena *a, const char *zBody, const char *const *azKV, int nKV) {
    Str s;
    str_init(&s, a);
    for (const char *p = zBody; *p;) {
        const char *q = p[0] == '{' ? strchr(p + 1, '}') : NULL;
        if (q && q - p <= 64) {
            int bDone = 0;
            for (int i = 0; i < nKV; i++) {
                size_t n = strlen(azKV[2 * i]);
                if ((size_t)(q - p - 1) == n && memcmp(p + 1, azKV[2 * i], n) == 0) {
                    str_puts(&s, azKV[2 * i + 1] ? azKV[2 * i + 1] : "");
                    bDone = 1;
                    break;
                }
            }
            if (bDone) {
                p = q + 1;
                continue;
            }
        }
        str_putc(&s, *p++);
    }
    return str_cstr(&s);
}

/* "2021年10月9日" of "2021-10-09". */
static const char *cn_date(Arena *a, const char *z) {
    if (!z || cal_day(z) < 0) return z ? z : "";
    int y = (z[0] - '0') * 1000 + (z[1] - '0') * 100 + (z[2] - '0') * 10 + (z[3] - '0');
    int m = (z[5] - '0') * 10 + (z[6] - '0'), d = (z[8] - '0') * 10 + (z[9] - '0');
    return arena_printf(a, "%d年%d月%d日", y, m, d);
}

/* Values of one notice beyond the case's own. */
typedef struct NoticeVars {
    const char *zDate;     /* the action's date */
    const char *zDeadline; /* the deadline after the action ("" while stopped) */
    const char *zPoints, *zCorrDue, *zExtendDays, *zReason, *zFeeHow, *zAmount, *zPayDue;
    const char *zOutcome, *zText, *zBasis;
} NoticeVars;

/* Generate notice zKind for case p from its template, keep it, and mail it when the
** applicant chose e-mail; inside the caller's transaction. */
static int issue_notice(Db *db, Arena *a, const Application *p, const char *zKind, int64_t iEvent,
                        const NoticeVars *v, const char *zBaseUrl, Err *err) {
    const char *zTitle, *zBody;
    int rc = apply_template_get(db, a, zKind, &zTitle, &zBody);
    if (rc == ZW_ENOTFOUND) {
        log_warn("apply: template %s missing; notice not generated", zKind);
        return ZW_OK;
    }
    if (rc) return db_err(db, err);
    char zPretty[16];
    util_code_pretty(p->zCode, zPretty);
    const char *azKV[] = {
        "申请人", p->zName,
        "案号", p->zCaseNo,
        "查询码", zPretty,
        "查询网址", arena_printf(a, "%s/ysqgk/%s", zBaseUrl ? zBaseUrl : "", p->zCode),
        "单位", p->zUnitName,
        "渠道", apply_channel_label(apply_channel_parse(p->zChannel)),
        "提交时间", p->zSubmittedAt,
        "收到日期", cn_date(a, p->zReceivedOn),
        "申请内容", p->zContent,
        "答复期限", v->zDeadline && v->zDeadline[0] ? cn_date(a, v->zDeadline) : "（期限暂停计算）",
        "日期", cn_date(a, v->zDate),
        "补正事项", v->zPoints,
        "补正期限", cn_date(a, v->zCorrDue),
        "延期天数", v->zExtendDays,
        "延期理由", v->zReason,
        "收费依据", v->zFeeHow,
        "收费金额", v->zAmount,
        "缴费期限", cn_date(a, v->zPayDue),
        "答复结果", v->zOutcome,
        "答复内容", v->zText,
        "法律依据", v->zBasis,
    };
    const char *zText = apply_fill(a, zBody, azKV, (int)(sizeof azKV / sizeof azKV[0] / 2));
    int bMail = strcmp(p->zDelivery, "email") == 0 && p->zEmail[0];
    char zNow[21];
    util_iso_time(util_now(), zNow);
    Stmt st;
    db_prepare(db, &st,
               "INSERT INTO application_notice(application_id,event_id,kind,title,body,created_at,mailed)"
               " VALUES(?1,?2,?3,?4,?5,?6,?7)");
    db_bind_int(&st, 1, p->id);
    if (iEvent) db_bind_int(&st, 2, iEvent); else db_bind_null(&st, 2);
    db_bind_text(&st, 3, zKind);
    db_bind_text(&st, 4, zTitle);
    db_bind_text(&st, 5, zText);
    db_bind_text(&st, 6, zNow);
    db_bind_int(&st, 7, bMail);
    rc = db_run(&st);
    db_done(&st);
    if (rc) return db_err(db, err);
    if (bMail) {
        rc = mail_enqueue(db, p->zEmail, arena_printf(a, "%s（案号 %s）", zTitle, p->zCaseNo),
                          arena_printf(a, "%s\n\n——\n本邮件由系统自动发送，请勿直接回复。\n", zText), NULL,
                          NULL, err);
    }
    return rc;
}

/* ----------------------------------------------------------------- writes */

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

/* Append an event; *piEvent (may be NULL) gets its id. */
static int add_event(Db *db, int64_t iApp, const User *u, int eKind, const ApplyEvent *e,
                     int64_t *piEvent) {
    char zNow[21];
    util_iso_time(util_now(), zNow);
    Stmt st;
    db_prepare(db, &st,
               "INSERT INTO application_event(application_id,kind,on_date,at,user_id,days,due,"
               "amount,outcome,text,basis,detail) VALUES(?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12)");
    db_bind_int(&st, 1, iApp);
    db_bind_text(&st, 2, apply_event_name(eKind));
    db_bind_text(&st, 3, e->zOn);
    db_bind_text(&st, 4, zNow);
    if (u) db_bind_int(&st, 5, u->id); else db_bind_null(&st, 5);
    db_bind_int(&st, 6, e->nDays);
    db_bind_text(&st, 7, e->zDue ? e->zDue : "");
    db_bind_int(&st, 8, e->nAmount);
    db_bind_text(&st, 9, e->zOutcome ? e->zOutcome : "");
    db_bind_text(&st, 10, e->zText ? e->zText : "");
    db_bind_text(&st, 11, e->zBasis ? e->zBasis : "");
    db_bind_text(&st, 12, e->zDetail ? e->zDetail : "");
    int rc = db_run(&st);
    db_done(&st);
    if (!rc && piEvent) *piEvent = db_last_rowid(db);
    return rc;
}

/* Rewrite the derived columns of case id from clock c. */
static int store_derived(Db *db, int64_t id, const ApplyClock *c) {
    Stmt st;
    db_prepare(db, &st,
               "UPDATE application SET state=?2, deadline=?3, pending_due=?4, outcome=?5,"
               " replied_on=?6 WHERE id=?1");
    db_bind_int(&st, 1, id);
    db_bind_text(&st, 2, apply_state_name(c->eState));
    db_bind_text(&st, 3, c->zDeadline[0] ? c->zDeadline : NULL);
    db_bind_text(&st, 4, c->zPendingDue[0] ? c->zPendingDue : NULL);
    db_bind_text(&st, 5, c->zOutcome && c->zOutcome[0] ? c->zOutcome : NULL);
    db_bind_text(&st, 6, c->zReplied[0] ? c->zReplied : NULL);
    int rc = db_run(&st);
    db_done(&st);
    return rc;
}

/* Recompute case id's clock (inside the caller's transaction) and store it. */
static int refresh(Db *db, Arena *a, const Calendar *pCal, int64_t id, const char *zToday,
                   ApplyClock *pc, Err *err) {
    ApplyEvent *aEv;
    int nEv;
    int rc = apply_events(db, a, id, &aEv, &nEv);
    if (rc) return db_err(db, err);
    if ((rc = apply_clock(pCal, a, aEv, nEv, zToday, pc, err))) return rc;
    if ((rc = store_derived(db, id, pc))) return db_err(db, err);
    return ZW_OK;
}

/* "HH:MM" when the office closes (setting apply_day_end). */
static const char *day_end(Db *db, Arena *a) {
    const char *z = setting_get(db, a, "apply_day_end", NULL);
    if (z && strlen(z) == 5 && z[2] == ':' && z[0] >= '0' && z[0] <= '2') return z;
    if (z) log_warn("setting apply_day_end=%s is not HH:MM; using %s", z, APPLY_DAY_END);
    return APPLY_DAY_END;
}

/* Now in China time as "YYYY-MM-DD HH:MM" into z[17]. */
static void now_local(char *z) {
    int64_t t = util_now() + 8 * 3600;
    char zIso[21];
    util_iso_time(t, zIso);
    memcpy(z, zIso, 10);
    z[10] = ' ';
    memcpy(z + 11, zIso + 11, 5);
    z[16] = 0;
}

/* Resolve unit, channel and submission time of an input; the receipt date and its
** reasoning. */
static int resolve(Db *db, Arena *a, const User *u, const ApplyInput *in, const Calendar *pCal,
                   Unit **ppUnit, int *peChannel, const char **pzSubmitted, char *zReceived,
                   const char **pzWhy, Err *err) {
    int rc;
    if ((rc = apply_check(a, in, err))) return rc;
    Unit *pUnit = NULL;
    if (!str_blank(in->zUnit)) {
        pUnit = unit_by_code(db, a, in->zUnit);
        if (!pUnit) return err_set(err, ZW_EINPUT, "unknown_unit", "受理单位不存在", NULL);
    } else if (u) {
        pUnit = unit_by_id(db, a, u->iUnit);
    }
    if (!pUnit) return err_set(err, ZW_EINPUT, "missing_field", "请选择受理申请的单位", NULL);
    int eChannel = in->zChannel ? apply_channel_parse(in->zChannel) : APPLY_CH_ONLINE;
    char zNow[17];
    now_local(zNow);
    const char *zSub = zNow;
    if (!u) {
        if (eChannel != APPLY_CH_ONLINE) {
            return err_set(err, ZW_EINPUT, "bad_channel", "网上提交的申请，渠道只能是 online（网络）", NULL);
        }
        if (in->zSubmitted) {
            return err_set(err, ZW_EINPUT, "bad_field", "网上提交的申请不能指定提交时间", NULL);
        }
    } else {
        if ((rc = auth_check(u, pUnit->id, ROLE_EDITOR, err))) return rc;
        if (!str_blank(in->zSubmitted)) {
            zSub = str_trim(a, in->zSubmitted);
            if (strlen(zSub) != 10 && strlen(zSub) != 16) {
                return err_set(err, ZW_EINPUT, "bad_date", "提交时间格式应为 YYYY-MM-DD 或 YYYY-MM-DD HH:MM", NULL);
            }
            if (strcmp(zSub, zNow) > 0 && strncmp(zSub, zNow, 10) > 0) {
                return err_set(err, ZW_EINPUT, "bad_date", "提交时间不能晚于今天", NULL);
            }
        }
    }
    if ((rc = apply_receipt_date(pCal, a, eChannel, zSub, day_end(db, a), zReceived, pzWhy, err))) {
        return rc;
    }
    *ppUnit = pUnit;
    *peChannel = eChannel;
    *pzSubmitted = arena_strdup(a, zSub);
    return ZW_OK;
}

int apply_submit(Db *db, Arena *a, const User *u, const ApplyInput *in, const char *zIp,
                 const char *zBaseUrl, Application **ppA, Err *err) {
    *ppA = NULL;
    Calendar cal;
    int rc = cal_load(db, a, &cal, err);
    if (rc) return rc;
    Unit *pUnit;
    int eChannel;
    const char *zSub, *zWhy;
    char zRecv[11], zNow[21], zToday[11], zCode[UTIL_CODE_LEN + 1];
    if ((rc = resolve(db, a, u, in, &cal, &pUnit, &eChannel, &zSub, zRecv, &zWhy, err))) return rc;
    util_iso_time(util_now(), zNow);
    util_iso_date(util_now(), zToday);
    if ((rc = db_begin(db))) return db_err(db, err);
    for (int i = 0;; i++) {
        util_code_new(zCode);
        Stmt st;
        db_prepare(db, &st, "SELECT 1 FROM application WHERE code=?1");
        db_bind_text(&st, 1, zCode);
        int r = db_step(&st);
        db_done(&st);
        if (r < 0) return finish(db, -r, err);
        if (r == 0) break;
        if (i == 3) die("apply: random codes keep clashing");
    }
    /* 案号: unit code, year of receipt, running number in that year. */
    Stmt st;
    db_prepare(db, &st,
               "SELECT count(*)+1 FROM application WHERE unit_id=?1 AND substr(received_on,1,4)=?2");
    db_bind_int(&st, 1, pUnit->id);
    db_bind_textn(&st, 2, zRecv, 4);
    int64_t nSeq = db_step(&st) == 1 ? db_col_int(&st, 0) : 1;
    db_done(&st);
    const char *zCaseNo = arena_printf(a, "%s-%.4s-%04lld", pUnit->zCode, zRecv, (long long)nSeq);
    const char *zDelivery = in->zDelivery ? in->zDelivery : !str_blank(in->zEmail) ? "email" : "pickup";
    db_prepare(db, &st,
               "INSERT INTO application(unit_id,case_no,code,channel,applicant_type,name,id_number,"
               "contact,phone,email,address,content,docno,form,delivery,consent,ip,submitted_at,"
               "received_on,created_at,created_by) VALUES(?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,"
               "?13,?14,?15,?16,?17,?18,?19,?20,?21)");
    db_bind_int(&st, 1, pUnit->id);
    db_bind_text(&st, 2, zCaseNo);
    db_bind_text(&st, 3, zCode);
    db_bind_text(&st, 4, apply_channel_name(eChannel));
    db_bind_text(&st, 5, in->zType);
    db_bind_text(&st, 6, clean(a, in->zName));
    db_bind_text(&st, 7, clean(a, in->zIdNumber));
    db_bind_text(&st, 8, clean(a, in->zContact));
    db_bind_text(&st, 9, clean(a, in->zPhone));
    db_bind_text(&st, 10, clean(a, in->zEmail));
    db_bind_text(&st, 11, clean(a, in->zAddress));
    db_bind_text(&st, 12, clean(a, in->zContent));
    db_bind_text(&st, 13, clean(a, in->zDocno));
    db_bind_text(&st, 14, in->zForm ? in->zForm : "electronic");
    db_bind_text(&st, 15, zDelivery);
    db_bind_int(&st, 16, in->bConsent ? 1 : 0);
    db_bind_text(&st, 17, zIp ? zIp : "");
    db_bind_text(&st, 18, zSub);
    db_bind_text(&st, 19, zRecv);
    db_bind_text(&st, 20, zNow);
    if (u) db_bind_int(&st, 21, u->id); else db_bind_null(&st, 21);
    rc = db_run(&st);
    db_done(&st);
    int64_t id = rc ? 0 : db_last_rowid(db), iEvent = 0;
    ApplyEvent e;
    memset(&e, 0, sizeof e);
    e.zOn = zRecv;
    e.zText = zWhy;
    e.zDetail = apply_channel_name(eChannel);
    if (!rc) rc = add_event(db, id, u, APPLY_EV_RECEIVED, &e, &iEvent);
    ApplyClock c;
    if (!rc) rc = refresh(db, a, &cal, id, zToday, &c, err);
    Application *p = rc ? NULL : apply_get(db, a, id);
    if (!rc && !p) rc = err_set(err, ZW_EDB, NULL, "数据不一致", "application row missing");
    if (!rc) {
        NoticeVars v;
        memset(&v, 0, sizeof v);
        v.zDate = zRecv;
        v.zDeadline = c.zDeadline;
        rc = issue_notice(db, a, p, "receipt", iEvent, &v, zBaseUrl, err);
    }
    if (!rc && u) {
        rc = audit_add(db, u, zIp, "application_received", arena_printf(a, "application:%lld", (long long)id),
                       apply_channel_name(eChannel));
    }
    if ((rc = finish(db, rc, err))) return rc;
    log_info("apply application=%lld unit=%s channel=%s received=%s deadline=%s", (long long)id,
             pUnit->zCode, apply_channel_name(eChannel), zRecv, c.zDeadline);
    *ppA = p;
    return ZW_OK;
}

int apply_fake_receipt(Db *db, Arena *a, const ApplyInput *in, Application **ppA, Err *err) {
    *ppA = NULL;
    Calendar cal;
    int rc = cal_load(db, a, &cal, err);
    if (rc) return rc;
    Unit *pUnit;
    int eChannel;
    const char *zSub, *zWhy;
    char zRecv[11];
    if ((rc = resolve(db, a, NULL, in, &cal, &pUnit, &eChannel, &zSub, zRecv, &zWhy, err))) return rc;
    Application *p = arena_zalloc(a, sizeof *p);
    char *zCode = arena_alloc(a, UTIL_CODE_LEN + 1);
    util_code_new(zCode);
    p->zCode = zCode;
    p->zCaseNo = arena_printf(a, "%s-%.4s-%04d", pUnit->zCode, zRecv, 1 + (int)(util_now() % 97));
    p->zUnitName = pUnit->zName;
    p->zReceivedOn = arena_strdup(a, zRecv);
    char *zDl = arena_alloc(a, 11);
    cal_add(&cal, zRecv, APPLY_REPLY_DAYS, zDl, NULL, NULL);
    p->zDeadline = zDl;
    p->zState = "processing";
    *ppA = p;
    return ZW_OK;
}

/* Today (China) into z[11]. */
static void today(char *z) {
    util_iso_date(util_now(), z);
}

static int conflict(Err *err, const char *zMsg) {
    return err_set(err, ZW_ECONFLICT, "bad_state", zMsg, NULL);
}

/* The 409 message for an action the state does not allow. */
static int state_conflict(Arena *a, const ApplyClock *c, int eKind, Err *err) {
    const char *zWhy;
    switch (c->eState) {
    case APPLY_ST_CORRECTION: zWhy = "该申请正在等待申请人补正"; break;
    case APPLY_ST_CONSULTING: zWhy = "该申请正在征求第三方意见，请先登记收到的意见"; break;
    case APPLY_ST_FEE: zWhy = "该申请正在等待申请人缴费"; break;
    case APPLY_ST_REPLIED: zWhy = "该申请已答复"; break;
    case APPLY_ST_DELIVERED: zWhy = "该申请已答复并送达"; break;
    default: zWhy = "该申请正在办理中"; break;
    }
    return conflict(err, arena_printf(a, "%s，不能进行“%s”操作", zWhy, apply_event_label(eKind)));
}

int apply_act(Db *db, Arena *a, const User *u, const char *zIp, int64_t id, int eKind,
              const ApplyAction *act, const char *zBaseUrl, Err *err) {
    int rc;
    char zToday[11];
    today(zToday);
    if (eKind < APPLY_EV_CORRECTION || eKind > APPLY_EV_DELIVER) {
        return err_set(err, ZW_ENOTFOUND, "not_found", "不支持的操作", NULL);
    }
    const char *zOn = zToday;
    if (!str_blank(act->zDate)) {
        zOn = str_trim(a, act->zDate);
        if (cal_day(zOn) < 0) return err_set(err, ZW_EINPUT, "bad_date", "日期格式应为 YYYY-MM-DD", NULL);
        if (strcmp(zOn, zToday) > 0) return err_set(err, ZW_EINPUT, "bad_date", "日期不能晚于今天", NULL);
    }
    Calendar cal;
    if ((rc = cal_load(db, a, &cal, err))) return rc;
    if ((rc = db_begin(db))) return db_err(db, err);
    Application *p = apply_get(db, a, id);
    if (!p) return finish(db, err_set(err, ZW_ENOTFOUND, "not_found", "该申请不存在", NULL), err);
    if ((rc = auth_check(u, p->iUnit, ROLE_EDITOR, err))) return finish(db, rc, err);
    ApplyEvent *aEv;
    int nEv;
    if ((rc = apply_events(db, a, id, &aEv, &nEv))) return finish(db, db_err(db, err), err);
    ApplyClock c;
    if ((rc = apply_clock(&cal, a, aEv, nEv, zToday, &c, err))) return finish(db, rc, err);

    /* 1. Does the state allow it (409)?  2. Is the input good (400)?  3. Dates (409). */
    ApplyEvent e;
    memset(&e, 0, sizeof e);
    e.zOn = zOn;
    NoticeVars v;
    memset(&v, 0, sizeof v);
    v.zDate = zOn;
    const char *zNotice = NULL, *zOutcome = NULL;
    int bPublish = 0;
    const ApplyEvent *pLastStop = NULL;
    for (int i = nEv - 1; i >= 0 && !pLastStop; i--) {
        int k = aEv[i].eKind;
        if (k == APPLY_EV_CORRECTION || k == APPLY_EV_CONSULT || k == APPLY_EV_FEE) pLastStop = &aEv[i];
    }
    switch (eKind) {
    case APPLY_EV_CORRECTION:
        if (c.eState != APPLY_ST_PROCESSING) return finish(db, state_conflict(a, &c, eKind, err), err);
        if (c.bCorrectionAsked) return finish(db, conflict(err, "补正只能要求一次，该申请已经要求过补正"), err);
        if (c.nConsult || c.bExtended || c.bFeeAsked) {
            return finish(db, conflict(err, "补正应在登记后、其他办理步骤之前一次性提出"), err);
        }
        if ((rc = field(a, act->zText, 1, APPLY_MAX_TEXT, 1, "需要补正的事项", err))) return finish(db, rc, err);
        if (act->nDays < 0 || act->nDays > 60) {
            return finish(db, err_set(err, ZW_EINPUT, "bad_days", "补正期限应为 1 到 60 个工作日", NULL), err);
        }
        if (strcmp(zOn, c.zCorrectionBy) > 0) {
            return finish(db, conflict(err, arena_printf(a, "补正告知应在收到申请之日起 7 个工作日内（%s 前）发出，"
                                                             "已超过期限", c.zCorrectionBy)), err);
        }
        e.nDays = act->nDays ? act->nDays : APPLY_CORRECTION_DAYS;
        e.zDue = arena_alloc(a, 11);
        cal_add(&cal, zOn, e.nDays, (char *)e.zDue, NULL, NULL);
        e.zText = clean(a, act->zText);
        zNotice = "correction";
        v.zPoints = e.zText;
        v.zCorrDue = e.zDue;
        break;
    case APPLY_EV_CORRECTED:
        if (c.eState != APPLY_ST_CORRECTION) {
            return finish(db, conflict(err, c.bCorrected ? "已经收到过补正后的申请"
                                                         : "该申请没有待补正的事项，不能登记收到补正"), err);
        }
        if ((rc = field(a, act->zText, 0, APPLY_MAX_TEXT, 1, "补正内容", err))) return finish(db, rc, err);
        if (pLastStop && strcmp(zOn, pLastStop->zDue) > 0) {
            return finish(db, conflict(err, arena_printf(a, "补正期限（%s）已过，申请人逾期未补正的，"
                                                             "请以“申请人无正当理由逾期不补正”答复", pLastStop->zDue)), err);
        }
        e.zText = clean(a, act->zText);
        break;
    case APPLY_EV_CONSULT:
        if (c.eState != APPLY_ST_PROCESSING) return finish(db, state_conflict(a, &c, eKind, err), err);
        if ((rc = field(a, act->zParty, 1, APPLY_MAX_LINE, 0, "征求意见的第三方或机关", err))) {
            return finish(db, rc, err);
        }
        if ((rc = field(a, act->zText, 0, APPLY_MAX_TEXT, 1, "说明", err))) return finish(db, rc, err);
        if (c.zDeadline[0] && strcmp(zOn, c.zDeadline) > 0) {
            return finish(db, conflict(err, "答复期限已过，不能再征求意见暂停期限"), err);
        }
        e.zDetail = clean(a, act->zParty);
        e.zText = clean(a, act->zText);
        e.zDue = arena_alloc(a, 11);
        cal_add(&cal, zOn, APPLY_CONSULT_DAYS, (char *)e.zDue, NULL, NULL);
        break;
    case APPLY_EV_CONSULTED:
        if (c.eState != APPLY_ST_CONSULTING) {
            return finish(db, conflict(err, "该申请没有正在征求的意见，不能登记收到意见"), err);
        }
        if ((rc = field(a, act->zText, 0, APPLY_MAX_TEXT, 1, "第三方意见", err))) return finish(db, rc, err);
        e.zText = clean(a, act->zText);
        break;
    case APPLY_EV_EXTEND:
        if (c.eState != APPLY_ST_PROCESSING) return finish(db, state_conflict(a, &c, eKind, err), err);
        if (c.bExtended) return finish(db, conflict(err, "答复期限只能延长一次"), err);
        if ((rc = field(a, act->zReason, 1, APPLY_MAX_TEXT, 1, "延长答复期限的理由", err))) {
            return finish(db, rc, err);
        }
        if (act->nDays < 0 || act->nDays > APPLY_EXTEND_MAX) {
            return finish(db, err_set(err, ZW_EINPUT, "bad_days", "延长的期限应为 1 到 20 个工作日（条例第三十三条）", NULL),
                          err);
        }
        if (c.zDeadline[0] && strcmp(zOn, c.zDeadline) > 0) {
            return finish(db, conflict(err, arena_printf(a, "答复期限（%s）已过，不能再延长", c.zDeadline)), err);
        }
        e.nDays = act->nDays ? act->nDays : APPLY_EXTEND_MAX;
        e.zText = clean(a, act->zReason);
        zNotice = "extension";
        v.zExtendDays = arena_printf(a, "%d", e.nDays);
        v.zReason = e.zText;
        break;
    case APPLY_EV_FEE: {
        if (c.eState != APPLY_ST_PROCESSING) return finish(db, state_conflict(a, &c, eKind, err), err);
        if (c.bFeeAsked) return finish(db, conflict(err, "已经发出过收费通知"), err);
        int bPages;
        if (act->zFeeBasis && strcmp(act->zFeeBasis, "piece") == 0) {
            bPages = 0;
        } else if (act->zFeeBasis && strcmp(act->zFeeBasis, "page") == 0) {
            bPages = 1;
        } else {
            return finish(db, err_set(err, ZW_EINPUT, "bad_basis", "计费方式应为 piece（按件）或 page（按量）", NULL), err);
        }
        if (act->nCount < 1 || act->nCount > 100000) {
            return finish(db, err_set(err, ZW_EINPUT, "bad_count", "件数或页数应为 1 到 100000 之间的整数", NULL), err);
        }
        int64_t nBand = 10;
        const char *zBand = setting_get(db, a, "apply_fee_band", NULL);
        if (zBand && (str_to_i64(zBand, &nBand) || nBand < 1 || nBand > 1000)) nBand = 10;
        const char *zHow;
        e.nAmount = apply_fee(a, bPages, act->nCount, (int)nBand, &zHow);
        if (e.nAmount == 0) {
            return finish(db, err_set(err, ZW_EINPUT, "free", bPages ? "30 页以内不收取信息处理费"
                                                                      : "每月 10 件以内不收取信息处理费", NULL), err);
        }
        if (c.zDeadline[0] && strcmp(zOn, c.zDeadline) > 0) {
            return finish(db, conflict(err, "收费通知应在答复期限内发出，答复期限已过"), err);
        }
        e.zBasis = zHow;
        e.zDetail = arena_printf(a, "%s:%lld", bPages ? "page" : "piece", (long long)act->nCount);
        e.zDue = arena_alloc(a, 11);
        cal_add(&cal, zOn, APPLY_PAY_DAYS, (char *)e.zDue, NULL, NULL);
        zNotice = "fee";
        v.zFeeHow = zHow;
        v.zAmount = arena_printf(a, "%lld", (long long)e.nAmount);
        v.zPayDue = e.zDue;
        break;
    }
    case APPLY_EV_PAID:
        if (c.eState != APPLY_ST_FEE) return finish(db, conflict(err, "该申请没有待缴的费用"), err);
        if (pLastStop && strcmp(zOn, pLastStop->zDue) > 0) {
            return finish(db, conflict(err, arena_printf(a, "缴费期限（%s）已过，申请人逾期未缴费的，请以"
                                                             "“申请人逾期未按收费通知要求缴纳费用”答复", pLastStop->zDue)), err);
        }
        break;
    case APPLY_EV_REPLY: {
        zOutcome = act->zOutcome;
        int bNoCorr = zOutcome && strcmp(zOutcome, "other_no_correction") == 0;
        int bNoFee = zOutcome && strcmp(zOutcome, "other_no_fee") == 0;
        if (c.eState == APPLY_ST_REPLIED || c.eState == APPLY_ST_DELIVERED) {
            return finish(db, conflict(err, "该申请已答复，不能重复答复"), err);
        }
        if (!zOutcome || !apply_outcome_label(zOutcome)) {
            return finish(db, err_set(err, ZW_EINPUT, "bad_outcome", "答复结果（outcome）应为年度报告表三中的结果代码之一，如 granted、partial、refused_secret",
                                      NULL), err);
        }
        if ((rc = field(a, act->zText, 1, APPLY_MAX_TEXT, 1, "答复内容", err))) return finish(db, rc, err);
        if ((rc = field(a, act->zBasis, 0, APPLY_MAX_LINE, 0, "法律依据", err))) return finish(db, rc, err);
        if (bNoCorr || bNoFee) {
            int eNeed = bNoCorr ? APPLY_ST_CORRECTION : APPLY_ST_FEE;
            if (c.eState != eNeed) {
                return finish(db, conflict(err, bNoCorr ? "该申请没有待补正的事项，不能以逾期不补正答复"
                                                        : "该申请没有待缴的费用，不能以逾期未缴费答复"), err);
            }
            if (!pLastStop || strcmp(zOn, pLastStop->zDue) <= 0) {
                return finish(db, conflict(err, arena_printf(a, "%s期限至 %s，期限届满后才能以逾期%s答复",
                                                             bNoCorr ? "补正" : "缴费",
                                                             pLastStop ? pLastStop->zDue : "",
                                                             bNoCorr ? "不补正" : "未缴费")), err);
            }
        } else if (c.eState != APPLY_ST_PROCESSING) {
            return finish(db, state_conflict(a, &c, eKind, err), err);
        }
        if (strcmp(zOutcome, "unavailable_unclear") == 0 && !c.bCorrected) {
            return finish(db, conflict(err, "“补正后申请内容仍不明确”只适用于已补正的申请"), err);
        }
        if (act->bPublish) {
            if (strcmp(zOutcome, "granted") != 0) {
                return finish(db, conflict(err, "只有“予以公开”的答复可以在答复公开栏公开"), err);
            }
            if (!p->bConsent) return finish(db, conflict(err, "申请人未同意公开答复内容，不能公开"), err);
            bPublish = 1;
        }
        e.zOutcome = zOutcome;
        e.zText = clean(a, act->zText);
        e.zBasis = str_blank(act->zBasis) ? apply_outcome_basis(zOutcome) : clean(a, act->zBasis);
        zNotice = "reply";
        v.zOutcome = apply_outcome_label(zOutcome);
        v.zText = e.zText;
        v.zBasis = e.zBasis;
        break;
    }
    case APPLY_EV_DELIVER:
        if (c.eState != APPLY_ST_REPLIED) {
            return finish(db, conflict(err, c.eState == APPLY_ST_DELIVERED ? "答复书已送达" : "尚未答复，不能登记送达"),
                          err);
        }
        if ((rc = field(a, act->zText, 0, APPLY_MAX_LINE, 0, "送达方式", err))) return finish(db, rc, err);
        e.zText = clean(a, act->zText);
        break;
    default:
        return finish(db, err_set(err, ZW_ENOTFOUND, "not_found", "不支持的操作", NULL), err);
    }
    /* Steps are recorded in order: not before the previous one. */
    if (strcmp(zOn, aEv[nEv - 1].zOn) < 0) {
        return finish(db, err_set(err, ZW_EINPUT, "bad_date",
                                  arena_printf(a, "日期不能早于上一步骤的日期（%s）", aEv[nEv - 1].zOn), NULL), err);
    }
    int64_t iEvent = 0;
    rc = add_event(db, id, u, eKind, &e, &iEvent);
    ApplyClock c2;
    if (!rc) rc = refresh(db, a, &cal, id, zToday, &c2, err);
    if (!rc && bPublish) {
        /* The register's copies: personal numbers masked, the applicant's name and
        ** contacts taken out. */
        const char *azOwn[] = {p->zName, p->zPhone, p->zEmail, p->zAddress, p->zIdNumber, p->zContact};
        const char *zC = p->zContent, *zA = e.zText;
        for (size_t i = 0; i < sizeof azOwn / sizeof azOwn[0]; i++) {
            if (strlen(azOwn[i]) < 2) continue;
            for (int k = 0; k < 2; k++) {
                const char *z = k ? zA : zC, *q;
                Str s;
                str_init(&s, a);
                while ((q = strstr(z, azOwn[i])) != NULL) {
                    str_append(&s, z, (size_t)(q - z));
                    str_puts(&s, "（申请人信息已隐去）");
                    z = q + strlen(azOwn[i]);
                }
                str_puts(&s, z);
                if (k) zA = str_cstr(&s); else zC = str_cstr(&s);
            }
        }
        zC = mask_text(a, zC, NULL);
        zA = mask_text(a, zA, NULL);
        if (!zC || !zA) rc = err_set(err, ZW_ETOOBIG, "too_big", "内容过长，无法公开", NULL);
        Stmt st;
        if (!rc) {
            db_prepare(db, &st, "UPDATE application SET published=1, pub_content=?2, pub_answer=?3 WHERE id=?1");
            db_bind_int(&st, 1, id);
            db_bind_text(&st, 2, zC);
            db_bind_text(&st, 3, zA);
            rc = db_run(&st);
            db_done(&st);
        }
    }
    if (!rc && zNotice) {
        v.zDeadline = c2.zDeadline;
        rc = issue_notice(db, a, p, zNotice, iEvent, &v, zBaseUrl, err);
    }
    if (!rc) {
        rc = audit_add(db, u, zIp, arena_printf(a, "application_%s", apply_event_name(eKind)),
                       arena_printf(a, "application:%lld", (long long)id), zOutcome ? zOutcome : "");
    }
    if ((rc = finish(db, rc, err))) return rc;
    log_info("apply application=%lld action=%s on=%s deadline=%s", (long long)id,
             apply_event_name(eKind), zOn, c2.zDeadline);
    return ZW_OK;
}

static const char *review_result(const char *z) {
    static const char *const az[][2] = {
        {"upheld", "维持"}, {"corrected", "纠正"}, {"other", "其他结果"}, {"pending", "尚未审结"},
    };
    for (int i = 0; z && i < 4; i++) {
        if (strcmp(z, az[i][0]) == 0 || strcmp(z, az[i][1]) == 0) return az[i][0];
    }
    if (z && strcmp(z, "结果维持") == 0) return "upheld";
    if (z && strcmp(z, "结果纠正") == 0) return "corrected";
    return NULL;
}

int apply_review(Db *db, Arena *a, const User *u, const char *zIp, int64_t id,
                 const ApplyReviewInput *in, Err *err) {
    int rc;
    char zToday[11], zNow[21];
    today(zToday);
    util_iso_time(util_now(), zNow);
    const char *zKind = NULL;
    if (in->zKind && (strcmp(in->zKind, "reconsideration") == 0 || strcmp(in->zKind, "行政复议") == 0)) {
        zKind = "reconsideration";
    } else if (in->zKind && (strcmp(in->zKind, "litigation") == 0 || strcmp(in->zKind, "行政诉讼") == 0)) {
        zKind = "litigation";
    }
    const char *zResult = review_result(in->zResult);
    const char *zFiled = str_blank(in->zDate) ? zToday : str_trim(a, in->zDate);
    const char *zDecided = str_blank(in->zDecidedOn) ? NULL : str_trim(a, in->zDecidedOn);
    if (!zKind) {
        return err_set(err, ZW_EINPUT, "bad_kind", "kind 应为 reconsideration（行政复议）或 litigation（行政诉讼）", NULL);
    }
    if (!zResult) {
        return err_set(err, ZW_EINPUT, "bad_result",
                       "result 应为 upheld（维持）、corrected（纠正）、other（其他结果）或 pending（尚未审结）", NULL);
    }
    if (cal_day(zFiled) < 0 || strcmp(zFiled, zToday) > 0 ||
        (zDecided && (cal_day(zDecided) < 0 || strcmp(zDecided, zFiled) < 0 || strcmp(zDecided, zToday) > 0))) {
        return err_set(err, ZW_EINPUT, "bad_date", "日期格式应为 YYYY-MM-DD，且不晚于今天、审结不早于受理", NULL);
    }
    if ((rc = field(a, in->zNote, 0, APPLY_MAX_TEXT, 1, "说明", err))) return rc;
    if (in->bAfterRecon && strcmp(zKind, "litigation") != 0) {
        return err_set(err, ZW_EINPUT, "bad_field", "只有行政诉讼才区分“复议后起诉”", NULL);
    }
    if ((rc = db_begin(db))) return db_err(db, err);
    Application *p = apply_get(db, a, id);
    if (!p) return finish(db, err_set(err, ZW_ENOTFOUND, "not_found", "该申请不存在", NULL), err);
    if ((rc = auth_check(u, p->iUnit, ROLE_EDITOR, err))) return finish(db, rc, err);
    Stmt st;
    if (in->id) {
        db_prepare(db, &st,
                   "UPDATE application_review SET kind=?3, after_reconsideration=?4, result=?5,"
                   " filed_on=?6, decided_on=?7, note=?8, updated_at=?9"
                   " WHERE id=?1 AND application_id=?2");
    } else {
        db_prepare(db, &st,
                   "INSERT INTO application_review(application_id,kind,after_reconsideration,result,"
                   "filed_on,decided_on,note,updated_at) VALUES(?2,?3,?4,?5,?6,?7,?8,?9)");
    }
    if (in->id) db_bind_int(&st, 1, in->id);
    db_bind_int(&st, 2, id);
    db_bind_text(&st, 3, zKind);
    db_bind_int(&st, 4, in->bAfterRecon ? 1 : 0);
    db_bind_text(&st, 5, zResult);
    db_bind_text(&st, 6, zFiled);
    db_bind_text(&st, 7, zDecided);
    db_bind_text(&st, 8, clean(a, in->zNote));
    db_bind_text(&st, 9, zNow);
    rc = db_run(&st);
    db_done(&st);
    if (!rc && in->id && db_changes(db) == 0) {
        return finish(db, err_set(err, ZW_ENOTFOUND, "not_found", "该复议或诉讼记录不存在", NULL), err);
    }
    ApplyEvent e;
    memset(&e, 0, sizeof e);
    e.zOn = zToday;
    e.zDetail = arena_printf(a, "%s:%s%s", zKind, zResult, in->bAfterRecon ? ":after_reconsideration" : "");
    e.zText = clean(a, in->zNote);
    if (!rc) rc = add_event(db, id, u, APPLY_EV_REVIEW, &e, NULL);
    if (!rc) rc = audit_add(db, u, zIp, "application_review", arena_printf(a, "application:%lld", (long long)id),
                            e.zDetail);
    return finish(db, rc, err);
}

/* ------------------------------------------------------------------ lists */

/* ?1 unit, ?2 state filter, ?3 due by. */
#define A_WHERE                                                                             \
    " WHERE (?1=0 OR x.unit_id=?1)"                                                         \
    " AND (?2 IS NULL OR (?2='open' AND x.state IN ('processing','correction','consulting','fee'))" \
    "  OR (?2='closed' AND x.state IN ('replied','delivered')) OR x.state=?2)"             \
    " AND (?3 IS NULL OR (x.deadline<=?3 AND x.state='processing'))"

int apply_list(Db *db, Arena *a, const ApplyQuery *q, Application **paA, int *pnA,
               int64_t *pnTotal) {
    Stmt st;
    int rc, n = 0;
    int64_t nPer = q->nPerPage < 1 ? 20 : q->nPerPage > 500 ? 500 : q->nPerPage;
    int64_t iPage = q->iPage < 1 ? 1 : q->iPage;
    *paA = NULL;
    *pnA = 0;
    if (pnTotal) {
        db_prepare(db, &st, "SELECT count(*)" A_FROM A_WHERE);
        db_bind_int(&st, 1, q->iUnit);
        db_bind_text(&st, 2, q->zState);
        db_bind_text(&st, 3, q->zDueBy);
        rc = db_step(&st);
        *pnTotal = rc == 1 ? db_col_int(&st, 0) : 0;
        db_done(&st);
        if (rc < 0) return -rc;
    }
    Application *aA = arena_alloc(a, sizeof *aA * (size_t)nPer);
    db_prepare(db, &st,
               "SELECT " A_COLS A_FROM A_WHERE
               " ORDER BY x.state IN ('replied','delivered'), x.deadline IS NULL,"
               " coalesce(x.deadline, x.pending_due), coalesce(x.replied_on,'') DESC, x.id DESC"
               " LIMIT ?4 OFFSET ?5");
    db_bind_int(&st, 1, q->iUnit);
    db_bind_text(&st, 2, q->zState);
    db_bind_text(&st, 3, q->zDueBy);
    db_bind_int(&st, 4, nPer);
    db_bind_int(&st, 5, (iPage - 1) * nPer);
    while ((rc = db_step(&st)) == 1) aA[n++] = *row(a, &st);
    db_done(&st);
    if (rc < 0) return -rc;
    *paA = aA;
    *pnA = n;
    return ZW_OK;
}

int apply_register(Db *db, Arena *a, int64_t iPage, int64_t nPer, Application **paA, int *pnA,
                   int64_t *pnTotal) {
    Stmt st;
    int rc, n = 0;
    if (nPer < 1 || nPer > 100) nPer = 20;
    if (iPage < 1) iPage = 1;
    db_prepare(db, &st, "SELECT count(*) FROM application WHERE published=1");
    rc = db_step(&st);
    *pnTotal = rc == 1 ? db_col_int(&st, 0) : 0;
    db_done(&st);
    if (rc < 0) return -rc;
    Application *aA = arena_alloc(a, sizeof *aA * (size_t)nPer);
    db_prepare(db, &st,
               "SELECT " A_COLS A_FROM " WHERE x.published=1 ORDER BY x.replied_on DESC, x.id DESC"
               " LIMIT ?1 OFFSET ?2");
    db_bind_int(&st, 1, nPer);
    db_bind_int(&st, 2, (iPage - 1) * nPer);
    while ((rc = db_step(&st)) == 1) aA[n++] = *row(a, &st);
    db_done(&st);
    if (rc < 0) return -rc;
    *paA = aA;
    *pnA = n;
    return ZW_OK;
}

int apply_counts(Db *db, int64_t iUnit, const char *zToday, const char *zSoon, ApplyCounts *p) {
    Stmt st;
    memset(p, 0, sizeof *p);
    db_prepare(db, &st,
               "SELECT count(*), count(CASE WHEN deadline<?2 THEN 1 END),"
               " count(CASE WHEN deadline>=?2 AND deadline<=?3 THEN 1 END),"
               " count(CASE WHEN state<>'processing' THEN 1 END)"
               " FROM application WHERE state IN ('processing','correction','consulting','fee')"
               " AND (?1=0 OR unit_id=?1)");
    db_bind_int(&st, 1, iUnit);
    db_bind_text(&st, 2, zToday);
    db_bind_text(&st, 3, zSoon);
    int rc = db_step(&st);
    if (rc == 1) {
        p->nOpen = db_col_int(&st, 0);
        p->nOverdue = db_col_int(&st, 1);
        p->nSoon = db_col_int(&st, 2);
        p->nStopped = db_col_int(&st, 3);
    }
    db_done(&st);
    return rc < 0 ? -rc : ZW_OK;
}

/* ---------------------------------------------------------------- re-dating */

/* SHA-256 of the holiday table, as hex into zSig[65]. */
static int calendar_sig(Db *db, char *zSig) {
    Stmt st;
    db_prepare(db, &st,
               "SELECT count(*) || ':' || coalesce(group_concat(date||kind||year, ','), '')"
               " FROM (SELECT date,kind,year FROM holiday ORDER BY date)");
    int r = db_step(&st);
    const char *z = r == 1 ? db_col_text(&st, 0) : "";
    util_sha256_hex(z, strlen(z), zSig);
    db_done(&st);
    return r < 0 ? -r : ZW_OK;
}

int apply_redate(Db *db, Arena *a, int *pnChanged, Err *err) {
    char zSig[65], zToday[11];
    int rc, nChanged = 0;
    if (pnChanged) *pnChanged = 0;
    if ((rc = calendar_sig(db, zSig))) return db_err(db, err);
    const char *zOld = setting_get(db, a, "apply_calendar_sig", NULL);
    if (zOld && strcmp(zOld, zSig) == 0) return ZW_OK;
    today(zToday);
    if ((rc = db_begin(db))) return db_err(db, err);
    /* Another worker may have done it while we waited for the lock. */
    zOld = setting_get(db, a, "apply_calendar_sig", NULL);
    if ((rc = calendar_sig(db, zSig))) return finish(db, db_err(db, err), err);
    if (zOld && strcmp(zOld, zSig) == 0) return finish(db, ZW_OK, err);
    Calendar cal;
    if ((rc = cal_load(db, a, &cal, err))) return finish(db, rc, err);
    Stmt st;
    int nCap = 64, nId = 0;
    int64_t *aId = arena_alloc(a, sizeof *aId * (size_t)nCap);
    const char **azDl = arena_alloc(a, sizeof *azDl * (size_t)nCap);
    db_prepare(db, &st,
               "SELECT id, coalesce(deadline,'') FROM application"
               " WHERE state IN ('processing','correction','consulting','fee') ORDER BY id");
    int r;
    while ((r = db_step(&st)) == 1) {
        if (nId == nCap) {
            aId = arena_grow(a, aId, sizeof *aId * (size_t)nCap, sizeof *aId * (size_t)nCap * 2);
            azDl = arena_grow(a, azDl, sizeof *azDl * (size_t)nCap, sizeof *azDl * (size_t)nCap * 2);
            nCap *= 2;
        }
        aId[nId] = db_col_int(&st, 0);
        azDl[nId++] = db_col_dup(a, &st, 1);
    }
    db_done(&st);
    if (r < 0) return finish(db, db_err(db, err), err);
    for (int i = 0; i < nId && !rc; i++) {
        ApplyClock c;
        ApplyEvent *aEv;
        int nEv;
        if ((rc = apply_events(db, a, aId[i], &aEv, &nEv))) {
            rc = db_err(db, err);
            break;
        }
        if ((rc = apply_clock(&cal, a, aEv, nEv, zToday, &c, err))) break;
        if (strcmp(c.zDeadline, azDl[i]) == 0) continue;
        ApplyEvent e;
        memset(&e, 0, sizeof e);
        e.zOn = strcmp(zToday, aEv[nEv - 1].zOn) >= 0 ? zToday : aEv[nEv - 1].zOn;
        e.zDetail = azDl[i];
        e.zText = c.zDeadline;
        if ((rc = add_event(db, aId[i], NULL, APPLY_EV_REDATED, &e, NULL))) {
            rc = db_err(db, err);
            break;
        }
        if ((rc = store_derived(db, aId[i], &c))) {
            rc = db_err(db, err);
            break;
        }
        log_info("apply application=%lld redated deadline=%s -> %s (calendar changed)",
                 (long long)aId[i], azDl[i], c.zDeadline);
        nChanged++;
    }
    if (!rc && setting_set(db, "apply_calendar_sig", zSig)) rc = db_err(db, err);
    if ((rc = finish(db, rc, err))) return rc;
    if (pnChanged) *pnChanged = nChanged;
    return ZW_OK;
}
