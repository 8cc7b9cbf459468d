// SPDX-License-Identifier: MIT
/*
** push_worker.c: the delivery thread of `zwgk serve` and what it sends: the mail
** outbox, one mail per item for immediate subscribers, digests for daily and
** weekly ones, and signed webhook POSTs.
**
** Everything to send is in tables, so a restart loses nothing.  A message is
** marked sent in its own transaction right after the SMTP server (or the webhook
** endpoint) accepted it; a crash between the two sends it again after restart —
** the only at-least-once window, a few microseconds wide, and the Message-ID is
** the same both times.  Failures back off per row (PUSH_MAX_TRIES) and, for a
** mail server that is down, for the whole mail channel.
**
** Batches (push_batch) are worked through in passes: a pass takes the due open
** batches of one frequency (one item for immediate, up to PASS_MAX_ITEMS for a
** digest) and walks their queued rows in subscriber order, PASS_CHUNK subscribers
** per round, merging the items of one subscriber into one digest.  The cursor is
** kept in memory; a restart begins the pass again, skipping rows already sent.
*/
#include "push.h"

#include <curl/curl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../core/log.h"
#include "../core/util.h"
#include "../publish/publish.h"
#include "mail.h"

#define PASS_MAX_ITEMS 50 /* items in one digest pass */
#define PASS_CHUNK 100    /* queue rows read per item and round */
#define OUTBOX_CHUNK 20
#define HOOK_CHUNK 10
#define MAIL_FROM_NAME "西吉县人民政府"

/* A pass over the due batches of one frequency. */
typedef struct Pass {
    int bActive;
    int64_t aItem[PASS_MAX_ITEMS];
    int nItem;
    int64_t iCursor; /* every subscriber id <= iCursor is done for this pass */
} Pass;

/* The worker's state.  One worker per process. */
static struct {
    MailSmtp *pSmtp;
    char zSmtpUrl[512], zFrom[256];
    int64_t iPauseUntil, nPause; /* mail channel back-off after a connection failure */
    int bWarnedNoSmtp;
    Pass aPass[PUSH_NFREQ];
    CURL *pHttp; /* webhook connection, kept across POSTs */
    volatile int bStop;
} D;

static int64_t backoff(int64_t nTries) {
    int64_t t = 30;
    for (int64_t i = 1; i < nTries && t < 6 * 3600; i++) t *= 2;
    return t > 6 * 3600 ? 6 * 3600 : t;
}

/* ---------------------------------------------------------------- compose */

static const char *kind_label(const char *zKind) {
    return zKind && strcmp(zKind, "interpretation") == 0 ? "政策解读" : "政策文件";
}

