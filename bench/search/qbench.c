// SPDX-License-Identifier: MIT
/*
** qbench.c: search latency on a corpus made by gencorpus (bench/search/README.md).
**
**   qbench --db FILE --queries FILE [--mode app|steps|plain] [--passes N] [--label NAME]
**          [--tsv FILE]
**
** Opens FILE read-only (db_open with DB_READONLY, as the public pages do) and runs every
** query of the list (one a line: the search box text, then optionally a TAB and filters
** written key=value&key=value with the keys of /search: unit area genre year validity
** sort page per_page; blank lines and lines starting with # are skipped) once to warm up
** and then N more times (default 3), timing each run with CLOCK_MONOTONIC:
**
**   app    query_parse + search_filter_parse + search_run with 10 a page: what /search
**          does (count, rank window, one page, highlights and snippets for that page);
**   steps  app, with the time of each step of search_run (search_steps: count with the
**          rank window, page ids, item rows, snippets), to see which one costs the time;
**   qbench --db FILE --sql SQL [--p1 TEXT] [--p2 INT] [--p3 INT] [--passes N]
**
**          a diagnostic: prints the query plan of SQL and times N runs of it with ?1 bound
**          to the text --p1 and ?2, ?3 to the integers --p2, --p3 (statements that the app
**          does not run, e.g. to try a faster shape for one step).
**
**   plain  what a plain FTS5 site would do with the same MATCH expression: count(*), the
**          top 10 by bm25(item_fts,10,1,5) over all matches (or newest 10 with
**          sort=date), then the same highlight/snippet query per hit.  Filters join
**          item/unit/col as search.c does; without filters count and rank read only the
**          FTS table.
**
** Prints, per query class and overall, the number of queries, errors, queries with no
** hit, the median and largest match count, and p50/p95/p99/max over all timed runs
** (queries x passes), the warm-up pass separately, the 10 slowest queries, and the
** process's memory (VmHWM, VmRSS, RssAnon, RssFile from /proc/self/status).  --tsv writes
** one line per query with every time.  Classes: filtered queries by their filter
** ("sort=date" when sorted by date, else "filtered"); otherwise 文号 ("docno"),
** exclusions, quoted phrases, several words ("2-word"), terms with ASCII letters or
** digits ("ascii"), and CJK terms by length ("1ch".."6ch", "7+ch").
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../../src/core/arena.h"
#include "../../src/core/err.h"
#include "../../src/core/log.h"
#include "../../src/core/str.h"
#include "../../src/search/search.h"
#include "../../src/store/db.h"
#include "../../src/text/docno.h"
#include "../../src/text/query.h"
#include "../../src/text/tokenize.h"

#define MAX_KV 12
#define MAX_PASSES 20
#define NSTEP 4

enum { MODE_APP, MODE_STEPS, MODE_PLAIN };

static const char *const azClass[] = {"1ch",    "2ch",    "3ch",     "4ch",      "5ch",
                                      "6ch",    "7+ch",   "ascii",   "docno",    "2-word",
                                      "phrase", "exclude", "filtered", "sort=date"};
#define NCLASS ((int)(sizeof azClass / sizeof azClass[0]))
static const char *const azStep[NSTEP] = {"count", "page", "rows", "snippets"};

typedef struct Query {
    const char *zText;    /* search box text */
    const char *zFilters; /* "unit=jtj&year=2021" or "" */
    int nKv;
    const char *azKey[MAX_KV], *azVal[MAX_KV];
    int iClass;
    int64_t nTotal;          /* matches (from the last run) */
    int nHit;                /* hits on the page */
    int nMarked;             /* hits whose title, snippet or 文号 has a <mark> */
    int bErr;                /* a run failed */
    double aMs[MAX_PASSES + 1];              /* [0] warm-up, [1..] timed: wall clock */
    double aCpu[MAX_PASSES + 1];             /* the same runs: this process's CPU time */
    double aStepMs[MAX_PASSES + 1][NSTEP];   /* steps mode */
} Query;

