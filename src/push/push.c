// SPDX-License-Identifier: MIT
/*
** push.c: subscriptions, link tokens, matching and queueing, withdrawal, 政策匹配
** and webhook endpoints (see push.h).  Matching runs inside SQLite: every active
** subscriber has a narrow row of bit sets (push_sub) and one INSERT … SELECT
** queues all matches of a policy.  Delivery is push_worker.c's; pages and the API
** are push_web.c's.
*/
#include "push.h"

#include <sodium.h>
#include <stdio.h>
#include <string.h>

#include "../core/log.h"
#include "../core/util.h"
#include "../publish/publish.h"
#include "mail.h"

/* ------------------------------------------------------------ configuration */

static char zCfgSmtp[512], zCfgFrom[256], zCfgBase[256], zCfgDefaultBase[256] = "http://127.0.0.1:8080";

static void url_copy(char *zOut, size_t nOut, const char *z) {
    snprintf(zOut, nOut, "%s", z ? z : "");
    size_t n = strlen(zOut);
    while (n > 0 && zOut[n - 1] == '/') zOut[--n] = 0;
}

void push_configure(const char *zSmtpUrl, const char *zMailFrom, const char *zBaseUrl,
                    const char *zDefaultBase) {
    snprintf(zCfgSmtp, sizeof zCfgSmtp, "%s", zSmtpUrl ? zSmtpUrl : "");
    snprintf(zCfgFrom, sizeof zCfgFrom, "%s", zMailFrom ? zMailFrom : "");
    url_copy(zCfgBase, sizeof zCfgBase, zBaseUrl);
    if (zDefaultBase) url_copy(zCfgDefaultBase, sizeof zCfgDefaultBase, zDefaultBase);
}

const char *push_base_url(Db *db, Arena *a) {
    if (zCfgBase[0]) return zCfgBase;
    return setting_get(db, a, "push_base_url", zCfgDefaultBase);
}

const char *push_smtp_url(Db *db, Arena *a) {
    if (zCfgSmtp[0]) return zCfgSmtp;
    const char *z = setting_get(db, a, "push_smtp", NULL);
    return z && z[0] ? z : NULL;
}

const char *push_mail_from(Db *db, Arena *a) {
    if (zCfgFrom[0]) return zCfgFrom;
    return setting_get(db, a, "push_mail_from", "noreply@localhost.localdomain");
}

/* ------------------------------------------------------ frequencies, due */

static const char *const azFreq[PUSH_NFREQ] = {"immediate", "daily", "weekly"};
static const char *const azFreqLabel[PUSH_NFREQ] = {"即时推送", "每日汇总", "每周汇总"};

int push_freq_parse(const char *z) {
    for (int i = 0; z && i < PUSH_NFREQ; i++) {
        if (strcmp(z, azFreq[i]) == 0) return i;
    }
    return -1;
}

const char *push_freq_name(int e) {
    return e >= 0 && e < PUSH_NFREQ ? azFreq[e] : "immediate";
}

const char *push_freq_label(int e) {
    return e >= 0 && e < PUSH_NFREQ ? azFreqLabel[e] : "";
}

int64_t push_due(int eFreq, int64_t now) {
    if (eFreq == PUSH_IMMEDIATE) return now;
    const int64_t tz = 8 * 3600, day = 86400;
    int64_t iDay = (now + tz) / day; /* China calendar day number */
    int64_t t = iDay * day + PUSH_DIGEST_HOUR * 3600 - tz;
    if (eFreq == PUSH_WEEKLY) {
        int64_t iWeekday = (iDay + 3) % 7; /* 1970-01-01 was a Thursday; Monday = 0 */
        t -= iWeekday * day;
        while (t <= now) t += 7 * day;
    } else {
        while (t <= now) t += day;
    }
    return t;
}

/* ---------------------------------------------------------------- tokens */

/* The HMAC key for link tokens (setting push_secret, made on first use). */
static const char *push_secret(Db *db, Arena *a) {
    const char *z = setting_get(db, a, "push_secret", NULL);
    if (z) return z;
    char zNew[64];
    util_random_token(32, zNew);
    setting_set(db, "push_secret", zNew);
    return arena_strdup(a, zNew);
}