void push_compose(Arena *a, const PushMailItem *aItem, int nItem, int eFreq, const char *zBase,
                  const char *zManage, const char *zUnsub, const char *zFeed,
                  const char **pzSubject, const char **pzText, const char **pzHtml) {
    Str t, h;
    str_init(&t, a);
    str_init(&h, a);
    if (eFreq == PUSH_IMMEDIATE && nItem == 1) {
        size_t nTitle = utf8_prefix(aItem[0].zTitle, strlen(aItem[0].zTitle), 80);
        *pzSubject = arena_printf(a, "%s：%.*s%s", kind_label(aItem[0].zKind), (int)nTitle,
                                  aItem[0].zTitle, aItem[0].zTitle[nTitle] ? "…" : "");
        str_puts(&t, "您好：\n\n西吉县人民政府发布了与您的订阅条件相符的信息：\n\n");
    } else {
        *pzSubject = arena_printf(a, "西吉县政策推送%s（%d 条）",
                                  eFreq == PUSH_WEEKLY ? "每周汇总" : "每日汇总", nItem);
        str_appendf(&t, "您好：\n\n以下 %d 条信息与您的订阅条件相符：\n\n", nItem);
    }
    str_htmlf(&h,
              "<!doctype html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>%s</title>"
              "</head><body style=\"font-family:sans-serif;line-height:1.6\"><p>您好：</p>"
              "<p>以下信息与您的订阅条件相符：</p><ol>",
              *pzSubject);
    for (int i = 0; i < nItem; i++) {
        const PushMailItem *p = &aItem[i];
        const char *zUrl = arena_printf(a, "%s/items/%lld", zBase, (long long)p->id);
        str_appendf(&t, "%d. 【%s】%s\n", i + 1, kind_label(p->zKind), p->zTitle);
        if (p->zDocno && p->zDocno[0]) str_appendf(&t, "   文号：%s\n", p->zDocno);
        str_appendf(&t, "   发布机关：%s　发布日期：%s\n   %s\n\n", p->zUnitName, p->zPublishedAt,
                    zUrl);
        str_htmlf(&h, "<li><p>【%s】<a href=\"%s\">%s</a><br>", kind_label(p->zKind), zUrl,
                  p->zTitle);
        if (p->zDocno && p->zDocno[0]) str_htmlf(&h, "文号：%s<br>", p->zDocno);
        str_htmlf(&h, "发布机关：%s　发布日期：%s</p></li>", p->zUnitName, p->zPublishedAt);
    }
    str_appendf(&t,
                "推送方式：%s。修改订阅条件或推送频率：\n%s\n\n退订（一键退订，无需登录）：\n%s\n\n"
                "订阅源（Atom）：\n%s\n\n西吉县人民政府\n",
                push_freq_label(eFreq), zManage, zUnsub, zFeed);
    str_htmlf(&h,
              "</ol><hr><p style=\"font-size:small;color:#555\">推送方式：%s。"
              "<a href=\"%s\">修改订阅条件或推送频率</a>　<a href=\"%s\">退订</a>　"
              "<a href=\"%s\">订阅源（Atom）</a></p><p>西吉县人民政府</p></body></html>",
              push_freq_label(eFreq), zManage, zUnsub, zFeed);
    *pzText = str_cstr(&t);
    *pzHtml = str_cstr(&h);
}

/* ----------------------------------------------------------------- sending */

static const char *mail_domain(const char *zFrom) {
    const char *z = strchr(zFrom, '@');
    return z && z[1] ? z + 1 : "localhost";
}

/* Make sure D.pSmtp matches the configuration; 0 when mail cannot go out now. */
static int smtp_ready(Db *db, Arena *a) {
    const char *zUrl = push_smtp_url(db, a);
    const char *zFrom = push_mail_from(db, a);
    if (!zUrl) {
        if (!D.bWarnedNoSmtp) {
            log_warn("push: no SMTP server configured (--smtp or setting push_smtp); mails stay queued");
            D.bWarnedNoSmtp = 1;
        }
        return 0;
    }
    if (!D.pSmtp || strcmp(zUrl, D.zSmtpUrl) != 0 || strcmp(zFrom, D.zFrom) != 0) {
        mail_smtp_free(D.pSmtp);
        snprintf(D.zSmtpUrl, sizeof D.zSmtpUrl, "%s", zUrl);
        snprintf(D.zFrom, sizeof D.zFrom, "%s", zFrom);
        D.pSmtp = mail_smtp_new(D.zSmtpUrl, D.zFrom, &D.bStop);
        D.bWarnedNoSmtp = 0;
        /* Never log credentials (smtp://user:password@host). */
        const char *zHost = strstr(D.zSmtpUrl, "://");
        zHost = zHost ? zHost + 3 : D.zSmtpUrl;
        const char *zAt = strchr(zHost, '@');
        log_info("push: mail via %s from %s", zAt ? zAt + 1 : zHost, D.zFrom);
    }
    return util_now() >= D.iPauseUntil;
}

/* Build and send one message; updates the channel back-off. */
static int send_mail(Arena *a, const char *zTo, const char *zSubject, const char *zText,
                     const char *zHtml, const char *zUnsub, const char *zMsgId, Err *err) {
    MailMsg m = {D.zFrom, MAIL_FROM_NAME, zTo, zSubject, zText, zHtml, zUnsub, zMsgId, util_now()};
    Str s;
    str_init(&s, a);
    s.nMax = 4 * MAIL_MAX_BODY;
    mail_build(&s, &m);
    if (s.err) return err_set(err, ZW_EINPUT, "too_big", "邮件过大", "message too big");
    int rc = mail_smtp_send(D.pSmtp, zTo, s.z, s.n, err);
    if (rc == ZW_EIO) {
        D.nPause = D.nPause ? (D.nPause * 2 > 60 ? 60 : D.nPause * 2) : 2;
        D.iPauseUntil = util_now() + D.nPause;
        log_warn("push: smtp failed, pausing mail for %llds: %s", (long long)D.nPause,
                 err->zLog ? err->zLog : "?");
    } else {
        D.nPause = 0;
    }
    return rc;
}

