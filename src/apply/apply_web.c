// SPDX-License-Identifier: MIT
/*
** apply_web.c: 依申请公开 handlers.  Public applications arrive as JSON or as a form
** post with a form token (checked by auth_before); both are checked in the same
** order: valid input (400), the client's rate limit (429), then a filled honeypot gets
** a normal-looking receipt and nothing is stored.  Staff act through apply.c, which
** checks the unit and writes one transaction per action; reads of cases first re-date
** open cases if the calendar changed (apply_redate).  Pages render templates under
** templates/apply/.
*/
#include "apply_web.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "../auth/auth_web.h"
#include "../core/log.h"
#include "../core/util.h"
#include "../http/ratelimit.h"
#include "../publish/publish.h"
#include "../site/site.h"
#include "../web/page.h"
#include "apply.h"

#define APPLY_PER_PAGE 20
#define APPLY_ADMIN_PAGE 30
#define HONEYPOT_FIELD "website"

/* ---------------------------------------------------------------- helpers */

static RateRule rateRule;
static pthread_once_t rateOnce = PTHREAD_ONCE_INIT;

static void load_rate(void) {
    ratelimit_rule_env("ZWGK_APPLY_RATE", APPLY_RATE_DEFAULT, &rateRule);
}

static const RateRule *rate_rule(void) {
    pthread_once(&rateOnce, load_rate);
    return &rateRule;
}

/* Today (China) into zToday[11] and the date APPLY_SOON_DAYS working days later into
** zSoon[11]. */
static int today_and_soon(Req *req, char *zToday, char *zSoon) {
    util_iso_date(util_now(), zToday);
    Calendar cal;
    int rc = cal_load(req->db, req->a, &cal, &req->err);
    if (!rc) rc = cal_add(&cal, zToday, APPLY_SOON_DAYS, zSoon, NULL, &req->err);
    return rc;
}

/* Re-date open cases if the calendar changed; trouble is logged, not fatal. */
static void redate(Req *req) {
    Err err = {0};
    int n = 0;
    if (apply_redate(req->db, req->a, &n, &err) != ZW_OK) {
        log_warn("req=%llu apply redate failed: %s", (unsigned long long)req->id,
                 err.zLog ? err.zLog : err.zMsg ? err.zMsg : "?");
    } else if (n) {
        log_info("req=%llu apply redated %d open cases after a calendar change",
                 (unsigned long long)req->id, n);
    }
}

static const char *channel_label(const char *z) {
    return apply_channel_label(apply_channel_parse(z));
}

static const char *review_label(const char *z) {
    if (!z) return "";
    if (strcmp(z, "upheld") == 0) return "维持";
    if (strcmp(z, "corrected") == 0) return "纠正";
    if (strcmp(z, "other") == 0) return "其他结果";
    if (strcmp(z, "pending") == 0) return "尚未审结";
    return z;
}

static const char *delivery_label(const char *z) {
    if (z && strcmp(z, "email") == 0) return "电子邮件";
    if (z && strcmp(z, "post") == 0) return "邮寄";
    if (z && strcmp(z, "pickup") == 0) return "当面领取";
    return z ? z : "";
}

/* Unit options for a select; iSel selected. */
static int push_units(Req *req, TVal *d, int64_t iSel, int64_t iOnly) {
    Unit *aUnit;
    int nUnit;
    int rc = unit_list(req->db, req->a, &aUnit, &nUnit);
    if (rc) return rc;
    TVal *p = tv_list(d, "units");
    for (int i = 0; i < nUnit; i++) {
        if (iOnly && aUnit[i].id != iOnly) continue;
        TVal *t = tv_push(p);
        tv_str(t, "code", aUnit[i].zCode);
        tv_str(t, "name", aUnit[i].zName);
        tv_bool(t, "selected", aUnit[i].id == iSel);
    }
    return ZW_OK;
}

static void push_types(TVal *d, const char *zSel) {
    static const char *const az[] = {"natural", "commercial", "research", "social_welfare",
                                     "legal_service", "other_org"};
    TVal *p = tv_list(d, "types");
    for (int i = 0; i < 6; i++) {
        TVal *t = tv_push(p);
        tv_str(t, "code", az[i]);
        tv_str(t, "label", apply_type_label(az[i]));
        tv_bool(t, "selected", zSel && strcmp(zSel, az[i]) == 0);
    }
}

/* The input as posted by a form. */
static void form_input(Req *req, ApplyInput *in) {
    memset(in, 0, sizeof *in);
    in->zUnit = http_form(req, "unit");
    in->zType = http_form(req, "applicant_type");
    in->zName = http_form(req, "name");
    in->zIdNumber = http_form(req, "id_number");
    in->zContact = http_form(req, "contact");
    in->zPhone = http_form(req, "phone");
    in->zEmail = http_form(req, "email");
    in->zAddress = http_form(req, "address");
    in->zContent = http_form(req, "content");
    in->zDocno = http_form(req, "docno");
    in->zForm = http_form(req, "form");
    in->zDelivery = http_form(req, "delivery");
    const char *z = http_form(req, "consent");
    in->bConsent = z && *z;
    if (in->zForm && !*in->zForm) in->zForm = NULL;
    if (in->zDelivery && !*in->zDelivery) in->zDelivery = NULL;
}

/* The values of in under key "v" (to show a form again). */
static void input_values(TVal *d, const ApplyInput *in) {
    TVal *v = tv_child(d, "v");
    tv_str(v, "name", in->zName);
    tv_str(v, "id_number", in->zIdNumber);
    tv_str(v, "contact", in->zContact);
    tv_str(v, "phone", in->zPhone);
    tv_str(v, "email", in->zEmail);
    tv_str(v, "address", in->zAddress);
    tv_str(v, "content", in->zContent);
    tv_str(v, "docno", in->zDocno);
    tv_bool(v, "consent", in->bConsent);
    tv_bool(v, "form_paper", in->zForm && strcmp(in->zForm, "paper") == 0);
    tv_bool(v, "delivery_post", in->zDelivery && strcmp(in->zDelivery, "post") == 0);
    tv_bool(v, "delivery_pickup", in->zDelivery && strcmp(in->zDelivery, "pickup") == 0);
}

/* ------------------------------------------------------------ JSON output */

static void kv(Str *s, const char *zKey, const char *zVal) {
    str_putc(s, ',');
    str_json(s, zKey);
    str_putc(s, ':');
    str_json(s, zVal);
}

/* kv with "" written as null. */
static void kv_opt(Str *s, const char *zKey, const char *zVal) {
    kv(s, zKey, zVal && zVal[0] ? zVal : NULL);
}

