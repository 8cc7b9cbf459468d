// SPDX-License-Identifier: MIT
/*
** docno.c: the 文号 parser and finder (see docno.h for what is accepted and why).
**
** Text is read one "unit" at a time: a code point decoded with utf8_decode (bad bytes
** become U+FFFD) and folded (full-width digits and letters to ASCII, every bracket to
** an OPEN or CLOSE kind, spaces to SPACE, Han characters through tok_fold and a
** supplement table to simplified).  A 文号 is then a run of 代字 characters followed by
** a tail that match_tail() reads with a small hand-written grammar:
**
**     [OPEN] YEAR [年] [CLOSE] [第] SEQ 号        (regular)
**     [YEAR 年] [第] SEQ 号                        (代字 ending in 令 or 公告, no bracket)
**
** docno_parse() drops every space first and requires the whole text to be one 文号;
** docno_find() streams over the text keeping the current run of 代字 characters in a
** small ring, and tries the tail wherever a run meets a bracket, a digit or 第.  Both
** share match_tail() and make_docno(), so a match cut out of running text parses to the
** same value.  No allocation except the results; no recursion; every loop advances.
**
** Relies on core/str (UTF-8, Str, JSON), core/arena, core/err and text/tokenize
** (tok_fold, the traditional→simplified table search uses).  Knows nothing of storage.
*/
#include "docno.h"

#include <string.h>

#include "tokenize.h"

#define RUN_MAX 32        /* 代字 characters remembered before a bracket or digit */
#define SEQ_DIGITS_MAX 8  /* digits of a sequence, leading zeros included */
#define FIND_SPACES_MAX 8 /* spaces docno_find allows between two parts */
#define FIND_ORG_MAX 10   /* docno_find: characters of a 代字 that is not an order's */

#define CP_HAO 0x53F7  /* 号 (號 folds to it) */
#define CP_DI 0x7B2C   /* 第 */
#define CP_NIAN 0x5E74 /* 年 */
#define CP_LING 0x4EE4 /* 令 */

/* Kinds of folded characters. */
enum { K_OTHER, K_SPACE, K_OPEN, K_CLOSE, K_DIGIT, K_LETTER, K_HAN };

/* Why a text is not a 文号; indexes aReason. */
enum {
    E_OK,
    E_BAD,
    E_EMPTY,
    E_LONG,
    E_UTF8,
    E_NO_ORG,
    E_ORG_LONG,
    E_PROSE,
    E_YEAR_DIGITS,
    E_YEAR_RANGE,
    E_NO_YEAR,
    E_AMBIG,
    E_NO_SEQ,
    E_SEQ_RANGE,
    E_NO_HAO,
    E_TRAILING,
    E_MULTI,
};

/* Chinese message for the user and English detail for the log, per E_* code. */
static const char *const aReason[][2] = {
    [E_OK] = {"", ""},
    [E_BAD] = {"发文字号应写作 机关代字〔年份〕顺序号号，如 西政办发〔2021〕39号",
               "docno: not a document number"},
    [E_EMPTY] = {"发文字号为空", "docno: empty"},
    [E_LONG] = {"文字过长，不是一个发文字号", "docno: too long"},
    [E_UTF8] = {"发文字号不是有效的 UTF-8 文本", "docno: invalid UTF-8"},
    [E_NO_ORG] = {"发文字号应以机关代字（汉字，如 西政办发）开头", "docno: no issuer code"},
    [E_ORG_LONG] = {"机关代字过长（最多 20 个字）", "docno: issuer code too long"},
    [E_PROSE] = {"这是一段文字，不是一个发文字号", "docno: prose"},
    [E_YEAR_DIGITS] = {"发文字号中的年份应为四位数字，如〔2021〕", "docno: year not 4 digits"},
    [E_YEAR_RANGE] = {"发文字号中的年份应在 1949 至 2099 之间", "docno: year out of range"},
    [E_NO_YEAR] = {"发文字号缺少年份，应写作 机关代字〔年份〕顺序号号", "docno: no year"},
    [E_AMBIG] = {"无法确定年份与顺序号的分界，请给年份加括号，如 西政办发〔2021〕39号",
                 "docno: year and sequence ambiguous"},
    [E_NO_SEQ] = {"发文字号缺少顺序号", "docno: no sequence number"},
    [E_SEQ_RANGE] = {"发文字号的顺序号应在 1 至 99999 之间", "docno: sequence out of range"},
    [E_NO_HAO] = {"发文字号应以“号”字结尾", "docno: no 号"},
    [E_TRAILING] = {"发文字号后面还有其他文字", "docno: trailing text"},
    [E_MULTI] = {"一次只能解析一个发文字号", "docno: several document numbers"},
};

