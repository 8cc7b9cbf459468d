// SPDX-License-Identifier: MIT
/*
** fts.c: registers, on each connection, through the fts5_api pointer obtained with
** SELECT fts5(?1):
**   - the FTS5 tokenizer "zwgk" (text/tokenize.c); it has no state and no arguments;
**   - the auxiliary function zwgk_rank(), FTS5's bm25() without its full scans
**     (see rank_fn below), which search/search.c ranks with;
**   - the auxiliary function zwgk_title_hit(), 1 when every phrase of the query
**     that occurs in the row occurs in column 0 (the title).
*/
#include <math.h>
#include <sqlite3.h>
#include <stdint.h>
#include <string.h>

#include "../core/log.h"
#include "../text/tokenize.h"

int fts_register(sqlite3 *h);

typedef struct FtsCall {
    void *pCtx;
    int (*xToken)(void *, int, const char *, int, int, int);
} FtsCall;

static int on_token(void *pCtx, const char *zTok, int nTok, int iStart, int iEnd, int bColocated) {
    FtsCall *c = pCtx;
    return c->xToken(c->pCtx, bColocated ? FTS5_TOKEN_COLOCATED : 0, zTok, nTok, iStart, iEnd);
}

static int tok_create(void *pUnused, const char **azArg, int nArg, Fts5Tokenizer **ppOut) {
    (void)pUnused;
    (void)azArg;
    (void)nArg;
    static int iDummy;
    *ppOut = (Fts5Tokenizer *)&iDummy;
    return SQLITE_OK;
}

static void tok_delete(Fts5Tokenizer *p) {
    (void)p;
}

static int tok_tokenize(Fts5Tokenizer *p, void *pCtx, int flags, const char *pText, int nText,
                        int (*xToken)(void *, int, const char *, int, int, int)) {
    (void)p;
    FtsCall c = {pCtx, xToken};
    int bQuery = (flags & FTS5_TOKENIZE_QUERY) != 0;
    return tok_run(pText, nText, bQuery, on_token, &c);
}

/* ---- zwgk_rank ------------------------------------------------------------------ */

/* Per-query data of zwgk_rank, kept with xSetAuxdata for the rows of one query. */
typedef struct RankData {
    int nPhrase;
    sqlite3_int64 nRow; /* rows in the table */
    double avgdl;       /* average row size in tokens */
    double *aIdf;       /* [nPhrase]: 0 for a filter phrase, < 0 until first needed */
    double *aFreq;      /* [nPhrase], scratch for one row */
} RankData;

/* A phrase's rows are counted up to this many; beyond, their number is estimated. */
#define RANK_IDF_SAMPLE 4096

/* Counting the rows of one phrase (ascending rowids): how many, up to nMax, and the
** first and last rowid seen. */
typedef struct PhraseCount {
    int64_t n, nMax;
    sqlite3_int64 iFirst, iLast;
} PhraseCount;

static int count_cb(const Fts5ExtensionApi *pApi, Fts5Context *pFts, void *pUser) {
    PhraseCount *c = pUser;
    c->iLast = pApi->xRowid(pFts);
    if (c->n++ == 0) c->iFirst = c->iLast;
    return c->n >= c->nMax ? SQLITE_DONE : SQLITE_OK;
}

/* bm25's IDF of phrase i, log((N - n + 0.5) / (n + 0.5)) floored at 1e-6, where n is
** the number of rows with the phrase.  bm25 counts them all (a full scan of a common
** word's doclist, as long as count(*) of it); the IDF reaches its floor at n = N/2, and
** beyond RANK_IDF_SAMPLE rows n is estimated from how far into the rowids (which grow
** with time) the first RANK_IDF_SAMPLE reach, up to iNow, the rowid being ranked:
** search.c ranks newest first, so that is about the newest row. */
static int phrase_idf(const Fts5ExtensionApi *pApi, Fts5Context *pFts, RankData *p, int i,
                      sqlite3_int64 iNow, double *pIdf) {
    PhraseCount c = {0, p->nRow / 2 + 1, 0, 0};
    if (c.nMax > RANK_IDF_SAMPLE) c.nMax = RANK_IDF_SAMPLE;
    int rc = pApi->xQueryPhrase(pFts, i, &c, count_cb);
    double n = (double)c.n;
    if (rc == SQLITE_OK && c.n >= RANK_IDF_SAMPLE && c.iLast > c.iFirst) {
        double span = (double)(iNow > c.iLast ? iNow : c.iLast) - (double)c.iFirst + 1.0;
        n *= span / ((double)c.iLast - (double)c.iFirst + 1.0);
        if (n > (double)p->nRow) n = (double)p->nRow;
    }
    double idf = log(((double)p->nRow - n + 0.5) / (n + 0.5));
    *pIdf = idf > 0.0 ? idf : 1e-6;
    return rc;
}