/* ------------------------------------------------------------------ outbox */

static int deliver_outbox(Db *db, Arena *a) {
    typedef struct Row {
        int64_t id, nTries;
        const char *zTo, *zSubject, *zText, *zHtml, *zUnsub;
    } Row;
    Row aRow[OUTBOX_CHUNK];
    int nRow = 0, nDone = 0;
    int64_t now = util_now();
    Stmt st;
    db_prepare(db, &st,
               "SELECT id,to_addr,subject,body_text,body_html,unsub_url,tries FROM mail_outbox"
               " WHERE state=0 AND next_at<=?1 ORDER BY next_at,id LIMIT 20");
    db_bind_int(&st, 1, now);
    while (nRow < OUTBOX_CHUNK && db_step(&st) == 1) {
        Row *r = &aRow[nRow++];
        r->id = db_col_int(&st, 0);
        r->zTo = db_col_dup(a, &st, 1);
        r->zSubject = db_col_dup(a, &st, 2);
        r->zText = db_col_dup(a, &st, 3);
        r->zHtml = db_col_is_null(&st, 4) ? NULL : db_col_dup(a, &st, 4);
        r->zUnsub = db_col_is_null(&st, 5) ? NULL : db_col_dup(a, &st, 5);
        r->nTries = db_col_int(&st, 6);
    }
    db_done(&st);
    for (int i = 0; i < nRow && !D.bStop; i++) {
        Row *r = &aRow[i];
        if (util_now() < D.iPauseUntil) break;
        Err err = {0};
        const char *zId = arena_printf(a, "outbox.%lld@%s", (long long)r->id, mail_domain(D.zFrom));
        int rc = send_mail(a, r->zTo, r->zSubject, r->zText, r->zHtml, r->zUnsub, zId, &err);
        char zNow[21];
        util_iso_time(util_now(), zNow);
        if (rc == ZW_OK) {
            db_prepare(db, &st,
                       "UPDATE mail_outbox SET state=1, tries=tries+1, sent_at=?2, last_error=''"
                       " WHERE id=?1");
            db_bind_int(&st, 1, r->id);
            db_bind_text(&st, 2, zNow);
        } else {
            int bGiveUp = rc != ZW_EIO || r->nTries + 1 >= PUSH_MAX_TRIES;
            db_prepare(db, &st,
                       "UPDATE mail_outbox SET state=?2, tries=tries+1, next_at=?3, last_error=?4"
                       " WHERE id=?1");
            db_bind_int(&st, 1, r->id);
            db_bind_int(&st, 2, bGiveUp ? 3 : 0);
            db_bind_int(&st, 3, util_now() + backoff(r->nTries + 1));
            db_bind_text(&st, 4, err.zLog ? err.zLog : "?");
            log_warn("push: outbox mail=%lld failed tries=%lld%s", (long long)r->id,
                     (long long)r->nTries + 1, bGiveUp ? " (given up)" : "");
        }
        if (db_run(&st) != ZW_OK) log_error("push: outbox update failed: %s", db_errmsg(db));
        db_done(&st);
        nDone++;
    }
    return nDone;
}

/* ----------------------------------------------------------------- batches */

