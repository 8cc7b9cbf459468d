/*
** http.h: the HTTP server (libmicrohttpd), requests, responses, routing and the
** page cache.  Modules register routes; handlers fill the response in Req.
**
** Memory: each Req owns an Arena (req->a) made before the handler runs and freed
**         after the reply is sent; everything a handler allocates for the reply goes
**         there.  The cache owns its entries (see http_cache_*).
** Errors: a handler returns ZW_OK after filling the response, or a ZW_E* code with
**         req->err filled; the server then calls the error renderer installed by
**         the application (HttpHooks.xError) to make the 4xx/5xx page or JSON.
** Threads: handlers run on MHD's worker threads (a pool); each worker has its own
**         database connection (req->db), opened lazily.
*/
#ifndef ZW_HTTP_H
#define ZW_HTTP_H

#include <stddef.h>
#include <stdint.h>

#include "../core/arena.h"
#include "../core/err.h"
#include "../core/json.h"
#include "../core/str.h"
#include "../store/db.h"
#include "form.h"

enum { HTTP_GET = 1, HTTP_HEAD = 2, HTTP_POST = 4, HTTP_PUT = 8, HTTP_DELETE = 16 };

/* Route flags. */
#define ROUTE_CACHE 1       /* GET reply may be cached while no session cookie is sent */
#define ROUTE_PUBLIC_POST 2 /* state change allowed without a session (JSON or form token) */
#define ROUTE_API 4         /* errors as JSON (set automatically for /api/ paths) */
#define ROUTE_TOKEN_POST 8  /* POST authorised by a secret token in the URL itself (RFC 8058
                               ** one-click unsubscribe): no session, CSRF or form token needed */

typedef struct Req Req;
typedef struct Route Route;
typedef int (*HttpHandler)(Req *req);

/* A route: method mask, path pattern, handler, flags.  Patterns are split on '/';
** a segment "#" matches a positive decimal integer (stored in req->aiArg), "*"
** matches any one non-empty segment (stored in req->azArg), and a final "**"
** matches the rest of the path (one or more segments, stored in req->azArg). */
struct Route {
    int eMethods;
    const char *zPattern;
    HttpHandler xHandler;
    int flags;
};

/* A response header added by a handler. */
typedef struct HttpHeader {
    const char *zName;
    const char *zValue;
} HttpHeader;

#define HTTP_MAX_ARGS 4
#define HTTP_MAX_HEADERS 16

struct Req {
    Arena *a;             /* per-request arena */
    Db *db;               /* the worker's database connection */
    uint64_t id;          /* request number, for logs */
    int eMethod;          /* HTTP_GET ... */
    const char *zMethod;  /* as sent */
    const char *zPath;    /* decoded path, valid UTF-8 */
    const char *zQuery;   /* canonical query string for cache keys ("" if none) */
    const char *zIp;      /* client address */
    Form query;           /* query-string arguments (validated UTF-8) */
    Form cookies;         /* Cookie header */
    Form form;            /* urlencoded or multipart body */
    Json *pJson;          /* JSON body, when Content-Type is application/json */
    const char *pBody;    /* raw body (NUL-terminated copy), nBody bytes */
    size_t nBody;
    const char *zContentType; /* request Content-Type, or "" */
    const Route *pRoute;  /* the matched route */
    int64_t aiArg[HTTP_MAX_ARGS]; /* "#" segments */
    int nInt;
    const char *azArg[HTTP_MAX_ARGS]; /* "*" and "**" segments */
    int nStr;
    int bApi;             /* path under /api/: errors as JSON */
    int bSecure;          /* request came over HTTPS (X-Forwarded-Proto from a trusted proxy) */
    void *pApp;           /* the application's per-request data (session user) */
    Err err;              /* filled by a failing handler */
    void *pConn;          /* struct MHD_Connection *, for header lookups */

    /* The response. */
    int status;            /* default 200 */
    const char *zType;     /* Content-Type; default text/html; charset=utf-8 */
    Str out;               /* body */
    const void *pOutRaw;   /* alternative body (e.g. a blob), nOutRaw bytes, owned by the arena */
    size_t nOutRaw;
    HttpHeader aHdr[HTTP_MAX_HEADERS];
    int nHdr;
    int bNoCache;          /* reply must not be stored by the page cache */
    const char *zLastMod;  /* Last-Modified value (IMF-fixdate), optional */
};

/* The session cookie; requests that carry it bypass the page cache. */
#define HTTP_SESSION_COOKIE "zwgk_session"

/* Application hooks, installed before http_serve(). */
typedef struct HttpHooks {
    /* Runs after routing, before the handler (sessions, CSRF).  Return ZW_OK to go on. */
    int (*xBefore)(Req *req);
    /* Renders req->err for code rc into the response (status already chosen). */
    void (*xError)(Req *req, int rc);
} HttpHooks;

typedef struct HttpConfig {
    const char *zDbPath;   /* database each worker opens */
    const char *zListen;   /* "127.0.0.1:8080" */
    unsigned nThreads;     /* worker threads (>= 2 recommended) */
    size_t nMaxBody;       /* bytes; larger bodies get 413 */
    const Route *aRoute;   /* route table, NULL-pattern terminated */
    HttpHooks hooks;
    int bTrustProxy;       /* honour X-Forwarded-For / X-Forwarded-Proto */
} HttpConfig;

/* Run the server until SIGINT or SIGTERM; requests in flight are finished first.
** Returns ZW_OK after a clean stop. */
int http_serve(const HttpConfig *pCfg, Err *err);

/* Dispatch one request through the routes (the server calls this; tests may too). */
void http_dispatch(const HttpConfig *pCfg, Req *req);

/* Request helpers. */
const char *http_header(Req *req, const char *zName); /* request header or NULL */
const char *http_arg(Req *req, const char *zName);    /* query argument or NULL */
/* Integer query argument in [iMin, iMax]; absent gives iDefault.  ZW_EINPUT if malformed
** or out of range (req->err filled with a Chinese message naming the parameter). */
int http_arg_int(Req *req, const char *zName, int64_t iMin, int64_t iMax, int64_t iDefault,
                 int64_t *pOut);
/* A field of the form body or NULL. */
const char *http_form(Req *req, const char *zName);
const char *http_cookie(Req *req, const char *zName);

/* Response helpers. */
void http_add_header(Req *req, const char *zName, const char *zValue);
/* 303 See Other to zUrl (a path on this site). */
int http_redirect(Req *req, const char *zUrl);
/* Set content type to JSON and status; body is in req->out. */
void http_json_reply(Req *req, int status);
/* ZW_OK when the request body is a JSON object, else 400 json_required. */
int http_json_body(Req *req);
/* The string member zKey of the JSON body into *pz (NULL when absent or null); a member
** of another type is 400 bad_field naming it. */
int http_json_str(Req *req, const char *zKey, const char **pz);
/* Fill req->err and return rc (for `return http_fail(req, ZW_EINPUT, "code", "消息")`). */
int http_fail(Req *req, int rc, const char *zCode, const char *zMsg);

/* The page cache: whole GET replies keyed by path and query.  Entries are valid
** while the global generation is unchanged and the clock hour (util_now()/3600) is
** the one they were made in, so a cached form token is never stale (auth_web.h);
** http_cache_bump() after any change the public can see.  Thread-safe. */
void http_cache_bump(void);
uint64_t http_cache_generation(void);
/* Remove every entry (tests, memory pressure). */
void http_cache_clear(void);

/* Format t (Unix seconds) as an IMF-fixdate into buf (at least 30 bytes). */
void http_date(int64_t t, char *buf, size_t n);

#endif
