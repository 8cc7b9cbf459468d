// SPDX-License-Identifier: MIT
/*
** server.c: libmicrohttpd glue.  Collects a request (bounded body), builds a Req,
** serves it from the page cache or routes it to a handler, and queues the reply
** with the security headers every page carries.  Also the clean shutdown on
** SIGINT/SIGTERM: stop accepting, let requests in flight finish, then stop.
**
** MHD pitfalls handled here (shared/measurements.md): the reply is queued on the
** second call at the earliest (queuing on the first loses keep-alive); epoll with
** a thread pool (never a single epoll thread); an idle timeout and a connection
** limit are always set; the body limit is ours to enforce.
*/
#include <netinet/in.h>
#include <sys/socket.h>
#include <arpa/inet.h>

#include <microhttpd.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "../core/log.h"
#include "../core/util.h"
#include "http.h"

/* ---------------------------------------------------------------- page cache */

#define CACHE_BUCKETS 4096
#define CACHE_MAX_ENTRIES 8192
#define CACHE_MAX_BYTES ((size_t)128 << 20)

typedef struct CacheEntry CacheEntry;
struct CacheEntry {
    CacheEntry *pNext;
    char *zKey;
    uint64_t gen;
    int64_t iHour;              /* clock hour (util_now()/3600) the entry was made in */
    struct MHD_Response *pResp; /* one reference held by the cache */
    char zEtag[24];
    size_t nBytes;
};

static CacheEntry *aBucket[CACHE_BUCKETS];
static pthread_rwlock_t cacheLock = PTHREAD_RWLOCK_INITIALIZER; /* readers: hits; writer: put, clear */
static size_t nCacheEntries, nCacheBytes;
static _Atomic uint64_t cacheGen = 1;

static uint64_t fnv1a(const void *p, size_t n) {
    const unsigned char *u = p;
    uint64_t h = 1469598103934665603ull;
    for (size_t i = 0; i < n; i++) {
        h ^= u[i];
        h *= 1099511628211ull;
    }
    return h;
}

void http_cache_bump(void) {
    atomic_fetch_add(&cacheGen, 1);
}

uint64_t http_cache_generation(void) {
    return atomic_load(&cacheGen);
}

static void cache_clear_locked(void) {
    for (int i = 0; i < CACHE_BUCKETS; i++) {
        CacheEntry *e = aBucket[i];
        while (e) {
            CacheEntry *pNext = e->pNext;
            MHD_destroy_response(e->pResp);
            free(e->zKey);
            free(e);
            e = pNext;
        }
        aBucket[i] = NULL;
    }
    nCacheEntries = nCacheBytes = 0;
}

void http_cache_clear(void) {
    pthread_rwlock_wrlock(&cacheLock);
    cache_clear_locked();
    pthread_rwlock_unlock(&cacheLock);
}

/* Look up zKey; on a hit take a reference to the response (caller destroys it). */
static struct MHD_Response *cache_get(const char *zKey, char *zEtag) {
    uint64_t gen = atomic_load(&cacheGen);
    unsigned b = (unsigned)(fnv1a(zKey, strlen(zKey)) & (CACHE_BUCKETS - 1));
    struct MHD_Response *r = NULL;
    pthread_rwlock_rdlock(&cacheLock);
    for (CacheEntry *e = aBucket[b]; e; e = e->pNext) {
        if (strcmp(e->zKey, zKey) == 0) {
            /* Entries also end with the clock hour they were made in: no cached page
            ** carries a form token (auth_form_token) older than the current hour, and
            ** nothing time-dependent (dates, overdue marks) is more than an hour old. */
            if (e->gen == gen && e->iHour == util_now() / 3600) {
                r = e->pResp;
                /* MHD has no public "retain"; queueing takes its own reference, so the
                ** read lock is held until the caller has queued (see cache_release). */
                memcpy(zEtag, e->zEtag, sizeof e->zEtag);
                return r; /* lock still held */
            }
            break;
        }
    }
    pthread_rwlock_unlock(&cacheLock);
    return NULL;
}

static void cache_release(void) {
    pthread_rwlock_unlock(&cacheLock);
}