static void row_json(Str *s, const Application *p, const char *zToday) {
    int bOpen = strcmp(p->zState, "replied") && strcmp(p->zState, "delivered");
    str_appendf(s, "{\"id\":%lld", (long long)p->id);
    kv(s, "case_no", p->zCaseNo);
    kv(s, "unit", p->zUnitCode);
    kv(s, "channel", p->zChannel);
    kv(s, "applicant_type", p->zType);
    kv(s, "name", p->zName);
    kv(s, "received_on", p->zReceivedOn);
    kv(s, "state", p->zState);
    kv(s, "state_label", apply_state_label(p->zState));
    kv_opt(s, "deadline", p->zDeadline);
    kv_opt(s, "pending_due", p->zPendingDue);
    kv_opt(s, "outcome", p->zOutcome);
    str_appendf(s, ",\"overdue\":%s",
                bOpen && p->zDeadline[0] && strcmp(p->zDeadline, zToday) < 0 ? "true" : "false");
    str_appendf(s, ",\"url\":\"/api/v1/applications/%lld\"}", (long long)p->id);
}

static const char *day_kind(char c) {
    switch (c) {
    case 'c': return "counted";
    case 'w': return "weekend";
    case 'h': return "holiday";
    default: return "paused";
    }
}

static void case_json(Req *req, Str *s, const Application *p, const ApplyClock *c) {
    str_appendf(s, "{\"id\":%lld", (long long)p->id);
    kv(s, "case_no", p->zCaseNo);
    kv(s, "code", p->zCode);
    kv(s, "unit", p->zUnitCode);
    kv(s, "unit_name", p->zUnitName);
    kv(s, "channel", p->zChannel);
    kv(s, "applicant_type", p->zType);
    str_puts(s, ",\"applicant\":{\"name\":");
    str_json(s, p->zName);
    kv(s, "id_number", p->zIdNumber);
    kv(s, "contact", p->zContact);
    kv(s, "phone", p->zPhone);
    kv(s, "email", p->zEmail);
    kv(s, "address", p->zAddress);
    str_putc(s, '}');
    kv(s, "content", p->zContent);
    kv(s, "docno", p->zDocno);
    kv(s, "form", p->zForm);
    kv(s, "delivery", p->zDelivery);
    str_appendf(s, ",\"consent\":%s", p->bConsent ? "true" : "false");
    kv(s, "submitted_at", p->zSubmittedAt);
    kv(s, "received_on", p->zReceivedOn);
    kv(s, "entered_by", p->zCreatedBy[0] ? p->zCreatedBy : NULL);
    kv(s, "state", apply_state_name(c->eState));
    kv(s, "state_label", apply_state_label(apply_state_name(c->eState)));
    kv_opt(s, "deadline", c->zDeadline);
    kv_opt(s, "deadline_flag", c->trace.bUnknownYear ? "unknown_year" : NULL);
    str_appendf(s, ",\"open\":%s,\"stopped\":%s,\"overdue\":%s", c->bOpen ? "true" : "false",
                c->bStopped ? "true" : "false", c->bOverdue ? "true" : "false");
    kv(s, "clock_start", c->zStart);
    kv(s, "correction_by", c->zCorrectionBy);
    kv_opt(s, "pending_due", c->zPendingDue);
    str_appendf(s, ",\"lapsed\":%s,\"budget_days\":%d,\"extended_days\":%d,\"used_days\":%d,"
                   "\"paused_days\":%d",
                c->bLapsed ? "true" : "false", c->nBudget, c->nExtend, c->nUsed, c->nPaused);
    kv(s, "deadline_explained", apply_clock_text(req->a, c));
    str_puts(s, ",\"deadline_steps\":[");
    for (int i = 0; i < c->nLine; i++) {
        if (i) str_putc(s, ',');
        str_json(s, c->azLine[i]);
    }
    str_puts(s, "],\"deadline_days\":[");
    for (int i = 0; i < c->nDay; i++) {
        char z[11];
        cal_date(c->aDay[i].iDay, z);
        str_appendf(s, "%s{\"date\":\"%s\"", i ? "," : "", z);
        kv(s, "weekday", apply_weekday(c->aDay[i].iDay));
        kv(s, "kind", day_kind(c->aDay[i].cKind));
        if (c->aDay[i].n) str_appendf(s, ",\"n\":%d", c->aDay[i].n);
        if (c->aDay[i].zNote) kv(s, "note", c->aDay[i].zNote);
        str_putc(s, '}');
    }
    str_putc(s, ']');
    kv_opt(s, "outcome", c->zOutcome);
    kv(s, "outcome_label", c->zOutcome ? apply_outcome_label(c->zOutcome) : NULL);
    kv_opt(s, "replied_on", c->zReplied);
    str_appendf(s, ",\"published\":%s", p->bPublished ? "true" : "false");
    ApplyEvent *aEv;
    int nEv;
    str_puts(s, ",\"events\":[");
    if (apply_events(req->db, req->a, p->id, &aEv, &nEv) == ZW_OK) {
        for (int i = 0; i < nEv; i++) {
            const ApplyEvent *e = &aEv[i];
            str_appendf(s, "%s{\"id\":%lld", i ? "," : "", (long long)e->id);
            kv(s, "kind", apply_event_name(e->eKind));
            kv(s, "label", apply_event_label(e->eKind));
            kv(s, "date", e->zOn);
            kv(s, "at", e->zAt);
            kv_opt(s, "by", e->zBy);
            if (e->nDays) str_appendf(s, ",\"days\":%d", e->nDays);
            kv_opt(s, "due", e->zDue);
            if (e->nAmount) str_appendf(s, ",\"amount\":%lld", (long long)e->nAmount);
            kv_opt(s, "outcome", e->zOutcome);
            kv_opt(s, "text", e->zText);
            kv_opt(s, "basis", e->zBasis);
            kv_opt(s, "detail", e->zDetail);
            str_putc(s, '}');
        }
    }
    str_puts(s, "],\"notices\":[");
    ApplyNotice *aN;
    int nN;
    if (apply_notices(req->db, req->a, p->id, &aN, &nN) == ZW_OK) {
        for (int i = 0; i < nN; i++) {
            str_appendf(s, "%s{\"id\":%lld", i ? "," : "", (long long)aN[i].id);
            kv(s, "kind", aN[i].zKind);
            kv(s, "title", aN[i].zTitle);
            kv(s, "created_at", aN[i].zCreatedAt);
            str_appendf(s, ",\"mailed\":%s", aN[i].bMailed ? "true" : "false");
            kv(s, "text", aN[i].zBody);
            str_putc(s, '}');
        }
    }
    str_puts(s, "],\"reviews\":[");
    ApplyReview *aR;
    int nR;
    if (apply_reviews(req->db, req->a, p->id, &aR, &nR) == ZW_OK) {
        for (int i = 0; i < nR; i++) {
            str_appendf(s, "%s{\"id\":%lld", i ? "," : "", (long long)aR[i].id);
            kv(s, "kind", aR[i].zKind);
            str_appendf(s, ",\"after_reconsideration\":%s", aR[i].bAfterRecon ? "true" : "false");
            kv(s, "result", aR[i].zResult);
            kv(s, "result_label", review_label(aR[i].zResult));
            kv(s, "filed_on", aR[i].zFiledOn);
            kv_opt(s, "decided_on", aR[i].zDecidedOn);
            kv_opt(s, "note", aR[i].zNote);
            str_putc(s, '}');
        }
    }
    str_appendf(s, "],\"status_url\":\"/ysqgk/%s\",\"admin_url\":\"/admin/applications/%lld\"}",
                p->zCode, (long long)p->id);
}

