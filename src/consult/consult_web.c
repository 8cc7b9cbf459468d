// SPDX-License-Identifier: MIT
/*
** consult_web.c: 政策咨询 handlers.  Public questions arrive as JSON (the API) or as a
** form post with a form token; both are checked in the same order: the item takes
** questions, the input is valid (400), the client is under its rate limit (429),
** then a filled honeypot gets a normal-looking receipt and nothing is stored.
** Staff act through consult.c, which checks the unit and writes one transaction;
** after a public change this file bumps the page cache.  Pages render templates
** under templates/site/ and templates/admin/.
*/
#include "consult_web.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "../auth/auth_web.h"
#include "../core/log.h"
#include "../core/util.h"
#include "../http/ratelimit.h"
#include "../publish/publish.h"
#include "../site/site.h"
#include "../text/mask.h"
#include "../web/page.h"
#include "consult.h"

#define CONSULT_ITEM_QA 50    /* answers shown on an item page */
#define CONSULT_PER_PAGE 20   /* public Q&A list */
#define CONSULT_ADMIN_PAGE 30 /* back-office queue */
#define CONSULT_SOON_DAYS 2   /* "due soon": within this many working days */
#define HONEYPOT_FIELD "website"

/* ---------------------------------------------------------------- settings */

static RateRule rateRule;
static pthread_once_t rateOnce = PTHREAD_ONCE_INIT;

static void load_rate(void) {
    ratelimit_rule_env("ZWGK_CONSULT_RATE", CONSULT_RATE_DEFAULT, &rateRule);
    log_info("consult rate limit %d per %d s per address", rateRule.nMax, rateRule.nSeconds);
}

static const RateRule *rate_rule(void) {
    pthread_once(&rateOnce, load_rate);
    return &rateRule;
}

/* Today (China time) into zToday[11], and the date CONSULT_SOON_DAYS working days
** later into zSoon[11] (NULL: not needed). */
static int today_and_soon(Req *req, char *zToday, char *zSoon) {
    util_iso_date(util_now(), zToday);
    if (!zSoon) return ZW_OK;
    Calendar cal;
    int rc = cal_load(req->db, req->a, &cal, &req->err);
    if (!rc) rc = cal_add(&cal, zToday, CONSULT_SOON_DAYS, zSoon, NULL, &req->err);
    return rc;
}

/* ------------------------------------------------------------- row helpers */

static const char *item_url(Req *req, int64_t iItem) {
    return arena_printf(req->a, "/items/%lld", (long long)iItem);
}

/* Published Q&A rows: masked texts only. */
static void push_qa(Req *req, TVal *pList, const Question *aQ, int nQ, int bWithItem) {
    for (int i = 0; i < nQ; i++) {
        const Question *q = &aQ[i];
        TVal *t = tv_push(pList);
        tv_int(t, "id", q->id);
        tv_str(t, "question", q->zPubQuestion);
        tv_str(t, "answer", q->zPubAnswer);
        tv_str(t, "asked", q->zReceivedOn);
        tv_str(t, "answered", page_date(req->a, q->zAnsweredAt));
        tv_str(t, "unit", q->zUnitName);
        if (bWithItem) {
            tv_str(t, "item_title", q->zItemTitle);
            tv_str(t, "item_url", item_url(req, q->iItem));
        }
    }
}

