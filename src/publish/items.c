// SPDX-License-Identifier: MIT
/*
** items.c: the publishing workflow.  An item has a working copy (the item row)
** and published versions (item_version).  Editors write the working copy; a
** reviewer's approval copies it into a new version, which is what the public
** sees.  Publication, change after publication and withdrawal each append one
** transparency-log entry in the same transaction (see tlog.c).
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../core/log.h"
#include "../core/str.h"
#include "../core/util.h"
#include "../interpret/interpret.h"
#include "../push/push.h"
#include "../text/docno.h"
#include "../text/mask.h"
#include "publish.h"

/* Defined in tlog.c. */
int tlog_append(Db *db, Arena *a, const char *zAction, const Item *p, int64_t iVersion,
                const char *zSha256, const char *zTime, Err *err);

#define ITEM_COLS                                                                           \
    "i.id,i.unit_id,i.col_id,n.code,n.name,c.slug,c.name,i.state,i.index_no,i.title,"        \
    "i.issuer,i.docno,i.written_at,i.topic,i.genre,i.validity,i.disclosure,i.format,i.body," \
    "i.change_note,i.reject_reason,i.live_version,i.published_at,i.updated_at,"               \
    "i.withdrawn_at,i.withdraw_reason,i.modified_at,coalesce(u.name,''),i.kind,i.scope,"    \
    "i.form,i.stage,i.audience,i.major"
#define ITEM_FROM                                                                        \
    " FROM item i JOIN unit n ON n.id=i.unit_id JOIN col c ON c.id=i.col_id"             \
    " LEFT JOIN user u ON u.id=i.created_by"

static Item *item_from_row(Arena *a, Stmt *st) {
    Item *p = arena_zalloc(a, sizeof *p);
    int i = 0;
    p->id = db_col_int(st, i++);
    p->iUnit = db_col_int(st, i++);
    p->iColumn = db_col_int(st, i++);
    p->zUnitCode = db_col_dup(a, st, i++);
    p->zUnitName = db_col_dup(a, st, i++);
    p->zColumnSlug = db_col_dup(a, st, i++);
    p->zColumnName = db_col_dup(a, st, i++);
    p->zState = db_col_dup(a, st, i++);
    p->zIndexNo = db_col_dup(a, st, i++);
    p->zTitle = db_col_dup(a, st, i++);
    p->zIssuer = db_col_dup(a, st, i++);
    p->zDocno = db_col_dup(a, st, i++);
    p->zWrittenAt = db_col_dup(a, st, i++);
    p->zTopic = db_col_dup(a, st, i++);
    p->zGenre = db_col_dup(a, st, i++);
    p->zValidity = db_col_dup(a, st, i++);
    p->zDisclosure = db_col_dup(a, st, i++);
    p->zFormat = db_col_dup(a, st, i++);
    p->zBody = db_col_dup(a, st, i++);
    p->zChangeNote = db_col_dup(a, st, i++);
    p->zRejectReason = db_col_dup(a, st, i++);
    p->iLiveVersion = db_col_int(st, i++);
    p->zPublishedAt = db_col_dup(a, st, i++);
    p->zUpdatedAt = db_col_dup(a, st, i++);
    p->zWithdrawnAt = db_col_dup(a, st, i++);
    p->zWithdrawReason = db_col_dup(a, st, i++);
    p->zModifiedAt = db_col_dup(a, st, i++);
    p->zCreatedBy = db_col_dup(a, st, i++);
    p->zKind = db_col_dup(a, st, i++);
    p->zScope = db_col_dup(a, st, i++);
    p->zForm = db_col_dup(a, st, i++);
    p->zStage = db_col_dup(a, st, i++);
    p->zAudience = db_col_dup(a, st, i++);
    p->bMajor = (int)db_col_int(st, i++);
    return p;
}

Item *item_get(Db *db, Arena *a, int64_t iItem) {
    Stmt st;
    Item *p = NULL;
    db_prepare(db, &st, "SELECT " ITEM_COLS ITEM_FROM " WHERE i.id=?1");
    db_bind_int(&st, 1, iItem);
    if (db_step(&st) == 1) p = item_from_row(a, &st);
    db_done(&st);
    return p;
}

