// SPDX-License-Identifier: MIT
/*
** gongwen.c: the 公文 element extractor (see gongwen.h).  The text is normalised
** once (BOM, CR, tabs, controls and bad bytes), cut into its non-blank lines with
** their trimmed and "squeezed" (all spaces removed) forms, and then read in the
** order a clerk reads a page of GB/T 9704-2012:
**
**   1. 版头, from the top: 份号/密级/紧急程度 lines, 发文机关标志, the 文号 line
**      (with 签发人 on it or beside it), within the first ten lines and before any
**      line that ends in ： or holds 。.
**   2. 标题: the next lines that read like a title (no 。, no final punctuation, at
**      most 80 characters each); several lines only when they end in a 文种 word
**      such as 通知 within four lines, else one line.
**   3. 主送机关: the next line ending in ：, not a sentence ("现将…如下：").
**   4. 版记, from the bottom: the 份数 line, the "…印发" line with its date and the
**      印发机关 (same line or the line above), the 抄送 block above them (lines that
**      hold no 。 but at their end), and a "公开方式：…" line.
**   5. Between the two, the first line that is only a date is the 成文日期; the
**      org-like lines above it are the 署名, "附件：…" lines above those are the
**      附件说明, and "（此件…）" lines below it are 附注.  What remains between 主送
**      and 附件说明, and between the 附注 and the 版记, is the body.
**
** Body lines are joined when a page break split a paragraph: the first part ends in
** a Han character (or ，、) and is prose (has internal punctuation and at least 15
** characters, or at least 40), and the next part starts with a Han character, “,
** ‘ or 《, and is not a heading (一、 （一） 1. 第一条 ①).
**
** The 文号 line is read with docno_parse (src/text/docno.h), so every bracket and
** spelling of regs.md §8 is recognised and the 文号 comes out normalized.
**
** Relies on core/str (UTF-8, Str, JSON), core/arena and text/docno; knows nothing of storage.
*/
#include "gongwen.h"

#include <stdio.h>
#include <string.h>

#include "docno.h"

/* ------------------------------------------------------------ characters */

/* Han ideographs (and 〇), the characters that make a line "Chinese text". */
static int is_han(uint32_t c) {
    return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF) ||
           (c >= 0xF900 && c <= 0xFAFF) || (c >= 0x20000 && c <= 0x2FFFF) || c == 0x3007;
}

static int is_ascii_alnum(uint32_t c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* Bytes of the space at z (ASCII space, tab, U+3000, U+00A0), else 0. */
static size_t space_len(const char *z, size_t n) {
    if (n >= 1 && (z[0] == ' ' || z[0] == '\t')) return 1;
    if (n >= 3 && memcmp(z, "\xE3\x80\x80", 3) == 0) return 3;
    if (n >= 2 && memcmp(z, "\xC2\xA0", 2) == 0) return 2;
    return 0;
}

/* Sentence and list punctuation: a line holding one is not a name or a title. */
static int is_punct(uint32_t c) {
    switch (c) {
    case 0xFF0C: case 0x3002: case 0xFF1B: case 0xFF1A: case 0xFF01: case 0xFF1F:
    case 0x3001: case ',': case ';': case ':': case '!': case '?':
        return 1;
    default:
        return 0;
    }
}

/* The code point at z[i] (valid UTF-8 after normalisation); its length in *pLen. */
static uint32_t cp_at(const char *z, size_t n, size_t i, int *pLen) {
    return utf8_decode(z + i, n - i, pLen);
}

/* The last code point of z[0..n); 0 for an empty string. */
static uint32_t last_cp(const char *z, size_t n) {
    if (n == 0) return 0;
    size_t i = n - 1;
    while (i > 0 && ((unsigned char)z[i] & 0xC0) == 0x80) i--;
    int len;
    return cp_at(z, n, i, &len);
}

static uint32_t first_cp(const char *z, size_t n) {
    int len;
    return n ? cp_at(z, n, 0, &len) : 0;
}

static int starts_with(const char *z, size_t n, const char *zPre) {
    size_t k = strlen(zPre);
    return n >= k && memcmp(z, zPre, k) == 0;
}

static int ends_with(const char *z, size_t n, const char *zSuf) {
    size_t k = strlen(zSuf);
    return n >= k && memcmp(z + n - k, zSuf, k) == 0;
}

/* Byte offset of zNeedle in z[0..n), or -1. */
static long find(const char *z, size_t n, const char *zNeedle) {
    size_t k = strlen(zNeedle);
    if (k == 0 || k > n) return -1;
    const char *p = memmem(z, n, zNeedle, k);
    return p ? (long)(p - z) : -1;
}

static int has_punct(const char *z, size_t n) {
    for (size_t i = 0; i < n;) {
        int len;
        if (is_punct(cp_at(z, n, i, &len))) return 1;
        i += (size_t)len;
    }
    return 0;
}

/* A decimal digit at z (ASCII or full-width): its value, length in *pLen; else -1. */
static int dec_digit(const char *z, size_t n, int *pLen) {
    if (n >= 1 && z[0] >= '0' && z[0] <= '9') {
        *pLen = 1;
        return z[0] - '0';
    }
    if (n >= 3 && (unsigned char)z[0] == 0xEF && (unsigned char)z[1] == 0xBC &&
        (unsigned char)z[2] >= 0x90 && (unsigned char)z[2] <= 0x99) {
        *pLen = 3;
        return (unsigned char)z[2] - 0x90;
    }
    return -1;
}

/* Chinese numerals: 〇 一 … 九 as 0–9, 十 as 10; bYear also takes ○ 零 O o Ｏ as 0. */
static int han_digit(const char *z, size_t n, int bYear, int *pLen) {
    static const char *const azDigit[] = {"〇", "一", "二", "三", "四", "五", "六", "七", "八",
                                          "九", "十"};
    static const char *const azZero[] = {"○", "零", "Ｏ", "O", "o"};
    for (int i = 0; i < 11; i++) {
        if (starts_with(z, n, azDigit[i])) {
            *pLen = 3;
            return i;
        }
    }
    for (int i = 0; bYear && i < 5; i++) {
        if (starts_with(z, n, azZero[i])) {
            *pLen = (int)strlen(azZero[i]);
            return 0;
        }
    }
    return -1;
}

/* ------------------------------------------------------------ dates */

/* A year: exactly four digits, Arabic or Chinese.  Bytes used, or 0. */
static size_t scan_year(const char *z, size_t n, int *pY) {
    size_t i = 0;
    int y = 0, k, len;
    for (k = 0; k < 4; k++) {
        int d = dec_digit(z + i, n - i, &len);
        if (d < 0) break;
        y = y * 10 + d;
        i += (size_t)len;
    }
    if (k == 4 && dec_digit(z + i, n - i, &len) < 0) {
        *pY = y;
        return i;
    }
    i = 0;
    y = 0;
    for (k = 0; k < 4; k++) {
        int d = han_digit(z + i, n - i, 1, &len);
        if (d < 0 || d == 10) break;
        y = y * 10 + d;
        i += (size_t)len;
    }
    if (k == 4) {
        *pY = y;
        return i;
    }
    return 0;
}

/* A month or day: one or two Arabic digits, or 五 / 十 / 十五 / 二十 / 二十一.  Bytes
** used, or 0. */
static size_t scan_small(const char *z, size_t n, int *pV) {
    size_t i = 0;
    int v = 0, k, len;
    for (k = 0; k < 2; k++) {
        int d = dec_digit(z + i, n - i, &len);
        if (d < 0) break;
        v = v * 10 + d;
        i += (size_t)len;
    }
    if (k > 0) {
        if (dec_digit(z + i, n - i, &len) >= 0) return 0;
        *pV = v;
        return i;
    }
    int a = han_digit(z, n, 0, &len);
    if (a < 0 || a == 0) return 0;
    i = (size_t)len;
    if (a == 10) {
        v = 10;
    } else {
        int b = han_digit(z + i, n - i, 0, &len);
        if (b != 10) {
            *pV = a;
            return i;
        }
        i += (size_t)len;
        v = a * 10;
    }
    int c = han_digit(z + i, n - i, 0, &len);
    if (c >= 1 && c <= 9) {
        v += c;
        i += (size_t)len;
    }
    *pV = v;
    return i;
}

/* "Y年M月D日" at the start of z (no spaces inside; squeeze first).  Bytes used, or 0
** when z does not start with that shape; the numbers are not checked here. */
static size_t scan_date(const char *z, size_t n, int *pY, int *pM, int *pD) {
    size_t i = scan_year(z, n, pY), k;
    if (!i || !starts_with(z + i, n - i, "年")) return 0;
    i += 3;
    if (!(k = scan_small(z + i, n - i, pM)) || !starts_with(z + i + k, n - i - k, "月")) return 0;
    i += k + 3;
    if (!(k = scan_small(z + i, n - i, pD)) || !starts_with(z + i + k, n - i - k, "日")) return 0;
    return i + k + 3;
}

static int date_ok(int y, int m, int d) {
    static const int aDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (y < 1900 || y > 2099 || m < 1 || m > 12 || d < 1) return 0;
    int nDays = aDays[m - 1] + (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0));
    return d <= nDays;
}