/* The column of the first instance in the first row of one phrase (-1 if none). */
static int first_col_cb(const Fts5ExtensionApi *pApi, Fts5Context *pFts, void *pUser) {
    int *piCol = pUser, nInst = 0, iPhrase, iOff;
    if (pApi->xInstCount(pFts, &nInst) == SQLITE_OK && nInst > 0) {
        pApi->xInst(pFts, 0, &iPhrase, piCol, &iOff);
    }
    return SQLITE_DONE;
}

/* Weight of column iCol in zwgk_rank's arguments (1.0 when not given). */
static double col_weight(int nVal, sqlite3_value **apVal, int iCol) {
    return iCol >= 0 && iCol < nVal ? sqlite3_value_double(apVal[iCol]) : 1.0;
}

static int rank_data(const Fts5ExtensionApi *pApi, Fts5Context *pFts, int nVal,
                     sqlite3_value **apVal, RankData **pp) {
    RankData *p = pApi->xGetAuxdata(pFts, 0);
    if (p) {
        *pp = p;
        return SQLITE_OK;
    }
    int nPhrase = pApi->xPhraseCount(pFts);
    p = sqlite3_malloc64(sizeof *p + sizeof(double) * 2 * (size_t)nPhrase);
    if (!p) return SQLITE_NOMEM;
    memset(p, 0, sizeof *p);
    p->nPhrase = nPhrase;
    p->aIdf = (double *)&p[1];
    p->aFreq = p->aIdf + nPhrase;
    sqlite3_int64 nToken = 0;
    int rc = pApi->xRowCount(pFts, &p->nRow);
    if (rc == SQLITE_OK) rc = pApi->xColumnTotalSize(pFts, -1, &nToken);
    p->avgdl = p->nRow > 0 ? (double)nToken / (double)p->nRow : 1.0;
    /* A phrase found in a column of weight 0 is a filter (search.c's facets): it
    ** scores nothing and does not count as a second phrase.  A column-restricted
    ** phrase has all its instances in its columns, so the first instance of its first
    ** row tells. */
    int nScored = nPhrase, bZero = 0;
    for (int i = 0; i < nVal; i++) bZero |= sqlite3_value_double(apVal[i]) == 0.0;
    for (int i = 0; rc == SQLITE_OK && i < nPhrase; i++) {
        int iCol = -1;
        p->aIdf[i] = -1.0;
        if (bZero) rc = pApi->xQueryPhrase(pFts, i, &iCol, first_col_cb);
        if (rc == SQLITE_OK && iCol >= 0 && col_weight(nVal, apVal, iCol) == 0.0) {
            p->aIdf[i] = 0.0;
            nScored--;
        }
    }
    /* One phrase: its IDF is a constant factor.  Else each is counted when a row first
    ** has it (an excluded phrase never does). */
    for (int i = 0; i < nPhrase; i++) {
        if (nScored <= 1 && p->aIdf[i] != 0.0) p->aIdf[i] = 1.0;
    }
    if (rc == SQLITE_OK) rc = pApi->xSetAuxdata(pFts, p, sqlite3_free);
    else sqlite3_free(p);
    if (rc == SQLITE_OK) *pp = p;
    return rc;
}

