// SPDX-License-Identifier: MIT
/*
** norms.c: the normative-documents library: records, state changes with their
** history, automatic expiry, listing, report counts and review campaigns.
*/
#include "norms.h"

#include <stdio.h>
#include <string.h>

#include "../calendar/workday.h"
#include "../core/log.h"
#include "../core/str.h"
#include "../core/util.h"
#include "../publish/publish.h"

static const char *const azResult[] = {"继续有效", "修改", "废止", "宣布失效", NULL};

static int fail_db(Db *db, Err *err) {
    db_rollback(db);
    return db_err(db, err);
}

/* Roll back and return rc (err already filled). */
static int fail(Db *db, int rc) {
    db_rollback(db);
    return rc;
}

/* Write the state, mirror it into the item's 有效性 and record the event. */
static int set_state(Db *db, int64_t iItem, const char *zFrom, const char *zTo, const char *zDate,
                     int64_t iBy, const User *u, const char *zNote) {
    char zNow[21];
    util_iso_time(util_now(), zNow);
    Stmt st;
    db_prepare(db, &st, "UPDATE norm SET state=?2, changed_at=?3, by_item=?4 WHERE item_id=?1");
    db_bind_int(&st, 1, iItem);
    db_bind_text(&st, 2, zTo);
    db_bind_text(&st, 3, zDate);
    if (iBy) db_bind_int(&st, 4, iBy); else db_bind_null(&st, 4);
    int rc = db_run(&st);
    db_done(&st);
    if (!rc) {
        db_prepare(db, &st, "UPDATE item SET validity=?2 WHERE id=?1");
        db_bind_int(&st, 1, iItem);
        db_bind_text(&st, 2, zTo);
        rc = db_run(&st);
        db_done(&st);
    }
    if (!rc) rc = item_reindex(db, iItem); /* 有效性 is a search filter */
    if (!rc) {
        db_prepare(db, &st,
                   "INSERT INTO norm_event(item_id,at,date,from_state,to_state,by_item,user_id,note)"
                   " VALUES(?1,?2,?3,?4,?5,?6,?7,?8)");
        db_bind_int(&st, 1, iItem);
        db_bind_text(&st, 2, zNow);
        db_bind_text(&st, 3, zDate);
        db_bind_text(&st, 4, zFrom);
        db_bind_text(&st, 5, zTo);
        if (iBy) db_bind_int(&st, 6, iBy); else db_bind_null(&st, 6);
        if (u) db_bind_int(&st, 7, u->id); else db_bind_null(&st, 7);
        db_bind_text(&st, 8, zNote ? zNote : "");
        rc = db_run(&st);
        db_done(&st);
    }
    return rc;
}

/* The published item iItem and its unit, or an error. */
static Item *published_item(Db *db, Arena *a, int64_t iItem, const char *zWhat, Err *err) {
    Item *p = item_get(db, a, iItem);
    if (!p || p->iLiveVersion == 0 || strcmp(p->zState, "withdrawn") == 0) {
        err_set(err, ZW_EINPUT, "bad_item",
                arena_printf(a, "%s（信息 %lld）不存在或未发布", zWhat, (long long)iItem), NULL);
        return NULL;
    }
    return p;
}

static int check_date(Arena *a, const char *z, const char *zLabel, Err *err) {
    if (z && *z && !util_date_valid(z)) {
        return err_set(err, ZW_EINPUT, "bad_date", arena_printf(a, "%s格式应为 YYYY-MM-DD", zLabel), NULL);
    }
    return ZW_OK;
}

