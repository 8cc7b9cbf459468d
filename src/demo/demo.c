// SPDX-License-Identifier: MIT
/*
** demo.c: loads the demo county.  Units follow the plan (西政办发〔2021〕39号);
** the sample items are parsed from the embedded data/demo/items.txt, sorted by
** publication date and published through item_create/submit/approve with the
** clock pinned to each item's date, so versions, 索引号 and the transparency log
** look exactly as they would had the county used zwgk since 2021.
*/
#include "demo.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../auth/auth.h"
#include "../core/embed.h"
#include "../core/log.h"
#include "../core/str.h"
#include "../core/util.h"
#include "../interpret/interpret.h"
#include "../interpret/taxonomy.h"
#include "../norms/norms.h"
#include "../publish/publish.h"
#include "../text/gongwen.h"

static const struct {
    const char *zCode, *zName, *zShort, *zKind, *zOrg, *zParent, *zPhone;
} aUnit[] = {
    {"xjx", "西吉县人民政府", "西政", "county", "640422000", NULL, "0954-3012345"},
    {"xzfb", "西吉县人民政府办公室", "西政办", "dept", "640422001", "xjx", "0954-3012346"},
    {"fgj", "西吉县发展和改革局", "西发改", "dept", "640422002", "xjx", "0954-3012401"},
    {"zrzyj", "西吉县自然资源局", "西自然资", "dept", "640422003", "xjx", "0954-3012402"},
    {"scjgj", "西吉县市场监督管理局", "西市监", "dept", "640422004", "xjx", "0954-3012403"},
    {"czj", "西吉县财政局", "西财", "dept", "640422005", "xjx", "0954-3012404"},
    {"wjj", "西吉县卫生健康局", "西卫健", "dept", "640422006", "xjx", "0954-3012405"},
    {"jtj", "西吉县教育体育局", "西教体", "dept", "640422007", "xjx", "0954-3012406"},
    {"sfj", "西吉县司法局", "西司", "dept", "640422008", "xjx", "0954-3012407"},
    {"jqz", "吉强镇人民政府", "吉强", "town", "640422100", "xjx", "0954-3021001"},
    {"xlz", "兴隆镇人民政府", "兴隆", "town", "640422101", "xjx", "0954-3021002"},
    {"jtbz", "将台堡镇人民政府", "将台", "town", "640422102", "xjx", "0954-3021003"},
    {"hszx", "火石寨乡人民政府", "火石寨", "town", "640422200", "xjx", "0954-3021004"},
};

int demo_units(Db *db, Err *err) {
    int rc = db_begin(db);
    if (rc) return db_err(db, err);
    for (size_t i = 0; i < sizeof aUnit / sizeof aUnit[0] && !rc; i++) {
        Stmt st;
        db_prepare(db, &st,
                   "INSERT OR IGNORE INTO unit(code,name,short,kind,org_code,parent_id,phone,"
                   "address,sort) VALUES(?1,?2,?3,?4,?5,(SELECT id FROM unit WHERE code=?6),?7,"
                   "'宁夏回族自治区固原市西吉县',?8)");
        db_bind_text(&st, 1, aUnit[i].zCode);
        db_bind_text(&st, 2, aUnit[i].zName);
        db_bind_text(&st, 3, aUnit[i].zShort);
        db_bind_text(&st, 4, aUnit[i].zKind);
        db_bind_text(&st, 5, aUnit[i].zOrg);
        db_bind_text(&st, 6, aUnit[i].zParent);
        db_bind_text(&st, 7, aUnit[i].zPhone);
        db_bind_int(&st, 8, (int64_t)i * 10);
        rc = db_run(&st);
        db_done(&st);
        if (!rc) {
            db_prepare(db, &st, "SELECT id FROM unit WHERE code=?1");
            db_bind_text(&st, 1, aUnit[i].zCode);
            int64_t id = db_step(&st) == 1 ? db_col_int(&st, 0) : 0;
            db_done(&st);
            rc = col_make_standard(db, id);
        }
    }
    if (rc) {
        db_rollback(db);
        return db_err(db, err);
    }
    return db_commit(db) ? db_err(db, err) : ZW_OK;
}

/* One parsed record of items.txt. */
typedef struct DemoItem {
    const char *zUnit, *zColumn, *zPublishedAt;
    const char *zAudienceJson; /* audience as written, normalized at load */
    const char *zInterprets;   /* 文号 of the policies, "；"-separated */
    ItemInput in;
} DemoItem;

static const char *field(Arena *a, const char *zLine, size_t n, const char *zKey) {
    size_t k = strlen(zKey);
    if (n > k + 1 && memcmp(zLine, zKey, k) == 0 && zLine[k] == ':') {
        const char *p = zLine + k + 1;
        while (*p == ' ') p++;
        return arena_strndup(a, p, n - (size_t)(p - zLine));
    }
    return NULL;
}