static void cache_put(const char *zKey, struct MHD_Response *pResp, const char *zEtag, size_t n) {
    uint64_t gen = atomic_load(&cacheGen);
    unsigned b = (unsigned)(fnv1a(zKey, strlen(zKey)) & (CACHE_BUCKETS - 1));
    pthread_rwlock_wrlock(&cacheLock);
    if (nCacheEntries >= CACHE_MAX_ENTRIES || nCacheBytes + n > CACHE_MAX_BYTES) {
        cache_clear_locked();
    }
    CacheEntry **pp = &aBucket[b];
    while (*pp) {
        CacheEntry *e = *pp;
        if (strcmp(e->zKey, zKey) == 0 || e->gen != gen) {
            *pp = e->pNext;
            nCacheEntries--;
            nCacheBytes -= e->nBytes;
            MHD_destroy_response(e->pResp);
            free(e->zKey);
            free(e);
        } else {
            pp = &e->pNext;
        }
    }
    CacheEntry *e = xmalloc(sizeof *e);
    e->zKey = xstrdup(zKey);
    e->gen = gen;
    e->iHour = util_now() / 3600;
    e->pResp = pResp;
    snprintf(e->zEtag, sizeof e->zEtag, "%s", zEtag);
    e->nBytes = n;
    e->pNext = aBucket[b];
    aBucket[b] = e;
    nCacheEntries++;
    nCacheBytes += n;
    pthread_rwlock_unlock(&cacheLock);
}

/* ------------------------------------------------------------ request helpers */

const char *http_header(Req *req, const char *zName) {
    if (!req->pConn) return NULL;
    return MHD_lookup_connection_value(req->pConn, MHD_HEADER_KIND, zName);
}

const char *http_arg(Req *req, const char *zName) {
    return form_get(&req->query, zName);
}

const char *http_form(Req *req, const char *zName) {
    return form_get(&req->form, zName);
}

const char *http_cookie(Req *req, const char *zName) {
    return form_get(&req->cookies, zName);
}

int http_fail(Req *req, int rc, const char *zCode, const char *zMsg) {
    return err_set(&req->err, rc, zCode, zMsg, NULL);
}

int http_json_body(Req *req) {
    if (!req->pJson || req->pJson->eType != JSON_OBJ) {
        return http_fail(req, ZW_EINPUT, "json_required",
                         "请求体应为 JSON 对象（Content-Type: application/json）");
    }
    return ZW_OK;
}

int http_json_str(Req *req, const char *zKey, const char **pz) {
    Json *j = json_get(req->pJson, zKey);
    *pz = NULL;
    if (!j || j->eType == JSON_NULL) return ZW_OK;
    if (j->eType != JSON_STR) {
        return http_fail(req, ZW_EINPUT, "bad_field", arena_printf(req->a, "字段 %s 应为字符串", zKey));
    }
    *pz = j->zStr;
    return ZW_OK;
}

int http_arg_int(Req *req, const char *zName, int64_t iMin, int64_t iMax, int64_t iDefault,
                 int64_t *pOut) {
    const char *z = http_arg(req, zName);
    *pOut = iDefault;
    if (!z || !*z) return ZW_OK;
    int64_t v;
    if (str_to_i64(z, &v) != 0 || v < iMin || v > iMax) {
        return http_fail(req, ZW_EINPUT, "bad_parameter",
                         arena_printf(req->a, "参数 %s 的值无效，应为 %lld 到 %lld 之间的整数",
                                      zName, (long long)iMin, (long long)iMax));
    }
    *pOut = v;
    return ZW_OK;
}

void http_add_header(Req *req, const char *zName, const char *zValue) {
    if (req->nHdr >= HTTP_MAX_HEADERS) die("too many response headers");
    req->aHdr[req->nHdr].zName = zName;
    req->aHdr[req->nHdr].zValue = zValue;
    req->nHdr++;
}

int http_redirect(Req *req, const char *zUrl) {
    req->status = 303;
    req->bNoCache = 1;
    http_add_header(req, "Location", zUrl);
    return ZW_OK;
}

void http_json_reply(Req *req, int status) {
    req->status = status;
    req->zType = "application/json; charset=utf-8";
}

void http_date(int64_t t, char *buf, size_t n) {
    time_t tt = (time_t)t;
    struct tm tm;
    gmtime_r(&tt, &tm);
    strftime(buf, n, "%a, %d %b %Y %H:%M:%S GMT", &tm);
}