/* Load what a mail says about each item of the pass; drops items whose batch was
** cancelled or that are no longer public.  Returns the items in aOut. */
static int pass_items(Db *db, Arena *a, Pass *p, int eFreq, PushMailItem *aOut) {
    int n = 0;
    Stmt st;
    for (int i = 0; i < p->nItem; i++) {
        db_prepare(db, &st,
                   "SELECT v.title,i.kind,v.docno,u.name,coalesce(i.published_at,''),b.state"
                   " FROM push_batch b JOIN item i ON i.id=b.item_id"
                   " JOIN item_version v ON v.item_id=i.id AND v.version=i.live_version"
                   " JOIN unit u ON u.id=i.unit_id"
                   " WHERE b.item_id=?1 AND b.freq=?2 AND i.state<>'withdrawn'");
        db_bind_int(&st, 1, p->aItem[i]);
        db_bind_int(&st, 2, eFreq);
        if (db_step(&st) == 1 && db_col_int(&st, 5) == 0) {
            PushMailItem *m = &aOut[n];
            m->id = p->aItem[i];
            m->zTitle = db_col_dup(a, &st, 0);
            m->zKind = db_col_dup(a, &st, 1);
            m->zDocno = db_col_dup(a, &st, 2);
            m->zUnitName = db_col_dup(a, &st, 3);
            m->zPublishedAt = db_col_dup(a, &st, 4);
            p->aItem[n++] = p->aItem[i];
        }
        db_done(&st);
    }
    p->nItem = n;
    return n;
}

/* End a pass: each batch with nothing left is done; one with rows waiting for a
** retry becomes due again at the earliest retry time. */
static void pass_finish(Db *db, Pass *p, int eFreq) {
    Stmt st;
    for (int i = 0; i < p->nItem; i++) {
        int64_t nLeft = 0, iNext = 0;
        db_prepare(db, &st,
                   "SELECT count(*),min(retry_at) FROM push_queue WHERE item_id=?1 AND freq=?2"
                   " AND state=0");
        db_bind_int(&st, 1, p->aItem[i]);
        db_bind_int(&st, 2, eFreq);
        if (db_step(&st) == 1) {
            nLeft = db_col_int(&st, 0);
            iNext = db_col_int(&st, 1);
        }
        db_done(&st);
        db_prepare(db, &st, "UPDATE push_batch SET state=?3, due=max(due,?4) WHERE item_id=?1 AND freq=?2 AND state=0");
        db_bind_int(&st, 1, p->aItem[i]);
        db_bind_int(&st, 2, eFreq);
        db_bind_int(&st, 3, nLeft ? 0 : 1);
        db_bind_int(&st, 4, iNext);
        if (db_run(&st) != ZW_OK) log_error("push: batch update failed: %s", db_errmsg(db));
        db_done(&st);
        if (!nLeft) log_info("push: item=%lld freq=%s delivered", (long long)p->aItem[i], push_freq_name(eFreq));
    }
    p->bActive = 0;
}

static int pass_start(Db *db, Pass *p, int eFreq) {
    Stmt st;
    memset(p, 0, sizeof *p);
    db_prepare(db, &st,
               "SELECT item_id FROM push_batch WHERE state=0 AND freq=?1 AND due<=?2"
               " ORDER BY due,item_id LIMIT ?3");
    db_bind_int(&st, 1, eFreq);
    db_bind_int(&st, 2, util_now());
    db_bind_int(&st, 3, eFreq == PUSH_IMMEDIATE ? 1 : PASS_MAX_ITEMS);
    while (p->nItem < PASS_MAX_ITEMS && db_step(&st) == 1) p->aItem[p->nItem++] = db_col_int(&st, 0);
    db_done(&st);
    p->bActive = p->nItem > 0;
    return p->bActive;
}

typedef struct Pair {
    int64_t iSub, iItem;
} Pair;

static int cmp_pair(const void *x, const void *y) {
    const Pair *a = x, *b = y;
    if (a->iSub != b->iSub) return a->iSub < b->iSub ? -1 : 1;
    return (a->iItem > b->iItem) - (a->iItem < b->iItem);
}