int norm_set(Db *db, Arena *a, const User *u, const char *zIp, int64_t iItem,
             const NormInput *in, Err *err) {
    int rc;
    if ((rc = check_date(a, in->zIssuedAt, "制发日期", err))) return rc;
    if ((rc = check_date(a, in->zEffectiveAt, "施行日期", err))) return rc;
    if ((rc = check_date(a, in->zExpiresAt, "有效期", err))) return rc;
    if (in->zType && strcmp(in->zType, "规章") != 0 && strcmp(in->zType, "行政规范性文件") != 0) {
        return err_set(err, ZW_EINPUT, "bad_type", "文件类型应为 规章 或 行政规范性文件", NULL);
    }
    if ((rc = db_begin(db))) return db_err(db, err);
    Item *p = published_item(db, a, iItem, "文件", err);
    if (!p) return fail(db, ZW_ENOTFOUND);
    if ((rc = auth_check(u, p->iUnit, ROLE_EDITOR, err))) return fail(db, rc);
    Norm *old = norm_get(db, a, iItem);
    const char *zIssued = in->zIssuedAt && *in->zIssuedAt ? in->zIssuedAt : old ? old->zIssuedAt : NULL;
    const char *zEffective = in->zEffectiveAt && *in->zEffectiveAt ? in->zEffectiveAt
                             : old                                ? old->zEffectiveAt
                                                                  : NULL;
    const char *zExpires = in->zExpiresAt ? (*in->zExpiresAt ? in->zExpiresAt : NULL)
                           : old          ? old->zExpiresAt
                                          : NULL;
    if (zExpires && !*zExpires) zExpires = NULL;
    if (!zIssued || !zEffective) {
        return fail(db, err_set(err, ZW_EINPUT, "missing_field", "请填写制发日期和施行日期", NULL));
    }
    if (strcmp(zEffective, zIssued) < 0) {
        return fail(db, err_set(err, ZW_EINPUT, "bad_date", "施行日期不能早于制发日期", NULL));
    }
    if (zExpires && strcmp(zExpires, zEffective) < 0) {
        return fail(db, err_set(err, ZW_EINPUT, "bad_date", "有效期不能早于施行日期", NULL));
    }
    Stmt st;
    db_prepare(db, &st,
               "INSERT INTO norm(item_id,type,issued_at,effective_at,expires_at) VALUES(?1,coalesce(?2,'行政规范性文件'),?3,?4,?5)"
               " ON CONFLICT(item_id) DO UPDATE SET type=coalesce(?2,type), issued_at=?3,"
               " effective_at=?4, expires_at=?5");
    db_bind_int(&st, 1, iItem);
    db_bind_text(&st, 2, in->zType);
    db_bind_text(&st, 3, zIssued);
    db_bind_text(&st, 4, zEffective);
    db_bind_text(&st, 5, zExpires);
    rc = db_run(&st);
    db_done(&st);
    if (rc) return fail_db(db, err);
    if (!old) {
        db_prepare(db, &st, "UPDATE item SET validity='有效' WHERE id=?1");
        db_bind_int(&st, 1, iItem);
        rc = db_run(&st);
        db_done(&st);
        if (!rc) rc = item_reindex(db, iItem);
        if (rc) return fail_db(db, err);
    }
    /* A term extended past today brings an expired document back. */
    char zToday[11];
    util_iso_date(util_now(), zToday);
    if (old && strcmp(old->zState, NORM_EXPIRED) == 0 && (!zExpires || strcmp(zExpires, zToday) >= 0)) {
        if (set_state(db, iItem, NORM_EXPIRED, NORM_VALID, zToday, 0, u, "有效期延长")) return fail_db(db, err);
    }
    rc = audit_add(db, u, zIp, old ? "norm_update" : "norm_create",
                   arena_printf(a, "item:%lld", (long long)iItem),
                   arena_printf(a, "施行 %s 有效期至 %s", zEffective, zExpires ? zExpires : "长期"));
    if (rc) return fail_db(db, err);
    if ((rc = db_commit(db))) return db_err(db, err);
    int n;
    return norm_expire(db, zToday, &n, err);
}