/* ------------------------------------------------------------------- routing */

static int match_route(const Route *r, Req *req) {
    const char *p = r->zPattern, *s = req->zPath;
    req->nInt = req->nStr = 0;
    if (*p != '/' || *s != '/') return 0;
    p++;
    s++;
    for (;;) {
        const char *pe = strchr(p, '/'), *se = strchr(s, '/');
        size_t np = pe ? (size_t)(pe - p) : strlen(p);
        size_t ns = se ? (size_t)(se - s) : strlen(s);
        if (np == 2 && p[0] == '*' && p[1] == '*') {
            if (!*s || req->nStr >= HTTP_MAX_ARGS) return 0;
            req->azArg[req->nStr++] = s;
            return 1;
        }
        if (np == 1 && *p == '#') {
            if (ns == 0 || ns > 15 || *s == '0' || req->nInt >= HTTP_MAX_ARGS) return 0;
            int64_t v = 0;
            for (size_t i = 0; i < ns; i++) {
                if (s[i] < '0' || s[i] > '9') return 0;
                v = v * 10 + (s[i] - '0');
            }
            req->aiArg[req->nInt++] = v;
        } else if (np == 1 && *p == '*') {
            if (ns == 0 || req->nStr >= HTTP_MAX_ARGS) return 0;
            req->azArg[req->nStr++] = arena_strndup(req->a, s, ns);
        } else if (np != ns || memcmp(p, s, np) != 0) {
            return 0;
        }
        if (!pe || !se) return !pe && !se;
        p = pe + 1;
        s = se + 1;
    }
}

/* Parse the body by its Content-Type.  Unknown types keep only the raw bytes. */
static int parse_body(Req *req) {
    const char *zType = req->zContentType;
    if (req->nBody == 0) return ZW_OK;
    if (strncasecmp(zType, "application/json", 16) == 0) {
        return json_parse(req->a, req->pBody, req->nBody, &req->pJson, &req->err);
    }
    if (strncasecmp(zType, "application/x-www-form-urlencoded", 33) == 0) {
        return form_parse_urlencoded(req->a, req->pBody, req->nBody, &req->form, &req->err);
    }
    if (strncasecmp(zType, "multipart/form-data", 19) == 0) {
        return form_parse_multipart(req->a, zType, req->pBody, req->nBody, &req->form, &req->err);
    }
    return ZW_OK;
}

void http_dispatch(const HttpConfig *pCfg, Req *req) {
    int rc = ZW_OK;
    int bMethodMismatch = 0;
    const Route *r;
    int eMatch = req->eMethod == HTTP_HEAD ? HTTP_GET : req->eMethod;
    req->bApi = strncmp(req->zPath, "/api/", 5) == 0;
    for (r = pCfg->aRoute; r->zPattern; r++) {
        if (!match_route(r, req)) continue;
        if (!(r->eMethods & eMatch)) {
            bMethodMismatch = 1;
            continue;
        }
        break;
    }
    if (!r->zPattern) {
        if (bMethodMismatch) {
            rc = http_fail(req, ZW_EINPUT, "method_not_allowed", "不支持该请求方法");
            req->status = 405;
        } else {
            rc = http_fail(req, ZW_ENOTFOUND, "not_found", "您访问的页面不存在");
        }
        goto fail;
    }
    req->pRoute = r;
    if (r->flags & ROUTE_API) req->bApi = 1;
    if ((rc = parse_body(req)) != ZW_OK) goto fail;
    if (pCfg->hooks.xBefore && (rc = pCfg->hooks.xBefore(req)) != ZW_OK) goto fail;
    rc = r->xHandler(req);
    if (rc == ZW_OK) return;
fail:
    if (req->status == 0 || req->status < 400) req->status = err_http_status(rc);
    if (!req->err.zMsg) err_set(&req->err, rc, NULL, "服务器内部错误", NULL);
    if (req->status >= 500) {
        log_error("req=%llu path=%s status=%d err=%s", (unsigned long long)req->id, req->zPath,
                  req->status, req->err.zLog ? req->err.zLog : req->err.zMsg);
    }
    req->bNoCache = 1;
    str_reset(&req->out);
    req->pOutRaw = NULL;
    req->nOutRaw = 0;
    if (pCfg->hooks.xError) pCfg->hooks.xError(req, rc);
}

