// SPDX-License-Identifier: MIT
/*
** interpret.c: policy and interpretation fields, the links between them, the
** interpretation ratios and reposts (see interpret.h).
*/
#include "interpret.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../calendar/workday.h"
#include "../core/util.h"

const char *const g_azInterpForm[] = {"文字解读", "图示图解", "视频解读", "新闻发布会",
                                      "政策通气会", "场景演示", "动漫解读", "专家访谈", NULL};
const char *const g_azInterpStage[] = {"首次解读", "二次解读", "跟踪解读", NULL};
const char *const g_azRepostChannel[] = {"media", "site", "newmedia", NULL};

static const char *const azScope[] = {"enterprise", "public", "internal", NULL};
static const char *const azScopeLabel[] = {"面向企业", "面向公众", "内部", NULL};
static const char *const azChannelLabel[] = {"主要新闻媒体", "政府网站", "政务新媒体", NULL};

const char *interp_scope_label(const char *zScope) {
    int i = str_index(azScope, zScope);
    return i < 0 ? "" : azScopeLabel[i];
}

const char *repost_channel_label(const char *zChannel) {
    int i = str_index(g_azRepostChannel, zChannel);
    return i < 0 ? "" : azChannelLabel[i];
}

/* ------------------------------------------------------------ item fields */

int interpret_check_input(Arena *a, const ItemInput *in, Err *err) {
    (void)a;
    if (in->zKind && *in->zKind && strcmp(in->zKind, "policy") != 0 &&
        strcmp(in->zKind, "interpretation") != 0) {
        return err_set(err, ZW_EINPUT, "bad_kind",
                       "类型（kind）应为 policy（政策文件）、interpretation（政策解读）或空", NULL);
    }
    if (in->zScope && *in->zScope && str_index(azScope, in->zScope) < 0) {
        return err_set(err, ZW_EINPUT, "bad_scope",
                       "适用范围（scope）应为 enterprise（面向企业）、public（面向公众）或 internal（内部）",
                       NULL);
    }
    if (in->zForm && *in->zForm && str_index(g_azInterpForm, in->zForm) < 0) {
        return err_set(err, ZW_EINPUT, "bad_form",
                       "解读形式（form）应为 文字解读、图示图解、视频解读、新闻发布会、政策通气会、"
                       "场景演示、动漫解读、专家访谈 之一",
                       NULL);
    }
    if (in->zStage && *in->zStage && str_index(g_azInterpStage, in->zStage) < 0) {
        return err_set(err, ZW_EINPUT, "bad_stage", "解读阶段（stage）应为 首次解读、二次解读 或 跟踪解读",
                       NULL);
    }
    if (in->bInterpretsSet && in->nInterprets > INTERP_MAX_LINKS) {
        return err_set(err, ZW_EINPUT, "too_many", "一篇解读最多关联 20 个政策文件", NULL);
    }
    for (int i = 0; in->bInterpretsSet && i < in->nInterprets; i++) {
        if (in->aInterprets[i] <= 0) {
            return err_set(err, ZW_EINPUT, "bad_interprets", "所解读的政策（interprets）应为信息编号", NULL);
        }
    }
    return ZW_OK;
}

/* Run a prepared statement whose one parameter is the item id. */
static int run_for_item(Stmt *pSt, int64_t iItem) {
    db_bind_int(pSt, 1, iItem);
    int rc = db_run(pSt);
    db_done(pSt);
    return rc;
}
#define run1(db, sql, iItem) (db_prepare((db), &st, sql), run_for_item(&st, (iItem)))

