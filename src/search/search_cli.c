// SPDX-License-Identifier: MIT
/*
** search_cli.c: `zwgk search --db FILE [filters] QUERY`, the search page on the
** command line: one line per hit, or the API's JSON with --json.
*/
#include <stdio.h>
#include <string.h>

#include "../core/log.h"
#include "search.h"

static const char zHelp[] =
    "用法: zwgk search --db FILE [--unit CODE] [--area SLUG] [--genre 体裁] [--year YYYY]\n"
    "                  [--validity 有效性] [--sort rel|date] [--page N] [--json] 检索词...\n"
    "  在已发布的信息中检索（与网站 /search 相同的语法：空格分隔多个词，\n"
    "  引号表示短语，减号排除）。\n";

typedef struct CliArgs {
    int argc;
    char **argv;
} CliArgs;

/* The value after --zName in the arguments. */
static const char *cli_get(void *pCtx, const char *zName) {
    CliArgs *c = pCtx;
    for (int i = 0; i + 1 < c->argc; i++) {
        if (strncmp(c->argv[i], "--", 2) == 0 && strcmp(c->argv[i] + 2, zName) == 0) return c->argv[i + 1];
    }
    return NULL;
}

int search_cli(int argc, char **argv) {
    static const char *const azOpt[] = {"db", "unit", "area", "genre", "year", "validity", "sort", "page", "per_page", NULL};
    CliArgs c = {argc, argv};
    Arena a;
    arena_init(&a);
    Str query;
    str_init(&query, &a);
    int bJson = 0;
    for (int i = 0; i < argc; i++) {
        if (strcmp(argv[i], "--help") == 0) {
            fputs(zHelp, stdout);
            return 0;
        }
        if (strcmp(argv[i], "--json") == 0) {
            bJson = 1;
            continue;
        }
        if (strncmp(argv[i], "--", 2) == 0) {
            int bKnown = 0;
            for (int k = 0; azOpt[k]; k++) bKnown |= strcmp(argv[i] + 2, azOpt[k]) == 0;
            if (!bKnown || i + 1 >= argc) {
                fprintf(stderr, "zwgk search: 未知参数或缺少值：%s\n%s", argv[i], zHelp);
                return 2;
            }
            i++;
            continue;
        }
        if (query.n) str_putc(&query, ' ');
        str_puts(&query, argv[i]);
    }
    const char *zDb = cli_get(&c, "db");
    if (!zDb) {
        fprintf(stderr, "zwgk search: 缺少 --db\n%s", zHelp);
        return 2;
    }
    if (!utf8_valid(str_cstr(&query), query.n)) {
        fprintf(stderr, "zwgk search: 检索词不是有效的 UTF-8 文本\n");
        return 2;
    }
    Db *db;
    Err err = {0};
    int rc = db_open(&db, zDb, DB_READONLY, &err);
    if (rc) {
        fprintf(stderr, "zwgk search: %s\n", err.zMsg);
        return 1;
    }
    SearchFilter f;
    SearchQuery q;
    SearchHit *aHit = NULL;
    int nHit = 0;
    int64_t nTotal = 0;
    rc = search_filter_parse(db, &a, cli_get, &c, &f, &err);
    if (!rc) rc = query_parse(&a, str_cstr(&query), &q, &err);
    if (!rc && !q.zMatch) {
        rc = err_set(&err, ZW_EINPUT, "empty_query", "请输入要检索的词", NULL);
    }
    if (!rc) rc = search_run(db, &a, &q, &f, &aHit, &nHit, &nTotal, &err);
    if (rc) {
        fprintf(stderr, "zwgk search: %s\n", err.zMsg ? err.zMsg : "检索失败");
        db_close(db);
        arena_free(&a);
        return 1;
    }
    if (bJson) {
        Str s;
        str_init(&s, &a);
        search_json(&s, &q, &f, aHit, nHit, nTotal);
        printf("%s\n", str_cstr(&s));
    } else {
        printf("%s\n", search_total_text(&a, nTotal));
        for (int i = 0; i < nHit; i++) {
            printf("%6lld  %s  %s  %s%s%s\n", (long long)aHit[i].id, aHit[i].zDate, aHit[i].zUnit,
                   aHit[i].zTitle, *aHit[i].zDocno ? "  " : "", aHit[i].zDocno);
        }
    }
    db_close(db);
    arena_free(&a);
    return 0;
}