int norm_change(Db *db, Arena *a, const User *u, const char *zIp, int64_t iItem,
                const char *zTo, int64_t iBy, const char *zDate, const char *zNote, Err *err) {
    int rc;
    int bRestore = zTo && strcmp(zTo, NORM_VALID) == 0;
    if (!zTo || (!bRestore && strcmp(zTo, NORM_AMENDED) != 0 && strcmp(zTo, NORM_REPEALED) != 0)) {
        return err_set(err, ZW_EINPUT, "bad_state", "状态应为 已修改、已废止 或 有效", NULL);
    }
    if (!zDate || !util_date_valid(zDate)) {
        return err_set(err, ZW_EINPUT, "bad_date", "日期格式应为 YYYY-MM-DD", NULL);
    }
    if (zNote && utf8_len(zNote, strlen(zNote)) > 500) {
        return err_set(err, ZW_EINPUT, "too_long", "说明过长（最多 500 个字符）", NULL);
    }
    if (!bRestore && iBy <= 0) {
        return err_set(err, ZW_EINPUT, "missing_field",
                       "请填写修改或废止该文件的文件（信息编号）", NULL);
    }
    if ((rc = db_begin(db))) return db_err(db, err);
    Norm *n = norm_get(db, a, iItem);
    if (!n) return fail(db, err_set(err, ZW_ENOTFOUND, "not_found", "该信息未登记为规范性文件", NULL));
    if ((rc = auth_check(u, n->iUnit, ROLE_REVIEWER, err))) return fail(db, rc);
    if (strcmp(n->zState, zTo) == 0) {
        return fail(db, err_set(err, ZW_ECONFLICT, "bad_state",
                                arena_printf(a, "该文件已是“%s”状态", zTo), NULL));
    }
    if (!bRestore) {
        if (iBy == iItem) return fail(db, err_set(err, ZW_EINPUT, "bad_item", "文件不能修改或废止自身", NULL));
        Item *pBy = published_item(db, a, iBy, "修改或废止文件", err);
        if (!pBy) return fail(db, ZW_EINPUT);
        if (strcmp(zDate, n->zIssuedAt) < 0) {
            return fail(db, err_set(err, ZW_EINPUT, "bad_date", "修改或废止日期不能早于制发日期", NULL));
        }
    }
    if (set_state(db, iItem, n->zState, zTo, zDate, bRestore ? 0 : iBy, u, zNote)) return fail_db(db, err);
    rc = audit_add(db, u, zIp, "norm_state", arena_printf(a, "item:%lld", (long long)iItem),
                   arena_printf(a, "%s → %s by=%lld", n->zState, zTo, (long long)iBy));
    if (rc) return fail_db(db, err);
    return db_commit(db) ? db_err(db, err) : ZW_OK;
}

int norm_expire(Db *db, const char *zToday, int *pnChanged, Err *err) {
    int rc;
    *pnChanged = 0;
    if ((rc = db_begin(db))) return db_err(db, err);
    /* Collect first: set_state writes the table being read. */
    int64_t aId[256];
    char azEnd[256][11];
    int n = 0;
    Stmt st;
    db_prepare(db, &st,
               "SELECT item_id,expires_at FROM norm WHERE state='有效' AND expires_at IS NOT NULL"
               " AND expires_at<?1 ORDER BY item_id LIMIT 256");
    db_bind_text(&st, 1, zToday);
    while ((rc = db_step(&st)) == 1) {
        aId[n] = db_col_int(&st, 0);
        snprintf(azEnd[n], sizeof azEnd[n], "%s", db_col_text(&st, 1));
        n++;
    }
    db_done(&st);
    if (rc < 0) return fail_db(db, err);
    for (int i = 0; i < n; i++) {
        /* It lapses the day after its last valid day. */
        char zLapse[11];
        cal_date(cal_day(azEnd[i]) + 1, zLapse);
        if (set_state(db, aId[i], NORM_VALID, NORM_EXPIRED, zLapse, 0, NULL, "有效期届满，自动失效")) {
            return fail_db(db, err);
        }
        log_info("norm expired item=%lld end=%s", (long long)aId[i], azEnd[i]);
    }
    if ((rc = db_commit(db))) return db_err(db, err);
    *pnChanged = n;
    if (n == 256) { /* more than one batch: go on */
        int nMore;
        rc = norm_expire(db, zToday, &nMore, err);
        *pnChanged += nMore;
    }
    return rc;
}

void norm_expire_daily(Db *db) {
    char zToday[11];
    Arena a;
    arena_init(&a);
    util_iso_date(util_now(), zToday);
    const char *zLast = setting_get(db, &a, "norm_expire_last", "");
    if (strcmp(zLast, zToday) != 0) {
        Err err = {0};
        int n;
        if (norm_expire(db, zToday, &n, &err) == ZW_OK) {
            setting_set(db, "norm_expire_last", zToday);
            if (n) log_info("norm expiry: %d documents lapsed", n);
        } else {
            log_error("norm expiry failed: %s", err.zMsg ? err.zMsg : "?");
        }
    }
    arena_free(&a);
}

#define NORM_COLS                                                                        \
    "SELECT n.item_id,i.unit_id,coalesce(v.title,i.title),coalesce(v.docno,i.docno),u.code,u.name," \
    "coalesce(v.topic,i.topic),coalesce(i.published_at,''),n.type,n.issued_at,n.effective_at,"  \
    "coalesce(n.expires_at,''),n.state,coalesce(n.changed_at,''),coalesce(n.by_item,0),"        \
    "coalesce(b.title,''),coalesce(b.docno,'')"                                                  \
    " FROM norm n JOIN item i ON i.id=n.item_id JOIN unit u ON u.id=i.unit_id"                   \
    " LEFT JOIN item_version v ON v.item_id=i.id AND v.version=i.live_version"                  \
    " LEFT JOIN item b ON b.id=n.by_item"

