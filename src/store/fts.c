// SPDX-License-Identifier: MIT
/*
** fts.c: registers the FTS5 tokenizer "zwgk" (text/tokenize.c) on a connection,
** through the fts5_api pointer obtained with SELECT fts5(?1).  The tokenizer has
** no state and no arguments.
*/
#include <sqlite3.h>
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
    return pApi->xCreateTokenizer(pApi, "zwgk", NULL, &tok, NULL);
}
