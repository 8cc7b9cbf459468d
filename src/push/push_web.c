// SPDX-License-Identifier: MIT
/*
** push_web.c: handlers for subscriptions, 政策匹配, the private feed and the
** webhook API (see push_web.h).  Input is checked here (types, sizes) and in
** push.c (values); pages come from templates/push/ and the site layout.
*/
#include "push_web.h"

#include <string.h>

#include "../auth/auth_web.h"
#include "../core/log.h"
#include "../core/util.h"
#include "../http/ratelimit.h"
#include "../interpret/taxonomy.h"
#include "../publish/publish.h"
#include "../web/page.h"
#include "mail.h"
#include "push.h"

#define FORM_PREFIX "p_" /* checkbox names: p_group, p_industry, … */
#define ZCPP_MAX 200     /* policies listed on one 政策匹配 page */
#define FEED_MAX 50

static const char zPendingMsg[] =
    "确认邮件已发送（如果几分钟内已发送过，则不再重复发送）。请在 7 天内打开邮件中的链接完成订阅；"
    "确认之前不会向您发送任何推送。";

static int load_towns(Req *req, TaxTowns *pTowns) {
    if (taxonomy_towns(req->db, req->a, pTowns) != ZW_OK) {
        return http_fail(req, ZW_EDB, "db", "读取乡镇列表失败");
    }
    return ZW_OK;
}

/* Subscription requests per client address: setting push_subscribe_limit "N/S",
** default 20 an hour (the per-address throttle of confirmation mails is in push.c). */
static int subscribe_limit(Req *req) {
    RateRule r = {20, 3600};
    const char *z = setting_get(req->db, req->a, "push_subscribe_limit", NULL);
    if (z) ratelimit_rule_parse(z, &r);
    return ratelimit_check(req, "subscribe", &r);
}

/* ---------------------------------------------------------------- the API */

int push_api_taxonomy(Req *req) {
    TaxTowns towns;
    int rc = load_towns(req, &towns);
    if (rc) return rc;
    taxonomy_json(&req->out, &towns);
    http_json_reply(req, 200);
    return ZW_OK;
}

int push_api_subscribe(Req *req) {
    int rc = http_json_body(req);
    if (rc) return rc;
    Json *jEmail = json_get(req->pJson, "email");
    Json *jFreq = json_get(req->pJson, "frequency");
    if (!jEmail || jEmail->eType != JSON_STR) {
        return http_fail(req, ZW_EINPUT, "bad_email", "字段 email 应为电子邮件地址");
    }
    if (jFreq && jFreq->eType != JSON_STR && jFreq->eType != JSON_NULL) {
        return http_fail(req, ZW_EINPUT, "bad_frequency", "字段 frequency 应为 immediate、daily 或 weekly");
    }
    TaxTowns towns;
    const char *zProfile;
    rc = load_towns(req, &towns);
    if (!rc) rc = taxonomy_normalize(req->a, &towns, json_get(req->pJson, "profile"), &zProfile, &req->err);
    if (!rc) rc = subscribe_limit(req);
    if (rc) return rc;
    rc = sub_request(req->db, req->a, jEmail->zStr,  zProfile,
                     jFreq && jFreq->eType == JSON_STR ? jFreq->zStr : NULL, &req->err);
    if (rc) return rc;
    str_puts(&req->out, "{\"status\":\"pending\",\"message\":");
    str_json(&req->out, zPendingMsg);
    str_putc(&req->out, '}');
    http_json_reply(req, 202);
    return ZW_OK;
}

static int need_admin(Req *req) {
    User *u = page_user(req);
    if (!u) return http_fail(req, ZW_EAUTH, "login_required", "请先登录");
    if (u->eRole != ROLE_ADMIN) return http_fail(req, ZW_EPERM, "forbidden", "只有系统管理员可以管理推送接口");
    return ZW_OK;
}

