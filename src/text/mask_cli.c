// SPDX-License-Identifier: MIT
/*
** mask_cli.c: `zwgk mask`: standard input masked to standard output, with a Chinese
** summary on standard error; --json prints the hits too.
*/
#include <stdio.h>
#include <string.h>

#include "../core/str.h"
#include "mask.h"

static const char zHelp[] =
    "用法: zwgk mask [--json] < 输入文本\n"
    "  遮蔽文本中的个人信息后输出：身份证号（保留前 6 位和后 4 位）、手机号码（保留前 3 位和\n"
    "  后 4 位）、银行卡号（保留后 4 位）。统一社会信用代码、文号、索引号、日期、金额和\n"
    "  办公电话不变。--json 输出 {\"text\",\"hits\":[{\"kind\",\"start\",\"length\",\"masked\"}]}。\n";

int mask_cli(int argc, char **argv) {
    int bJson = 0;
    for (int i = 0; i < argc; i++) {
        if (strcmp(argv[i], "--help") == 0) {
            fputs(zHelp, stdout);
            return 0;
        } else if (strcmp(argv[i], "--json") == 0) {
            bJson = 1;
        } else {
            fprintf(stderr, "zwgk mask: 未知参数 %s\n%s", argv[i], zHelp);
            return 2;
        }
    }
    Arena a;
    arena_init(&a);
    Str in;
    str_init(&in, &a);
    in.nMax = (size_t)64 << 20;
    char buf[65536];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, stdin)) > 0) str_append(&in, buf, n);
    if (in.err || !utf8_valid(str_cstr(&in), in.n)) {
        fprintf(stderr, "zwgk mask: 输入过大（超过 64 MB）或不是有效的 UTF-8 文本\n");
        arena_free(&a);
        return 1;
    }
    MaskHit *aHit;
    int nHit;
    mask_find(&a, in.z ? in.z : "", in.n, &aHit, &nHit);
    const char *zOut = mask_text(&a, str_cstr(&in), NULL);
    if (bJson) {
        Str s;
        str_init(&s, &a);
        str_puts(&s, "{\"text\":");
        str_json(&s, zOut);
        str_puts(&s, ",\"hits\":[");
        for (int i = 0; i < nHit; i++) {
            static const char *const azKind[] = {"", "id", "mobile", "", "bank"};
            str_appendf(&s, "%s{\"kind\":\"%s\",\"start\":%zu,\"length\":%zu,\"masked\":", i ? "," : "",
                        azKind[aHit[i].eKind], aHit[i].iStart, aHit[i].nLen);
            str_json(&s, aHit[i].zMasked);
            str_putc(&s, '}');
        }
        str_puts(&s, "]}\n");
        fwrite(s.z, 1, s.n, stdout);
    } else {
        fwrite(zOut, 1, strlen(zOut), stdout);
    }
    int nId = 0, nMobile = 0, nBank = 0;
    for (int i = 0; i < nHit; i++) {
        nId += aHit[i].eKind == MASK_ID;
        nMobile += aHit[i].eKind == MASK_MOBILE;
        nBank += aHit[i].eKind == MASK_BANK;
    }
    fprintf(stderr, "已遮蔽 %d 处：身份证号 %d，手机号码 %d，银行卡号 %d\n", nHit, nId, nMobile, nBank);
    arena_free(&a);
    return 0;
}
