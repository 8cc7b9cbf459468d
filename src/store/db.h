/*
** db.h: the database layer, the only code that calls sqlite3_*.
**
** A Db is one SQLite connection (WAL, foreign keys on, busy timeout) with a cache
** of prepared statements keyed by the SQL literal's address.  SQL text is always a
** string literal: db_prepare() pastes "" before it, so a variable will not compile.
** Values are bound with db_bind_*; nothing is ever formatted into SQL.
**
** Memory: db_open() makes a Db that its owner closes with db_close(); one Db per
**         thread (a worker's connection is never shared).  Text returned by
**         db_col_text() is valid until the next db_step/db_done on that statement;
**         db_col_dup() copies into an Arena.
** Errors: ZW_EDB (or ZW_EBUSY when the database stayed locked), with the SQLite
**         message in err->zLog and a Chinese message for the user.
*/
#ifndef ZW_DB_H
#define ZW_DB_H

#include <stddef.h>
#include <stdint.h>

#include "../core/arena.h"
#include "../core/err.h"

typedef struct Db Db;
typedef struct sqlite3_stmt sqlite3_stmt;

/* A prepared statement borrowed from the Db's cache; give it back with db_done(). */
typedef struct Stmt {
    Db *db;
    sqlite3_stmt *p;
    int iSlot; /* cache slot, or -1 for a private statement finalized by db_done */
} Stmt;

#define DB_READONLY 1 /* open read-only (public read paths) */
#define DB_CREATE 2   /* create the file if missing */

int db_open(Db **ppDb, const char *zPath, int flags, Err *err);
void db_close(Db *db);
/* The file name the Db was opened with. */
const char *db_path(Db *db);

/* Borrow the cached statement for literal SQL (prepared on first use). */
#define db_prepare(db, pSt, sql) db_prepare_at((db), (pSt), "" sql, __FILE__, __LINE__)
int db_prepare_at(Db *db, Stmt *pSt, const char *zSql, const char *zFile, int iLine);
/* Prepare SQL assembled at run time from literal pieces (see sql_lit in callers);
** not cached; finalized by db_done().  Only for variable-shape queries. */
int db_prepare_dynamic(Db *db, Stmt *pSt, const char *zSql);
/* Reset and return the statement to the cache (or finalize a dynamic one). */
void db_done(Stmt *pSt);

void db_bind_text(Stmt *pSt, int i, const char *z);  /* NULL binds NULL */
void db_bind_textn(Stmt *pSt, int i, const char *p, size_t n);
void db_bind_int(Stmt *pSt, int i, int64_t v);
void db_bind_null(Stmt *pSt, int i);
void db_bind_blob(Stmt *pSt, int i, const void *p, size_t n);

/* Step: 1 when a row is ready, 0 when done, negative (ZW_EDB/ZW_EBUSY negated) on error. */
int db_step(Stmt *pSt);
/* Step a statement that returns no rows; ZW_OK or an error code. */
int db_run(Stmt *pSt);

const char *db_col_text(Stmt *pSt, int i); /* "" for NULL */
int db_col_is_null(Stmt *pSt, int i);
int64_t db_col_int(Stmt *pSt, int i);
double db_col_double(Stmt *pSt, int i);
const void *db_col_blob(Stmt *pSt, int i, size_t *pN);
char *db_col_dup(Arena *a, Stmt *pSt, int i);

/* Transactions nest; only the outermost begin/commit reach SQLite (BEGIN IMMEDIATE).
** A rollback at any depth makes the outermost commit roll back too. */
#define db_begin(db) db_begin_at((db), __FILE__, __LINE__)
int db_begin_at(Db *db, const char *zFile, int iLine);
int db_commit(Db *db);
void db_rollback(Db *db);

/* Run several literal statements (migrations and set-up only). */
int db_exec_script(Db *db, const char *zSql, Err *err);

int64_t db_last_rowid(Db *db);
/* PRAGMA data_version: changes whenever another connection (or process) commits. */
int64_t db_data_version(Db *db);
int db_changes(Db *db);
/* The most recent SQLite error message on this connection. */
const char *db_errmsg(Db *db);
/* Fill err from the connection's last error; returns ZW_EDB or ZW_EBUSY. */
int db_err(Db *db, Err *err);

/* Apply every migration (embedded schema/NNNN_*.sql) not yet recorded, in order,
** each in its own transaction.  Re-running is a no-op.  *pnApplied gets the count. */
int db_migrate(Db *db, int *pnApplied, Err *err);

/* Online, consistent copy of the database to zOut (SQLite backup API). */
int db_backup(Db *db, const char *zOut, Err *err);

/* Register a function for SQL: sha256(text) → lower-case hex. Done by db_open. */

#endif
