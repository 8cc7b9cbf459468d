// SPDX-License-Identifier: MIT
/*
** mask.c: the personal-data masker (mask.h has the rules in brief).  One pass over
** the bytes, linear in the input, relying only on core/ (arena, UTF-8 decoding).
**
** Vocabulary.  A *group* is a maximal run of digits (ASCII or full-width).  Groups
** are *joined* when exactly one separator stands between two digits: a hyphen
** (-, －) or a space (ASCII, U+3000 ideographic, U+00A0).  A *unit* is groups joined
** by hyphens: it is read as one number or not at all ("0954-3012345",
** "2021-06-15"), except that a long group inside it (11 or more digits) may still
** stand alone ("13812345678-13912345678").  A *run* is units joined by spaces:
** spaces separate numbers as often as they group them ("马占福 640422… 13584538117"),
** so a run is read as one number only as a whole and only when it has the shape of
** a written number (3-4-4, 6-8-4, 6-6-3, 4-4-4-4[-1..3], 86 3-4-4, 86 11);
** otherwise each unit is read alone.  A *chain* is a run ended by anything else.
**
** Boundaries.  The edges of a unit or run are checked against their neighbours
** (left_bad, right_bad): letters, '_' and other digits glue (codes, part numbers);
** '.' between digits makes a decimal; ¥/$ before, 元/万/亿/% after, or ",ddd" after
** make an amount.  A neighbouring '*' glues when it looks like a mask rather than
** markdown emphasis (4 or more stars, or stars touching digits or a separator that
** touches stars or digits); every digit we keep in a mask touches such stars, so
** masking masked text finds nothing new.
**
** Streaming.  Patterns have at most PATTERN_MAX groups, so a run is held back in a
** fixed buffer of PEND_MAX groups; a longer run or unit is read unit by unit or
** group by group as the buffer fills.  Memory: the hits, their strings, nothing else.
**
** Left to others: where the text comes from and whether it is valid UTF-8; showing
** the hits to the editor (admin/) and applying them on publication (publish/).
*/
#include "mask.h"

#include <stdint.h>
#include <string.h>
#include <time.h>

#include "../core/err.h"
#include "../core/log.h"
#include "../core/str.h"

#define GROUP_DIGITS 19 /* digits kept per group: the longest number, a 19-digit card */
#define PATTERN_MAX 5   /* groups in the longest written form, 6222 0212 3456 7890 123 */
#define PEND_MAX 32     /* groups of one run held back until the run's shape is known */
#define CP_NONE 0x110000u /* "no character": the edge of the input */
#define LABEL_BACK 48   /* bytes looked back for the label 代码 (统一社会信用代码) */

/* How a group is joined to the one before it. */
enum { J_NONE = 0, J_HYPHEN = 1, J_SPACE = 2 };

/* One group of digits, with what its neighbours allow. */
typedef struct Group {
    size_t iStart, iEnd; /* bytes of the digits */
    size_t iXEnd;        /* end of an X (x, Ｘ, ｘ) right after the digits, or 0 */
    int nDigit;          /* digits in the group (all of them, even past GROUP_DIGITS) */
    char zDigit[GROUP_DIGITS + 1]; /* the first digits as ASCII, NUL-terminated */
    unsigned char eJoin; /* J_*: junction before this group; J_NONE starts a chain */
    unsigned char bBadL; /* 1 if the left neighbour forbids a number starting here */
    unsigned char bBadR; /* 1 if the right neighbour (an X too) forbids one ending here */
    unsigned char bBadRX; /* 1 if a number ending with the X cannot end there (or no X) */
} Group;

/* The state of one mask_find() call. */
typedef struct Scan {
    const char *p;       /* the input */
    size_t n;
    Arena *a;            /* for the hits */
    int iToday;          /* YYYYMMDD, China time: the latest possible birth date */
    MaskHit *aHit;       /* hits so far (arena; doubled when full) */
    int nHit, nAlloc;
    Group aG[PEND_MAX];  /* the groups of the current run not yet read */
    int nG;
    int bRunLong;        /* the run outgrew the buffer: no whole-run pattern */
    int bUnitLong;       /* aG[0] continues a unit that outgrew PATTERN_MAX groups */
} Scan;

