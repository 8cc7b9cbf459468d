// SPDX-License-Identifier: MIT
/*
** page.c: common page data, rendering, pagination and error pages.
*/
#include "page.h"

#include <string.h>

#include "../core/log.h"
#include "../core/util.h"

static Tmpl *pTmpl;

int page_init(const char *zDevDir, Err *err) {
    return tmpl_load(&pTmpl, zDevDir, err);
}

void page_shutdown(void) {
    if (pTmpl) tmpl_free(pTmpl);
    pTmpl = NULL;
}

User *page_user(Req *req) {
    return req->pApp;
}

const char *page_date(Arena *a, const char *zTime) {
    if (!zTime) return "";
    if (strlen(zTime) <= 10) return zTime; /* already a calendar date */
    int64_t t = util_parse_time(zTime);
    if (t < 0) return arena_strndup(a, zTime, strnlen(zTime, 10));
    char *z = arena_alloc(a, 11);
    util_iso_date(t, z); /* the county's calendar day (UTC+8) */
    return z;
}

TVal *page_data(Req *req, const char *zTitle, const char *zNav) {
    TVal *d = tv_obj(req->a);
    TVal *site = tv_child(d, "site");
    tv_str(site, "name", "西吉县人民政府");
    tv_str(site, "sub", "政府信息公开");
    tv_str(site, "host_org", "西吉县人民政府办公室");
    tv_str(site, "site_code", "6404220001");
    tv_str(site, "icp", "宁ICP备05000000号");
    tv_str(site, "psb", "宁公网安备 64042202000001号");
    tv_str(d, "title", zTitle);
    char zYear[11];
    util_iso_date(util_now(), zYear);
    zYear[4] = 0;
    tv_str(d, "year", zYear);
    if (zNav) tv_bool(d, arena_printf(req->a, "nav_%s", zNav), 1);
    User *u = page_user(req);
    if (u) {
        TVal *pu = tv_child(d, "user");
        tv_str(pu, "name", u->zName);
        tv_str(pu, "unit", u->zUnitName);
        tv_str(pu, "unit_code", u->zUnitCode);
        tv_str(pu, "role", auth_role_label(u->eRole));
        tv_bool(pu, "is_admin", u->eRole == ROLE_ADMIN);
        tv_bool(pu, "is_reviewer", u->eRole >= ROLE_REVIEWER);
        tv_str(d, "csrf", u->zCsrf);
    }
    const char *zA11y = http_cookie(req, "zwgk_a11y");
    if (zA11y) {
        tv_bool(d, "a11y_large", strstr(zA11y, "large") != NULL);
        tv_bool(d, "a11y_hc", strstr(zA11y, "hc") != NULL);
    }
    tv_str(d, "path", req->zPath);
    return d;
}

int page_render(Req *req, const char *zName, TVal *pData) {
    int rc = tmpl_render(pTmpl, zName, pData, &req->out, &req->err);
    if (rc != ZW_OK) {
        log_error("render template=%s err=%s", zName, req->err.zLog ? req->err.zLog : "?");
        return ZW_EIO;
    }
    return ZW_OK;
}

void page_pager(Req *req, TVal *pData, int64_t iPage, int64_t nPer, int64_t nTotal,
                const char *zBase) {
    int64_t nPage = nTotal > 0 ? (nTotal + nPer - 1) / nPer : 1;
    if (nPage <= 1) return;
    TVal *pg = tv_child(pData, "pager");
    tv_int(pg, "page", iPage);
    tv_int(pg, "pages", nPage);
    tv_int(pg, "total", nTotal);
    const char *zSep = strchr(zBase, '?') ? "&" : "?";
    if (iPage > 1) tv_str(pg, "prev", arena_printf(req->a, "%s%spage=%lld", zBase, zSep, (long long)(iPage - 1)));
    if (iPage < nPage) tv_str(pg, "next", arena_printf(req->a, "%s%spage=%lld", zBase, zSep, (long long)(iPage + 1)));
    TVal *list = tv_list(pg, "links");
    int64_t iLast = 0;
    for (int64_t i = 1; i <= nPage; i++) {
        if (i != 1 && i != nPage && (i < iPage - 2 || i > iPage + 2)) continue;
        if (iLast && i > iLast + 1) tv_bool(tv_push(list), "gap", 1);
        TVal *l = tv_push(list);
        tv_int(l, "n", i);
        if (i == iPage) {
            tv_bool(l, "current", 1);
        } else {
            tv_str(l, "href", arena_printf(req->a, "%s%spage=%lld", zBase, zSep, (long long)i));
        }
        iLast = i;
    }
}

void page_error(Req *req, int rc) {
    int status = req->status ? req->status : err_http_status(rc);
    req->status = status;
    const char *zMsg = req->err.zMsg ? req->err.zMsg : "服务器内部错误";
    const char *zCode = req->err.zCode ? req->err.zCode : err_code_name(rc);
    str_reset(&req->out);
    if (req->bApi) {
        req->zType = "application/json; charset=utf-8";
        str_puts(&req->out, "{\"error\":{\"code\":");
        str_json(&req->out, zCode);
        str_puts(&req->out, ",\"message\":");
        str_json(&req->out, zMsg);
        str_puts(&req->out, "}}");
        return;
    }
    req->zType = "text/html; charset=utf-8";
    const char *zTitle;
    switch (status) {
    case 400: zTitle = "请求有误"; break;
    case 401: zTitle = "需要登录"; break;
    case 403: zTitle = "没有权限"; break;
    case 404: zTitle = "页面不存在"; break;
    case 405: zTitle = "请求方法不支持"; break;
    case 409: zTitle = "操作与当前状态冲突"; break;
    case 410: zTitle = "信息已撤回"; break;
    case 413: zTitle = "内容过大"; break;
    case 429: zTitle = "请求过于频繁"; break;
    case 503: zTitle = "系统繁忙"; break;
    default: zTitle = "服务器内部错误"; break;
    }
    TVal *d = page_data(req, zTitle, NULL);
    tv_int(d, "status", status);
    tv_str(d, "message", zMsg);
    if (pTmpl && page_render(req, "site/error.html", d) == ZW_OK) return;
    /* Last resort if the template itself failed. */
    str_reset(&req->out);
    str_htmlf(&req->out,
              "<!doctype html><html lang=\"zh-CN\"><meta charset=\"utf-8\"><title>%d %s</title>"
              "<h1>%d %s</h1><p>%s</p><p><a href=\"/\">返回首页</a></p></html>",
              status, zTitle, status, zTitle, zMsg);
}

int page_code_arg(Req *req, const char *zBase, char *zCode, int *pbDone) {
    *pbDone = 0;
    if (util_code_parse(req->azArg[0], zCode) != 0) {
        return http_fail(req, ZW_ENOTFOUND, "not_found", "查询码不存在，请核对后重新输入");
    }
    if (strcmp(zCode, req->azArg[0]) != 0) {
        *pbDone = 1;
        return http_redirect(req, arena_printf(req->a, "%s%s", zBase, zCode));
    }
    return ZW_OK;
}
