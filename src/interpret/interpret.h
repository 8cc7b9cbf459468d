/*
** interpret.h: policies (政策文件) and their interpretations (政策解读) as linked
** items, the plan's interpretation ratios per unit and year, and reposts
** (转发转载) — part 二(六) of the work plan.
**
** An item's kind, scope, major, form, stage and audience are classification
** metadata of the item row: they are written by item_create/item_update (which
** call interpret_save inside their transaction) and take effect at once; they are
** not versioned like the title and body.
**
** Owns tables: interprets, repost (and the item columns of schema/0004_policy.sql).
** Memory: every record and string returned lives in the caller's Arena.
** Errors: ZW_OK or a ZW_E* code with a Chinese message in *err.
*/
#ifndef ZW_INTERPRET_H
#define ZW_INTERPRET_H

#include <stdint.h>

#include "../auth/auth.h"
#include "../core/arena.h"
#include "../core/err.h"
#include "../core/str.h"
#include "../publish/publish.h"
#include "../store/db.h"

/* The limit for a timely interpretation: published within this many working days
** of the policy (shared/spec/regs.md 3.1, 国办发〔2016〕19号). */
#define INTERP_TIMELY_WD 3
#define INTERP_MAX_LINKS 20 /* policies one interpretation may name */

extern const char *const g_azInterpForm[];  /* 文字解读 图示图解 … NULL-terminated */
extern const char *const g_azInterpStage[]; /* 首次解读 二次解读 跟踪解读, NULL-terminated */
const char *interp_scope_label(const char *zScope); /* 面向企业 …, "" if none */

/* Check the values of the policy fields of in (before the transaction). */
int interpret_check_input(Arena *a, const ItemInput *in, Err *err);
/* Write the policy fields of in to item iItem and check the whole: a policy needs a
** scope; an interpretation needs a form and at least one existing policy to
** interpret.  Runs inside the caller's transaction. */
int interpret_save(Db *db, Arena *a, int64_t iItem, const ItemInput *in, Err *err);

/* A linked item: for a policy, one of its interpretations; for an
** interpretation, one of its policies. */
typedef struct InterpLink {
    int64_t id;
    const char *zTitle, *zUnitName, *zForm, *zStage, *zPublishedAt, *zState;
} InterpLink;
/* Links of item iItem (of kind zKind), oldest first.  bPublic: only items the
** public sees (published, not withdrawn). */
int interpret_links(Db *db, Arena *a, int64_t iItem, const char *zKind, int bPublic,
                    InterpLink **paLink, int *pnLink);
/* The policy ids an interpretation names (staff view, any state). */
int interpret_policy_ids(Db *db, Arena *a, int64_t iItem, int64_t **paId, int *pnId);

/* ------------------------------------------------------------------ stats */

typedef struct InterpMissing {
    int64_t id;
    const char *zTitle, *zPublishedAt;
    int nDaysLate; /* working days since publication, for the dashboard */
} InterpMissing;

/* The ratios of one unit (or, with iUnit 0, the county) for one year.  Counted over
** policies aimed at enterprises or the public, first published in the year and not
** withdrawn; an interpretation counts when it is published and not withdrawn. */
typedef struct InterpStats {
    int64_t iUnit;                   /* 0: the county total */
    const char *zUnitCode, *zUnitName;
    int nPolicies, nInterpreted;     /* coverage = interpreted / policies */
    int nGraphic;                    /* with a 图示图解 interpretation */
    int nMajor, nMajorDiversified;   /* major policies; those with a non-text one */
    int nTimely;                     /* first interpretation within INTERP_TIMELY_WD */
    int nFollowup;                   /* with a 二次解读 or 跟踪解读 */
    int nInterpretations;            /* interpretations published (any policy year) */
    int aReposts[3];                 /* reposts of the unit's items: media site newmedia */
    InterpMissing *aMissing;         /* policies lacking an interpretation */
    int nMissing;
} InterpStats;

/* Stats of every unit that has policies or interpretations (worst coverage first),
** followed by the county total as the last element. */
int interpret_stats(Db *db, Arena *a, int iYear, InterpStats **paStat, int *pnStat, Err *err);
/* The latest year in which a policy was published (the current year if none). */
int interpret_latest_year(Db *db);
/* JSON of GET /api/v1/stats/interpretation. */
void interpret_stats_json(Str *s, int iYear, const InterpStats *aStat, int nStat);
/* Horizontal bar chart (SVG, escaped text) of one ratio per unit. */
void interpret_stats_svg(Str *s, const char *zTitle, const InterpStats *aStat, int nStat,
                         int eMeasure, int iGoalPct);
enum { INTERP_COVERAGE, INTERP_GRAPHIC, INTERP_DIVERSIFIED, INTERP_TIMELY };
/* A ratio as a fraction (−1 when the denominator is 0). */
double interpret_ratio(const InterpStats *p, int eMeasure);

/* ---------------------------------------------------------------- reposts */

typedef struct Repost {
    int64_t id, iItem;
    const char *zChannel, *zName, *zUrl, *zDate;
} Repost;
extern const char *const g_azRepostChannel[]; /* media site newmedia, NULL-terminated */
const char *repost_channel_label(const char *zChannel); /* 主要新闻媒体 … */
/* Record a repost of published item iItem by a user of its unit (editor or above). */
int repost_add(Db *db, Arena *a, const User *u, const char *zIp, int64_t iItem, const Repost *r,
               int64_t *piId, Err *err);
int repost_list(Db *db, Arena *a, int64_t iItem, Repost **paRepost, int *pnRepost);

#endif