int interpret_save(Db *db, Arena *a, int64_t iItem, const ItemInput *in, Err *err) {
    Stmt st;
    int rc;
    db_prepare(db, &st,
               "UPDATE item SET kind=coalesce(?2,kind), scope=coalesce(?3,scope),"
               " form=coalesce(?4,form), stage=coalesce(?5,stage), audience=coalesce(?6,audience),"
               " major=coalesce(?7,major) WHERE id=?1");
    db_bind_int(&st, 1, iItem);
    db_bind_text(&st, 2, in->zKind);
    db_bind_text(&st, 3, in->zScope);
    db_bind_text(&st, 4, in->zForm);
    db_bind_text(&st, 5, in->zStage);
    db_bind_text(&st, 6, in->zAudience);
    if (in->bMajorSet) db_bind_int(&st, 7, in->bMajor ? 1 : 0); else db_bind_null(&st, 7);
    rc = db_run(&st);
    db_done(&st);
    if (rc) return db_err(db, err);
    if (in->bInterpretsSet) {
        if ((rc = run1(db, "DELETE FROM interprets WHERE interp_id=?1", iItem))) return db_err(db, err);
        for (int i = 0; i < in->nInterprets; i++) {
            int64_t iPolicy = in->aInterprets[i];
            const char *zKind = NULL;
            db_prepare(db, &st, "SELECT kind FROM item WHERE id=?1");
            db_bind_int(&st, 1, iPolicy);
            if (db_step(&st) == 1) zKind = db_col_dup(a, &st, 0);
            db_done(&st);
            if (iPolicy == iItem || !zKind || strcmp(zKind, "policy") != 0) {
                return err_set(err, ZW_EINPUT, "bad_interprets",
                               arena_printf(a, "所解读的信息 %lld 不存在或不是政策文件", (long long)iPolicy),
                               NULL);
            }
            db_prepare(db, &st, "INSERT OR IGNORE INTO interprets(interp_id,policy_id) VALUES(?1,?2)");
            db_bind_int(&st, 1, iItem);
            db_bind_int(&st, 2, iPolicy);
            rc = db_run(&st);
            db_done(&st);
            if (rc) return db_err(db, err);
        }
    }
    /* Check the whole as it now stands. */
    const char *zKind = "", *zScope = "", *zForm = "";
    int64_t nLinks = 0;
    db_prepare(db, &st,
               "SELECT kind,scope,form,(SELECT count(*) FROM interprets WHERE interp_id=?1)"
               " FROM item WHERE id=?1");
    db_bind_int(&st, 1, iItem);
    if (db_step(&st) == 1) {
        zKind = db_col_dup(a, &st, 0);
        zScope = db_col_dup(a, &st, 1);
        zForm = db_col_dup(a, &st, 2);
        nLinks = db_col_int(&st, 3);
    }
    db_done(&st);
    if (strcmp(zKind, "policy") == 0) {
        if (!*zScope) {
            return err_set(err, ZW_EINPUT, "missing_scope",
                           "政策文件需选择适用范围（scope）：面向企业、面向公众或内部", NULL);
        }
        if (nLinks) return err_set(err, ZW_EINPUT, "bad_interprets", "政策文件不能关联所解读的政策", NULL);
        return run1(db, "UPDATE item SET form='',stage='' WHERE id=?1", iItem) ? db_err(db, err) : ZW_OK;
    }
    if (strcmp(zKind, "interpretation") == 0) {
        if (!*zForm) {
            return err_set(err, ZW_EINPUT, "missing_form", "政策解读需选择解读形式（form）", NULL);
        }
        if (nLinks == 0) {
            return err_set(err, ZW_EINPUT, "missing_interprets",
                           "政策解读需关联所解读的政策文件（interprets）", NULL);
        }
        rc = run1(db, "UPDATE item SET scope='',major=0,audience='{}',"
                      " stage=CASE stage WHEN '' THEN '首次解读' ELSE stage END WHERE id=?1", iItem);
        return rc ? db_err(db, err) : ZW_OK;
    }
    /* An ordinary item carries none of it. */
    if ((rc = run1(db, "DELETE FROM interprets WHERE interp_id=?1", iItem))) return db_err(db, err);
    rc = run1(db, "UPDATE item SET scope='',major=0,form='',stage='',audience='{}' WHERE id=?1", iItem);
    return rc ? db_err(db, err) : ZW_OK;
}