/* Words that never occur in a 机关代字: running text is cut after the last of them, and
** a field containing one is prose. */
static const char *const azCut[] = {
    "的",   "了",   "是",   "被",   "把",   "在",   "见",   "根据", "按照", "依据", "依照",
    "参照", "遵照", "对照", "贯彻", "落实", "执行", "印发", "转发", "关于", "结合", "通过",
    "经过", "对于", "以及", "文件", "通知", "批复", "请示", "决定", "报告", "要求", "规定",
    "查阅", "发布", "公布", "下发", "颁布", "出台", "制定", "修订", "废止", "现将",
};

/* One folded character of the input. */
typedef struct Unit {
    uint32_t c;  /* folded code point: '0'..'9' for digits, ASCII for letters */
    int eKind;   /* K_* */
    size_t i;    /* byte offset of the character */
    size_t iEnd; /* byte offset just past it */
} Unit;

/* What match_tail() read after the 代字. */
typedef struct Tail {
    int iYear;      /* 0 when there is none */
    int64_t iSeq;   /* 1..DOCNO_SEQ_MAX */
    int bOpen;      /* an opening bracket before the year */
    int bClose;     /* a closing bracket after it */
    int bNian;      /* 年 after the year */
    int bDi;        /* 第 before the sequence */
    size_t iEnd;    /* byte offset just past 号 */
} Tail;

/* A 文号 found by scan(). */
typedef struct Found {
    Unit aOrg[RUN_MAX]; /* the 代字 */
    int nOrg;
    Tail t;
    int bOrder;
} Found;

static int is_han(uint32_t c) {
    return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF) ||
           (c >= 0xF900 && c <= 0xFAFF) || (c >= 0x20000 && c <= 0x2FFFF);
}

/* The folded character at z[i] (i < n).  bLines: line breaks count as spaces. */
static Unit unit_at(const char *z, size_t n, size_t i, int bLines) {
    int len;
    uint32_t c = utf8_decode(z + i, n - i, &len);
    Unit u = {c, K_OTHER, i, i + (size_t)(len > 0 ? len : 1)};
    if (c == ' ' || c == '\t' || c == 0x3000 || c == 0xA0 || c == 0x200B || c == 0xFEFF ||
        (bLines && (c == '\r' || c == '\n' || c == '\v' || c == '\f'))) {
        u.eKind = K_SPACE;
    } else if (c >= '0' && c <= '9') {
        u.eKind = K_DIGIT;
    } else if (c >= 0xFF10 && c <= 0xFF19) {
        u.c = '0' + (c - 0xFF10);
        u.eKind = K_DIGIT;
    } else if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z')) {
        u.eKind = K_LETTER;
    } else if ((c >= 0xFF21 && c <= 0xFF3A) || (c >= 0xFF41 && c <= 0xFF5A)) {
        u.c = c - 0xFEE0;
        u.eKind = K_LETTER;
    } else if (is_han(c)) {
        u.c = tok_fold(c); /* search's folding: 號→号, 辦→办 … */
        u.eKind = K_HAN;
    } else {
        switch (c) {
        case '[': case '(': case 0x3014: case 0x3010: case 0xFF08: case 0x3008: case 0x2329:
        case 0xFF3B: case 0x3016: case 0xFE5D: case 0xFE59: case 0x3018:
            u.eKind = K_OPEN;
            break;
        case ']': case ')': case 0x3015: case 0x3011: case 0xFF09: case 0x3009: case 0x232A:
        case 0xFF3D: case 0x3017: case 0xFE5E: case 0xFE5A: case 0x3019:
            u.eKind = K_CLOSE;
            break;
        default:
            break;
        }
    }
    return u;
}

/* unit_at() without line breaks as spaces, or an OTHER unit of length 0 at the end. */
static Unit peek(const char *z, size_t n, size_t i) {
    if (i >= n) {
        Unit u = {0, K_OTHER, n, n};
        return u;
    }
    return unit_at(z, n, i, 0);
}

/* 1 if u can be part of a 机关代字: a Han character other than 号 第 年, or a letter. */
static int is_org(const Unit *u) {
    return (u->eKind == K_HAN && u->c != CP_HAO && u->c != CP_DI && u->c != CP_NIAN) ||
           u->eKind == K_LETTER;
}

