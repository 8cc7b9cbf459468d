/*
** docno.h: 发文字号 (document numbers, GB/T 9704-2012 §7.2.5): 机关代字 + 〔年份〕 +
** 顺序号 + 号, e.g. 西政办发〔2021〕39号, and orders such as 国务院令第711号.
**
** Accepted as written on real sites: 〔〕 [] 【】 （） () 〈〉 ［］ 〖〗 ﹝﹞ around
** the year, "2021年" inside them, full-width digits, spaces anywhere, 號 and other
** traditional characters (folded as search folds them), a stray 第, leading zeros,
** and a year without brackets when the digits leave no doubt: four digits 19xx or
** 20xx directly followed by 年 or by at least one more digit ("西政办发202139号" is
** 2021, 39).
** The normalized form is 机关代字〔YEAR〕SEQ号 (or 机关代字第SEQ号 for orders).
**
** Memory: strings in the caller's Arena.
** Errors: ZW_EINPUT with a Chinese message saying what is wrong.
*/
#ifndef ZW_DOCNO_H
#define ZW_DOCNO_H

#include <stdint.h>

#include "../core/arena.h"
#include "../core/err.h"
#include "../core/str.h"

typedef struct Docno {
    const char *zOrg;        /* 机关代字, e.g. 西政办发 */
    int iYear;               /* 0 for orders (令) */
    int64_t iSeq;            /* 1..99999 */
    const char *zNormalized; /* 西政办发〔2021〕39号 */
} Docno;

/* Parse z as exactly one document number. */
int docno_parse(Arena *a, const char *z, Docno *pOut, Err *err);

/* Append {"org","year","seq","normalized"} (year null for orders). */
void docno_json(Str *s, const Docno *p);

/* `zwgk docno STRING` (in docno.c). */
int docno_cli(int argc, char **argv);

#endif