/* Overlay the public fields of version iVersion onto p; 0 if there is none. */
static int overlay_version(Db *db, Arena *a, Item *p, int64_t iVersion) {
    Stmt st;
    int bFound = 0;
    db_prepare(db, &st,
               "SELECT title,issuer,docno,written_at,topic,genre,validity,disclosure,format,"
               "body,change_note,published_at FROM item_version WHERE item_id=?1 AND version=?2");
    db_bind_int(&st, 1, p->id);
    db_bind_int(&st, 2, iVersion);
    if (db_step(&st) == 1) {
        p->zTitle = db_col_dup(a, &st, 0);
        p->zIssuer = db_col_dup(a, &st, 1);
        p->zDocno = db_col_dup(a, &st, 2);
        p->zWrittenAt = db_col_dup(a, &st, 3);
        p->zTopic = db_col_dup(a, &st, 4);
        p->zGenre = db_col_dup(a, &st, 5);
        p->zValidity = db_col_dup(a, &st, 6);
        p->zDisclosure = db_col_dup(a, &st, 7);
        p->zFormat = db_col_dup(a, &st, 8);
        p->zBody = db_col_dup(a, &st, 9);
        p->zChangeNote = db_col_dup(a, &st, 10);
        p->zModifiedAt = db_col_dup(a, &st, 11);
        bFound = 1;
    }
    db_done(&st);
    return bFound;
}

Item *item_public(Db *db, Arena *a, int64_t iItem) {
    Item *p = item_get(db, a, iItem);
    if (!p || p->iLiveVersion == 0) return NULL;
    if (!overlay_version(db, a, p, p->iLiveVersion)) return NULL;
    return p;
}

Item *item_version(Db *db, Arena *a, int64_t iItem, int64_t iVersion) {
    Item *p = item_get(db, a, iItem);
    if (!p || iVersion < 1 || iVersion > p->iLiveVersion) return NULL;
    if (!overlay_version(db, a, p, iVersion)) return NULL;
    return p;
}

int item_versions(Db *db, Arena *a, int64_t iItem, VersionRow **paRow, int *pnRow) {
    Stmt st;
    int n = 0, nCap = 8;
    VersionRow *aRow = arena_alloc(a, sizeof(VersionRow) * (size_t)nCap);
    db_prepare(db, &st,
               "SELECT version,published_at,change_note,content_sha256 FROM item_version"
               " WHERE item_id=?1 ORDER BY version DESC");
    db_bind_int(&st, 1, iItem);
    int rc;
    while ((rc = db_step(&st)) == 1) {
        if (n == nCap) {
            VersionRow *aNew = arena_alloc(a, sizeof(VersionRow) * (size_t)nCap * 2);
            memcpy(aNew, aRow, sizeof(VersionRow) * (size_t)n);
            aRow = aNew;
            nCap *= 2;
        }
        aRow[n].iVersion = db_col_int(&st, 0);
        aRow[n].zPublishedAt = db_col_dup(a, &st, 1);
        aRow[n].zChangeNote = db_col_dup(a, &st, 2);
        aRow[n].zSha256 = db_col_dup(a, &st, 3);
        n++;
    }
    db_done(&st);
    *paRow = aRow;
    *pnRow = n;
    return rc < 0 ? -rc : ZW_OK;
}

void item_content_hash(Arena *a, const Item *p, char *zHex) {
    /* Canonical content: a JSON object of the public fields, keys sorted, no spaces. */
    Str s;
    str_init(&s, a);
    str_puts(&s, "{\"body\":");
    str_json(&s, p->zBody);
    str_puts(&s, ",\"disclosure\":");
    str_json(&s, p->zDisclosure);
    str_puts(&s, ",\"docno\":");
    str_json(&s, p->zDocno);
    str_puts(&s, ",\"format\":");
    str_json(&s, p->zFormat);
    str_puts(&s, ",\"genre\":");
    str_json(&s, p->zGenre);
    str_puts(&s, ",\"issuer\":");
    str_json(&s, p->zIssuer);
    str_puts(&s, ",\"title\":");
    str_json(&s, p->zTitle);
    str_puts(&s, ",\"topic\":");
    str_json(&s, p->zTopic);
    str_puts(&s, ",\"validity\":");
    str_json(&s, p->zValidity);
    str_puts(&s, ",\"written_at\":");
    str_json(&s, p->zWrittenAt);
    str_putc(&s, '}');
    util_sha256_hex(s.z, s.n, zHex);
}

/* ---------------------------------------------------------------- validation */