/* Load case id for the request's user (404, 401, 403) and its clock as of today. */
static int load_case(Req *req, int64_t id, Application **ppA, ApplyClock *c) {
    *ppA = apply_get(req->db, req->a, id);
    if (!*ppA) return http_fail(req, ZW_ENOTFOUND, "not_found", "该申请不存在");
    int rc = auth_check(page_user(req), (*ppA)->iUnit, ROLE_EDITOR, &req->err);
    if (rc) {
        if (rc == ZW_EPERM) req->err.zMsg = "依申请公开案件只有受理单位的工作人员和管理员可以查看";
        return rc;
    }
    char zToday[11];
    util_iso_date(util_now(), zToday);
    return apply_clock_case(req->db, req->a, id, zToday, c, &req->err);
}

static int reply_case(Req *req, int64_t id, int status) {
    Application *p;
    ApplyClock c;
    int rc = load_case(req, id, &p, &c);
    if (rc) return rc;
    http_json_reply(req, status);
    case_json(req, &req->out, p, &c);
    return ZW_OK;
}

/* ----------------------------------------------------------- public: form */

static int form_page(Req *req, const ApplyInput *in, const Application *pDone, const char *zError) {
    TVal *d = page_data(req, pDone ? "申请已提交" : "政府信息公开申请", "ysqgk");
    if (pDone) {
        char zPretty[16];
        util_code_pretty(pDone->zCode, zPretty);
        TVal *r = tv_child(d, "receipt");
        tv_str(r, "code", zPretty);
        tv_str(r, "url", arena_printf(req->a, "/ysqgk/%s", pDone->zCode));
        tv_str(r, "case_no", pDone->zCaseNo);
        tv_str(r, "unit", pDone->zUnitName);
        tv_str(r, "received", pDone->zReceivedOn);
        tv_str(r, "deadline", pDone->zDeadline);
    } else {
        TVal *f = tv_child(d, "form");
        tv_str(f, "token", auth_form_token(req));
        tv_str(f, "error", zError);
        Unit *pSel = in && in->zUnit ? unit_by_code(req->db, req->a, in->zUnit) : NULL;
        int rc = push_units(req, f, pSel ? pSel->id : 0, 0);
        if (rc) return rc;
        push_types(f, in ? in->zType : "natural");
        if (in) input_values(f, in);
        tv_int(f, "max_content", APPLY_MAX_CONTENT);
    }
    req->bNoCache = 1;
    http_add_header(req, "Cache-Control", "no-store");
    return page_render(req, "apply/form.html", d);
}

int apply_form_page(Req *req) {
    const char *zArg = http_arg(req, "code");
    if (zArg) {
        char zCode[UTIL_CODE_LEN + 1];
        if (util_code_parse(zArg, zCode) != 0) {
            return http_fail(req, ZW_EINPUT, "bad_code", "查询码格式不正确：应为 12 位字母和数字");
        }
        return http_redirect(req, arena_printf(req->a, "/ysqgk/%s", zCode));
    }
    return form_page(req, NULL, NULL, NULL);
}

/* Checks shared by both public entry points: input (400), then the rate limit (429). */
static int precheck(Req *req, const ApplyInput *in, const char *zTrap) {
    int rc = apply_check(req->a, in, &req->err);
    if (!rc && in->zChannel && apply_channel_parse(in->zChannel) != APPLY_CH_ONLINE) {
        rc = http_fail(req, ZW_EINPUT, "bad_channel", "网上提交的申请，渠道只能是 online（网络）");
    }
    if (!rc && in->zSubmitted) rc = http_fail(req, ZW_EINPUT, "bad_field", "网上提交的申请不能指定提交时间");
    if (!rc) rc = ratelimit_check(req, "apply", rate_rule());
    if (!rc && zTrap && *zTrap) {
        log_info("req=%llu apply honeypot filled; dropped", (unsigned long long)req->id);
    }
    return rc;
}

int apply_form_post(Req *req) {
    ApplyInput in;
    form_input(req, &in);
    const char *zTrap = http_form(req, HONEYPOT_FIELD);
    Application *p = NULL;
    int rc = precheck(req, &in, zTrap);
    if (!rc) {
        rc = zTrap && *zTrap ? apply_fake_receipt(req->db, req->a, &in, &p, &req->err)
                             : apply_submit(req->db, req->a, NULL, &in, req->zIp, site_base_url(), &p,
                                            &req->err);
    }
    if (rc == ZW_EINPUT || rc == ZW_ELIMIT) {
        req->status = err_http_status(rc);
        return form_page(req, &in, NULL, req->err.zMsg);
    }
    if (rc) return rc;
    return form_page(req, NULL, p, NULL);
}

static int jbool(Req *req, const char *zKey, int *pb) {
    *pb = 0;
    if (json_get_bool(req->pJson, zKey, pb) < 0) {
        return http_fail(req, ZW_EINPUT, "bad_field", arena_printf(req->a, "字段 %s 应为 true 或 false", zKey));
    }
    return ZW_OK;
}

static int jint(Req *req, const char *zKey, int64_t iMax, int64_t *pn) {
    *pn = 0;
    int r = json_get_int(req->pJson, zKey, pn);
    if (r < 0 || *pn < 0 || *pn > iMax) {
        return http_fail(req, ZW_EINPUT, "bad_field",
                         arena_printf(req->a, "字段 %s 应为 0 到 %lld 之间的整数", zKey, (long long)iMax));
    }
    return ZW_OK;
}