/* ---- Characters --------------------------------------------------------------- */

/* The digit at p[i] (ASCII, or full-width U+FF10..FF19 as EF BC 90..99) and its byte
** length in *pLen; -1 if none. */
static int digit_at(const char *p, size_t n, size_t i, int *pLen) {
    unsigned char c = (unsigned char)p[i];
    if (c >= '0' && c <= '9') {
        *pLen = 1;
        return c - '0';
    }
    if (c == 0xEF && i + 2 < n && (unsigned char)p[i + 1] == 0xBC &&
        (unsigned char)p[i + 2] >= 0x90 && (unsigned char)p[i + 2] <= 0x99) {
        *pLen = 3;
        return (unsigned char)p[i + 2] - 0x90;
    }
    return -1;
}

/* The code point at p[i] (CP_NONE at the end); *pNext gets the byte after it.
** Invalid bytes read as U+FFFD, one byte each. */
static uint32_t cp_at(const char *p, size_t n, size_t i, size_t *pNext) {
    if (i >= n) {
        *pNext = n;
        return CP_NONE;
    }
    int len;
    uint32_t c = utf8_decode(p + i, n - i, &len);
    *pNext = i + (size_t)len;
    return c;
}

/* The code point ending at p[i] (CP_NONE at the start); *pPrev gets its first byte.
** A byte that does not end a valid sequence reads as U+FFFD on its own. */
static uint32_t cp_before(const char *p, size_t i, size_t *pPrev) {
    if (i == 0) {
        *pPrev = 0;
        return CP_NONE;
    }
    size_t j = i - 1;
    while (j > 0 && i - j < 4 && ((unsigned char)p[j] & 0xC0) == 0x80) j--;
    int len;
    uint32_t c = utf8_decode(p + j, i - j, &len);
    if (j + (size_t)len != i) {
        *pPrev = i - 1;
        return 0xFFFD;
    }
    *pPrev = j;
    return c;
}

static int is_digit_cp(uint32_t c) {
    return (c >= '0' && c <= '9') || (c >= 0xFF10 && c <= 0xFF19);
}

/* Characters that glue to digits: ASCII and full-width letters and digits, '_'. */
static int is_word(uint32_t c) {
    return is_digit_cp(c) || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_' ||
           (c >= 0xFF21 && c <= 0xFF3A) || (c >= 0xFF41 && c <= 0xFF5A);
}

static int is_x(uint32_t c) {
    return c == 'X' || c == 'x' || c == 0xFF38 || c == 0xFF58;
}

static int is_hyphen(uint32_t c) {
    return c == '-' || c == 0xFF0D;
}

static int is_sep(uint32_t c) {
    return c == ' ' || c == 0x3000 || c == 0xA0 || is_hyphen(c);
}

/* ---- Boundaries --------------------------------------------------------------- */

/* Stars ending at p[e] (exclusive): 1 if they look like a mask, not emphasis. */
static int stars_before_bad(const char *p, size_t e) {
    size_t j, k;
    int nStar = 0;
    while (e > 0 && p[e - 1] == '*') {
        if (++nStar >= 4) return 1;
        e--;
    }
    uint32_t c = cp_before(p, e, &j);
    if (is_digit_cp(c)) return 1;
    if (is_sep(c)) {
        uint32_t c2 = cp_before(p, j, &k);
        return c2 == '*' || is_digit_cp(c2);
    }
    return 0;
}

