// SPDX-License-Identifier: MIT
/*
** workday_cli.c: `zwgk workday add DATE N`, `zwgk workday count FROM TO` and
** `zwgk workday import --db FILE CSV`.  add/count use the database's calendar with
** --db, else the shipped one.
*/
#include <stdio.h>
#include <string.h>

#include "workday.h"

static const char zHelp[] =
    "用法:\n"
    "  zwgk workday add DATE N [--db FILE]      DATE 之后第 N 个工作日（DATE 当天不计）\n"
    "  zwgk workday count FROM TO [--db FILE]   FROM 之后至 TO（含）之间的工作日数\n"
    "  zwgk workday import --db FILE CSV        导入节假日安排（日期,off|work,名称,年份）\n"
    "  不带 --db 时使用程序自带的 2019—2026 年国务院办公厅节假日安排。\n";

static void note_trace(const CalTrace *t) {
    if (t->bUnknownYear) {
        fprintf(stderr, "注意：%d 年的节假日安排尚未导入，该年按周末计算，结果可能不准确\n", t->iUnknownYear);
    }
}

int workday_cli(int argc, char **argv) {
    const char *zDb = NULL;
    const char *azPos[4];
    int nPos = 0;
    for (int i = 0; i < argc; i++) {
        if (strcmp(argv[i], "--help") == 0) {
            fputs(zHelp, stdout);
            return 0;
        } else if (strcmp(argv[i], "--db") == 0 && i + 1 < argc) {
            zDb = argv[++i];
        } else if (argv[i][0] == '-' && argv[i][1] == '-') {
            fprintf(stderr, "zwgk workday: 未知参数 %s\n%s", argv[i], zHelp);
            return 2;
        } else if (nPos < 4) {
            azPos[nPos++] = argv[i];
        } else {
            fputs(zHelp, stderr);
            return 2;
        }
    }
    if (nPos < 1) {
        fputs(zHelp, stderr);
        return 2;
    }
    Arena a;
    arena_init(&a);
    Err err = {0};
    Db *db = NULL;
    int rc = 0;
    if (zDb && db_open(&db, zDb, 0, &err) != ZW_OK) {
        fprintf(stderr, "zwgk workday: %s\n", err.zMsg);
        arena_free(&a);
        return 1;
    }
    if (strcmp(azPos[0], "import") == 0) {
        if (!db || nPos != 2) {
            fprintf(stderr, "zwgk workday: import 需要 --db 和一个 CSV 文件\n");
            rc = 2;
            goto done;
        }
        FILE *f = fopen(azPos[1], "rb");
        if (!f) {
            fprintf(stderr, "zwgk workday: 无法打开 %s\n", azPos[1]);
            rc = 1;
            goto done;
        }
        Str s;
        str_init(&s, &a);
        s.nMax = 1 << 20;
        char buf[8192];
        size_t n;
        while ((n = fread(buf, 1, sizeof buf, f)) > 0) str_append(&s, buf, n);
        fclose(f);
        int nRows = 0;
        if (s.err || !utf8_valid(s.z ? s.z : "", s.n)) {
            fprintf(stderr, "zwgk workday: 文件过大或不是 UTF-8 文本\n");
            rc = 1;
        } else if (cal_import(db, str_cstr(&s), &nRows, &err) != ZW_OK) {
            fprintf(stderr, "zwgk workday: %s\n", err.zMsg);
            rc = 1;
        } else {
            printf("imported %d days\n", nRows);
        }
        goto done;
    }
    Calendar cal;
    if ((db ? cal_load(db, &a, &cal, &err) : cal_builtin(&a, &cal, &err)) != ZW_OK) {
        fprintf(stderr, "zwgk workday: %s\n", err.zMsg);
        rc = 1;
        goto done;
    }
    CalTrace t;
    memset(&t, 0, sizeof t);
    if (strcmp(azPos[0], "add") == 0 && nPos == 3) {
        int64_t n;
        char zOut[11];
        if (str_to_i64(azPos[2], &n) != 0 || n < 0 || n > CAL_MAX_DAYS) {
            fprintf(stderr, "zwgk workday: N 应为 0 到 %d 之间的整数\n", CAL_MAX_DAYS);
            rc = 2;
        } else if (cal_add(&cal, azPos[1], (int)n, zOut, &t, &err) != ZW_OK) {
            fprintf(stderr, "zwgk workday: %s\n", err.zMsg);
            rc = 1;
        } else {
            printf("%s\n", zOut);
            note_trace(&t);
        }
    } else if (strcmp(azPos[0], "count") == 0 && nPos == 3) {
        int n;
        if (cal_count(&cal, azPos[1], azPos[2], &n, &t, &err) != ZW_OK) {
            fprintf(stderr, "zwgk workday: %s\n", err.zMsg);
            rc = 1;
        } else {
            printf("%d\n", n);
            note_trace(&t);
        }
    } else {
        fputs(zHelp, stderr);
        rc = 2;
    }
done:
    db_close(db);
    arena_free(&a);
    return rc;
}