/* ---------------------------------------------------------------- the server */

typedef struct ConnCtx {
    Arena arena;
    Str body;
    int bTooBig;
    int bCounted;
} ConnCtx;

static const HttpConfig *pConfig;
static _Atomic uint64_t nextReqId = 1;
static _Atomic int nActive;
static pthread_key_t dbKey;
static pthread_once_t dbKeyOnce = PTHREAD_ONCE_INIT;

static void db_key_free(void *p) {
    db_close(p);
}

static void db_key_make(void) {
    pthread_key_create(&dbKey, db_key_free);
}

static Db *worker_db(void) {
    pthread_once(&dbKeyOnce, db_key_make);
    Db *db = pthread_getspecific(dbKey);
    if (!db) {
        Err err = {0};
        if (db_open(&db, pConfig->zDbPath, 0, &err) != ZW_OK) return NULL;
        pthread_setspecific(dbKey, db);
    }
    return db;
}

/* Writes by other processes (zwgk import, a second server) do not call the publish
** hook, so once a second each worker asks SQLite whether anyone else committed and
** empties the cache if so.  Commits by the other worker threads count too, which
** over-invalidates a little and never serves a stale page for more than a second. */
static void notice_other_writers(Db *db) {
    static __thread int64_t iSeen = -1;
    static __thread time_t tChecked;
    time_t now = time(NULL);
    if (now == tChecked) return;
    tChecked = now;
    int64_t v = db_data_version(db);
    if (iSeen >= 0 && v != iSeen) http_cache_bump();
    iSeen = v;
}

static int method_code(const char *z) {
    if (strcmp(z, "GET") == 0) return HTTP_GET;
    if (strcmp(z, "HEAD") == 0) return HTTP_HEAD;
    if (strcmp(z, "POST") == 0) return HTTP_POST;
    if (strcmp(z, "PUT") == 0) return HTTP_PUT;
    if (strcmp(z, "DELETE") == 0) return HTTP_DELETE;
    return 0;
}

typedef struct ArgCollect {
    Req *req;
    Str key;
    int bBad;
} ArgCollect;

static enum MHD_Result collect_arg(void *pCtx, enum MHD_ValueKind kind, const char *zKey,
                                   const char *zValue) {
    (void)kind;
    ArgCollect *c = pCtx;
    Req *req = c->req;
    if (!zValue) zValue = "";
    if (!utf8_valid(zKey, strlen(zKey)) || !utf8_valid(zValue, strlen(zValue)) ||
        req->query.nField >= FORM_MAX_FIELDS || strlen(zKey) > FORM_MAX_NAME) {
        c->bBad = 1;
        return MHD_NO;
    }
    if (req->query.nField % 8 == 0) {
        FormField *a = arena_alloc(req->a, sizeof(FormField) * (size_t)(req->query.nField + 8));
        if (req->query.nField) memcpy(a, req->query.aField, sizeof(FormField) * (size_t)req->query.nField);
        req->query.aField = a;
    }
    FormField *f = &req->query.aField[req->query.nField++];
    memset(f, 0, sizeof *f);
    f->zName = arena_strdup(req->a, zKey);
    f->zValue = arena_strdup(req->a, zValue);
    f->nValue = strlen(zValue);
    str_putc(&c->key, c->key.n ? '&' : '?');
    str_url(&c->key, zKey);
    str_putc(&c->key, '=');
    str_url(&c->key, zValue);
    return MHD_YES;
}

static void add_std_headers(struct MHD_Response *r, const char *zType) {
    MHD_add_response_header(r, "Content-Type", zType);
    MHD_add_response_header(r, "X-Content-Type-Options", "nosniff");
    MHD_add_response_header(r, "Referrer-Policy", "strict-origin-when-cross-origin");
    MHD_add_response_header(r, "X-Frame-Options", "SAMEORIGIN");
    MHD_add_response_header(r, "Content-Security-Policy",
                            "default-src 'self'; script-src 'self'; style-src 'self'; "
                            "img-src 'self' data:; media-src 'self'; object-src 'none'; "
                            "base-uri 'none'; form-action 'self'; frame-ancestors 'self'");
}