static int check_text(const char *z, size_t nMaxChars, int bOneLine, const char *zLabel,
                      Arena *a, Err *err) {
    if (!z) return ZW_OK;
    size_t n = strlen(z);
    if (!utf8_valid(z, n)) {
        return err_set(err, ZW_EINPUT, "bad_utf8", arena_printf(a, "%s含有无效字符", zLabel), NULL);
    }
    if (utf8_len(z, n) > nMaxChars) {
        return err_set(err, ZW_EINPUT, "too_long",
                       arena_printf(a, "%s过长（最多 %zu 个字符）", zLabel, nMaxChars), NULL);
    }
    if (bOneLine && strpbrk(z, "\r\n")) {
        return err_set(err, ZW_EINPUT, "bad_field", arena_printf(a, "%s不能换行", zLabel), NULL);
    }
    return ZW_OK;
}

static int check_input(Arena *a, const ItemInput *in, Err *err) {
    int rc;
    if ((rc = check_text(in->zTitle, ITEM_MAX_TITLE, 1, "标题", a, err))) return rc;
    if (in->zTitle && str_blank(in->zTitle)) {
        return err_set(err, ZW_EINPUT, "missing_field", "标题不能为空", NULL);
    }
    if (in->zBody && strlen(in->zBody) > ITEM_MAX_BODY) {
        return err_set(err, ZW_EINPUT, "too_long", "正文过长（最多 2 MB）", NULL);
    }
    if ((rc = check_text(in->zBody, ITEM_MAX_BODY, 0, "正文", a, err))) return rc;
    if ((rc = check_text(in->zDocno, 60, 1, "文号", a, err))) return rc;
    if ((rc = check_text(in->zIssuer, ITEM_MAX_FIELD, 1, "发文机关", a, err))) return rc;
    if ((rc = check_text(in->zTopic, 60, 1, "主题分类", a, err))) return rc;
    if ((rc = check_text(in->zGenre, 30, 1, "体裁", a, err))) return rc;
    if ((rc = check_text(in->zValidity, 30, 1, "有效性", a, err))) return rc;
    if ((rc = check_text(in->zDisclosure, 30, 1, "公开方式", a, err))) return rc;
    if ((rc = check_text(in->zChangeNote, ITEM_MAX_REASON, 0, "更新说明", a, err))) return rc;
    if (in->zWrittenAt && *in->zWrittenAt && !util_date_valid(in->zWrittenAt)) {
        return err_set(err, ZW_EINPUT, "bad_date", "成文日期格式应为 YYYY-MM-DD", NULL);
    }
    if (in->zFormat && strcmp(in->zFormat, "text") != 0 && strcmp(in->zFormat, "md") != 0) {
        return err_set(err, ZW_EINPUT, "bad_format", "正文格式应为 text（公文文本）或 md（Markdown）", NULL);
    }
    return interpret_check_input(a, in, err);
}

static void (*xOnChange)(void);

void publish_on_change(void (*xCb)(void)) {
    xOnChange = xCb;
}

/* Finish a public change: commit and tell the cache. */
static int finish_public(Db *db, int rc, Err *err);

/* Finish a write: commit, or roll back and fill err. */
static int finish(Db *db, int rc, Err *err) {
    if (rc != ZW_OK) {
        db_rollback(db);
        if (!err->zMsg) db_err(db, err);
        return rc;
    }
    rc = db_commit(db);
    if (rc != ZW_OK) return db_err(db, err);
    return ZW_OK;
}

static int finish_public(Db *db, int rc, Err *err) {
    rc = finish(db, rc, err);
    if (rc == ZW_OK && xOnChange) xOnChange();
    return rc;
}

/* The 文号 in its normalized form when it parses as one, else as typed (trimmed). */
static const char *docno_field(Arena *a, const char *z) {
    Docno d;
    if (!z) return NULL;
    if (docno_parse(a, z, &d, NULL) == ZW_OK) return d.zNormalized;
    return str_trim(a, z);
}

static const char *blank_if_null(const char *z) {
    return z ? z : "";
}