/* Staff rows: everything, with deadline marks.  The row of question iFailed (0: none)
** gets back the text just posted for it (after a refused post). */
static void push_staff(Req *req, TVal *pList, const Question *aQ, int nQ, const char *zToday,
                       const char *zSoon, int64_t iFailed) {
    for (int i = 0; i < nQ; i++) {
        const Question *q = &aQ[i];
        int bOpen = strcmp(q->zState, "open") == 0;
        int bOverdue = bOpen && strcmp(q->zDue, zToday) < 0;
        TVal *t = tv_push(pList);
        tv_int(t, "id", q->id);
        tv_str(t, "item_title", q->zItemTitle);
        tv_str(t, "item_url", item_url(req, q->iItem));
        tv_str(t, "unit", q->zUnitName);
        tv_str(t, "name", q->zName);
        tv_str(t, "email", q->zEmail);
        tv_str(t, "question", q->zQuestion);
        tv_str(t, "received", q->zReceivedOn);
        tv_str(t, "due", q->zDue);
        tv_bool(t, "overdue", bOverdue);
        tv_bool(t, "soon", bOpen && !bOverdue && zSoon && strcmp(q->zDue, zSoon) <= 0);
        tv_str(t, "state", q->zState);
        tv_str(t, "state_label", consult_state_label(q->zState));
        tv_bool(t, "open", bOpen);
        tv_bool(t, "answered", strcmp(q->zState, "answered") == 0);
        tv_bool(t, "private", strcmp(q->zState, "private") == 0);
        tv_str(t, "answer", q->zAnswer);
        tv_str(t, "pub_answer", q->zPubAnswer);
        tv_str(t, "answered_on", page_date(req->a, q->zAnsweredAt));
        tv_str(t, "answered_by", q->zAnsweredBy);
        tv_str(t, "reason", q->zPrivateReason);
        tv_str(t, "closed_on", page_date(req->a, q->zClosedAt));
        if (q->id == iFailed) {
            tv_str(t, "draft_answer", http_form(req, "answer"));
            tv_str(t, "draft_reason", http_form(req, "reason"));
            tv_str(t, "draft_reply", http_form(req, "reply"));
        }
    }
}

static void question_json(Str *s, const Question *q, const char *zToday) {
    str_appendf(s, "{\"id\":%lld,\"item\":%lld,\"code\":", (long long)q->id, (long long)q->iItem);
    str_json(s, q->zCode);
#define KV(k, v)                                                                               \
    do {                                                                                       \
        str_puts(s, ",\"" k "\":");                                                            \
        str_json(s, (v));                                                                      \
    } while (0)
#define KV_OPT(k, v) KV(k, (v)[0] ? (v) : NULL)
    KV("item_title", q->zItemTitle);
    KV("unit", q->zUnitCode);
    KV("state", q->zState);
    KV("name", q->zName);
    KV("email", q->zEmail);
    KV("question", q->zQuestion);
    KV("received_at", q->zReceivedAt);
    KV("received_on", q->zReceivedOn);
    KV("due", q->zDue);
    str_appendf(s, ",\"overdue\":%s",
                strcmp(q->zState, "open") == 0 && strcmp(q->zDue, zToday) < 0 ? "true" : "false");
    KV_OPT("answer", q->zAnswer);
    KV_OPT("answered_at", q->zAnsweredAt);
    KV_OPT("answered_by", q->zAnsweredBy);
    KV_OPT("public_question", q->zPubQuestion);
    KV_OPT("public_answer", q->zPubAnswer);
    KV_OPT("private_reason", q->zPrivateReason);
    KV_OPT("closed_at", q->zClosedAt);
#undef KV_OPT
#undef KV
    str_appendf(s, ",\"url\":\"/items/%lld\",\"status_url\":\"/zx/%s\"}", (long long)q->iItem,
                q->zCode);
}

/* ------------------------------------------------------------ public: form */

/* The question form under c: action, a fresh form token, the values to show again
** (in, may be NULL) and an error (may be NULL). */
static void add_form(Req *req, TVal *c, int64_t iItem, const QuestionInput *in,
                     const char *zError) {
    TVal *f = tv_child(c, "form");
    tv_str(f, "action", arena_printf(req->a, "/items/%lld/questions", (long long)iItem));
    tv_str(f, "token", auth_form_token(req));
    tv_int(f, "due_days", consult_due_days(req->db, req->a));
    tv_int(f, "max_question", CONSULT_MAX_QUESTION);
    tv_int(f, "max_name", CONSULT_MAX_NAME);
    tv_int(f, "max_email", CONSULT_MAX_EMAIL);
    tv_str(f, "error", zError);
    if (in) {
        tv_str(f, "name", in->zName);
        tv_str(f, "email", in->zEmail);
        tv_str(f, "question", in->zQuestion);
    }
}

