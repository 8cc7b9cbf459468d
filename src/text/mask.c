// SPDX-License-Identifier: MIT
/*
** mask.c: one pass over the text collecting runs of digits (ASCII or full-width,
** optionally grouped by single spaces or hyphens), each classified as a whole and,
** failing that, group by group.  Classification checks the numbers themselves
** (check character, birth date, province, Luhn, mobile prefixes), so that digit
** strings that fail stay as they are.
*/
#include "mask.h"

#include <string.h>

#include "../core/str.h"
#include "../core/util.h"

#define RUN_MAX 40 /* digits; longer runs are account statements or tables, never masked */

/* One character of a run: its byte span and digit (or 'X'); separators have c == 0. */
typedef struct RunChar {
    size_t i, n;
    char c;
} RunChar;

static int digit_of(uint32_t cp) {
    if (cp >= '0' && cp <= '9') return (int)(cp - '0');
    if (cp >= 0xFF10 && cp <= 0xFF19) return (int)(cp - 0xFF10);
    return -1;
}

static int is_x(uint32_t cp) {
    return cp == 'X' || cp == 'x' || cp == 0xFF38 || cp == 0xFF58;
}

static int is_alnum_cp(uint32_t cp) {
    return (cp >= '0' && cp <= '9') || (cp >= 'A' && cp <= 'Z') || (cp >= 'a' && cp <= 'z') ||
           (cp >= 0xFF10 && cp <= 0xFF19) || (cp >= 0xFF21 && cp <= 0xFF3A) || (cp >= 0xFF41 && cp <= 0xFF5A);
}

const char *mask_kind_label(MaskKind e) {
    switch (e) {
    case MASK_ID: return "身份证号";
    case MASK_MOBILE: return "手机号码";
    case MASK_BANK: return "银行卡号";
    }
    return "个人信息";
}

static int valid_birth(int y, int m, int d) {
    static const int aDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (y < 1900 || y > util_year(util_now()) || m < 1 || m > 12 || d < 1) return 0;
    int nMax = aDays[m - 1] + (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0));
    return d <= nMax;
}

static int valid_province(const char *z) {
    int p = (z[0] - '0') * 10 + (z[1] - '0');
    return (p >= 11 && p <= 15) || (p >= 21 && p <= 23) || (p >= 31 && p <= 37) ||
           (p >= 41 && p <= 46) || (p >= 50 && p <= 54) || (p >= 61 && p <= 65) || p == 71 ||
           p == 81 || p == 82;
}

static int num(const char *z, int n) {
    int v = 0;
    for (int i = 0; i < n; i++) v = v * 10 + (z[i] - '0');
    return v;
}

int mask_id_valid(const char *z) {
    static const int aW[17] = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    int s = 0;
    for (int i = 0; i < 17; i++) {
        if (z[i] < '0' || z[i] > '9') return 0;
        s += (z[i] - '0') * aW[i];
    }
    char c = z[17] == 'x' ? 'X' : z[17];
    if (c != "10X98765432"[s % 11]) return 0;
    return valid_province(z) && valid_birth(num(z + 6, 4), num(z + 10, 2), num(z + 12, 2));
}

static int old_id_valid(const char *z) {
    for (int i = 0; i < 15; i++) {
        if (z[i] < '0' || z[i] > '9') return 0;
    }
    return valid_province(z) && valid_birth(1900 + num(z + 6, 2), num(z + 8, 2), num(z + 10, 2));
}

int mask_luhn_ok(const char *z, size_t n) {
    int s = 0;
    for (size_t i = 0; i < n; i++) {
        int d = z[n - 1 - i] - '0';
        if (d < 0 || d > 9) return 0;
        if (i % 2 == 1) {
            d *= 2;
            if (d > 9) d -= 9;
        }
        s += d;
    }
    return s % 10 == 0;
}

/* Classify digits z[0..n) (n digits, an ID may end in X); returns the kind or 0, and
** the number of leading and trailing digits kept visible. */
static MaskKind classify(const char *z, size_t n, int *pnHead, int *pnTail) {
    int bX = n > 0 && z[n - 1] == 'X';
    if (n == 18 && mask_id_valid(z)) {
        *pnHead = 6;
        *pnTail = 4;
        return MASK_ID;
    }
    if (bX) return 0;
    if (n == 15 && old_id_valid(z)) {
        *pnHead = 6;
        *pnTail = 4;
        return MASK_ID;
    }
    if (n == 11 && z[0] == '1' && z[1] >= '3' && z[1] <= '9') {
        *pnHead = 3;
        *pnTail = 4;
        return MASK_MOBILE;
    }
    if (n >= 16 && n <= 19 && strchr("34569", z[0]) && mask_luhn_ok(z, n)) {
        *pnHead = 0;
        *pnTail = 4;
        return MASK_BANK;
    }
    return 0;
}

typedef struct HitList {
    Arena *a;
    MaskHit *aHit;
    int nHit, nCap;
} HitList;