int interpret_links(Db *db, Arena *a, int64_t iItem, const char *zKind, int bPublic,
                    InterpLink **paLink, int *pnLink) {
    Stmt st;
    int n = 0, nAlloc = 8;
    InterpLink *aLink = arena_alloc(a, sizeof *aLink * (size_t)nAlloc);
    int bPolicy = zKind && strcmp(zKind, "policy") == 0;
    /* Only literal SQL; the two shapes differ in which side of interprets is given. */
#define LINK_SQL(near, far)                                                                   \
    "SELECT i.id,i.title,n.name,i.form,i.stage,coalesce(i.published_at,''),i.state"           \
    " FROM interprets x JOIN item i ON i.id=x." far " JOIN unit n ON n.id=i.unit_id"          \
    " WHERE x." near "=?1 AND (?2=0 OR (i.live_version>0 AND i.state<>'withdrawn'))"           \
    " ORDER BY i.published_at,i.id"
    if (bPolicy) {
        db_prepare(db, &st, LINK_SQL("policy_id", "interp_id"));
    } else {
        db_prepare(db, &st, LINK_SQL("interp_id", "policy_id"));
    }
    db_bind_int(&st, 1, iItem);
    db_bind_int(&st, 2, bPublic);
    int rc;
    while ((rc = db_step(&st)) == 1) {
        if (n == nAlloc) {
            aLink = arena_grow(a, aLink, sizeof *aLink * (size_t)n, sizeof *aLink * (size_t)n * 2);
            nAlloc *= 2;
        }
        InterpLink *l = &aLink[n++];
        l->id = db_col_int(&st, 0);
        l->zTitle = db_col_dup(a, &st, 1);
        l->zUnitName = db_col_dup(a, &st, 2);
        l->zForm = db_col_dup(a, &st, 3);
        l->zStage = db_col_dup(a, &st, 4);
        l->zPublishedAt = db_col_dup(a, &st, 5);
        l->zState = db_col_dup(a, &st, 6);
    }
    db_done(&st);
    *paLink = aLink;
    *pnLink = n;
    return rc < 0 ? ZW_EDB : ZW_OK;
}

int interpret_policy_ids(Db *db, Arena *a, int64_t iItem, int64_t **paId, int *pnId) {
    Stmt st;
    int n = 0;
    int64_t *aId = arena_alloc(a, sizeof *aId * INTERP_MAX_LINKS);
    db_prepare(db, &st, "SELECT policy_id FROM interprets WHERE interp_id=?1 ORDER BY policy_id");
    db_bind_int(&st, 1, iItem);
    int rc;
    while ((rc = db_step(&st)) == 1 && n < INTERP_MAX_LINKS) aId[n++] = db_col_int(&st, 0);
    db_done(&st);
    *paId = aId;
    *pnId = n;
    return rc < 0 ? ZW_EDB : ZW_OK;
}

/* ------------------------------------------------------------------ stats */

/* Per policy: what its interpretations achieve. */
typedef struct PolicyFacts {
    int64_t id, iUnit;
    const char *zTitle, *zPublishedAt;
    int bMajor, bInterpreted, bGraphic, bDiversified, bTimely, bFollowup;
} PolicyFacts;

static InterpStats *stats_for(Arena *a, InterpStats **paStat, int *pnStat, int *pnAlloc,
                              int64_t iUnit, const char *zCode, const char *zName) {
    for (int i = 0; i < *pnStat; i++) {
        if ((*paStat)[i].iUnit == iUnit) return &(*paStat)[i];
    }
    if (*pnStat == *pnAlloc) {
        int nNew = *pnAlloc ? *pnAlloc * 2 : 16;
        *paStat = arena_grow(a, *paStat, sizeof **paStat * (size_t)*pnStat,
                             sizeof **paStat * (size_t)nNew);
        *pnAlloc = nNew;
    }
    InterpStats *p = &(*paStat)[(*pnStat)++];
    memset(p, 0, sizeof *p);
    p->iUnit = iUnit;
    p->zUnitCode = zCode;
    p->zUnitName = zName;
    return p;
}