/* Skip at most nMax spaces from z[i]; returns the new offset. */
static size_t skip_space(const char *z, size_t n, size_t i, int nMax) {
    while (i < n && nMax-- > 0) {
        Unit u = unit_at(z, n, i, 0);
        if (u.eKind != K_SPACE) {
            break;
        }
        i = u.iEnd;
    }
    return i;
}

/* Number of digits at z[i], counting at most nMax + 1 (so "too many" shows). */
static int count_digits(const char *z, size_t n, size_t i, int nMax) {
    int k = 0;
    while (i < n && k <= nMax) {
        Unit u = unit_at(z, n, i, 0);
        if (u.eKind != K_DIGIT) {
            break;
        }
        k++;
        i = u.iEnd;
    }
    return k;
}

/* Read the k (≤ 18) digits known to be at *pi and advance past them. */
static int64_t read_digits(const char *z, size_t n, size_t *pi, int k) {
    int64_t v = 0;
    for (int j = 0; j < k; j++) {
        Unit u = unit_at(z, n, *pi, 0);
        v = v * 10 + (int64_t)(u.c - '0');
        *pi = u.iEnd;
    }
    return v;
}

/* Chars of the literal zWord matched by a[j..n), or 0 if it is not there. */
static int word_at(const Unit *a, int n, int j, const char *zWord) {
    size_t nWord = strlen(zWord), k = 0;
    int m = 0;
    while (k < nWord) {
        int len;
        uint32_t c = utf8_decode(zWord + k, nWord - k, &len);
        if (j + m >= n || a[j + m].c != c) {
            return 0;
        }
        m++;
        k += (size_t)len;
    }
    return m;
}

/* Where a 代字 in the run a[0..n) can start: just after the last word of azCut that
** ends in the run, or 0 when there is none. */
static int org_cut(const Unit *a, int n) {
    int iCut = 0;
    for (int j = 0; j < n; j++) {
        for (size_t w = 0; w < sizeof azCut / sizeof azCut[0]; w++) {
            int m = word_at(a, n, j, azCut[w]);
            if (m && j + m > iCut) {
                iCut = j + m;
            }
        }
    }
    return iCut;
}

/* 1 if the 代字 a[0..n) names a numbered series: it ends in 令 or 公告. */
static int org_series(const Unit *a, int n) {
    return (n >= 2 && a[n - 1].c == CP_LING) || (n >= 3 && word_at(a, n, n - 2, "公告") == 2);
}