int gongwen_date(const char *z, size_t n, char *zIso11) {
    char buf[128];
    size_t nBuf = 0;
    int y, m, d;
    zIso11[0] = 0;
    for (size_t i = 0; i < n;) {
        size_t k = space_len(z + i, n - i);
        if (k) {
            i += k;
            continue;
        }
        if (nBuf == sizeof buf - 1) return ZW_EINPUT;
        buf[nBuf++] = z[i++];
    }
    if (nBuf == 0 || scan_date(buf, nBuf, &y, &m, &d) != nBuf || !date_ok(y, m, d)) {
        return ZW_EINPUT;
    }
    snprintf(zIso11, 11, "%04d-%02d-%02d", y, m, d);
    return ZW_OK;
}

/* 1 if z is "YYYY-MM-DD" with digits in place (the calendar is not checked). */
static int iso_shape(const char *z) {
    for (int i = 0; i < 10; i++) {
        if (i == 4 || i == 7 ? z[i] != '-' : !(z[i] >= '0' && z[i] <= '9')) return 0;
    }
    return z[10] == 0;
}

/* ------------------------------------------------------------ lines */

/* One non-blank line of the normalised text. */
typedef struct Line {
    const char *z;  /* trimmed, NUL-terminated */
    size_t n;       /* bytes of z */
    const char *zs; /* z with every space removed, NUL-terminated */
    size_t ns;      /* bytes of zs */
    size_t nc;      /* code points of zs */
} Line;

/* A growing array of strings in an arena. */
typedef struct List {
    const char **a;
    int n, nCap;
} List;

static void list_add(Arena *a, List *l, const char *z) {
    if (l->n == l->nCap) {
        int nNew = l->nCap ? l->nCap * 2 : 8;
        const char **aNew = arena_alloc(a, (size_t)nNew * sizeof *aNew);
        if (l->n) memcpy(aNew, l->a, (size_t)l->n * sizeof *aNew);
        l->a = aNew;
        l->nCap = nNew;
    }
    l->a[l->n++] = z;
}

/* Copy p[0..n) with LF line ends, no BOM or zero-width characters, tabs and control
** characters as spaces, and U+FFFD for each invalid byte and NUL. */
static char *normalise(Arena *a, const char *p, size_t n, size_t *pnOut) {
    static const char zRepl[] = "\xEF\xBF\xBD";
    Str s;
    str_init(&s, a);
    size_t i = 0, iRun = 0;
    if (n >= 3 && memcmp(p, "\xEF\xBB\xBF", 3) == 0) i = iRun = 3;
    while (i < n) {
        unsigned char c = (unsigned char)p[i];
        if (c >= 0x20 && c < 0x7F) {
            i++;
            continue;
        }
        if (c == '\n') {
            i++;
            continue;
        }
        str_append(&s, p + iRun, i - iRun);
        if (c < 0x80) {
            if (c == '\r') {
                str_putc(&s, '\n');
                if (i + 1 < n && p[i + 1] == '\n') i++;
            } else if (c == 0) {
                str_append(&s, zRepl, 3);
            } else {
                str_putc(&s, ' '); /* tab, other C0 controls, DEL */
            }
            iRun = ++i;
            continue;
        }
        int len;
        uint32_t cp = utf8_decode(p + i, n - i, &len);
        if (cp == 0xFFFD && len == 1) {
            str_append(&s, zRepl, 3);
        } else if (cp == 0xFEFF || (cp >= 0x200B && cp <= 0x200D) || cp == 0x2060) {
            /* zero-width: dropped */
        } else if (cp == 0x2028 || cp == 0x2029 || cp == 0x85) {
            str_putc(&s, '\n');
        } else if (cp >= 0x80 && cp < 0xA0) {
            str_putc(&s, ' ');
        } else {
            str_append(&s, p + i, (size_t)len);
        }
        i += (size_t)len;
        iRun = i;
    }
    str_append(&s, p + iRun, n - iRun);
    *pnOut = s.n;
    return s.err ? NULL : (char *)str_cstr(&s);
}

/* 1 for a page number left by a PDF: "— 3 —", "-12-", "第2页", "第2页 共5页": up to
** four digits between dashes. */
static int is_page_number(const Line *L) {
    static const char *const azDash[] = {"-", "—", "–", "－", "─"};
    int nDigit = 0, nDash = 0, bLastDash = 0;
    if (L->ns > 40) return 0;
    if (starts_with(L->zs, L->ns, "第")) {
        size_t i = 3;
        int len;
        while (i < L->ns && dec_digit(L->zs + i, L->ns - i, &len) >= 0) i += (size_t)len, nDigit++;
        if (!nDigit || !starts_with(L->zs + i, L->ns - i, "页")) return 0;
        i += 3;
        if (i == L->ns) return 1;
        if (!starts_with(L->zs + i, L->ns - i, "共")) return 0;
        i += 3;
        nDigit = 0;
        while (i < L->ns && dec_digit(L->zs + i, L->ns - i, &len) >= 0) i += (size_t)len, nDigit++;
        return nDigit && i + 3 == L->ns && ends_with(L->zs, L->ns, "页");
    }
    for (size_t i = 0; i < L->ns;) {
        size_t k = 0;
        for (int j = 0; j < 5 && !k; j++) {
            if (starts_with(L->zs + i, L->ns - i, azDash[j])) k = strlen(azDash[j]);
        }
        if (k) {
            nDash++;
            i += k;
        } else if (L->zs[i] >= '0' && L->zs[i] <= '9' && nDash > 0) {
            nDigit++;
            i++;
        } else {
            return 0;
        }
        bLastDash = k > 0;
    }
    return nDigit > 0 && nDigit <= 4 && bLastDash;
}

/* Split the normalised text into its non-blank lines, trimmed, page numbers dropped. */
static Line *split_lines(Arena *a, const char *z, size_t n, int *pnLine) {
    size_t nMax = 1;
    for (size_t i = 0; i < n; i++) nMax += z[i] == '\n';
    Line *aLine = arena_alloc(a, nMax * sizeof *aLine);
    int nLine = 0;
    size_t i = 0;
    while (i < n) {
        const char *e = memchr(z + i, '\n', n - i);
        size_t j = e ? (size_t)(e - z) : n, b = i, k;
        while (b < j && (k = space_len(z + b, j - b)) > 0) b += k;
        while (j > b) {
            if (z[j - 1] == ' ' || z[j - 1] == '\t') {
                j--;
            } else if (j - b >= 3 && memcmp(z + j - 3, "\xE3\x80\x80", 3) == 0) {
                j -= 3;
            } else if (j - b >= 2 && memcmp(z + j - 2, "\xC2\xA0", 2) == 0) {
                j -= 2;
            } else {
                break;
            }
        }
        if (j > b) {
            Line *L = &aLine[nLine];
            L->z = arena_strndup(a, z + b, j - b);
            L->n = j - b;
            char *zs = arena_alloc(a, L->n + 1);
            size_t ns = 0, nc = 0;
            for (size_t q = 0; q < L->n;) {
                if ((k = space_len(L->z + q, L->n - q)) > 0) {
                    q += k;
                    continue;
                }
                if (((unsigned char)L->z[q] & 0xC0) != 0x80) nc++;
                zs[ns++] = L->z[q++];
            }
            zs[ns] = 0;
            L->zs = zs;
            L->ns = ns;
            L->nc = nc;
            if (!is_page_number(L)) nLine++;
        }
        i = e ? (size_t)(e - z) + 1 : n;
    }
    *pnLine = nLine;
    return aLine;
}

/* ------------------------------------------------------------ cleaning */