int consult_item_page(Req *req, int64_t iItem, TVal *pItem) {
    Err err = {0};
    int64_t iUnit;
    int rc = consult_item_open(req->db, req->a, iItem, &iUnit, NULL, &err);
    if (rc == ZW_EDB || rc == ZW_EBUSY) {
        req->err = err;
        return rc;
    }
    if (rc) return ZW_OK; /* not a policy or interpretation: no block */
    QuestionQuery q;
    memset(&q, 0, sizeof q);
    q.iItem = iItem;
    q.bPublic = 1;
    q.iPage = 1;
    q.nPerPage = CONSULT_ITEM_QA;
    Question *aQ;
    int nQ;
    int64_t nTotal;
    if ((rc = consult_list(req->db, req->a, &q, &aQ, &nQ, &nTotal))) return rc;
    TVal *c = tv_child(pItem, "consult");
    push_qa(req, tv_list(c, "qa"), aQ, nQ, 0);
    tv_int(c, "n_qa", nTotal);
    Unit *pUnit = unit_by_id(req->db, req->a, iUnit);
    if (pUnit) {
        tv_str(c, "unit", pUnit->zName);
        tv_str(c, "unit_url", arena_printf(req->a, "/gk/%s/zx/", pUnit->zCode));
    }
    add_form(req, c, iItem, NULL, NULL);
    /* The page carries a form token: browsers must revalidate rather than reuse an old
    ** copy (the page cache itself keeps no entry past the clock hour, see http.h). */
    http_add_header(req, "Cache-Control", "no-cache");
    return ZW_OK;
}

/* The reply page of the question form: the receipt (q) or the form again (in, with
** zError). */
static int ask_page(Req *req, int64_t iItem, const char *zTitle, const QuestionInput *in,
                    const Question *q, const char *zError) {
    TVal *d = page_data(req, q ? "咨询已提交" : "政策咨询", "gk");
    TVal *c = tv_child(d, "consult");
    tv_str(c, "item_title", zTitle);
    tv_str(c, "item_url", item_url(req, iItem));
    if (q) {
        char zPretty[16];
        util_code_pretty(q->zCode, zPretty);
        TVal *r = tv_child(c, "receipt");
        tv_str(r, "code", zPretty);
        tv_str(r, "url", arena_printf(req->a, "/zx/%s", q->zCode));
        tv_str(r, "received", q->zReceivedOn);
        tv_str(r, "due", q->zDue);
    } else {
        add_form(req, c, iItem, in, zError);
    }
    req->bNoCache = 1;
    return page_render(req, "site/consult_ask.html", d);
}

/* The common checks of both entry points, in order: the item takes questions, the
** input is valid, the client is under its limit (a request refused before the limit
** takes nothing from it).  A filled trap field is only logged here: the caller then
** answers with a fake receipt. */
static int precheck(Req *req, int64_t iItem, const QuestionInput *in, const char *zTrap,
                    const char **pzTitle) {
    int rc = consult_item_open(req->db, req->a, iItem, NULL, pzTitle, &req->err);
    if (!rc) rc = consult_check(req->a, in, &req->err);
    if (!rc) rc = ratelimit_check(req, "consult", rate_rule());
    if (!rc && zTrap && *zTrap) {
        log_info("req=%llu consult honeypot filled item=%lld; dropped", (unsigned long long)req->id,
                 (long long)iItem);
    }
    return rc;
}