/* Stars starting at p[i]: 1 if they look like a mask, not emphasis. */
static int stars_after_bad(const char *p, size_t n, size_t i) {
    size_t j, k;
    int nStar = 0;
    while (i < n && p[i] == '*') {
        if (++nStar >= 4) return 1;
        i++;
    }
    uint32_t c = cp_at(p, n, i, &j);
    if (is_digit_cp(c)) return 1;
    if (is_sep(c)) {
        uint32_t c2 = cp_at(p, n, j, &k);
        return c2 == '*' || is_digit_cp(c2);
    }
    return 0;
}

/* 1 if no number may start at p[i] because of what precedes it: a letter, digit or
** '_'; a '.' after one (a decimal or a dotted code); a currency sign; a mask; or a
** separator after a letter (A-1381234…) or after a mask. */
static int left_bad(const char *p, size_t i) {
    size_t j, k;
    uint32_t c = cp_before(p, i, &j);
    if (c == CP_NONE) return 0;
    if (is_word(c) || c == '$' || c == 0xA5 || c == 0xFFE5) return 1;
    if (c == '.' || c == 0xFF0E) return is_word(cp_before(p, j, &k));
    if (c == '*') return stars_before_bad(p, i);
    if (is_sep(c)) {
        uint32_t c2 = cp_before(p, j, &k);
        if (c2 == '*') return stars_before_bad(p, j);
        return is_hyphen(c) && is_word(c2);
    }
    return 0;
}

/* 1 if exactly three ASCII digits start at p[i] (",ddd" of a thousands separator). */
static int three_digits_at(const char *p, size_t n, size_t i) {
    int len;
    for (int k = 0; k < 3; k++) {
        if (i + (size_t)k >= n || p[i + (size_t)k] < '0' || p[i + (size_t)k] > '9') return 0;
    }
    return i + 3 >= n || digit_at(p, n, i + 3, &len) < 0;
}

/* 1 if no number may end before p[i] because of what follows: a letter, digit or
** '_'; '.' before one; ",ddd"; 元, 万, 亿, %, ％ or ‰; a mask; or a separator before
** a letter or a mask. */
static int right_bad(const char *p, size_t n, size_t i) {
    size_t j, k;
    uint32_t c = cp_at(p, n, i, &j);
    if (c == CP_NONE) return 0;
    if (is_word(c)) return 1;
    if (c == '.' || c == 0xFF0E) return is_word(cp_at(p, n, j, &k));
    if (c == ',') return three_digits_at(p, n, j);
    if (c == '%' || c == 0xFF05 || c == 0x2030 || c == 0x5143 /* 元 */ ||
        c == 0x4E07 /* 万 */ || c == 0x4EBF /* 亿 */) {
        return 1;
    }
    if (c == '*') return stars_after_bad(p, n, i);
    if (is_sep(c)) {
        uint32_t c2 = cp_at(p, n, j, &k);
        if (c2 == '*') return stars_after_bad(p, n, j);
        return is_hyphen(c) && is_word(c2);
    }
    return 0;
}

/* 1 if the label 代码 (统一社会信用代码, 机构代码) stands in the LABEL_BACK bytes
** before p[i] on the same line. */
static int code_label_before(const char *p, size_t i) {
    static const char zLabel[] = "代码";
    const size_t nLabel = sizeof zLabel - 1;
    size_t iFrom = i > LABEL_BACK ? i - LABEL_BACK : 0;
    for (size_t j = i; j > iFrom; j--) {
        if (p[j - 1] == '\n') return 0;
        if (j - 1 + nLabel <= i && memcmp(p + j - 1, zLabel, nLabel) == 0) return 1;
    }
    return 0;
}

/* ---- The checks ----------------------------------------------------------------- */

/* Today as YYYYMMDD in China time (UTC+8). */
static int today_ymd(void) {
    time_t t = time(NULL) + 8 * 3600;
    struct tm tm;
    gmtime_r(&t, &tm);
    return (tm.tm_year + 1900) * 10000 + (tm.tm_mon + 1) * 100 + tm.tm_mday;
}