/* Mark rows of one subscriber: state, or a retry. */
static void mark_rows(Db *db, const Pair *aPair, int n, int eState, int64_t iRetryAt) {
    Stmt st;
    db_begin(db);
    for (int i = 0; i < n; i++) {
        if (eState == 0) {
            db_prepare(db, &st,
                       "UPDATE push_queue SET tries=tries+1, retry_at=?3,"
                       " state=CASE WHEN tries+1>=?4 THEN 3 ELSE 0 END"
                       " WHERE item_id=?1 AND sub_id=?2");
            db_bind_int(&st, 3, iRetryAt);
            db_bind_int(&st, 4, PUSH_MAX_TRIES);
        } else {
            db_prepare(db, &st,
                       "UPDATE push_queue SET state=?3, tries=tries+1 WHERE item_id=?1 AND sub_id=?2");
            db_bind_int(&st, 3, eState);
        }
        db_bind_int(&st, 1, aPair[i].iItem);
        db_bind_int(&st, 2, aPair[i].iSub);
        if (db_run(&st) != ZW_OK) log_error("push: queue update failed: %s", db_errmsg(db));
        db_done(&st);
    }
    if (db_commit(db) != ZW_OK) log_error("push: queue commit failed: %s", db_errmsg(db));
}

/* One subscriber's mail for the items of aPair[0..n). */
static void send_group(Db *db, Arena *a, int eFreq, const PushMailItem *aItem, int nItem,
                       const Pair *aPair, int n) {
    Stmt st;
    Subscriber s = {0};
    db_prepare(db, &st, "SELECT email,state,salt FROM subscriber WHERE id=?1");
    db_bind_int(&st, 1, aPair[0].iSub);
    if (db_step(&st) == 1) {
        s.id = aPair[0].iSub;
        s.zEmail = db_col_dup(a, &st, 0);
        s.zState = db_col_dup(a, &st, 1);
        s.zSalt = db_col_dup(a, &st, 2);
    }
    db_done(&st);
    if (!s.zState || strcmp(s.zState, "active") != 0) {
        mark_rows(db, aPair, n, 4, 0); /* unsubscribed since: dropped */
        return;
    }
    PushMailItem *aMine = arena_alloc(a, sizeof(PushMailItem) * (size_t)n);
    int nMine = 0;
    for (int i = 0; i < n; i++) {
        for (int k = 0; k < nItem; k++) {
            if (aItem[k].id == aPair[i].iItem) aMine[nMine++] = aItem[k];
        }
    }
    const char *zBase = push_base_url(db, a);
    const char *zTok = sub_token(db, a, &s, 'm');
    const char *zManage = arena_printf(a, "%s/dingyue/m/%s", zBase, zTok);
    const char *zUnsub = arena_printf(a, "%s/dingyue/u/%s", zBase, zTok);
    const char *zFeed = arena_printf(a, "%s/dingyue/feed/%s.xml", zBase, sub_token(db, a, &s, 'f'));
    const char *zSubject, *zText, *zHtml;
    push_compose(a, aMine, nMine, eFreq, zBase, zManage, zUnsub, zFeed, &zSubject, &zText, &zHtml);
    const char *zId = nMine == 1 && eFreq == PUSH_IMMEDIATE
                          ? arena_printf(a, "push.%lld.%lld@%s", (long long)aMine[0].id,
                                         (long long)s.id, mail_domain(D.zFrom))
                          : arena_printf(a, "digest.%lld.%lld-%lld.%d@%s", (long long)s.id,
                                         (long long)aMine[0].id, (long long)aMine[nMine - 1].id,
                                         nMine, mail_domain(D.zFrom));
    Err err = {0};
    int rc = send_mail(a, s.zEmail, zSubject, zText, zHtml, zUnsub, zId, &err);
    if (rc == ZW_OK) {
        mark_rows(db, aPair, n, 1, 0);
    } else if (rc == ZW_EIO) {
        int64_t nTries = 0;
        db_prepare(db, &st, "SELECT tries FROM push_queue WHERE item_id=?1 AND sub_id=?2");
        db_bind_int(&st, 1, aPair[0].iItem);
        db_bind_int(&st, 2, aPair[0].iSub);
        if (db_step(&st) == 1) nTries = db_col_int(&st, 0);
        db_done(&st);
        mark_rows(db, aPair, n, 0, util_now() + backoff(nTries + 1));
    } else {
        log_warn("push: sub=%lld refused: %s", (long long)s.id, err.zLog ? err.zLog : "?");
        mark_rows(db, aPair, n, 3, 0);
    }
}