int consult_form_ask(Req *req) {
    int64_t iItem = req->aiArg[0];
    QuestionInput in = {http_form(req, "name"), http_form(req, "email"),
                        http_form(req, "question")};
    const char *zTrap = http_form(req, HONEYPOT_FIELD);
    const char *zTitle = NULL;
    Question *q = NULL;
    int rc = precheck(req, iItem, &in, zTrap, &zTitle);
    if (!rc) {
        rc = zTrap && *zTrap ? consult_fake_receipt(req->db, req->a, &q, &req->err)
                             : consult_ask(req->db, req->a, iItem, &in, req->zIp, site_base_url(),
                                           &q, &req->err);
    }
    if ((rc == ZW_EINPUT || rc == ZW_ELIMIT) && zTitle) {
        /* Show the form again with what was typed, and why. */
        req->status = err_http_status(rc);
        return ask_page(req, iItem, zTitle, &in, NULL, req->err.zMsg);
    }
    if (rc) return rc;
    return ask_page(req, iItem, zTitle, NULL, q, NULL);
}

int consult_api_ask(Req *req) {
    int64_t iItem = req->aiArg[0];
    QuestionInput in;
    const char *zTrap;
    int rc = http_json_body(req);
    if (!rc) rc = http_json_str(req, "name", &in.zName);
    if (!rc) rc = http_json_str(req, "email", &in.zEmail);
    if (!rc) rc = http_json_str(req, "question", &in.zQuestion);
    if (!rc) rc = http_json_str(req, HONEYPOT_FIELD, &zTrap);
    if (rc) return rc;
    Question *q;
    if ((rc = precheck(req, iItem, &in, zTrap, NULL))) return rc;
    rc = zTrap && *zTrap ? consult_fake_receipt(req->db, req->a, &q, &req->err)
                         : consult_ask(req->db, req->a, iItem, &in, req->zIp, site_base_url(), &q,
                                       &req->err);
    if (rc) return rc;
    http_json_reply(req, 201);
    str_appendf(&req->out, "{\"id\":%lld,\"code\":\"%s\",\"due\":\"%s\",\"url\":\"/zx/%s\"}",
                (long long)q->id, q->zCode, q->zDue, q->zCode);
    return ZW_OK;
}

/* ------------------------------------------------------------ public: pages */

int consult_track(Req *req) {
    char zCode[UTIL_CODE_LEN + 1], zPretty[16], zToday[11];
    int bDone, rc = page_code_arg(req, "/zx/", zCode, &bDone);
    if (rc || bDone) return rc;
    Question *q = consult_by_code(req->db, req->a, zCode);
    if (!q) return http_fail(req, ZW_ENOTFOUND, "not_found", "查询码不存在，请核对后重新输入");
    today_and_soon(req, zToday, NULL);
    util_code_pretty(q->zCode, zPretty);
    http_add_header(req, "X-Robots-Tag", "noindex");
    TVal *d = page_data(req, "政策咨询办理情况", "gk");
    TVal *t = tv_child(d, "q");
    int bOpen = strcmp(q->zState, "open") == 0, bAnswered = strcmp(q->zState, "answered") == 0;
    tv_str(t, "code", zPretty);
    tv_str(t, "item_title", q->zItemTitle);
    tv_str(t, "item_url", item_url(req, q->iItem));
    tv_str(t, "unit", q->zUnitName);
    tv_str(t, "unit_url", arena_printf(req->a, "/gk/%s/zx/", q->zUnitCode));
    tv_str(t, "received", q->zReceivedOn);
    tv_str(t, "due", q->zDue);
    tv_str(t, "state_label", consult_state_label(q->zState));
    tv_bool(t, "open", bOpen);
    tv_bool(t, "answered", bAnswered);
    tv_bool(t, "private", strcmp(q->zState, "private") == 0);
    tv_bool(t, "overdue", bOpen && strcmp(q->zDue, zToday) < 0);
    /* Whoever holds the code sees the question masked, like the public. */
    tv_str(t, "question", bAnswered ? q->zPubQuestion : mask_text(req->a, q->zQuestion, NULL));
    if (bAnswered) tv_str(t, "answer", q->zPubAnswer);
    tv_str(t, "answered_on", page_date(req->a, q->zAnsweredAt));
    tv_str(t, "reason", q->zPrivateReason);
    tv_str(t, "closed_on", page_date(req->a, q->zClosedAt));
    return page_render(req, "site/consult_track.html", d);
}

