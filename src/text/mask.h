/*
** mask.h: finds personal data in text and masks it before publication
** (shared/spec/regs.md §7): 居民身份证号 (18 characters with a valid GB 11643 check
** character and a real birth date; 15-digit old numbers with a real birth date),
** mobile numbers (11 digits, 1[3-9]…), and bank card numbers (16–19 digits passing
** Luhn).  Digits written full-width, or grouped with spaces or hyphens as people
** write them (138 1234 5678, 6222 0212 …), are found too.  A number counts only at
** digit boundaries: digits inside a longer run, 统一社会信用代码 (letters), 文号,
** 索引号, dates, money and landlines are left alone.
**
** Masks keep enough to recognise the number: ID first 6 + last 4, mobile 3 + 4,
** bank card last 4; every other digit becomes '*'.
**
** Memory: results live in the caller's Arena.  Pure and thread-safe.
*/
#ifndef ZW_MASK_H
#define ZW_MASK_H

#include <stddef.h>

#include "../core/arena.h"

typedef enum { MASK_ID = 1, MASK_MOBILE = 2, MASK_BANK = 4 } MaskKind;

typedef struct MaskHit {
    MaskKind eKind;
    size_t iStart, nLen;  /* byte span in the input */
    const char *zMasked;  /* the replacement text */
    const char *zShown;   /* the original, for the editor's preview only (never published) */
} MaskHit;

/* Find personal data in p[0..n): hits in order, without overlaps. */
int mask_find(Arena *a, const char *p, size_t n, MaskHit **paHit, int *pnHit);

/* The masked copy of z (NULL gives NULL); *pnHit (may be NULL) gets the count. */
const char *mask_text(Arena *a, const char *z, int *pnHit);

/* 1 if the 18 characters at z are a valid 身份证号 (check character and birth date). */
int mask_id_valid(const char *z18);
/* 1 if the n ASCII digits pass the Luhn check. */
int mask_luhn_ok(const char *zDigits, size_t n);
/* 身份证号 / 手机号码 / 银行卡号 */
const char *mask_kind_label(MaskKind e);

/* `zwgk mask` (mask_cli.c): standard input to standard output, masked. */
int mask_cli(int argc, char **argv);

#endif