int apply_api_submit(Req *req) {
    ApplyInput in;
    memset(&in, 0, sizeof in);
    const char *zTrap = NULL;
    int rc = http_json_body(req);
    static const char *const azKey[] = {"unit", "channel", "submitted_at", "applicant_type", "name",
                                        "id_number", "contact", "phone", "email", "address",
                                        "content", "docno", "form", "delivery", HONEYPOT_FIELD};
    const char **apz[] = {&in.zUnit, &in.zChannel, &in.zSubmitted, &in.zType, &in.zName,
                          &in.zIdNumber, &in.zContact, &in.zPhone, &in.zEmail, &in.zAddress,
                          &in.zContent, &in.zDocno, &in.zForm, &in.zDelivery, &zTrap};
    for (size_t i = 0; !rc && i < sizeof azKey / sizeof azKey[0]; i++) rc = http_json_str(req, azKey[i], apz[i]);
    if (!rc) rc = jbool(req, "consent", &in.bConsent);
    if (rc) return rc;
    User *u = page_user(req);
    Application *p;
    if (u) {
        /* Staff entry: letters, faxes, counter visits, or online on someone's behalf. */
        if ((rc = apply_submit(req->db, req->a, u, &in, req->zIp, site_base_url(), &p, &req->err))) {
            return rc;
        }
        http_cache_bump();
        return reply_case(req, p->id, 201);
    }
    if ((rc = precheck(req, &in, zTrap))) return rc;
    rc = zTrap && *zTrap ? apply_fake_receipt(req->db, req->a, &in, &p, &req->err)
                         : apply_submit(req->db, req->a, NULL, &in, req->zIp, site_base_url(), &p,
                                        &req->err);
    if (rc) return rc;
    http_json_reply(req, 201);
    Str *s = &req->out;
    str_puts(s, "{\"code\":");
    str_json(s, p->zCode);
    kv(s, "case_no", p->zCaseNo);
    kv(s, "received_on", p->zReceivedOn);
    kv(s, "deadline", p->zDeadline);
    kv(s, "state", "processing");
    str_appendf(s, ",\"url\":\"/ysqgk/%s\"}", p->zCode);
    return ZW_OK;
}

/* ----------------------------------------------------------- public: pages */

int apply_track(Req *req) {
    char zCode[UTIL_CODE_LEN + 1], zPretty[16], zToday[11];
    int bDone, rc = page_code_arg(req, "/ysqgk/", zCode, &bDone);
    if (rc || bDone) return rc;
    redate(req);
    Application *p = apply_by_code(req->db, req->a, zCode);
    if (!p) return http_fail(req, ZW_ENOTFOUND, "not_found", "查询码不存在，请核对后重新输入");
    util_iso_date(util_now(), zToday);
    ApplyClock c;
    rc = apply_clock_case(req->db, req->a, p->id, zToday, &c, &req->err);
    if (rc) return rc;
    util_code_pretty(p->zCode, zPretty);
    http_add_header(req, "X-Robots-Tag", "noindex");
    http_add_header(req, "Cache-Control", "no-store");
    req->bNoCache = 1;
    TVal *d = page_data(req, "政府信息公开申请办理情况", "ysqgk");
    TVal *t = tv_child(d, "case");
    tv_str(t, "code", zPretty);
    tv_str(t, "case_no", p->zCaseNo);
    tv_str(t, "unit", p->zUnitName);
    tv_str(t, "channel", channel_label(p->zChannel));
    tv_str(t, "received", p->zReceivedOn);
    tv_str(t, "state_label", apply_state_label(apply_state_name(c.eState)));
    tv_str(t, "deadline", c.zDeadline[0] ? c.zDeadline : NULL);
    tv_bool(t, "stopped", c.bStopped);
    tv_bool(t, "overdue", c.bOverdue);
    tv_bool(t, "open", c.bOpen);
    tv_str(t, "pending_due", c.zPendingDue[0] ? c.zPendingDue : NULL);
    tv_str(t, "outcome", c.zOutcome ? apply_outcome_label(c.zOutcome) : NULL);
    tv_str(t, "replied", c.zReplied[0] ? c.zReplied : NULL);
    TVal *pl = tv_list(t, "explained");
    for (int i = 0; i < c.nLine; i++) tv_push_str(pl, c.azLine[i]);
    ApplyEvent *aEv;
    int nEv;
    if ((rc = apply_events(req->db, req->a, p->id, &aEv, &nEv))) return rc;
    TVal *pe = tv_list(t, "events");
    for (int i = 0; i < nEv; i++) {
        if (aEv[i].eKind == APPLY_EV_REVIEW) continue;
        TVal *e = tv_push(pe);
        tv_str(e, "date", aEv[i].zOn);
        tv_str(e, "label", apply_event_label(aEv[i].eKind));
        tv_str(e, "due", aEv[i].zDue[0] ? aEv[i].zDue : NULL);
        if (aEv[i].nDays && aEv[i].eKind == APPLY_EV_EXTEND) tv_int(e, "days", aEv[i].nDays);
    }
    ApplyNotice *aN;
    int nN;
    if ((rc = apply_notices(req->db, req->a, p->id, &aN, &nN))) return rc;
    TVal *pn = tv_list(t, "notices");
    for (int i = 0; i < nN; i++) {
        TVal *n = tv_push(pn);
        tv_str(n, "title", aN[i].zTitle);
        tv_str(n, "date", page_date(req->a, aN[i].zCreatedAt));
        tv_str(n, "text", aN[i].zBody);
    }
    return page_render(req, "apply/track.html", d);
}

int apply_register_page(Req *req) {
    int64_t iPage;
    int rc = http_arg_int(req, "page", 1, 100000, 1, &iPage);
    if (rc) return rc;
    Application *aA;
    int nA;
    int64_t nTotal;
    if ((rc = apply_register(req->db, req->a, iPage, APPLY_PER_PAGE, &aA, &nA, &nTotal))) return rc;
    if (iPage > 1 && nA == 0) return http_fail(req, ZW_ENOTFOUND, "not_found", "页码超出范围");
    TVal *d = page_data(req, "依申请公开答复公开", "ysqgk");
    TVal *pl = tv_list(d, "rows");
    for (int i = 0; i < nA; i++) {
        TVal *t = tv_push(pl);
        tv_str(t, "case_no", aA[i].zCaseNo);
        tv_str(t, "unit", aA[i].zUnitName);
        tv_str(t, "replied", aA[i].zRepliedOn);
        tv_str(t, "outcome", apply_outcome_label(aA[i].zOutcome));
        tv_str(t, "content", aA[i].zPubContent);
        tv_str(t, "answer", aA[i].zPubAnswer);
    }
    tv_int(d, "total", nTotal);
    page_pager(req, d, iPage, APPLY_PER_PAGE, nTotal, "/ysqgk/register");
    return page_render(req, "apply/register.html", d);
}

