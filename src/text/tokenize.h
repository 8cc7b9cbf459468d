/*
** tokenize.h: the Chinese-aware tokenizer behind full-text search (the FTS5
** tokenizer "zwgk" in store/fts.c wraps it).  Pure: no SQLite, no allocation.
**
** Text is folded first: full-width ASCII (U+FF01–FF5E) to half-width, the
** ideographic space to a space, ASCII to lower case, and common traditional
** characters to simplified ones.  Then:
**   - a run of letters and digits becomes one token ("covid", "2021", "39");
**   - a run of CJK characters c0..ck-1 becomes its overlapping bigrams c0c1, c1c2, …
**     at consecutive positions; in documents the last character is also emitted
**     as a unigram colocated with the last bigram, so that every character starts
**     some token (a one-character query is a prefix query) and phrase positions
**     stay the same in documents and queries; a one-character run is a unigram;
**   - everything else separates tokens.
** Offsets refer to the original, unfolded text, so highlights land on it.
**
** Memory: tokens are passed to the callback in a buffer that lives only for the call.
*/
#ifndef ZW_TOKENIZE_H
#define ZW_TOKENIZE_H

#include <stddef.h>

#define TOK_MAX_WORD 64 /* bytes; longer letter/digit runs are cut into pieces */

/* Receives each token: bytes, original byte span [iStart, iEnd), and whether it is
** colocated with the previous token.  Return nonzero to stop tokenizing. */
typedef int (*TokCallback)(void *pCtx, const char *zTok, int nTok, int iStart, int iEnd,
                           int bColocated);

/* Tokenize p[0..n).  bQuery: no trailing unigram on multi-character CJK runs.
** Returns the first nonzero callback result, else 0.  Invalid UTF-8 bytes separate. */
int tok_run(const char *p, int n, int bQuery, TokCallback xToken, void *pCtx);

/* 1 if c is a character that tokenizes as CJK (Han, kana, hangul). */
int tok_is_cjk(unsigned c);

/* Fold one code point (full width, case, traditional → simplified). */
unsigned tok_fold(unsigned c);

#endif