static enum MHD_Result queue_304(struct MHD_Connection *c, const char *zEtag) {
    struct MHD_Response *r = MHD_create_response_from_buffer(0, (void *)"", MHD_RESPMEM_PERSISTENT);
    MHD_add_response_header(r, "ETag", zEtag);
    enum MHD_Result ret = MHD_queue_response(c, 304, r);
    MHD_destroy_response(r);
    return ret;
}

static int etag_matches(struct MHD_Connection *c, const char *zEtag) {
    const char *z = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "If-None-Match");
    return z && strstr(z, zEtag) != NULL;
}

static enum MHD_Result simple_reply(struct MHD_Connection *c, int status, const char *zBody) {
    struct MHD_Response *r =
        MHD_create_response_from_buffer(strlen(zBody), (void *)zBody, MHD_RESPMEM_PERSISTENT);
    add_std_headers(r, "text/plain; charset=utf-8");
    enum MHD_Result ret = MHD_queue_response(c, (unsigned)status, r);
    MHD_destroy_response(r);
    return ret;
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *c, const char *zUrl,
                                  const char *zMethod, const char *zVersion,
                                  const char *pUpload, size_t *pnUpload, void **ppCtx) {
    (void)cls;
    (void)zVersion;
    ConnCtx *ctx = *ppCtx;
    if (!ctx) {
        ctx = xmalloc(sizeof *ctx);
        memset(ctx, 0, sizeof *ctx);
        arena_init(&ctx->arena);
        str_init(&ctx->body, &ctx->arena);
        ctx->body.nMax = pConfig->nMaxBody + 1;
        ctx->bCounted = 1;
        atomic_fetch_add(&nActive, 1);
        *ppCtx = ctx;
        const char *zLen = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Content-Length");
        int64_t nLen;
        if (zLen && str_to_i64(zLen, &nLen) == 0 && (uint64_t)nLen > pConfig->nMaxBody) {
            ctx->bTooBig = 1;
        }
        return MHD_YES;
    }
    if (*pnUpload) {
        if (!ctx->bTooBig) {
            str_append(&ctx->body, pUpload, *pnUpload);
            if (ctx->body.err || ctx->body.n > pConfig->nMaxBody) ctx->bTooBig = 1;
        }
        *pnUpload = 0;
        return MHD_YES;
    }

    /* The whole request is here: build the Req. */
    int bCacheable = 0;
    const char *zKey = NULL;
    Req req;
    memset(&req, 0, sizeof req);
    Arena *a = &ctx->arena;
    req.a = a;
    req.pConn = c;
    req.id = atomic_fetch_add(&nextReqId, 1);
    req.zMethod = zMethod;
    req.eMethod = method_code(zMethod);
    str_init(&req.out, a);
    req.zType = "text/html; charset=utf-8";
    const union MHD_ConnectionInfo *ci = MHD_get_connection_info(c, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
    char zIp[64] = "";
    if (ci && ci->client_addr) {
        const struct sockaddr *sa = ci->client_addr;
        if (sa->sa_family == AF_INET) {
            inet_ntop(AF_INET, &((const struct sockaddr_in *)sa)->sin_addr, zIp, sizeof zIp);
        } else if (sa->sa_family == AF_INET6) {
            inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)sa)->sin6_addr, zIp, sizeof zIp);
        }
    }
    if (pConfig->bTrustProxy) {
        const char *zFwd = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "X-Forwarded-For");
        if (zFwd && *zFwd) {
            size_t n = strcspn(zFwd, ", ");
            if (n < sizeof zIp) {
                memcpy(zIp, zFwd, n);
                zIp[n] = 0;
            }
        }
        const char *zProto = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "X-Forwarded-Proto");
        req.bSecure = zProto && strcmp(zProto, "https") == 0;
    }
    req.zIp = arena_strdup(a, zIp);
    req.db = worker_db();

    if (!req.eMethod) return simple_reply(c, 405, "405 不支持该请求方法\n");
    if (ctx->bTooBig) {
        req.bApi = strncmp(zUrl, "/api/", 5) == 0;
        req.zPath = "/";
        req.status = 413;
        err_set(&req.err, ZW_ETOOBIG, "too_large", "提交的内容超过了大小限制", NULL);
        if (pConfig->hooks.xError) pConfig->hooks.xError(&req, ZW_ETOOBIG);
        goto send;
    }
    if (!utf8_valid(zUrl, strlen(zUrl)) || zUrl[0] != '/' || strlen(zUrl) > 2048) {
        return simple_reply(c, 400, "400 请求地址无效\n");
    }
    req.zPath = arena_strdup(a, zUrl);
    ArgCollect ac = {&req, {0}, 0};
    str_init(&ac.key, a);
    str_puts(&ac.key, req.zPath);
    MHD_get_connection_values(c, MHD_GET_ARGUMENT_KIND, collect_arg, &ac);
    if (ac.bBad) {
        req.bApi = strncmp(zUrl, "/api/", 5) == 0;
        req.status = 400;
        err_set(&req.err, ZW_EINPUT, "bad_request", "请求参数无效（编码错误或数量过多）", NULL);
        if (pConfig->hooks.xError) pConfig->hooks.xError(&req, ZW_EINPUT);
        goto send;
    }
    const char *zCookie = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Cookie");
    if (zCookie) form_parse_cookies(a, zCookie, &req.cookies, NULL);
    bCacheable = (req.eMethod & (HTTP_GET | HTTP_HEAD)) && !http_cookie(&req, HTTP_SESSION_COOKIE);
    if (bCacheable && req.db) notice_other_writers(req.db);
    if (bCacheable) {
        const char *zA11y = http_cookie(&req, "zwgk_a11y");
        if (zA11y) str_appendf(&ac.key, "#%s", zA11y);
        zKey = str_cstr(&ac.key);
        char zEtag[24];
        struct MHD_Response *r = cache_get(zKey, zEtag);
        if (r) {
            enum MHD_Result ret;
            if (etag_matches(c, zEtag)) {
                cache_release();
                ret = queue_304(c, zEtag);
            } else {
                ret = MHD_queue_response(c, 200, r);
                cache_release();
            }
            return ret;
        }
    }
    if (!req.db) {
        req.status = 503;
        err_set(&req.err, ZW_EBUSY, "unavailable", "系统暂时无法访问数据库，请稍后再试", NULL);
        if (pConfig->hooks.xError) pConfig->hooks.xError(&req, ZW_EBUSY);
        goto send;
    }
    req.pBody = str_cstr(&ctx->body);
    req.nBody = ctx->body.n;
    const char *zType = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Content-Type");
    req.zContentType = zType ? zType : "";
    if (req.nBody && !(req.eMethod & (HTTP_POST | HTTP_PUT | HTTP_DELETE))) req.nBody = 0;
    http_dispatch(pConfig, &req);