/* Copy z[0..n) without spaces, except one ASCII space between two ASCII letters or
** digits ("COVID 19").  For titles, names and list items. */
static char *clean_spaced(Arena *a, const char *z, size_t n) {
    char *zOut = arena_alloc(a, n + 1); /* never longer than the input */
    size_t nOut = 0;
    uint32_t cPrev = 0;
    for (size_t i = 0; i < n;) {
        size_t k = space_len(z + i, n - i), j = i;
        if (k) {
            while ((k = space_len(z + j, n - j)) > 0) j += k;
            int len;
            if (j < n && is_ascii_alnum(cPrev) && is_ascii_alnum(cp_at(z, n, j, &len))) {
                zOut[nOut++] = ' ';
            }
            i = j;
            continue;
        }
        int len;
        cPrev = cp_at(z, n, i, &len);
        memcpy(zOut + nOut, z + i, (size_t)len);
        nOut += (size_t)len;
        i += (size_t)len;
    }
    zOut[nOut] = 0;
    return zOut;
}

/* The 署名: spaced-out letters ("西 吉 县 人 民 政 府") are closed up; otherwise a
** wide gap (two or more spaces, or U+3000) between names becomes one space and a
** single stray space between Han characters goes. */
static char *clean_name(Arena *a, const char *z, size_t n) {
    int bSpacedOut = 1, nTok = 0;
    for (size_t i = 0; i < n;) {
        size_t k, j = i, nc = 0;
        while (i < n && (k = space_len(z + i, n - i)) > 0) i += k;
        j = i;
        while (j < n && space_len(z + j, n - j) == 0) {
            if (((unsigned char)z[j] & 0xC0) != 0x80) nc++;
            j++;
        }
        if (nc) nTok++;
        if (nc > 1) bSpacedOut = 0;
        i = j;
    }
    if (bSpacedOut || nTok < 2) return clean_spaced(a, z, n);
    Str s;
    str_init(&s, a);
    uint32_t cPrev = 0;
    size_t ncTok = 0; /* characters of the token before the gap */
    for (size_t i = 0; i < n;) {
        size_t k = space_len(z + i, n - i), j = i;
        if (k) {
            int bWide = 0, nSp = 0, len;
            while ((k = space_len(z + j, n - j)) > 0) {
                bWide |= k > 1;
                nSp++;
                j += k;
            }
            uint32_t cNext = cp_at(z, n, j, &len);
            size_t ncNext = 0;
            for (size_t q = j; q < n && space_len(z + q, n - q) == 0; q++) {
                ncNext += ((unsigned char)z[q] & 0xC0) != 0x80;
            }
            int bHan = is_han(cPrev) && is_han(cNext);
            int bSingles = bHan && ncTok == 1 && ncNext == 1; /* "马　明" is one name */
            if (!bSingles && (bWide || nSp > 1 || !bHan)) str_putc(&s, ' ');
            ncTok = bSingles ? 2 : 0;
            i = j;
            continue;
        }
        int len;
        cPrev = cp_at(z, n, i, &len);
        str_append(&s, z + i, (size_t)len);
        i += (size_t)len;
        ncTok++;
    }
    return (char *)str_cstr(&s);
}

/* Runs of spaces become one ASCII space (for lines kept as written). */
static char *collapse_spaces(Arena *a, const char *z, size_t n) {
    Str s;
    str_init(&s, a);
    for (size_t i = 0; i < n;) {
        size_t k = space_len(z + i, n - i);
        if (k) {
            while ((k = space_len(z + i, n - i)) > 0) i += k;
            str_putc(&s, ' ');
        } else {
            str_putc(&s, z[i++]);
        }
    }
    return (char *)str_cstr(&s);
}

/* Remove trailing 。；，、：and ASCII .;,: from z (in place); returns its new length. */
static size_t strip_trailing_punct(char *z, size_t n) {
    static const char *const azP[] = {"。", "；", "，", "、", "：", ";", ",", ":", "."};
    size_t n0 = n;
    for (int bMore = 1; bMore;) {
        bMore = 0;
        for (int j = 0; j < 9; j++) {
            if (ends_with(z, n, azP[j])) {
                n -= strlen(azP[j]);
                bMore = 1;
            }
        }
    }
    if (n != n0) z[n] = 0;
    return n;
}

/* Split a list of organs (主送, 抄送) into items.  Brackets (（）〔〕《》“” …) protect
** what they hold.  When the list is punctuated, items end at ，；。 (and at 、 only if
** there is none of those, so "区、市驻县各单位" stays one item in a ，-list) and line
** breaks are wraps inside an item; an unpunctuated list is split at line breaks and
** spaces.  Items are cleaned with clean_spaced() and lose trailing punctuation. */
static void split_organs(Arena *a, List *pOut, const char *z, size_t n) {
    int bTop = 0, bDun = 0, iDepth = 0;
    while (n > 0) { /* the list's own final punctuation does not count */
        uint32_t c = last_cp(z, n);
        if (!(is_punct(c) || c == '\n' || c == ' ')) break;
        size_t k = n - 1;
        while (k > 0 && ((unsigned char)z[k] & 0xC0) == 0x80) k--;
        n = k;
    }
    for (size_t i = 0; i < n;) {
        int len;
        uint32_t c = cp_at(z, n, i, &len);
        if (c == 0xFF08 || c == '(' || c == 0x3014 || c == 0x300A || c == 0x201C ||
            c == 0x3010 || c == '[' || c == 0x300C) {
            iDepth++;
        } else if ((c == 0xFF09 || c == ')' || c == 0x3015 || c == 0x300B || c == 0x201D ||
                    c == 0x3011 || c == ']' || c == 0x300D) && iDepth > 0) {
            iDepth--;
        } else if (iDepth == 0 && (c == 0xFF0C || c == 0xFF1B || c == 0x3002 || c == ',' ||
                                   c == ';')) {
            bTop = 1;
        } else if (iDepth == 0 && c == 0x3001) {
            bDun = 1;
        }
        i += (size_t)len;
    }
    int bPunct = bTop || bDun;
    size_t iStart = 0;
    iDepth = 0;
    Str t; /* the item being cut, reused */
    str_init(&t, a);
    for (size_t i = 0; i <= n;) {
        int len = 1, bSep = i == n;
        if (i < n) {
            uint32_t c = cp_at(z, n, i, &len);
            if (c == 0xFF08 || c == '(' || c == 0x3014 || c == 0x300A || c == 0x201C ||
                c == 0x3010 || c == '[' || c == 0x300C) {
                iDepth++;
            } else if ((c == 0xFF09 || c == ')' || c == 0x3015 || c == 0x300B ||
                        c == 0x201D || c == 0x3011 || c == ']' || c == 0x300D) &&
                       iDepth > 0) {
                iDepth--;
            } else if (iDepth == 0) {
                if (bTop) {
                    bSep = c == 0xFF0C || c == 0xFF1B || c == 0x3002 || c == ',' || c == ';';
                } else if (bDun) {
                    bSep = c == 0x3001;
                } else {
                    bSep = c == '\n' || c == ' ' || c == 0x3000 || c == 0xA0;
                }
            }
        }
        if (bSep) {
            str_reset(&t);
            for (size_t q = iStart; q < i; q++) {
                if (z[q] != '\n' || !bPunct) str_putc(&t, z[q]);
            }
            char *zItem = clean_spaced(a, t.z ? t.z : "", t.n);
            size_t nItem = strip_trailing_punct(zItem, strlen(zItem));
            if (nItem) list_add(a, pOut, zItem);
            iStart = i + (size_t)len;
        }
        i += (size_t)len;
    }
}

/* ------------------------------------------------------------ line kinds */

