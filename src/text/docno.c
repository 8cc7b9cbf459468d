// SPDX-License-Identifier: MIT
/*
** docno.c: folds the text (spaces out, digits and brackets to one form, traditional
** characters to simplified via tok_fold), then reads 代字, year and sequence with a
** small hand-written scanner.  Also the `zwgk docno` command.
*/
#include "docno.h"

#include <stdio.h>
#include <string.h>

#include "tokenize.h"

#define ORG_MAX_CHARS 20

/* Folded code points of the input; brackets become '[' and ']'. */
static int fold_input(const char *z, uint32_t *aOut, int nMax) {
    int n = 0;
    size_t nz = strlen(z);
    for (size_t i = 0; i < nz;) {
        int len;
        uint32_t c = utf8_decode(z + i, nz - i, &len);
        i += (size_t)len;
        if (c == ' ' || c == '\t' || c == 0x3000 || c == 0xA0) continue;
        if (c >= 0xFF10 && c <= 0xFF19) c = '0' + (c - 0xFF10);
        switch (c) {
        case 0x3014: case '[': case 0x3010: case 0xFF08: case '(': case 0x3008: case 0xFF3B:
        case 0x3016: case 0xFE5D:
            c = '[';
            break;
        case 0x3015: case ']': case 0x3011: case 0xFF09: case ')': case 0x3009: case 0xFF3D:
        case 0x3017: case 0xFE5E:
            c = ']';
            break;
        default:
            c = tok_fold(c);
        }
        if (n >= nMax) return -1;
        aOut[n++] = c;
    }
    return n;
}

static int is_han(uint32_t c) {
    return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF);
}

static int is_digit(uint32_t c) {
    return c >= '0' && c <= '9';
}