send:;
    const void *pData = req.pOutRaw ? req.pOutRaw : (const void *)str_cstr(&req.out);
    size_t nData = req.pOutRaw ? req.nOutRaw : req.out.n;
    if (req.out.err) {
        log_error("req=%llu response too large", (unsigned long long)req.id);
        return simple_reply(c, 500, "500 服务器内部错误\n");
    }
    struct MHD_Response *r = MHD_create_response_from_buffer(nData, (void *)pData, MHD_RESPMEM_MUST_COPY);
    add_std_headers(r, req.zType);
    for (int i = 0; i < req.nHdr; i++) {
        MHD_add_response_header(r, req.aHdr[i].zName, req.aHdr[i].zValue);
    }
    if (req.zLastMod) MHD_add_response_header(r, "Last-Modified", req.zLastMod);
    int status = req.status ? req.status : 200;
    enum MHD_Result ret;
    if (status == 200 && (req.eMethod & (HTTP_GET | HTTP_HEAD))) {
        char zEtag[24];
        snprintf(zEtag, sizeof zEtag, "\"%016llx\"", (unsigned long long)fnv1a(pData, nData));
        MHD_add_response_header(r, "ETag", zEtag);
        int bStore = bCacheable && req.pRoute && (req.pRoute->flags & ROUTE_CACHE) && !req.bNoCache;
        if (!bStore) MHD_add_response_header(r, "Cache-Control", "no-cache");
        if (etag_matches(c, zEtag)) {
            ret = queue_304(c, zEtag);
        } else {
            ret = MHD_queue_response(c, 200, r);
        }
        if (bStore) {
            cache_put(zKey, r, zEtag, nData);
            return ret;
        }
    } else {
        if (status != 200) MHD_add_response_header(r, "Cache-Control", "no-store");
        ret = MHD_queue_response(c, (unsigned)status, r);
    }
    MHD_destroy_response(r);
    return ret;
}

