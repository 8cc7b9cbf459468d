/*
** docno.h: 发文字号 (document numbers, GB/T 9704-2012 §7.2.5; regs.md §8): 机关代字 +
** 〔年份〕 + 顺序号 + 号, e.g. 西政办发〔2021〕39号, and numbered orders such as
** 国务院令第711号.  One parser fills the 文号 field, normalises search queries and
** finds 文号 inside running text.
**
** What is accepted, as real sites write it:
**   - brackets 〔〕 [] 【】 （） () 〈〉 ［］ 〖〗 ﹝﹞ ﹙﹚ 〘〙 around the year, in any
**     pairing, and "2021年" inside them;
**   - full-width digits and letters, spaces (ASCII, U+3000, U+00A0, zero-width) anywhere;
**   - traditional characters, folded as search folds them (號→号, 辦→办, 發→发, 寧→宁 …);
**   - a stray 第 before the sequence, leading zeros in it (第009号 → 9号);
**   - one bracket lost (西政办发〔202130号, 西政办发2021〕30号);
**   - a year without brackets.  The rule: a year is always exactly four digits, so where
**     it ends is never in doubt once it is known to be there.  Without brackets the year
**     is the first four digits of the digit run after the 代字, and they must read 19xx or
**     20xx; it ends after those four digits, at 年, at 第 or at a space.  So
**     西政办发202139号, 西政办发2021 39号, 西政办发2021年39号 and 西政办发2021第39号 are
**     all 西政办发〔2021〕39号, and 西政办发2021039号 is 〔2021〕39号 too.  Refused as
**     ambiguous: a run of exactly four digits with nothing after it (西政办发2021号: a
**     year with no sequence, or a sequence with no year?), and a run whose first four
**     digits are no year (西政办发123456号).
**   - orders: a 代字 ending in 令 or 公告 with no bracketed year is a numbered series:
**     国务院令第711号 (year 0), 交通运输部令2021年第1号 (year 2021, written with 年).
**
** The 机关代字 starts with a Han character, continues with Han characters and ASCII
** letters (宁政办规发, 发改办财金), never contains 号 第 年, and has 1..DOCNO_ORG_MAX
** characters.  Year 1949..2099; sequence 1..DOCNO_SEQ_MAX.
**
** Normalized form: 代字〔YEAR〕SEQ号; for orders 代字第SEQ号 or 代字YEAR年第SEQ号.
** Normalizing is idempotent: the normalized form parses to itself.
**
** Memory: every string returned lives in the caller's Arena; nothing needs free().
**         No global state; thread-safe.
** Errors: docno_parse returns ZW_OK or ZW_EINPUT with a Chinese message in *err (err may
**         be NULL); zCode is "bad_docno".  docno_find does not fail.
*/
#ifndef ZW_DOCNO_H
#define ZW_DOCNO_H

#include <stddef.h>
#include <stdint.h>

#include "../core/arena.h"
#include "../core/err.h"
#include "../core/str.h"

#define DOCNO_MAX_BYTES 512   /* docno_parse refuses longer text */
#define DOCNO_ORG_MAX 20      /* characters in a 机关代字 */
#define DOCNO_SEQ_MAX 99999   /* largest 顺序号 */
#define DOCNO_FIND_MAX 1000   /* docno_find reports at most this many matches */

/* A parsed 文号.  Strings live in the Arena given to the parser. */
typedef struct Docno {
    const char *zOrg;        /* 机关代字, folded: 西政办发; 国务院令 for orders */
    int iYear;               /* 1949..2099, or 0 for an order without a year */
    int64_t iSeq;            /* 顺序号, 1..DOCNO_SEQ_MAX */
    const char *zNormalized; /* 西政办发〔2021〕39号, 国务院令第711号 */
    int bOrder;              /* 1 for the 令/公告 series form (代字[YEAR年]第SEQ号) */
} Docno;

/* A 文号 found in running text by docno_find. */
typedef struct DocnoMatch {
    size_t iStart; /* byte offset of its first character (the 代字) in the text */
    size_t iEnd;   /* byte offset just past its 号 */
    Docno d;       /* the parsed value */
} DocnoMatch;

/* Parse the NUL-terminated z as exactly one 文号 (spaces around and inside are
** ignored).  On success fills *pOut and returns ZW_OK; otherwise zeroes *pOut and
** returns ZW_EINPUT with the reason in *err: not a 文号, prose, several 文号, no year,
** year out of range, no sequence, and so on.  NULL, empty text, text longer than
** DOCNO_MAX_BYTES and invalid UTF-8 are refused too.  Allocates the strings of *pOut. */
int docno_parse(Arena *a, const char *z, Docno *pOut, Err *err);

/* Find the 文号 in z[0..n) (not necessarily NUL-terminated; invalid UTF-8 and NUL
** bytes are treated as separators).  Stores an Arena array of the matches, in text
** order and not overlapping, in *paMatch (NULL when none) and their number in
** *pnMatch; stops after DOCNO_FIND_MAX.  Returns ZW_OK.
**
** Running text is read more strictly than docno_parse reads a field:
**   - the 代字 is the run of 代字 characters right before the year or sequence (a space
**     may separate them), cut after the last word that cannot belong to one (根据,
**     关于, 印发, 转发, 落实, 现将, 的, 是 …), and after a leading 和/及/与/或/并 when
**     it follows another 文号 (…12号和宁政办发〔2021〕23号); it must have 2..10
**     characters (2..DOCNO_ORG_MAX for orders), else nothing is reported there: in
**     …工作安排国办发〔2021〕12号 nobody can tell where the 代字 starts;
**   - at most 8 spaces between the parts, none inside the 代字 or a number, no newlines;
**   - a year with no bracket at all counts only after a 代字 ending in 发 函 字 办 电
**     (西政办发2021 39号), so 编号2021001号 is not a 文号;
**   - an order needs its 第 or its year: 国务院令第711号, not 国务院令711号.
** Every match, cut out of the text, docno_parse()s to the same value. */
int docno_find(Arena *a, const char *z, size_t n, DocnoMatch **paMatch, int *pnMatch);

/* Append p as {"org":…,"year":…,"seq":…,"normalized":…}; year is null when 0.
** No newline.  Allocates only through s. */
void docno_json(Str *s, const Docno *p);

/* `zwgk docno STRING…` (docno_cli.c): prints the JSON of docno_json and a newline on
** standard output and returns 0; returns 1 with a Chinese message on standard error
** when the text is not a 文号 (or not UTF-8); 2 on usage errors.  Several arguments
** are joined with spaces (an unquoted 国办发〔2021〕12 号 arrives as two).  --help
** prints the usage on standard output. */
int docno_cli(int argc, char **argv);

#endif