/* 1 if z starts like a heading: 一、 （一） (1) 1. 1、 第一条 ①. */
static int is_heading(const char *z, size_t n) {
    int len;
    size_t i;
    int k = 0;
    if (n == 0) return 0;
    uint32_t c = cp_at(z, n, 0, &len);
    if (c >= 0x2460 && c <= 0x2473) return 1;
    if (c == 0x7B2C) { /* 第 */
        for (i = (size_t)len; i < n && k < 6; k++) {
            int l2;
            if (han_digit(z + i, n - i, 0, &l2) >= 0 || dec_digit(z + i, n - i, &l2) >= 0 ||
                starts_with(z + i, n - i, "百")) {
                i += (size_t)(starts_with(z + i, n - i, "百") ? 3 : l2);
            } else {
                break;
            }
        }
        if (!k || i >= n) return 0;
        c = cp_at(z, n, i, &len);
        return c == 0x7AE0 || c == 0x8282 || c == 0x6761 || c == 0x6B3E || c == 0x90E8 ||
               c == 0x7F16; /* 章节条款部编 */
    }
    if (c == 0xFF08 || c == '(') {
        for (i = (size_t)len; i < n && k < 4; k++) {
            int l2;
            if (han_digit(z + i, n - i, 0, &l2) >= 0 || dec_digit(z + i, n - i, &l2) >= 0) {
                i += (size_t)l2;
            } else {
                break;
            }
        }
        return k > 0 && (starts_with(z + i, n - i, "）") || starts_with(z + i, n - i, ")"));
    }
    if (han_digit(z, n, 0, &len) >= 0) {
        for (i = 0; i < n && k < 4; k++) {
            int l2;
            if (han_digit(z + i, n - i, 0, &l2) < 0) break;
            i += (size_t)l2;
        }
        return starts_with(z + i, n - i, "、") || starts_with(z + i, n - i, "．");
    }
    if (dec_digit(z, n, &len) >= 0) {
        for (i = 0; i < n && k < 3; k++) {
            int l2;
            if (dec_digit(z + i, n - i, &l2) < 0) break;
            i += (size_t)l2;
        }
        if (starts_with(z + i, n - i, "、") || starts_with(z + i, n - i, "）") ||
            starts_with(z + i, n - i, ")")) {
            return 1;
        }
        if (starts_with(z + i, n - i, ".") || starts_with(z + i, n - i, "．")) {
            size_t j = i + (z[i] == '.' ? 1 : 3);
            return dec_digit(z + j, n - j, &len) < 0;
        }
    }
    return 0;
}

/* 1 if the squeezed line is only a date; 2 if it has the shape of one but is not a
** real day.  The date, as numbers, in *pY, *pM, *pD. */
static int date_only(const Line *L, int *pY, int *pM, int *pD) {
    if (L->ns > 80 || scan_date(L->zs, L->ns, pY, pM, pD) != L->ns) return 0;
    return date_ok(*pY, *pM, *pD) ? 1 : 2;
}

/* A date that ends the squeezed text zs[0..ns): its start offset, or -1.  ns is small
** (callers check), so trying each start is cheap. */
static long date_suffix(const char *zs, size_t ns, int *pY, int *pM, int *pD) {
    for (size_t i = 0; i < ns;) {
        int len;
        if (scan_date(zs + i, ns - i, pY, pM, pD) == ns - i) return (long)i;
        cp_at(zs, ns, i, &len);
        i += (size_t)len;
    }
    return -1;
}

/* Title words: a title ends in its 文种. */
static int ends_in_genre(const char *z, size_t n) {
    static const char *const azGenre[] = {
        "通知", "通报", "通告", "公告", "公报", "决定", "决议", "命令", "令", "意见", "请示",
        "批复", "报告", "议案", "纪要", "函", "方案", "办法", "规定", "细则", "要点", "规划",
        "计划", "条例", "章程", "总结", "公示", "指南", "制度", "目录", "实施意见", "规则"};
    for (size_t i = 0; i < sizeof azGenre / sizeof azGenre[0]; i++) {
        if (ends_with(z, n, azGenre[i])) return 1;
    }
    return 0;
}

/* Lines that open the 版记 or the 附件说明 and are never titles or names. */
static int is_labelled(const Line *L) {
    static const char *const azLabel[] = {"附件", "抄送", "抄报", "签发人", "主送", "联系人",
                                          "印发", "公开方式", "信息公开选项"};
    for (size_t i = 0; i < sizeof azLabel / sizeof azLabel[0]; i++) {
        if (starts_with(L->zs, L->ns, azLabel[i])) return 1;
    }
    return 0;
}

/* A title line: no 。, no final punctuation, at most 80 characters, not a date, a
** heading or a labelled line. */
static int title_like(const Line *L) {
    int y, m, d;
    uint32_t c = last_cp(L->zs, L->ns);
    return L->nc <= 80 && find(L->zs, L->ns, "。") < 0 && !is_punct(c) && c != '.' &&
           !date_only(L, &y, &m, &d) && !is_heading(L->zs, L->ns) && !is_labelled(L) &&
           !starts_with(L->zs, L->ns, "特此");
}

/* A 主送 line: ends in ：, no 。, not a sentence that announces what follows. */
static int addressee_like(const Line *L, int bLast) {
    static const char *const azSentence[] = {"如下", "现将", "根据", "按照", "为了", "为进一步",
                                             "经研究", "特此", "通知", "报告", "请示"};
    uint32_t c = last_cp(L->zs, L->ns);
    if (L->nc > 150 || L->nc < 2 || find(L->zs, L->ns, "。") >= 0 || is_heading(L->zs, L->ns) ||
        is_labelled(L)) {
        return 0;
    }
    if (bLast ? (c != 0xFF1A && c != ':') : (c != 0xFF0C && c != 0x3001)) return 0;
    for (size_t i = 0; i < sizeof azSentence / sizeof azSentence[0]; i++) {
        if (find(L->zs, L->ns, azSentence[i]) >= 0) return 0;
    }
    return 1;
}

/* An organ's name on its own line: 2–40 characters, no punctuation, not a date,
** heading, label or bracketed note. */
static int org_like(const Line *L) {
    int y, m, d;
    uint32_t c = first_cp(L->zs, L->ns);
    return L->nc >= 2 && L->nc <= 40 && !has_punct(L->zs, L->ns) && !date_only(L, &y, &m, &d) &&
           !is_heading(L->zs, L->ns) && !is_labelled(L) && c != 0xFF08 && c != '(';
}

/* An organ's name by its last character(s), for the second and later 署名 lines. */
static int org_suffix(const Line *L) {
    static const char *const azSuffix[] = {"局", "委", "办", "院", "府", "室", "会", "部", "厅",
                                           "处", "所", "中心", "镇", "乡", "街道", "队", "站",
                                           "社", "行", "司", "组", "团", "联", "馆", "校", "厂",
                                           "署", "庭", "区", "县", "市", "省", "公司"};
    for (size_t i = 0; i < sizeof azSuffix / sizeof azSuffix[0]; i++) {
        if (ends_with(L->zs, L->ns, azSuffix[i])) return 1;
    }
    return 0;
}

/* The 公开方式 named by text such as "此件公开发布" or "依申请公开", or NULL. */
static const char *disclosure_of(const char *z, size_t n) {
    if (find(z, n, "不予公开") >= 0 || find(z, n, "不公开") >= 0) return "不予公开";
    if (find(z, n, "依申请公开") >= 0) return "依申请公开";
    if (find(z, n, "删减后公开") >= 0 || find(z, n, "部分公开") >= 0) return "部分公开";
    if (find(z, n, "公开发布") >= 0 || find(z, n, "主动公开") >= 0 ||
        (n == strlen("此件公开") && memcmp(z, "此件公开", n) == 0)) {
        return "主动公开";
    }
    return NULL;
}

/* A 附注 line under the date: wholly in brackets, or starting with 此件.  The inner
** text (squeezed) goes to *pzIn / *pnIn. */
static int note_line(const Line *L, const char **pzIn, size_t *pnIn) {
    const char *z = L->zs;
    size_t n = L->ns;
    if ((starts_with(z, n, "（") && ends_with(z, n, "）") && n >= 6) ||
        (starts_with(z, n, "(") && ends_with(z, n, ")") && n >= 2)) {
        size_t k = z[0] == '(' ? 1 : 3;
        *pzIn = z + k;
        *pnIn = n - 2 * k;
        return L->nc <= 120;
    }
    if (starts_with(z, n, "此件") && L->nc <= 20) {
        *pzIn = z;
        *pnIn = n;
        if (ends_with(z, n, "。")) *pnIn -= 3;
        return 1;
    }
    return 0;
}

/* A disclosure 附注 that may be dropped from the body wherever it stands. */
static const char *disclosure_note(const Line *L) {
    const char *zIn;
    size_t nIn;
    if (!note_line(L, &zIn, &nIn) || !starts_with(zIn, nIn, "此件") || L->nc > 20) return NULL;
    return disclosure_of(zIn, nIn);
}

/* A 版记 line "公开方式：主动公开" (also 公开属性, 信息公开选项): the value, or NULL. */
static const char *disclosure_label(const Line *L) {
    static const char *const azLabel[] = {"公开方式", "公开属性", "信息公开选项", "公开类型"};
    for (size_t i = 0; i < sizeof azLabel / sizeof azLabel[0]; i++) {
        size_t k = strlen(azLabel[i]);
        if (L->nc <= 24 && starts_with(L->zs, L->ns, azLabel[i]) &&
            (starts_with(L->zs + k, L->ns - k, "：") || starts_with(L->zs + k, L->ns - k, ":"))) {
            return disclosure_of(L->zs + k, L->ns - k);
        }
    }
    return NULL;
}