/* Parse items.txt: records separated by "%%" lines; "key: value" headers, one
** blank line, then the body. */
static int parse_items(Arena *a, const char *zText, DemoItem **paItem, int *pnItem) {
    int n = 0, nCap = 128;
    DemoItem *aItem = arena_zalloc(a, sizeof(DemoItem) * (size_t)nCap);
    const char *p = zText;
    DemoItem *d = NULL;
    int bBody = 0;
    Str body;
    str_init(&body, a);
    for (;;) {
        const char *e = strchr(p, '\n');
        size_t nLine = e ? (size_t)(e - p) : strlen(p);
        int bEnd = !e;
        int bSep = nLine == 2 && p[0] == '%' && p[1] == '%';
        if (bSep || bEnd) {
            if (bEnd && bBody && nLine) {
                str_append(&body, p, nLine);
            }
            if (d && d->in.zTitle) {
                while (body.n && body.z[body.n - 1] == '\n') body.n--;
                d->in.zBody = arena_strndup(a, body.z ? body.z : "", body.n);
                n++;
            }
            if (bEnd) break;
            if (n == nCap) return -1;
            d = &aItem[n];
            memset(d, 0, sizeof *d);
            bBody = 0;
            str_init(&body, a);
        } else if (d && !bBody) {
            const char *v;
            if (nLine == 0) {
                bBody = 1;
            } else if ((v = field(a, p, nLine, "unit"))) {
                d->zUnit = v;
            } else if ((v = field(a, p, nLine, "column"))) {
                d->zColumn = v;
            } else if ((v = field(a, p, nLine, "title"))) {
                d->in.zTitle = v;
            } else if ((v = field(a, p, nLine, "issuer"))) {
                d->in.zIssuer = v;
            } else if ((v = field(a, p, nLine, "written_at"))) {
                d->in.zWrittenAt = v;
            } else if ((v = field(a, p, nLine, "published_at"))) {
                d->zPublishedAt = v;
            } else if ((v = field(a, p, nLine, "topic"))) {
                d->in.zTopic = v;
            } else if ((v = field(a, p, nLine, "genre"))) {
                d->in.zGenre = v;
            } else if ((v = field(a, p, nLine, "format"))) {
                d->in.zFormat = v;
            } else if ((v = field(a, p, nLine, "docno"))) {
                d->in.zDocno = v;
            } else if ((v = field(a, p, nLine, "validity"))) {
                d->in.zValidity = v;
            } else if ((v = field(a, p, nLine, "kind"))) {
                d->in.zKind = v;
            } else if ((v = field(a, p, nLine, "scope"))) {
                d->in.zScope = v;
            } else if ((v = field(a, p, nLine, "major"))) {
                d->in.bMajorSet = 1;
                d->in.bMajor = strcmp(v, "1") == 0;
            } else if ((v = field(a, p, nLine, "form"))) {
                d->in.zForm = v;
            } else if ((v = field(a, p, nLine, "stage"))) {
                d->in.zStage = v;
            } else if ((v = field(a, p, nLine, "audience"))) {
                d->zAudienceJson = v;
            } else if ((v = field(a, p, nLine, "interprets"))) {
                d->zInterprets = v;
            }
        } else if (d) {
            str_append(&body, p, nLine);
            str_putc(&body, '\n');
        } else if (nLine && p[0] != '#') {
            /* Text before the first separator that is not a comment: start a record. */
            d = &aItem[n];
            memset(d, 0, sizeof *d);
            continue;
        }
        p = e + 1;
    }
    *paItem = aItem;
    *pnItem = n;
    return 0;
}

/* By publication date; on one day, interpretations after the policies they name. */
static int cmp_date(const void *x, const void *y) {
    const DemoItem *a = x, *b = y;
    int c = strcmp(a->zPublishedAt ? a->zPublishedAt : "", b->zPublishedAt ? b->zPublishedAt : "");
    if (c) return c;
    return (a->zInterprets != NULL) - (b->zInterprets != NULL);
}