/* Read what follows a 代字 at z[i]: [OPEN] YEAR [年] [CLOSE] [第] SEQ 号, or for a
** series (bSeries) without a bracket [YEAR 年] [第] SEQ 号.  bFind allows up to
** FIND_SPACES_MAX spaces between the parts (docno_parse has removed them all).
** Returns E_OK with *t filled, or the E_* reason. */
static int match_tail(const char *z, size_t n, size_t i, int bSeries, int bFind, Tail *t) {
    int nSp = bFind ? FIND_SPACES_MAX : 0;
    Unit u;
    memset(t, 0, sizeof *t);
    i = skip_space(z, n, i, nSp);
    u = peek(z, n, i);
    if (u.eKind == K_OPEN) {
        t->bOpen = 1;
        i = skip_space(z, n, u.iEnd, nSp);
    }
    int k = count_digits(z, n, i, 12);
    if (t->bOpen || !bSeries) {
        /* The year: always the first four digits. */
        if (k < 4) {
            return t->bOpen ? E_YEAR_DIGITS : E_NO_YEAR;
        }
        Unit d0 = unit_at(z, n, i, 0), d1 = unit_at(z, n, d0.iEnd, 0);
        int bCentury = (d0.c == '1' && d1.c == '9') || (d0.c == '2' && d1.c == '0');
        if (!t->bOpen && !bCentury) {
            return E_NO_YEAR; /* 西政办发123456号 */
        }
        t->iYear = (int)read_digits(z, n, &i, 4);
        if (k > 4) {
            /* More digits: the sequence follows without a break (西政办发202139号,
            ** 〔202139号).  A bracket after them all means a longer year: 〔20213〕. */
            size_t j = i;
            read_digits(z, n, &j, k - 4 > 12 ? 12 : k - 4);
            j = skip_space(z, n, j, nSp);
            if (peek(z, n, j).eKind == K_CLOSE) {
                return E_YEAR_DIGITS;
            }
        } else {
            size_t j = skip_space(z, n, i, nSp);
            u = peek(z, n, j);
            if (u.c == CP_NIAN && u.eKind == K_HAN) {
                t->bNian = 1;
                j = skip_space(z, n, u.iEnd, nSp);
                u = peek(z, n, j);
            }
            if (u.eKind == K_CLOSE) {
                t->bClose = 1;
                j = u.iEnd;
            } else if (!t->bOpen && !t->bNian && u.c != CP_DI &&
                       !(j > i && u.eKind == K_DIGIT)) {
                return E_AMBIG; /* 西政办发2021号: the year ends nowhere */
            }
            i = j;
        }
        if (t->iYear < 1949 || t->iYear > 2099) {
            return E_YEAR_RANGE;
        }
    } else if (k == 4) {
        /* A series: 2021年第1号 has a year; 国务院令2021号 is order No. 2021. */
        size_t j = i;
        int y = (int)read_digits(z, n, &j, 4);
        j = skip_space(z, n, j, nSp);
        u = peek(z, n, j);
        if (u.c == CP_NIAN && u.eKind == K_HAN) {
            if (y < 1949 || y > 2099) {
                return E_YEAR_RANGE;
            }
            t->iYear = y;
            t->bNian = 1;
            i = u.iEnd;
        }
    }
    /* The sequence. */
    i = skip_space(z, n, i, nSp);
    u = peek(z, n, i);
    if (u.c == CP_DI && u.eKind == K_HAN) {
        t->bDi = 1;
        i = skip_space(z, n, u.iEnd, nSp);
    }
    k = count_digits(z, n, i, SEQ_DIGITS_MAX);
    if (k == 0) {
        return E_NO_SEQ;
    }
    if (k > SEQ_DIGITS_MAX) {
        return E_SEQ_RANGE;
    }
    t->iSeq = read_digits(z, n, &i, k);
    if (t->iSeq < 1 || t->iSeq > DOCNO_SEQ_MAX) {
        return E_SEQ_RANGE;
    }
    i = skip_space(z, n, i, nSp);
    u = peek(z, n, i);
    if (u.c != CP_HAO || u.eKind != K_HAN) {
        return E_NO_HAO;
    }
    t->iEnd = u.iEnd;
    return E_OK;
}

/* Fill *p from the 代字 aOrg[0..nOrg) and the tail; strings in Arena a. */
static void make_docno(Arena *a, const Unit *aOrg, int nOrg, const Tail *t, int bOrder,
                       Docno *p) {
    Str s;
    str_init(&s, a);
    for (int j = 0; j < nOrg; j++) {
        char b[4];
        str_append(&s, b, (size_t)utf8_encode(aOrg[j].c, b));
    }
    p->zOrg = arena_strdup(a, str_cstr(&s));
    if (!bOrder) {
        str_appendf(&s, "〔%d〕%lld号", t->iYear, (long long)t->iSeq);
    } else if (t->iYear) {
        str_appendf(&s, "%d年第%lld号", t->iYear, (long long)t->iSeq);
    } else {
        str_appendf(&s, "第%lld号", (long long)t->iSeq);
    }
    p->zNormalized = str_cstr(&s);
    p->iYear = t->iYear;
    p->iSeq = t->iSeq;
    p->bOrder = bOrder;
}