int docno_parse(Arena *a, const char *z, Docno *pOut, Err *err) {
    static const char zBad[] = "不是有效的发文字号（应为 机关代字〔年份〕顺序号号，如 西政办发〔2021〕39号）";
    uint32_t aC[128];
    memset(pOut, 0, sizeof *pOut);
    int n = z ? fold_input(z, aC, 128) : -1;
    if (n <= 0) return err_set(err, ZW_EINPUT, "bad_docno", zBad, NULL);
    /* 机关代字: Han characters and ASCII letters, starting with Han, no digits. */
    int i = 0;
    while (i < n && (is_han(aC[i]) || (aC[i] < 128 && ((aC[i] | 32) >= 'a' && (aC[i] | 32) <= 'z')))) i++;
    int nOrg = i;
    if (nOrg == 0 || !is_han(aC[0]) || nOrg > ORG_MAX_CHARS) return err_set(err, ZW_EINPUT, "bad_docno", zBad, NULL);
    int bOrder = 0;
    /* A stray 第 belongs to the sequence, not the 代字 (but 令第 marks an order). */
    if (nOrg >= 2 && aC[nOrg - 1] == 0x7B2C /* 第 */) {
        nOrg--;
        bOrder = aC[nOrg - 1] == 0x4EE4 /* 令 */;
    }
    if (nOrg >= 1 && aC[nOrg - 1] == 0x53F7 /* 号 */) return err_set(err, ZW_EINPUT, "bad_docno", zBad, NULL);
    int iYear = 0;
    if (!bOrder) {
        if (i < n && aC[i] == '[') {
            i++;
            int k = 0;
            while (i < n && is_digit(aC[i]) && k < 5) iYear = iYear * 10 + (int)(aC[i++] - '0'), k++;
            if (k != 4) return err_set(err, ZW_EINPUT, "bad_docno", "发文字号中的年份应为四位数字", NULL);
            if (i < n && aC[i] == 0x5E74 /* 年 */) i++;
            if (i >= n || aC[i] != ']') return err_set(err, ZW_EINPUT, "bad_docno", "发文字号中年份的括号不完整", NULL);
            i++;
        } else {
            /* No brackets: 19xx/20xx followed by more digits, or by 年. */
            int k = 0;
            while (i + k < n && is_digit(aC[i + k])) k++;
            int bNian = k == 4 && i + 4 < n && aC[i + 4] == 0x5E74; /* 2021年39号 */
            if ((k < 5 && !bNian) || !((aC[i] == '1' && aC[i + 1] == '9') || (aC[i] == '2' && aC[i + 1] == '0'))) {
                return err_set(err, ZW_EINPUT, "bad_docno", zBad, NULL);
            }
            for (int j = 0; j < 4; j++) iYear = iYear * 10 + (int)(aC[i + j] - '0');
            i += 4;
            if (i < n && aC[i] == 0x5E74) i++;
        }
        if (iYear < 1949 || iYear > 2099) return err_set(err, ZW_EINPUT, "bad_docno", "发文字号中的年份不合理", NULL);
    }
    if (i < n && aC[i] == 0x7B2C /* 第 */) i++;
    int64_t iSeq = 0;
    int k = 0;
    while (i < n && is_digit(aC[i])) {
        if (k++ >= 6) return err_set(err, ZW_EINPUT, "bad_docno", "发文字号的顺序号过长", NULL);
        iSeq = iSeq * 10 + (aC[i++] - '0');
    }
    if (k == 0 || iSeq < 1 || iSeq > 99999) return err_set(err, ZW_EINPUT, "bad_docno", "发文字号缺少有效的顺序号", NULL);
    if (i >= n || aC[i] != 0x53F7 /* 号 */ || i + 1 != n) return err_set(err, ZW_EINPUT, "bad_docno", zBad, NULL);
    Str s;
    str_init(&s, a);
    for (int j = 0; j < nOrg; j++) {
        char b[4];
        str_append(&s, b, (size_t)utf8_encode(aC[j], b));
    }
    pOut->zOrg = arena_strdup(a, str_cstr(&s));
    if (bOrder) {
        str_appendf(&s, "第%lld号", (long long)iSeq);
    } else {
        str_appendf(&s, "〔%d〕%lld号", iYear, (long long)iSeq);
    }
    pOut->iYear = iYear;
    pOut->iSeq = iSeq;
    pOut->zNormalized = str_cstr(&s);
    return ZW_OK;
}

void docno_json(Str *s, const Docno *p) {
    str_puts(s, "{\"org\":");
    str_json(s, p->zOrg);
    if (p->iYear) str_appendf(s, ",\"year\":%d", p->iYear);
    else str_puts(s, ",\"year\":null");
    str_appendf(s, ",\"seq\":%lld,\"normalized\":", (long long)p->iSeq);
    str_json(s, p->zNormalized);
    str_putc(s, '}');
}

int docno_cli(int argc, char **argv) {
    if (argc != 1 || strcmp(argv[0], "--help") == 0) {
        fputs("用法: zwgk docno 发文字号\n"
              "  解析发文字号，输出 {\"org\",\"year\",\"seq\",\"normalized\"}；不是发文字号时退出码 1。\n"
              "  接受〔〕[]【】（）()〈〉等括号、全角数字、空格、繁体字、无括号年份。\n",
              argc == 1 ? stdout : stderr);
        return argc == 1 ? 0 : 2;
    }
    if (!utf8_valid(argv[0], strlen(argv[0]))) {
        fprintf(stderr, "zwgk docno: 输入不是有效的 UTF-8 文本\n");
        return 1;
    }
    Arena a;
    arena_init(&a);
    Docno d;
    Err err = {0};
    int rc = docno_parse(&a, argv[0], &d, &err);
    if (rc) {
        fprintf(stderr, "zwgk docno: %s：%s\n", err.zMsg, argv[0]);
    } else {
        Str s;
        str_init(&s, &a);
        docno_json(&s, &d);
        printf("%s\n", str_cstr(&s));
    }
    arena_free(&a);
    return rc ? 1 : 0;
}
