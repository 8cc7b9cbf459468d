// SPDX-License-Identifier: MIT
/*
** auth_web.c: sessions, CSRF and login over HTTP.  Graded like Fossil's
** cgi_csrf_safe: a state change needs (1) no foreign Origin, (2) a session whose
** CSRF token arrives in X-CSRF-Token or the form field "csrf", or, for public
** routes, a JSON body (which a cross-site HTML form cannot send) or a valid form
** token.
*/
#include "auth_web.h"

#include <sodium.h>
#include <stdio.h>
#include <string.h>

#include "../core/log.h"
#include "../core/util.h"
#include "../web/page.h"

static char zFormSecret[65] = "";

void auth_set_form_secret(const char *zSecret) {
    snprintf(zFormSecret, sizeof zFormSecret, "%s", zSecret);
}

static const char *form_token_for(Arena *a, int64_t iSlot) {
    unsigned char mac[crypto_auth_hmacsha256_BYTES];
    char zMsg[64];
    int n = snprintf(zMsg, sizeof zMsg, "form:%lld", (long long)iSlot);
    crypto_auth_hmacsha256_state st;
    crypto_auth_hmacsha256_init(&st, (const unsigned char *)zFormSecret, strlen(zFormSecret));
    crypto_auth_hmacsha256_update(&st, (const unsigned char *)zMsg, (unsigned long long)n);
    crypto_auth_hmacsha256_final(&st, mac);
    char *z = arena_alloc(a, 64);
    sodium_bin2base64(z, 64, mac, 24, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
    return arena_printf(a, "%lld.%s", (long long)iSlot, z);
}

const char *auth_form_token(Req *req) {
    return form_token_for(req->a, util_now() / 3600);
}

int auth_check_form_token(Req *req, const char *zToken) {
    int64_t iNow = util_now() / 3600;
    for (int64_t i = iNow; zToken && i >= iNow - 2; i--) {
        if (util_streq_ct(zToken, form_token_for(req->a, i))) return ZW_OK;
    }
    return http_fail(req, ZW_EPERM, "bad_form_token", "页面已过期或来源无效，请刷新页面后重新提交");
}

/* 1 if an Origin header names another site than the Host header. */
static int foreign_origin(Req *req) {
    const char *zOrigin = http_header(req, "Origin");
    const char *zHost = http_header(req, "Host");
    if (!zOrigin || strcmp(zOrigin, "null") == 0) return zOrigin != NULL;
    const char *p = strstr(zOrigin, "://");
    if (!p || !zHost) return 1;
    return strcmp(p + 3, zHost) != 0;
}

int auth_before(Req *req) {
    const char *zTok = http_cookie(req, HTTP_SESSION_COOKIE);
    User *u = zTok ? auth_session(req->db, req->a, zTok) : NULL;
    req->pApp = u;
    if (req->eMethod & (HTTP_GET | HTTP_HEAD)) return ZW_OK;
    if (foreign_origin(req)) {
        return http_fail(req, ZW_EPERM, "cross_origin", "拒绝来自其他网站的提交");
    }
    int bPublic = req->pRoute && (req->pRoute->flags & ROUTE_PUBLIC_POST);
    /* The URL carries its own secret (one-click unsubscribe from a mail client). */
    if (req->pRoute && (req->pRoute->flags & ROUTE_TOKEN_POST)) return ZW_OK;
    if (u) {
        const char *zGot = http_header(req, "X-CSRF-Token");
        if (!zGot) zGot = http_form(req, "csrf");
        if (!zGot || !util_streq_ct(zGot, u->zCsrf)) {
            return http_fail(req, ZW_EPERM, "csrf", "安全校验失败（缺少或错误的 CSRF 令牌），请刷新页面后重试");
        }
        return ZW_OK;
    }
    if (!bPublic) return http_fail(req, ZW_EAUTH, "login_required", "请先登录");
    if (req->pJson) return ZW_OK;
    if (req->bApi) {
        return http_fail(req, ZW_EINPUT, "json_required", "接口只接受 application/json 格式的请求");
    }
    return auth_check_form_token(req, http_form(req, "form_token"));
}

static void set_session_cookie(Req *req, const char *zToken, int bClear) {
    const char *zSecure = req->bSecure ? "; Secure" : "";
    if (bClear) {
        http_add_header(req, "Set-Cookie",
                        arena_printf(req->a, "%s=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0%s",
                                     HTTP_SESSION_COOKIE, zSecure));
    } else {
        http_add_header(req, "Set-Cookie",
                        arena_printf(req->a, "%s=%s; Path=/; HttpOnly; SameSite=Lax; Max-Age=%d%s",
                                     HTTP_SESSION_COOKIE, zToken, AUTH_SESSION_SECONDS, zSecure));
    }
}

int auth_login_page(Req *req) {
    if (page_user(req)) return http_redirect(req, "/admin");
    TVal *d = page_data(req, "工作人员登录", NULL);
    tv_str(d, "form_token", auth_form_token(req));
    req->bNoCache = 1;
    return page_render(req, "admin/login.html", d);
}

int auth_login_post(Req *req) {
    const char *zToken;
    User *u;
    Err err = {0};
    const char *zName = http_form(req, "name");
    int rc = auth_login(req->db, req->a, zName, http_form(req, "password"), req->zIp, &zToken, &u, &err);
    if (rc != ZW_OK) {
        req->status = err_http_status(rc);
        TVal *d = page_data(req, "工作人员登录", NULL);
        tv_str(d, "form_token", auth_form_token(req));
        tv_str(d, "error", err.zMsg);
        tv_str(d, "name", zName);
        return page_render(req, "admin/login.html", d);
    }
    set_session_cookie(req, zToken, 0);
    return http_redirect(req, "/admin");
}

int auth_logout_post(Req *req) {
    auth_logout(req->db, http_cookie(req, HTTP_SESSION_COOKIE));
    set_session_cookie(req, NULL, 1);
    return http_redirect(req, "/admin/login");
}

int auth_api_login(Req *req) {
    const char *zToken;
    User *u;
    if (!req->pJson) return http_fail(req, ZW_EINPUT, "json_required", "请求体应为 JSON");
    int rc = auth_login(req->db, req->a, json_get_str(req->pJson, "name"),
                        json_get_str(req->pJson, "password"), req->zIp, &zToken, &u, &req->err);
    if (rc != ZW_OK) return rc;
    set_session_cookie(req, zToken, 0);
    http_json_reply(req, 200);
    str_puts(&req->out, "{\"csrf\":");
    str_json(&req->out, u->zCsrf);
    str_puts(&req->out, ",\"user\":{\"name\":");
    str_json(&req->out, u->zName);
    str_puts(&req->out, ",\"unit\":");
    str_json(&req->out, u->zUnitCode);
    str_puts(&req->out, ",\"role\":");
    str_json(&req->out, auth_role_name(u->eRole));
    str_puts(&req->out, "}}");
    return ZW_OK;
}

int auth_api_logout(Req *req) {
    auth_logout(req->db, http_cookie(req, HTTP_SESSION_COOKIE));
    set_session_cookie(req, NULL, 1);
    http_json_reply(req, 200);
    str_puts(&req->out, "{\"ok\":true}");
    return ZW_OK;
}