/* --------------------------------------------------------------- staff: API */

static int state_arg(Req *req, const char *z, const char **pzState) {
    static const char *const az[] = {"open", "closed", "processing", "correction", "consulting",
                                     "fee", "replied", "delivered"};
    *pzState = NULL;
    if (!z || !*z || strcmp(z, "all") == 0) return ZW_OK;
    for (size_t i = 0; i < sizeof az / sizeof az[0]; i++) {
        if (strcmp(z, az[i]) == 0) {
            *pzState = az[i];
            return ZW_OK;
        }
    }
    return http_fail(req, ZW_EINPUT, "bad_parameter",
                     "参数 state 应为 open、closed、all 或 processing、correction、consulting、fee、replied、delivered");
}

int apply_api_list(Req *req) {
    User *u = page_user(req);
    ApplyQuery q;
    memset(&q, 0, sizeof q);
    int rc = unit_scope(req->db, req->a, u, http_arg(req, "unit"), &q.iUnit, &req->err);
    if (!rc) rc = state_arg(req, http_arg(req, "state"), &q.zState);
    if (!rc) rc = http_arg_int(req, "page", 1, 100000, 1, &q.iPage);
    if (!rc) rc = http_arg_int(req, "per_page", 1, 100, 20, &q.nPerPage);
    if (rc) return rc;
    redate(req);
    Application *aA;
    int nA;
    int64_t nTotal;
    if ((rc = apply_list(req->db, req->a, &q, &aA, &nA, &nTotal))) return rc;
    char zToday[11];
    util_iso_date(util_now(), zToday);
    http_json_reply(req, 200);
    Str *s = &req->out;
    str_appendf(s, "{\"total\":%lld,\"page\":%lld,\"per_page\":%lld,\"applications\":[",
                (long long)nTotal, (long long)q.iPage, (long long)q.nPerPage);
    for (int i = 0; i < nA; i++) {
        if (i) str_putc(s, ',');
        row_json(s, &aA[i], zToday);
    }
    str_puts(s, "]}");
    return ZW_OK;
}

int apply_api_get(Req *req) {
    redate(req);
    return reply_case(req, req->aiArg[0], 200);
}

/* "review" from JSON or a form. */
static int do_review(Req *req, int bJson) {
    ApplyReviewInput in;
    memset(&in, 0, sizeof in);
    int rc = ZW_OK;
    if (bJson) {
        if ((rc = http_json_body(req))) return rc;
        const char **apz[] = {&in.zKind, &in.zResult, &in.zDate, &in.zDecidedOn, &in.zNote};
        static const char *const azKey[] = {"kind", "result", "date", "decided_on", "note"};
        for (size_t i = 0; !rc && i < 5; i++) rc = http_json_str(req, azKey[i], apz[i]);
        if (!rc) rc = jbool(req, "after_reconsideration", &in.bAfterRecon);
        if (!rc) rc = jint(req, "id", INT64_MAX / 2, &in.id);
        if (rc) return rc;
    } else {
        in.zKind = http_form(req, "kind");
        in.zResult = http_form(req, "result");
        in.zDate = http_form(req, "date");
        in.zDecidedOn = http_form(req, "decided_on");
        in.zNote = http_form(req, "note");
        const char *z = http_form(req, "after_reconsideration");
        in.bAfterRecon = z && *z;
    }
    return apply_review(req->db, req->a, page_user(req), req->zIp, req->aiArg[0], &in, &req->err);
}

/* The action kind of a URL segment, or 0. */
static int action_kind(const char *z) {
    int e = apply_event_parse(z);
    return e >= APPLY_EV_CORRECTION && e <= APPLY_EV_DELIVER ? e : 0;
}

int apply_api_action(Req *req) {
    const char *zAction = req->azArg[0];
    int rc;
    if (strcmp(zAction, "review") == 0) {
        if ((rc = do_review(req, 1))) return rc;
        return reply_case(req, req->aiArg[0], 200);
    }
    int eKind = action_kind(zAction);
    if (!eKind) return http_fail(req, ZW_ENOTFOUND, "not_found", "不支持的操作");
    ApplyAction x;
    memset(&x, 0, sizeof x);
    if (req->nBody || req->pJson) {
        if ((rc = http_json_body(req))) return rc;
        const char **apz[] = {&x.zDate, &x.zText, &x.zReason, &x.zOutcome, &x.zParty};
        static const char *const azKey[] = {"date", "text", "reason", "outcome", "party"};
        for (size_t i = 0; i < 5; i++) {
            if ((rc = http_json_str(req, azKey[i], apz[i]))) return rc;
        }
        /* "basis": the fee's basis (piece|page) for /fee, the legal basis for /reply. */
        if ((rc = http_json_str(req, "basis", eKind == APPLY_EV_FEE ? &x.zFeeBasis : &x.zBasis))) return rc;
        int64_t n;
        if ((rc = jint(req, "days", 1000, &n))) return rc;
        x.nDays = (int)n;
        if ((rc = jint(req, "count", 1000000, &x.nCount))) return rc;
        if ((rc = jbool(req, "publish", &x.bPublish))) return rc;
    }
    rc = apply_act(req->db, req->a, page_user(req), req->zIp, req->aiArg[0], eKind, &x,
                   site_base_url(), &req->err);
    if (rc) return rc;
    if (x.bPublish) http_cache_bump();
    return reply_case(req, req->aiArg[0], 200);
}

/* ------------------------------------------------------------ staff: pages */

static User *need_staff(Req *req, int *pRc) {
    User *u = page_user(req);
    *pRc = u ? ZW_OK : http_redirect(req, "/admin/login");
    return u;
}