/* The value of the n ASCII digits at z. */
static int num(const char *z, int n) {
    int v = 0;
    for (int i = 0; i < n; i++) v = v * 10 + (z[i] - '0');
    return v;
}

/* 1 if y-m-d is a real date from 1900-01-01 to iToday (YYYYMMDD). */
static int birth_ok(int y, int m, int d, int iToday) {
    static const int aDays[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (y < 1900 || m < 1 || m > 12 || d < 1) return 0;
    int bLeap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    if (d > aDays[m - 1] + (m == 2 && bLeap)) return 0;
    return y * 10000 + m * 100 + d <= iToday;
}

/* 1 if the two ASCII digits at z are a province prefix of GB/T 2260 (and 71, 81, 82). */
static int province_ok(const char *z) {
    if (z[0] < '0' || z[0] > '9' || z[1] < '0' || z[1] > '9') return 0;
    int v = num(z, 2);
    return (v >= 11 && v <= 15) || (v >= 21 && v <= 23) || (v >= 31 && v <= 37) ||
           (v >= 41 && v <= 46) || (v >= 50 && v <= 54) || (v >= 61 && v <= 65) || v == 71 ||
           v == 81 || v == 82;
}

static int all_digits(const char *z, int n) {
    for (int i = 0; i < n; i++) {
        if (z[i] < '0' || z[i] > '9') return 0;
    }
    return 1;
}

/* The shape of a GB 11643 number without its check: 17 digits, a province, a birth
** date.  18 digits of this shape that fail the check are a mistyped ID, not a card. */
static int id18_shape(const char *z, int iToday) {
    return all_digits(z, 17) && province_ok(z) &&
           birth_ok(num(z + 6, 4), num(z + 10, 2), num(z + 12, 2), iToday);
}

/* GB 11643: the shape and the MOD 11-2 check character. */
static int id18_ok(const char *z, int iToday) {
    static const int aW[17] = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    if (!id18_shape(z, iToday)) return 0;
    int s = 0;
    for (int i = 0; i < 17; i++) s += (z[i] - '0') * aW[i];
    char c = z[17] == 'x' ? 'X' : z[17];
    return c == "10X98765432"[s % 11];
}

/* Old 15-digit numbers: province and a real 19YYMMDD birth date; no check digit. */
static int id15_ok(const char *z, int iToday) {
    return all_digits(z, 15) && province_ok(z) &&
           birth_ok(1900 + num(z + 6, 2), num(z + 8, 2), num(z + 10, 2), iToday);
}

/* 11 digits 1[3-9]…: the mobile number plan. */
static int mobile_ok(const char *z) {
    return all_digits(z, 11) && z[0] == '1' && z[1] >= '3' && z[1] <= '9';
}

/* A bank card: 16–19 digits, issuer class 3, 4, 5, 6 or 9 (not 1 or 2: serial numbers
** that start with a year), Luhn. */
static int card_ok(const char *z, int n) {
    return n >= 16 && n <= 19 && strchr("34569", z[0]) != NULL && mask_luhn_ok(z, (size_t)n);
}

int mask_id_valid(const char *z18) {
    return id18_ok(z18, today_ymd());
}

int mask_luhn_ok(const char *zDigits, size_t n) {
    int s = 0;
    if (n == 0) return 0;
    for (size_t i = 0; i < n; i++) {
        int d = zDigits[n - 1 - i] - '0';
        if (d < 0 || d > 9) return 0;
        if (i % 2 == 1) {
            d *= 2;
            if (d > 9) d -= 9;
        }
        s += d;
    }
    return s % 10 == 0;
}

int mask_uscc_valid(const char *z18) {
    static const char zAlpha[] = "0123456789ABCDEFGHJKLMNPQRTUWXY"; /* no I O S V Z */
    static const int aW[17] = {1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};
    int aV[18];
    for (int i = 0; i < 18; i++) {
        const char *pAt = z18[i] ? strchr(zAlpha, z18[i]) : NULL;
        if (!pAt) return 0;
        aV[i] = (int)(pAt - zAlpha);
    }
    if (!province_ok(z18 + 2)) return 0;
    int s = 0;
    for (int i = 0; i < 17; i++) s += aV[i] * aW[i];
    return aV[17] == (31 - s % 31) % 31;
}

const char *mask_kind_label(MaskKind e) {
    switch (e) {
    case MASK_ID: return "身份证号";
    case MASK_MOBILE: return "手机号码";
    case MASK_BANK: return "银行卡号";
    }
    return "个人信息";
}

const char *mask_kind_name(MaskKind e) {
    switch (e) {
    case MASK_ID: return "id";
    case MASK_MOBILE: return "mobile";
    case MASK_BANK: return "bank";
    }
    return "other";
}

/* ---- Hits --------------------------------------------------------------------- */

/* Record a hit over groups aG[g0..g1): from the digit nSkip of aG[g0] to the end of
** aG[g1-1] (its X too if bX); keep nHead leading and nTail trailing characters. */
static void emit(Scan *s, MaskKind e, int g0, int g1, int bX, int nSkip, int nHead,
                 int nTail) {
    const char *p = s->p;
    size_t n = s->n, i = s->aG[g0].iStart, j;
    int len, nChar = 0;
    for (int k = 0; k < nSkip; k++) {
        digit_at(p, n, i, &len);
        i += (size_t)len;
    }
    size_t iStart = i, iDigitsEnd = s->aG[g1 - 1].iEnd;
    size_t iEnd = bX ? s->aG[g1 - 1].iXEnd : iDigitsEnd;
    for (j = iStart; j < iDigitsEnd;) {
        if (digit_at(p, n, j, &len) >= 0) {
            nChar++;
            j += (size_t)len;
        } else {
            cp_at(p, n, j, &j); /* a separator */
        }
    }
    nChar += bX;
    /* One allocation for both strings: the span as written, then its mask. */
    char *zShown = arena_alloc(s->a, 2 * (iEnd - iStart + 1));
    memcpy(zShown, p + iStart, iEnd - iStart);
    zShown[iEnd - iStart] = 0;
    char *zOut = zShown + (iEnd - iStart + 1);
    size_t o = 0;
    int k = 0;
    for (j = iStart; j < iEnd;) {
        size_t jNext;
        int bChar = 1;
        if (j >= iDigitsEnd) {
            jNext = iEnd; /* the X */
        } else if (digit_at(p, n, j, &len) >= 0) {
            jNext = j + (size_t)len;
        } else {
            cp_at(p, n, j, &jNext);
            bChar = 0;
        }
        if (bChar && k >= nHead && k < nChar - nTail) {
            zOut[o++] = '*';
        } else {
            memcpy(zOut + o, p + j, jNext - j);
            o += jNext - j;
        }
        k += bChar;
        j = jNext;
    }
    zOut[o] = 0;
    if (s->nHit == s->nAlloc) {
        int nNew = s->nAlloc ? s->nAlloc * 2 : 16;
        MaskHit *aNew = arena_alloc(s->a, sizeof(MaskHit) * (size_t)nNew);
        if (s->nHit) memcpy(aNew, s->aHit, sizeof(MaskHit) * (size_t)s->nHit);
        s->aHit = aNew;
        s->nAlloc = nNew;
    }
    MaskHit *pHit = &s->aHit[s->nHit++];
    pHit->eKind = e;
    pHit->iStart = iStart;
    pHit->nLen = iEnd - iStart;
    pHit->zMasked = zOut;
    pHit->zShown = zShown;
}

/* 18 characters z (ASCII, X upper case) starting at byte iStart: 1 if an ID to mask.
** A valid 统一社会信用代码 labelled 代码 just before is public and stays. */
static int id18_here(Scan *s, const char *z, size_t iStart) {
    if (!id18_ok(z, s->iToday)) return 0;
    return !(mask_uscc_valid(z) && code_label_before(s->p, iStart));
}

/* Read group g alone.  Returns 1 on a hit. */
static int try_group(Scan *s, int g) {
    const Group *pG = &s->aG[g];
    const char *z = pG->zDigit;
    int nD = pG->nDigit;
    char zId[19];
    if (nD > GROUP_DIGITS || pG->bBadL) return 0;
    if (nD == 17 && pG->iXEnd && !pG->bBadRX) {
        memcpy(zId, z, 17);
        zId[17] = 'X';
        zId[18] = 0;
        if (id18_here(s, zId, pG->iStart)) {
            emit(s, MASK_ID, g, g + 1, 1, 0, 6, 4);
            return 1;
        }
    }
    if (pG->bBadR) return 0;
    if (nD == 18) {
        if (id18_here(s, z, pG->iStart)) {
            emit(s, MASK_ID, g, g + 1, 0, 0, 6, 4);
            return 1;
        }
        if (mask_uscc_valid(z) || id18_shape(z, s->iToday)) return 0; /* code; bad ID */
    }
    if (nD == 15 && id15_ok(z, s->iToday)) {
        emit(s, MASK_ID, g, g + 1, 0, 0, 6, 4);
        return 1;
    }
    if (nD == 11 && mobile_ok(z)) {
        emit(s, MASK_MOBILE, g, g + 1, 0, 0, 3, 4);
        return 1;
    }
    if (nD == 13 && z[0] == '8' && z[1] == '6' && mobile_ok(z + 2) && pG->eJoin == J_NONE) {
        size_t j;
        uint32_t c = cp_before(s->p, pG->iStart, &j);
        if (c == '+' || c == 0xFF0B) { /* +8613812345678 */
            emit(s, MASK_MOBILE, g, g + 1, 0, 2, 3, 4);
            return 1;
        }
    }
    if (card_ok(z, nD)) {
        emit(s, MASK_BANK, g, g + 1, 0, 0, 0, 4);
        return 1;
    }
    return 0;
}

/* Read groups aG[g0..g1) (2 to PATTERN_MAX of them) as one written number: a unit
** joined by hyphens, or a whole run joined by spaces.  Returns 1 on a hit. */
static int try_pattern(Scan *s, int g0, int g1) {
    char z[PATTERN_MAX * GROUP_DIGITS + 2];
    int aLen[PATTERN_MAX], k = g1 - g0, nD = 0;
    const Group *pFirst = &s->aG[g0], *pLast = &s->aG[g1 - 1];
    if (k < 2 || k > PATTERN_MAX || pFirst->bBadL) return 0;
    for (int i = 0; i < k; i++) {
        const Group *pG = &s->aG[g0 + i];
        if (pG->nDigit > GROUP_DIGITS) return 0;
        aLen[i] = pG->nDigit;
        memcpy(z + nD, pG->zDigit, (size_t)pG->nDigit);
        nD += pG->nDigit;
    }
    z[nD] = 0;
    if (k == 3 && aLen[0] == 6 && aLen[1] == 8 && aLen[2] == 3 && pLast->iXEnd &&
        !pLast->bBadRX) {
        z[17] = 'X'; /* 440308 19900101 123X */
        z[18] = 0;
        if (id18_here(s, z, pFirst->iStart)) {
            emit(s, MASK_ID, g0, g1, 1, 0, 6, 4);
            return 1;
        }
        return 0;
    }
    if (pLast->bBadR) return 0;
    if (k == 3 && aLen[0] == 3 && aLen[1] == 4 && aLen[2] == 4 && mobile_ok(z)) {
        emit(s, MASK_MOBILE, g0, g1, 0, 0, 3, 4);
        return 1;
    }
    if (((k == 4 && aLen[1] == 3 && aLen[2] == 4 && aLen[3] == 4) || (k == 2 && aLen[1] == 11)) &&
        aLen[0] == 2 && z[0] == '8' && z[1] == '6' && mobile_ok(z + 2)) {
        emit(s, MASK_MOBILE, g0 + 1, g1, 0, 0, 3, 4); /* 86 138 1234 5678: keep the 86 */
        return 1;
    }
    if (k == 3 && aLen[0] == 6 && aLen[1] == 8 && aLen[2] == 4 && id18_here(s, z, pFirst->iStart)) {
        emit(s, MASK_ID, g0, g1, 0, 0, 6, 4);
        return 1;
    }
    if (k == 3 && aLen[0] == 6 && aLen[1] == 6 && aLen[2] == 3 && id15_ok(z, s->iToday)) {
        emit(s, MASK_ID, g0, g1, 0, 0, 6, 4);
        return 1;
    }
    if ((k == 4 || (k == 5 && aLen[4] <= 3)) && aLen[0] == 4 && aLen[1] == 4 && aLen[2] == 4 &&
        aLen[3] == 4 && card_ok(z, nD)) {
        emit(s, MASK_BANK, g0, g1, 0, 0, 0, 4);
        return 1;
    }
    return 0;
}

/* Read the unit aG[u0..u1): as one number if it has a written shape, else each of its
** groups alone.  bLong: it continues a unit too long for any shape. */
static void unit_done(Scan *s, int u0, int u1, int bLong) {
    if (!bLong && u1 - u0 >= 2 && try_pattern(s, u0, u1)) return;
    for (int g = u0; g < u1; g++) try_group(s, g);
}

/* Read every unit of aG[g0..g1), in order. */
static void units_done(Scan *s, int g0, int g1) {
    int u0 = g0;
    while (u0 < g1) {
        int u1 = u0 + 1;
        while (u1 < g1 && s->aG[u1].eJoin == J_HYPHEN) u1++;
        unit_done(s, u0, u1, u0 == 0 && s->bUnitLong);
        u0 = u1;
    }
}

/* The buffer is full: the run is too long to be one number.  Read its finished
** units; keep the last unit unless it too is too long for any shape. */
static void flush_full(Scan *s) {
    int u = s->nG - 1;
    while (u > 0 && s->aG[u].eJoin == J_HYPHEN) u--;
    units_done(s, 0, u);
    int nLast = s->nG - u, bLong = u == 0 && s->bUnitLong;
    if (nLast > PATTERN_MAX || bLong) {
        for (int g = u; g < s->nG; g++) try_group(s, g);
        s->nG = 0;
        s->bUnitLong = 1;
    } else {
        memmove(s->aG, s->aG + u, sizeof(Group) * (size_t)nLast);
        s->nG = nLast;
        s->bUnitLong = 0;
    }
    s->bRunLong = 1;
}

/* The run in the buffer has ended: read it as one number if it is 2 to PATTERN_MAX
** single groups joined by spaces and has a written shape, else unit by unit. */
static void run_done(Scan *s) {
    int bWhole = !s->bRunLong && s->nG >= 2 && s->nG <= PATTERN_MAX;
    for (int g = 1; bWhole && g < s->nG; g++) {
        if (s->aG[g].eJoin != J_SPACE) bWhole = 0;
    }
    if (!(bWhole && try_pattern(s, 0, s->nG))) units_done(s, 0, s->nG);
    s->nG = 0;
    s->bRunLong = 0;
    s->bUnitLong = 0;
}

/* Read the chain of groups starting with the digit at *pi; *pi gets the byte after
** its last digit. */
static void scan_chain(Scan *s, size_t *pi) {
    const char *p = s->p;
    size_t n = s->n, i = *pi, j;
    int eJoin = J_NONE, len, d;
    for (;;) {
        Group g;
        g.iStart = i;
        g.nDigit = 0;
        g.eJoin = (unsigned char)eJoin;
        while (i < n && (d = digit_at(p, n, i, &len)) >= 0) {
            if (g.nDigit < GROUP_DIGITS) g.zDigit[g.nDigit] = (char)('0' + d);
            g.nDigit++;
            i += (size_t)len;
        }
        g.zDigit[g.nDigit < GROUP_DIGITS ? g.nDigit : GROUP_DIGITS] = 0;
        g.iEnd = i;
        uint32_t c = cp_at(p, n, i, &j);
        int bX = is_x(c);
        int eJoinNext = J_NONE;
        if (!bX && is_sep(c) && j < n && digit_at(p, n, j, &len) >= 0) {
            eJoinNext = is_hyphen(c) ? J_HYPHEN : J_SPACE;
        }
        if (eJoin == J_NONE && eJoinNext == J_NONE && !bX && g.nDigit < 11) {
            *pi = i; /* a lone short number (a year, a count): the common case */
            return;
        }
        g.bBadL = eJoin == J_NONE && left_bad(p, g.iStart);
        g.iXEnd = bX ? j : 0;
        g.bBadRX = bX ? (unsigned char)right_bad(p, n, j) : 1;
        eJoin = eJoinNext;
        g.bBadR = eJoin == J_NONE && right_bad(p, n, i);
        if (s->nG == PEND_MAX) flush_full(s);
        s->aG[s->nG++] = g;
        if (eJoin == J_NONE) break;
        i = j;
    }
    run_done(s);
    *pi = i;
}

/* ---- API ---------------------------------------------------------------------- */

int mask_find(Arena *a, const char *p, size_t n, MaskHit **paHit, int *pnHit) {
    *paHit = NULL;
    *pnHit = 0;
    if (n > MASK_MAX_INPUT) return ZW_ETOOBIG;
    Scan s;
    s.p = p;
    s.n = n;
    s.a = a;
    s.iToday = today_ymd();
    s.aHit = NULL;
    s.nHit = s.nAlloc = 0;
    s.nG = 0;
    s.bRunLong = s.bUnitLong = 0;
    size_t i = 0;
    int len;
    while (i < n) {
        if (digit_at(p, n, i, &len) < 0) {
            i++;
        } else {
            scan_chain(&s, &i);
        }
    }
    *paHit = s.aHit;
    *pnHit = s.nHit;
    return ZW_OK;
}

char *mask_apply(Arena *a, const char *p, size_t n, const MaskHit *aHit, int nHit,
                 size_t *pnOut) {
    size_t nOut = n, iAt = 0, o = 0;
    for (int k = 0; k < nHit; k++) {
        if (aHit[k].iStart < iAt || aHit[k].nLen > n - aHit[k].iStart) {
            die("mask_apply: hit %d out of order or out of bounds", k);
        }
        iAt = aHit[k].iStart + aHit[k].nLen;
        nOut = nOut - aHit[k].nLen + strlen(aHit[k].zMasked);
    }
    char *zOut = arena_alloc(a, nOut + 1);
    iAt = 0;
    for (int k = 0; k < nHit; k++) {
        size_t nMasked = strlen(aHit[k].zMasked);
        memcpy(zOut + o, p + iAt, aHit[k].iStart - iAt);
        o += aHit[k].iStart - iAt;
        memcpy(zOut + o, aHit[k].zMasked, nMasked);
        o += nMasked;
        iAt = aHit[k].iStart + aHit[k].nLen;
    }
    memcpy(zOut + o, p + iAt, n - iAt);
    o += n - iAt;
    zOut[o] = 0;
    if (pnOut) *pnOut = o;
    return zOut;
}

const char *mask_text(Arena *a, const char *z, int *pnHit) {
    MaskHit *aHit;
    int nHit;
    if (pnHit) *pnHit = 0;
    if (!z) return NULL;
    size_t n = strlen(z);
    if (mask_find(a, z, n, &aHit, &nHit) != ZW_OK) return NULL;
    if (pnHit) *pnHit = nHit;
    return mask_apply(a, z, n, aHit, nHit, NULL);
}
