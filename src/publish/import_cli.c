// SPDX-License-Identifier: MIT
/*
** import_cli.c: `zwgk import`, 公文 text files and markdown with front matter into
** a unit's column, each file in one transaction through the normal workflow (so the
** audit log, versions, 索引号, search index and transparency log are all kept).
** Relies on text/gongwen for plain 公文 text.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../core/log.h"
#include "../core/str.h"
#include "../core/util.h"
#include "../text/gongwen.h"
#include "publish.h"

static const char zHelp[] =
    "用法: zwgk import --db FILE --unit CODE --column ID|SLUG [--user NAME] [--publish] FILE...\n"
    "  导入公文文本（.txt，自动识别标题、文号、发文机关、成文日期和正文）或带前置信息的\n"
    "  Markdown（.md，开头为 --- 包围的 title: / docno: / issuer: / written_at: / topic: /\n"
    "  genre: / validity: 各行）。每个文件一个事务；逐个报告识别结果和提醒。\n"
    "  --user     以该用户身份导入（须有该单位的权限），默认第一个管理员\n"
    "  --publish  导入后直接审核发布（用户须为审核或管理员）\n";

/* Read a whole file (at most GONGWEN_MAX_INPUT bytes) into the arena. */
static char *read_file(Arena *a, const char *zPath, size_t *pn, const char **pzErr) {
    FILE *f = fopen(zPath, "rb");
    if (!f) {
        *pzErr = "无法打开文件";
        return NULL;
    }
    Str s;
    str_init(&s, a);
    s.nMax = GONGWEN_MAX_INPUT + 1;
    char buf[65536];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, f)) > 0) str_append(&s, buf, n);
    int bErr = ferror(f);
    fclose(f);
    if (bErr) {
        *pzErr = "读取文件失败";
        return NULL;
    }
    if (s.err) {
        *pzErr = "文件超过 16 MB";
        return NULL;
    }
    *pn = s.n;
    return (char *)str_cstr(&s);
}

/* Markdown with a front-matter block: fill in and return 1, else 0. */
static int front_matter(Arena *a, char *z, ItemInput *in) {
    if (strncmp(z, "---\n", 4) != 0) return 0;
    char *p = z + 4;
    char *zEnd = strstr(p, "\n---\n");
    if (!zEnd) return 0;
    *zEnd = 0;
    in->zBody = zEnd + 5;
    while (*p) {
        char *e = strchr(p, '\n');
        if (e) *e = 0;
        char *c = strchr(p, ':');
        if (c) {
            *c = 0;
            const char *v = str_trim(a, c + 1);
            if (strcmp(p, "title") == 0) in->zTitle = v;
            else if (strcmp(p, "docno") == 0) in->zDocno = v;
            else if (strcmp(p, "issuer") == 0) in->zIssuer = v;
            else if (strcmp(p, "written_at") == 0) in->zWrittenAt = v;
            else if (strcmp(p, "topic") == 0) in->zTopic = v;
            else if (strcmp(p, "genre") == 0) in->zGenre = v;
            else if (strcmp(p, "validity") == 0) in->zValidity = v;
            else if (strcmp(p, "kind") == 0) in->zKind = v;
            else if (strcmp(p, "scope") == 0) in->zScope = v;
            else if (strcmp(p, "form") == 0) in->zForm = v;
            else if (strcmp(p, "stage") == 0) in->zStage = v;
            else if (strcmp(p, "major") == 0) {
                in->bMajorSet = 1;
                in->bMajor = strcmp(v, "true") == 0 || strcmp(v, "1") == 0 || strcmp(v, "是") == 0;
            } else if (strcmp(p, "interprets") == 0) {
                /* Item ids separated by commas or spaces; a bad one fails the file later. */
                int64_t *aId = arena_alloc(a, sizeof *aId * 21);
                int n = 0;
                for (const char *q = v; *q && n < 21;) {
                    while (*q == ',' || *q == ' ') q++;
                    if (!*q) break;
                    char *e2;
                    long long x = strtoll(q, &e2, 10);
                    aId[n++] = e2 == q ? -1 : x;
                    q = e2 == q ? q + strlen(q) : e2;
                }
                in->bInterpretsSet = 1;
                in->aInterprets = aId;
                in->nInterprets = n;
            }
        }
        if (!e) break;
        p = e + 1;
    }
    in->zFormat = "md";
    return 1;
}