static void add_missing(Arena *a, InterpStats *p, const PolicyFacts *f, int nDaysLate) {
    InterpMissing *aNew = arena_grow(a, p->aMissing, sizeof *aNew * (size_t)p->nMissing,
                                     sizeof *aNew * (size_t)(p->nMissing + 1));
    aNew[p->nMissing].id = f->id;
    aNew[p->nMissing].zTitle = f->zTitle;
    aNew[p->nMissing].zPublishedAt = f->zPublishedAt;
    aNew[p->nMissing].nDaysLate = nDaysLate;
    p->aMissing = aNew;
    p->nMissing++;
}

double interpret_ratio(const InterpStats *p, int eMeasure) {
    int nNum, nDen = p->nPolicies;
    switch (eMeasure) {
    case INTERP_COVERAGE: nNum = p->nInterpreted; break;
    case INTERP_GRAPHIC: nNum = p->nGraphic; break;
    case INTERP_TIMELY: nNum = p->nTimely; break;
    default: nNum = p->nMajorDiversified; nDen = p->nMajor; break;
    }
    return nDen ? (double)nNum / nDen : -1.0;
}

static int cmp_worst_first(const void *pa, const void *pb) {
    const InterpStats *x = pa, *y = pb;
    double rx = interpret_ratio(x, INTERP_COVERAGE), ry = interpret_ratio(y, INTERP_COVERAGE);
    if (rx < 0) rx = 2; /* units without policies last */
    if (ry < 0) ry = 2;
    if (rx != ry) return rx < ry ? -1 : 1;
    if (x->nMissing != y->nMissing) return y->nMissing - x->nMissing;
    return strcmp(x->zUnitCode, y->zUnitCode);
}

static void add_facts(InterpStats *p, const PolicyFacts *f) {
    p->nPolicies++;
    p->nInterpreted += f->bInterpreted;
    p->nGraphic += f->bGraphic;
    p->nMajor += f->bMajor;
    p->nMajorDiversified += f->bMajor && f->bDiversified;
    p->nTimely += f->bTimely;
    p->nFollowup += f->bFollowup;
}