static void on_completed(void *cls, struct MHD_Connection *c, void **ppCtx,
                         enum MHD_RequestTerminationCode toe) {
    (void)cls;
    (void)c;
    (void)toe;
    ConnCtx *ctx = *ppCtx;
    if (!ctx) return;
    if (ctx->bCounted) atomic_fetch_sub(&nActive, 1);
    arena_free(&ctx->arena);
    free(ctx);
    *ppCtx = NULL;
}

static void on_mhd_log(void *cls, const char *zFmt, va_list ap) {
    (void)cls;
    char buf[512];
    vsnprintf(buf, sizeof buf, zFmt, ap);
    log_warn("mhd %s", buf);
}

static int parse_listen(const char *zListen, struct sockaddr_in *pAddr) {
    const char *zColon = strrchr(zListen, ':');
    if (!zColon) return -1;
    char zHost[64];
    size_t n = (size_t)(zColon - zListen);
    if (n >= sizeof zHost) return -1;
    memcpy(zHost, zListen, n);
    zHost[n] = 0;
    int64_t port;
    if (str_to_i64(zColon + 1, &port) != 0 || port < 0 || port > 65535) return -1;
    memset(pAddr, 0, sizeof *pAddr);
    pAddr->sin_family = AF_INET;
    pAddr->sin_port = htons((uint16_t)port);
    if (n == 0) snprintf(zHost, sizeof zHost, "127.0.0.1");
    if (inet_pton(AF_INET, zHost, &pAddr->sin_addr) != 1) return -1;
    return 0;
}

int http_serve(const HttpConfig *pCfg, Err *err) {
    struct sockaddr_in addr;
    if (parse_listen(pCfg->zListen, &addr) != 0) {
        return err_set(err, ZW_EINPUT, NULL, "监听地址无效，应为 IP:端口", "bad --listen");
    }
    pConfig = pCfg;
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGINT);
    sigaddset(&set, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &set, NULL); /* workers inherit the mask */
    signal(SIGPIPE, SIG_IGN);
    unsigned nThreads = pCfg->nThreads >= 1 ? pCfg->nThreads : 2;
    struct MHD_Daemon *d = MHD_start_daemon(
        MHD_USE_EPOLL_INTERNAL_THREAD | MHD_USE_ERROR_LOG | MHD_USE_ITC, 0, NULL, NULL, on_request, NULL,
        MHD_OPTION_EXTERNAL_LOGGER, on_mhd_log, NULL,
        MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&addr,
        MHD_OPTION_THREAD_POOL_SIZE, nThreads,
        MHD_OPTION_CONNECTION_TIMEOUT, 30u,
        MHD_OPTION_CONNECTION_LIMIT, 4000u,
        MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)64 * 1024,
        MHD_OPTION_NOTIFY_COMPLETED, on_completed, NULL,
        MHD_OPTION_LISTENING_ADDRESS_REUSE, 1u,
        MHD_OPTION_END);
    if (!d) {
        return err_set(err, ZW_EIO, NULL, "无法启动服务（端口可能已被占用）", "MHD_start_daemon failed");
    }
    const union MHD_DaemonInfo *di = MHD_get_daemon_info(d, MHD_DAEMON_INFO_BIND_PORT);
    log_info("listening addr=%s port=%u threads=%u", pCfg->zListen, di ? di->port : 0, nThreads);
    int sig = 0;
    sigwait(&set, &sig);
    log_info("stopping signal=%d in_flight=%d", sig, atomic_load(&nActive));
    MHD_socket s = MHD_quiesce_daemon(d);
    if (s != MHD_INVALID_SOCKET) close(s);
    for (int i = 0; i < 200 && atomic_load(&nActive) > 0; i++) usleep(50 * 1000);
    MHD_stop_daemon(d);
    http_cache_clear();
    log_info("stopped");
    return ZW_OK;
}
