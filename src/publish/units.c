// SPDX-License-Identifier: MIT
/*
** units.c: units (单位) and their column trees (栏目).  The standard tree follows
** 国办公开办函〔2019〕61号 (指南 · 制度 · 法定主动公开内容 · 年报) with the key areas of
** the county plan as sub-columns of 法定主动公开内容.
*/
#include <string.h>

#include "../core/log.h"
#include "../core/str.h"
#include "publish.h"

const StdColumn g_aStdColumn[] = {
    {"zn", "政府信息公开指南", NULL},
    {"zd", "政府信息公开制度", NULL},
    {"fdzdgknr", "法定主动公开内容", NULL},
    {"ghxx", "规划信息", "fdzdgknr"},
    {"jgxx", "监管信息", "fdzdgknr"},
    {"xzzfgs", "行政执法公示", "jgxx"},
    {"sjgk", "双随机一公开", "jgxx"},
    {"czxx", "财政信息", "fdzdgknr"},
    {"yjs", "预决算", "czxx"},
    {"zfzw", "政府债务", "czxx"},
    {"hmhn", "惠民惠农", "czxx"},
    {"wsjk", "卫生健康", "fdzdgknr"},
    {"jy", "教育", "fdzdgknr"},
    {"zcjd", "政策解读", "fdzdgknr"},
    {"gzgfxwj", "规章和规范性文件", "fdzdgknr"},
    {"nb", "政府信息公开年报", NULL},
    {"tzgg", "通知公告", NULL},
    {NULL, NULL, NULL},
};

const char *col_std_name(const char *zSlug) {
    for (const StdColumn *c = g_aStdColumn; c->zSlug; c++) {
        if (strcmp(c->zSlug, zSlug) == 0) return c->zName;
    }
    return NULL;
}

static Unit *unit_from_row(Arena *a, Stmt *st) {
    Unit *u = arena_zalloc(a, sizeof *u);
    u->id = db_col_int(st, 0);
    u->zCode = db_col_dup(a, st, 1);
    u->zName = db_col_dup(a, st, 2);
    u->zShort = db_col_dup(a, st, 3);
    u->iParent = db_col_int(st, 4);
    u->zKind = db_col_dup(a, st, 5);
    u->zOrgCode = db_col_dup(a, st, 6);
    u->zAddress = db_col_dup(a, st, 7);
    u->zPhone = db_col_dup(a, st, 8);
    return u;
}

#define UNIT_COLS "id,code,name,short,parent_id,kind,org_code,address,phone"

int unit_list(Db *db, Arena *a, Unit **paUnit, int *pnUnit) {
    Stmt st;
    int n = 0, nCap = 16;
    Unit *aUnit = arena_alloc(a, sizeof(Unit) * (size_t)nCap);
    db_prepare(db, &st, "SELECT " UNIT_COLS " FROM unit ORDER BY sort, id");
    int rc;
    while ((rc = db_step(&st)) == 1) {
        if (n == nCap) {
            Unit *aNew = arena_alloc(a, sizeof(Unit) * (size_t)nCap * 2);
            memcpy(aNew, aUnit, sizeof(Unit) * (size_t)n);
            aUnit = aNew;
            nCap *= 2;
        }
        aUnit[n++] = *unit_from_row(a, &st);
    }
    db_done(&st);
    *paUnit = aUnit;
    *pnUnit = n;
    return rc < 0 ? -rc : ZW_OK;
}

Unit *unit_by_code(Db *db, Arena *a, const char *zCode) {
    Stmt st;
    Unit *u = NULL;
    if (!zCode) return NULL;
    db_prepare(db, &st, "SELECT " UNIT_COLS " FROM unit WHERE code=?1");
    db_bind_text(&st, 1, zCode);
    if (db_step(&st) == 1) u = unit_from_row(a, &st);
    db_done(&st);
    return u;
}

Unit *unit_by_id(Db *db, Arena *a, int64_t id) {
    Stmt st;
    Unit *u = NULL;
    db_prepare(db, &st, "SELECT " UNIT_COLS " FROM unit WHERE id=?1");
    db_bind_int(&st, 1, id);
    if (db_step(&st) == 1) u = unit_from_row(a, &st);
    db_done(&st);
    return u;
}

static void col_from_row(Arena *a, Stmt *st, Column *c) {
    c->id = db_col_int(st, 0);
    c->iUnit = db_col_int(st, 1);
    c->iParent = db_col_int(st, 2);
    c->zSlug = db_col_dup(a, st, 3);
    c->zName = db_col_dup(a, st, 4);
    c->iDepth = 0;
}

/* Append the children of iParent (depth-first) from aAll into aOut. */
static void tree_walk(Column *aAll, int nAll, int64_t iParent, int iDepth, Column *aOut, int *pn) {
    for (int i = 0; i < nAll; i++) {
        if (aAll[i].iParent != iParent) continue;
        aOut[*pn] = aAll[i];
        aOut[*pn].iDepth = iDepth;
        (*pn)++;
        if (iDepth < 8) tree_walk(aAll, nAll, aAll[i].id, iDepth + 1, aOut, pn);
    }
}