int import_cli(int argc, char **argv) {
    const char *zDb = NULL, *zUnit = NULL, *zColumn = NULL, *zUser = NULL;
    int bPublish = 0, nFile = 0;
    char **azFile = calloc((size_t)argc + 1, sizeof(char *));
    for (int i = 0; i < argc; i++) {
        const char **pz = NULL;
        if (strcmp(argv[i], "--help") == 0) {
            fputs(zHelp, stdout);
            free(azFile);
            return 0;
        } else if (strcmp(argv[i], "--publish") == 0) {
            bPublish = 1;
            continue;
        } else if (strcmp(argv[i], "--db") == 0) {
            pz = &zDb;
        } else if (strcmp(argv[i], "--unit") == 0) {
            pz = &zUnit;
        } else if (strcmp(argv[i], "--column") == 0) {
            pz = &zColumn;
        } else if (strcmp(argv[i], "--user") == 0) {
            pz = &zUser;
        } else if (strncmp(argv[i], "--", 2) == 0) {
            fprintf(stderr, "zwgk import: 未知参数 %s\n%s", argv[i], zHelp);
            free(azFile);
            return 2;
        } else {
            azFile[nFile++] = argv[i];
            continue;
        }
        if (i + 1 >= argc) {
            fprintf(stderr, "zwgk import: 选项 %s 需要一个值\n", argv[i]);
            free(azFile);
            return 2;
        }
        *pz = argv[++i];
    }
    if (!zDb || !zUnit || !zColumn || nFile == 0) {
        fprintf(stderr, "zwgk import: 需要 --db、--unit、--column 和至少一个文件\n%s", zHelp);
        free(azFile);
        return 2;
    }
    Arena a;
    arena_init(&a);
    Db *db = NULL;
    Err err = {0};
    int rc = 1, nOk = 0, nBad = 0;
    if (db_open(&db, zDb, 0, &err)) {
        fprintf(stderr, "zwgk import: %s\n", err.zMsg);
        goto done;
    }
    Unit *pUnit = unit_by_code(db, &a, zUnit);
    if (!pUnit) {
        fprintf(stderr, "zwgk import: 单位不存在：%s\n", zUnit);
        goto done;
    }
    int64_t iCol = 0;
    Column *pCol = str_to_i64(zColumn, &iCol) == 0 ? col_by_id(db, &a, iCol) : col_by_slug(db, &a, pUnit->id, zColumn);
    if (!pCol || pCol->iUnit != pUnit->id) {
        fprintf(stderr, "zwgk import: 栏目不存在或不属于该单位：%s\n", zColumn);
        goto done;
    }
    /* The acting user: named, or the first admin. */
    Stmt st;
    db_prepare(db, &st,
               "SELECT u.id,u.name,u.unit_id,u.role,n.code,n.name FROM user u JOIN unit n ON n.id=u.unit_id"
               " WHERE (?1 IS NULL AND u.role='admin') OR u.name=?1 ORDER BY u.id LIMIT 1");
    db_bind_text(&st, 1, zUser);
    User *u = NULL;
    if (db_step(&st) == 1) {
        u = arena_zalloc(&a, sizeof *u);
        u->id = db_col_int(&st, 0);
        u->zName = db_col_dup(&a, &st, 1);
        u->iUnit = db_col_int(&st, 2);
        u->eRole = auth_role_parse(db_col_text(&st, 3));
        u->zUnitCode = db_col_dup(&a, &st, 4);
        u->zUnitName = db_col_dup(&a, &st, 5);
    }
    db_done(&st);
    if (!u) {
        fprintf(stderr, "zwgk import: 用户不存在%s%s\n", zUser ? "：" : "（数据库中没有管理员）", zUser ? zUser : "");
        goto done;
    }
    char zToday[11];
    util_iso_date(util_now(), zToday);
    for (int i = 0; i < nFile; i++) {
        Arena fa;
        arena_init(&fa);
        const char *zWhy = NULL;
        size_t n = 0;
        char *z = read_file(&fa, azFile[i], &n, &zWhy);
        if (z && !utf8_valid(z, n)) zWhy = "不是有效的 UTF-8 文本（请先转换编码）";
        ItemInput in;
        memset(&in, 0, sizeof in);
        Gongwen g;
        memset(&g, 0, sizeof g);
        if (z && !zWhy && !front_matter(&fa, z, &in)) {
            if (gongwen_parse(&fa, z, n, zToday, &g, &err) != ZW_OK) {
                zWhy = err.zMsg;
            } else {
                in.zTitle = g.zTitle;
                in.zDocno = g.zDocno;
                in.zIssuer = g.zIssuer;
                in.zWrittenAt = g.zWrittenAt;
                in.zBody = g.zBody ? g.zBody : "";
                in.zFormat = "text";
            }
        }
        int64_t id = 0;
        if (!zWhy) {
            in.zUnit = pUnit->zCode;
            in.iColumn = pCol->id;
            Err e2 = {0};
            int r = db_begin(db);
            if (!r) r = item_create(db, &fa, u, "cli", &in, &id, &e2);
            if (!r && bPublish) r = item_submit(db, &fa, u, "cli", id, &e2);
            if (!r && bPublish) r = item_approve(db, &fa, u, "cli", id, &e2);
            if (r) {
                db_rollback(db);
                zWhy = e2.zMsg ? e2.zMsg : "写入数据库失败";
            } else if (db_commit(db)) {
                zWhy = "提交事务失败";
            }
        }
        if (zWhy) {
            printf("失败 %s：%s\n", azFile[i], zWhy);
            nBad++;
        } else {
            Item *p = item_get(db, &fa, id);
            printf("成功 %s → 信息 %lld%s%s%s：%s%s\n", azFile[i], (long long)id,
                   p && p->zIndexNo ? "（索引号 " : "", p && p->zIndexNo ? p->zIndexNo : "",
                   p && p->zIndexNo ? "）" : "", in.zTitle, bPublish ? "（已发布）" : "（草稿）");
            for (int k = 0; k < g.nWarning; k++) printf("  提醒：%s\n", g.azWarning[k]);
            nOk++;
        }
        if (nFile >= 100 && (i + 1) % 100 == 0) {
            fprintf(stderr, "import: %d/%d files\n", i + 1, nFile);
        }
        arena_free(&fa);
    }
    printf("导入完成：成功 %d，失败 %d\n", nOk, nBad);
    rc = nBad ? 1 : 0;
done:
    db_close(db);
    arena_free(&a);
    free(azFile);
    return rc;
}
