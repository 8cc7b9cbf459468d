/*
** ratelimit.h: per-client rate limits for public forms and endpoints (questions,
** subscriptions …): "at most N in S seconds per address", answered with 429, a
** Retry-After header and a Chinese message.
**
** Model: one token bucket per (bucket name, key), holding at most N tokens and
** refilled at N per S seconds; each request takes one token.  So a client may send
** N at once, then one every S/N seconds; an idle client is back to N after S seconds.
** The bucket is stored as one number, its "theoretical arrival time" (GCRA, the
** generic cell rate algorithm, which is this token bucket in integer form): a bucket
** whose time lies in the past is full and takes no memory worth keeping.
**
** Memory: fixed at ratelimit_new(): a table of slots (16 bytes each) in sets of 8,
**         indexed by a keyed SipHash of (name, key), so clients cannot aim at one set.
**         A full set forgets its bucket closest to full, so more limited clients than
**         slots at one moment makes the limit lenient for some, never stricter.
**         The RateLimit belongs to whoever called ratelimit_new() (ratelimit_free());
**         ratelimit_default() is a process-wide table that lives until exit.
** Threads: every call is thread-safe (one mutex per table; a call is a few dozen
**         instructions under it).
** Errors:  none; functions answer allowed / not allowed.
*/
#ifndef ZW_RATELIMIT_H
#define ZW_RATELIMIT_H

#include <stddef.h>
#include <stdint.h>

#include "http.h"

#define RATELIMIT_DEFAULT_SLOTS 8192 /* slots of ratelimit_default(): 128 KiB */

typedef struct RateLimit RateLimit;

/* A limit: at most nMax requests in nSeconds (both >= 1). */
typedef struct RateRule {
    int nMax;
    int nSeconds;
} RateRule;

/* A table with room for nSlots buckets (rounded up to a power of two, at least 8). */
RateLimit *ratelimit_new(size_t nSlots);
void ratelimit_free(RateLimit *p);

/* The process-wide table (RATELIMIT_DEFAULT_SLOTS), made at the first call. */
RateLimit *ratelimit_default(void);

/* Take one token from bucket (zName, zKey) under rule r at time nowMs (milliseconds
** on any monotonic clock; tests pass their own).  Returns 0 when allowed, else the
** whole seconds (>= 1) until a token is available; a refused request takes nothing. */
int ratelimit_take_at(RateLimit *p, const char *zName, const char *zKey, const RateRule *r,
                      int64_t nowMs);
/* ratelimit_take_at with the monotonic clock. */
int ratelimit_take(RateLimit *p, const char *zName, const char *zKey, const RateRule *r);

/* Parse "N/S" (N requests in S seconds, 1 <= N <= 1000000, 1 <= S <= 604800) into
** *r.  Returns 0, or -1 (and leaves *r alone) if z is NULL or malformed. */
int ratelimit_rule_parse(const char *z, RateRule *r);
/* The rule from environment variable zEnv, or zDefault (which must parse) when it is
** unset or malformed (logged). */
void ratelimit_rule_env(const char *zEnv, const char *zDefault, RateRule *r);

/* The key for a client address: an IPv4 address as it is; an IPv6 address reduced
** to its /64 network (one host usually holds a whole /64), written "2001:db8:1:2::/64";
** an IPv4-mapped IPv6 address as the IPv4 address.  Anything else is copied.  zOut
** has room for n bytes (64 is enough) and is always NUL-terminated. */
void ratelimit_addr_key(const char *zIp, char *zOut, size_t n);

/* For handlers: take a token from bucket zName for the request's client address in
** ratelimit_default().  ZW_OK, or ZW_ELIMIT with req->err set (code "rate_limited",
** a Chinese message saying when to try again) and a Retry-After header added; the
** caller returns that code and the error page or JSON says 429. */
int ratelimit_check(Req *req, const char *zName, const RateRule *r);

#endif
