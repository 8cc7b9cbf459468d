// SPDX-License-Identifier: MIT
/*
** report_cli.c: `zwgk report annual`, the annual report of one unit and year as JSON,
** a standalone HTML document (A4) or an Excel workbook.  Arguments are checked
** before the database is opened: a usage error exits 2, a failure 1, with a Chinese
** message on stderr.
*/
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "../core/log.h"
#include "../core/util.h"
#include "report.h"

static const char zHelp[] =
    "用法: zwgk report annual --db FILE --unit CODE --year YYYY [--format json|html|xlsx] [--out FILE]\n"
    "  按国家模板（国办公开办函〔2021〕30号）生成一个单位的政府信息公开工作年度报告：\n"
    "  六个部分，表二、表三、表四由数据统计，并核对勾稽关系（不相符时在报告中标出）。\n"
    "  --db      数据库文件\n"
    "  --unit    单位代码，如 czj\n"
    "  --year    报告年度，如 2025（2000 至今年）\n"
    "  --format  json（默认）、html（可直接按 A4 打印）或 xlsx（Excel，保留合并表头）\n"
    "  --out     输出文件；json 和 html 省略时写到标准输出，xlsx 必须指定\n"
    "  退出码：0 成功，1 失败（数据库、单位不存在、写文件出错），2 参数错误。\n";

static int usage_error(const char *zMsg) {
    fprintf(stderr, "zwgk report: %s（见 zwgk report --help）\n", zMsg);
    return 2;
}

static int failed(const char *zMsg, const Err *err) {
    fprintf(stderr, "zwgk report: %s%s%s\n", zMsg ? zMsg : (err && err->zMsg ? err->zMsg : "失败"),
            err && err->zLog ? " — " : "", err && err->zLog ? err->zLog : "");
    return 1;
}

/* Write p[0..n) to zPath, replacing it; 0 on success. */
static int write_file(const char *zPath, const char *p, size_t n) {
    FILE *f = fopen(zPath, "wb");
    if (!f) return -1;
    int bad = fwrite(p, 1, n, f) != n;
    bad |= fclose(f) != 0;
    return bad ? -1 : 0;
}

int report_cli(int argc, char **argv) {
    for (int i = 0; i < argc; i++) {
        if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
            fputs(zHelp, stdout);
            return 0;
        }
    }
    if (argc < 1) {
        fputs(zHelp, stderr);
        return 2;
    }
    if (strcmp(argv[0], "annual") != 0) {
        fprintf(stderr, "zwgk report: 未知子命令 %s\n%s", argv[0], zHelp);
        return 2;
    }
    const char *zDb = NULL, *zUnit = NULL, *zYear = NULL, *zFormat = NULL, *zOut = NULL;
    static const char *const azOpt[] = {"--db", "--unit", "--year", "--format", "--out", NULL};
    const char **apVal[] = {&zDb, &zUnit, &zYear, &zFormat, &zOut};
    for (int i = 1; i < argc; i++) {
        int k;
        for (k = 0; azOpt[k] && strcmp(argv[i], azOpt[k]) != 0; k++) {
        }
        if (!azOpt[k]) {
            fprintf(stderr, "zwgk report: 未知参数 %s（见 zwgk report --help）\n", argv[i]);
            return 2;
        }
        if (i + 1 >= argc) {
            fprintf(stderr, "zwgk report: 选项 %s 需要一个值\n", argv[i]);
            return 2;
        }
        *apVal[k] = argv[++i];
    }
    if (!zDb) return usage_error("缺少选项 --db");
    if (!zUnit) return usage_error("缺少选项 --unit");
    if (!zYear) return usage_error("缺少选项 --year");
    if (!zFormat) zFormat = "json";
    int64_t iYear;
    int iNow = util_year(util_now());
    if (str_to_i64(zYear, &iYear) != 0 || iYear < 2000 || iYear > iNow) {
        fprintf(stderr, "zwgk report: --year 应为 2000 到 %d 之间的年份\n", iNow);
        return 2;
    }
    int eFormat = strcmp(zFormat, "json") == 0   ? 1
                  : strcmp(zFormat, "html") == 0 ? 2
                  : strcmp(zFormat, "xlsx") == 0 ? 3
                                                 : 0;
    if (!eFormat) return usage_error("--format 应为 json、html 或 xlsx");
    if (eFormat == 3 && !zOut) return usage_error("xlsx 格式需要用 --out 指定输出文件");
    if (zOut && !*zOut) return usage_error("--out 不能为空");
    if (access(zDb, F_OK) != 0) {
        fprintf(stderr, "zwgk report: 数据库文件不存在：%s\n", zDb);
        return 1;
    }
    Db *db;
    Err err = {0};
    if (db_open(&db, zDb, DB_READONLY, &err) != ZW_OK) return failed(NULL, &err);
    Arena a;
    arena_init(&a);
    int rc = 1;
    Unit *pUnit = unit_by_code(db, &a, zUnit);
    Report *r = NULL;
    if (!pUnit) {
        fprintf(stderr, "zwgk report: 单位不存在：%s\n", zUnit);
    } else if (report_build(db, &a, pUnit, (int)iYear, &r, &err) != ZW_OK) {
        failed(NULL, &err);
    } else if (eFormat == 3) {
        if (report_xlsx(r, zOut, &err) != ZW_OK) {
            failed(NULL, &err);
        } else {
            rc = 0;
        }
    } else {
        Str s;
        str_init(&s, &a);
        if (eFormat == 1) {
            report_json(&s, r);
            str_putc(&s, '\n');
        } else if (report_html_document(&a, r, &s, &err) != ZW_OK) {
            failed(NULL, &err);
            s.err = 1;
        }
        if (!s.err) {
            if (zOut) {
                if (write_file(zOut, str_cstr(&s), s.n) != 0) {
                    fprintf(stderr, "zwgk report: 无法写入文件：%s\n", zOut);
                } else {
                    rc = 0;
                }
            } else {
                rc = fwrite(str_cstr(&s), 1, s.n, stdout) == s.n && fflush(stdout) == 0 ? 0 : 1;
            }
        }
    }
    if (rc == 0 && r && r->nFailed) {
        fprintf(stderr, "zwgk report: 注意：%d 项勾稽关系不相符，已在报告中标出\n", r->nFailed);
    }
    arena_free(&a);
    db_close(db);
    return rc;
}
