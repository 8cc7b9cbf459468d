// SPDX-License-Identifier: MIT
/*
** docno_cli.c: `zwgk docno STRING…`, the 文号 parser on the command line (docno.h).
** Joins its arguments with spaces, checks them at the edge (UTF-8, length), and prints
** docno_json() or the parser's Chinese reason.  One Arena for the command.
*/
#include <stdio.h>
#include <string.h>

#include "docno.h"

static const char zUsage[] =
    "用法: zwgk docno 发文字号\n"
    "\n"
    "解析一个发文字号，在标准输出打印一行 JSON：\n"
    "  {\"org\":\"西政办发\",\"year\":2021,\"seq\":39,\"normalized\":\"西政办发〔2021〕39号\"}\n"
    "规范形式为 机关代字〔年份〕顺序号号；令的形式为 机关代字第顺序号号（year 为 null），\n"
    "如 国务院令第711号。\n"
    "\n"
    "接受网站上常见的写法：〔〕 [] 【】 （） () 〈〉 ［］ 〖〗 ﹝﹞ 括号，括号内的“2021年”，\n"
    "全角数字，多余的空格，號、辦、發等繁体字，顺序号前的“第”和前导零，丢失的括号。\n"
    "年份不加括号时取代字后的前四位数字（须为 19xx 或 20xx），其后须还有顺序号，\n"
    "如 西政办发2021 39号、西政办发202139号；西政办发2021号 无法区分，不予接受。\n"
    "多个参数以空格连接（未加引号的“国办发〔2021〕12 号”也可解析）。\n"
    "\n"
    "退出码：0 成功；1 不是有效的发文字号；2 用法错误。\n";

int docno_cli(int argc, char **argv) {
    Arena a;
    Str s;
    Docno d;
    Err err = {0};
    int rc = 2;
    arena_init(&a);
    str_init(&s, &a);
    if (argc == 1 && (strcmp(argv[0], "--help") == 0 || strcmp(argv[0], "-h") == 0)) {
        fputs(zUsage, stdout);
        rc = 0;
        goto done;
    }
    if (argc < 1) {
        fputs("zwgk docno: 缺少发文字号（见 zwgk docno --help）\n", stderr);
        goto done;
    }
    for (int i = 0; i < argc; i++) {
        if (argv[i][0] == '-' && argv[i][1] != 0) {
            fprintf(stderr, "zwgk docno: 未知参数 %s（见 zwgk docno --help）\n", argv[i]);
            goto done;
        }
        if (i > 0) {
            str_putc(&s, ' ');
        }
        str_puts(&s, argv[i]);
    }
    rc = 1;
    const char *z = str_cstr(&s);
    if (!utf8_valid(z, s.n)) {
        fputs("zwgk docno: 不是有效的发文字号：输入不是有效的 UTF-8 文本\n", stderr);
        goto done;
    }
    if (docno_parse(&a, z, &d, &err) != ZW_OK) {
        /* Echo the input on one line, without control characters. */
        Str echo;
        str_init(&echo, &a);
        size_t nShown = utf8_prefix(z, s.n, 60);
        for (size_t i = 0; i < nShown; i++) {
            str_putc(&echo, (unsigned char)z[i] < 0x20 ? ' ' : z[i]);
        }
        if (nShown < s.n) {
            str_puts(&echo, "…");
        }
        fprintf(stderr, "zwgk docno: 不是有效的发文字号：“%s”（%s）\n", str_cstr(&echo),
                err.zMsg);
        goto done;
    }
    str_reset(&s);
    docno_json(&s, &d);
    str_putc(&s, '\n');
    fputs(str_cstr(&s), stdout);
    rc = 0;
done:
    arena_free(&a);
    return rc;
}
