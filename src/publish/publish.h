/*
** publish.h: units, columns and items, and the publishing workflow
** 采集→审核→发布 (draft → pending → published), with versions, withdrawal,
** the transparency log and 索引号 numbering.
**
** Owns tables: unit, col, item, item_version, attachment, index_seq, tlog, setting.
** Memory: every record and string returned lives in the caller's Arena.
** Errors: ZW_OK or a ZW_E* code with a Chinese message in *err.
** Every state change is one transaction: the item, its version, the audit record
** and the transparency-log entry are written together or not at all.
*/
#ifndef ZW_PUBLISH_H
#define ZW_PUBLISH_H

#include <stdint.h>

#include "../auth/auth.h"
#include "../core/arena.h"
#include "../core/err.h"
#include "../store/db.h"

#define ITEM_MAX_TITLE 200      /* characters */
#define ITEM_MAX_BODY (2 << 20) /* bytes */
#define ITEM_MAX_FIELD 200      /* characters, for the short metadata fields */
#define ITEM_MAX_REASON 500     /* characters */

typedef struct Unit {
    int64_t id;
    const char *zCode, *zName, *zShort, *zKind, *zOrgCode, *zAddress, *zPhone;
    int64_t iParent;
} Unit;

typedef struct Column {
    int64_t id;
    int64_t iUnit;
    int64_t iParent; /* 0 at the top */
    const char *zSlug, *zName;
    int iDepth;      /* 0 at the top, filled by col_tree */
} Column;

/* The fields an editor writes.  NULL means "not given" (unchanged on update). */
typedef struct ItemInput {
    const char *zUnit;       /* unit code (create only) */
    int64_t iColumn;         /* column id; 0 = not given */
    const char *zTitle, *zBody, *zDocno, *zIssuer, *zWrittenAt, *zTopic, *zGenre;
    const char *zValidity, *zDisclosure, *zFormat, *zChangeNote;
    /* 政策文件 / 政策解读 (src/interpret/interpret.h): NULL or unset means not given.
    ** zAudience is canonical text from taxonomy_normalize. */
    const char *zKind, *zScope, *zForm, *zStage, *zAudience;
    int bMajorSet, bMajor;
    int bInterpretsSet;         /* aInterprets replaces the list when set */
    const int64_t *aInterprets; /* policy item ids */
    int nInterprets;
} ItemInput;

/* An item as stored: the working copy plus publication data. */
typedef struct Item {
    int64_t id, iUnit, iColumn;
    const char *zUnitCode, *zUnitName, *zColumnSlug, *zColumnName;
    const char *zState;      /* draft pending published withdrawn */
    const char *zIndexNo;    /* NULL until first published */
    const char *zTitle, *zIssuer, *zDocno, *zWrittenAt, *zTopic, *zGenre, *zValidity;
    const char *zDisclosure, *zFormat, *zBody, *zChangeNote, *zRejectReason;
    int64_t iLiveVersion;
    const char *zPublishedAt; /* date of first publication */
    const char *zUpdatedAt;   /* time of the last public change */
    const char *zWithdrawnAt, *zWithdrawReason;
    const char *zModifiedAt;
    const char *zCreatedBy;
    const char *zKind, *zScope, *zForm, *zStage, *zAudience; /* see schema/0004_policy.sql */
    int bMajor;
} Item;

/* One row of a list. */
typedef struct ItemRow {
    int64_t id;
    const char *zTitle, *zDocno, *zIndexNo, *zUnitCode, *zUnitName, *zColumnSlug;
    const char *zColumnName, *zPublishedAt, *zState, *zModifiedAt, *zUpdatedAt;
    int64_t iColumn, iLiveVersion;
} ItemRow;

/* What to list. */
typedef struct ItemQuery {
    const char *zUnit;     /* unit code or NULL */
    int64_t iColumn;       /* column id or 0 */
    const char *zSlug;     /* column slug (all units) or NULL; matches sub-columns too */
    const char *zState;    /* working-copy state filter for staff lists, or NULL */
    int bPublic;           /* only items the public sees (published, not withdrawn) */
    int64_t iUnitOnly;     /* staff: restrict to this unit id (0 = all) */
    int64_t iPage, nPerPage;
} ItemQuery;

typedef struct Attachment {
    int64_t id, iItem, nSize, iVersion;
    const char *zName, *zMime, *zSha256, *zCreatedAt;
    const void *pData; /* only from att_get */
} Attachment;

typedef struct VersionRow {
    int64_t iVersion;
    const char *zPublishedAt, *zChangeNote, *zSha256;
} VersionRow;

typedef struct TlogEntry {
    int64_t iSeq;
    const char *zPrev, *zHash, *zPayload;
} TlogEntry;