int item_create(Db *db, Arena *a, const User *u, const char *zIp, const ItemInput *in,
                int64_t *piItem, Err *err) {
    char zNow[21];
    int rc;
    *piItem = 0;
    if (!in->zTitle) return err_set(err, ZW_EINPUT, "missing_field", "缺少标题（title）", NULL);
    if (!in->zUnit) return err_set(err, ZW_EINPUT, "missing_field", "缺少单位（unit）", NULL);
    if (!in->iColumn) return err_set(err, ZW_EINPUT, "missing_field", "缺少栏目（column）", NULL);
    if ((rc = check_input(a, in, err))) return rc;
    Unit *pUnit = unit_by_code(db, a, in->zUnit);
    if (!pUnit) return err_set(err, ZW_EINPUT, "unknown_unit", "单位不存在", NULL);
    if ((rc = auth_check(u, pUnit->id, ROLE_EDITOR, err))) return rc;
    Column *pCol = col_by_id(db, a, in->iColumn);
    if (!pCol || pCol->iUnit != pUnit->id) {
        return err_set(err, ZW_EINPUT, "unknown_column", "栏目不存在或不属于该单位", NULL);
    }
    util_iso_time(util_now(), zNow);
    if ((rc = db_begin(db))) return db_err(db, err);
    Stmt st;
    db_prepare(db, &st,
               "INSERT INTO item(unit_id,col_id,state,title,issuer,docno,written_at,topic,genre,"
               "validity,disclosure,format,body,created_by,created_at,modified_at,updated_at)"
               " VALUES(?1,?2,'draft',?3,?4,?5,?6,?7,?8,?9,coalesce(?10,'主动公开'),"
               "coalesce(?11,'text'),?12,?13,?14,?14,?14)");
    db_bind_int(&st, 1, pUnit->id);
    db_bind_int(&st, 2, pCol->id);
    db_bind_text(&st, 3, str_trim(a, in->zTitle));
    db_bind_text(&st, 4, in->zIssuer ? str_trim(a, in->zIssuer) : pUnit->zName);
    db_bind_text(&st, 5, blank_if_null(docno_field(a, in->zDocno)));
    db_bind_text(&st, 6, blank_if_null(in->zWrittenAt));
    db_bind_text(&st, 7, blank_if_null(in->zTopic));
    db_bind_text(&st, 8, blank_if_null(in->zGenre));
    db_bind_text(&st, 9, blank_if_null(in->zValidity));
    db_bind_text(&st, 10, in->zDisclosure && *in->zDisclosure ? in->zDisclosure : NULL);
    db_bind_text(&st, 11, in->zFormat);
    db_bind_text(&st, 12, blank_if_null(in->zBody));
    db_bind_int(&st, 13, u->id);
    db_bind_text(&st, 14, zNow);
    rc = db_run(&st);
    db_done(&st);
    if (!rc) {
        *piItem = db_last_rowid(db);
        rc = interpret_save(db, a, *piItem, in, err);
    }
    if (!rc) {
        rc = audit_add(db, u, zIp, "item_create", arena_printf(a, "item:%lld", (long long)*piItem),
                       in->zTitle);
    }
    return finish(db, rc, err);
}

/* Load an item for a workflow step and check the actor's rights on its unit. */
static Item *load_for(Db *db, Arena *a, const User *u, int64_t iItem, int eRole, int *pRc, Err *err) {
    Item *p = item_get(db, a, iItem);
    if (!p) {
        *pRc = err_set(err, ZW_ENOTFOUND, "not_found", "信息不存在", NULL);
        return NULL;
    }
    if ((*pRc = auth_check(u, p->iUnit, eRole, err)) != ZW_OK) return NULL;
    return p;
}

int item_update(Db *db, Arena *a, const User *u, const char *zIp, int64_t iItem,
                const ItemInput *in, Err *err) {
    char zNow[21];
    int rc;
    if ((rc = check_input(a, in, err))) return rc;
    if ((rc = db_begin(db))) return db_err(db, err);
    Item *p = load_for(db, a, u, iItem, ROLE_EDITOR, &rc, err);
    if (!p) return finish(db, rc, err);
    if (strcmp(p->zState, "withdrawn") == 0) {
        return finish(db, err_set(err, ZW_ECONFLICT, "withdrawn", "已撤回的信息不能再修改", NULL), err);
    }
    if (in->iColumn) {
        Column *pCol = col_by_id(db, a, in->iColumn);
        if (!pCol || pCol->iUnit != p->iUnit) {
            return finish(db, err_set(err, ZW_EINPUT, "unknown_column", "栏目不存在或不属于该单位", NULL), err);
        }
    }
    if (p->iLiveVersion > 0 && str_blank(in->zChangeNote)) {
        return finish(db, err_set(err, ZW_EINPUT, "missing_change_note",
                                  "已发布的信息修改后需填写更新说明（change_note）", NULL), err);
    }
    util_iso_time(util_now(), zNow);
    Stmt st;
    db_prepare(db, &st,
               "UPDATE item SET col_id=coalesce(?2,col_id), title=coalesce(?3,title),"
               " issuer=coalesce(?4,issuer), docno=coalesce(?5,docno),"
               " written_at=coalesce(?6,written_at), topic=coalesce(?7,topic),"
               " genre=coalesce(?8,genre), validity=coalesce(?9,validity),"
               " disclosure=coalesce(?10,disclosure), format=coalesce(?11,format),"
               " body=coalesce(?12,body), change_note=coalesce(?13,change_note),"
               " state='draft', modified_at=?14 WHERE id=?1");
    db_bind_int(&st, 1, iItem);
    if (in->iColumn) db_bind_int(&st, 2, in->iColumn); else db_bind_null(&st, 2);
    db_bind_text(&st, 3, str_trim(a, in->zTitle));
    db_bind_text(&st, 4, str_trim(a, in->zIssuer));
    db_bind_text(&st, 5, docno_field(a, in->zDocno));
    db_bind_text(&st, 6, in->zWrittenAt);
    db_bind_text(&st, 7, in->zTopic);
    db_bind_text(&st, 8, in->zGenre);
    db_bind_text(&st, 9, in->zValidity);
    db_bind_text(&st, 10, in->zDisclosure);
    db_bind_text(&st, 11, in->zFormat);
    db_bind_text(&st, 12, in->zBody);
    db_bind_text(&st, 13, in->zChangeNote);
    db_bind_text(&st, 14, zNow);
    rc = db_run(&st);
    db_done(&st);
    if (!rc) rc = item_reindex(db, iItem); /* column, 体裁 and 有效性 are search filters */
    if (!rc) rc = interpret_save(db, a, iItem, in, err);
    if (!rc) rc = audit_add(db, u, zIp, "item_update", arena_printf(a, "item:%lld", (long long)iItem),
                            in->zChangeNote ? in->zChangeNote : "");
    return finish(db, rc, err);
}

