// SPDX-License-Identifier: MIT
/* fts_test.c: zwgk_rank() (store/fts.c) ranks as FTS5's bm25() does. */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../../../src/core/str.h"
#include "../../../src/store/db.h"
#include "t.h"

/* Rowids matching zMatch, best first by bm25 (bRank 0) or zwgk_rank (1) on t, zwgk_rank
** on f (2) or bm25 on t over the odd rows, those of f with facet u1 (3): "3 1 2". */
static const char *order(Db *db, Arena *a, const char *zMatch, int bRank) {
    Stmt st;
    Str s;
    str_init(&s, a);
    if (bRank == 2) { /* table f: t with a facets column of weight 0 */
        db_prepare(db, &st,
                   "SELECT rowid FROM f WHERE f MATCH ?1 ORDER BY zwgk_rank(f, 10.0, 1.0, 0.0), rowid");
    } else if (bRank == 1) {
        db_prepare(db, &st,
                   "SELECT rowid FROM t WHERE t MATCH ?1 ORDER BY zwgk_rank(t, 10.0, 1.0), rowid");
    } else if (bRank == 3) {
        db_prepare(db, &st,
                   "SELECT rowid FROM t WHERE t MATCH ?1 AND rowid % 2 = 1"
                   " ORDER BY bm25(t, 10.0, 1.0), rowid");
    } else {
        db_prepare(db, &st,
                   "SELECT rowid FROM t WHERE t MATCH ?1 ORDER BY bm25(t, 10.0, 1.0), rowid");
    }
    db_bind_text(&st, 1, zMatch);
    while (db_step(&st) == 1) {
        str_appendf(&s, "%s%lld", s.n ? " " : "", (long long)db_col_int(&st, 0));
    }
    db_done(&st);
    return str_cstr(&s);
}

/* How many distinct values zwgk_rank / bm25 takes over the rows matching zMatch. */
static int64_t n_ratio(Db *db, const char *zMatch) {
    Stmt st;
    db_prepare(db, &st,
               "WITH x AS MATERIALIZED (SELECT round(zwgk_rank(t, 10.0, 1.0)"
               " / bm25(t, 10.0, 1.0), 9) AS r FROM t WHERE t MATCH ?1)"
               " SELECT count(DISTINCT r) FROM x");
    db_bind_text(&st, 1, zMatch);
    int64_t n = db_step(&st) == 1 ? db_col_int(&st, 0) : -1;
    db_done(&st);
    return n;
}

/* Rowids matching zMatch where zwgk_title_hit() is 1: "1 5". */
static const char *title_hits(Db *db, Arena *a, const char *zMatch) {
    Stmt st;
    Str s;
    str_init(&s, a);
    if (strstr(zMatch, "facets")) {
        db_prepare(db, &st, "SELECT rowid FROM f WHERE f MATCH ?1 AND zwgk_title_hit(f, 2) ORDER BY rowid");
    } else {
        db_prepare(db, &st, "SELECT rowid FROM t WHERE t MATCH ?1 AND zwgk_title_hit(t) ORDER BY rowid");
    }
    db_bind_text(&st, 1, zMatch);
    while (db_step(&st) == 1) {
        str_appendf(&s, "%s%lld", s.n ? " " : "", (long long)db_col_int(&st, 0));
    }
    db_done(&st);
    return str_cstr(&s);
}

int main(void) {
    Arena a;
    arena_init(&a);
    char zPath[] = "/tmp/zwgk-fts-XXXXXX";
    int fd = mkstemp(zPath);
    if (fd >= 0) close(fd);
    Db *db;
    Err err = {0};
    CHECK(db_open(&db, zPath, DB_CREATE, &err) == ZW_OK);
    CHECK(db_exec_script(db,
                         "CREATE VIRTUAL TABLE t USING fts5(title, body, tokenize='zwgk',"
                         " prefix='1');"
                         "INSERT INTO t(rowid,title,body) VALUES"
                         "(1,'关于做好教育工作的通知','教育 教育 资助 学生 公开'),"
                         "(2,'政务公开工作要点','教育资助资金公开，学生资助政策公开。'),"
                         "(3,'学生资助政策解读','资助 资助 资助 教育 学校 学校 学校 学校'),"
                         "(4,'年度报告','公开 公开 公开 公开 公开 公开 公开 公开 公开 公开'),"
                         "(5,'教育局','县教育局关于学校食堂的通知'),"
                         "(6,'食堂','学校食堂食品安全检查，教育系统学生营养改善计划');"
                         "CREATE VIRTUAL TABLE f USING fts5(title, body, facets, tokenize='zwgk',"
                         " prefix='1');"
                         "INSERT INTO f(rowid,title,body,facets) SELECT rowid,title,body,"
                         " CASE WHEN rowid%2 THEN 'u1 y2021' ELSE 'u2 y2021' END FROM t;",
                         &err) == ZW_OK);
    subtest("fts-1.1", "one phrase: the order of bm25") {
        const char *az[] = {"\"教育\"", "\"资助\"", "\"公开\"", "\"学生资助\"", "\"学\" *",
                            "\"食堂\""};
        for (size_t i = 0; i < sizeof az / sizeof az[0]; i++) {
            CHECK_STR(order(db, &a, az[i], 1), order(db, &a, az[i], 0));
        }
    }
    subtest("fts-1.2", "several phrases: the order of bm25, IDF included") {
        const char *az[] = {"\"教育\" AND \"资助\"", "\"学校\" AND \"教育\"",
                            "\"教育\" OR \"食堂\"",  "\"资助\" OR \"食堂\" OR \"公开\"",
                            "(\"资助\" OR \"公开\")", "\"教育\" NOT \"食堂\"",
                            "\"学\" * AND \"公开\""};
        for (size_t i = 0; i < sizeof az / sizeof az[0]; i++) {
            CHECK_STR(order(db, &a, az[i], 1), order(db, &a, az[i], 0));
        }
    }
    subtest("fts-1.3", "one phrase: a constant ratio to bm25") {
        CHECK(n_ratio(db, "\"教育\"") == 1);
        CHECK(n_ratio(db, "\"学\" *") == 1);
    }
    subtest("fts-1.4", "zwgk_title_hit: every phrase found is in column 0") {
        CHECK_STR(title_hits(db, &a, "\"教育\""), "1 5");
        CHECK_STR(title_hits(db, &a, "\"食堂\" AND \"学校\""), "");
        CHECK_STR(title_hits(db, &a, "\"教育\" AND \"通知\""), "1");
        CHECK_STR(title_hits(db, &a, "\"学校\""), "");
        CHECK_STR(title_hits(db, &a, "\"学\" *"), "3");
        /* the facets column (2) is not counted */
        CHECK_STR(title_hits(db, &a, "\"教育\" AND facets : \"u1\""), "1 5");
        CHECK_STR(title_hits(db, &a, "\"教育\" AND \"通知\" AND facets : \"y2021\""), "1");
    }
    subtest("fts-1.5", "a weight-0 column is a filter: the order of bm25 over the rows it passes") {
        const char *az[] = {"\"教育\"", "\"资助\"", "\"公开\"", "\"学\" *", "\"教育\" AND \"资助\"",
                            "\"资助\" OR \"食堂\" OR \"公开\""};
        for (size_t i = 0; i < sizeof az / sizeof az[0]; i++) {
            const char *zF = arena_printf(&a, "(%s) AND facets : \"u1\"", az[i]);
            CHECK_STR(order(db, &a, zF, 2), order(db, &a, az[i], 3));
        }
    }
    db_close(db);
    unlink(zPath);
    arena_free(&a);
    return t_done();
}