static void webhook_json(Str *s, const Webhook *h, int bSecret) {
    str_appendf(s, "{\"id\":%lld,\"name\":", (long long)h->id);
    str_json(s, h->zName);
    str_puts(s, ",\"url\":");
    str_json(s, h->zUrl);
    str_appendf(s, ",\"profile\":%s,\"active\":%s,\"created_at\":", h->zProfile,
                h->bActive ? "true" : "false");
    str_json(s, h->zCreatedAt);
    if (bSecret) {
        str_puts(s, ",\"secret\":");
        str_json(s, h->zSecret);
    }
    str_putc(s, '}');
}

int push_api_webhooks(Req *req) {
    int rc = need_admin(req);
    if (rc) return rc;
    Webhook *aHook;
    int nHook;
    if (webhook_list(req->db, req->a, &aHook, &nHook) != ZW_OK) {
        return http_fail(req, ZW_EDB, "db", "读取推送接口失败");
    }
    str_puts(&req->out, "{\"webhooks\":[");
    for (int i = 0; i < nHook; i++) {
        if (i) str_putc(&req->out, ',');
        webhook_json(&req->out, &aHook[i], 0);
    }
    str_puts(&req->out, "]}");
    http_json_reply(req, 200);
    return ZW_OK;
}

int push_api_webhook_add(Req *req) {
    int rc = need_admin(req);
    if (rc) return rc;
    if ((rc = http_json_body(req))) return rc;
    Json *jUrl = json_get(req->pJson, "url"), *jName = json_get(req->pJson, "name");
    if (!jUrl || jUrl->eType != JSON_STR) return http_fail(req, ZW_EINPUT, "bad_url", "字段 url 应为网址");
    if (jName && jName->eType != JSON_STR && jName->eType != JSON_NULL) {
        return http_fail(req, ZW_EINPUT, "bad_name", "字段 name 应为字符串");
    }
    TaxTowns towns;
    const char *zProfile;
    if ((rc = load_towns(req, &towns))) return rc;
    rc = taxonomy_normalize(req->a, &towns, json_get(req->pJson, "profile"), &zProfile, &req->err);
    if (rc) return rc;
    Webhook *h;
    rc = webhook_add(req->db, req->a, jName && jName->eType == JSON_STR ? jName->zStr : "",
                     jUrl->zStr, zProfile, &h, &req->err);
    if (rc) return rc;
    log_info("push webhook added id=%lld", (long long)h->id);
    webhook_json(&req->out, h, 1);
    http_json_reply(req, 201);
    return ZW_OK;
}

int push_api_webhook_delete(Req *req) {
    int rc = need_admin(req);
    if (rc) return rc;
    if ((rc = webhook_delete(req->db, req->aiArg[0], &req->err))) return rc;
    str_puts(&req->out, "{\"deleted\":true}");
    http_json_reply(req, 200);
    return ZW_OK;
}

/* ------------------------------------------------------------------ pages */

static void add_freq(TVal *d, int eFreq) {
    TVal *pList = tv_list(d, "freqs");
    for (int f = 0; f < PUSH_NFREQ; f++) {
        TVal *t = tv_push(pList);
        tv_str(t, "code", push_freq_name(f));
        tv_str(t, "label", push_freq_label(f));
        tv_bool(t, "checked", f == eFreq);
    }
}

/* The subscribe form with zProfile checked, status as set. */
static int render_subscribe(Req *req, const TaxTowns *pTowns, const char *zProfile,
                            const char *zEmail, int eFreq, const char *zError) {
    TVal *d = page_data(req, "订阅政策推送", "dingyue");
    taxonomy_tval(req->a, d, "dims", pTowns, FORM_PREFIX, zProfile);
    add_freq(d, eFreq);
    tv_str(d, "email", zEmail);
    tv_str(d, "form_token", auth_form_token(req));
    tv_str(d, "error", zError);
    tv_int(d, "max_email", MAIL_MAX_ADDR);
    return page_render(req, "push/subscribe.html", d);
}