static void push_rows(Req *req, TVal *pl, const Application *aA, int nA, const char *zToday,
                      const char *zSoon) {
    for (int i = 0; i < nA; i++) {
        const Application *p = &aA[i];
        int bRunning = strcmp(p->zState, "processing") == 0 && p->zDeadline[0];
        int bOverdue = bRunning && strcmp(p->zDeadline, zToday) < 0;
        TVal *t = tv_push(pl);
        tv_int(t, "id", p->id);
        tv_str(t, "url", arena_printf(req->a, "/admin/applications/%lld", (long long)p->id));
        tv_str(t, "case_no", p->zCaseNo);
        tv_str(t, "unit", p->zUnitName);
        tv_str(t, "name", p->zName);
        tv_str(t, "type", apply_type_label(p->zType));
        tv_str(t, "channel", channel_label(p->zChannel));
        tv_str(t, "content", p->zContent);
        tv_str(t, "received", p->zReceivedOn);
        tv_str(t, "state_label", apply_state_label(p->zState));
        tv_str(t, "deadline", p->zDeadline[0] ? p->zDeadline : NULL);
        tv_str(t, "pending_due", p->zPendingDue[0] ? p->zPendingDue : NULL);
        tv_str(t, "outcome", p->zOutcome[0] ? apply_outcome_label(p->zOutcome) : NULL);
        tv_bool(t, "overdue", bOverdue);
        tv_bool(t, "soon", bRunning && !bOverdue && strcmp(p->zDeadline, zSoon) <= 0);
    }
}

int apply_admin_list(Req *req) {
    int rc;
    User *u = need_staff(req, &rc);
    if (!u) return rc;
    ApplyQuery q;
    memset(&q, 0, sizeof q);
    const char *zState = http_arg(req, "state");
    if (!zState) zState = "open";
    if ((rc = unit_scope(req->db, req->a, u, http_arg(req, "unit"), &q.iUnit, &req->err))) return rc;
    if ((rc = state_arg(req, zState, &q.zState))) return rc;
    if ((rc = http_arg_int(req, "page", 1, 100000, 1, &q.iPage))) return rc;
    q.nPerPage = APPLY_ADMIN_PAGE;
    redate(req);
    char zToday[11], zSoon[11];
    if ((rc = today_and_soon(req, zToday, zSoon))) return rc;
    Application *aA;
    int nA;
    int64_t nTotal;
    if ((rc = apply_list(req->db, req->a, &q, &aA, &nA, &nTotal))) return rc;
    ApplyCounts k;
    if ((rc = apply_counts(req->db, q.iUnit, zToday, zSoon, &k))) return rc;
    TVal *d = page_data(req, "依申请公开", "applications");
    push_rows(req, tv_list(d, "rows"), aA, nA, zToday, zSoon);
    tv_int(d, "total", nTotal);
    tv_int(d, "n_open", k.nOpen);
    tv_int(d, "n_overdue", k.nOverdue);
    tv_int(d, "n_soon", k.nSoon);
    tv_int(d, "n_stopped", k.nStopped);
    tv_str(d, "today", zToday);
    tv_str(d, "soon", zSoon);
    tv_bool(d, arena_printf(req->a, "filter_%s", q.zState ? q.zState : "all"), 1);
    const char *zUnitArg = http_arg(req, "unit");
    tv_str(d, "unit_code", zUnitArg && *zUnitArg ? zUnitArg : NULL);
    if (u->eRole == ROLE_ADMIN) {
        /* Per unit: open, overdue, due soon. */
        Unit *aUnit;
        int nUnit;
        if ((rc = unit_list(req->db, req->a, &aUnit, &nUnit))) return rc;
        TVal *pu = tv_list(d, "per_unit");
        TVal *ps = tv_list(d, "units");
        for (int i = 0; i < nUnit; i++) {
            ApplyCounts ku;
            if ((rc = apply_counts(req->db, aUnit[i].id, zToday, zSoon, &ku))) return rc;
            TVal *s = tv_push(ps);
            tv_str(s, "code", aUnit[i].zCode);
            tv_str(s, "name", aUnit[i].zName);
            tv_bool(s, "selected", aUnit[i].id == q.iUnit);
            if (!ku.nOpen) continue;
            TVal *t = tv_push(pu);
            tv_str(t, "code", aUnit[i].zCode);
            tv_str(t, "name", aUnit[i].zName);
            tv_int(t, "open", ku.nOpen);
            tv_int(t, "overdue", ku.nOverdue);
            tv_int(t, "soon", ku.nSoon);
            tv_int(t, "stopped", ku.nStopped);
        }
        tv_bool(d, "admin_view", 1);
    }
    Str base;
    str_init(&base, req->a);
    str_appendf(&base, "/admin/applications?state=%s", q.zState ? q.zState : "all");
    if (zUnitArg && *zUnitArg) {
        str_puts(&base, "&unit=");
        str_url(&base, zUnitArg);
    }
    page_pager(req, d, q.iPage, APPLY_ADMIN_PAGE, nTotal, str_cstr(&base));
    req->bNoCache = 1;
    return page_render(req, "apply/admin_list.html", d);
}

static int new_page(Req *req, User *u, const ApplyInput *in, const char *zError) {
    TVal *d = page_data(req, "登记政府信息公开申请", "applications");
    if (zError) tv_str(d, "error", zError);
    Unit *pSel = in && in->zUnit ? unit_by_code(req->db, req->a, in->zUnit) : NULL;
    int rc = push_units(req, d, pSel ? pSel->id : u->iUnit, u->eRole == ROLE_ADMIN ? 0 : u->iUnit);
    if (rc) return rc;
    push_types(d, in ? in->zType : "natural");
    if (in) input_values(d, in);
    const char *zCh = in && in->zChannel ? in->zChannel : "letter";
    TVal *pc = tv_list(d, "channels");
    for (int i = 1; i <= 4; i++) {
        TVal *t = tv_push(pc);
        tv_str(t, "code", apply_channel_name(i));
        tv_str(t, "label", apply_channel_label(i));
        tv_bool(t, "selected", strcmp(zCh, apply_channel_name(i)) == 0);
    }
    tv_str(d, "submitted", in ? in->zSubmitted : NULL);
    req->bNoCache = 1;
    return page_render(req, "apply/admin_new.html", d);
}

int apply_admin_new(Req *req) {
    int rc;
    User *u = need_staff(req, &rc);
    if (!u) return rc;
    return new_page(req, u, NULL, NULL);
}

int apply_admin_create(Req *req) {
    int rc;
    User *u = need_staff(req, &rc);
    if (!u) return rc;
    ApplyInput in;
    form_input(req, &in);
    in.zChannel = http_form(req, "channel");
    in.zSubmitted = http_form(req, "submitted_at");
    if (in.zSubmitted && !*in.zSubmitted) in.zSubmitted = NULL;
    Application *p;
    rc = apply_submit(req->db, req->a, u, &in, req->zIp, site_base_url(), &p, &req->err);
    if (rc == ZW_EINPUT || rc == ZW_EPERM) {
        req->status = err_http_status(rc);
        return new_page(req, u, &in, req->err.zMsg);
    }
    if (rc) return rc;
    return http_redirect(req, arena_printf(req->a, "/admin/applications/%lld?ok=received", (long long)p->id));
}

