// SPDX-License-Identifier: MIT
/*
** db.c: SQLite connections, the statement cache, nested transactions, the
** migration runner and online backup.  Every other module reaches SQLite through
** here.  The statement cache is an open-addressing table keyed by the address of
** the SQL literal, so lookups cost one pointer hash.
*/
#include "db.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "../core/embed.h"
#include "../core/log.h"
#include "../core/str.h"

/* fts.c */
int fts_register(sqlite3 *h);

#define STMT_SLOTS 256 /* power of two; more distinct statements than this is a bug */

typedef struct StmtSlot {
    const char *zSql;
    sqlite3_stmt *p;
    int bBusy; /* borrowed and not yet returned */
} StmtSlot;

struct Db {
    sqlite3 *h;
    char *zPath;
    int nTxn;           /* nesting depth of db_begin */
    int bRollback;      /* an inner level rolled back */
    const char *zTxnAt; /* file:line of the outermost begin, for diagnostics */
    char zTxnBuf[128];
    StmtSlot aSlot[STMT_SLOTS];
};

int db_open(Db **ppDb, const char *zPath, int flags, Err *err) {
    *ppDb = NULL;
    int f = (flags & DB_READONLY) ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE;
    if (flags & DB_CREATE) f |= SQLITE_OPEN_CREATE;
    f |= SQLITE_OPEN_NOMUTEX;
    sqlite3 *h = NULL;
    int rc = sqlite3_open_v2(zPath, &h, f, NULL);
    if (rc != SQLITE_OK) {
        static __thread char zMsg[256];
        snprintf(zMsg, sizeof zMsg, "open %s: %s", zPath, h ? sqlite3_errmsg(h) : "out of memory");
        sqlite3_close(h);
        return err_set(err, ZW_EDB, "db_open", "无法打开数据库", zMsg);
    }
    sqlite3_busy_timeout(h, 5000);
    sqlite3_extended_result_codes(h, 1);
    if (fts_register(h) != SQLITE_OK) {
        sqlite3_close(h);
        return err_set(err, ZW_EDB, "db_open", "数据库缺少全文检索（FTS5）支持", "fts5 register failed");
    }
    Db *db = xmalloc(sizeof *db);
    memset(db, 0, sizeof *db);
    db->h = h;
    db->zPath = xstrdup(zPath);
    *ppDb = db;
    /* A page cache of up to 32 MiB per connection, no memory map: a county's whole
    ** database stays in the cache, and for a million items the pages every search
    ** reads (b-tree interiors, doclist indexes) do, which saves a pread each (search
    ** p50 10.0 -> 8.8 ms, bench/search/README.md), while the server's memory stays
    ** bounded: at most 32 MiB for each of its connections (one per worker thread and
    ** the push worker).  Mapped pages would count in the RSS as they are touched. */
    const char *zSetup = (flags & DB_READONLY)
                             ? "PRAGMA foreign_keys=ON; PRAGMA cache_size=-32768;"
                             : "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"
                               "PRAGMA foreign_keys=ON; PRAGMA cache_size=-32768;";
    char *zErr = NULL;
    if (sqlite3_exec(h, zSetup, NULL, NULL, &zErr) != SQLITE_OK) {
        log_error("db_setup path=%s err=%s", zPath, zErr ? zErr : "?");
        sqlite3_free(zErr);
        db_close(db);
        *ppDb = NULL;
        return err_set(err, ZW_EDB, "db_open", "无法打开数据库", "pragma setup failed");
    }
    return ZW_OK;
}

void db_close(Db *db) {
    if (!db) return;
    for (int i = 0; i < STMT_SLOTS; i++) {
        if (db->aSlot[i].p) sqlite3_finalize(db->aSlot[i].p);
    }
    sqlite3_close(db->h);
    free(db->zPath);
    free(db);
}

const char *db_path(Db *db) {
    return db->zPath;
}