/* Resolve a demo item's audience (JSON → canonical) and the policies it interprets
** (文号 → ids of policies published before it). */
static int policy_fields(Db *db, Arena *a, DemoItem *d, Err *err) {
    int rc;
    if (d->zAudienceJson) {
        TaxTowns towns;
        Json *j;
        if ((rc = taxonomy_towns(db, a, &towns))) return err_set(err, rc, NULL, "读取乡镇失败", NULL);
        rc = json_parse(a, d->zAudienceJson, strlen(d->zAudienceJson), &j, err);
        if (!rc) rc = taxonomy_normalize(a, &towns, j, &d->in.zAudience, err);
        if (rc) return rc;
    }
    if (!d->zInterprets) return ZW_OK;
    int64_t *aId = arena_alloc(a, sizeof *aId * INTERP_MAX_LINKS);
    int n = 0;
    const char *p = d->zInterprets;
    while (*p && n < INTERP_MAX_LINKS) {
        const char *e = strstr(p, "；");
        size_t k = e ? (size_t)(e - p) : strlen(p);
        Stmt st;
        db_prepare(db, &st, "SELECT id FROM item WHERE docno=?1 AND kind='policy'");
        db_bind_textn(&st, 1, p, k);
        if (db_step(&st) == 1) aId[n++] = db_col_int(&st, 0);
        db_done(&st);
        p += k;
        if (e) p += strlen("；");
    }
    if (n == 0) return err_set(err, ZW_EINPUT, NULL, "示例解读找不到所解读的政策", d->zInterprets);
    d->in.bInterpretsSet = 1;
    d->in.aInterprets = aId;
    d->in.nInterprets = n;
    return ZW_OK;
}

/* The demo's normative documents with the dates and terms their texts give. */
static int demo_norms(Db *db, Arena *a, const User *u, Err *err) {
    static const struct {
        const char *zDocno, *zEffective, *zExpires;
    } aNorm[] = {
        {"西政发〔2021〕9号", "2021-03-10", "2021-12-31"},
        {"西政发〔2021〕28号", "2021-08-15", "2026-08-14"},
        {"西自然资发〔2021〕33号", "2021-10-01", "2023-09-30"},
        {"西市监发〔2021〕35号", "2021-08-01", "2023-07-31"},
        {"西财发〔2021〕15号", "2021-05-01", "2026-04-30"},
        {"西教体发〔2021〕48号", "2022-01-01", "2023-12-31"},
        {"西政发〔2021〕61号", "2021-12-14", NULL},
    };
    int64_t aId[sizeof aNorm / sizeof aNorm[0]];
    int rc = ZW_OK;
    for (size_t i = 0; i < sizeof aNorm / sizeof aNorm[0] && !rc; i++) {
        Stmt st;
        aId[i] = 0;
        const char *zWritten = NULL;
        db_prepare(db, &st, "SELECT id,written_at FROM item WHERE docno=?1");
        db_bind_text(&st, 1, aNorm[i].zDocno);
        if (db_step(&st) == 1) {
            aId[i] = db_col_int(&st, 0);
            zWritten = db_col_dup(a, &st, 1);
        }
        db_done(&st);
        if (!aId[i]) return err_set(err, ZW_EINPUT, NULL, "示例规范性文件不存在", aNorm[i].zDocno);
        NormInput in = {NULL, zWritten, aNorm[i].zEffective, aNorm[i].zExpires ? aNorm[i].zExpires : ""};
        rc = norm_set(db, a, u, "127.0.0.1", aId[i], &in, err);
    }
    /* The 2021 review (清理) that led to 西政发〔2021〕61号 kept the county's current ones. */
    int64_t iReview = 0;
    if (!rc) rc = norm_review_create(db, a, u, "127.0.0.1", "2021年行政规范性文件集中清理", 2021, &iReview, err);
    for (size_t i = 1; i < 3 && !rc; i++) {
        rc = norm_review_result(db, a, u, "127.0.0.1", iReview, aId[i], "继续有效", "", err);
    }
    return rc;
}

/* Publish one item as admin with the clock at 09:00 China time on zDate. */
static int publish_one(Db *db, Arena *a, const User *u, const char *zUnit, const char *zColumn,
                       const char *zDate, ItemInput *in, Err *err) {
    Unit *pUnit = unit_by_code(db, a, zUnit);
    if (!pUnit) return err_set(err, ZW_EINPUT, NULL, "示例数据中的单位不存在", zUnit);
    Column *pCol = col_by_slug(db, a, pUnit->id, zColumn);
    if (!pCol) return err_set(err, ZW_EINPUT, NULL, "示例数据中的栏目不存在", zColumn);
    in->zUnit = zUnit;
    in->iColumn = pCol->id;
    if (!in->zIssuer) in->zIssuer = pUnit->zName;
    util_set_now(util_parse_time(zDate) + 3600);
    int64_t id;
    int rc = item_create(db, a, u, "127.0.0.1", in, &id, err);
    if (!rc) rc = item_submit(db, a, u, "127.0.0.1", id, err);
    if (!rc) rc = item_approve(db, a, u, "127.0.0.1", id, err);
    util_set_now(0);
    return rc;
}

