// SPDX-License-Identifier: MIT
/*
** gongwen_cli.c: `zwgk gongwen [--today YYYY-MM-DD] FILE|-`, the 公文 element
** extractor on the command line: reads the text (at most 16 MB, valid UTF-8 without
** NUL bytes, checked here at the edge), prints gongwen_json() and a newline.
** "Today" for the 在未来 warnings is the county's calendar day (util_now(), which
** honours ZWGK_NOW) unless --today is given.
*/
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../core/util.h"
#include "gongwen.h"

static const char zHelp[] =
    "用法: zwgk gongwen [--today YYYY-MM-DD] 文件\n"
    "  从公文（GB/T 9704-2012 版式）的纯文本中提取标题、文号、发文机关署名、主送机关、\n"
    "  成文日期、公开方式、附件说明、抄送机关、印发机关和印发日期、份数和正文，\n"
    "  以 JSON 输出；warnings 列出需要审核人员注意的问题（如缺少文号、\n"
    "  印发日期早于成文日期、成文日期在未来）。\n"
    "  文件为 - 时读标准输入；文本须为 UTF-8，不超过 16 MB。\n"
    "  --today  判断“在未来”所用的日期，默认为今天。\n";

/* Read all of f into a heap buffer of at most nMax bytes.  0 on success; 1 on a read
** error; 2 when the input is larger than nMax. */
static int read_all(FILE *f, size_t nMax, char **pz, size_t *pn) {
    size_t nCap = 65536, n = 0;
    char *z = xmalloc(nCap);
    for (;;) {
        if (n == nCap) {
            if (nCap > nMax) {
                free(z);
                return 2;
            }
            nCap *= 2;
            z = xrealloc(z, nCap);
        }
        size_t k = fread(z + n, 1, nCap - n, f);
        n += k;
        if (k == 0) break;
    }
    if (ferror(f)) {
        free(z);
        return 1;
    }
    if (n > nMax) {
        free(z);
        return 2;
    }
    *pz = z;
    *pn = n;
    return 0;
}

int gongwen_cli(int argc, char **argv) {
    const char *zFile = NULL, *zToday = NULL;
    char zNow[11];
    for (int i = 0; i < argc; i++) {
        if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
            fputs(zHelp, stdout);
            return 0;
        }
        if (strcmp(argv[i], "--today") == 0 && i + 1 < argc) {
            zToday = argv[++i];
            continue;
        }
        if (strncmp(argv[i], "--", 2) == 0 || zFile) {
            fprintf(stderr, "zwgk gongwen: 未知参数或多余的参数：%s\n%s", argv[i], zHelp);
            return 2;
        }
        zFile = argv[i];
    }
    if (!zFile) {
        fprintf(stderr, "zwgk gongwen: 缺少文件名\n%s", zHelp);
        return 2;
    }
    if (zToday) {
        char zIso[11];
        int y, m, d;
        if (sscanf(zToday, "%4d-%2d-%2d", &y, &m, &d) != 3 ||
            snprintf(zIso, sizeof zIso, "%04d-%02d-%02d", y, m, d) != 10 ||
            strcmp(zIso, zToday) != 0 || !util_date_valid(zToday)) {
            fprintf(stderr, "zwgk gongwen: --today 应为 YYYY-MM-DD 格式的日期：%s\n", zToday);
            return 2;
        }
    } else {
        util_iso_date(util_now(), zNow);
        zToday = zNow;
    }
    FILE *f = strcmp(zFile, "-") == 0 ? stdin : fopen(zFile, "rb");
    if (!f) {
        fprintf(stderr, "zwgk gongwen: 无法打开文件 %s：%s\n", zFile, strerror(errno));
        return 1;
    }
    char *zText = NULL;
    size_t nText = 0;
    int rc = read_all(f, GONGWEN_MAX_INPUT, &zText, &nText);
    if (f != stdin) fclose(f);
    if (rc == 1) {
        fprintf(stderr, "zwgk gongwen: 读取 %s 失败\n", zFile);
        return 1;
    }
    if (rc == 2) {
        fprintf(stderr, "zwgk gongwen: %s 超过 16 MB\n", zFile);
        return 1;
    }
    if (!utf8_valid(zText, nText)) {
        fprintf(stderr, "zwgk gongwen: %s 不是有效的 UTF-8 文本（或含有 NUL 字节）\n", zFile);
        free(zText);
        return 1;
    }
    Arena a;
    arena_init(&a);
    Gongwen g;
    Err err = {0};
    rc = gongwen_parse(&a, zText, nText, zToday, &g, &err);
    free(zText);
    if (rc) {
        fprintf(stderr, "zwgk gongwen: %s\n", err.zMsg ? err.zMsg : "无法解析");
        arena_free(&a);
        return 1;
    }
    Str s;
    str_init(&s, &a);
    gongwen_json(&s, &g);
    str_putc(&s, '\n');
    fwrite(str_cstr(&s), 1, s.n, stdout);
    arena_free(&a);
    return fflush(stdout) == 0 ? 0 : 1;
}
