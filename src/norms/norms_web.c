// SPDX-License-Identifier: MIT
/*
** norms_web.c: 规章和规范性文件库 over HTTP (see norms_web.h).
*/
#include "norms_web.h"

#include <string.h>

#include "../core/util.h"
#include "../interpret/taxonomy.h"
#include "../web/page.h"
#include "norms.h"

#define NORMS_PER_PAGE 20

static const char *const azState[] = {NORM_VALID, NORM_AMENDED, NORM_REPEALED, NORM_EXPIRED, NULL};

/* The state shown today: a 有效 document whose term is over has lapsed even before
** the daily job records it. */
static const char *state_today(const Norm *n) {
    char zToday[11];
    util_iso_date(util_now(), zToday);
    if (strcmp(n->zState, NORM_VALID) == 0 && n->zExpiresAt[0] && strcmp(n->zExpiresAt, zToday) < 0) {
        return NORM_EXPIRED;
    }
    return n->zState;
}

static void norm_tval(Req *req, TVal *t, const Norm *n) {
    tv_int(t, "id", n->iItem);
    tv_str(t, "url", arena_printf(req->a, "/items/%lld", (long long)n->iItem));
    tv_str(t, "title", n->zTitle);
    tv_str(t, "docno", n->zDocno);
    tv_str(t, "unit", n->zUnitName);
    tv_str(t, "topic", n->zTopic);
    tv_str(t, "type", n->zType);
    tv_str(t, "issued", n->zIssuedAt);
    tv_str(t, "effective", n->zEffectiveAt);
    tv_str(t, "expires", n->zExpiresAt[0] ? n->zExpiresAt : "长期");
    tv_str(t, "expires_date", n->zExpiresAt);
    tv_bool(t, "rule", strcmp(n->zType, "规章") == 0);
    const char *zState = state_today(n);
    tv_str(t, "state", zState);
    tv_bool(t, "valid", strcmp(zState, NORM_VALID) == 0);
    tv_str(t, "changed", n->zChangedAt);
    if (n->iBy) {
        TVal *b = tv_child(t, "by");
        tv_str(b, "title", n->zByTitle);
        tv_str(b, "docno", n->zByDocno);
        tv_str(b, "url", arena_printf(req->a, "/items/%lld", (long long)n->iBy));
    }
}

int norms_page_data(Req *req, const Item *p, TVal *it) {
    Norm *n = norm_get(req->db, req->a, p->id);
    if (!n) return ZW_OK;
    TVal *t = tv_child(it, "norm");
    norm_tval(req, t, n);
    TVal *pList = tv_list(t, "events");
    for (int i = 0; i < n->nEvent; i++) {
        const NormEvent *e = &n->aEvent[i];
        TVal *v = tv_push(pList);
        tv_str(v, "date", e->zDate);
        tv_str(v, "from", e->zFrom);
        tv_str(v, "to", e->zTo);
        tv_str(v, "note", e->zNote);
        if (e->iBy) {
            tv_str(v, "by_title", e->zByTitle);
            tv_str(v, "by_url", arena_printf(req->a, "/items/%lld", (long long)e->iBy));
        }
    }
    return ZW_OK;
}

/* Filters from the query string, validated. */
static int read_query(Req *req, NormQuery *q) {
    memset(q, 0, sizeof *q);
    int64_t v;
    int rc;
    if ((rc = http_arg_int(req, "page", 1, 100000, 1, &v))) return rc;
    q->iPage = v;
    if ((rc = http_arg_int(req, "year", 0, 2100, 0, &v))) return rc;
    q->iYear = (int)v;
    const char *z;
    if ((z = http_arg(req, "unit")) && *z) q->zUnit = z;
    if ((z = http_arg(req, "topic")) && *z) q->zTopic = z;
    if ((z = http_arg(req, "type")) && *z) {
        if (strcmp(z, "规章") != 0 && strcmp(z, "行政规范性文件") != 0) {
            return http_fail(req, ZW_EINPUT, "bad_parameter", "文件类型应为 规章 或 行政规范性文件");
        }
        q->zType = z;
    }
    z = http_arg(req, "state");
    if (!z) {
        q->zState = req->bApi ? NULL : NORM_VALID; /* the library shows what is in force */
    } else if (*z && strcmp(z, "all") != 0) {
        if (str_index(azState, z) < 0) return http_fail(req, ZW_EINPUT, "bad_parameter", "状态应为 有效、已修改、已废止、已失效 或 all");
        q->zState = z;
    }
    if ((z = http_arg(req, "q")) && *z) {
        if (utf8_len(z, strlen(z)) > 50) return http_fail(req, ZW_EINPUT, "bad_parameter", "关键词过长（最多 50 个字符）");
        q->zQ = z;
    }
    q->nPerPage = NORMS_PER_PAGE;
    return ZW_OK;
}

