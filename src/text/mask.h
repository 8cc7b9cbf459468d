/*
** mask.h: finds personal data in text and masks it before publication (shared/spec/
** regs.md §7; the editor sees the hits before approving).
**
** What is masked (mask.c documents every rule beside its code):
**   身份证号   18 characters, 17 digits and a GB 11643 MOD 11-2 check character (X or
**              x allowed), a province prefix (11–15, 21–23, 31–37, 41–46, 50–54,
**              61–65, 71, 81, 82) and a real birth date from 1900-01-01 to today
**              (China time); 15-digit old numbers with a province prefix and a real
**              19YYMMDD birth date.  Kept: first 6 and last 4.  440308********1234
**   手机号码   11 digits 1[3-9]…; also after "86" (+86 138…).  Kept: 3 + 4.  138****5678
**   银行卡号   16–19 digits starting 3, 4, 5, 6 or 9 (ISO 7812 issuer classes of
**              banks and card schemes) that pass Luhn.  Kept: the last 4.
** Digits may be ASCII or full-width (０-９), and grouped as people write them:
** single spaces (ASCII, U+3000, U+00A0) or hyphens (-, －) between groups, as in
** 138 1234 5678, 138-1234-5678, 440308 19900101 1234, 6222 0212 3456 7890 123.
**
** What is never changed: a number counts only between boundaries, so digits glued to
** letters, '_' or other digits (统一社会信用代码 91640422MA76XXXX1Y, "A13812345678",
** an ID inside a 25-digit run), decimals (12345678901.50), amounts (…元/万/亿/%,
** ¥…) and numbers next to a mask ('*', so masking masked text changes nothing) stay
** as they are; 文号, 索引号 (640422005/2021-00012), dates, landlines (0954-3012345,
** (0954)3012345, 095412345678) and digit strings failing the checks never match.  An
** all-digit 18-character string that is a valid 统一社会信用代码 (GB 32100), or has
** an ID's province and birth date but a wrong check character, is never a bank card;
** one that is both a valid code and a valid ID is masked unless "代码" labels it
** within 48 bytes before it on the same line (privacy wins when in doubt).
** Spaces separate numbers as often as they group them, so space-grouped forms
** (138 1234 5678) count only when the whole space-joined run has the form: a row
** number in front ("1 138 1234 5678") leaves them alone.
**
** Memory: results live in the caller's Arena and are released with it; nothing needs
**         free().  No global state; thread-safe.  Linear time in the input.
** Errors:  ZW_OK, or ZW_ETOOBIG for input over MASK_MAX_INPUT (nothing is found then).
**          Invalid UTF-8 and NUL bytes are not errors here: they are boundaries, never
**          part of a number.  The command line rejects them at the edge.
*/
#ifndef ZW_MASK_H
#define ZW_MASK_H

#include <stddef.h>

#include "../core/arena.h"

#define MASK_MAX_INPUT ((size_t)64 << 20) /* bytes; larger input gives ZW_ETOOBIG */

/* The kinds of personal data found; values are bits, so a set fits in an int. */
typedef enum { MASK_ID = 1, MASK_MOBILE = 2, MASK_BANK = 4 } MaskKind;

/* One number found.  Replacing p[iStart, iStart+nLen) by zMasked masks it. */
typedef struct MaskHit {
    MaskKind eKind;      /* what it is */
    size_t iStart, nLen; /* byte span in the input: first digit to last digit (or X);
                         ** a "+86"/"86 " prefix is outside the span */
    const char *zMasked; /* the replacement: the span with every hidden digit made ASCII
                         ** '*' and kept digits (ASCII or full-width), the X and the
                         ** separators copied as written; never longer than the span */
    const char *zShown;  /* the span as written, for the editor's preview only; never
                         ** published, never logged */
} MaskHit;

/* Find personal data in p[0..n).  *paHit gets the hits in input order, spans not
** overlapping (an array in the Arena, NULL when none), *pnHit their count.  Returns
** ZW_OK, or ZW_ETOOBIG (no hits) when n > MASK_MAX_INPUT. */
int mask_find(Arena *a, const char *p, size_t n, MaskHit **paHit, int *pnHit);

/* The masked copy of p[0..n) given its hits from mask_find(): p with each span
** replaced by its zMasked, NUL-terminated in the Arena (NUL bytes of p are copied).
** *pnOut (may be NULL) gets its length: n - Σ nLen + Σ strlen(zMasked). */
char *mask_apply(Arena *a, const char *p, size_t n, const MaskHit *aHit, int nHit,
                 size_t *pnOut);

/* The masked copy of the NUL-terminated z, in the Arena (mask_find + mask_apply).
** *pnHit (may be NULL) gets the number of hits.  NULL gives NULL; so does text over
** MASK_MAX_INPUT, which must not be published unmasked. */
const char *mask_text(Arena *a, const char *z, int *pnHit);

/* 1 if the 18 ASCII characters at z18 are a valid 身份证号: 17 digits, the MOD 11-2
** check character ('X' or 'x' for 10), a province prefix and a birth date from 1900
** to today.  Reads exactly 18 bytes. */
int mask_id_valid(const char *z18);

/* 1 if the n ASCII digits at zDigits pass the Luhn check (0 for n == 0 or a
** non-digit). */
int mask_luhn_ok(const char *zDigits, size_t n);

/* 1 if the 18 ASCII characters at z18 are a valid 统一社会信用代码 (GB 32100-2015):
** the alphabet 0-9 A-H J-N P-R T U W-Y (upper case), a province prefix in characters
** 3–4, and the MOD 31 check character.  Reads exactly 18 bytes. */
int mask_uscc_valid(const char *z18);

/* "身份证号", "手机号码" or "银行卡号" (for the editor and the CLI summary). */
const char *mask_kind_label(MaskKind e);

/* "id", "mobile" or "bank" (for JSON). */
const char *mask_kind_name(MaskKind e);

/* `zwgk mask [--json]` (mask_cli.c): standard input (at most 64 MB of UTF-8) masked to
** standard output; a Chinese summary ("已遮蔽 3 处：身份证号 2，手机号码 1") on standard
** error.  --json prints {"text":…,"hits":[{"kind","label","start","length","masked"}]}
** instead of the text, start and length in bytes of the input.  Exit 0, 1 for bad
** input or a write error, 2 for bad arguments. */
int mask_cli(int argc, char **argv);

#endif