/* The 份数 line: "纸发40份 电发101份", "共印20份", "（印50份）". */
static int copies_line(const Line *L) {
    static const char *const azKey[] = {"纸发", "电发", "共印", "印数", "份数", "印制", "发"};
    const char *z = L->zs;
    size_t n = L->ns;
    int bDigit = 0, bKey = 0;
    if (L->nc > 40 || find(z, n, "。") >= 0 || ends_with(z, n, "印发")) return 0;
    while (ends_with(z, n, "）") || ends_with(z, n, ")")) n -= ends_with(z, n, ")") ? 1 : 3;
    if (!ends_with(z, n, "份")) return 0;
    for (size_t i = 0; i < n; i++) bDigit |= z[i] >= '0' && z[i] <= '9';
    for (size_t i = 0; i < n;) {
        int len;
        bDigit |= dec_digit(z + i, n - i, &len) >= 0;
        cp_at(z, n, i, &len);
        i += (size_t)len;
    }
    for (size_t i = 0; i < sizeof azKey / sizeof azKey[0]; i++) bKey |= find(z, n, azKey[i]) >= 0;
    return bDigit && (bKey || starts_with(z, n, "印"));
}

/* Read 纸发/电发/共印 N份 into the counts. */
static void copies_counts(const Line *L, Gongwen *g) {
    const char *z = L->zs;
    size_t n = L->ns;
    for (size_t i = 0; i < n;) {
        int len;
        if (dec_digit(z + i, n - i, &len) < 0) {
            cp_at(z, n, i, &len);
            i += (size_t)len;
            continue;
        }
        size_t j = i;
        int64_t v = 0;
        int nDigit = 0, d;
        while (j < n && (d = dec_digit(z + j, n - j, &len)) >= 0) {
            if (nDigit++ < 12) v = v * 10 + d;
            j += (size_t)len;
        }
        if (starts_with(z + j, n - j, "份") && nDigit <= 12) {
            int bElec = i >= 6 && (memcmp(z + i - 6, "电发", 6) == 0 ||
                                   memcmp(z + i - 6, "电子", 6) == 0);
            if (bElec) {
                g->nCopiesElectronic = v;
            } else if (g->nCopiesPaper < 0) {
                g->nCopiesPaper = v;
            }
        }
        i = j;
    }
}

/* The 抄送 block: a line that starts with 抄送 or 抄报. */
static int cc_start(const Line *L) {
    return starts_with(L->zs, L->ns, "抄送") || starts_with(L->zs, L->ns, "抄报");
}

/* A line of a 抄送 block: no 。 but at its end, not too long. */
static int cc_like(const Line *L) {
    long k = find(L->zs, L->ns, "。");
    return L->nc <= 300 && (k < 0 || (size_t)k + 3 == L->ns);
}

/* The offset in L->z just past zLabel (which starts L->zs; the original may have
** spaces inside it, "抄 送"), spaces, and one ： or :. */
static size_t after_label(const Line *L, const char *zLabel) {
    size_t i = 0, j = 0, k, nLabel = strlen(zLabel);
    while (j < nLabel && i < L->n) {
        if ((k = space_len(L->z + i, L->n - i)) > 0) {
            i += k;
        } else if (L->z[i] == zLabel[j]) {
            i++;
            j++;
        } else {
            break;
        }
    }
    while (i < L->n && (k = space_len(L->z + i, L->n - i)) > 0) i += k;
    if (starts_with(L->z + i, L->n - i, "：")) {
        i += 3;
    } else if (starts_with(L->z + i, L->n - i, ":")) {
        i += 1;
    }
    return i;
}

/* ------------------------------------------------------------ 文号 */

/* 1 if the squeezed zs[0..ns) is wholly a 文号 (docno_parse: every bracket and
** spelling of regs.md §8, orders such as 国务院令第711号); its value goes to *pD. */
static int docno_match(Arena *a, const char *zs, size_t ns, Docno *pD) {
    if (ns > 120) return 0;
    if (docno_parse(a, arena_strndup(a, zs, ns), pD, NULL) == ZW_OK) return 1;
    /* A 令's own line: 第N号 under the 令 mark, with no 代字. */
    int len, nSeq = 0;
    int64_t iSeq = 0;
    size_t i = 3;
    if (!starts_with(zs, ns, "第") || !ends_with(zs, ns, "号")) return 0;
    for (int d; i < ns - 3 && (d = dec_digit(zs + i, ns - 3 - i, &len)) >= 0; i += (size_t)len) {
        iSeq = iSeq * 10 + d;
        nSeq++;
    }
    if (i != ns - 3 || nSeq < 1 || nSeq > 6 || iSeq < 1) return 0;
    memset(pD, 0, sizeof *pD);
    pD->iSeq = iSeq;
    pD->bOrder = 1;
    pD->zOrg = "";
    pD->zNormalized = arena_printf(a, "第%lld号", (long long)iSeq);
    return 1;
}

/* Names of 签发人 in z[0..n): split at spaces and ，、; single characters next to each
** other are one name written spaced out ("张  三"). */
static void add_signers(Arena *a, List *pOut, const char *z, size_t n) {
    Str cur;
    str_init(&cur, a);
    int bSingles = 0; /* cur holds exactly one single-character token */
    size_t i = 0;
    while (i <= n) {
        size_t j = i, k;
        while (j < n && space_len(z + j, n - j) == 0 && !starts_with(z + j, n - j, "，") &&
               !starts_with(z + j, n - j, "、") && z[j] != ',') {
            j++;
        }
        size_t nTok = j - i;
        int bSep = j < n && space_len(z + j, n - j) == 0; /* ，、, end a name for sure */
        if (nTok) {
            int bSingle = utf8_len(z + i, nTok) == 1;
            if (cur.n && !(bSingle && bSingles)) {
                list_add(a, pOut, arena_strndup(a, cur.z, cur.n));
                str_reset(&cur);
            }
            bSingles = bSingle && cur.n == 0; /* two single characters make one name */
            str_append(&cur, z + i, nTok);
            if (bSep) {
                list_add(a, pOut, arena_strndup(a, cur.z, cur.n));
                str_reset(&cur);
            }
        }
        if (j >= n) break;
        k = space_len(z + j, n - j);
        i = j + (k ? k : (z[j] == ',' ? 1 : 3));
    }
    if (cur.n) list_add(a, pOut, arena_strndup(a, cur.z, cur.n));
}

/* A 文号 line, perhaps with "签发人：…" or, when bNames, names after it.  On success
** the 文号 (squeezed) goes to *pzDocno and the signer text to *pzSign, *pnSign. */
static int docno_line(Arena *a, const Line *L, int bNames, char **pzDocno, int *pYear,
                      const char **pzSign, size_t *pnSign) {
    if (L->n > 300) return 0;
    long iSign = find(L->z, L->n, "签发人");
    size_t nLeft = iSign >= 0 ? (size_t)iSign : L->n;
    char buf[320];
    size_t nBuf = 0, i = 0, k;
    *pzSign = NULL;
    *pnSign = 0;
    while (i < nLeft) {
        while (i < nLeft && (k = space_len(L->z + i, nLeft - i)) > 0) i += k;
        if (i >= nLeft) break;
        size_t j = i;
        while (j < nLeft && space_len(L->z + j, nLeft - j) == 0) j++;
        memcpy(buf + nBuf, L->z + i, j - i);
        nBuf += j - i;
        i = j;
        Docno d;
        if (docno_match(a, buf, nBuf, &d)) {
            while (i < nLeft && (k = space_len(L->z + i, nLeft - i)) > 0) i += k;
            if (i < nLeft && !bNames && iSign < 0) return 0; /* something else follows */
            *pzDocno = (char *)d.zNormalized;
            *pYear = d.iYear;
            if (iSign >= 0) {
                size_t s = (size_t)iSign + strlen("签发人");
                if (starts_with(L->z + s, L->n - s, "：")) s += 3;
                if (starts_with(L->z + s, L->n - s, ":")) s += 1;
                *pzSign = L->z + s;
                *pnSign = L->n - s;
            } else if (i < nLeft) {
                *pzSign = L->z + i;
                *pnSign = nLeft - i;
            }
            return 1;
        }
    }
    return 0;
}