int site_norms(Req *req) {
    norm_expire_daily(req->db);
    NormQuery q;
    int rc = read_query(req, &q);
    if (rc) return rc;
    Norm *aNorm;
    int nNorm;
    int64_t nTotal;
    if ((rc = norm_list(req->db, req->a, &q, &aNorm, &nNorm, &nTotal))) return rc;
    TVal *d = page_data(req, "规章和规范性文件库", "norms");
    TVal *pList = tv_list(d, "norms");
    for (int i = 0; i < nNorm; i++) norm_tval(req, tv_push(pList), &aNorm[i]);
    tv_int(d, "total", nTotal);
    tv_str(d, "q", q.zQ);
    /* The filter choices, with the current ones selected. */
    Unit *aUnit;
    int nUnit;
    if ((rc = unit_list(req->db, req->a, &aUnit, &nUnit))) return rc;
    TVal *pUnits = tv_list(d, "units");
    for (int i = 0; i < nUnit; i++) {
        TVal *t = tv_push(pUnits);
        tv_str(t, "code", aUnit[i].zCode);
        tv_str(t, "name", aUnit[i].zName);
        tv_bool(t, "selected", q.zUnit && strcmp(q.zUnit, aUnit[i].zCode) == 0);
    }
    TVal *pTopics = tv_list(d, "topics");
    const TaxDim *pTopic = &g_aTaxDim[TAX_TOPIC];
    for (int i = 0; i < pTopic->nValue; i++) {
        TVal *t = tv_push(pTopics);
        tv_str(t, "name", pTopic->aValue[i].zLabel);
        tv_bool(t, "selected", q.zTopic && strcmp(q.zTopic, pTopic->aValue[i].zCode) == 0);
    }
    TVal *pStates = tv_list(d, "states");
    for (int i = 0; azState[i]; i++) {
        TVal *t = tv_push(pStates);
        tv_str(t, "name", azState[i]);
        tv_bool(t, "selected", q.zState && strcmp(q.zState, azState[i]) == 0);
    }
    tv_bool(d, "state_all", !q.zState);
    TVal *pYears = tv_list(d, "years");
    for (int y = util_year(util_now()); y >= 2015; y--) {
        TVal *t = tv_push(pYears);
        tv_int(t, "year", y);
        tv_bool(t, "selected", q.iYear == y);
    }
    /* The pager keeps the filters. */
    Str base;
    str_init(&base, req->a);
    str_puts(&base, "/gfxwj?");
    static const char *const azKeep[] = {"unit", "topic", "state", "type", "year", "q", NULL};
    for (int i = 0; azKeep[i]; i++) {
        const char *z = http_arg(req, azKeep[i]);
        if (!z || !*z) continue;
        str_appendf(&base, "%s=", azKeep[i]);
        str_url(&base, z);
        str_putc(&base, '&');
    }
    base.n--; /* the trailing '&' or '?' */
    page_pager(req, d, q.iPage, NORMS_PER_PAGE, nTotal, str_cstr(&base));
    return page_render(req, "site/norms.html", d);
}