int interpret_stats(Db *db, Arena *a, int iYear, InterpStats **paStat, int *pnStat, Err *err) {
    Calendar cal;
    int rc = cal_load(db, a, &cal, err);
    if (rc) return rc;
    char zFrom[11], zTo[11], zToday[11];
    snprintf(zFrom, sizeof zFrom, "%04d-01-01", iYear);
    snprintf(zTo, sizeof zTo, "%04d-12-31", iYear);
    util_iso_date(util_now(), zToday);
    InterpStats *aStat = NULL;
    int nStat = 0, nAlloc = 0;
    InterpStats total;
    memset(&total, 0, sizeof total);
    total.zUnitCode = "";
    total.zUnitName = "全县";

    /* Policies of the year with, per policy, the facts about its public
    ** interpretations (one row per policy). */
    Stmt st;
    db_prepare(db, &st,
               "SELECT p.id,p.unit_id,n.code,n.name,p.title,p.published_at,p.major,"
               " count(i.id),"
               " sum(i.form='图示图解'),"
               " sum(i.form<>'文字解读'),"
               " min(i.published_at),"
               " sum(i.stage IN ('二次解读','跟踪解读'))"
               " FROM item p JOIN unit n ON n.id=p.unit_id"
               " LEFT JOIN interprets x ON x.policy_id=p.id"
               " LEFT JOIN item i ON i.id=x.interp_id AND i.live_version>0 AND i.state<>'withdrawn'"
               " WHERE p.kind='policy' AND p.scope IN ('enterprise','public')"
               " AND p.live_version>0 AND p.state<>'withdrawn'"
               " AND p.published_at BETWEEN ?1 AND ?2"
               " GROUP BY p.id ORDER BY n.sort,n.id,p.published_at,p.id");
    db_bind_text(&st, 1, zFrom);
    db_bind_text(&st, 2, zTo);
    while ((rc = db_step(&st)) == 1) {
        PolicyFacts f;
        memset(&f, 0, sizeof f);
        f.id = db_col_int(&st, 0);
        f.iUnit = db_col_int(&st, 1);
        const char *zCode = db_col_dup(a, &st, 2), *zName = db_col_dup(a, &st, 3);
        f.zTitle = db_col_dup(a, &st, 4);
        f.zPublishedAt = db_col_dup(a, &st, 5);
        f.bMajor = db_col_int(&st, 6) != 0;
        f.bInterpreted = db_col_int(&st, 7) > 0;
        f.bGraphic = db_col_int(&st, 8) > 0;
        f.bDiversified = db_col_int(&st, 9) > 0;
        const char *zFirst = db_col_dup(a, &st, 10);
        f.bFollowup = db_col_int(&st, 11) > 0;
        if (f.bInterpreted) {
            /* Published with the policy, before it, or within the limit. */
            char zLimit[11];
            Err e2 = {0};
            if (strcmp(zFirst, f.zPublishedAt) <= 0) {
                f.bTimely = 1;
            } else if (cal_add(&cal, f.zPublishedAt, INTERP_TIMELY_WD, zLimit, NULL, &e2) == ZW_OK) {
                f.bTimely = strcmp(zFirst, zLimit) <= 0;
            }
        }
        InterpStats *p = stats_for(a, &aStat, &nStat, &nAlloc, f.iUnit, zCode, zName);
        add_facts(p, &f);
        add_facts(&total, &f);
        if (!f.bInterpreted) {
            int nLate = 0;
            Err e2 = {0};
            cal_count(&cal, f.zPublishedAt, zToday, &nLate, NULL, &e2);
            add_missing(a, p, &f, nLate);
            add_missing(a, &total, &f, nLate);
        }
    }
    db_done(&st);
    if (rc < 0) return db_err(db, err);

    /* Interpretations published in the year, and reposts of the year, per unit. */
    db_prepare(db, &st,
               "SELECT n.id,n.code,n.name,"
               " (SELECT count(*) FROM item i WHERE i.unit_id=n.id AND i.kind='interpretation'"
               "  AND i.live_version>0 AND i.state<>'withdrawn' AND i.published_at BETWEEN ?1 AND ?2),"
               " (SELECT count(*) FROM repost r JOIN item i ON i.id=r.item_id WHERE i.unit_id=n.id"
               "  AND r.channel='media' AND r.date BETWEEN ?1 AND ?2),"
               " (SELECT count(*) FROM repost r JOIN item i ON i.id=r.item_id WHERE i.unit_id=n.id"
               "  AND r.channel='site' AND r.date BETWEEN ?1 AND ?2),"
               " (SELECT count(*) FROM repost r JOIN item i ON i.id=r.item_id WHERE i.unit_id=n.id"
               "  AND r.channel='newmedia' AND r.date BETWEEN ?1 AND ?2)"
               " FROM unit n ORDER BY n.sort,n.id");
    db_bind_text(&st, 1, zFrom);
    db_bind_text(&st, 2, zTo);
    while ((rc = db_step(&st)) == 1) {
        int nInterp = (int)db_col_int(&st, 3);
        int aRep[3] = {(int)db_col_int(&st, 4), (int)db_col_int(&st, 5), (int)db_col_int(&st, 6)};
        int64_t iUnit = db_col_int(&st, 0);
        int bKnown = 0;
        for (int i = 0; i < nStat; i++) bKnown |= aStat[i].iUnit == iUnit;
        if (!bKnown && nInterp == 0 && aRep[0] + aRep[1] + aRep[2] == 0) continue;
        InterpStats *p = stats_for(a, &aStat, &nStat, &nAlloc, iUnit, db_col_dup(a, &st, 1),
                                   db_col_dup(a, &st, 2));
        p->nInterpretations = nInterp;
        total.nInterpretations += nInterp;
        for (int k = 0; k < 3; k++) {
            p->aReposts[k] = aRep[k];
            total.aReposts[k] += aRep[k];
        }
    }
    db_done(&st);
    if (rc < 0) return db_err(db, err);

    if (nStat > 1) qsort(aStat, (size_t)nStat, sizeof *aStat, cmp_worst_first);
    InterpStats *aOut = arena_alloc(a, sizeof *aOut * (size_t)(nStat + 1));
    if (nStat) memcpy(aOut, aStat, sizeof *aOut * (size_t)nStat);
    aOut[nStat] = total;
    *paStat = aOut;
    *pnStat = nStat + 1;
    return ZW_OK;
}

