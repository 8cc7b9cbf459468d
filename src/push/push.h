/*
** push.h: 政策找人、政策找企业 — subscriptions with double opt-in, matching a newly
** published policy against every subscriber's profile, the queue that the
** delivery worker (push_worker.c) drains into e-mails, digests, Atom feeds and
** signed webhooks, and 政策匹配 (policies that apply to a profile).  docs/push.md
** tells the whole story.
**
** Owns tables: subscriber, push_sub, push_batch, push_queue, webhook, webhook_queue
**              (mail_outbox belongs to mail.h).
** Memory: records and strings returned live in the caller's Arena.  The worker is a
**         process-wide singleton: push_worker_start() / push_worker_stop().
** Errors: ZW_OK or a ZW_E* code with a Chinese message in *err.
*/
#ifndef ZW_PUSH_H
#define ZW_PUSH_H

#include <stdint.h>

#include "../core/arena.h"
#include "../core/err.h"
#include "../interpret/taxonomy.h"
#include "../store/db.h"

/* Frequencies, as stored in push_sub.freq, push_queue.freq and push_batch.freq. */
enum { PUSH_IMMEDIATE = 0, PUSH_DAILY = 1, PUSH_WEEKLY = 2, PUSH_NFREQ = 3 };

/* Digests go out at this hour, China time (UTC+8): daily every day, weekly on Monday. */
#define PUSH_DIGEST_HOUR 8
/* A second confirmation mail to one address waits this long (seconds). */
#define PUSH_CONFIRM_GAP 300
/* A confirmation link works this long (seconds). */
#define PUSH_CONFIRM_TTL (7 * 86400)
/* Delivery retries: back-off 30 s · 2^(tries-1), at most 6 h, given up after this many. */
#define PUSH_MAX_TRIES 8

/* A subscriber as stored. */
typedef struct Subscriber {
    int64_t id;
    const char *zEmail;
    const char *zState;     /* pending active unsubscribed */
    const char *zProfile;   /* canonical JSON */
    const char *zFrequency; /* immediate daily weekly */
    const char *zSalt;      /* mixed into the link tokens */
    const char *zCreatedAt, *zConfirmedAt;
} Subscriber;

/* --- configuration (serve) -------------------------------------------- */

/* Values from the command line; NULL means "use the database setting" (push_smtp,
** push_mail_from, push_base_url).  zBaseUrl is the site's absolute URL for links;
** zDefaultBase is used when neither it nor the setting is there. */
void push_configure(const char *zSmtpUrl, const char *zMailFrom, const char *zBaseUrl,
                    const char *zDefaultBase);
/* Effective values (command line over setting over default), in a. */
const char *push_base_url(Db *db, Arena *a);
const char *push_smtp_url(Db *db, Arena *a);    /* NULL when not configured */
const char *push_mail_from(Db *db, Arena *a);

/* --- frequencies and due times ------------------------------------------ */

/* PUSH_* for "immediate" "daily" "weekly", or -1. */
int push_freq_parse(const char *z);
const char *push_freq_name(int eFreq);
const char *push_freq_label(int eFreq); /* 即时 每日汇总 每周汇总 */
/* When a row queued at `now` with frequency eFreq is due: now for immediate, the
** next PUSH_DIGEST_HOUR:00 China time strictly after now (daily), the next Monday
** at that hour strictly after now (weekly). */
int64_t push_due(int eFreq, int64_t now);

/* One item in a push mail. */
typedef struct PushMailItem {
    int64_t id;
    const char *zTitle, *zKind, *zDocno, *zUnitName, *zPublishedAt;
} PushMailItem;

/* --- subscriptions --------------------------------------------------------- */

/* POST /api/v1/subscriptions: validate, then (in one transaction) create the
** subscriber or put zProfile/zFrequency on it as pending, and queue a
** confirmation mail, unless one went to this address less than PUSH_CONFIRM_GAP
** seconds ago.  The result is the same whether or not the address was known.
** zProfile is canonical JSON (taxonomy_normalize).  ZW_EINPUT for a bad address
** or frequency. */
int sub_request(Db *db, Arena *a, const char *zEmail, const char *zProfile,
                const char *zFrequency, Err *err);
/* Open a confirmation link: the pending profile and frequency take effect and the
** subscriber becomes active.  *ppSub gets the subscriber.  ZW_ENOTFOUND for an
** unknown or expired token. */
int sub_confirm(Db *db, Arena *a, const char *zToken, Subscriber **ppSub, Err *err);
/* The subscriber whose manage token (purpose 'm') or feed token ('f') zToken is;
** NULL when it does not verify. */
Subscriber *sub_by_token(Db *db, Arena *a, const char *zToken, char cPurpose);
/* The token of purpose cPurpose ('m' manage and unsubscribe, 'f' feed) for s. */
const char *sub_token(Db *db, Arena *a, const Subscriber *s, char cPurpose);
/* Unsubscribe (idempotent): nothing is sent to s any more; queued rows are dropped
** when the worker reaches them. */
int sub_unsubscribe(Db *db, Arena *a, int64_t iSub, Err *err);
/* Change an active subscriber's profile and frequency (from the manage page). */
int sub_update(Db *db, Arena *a, int64_t iSub, const char *zProfile, const char *zFrequency,
               Err *err);