static void norm_json(Str *s, const Norm *n) {
    str_appendf(s, "{\"id\":%lld,\"title\":", (long long)n->iItem);
    str_json(s, n->zTitle);
    str_puts(s, ",\"docno\":");
    str_json(s, n->zDocno);
    str_puts(s, ",\"unit\":");
    str_json(s, n->zUnitCode);
    str_puts(s, ",\"topic\":");
    str_json(s, n->zTopic);
    str_puts(s, ",\"type\":");
    str_json(s, n->zType);
    str_puts(s, ",\"issued_at\":");
    str_json(s, n->zIssuedAt);
    str_puts(s, ",\"effective_at\":");
    str_json(s, n->zEffectiveAt);
    str_puts(s, ",\"expires_at\":");
    if (n->zExpiresAt[0]) str_json(s, n->zExpiresAt); else str_puts(s, "null");
    str_puts(s, ",\"state\":");
    str_json(s, state_today(n));
    str_puts(s, ",\"changed_at\":");
    if (n->zChangedAt[0]) str_json(s, n->zChangedAt); else str_puts(s, "null");
    if (n->iBy) str_appendf(s, ",\"by\":%lld", (long long)n->iBy);
    if (n->aEvent) {
        str_puts(s, ",\"history\":[");
        for (int i = 0; i < n->nEvent; i++) {
            const NormEvent *e = &n->aEvent[i];
            str_puts(s, i ? ",{\"date\":" : "{\"date\":");
            str_json(s, e->zDate);
            str_puts(s, ",\"from\":");
            str_json(s, e->zFrom);
            str_puts(s, ",\"to\":");
            str_json(s, e->zTo);
            if (e->iBy) str_appendf(s, ",\"by\":%lld", (long long)e->iBy);
            str_puts(s, ",\"note\":");
            str_json(s, e->zNote);
            str_puts(s, ",\"user\":");
            if (e->zUser[0]) str_json(s, e->zUser); else str_puts(s, "null");
            str_putc(s, '}');
        }
        str_putc(s, ']');
    }
    str_appendf(s, ",\"url\":\"/items/%lld\"}", (long long)n->iItem);
}

int api_norms(Req *req) {
    NormQuery q;
    int rc = read_query(req, &q);
    if (rc) return rc;
    Norm *aNorm;
    int nNorm;
    int64_t nTotal;
    if ((rc = norm_list(req->db, req->a, &q, &aNorm, &nNorm, &nTotal))) return rc;
    http_json_reply(req, 200);
    str_appendf(&req->out, "{\"total\":%lld,\"page\":%lld,\"norms\":[", (long long)nTotal, (long long)q.iPage);
    for (int i = 0; i < nNorm; i++) {
        if (i) str_putc(&req->out, ',');
        norm_json(&req->out, &aNorm[i]);
    }
    str_puts(&req->out, "]}");
    return ZW_OK;
}

static int reply_norm(Req *req, int64_t iItem, int status) {
    Norm *n = norm_get(req->db, req->a, iItem);
    Item *p = n ? item_public(req->db, req->a, iItem) : NULL;
    if (!n || !p || strcmp(p->zState, "withdrawn") == 0) {
        return http_fail(req, ZW_ENOTFOUND, "not_found", "该规范性文件不存在");
    }
    http_json_reply(req, status);
    norm_json(&req->out, n);
    return ZW_OK;
}

int api_norm(Req *req) {
    return reply_norm(req, req->aiArg[0], 200);
}

int api_norm_set(Req *req) {
    int rc;
    if ((rc = http_json_body(req))) return rc;
    NormInput in;
    memset(&in, 0, sizeof in);
    if ((rc = http_json_str(req, "type", &in.zType)) || (rc = http_json_str(req, "issued_at", &in.zIssuedAt)) ||
        (rc = http_json_str(req, "effective_at", &in.zEffectiveAt))) {
        return rc;
    }
    Json *j = json_get(req->pJson, "expires_at");
    if (j && j->eType == JSON_NULL) in.zExpiresAt = "";
    else if ((rc = http_json_str(req, "expires_at", &in.zExpiresAt))) return rc;
    rc = norm_set(req->db, req->a, page_user(req), req->zIp, req->aiArg[0], &in, &req->err);
    if (rc) return rc;
    return reply_norm(req, req->aiArg[0], 200);
}

