// SPDX-License-Identifier: MIT
/*
** att.c: attachments (附件).  Files are stored in the database with their SHA-256
** and a MIME type chosen from the extension by a fixed allow-list; they become
** public with the next approved version of their item.
*/
#include <string.h>
#include <strings.h>

#include "../core/str.h"
#include "../core/util.h"
#include "publish.h"

#define ATT_MAX_NAME 120 /* characters */

static const struct {
    const char *zExt, *zMime;
} aType[] = {
    {"pdf", "application/pdf"},
    {"ofd", "application/ofd"},
    {"doc", "application/msword"},
    {"docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"},
    {"xls", "application/vnd.ms-excel"},
    {"xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"},
    {"wps", "application/vnd.ms-works"},
    {"et", "application/vnd.ms-excel"},
    {"txt", "text/plain; charset=utf-8"},
    {"csv", "text/csv; charset=utf-8"},
    {"jpg", "image/jpeg"},
    {"jpeg", "image/jpeg"},
    {"png", "image/png"},
    {"gif", "image/gif"},
    {"mp4", "video/mp4"},
    {"zip", "application/zip"},
};

const char *att_mime(const char *zName) {
    const char *zDot = zName ? strrchr(zName, '.') : NULL;
    if (!zDot) return NULL;
    for (size_t i = 0; i < sizeof aType / sizeof aType[0]; i++) {
        if (strcasecmp(zDot + 1, aType[i].zExt) == 0) return aType[i].zMime;
    }
    return NULL;
}

int att_add(Db *db, Arena *a, const User *u, const char *zIp, int64_t iItem, const char *zName,
            const void *pData, size_t nData, int64_t *piAtt, Err *err) {
    char zSha[65], zNow[21];
    int rc;
    *piAtt = 0;
    size_t nName = zName ? strlen(zName) : 0;
    if (nName == 0 || !utf8_valid(zName, nName) || utf8_len(zName, nName) > ATT_MAX_NAME ||
        strpbrk(zName, "/\\\"\r\n") || zName[0] == '.') {
        return err_set(err, ZW_EINPUT, "bad_name", "附件文件名无效", NULL);
    }
    const char *zMime = att_mime(zName);
    if (!zMime) {
        return err_set(err, ZW_EINPUT, "bad_type",
                       "不支持的附件类型（允许 pdf、ofd、doc、docx、xls、xlsx、wps、et、txt、csv、jpg、png、gif、mp4、zip）", NULL);
    }
    if (nData == 0) return err_set(err, ZW_EINPUT, "empty_file", "附件内容为空", NULL);
    Item *p = item_get(db, a, iItem);
    if (!p) return err_set(err, ZW_ENOTFOUND, "not_found", "信息不存在", NULL);
    if ((rc = auth_check(u, p->iUnit, ROLE_EDITOR, err))) return rc;
    if (strcmp(p->zState, "withdrawn") == 0) {
        return err_set(err, ZW_ECONFLICT, "withdrawn", "已撤回的信息不能添加附件", NULL);
    }
    util_sha256_hex(pData, nData, zSha);
    util_iso_time(util_now(), zNow);
    if ((rc = db_begin(db))) return db_err(db, err);
    Stmt st;
    db_prepare(db, &st,
               "INSERT INTO attachment(item_id,name,mime,size,sha256,data,created_at)"
               " VALUES(?1,?2,?3,?4,?5,?6,?7)");
    db_bind_int(&st, 1, iItem);
    db_bind_text(&st, 2, zName);
    db_bind_text(&st, 3, zMime);
    db_bind_int(&st, 4, (int64_t)nData);
    db_bind_text(&st, 5, zSha);
    db_bind_blob(&st, 6, pData, nData);
    db_bind_text(&st, 7, zNow);
    rc = db_run(&st);
    db_done(&st);
    if (!rc) {
        *piAtt = db_last_rowid(db);
        rc = audit_add(db, u, zIp, "attachment_add", arena_printf(a, "item:%lld", (long long)iItem), zName);
    }
    if (rc) {
        db_rollback(db);
        return db_err(db, err);
    }
    return db_commit(db) ? db_err(db, err) : ZW_OK;
}

/* Columns id,item_id,size,version,name,mime,sha256,created_at of a row into t. */
static void att_from_row(Arena *a, Stmt *st, Attachment *t) {
    memset(t, 0, sizeof *t);
    t->id = db_col_int(st, 0);
    t->iItem = db_col_int(st, 1);
    t->nSize = db_col_int(st, 2);
    t->iVersion = db_col_int(st, 3);
    t->zName = db_col_dup(a, st, 4);
    t->zMime = db_col_dup(a, st, 5);
    t->zSha256 = db_col_dup(a, st, 6);
    t->zCreatedAt = db_col_dup(a, st, 7);
}

int att_list(Db *db, Arena *a, int64_t iItem, int bPublicOnly, Attachment **paAtt, int *pnAtt) {
    Stmt st;
    int n = 0, nCap = 8, rc;
    Attachment *aAtt = arena_alloc(a, sizeof(Attachment) * (size_t)nCap);
    db_prepare(db, &st,
               "SELECT id,item_id,size,coalesce(version,0),name,mime,sha256,created_at"
               " FROM attachment WHERE item_id=?1 AND (?2=0 OR version IS NOT NULL) ORDER BY id");
    db_bind_int(&st, 1, iItem);
    db_bind_int(&st, 2, bPublicOnly);
    while ((rc = db_step(&st)) == 1) {
        if (n == nCap) {
            Attachment *aNew = arena_alloc(a, sizeof(Attachment) * (size_t)nCap * 2);
            memcpy(aNew, aAtt, sizeof(Attachment) * (size_t)n);
            aAtt = aNew;
            nCap *= 2;
        }
        att_from_row(a, &st, &aAtt[n++]);
    }
    db_done(&st);
    *paAtt = aAtt;
    *pnAtt = n;
    return rc < 0 ? -rc : ZW_OK;
}

Attachment *att_get(Db *db, Arena *a, int64_t iAtt) {
    Stmt st;
    Attachment *t = NULL;
    db_prepare(db, &st,
               "SELECT id,item_id,size,coalesce(version,0),name,mime,sha256,created_at,data"
               " FROM attachment WHERE id=?1");
    db_bind_int(&st, 1, iAtt);
    if (db_step(&st) == 1) {
        t = arena_alloc(a, sizeof *t);
        att_from_row(a, &st, t);
        size_t n;
        const void *p = db_col_blob(&st, 8, &n);
        void *pCopy = arena_alloc(a, n ? n : 1);
        if (n) memcpy(pCopy, p, n);
        t->pData = pCopy;
        t->nSize = (int64_t)n;
    }
    db_done(&st);
    return t;
}
