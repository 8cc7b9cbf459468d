// SPDX-License-Identifier: MIT
/*
** ratelimit.c: token buckets per (name, key) in a fixed, set-associative table (see
** ratelimit.h for the model).  Each slot holds a 64-bit keyed hash and the bucket's
** theoretical arrival time (TAT) in milliseconds:
**   T   = S*1000/N          the time one token takes to come back
**   tau = S*1000 - T        how far ahead of now the TAT may run (N-1 tokens of burst)
**   a request at now: tat = max(TAT, now); refused if tat - now > tau (retry after
**   tat - now - tau), else TAT = tat + T.
** A slot whose TAT is not after now is a full bucket, the same as no slot at all, so
** it is free for reuse.  Relies on libsodium (crypto_shorthash, randombytes) and
** pthreads; leaves the 429 page to the application's error renderer.
*/
#include "ratelimit.h"

#include <arpa/inet.h>
#include <pthread.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../core/arena.h"
#include "../core/log.h"

#define SET_WAYS 8 /* slots per set */

typedef struct Slot {
    uint64_t h;   /* keyed hash of (name, key); 0 = never used */
    int64_t tat;  /* theoretical arrival time, ms */
} Slot;

struct RateLimit {
    pthread_mutex_t mu;
    Slot *aSlot;   /* nSet * SET_WAYS slots */
    size_t nSet;   /* a power of two */
    unsigned char aKey[crypto_shorthash_KEYBYTES];
};

RateLimit *ratelimit_new(size_t nSlots) {
    size_t nSet = 1;
    while (nSet * SET_WAYS < nSlots) nSet <<= 1;
    RateLimit *p = xmalloc(sizeof *p);
    memset(p, 0, sizeof *p);
    pthread_mutex_init(&p->mu, NULL);
    p->nSet = nSet;
    p->aSlot = xmalloc(nSet * SET_WAYS * sizeof(Slot));
    memset(p->aSlot, 0, nSet * SET_WAYS * sizeof(Slot));
    if (sodium_init() < 0) die("sodium_init failed");
    randombytes_buf(p->aKey, sizeof p->aKey);
    return p;
}

void ratelimit_free(RateLimit *p) {
    if (!p) return;
    pthread_mutex_destroy(&p->mu);
    free(p->aSlot);
    free(p);
}

static RateLimit *pDefault;
static pthread_once_t defaultOnce = PTHREAD_ONCE_INIT;

static void make_default(void) {
    pDefault = ratelimit_new(RATELIMIT_DEFAULT_SLOTS);
}

RateLimit *ratelimit_default(void) {
    pthread_once(&defaultOnce, make_default);
    return pDefault;
}

/* Keyed hash of zName NUL zKey; never 0 (0 marks an unused slot).  A long key is
** hashed on its own first, so the input buffer stays fixed. */
static uint64_t bucket_hash(const RateLimit *p, const char *zName, const char *zKey) {
    unsigned char buf[320];
    unsigned char aSub[crypto_shorthash_BYTES];
    size_t nName = strnlen(zName, 63), nKey = strlen(zKey);
    const unsigned char *pKey = (const unsigned char *)zKey;
    if (nKey > sizeof buf - 64) {
        crypto_shorthash(aSub, pKey, nKey, p->aKey);
        pKey = aSub;
        nKey = sizeof aSub;
    }
    memcpy(buf, zName, nName);
    buf[nName] = 0;
    memcpy(buf + nName + 1, pKey, nKey);
    unsigned char out[crypto_shorthash_BYTES];
    crypto_shorthash(out, buf, nName + 1 + nKey, p->aKey);
    uint64_t h;
    memcpy(&h, out, sizeof h);
    return h ? h : 1;
}