static void norm_from_row(Arena *a, Stmt *st, Norm *p) {
    memset(p, 0, sizeof *p);
    p->iItem = db_col_int(st, 0);
    p->iUnit = db_col_int(st, 1);
    p->zTitle = db_col_dup(a, st, 2);
    p->zDocno = db_col_dup(a, st, 3);
    p->zUnitCode = db_col_dup(a, st, 4);
    p->zUnitName = db_col_dup(a, st, 5);
    p->zTopic = db_col_dup(a, st, 6);
    p->zPublishedAt = db_col_dup(a, st, 7);
    p->zType = db_col_dup(a, st, 8);
    p->zIssuedAt = db_col_dup(a, st, 9);
    p->zEffectiveAt = db_col_dup(a, st, 10);
    p->zExpiresAt = db_col_dup(a, st, 11);
    p->zState = db_col_dup(a, st, 12);
    p->zChangedAt = db_col_dup(a, st, 13);
    p->iBy = db_col_int(st, 14);
    p->zByTitle = db_col_dup(a, st, 15);
    p->zByDocno = db_col_dup(a, st, 16);
}

Norm *norm_get(Db *db, Arena *a, int64_t iItem) {
    Stmt st;
    Norm *p = NULL;
    db_prepare(db, &st, NORM_COLS " WHERE n.item_id=?1");
    db_bind_int(&st, 1, iItem);
    if (db_step(&st) == 1) {
        p = arena_alloc(a, sizeof *p);
        norm_from_row(a, &st, p);
    }
    db_done(&st);
    if (!p) return NULL;
    int nAlloc = 4;
    p->aEvent = arena_alloc(a, sizeof *p->aEvent * (size_t)nAlloc);
    db_prepare(db, &st,
               "SELECT e.at,e.date,e.from_state,e.to_state,e.note,coalesce(u.name,''),"
               "coalesce(e.by_item,0),coalesce(b.title,'') FROM norm_event e"
               " LEFT JOIN user u ON u.id=e.user_id LEFT JOIN item b ON b.id=e.by_item"
               " WHERE e.item_id=?1 ORDER BY e.id");
    db_bind_int(&st, 1, iItem);
    while (db_step(&st) == 1) {
        if (p->nEvent == nAlloc) {
            p->aEvent = arena_grow(a, p->aEvent, sizeof *p->aEvent * (size_t)nAlloc,
                                   sizeof *p->aEvent * (size_t)nAlloc * 2);
            nAlloc *= 2;
        }
        NormEvent *e = &p->aEvent[p->nEvent++];
        e->zAt = db_col_dup(a, &st, 0);
        e->zDate = db_col_dup(a, &st, 1);
        e->zFrom = db_col_dup(a, &st, 2);
        e->zTo = db_col_dup(a, &st, 3);
        e->zNote = db_col_dup(a, &st, 4);
        e->zUser = db_col_dup(a, &st, 5);
        e->iBy = db_col_int(&st, 6);
        e->zByTitle = db_col_dup(a, &st, 7);
    }
    db_done(&st);
    return p;
}