static int render_notice(Req *req, const char *zTitle, const char *zMsg, const char *zManage) {
    TVal *d = page_data(req, zTitle, "dingyue");
    tv_str(d, "message", zMsg);
    tv_str(d, "manage", zManage);
    return page_render(req, "push/notice.html", d);
}

int push_page_subscribe(Req *req) {
    TaxTowns towns;
    const char *zProfile = "{}";
    Err err = {0};
    int rc = load_towns(req, &towns);
    if (rc) return rc;
    if (taxonomy_from_form(req->a, &towns, &req->query, FORM_PREFIX, &zProfile, &err) != ZW_OK) {
        zProfile = "{}";
    }
    int eFreq = push_freq_parse(http_arg(req, "frequency"));
    return render_subscribe(req, &towns, zProfile, NULL, eFreq < 0 ? PUSH_IMMEDIATE : eFreq, NULL);
}

int push_form_subscribe(Req *req) {
    TaxTowns towns;
    const char *zProfile = "{}";
    int rc = load_towns(req, &towns);
    if (rc) return rc;
    const char *zEmail = http_form(req, "email");
    const char *zFreq = http_form(req, "frequency");
    int eFreq = push_freq_parse(zFreq);
    if ((rc = subscribe_limit(req))) return rc;
    Err err = {0};
    rc = taxonomy_from_form(req->a, &towns, &req->form, FORM_PREFIX, &zProfile, &err);
    if (!rc) rc = sub_request(req->db, req->a, zEmail ? str_trim(req->a, zEmail) : NULL, zProfile, zFreq, &err);
    if (rc == ZW_EINPUT) {
        req->status = 400;
        return render_subscribe(req, &towns, zProfile, zEmail, eFreq < 0 ? 0 : eFreq, err.zMsg);
    }
    if (rc) {
        req->err = err;
        return rc;
    }
    req->status = 202;
    return render_notice(req, "请查收确认邮件", zPendingMsg, NULL);
}

int push_page_confirm(Req *req) {
    Subscriber *s;
    int rc = sub_confirm(req->db, req->a, req->azArg[0], &s, &req->err);
    if (rc) return rc;
    req->bNoCache = 1;
    const char *zManage = arena_printf(req->a, "/dingyue/m/%s", sub_token(req->db, req->a, s, 'm'));
    return render_notice(req, "订阅成功",
                         "您已成功订阅西吉县政策推送。与您的订阅条件相符的政策文件和政策解读发布后，"
                         "我们会按您选择的方式发送到您的邮箱。每封邮件都附有修改订阅和退订的链接。",
                         zManage);
}

static Subscriber *token_sub(Req *req, const char *zToken) {
    Subscriber *s = sub_by_token(req->db, req->a, zToken, 'm');
    if (!s) http_fail(req, ZW_ENOTFOUND, "bad_token", "链接无效，请使用邮件中的完整链接");
    return s;
}

static int render_manage(Req *req, Subscriber *s, const char *zProfile, int eFreq,
                         const char *zMsg, const char *zError) {
    TaxTowns towns;
    int rc = load_towns(req, &towns);
    if (rc) return rc;
    req->bNoCache = 1;
    TVal *d = page_data(req, "管理订阅", "dingyue");
    const char *zTok = req->azArg[0];
    tv_str(d, "email", s->zEmail);
    tv_bool(d, "active", strcmp(s->zState, "active") == 0);
    tv_str(d, "action", arena_printf(req->a, "/dingyue/m/%s", zTok));
    tv_str(d, "unsubscribe", arena_printf(req->a, "/dingyue/u/%s", zTok));
    tv_str(d, "feed", arena_printf(req->a, "/dingyue/feed/%s.xml", sub_token(req->db, req->a, s, 'f')));
    tv_str(d, "form_token", auth_form_token(req));
    tv_str(d, "message", zMsg);
    tv_str(d, "error", zError);
    taxonomy_tval(req->a, d, "dims", &towns, FORM_PREFIX, zProfile);
    add_freq(d, eFreq);
    return page_render(req, "push/manage.html", d);
}