static const char *token_for(Arena *a, const char *zSecret, char cPurpose, int64_t id,
                             const char *zSalt) {
    unsigned char mac[crypto_auth_hmacsha256_BYTES];
    char zMsg[160];
    int n = snprintf(zMsg, sizeof zMsg, "%c|%lld|%s", cPurpose, (long long)id, zSalt);
    if (n < 0 || (size_t)n >= sizeof zMsg) n = (int)sizeof zMsg - 1;
    crypto_auth_hmacsha256_state st;
    crypto_auth_hmacsha256_init(&st, (const unsigned char *)zSecret, strlen(zSecret));
    crypto_auth_hmacsha256_update(&st, (const unsigned char *)zMsg, (unsigned long long)n);
    crypto_auth_hmacsha256_final(&st, mac);
    char zMac[64];
    sodium_bin2base64(zMac, sizeof zMac, mac, 16, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
    return arena_printf(a, "%lld.%s", (long long)id, zMac);
}

const char *sub_token(Db *db, Arena *a, const Subscriber *s, char cPurpose) {
    return token_for(a, push_secret(db, a), cPurpose, s->id, s->zSalt);
}

#define SUB_COLS "id,email,state,profile,frequency,salt,created_at,coalesce(confirmed_at,'')"

static Subscriber *sub_from_row(Arena *a, Stmt *st) {
    Subscriber *s = arena_zalloc(a, sizeof *s);
    s->id = db_col_int(st, 0);
    s->zEmail = db_col_dup(a, st, 1);
    s->zState = db_col_dup(a, st, 2);
    s->zProfile = db_col_dup(a, st, 3);
    s->zFrequency = db_col_dup(a, st, 4);
    s->zSalt = db_col_dup(a, st, 5);
    s->zCreatedAt = db_col_dup(a, st, 6);
    s->zConfirmedAt = db_col_dup(a, st, 7);
    return s;
}

static Subscriber *sub_by_id(Db *db, Arena *a, int64_t id) {
    Stmt st;
    Subscriber *s = NULL;
    db_prepare(db, &st, "SELECT " SUB_COLS " FROM subscriber WHERE id=?1");
    db_bind_int(&st, 1, id);
    if (db_step(&st) == 1) s = sub_from_row(a, &st);
    db_done(&st);
    return s;
}

Subscriber *sub_by_token(Db *db, Arena *a, const char *zToken, char cPurpose) {
    if (!zToken || strlen(zToken) > 80) return NULL;
    const char *zDot = strchr(zToken, '.');
    if (!zDot) return NULL;
    int64_t id;
    if (str_to_i64(arena_strndup(a, zToken, (size_t)(zDot - zToken)), &id) != 0 || id <= 0) {
        return NULL;
    }
    Subscriber *s = sub_by_id(db, a, id);
    if (!s) return NULL;
    if (!util_streq_ct(zToken, sub_token(db, a, s, cPurpose))) return NULL;
    return s;
}

/* ------------------------------------------------------------ subscriptions */

/* The confirmation mail for subscriber iSub with the raw token zTok. */
static int queue_confirmation(Db *db, Arena *a, Subscriber *s, const char *zTok,
                              const char *zProfile, int eFreq, Err *err) {
    const char *zBase = push_base_url(db, a);
    const char *zConfirm = arena_printf(a, "%s/dingyue/confirm/%s", zBase, zTok);
    const char *zUnsub = arena_printf(a, "%s/dingyue/u/%s", zBase, sub_token(db, a, s, 'm'));
    TaxTowns towns;
    if (taxonomy_towns(db, a, &towns) != ZW_OK) return db_err(db, err);
    const char *zDesc = taxonomy_describe(a, &towns, zProfile);
    if (!zDesc[0]) zDesc = "未限定（只接收面向所有人的政策）";
    Str t, h;
    str_init(&t, a);
    str_init(&h, a);
    str_appendf(&t,
                "您好：\n\n我们收到了用本邮箱订阅西吉县政策推送（政策找人、政策找企业）的申请。\n"
                "订阅条件：%s\n推送方式：%s\n\n请打开以下链接确认订阅（或确认修改订阅设置）：\n%s\n\n"
                "确认之前我们不会再给您发送任何邮件。如果这不是您本人的操作，请忽略本邮件；"
                "也可以打开以下链接取消：\n%s\n\n西吉县人民政府\n",
                zDesc, push_freq_label(eFreq), zConfirm, zUnsub);
    str_htmlf(&h,
              "<!doctype html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>确认订阅</title>"
              "</head><body><p>您好：</p><p>我们收到了用本邮箱订阅西吉县政策推送（政策找人、政策找企业）"
              "的申请。</p><p>订阅条件：%s<br>推送方式：%s</p>"
              "<p><a href=\"%s\">确认订阅</a></p><p>确认之前我们不会再给您发送任何邮件。"
              "如果这不是您本人的操作，请忽略本邮件，或<a href=\"%s\">取消</a>。</p>"
              "<p>西吉县人民政府</p></body></html>",
              zDesc, push_freq_label(eFreq), zConfirm, zUnsub);
    return mail_enqueue(db, s->zEmail, "请确认订阅西吉县政策推送", str_cstr(&t), str_cstr(&h), zUnsub,
                        err);
}

static int sub_finish(Db *db, int rc, Err *err) {
    if (rc != ZW_OK) {
        db_rollback(db);
        if (!err->zMsg) db_err(db, err);
        return rc;
    }
    if (db_commit(db) != ZW_OK) return db_err(db, err);
    return ZW_OK;
}

int sub_request(Db *db, Arena *a, const char *zEmail, const char *zProfile,
                const char *zFrequency, Err *err) {
    char zNow[21];
    if (!zEmail || !mail_addr_valid(zEmail)) {
        return err_set(err, ZW_EINPUT, "bad_email",
                       "请填写有效的电子邮件地址（不超过 254 个字符，不含空格）", NULL);
    }
    int eFreq = push_freq_parse(zFrequency ? zFrequency : "immediate");
    if (eFreq < 0) {
        return err_set(err, ZW_EINPUT, "bad_frequency",
                       "推送频率应为 immediate（即时）、daily（每日）或 weekly（每周）", NULL);
    }
    if (!zProfile) zProfile = "{}";
    int64_t now = util_now();
    util_iso_time(now, zNow);
    int rc = db_begin(db);
    if (rc) return db_err(db, err);
    Stmt st;
    int64_t iSub = 0, iSent = 0;
    db_prepare(db, &st, "SELECT id,confirm_sent FROM subscriber WHERE email=?1");
    db_bind_text(&st, 1, zEmail);
    if ((rc = db_step(&st)) == 1) {
        iSub = db_col_int(&st, 0);
        iSent = db_col_int(&st, 1);
    }
    db_done(&st);
    if (rc < 0) return sub_finish(db, -rc, err);
    rc = ZW_OK;
    if (iSub && now - iSent < PUSH_CONFIRM_GAP) {
        /* Same answer as always; no second mail, no change. */
        log_info("push subscribe throttled sub=%lld", (long long)iSub);
        return sub_finish(db, ZW_OK, err);
    }
    if (!iSub) {
        char zSalt[32];
        util_random_token(12, zSalt);
        db_prepare(db, &st,
                   "INSERT INTO subscriber(email,state,salt,created_at) VALUES(?1,'pending',?2,?3)");
        db_bind_text(&st, 1, zEmail);
        db_bind_text(&st, 2, zSalt);
        db_bind_text(&st, 3, zNow);
        rc = db_run(&st);
        db_done(&st);
        if (rc) return sub_finish(db, rc, err);
        iSub = db_last_rowid(db);
    }
    char zTok[48], zHash[65];
    util_random_token(24, zTok);
    util_sha256_hex(zTok, strlen(zTok), zHash);
    db_prepare(db, &st,
               "UPDATE subscriber SET pend_profile=?2, pend_frequency=?3, confirm_hash=?4,"
               " confirm_sent=?5 WHERE id=?1");
    db_bind_int(&st, 1, iSub);
    db_bind_text(&st, 2, zProfile);
    db_bind_text(&st, 3, push_freq_name(eFreq));
    db_bind_text(&st, 4, zHash);
    db_bind_int(&st, 5, now);
    rc = db_run(&st);
    db_done(&st);
    Subscriber *s = rc ? NULL : sub_by_id(db, a, iSub);
    if (!rc && s) rc = queue_confirmation(db, a, s, zTok, zProfile, eFreq, err);
    if (!rc) log_info("push subscribe sub=%lld confirmation queued", (long long)iSub);
    return sub_finish(db, rc, err);
}

int sub_confirm(Db *db, Arena *a, const char *zToken, Subscriber **ppSub, Err *err) {
    char zHash[65], zNow[21];
    *ppSub = NULL;
    if (!zToken || strlen(zToken) > 80) goto not_found;
    util_sha256_hex(zToken, strlen(zToken), zHash);
    int64_t now = util_now();
    util_iso_time(now, zNow);
    int rc = db_begin(db);
    if (rc) return db_err(db, err);
    Stmt st;
    int64_t iSub = 0;
    db_prepare(db, &st, "SELECT id FROM subscriber WHERE confirm_hash=?1 AND confirm_sent>=?2");
    db_bind_text(&st, 1, zHash);
    db_bind_int(&st, 2, now - PUSH_CONFIRM_TTL);
    if (db_step(&st) == 1) iSub = db_col_int(&st, 0);
    db_done(&st);
    if (!iSub) {
        db_rollback(db);
        goto not_found;
    }
    db_prepare(db, &st,
               "UPDATE subscriber SET state='active', profile=coalesce(pend_profile,profile),"
               " frequency=coalesce(pend_frequency,frequency), pend_profile=NULL,"
               " pend_frequency=NULL, confirm_hash=NULL, confirmed_at=?2, unsubscribed_at=NULL"
               " WHERE id=?1");
    db_bind_int(&st, 1, iSub);
    db_bind_text(&st, 2, zNow);
    rc = db_run(&st);
    db_done(&st);
    if (!rc) rc = push_sub_sync(db, a, iSub, err);
    rc = sub_finish(db, rc, err);
    if (!rc) {
        *ppSub = sub_by_id(db, a, iSub);
        log_info("push confirmed sub=%lld", (long long)iSub);
    }
    return rc;
not_found:
    return err_set(err, ZW_ENOTFOUND, "bad_token",
                   "确认链接无效、已使用或已过期（有效期 7 天），请重新订阅", NULL);
}

int sub_unsubscribe(Db *db, Arena *a, int64_t iSub, Err *err) {
    char zNow[21];
    util_iso_time(util_now(), zNow);
    int rc = db_begin(db);
    if (rc) return db_err(db, err);
    Stmt st;
    db_prepare(db, &st,
               "UPDATE subscriber SET state='unsubscribed', unsubscribed_at=?2, confirm_hash=NULL,"
               " pend_profile=NULL, pend_frequency=NULL WHERE id=?1 AND state<>'unsubscribed'");
    db_bind_int(&st, 1, iSub);
    db_bind_text(&st, 2, zNow);
    rc = db_run(&st);
    db_done(&st);
    if (!rc) rc = push_sub_sync(db, a, iSub, err);
    if (!rc) log_info("push unsubscribed sub=%lld", (long long)iSub);
    return sub_finish(db, rc, err);
}

int sub_update(Db *db, Arena *a, int64_t iSub, const char *zProfile, const char *zFrequency,
               Err *err) {
    int eFreq = push_freq_parse(zFrequency);
    if (eFreq < 0) {
        return err_set(err, ZW_EINPUT, "bad_frequency",
                       "推送频率应为 immediate（即时）、daily（每日）或 weekly（每周）", NULL);
    }
    int rc = db_begin(db);
    if (rc) return db_err(db, err);
    Stmt st;
    db_prepare(db, &st,
               "UPDATE subscriber SET profile=?2, frequency=?3 WHERE id=?1 AND state='active'");
    db_bind_int(&st, 1, iSub);
    db_bind_text(&st, 2, zProfile ? zProfile : "{}");
    db_bind_text(&st, 3, push_freq_name(eFreq));
    rc = db_run(&st);
    db_done(&st);
    if (!rc && db_changes(db) == 0) {
        rc = err_set(err, ZW_ECONFLICT, "not_active", "该订阅已退订或尚未确认，请重新订阅", NULL);
    }
    if (!rc) rc = push_sub_sync(db, a, iSub, err);
    return sub_finish(db, rc, err);
}

/* ------------------------------------------------------------- push_sub */

/* A fingerprint of every code of every dimension, in order: bit positions in
** push_sub are only meaningful under the same fingerprint. */
static const char *taxonomy_key(Arena *a, const TaxTowns *pTowns) {
    Str s;
    str_init(&s, a);
    for (int i = 0; i < TAX_NDIM; i++) {
        const TaxValue *aVal = i == TAX_TOWN ? pTowns->aTown : g_aTaxDim[i].aValue;
        int nVal = i == TAX_TOWN ? pTowns->nTown : g_aTaxDim[i].nValue;
        str_appendf(&s, "%s:", g_aTaxDim[i].zKey);
        for (int k = 0; k < nVal; k++) str_appendf(&s, "%s,", aVal[k].zCode);
        str_putc(&s, ';');
    }
    char *zHex = arena_alloc(a, 65);
    util_sha256_hex(s.z, s.n, zHex);
    return zHex;
}

static int sub_row_write(Db *db, int64_t iSub, int eFreq, const Audience *p) {
    Stmt st;
    db_prepare(db, &st,
               "INSERT OR REPLACE INTO push_sub(id,freq,b_group,b_industry,b_size,b_town,b_topic)"
               " VALUES(?1,?2,?3,?4,?5,?6,?7)");
    db_bind_int(&st, 1, iSub);
    db_bind_int(&st, 2, eFreq);
    for (int i = 0; i < TAX_NDIM; i++) db_bind_int(&st, 3 + i, (int64_t)p->aBits[i]);
    int rc = db_run(&st);
    db_done(&st);
    return rc;
}

int push_sub_sync(Db *db, Arena *a, int64_t iSub, Err *err) {
    Stmt st;
    const char *zProfile = NULL;
    int eFreq = 0;
    db_prepare(db, &st,
               "SELECT profile,frequency FROM subscriber WHERE id=?1 AND state='active'");
    db_bind_int(&st, 1, iSub);
    if (db_step(&st) == 1) {
        zProfile = db_col_dup(a, &st, 0);
        eFreq = push_freq_parse(db_col_text(&st, 1));
    }
    db_done(&st);
    int rc;
    if (!zProfile) {
        db_prepare(db, &st, "DELETE FROM push_sub WHERE id=?1");
        db_bind_int(&st, 1, iSub);
        rc = db_run(&st);
        db_done(&st);
        return rc ? db_err(db, err) : ZW_OK;
    }
    TaxTowns towns;
    Audience aud;
    if ((rc = taxonomy_towns(db, a, &towns))) return db_err(db, err);
    if ((rc = taxonomy_parse(a, &towns, zProfile, &aud, err))) return rc;
    rc = sub_row_write(db, iSub, eFreq < 0 ? 0 : eFreq, &aud);
    return rc ? db_err(db, err) : ZW_OK;
}

int push_rebuild(Db *db, Arena *a, Err *err) {
    TaxTowns towns;
    int rc = taxonomy_towns(db, a, &towns);
    if (rc) return db_err(db, err);
    Stmt st, del;
    db_prepare(db, &del, "DELETE FROM push_sub");
    rc = db_run(&del);
    db_done(&del);
    if (rc) return db_err(db, err);
    int64_t n = 0, nBad = 0;
    db_prepare(db, &st, "SELECT id,profile,frequency FROM subscriber WHERE state='active' ORDER BY id");
    while ((rc = db_step(&st)) == 1) {
        Audience aud;
        Err e2 = {0};
        Arena tmp;
        arena_init(&tmp);
        if (taxonomy_parse(&tmp, &towns, db_col_text(&st, 1), &aud, &e2) != ZW_OK) {
            /* A value that left the taxonomy (a merged town): keep what still parses. */
            nBad++;
            memset(&aud, 0, sizeof aud);
        }
        int eFreq = push_freq_parse(db_col_text(&st, 2));
        int rc2 = sub_row_write(db, db_col_int(&st, 0), eFreq < 0 ? 0 : eFreq, &aud);
        arena_free(&tmp);
        if (rc2) {
            rc = -rc2;
            break;
        }
        n++;
    }
    db_done(&st);
    if (rc < 0) return db_err(db, err);
    if (setting_set(db, "push_taxkey", taxonomy_key(a, &towns)) != ZW_OK) return db_err(db, err);
    log_info("push rebuilt push_sub rows=%lld unparsable=%lld", (long long)n, (long long)nBad);
    return ZW_OK;
}

/* -------------------------------------------------------------- queueing */

/* The audiences an item is pushed with (see push.h); *pn = 0 means not pushed. */
static int item_audiences(Db *db, Arena *a, int64_t iItem, const char ***pazAud, int *pn) {
    Stmt st;
    const char *zKind = NULL, *zScope = "", *zAud = "{}";
    *pn = 0;
    *pazAud = NULL;
    db_prepare(db, &st, "SELECT kind,scope,audience FROM item WHERE id=?1");
    db_bind_int(&st, 1, iItem);
    if (db_step(&st) == 1) {
        zKind = db_col_dup(a, &st, 0);
        zScope = db_col_dup(a, &st, 1);
        zAud = db_col_dup(a, &st, 2);
    }
    db_done(&st);
    if (!zKind) return ZW_ENOTFOUND;
    if (strcmp(zKind, "policy") == 0) {
        if (strcmp(zScope, "internal") == 0) return ZW_OK;
        *pazAud = arena_alloc(a, sizeof(char *));
        (*pazAud)[(*pn)++] = zAud;
        return ZW_OK;
    }
    if (strcmp(zKind, "interpretation") != 0) return ZW_OK;
    int nCap = 8, n = 0, nLinked = 0;
    const char **az = arena_alloc(a, sizeof(char *) * (size_t)nCap);
    db_prepare(db, &st,
               "SELECT p.audience,p.scope FROM interprets x JOIN item p ON p.id=x.policy_id"
               " WHERE x.interp_id=?1 ORDER BY p.id");
    db_bind_int(&st, 1, iItem);
    while (db_step(&st) == 1) {
        nLinked++;
        if (strcmp(db_col_text(&st, 1), "internal") == 0) continue;
        if (n == nCap) {
            const char **azNew = arena_alloc(a, sizeof(char *) * (size_t)nCap * 2);
            memcpy(azNew, az, sizeof(char *) * (size_t)n);
            az = azNew;
            nCap *= 2;
        }
        az[n++] = db_col_dup(a, &st, 0);
    }
    db_done(&st);
    if (nLinked == 0) az[n++] = zAud;
    *pazAud = az;
    *pn = n;
    return ZW_OK;
}

/* Make sure push_sub's bit positions follow the current taxonomy. */
static int check_taxonomy(Db *db, Arena *a, const TaxTowns *pTowns, Err *err) {
    const char *zKey = taxonomy_key(a, pTowns);
    const char *zHave = setting_get(db, a, "push_taxkey", NULL);
    if (zHave && strcmp(zHave, zKey) == 0) return ZW_OK;
    Stmt st;
    db_prepare(db, &st, "SELECT count(*) FROM push_sub");
    int64_t n = db_step(&st) == 1 ? db_col_int(&st, 0) : 0;
    db_done(&st);
    if (n == 0) return setting_set(db, "push_taxkey", zKey) ? db_err(db, err) : ZW_OK;
    return push_rebuild(db, a, err);
}

static int queue_webhooks(Db *db, Arena *a, const TaxTowns *pTowns, int64_t iItem,
                          const Audience *aAud, int nAud, int64_t now) {
    Webhook *aHook;
    int nHook, rc = webhook_list(db, a, &aHook, &nHook);
    if (rc) return rc;
    for (int i = 0; i < nHook && !rc; i++) {
        if (!aHook[i].bActive) continue;
        Audience prof;
        Err e2 = {0};
        if (taxonomy_parse(a, pTowns, aHook[i].zProfile, &prof, &e2) != ZW_OK) continue;
        int bAll = 1, bMatch = 0;
        for (int d = 0; d < TAX_NDIM; d++) bAll &= prof.aBits[d] == 0;
        for (int k = 0; k < nAud && !bMatch; k++) bMatch = bAll || audience_match(&aAud[k], &prof);
        if (!bMatch) continue;
        Stmt st;
        db_prepare(db, &st,
                   "INSERT OR IGNORE INTO webhook_queue(item_id,hook_id,next_at) VALUES(?1,?2,?3)");
        db_bind_int(&st, 1, iItem);
        db_bind_int(&st, 2, aHook[i].id);
        db_bind_int(&st, 3, now);
        rc = db_run(&st);
        db_done(&st);
    }
    return rc;
}

int push_queue_item(Db *db, Arena *a, int64_t iItem, int64_t *pnQueued, Err *err) {
    const char **azAud;
    int nAud, rc;
    if (pnQueued) *pnQueued = 0;
    if ((rc = item_audiences(db, a, iItem, &azAud, &nAud))) {
        return rc == ZW_ENOTFOUND ? err_set(err, rc, "not_found", "信息不存在", NULL) : db_err(db, err);
    }
    if (nAud == 0) return ZW_OK;
    TaxTowns towns;
    if (taxonomy_towns(db, a, &towns) != ZW_OK) return db_err(db, err);
    if ((rc = check_taxonomy(db, a, &towns, err))) return rc;
    Audience *aAud = arena_alloc(a, sizeof(Audience) * (size_t)nAud);
    for (int k = 0; k < nAud; k++) {
        if ((rc = taxonomy_parse(a, &towns, azAud[k], &aAud[k], err))) return rc;
    }
    int64_t now = util_now(), nTotal = 0;
    Stmt st;
    /* Only the dimensions the audience names become conditions (literal pieces). */
    static const char *const azCond[TAX_NDIM] = {
        " AND (b_group&?2)<>0", " AND (b_industry&?3)<>0", " AND (b_size&?4)<>0",
        " AND (b_town&?5)<>0", " AND (b_topic&?6)<>0"};
    for (int k = 0; k < nAud; k++) {
        /* One pass over push_sub in id order: the new rows are appends to the key. */
        Str sql;
        str_init(&sql, a);
        str_puts(&sql, "INSERT OR IGNORE INTO push_queue(item_id,sub_id,freq)"
                       " SELECT ?1,id,freq FROM push_sub WHERE 1");
        for (int d = 0; d < TAX_NDIM; d++) {
            if (aAud[k].aBits[d]) str_puts(&sql, azCond[d]);
        }
        if ((rc = db_prepare_dynamic(db, &st, str_cstr(&sql)))) return db_err(db, err);
        db_bind_int(&st, 1, iItem);
        for (int d = 0; d < TAX_NDIM; d++) {
            if (aAud[k].aBits[d]) db_bind_int(&st, 2 + d, (int64_t)aAud[k].aBits[d]);
        }
        rc = db_run(&st);
        db_done(&st);
        if (rc) return db_err(db, err);
        nTotal += db_changes(db);
    }
    char zNow[21];
    util_iso_time(now, zNow);
    /* A batch per frequency: counting rows per frequency would cost a second pass
    ** over them; an empty batch is finished by the worker at once. */
    for (int f = 0; f < PUSH_NFREQ && nTotal > 0 && !rc; f++) {
        db_prepare(db, &st,
                   "INSERT OR IGNORE INTO push_batch(item_id,freq,due,n,created_at)"
                   " VALUES(?1,?2,?3,?4,?5)");
        db_bind_int(&st, 1, iItem);
        db_bind_int(&st, 2, f);
        db_bind_int(&st, 3, push_due(f, now));
        db_bind_int(&st, 4, nTotal);
        db_bind_text(&st, 5, zNow);
        rc = db_run(&st);
        db_done(&st);
    }
    if (!rc) rc = queue_webhooks(db, a, &towns, iItem, aAud, nAud, now);
    if (rc) return db_err(db, err);
    if (pnQueued) *pnQueued = nTotal;
    if (nTotal) {
        log_info("push queued item=%lld subscribers=%lld audiences=%d", (long long)iItem,
                 (long long)nTotal, nAud);
    }
    return ZW_OK;
}

int push_on_publish(Db *db, Arena *a, int64_t iItem, int64_t iVersion, Err *err) {
    if (iVersion != 1) return ZW_OK;
    return push_queue_item(db, a, iItem, NULL, err);
}

int push_on_withdraw(Db *db, int64_t iItem, Err *err) {
    Stmt st;
    db_prepare(db, &st, "UPDATE push_batch SET state=2 WHERE item_id=?1 AND state=0");
    db_bind_int(&st, 1, iItem);
    int rc = db_run(&st);
    db_done(&st);
    int n = db_changes(db);
    if (!rc) {
        db_prepare(db, &st, "UPDATE webhook_queue SET state=2 WHERE item_id=?1 AND state=0");
        db_bind_int(&st, 1, iItem);
        rc = db_run(&st);
        db_done(&st);
    }
    if (rc) return db_err(db, err);
    if (n) log_info("push cancelled item=%lld batches=%d", (long long)iItem, n);
    return ZW_OK;
}

/* ---------------------------------------------------------------- 政策匹配 */

int push_match_policies(Db *db, Arena *a, const char *zProfile, int nMax, PushPolicy **paPol,
                        int *pnPol, Err *err) {
    TaxTowns towns;
    Audience prof;
    int rc;
    *paPol = NULL;
    *pnPol = 0;
    if (taxonomy_towns(db, a, &towns) != ZW_OK) return db_err(db, err);
    if ((rc = taxonomy_parse(a, &towns, zProfile, &prof, err))) return rc;
    int nCap = 16, n = 0;
    PushPolicy *aPol = arena_alloc(a, sizeof(PushPolicy) * (size_t)nCap);
    Stmt st;
    db_prepare(db, &st,
               /* Validity: the library's state for a normative document (src/norms),
               ** else the published 有效性. */
               "SELECT i.id,v.title,v.docno,u.name,i.published_at,i.audience,"
               " coalesce(nm.state,v.validity)"
               " FROM item i JOIN item_version v ON v.item_id=i.id AND v.version=i.live_version"
               " JOIN unit u ON u.id=i.unit_id LEFT JOIN norm nm ON nm.item_id=i.id"
               " WHERE i.kind='policy' AND i.live_version>0 AND i.state<>'withdrawn'"
               " AND i.scope<>'internal'"
               " AND coalesce(nm.state,v.validity) NOT IN ('已废止','已失效','废止','失效')"
               " AND (nm.expires_at IS NULL OR nm.expires_at>=?1)"
               " ORDER BY i.published_at DESC, i.id DESC");
    char zToday[11];
    util_iso_date(util_now(), zToday);
    db_bind_text(&st, 1, zToday);
    while ((rc = db_step(&st)) == 1 && n < nMax) {
        Audience aud;
        Err e2 = {0};
        if (taxonomy_parse(a, &towns, db_col_text(&st, 5), &aud, &e2) != ZW_OK) continue;
        if (!audience_match(&aud, &prof)) continue;
        if (n == nCap) {
            PushPolicy *aNew = arena_alloc(a, sizeof(PushPolicy) * (size_t)nCap * 2);
            memcpy(aNew, aPol, sizeof(PushPolicy) * (size_t)n);
            aPol = aNew;
            nCap *= 2;
        }
        PushPolicy *p = &aPol[n++];
        memset(p, 0, sizeof *p);
        p->id = db_col_int(&st, 0);
        p->zTitle = db_col_dup(a, &st, 1);
        p->zDocno = db_col_dup(a, &st, 2);
        p->zUnitName = db_col_dup(a, &st, 3);
        p->zPublishedAt = db_col_dup(a, &st, 4);
        p->zAudience = db_col_dup(a, &st, 5);
        p->zValidity = db_col_dup(a, &st, 6);
    }
    db_done(&st);
    if (rc < 0) return db_err(db, err);
    for (int k = 0; k < n; k++) {
        PushPolicy *p = &aPol[k];
        int nI = 0, nICap = 4;
        p->aInterp = arena_alloc(a, sizeof(PushInterp) * (size_t)nICap);
        db_prepare(db, &st,
                   "SELECT i.id,v.title,i.form,i.published_at FROM interprets x"
                   " JOIN item i ON i.id=x.interp_id"
                   " JOIN item_version v ON v.item_id=i.id AND v.version=i.live_version"
                   " WHERE x.policy_id=?1 AND i.live_version>0 AND i.state<>'withdrawn'"
                   " ORDER BY i.published_at, i.id");
        db_bind_int(&st, 1, p->id);
        while (db_step(&st) == 1 && nI < 50) {
            if (nI == nICap) {
                PushInterp *aNew = arena_alloc(a, sizeof(PushInterp) * (size_t)nICap * 2);
                memcpy(aNew, p->aInterp, sizeof(PushInterp) * (size_t)nI);
                p->aInterp = aNew;
                nICap *= 2;
            }
            PushInterp *q = &p->aInterp[nI++];
            q->id = db_col_int(&st, 0);
            q->zTitle = db_col_dup(a, &st, 1);
            q->zForm = db_col_dup(a, &st, 2);
            q->zPublishedAt = db_col_dup(a, &st, 3);
        }
        db_done(&st);
        p->nInterp = nI;
    }
    *paPol = aPol;
    *pnPol = n;
    return ZW_OK;
}

/* ---------------------------------------------------------------- webhooks */

void webhook_sign(const char *zSecret, const char *p, size_t n, char *zHex) {
    unsigned char mac[crypto_auth_hmacsha256_BYTES];
    crypto_auth_hmacsha256_state st;
    crypto_auth_hmacsha256_init(&st, (const unsigned char *)zSecret, strlen(zSecret));
    crypto_auth_hmacsha256_update(&st, (const unsigned char *)p, (unsigned long long)n);
    crypto_auth_hmacsha256_final(&st, mac);
    sodium_bin2hex(zHex, 65, mac, sizeof mac);
}

static int url_ok(const char *z) {
    size_t n = strlen(z);
    if (n > 1000 || (strncmp(z, "http://", 7) != 0 && strncmp(z, "https://", 8) != 0)) return 0;
    for (size_t i = 0; i < n; i++) {
        if ((unsigned char)z[i] <= 0x20 || (unsigned char)z[i] >= 0x7f) return 0;
    }
    const char *zHost = strstr(z, "://") + 3;
    return zHost[0] && zHost[0] != '/';
}

int webhook_add(Db *db, Arena *a, const char *zName, const char *zUrl, const char *zProfile,
                Webhook **ppHook, Err *err) {
    char zNow[21], zSecret[64];
    if (!zUrl || !url_ok(zUrl)) {
        return err_set(err, ZW_EINPUT, "bad_url", "url 应为 http:// 或 https:// 开头的网址（不超过 1000 个字符）", NULL);
    }
    if (!zName) zName = "";
    if (strlen(zName) > 200 || !utf8_valid(zName, strlen(zName))) {
        return err_set(err, ZW_EINPUT, "bad_name", "名称过长或含无效字符", NULL);
    }
    util_iso_time(util_now(), zNow);
    util_random_token(32, zSecret);
    Stmt st;
    db_prepare(db, &st,
               "INSERT INTO webhook(name,url,secret,profile,created_at) VALUES(?1,?2,?3,?4,?5)");
    db_bind_text(&st, 1, zName);
    db_bind_text(&st, 2, zUrl);
    db_bind_text(&st, 3, zSecret);
    db_bind_text(&st, 4, zProfile ? zProfile : "{}");
    db_bind_text(&st, 5, zNow);
    int rc = db_run(&st);
    db_done(&st);
    if (rc) return db_err(db, err);
    Webhook *h = arena_zalloc(a, sizeof *h);
    h->id = db_last_rowid(db);
    h->zName = arena_strdup(a, zName);
    h->zUrl = arena_strdup(a, zUrl);
    h->zSecret = arena_strdup(a, zSecret);
    h->zProfile = arena_strdup(a, zProfile ? zProfile : "{}");
    h->zCreatedAt = arena_strdup(a, zNow);
    h->bActive = 1;
    *ppHook = h;
    return ZW_OK;
}

int webhook_list(Db *db, Arena *a, Webhook **paHook, int *pnHook) {
    Stmt st;
    int n = 0, nCap = 8, rc;
    Webhook *aHook = arena_alloc(a, sizeof(Webhook) * (size_t)nCap);
    db_prepare(db, &st, "SELECT id,name,url,secret,profile,active,created_at FROM webhook ORDER BY id");
    while ((rc = db_step(&st)) == 1 && n < 1000) {
        if (n == nCap) {
            Webhook *aNew = arena_alloc(a, sizeof(Webhook) * (size_t)nCap * 2);
            memcpy(aNew, aHook, sizeof(Webhook) * (size_t)n);
            aHook = aNew;
            nCap *= 2;
        }
        Webhook *h = &aHook[n++];
        h->id = db_col_int(&st, 0);
        h->zName = db_col_dup(a, &st, 1);
        h->zUrl = db_col_dup(a, &st, 2);
        h->zSecret = db_col_dup(a, &st, 3);
        h->zProfile = db_col_dup(a, &st, 4);
        h->bActive = (int)db_col_int(&st, 5);
        h->zCreatedAt = db_col_dup(a, &st, 6);
    }
    db_done(&st);
    *paHook = aHook;
    *pnHook = n;
    return rc < 0 ? ZW_EDB : ZW_OK;
}

int webhook_set_active(Db *db, int64_t iHook, int bActive, Err *err) {
    Stmt st;
    db_prepare(db, &st, "UPDATE webhook SET active=?2 WHERE id=?1");
    db_bind_int(&st, 1, iHook);
    db_bind_int(&st, 2, bActive ? 1 : 0);
    int rc = db_run(&st);
    db_done(&st);
    if (rc) return db_err(db, err);
    if (db_changes(db) == 0) return err_set(err, ZW_ENOTFOUND, "not_found", "没有这个推送接口", NULL);
    return ZW_OK;
}

int webhook_delete(Db *db, int64_t iHook, Err *err) {
    int rc = db_begin(db);
    if (rc) return db_err(db, err);
    Stmt st;
    db_prepare(db, &st, "UPDATE webhook_queue SET state=2 WHERE hook_id=?1 AND state=0");
    db_bind_int(&st, 1, iHook);
    rc = db_run(&st);
    db_done(&st);
    if (!rc) {
        db_prepare(db, &st, "DELETE FROM webhook WHERE id=?1");
        db_bind_int(&st, 1, iHook);
        rc = db_run(&st);
        db_done(&st);
        if (!rc && db_changes(db) == 0) {
            rc = err_set(err, ZW_ENOTFOUND, "not_found", "没有这个推送接口", NULL);
        }
    }
    return sub_finish(db, rc, err);
}

/* ------------------------------------------------------------------- feed */

int push_feed_items(Db *db, Arena *a, const char *zProfile, int nMax, PushMailItem **paItem,
                    int *pnItem, Err *err) {
    TaxTowns towns;
    Audience prof;
    int rc;
    *paItem = arena_alloc(a, sizeof(PushMailItem) * (size_t)(nMax > 0 ? nMax : 1));
    *pnItem = 0;
    if (taxonomy_towns(db, a, &towns) != ZW_OK) return db_err(db, err);
    if ((rc = taxonomy_parse(a, &towns, zProfile, &prof, err))) return rc;
    Stmt st;
    /* Candidates newest first; a feed looks at the last 1,000 pushed kinds at most. */
    db_prepare(db, &st,
               "SELECT i.id,v.title,i.kind,v.docno,u.name,coalesce(i.published_at,'')"
               " FROM item i JOIN item_version v ON v.item_id=i.id AND v.version=i.live_version"
               " JOIN unit u ON u.id=i.unit_id"
               " WHERE i.kind IN ('policy','interpretation') AND i.live_version>0"
               " AND i.state<>'withdrawn' ORDER BY i.published_at DESC, i.id DESC LIMIT 1000");
    typedef struct Cand {
        PushMailItem m;
    } Cand;
    int nCand = 0;
    Cand *aCand = arena_alloc(a, sizeof(Cand) * 1000);
    while ((rc = db_step(&st)) == 1 && nCand < 1000) {
        PushMailItem *m = &aCand[nCand++].m;
        m->id = db_col_int(&st, 0);
        m->zTitle = db_col_dup(a, &st, 1);
        m->zKind = db_col_dup(a, &st, 2);
        m->zDocno = db_col_dup(a, &st, 3);
        m->zUnitName = db_col_dup(a, &st, 4);
        m->zPublishedAt = db_col_dup(a, &st, 5);
    }
    db_done(&st);
    if (rc < 0) return db_err(db, err);
    for (int i = 0; i < nCand && *pnItem < nMax; i++) {
        const char **azAud;
        int nAud, bMatch = 0;
        if (item_audiences(db, a, aCand[i].m.id, &azAud, &nAud) != ZW_OK) continue;
        for (int k = 0; k < nAud && !bMatch; k++) {
            Audience aud;
            Err e2 = {0};
            if (taxonomy_parse(a, &towns, azAud[k], &aud, &e2) == ZW_OK) {
                bMatch = audience_match(&aud, &prof);
            }
        }
        if (bMatch) (*paItem)[(*pnItem)++] = aCand[i].m;
    }
    return ZW_OK;
}