static int set_state(Db *db, int64_t iItem, const char *zState, const char *zReason) {
    Stmt st;
    db_prepare(db, &st,
               "UPDATE item SET state=?2, reject_reason=coalesce(?3,reject_reason) WHERE id=?1");
    db_bind_int(&st, 1, iItem);
    db_bind_text(&st, 2, zState);
    db_bind_text(&st, 3, zReason);
    int rc = db_run(&st);
    db_done(&st);
    return rc;
}

int item_submit(Db *db, Arena *a, const User *u, const char *zIp, int64_t iItem, Err *err) {
    int rc;
    if ((rc = db_begin(db))) return db_err(db, err);
    Item *p = load_for(db, a, u, iItem, ROLE_EDITOR, &rc, err);
    if (!p) return finish(db, rc, err);
    if (strcmp(p->zState, "draft") != 0) {
        return finish(db, err_set(err, ZW_ECONFLICT, "bad_state", "只有草稿可以提交审核", NULL), err);
    }
    rc = set_state(db, iItem, "pending", "");
    if (!rc) rc = audit_add(db, u, zIp, "item_submit", arena_printf(a, "item:%lld", (long long)iItem), "");
    return finish(db, rc, err);
}

int item_reject(Db *db, Arena *a, const User *u, const char *zIp, int64_t iItem,
                const char *zReason, Err *err) {
    int rc;
    if (str_blank(zReason)) return err_set(err, ZW_EINPUT, "missing_reason", "退回时必须填写理由", NULL);
    if ((rc = check_text(zReason, ITEM_MAX_REASON, 0, "理由", a, err))) return rc;
    if ((rc = db_begin(db))) return db_err(db, err);
    Item *p = load_for(db, a, u, iItem, ROLE_REVIEWER, &rc, err);
    if (!p) return finish(db, rc, err);
    if (strcmp(p->zState, "pending") != 0) {
        return finish(db, err_set(err, ZW_ECONFLICT, "bad_state", "只有待审核的信息可以退回", NULL), err);
    }
    rc = set_state(db, iItem, "draft", zReason);
    if (!rc) rc = audit_add(db, u, zIp, "item_reject", arena_printf(a, "item:%lld", (long long)iItem), zReason);
    return finish(db, rc, err);
}

/* Search index: remove the item's live version (before it changes), add it (after).
** Both read the text from item_version, so the index holds exactly what the public
** sees.  The facets column (the filter values, view item_facets, schema/0013) is
** stored in search_facets when added and removed with what is stored there: an
** external-content FTS5 row is deleted by giving its old text exactly. */
static int fts_remove(Db *db, int64_t iItem) {
    Stmt st;
    db_prepare(db, &st,
               "INSERT INTO item_fts(item_fts,rowid,title,body,docno,facets)"
               " SELECT 'delete',id,title,body,docno,facets FROM search_content WHERE id=?1");
    db_bind_int(&st, 1, iItem);
    int rc = db_run(&st);
    db_done(&st);
    return rc;
}