/* --- matching and queueing --------------------------------------------- */

/* Queue item iItem (just published as version iVersion) for every active
** subscriber and webhook it concerns; called inside item_approve's transaction.
** Only first publication (iVersion 1) of a policy or an interpretation is pushed.
** A policy's audience is its own (scope 'internal' is never pushed); an
** interpretation goes to whoever matches ANY of the policies it interprets (each
** policy's audience separately, not their union), or its own audience when it
** interprets none. */
int push_on_publish(Db *db, Arena *a, int64_t iItem, int64_t iVersion, Err *err);
/* The queueing itself, whatever the version (bench, tests); *pnQueued (may be
** NULL) gets the number of subscriber rows queued for the item. */
int push_queue_item(Db *db, Arena *a, int64_t iItem, int64_t *pnQueued, Err *err);
/* Cancel everything still queued for iItem (mail batches and webhooks); called
** inside item_withdraw's transaction. */
int push_on_withdraw(Db *db, int64_t iItem, Err *err);
/* Rebuild push_sub from subscriber (after the taxonomy changed). */
int push_rebuild(Db *db, Arena *a, Err *err);
/* Set a subscriber's matching row from its profile and frequency (or remove it
** when the subscriber is not active). */
int push_sub_sync(Db *db, Arena *a, int64_t iSub, Err *err);

/* --- 政策匹配 and feeds ---------------------------------------------------- */

/* A policy that applies to a profile, with its interpretations. */
typedef struct PushInterp {
    int64_t id;
    const char *zTitle, *zForm, *zPublishedAt;
} PushInterp;
typedef struct PushPolicy {
    int64_t id;
    const char *zTitle, *zDocno, *zUnitName, *zPublishedAt, *zAudience, *zValidity;
    PushInterp *aInterp;
    int nInterp;
} PushPolicy;
/* Every published, valid (validity not 失效/废止), non-internal policy whose
** audience matches zProfile (canonical JSON), newest first, at most nMax. */
int push_match_policies(Db *db, Arena *a, const char *zProfile, int nMax, PushPolicy **paPol,
                        int *pnPol, Err *err);

/* The newest published policies and interpretations (at most nMax) that would be
** pushed to a subscriber with zProfile: the items of the private Atom feed. */
int push_feed_items(Db *db, Arena *a, const char *zProfile, int nMax, PushMailItem **paItem,
                    int *pnItem, Err *err);

/* --- webhooks ---------------------------------------------------------------- */

typedef struct Webhook {
    int64_t id;
    const char *zName, *zUrl, *zSecret, *zProfile, *zCreatedAt;
    int bActive;
} Webhook;
/* Add an endpoint (http:// or https:// URL, profile canonical JSON).  The secret is
** generated and returned in *ppHook once. */
int webhook_add(Db *db, Arena *a, const char *zName, const char *zUrl, const char *zProfile,
                Webhook **ppHook, Err *err);
int webhook_list(Db *db, Arena *a, Webhook **paHook, int *pnHook);
int webhook_set_active(Db *db, int64_t iHook, int bActive, Err *err);
int webhook_delete(Db *db, int64_t iHook, Err *err);
/* Lower-case hex HMAC-SHA256 of p[0..n) under zSecret into zHex[65]. */
void webhook_sign(const char *zSecret, const char *p, size_t n, char *zHex);

/* --- composing mails ---------------------------------------------------- */

/* The subject, plain text and HTML of the mail telling one subscriber about
** aItem[0..nItem): one item for PUSH_IMMEDIATE, a digest listing all of them for
** PUSH_DAILY and PUSH_WEEKLY.  Links are absolute: zBase + /items/ID, and the
** manage, unsubscribe and feed URLs given.  Strings are made in a. */
void push_compose(Arena *a, const PushMailItem *aItem, int nItem, int eFreq, const char *zBase,
                  const char *zManage, const char *zUnsub, const char *zFeed,
                  const char **pzSubject, const char **pzText, const char **pzHtml);

/* --- the worker ---------------------------------------------------------- */

/* Start the delivery thread with its own connection to zDbPath. */
int push_worker_start(const char *zDbPath, Err *err);
/* Tell it to stop and wait for it (a transfer in progress is aborted). */
void push_worker_stop(void);
/* One round of delivery on db (outbox, due batches, webhooks), for tests and the
** worker: returns the number of messages handled, or -1 on database trouble. */
int push_deliver_round(Db *db, Arena *a);

#endif