static int case_page(Req *req, int64_t id, const char *zError) {
    int rc;
    User *u = need_staff(req, &rc);
    if (!u) return rc;
    redate(req);
    Application *p;
    ApplyClock c;
    if ((rc = load_case(req, id, &p, &c))) return rc;
    char zToday[11];
    util_iso_date(util_now(), zToday);
    TVal *d = page_data(req, arena_printf(req->a, "申请 %s", p->zCaseNo), "applications");
    if (zError) tv_str(d, "error", zError);
    const char *zOk = http_arg(req, "ok");
    if (zOk) tv_str(d, "ok", "已保存。");
    TVal *t = tv_child(d, "case");
    char zPretty[16];
    util_code_pretty(p->zCode, zPretty);
    tv_int(t, "id", p->id);
    tv_str(t, "case_no", p->zCaseNo);
    tv_str(t, "code", zPretty);
    tv_str(t, "track_url", arena_printf(req->a, "/ysqgk/%s", p->zCode));
    tv_str(t, "unit", p->zUnitName);
    tv_str(t, "channel", channel_label(p->zChannel));
    tv_str(t, "type", apply_type_label(p->zType));
    tv_str(t, "name", p->zName);
    tv_str(t, "id_number", p->zIdNumber);
    tv_str(t, "contact", p->zContact);
    tv_str(t, "phone", p->zPhone);
    tv_str(t, "email", p->zEmail);
    tv_str(t, "address", p->zAddress);
    tv_str(t, "content", p->zContent);
    tv_str(t, "docno", p->zDocno);
    tv_str(t, "form", strcmp(p->zForm, "paper") == 0 ? "纸质" : "电子");
    tv_str(t, "delivery", delivery_label(p->zDelivery));
    tv_bool(t, "consent", p->bConsent);
    tv_str(t, "submitted", p->zSubmittedAt);
    tv_str(t, "received", p->zReceivedOn);
    tv_str(t, "entered_by", p->zCreatedBy[0] ? p->zCreatedBy : NULL);
    tv_str(t, "state_label", apply_state_label(apply_state_name(c.eState)));
    tv_str(t, "deadline", c.zDeadline[0] ? c.zDeadline : NULL);
    tv_bool(t, "stopped", c.bStopped);
    tv_bool(t, "overdue", c.bOverdue);
    tv_bool(t, "lapsed", c.bLapsed);
    tv_str(t, "pending_due", c.zPendingDue[0] ? c.zPendingDue : NULL);
    tv_str(t, "correction_by", c.zCorrectionBy);
    tv_bool(t, "unknown_year", c.trace.bUnknownYear);
    tv_str(t, "outcome", c.zOutcome ? apply_outcome_label(c.zOutcome) : NULL);
    tv_bool(t, "published", p->bPublished);
    TVal *pl = tv_list(t, "explained");
    for (int i = 0; i < c.nLine; i++) tv_push_str(pl, c.azLine[i]);
    TVal *pd = tv_list(t, "days");
    static const char *const azKind[] = {"c", "计入", "w", "周末", "h", "节假日", "p", "暂停"};
    for (int i = 0; i < c.nDay; i++) {
        char z[11];
        cal_date(c.aDay[i].iDay, z);
        TVal *x = tv_push(pd);
        tv_str(x, "date", z);
        tv_str(x, "weekday", apply_weekday(c.aDay[i].iDay));
        for (int k = 0; k < 8; k += 2) {
            if (azKind[k][0] == c.aDay[i].cKind) tv_str(x, "kind", azKind[k + 1]);
        }
        tv_str(x, "class", arena_printf(req->a, "apply-day-%c", c.aDay[i].cKind));
        if (c.aDay[i].n) tv_int(x, "n", c.aDay[i].n);
        tv_str(x, "note", c.aDay[i].zNote);
    }
    ApplyEvent *aEv;
    int nEv;
    if ((rc = apply_events(req->db, req->a, id, &aEv, &nEv))) return rc;
    TVal *pe = tv_list(t, "events");
    for (int i = 0; i < nEv; i++) {
        const ApplyEvent *e = &aEv[i];
        TVal *x = tv_push(pe);
        tv_str(x, "date", e->zOn);
        tv_str(x, "label", apply_event_label(e->eKind));
        tv_str(x, "by", e->zBy[0] ? e->zBy : NULL);
        tv_str(x, "at", page_date(req->a, e->zAt));
        tv_str(x, "due", e->zDue[0] ? e->zDue : NULL);
        if (e->nDays) tv_int(x, "days", e->nDays);
        if (e->nAmount) tv_int(x, "amount", e->nAmount);
        tv_str(x, "outcome", e->zOutcome[0] ? apply_outcome_label(e->zOutcome) : NULL);
        tv_str(x, "text", e->eKind == APPLY_EV_RECEIVED ? NULL : e->zText);
        tv_str(x, "basis", e->zBasis);
        tv_str(x, "detail", e->eKind == APPLY_EV_CONSULT ? e->zDetail : NULL);
    }
    ApplyNotice *aN;
    int nN;
    if ((rc = apply_notices(req->db, req->a, id, &aN, &nN))) return rc;
    TVal *pn = tv_list(t, "notices");
    for (int i = 0; i < nN; i++) {
        TVal *x = tv_push(pn);
        tv_str(x, "title", aN[i].zTitle);
        tv_str(x, "date", page_date(req->a, aN[i].zCreatedAt));
        tv_bool(x, "mailed", aN[i].bMailed);
        tv_str(x, "text", aN[i].zBody);
    }
    ApplyReview *aR;
    int nR;
    if ((rc = apply_reviews(req->db, req->a, id, &aR, &nR))) return rc;
    TVal *pr = tv_list(t, "reviews");
    for (int i = 0; i < nR; i++) {
        TVal *x = tv_push(pr);
        tv_str(x, "kind", strcmp(aR[i].zKind, "litigation") == 0
                              ? (aR[i].bAfterRecon ? "行政诉讼（复议后起诉）" : "行政诉讼（未经复议直接起诉）")
                              : "行政复议");
        tv_str(x, "result", review_label(aR[i].zResult));
        tv_str(x, "filed", aR[i].zFiledOn);
        tv_str(x, "decided", aR[i].zDecidedOn[0] ? aR[i].zDecidedOn : NULL);
        tv_str(x, "note", aR[i].zNote);
    }
    /* Which actions the state allows (the server checks again). */
    int bProc = c.eState == APPLY_ST_PROCESSING;
    TVal *pa = tv_child(t, "can");
    tv_bool(pa, "correction", bProc && !c.bCorrectionAsked && !c.nConsult && !c.bExtended && !c.bFeeAsked &&
                                  strcmp(zToday, c.zCorrectionBy) <= 0);
    tv_bool(pa, "corrected", c.eState == APPLY_ST_CORRECTION);
    tv_bool(pa, "consult", bProc);
    tv_bool(pa, "consulted", c.eState == APPLY_ST_CONSULTING);
    tv_bool(pa, "extend", bProc && !c.bExtended);
    tv_bool(pa, "fee", bProc && !c.bFeeAsked);
    tv_bool(pa, "paid", c.eState == APPLY_ST_FEE);
    tv_bool(pa, "reply", bProc || (c.bLapsed && (c.eState == APPLY_ST_CORRECTION || c.eState == APPLY_ST_FEE)));
    tv_bool(pa, "deliver", c.eState == APPLY_ST_REPLIED);
    tv_bool(pa, "publish", p->bConsent);
    TVal *po = tv_list(t, "outcomes");
    for (int i = 0; apply_azOutcome[i]; i++) {
        TVal *x = tv_push(po);
        tv_str(x, "code", apply_azOutcome[i]);
        tv_str(x, "label", apply_outcome_label(apply_azOutcome[i]));
    }
    tv_str(d, "today", zToday);
    req->bNoCache = 1;
    return page_render(req, "apply/admin_case.html", d);
}

