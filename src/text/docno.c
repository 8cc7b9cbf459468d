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

/* Traditional characters that tok_fold() does not fold yet, sorted by code point.  No
** value is a key here or in tok_fold's table, so folding is idempotent (docno-1.9).
** TODO(tokenize): move these into tokenize.c's aTrad so search folds them too. */
static const uint32_t aSupp[][2] = {
    {0x4F48, 0x5E03}, {0x5009, 0x4ED3}, {0x50D1, 0x4FA8}, {0x50F9, 0x4EF7}, {0x5104, 0x4EBF},
    {0x511F, 0x507F}, {0x5132, 0x50A8}, {0x514C, 0x5151}, {0x5289, 0x5218}, {0x5291, 0x5242},
    {0x532F, 0x6C47}, {0x56B4, 0x4E25}, {0x584A, 0x5757}, {0x58B3, 0x575F}, {0x58BE, 0x57A6},
    {0x58C7, 0x575B}, {0x58DE, 0x574F}, {0x58E9, 0x575D}, {0x58EF, 0x58EE}, {0x593E, 0x5939},
    {0x596A, 0x593A}, {0x596E, 0x594B}, {0x599D, 0x5986}, {0x5A66, 0x5987}, {0x5ABD, 0x5988},
    {0x5B6B, 0x5B59}, {0x5B78, 0x5B66}, {0x5BE7, 0x5B81}, {0x5BEB, 0x5199}, {0x5BEC, 0x5BBD},
    {0x5BF6, 0x5B9D}, {0x5C07, 0x5C06}, {0x5C0B, 0x5BFB}, {0x5C64, 0x5C42}, {0x5C6C, 0x5C5E},
    {0x5CF6, 0x5C9B}, {0x5D17, 0x5C97}, {0x5DBA, 0x5CAD}, {0x5DBD, 0x5CB3}, {0x5E2B, 0x5E08},
    {0x5E79, 0x5E72}, {0x5EAB, 0x5E93}, {0x5EDF, 0x5E99}, {0x5EE2, 0x5E9F}, {0x5EEC, 0x5E90},
    {0x5F48, 0x5F39}, {0x5F59, 0x6C47}, {0x5F91, 0x5F84}, {0x5FB5, 0x5F81}, {0x6085, 0x60A6},
    {0x60E1, 0x6076}, {0x611B, 0x7231}, {0x614B, 0x6001}, {0x6163, 0x60EF}, {0x6176, 0x5E86},
    {0x61B2, 0x5BAA}, {0x61B6, 0x5FC6}, {0x61F2, 0x60E9}, {0x61F7, 0x6000}, {0x6200, 0x604B},
    {0x6232, 0x620F}, {0x6236, 0x6237}, {0x6383, 0x626B}, {0x639B, 0x6302}, {0x63A1, 0x91C7},
    {0x63DA, 0x626C}, {0x63DB, 0x6362}, {0x640D, 0x635F}, {0x6416, 0x6447}, {0x64A5, 0x62E8},
    {0x64AB, 0x629A}, {0x64C1, 0x62E5}, {0x64C7, 0x62E9}, {0x64CA, 0x51FB}, {0x64D4, 0x62C5},
    {0x64E0, 0x6324}, {0x64EC, 0x62DF}, {0x64F4, 0x6269}, {0x64FE, 0x6270}, {0x651D, 0x6444},
    {0x6524, 0x644A}, {0x6557, 0x8D25}, {0x6575, 0x654C}, {0x65B7, 0x65AD}, {0x6649, 0x664B},
    {0x66AB, 0x6682}, {0x66C6, 0x5386}, {0x66C9, 0x6653}, {0x6771, 0x4E1C}, {0x687F, 0x6746},
    {0x689D, 0x6761}, {0x68C4, 0x5F03}, {0x69AE, 0x8363}, {0x69CB, 0x6784}, {0x69CD, 0x67AA},
    {0x6A02, 0x4E50}, {0x6A13, 0x697C}, {0x6A1E, 0x67A2}, {0x6A23, 0x6837}, {0x6A39, 0x6811},
    {0x6A4B, 0x6865}, {0x6A6B, 0x6A2A}, {0x6A94, 0x6863}, {0x6AC3, 0x67DC}, {0x6B04, 0x680F},
    {0x6B50, 0x6B27}, {0x6B61, 0x6B22}, {0x6B72, 0x5C81}, {0x6B77, 0x5386}, {0x6B98, 0x6B8B},
    {0x6BBA, 0x6740}, {0x6BC0, 0x6BC1}, {0x6E9D, 0x6C9F}, {0x6EEC, 0x6CAA}, {0x6F01, 0x6E14},
    {0x6F32, 0x6DA8}, {0x6F3F, 0x6D46}, {0x6F54, 0x6D01}, {0x6FA4, 0x6CFD}, {0x6FC3, 0x6D53},
    {0x6FD5, 0x6E7F}, {0x6FDF, 0x6D4E}, {0x6FF1, 0x6EE8}, {0x700F, 0x6D4F}, {0x7058, 0x6EE9},
    {0x707D, 0x707E}, {0x7121, 0x65E0}, {0x7159, 0x70DF}, {0x7169, 0x70E6}, {0x71B1, 0x70ED},
    {0x71C8, 0x706F}, {0x71D2, 0x70E7}, {0x7210, 0x7089}, {0x722D, 0x4E89}, {0x723A, 0x7237},
    {0x7246, 0x5899}, {0x7344, 0x72F1}, {0x734E, 0x5956}, {0x7372, 0x83B7}, {0x7378, 0x517D},
    {0x73FE, 0x73B0}, {0x746A, 0x739B}, {0x74CA, 0x743C}, {0x7562, 0x6BD5}, {0x7576, 0x5F53},
    {0x758A, 0x53E0}, {0x760B, 0x75AF}, {0x7642, 0x7597}, {0x76DC, 0x76D7}, {0x76E1, 0x5C3D},
    {0x76E4, 0x76D8}, {0x78BC, 0x7801}, {0x78DA, 0x7816}, {0x790E, 0x7840}, {0x7926, 0x77FF},
    {0x798D, 0x7978}, {0x79A6, 0x5FA1}, {0x79AE, 0x793C}, {0x7A31, 0x79F0}, {0x7A40, 0x8C37},
    {0x7A4D, 0x79EF}, {0x7A69, 0x7A33}, {0x7AAE, 0x7A77}, {0x7AC7, 0x7AA6}, {0x7ACA, 0x7A83},
    {0x7AF6, 0x7ADE}, {0x7B46, 0x7B14}, {0x7BC9, 0x7B51}, {0x7C21, 0x7B80}, {0x7C43, 0x7BEE},
    {0x7C4C, 0x7B79}, {0x7C60, 0x7B3C}, {0x7CB5, 0x7CA4}, {0x7CE7, 0x7CAE}, {0x7CFE, 0x7EA0},
    {0x7D05, 0x7EA2}, {0x7D19, 0x7EB8}, {0x7D1B, 0x7EB7}, {0x7D39, 0x7ECD}, {0x7D42, 0x7EC8},
    {0x7D55, 0x7EDD}, {0x7D61, 0x7EDC}, {0x7D72, 0x4E1D}, {0x7D9C, 0x7EFC}, {0x7DA0, 0x7EFF},
    {0x7DAD, 0x7EF4}, {0x7DCA, 0x7D27}, {0x7DD2, 0x7EEA}, {0x7DDD, 0x7F09}, {0x7DE3, 0x7F18},
    {0x7DF4, 0x7EC3}, {0x7E2E, 0x7F29}, {0x7E6A, 0x7ED8}, {0x7E7C, 0x7EE7}, {0x7E8C, 0x7EED},
    {0x7F70, 0x7F5A}, {0x7F77, 0x7F62}, {0x7F85, 0x7F57}, {0x7FA9, 0x4E49}, {0x7FD2, 0x4E60},
    {0x8056, 0x5723}, {0x805E, 0x95FB}, {0x8072, 0x58F0}, {0x807D, 0x542C}, {0x8085, 0x8083},
    {0x8105, 0x80C1}, {0x812B, 0x8131}, {0x8173, 0x811A}, {0x81A0, 0x80F6}, {0x81BD, 0x80C6},
    {0x81E8, 0x4E34}, {0x81FA, 0x53F0}, {0x8208, 0x5174}, {0x820A, 0x65E7}, {0x8266, 0x8230},
    {0x8271, 0x8270}, {0x82BB, 0x520D}, {0x838A, 0x5E84}, {0x83EF, 0x534E}, {0x842C, 0x4E07},
    {0x8449, 0x53F6}, {0x84CB, 0x76D6}, {0x8523, 0x848B}, {0x85A6, 0x8350}, {0x85DD, 0x827A},
    {0x85E5, 0x836F}, {0x8607, 0x82CF}, {0x860B, 0x82F9}, {0x862D, 0x5170}, {0x865B, 0x865A},
    {0x8667, 0x4E8F}, {0x87F2, 0x866B}, {0x8836, 0x8695}, {0x8853, 0x672F}, {0x885D, 0x51B2},
    {0x88DD, 0x88C5}, {0x88E1, 0x91CC}, {0x88FD, 0x5236}, {0x8907, 0x590D}, {0x8972, 0x88AD},
    {0x898B, 0x89C1}, {0x89BD, 0x89C8}, {0x89F8, 0x89E6}, {0x8A02, 0x8BA2}, {0x8A0E, 0x8BA8},
    {0x8A13, 0x8BAD}, {0x8A17, 0x6258}, {0x8A2A, 0x8BBF}, {0x8A34, 0x8BC9}, {0x8A50, 0x8BC8},
    {0x8A5E, 0x8BCD}, {0x8A72, 0x8BE5}, {0x8A73, 0x8BE6}, {0x8A8C, 0x5FD7}, {0x8AA4, 0x8BEF},
    {0x8AEE, 0x54A8}, {0x8B00, 0x8C0B}, {0x8B1B, 0x8BB2}, {0x8B1D, 0x8C22}, {0x8B5C, 0x8C31},
    {0x8B6F, 0x8BD1}, {0x8B80, 0x8BFB}, {0x8B8A, 0x53D8}, {0x8B93, 0x8BA9}, {0x8B9A, 0x8D5E},
    {0x8C50, 0x4E30}, {0x8C6C, 0x732A}, {0x8C93, 0x732B}, {0x8C9D, 0x8D1D}, {0x8CA2, 0x8D21},
    {0x8CA8, 0x8D27}, {0x8CA9, 0x8D29}, {0x8CAA, 0x8D2A}, {0x8CAB, 0x8D2F}, {0x8CB4, 0x8D35},
    {0x8CB8, 0x8D37}, {0x8CBF, 0x8D38}, {0x8CC0, 0x8D3A}, {0x8CD3, 0x5BBE}, {0x8CDE, 0x8D4F},
    {0x8CE0, 0x8D54}, {0x8CE3, 0x5356}, {0x8CE6, 0x8D4B}, {0x8CEC, 0x8D26}, {0x8CF4, 0x8D56},
    {0x8CFC, 0x8D2D}, {0x8D08, 0x8D60}, {0x8D0A, 0x8D5E}, {0x8D0F, 0x8D62}, {0x8D1B, 0x8D63},
    {0x8D95, 0x8D76}, {0x8D99, 0x8D75}, {0x8DA8, 0x8D8B}, {0x8DE1, 0x8FF9}, {0x8E10, 0x8DF5},
    {0x8ECA, 0x8F66}, {0x8ECC, 0x8F68}, {0x8ECD, 0x519B}, {0x8F14, 0x8F85}, {0x8F15, 0x8F7B},
    {0x8F1B, 0x8F86}, {0x8F2A, 0x8F6E}, {0x8F2F, 0x8F91}, {0x8F38, 0x8F93}, {0x8F44, 0x8F96},
    {0x8F49, 0x8F6C}, {0x8FAD, 0x8F9E}, {0x9055, 0x8FDD}, {0x905E, 0x9012}, {0x9060, 0x8FDC},
    {0x9077, 0x8FC1}, {0x907A, 0x9057}, {0x907C, 0x8FBD}, {0x908F, 0x903B}, {0x90F5, 0x90AE},
    {0x9109, 0x4E61}, {0x9127, 0x9093}, {0x912D, 0x90D1}, {0x9130, 0x90BB}, {0x919C, 0x4E11},
    {0x91DD, 0x9488}, {0x91E3, 0x9493}, {0x9234, 0x94C3}, {0x925B, 0x94C5}, {0x9280, 0x94F6},
    {0x9285, 0x94DC}, {0x9298, 0x94ED}, {0x92B7, 0x9500}, {0x92C1, 0x94DD}, {0x92D2, 0x950B},
    {0x92EA, 0x94FA}, {0x92FC, 0x94A2}, {0x9304, 0x5F55}, {0x9322, 0x94B1}, {0x9326, 0x9526},
    {0x932F, 0x9519}, {0x934A, 0x70BC}, {0x934B, 0x9505}, {0x9375, 0x952E}, {0x9396, 0x9501},
    {0x93AE, 0x9547}, {0x93C8, 0x94FE}, {0x93E1, 0x955C}, {0x9418, 0x949F}, {0x9435, 0x94C1},
    {0x9444, 0x94F8}, {0x9451, 0x9274}, {0x9452, 0x9274}, {0x9470, 0x94A5}, {0x9583, 0x95EA},
    {0x9589, 0x95ED}, {0x9592, 0x95F2}, {0x9598, 0x95F8}, {0x95A3, 0x9601}, {0x95A9, 0x95FD},
    {0x95B1, 0x9605}, {0x95C6, 0x677F}, {0x95CA, 0x9614}, {0x965D, 0x9655}, {0x9663, 0x9635},
    {0x9670, 0x9634}, {0x9678, 0x9646}, {0x967D, 0x9633}, {0x968A, 0x961F}, {0x96B1, 0x9690},
    {0x96BB, 0x53EA}, {0x96D6, 0x867D}, {0x96D9, 0x53CC}, {0x96DC, 0x6742}, {0x96DE, 0x9E21},
    {0x96E3, 0x96BE}, {0x96F2, 0x4E91}, {0x9727, 0x96FE}, {0x9748, 0x7075}, {0x975C, 0x9759},
    {0x978F, 0x5DE9}, {0x97CB, 0x97E6}, {0x97D3, 0x97E9}, {0x97FB, 0x97F5}, {0x97FF, 0x54CD},
    {0x9801, 0x9875}, {0x9802, 0x9876}, {0x9806, 0x987A}, {0x9808, 0x987B}, {0x9812, 0x9881},
    {0x9813, 0x987F}, {0x9817, 0x9887}, {0x982D, 0x5934}, {0x983B, 0x9891}, {0x984D, 0x989D},
    {0x9858, 0x613F}, {0x9867, 0x987E}, {0x986F, 0x663E}, {0x98B1, 0x53F0}, {0x98DB, 0x98DE},
    {0x98EF, 0x996D}, {0x98F2, 0x996E}, {0x98FC, 0x9972}, {0x98FE, 0x9970}, {0x990A, 0x517B},
    {0x9918, 0x4F59}, {0x9928, 0x9986}, {0x9951, 0x9965}, {0x99AC, 0x9A6C}, {0x99D0, 0x9A7B},
    {0x99D5, 0x9A7E}, {0x99DB, 0x9A76}, {0x9A0E, 0x9A91}, {0x9A30, 0x817E}, {0x9A45, 0x9A71},
    {0x9AEE, 0x53D1}, {0x9B06, 0x677E}, {0x9B25, 0x6597}, {0x9B27, 0x95F9}, {0x9B5A, 0x9C7C},
    {0x9B6F, 0x9C81}, {0x9BAE, 0x9C9C}, {0x9CE5, 0x9E1F}, {0x9CF3, 0x51E4}, {0x9CF4, 0x9E23},
    {0x9E7D, 0x76D0}, {0x9E97, 0x4E3D}, {0x9EB5, 0x9762}, {0x9EC3, 0x9EC4}, {0x9F4A, 0x9F50},
    {0x9F52, 0x9F7F}, {0x9F61, 0x9F84}, {0x9F8D, 0x9F99}, {0x9F9C, 0x9F9F},
};

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

/* Simplified form of the Han character c. */
static uint32_t fold_han(uint32_t c) {
    uint32_t f = tok_fold(c);
    if (f != c) {
        return f;
    }
    int lo = 0, hi = (int)(sizeof aSupp / sizeof aSupp[0]) - 1;
    while (lo <= hi) {
        int mid = (lo + hi) / 2;
        if (aSupp[mid][0] == c) {
            return aSupp[mid][1];
        }
        if (aSupp[mid][0] < c) {
            lo = mid + 1;
        } else {
            hi = mid - 1;
        }
    }
    return c;
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
        u.c = fold_han(c);
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