int interpret_latest_year(Db *db) {
    Stmt st;
    int iYear = 0;
    db_prepare(db, &st,
               "SELECT CAST(substr(max(published_at),1,4) AS INTEGER) FROM item"
               " WHERE kind='policy' AND live_version>0 AND state<>'withdrawn'");
    if (db_step(&st) == 1) iYear = (int)db_col_int(&st, 0);
    db_done(&st);
    return iYear > 0 ? iYear : util_year(util_now());
}

static void json_ratio(Str *s, const char *zKey, double r) {
    str_appendf(s, ",\"%s\":", zKey);
    if (r < 0) str_puts(s, "null");
    else str_appendf(s, "%.4f", r);
}

static void stats_one_json(Str *s, const InterpStats *p) {
    str_puts(s, "{\"unit\":");
    if (p->iUnit) str_json(s, p->zUnitCode); else str_puts(s, "null");
    str_puts(s, ",\"name\":");
    str_json(s, p->zUnitName);
    str_appendf(s, ",\"policies\":%d,\"interpreted\":%d", p->nPolicies, p->nInterpreted);
    json_ratio(s, "coverage", interpret_ratio(p, INTERP_COVERAGE));
    str_appendf(s, ",\"graphic\":%d", p->nGraphic);
    json_ratio(s, "graphic_ratio", interpret_ratio(p, INTERP_GRAPHIC));
    str_appendf(s, ",\"major\":%d,\"major_diversified\":%d", p->nMajor, p->nMajorDiversified);
    json_ratio(s, "diversified_ratio", interpret_ratio(p, INTERP_DIVERSIFIED));
    str_appendf(s, ",\"timely\":%d", p->nTimely);
    json_ratio(s, "timely_ratio", interpret_ratio(p, INTERP_TIMELY));
    str_appendf(s, ",\"followup\":%d,\"interpretations\":%d", p->nFollowup, p->nInterpretations);
    str_appendf(s, ",\"reposts\":{\"media\":%d,\"site\":%d,\"newmedia\":%d}", p->aReposts[0],
                p->aReposts[1], p->aReposts[2]);
    str_puts(s, ",\"missing\":[");
    for (int i = 0; i < p->nMissing; i++) {
        const InterpMissing *m = &p->aMissing[i];
        if (i) str_putc(s, ',');
        str_appendf(s, "{\"id\":%lld,\"title\":", (long long)m->id);
        str_json(s, m->zTitle);
        str_puts(s, ",\"published_at\":");
        str_json(s, m->zPublishedAt);
        str_appendf(s, ",\"workdays_since\":%d,\"url\":\"/items/%lld\"}", m->nDaysLate,
                    (long long)m->id);
    }
    str_puts(s, "]}");
}