/* One chunk of the pass of frequency eFreq; returns mails handled. */
static int pass_step(Db *db, Arena *a, int eFreq) {
    Pass *p = &D.aPass[eFreq];
    if (!p->bActive && !pass_start(db, p, eFreq)) return 0;
    PushMailItem *aItem = arena_alloc(a, sizeof(PushMailItem) * PASS_MAX_ITEMS);
    int nItem = pass_items(db, a, p, eFreq, aItem);
    if (nItem == 0) {
        p->bActive = 0;
        return 0;
    }
    Pair *aPair = arena_alloc(a, sizeof(Pair) * (size_t)nItem * PASS_CHUNK);
    int nPair = 0;
    int64_t iBound = INT64_MAX, now = util_now();
    Stmt st;
    for (int i = 0; i < nItem; i++) {
        int nGot = 0;
        int64_t iLast = 0;
        db_prepare(db, &st,
                   "SELECT sub_id FROM push_queue WHERE item_id=?1 AND sub_id>?2 AND state=0"
                   " AND freq=?3 AND retry_at<=?4 ORDER BY sub_id LIMIT ?5");
        db_bind_int(&st, 1, aItem[i].id);
        db_bind_int(&st, 2, p->iCursor);
        db_bind_int(&st, 3, eFreq);
        db_bind_int(&st, 4, now);
        db_bind_int(&st, 5, PASS_CHUNK);
        while (db_step(&st) == 1) {
            iLast = db_col_int(&st, 0);
            aPair[nPair].iSub = iLast;
            aPair[nPair].iItem = aItem[i].id;
            nPair++;
            nGot++;
        }
        db_done(&st);
        if (nGot == PASS_CHUNK && iLast < iBound) iBound = iLast;
    }
    qsort(aPair, (size_t)nPair, sizeof(Pair), cmp_pair);
    int nMail = 0, i = 0;
    while (i < nPair && aPair[i].iSub <= iBound) {
        int j = i;
        while (j < nPair && aPair[j].iSub == aPair[i].iSub) j++;
        if (D.bStop || util_now() < D.iPauseUntil) {
            iBound = aPair[i].iSub - 1; /* resume here */
            break;
        }
        if (eFreq == PUSH_IMMEDIATE) {
            for (int k = i; k < j; k++) send_group(db, a, eFreq, aItem, nItem, &aPair[k], 1);
        } else {
            send_group(db, a, eFreq, aItem, nItem, &aPair[i], j - i);
        }
        nMail++;
        i = j;
    }
    if (iBound == INT64_MAX) {
        pass_finish(db, p, eFreq);
    } else {
        p->iCursor = iBound;
    }
    return nMail;
}

/* ----------------------------------------------------------------- webhooks */

static size_t discard_cb(char *p, size_t size, size_t n, void *pArg) {
    (void)p, (void)pArg;
    return size * n;
}

static int hook_progress(void *pArg, curl_off_t a, curl_off_t b, curl_off_t c, curl_off_t d) {
    (void)pArg, (void)a, (void)b, (void)c, (void)d;
    return D.bStop ? 1 : 0;
}

/* POST zBody to zUrl; ZW_OK on a 2xx answer. */
static int hook_post(Arena *a, const char *zUrl, const char *zSecret, const char *zBody,
                     int64_t iTime, const char *zDelivery, const char **pzErr) {
    char zSig[65];
    webhook_sign(zSecret, zBody, strlen(zBody), zSig);
    if (!D.pHttp) D.pHttp = curl_easy_init();
    CURL *c = D.pHttp;
    struct curl_slist *h = NULL;
    h = curl_slist_append(h, "Content-Type: application/json; charset=utf-8");
    h = curl_slist_append(h, arena_printf(a, "X-Zwgk-Signature: sha256=%s", zSig));
    h = curl_slist_append(h, arena_printf(a, "X-Zwgk-Timestamp: %lld", (long long)iTime));
    h = curl_slist_append(h, arena_printf(a, "X-Zwgk-Delivery: %s", zDelivery));
    h = curl_slist_append(h, "User-Agent: zwgk-push/1");
    h = curl_slist_append(h, "Expect:");
    curl_easy_reset(c);
    curl_easy_setopt(c, CURLOPT_URL, zUrl);
    curl_easy_setopt(c, CURLOPT_HTTPHEADER, h);
    curl_easy_setopt(c, CURLOPT_POSTFIELDS, zBody);
    curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t)strlen(zBody));
    curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, discard_cb);
    curl_easy_setopt(c, CURLOPT_NOPROGRESS, 0L);
    curl_easy_setopt(c, CURLOPT_XFERINFOFUNCTION, hook_progress);
    curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, 10L);
    curl_easy_setopt(c, CURLOPT_TIMEOUT, 20L);
    curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 0L);
    CURLcode cc = curl_easy_perform(c);
    long nCode = 0;
    curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &nCode);
    curl_slist_free_all(h);
    if (cc == CURLE_OK && nCode >= 200 && nCode < 300) return ZW_OK;
    *pzErr = cc != CURLE_OK ? arena_printf(a, "curl=%d %s", (int)cc, curl_easy_strerror(cc))
                            : arena_printf(a, "http status %ld", nCode);
    return ZW_EIO;
}