int push_page_manage(Req *req) {
    Subscriber *s = token_sub(req, req->azArg[0]);
    if (!s) return ZW_ENOTFOUND;
    int eFreq = push_freq_parse(s->zFrequency);
    return render_manage(req, s, s->zProfile, eFreq < 0 ? 0 : eFreq, NULL, NULL);
}

int push_form_manage(Req *req) {
    Subscriber *s = token_sub(req, req->azArg[0]);
    if (!s) return ZW_ENOTFOUND;
    TaxTowns towns;
    const char *zProfile = s->zProfile;
    int rc = load_towns(req, &towns);
    if (rc) return rc;
    const char *zFreq = http_form(req, "frequency");
    int eFreq = push_freq_parse(zFreq);
    Err err = {0};
    rc = taxonomy_from_form(req->a, &towns, &req->form, FORM_PREFIX, &zProfile, &err);
    if (!rc) rc = sub_update(req->db, req->a, s->id, zProfile, zFreq, &err);
    if (rc == ZW_EINPUT || rc == ZW_ECONFLICT) {
        req->status = rc == ZW_EINPUT ? 400 : 409;
        return render_manage(req, s, zProfile, eFreq < 0 ? 0 : eFreq, NULL, err.zMsg);
    }
    if (rc) {
        req->err = err;
        return rc;
    }
    log_info("push profile changed sub=%lld", (long long)s->id);
    return render_manage(req, s, zProfile, eFreq, "已保存。今后的推送将按新的条件和频率发送。", NULL);
}

int push_page_unsubscribe(Req *req) {
    Subscriber *s = token_sub(req, req->azArg[0]);
    if (!s) return ZW_ENOTFOUND;
    req->bNoCache = 1;
    TVal *d = page_data(req, "退订政策推送", "dingyue");
    tv_str(d, "email", s->zEmail);
    tv_bool(d, "done", strcmp(s->zState, "unsubscribed") == 0);
    tv_str(d, "action", arena_printf(req->a, "/dingyue/u/%s", req->azArg[0]));
    return page_render(req, "push/unsubscribe.html", d);
}

int push_post_unsubscribe(Req *req) {
    Subscriber *s = token_sub(req, req->azArg[0]);
    if (!s) return ZW_ENOTFOUND;
    int rc = sub_unsubscribe(req->db, req->a, s->id, &req->err);
    if (rc) return rc;
    req->bNoCache = 1;
    return render_notice(req, "已退订",
                         "您已退订西吉县政策推送，今后不会再收到推送邮件。如需再次订阅，请重新填写订阅表单。",
                         NULL);
}

int push_feed(Req *req) {
    const char *zArg = req->azArg[0];
    size_t n = strlen(zArg);
    if (n < 5 || strcmp(zArg + n - 4, ".xml") != 0) {
        return http_fail(req, ZW_ENOTFOUND, "not_found", "订阅源不存在");
    }
    Subscriber *s = sub_by_token(req->db, req->a, arena_strndup(req->a, zArg, n - 4), 'f');
    if (!s || strcmp(s->zState, "active") != 0) {
        return http_fail(req, ZW_ENOTFOUND, "not_found", "订阅源不存在或已退订");
    }
    PushMailItem *aItem;
    int nItem;
    int rc = push_feed_items(req->db, req->a, s->zProfile, FEED_MAX, &aItem, &nItem, &req->err);
    if (rc) return rc;
    TVal *d = tv_obj(req->a);
    const char *zBase = push_base_url(req->db, req->a);
    tv_str(d, "title", "西吉县政策推送（我的订阅）");
    tv_str(d, "base", zBase);
    tv_str(d, "html_url", "/zcpp");
    tv_str(d, "self", req->zPath);
    const char *zUpdated = "2021-01-01T00:00:00Z";
    TVal *pList = tv_list(d, "entries");
    for (int i = 0; i < nItem; i++) {
        const char *zPub = arena_printf(req->a, "%sT00:00:00Z", aItem[i].zPublishedAt);
        if (strcmp(zPub, zUpdated) > 0) zUpdated = zPub;
        TVal *t = tv_push(pList);
        tv_str(t, "title", aItem[i].zTitle);
        tv_str(t, "url", arena_printf(req->a, "/items/%lld", (long long)aItem[i].id));
        tv_str(t, "updated", zPub);
        tv_str(t, "published", zPub);
        tv_str(t, "author", aItem[i].zUnitName);
        tv_str(t, "summary", strcmp(aItem[i].zKind, "interpretation") == 0 ? "政策解读" : "政策文件");
    }
    tv_str(d, "updated", zUpdated);
    req->bNoCache = 1;
    req->zType = "application/atom+xml; charset=utf-8";
    return page_render(req, "site/atom.xml", d);
}