int ratelimit_take_at(RateLimit *p, const char *zName, const char *zKey, const RateRule *r,
                      int64_t nowMs) {
    int64_t nWindow = (int64_t)r->nSeconds * 1000;
    int64_t iT = nWindow / r->nMax;
    if (iT < 1) iT = 1;
    int64_t tau = nWindow - iT;
    uint64_t h = bucket_hash(p, zName ? zName : "", zKey ? zKey : "");
    int nRetry = 0;
    pthread_mutex_lock(&p->mu);
    Slot *aSet = &p->aSlot[((size_t)(h >> 32 ^ h) & (p->nSet - 1)) * SET_WAYS];
    Slot *pSlot = NULL, *pFree = NULL, *pOldest = NULL;
    for (int i = 0; i < SET_WAYS; i++) {
        Slot *s = &aSet[i];
        if (s->h == h) {
            pSlot = s;
            break;
        }
        if (!pFree && (s->h == 0 || s->tat <= nowMs)) pFree = s;
        if (!pOldest || s->tat < pOldest->tat) pOldest = s;
    }
    if (!pSlot) {
        /* A new bucket starts full: take a free slot, or forget the fullest one. */
        pSlot = pFree ? pFree : pOldest;
        pSlot->h = h;
        pSlot->tat = nowMs;
    }
    int64_t tat = pSlot->tat > nowMs ? pSlot->tat : nowMs;
    if (tat - nowMs > tau) {
        int64_t nWait = tat - nowMs - tau;
        nRetry = (int)((nWait + 999) / 1000);
        if (nRetry < 1) nRetry = 1;
    } else {
        pSlot->tat = tat + iT;
    }
    pthread_mutex_unlock(&p->mu);
    return nRetry;
}

static int64_t now_ms(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

int ratelimit_take(RateLimit *p, const char *zName, const char *zKey, const RateRule *r) {
    return ratelimit_take_at(p, zName, zKey, r, now_ms());
}

/* Parse a decimal in [lo, hi] at *pz, advancing it; -1 if none or out of range. */
static int64_t parse_num(const char **pz, int64_t lo, int64_t hi) {
    const char *z = *pz;
    int64_t v = 0;
    int n = 0;
    while (*z >= '0' && *z <= '9' && n < 10) {
        v = v * 10 + (*z++ - '0');
        n++;
    }
    if (n == 0 || v < lo || v > hi) return -1;
    *pz = z;
    return v;
}

int ratelimit_rule_parse(const char *z, RateRule *r) {
    if (!z) return -1;
    int64_t nMax = parse_num(&z, 1, 1000000);
    if (nMax < 0 || *z++ != '/') return -1;
    int64_t nSec = parse_num(&z, 1, 7 * 24 * 3600);
    if (nSec < 0 || *z) return -1;
    r->nMax = (int)nMax;
    r->nSeconds = (int)nSec;
    return 0;
}

void ratelimit_rule_env(const char *zEnv, const char *zDefault, RateRule *r) {
    const char *z = getenv(zEnv);
    if (ratelimit_rule_parse(z ? z : zDefault, r) != 0) {
        log_warn("%s=%s is not N/SECONDS; using %s", zEnv, z, zDefault);
        ratelimit_rule_parse(zDefault, r);
    }
}

void ratelimit_addr_key(const char *zIp, char *zOut, size_t n) {
    unsigned char a6[16];
    if (n == 0) return;
    if (zIp && strchr(zIp, ':') && inet_pton(AF_INET6, zIp, a6) == 1) {
        static const unsigned char aMapped[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};
        if (memcmp(a6, aMapped, 12) == 0) {
            if (!inet_ntop(AF_INET, a6 + 12, zOut, (socklen_t)n)) zOut[0] = 0;
            return;
        }
        memset(a6 + 8, 0, 8);
        char z6[INET6_ADDRSTRLEN];
        if (inet_ntop(AF_INET6, a6, z6, sizeof z6)) {
            snprintf(zOut, n, "%s/64", z6);
            return;
        }
    }
    snprintf(zOut, n, "%s", zIp ? zIp : "");
}

int ratelimit_check(Req *req, const char *zName, const RateRule *r) {
    char zKey[80];
    ratelimit_addr_key(req->zIp, zKey, sizeof zKey);
    int nRetry = ratelimit_take(ratelimit_default(), zName, zKey, r);
    if (nRetry == 0) return ZW_OK;
    log_info("req=%llu rate_limited bucket=%s key=%s retry=%d", (unsigned long long)req->id,
             zName, zKey, nRetry);
    http_add_header(req, "Retry-After", arena_printf(req->a, "%d", nRetry));
    const char *zWhen = nRetry < 60 ? arena_printf(req->a, "%d 秒", nRetry)
                                    : arena_printf(req->a, "%d 分钟", (nRetry + 59) / 60);
    return http_fail(req, ZW_ELIMIT, "rate_limited",
                     arena_printf(req->a, "提交过于频繁，请 %s后再试。", zWhen));
}