int db_prepare_at(Db *db, Stmt *pSt, const char *zSql, const char *zFile, int iLine) {
    uintptr_t k = (uintptr_t)zSql;
    unsigned h = (unsigned)((k >> 3) ^ (k >> 11)) & (STMT_SLOTS - 1);
    StmtSlot *s = NULL;
    int iSlot = -1;
    for (int i = 0; i < STMT_SLOTS; i++) {
        iSlot = (int)((h + (unsigned)i) & (STMT_SLOTS - 1));
        StmtSlot *t = &db->aSlot[iSlot];
        if (t->zSql == zSql || t->zSql == NULL) {
            s = t;
            break;
        }
    }
    if (!s) die("statement cache full at %s:%d", zFile, iLine);
    if (s->bBusy) {
        /* Same statement borrowed twice (recursion): use a private copy. */
        pSt->db = db;
        pSt->p = NULL;
        pSt->iSlot = -1;
        if (sqlite3_prepare_v2(db->h, zSql, -1, &pSt->p, NULL) != SQLITE_OK) {
            log_error("prepare at=%s:%d err=%s", zFile, iLine, sqlite3_errmsg(db->h));
            return ZW_EDB;
        }
        return ZW_OK;
    }
    if (!s->p) {
        if (sqlite3_prepare_v3(db->h, zSql, -1, SQLITE_PREPARE_PERSISTENT, &s->p, NULL) !=
            SQLITE_OK) {
            die("prepare at=%s:%d err=%s", zFile, iLine, sqlite3_errmsg(db->h));
        }
        s->zSql = zSql;
    }
    s->bBusy = 1;
    pSt->db = db;
    pSt->p = s->p;
    pSt->iSlot = iSlot;
    return ZW_OK;
}

int db_prepare_dynamic(Db *db, Stmt *pSt, const char *zSql) {
    pSt->db = db;
    pSt->p = NULL;
    pSt->iSlot = -1;
    if (sqlite3_prepare_v2(db->h, zSql, -1, &pSt->p, NULL) != SQLITE_OK) {
        log_error("prepare_dynamic err=%s", sqlite3_errmsg(db->h));
        return ZW_EDB;
    }
    return ZW_OK;
}

void db_done(Stmt *pSt) {
    if (!pSt->p) return;
    if (pSt->iSlot >= 0) {
        sqlite3_reset(pSt->p);
        sqlite3_clear_bindings(pSt->p);
        pSt->db->aSlot[pSt->iSlot].bBusy = 0;
        pSt->p = NULL;
        return;
    }
    sqlite3_finalize(pSt->p);
    pSt->p = NULL;
}

void db_bind_text(Stmt *pSt, int i, const char *z) {
    if (z) {
        sqlite3_bind_text(pSt->p, i, z, -1, SQLITE_TRANSIENT);
    } else {
        sqlite3_bind_null(pSt->p, i);
    }
}

void db_bind_textn(Stmt *pSt, int i, const char *p, size_t n) {
    sqlite3_bind_text64(pSt->p, i, p, n, SQLITE_TRANSIENT, SQLITE_UTF8);
}

void db_bind_int(Stmt *pSt, int i, int64_t v) {
    sqlite3_bind_int64(pSt->p, i, v);
}

void db_bind_null(Stmt *pSt, int i) {
    sqlite3_bind_null(pSt->p, i);
}

void db_bind_blob(Stmt *pSt, int i, const void *p, size_t n) {
    sqlite3_bind_blob64(pSt->p, i, p, n, SQLITE_TRANSIENT);
}

int db_step(Stmt *pSt) {
    int rc = sqlite3_step(pSt->p);
    if (rc == SQLITE_ROW) return 1;
    if (rc == SQLITE_DONE) return 0;
    log_error("step err=%s sql=%.80s", sqlite3_errmsg(pSt->db->h), sqlite3_sql(pSt->p));
    return (rc & 0xff) == SQLITE_BUSY ? -ZW_EBUSY : -ZW_EDB;
}

int db_run(Stmt *pSt) {
    int rc = db_step(pSt);
    return rc < 0 ? -rc : ZW_OK;
}

const char *db_col_text(Stmt *pSt, int i) {
    const unsigned char *z = sqlite3_column_text(pSt->p, i);
    return z ? (const char *)z : "";
}