int consult_list_page(Req *req) {
    Unit *pUnit = NULL;
    int rc;
    if (req->nStr == 1) {
        pUnit = unit_by_code(req->db, req->a, req->azArg[0]);
        if (!pUnit) return http_fail(req, ZW_ENOTFOUND, "not_found", "该单位不存在");
    } else if (http_arg(req, "code")) {
        char zCode[UTIL_CODE_LEN + 1];
        if (util_code_parse(http_arg(req, "code"), zCode) != 0) {
            return http_fail(req, ZW_EINPUT, "bad_code", "查询码格式不正确：应为 12 位字母和数字");
        }
        return http_redirect(req, arena_printf(req->a, "/zx/%s", zCode));
    }
    int64_t iPage;
    if ((rc = http_arg_int(req, "page", 1, 100000, 1, &iPage))) return rc;
    QuestionQuery q;
    memset(&q, 0, sizeof q);
    q.bPublic = 1;
    q.iUnit = pUnit ? pUnit->id : 0;
    q.iPage = iPage;
    q.nPerPage = CONSULT_PER_PAGE;
    Question *aQ;
    int nQ;
    int64_t nTotal;
    if ((rc = consult_list(req->db, req->a, &q, &aQ, &nQ, &nTotal))) return rc;
    if (iPage > 1 && nQ == 0) return http_fail(req, ZW_ENOTFOUND, "not_found", "页码超出范围");
    TVal *d = page_data(req, pUnit ? arena_printf(req->a, "%s 政策咨询", pUnit->zName) : "政策咨询",
                        "gk");
    if (pUnit) {
        TVal *u = tv_child(d, "unit");
        tv_str(u, "code", pUnit->zCode);
        tv_str(u, "name", pUnit->zName);
    }
    push_qa(req, tv_list(d, "qa"), aQ, nQ, 1);
    tv_int(d, "total", nTotal);
    page_pager(req, d, iPage, CONSULT_PER_PAGE, nTotal,
               pUnit ? arena_printf(req->a, "/gk/%s/zx/", pUnit->zCode) : "/zx/");
    return page_render(req, "site/consult_list.html", d);
}

/* --------------------------------------------------------------- staff: API */

/* "open", "answered", "private", or NULL (all); "all" and absent also mean all. */
static int state_arg(Req *req, const char *z, const char **pzState) {
    *pzState = NULL;
    if (!z || !*z || strcmp(z, "all") == 0) return ZW_OK;
    if (strcmp(z, "open") && strcmp(z, "answered") && strcmp(z, "private")) {
        return http_fail(req, ZW_EINPUT, "bad_parameter",
                         "参数 state 应为 open、answered、private 或 all");
    }
    *pzState = z;
    return ZW_OK;
}

int consult_api_list(Req *req) {
    User *u = page_user(req);
    QuestionQuery q;
    memset(&q, 0, sizeof q);
    int rc = unit_scope(req->db, req->a, u, http_arg(req, "unit"), &q.iUnit, &req->err);
    if (!rc) rc = state_arg(req, http_arg(req, "state"), &q.zState);
    if (!rc) rc = http_arg_int(req, "page", 1, 100000, 1, &q.iPage);
    if (!rc) rc = http_arg_int(req, "per_page", 1, 100, 20, &q.nPerPage);
    if (rc) return rc;
    Question *aQ;
    int nQ;
    int64_t nTotal;
    if ((rc = consult_list(req->db, req->a, &q, &aQ, &nQ, &nTotal))) return rc;
    char zToday[11];
    today_and_soon(req, zToday, NULL);
    http_json_reply(req, 200);
    Str *s = &req->out;
    str_appendf(s, "{\"total\":%lld,\"page\":%lld,\"per_page\":%lld,\"questions\":[",
                (long long)nTotal, (long long)q.iPage, (long long)q.nPerPage);
    for (int i = 0; i < nQ; i++) {
        if (i) str_putc(s, ',');
        question_json(s, &aQ[i], zToday);
    }
    str_puts(s, "]}");
    return ZW_OK;
}

