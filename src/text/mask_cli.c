// SPDX-License-Identifier: MIT
/*
** mask_cli.c: `zwgk mask [--json]`: the personal-data masker (mask.h) as a filter.
** Reads all of standard input (at most 64 MB, valid UTF-8 without NUL bytes, checked
** here at the edge), writes the masked text to standard output (or, with --json, the
** text and the hits as one JSON object and a newline) and a one-line Chinese summary
** to standard error.  Everything lives in one Arena, released before returning.
*/
#include <stdio.h>
#include <string.h>

#include "../core/err.h"
#include "../core/str.h"
#include "mask.h"

static const char zHelp[] =
    "用法: zwgk mask [--json] < 输入文本 > 输出文本\n"
    "  遮蔽标准输入文本中的个人信息后写到标准输出，并在标准错误上报告遮蔽了几处：\n"
    "    身份证号（18 位，校验码正确、出生日期真实；15 位旧号码）保留前 6 位和后 4 位；\n"
    "    手机号码保留前 3 位和后 4 位；银行卡号（16～19 位，通过 Luhn 校验）只保留后 4 位。\n"
    "  号码可以是全角数字，也可以用空格或连字符分组（如 138 1234 5678）。\n"
    "  统一社会信用代码、文号、索引号、日期、金额、办公电话和未通过校验的数字不变。\n"
    "  输入须为 UTF-8 文本，不超过 64 MB。\n"
    "  --json  改为输出 JSON：{\"text\":遮蔽后的文本,\"hits\":[{\"kind\",\"label\",\"start\",\n"
    "          \"length\",\"masked\"}]}，start 和 length 是原文中的字节位置和长度。\n";

/* Read all of f into the arena, at most nMax bytes.  0 on success; 1 on a read error;
** 2 when the input is larger than nMax. */
static int read_all(Arena *a, FILE *f, size_t nMax, const char **pz, size_t *pn) {
    Str s;
    char buf[65536];
    size_t k;
    str_init(&s, a);
    s.nMax = nMax + 2; /* room for one byte too many, and the NUL */
    while ((k = fread(buf, 1, sizeof buf, f)) > 0) {
        str_append(&s, buf, k);
        if (s.err || s.n > nMax) return 2;
    }
    if (ferror(f)) return 1;
    *pz = str_cstr(&s);
    *pn = s.n;
    return 0;
}

int mask_cli(int argc, char **argv) {
    int bJson = 0, rc = 0;
    for (int i = 0; i < argc; i++) {
        if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
            fputs(zHelp, stdout);
            return 0;
        }
        if (strcmp(argv[i], "--json") == 0) {
            bJson = 1;
            continue;
        }
        fprintf(stderr, "zwgk mask: 未知参数：%s\n%s", argv[i], zHelp);
        return 2;
    }
    Arena a;
    arena_init(&a);
    const char *zIn = NULL;
    size_t nIn = 0;
    int rcRead = read_all(&a, stdin, MASK_MAX_INPUT, &zIn, &nIn);
    if (rcRead == 1) {
        fputs("zwgk mask: 读取标准输入失败\n", stderr);
        rc = 1;
        goto done;
    }
    if (rcRead == 2) {
        fputs("zwgk mask: 输入超过 64 MB\n", stderr);
        rc = 1;
        goto done;
    }
    if (!utf8_valid(zIn, nIn)) {
        fputs("zwgk mask: 输入不是有效的 UTF-8 文本（或含有 NUL 字节）\n", stderr);
        rc = 1;
        goto done;
    }
    MaskHit *aHit;
    int nHit;
    if (mask_find(&a, zIn, nIn, &aHit, &nHit) != ZW_OK) {
        fputs("zwgk mask: 输入超过 64 MB\n", stderr);
        rc = 1;
        goto done;
    }
    size_t nOut;
    const char *zOut = mask_apply(&a, zIn, nIn, aHit, nHit, &nOut);
    if (bJson) {
        Str s;
        str_init(&s, &a);
        s.nMax = nOut * 6 + (size_t)nHit * 256 + 64; /* worst case: every byte \u00XX */
        str_puts(&s, "{\"text\":");
        str_json_n(&s, zOut, nOut);
        str_puts(&s, ",\"hits\":[");
        for (int i = 0; i < nHit; i++) {
            str_appendf(&s, "%s{\"kind\":\"%s\",\"label\":", i ? "," : "",
                        mask_kind_name(aHit[i].eKind));
            str_json(&s, mask_kind_label(aHit[i].eKind));
            str_appendf(&s, ",\"start\":%zu,\"length\":%zu,\"masked\":", aHit[i].iStart,
                        aHit[i].nLen);
            str_json(&s, aHit[i].zMasked);
            str_putc(&s, '}');
        }
        str_puts(&s, "]}\n");
        if (s.err) {
            fputs("zwgk mask: 输出过大\n", stderr);
            rc = 1;
            goto done;
        }
        zOut = s.z;
        nOut = s.n;
    }
    if (fwrite(zOut, 1, nOut, stdout) != nOut || fflush(stdout) != 0) {
        fputs("zwgk mask: 写标准输出失败\n", stderr);
        rc = 1;
        goto done;
    }
    /* The summary: kinds with their counts, in a fixed order. */
    static const MaskKind aeKind[] = {MASK_ID, MASK_MOBILE, MASK_BANK};
    if (nHit == 0) {
        fputs("未发现需要遮蔽的个人信息\n", stderr);
    } else {
        Str sum;
        str_init(&sum, &a);
        str_appendf(&sum, "已遮蔽 %d 处：", nHit);
        const char *zSep = "";
        for (size_t k = 0; k < sizeof aeKind / sizeof aeKind[0]; k++) {
            int nKind = 0;
            for (int i = 0; i < nHit; i++) nKind += aHit[i].eKind == aeKind[k];
            if (nKind) {
                str_appendf(&sum, "%s%s %d", zSep, mask_kind_label(aeKind[k]), nKind);
                zSep = "，";
            }
        }
        fprintf(stderr, "%s\n", str_cstr(&sum));
    }
done:
    arena_free(&a);
    return rc;
}