int demo_load(Db *db, const char *zDemoPassword, Err *err) {
    Arena a;
    arena_init(&a);
    int rc = ZW_OK;
    const EmbedFile *pItems = embed_find("data/demo/items.txt");
    const EmbedFile *pPlan = embed_find("data/demo/plan.txt");
    if (!pItems || !pPlan) {
        return err_set(err, ZW_EIO, NULL, "程序中缺少示例数据", "data/demo not embedded");
    }
    if ((rc = db_begin(db))) return db_err(db, err);
    /* Users: one admin, and an editor and a reviewer per unit. */
    rc = auth_user_add(db, "admin", "xzfb", ROLE_ADMIN, zDemoPassword, err);
    for (size_t i = 0; i < sizeof aUnit / sizeof aUnit[0] && !rc; i++) {
        rc = auth_user_add(db, arena_printf(&a, "%s_editor", aUnit[i].zCode), aUnit[i].zCode,
                           ROLE_EDITOR, zDemoPassword, err);
        if (!rc) {
            rc = auth_user_add(db, arena_printf(&a, "%s_reviewer", aUnit[i].zCode),
                               aUnit[i].zCode, ROLE_REVIEWER, zDemoPassword, err);
        }
    }
    User *pAdmin = NULL;
    if (!rc) {
        Stmt st;
        db_prepare(db, &st,
                   "SELECT u.id,n.id,n.code,n.name FROM user u JOIN unit n ON n.id=u.unit_id"
                   " WHERE u.name='admin'");
        if (db_step(&st) == 1) {
            pAdmin = arena_zalloc(&a, sizeof *pAdmin);
            pAdmin->id = db_col_int(&st, 0);
            pAdmin->zName = "admin";
            pAdmin->iUnit = db_col_int(&st, 1);
            pAdmin->zUnitCode = db_col_dup(&a, &st, 2);
            pAdmin->zUnitName = db_col_dup(&a, &st, 3);
            pAdmin->eRole = ROLE_ADMIN;
        }
        db_done(&st);
        if (!pAdmin) rc = err_set(err, ZW_EDB, NULL, "无法创建管理员", "admin missing");
    }
    /* The plan itself, first. */
    if (!rc) {
        ItemInput in;
        memset(&in, 0, sizeof in);
        in.zTitle = "西吉县人民政府办公室关于印发《西吉县2021年政务公开工作要点》的通知";
        in.zDocno = "西政办发〔2021〕39号";
        in.zIssuer = "西吉县人民政府办公室";
        in.zWrittenAt = "2021-06-15";
        in.zTopic = "综合政务";
        in.zGenre = "通知";
        in.zValidity = "有效";
        in.zFormat = "text";
        in.zKind = "policy";
        in.zScope = "public";
        /* The body without the 版头 and 版记, as the editor's paste box would give it. */
        Gongwen g;
        in.zBody = gongwen_parse(&a, (const char *)pPlan->pData, pPlan->nData, NULL, &g, err) == ZW_OK &&
                           g.zBody
                       ? g.zBody
                       : (const char *)pPlan->pData;
        rc = publish_one(db, &a, pAdmin, "xzfb", "zd", "2021-06-17", &in, err);
    }
    DemoItem *aItem = NULL;
    int nItem = 0;
    if (!rc && parse_items(&a, (const char *)pItems->pData, &aItem, &nItem) != 0) {
        rc = err_set(err, ZW_EINPUT, NULL, "示例数据格式错误", "items.txt: too many records");
    }
    qsort(aItem, (size_t)nItem, sizeof *aItem, cmp_date);
    for (int i = 0; i < nItem && !rc; i++) {
        DemoItem *d = &aItem[i];
        if (!d->zUnit || !d->zColumn || !d->zPublishedAt) {
            rc = err_set(err, ZW_EINPUT, NULL, "示例数据缺少字段", d->in.zTitle);
            break;
        }
        rc = policy_fields(db, &a, d, err);
        if (!rc) rc = publish_one(db, &a, pAdmin, d->zUnit, d->zColumn, d->zPublishedAt, &d->in, err);
        if (rc) log_error("demo item failed title=%s", d->in.zTitle);
    }
    if (!rc) rc = demo_norms(db, &a, pAdmin, err);
    if (rc) {
        db_rollback(db);
        arena_free(&a);
        return rc;
    }
    if ((rc = db_commit(db))) {
        arena_free(&a);
        return db_err(db, err);
    }
    printf("demo: %zu units, %zu users, %d items published (password of every demo user: %s)\n",
           sizeof aUnit / sizeof aUnit[0], 1 + 2 * (sizeof aUnit / sizeof aUnit[0]), nItem + 1,
           zDemoPassword);
    arena_free(&a);
    return ZW_OK;
}