void interpret_stats_json(Str *s, int iYear, const InterpStats *aStat, int nStat) {
    str_appendf(s, "{\"year\":%d,\"timely_limit_workdays\":%d,\"units\":[", iYear, INTERP_TIMELY_WD);
    for (int i = 0; i + 1 < nStat; i++) {
        if (i) str_putc(s, ',');
        stats_one_json(s, &aStat[i]);
    }
    str_puts(s, "],\"county\":");
    stats_one_json(s, &aStat[nStat - 1]);
    str_putc(s, '}');
}

void interpret_stats_svg(Str *s, const char *zTitle, const InterpStats *aStat, int nStat,
                         int eMeasure, int iGoalPct) {
    /* One bar per unit with a denominator; labels left, bars right, a goal line. */
    const int nLabelW = 190, nBarW = 360, nRowH = 24, nTop = 30;
    int nRow = 0;
    for (int i = 0; i < nStat; i++) nRow += interpret_ratio(&aStat[i], eMeasure) >= 0;
    int nH = nTop + nRow * nRowH + 24;
    str_htmlf(s,
              "<svg class=\"chart\" role=\"img\" viewBox=\"0 0 %d %d\" width=\"100%%\" "
              "xmlns=\"http://www.w3.org/2000/svg\"><title>%s</title>"
              "<text x=\"0\" y=\"18\" class=\"chart-title\">%s</text>",
              nLabelW + nBarW + 70, nH, zTitle, zTitle);
    int y = nTop;
    for (int i = 0; i < nStat; i++) {
        const InterpStats *p = &aStat[i];
        double r = interpret_ratio(p, eMeasure);
        if (r < 0) continue;
        int w = (int)(r * nBarW + 0.5);
        const char *zClass = r * 100 + 1e-9 >= iGoalPct ? "bar-ok" : (r >= 0.5 ? "bar-mid" : "bar-low");
        str_htmlf(s,
                  "<text x=\"%d\" y=\"%d\" text-anchor=\"end\" class=\"chart-label%s\">%s</text>"
                  "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" class=\"bar-bg\"/>"
                  "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" class=\"%s\"/>"
                  "<text x=\"%d\" y=\"%d\" class=\"chart-value\">%.0f%%</text>",
                  nLabelW - 8, y + 16, p->iUnit ? "" : " chart-total", p->zUnitName, nLabelW, y + 4,
                  nBarW, nRowH - 8, nLabelW, y + 4, w, nRowH - 8, zClass, nLabelW + nBarW + 6, y + 16,
                  r * 100);
        y += nRowH;
    }
    int xGoal = nLabelW + iGoalPct * nBarW / 100;
    str_htmlf(s,
              "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" class=\"goal\"/>"
              "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\" class=\"chart-goal\">目标 %d%%</text></svg>",
              xGoal, nTop, xGoal, y, xGoal, y + 16, iGoalPct);
}

/* ---------------------------------------------------------------- reposts */