/* Bytes of a 密级 at z: 绝密/机密/秘密, then perhaps ★ and a period ("★1年"), up to
** an urgency word; 0 if there is none. */
static size_t secrecy_len(const char *z, size_t n) {
    static const char *const azSecret[] = {"绝密", "机密", "秘密"};
    static const char *const azStar[] = {"★", "☆", "*", "＊"};
    for (int j = 0; j < 3; j++) {
        if (!starts_with(z, n, azSecret[j])) continue;
        size_t i = 6, nc = 0;
        for (int k = 0; k < 4; k++) {
            if (starts_with(z + i, n - i, azStar[k])) {
                i += strlen(azStar[k]);
                while (i < n && nc < 8 && !starts_with(z + i, n - i, "特") &&
                       !starts_with(z + i, n - i, "加急") && !starts_with(z + i, n - i, "平急")) {
                    int len;
                    cp_at(z, n, i, &len);
                    i += (size_t)len;
                    nc++;
                }
                break;
            }
        }
        return i;
    }
    return 0;
}

/* 份号, 密级 and 紧急程度 at the top: "000001", "秘密★1年", "特急", "机密★5年 特急".
** Sets zSecrecy/zUrgency and returns 1 when the whole line is made of these. */
static int header_marks(Arena *a, const Line *L, Gongwen *g) {
    static const char *const azUrgent[] = {"特急", "加急", "特提", "平急"};
    const char *z = L->zs, *zSec = NULL, *zUrg = NULL;
    size_t n = L->ns, nSec = 0, i;
    int len, bDigits = 1;
    if (L->nc > 24) return 0;
    for (i = 0; i < n;) {
        if (dec_digit(z + i, n - i, &len) < 0) bDigits = 0;
        cp_at(z, n, i, &len);
        i += (size_t)len;
    }
    if (bDigits && L->nc <= 8) return 1; /* 份号 */
    for (i = 0; i < n;) {
        int bUrg = 0;
        for (int j = 0; j < 4 && !bUrg; j++) {
            if (starts_with(z + i, n - i, azUrgent[j])) {
                zUrg = azUrgent[j];
                i += 6;
                bUrg = 1;
            }
        }
        if (bUrg) continue;
        size_t k = secrecy_len(z + i, n - i);
        if (!k) return 0;
        zSec = z + i;
        nSec = k;
        i += k;
    }
    if (zSec) g->zSecrecy = arena_strndup(a, zSec, nSec);
    if (zUrg) g->zUrgency = zUrg;
    return 1;
}

/* 1 if the line is only names (after a 签发人 line): 1–4 tokens of 1–4 Han each. */
static int names_only(const Line *L) {
    int nTok = 0;
    if (L->nc > 16 || has_punct(L->zs, L->ns) || ends_in_genre(L->zs, L->ns)) return 0;
    for (size_t i = 0; i < L->n;) {
        size_t k;
        while (i < L->n && (k = space_len(L->z + i, L->n - i)) > 0) i += k;
        if (i >= L->n) break;
        int nc = 0, len;
        while (i < L->n && space_len(L->z + i, L->n - i) == 0) {
            if (!is_han(cp_at(L->z, L->n, i, &len))) return 0;
            i += (size_t)len;
            nc++;
        }
        if (nc > 4 || ++nTok > 4) return 0;
    }
    return nTok > 0;
}

/* ------------------------------------------------------------ attachments */

/* The number that opens an 附件说明 item: "1." "1．" "1、" "（1）"; bytes, or 0. */
static size_t item_number(const char *z, size_t n) {
    size_t i = 0;
    int len, k = 0;
    int bParen = starts_with(z, n, "（") || starts_with(z, n, "(");
    if (bParen) i = z[0] == '(' ? 1 : 3;
    while (k < 2 && dec_digit(z + i, n - i, &len) >= 0) i += (size_t)len, k++;
    if (!k) return 0;
    if (bParen) {
        if (starts_with(z + i, n - i, "）")) return i + 3;
        return starts_with(z + i, n - i, ")") ? i + 1 : 0;
    }
    if (starts_with(z + i, n - i, ".")) return i + 1;
    if (starts_with(z + i, n - i, "．") || starts_with(z + i, n - i, "、")) return i + 3;
    return 0;
}

/* An 附件说明 continuation: a numbered item, or a short wrapped name. */
static int attachment_like(const Line *L) {
    long k = find(L->zs, L->ns, "。");
    if (k >= 0 && (size_t)k + 3 != L->ns) return 0;
    if (item_number(L->zs, L->ns)) return L->nc <= 120;
    return L->nc <= 60 && !has_punct(L->zs, L->ns);
}

static void attach_flush(Arena *a, List *pOut, Str *pCur) {
    if (pCur->n) {
        char *z = clean_spaced(a, pCur->z, pCur->n);
        if (strip_trailing_punct(z, strlen(z))) list_add(a, pOut, z);
    }
    str_reset(pCur);
}

/* Items of the 附件说明 lines [iFrom, iTo): the first starts with 附件：; an item
** starts at a number at a line start or after spaces, else a line continues the
** item before it. */
static void parse_attachments(Arena *a, const Line *aLine, int iFrom, int iTo, List *pOut) {
    Str cur;
    str_init(&cur, a);
    for (int iL = iFrom; iL < iTo; iL++) {
        const char *z = aLine[iL].z;
        size_t n = aLine[iL].n, i = iL == iFrom ? after_label(&aLine[iL], "附件") : 0, k;
        int bStart = 1; /* at a line start or after spaces */
        while (i < n) {
            if ((k = space_len(z + i, n - i)) > 0) {
                str_putc(&cur, ' ');
                i += k;
                bStart = 1;
                continue;
            }
            size_t m = bStart ? item_number(z + i, n - i) : 0;
            if (m) {
                attach_flush(a, pOut, &cur);
                i += m;
            } else {
                str_putc(&cur, z[i++]);
            }
            bStart = 0;
        }
    }
    attach_flush(a, pOut, &cur);
}

/* ------------------------------------------------------------ body */

/* The paragraph being built: what the join test needs to know about it. */
typedef struct Para {
    int bOpen;      /* a paragraph has been started */
    uint32_t cLast; /* its last code point */
    size_t nc;      /* its characters */
    int bPunct;     /* it holds ，。；：、 */
} Para;

/* 1 if line L continues the paragraph p across a page break (see the file comment). */
static int joins(const Para *p, const Line *L) {
    if (!p->bOpen) return 0;
    if (!(is_han(p->cLast) || p->cLast == 0xFF0C || p->cLast == 0x3001)) return 0;
    if (!((p->bPunct && p->nc >= 15) || p->nc >= 40)) return 0;
    uint32_t c = first_cp(L->zs, L->ns);
    if (!(is_han(c) || c == 0x201C || c == 0x2018 || c == 0x300A)) return 0;
    return !is_heading(L->zs, L->ns) && !is_labelled(L);
}

/* Append the body lines [iFrom, iTo) to s, one paragraph per line.  Disclosure notes
** standing alone in the body are taken into g instead. */
static void body_lines(Str *s, const Line *aLine, int iFrom, int iTo, Gongwen *g) {
    Para p = {0, 0, 0, 0};
    for (int i = iFrom; i < iTo; i++) {
        const Line *L = &aLine[i];
        const char *zDis = disclosure_note(L);
        if (zDis) {
            if (!g->zDisclosure) g->zDisclosure = zDis;
            continue;
        }
        if (!joins(&p, L)) {
            if (s->n) str_putc(s, '\n');
            p.nc = 0;
            p.bPunct = 0;
        }
        str_append(s, L->z, L->n);
        p.bOpen = 1;
        p.cLast = last_cp(L->zs, L->ns);
        p.nc += L->nc;
        p.bPunct |= has_punct(L->zs, L->ns);
    }
}

/* ------------------------------------------------------------ the parse */

static void warnf(Arena *a, List *pW, const char *zMsg) {
    list_add(a, pW, zMsg);
}