int db_col_is_null(Stmt *pSt, int i) {
    return sqlite3_column_type(pSt->p, i) == SQLITE_NULL;
}

int64_t db_col_int(Stmt *pSt, int i) {
    return sqlite3_column_int64(pSt->p, i);
}

double db_col_double(Stmt *pSt, int i) {
    return sqlite3_column_double(pSt->p, i);
}

const void *db_col_blob(Stmt *pSt, int i, size_t *pN) {
    const void *p = sqlite3_column_blob(pSt->p, i);
    *pN = (size_t)sqlite3_column_bytes(pSt->p, i);
    return p;
}

char *db_col_dup(Arena *a, Stmt *pSt, int i) {
    if (sqlite3_column_type(pSt->p, i) == SQLITE_NULL) return NULL;
    const unsigned char *z = sqlite3_column_text(pSt->p, i);
    return arena_strndup(a, (const char *)z, (size_t)sqlite3_column_bytes(pSt->p, i));
}

int db_begin_at(Db *db, const char *zFile, int iLine) {
    if (db->nTxn++ > 0) return ZW_OK;
    db->bRollback = 0;
    snprintf(db->zTxnBuf, sizeof db->zTxnBuf, "%s:%d", zFile, iLine);
    db->zTxnAt = db->zTxnBuf;
    int rc = sqlite3_exec(db->h, "BEGIN IMMEDIATE", NULL, NULL, NULL);
    if (rc != SQLITE_OK) {
        db->nTxn = 0;
        log_error("begin at=%s err=%s", db->zTxnAt, sqlite3_errmsg(db->h));
        return (rc & 0xff) == SQLITE_BUSY ? ZW_EBUSY : ZW_EDB;
    }
    return ZW_OK;
}

int db_commit(Db *db) {
    if (db->nTxn <= 0) die("db_commit without db_begin");
    if (--db->nTxn > 0) return ZW_OK;
    if (db->bRollback) {
        sqlite3_exec(db->h, "ROLLBACK", NULL, NULL, NULL);
        return ZW_EDB;
    }
    int rc = sqlite3_exec(db->h, "COMMIT", NULL, NULL, NULL);
    if (rc != SQLITE_OK) {
        log_error("commit at=%s err=%s", db->zTxnAt, sqlite3_errmsg(db->h));
        sqlite3_exec(db->h, "ROLLBACK", NULL, NULL, NULL);
        return (rc & 0xff) == SQLITE_BUSY ? ZW_EBUSY : ZW_EDB;
    }
    return ZW_OK;
}

void db_rollback(Db *db) {
    if (db->nTxn <= 0) die("db_rollback without db_begin");
    if (--db->nTxn > 0) {
        db->bRollback = 1;
        return;
    }
    sqlite3_exec(db->h, "ROLLBACK", NULL, NULL, NULL);
}

int db_exec_script(Db *db, const char *zSql, Err *err) {
    char *zErr = NULL;
    if (sqlite3_exec(db->h, zSql, NULL, NULL, &zErr) != SQLITE_OK) {
        log_error("exec err=%s", zErr ? zErr : "?");
        sqlite3_free(zErr);
        return err_set(err, ZW_EDB, "db_exec", "数据库操作失败", "script failed");
    }
    return ZW_OK;
}

int64_t db_last_rowid(Db *db) {
    return sqlite3_last_insert_rowid(db->h);
}

int64_t db_data_version(Db *db) {
    Stmt st;
    int64_t v = -1;
    db_prepare(db, &st, "PRAGMA data_version");
    if (db_step(&st) == 1) v = db_col_int(&st, 0);
    db_done(&st);
    return v;
}

int db_changes(Db *db) {
    return sqlite3_changes(db->h);
}

const char *db_errmsg(Db *db) {
    return sqlite3_errmsg(db->h);
}