int norm_list(Db *db, Arena *a, const NormQuery *q, Norm **paNorm, int *pnNorm, int64_t *pnTotal) {
    /* One literal statement; an absent filter is a NULL parameter. */
#define NORM_WHERE                                                                              \
    " WHERE i.live_version>0 AND i.state<>'withdrawn'"                                          \
    " AND (?1 IS NULL OR u.code=?1) AND (?2 IS NULL OR coalesce(v.topic,i.topic)=?2)"           \
    " AND (?3 IS NULL OR n.state=?3) AND (?4 IS NULL OR n.type=?4)"                             \
    " AND (?5=0 OR substr(n.issued_at,1,4)=printf('%04d',?5))"                                  \
    " AND (?6 IS NULL OR instr(coalesce(v.title,i.title),?6)>0 OR instr(coalesce(v.docno,i.docno),?6)>0)"
    Stmt st;
    int rc;
    *pnTotal = 0;
    db_prepare(db, &st,
               "SELECT count(*) FROM norm n JOIN item i ON i.id=n.item_id JOIN unit u ON u.id=i.unit_id"
               " LEFT JOIN item_version v ON v.item_id=i.id AND v.version=i.live_version" NORM_WHERE);
#define NORM_BIND()                                  \
    do {                                             \
        db_bind_text(&st, 1, q->zUnit);              \
        db_bind_text(&st, 2, q->zTopic);             \
        db_bind_text(&st, 3, q->zState);             \
        db_bind_text(&st, 4, q->zType);              \
        db_bind_int(&st, 5, q->iYear);               \
        db_bind_text(&st, 6, q->zQ);                 \
    } while (0)
    NORM_BIND();
    if ((rc = db_step(&st)) == 1) *pnTotal = db_col_int(&st, 0);
    db_done(&st);
    if (rc < 0) return ZW_EDB;
    int64_t nPer = q->nPerPage > 0 ? q->nPerPage : 20;
    int64_t iPage = q->iPage > 0 ? q->iPage : 1;
    Norm *aNorm = arena_alloc(a, sizeof *aNorm * (size_t)nPer);
    int n = 0;
    db_prepare(db, &st, NORM_COLS NORM_WHERE " ORDER BY n.issued_at DESC, n.item_id DESC LIMIT ?7 OFFSET ?8");
    NORM_BIND();
    db_bind_int(&st, 7, nPer);
    db_bind_int(&st, 8, (iPage - 1) * nPer);
    while ((rc = db_step(&st)) == 1 && n < nPer) norm_from_row(a, &st, &aNorm[n++]);
    db_done(&st);
#undef NORM_BIND
#undef NORM_WHERE
    *paNorm = aNorm;
    *pnNorm = n;
    return rc < 0 ? ZW_EDB : ZW_OK;
}

int norm_counts(Db *db, int64_t iUnit, int iYear, const char *zType, int *pnIssued,
                int *pnRepealed, int *pnValid) {
    char zFrom[11], zTo[11];
    snprintf(zFrom, sizeof zFrom, "%04d-01-01", iYear);
    snprintf(zTo, sizeof zTo, "%04d-12-31", iYear);
    Stmt st;
    /* From the history, not the current state: repealed in the year, and valid on 31
    ** December (in force by then, term not over, and its state on that day, the last
    ** change dated on or before it, 有效 or 已修改 — an amended document stays in force). */
    db_prepare(db, &st,
               "SELECT"
               " coalesce(sum(n.issued_at BETWEEN ?2 AND ?3),0),"
               " coalesce(sum(EXISTS(SELECT 1 FROM norm_event e WHERE e.item_id=n.item_id"
               "     AND e.to_state='已废止' AND e.date BETWEEN ?2 AND ?3)),0),"
               " coalesce(sum(n.effective_at<=?3 AND (n.expires_at IS NULL OR n.expires_at>=?3)"
               "     AND coalesce((SELECT e.to_state FROM norm_event e WHERE e.item_id=n.item_id"
               "     AND e.date<=?3 ORDER BY e.date DESC, e.id DESC LIMIT 1),'有效') IN ('有效','已修改')),0)"
               " FROM norm n JOIN item i ON i.id=n.item_id"
               " WHERE i.live_version>0 AND i.state<>'withdrawn' AND (?1=0 OR i.unit_id=?1)"
               " AND n.type=?4");
    db_bind_int(&st, 1, iUnit);
    db_bind_text(&st, 2, zFrom);
    db_bind_text(&st, 3, zTo);
    db_bind_text(&st, 4, zType);
    int rc = db_step(&st);
    if (rc == 1) {
        *pnIssued = (int)db_col_int(&st, 0);
        *pnRepealed = (int)db_col_int(&st, 1);
        *pnValid = (int)db_col_int(&st, 2);
    }
    db_done(&st);
    return rc == 1 ? ZW_OK : ZW_EDB;
}