/* Record a hit over run characters aRun[iFrom..iTo] (inclusive), kind e. */
static void add_hit(HitList *h, const char *p, const RunChar *aRun, int iFrom, int iTo, MaskKind e,
                    int nHead, int nTail, int nDigits) {
    if (h->nHit == h->nCap) {
        int nNew = h->nCap ? h->nCap * 2 : 8;
        MaskHit *aNew = arena_alloc(h->a, sizeof(MaskHit) * (size_t)nNew);
        if (h->nHit) memcpy(aNew, h->aHit, sizeof(MaskHit) * (size_t)h->nHit);
        h->aHit = aNew;
        h->nCap = nNew;
    }
    MaskHit *m = &h->aHit[h->nHit++];
    m->eKind = e;
    m->iStart = aRun[iFrom].i;
    m->nLen = aRun[iTo].i + aRun[iTo].n - m->iStart;
    m->zShown = arena_strndup(h->a, p + m->iStart, m->nLen);
    Str s;
    str_init(&s, h->a);
    int k = 0;
    for (int j = iFrom; j <= iTo; j++) {
        if (!aRun[j].c) {
            str_append(&s, p + aRun[j].i, aRun[j].n); /* a separator */
            continue;
        }
        if (k < nHead || k >= nDigits - nTail) {
            str_append(&s, p + aRun[j].i, aRun[j].n);
        } else {
            str_putc(&s, '*');
        }
        k++;
    }
    m->zMasked = str_cstr(&s);
}

/* Try aRun[iFrom..iTo] as one number. */
static int try_span(HitList *h, const char *p, const RunChar *aRun, int iFrom, int iTo) {
    char z[RUN_MAX + 1];
    int n = 0;
    for (int j = iFrom; j <= iTo; j++) {
        if (aRun[j].c) {
            if (n >= RUN_MAX) return 0;
            z[n++] = aRun[j].c;
        }
    }
    z[n] = 0;
    int nHead = 0, nTail = 0;
    MaskKind e = classify(z, (size_t)n, &nHead, &nTail);
    if (!e) return 0;
    add_hit(h, p, aRun, iFrom, iTo, e, nHead, nTail, n);
    return 1;
}

/* Classify a whole run; failing that, each separator-delimited group. */
static void check_run(HitList *h, const char *p, const RunChar *aRun, int nRun) {
    if (nRun == 0 || try_span(h, p, aRun, 0, nRun - 1)) return;
    int iGroup = 0;
    for (int j = 0; j <= nRun; j++) {
        if (j == nRun || !aRun[j].c) {
            if (j > iGroup && !(iGroup == 0 && j == nRun)) try_span(h, p, aRun, iGroup, j - 1);
            iGroup = j + 1;
        }
    }
}

int mask_find(Arena *a, const char *p, size_t n, MaskHit **paHit, int *pnHit) {
    HitList h = {a, NULL, 0, 0};
    RunChar aRun[RUN_MAX * 2 + 2];
    const int nMax = (int)(sizeof aRun / sizeof aRun[0]);
    int nRun = 0, bTooLong = 0, bClosed = 0;
    uint32_t cpBefore = 0, cpPrev = 0; /* the character before the run; the previous one */
    size_t i = 0;
    for (;;) {
        uint32_t cp = 0;
        int len = 1;
        if (i < n) cp = utf8_decode(p + i, n - i, &len);
        int d = i < n ? digit_of(cp) : -1;
        if (i < n && !bClosed && (d >= 0 || (nRun > 0 && is_x(cp) && aRun[nRun - 1].c))) {
            if (nRun == 0) cpBefore = cpPrev;
            if (nRun < nMax) {
                aRun[nRun].i = i;
                aRun[nRun].n = (size_t)len;
                aRun[nRun].c = d >= 0 ? (char)('0' + d) : 'X';
                nRun++;
            } else {
                bTooLong = 1;
            }
            if (d < 0) bClosed = 1; /* X can only end an ID */
            cpPrev = cp;
            i += (size_t)len;
            continue;
        }
        if (i + 1 < n && !bClosed && nRun > 0 && (cp == ' ' || cp == '-') && aRun[nRun - 1].c) {
            int len2;
            if (digit_of(utf8_decode(p + i + 1, n - i - 1, &len2)) >= 0) {
                /* A single space or hyphen between digits groups them. */
                if (nRun < nMax) {
                    aRun[nRun].i = i;
                    aRun[nRun].n = 1;
                    aRun[nRun].c = 0;
                    nRun++;
                }
                cpPrev = cp;
                i += 1;
                continue;
            }
        }
        if (nRun > 0) {
            /* The run ends before cp.  It counts only between non-alphanumerics, not
            ** as the integer part of a decimal ("12345678901.5"), and not next to a
            ** mask ('*'), so masking is idempotent. */
            int bAfterOk = i >= n || (!is_alnum_cp(cp) && !is_x(cp) && cp != '*');
            if ((cp == '.' || cp == ',') && i + 1 < n && digit_of((unsigned char)p[i + 1]) >= 0) {
                bAfterOk = 0;
            }
            int bBeforeOk = !is_alnum_cp(cpBefore) && cpBefore != '.' && cpBefore != '/' &&
                            cpBefore != '*';
            if (bAfterOk && bBeforeOk && !bTooLong) check_run(&h, p, aRun, nRun);
            nRun = 0;
            bTooLong = 0;
            bClosed = 0;
        }
        if (i >= n) break;
        cpPrev = cp;
        i += (size_t)len;
    }
    *paHit = h.aHit;
    *pnHit = h.nHit;
    return 0;
}

const char *mask_text(Arena *a, const char *z, int *pnHit) {
    if (pnHit) *pnHit = 0;
    if (!z) return NULL;
    size_t n = strlen(z);
    MaskHit *aHit;
    int nHit;
    mask_find(a, z, n, &aHit, &nHit);
    if (pnHit) *pnHit = nHit;
    if (nHit == 0) return z;
    Str s;
    str_init(&s, a);
    size_t iAt = 0;
    for (int k = 0; k < nHit; k++) {
        str_append(&s, z + iAt, aHit[k].iStart - iAt);
        str_puts(&s, aHit[k].zMasked);
        iAt = aHit[k].iStart + aHit[k].nLen;
    }
    str_append(&s, z + iAt, n - iAt);
    return str_cstr(&s);
}