static int fts_add(Db *db, int64_t iItem) {
    Stmt st;
    db_prepare(db, &st,
               "INSERT OR REPLACE INTO search_facets(item_id,facets) SELECT f.id,f.facets"
               " FROM item_facets f JOIN item i ON i.id=f.id"
               " WHERE f.id=?1 AND i.live_version>0 AND i.state<>'withdrawn'");
    db_bind_int(&st, 1, iItem);
    int rc = db_run(&st);
    db_done(&st);
    if (rc) return rc;
    db_prepare(db, &st,
               "INSERT INTO item_fts(rowid,title,body,docno,facets)"
               " SELECT id,title,body,docno,facets FROM search_content WHERE id=?1");
    db_bind_int(&st, 1, iItem);
    rc = db_run(&st);
    db_done(&st);
    return rc;
}

int item_reindex(Db *db, int64_t iItem) {
    int rc = fts_remove(db, iItem);
    return rc ? rc : fts_add(db, iItem);
}

/* Next 索引号 for a unit and year, from the format setting (tokens {org} {year}
** {seq} {seq5}).  Runs inside the caller's transaction. */
static const char *next_index_no(Db *db, Arena *a, const Item *p, int iYear) {
    Stmt st;
    int64_t iSeq = 1;
    db_prepare(db, &st,
               "INSERT INTO index_seq(unit_id,year,next) VALUES(?1,?2,2)"
               " ON CONFLICT(unit_id,year) DO UPDATE SET next=next+1 RETURNING next-1");
    db_bind_int(&st, 1, p->iUnit);
    db_bind_int(&st, 2, iYear);
    if (db_step(&st) == 1) iSeq = db_col_int(&st, 0);
    db_done(&st);
    Unit *pUnit = unit_by_id(db, a, p->iUnit);
    const char *zFmt = setting_get(db, a, "index_no_format", "{org}/{year}-{seq5}");
    Str s;
    str_init(&s, a);
    for (const char *z = zFmt; *z;) {
        if (strncmp(z, "{org}", 5) == 0) {
            str_puts(&s, pUnit ? pUnit->zOrgCode : "");
            z += 5;
        } else if (strncmp(z, "{year}", 6) == 0) {
            str_appendf(&s, "%04d", iYear);
            z += 6;
        } else if (strncmp(z, "{seq5}", 6) == 0) {
            str_appendf(&s, "%05lld", (long long)iSeq);
            z += 6;
        } else if (strncmp(z, "{seq}", 5) == 0) {
            str_appendf(&s, "%lld", (long long)iSeq);
            z += 5;
        } else {
            str_putc(&s, *z++);
        }
    }
    return str_cstr(&s);
}