static double now_ms(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static double cpu_ms(void) {
    struct timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static void print_load(const char *zWhen) {
    FILE *f = fopen("/proc/loadavg", "r");
    char z[128] = "";
    if (f) {
        if (!fgets(z, sizeof z, f)) z[0] = 0;
        fclose(f);
    }
    z[strcspn(z, "\n")] = 0;
    printf("load average %s: %s\n", zWhen, z);
}

/* The filter getter handed to search_filter_parse; per_page defaults to 10. */
static const char *kv_get(void *pCtx, const char *zName) {
    const Query *q = pCtx;
    for (int i = 0; i < q->nKv; i++) {
        if (strcmp(q->azKey[i], zName) == 0) return q->azVal[i];
    }
    if (strcmp(zName, "per_page") == 0) return "10";
    return NULL;
}

static int classify(Arena *a, Query *q) {
    const char *zSort = kv_get(q, "sort");
    if (zSort && strcmp(zSort, "date") == 0) return 13;
    if (q->nKv > 0) return 12;
    const char *z = q->zText;
    Docno d;
    if (docno_parse(a, z, &d, NULL) == ZW_OK) return 8;
    if (z[0] == '-' || strstr(z, " -") || strstr(z, "－")) return 11;
    if (strchr(z, '"') || strstr(z, "“") || strstr(z, "「")) return 10;
    if (strchr(z, ' ')) return 9;
    size_t n = strlen(z);
    int nCjk = 0, bOther = 0;
    for (size_t i = 0; i < n;) {
        int len;
        unsigned c = utf8_decode(z + i, n - i, &len);
        if (tok_is_cjk(c)) nCjk++;
        else bOther = 1;
        i += (size_t)len;
    }
    if (bOther) return 7;
    return nCjk >= 7 ? 6 : nCjk - 1;
}

/* Read the query list; returns the count. */
static int read_queries(Arena *a, const char *zPath, Query **paQ) {
    FILE *f = fopen(zPath, "r");
    if (!f) {
        fprintf(stderr, "qbench: cannot read %s\n", zPath);
        exit(2);
    }
    int n = 0, nCap = 256;
    Query *aQ = xmalloc(sizeof(Query) * (size_t)nCap);
    char zLine[4096];
    while (fgets(zLine, sizeof zLine, f)) {
        size_t k = strlen(zLine);
        while (k && (zLine[k - 1] == '\n' || zLine[k - 1] == '\r')) zLine[--k] = 0;
        if (k == 0 || zLine[0] == '#') continue;
        if (n == nCap) {
            nCap *= 2;
            aQ = xrealloc(aQ, sizeof(Query) * (size_t)nCap);
        }
        Query *q = &aQ[n++];
        memset(q, 0, sizeof *q);
        char *zTab = strchr(zLine, '\t');
        if (zTab) *zTab = 0;
        q->zText = arena_strdup(a, zLine);
        q->zFilters = arena_strdup(a, zTab ? zTab + 1 : "");
        char *zKv = arena_strdup(a, q->zFilters);
        for (char *p = zKv; p && *p && q->nKv < MAX_KV;) {
            char *e = strchr(p, '&');
            if (e) *e = 0;
            char *eq = strchr(p, '=');
            if (eq) {
                *eq = 0;
                q->azKey[q->nKv] = p;
                q->azVal[q->nKv] = eq + 1;
                q->nKv++;
            }
            p = e ? e + 1 : NULL;
        }
        if (!utf8_valid(q->zText, strlen(q->zText))) {
            fprintf(stderr, "qbench: line %d is not UTF-8\n", n);
            exit(2);
        }
        q->iClass = classify(a, q);
    }
    fclose(f);
    *paQ = aQ;
    return n;
}

/* ---- a plain FTS5 site: filters checked by joining each match ------------------------- */

/* Joins and filters of the plain mode (search.c before schema/0013 filtered so too). */
static void add_where(Str *s, const SearchFilter *f) {
    str_puts(s, " FROM item_fts f CROSS JOIN item i INDEXED BY item_search ON i.id=f.rowid"
                " JOIN unit n ON n.id=i.unit_id JOIN col c ON c.id=i.col_id");
    str_puts(s, " WHERE item_fts MATCH ?1 AND i.live_version>0 AND i.state<>'withdrawn'");
    if (f->zUnit) str_puts(s, " AND n.code=?10");
    if (f->zArea) {
        str_puts(s, " AND (c.slug=?11 OR c.parent_id IN (SELECT id FROM col WHERE slug=?11)"
                    " OR c.parent_id IN (SELECT id FROM col WHERE parent_id IN"
                    " (SELECT id FROM col WHERE slug=?11)))");
    }
    if (f->zGenre) str_puts(s, " AND i.genre=?12");
    if (f->iYear) str_puts(s, " AND substr(i.published_at,1,4)=?13");
    if (f->zValidity) str_puts(s, " AND i.validity=?14");
}

static int has_filter(const SearchFilter *f) {
    return f->zUnit || f->zArea || f->zGenre || f->iYear || f->zValidity;
}

static void bind_filters(Stmt *st, Arena *a, const SearchQuery *q, const SearchFilter *f) {
    db_bind_text(st, 1, q->zMatch);
    if (f->zUnit) db_bind_text(st, 10, f->zUnit);
    if (f->zArea) db_bind_text(st, 11, f->zArea);
    if (f->zGenre) db_bind_text(st, 12, f->zGenre);
    if (f->iYear) db_bind_text(st, 13, arena_printf(a, "%04d", f->iYear));
    if (f->zValidity) db_bind_text(st, 14, f->zValidity);
}

/* Run one prepared statement to the end; returns rows, or -1 on error. */
static int64_t drain(Stmt *st, int64_t *pFirst) {
    int64_t n = 0;
    int r;
    while ((r = db_step(st)) == 1) {
        if (n == 0 && pFirst) *pFirst = db_col_int(st, 0);
        n++;
    }
    return r < 0 ? -1 : n;
}

/* Highlights for the hits, as step 4 of search_run; returns hits with a <mark>. */
static int snippets(Db *db, Arena *a, const SearchQuery *q, const int64_t *aId, int n) {
    int nMarked = 0;
    for (int i = 0; i < n; i++) {
        Stmt st;
        db_prepare(db, &st,
                   "SELECT highlight(item_fts, 0, char(1), char(2)),"
                   " snippet(item_fts, 1, char(1), char(2), '…', 48), f.title,"
                   " highlight(item_fts, 2, char(1), char(2))"
                   " FROM item_fts f WHERE item_fts MATCH ?1 AND rowid = ?2");
        db_bind_text(&st, 1, q->zMatch);
        db_bind_int(&st, 2, aId[i]);
        if (db_step(&st) == 1) {
            Html t = search_mark_html(a, db_col_text(&st, 0));
            Html s = search_mark_html(a, db_col_text(&st, 1));
            Html d = search_mark_html(a, db_col_text(&st, 3));
            nMarked += strstr(t.z, "<mark>") || strstr(s.z, "<mark>") || strstr(d.z, "<mark>");
        }
        db_done(&st);
    }
    return nMarked;
}

/* A plain FTS5 search: count, top 10 by bm25 over every match, snippets. */
static int run_plain(Db *db, Arena *a, const SearchQuery *q, const SearchFilter *f, Query *pQ,
                     double *aMs) {
    Str sql;
    Stmt st;
    int bJoin = has_filter(f) || f->bByDate;
    double t = now_ms();
    str_init(&sql, a);
    if (bJoin) {
        str_puts(&sql, "SELECT count(*)");
        add_where(&sql, f);
    } else {
        str_puts(&sql, "SELECT count(*) FROM item_fts WHERE item_fts MATCH ?1");
    }
    if (db_prepare_dynamic(db, &st, str_cstr(&sql))) return ZW_EDB;
    bind_filters(&st, a, q, f);
    int64_t nTotal = 0;
    int64_t r = drain(&st, &nTotal);
    db_done(&st);
    if (r < 0) return ZW_EINPUT;
    aMs[0] = now_ms() - t;
    pQ->nTotal = nTotal;
    pQ->nHit = 0;
    if (nTotal == 0) return ZW_OK;
    aMs[2] = 0;

    t = now_ms();
    str_reset(&sql);
    if (bJoin) {
        str_puts(&sql, "SELECT f.rowid");
        add_where(&sql, f);
        str_puts(&sql, f->bByDate ? " ORDER BY i.published_at DESC, i.id DESC LIMIT 10"
                                  : " ORDER BY bm25(item_fts, 10.0, 1.0, 5.0) LIMIT 10");
    } else {
        str_puts(&sql, "SELECT rowid FROM item_fts WHERE item_fts MATCH ?1"
                       " ORDER BY bm25(item_fts, 10.0, 1.0, 5.0) LIMIT 10");
    }
    if (db_prepare_dynamic(db, &st, str_cstr(&sql))) return ZW_EDB;
    bind_filters(&st, a, q, f);
    int64_t aId[10];
    int n = 0, rs;
    while ((rs = db_step(&st)) == 1 && n < 10) aId[n++] = db_col_int(&st, 0);
    db_done(&st);
    if (rs < 0) return ZW_EDB;
    aMs[1] = now_ms() - t;

    t = now_ms();
    pQ->nMarked = snippets(db, a, q, aId, n);
    aMs[3] = now_ms() - t;
    pQ->nHit = n;
    return ZW_OK;
}

/* One run of one query; fills pQ's results and returns the elapsed ms (CPU ms in *pCpu). */
static double run_one(Db *db, Query *pQ, int eMode, double *aStep, double *pCpu) {
    Arena a;
    arena_init(&a);
    Err err = {0};
    SearchQuery q;
    SearchFilter f;
    double t0 = now_ms(), c0 = cpu_ms();
    int rc = query_parse(&a, pQ->zText, &q, &err);
    if (!rc) rc = search_filter_parse(db, &a, kv_get, pQ, &f, &err);
    if (!rc && q.zMatch) {
        if (eMode == MODE_APP || eMode == MODE_STEPS) {
            SearchSteps steps;
            memset(&steps, 0, sizeof steps);
            if (eMode == MODE_STEPS) search_steps(&steps);
            SearchHit *aHit = NULL;
            int nHit = 0;
            int64_t nTotal = 0;
            rc = search_run(db, &a, &q, &f, &aHit, &nHit, &nTotal, &err);
            pQ->nTotal = nTotal;
            pQ->nHit = nHit;
            pQ->nMarked = 0;
            for (int i = 0; i < nHit; i++) {
                pQ->nMarked += strstr(aHit[i].title.z, "<mark>") ||
                               strstr(aHit[i].snippet.z, "<mark>") ||
                               strstr(aHit[i].docno.z, "<mark>");
            }
            search_steps(NULL);
            if (eMode == MODE_STEPS) memcpy(aStep, steps.aMs, sizeof steps.aMs);
        } else {
            rc = run_plain(db, &a, &q, &f, pQ, aStep);
        }
    } else if (!rc) {
        pQ->nTotal = 0;
        pQ->nHit = 0;
    }
    double t = now_ms() - t0;
    *pCpu = cpu_ms() - c0;
    if (rc) {
        if (!pQ->bErr) {
            fprintf(stderr, "qbench: query [%s] [%s]: %s (%s)\n", pQ->zText, pQ->zFilters,
                    err.zMsg ? err.zMsg : "error", err.zLog ? err.zLog : "");
        }
        pQ->bErr = 1;
    }
    arena_free(&a);
    return t;
}

/* ---- statistics --------------------------------------------------------------------- */

static int cmp_double(const void *x, const void *y) {
    double a = *(const double *)x, b = *(const double *)y;
    return a < b ? -1 : a > b;
}

static int cmp_i64(const void *x, const void *y) {
    int64_t a = *(const int64_t *)x, b = *(const int64_t *)y;
    return a < b ? -1 : a > b;
}

/* Nearest-rank percentile of sorted a[0..n). */
static double pct(const double *a, int n, double p) {
    if (n == 0) return 0;
    int k = (int)(p * n + 0.999999) - 1;
    if (k < 0) k = 0;
    if (k >= n) k = n - 1;
    return a[k];
}

typedef struct Acc {
    double *a;
    int n, nCap;
} Acc;

static void acc_add(Acc *c, double v) {
    if (c->n == c->nCap) {
        c->nCap = c->nCap ? c->nCap * 2 : 64;
        c->a = xrealloc(c->a, sizeof(double) * (size_t)c->nCap);
    }
    c->a[c->n++] = v;
}

static void acc_sort(Acc *c) {
    if (c->n) qsort(c->a, (size_t)c->n, sizeof(double), cmp_double);
}

static void print_mem(void) {
    FILE *f = fopen("/proc/self/status", "r");
    if (!f) return;
    char zLine[256];
    printf("memory:");
    while (fgets(zLine, sizeof zLine, f)) {
        static const char *const azKey[] = {"VmHWM:", "VmRSS:", "RssAnon:", "RssFile:", NULL};
        for (int i = 0; azKey[i]; i++) {
            if (strncmp(zLine, azKey[i], strlen(azKey[i])) == 0) {
                long kb = strtol(zLine + strlen(azKey[i]), NULL, 10);
                printf(" %.*s=%.1fMiB", (int)strlen(azKey[i]) - 1, azKey[i], (double)kb / 1024.0);
            }
        }
    }
    printf("\n");
    fclose(f);
}

static double median_of(const double *a, int n) {
    double b[MAX_PASSES];
    memcpy(b, a, sizeof(double) * (size_t)n);
    qsort(b, (size_t)n, sizeof(double), cmp_double);
    return n ? b[n / 2] : 0;
}

static int cmp_slow(const void *x, const void *y, void *pCtx) {
    int nPass = *(int *)pCtx;
    const Query *a = *(Query *const *)x, *b = *(Query *const *)y;
    double ma = median_of(a->aMs + 1, nPass), mb = median_of(b->aMs + 1, nPass);
    return ma > mb ? -1 : ma < mb;
}

/* The --sql diagnostic: plan and timings of one statement. */
static int run_sql(Db *db, const char *zSql, const char *zP1, const char *zP2, const char *zP3,
                   int nPass) {
    Arena a;
    arena_init(&a);
    Stmt st;
    Str s;
    str_init(&s, &a);
    str_puts(&s, "EXPLAIN QUERY PLAN ");
    str_puts(&s, zSql);
    int64_t i2 = 0, i3 = 0;
    if (zP2 && str_to_i64(zP2, &i2)) return 2;
    if (zP3 && str_to_i64(zP3, &i3)) return 2;
    if (db_prepare_dynamic(db, &st, str_cstr(&s))) {
        fprintf(stderr, "qbench: %s\n", db_errmsg(db));
        return 1;
    }
    printf("plan:\n");
    while (db_step(&st) == 1) printf("  %s\n", db_col_text(&st, 3));
    db_done(&st);
    for (int p = 0; p <= nPass; p++) {
        double t = now_ms(), c = cpu_ms();
        if (db_prepare_dynamic(db, &st, zSql)) return 1;
        if (zP1) db_bind_text(&st, 1, zP1);
        if (zP2) db_bind_int(&st, 2, i2);
        if (zP3) db_bind_int(&st, 3, i3);
        int64_t n = 0;
        int r;
        const char *zFirst = NULL;
        while ((r = db_step(&st)) == 1) {
            if (n++ == 0) zFirst = arena_strdup(&a, db_col_text(&st, 0));
        }
        db_done(&st);
        printf("%s: %.2f ms (cpu %.2f ms), %lld rows%s, first: %.60s\n", p ? "run" : "warm-up",
               now_ms() - t, cpu_ms() - c, (long long)n, r < 0 ? ", ERROR" : "",
               zFirst ? zFirst : "");
    }
    arena_free(&a);
    return 0;
}

int main(int argc, char **argv) {
    const char *zDb = NULL, *zQueries = NULL, *zLabel = NULL, *zTsv = NULL;
    const char *zSql = NULL, *zP1 = NULL, *zP2 = NULL, *zP3 = NULL, *zPragma = NULL;
    int eMode = MODE_APP, nPass = 3;
    for (int i = 1; i < argc; i++) {
        const char *z = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
        if (strcmp(z, "--db") == 0 && v) zDb = argv[++i];
        else if (strcmp(z, "--pragma") == 0 && v) zPragma = argv[++i];
        else if (strcmp(z, "--window") == 0 && v) search_tune(0, atoi(argv[++i]));
        else if (strcmp(z, "--queries") == 0 && v) zQueries = argv[++i];
        else if (strcmp(z, "--label") == 0 && v) zLabel = argv[++i];
        else if (strcmp(z, "--tsv") == 0 && v) zTsv = argv[++i];
        else if (strcmp(z, "--sql") == 0 && v) zSql = argv[++i];
        else if (strcmp(z, "--p1") == 0 && v) zP1 = argv[++i];
        else if (strcmp(z, "--p2") == 0 && v) zP2 = argv[++i];
        else if (strcmp(z, "--p3") == 0 && v) zP3 = argv[++i];
        else if (strcmp(z, "--passes") == 0 && v) {
            int64_t n;
            if (str_to_i64(v, &n) || n < 1 || n > MAX_PASSES) {
                fprintf(stderr, "qbench: --passes must be 1..%d\n", MAX_PASSES);
                return 2;
            }
            nPass = (int)n;
            i++;
        } else if (strcmp(z, "--mode") == 0 && v) {
            if (strcmp(v, "app") == 0) eMode = MODE_APP;
            else if (strcmp(v, "steps") == 0) eMode = MODE_STEPS;
            else if (strcmp(v, "plain") == 0) eMode = MODE_PLAIN;
            else {
                fprintf(stderr, "qbench: --mode is app, steps or plain\n");
                return 2;
            }
            i++;
        } else {
            fprintf(stderr, "usage: qbench --db FILE --queries FILE [--mode app|steps|plain]"
                            " [--passes N] [--label NAME] [--tsv FILE]\n");
            return 2;
        }
    }
    if (zDb && zSql) {
        Db *db;
        Err err = {0};
        if (db_open(&db, zDb, DB_READONLY, &err)) {
            fprintf(stderr, "qbench: %s\n", err.zMsg);
            return 1;
        }
        int rc = run_sql(db, zSql, zP1, zP2, zP3, nPass);
        db_close(db);
        return rc;
    }
    if (!zDb || !zQueries) {
        fprintf(stderr, "qbench: --db and --queries are required\n");
        return 2;
    }
    g_log_level = LOG_ERROR;
    static const char *const azMode[] = {"app", "steps", "plain"};
    Arena a;
    arena_init(&a);
    Query *aQ;
    int nQ = read_queries(&a, zQueries, &aQ);
    Db *db;
    Err err = {0};
    if (db_open(&db, zDb, DB_READONLY, &err)) {
        fprintf(stderr, "qbench: %s\n", err.zMsg);
        return 1;
    }
    if (zPragma && db_exec_script(db, zPragma, &err)) {
        fprintf(stderr, "qbench: --pragma: %s\n", db_errmsg(db));
        return 1;
    }
    printf("== qbench %s mode=%s db=%s queries=%d passes=%d (+1 warm-up) per_page=10\n",
           zLabel ? zLabel : "", azMode[eMode], zDb, nQ, nPass);
    print_load("before");
    fflush(stdout);
    double tStart = now_ms();
    for (int p = 0; p <= nPass; p++) {
        for (int i = 0; i < nQ; i++) {
            aQ[i].aMs[p] = run_one(db, &aQ[i], eMode, aQ[i].aStepMs[p], &aQ[i].aCpu[p]);
        }
        fprintf(stderr, "qbench: pass %d of %d done (%.0f s)\n", p, nPass,
                (now_ms() - tStart) / 1e3);
    }

    /* Per class. */
    Acc aAcc[NCLASS + 1], aWarm[NCLASS + 1], aCpuAcc[NCLASS + 1], aStepAcc[NCLASS + 1][NSTEP];
    memset(aAcc, 0, sizeof aAcc);
    memset(aCpuAcc, 0, sizeof aCpuAcc);
    memset(aWarm, 0, sizeof aWarm);
    memset(aStepAcc, 0, sizeof aStepAcc);
    int anQ[NCLASS + 1] = {0}, anErr[NCLASS + 1] = {0}, anZero[NCLASS + 1] = {0};
    int anNoMark[NCLASS + 1] = {0};
    int64_t *aTotals[NCLASS + 1];
    for (int c = 0; c <= NCLASS; c++) aTotals[c] = xmalloc(sizeof(int64_t) * (size_t)(nQ + 1));
    for (int i = 0; i < nQ; i++) {
        Query *q = &aQ[i];
        int ac[2] = {q->iClass, NCLASS};
        for (int k = 0; k < 2; k++) {
            int c = ac[k];
            aTotals[c][anQ[c]] = q->nTotal;
            anQ[c]++;
            anErr[c] += q->bErr;
            anZero[c] += !q->bErr && q->nTotal == 0;
            anNoMark[c] += q->nHit > 0 && q->nMarked < q->nHit;
            acc_add(&aWarm[c], q->aMs[0]);
            for (int p = 1; p <= nPass; p++) {
                acc_add(&aAcc[c], q->aMs[p]);
                acc_add(&aCpuAcc[c], q->aCpu[p]);
                if (eMode != MODE_APP) {
                    for (int s = 0; s < NSTEP; s++) acc_add(&aStepAcc[c][s], q->aStepMs[p][s]);
                }
            }
        }
    }
    printf("\nlatency in ms over queries x %d passes (nearest-rank percentiles); matches = total"
           " hits of the query\n", nPass);
    printf("%-10s %4s %4s %5s %9s %9s %8s %8s %8s %8s %9s %9s %8s %8s\n", "class", "n", "err",
           "zero", "match_med", "match_max", "p50", "p95", "p99", "max", "warm_p50", "warm_max",
           "cpu_p50", "cpu_p95");
    for (int c = 0; c <= NCLASS; c++) {
        if (!anQ[c]) continue;
        acc_sort(&aAcc[c]);
        acc_sort(&aWarm[c]);
        acc_sort(&aCpuAcc[c]);
        qsort(aTotals[c], (size_t)anQ[c], sizeof(int64_t), cmp_i64);
        printf("%-10s %4d %4d %5d %9lld %9lld %8.2f %8.2f %8.2f %8.2f %9.2f %9.2f %8.2f %8.2f\n",
               c == NCLASS ? "ALL" : azClass[c], anQ[c], anErr[c], anZero[c],
               (long long)aTotals[c][anQ[c] / 2], (long long)aTotals[c][anQ[c] - 1],
               pct(aAcc[c].a, aAcc[c].n, 0.50), pct(aAcc[c].a, aAcc[c].n, 0.95),
               pct(aAcc[c].a, aAcc[c].n, 0.99), aAcc[c].a[aAcc[c].n - 1],
               pct(aWarm[c].a, aWarm[c].n, 0.50), aWarm[c].a[aWarm[c].n - 1],
               pct(aCpuAcc[c].a, aCpuAcc[c].n, 0.50), pct(aCpuAcc[c].a, aCpuAcc[c].n, 0.95));
    }
    if (eMode != MODE_APP) {
        printf("\nper step, p50 / p95 ms (%s)\n",
               eMode == MODE_STEPS ? "search_run's steps: count with rank window, page ids, item rows, snippets"
                                   : "plain: count, top 10 by bm25 (or date), -, snippets");
        printf("%-10s", "class");
        for (int s = 0; s < NSTEP; s++) printf(" %17s", azStep[s]);
        printf("\n");
        for (int c = 0; c <= NCLASS; c++) {
            if (!anQ[c]) continue;
            printf("%-10s", c == NCLASS ? "ALL" : azClass[c]);
            for (int s = 0; s < NSTEP; s++) {
                acc_sort(&aStepAcc[c][s]);
                printf("  %7.2f / %7.2f", pct(aStepAcc[c][s].a, aStepAcc[c][s].n, 0.5),
                       pct(aStepAcc[c][s].a, aStepAcc[c][s].n, 0.95));
            }
            printf("\n");
        }
    }
    int nNoMark = anNoMark[NCLASS];
    if (nNoMark) printf("\nnote: %d queries had hits without any <mark> on some hit\n", nNoMark);

    /* The slowest queries by their median over the timed passes. */
    Query **apQ = xmalloc(sizeof(Query *) * (size_t)nQ);
    for (int i = 0; i < nQ; i++) apQ[i] = &aQ[i];
    qsort_r(apQ, (size_t)nQ, sizeof(Query *), cmp_slow, &nPass);
    printf("\nslowest 10 (median of the timed passes, ms)%s\n",
           eMode == MODE_APP ? "" : "  [count page rows snippets]");
    for (int i = 0; i < nQ && i < 10; i++) {
        Query *q = apQ[i];
        printf("%9.2f  %9lld  %-9s  %s%s%s", median_of(q->aMs + 1, nPass), (long long)q->nTotal,
               azClass[q->iClass], q->zText, *q->zFilters ? "  | " : "", q->zFilters);
        if (eMode != MODE_APP) {
            printf("  [%.1f %.1f %.1f %.1f]", q->aStepMs[1][0], q->aStepMs[1][1], q->aStepMs[1][2],
                   q->aStepMs[1][3]);
        }
        printf("\n");
    }
    printf("\n");
    print_load("after");
    print_mem();
    if (zTsv) {
        FILE *f = fopen(zTsv, "w");
        if (!f) {
            fprintf(stderr, "qbench: cannot write %s\n", zTsv);
        } else {
            fprintf(f, "class\tquery\tfilters\tmatches\thits\terr\twarm_ms");
            for (int p = 1; p <= nPass; p++) fprintf(f, "\tpass%d_ms", p);
            if (eMode != MODE_APP) fprintf(f, "\tcount_ms\tpage_ms\trows_ms\tsnippets_ms");
            fprintf(f, "\n");
            for (int i = 0; i < nQ; i++) {
                Query *q = &aQ[i];
                fprintf(f, "%s\t%s\t%s\t%lld\t%d\t%d\t%.3f", azClass[q->iClass], q->zText,
                        q->zFilters, (long long)q->nTotal, q->nHit, q->bErr, q->aMs[0]);
                for (int p = 1; p <= nPass; p++) fprintf(f, "\t%.3f", q->aMs[p]);
                if (eMode != MODE_APP) {
                    for (int s = 0; s < NSTEP; s++) {
                        double aV[MAX_PASSES];
                        for (int p = 1; p <= nPass; p++) aV[p - 1] = q->aStepMs[p][s];
                        fprintf(f, "\t%.3f", median_of(aV, nPass));
                    }
                }
                fprintf(f, "\n");
            }
            fclose(f);
        }
    }
    db_close(db);
    return 0;
}