static int deliver_webhooks(Db *db, Arena *a) {
    typedef struct Row {
        int64_t iItem, iHook, nTries;
        const char *zUrl, *zSecret, *zBody;
    } Row;
    Row aRow[HOOK_CHUNK];
    int nRow = 0, nDone = 0;
    int64_t now = util_now();
    const char *zBase = push_base_url(db, a);
    Stmt st;
    db_prepare(db, &st,
               "SELECT q.item_id,q.hook_id,q.tries,h.url,h.secret,v.title,i.kind,u.code,u.name,"
               " coalesce(i.published_at,''),i.audience,v.docno"
               " FROM webhook_queue q JOIN webhook h ON h.id=q.hook_id AND h.active=1"
               " JOIN item i ON i.id=q.item_id"
               " JOIN item_version v ON v.item_id=i.id AND v.version=i.live_version"
               " JOIN unit u ON u.id=i.unit_id"
               " WHERE q.state=0 AND q.next_at<=?1 ORDER BY q.next_at LIMIT 10");
    db_bind_int(&st, 1, now);
    while (nRow < HOOK_CHUNK && db_step(&st) == 1) {
        Row *r = &aRow[nRow++];
        r->iItem = db_col_int(&st, 0);
        r->iHook = db_col_int(&st, 1);
        r->nTries = db_col_int(&st, 2);
        r->zUrl = db_col_dup(a, &st, 3);
        r->zSecret = db_col_dup(a, &st, 4);
        Str s;
        str_init(&s, a);
        char zNow[21];
        util_iso_time(now, zNow);
        str_appendf(&s, "{\"event\":\"publish\",\"timestamp\":%lld,\"sent_at\":\"%s\",\"item\":{\"id\":%lld",
                    (long long)now, zNow, (long long)r->iItem);
        str_puts(&s, ",\"title\":");
        str_json(&s, db_col_text(&st, 5));
        str_puts(&s, ",\"kind\":");
        str_json(&s, db_col_text(&st, 6));
        str_puts(&s, ",\"docno\":");
        str_json(&s, db_col_text(&st, 11));
        str_puts(&s, ",\"unit\":");
        str_json(&s, db_col_text(&st, 7));
        str_puts(&s, ",\"unit_name\":");
        str_json(&s, db_col_text(&st, 8));
        str_puts(&s, ",\"published_at\":");
        str_json(&s, db_col_text(&st, 9));
        str_appendf(&s, ",\"audience\":%s", db_col_text(&st, 10)); /* canonical JSON */
        str_puts(&s, ",\"url\":");
        str_json(&s, arena_printf(a, "%s/items/%lld", zBase, (long long)r->iItem));
        str_puts(&s, "}}");
        r->zBody = str_cstr(&s);
    }
    db_done(&st);
    for (int i = 0; i < nRow && !D.bStop; i++) {
        Row *r = &aRow[i];
        const char *zErr = "";
        const char *zDelivery = arena_printf(a, "%lld.%lld", (long long)r->iItem, (long long)r->iHook);
        int rc = hook_post(a, r->zUrl, r->zSecret, r->zBody, now, zDelivery, &zErr);
        char zNow[21];
        util_iso_time(util_now(), zNow);
        if (rc == ZW_OK) {
            db_prepare(db, &st,
                       "UPDATE webhook_queue SET state=1, tries=tries+1, sent_at=?3, last_error=''"
                       " WHERE item_id=?1 AND hook_id=?2");
            db_bind_text(&st, 3, zNow);
        } else {
            int bGiveUp = r->nTries + 1 >= PUSH_MAX_TRIES;
            db_prepare(db, &st,
                       "UPDATE webhook_queue SET state=?3, tries=tries+1, next_at=?4, last_error=?5"
                       " WHERE item_id=?1 AND hook_id=?2");
            db_bind_int(&st, 3, bGiveUp ? 3 : 0);
            db_bind_int(&st, 4, util_now() + backoff(r->nTries + 1));
            db_bind_text(&st, 5, zErr);
            log_warn("push: webhook=%lld item=%lld failed tries=%lld: %s", (long long)r->iHook,
                     (long long)r->iItem, (long long)r->nTries + 1, zErr);
        }
        db_bind_int(&st, 1, r->iItem);
        db_bind_int(&st, 2, r->iHook);
        if (db_run(&st) != ZW_OK) log_error("push: webhook update failed: %s", db_errmsg(db));
        db_done(&st);
        nDone++;
    }
    return nDone;
}