int item_approve(Db *db, Arena *a, const User *u, const char *zIp, int64_t iItem, Err *err) {
    char zNow[21], zToday[11], zSha[65];
    int rc;
    if ((rc = db_begin(db))) return db_err(db, err);
    Item *p = load_for(db, a, u, iItem, ROLE_REVIEWER, &rc, err);
    if (!p) return finish(db, rc, err);
    if (strcmp(p->zState, "pending") != 0) {
        return finish(db, err_set(err, ZW_ECONFLICT, "bad_state", "只有待审核的信息可以审核发布", NULL), err);
    }
    int64_t now = util_now();
    util_iso_time(now, zNow);
    util_iso_date(now, zToday);
    int64_t iVersion = p->iLiveVersion + 1;
    const char *zChange = iVersion == 1 ? "首次发布" : p->zChangeNote;
    /* What is published has personal data masked; the working copy keeps it for staff. */
    Item pub = *p;
    int nMaskTitle, nMaskBody;
    pub.zTitle = mask_text(a, p->zTitle, &nMaskTitle);
    pub.zBody = mask_text(a, p->zBody, &nMaskBody);
    item_content_hash(a, &pub, zSha);
    rc = fts_remove(db, iItem);
    Stmt st;
    if (!rc) {
        db_prepare(db, &st,
                   "INSERT INTO item_version(item_id,version,title,issuer,docno,written_at,topic,"
                   "genre,validity,disclosure,format,body,change_note,content_sha256,published_at,"
                   "published_by) SELECT id,?2,?7,issuer,docno,written_at,topic,genre,validity,"
                   "disclosure,format,?8,?3,?4,?5,?6 FROM item WHERE id=?1");
        db_bind_int(&st, 1, iItem);
        db_bind_int(&st, 2, iVersion);
        db_bind_text(&st, 3, zChange);
        db_bind_text(&st, 4, zSha);
        db_bind_text(&st, 5, zNow);
        db_bind_int(&st, 6, u->id);
        db_bind_text(&st, 7, pub.zTitle);
        db_bind_text(&st, 8, pub.zBody);
        rc = db_run(&st);
        db_done(&st);
    }
    const char *zIndex = p->zIndexNo;
    if (!rc && !zIndex) zIndex = next_index_no(db, a, p, util_year(now));
    if (!rc) {
        db_prepare(db, &st,
                   "UPDATE item SET state='published', live_version=?2, index_no=?3,"
                   " published_at=coalesce(published_at,?4), updated_at=?5, change_note='',"
                   " reject_reason='' WHERE id=?1");
        db_bind_int(&st, 1, iItem);
        db_bind_int(&st, 2, iVersion);
        db_bind_text(&st, 3, zIndex);
        db_bind_text(&st, 4, zToday);
        db_bind_text(&st, 5, zNow);
        rc = db_run(&st);
        db_done(&st);
    }
    if (!rc) {
        db_prepare(db, &st, "UPDATE attachment SET version=?2 WHERE item_id=?1 AND version IS NULL");
        db_bind_int(&st, 1, iItem);
        db_bind_int(&st, 2, iVersion);
        rc = db_run(&st);
        db_done(&st);
    }
    if (!rc) rc = fts_add(db, iItem);
    /* 政策找人: queue the subscribers a new policy or interpretation concerns. */
    if (!rc && iVersion == 1) rc = push_on_publish(db, a, iItem, iVersion, err);
    if (!rc) {
        rc = tlog_append(db, a, iVersion == 1 ? "publish" : "update", p, iVersion, zSha, zNow, err);
    }
    if (!rc) {
        rc = audit_add(db, u, zIp, iVersion == 1 ? "item_publish" : "item_republish",
                       arena_printf(a, "item:%lld", (long long)iItem),
                       arena_printf(a, "version=%lld masked=%d", (long long)iVersion,
                                    nMaskTitle + nMaskBody));
    }
    return finish_public(db, rc, err);
}

int item_withdraw(Db *db, Arena *a, const User *u, const char *zIp, int64_t iItem,
                  const char *zReason, Err *err) {
    char zNow[21], zSha[65];
    int rc;
    if (str_blank(zReason)) return err_set(err, ZW_EINPUT, "missing_reason", "撤回时必须填写理由", NULL);
    if ((rc = check_text(zReason, ITEM_MAX_REASON, 0, "理由", a, err))) return rc;
    if ((rc = db_begin(db))) return db_err(db, err);
    Item *p = load_for(db, a, u, iItem, ROLE_REVIEWER, &rc, err);
    if (!p) return finish(db, rc, err);
    if (p->iLiveVersion == 0 || strcmp(p->zState, "withdrawn") == 0) {
        return finish(db, err_set(err, ZW_ECONFLICT, "bad_state", "只有已发布的信息可以撤回", NULL), err);
    }
    Item *pLive = item_public(db, a, iItem);
    if (!pLive) return finish(db, err_set(err, ZW_EDB, NULL, "数据不一致", "live version missing"), err);
    item_content_hash(a, pLive, zSha);
    util_iso_time(util_now(), zNow);
    rc = fts_remove(db, iItem);
    Stmt st;
    if (!rc) {
        db_prepare(db, &st,
                   "UPDATE item SET state='withdrawn', withdrawn_at=?2, withdraw_reason=?3,"
                   " updated_at=?2 WHERE id=?1");
        db_bind_int(&st, 1, iItem);
        db_bind_text(&st, 2, zNow);
        db_bind_text(&st, 3, zReason);
        rc = db_run(&st);
        db_done(&st);
    }
    if (!rc) rc = push_on_withdraw(db, iItem, err); /* cancel what is still queued */
    if (!rc) rc = tlog_append(db, a, "withdraw", p, p->iLiveVersion, zSha, zNow, err);
    if (!rc) rc = audit_add(db, u, zIp, "item_withdraw", arena_printf(a, "item:%lld", (long long)iItem), zReason);
    return finish_public(db, rc, err);
}

/* ------------------------------------------------------------------- listing */

