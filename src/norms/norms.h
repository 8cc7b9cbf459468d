/*
** norms.h: 规章和规范性文件库 — the normative documents of every unit with their
** validity: 有效, 已修改 (by an amending document), 已废止 (by a repealing document,
** on a date), 已失效 (the term 有效期 ended; set automatically by norm_expire).  Every
** change of state is recorded in norm_event; review campaigns (清理) record a result
** per document.  The state is mirrored into the item's 有效性 field (the working
** copy, which search filters on); the published versions are never rewritten, and
** pages show the state from here.
**
** Owns tables: norm, norm_event, norm_review, norm_review_result (schema/0008_norms.sql).
** Memory: every record and string returned lives in the caller's Arena.
** Errors: ZW_OK or a ZW_E* code with a Chinese message in *err.
*/
#ifndef ZW_NORMS_H
#define ZW_NORMS_H

#include <stdint.h>

#include "../auth/auth.h"
#include "../core/arena.h"
#include "../core/err.h"
#include "../store/db.h"

#define NORM_VALID "有效"
#define NORM_AMENDED "已修改"
#define NORM_REPEALED "已废止"
#define NORM_EXPIRED "已失效"

/* What an editor sets.  NULL: not given (unchanged on update; required on create
** for issued_at and effective_at).  zExpiresAt "" clears the term. */
typedef struct NormInput {
    const char *zType, *zIssuedAt, *zEffectiveAt, *zExpiresAt;
} NormInput;

typedef struct NormEvent {
    const char *zAt, *zDate, *zFrom, *zTo, *zNote, *zUser;
    int64_t iBy;
    const char *zByTitle;
} NormEvent;

typedef struct Norm {
    int64_t iItem, iUnit, iBy;
    const char *zTitle, *zDocno, *zUnitCode, *zUnitName, *zTopic, *zPublishedAt;
    const char *zType, *zIssuedAt, *zEffectiveAt, *zExpiresAt, *zState, *zChangedAt;
    const char *zByTitle, *zByDocno; /* the amending or repealing document */
    NormEvent *aEvent;               /* norm_get only, oldest first */
    int nEvent;
} Norm;

typedef struct NormQuery {
    const char *zUnit;  /* unit code or NULL */
    const char *zTopic; /* 主题分类 or NULL */
    const char *zState; /* NULL: every state */
    const char *zType;  /* 规章 / 行政规范性文件 or NULL */
    int iYear;          /* year issued, 0: any */
    const char *zQ;     /* words in the title or 文号, or NULL */
    int64_t iPage, nPerPage;
} NormQuery;

/* Register item iItem as a normative document, or change its dates (editor+ of its
** unit).  A term already over makes it 已失效 at once. */
int norm_set(Db *db, Arena *a, const User *u, const char *zIp, int64_t iItem,
             const NormInput *in, Err *err);
/* Record that iItem was amended (zTo 已修改) or repealed (已废止) by published item
** iBy on zDate, or restore 有效 (iBy 0); reviewer+ of iItem's unit. */
int norm_change(Db *db, Arena *a, const User *u, const char *zIp, int64_t iItem,
                const char *zTo, int64_t iBy, const char *zDate, const char *zNote, Err *err);
/* Make every 有效 document whose term ended before zToday 已失效; *pnChanged counts
** them.  One transaction; safe to run at any time and more than once. */
int norm_expire(Db *db, const char *zToday, int *pnChanged, Err *err);
/* Run norm_expire when it has not run today (cheap check; the library page and
** serve call it). */
void norm_expire_daily(Db *db);

/* The record of item iItem with its history, or NULL. */
Norm *norm_get(Db *db, Arena *a, int64_t iItem);
/* Published, not withdrawn normative documents, newest issued first. */
int norm_list(Db *db, Arena *a, const NormQuery *q, Norm **paNorm, int *pnNorm, int64_t *pnTotal);
/* Table 二 of the annual report: documents of type zType of unit iUnit (0: all)
** issued in iYear (制发), repealed (已废止) in iYear, and valid (有效 or 已修改) on
** 31 December, all read from the recorded history. */
int norm_counts(Db *db, int64_t iUnit, int iYear, const char *zType, int *pnIssued,
                int *pnRepealed, int *pnValid);

/* Review campaigns. */
int norm_review_create(Db *db, Arena *a, const User *u, const char *zIp, const char *zName,
                       int iYear, int64_t *piId, Err *err);
/* Record the result for one document (editor+ of its unit); 废止 and 宣布失效 also
** change the document's state (with iBy 0, dated today). */
int norm_review_result(Db *db, Arena *a, const User *u, const char *zIp, int64_t iReview,
                       int64_t iItem, const char *zResult, const char *zNote, Err *err);

#endif
