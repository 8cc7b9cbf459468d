// SPDX-License-Identifier: MIT
/*
** tlog.c: the transparency log, an append-only hash chain (docs/transparency-log.md).
** Entry n stores payload, prev_hash = hash of entry n-1 (64 zeros for the first)
** and hash = hex SHA-256 of prev_hash + "\n" + payload.  The payload is canonical
** JSON: keys sorted, no spaces, strings escaped by str_json.
*/
#include <string.h>

#include "../core/str.h"
#include "../core/util.h"
#include "publish.h"

static const char zZeros[] = "0000000000000000000000000000000000000000000000000000000000000000";

int tlog_append(Db *db, Arena *a, const char *zAction, const Item *p, int64_t iVersion,
                const char *zSha256, const char *zTime, Err *err);

static void chain_hash(Arena *a, const char *zPrev, const char *zPayload, char *zHex) {
    Str s;
    str_init(&s, a);
    str_puts(&s, zPrev);
    str_putc(&s, '\n');
    str_puts(&s, zPayload);
    util_sha256_hex(s.z, s.n, zHex);
}

int tlog_append(Db *db, Arena *a, const char *zAction, const Item *p, int64_t iVersion,
                const char *zSha256, const char *zTime, Err *err) {
    Str s;
    str_init(&s, a);
    str_puts(&s, "{\"action\":");
    str_json(&s, zAction);
    str_puts(&s, ",\"content_sha256\":");
    str_json(&s, zSha256);
    str_appendf(&s, ",\"item\":%lld", (long long)p->id);
    str_puts(&s, ",\"time\":");
    str_json(&s, zTime);
    str_puts(&s, ",\"unit\":");
    str_json(&s, p->zUnitCode);
    str_appendf(&s, ",\"version\":%lld}", (long long)iVersion);
    const char *zPayload = str_cstr(&s);
    Stmt st;
    char *zPrev = NULL;
    db_prepare(db, &st, "SELECT hash FROM tlog ORDER BY seq DESC LIMIT 1");
    if (db_step(&st) == 1) zPrev = db_col_dup(a, &st, 0);
    db_done(&st);
    if (!zPrev) zPrev = (char *)zZeros;
    char zHash[65];
    chain_hash(a, zPrev, zPayload, zHash);
    db_prepare(db, &st, "INSERT INTO tlog(prev_hash,hash,payload) VALUES(?1,?2,?3)");
    db_bind_text(&st, 1, zPrev);
    db_bind_text(&st, 2, zHash);
    db_bind_text(&st, 3, zPayload);
    int rc = db_run(&st);
    db_done(&st);
    if (rc) return db_err(db, err);
    return ZW_OK;
}

int tlog_list(Db *db, Arena *a, int64_t iAfter, int nLimit, TlogEntry **paEntry, int *pnEntry) {
    Stmt st;
    TlogEntry *aE = arena_alloc(a, sizeof(TlogEntry) * (size_t)(nLimit > 0 ? nLimit : 1));
    int n = 0, rc;
    db_prepare(db, &st, "SELECT seq,prev_hash,hash,payload FROM tlog WHERE seq>?1 ORDER BY seq LIMIT ?2");
    db_bind_int(&st, 1, iAfter);
    db_bind_int(&st, 2, nLimit);
    while ((rc = db_step(&st)) == 1 && n < nLimit) {
        aE[n].iSeq = db_col_int(&st, 0);
        aE[n].zPrev = db_col_dup(a, &st, 1);
        aE[n].zHash = db_col_dup(a, &st, 2);
        aE[n].zPayload = db_col_dup(a, &st, 3);
        n++;
    }
    db_done(&st);
    *paEntry = aE;
    *pnEntry = n;
    return rc < 0 ? -rc : ZW_OK;
}

int tlog_verify(Db *db, int64_t *piBad, int64_t *pnChecked, Err *err) {
    Stmt st;
    Arena a;
    arena_init(&a);
    char zPrev[65], zHash[65];
    memcpy(zPrev, zZeros, 65);
    int64_t iExpect = 1, n = 0;
    int rc = ZW_OK, r;
    *piBad = 0;
    db_prepare(db, &st, "SELECT seq,prev_hash,hash,payload FROM tlog ORDER BY seq");
    while ((r = db_step(&st)) == 1) {
        int64_t iSeq = db_col_int(&st, 0);
        const char *zP = db_col_text(&st, 1);
        const char *zH = db_col_text(&st, 2);
        const char *zPayload = db_col_text(&st, 3);
        chain_hash(&a, zPrev, zPayload, zHash);
        if (iSeq != iExpect || strcmp(zP, zPrev) != 0 || strcmp(zH, zHash) != 0) {
            *piBad = iSeq;
            rc = err_set(err, ZW_ECONFLICT, "broken_chain", "公开日志校验失败", NULL);
            break;
        }
        memcpy(zPrev, zH, 65);
        iExpect++;
        n++;
        if (a.nUsed > (1u << 20)) {
            arena_free(&a);
            arena_init(&a);
        }
    }
    db_done(&st);
    arena_free(&a);
    if (r < 0) rc = db_err(db, err);
    *pnChecked = n;
    return rc;
}