int item_list(Db *db, Arena *a, const ItemQuery *q, ItemRow **paRow, int *pnRow,
              int64_t *pnTotal) {
    /* Variable shape from literal pieces only; every value is a bound parameter. */
    Str w;
    str_init(&w, a);
    str_puts(&w, " FROM item i JOIN unit n ON n.id=i.unit_id JOIN col c ON c.id=i.col_id");
    if (q->bPublic) {
        str_puts(&w, " JOIN item_version v ON v.item_id=i.id AND v.version=i.live_version"
                     " WHERE i.live_version>0 AND i.state<>'withdrawn'");
    } else {
        str_puts(&w, " LEFT JOIN item_version v ON v.item_id=i.id AND v.version=i.live_version"
                     " WHERE 1");
    }
    if (q->zUnit) str_puts(&w, " AND n.code=?1");
    if (q->iColumn) str_puts(&w, " AND (i.col_id=?2 OR c.parent_id=?2 OR c.parent_id IN (SELECT id FROM col WHERE parent_id=?2))");
    if (q->zSlug) {
        /* The 政策解读 area lists every interpretation, whichever column holds it. */
        str_puts(&w, " AND (c.slug=?3 OR c.parent_id IN (SELECT id FROM col WHERE slug=?3)"
                     " OR c.parent_id IN (SELECT id FROM col WHERE parent_id IN"
                     " (SELECT id FROM col WHERE slug=?3))"
                     " OR (?3='zcjd' AND i.kind='interpretation'))");
    }
    if (q->zState) str_puts(&w, " AND i.state=?4");
    if (q->iUnitOnly) str_puts(&w, " AND i.unit_id=?5");
    Str sql;
    str_init(&sql, a);
    str_puts(&sql, "SELECT count(*)");
    str_append(&sql, w.z, w.n);
    Stmt st;
    int rc = db_prepare_dynamic(db, &st, str_cstr(&sql));
    if (rc) return rc;
#define BIND_ALL()                                                    \
    do {                                                              \
        if (q->zUnit) db_bind_text(&st, 1, q->zUnit);                 \
        if (q->iColumn) db_bind_int(&st, 2, q->iColumn);              \
        if (q->zSlug) db_bind_text(&st, 3, q->zSlug);                 \
        if (q->zState) db_bind_text(&st, 4, q->zState);               \
        if (q->iUnitOnly) db_bind_int(&st, 5, q->iUnitOnly);          \
    } while (0)
    BIND_ALL();
    *pnTotal = db_step(&st) == 1 ? db_col_int(&st, 0) : 0;
    db_done(&st);
    str_reset(&sql);
    str_puts(&sql, "SELECT i.id,coalesce(v.title,i.title),coalesce(v.docno,i.docno),"
                   "coalesce(i.index_no,''),n.code,n.name,c.slug,c.name,"
                   "coalesce(i.published_at,''),i.state,i.modified_at,i.updated_at,i.col_id,"
                   "i.live_version");
    str_append(&sql, w.z, w.n);
    str_puts(&sql, q->bPublic ? " ORDER BY i.published_at DESC, i.id DESC"
                              : " ORDER BY i.modified_at DESC, i.id DESC");
    str_puts(&sql, " LIMIT ?6 OFFSET ?7");
    rc = db_prepare_dynamic(db, &st, str_cstr(&sql));
    if (rc) return rc;
    BIND_ALL();
#undef BIND_ALL
    int64_t nPer = q->nPerPage > 0 ? q->nPerPage : 20;
    int64_t iPage = q->iPage > 0 ? q->iPage : 1;
    db_bind_int(&st, 6, nPer);
    db_bind_int(&st, 7, (iPage - 1) * nPer);
    ItemRow *aRow = arena_alloc(a, sizeof(ItemRow) * (size_t)nPer);
    int n = 0;
    while ((rc = db_step(&st)) == 1 && n < nPer) {
        ItemRow *r = &aRow[n++];
        r->id = db_col_int(&st, 0);
        r->zTitle = db_col_dup(a, &st, 1);
        r->zDocno = db_col_dup(a, &st, 2);
        r->zIndexNo = db_col_dup(a, &st, 3);
        r->zUnitCode = db_col_dup(a, &st, 4);
        r->zUnitName = db_col_dup(a, &st, 5);
        r->zColumnSlug = db_col_dup(a, &st, 6);
        r->zColumnName = db_col_dup(a, &st, 7);
        r->zPublishedAt = db_col_dup(a, &st, 8);
        r->zState = db_col_dup(a, &st, 9);
        r->zModifiedAt = db_col_dup(a, &st, 10);
        r->zUpdatedAt = db_col_dup(a, &st, 11);
        r->iColumn = db_col_int(&st, 12);
        r->iLiveVersion = db_col_int(&st, 13);
    }
    db_done(&st);
    *paRow = aRow;
    *pnRow = n;
    return rc < 0 ? -rc : ZW_OK;
}
