/*
** gongwen.h: the elements of a 公文 (GB/T 9704-2012 layout) pulled out of its plain
** text: 版头 (份号, 密级, 紧急程度, 发文机关标志, 文号, 签发人), 主体 (标题, 主送机关,
** 正文, 附件说明, 发文机关署名, 成文日期, 附注) and 版记 (抄送机关, 印发机关和印发日期,
** 份数), with the inconsistencies a reviewer must see as Chinese warnings.  This is
** what an editor gets back after pasting a whole 公文 (DESIGN.md, 编辑).
**
** The recognizers are heuristics over lines, documented beside each in gongwen.c;
** input that does not look like a 公文 still parses: fields are NULL, the whole
** text is the body, and the warnings say what is missing.
**
** Memory: every string and array of a Gongwen lives in the caller's Arena and is
**         released with it; nothing needs free().  No global state; thread-safe.
** Errors:  ZW_OK, ZW_ETOOBIG (input over GONGWEN_MAX_INPUT) or ZW_EINPUT (zToday
**          malformed), with the Chinese message in *err.  Text that is not valid
**          UTF-8 is not an error here: each bad byte, and each NUL, becomes U+FFFD.
**          The command line rejects such input at the edge (STYLE.md §8).
*/
#ifndef ZW_GONGWEN_H
#define ZW_GONGWEN_H

#include <stddef.h>
#include <stdint.h>

#include "../core/arena.h"
#include "../core/err.h"
#include "../core/str.h"

#define GONGWEN_MAX_INPUT (16u << 20) /* bytes; larger input gives ZW_ETOOBIG */

/* One parsed 公文.  Strings are NUL-terminated UTF-8 in the Arena, NULL when the
** element is absent; arrays are NULL with count 0 when empty. */
typedef struct Gongwen {
    const char *zTitle;      /* 标题, lines joined, spaces removed unless between two
                             ** ASCII letters/digits: "…办公室关于印发《…》的通知" */
    const char *zDocno;      /* 发文字号 as written, spaces removed and full-width digits
                             ** made ASCII: "西政办发〔2021〕39号"; brackets untouched */
    const char *zIssuer;     /* 发文机关署名 (the line(s) above 成文日期) */
    const char *zWrittenAt;  /* 成文日期, ISO "2021-06-15" */
    const char *zDisclosure; /* 主动公开 | 依申请公开 | 不予公开 | 部分公开, from the 附注
                             ** "（此件公开发布）" etc. or a 版记 line "公开方式：…" */
    const char *zNote;       /* another 附注 under the date, e.g. "（联系人：…）", as written */
    const char *zPrintedBy;  /* 印发机关 */
    const char *zPrintedAt;  /* 印发日期, ISO */
    const char *zCopies;     /* the 份数 line as written: "纸发40份 电发101份" */
    int64_t nCopiesPaper;    /* 纸发/共印 N份, or -1 when not stated */
    int64_t nCopiesElectronic; /* 电发 N份, or -1 */
    const char *zMark;       /* 发文机关标志: "西吉县人民政府办公室文件" */
    const char *zSecrecy;    /* 密级和保密期限: "秘密★1年" */
    const char *zUrgency;    /* 紧急程度: 特急 | 加急 | 特提 | 平急 */
    const char *zBody;       /* 正文 and the text of the attachments, without 版头, 主送,
                             ** 附件说明, 署名, 日期, 附注 and 版记; one paragraph per line
                             ** ("\n" between), page-break fragments joined; NULL if empty */
    const char **azAddressee; /* 主送机关, "各乡（镇）人民政府" … (trailing ： removed) */
    int nAddressee;
    const char **azCc;       /* 抄送机关, in order */
    int nCc;
    const char **azAttachment; /* 附件说明 names, numbering removed */
    int nAttachment;
    const char **azSigner;   /* 签发人 names */
    int nSigner;
    const char **azWarning;  /* Chinese, e.g. "印发日期（2020-06-15）早于成文日期（2021-06-15）" */
    int nWarning;
} Gongwen;

/* Parse the 公文 text z[0..n).  zToday ("YYYY-MM-DD", may be NULL to skip the check)
** is compared with the dates for the 在未来 warnings; tests pass a fixed day.
** Tolerates a BOM, CRLF or CR line ends, tabs, ideographic spaces, blank lines
** anywhere and page numbers ("— 3 —") left over from a PDF.  Warnings, in this order
** when they apply:
**   缺少标题 (not for a 令, which has none); 缺少文号; 缺少成文日期; 成文日期无效（…）;
**   印发日期无效（…）; 成文日期（D）在未来; 印发日期（P）在未来;
**   印发日期（P）早于成文日期（D）;
**   文号年份（Y）与成文日期年份（Y）不一致; 公开方式不一致（附注：…，版记：…）.
** On error *pOut is zeroed.  Linear in n. */
int gongwen_parse(Arena *a, const char *z, size_t n, const char *zToday, Gongwen *pOut,
                  Err *err);

/* Append g as one JSON object (no newline) with the keys title, docno, issuer,
** addressees, written_at, disclosure, attachments, cc, printed_by, printed_at, copies,
** copies_paper, copies_electronic, issuer_mark, secrecy, urgency, signers, note,
** body, warnings.  Absent strings and counts are null; empty lists are []. */
void gongwen_json(Str *s, const Gongwen *g);

/* Convert the date z[0..n) to ISO "YYYY-MM-DD" in zIso11 (11 bytes).  Accepts
** "2021年6月15日", full-width digits, Chinese numerals ("二〇二一年六月十五日",
** 〇/○/零/O for zero, "十五", "二十一"), and spaces anywhere.  The whole span must be
** the date and a real calendar day in 1900–2099.  Returns ZW_OK, else ZW_EINPUT
** (zIso11 is then ""). */
int gongwen_date(const char *z, size_t n, char *zIso11);

/* `zwgk gongwen [--today YYYY-MM-DD] FILE|-` (gongwen_cli.c): prints the JSON of the
** 公文 in FILE (or standard input) and a newline.  Exit 0; 1 when the file cannot be
** read, exceeds 16 MB or is not valid UTF-8; 2 on bad usage. */
int gongwen_cli(int argc, char **argv);

#endif