int db_err(Db *db, Err *err) {
    int rc = (sqlite3_errcode(db->h) & 0xff) == SQLITE_BUSY ? ZW_EBUSY : ZW_EDB;
    return err_set(err, rc, NULL, rc == ZW_EBUSY ? "系统繁忙，请稍后再试" : "数据库操作失败",
                   "database error (see log)");
}

int db_migrate(Db *db, int *pnApplied, Err *err) {
    int n = 0, rc = ZW_OK;
    rc = db_exec_script(db,
                        "CREATE TABLE IF NOT EXISTS schema_migration("
                        " version INTEGER PRIMARY KEY, name TEXT NOT NULL,"
                        " applied_at TEXT NOT NULL)",
                        err);
    if (rc) return rc;
    for (int i = 0; i < g_nEmbed; i++) {
        const char *zName = g_aEmbed[i].zName;
        if (strncmp(zName, "schema/", 7) != 0) continue;
        const char *zBase = zName + 7;
        int64_t v = 0;
        for (const char *p = zBase; *p >= '0' && *p <= '9'; p++) v = v * 10 + (*p - '0');
        if (v <= 0) continue;
        Stmt st;
        db_prepare(db, &st, "SELECT 1 FROM schema_migration WHERE version=?1");
        db_bind_int(&st, 1, v);
        int bDone = db_step(&st) == 1;
        db_done(&st);
        if (bDone) continue;
        if ((rc = db_begin(db)) != ZW_OK) return err_set(err, rc, NULL, "数据库繁忙", "begin");
        rc = db_exec_script(db, (const char *)g_aEmbed[i].pData, err);
        if (rc == ZW_OK) {
            db_prepare(db, &st,
                       "INSERT INTO schema_migration(version,name,applied_at)"
                       " VALUES(?1,?2,strftime('%Y-%m-%dT%H:%M:%SZ','now'))");
            db_bind_int(&st, 1, v);
            db_bind_text(&st, 2, zBase);
            rc = db_run(&st);
            db_done(&st);
        }
        if (rc != ZW_OK) {
            db_rollback(db);
            log_error("migration failed name=%s", zBase);
            return err_set(err, ZW_EDB, "migrate", "数据库升级失败", zBase);
        }
        if ((rc = db_commit(db)) != ZW_OK) return err_set(err, rc, NULL, "数据库升级失败", zBase);
        log_info("migration applied name=%s", zBase);
        n++;
    }
    if (pnApplied) *pnApplied = n;
    return ZW_OK;
}

int db_backup(Db *db, const char *zOut, Err *err) {
    char zTmp[4096];
    if (snprintf(zTmp, sizeof zTmp, "%s.tmp-%d", zOut, (int)getpid()) >= (int)sizeof zTmp) {
        return err_set(err, ZW_EINPUT, NULL, "文件名过长", "backup path too long");
    }
    unlink(zTmp);
    sqlite3 *hOut = NULL;
    int rc = sqlite3_open(zTmp, &hOut);
    if (rc != SQLITE_OK) {
        sqlite3_close(hOut);
        return err_set(err, ZW_EIO, NULL, "无法创建备份文件", "open backup target failed");
    }
    sqlite3_backup *b = sqlite3_backup_init(hOut, "main", db->h, "main");
    if (!b) {
        sqlite3_close(hOut);
        unlink(zTmp);
        return err_set(err, ZW_EDB, NULL, "备份失败", "backup_init failed");
    }
    /* Copy in steps so a busy server keeps writing; a write by another connection
    ** restarts the copy, which is what makes the result consistent. */
    do {
        rc = sqlite3_backup_step(b, 256);
        if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED) sqlite3_sleep(20);
    } while (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED);
    sqlite3_backup_finish(b);
    int rcClose = sqlite3_close(hOut);
    if (rc != SQLITE_DONE || rcClose != SQLITE_OK) {
        unlink(zTmp);
        return err_set(err, ZW_EDB, NULL, "备份失败", "backup_step failed");
    }
    if (rename(zTmp, zOut) != 0) {
        unlink(zTmp);
        return err_set(err, ZW_EIO, NULL, "无法写入备份文件", "rename failed");
    }
    return ZW_OK;
}