/* The 代字 and tail of a 文号 whose run of 代字 characters ends before z[i], if there
** is one (docno.h, docno_find, for the rules).  aRing holds the last min(nRun, RUN_MAX)
** characters of the run, the newest just before aRing[iRing]; cBefore is the character
** before the run.  Returns 1 and fills *f, or 0. */
static int try_found(const char *z, size_t n, size_t i, const Unit *aRing, int iRing, int nRun,
                     uint32_t cBefore, Found *f) {
    int nHave = nRun < RUN_MAX ? nRun : RUN_MAX;
    for (int k = 0; k < nHave; k++) {
        f->aOrg[k] = aRing[(iRing - nHave + k + RUN_MAX) % RUN_MAX];
    }
    int iCut = org_cut(f->aOrg, nHave);
    if (iCut == 0 && nRun > nHave) {
        return 0; /* a long run of Han characters: no telling where the 代字 starts */
    }
    if (iCut == 0 && cBefore == CP_HAO && nHave > 2) {
        static const char *const azConj[] = {"和", "及", "与", "或", "并"};
        for (size_t w = 0; w < sizeof azConj / sizeof azConj[0]; w++) {
            if (word_at(f->aOrg, nHave, 0, azConj[w])) {
                iCut = 1; /* …12号和宁政办发〔2021〕23号 */
            }
        }
    }
    while (iCut < nHave && f->aOrg[iCut].eKind != K_HAN) {
        iCut++;
    }
    f->nOrg = nHave - iCut;
    memmove(f->aOrg, f->aOrg + iCut, (size_t)f->nOrg * sizeof f->aOrg[0]);
    int bSeries = org_series(f->aOrg, f->nOrg);
    if (f->nOrg < 2 || f->nOrg > (bSeries ? DOCNO_ORG_MAX : FIND_ORG_MAX)) {
        return 0; /* …工作安排国办发〔2021〕12号: no telling where the 代字 starts */
    }
    if (match_tail(z, n, i, bSeries, 1, &f->t) != E_OK) {
        return 0;
    }
    f->bOrder = bSeries && !f->t.bOpen && !f->t.bClose;
    if (f->bOrder && !f->t.bDi && !f->t.iYear) {
        return 0; /* 国务院令711号: in running text an order needs its 第 */
    }
    if (!f->bOrder && !f->t.bOpen && !f->t.bClose) {
        static const char *const azSuffix[] = {"发", "函", "字", "办", "电"};
        int bDocSuffix = 0;
        for (size_t w = 0; w < sizeof azSuffix / sizeof azSuffix[0]; w++) {
            bDocSuffix |= word_at(f->aOrg, f->nOrg, f->nOrg - 1, azSuffix[w]);
        }
        if (!bDocSuffix) {
            return 0; /* 编号2021001号 */
        }
    }
    return 1;
}

/* Called for each 文号 scan() finds; returns nonzero to stop the scan. */
typedef int (*FoundCallback)(void *pCtx, const Found *f);

/* Stream over z[0..n) and report each 文号 to xFound, in order. */
static void scan(const char *z, size_t n, FoundCallback xFound, void *pCtx) {
    Unit aRing[RUN_MAX];
    Found f;
    int iRing = 0, nRun = 0; /* ring position; run length, counted to RUN_MAX + 1 */
    int nGap = 0;            /* spaces since the run's last character */
    uint32_t cBefore = 0;    /* the character before the run */
    uint32_t cLast = 0;      /* the last character that was not a space */
    size_t i = 0;
    while (i < n) {
        Unit u = unit_at(z, n, i, 0);
        if (u.eKind == K_SPACE) {
            nGap++;
            i = u.iEnd;
            continue;
        }
        if (is_org(&u)) {
            if (nGap) {
                nRun = 0; /* a 代字 has no spaces inside */
            }
            nGap = 0;
            if (nRun == 0) {
                iRing = 0;
                cBefore = cLast;
            }
            cLast = u.c;
            i = u.iEnd;
            if (nRun == 0 && u.eKind != K_HAN) {
                continue; /* a 代字 starts with a Han character */
            }
            aRing[iRing] = u;
            iRing = (iRing + 1) % RUN_MAX;
            if (nRun <= RUN_MAX) {
                nRun++;
            }
            continue;
        }
        if (nRun > 0 && nGap <= FIND_SPACES_MAX &&
            (u.eKind == K_OPEN || u.eKind == K_DIGIT || (u.eKind == K_HAN && u.c == CP_DI)) &&
            try_found(z, n, i, aRing, iRing, nRun, cBefore, &f)) {
            if (xFound(pCtx, &f)) {
                return;
            }
            i = f.t.iEnd;
            cLast = CP_HAO;
        } else {
            cLast = u.c;
            i = u.iEnd;
        }
        nRun = 0;
        nGap = 0;
    }
}

/* Counts matches in *(int *)pCtx; stops at two. */
static int count_cb(void *pCtx, const Found *f) {
    (void)f;
    return ++*(int *)pCtx >= 2;
}

static int fail(Err *err, int e) {
    return err_set(err, ZW_EINPUT, "bad_docno", aReason[e][0], aReason[e][1]);
}