int col_tree(Db *db, Arena *a, int64_t iUnit, Column **paCol, int *pnCol) {
    Stmt st;
    int n = 0, nCap = 32;
    Column *aAll = arena_alloc(a, sizeof(Column) * (size_t)nCap);
    db_prepare(db, &st,
               "SELECT id,unit_id,coalesce(parent_id,0),slug,name FROM col WHERE unit_id=?1"
               " ORDER BY sort, id");
    db_bind_int(&st, 1, iUnit);
    int rc;
    while ((rc = db_step(&st)) == 1) {
        if (n == nCap) {
            Column *aNew = arena_alloc(a, sizeof(Column) * (size_t)nCap * 2);
            memcpy(aNew, aAll, sizeof(Column) * (size_t)n);
            aAll = aNew;
            nCap *= 2;
        }
        col_from_row(a, &st, &aAll[n++]);
    }
    db_done(&st);
    Column *aOut = arena_alloc(a, sizeof(Column) * (size_t)(n ? n : 1));
    int nOut = 0;
    tree_walk(aAll, n, 0, 0, aOut, &nOut);
    *paCol = aOut;
    *pnCol = nOut;
    return rc < 0 ? -rc : ZW_OK;
}

Column *col_by_id(Db *db, Arena *a, int64_t id) {
    Stmt st;
    Column *c = NULL;
    db_prepare(db, &st, "SELECT id,unit_id,coalesce(parent_id,0),slug,name FROM col WHERE id=?1");
    db_bind_int(&st, 1, id);
    if (db_step(&st) == 1) {
        c = arena_zalloc(a, sizeof *c);
        col_from_row(a, &st, c);
    }
    db_done(&st);
    return c;
}

Column *col_by_slug(Db *db, Arena *a, int64_t iUnit, const char *zSlug) {
    Stmt st;
    Column *c = NULL;
    db_prepare(db, &st,
               "SELECT id,unit_id,coalesce(parent_id,0),slug,name FROM col"
               " WHERE unit_id=?1 AND slug=?2");
    db_bind_int(&st, 1, iUnit);
    db_bind_text(&st, 2, zSlug);
    if (db_step(&st) == 1) {
        c = arena_zalloc(a, sizeof *c);
        col_from_row(a, &st, c);
    }
    db_done(&st);
    return c;
}

int col_make_standard(Db *db, int64_t iUnit) {
    int rc = ZW_OK, iSort = 0;
    for (const StdColumn *c = g_aStdColumn; c->zSlug && rc == ZW_OK; c++) {
        Stmt st;
        db_prepare(db, &st,
                   "INSERT OR IGNORE INTO col(unit_id,parent_id,slug,name,sort)"
                   " VALUES(?1,(SELECT id FROM col WHERE unit_id=?1 AND slug=?2),?3,?4,?5)");
        db_bind_int(&st, 1, iUnit);
        db_bind_text(&st, 2, c->zParent);
        db_bind_text(&st, 3, c->zSlug);
        db_bind_text(&st, 4, c->zName);
        db_bind_int(&st, 5, (iSort += 10));
        rc = db_run(&st);
        db_done(&st);
    }
    return rc;
}

const char *setting_get(Db *db, Arena *a, const char *zKey, const char *zDefault) {
    Stmt st;
    const char *z = zDefault;
    db_prepare(db, &st, "SELECT value FROM setting WHERE key=?1");
    db_bind_text(&st, 1, zKey);
    if (db_step(&st) == 1) z = db_col_dup(a, &st, 0);
    db_done(&st);
    return z;
}

int setting_set(Db *db, const char *zKey, const char *zValue) {
    Stmt st;
    db_prepare(db, &st, "INSERT OR REPLACE INTO setting(key,value) VALUES(?1,?2)");
    db_bind_text(&st, 1, zKey);
    db_bind_text(&st, 2, zValue);
    int rc = db_run(&st);
    db_done(&st);
    return rc;
}

int unit_scope(Db *db, Arena *a, const User *u, const char *zUnit, int64_t *piUnit, Err *err) {
    *piUnit = 0;
    if (!u) return err_set(err, ZW_EAUTH, "login_required", "请先登录", NULL);
    if (zUnit && *zUnit) {
        Unit *pUnit = unit_by_code(db, a, zUnit);
        if (!pUnit) return err_set(err, ZW_EINPUT, "unknown_unit", "单位不存在", NULL);
        if (u->eRole != ROLE_ADMIN && pUnit->id != u->iUnit) {
            return err_set(err, ZW_EPERM, "forbidden", "只能查看本单位的信息", NULL);
        }
        *piUnit = pUnit->id;
    } else if (u->eRole != ROLE_ADMIN) {
        *piUnit = u->iUnit;
    }
    return ZW_OK;
}