int gongwen_parse(Arena *a, const char *z, size_t n, const char *zToday, Gongwen *pOut,
                  Err *err) {
    Gongwen *g = pOut;
    memset(g, 0, sizeof *g);
    g->nCopiesPaper = g->nCopiesElectronic = -1;
    if (n > GONGWEN_MAX_INPUT) {
        return err_set(err, ZW_ETOOBIG, "too_big", "公文文本超过 16 MB", "gongwen: input too big");
    }
    if (zToday && !iso_shape(zToday)) {
        return err_set(err, ZW_EINPUT, "bad_today", "今天的日期应写作 YYYY-MM-DD",
                       "gongwen: malformed today");
    }
    size_t nText;
    const char *zText = normalise(a, z ? z : "", z ? n : 0, &nText);
    if (!zText) {
        return err_set(err, ZW_ETOOBIG, "too_big", "公文文本过大", "gongwen: normalise overflow");
    }
    int nLine;
    Line *aLine = split_lines(a, zText, nText, &nLine);
    List signers = {0}, addressees = {0}, cc = {0}, attachments = {0}, warnings = {0};
    int y, m, d, iDocYear = 0;

    /* 1. 版头: find the 文号 line first, then classify the lines above and below it. */
    int iDocno = -1, iLine = 0;
    char *zDocno = NULL;
    const char *zSign = NULL;
    size_t nSign = 0;
    for (int k = 0, bSeen = 0; k < nLine && k < 10; k++) {
        const Line *L = &aLine[k];
        uint32_t c = last_cp(L->zs, L->ns);
        if (docno_line(a, L, bSeen, &zDocno, &iDocYear, &zSign, &nSign)) {
            iDocno = k;
            break;
        }
        if (starts_with(L->zs, L->ns, "签发人")) {
            bSeen = 1;
            continue;
        }
        if (c == 0xFF1A || c == ':' || find(L->zs, L->ns, "。") >= 0) break;
    }
    int iMarkFrom = -1, iMarkTo = -1, bSignerSeen = 0;
    for (iLine = 0; iLine < nLine; iLine++) {
        const Line *L = &aLine[iLine];
        int bNear = iDocno < 0 ? iLine < 8 : iLine <= iDocno + 2;
        if (iLine == iDocno) {
            g->zDocno = zDocno;
            if (zSign) {
                add_signers(a, &signers, zSign, nSign);
                bSignerSeen = 1;
            }
            continue;
        }
        if (bNear && L->nc <= 40 && starts_with(L->zs, L->ns, "签发人")) {
            size_t s = after_label(L, "签发人");
            add_signers(a, &signers, L->z + s, L->n - s);
            bSignerSeen = 1;
            continue;
        }
        if (bNear && bSignerSeen && names_only(L)) {
            add_signers(a, &signers, L->z, L->n);
            continue;
        }
        if ((iDocno < 0 ? iMarkFrom < 0 && iLine < 6 : iLine < iDocno) && header_marks(a, L, g)) {
            continue;
        }
        if (iLine < iDocno) {
            if (iMarkFrom < 0) iMarkFrom = iLine;
            iMarkTo = iLine + 1;
            continue;
        }
        if (iDocno < 0 && iMarkFrom < 0 && L->nc <= 40 && !has_punct(L->zs, L->ns) &&
            (ends_with(L->zs, L->ns, "文件") ||
             (ends_with(L->zs, L->ns, "令") && !ends_with(L->zs, L->ns, "命令") &&
              find(L->zs, L->ns, "关于") < 0 && L->nc <= 20))) {
            iMarkFrom = iLine;
            iMarkTo = iLine + 1;
            continue;
        }
        break;
    }

    /* 2. 标题: up to four title lines ending in a 文种, else one line. */
    int iTitle = iLine, nTitle = 0;
    for (int k = 0; k < 4 && iLine + k < nLine && title_like(&aLine[iLine + k]); k++) {
        Str t;
        str_init(&t, a);
        for (int j = 0; j <= k; j++) str_append(&t, aLine[iLine + j].zs, aLine[iLine + j].ns);
        if (ends_in_genre(t.z, t.n)) {
            nTitle = k + 1;
            break;
        }
    }
    if (!nTitle && iLine < nLine && title_like(&aLine[iLine])) nTitle = 1;
    if (!nTitle && iMarkFrom >= 0 && iDocno >= 0) {
        /* The title stood above the 文号 (text copied from a web page). */
        Str t;
        str_init(&t, a);
        for (int j = iMarkFrom; j < iMarkTo; j++) str_append(&t, aLine[j].zs, aLine[j].ns);
        int bOrder = ends_with(t.z, t.n, "令") && !ends_with(t.z, t.n, "命令"); /* 令 mark */
        if (ends_in_genre(t.z, t.n) && !ends_with(t.z, t.n, "文件") && !bOrder) {
            iTitle = iMarkFrom;
            nTitle = iMarkTo - iMarkFrom;
            iMarkFrom = iMarkTo = -1;
        }
    }
    if (iMarkFrom >= 0) {
        Str t;
        str_init(&t, a);
        for (int j = iMarkFrom; j < iMarkTo; j++) {
            if (j > iMarkFrom) str_putc(&t, ' ');
            str_append(&t, aLine[j].zs, aLine[j].ns);
        }
        g->zMark = str_cstr(&t);
    }
    if (nTitle) {
        Str t;
        str_init(&t, a);
        for (int j = iTitle; j < iTitle + nTitle; j++) str_append(&t, aLine[j].z, aLine[j].n);
        g->zTitle = clean_spaced(a, str_cstr(&t), t.n);
        if (iTitle == iLine) iLine += nTitle;
    }

    /* 3. 主送机关: up to three lines, all but the last ending in ，or 、. */
    for (int k = 0; k < 3 && iLine + k < nLine; k++) {
        if (addressee_like(&aLine[iLine + k], 1)) {
            Str t;
            str_init(&t, a);
            for (int j = 0; j <= k; j++) {
                if (j) str_putc(&t, '\n');
                str_append(&t, aLine[iLine + j].z, aLine[iLine + j].n);
            }
            split_organs(a, &addressees, t.z, t.n);
            iLine += k + 1;
            break;
        }
        if (!addressee_like(&aLine[iLine + k], 0)) break;
    }
    int iBody = iLine;

    /* 4. 版记, from the bottom. */
    int iEnd = nLine, iFooter = nLine, iPrinted = -1;
    const char *zBadPrinted = NULL; /* the text of an impossible 印发日期 */
    if (iEnd > iBody && copies_line(&aLine[iEnd - 1])) {
        const Line *L = &aLine[iEnd - 1];
        g->zCopies = collapse_spaces(a, L->z, L->n);
        copies_counts(L, g);
        iFooter = --iEnd;
    }
    if (iEnd > iBody) {
        const Line *L = &aLine[iEnd - 1];
        if (L->nc <= 80 && ends_with(L->zs, L->ns, "印发")) {
            long iDate = date_suffix(L->zs, L->ns - strlen("印发"), &y, &m, &d);
            if (iDate >= 0) {
                iPrinted = iEnd - 1;
                if (date_ok(y, m, d)) {
                    g->zPrintedAt = arena_printf(a, "%04d-%02d-%02d", y, m, d);
                } else {
                    zBadPrinted = arena_strndup(a, L->zs + iDate, L->ns - (size_t)iDate - 6);
                }
                iFooter = iPrinted;
                if (iDate > 0) {
                    g->zPrintedBy = arena_strndup(a, L->zs, (size_t)iDate);
                } else if (iPrinted - 1 >= iBody && org_like(&aLine[iPrinted - 1]) &&
                           !(iPrinted - 2 >= iBody &&
                             (ends_with(aLine[iPrinted - 2].zs, aLine[iPrinted - 2].ns, "，") ||
                              ends_with(aLine[iPrinted - 2].zs, aLine[iPrinted - 2].ns, "、")))) {
                    const Line *P = &aLine[iPrinted - 1];
                    g->zPrintedBy = clean_name(a, P->z, P->n);
                    iFooter = iPrinted - 1;
                }
            }
        }
    }
    if (!g->zCopies && iPrinted >= 0 && iFooter - 1 >= iBody && copies_line(&aLine[iFooter - 1])) {
        const Line *L = &aLine[--iFooter]; /* "（共印30份）" above the 印发 line */
        g->zCopies = collapse_spaces(a, L->z, L->n);
        copies_counts(L, g);
    }
    for (int j = iFooter - 1; j >= iBody && j >= iFooter - 30; j--) {
        if (cc_start(&aLine[j])) {
            Str t;
            str_init(&t, a);
            for (int q = j; q < iFooter; q++) {
                const Line *L = &aLine[q];
                size_t s = 0;
                if (q == j) s = after_label(L, starts_with(L->zs, L->ns, "抄送") ? "抄送" : "抄报");
                if (t.n) str_putc(&t, '\n');
                str_append(&t, L->z + s, L->n - s);
            }
            split_organs(a, &cc, t.z ? t.z : "", t.n);
            iFooter = j;
            break;
        }
        if (!cc_like(&aLine[j])) break;
    }
    const char *zLabelDis = NULL;
    if (iFooter - 1 >= iBody && (zLabelDis = disclosure_label(&aLine[iFooter - 1])) != NULL) {
        iFooter--;
    }

    /* 5. 署名, 成文日期, 附注 and 附件说明, between 主送 and 版记. */
    int iDate = -1, iSign = -1, iAfter = -1, iAtt = -1;
    const char *zBadDate = NULL;
    for (int j = iBody; j < iFooter; j++) {
        const Line *L = &aLine[j];
        int r = date_only(L, &y, &m, &d);
        long iPre = -1;
        if (!r && L->nc <= 60 && !ends_with(L->zs, L->ns, "印发") &&
            (iPre = date_suffix(L->zs, L->ns, &y, &m, &d)) > 0) {
            Line P = {L->zs, (size_t)iPre, L->zs, (size_t)iPre, utf8_len(L->zs, (size_t)iPre)};
            r = org_like(&P) ? (date_ok(y, m, d) ? 1 : 2) : 0;
        }
        if (!r) continue;
        iDate = j;
        if (r == 1) {
            g->zWrittenAt = arena_printf(a, "%04d-%02d-%02d", y, m, d);
        } else {
            zBadDate = L->zs + (iPre > 0 ? iPre : 0);
        }
        iSign = j;
        if (iPre > 0) {
            /* "西吉县人民政府办公室　　2021年6月15日" on one line: cut before the date. */
            size_t b = 0, nc = 0, nWant = utf8_len(L->zs, (size_t)iPre);
            while (b < L->n && nc < nWant) {
                size_t k = space_len(L->z + b, L->n - b);
                if (k) {
                    b += k;
                    continue;
                }
                int len;
                cp_at(L->z, L->n, b, &len);
                b += (size_t)len;
                nc++;
            }
            g->zIssuer = clean_name(a, L->z, b);
        } else if (j - 1 >= iBody && org_like(&aLine[j - 1])) {
            int k = j - 1;
            while (k - 1 >= iBody && j - k < 4 && org_like(&aLine[k - 1]) &&
                   org_suffix(&aLine[k - 1]) && org_suffix(&aLine[k])) {
                k--;
            }
            Str t;
            str_init(&t, a);
            for (int q = k; q < j; q++) {
                if (q > k) str_putc(&t, ' ');
                str_puts(&t, clean_name(a, aLine[q].z, aLine[q].n));
            }
            g->zIssuer = str_cstr(&t);
            iSign = k;
        }
        iAfter = j + 1;
        for (int k = 0; k < 2 && iAfter < iFooter; k++) {
            const char *zIn;
            size_t nIn;
            if (!note_line(&aLine[iAfter], &zIn, &nIn)) break;
            const char *zDis = starts_with(zIn, nIn, "此件") ? disclosure_of(zIn, nIn) : NULL;
            if (zDis && !g->zDisclosure) {
                g->zDisclosure = zDis;
            } else if (!zDis && !g->zNote) {
                g->zNote = collapse_spaces(a, aLine[iAfter].z, aLine[iAfter].n);
            }
            iAfter++;
        }
        for (int k = iSign - 1; k >= iBody && k >= iSign - 20; k--) {
            if (starts_with(aLine[k].zs, aLine[k].ns, "附件：") ||
                starts_with(aLine[k].zs, aLine[k].ns, "附件:")) {
                iAtt = k;
                break;
            }
            if (!attachment_like(&aLine[k])) break;
        }
        break;
    }
    if (iAtt >= 0) parse_attachments(a, aLine, iAtt, iSign, &attachments);

    /* The body: 正文 up to the 附件说明 or 署名, then what follows the 附注. */
    Str body;
    str_init(&body, a);
    if (iDate >= 0) {
        body_lines(&body, aLine, iBody, iAtt >= 0 ? iAtt : iSign, g);
        body_lines(&body, aLine, iAfter, iFooter, g);
    } else {
        body_lines(&body, aLine, iBody, iFooter, g);
    }
    if (body.n) g->zBody = str_cstr(&body);

    /* Warnings, in the documented order. */
    /* The 命令（令） format has no title: "西吉县人民政府令" over "第3号". */
    int bOrder = g->zMark && ends_with(g->zMark, strlen(g->zMark), "令") &&
                 !ends_with(g->zMark, strlen(g->zMark), "命令");
    if (!g->zTitle && !bOrder) warnf(a, &warnings, "缺少标题");
    if (!g->zDocno) warnf(a, &warnings, "缺少文号");
    if (!g->zWrittenAt && !zBadDate) warnf(a, &warnings, "缺少成文日期");
    if (zBadDate) warnf(a, &warnings, arena_printf(a, "成文日期无效（%s）", zBadDate));
    if (zBadPrinted) warnf(a, &warnings, arena_printf(a, "印发日期无效（%s）", zBadPrinted));
    if (zToday && g->zWrittenAt && strcmp(g->zWrittenAt, zToday) > 0) {
        warnf(a, &warnings, arena_printf(a, "成文日期（%s）在未来", g->zWrittenAt));
    }
    if (zToday && g->zPrintedAt && strcmp(g->zPrintedAt, zToday) > 0) {
        warnf(a, &warnings, arena_printf(a, "印发日期（%s）在未来", g->zPrintedAt));
    }
    if (g->zWrittenAt && g->zPrintedAt && strcmp(g->zPrintedAt, g->zWrittenAt) < 0) {
        warnf(a, &warnings, arena_printf(a, "印发日期（%s）早于成文日期（%s）", g->zPrintedAt,
                                         g->zWrittenAt));
    }
    if (iDocYear && g->zWrittenAt) {
        int yWritten = (g->zWrittenAt[0] - '0') * 1000 + (g->zWrittenAt[1] - '0') * 100 +
                       (g->zWrittenAt[2] - '0') * 10 + (g->zWrittenAt[3] - '0');
        if (yWritten != iDocYear) {
            warnf(a, &warnings, arena_printf(a, "文号年份（%d）与成文日期年份（%d）不一致",
                                             iDocYear, yWritten));
        }
    }
    if (zLabelDis && g->zDisclosure && strcmp(g->zDisclosure, zLabelDis) != 0) {
        warnf(a, &warnings, arena_printf(a, "公开方式不一致（附注：%s，版记：%s）",
                                         g->zDisclosure, zLabelDis));
    }
    if (zLabelDis && !g->zDisclosure) g->zDisclosure = zLabelDis;

    g->azSigner = (const char **)signers.a;
    g->nSigner = signers.n;
    g->azAddressee = addressees.a;
    g->nAddressee = addressees.n;
    g->azCc = cc.a;
    g->nCc = cc.n;
    g->azAttachment = attachments.a;
    g->nAttachment = attachments.n;
    g->azWarning = warnings.a;
    g->nWarning = warnings.n;
    return ZW_OK;
}

