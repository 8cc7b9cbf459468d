// SPDX-License-Identifier: MIT
/*
** query.c: splits the search box input into terms and builds the FTS5 expression.
** Relies on text/tokenize for deciding whether a term has searchable characters
** and whether it ends in a one-character CJK run.
*/
#include "query.h"

#include <string.h>

#include "../core/str.h"
#include "docno.h"
#include "tokenize.h"

typedef struct TermInfo {
    int nTok;
    int bLastUnigram; /* the last token is a lone CJK character */
    int bWord;        /* some token is a letter/digit word */
    int iLastEnd;
} TermInfo;

static int on_token(void *pCtx, const char *zTok, int nTok, int iStart, int iEnd, int bColocated) {
    (void)iStart;
    (void)bColocated;
    TermInfo *t = pCtx;
    int len;
    unsigned c = utf8_decode(zTok, (size_t)nTok, &len);
    t->nTok++;
    t->bLastUnigram = len == nTok && tok_is_cjk(c);
    t->bWord |= !tok_is_cjk(c);
    t->iLastEnd = iEnd;
    return 0;
}

/* Words citizens type and the way documents write them: a term equal to one of
** these also finds the other form. */
static const char *const aSynonym[][2] = {
    {"十四五", "十四个五年"},
    {"十三五", "十三个五年"},
    {"医保", "医疗保险"},
    {"低保", "最低生活保障"},
    {"预决算", "预算"},
    {"社保", "社会保险"},
    {"义教", "义务教育"},
    {"新冠", "新型冠状病毒"},
};

static const char *synonym_of(const char *p, size_t n) {
    for (size_t i = 0; i < sizeof aSynonym / sizeof aSynonym[0]; i++) {
        if (strlen(aSynonym[i][0]) == n && memcmp(aSynonym[i][0], p, n) == 0) return aSynonym[i][1];
    }
    return NULL;
}

/* Length of a quote character at p (ASCII " or Chinese quotes), 0 if none. */
static int open_quote(const char *p, const char **pzClose) {
    if (*p == '"') {
        *pzClose = "\"";
        return 1;
    }
    if (strncmp(p, "“", 3) == 0) {
        *pzClose = "”";
        return 3;
    }
    if (strncmp(p, "「", 3) == 0) {
        *pzClose = "」";
        return 3;
    }
    return 0;
}

static int is_space_at(const char *p) {
    if (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n') return 1;
    if (strncmp(p, "\xE3\x80\x80", 3) == 0) return 3;
    return 0;
}

/* Append term p[0..n) as a quoted FTS5 string (with a prefix star if needed);
** returns 0 if the term has nothing searchable.  Sets *pbWord if it has a letter or
** digit word. */
static int add_term(Str *s, const char *p, size_t n, int *pbWord) {
    TermInfo t = {0, 0, 0, 0};
    tok_run(p, (int)n, 1, on_token, &t);
    if (t.nTok == 0) return 0;
    *pbWord |= t.bWord;
    str_putc(s, '"');
    for (size_t i = 0; i < n; i++) {
        if (p[i] == '"') str_putc(s, '"');
        str_putc(s, p[i]);
    }
    str_putc(s, '"');
    if (t.bLastUnigram) str_puts(s, " *");
    return 1;
}

int query_parse(Arena *a, const char *zInput, SearchQuery *pOut, Err *err) {
    memset(pOut, 0, sizeof *pOut);
    const char *z = str_trim(a, zInput ? zInput : "");
    pOut->zShown = z;
    if (strlen(z) > QUERY_MAX_BYTES) {
        return err_set(err, ZW_EINPUT, "query_too_long", "检索词过长，请精简到 60 个字以内", NULL);
    }
    /* A 文号 written any way is searched in its normalized form. */
    Docno d;
    if (docno_parse(a, z, &d, NULL) == ZW_OK) z = d.zNormalized;
    Str pos, neg, phrase;
    str_init(&pos, a);
    str_init(&neg, a);
    str_init(&phrase, a);
    const char *p = z;
    int nTerms = 0;
    while (*p) {
        int k = is_space_at(p);
        if (k) {
            p += k;
            continue;
        }
        int bNeg = 0;
        if (*p == '-') {
            bNeg = 1;
            p++;
        } else if (strncmp(p, "－", 3) == 0) {
            bNeg = 1;
            p += 3;
        }
        const char *zClose;
        int q = open_quote(p, &zClose);
        const char *zStart;
        size_t n;
        if (q) {
            zStart = p + q;
            const char *e = strstr(zStart, zClose);
            n = e ? (size_t)(e - zStart) : strlen(zStart);
            p = e ? e + strlen(zClose) : zStart + n;
        } else {
            zStart = p;
            while (*p && !is_space_at(p)) p++;
            n = (size_t)(p - zStart);
        }
        if (n == 0) continue;
        if (++nTerms > QUERY_MAX_TERMS) {
            return err_set(err, ZW_EINPUT, "too_many_terms", "检索词过多，请不要超过 10 个", NULL);
        }
        Str *s = bNeg ? &neg : &pos;
        size_t nBefore = s->n;
        if (bNeg) str_puts(s, " NOT ");
        else if (s->n) str_puts(s, " AND ");
        const char *zSyn = synonym_of(zStart, n);
        if (zSyn) str_putc(s, '(');
        if (zSyn && add_term(s, zStart, n, &pOut->bWord)) {
            str_puts(s, " OR ");
            add_term(s, zSyn, strlen(zSyn), &pOut->bWord);
            str_putc(s, ')');
        } else if (!add_term(s, zStart, n, &pOut->bWord)) {
            s->n = nBefore; /* nothing searchable: drop the term */
            if (s->z) s->z[s->n] = 0;
            continue;
        }
        if (bNeg) {
            pOut->nExclude++;
        } else {
            pOut->nTerm++;
            str_append(&phrase, zStart, n);
        }
    }
    if (pOut->nTerm == 0) {
        if (pOut->nExclude > 0) {
            return err_set(err, ZW_EINPUT, "only_exclusions", "请至少输入一个要查找的词（不能只有排除词）", NULL);
        }
        return ZW_OK;
    }
    str_append(&pos, neg.z ? neg.z : "", neg.n);
    pOut->zMatch = str_cstr(&pos);
    pOut->zPhrase = str_cstr(&phrase);
    return ZW_OK;
}