/* zwgk_rank(tbl, w0, w1, ...): the value of FTS5's bm25(tbl, w0, w1, ...) (k1 1.2,
** b 0.75, weight wN for column N, 1.0 when not given; negative, lower is better),
** up to one positive factor per query, so ORDER BY gives the same order, at a
** bounded cost.  bm25() counts the rows of every phrase of the query, for its IDF,
** before it scores the first row: a full scan of a common word's doclist (as long as
** count(*) of it) even when only a few thousand rows are ranked.  Here a one-phrase
** query, where the IDF is a constant factor, counts nothing, and a phrase of a
** longer query is counted when first needed, exactly up to RANK_IDF_SAMPLE rows and
** estimated beyond (phrase_idf): the order is bm25's while no phrase is in more
** rows than that.  A phrase found only in columns of weight 0 (search.c's filter
** terms in the facets column) scores nothing and is not counted. */
static void rank_fn(const Fts5ExtensionApi *pApi, Fts5Context *pFts, sqlite3_context *pCtx,
                    int nVal, sqlite3_value **apVal) {
    const double k1 = 1.2, b = 0.75;
    RankData *p = NULL;
    int nInst = 0, nTok = 0;
    int rc = rank_data(pApi, pFts, nVal, apVal, &p);
    if (rc == SQLITE_OK) {
        memset(p->aFreq, 0, sizeof(double) * (size_t)p->nPhrase);
        rc = pApi->xInstCount(pFts, &nInst);
    }
    for (int i = 0; rc == SQLITE_OK && i < nInst; i++) {
        int iPhrase, iCol, iOff;
        rc = pApi->xInst(pFts, i, &iPhrase, &iCol, &iOff);
        if (rc == SQLITE_OK) {
            p->aFreq[iPhrase] += col_weight(nVal, apVal, iCol);
        }
    }
    for (int i = 0; rc == SQLITE_OK && i < p->nPhrase; i++) {
        if (p->aFreq[i] > 0.0 && p->aIdf[i] < 0.0) {
            rc = phrase_idf(pApi, pFts, p, i, pApi->xRowid(pFts), &p->aIdf[i]);
        }
    }
    if (rc == SQLITE_OK) rc = pApi->xColumnSize(pFts, -1, &nTok);
    if (rc != SQLITE_OK) {
        sqlite3_result_error_code(pCtx, rc);
        return;
    }
    double score = 0.0, d = (double)nTok;
    for (int i = 0; i < p->nPhrase; i++) {
        double f = p->aFreq[i];
        score += p->aIdf[i] * (f * (k1 + 1.0)) / (f + k1 * (1.0 - b + b * d / p->avgdl));
    }
    sqlite3_result_double(pCtx, -score);
}

/* zwgk_title_hit(tbl [, nCol]): 1 if every phrase of the query that occurs in this row
** in one of the columns 0 .. nCol-1 (all columns when nCol is not given) occurs in
** column 0, the title, and some phrase does; else 0.  For a one-word query: the word
** is in the title.  search.c's title boost, from the positions FTS5 already has
** (reading the title from its item_version row, which holds the body, cost a page or
** more a row). */
static void title_hit_fn(const Fts5ExtensionApi *pApi, Fts5Context *pFts, sqlite3_context *pCtx,
                         int nVal, sqlite3_value **apVal) {
    int nCol = nVal > 0 ? sqlite3_value_int(apVal[0]) : pApi->xColumnCount(pFts);
    int nPhrase = pApi->xPhraseCount(pFts), nInst = 0;
    unsigned char aSeen[64]; /* per phrase: 1 seen in a counted column, 2 in the title */
    int nCheck = nPhrase < (int)sizeof aSeen ? nPhrase : (int)sizeof aSeen;
    memset(aSeen, 0, sizeof aSeen);
    int rc = pApi->xInstCount(pFts, &nInst);
    for (int i = 0; rc == SQLITE_OK && i < nInst; i++) {
        int iPhrase, iCol, iOff;
        rc = pApi->xInst(pFts, i, &iPhrase, &iCol, &iOff);
        if (rc == SQLITE_OK && iPhrase < nCheck && iCol < nCol) aSeen[iPhrase] |= iCol == 0 ? 2 : 1;
    }
    int bHit = 0;
    for (int i = 0; i < nCheck; i++) {
        if (aSeen[i] == 1) {
            bHit = 0;
            break;
        }
        if (aSeen[i] & 2) bHit = 1;
    }
    if (rc != SQLITE_OK) sqlite3_result_error_code(pCtx, rc);
    else sqlite3_result_int(pCtx, bHit);
}

int fts_register(sqlite3 *h) {
    fts5_api *pApi = NULL;
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(h, "SELECT fts5(?1)", -1, &st, NULL) != SQLITE_OK) return SQLITE_ERROR;
    sqlite3_bind_pointer(st, 1, (void *)&pApi, "fts5_api_ptr", NULL);
    sqlite3_step(st);
    sqlite3_finalize(st);
    if (!pApi) {
        log_error("fts5 is not available in this SQLite");
        return SQLITE_ERROR;
    }
    static fts5_tokenizer tok = {tok_create, tok_delete, tok_tokenize};
    int rc = pApi->xCreateTokenizer(pApi, "zwgk", NULL, &tok, NULL);
    if (rc == SQLITE_OK) rc = pApi->xCreateFunction(pApi, "zwgk_rank", NULL, rank_fn, NULL);
    if (rc == SQLITE_OK) {
        rc = pApi->xCreateFunction(pApi, "zwgk_title_hit", NULL, title_hit_fn, NULL);
    }
    return rc;
}