/* ------------------------------------------------------------------ rounds */

int push_deliver_round(Db *db, Arena *a) {
    int n = deliver_webhooks(db, a);
    if (!smtp_ready(db, a)) return n;
    n += deliver_outbox(db, a);
    for (int f = 0; f < PUSH_NFREQ && !D.bStop; f++) {
        if (util_now() < D.iPauseUntil) break;
        n += pass_step(db, a, f);
    }
    return n;
}

static struct {
    pthread_t th;
    int bRunning;
    pthread_mutex_t mu;
    pthread_cond_t cv;
    char *zDbPath;
} W = {.mu = PTHREAD_MUTEX_INITIALIZER, .cv = PTHREAD_COND_INITIALIZER};

static void *worker_main(void *pArg) {
    (void)pArg;
    Db *db = NULL;
    Err err = {0};
    if (db_open(&db, W.zDbPath, 0, &err) != ZW_OK) {
        log_error("push: worker cannot open database: %s", err.zLog ? err.zLog : "?");
        return NULL;
    }
    log_info("push: worker started");
    while (!D.bStop) {
        Arena a;
        arena_init(&a);
        int n = push_deliver_round(db, &a);
        arena_free(&a);
        if (n > 0) continue;
        /* Nothing to do (or paused): sleep a second unless told to stop. */
        struct timespec ts;
        clock_gettime(CLOCK_REALTIME, &ts);
        ts.tv_sec += 1;
        pthread_mutex_lock(&W.mu);
        if (!D.bStop) pthread_cond_timedwait(&W.cv, &W.mu, &ts);
        pthread_mutex_unlock(&W.mu);
    }
    mail_smtp_free(D.pSmtp);
    D.pSmtp = NULL;
    if (D.pHttp) curl_easy_cleanup(D.pHttp);
    D.pHttp = NULL;
    db_close(db);
    log_info("push: worker stopped");
    return NULL;
}

int push_worker_start(const char *zDbPath, Err *err) {
    if (W.bRunning) return ZW_OK;
    curl_global_init(CURL_GLOBAL_DEFAULT);
    W.zDbPath = xstrdup(zDbPath);
    D.bStop = 0;
    if (pthread_create(&W.th, NULL, worker_main, NULL) != 0) {
        return err_set(err, ZW_EIO, NULL, "无法启动推送线程", "pthread_create failed");
    }
    W.bRunning = 1;
    return ZW_OK;
}

void push_worker_stop(void) {
    if (!W.bRunning) return;
    pthread_mutex_lock(&W.mu);
    D.bStop = 1;
    pthread_cond_signal(&W.cv);
    pthread_mutex_unlock(&W.mu);
    pthread_join(W.th, NULL);
    W.bRunning = 0;
    free(W.zDbPath);
    W.zDbPath = NULL;
}