static int reply_question(Req *req, int64_t iQuestion) {
    Question *q = consult_get(req->db, req->a, iQuestion);
    if (!q) return http_fail(req, ZW_ENOTFOUND, "not_found", "该咨询不存在");
    int rc = auth_check(page_user(req), q->iUnit, ROLE_EDITOR, &req->err);
    if (rc) return rc;
    char zToday[11];
    today_and_soon(req, zToday, NULL);
    http_json_reply(req, 200);
    question_json(&req->out, q, zToday);
    return ZW_OK;
}

int consult_api_get(Req *req) {
    return reply_question(req, req->aiArg[0]);
}

int consult_api_answer(Req *req) {
    const char *zAnswer;
    int rc = http_json_body(req);
    if (!rc) rc = http_json_str(req, "answer", &zAnswer);
    if (!rc) rc = consult_answer(req->db, req->a, page_user(req), req->zIp, req->aiArg[0], zAnswer,
                                 site_base_url(), &req->err);
    if (rc) return rc;
    http_cache_bump();
    return reply_question(req, req->aiArg[0]);
}

int consult_api_private(Req *req) {
    const char *zReason, *zReply;
    int bWasPublic = 0;
    int rc = http_json_body(req);
    if (!rc) rc = http_json_str(req, "reason", &zReason);
    if (!rc) rc = http_json_str(req, "reply", &zReply);
    if (!rc) rc = consult_private(req->db, req->a, page_user(req), req->zIp, req->aiArg[0],
                                  zReason, zReply, site_base_url(), &bWasPublic, &req->err);
    if (rc) return rc;
    if (bWasPublic) http_cache_bump();
    return reply_question(req, req->aiArg[0]);
}

/* ------------------------------------------------------------ staff: pages */

/* The back-office queue; zError (may be NULL) is shown on top after a failed post,
** and the posted text goes back into the form of question iFailed. */
static int admin_page(Req *req, const char *zError, int64_t iFailed) {
    User *u = page_user(req);
    if (!u) return http_redirect(req, "/admin/login");
    QuestionQuery q;
    memset(&q, 0, sizeof q);
    const char *zState = http_arg(req, "state");
    if (!zState) zState = "open";
    int rc = unit_scope(req->db, req->a, u, http_arg(req, "unit"), &q.iUnit, &req->err);
    if (!rc) rc = state_arg(req, zState, &q.zState);
    if (!rc) rc = http_arg_int(req, "page", 1, 100000, 1, &q.iPage);
    if (rc) return rc;
    q.nPerPage = CONSULT_ADMIN_PAGE;
    char zToday[11], zSoon[11];
    if ((rc = today_and_soon(req, zToday, zSoon))) return rc;
    Question *aQ;
    int nQ;
    int64_t nTotal, nOpen, nOverdue;
    if ((rc = consult_list(req->db, req->a, &q, &aQ, &nQ, &nTotal))) return rc;
    if ((rc = consult_counts(req->db, q.iUnit, zToday, &nOpen, &nOverdue))) return rc;
    TVal *d = page_data(req, "政策咨询", "questions");
    if (zError) tv_str(d, "error", zError);
    const char *zOk = http_arg(req, "ok");
    if (zOk && strcmp(zOk, "answered") == 0) tv_str(d, "ok", "答复已发布，并已通知提问人。");
    if (zOk && strcmp(zOk, "private") == 0) tv_str(d, "ok", "已标记为不予公开，并已将理由告知提问人。");
    push_staff(req, tv_list(d, "questions"), aQ, nQ, zToday, zSoon, iFailed);
    tv_int(d, "total", nTotal);
    tv_int(d, "n_open", nOpen);
    tv_int(d, "n_overdue", nOverdue);
    tv_bool(d, arena_printf(req->a, "filter_%s", q.zState ? q.zState : "all"), 1);
    tv_str(d, "state", q.zState ? q.zState : "all");
    tv_str(d, "today", zToday);
    const char *zUnitArg = http_arg(req, "unit");
    tv_bool(d, "admin_view", u->eRole == ROLE_ADMIN);
    if (u->eRole == ROLE_ADMIN) {
        Unit *aUnit;
        int nUnit;
        if ((rc = unit_list(req->db, req->a, &aUnit, &nUnit))) return rc;
        TVal *pUnits = tv_list(d, "units");
        for (int i = 0; i < nUnit; i++) {
            TVal *t = tv_push(pUnits);
            tv_str(t, "code", aUnit[i].zCode);
            tv_str(t, "name", aUnit[i].zName);
            tv_bool(t, "selected", aUnit[i].id == q.iUnit);
        }
    }
    tv_str(d, "unit_code", zUnitArg && *zUnitArg ? zUnitArg : NULL);
    Str base;
    str_init(&base, req->a);
    str_appendf(&base, "/admin/questions?state=%s", q.zState ? q.zState : "all");
    if (zUnitArg && *zUnitArg) {
        str_puts(&base, "&unit=");
        str_url(&base, zUnitArg);
    }
    page_pager(req, d, q.iPage, CONSULT_ADMIN_PAGE, nTotal, str_cstr(&base));
    req->bNoCache = 1;
    return page_render(req, "admin/questions.html", d);
}