/* zPath with the profile as p_* query arguments (the subscribe link of 政策匹配). */
static const char *profile_query(Arena *a, const char *zPath, const char *zProfile) {
    Json *j = NULL;
    Err err = {0};
    Str s;
    str_init(&s, a);
    str_puts(&s, zPath);
    if (json_parse(a, zProfile, strlen(zProfile), &j, &err) != ZW_OK) return str_cstr(&s);
    char cSep = '?';
    for (const Json *m = j->pChild; m; m = m->pNext) {
        for (const Json *e = m->pChild; e; e = e->pNext) {
            if (e->eType != JSON_STR) continue;
            str_appendf(&s, "%c" FORM_PREFIX "%s=", cSep, m->zKey);
            str_url(&s, e->zStr);
            cSep = '&';
        }
    }
    return str_cstr(&s);
}

int push_page_zcpp(Req *req) {
    TaxTowns towns;
    const char *zProfile = "{}";
    int rc = load_towns(req, &towns);
    if (rc) return rc;
    TVal *d = page_data(req, "政策匹配", "zcpp");
    Err err = {0};
    if (taxonomy_from_form(req->a, &towns, &req->query, FORM_PREFIX, &zProfile, &err) != ZW_OK) {
        req->status = 400;
        tv_str(d, "error", err.zMsg);
        zProfile = "{}";
    }
    taxonomy_tval(req->a, d, "dims", &towns, FORM_PREFIX, zProfile);
    int bAsked = http_arg(req, "go") != NULL || strcmp(zProfile, "{}") != 0;
    if (bAsked && req->status != 400) {
        PushPolicy *aPol;
        int nPol;
        if ((rc = push_match_policies(req->db, req->a, zProfile, ZCPP_MAX, &aPol, &nPol, &req->err))) {
            return rc;
        }
        tv_bool(d, "asked", 1);
        tv_int(d, "count", nPol);
        tv_str(d, "profile_text", taxonomy_describe(req->a, &towns, zProfile));
        TVal *pList = tv_list(d, "policies");
        for (int i = 0; i < nPol; i++) {
            TVal *t = tv_push(pList);
            tv_str(t, "url", arena_printf(req->a, "/items/%lld", (long long)aPol[i].id));
            tv_str(t, "title", aPol[i].zTitle);
            tv_str(t, "docno", aPol[i].zDocno);
            tv_str(t, "unit", aPol[i].zUnitName);
            tv_str(t, "date", aPol[i].zPublishedAt);
            tv_str(t, "validity", aPol[i].zValidity);
            const char *zAud = taxonomy_describe(req->a, &towns, aPol[i].zAudience);
            tv_str(t, "audience", zAud[0] ? zAud : "所有人");
            TVal *pI = tv_list(t, "interps");
            for (int k = 0; k < aPol[i].nInterp; k++) {
                TVal *u = tv_push(pI);
                tv_str(u, "url", arena_printf(req->a, "/items/%lld", (long long)aPol[i].aInterp[k].id));
                tv_str(u, "title", aPol[i].aInterp[k].zTitle);
                tv_str(u, "form", aPol[i].aInterp[k].zForm);
            }
        }
        tv_str(d, "subscribe", profile_query(req->a, "/dingyue", zProfile));
    }
    return page_render(req, "push/zcpp.html", d);
}