int apply_admin_case(Req *req) {
    return case_page(req, req->aiArg[0], NULL);
}

int apply_admin_action(Req *req) {
    int rc;
    User *u = need_staff(req, &rc);
    if (!u) return rc;
    const char *zAction = req->azArg[0];
    int64_t id = req->aiArg[0];
    int bPublish = 0;
    if (strcmp(zAction, "review") == 0) {
        rc = do_review(req, 0);
    } else {
        int eKind = action_kind(zAction);
        if (!eKind) return http_fail(req, ZW_ENOTFOUND, "not_found", "不支持的操作");
        ApplyAction x;
        memset(&x, 0, sizeof x);
        x.zDate = http_form(req, "date");
        x.zText = http_form(req, "text");
        x.zReason = http_form(req, "reason");
        x.zOutcome = http_form(req, "outcome");
        x.zParty = http_form(req, "party");
        if (eKind == APPLY_EV_FEE) x.zFeeBasis = http_form(req, "basis"); else x.zBasis = http_form(req, "basis");
        int64_t n;
        const char *z = http_form(req, "days");
        if (z && *z && (str_to_i64(z, &n) || n < 0 || n > 1000)) {
            return case_page(req, id, "天数应为整数");
        }
        x.nDays = z && *z ? (int)n : 0;
        z = http_form(req, "count");
        if (z && *z && (str_to_i64(z, &x.nCount) || x.nCount < 0)) return case_page(req, id, "件数或页数应为整数");
        z = http_form(req, "publish");
        x.bPublish = bPublish = z && *z;
        if (x.zDate && !*x.zDate) x.zDate = NULL;
        rc = apply_act(req->db, req->a, u, req->zIp, id, eKind, &x, site_base_url(), &req->err);
    }
    if (rc == ZW_EINPUT || rc == ZW_ECONFLICT) {
        req->status = err_http_status(rc);
        return case_page(req, id, req->err.zMsg);
    }
    if (rc) return rc;
    if (bPublish) http_cache_bump();
    return http_redirect(req, arena_printf(req->a, "/admin/applications/%lld?ok=%s", (long long)id,
                                           apply_event_parse(zAction) ? zAction : "review"));
}

static int templates_page(Req *req, const char *zError, const char *zOk) {
    int rc;
    User *u = need_staff(req, &rc);
    if (!u) return rc;
    if (u->eRole != ROLE_ADMIN) return http_fail(req, ZW_EPERM, "forbidden", "只有管理员可以修改文书模板");
    TVal *d = page_data(req, "依申请公开文书模板", "applications");
    if (zError) tv_str(d, "error", zError);
    if (zOk) tv_str(d, "ok", zOk);
    TVal *pl = tv_list(d, "templates");
    for (int i = 0; apply_azTemplate[i]; i++) {
        const char *zTitle = "", *zBody = "";
        apply_template_get(req->db, req->a, apply_azTemplate[i], &zTitle, &zBody);
        TVal *t = tv_push(pl);
        tv_str(t, "kind", apply_azTemplate[i]);
        tv_str(t, "label", apply_template_label(apply_azTemplate[i]));
        tv_str(t, "title", zTitle);
        tv_str(t, "body", zBody);
    }
    req->bNoCache = 1;
    return page_render(req, "apply/admin_templates.html", d);
}

int apply_admin_templates(Req *req) {
    return templates_page(req, NULL, http_arg(req, "ok") ? "模板已保存，新生成的文书将使用新模板。" : NULL);
}

int apply_admin_template_save(Req *req) {
    int rc;
    User *u = need_staff(req, &rc);
    if (!u) return rc;
    rc = apply_template_set(req->db, req->a, u, req->zIp, http_form(req, "kind"), http_form(req, "title"),
                            http_form(req, "body"), &req->err);
    if (rc == ZW_EINPUT) {
        req->status = 400;
        return templates_page(req, req->err.zMsg, NULL);
    }
    if (rc) return rc;
    return http_redirect(req, "/admin/applications/templates?ok=1");
}

int apply_dashboard(Req *req, const User *u, TVal *d) {
    char zToday[11], zSoon[11];
    int rc = today_and_soon(req, zToday, zSoon);
    if (rc) return rc;
    redate(req);
    ApplyQuery q;
    memset(&q, 0, sizeof q);
    q.zState = "open";
    q.iUnit = u->eRole == ROLE_ADMIN ? 0 : u->iUnit;
    q.zDueBy = zSoon;
    q.iPage = 1;
    q.nPerPage = 10;
    Application *aA;
    int nA;
    int64_t nDue;
    if ((rc = apply_list(req->db, req->a, &q, &aA, &nA, &nDue))) return rc;
    ApplyCounts k;
    if ((rc = apply_counts(req->db, q.iUnit, zToday, zSoon, &k))) return rc;
    TVal *c = tv_child(d, "apply");
    tv_int(c, "n_open", k.nOpen);
    tv_int(c, "n_overdue", k.nOverdue);
    tv_int(c, "n_soon", k.nSoon);
    tv_int(c, "n_stopped", k.nStopped);
    push_rows(req, tv_list(c, "due"), aA, nA, zToday, zSoon);
    return ZW_OK;
}