int consult_admin(Req *req) {
    return admin_page(req, NULL, 0);
}

int consult_admin_action(Req *req) {
    User *u = page_user(req);
    const char *zAction = req->azArg[0];
    int64_t iQuestion = req->aiArg[0];
    int rc, bPublic = 0;
    if (strcmp(zAction, "answer") == 0) {
        rc = consult_answer(req->db, req->a, u, req->zIp, iQuestion, http_form(req, "answer"),
                            site_base_url(), &req->err);
        bPublic = 1;
    } else if (strcmp(zAction, "private") == 0) {
        rc = consult_private(req->db, req->a, u, req->zIp, iQuestion, http_form(req, "reason"),
                             http_form(req, "reply"), site_base_url(), &bPublic, &req->err);
    } else {
        return http_fail(req, ZW_ENOTFOUND, "not_found", "不支持的操作");
    }
    if (rc == ZW_EINPUT || rc == ZW_ECONFLICT) {
        req->status = err_http_status(rc);
        return admin_page(req, req->err.zMsg, iQuestion);
    }
    if (rc) return rc;
    if (bPublic) http_cache_bump();
    const char *zState = strcmp(zAction, "answer") == 0 ? "answered" : "private";
    return http_redirect(req, arena_printf(req->a, "/admin/questions?ok=%s#q-%lld", zState,
                                           (long long)iQuestion));
}

int consult_dashboard(Req *req, const User *u, TVal *d) {
    char zToday[11], zSoon[11];
    int rc = today_and_soon(req, zToday, zSoon);
    if (rc) return rc;
    QuestionQuery q;
    memset(&q, 0, sizeof q);
    q.zState = "open";
    q.iUnit = u->eRole == ROLE_ADMIN ? 0 : u->iUnit;
    q.zDueBy = zSoon;
    q.iPage = 1;
    q.nPerPage = 10;
    Question *aQ;
    int nQ;
    int64_t nDue, nOpen, nOverdue;
    if ((rc = consult_list(req->db, req->a, &q, &aQ, &nQ, &nDue))) return rc;
    if ((rc = consult_counts(req->db, q.iUnit, zToday, &nOpen, &nOverdue))) return rc;
    TVal *c = tv_child(d, "consult");
    tv_int(c, "n_open", nOpen);
    tv_int(c, "n_overdue", nOverdue);
    tv_int(c, "n_due", nDue);
    push_staff(req, tv_list(c, "due"), aQ, nQ, zToday, zSoon, 0);
    return ZW_OK;
}