/* ------------------------------------------------------------ JSON */

static void json_list(Str *s, const char *zKey, const char *const *az, int n) {
    str_putc(s, ',');
    str_json(s, zKey);
    str_puts(s, ":[");
    for (int i = 0; i < n; i++) {
        if (i) str_putc(s, ',');
        str_json(s, az[i]);
    }
    str_putc(s, ']');
}

static void json_field(Str *s, const char *zKey, const char *zVal) {
    str_putc(s, ',');
    str_json(s, zKey);
    str_putc(s, ':');
    str_json(s, zVal);
}

static void json_count(Str *s, const char *zKey, int64_t v) {
    str_putc(s, ',');
    str_json(s, zKey);
    if (v < 0) {
        str_puts(s, ":null");
    } else {
        str_appendf(s, ":%lld", (long long)v);
    }
}

void gongwen_json(Str *s, const Gongwen *g) {
    str_puts(s, "{\"title\":");
    str_json(s, g->zTitle);
    json_field(s, "docno", g->zDocno);
    json_field(s, "issuer", g->zIssuer);
    json_list(s, "addressees", g->azAddressee, g->nAddressee);
    json_field(s, "written_at", g->zWrittenAt);
    json_field(s, "disclosure", g->zDisclosure);
    json_list(s, "attachments", g->azAttachment, g->nAttachment);
    json_list(s, "cc", g->azCc, g->nCc);
    json_field(s, "printed_by", g->zPrintedBy);
    json_field(s, "printed_at", g->zPrintedAt);
    json_field(s, "copies", g->zCopies);
    json_count(s, "copies_paper", g->nCopiesPaper);
    json_count(s, "copies_electronic", g->nCopiesElectronic);
    json_field(s, "issuer_mark", g->zMark);
    json_field(s, "secrecy", g->zSecrecy);
    json_field(s, "urgency", g->zUrgency);
    json_list(s, "signers", g->azSigner, g->nSigner);
    json_field(s, "note", g->zNote);
    json_field(s, "body", g->zBody);
    json_list(s, "warnings", g->azWarning, g->nWarning);
    str_putc(s, '}');
}