int norm_review_create(Db *db, Arena *a, const User *u, const char *zIp, const char *zName,
                       int iYear, int64_t *piId, Err *err) {
    if (!u) return err_set(err, ZW_EAUTH, "login_required", "请先登录", NULL);
    if (u->eRole != ROLE_ADMIN) return err_set(err, ZW_EPERM, "forbidden", "只有管理员可以发起清理", NULL);
    if (str_blank(zName) || !utf8_valid(zName, strlen(zName)) || utf8_len(zName, strlen(zName)) > 100 ||
        strpbrk(zName, "\r\n")) {
        return err_set(err, ZW_EINPUT, "bad_name", "请填写清理工作名称（最多 100 个字符）", NULL);
    }
    if (iYear < 2000 || iYear > 2100) return err_set(err, ZW_EINPUT, "bad_year", "年份无效", NULL);
    char zNow[21];
    util_iso_time(util_now(), zNow);
    int rc;
    if ((rc = db_begin(db))) return db_err(db, err);
    Stmt st;
    db_prepare(db, &st, "INSERT INTO norm_review(name,year,created_by,created_at) VALUES(?1,?2,?3,?4)");
    db_bind_text(&st, 1, str_trim(a, zName));
    db_bind_int(&st, 2, iYear);
    db_bind_int(&st, 3, u->id);
    db_bind_text(&st, 4, zNow);
    rc = db_run(&st);
    db_done(&st);
    if (rc) return fail_db(db, err);
    *piId = db_last_rowid(db);
    if (audit_add(db, u, zIp, "norm_review_create", arena_printf(a, "review:%lld", (long long)*piId), zName)) {
        return fail_db(db, err);
    }
    return db_commit(db) ? db_err(db, err) : ZW_OK;
}

int norm_review_result(Db *db, Arena *a, const User *u, const char *zIp, int64_t iReview,
                       int64_t iItem, const char *zResult, const char *zNote, Err *err) {
    if (str_index(azResult, zResult) < 0) {
        return err_set(err, ZW_EINPUT, "bad_result", "清理结果应为 继续有效、修改、废止 或 宣布失效", NULL);
    }
    if (zNote && (!utf8_valid(zNote, strlen(zNote)) || utf8_len(zNote, strlen(zNote)) > 500)) {
        return err_set(err, ZW_EINPUT, "too_long", "说明过长（最多 500 个字符）", NULL);
    }
    int rc;
    if ((rc = db_begin(db))) return db_err(db, err);
    Stmt st;
    int bReview = 0;
    db_prepare(db, &st, "SELECT 1 FROM norm_review WHERE id=?1");
    db_bind_int(&st, 1, iReview);
    bReview = db_step(&st) == 1;
    db_done(&st);
    if (!bReview) return fail(db, err_set(err, ZW_ENOTFOUND, "not_found", "清理工作不存在", NULL));
    Norm *n = norm_get(db, a, iItem);
    if (!n) return fail(db, err_set(err, ZW_EINPUT, "bad_item", "该信息未登记为规范性文件", NULL));
    if ((rc = auth_check(u, n->iUnit, ROLE_EDITOR, err))) return fail(db, rc);
    char zNow[21], zToday[11];
    util_iso_time(util_now(), zNow);
    util_iso_date(util_now(), zToday);
    db_prepare(db, &st,
               "INSERT INTO norm_review_result(review_id,item_id,result,note,user_id,at) VALUES(?1,?2,?3,?4,?5,?6)"
               " ON CONFLICT(review_id,item_id) DO UPDATE SET result=?3, note=?4, user_id=?5, at=?6");
    db_bind_int(&st, 1, iReview);
    db_bind_int(&st, 2, iItem);
    db_bind_text(&st, 3, zResult);
    db_bind_text(&st, 4, zNote ? zNote : "");
    db_bind_int(&st, 5, u->id);
    db_bind_text(&st, 6, zNow);
    rc = db_run(&st);
    db_done(&st);
    if (rc) return fail_db(db, err);
    /* 废止 and 宣布失效 take effect at once; 修改 waits for the amending document. */
    const char *zTo = strcmp(zResult, "废止") == 0 ? NORM_REPEALED
                      : strcmp(zResult, "宣布失效") == 0 ? NORM_EXPIRED : NULL;
    if (zTo && strcmp(n->zState, zTo) != 0 &&
        set_state(db, iItem, n->zState, zTo, zToday, 0, u, arena_printf(a, "清理结果：%s", zResult))) {
        return fail_db(db, err);
    }
    rc = audit_add(db, u, zIp, "norm_review_result", arena_printf(a, "item:%lld", (long long)iItem),
                   arena_printf(a, "review=%lld %s", (long long)iReview, zResult));
    if (rc) return fail_db(db, err);
    return db_commit(db) ? db_err(db, err) : ZW_OK;
}