int docno_parse(Arena *a, const char *z, Docno *pOut, Err *err) {
    char aBuf[DOCNO_MAX_BYTES + 1];
    Unit aOrg[RUN_MAX];
    Tail t;
    size_t n, nBuf = 0, i = 0;
    int nOrg = 0, bHao = 0;
    memset(pOut, 0, sizeof *pOut);
    if (!z) {
        return fail(err, E_EMPTY);
    }
    n = strlen(z);
    if (n > DOCNO_MAX_BYTES) {
        return fail(err, E_LONG);
    }
    if (!utf8_valid(z, n)) {
        return fail(err, E_UTF8);
    }
    /* Every space goes, wherever it is. */
    while (i < n) {
        Unit u = unit_at(z, n, i, 1);
        if (u.eKind != K_SPACE) {
            memcpy(aBuf + nBuf, z + i, u.iEnd - i);
            nBuf += u.iEnd - i;
        }
        bHao |= u.eKind == K_HAN && u.c == CP_HAO;
        i = u.iEnd;
    }
    if (nBuf == 0) {
        return fail(err, E_EMPTY);
    }
    /* The 代字: from the start up to the year or sequence. */
    int e = E_OK, bSeries = 0;
    for (i = 0; i < nBuf;) {
        Unit u = unit_at(aBuf, nBuf, i, 0);
        if (!is_org(&u) || (nOrg == 0 && u.eKind != K_HAN)) {
            break;
        }
        if (nOrg == RUN_MAX) {
            e = E_ORG_LONG;
            break;
        }
        aOrg[nOrg++] = u;
        i = u.iEnd;
    }
    if (nOrg == 0) {
        e = E_NO_ORG;
    } else if (org_cut(aOrg, nOrg)) {
        e = E_PROSE;
    } else if (e == E_OK && nOrg > DOCNO_ORG_MAX) {
        e = E_ORG_LONG;
    }
    if (e == E_OK) {
        bSeries = org_series(aOrg, nOrg);
        e = match_tail(aBuf, nBuf, i, bSeries, 0, &t);
    }
    if (e == E_OK && t.iEnd != nBuf) {
        int nFound = 0;
        scan(z, n, count_cb, &nFound);
        e = nFound >= 2 ? E_MULTI : E_TRAILING;
    }
    if (e != E_OK && e != E_NO_HAO && e != E_PROSE && !bHao) {
        e = E_BAD; /* no 号 at all: a date, a telephone number, a word */
    }
    if (e != E_OK) {
        return fail(err, e);
    }
    make_docno(a, aOrg, nOrg, &t, bSeries && !t.bOpen && !t.bClose, pOut);
    return ZW_OK;
}

/* State of docno_find's callback. */
typedef struct Collect {
    Arena *a;
    DocnoMatch *aMatch;
    int nMatch, nAlloc;
} Collect;

static int collect_cb(void *pCtx, const Found *f) {
    Collect *c = pCtx;
    if (c->nMatch == c->nAlloc) {
        int nNew = c->nAlloc ? c->nAlloc * 2 : 8;
        if (nNew > DOCNO_FIND_MAX) {
            nNew = DOCNO_FIND_MAX;
        }
        DocnoMatch *aNew = arena_alloc(c->a, (size_t)nNew * sizeof *aNew);
        if (c->nMatch) {
            memcpy(aNew, c->aMatch, (size_t)c->nMatch * sizeof *aNew);
        }
        c->aMatch = aNew;
        c->nAlloc = nNew;
    }
    DocnoMatch *m = &c->aMatch[c->nMatch++];
    m->iStart = f->aOrg[0].i;
    m->iEnd = f->t.iEnd;
    make_docno(c->a, f->aOrg, f->nOrg, &f->t, f->bOrder, &m->d);
    return c->nMatch >= DOCNO_FIND_MAX;
}

int docno_find(Arena *a, const char *z, size_t n, DocnoMatch **paMatch, int *pnMatch) {
    Collect c = {a, NULL, 0, 0};
    if (z && n) {
        scan(z, n, collect_cb, &c);
    }
    *paMatch = c.aMatch;
    *pnMatch = c.nMatch;
    return ZW_OK;
}

void docno_json(Str *s, const Docno *p) {
    str_puts(s, "{\"org\":");
    str_json(s, p->zOrg);
    if (p->iYear) {
        str_appendf(s, ",\"year\":%d", p->iYear);
    } else {
        str_puts(s, ",\"year\":null");
    }
    str_appendf(s, ",\"seq\":%lld,\"normalized\":", (long long)p->iSeq);
    str_json(s, p->zNormalized);
    str_putc(s, '}');
}