int api_norm_state(Req *req) {
    int rc;
    if ((rc = http_json_body(req))) return rc;
    const char *zState, *zDate, *zNote;
    int64_t iBy = 0;
    if ((rc = http_json_str(req, "state", &zState)) || (rc = http_json_str(req, "date", &zDate)) ||
        (rc = http_json_str(req, "note", &zNote))) {
        return rc;
    }
    if (json_get_int(req->pJson, "by", &iBy) < 0) {
        return http_fail(req, ZW_EINPUT, "bad_field", "字段 by 应为信息编号");
    }
    rc = norm_change(req->db, req->a, page_user(req), req->zIp, req->aiArg[0], zState, iBy, zDate,
                     zNote, &req->err);
    if (rc) return rc;
    return reply_norm(req, req->aiArg[0], 200);
}

int api_norm_review_create(Req *req) {
    int rc;
    if ((rc = http_json_body(req))) return rc;
    const char *zName;
    int64_t iYear = 0;
    if ((rc = http_json_str(req, "name", &zName))) return rc;
    if (json_get_int(req->pJson, "year", &iYear) != 1) {
        return http_fail(req, ZW_EINPUT, "bad_field", "字段 year 应为年份");
    }
    int64_t id;
    rc = norm_review_create(req->db, req->a, page_user(req), req->zIp, zName, (int)iYear, &id, &req->err);
    if (rc) return rc;
    http_json_reply(req, 201);
    str_appendf(&req->out, "{\"id\":%lld,\"year\":%lld,\"name\":", (long long)id, (long long)iYear);
    str_json(&req->out, zName);
    str_putc(&req->out, '}');
    return ZW_OK;
}

int api_norm_review_result(Req *req) {
    int rc;
    if ((rc = http_json_body(req))) return rc;
    const char *zResult, *zNote;
    int64_t iItem = 0;
    if ((rc = http_json_str(req, "result", &zResult)) || (rc = http_json_str(req, "note", &zNote))) return rc;
    if (json_get_int(req->pJson, "item", &iItem) != 1 || iItem <= 0) {
        return http_fail(req, ZW_EINPUT, "bad_field", "字段 item 应为信息编号");
    }
    rc = norm_review_result(req->db, req->a, page_user(req), req->zIp, req->aiArg[0], iItem, zResult,
                            zNote, &req->err);
    if (rc) return rc;
    return reply_norm(req, iItem, 200);
}

int admin_norm_set(Req *req) {
    NormInput in;
    memset(&in, 0, sizeof in);
    in.zType = http_form(req, "norm_type");
    in.zIssuedAt = http_form(req, "issued_at");
    in.zEffectiveAt = http_form(req, "effective_at");
    in.zExpiresAt = http_form(req, "expires_at");
    if (!in.zExpiresAt) in.zExpiresAt = "";
    int rc = norm_set(req->db, req->a, page_user(req), req->zIp, req->aiArg[0], &in, &req->err);
    if (rc) return rc;
    return http_redirect(req, arena_printf(req->a, "/admin/items/%lld?ok=norm", (long long)req->aiArg[0]));
}

int admin_norm_state(Req *req) {
    int64_t iBy = 0;
    const char *zBy = http_form(req, "by");
    if (zBy && *zBy && (str_to_i64(zBy, &iBy) != 0 || iBy <= 0)) {
        return http_fail(req, ZW_EINPUT, "bad_field", "修改或废止文件应填信息编号");
    }
    int rc = norm_change(req->db, req->a, page_user(req), req->zIp, req->aiArg[0], http_form(req, "state"),
                         iBy, http_form(req, "date"), http_form(req, "note"), &req->err);
    if (rc) return rc;
    return http_redirect(req, arena_printf(req->a, "/admin/items/%lld?ok=norm", (long long)req->aiArg[0]));
}