/* Units and columns. */
int unit_list(Db *db, Arena *a, Unit **paUnit, int *pnUnit);
Unit *unit_by_code(Db *db, Arena *a, const char *zCode);
Unit *unit_by_id(Db *db, Arena *a, int64_t id);
/* The unit scope of a staff list: the unit coded zUnit when u may see it (an admin,
** or u's own unit); without zUnit, u's unit, or 0 (every unit) for an admin.
** ZW_EAUTH without a user, ZW_EINPUT for an unknown unit, ZW_EPERM for another unit. */
int unit_scope(Db *db, Arena *a, const User *u, const char *zUnit, int64_t *piUnit, Err *err);
/* Columns of a unit in tree order (depth-first, by sort). */
int col_tree(Db *db, Arena *a, int64_t iUnit, Column **paCol, int *pnCol);
Column *col_by_id(Db *db, Arena *a, int64_t id);
Column *col_by_slug(Db *db, Arena *a, int64_t iUnit, const char *zSlug);
/* Create the standard column tree for a unit (idempotent). */
int col_make_standard(Db *db, int64_t iUnit);
/* The standard tree: slug, name, parent slug (NULL at top), in order. */
typedef struct StdColumn { const char *zSlug, *zName, *zParent; } StdColumn;
extern const StdColumn g_aStdColumn[];
const char *col_std_name(const char *zSlug);

/* Items: workflow.  u is the acting user; zIp their address (for the audit log). */
int item_create(Db *db, Arena *a, const User *u, const char *zIp, const ItemInput *in,
                int64_t *piItem, Err *err);
int item_update(Db *db, Arena *a, const User *u, const char *zIp, int64_t iItem,
                const ItemInput *in, Err *err);
int item_submit(Db *db, Arena *a, const User *u, const char *zIp, int64_t iItem, Err *err);
int item_approve(Db *db, Arena *a, const User *u, const char *zIp, int64_t iItem, Err *err);
int item_reject(Db *db, Arena *a, const User *u, const char *zIp, int64_t iItem,
                const char *zReason, Err *err);
int item_withdraw(Db *db, Arena *a, const User *u, const char *zIp, int64_t iItem,
                  const char *zReason, Err *err);
/* Re-index a live item in the search index after its filter values (column, 体裁,
** 有效性) changed outside the workflow (src/norms).  Inside the caller's transaction;
** does nothing for an item that is not live.  SQLite result code. */
int item_reindex(Db *db, int64_t iItem);

/* The stored item (working copy), or NULL. */
Item *item_get(Db *db, Arena *a, int64_t iItem);
/* The item as the public sees it: the live version's fields over the item's
** publication data.  NULL if never published.  Withdrawn items are returned with
** zState "withdrawn" (the caller answers 410). */
Item *item_public(Db *db, Arena *a, int64_t iItem);
/* One published version (for the history page), or NULL. */
Item *item_version(Db *db, Arena *a, int64_t iItem, int64_t iVersion);
int item_versions(Db *db, Arena *a, int64_t iItem, VersionRow **paRow, int *pnRow);
int item_list(Db *db, Arena *a, const ItemQuery *q, ItemRow **paRow, int *pnRow,
              int64_t *pnTotal);

/* Attachments.  att_add stores a file on a draft or published item (public from the
** next approved version). */
int att_add(Db *db, Arena *a, const User *u, const char *zIp, int64_t iItem, const char *zName,
            const void *pData, size_t nData, int64_t *piAtt, Err *err);
int att_list(Db *db, Arena *a, int64_t iItem, int bPublicOnly, Attachment **paAtt, int *pnAtt);
Attachment *att_get(Db *db, Arena *a, int64_t iAtt);
/* The MIME type for a file name by its extension, or NULL if the type is not allowed. */
const char *att_mime(const char *zName);

/* Transparency log. */
int tlog_list(Db *db, Arena *a, int64_t iAfter, int nLimit, TlogEntry **paEntry, int *pnEntry);
/* Verify the chain: ZW_OK, or ZW_ECONFLICT with *piBad the first broken seq. */
int tlog_verify(Db *db, int64_t *piBad, int64_t *pnChecked, Err *err);
/* SHA-256 of the canonical public content of an item (exposed for tests). */
void item_content_hash(Arena *a, const Item *p, char *zHex);

/* Call xCb after every committed change the public can see (publish, change,
** withdrawal); serve uses it to invalidate the page cache. */
void publish_on_change(void (*xCb)(void));

/* `zwgk import` (import_cli.c). */
int import_cli(int argc, char **argv);

/* Settings (key/value). */
const char *setting_get(Db *db, Arena *a, const char *zKey, const char *zDefault);
int setting_set(Db *db, const char *zKey, const char *zValue);

#endif