int repost_add(Db *db, Arena *a, const User *u, const char *zIp, int64_t iItem, const Repost *r,
               int64_t *piId, Err *err) {
    char zNow[21];
    int rc;
    if (str_index(g_azRepostChannel, r->zChannel) < 0) {
        return err_set(err, ZW_EINPUT, "bad_channel",
                       "转载渠道（channel）应为 media（主要新闻媒体）、site（政府网站）或 newmedia（政务新媒体）",
                       NULL);
    }
    if (str_blank(r->zName) || !utf8_valid(r->zName, strlen(r->zName)) ||
        utf8_len(r->zName, strlen(r->zName)) > 60 || strpbrk(r->zName, "\r\n")) {
        return err_set(err, ZW_EINPUT, "bad_name", "请填写转载媒体或网站的名称（最多 60 个字符，不能换行）", NULL);
    }
    const char *zUrl = r->zUrl ? r->zUrl : "";
    if (*zUrl && ((strncmp(zUrl, "http://", 7) != 0 && strncmp(zUrl, "https://", 8) != 0) ||
                  strlen(zUrl) > 500 || strpbrk(zUrl, " \t\r\n\"<>") || !utf8_valid(zUrl, strlen(zUrl)))) {
        return err_set(err, ZW_EINPUT, "bad_url", "转载网址应以 http:// 或 https:// 开头，且不含空格", NULL);
    }
    if (!r->zDate || !util_date_valid(r->zDate)) {
        return err_set(err, ZW_EINPUT, "bad_date", "转载日期格式应为 YYYY-MM-DD", NULL);
    }
    if ((rc = db_begin(db))) return db_err(db, err);
    Item *p = item_get(db, a, iItem);
    if (!p) rc = err_set(err, ZW_ENOTFOUND, "not_found", "信息不存在", NULL);
    if (!rc) rc = auth_check(u, p->iUnit, ROLE_EDITOR, err);
    if (!rc && (p->iLiveVersion == 0 || strcmp(p->zState, "withdrawn") == 0)) {
        rc = err_set(err, ZW_ECONFLICT, "bad_state", "只有已发布的信息可以登记转载", NULL);
    }
    if (!rc && p->zPublishedAt && strcmp(r->zDate, p->zPublishedAt) < 0) {
        rc = err_set(err, ZW_EINPUT, "bad_date", "转载日期不能早于发布日期", NULL);
    }
    if (!rc) {
        util_iso_time(util_now(), zNow);
        Stmt st;
        db_prepare(db, &st,
                   "INSERT INTO repost(item_id,channel,name,url,date,created_by,created_at)"
                   " VALUES(?1,?2,?3,?4,?5,?6,?7)");
        db_bind_int(&st, 1, iItem);
        db_bind_text(&st, 2, r->zChannel);
        db_bind_text(&st, 3, str_trim(a, r->zName));
        db_bind_text(&st, 4, zUrl);
        db_bind_text(&st, 5, r->zDate);
        db_bind_int(&st, 6, u->id);
        db_bind_text(&st, 7, zNow);
        rc = db_run(&st);
        db_done(&st);
        if (rc) db_err(db, err);
        if (!rc) *piId = db_last_rowid(db);
    }
    if (!rc) {
        rc = audit_add(db, u, zIp, "repost_add", arena_printf(a, "item:%lld", (long long)iItem),
                       arena_printf(a, "%s %s", r->zChannel, r->zName));
    }
    if (rc) {
        db_rollback(db);
        if (!err->zMsg) db_err(db, err);
        return rc;
    }
    if ((rc = db_commit(db))) return db_err(db, err);
    return ZW_OK;
}

int repost_list(Db *db, Arena *a, int64_t iItem, Repost **paRepost, int *pnRepost) {
    Stmt st;
    int n = 0, nAlloc = 8, rc;
    Repost *aR = arena_alloc(a, sizeof *aR * (size_t)nAlloc);
    db_prepare(db, &st,
               "SELECT id,item_id,channel,name,url,date FROM repost WHERE item_id=?1"
               " ORDER BY date,id");
    db_bind_int(&st, 1, iItem);
    while ((rc = db_step(&st)) == 1) {
        if (n == nAlloc) {
            aR = arena_grow(a, aR, sizeof *aR * (size_t)n, sizeof *aR * (size_t)n * 2);
            nAlloc *= 2;
        }
        Repost *r = &aR[n++];
        r->id = db_col_int(&st, 0);
        r->iItem = db_col_int(&st, 1);
        r->zChannel = db_col_dup(a, &st, 2);
        r->zName = db_col_dup(a, &st, 3);
        r->zUrl = db_col_dup(a, &st, 4);
        r->zDate = db_col_dup(a, &st, 5);
    }
    db_done(&st);
    *paRepost = aR;
    *pnRepost = n;
    return rc < 0 ? ZW_EDB : ZW_OK;
}
