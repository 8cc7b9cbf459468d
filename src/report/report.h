/*
** report.h: the annual report (政府信息公开工作年度报告) of one unit and year in the
** national template (国办公开办函〔2021〕30号; rows and rules in
** shared/spec/annual-report.md, docs/report.md): six sections, tables 二, 三 and 四
** computed from the data, narrative sections prefilled with figures for staff to
** edit, totals cross-checked, and publishing into the unit's 政府信息公开年报 column.
**
** Owns tables: annual_report (schema/0011_report.sql).  Reads application,
**              application_event, application_review (src/apply), norm and
**              norm_event (through norms.h), unit, col, item; publishes through
**              publish.h's workflow.
** Memory: a Report and every string in it live in the caller's Arena.
** Errors:  ZW_OK or a ZW_E* code; the message for the user is in *err (Chinese).
**          ZW_EINPUT bad input, ZW_EPERM another unit, ZW_ECONFLICT a report that
**          may not be published yet.  Each write is one transaction.
*/
#ifndef ZW_REPORT_H
#define ZW_REPORT_H

#include <stdint.h>

#include "../auth/auth.h"
#include "../core/arena.h"
#include "../core/err.h"
#include "../core/str.h"
#include "../publish/publish.h"
#include "../store/db.h"
#include "../web/tmpl.h"

#define REPORT_NTYPE 6              /* applicant types of table 三 */
#define REPORT_NCOL 7               /* table 三 columns: the six types and 总计 */
#define REPORT_NROW 25              /* table 三 numeric rows */
#define REPORT_ROW_NEW 0            /* 一、本年新收 */
#define REPORT_ROW_PREV 1           /* 二、上年结转 */
#define REPORT_ROW_FIRST 2          /* （一）予以公开, the first outcome row */
#define REPORT_ROW_TOTAL 23         /* （七）总计 */
#define REPORT_ROW_NEXT 24          /* 四、结转下年度继续办理 */
#define REPORT_NFIG 4               /* table 二 figures entered: 许可, 处罚, 强制, 收费 */
#define REPORT_NTEXT 3              /* narrative sections stored: 一, 五, 六 */
#define REPORT_MAX_TEXT 20000       /* characters of one narrative section */
#define REPORT_MAX_COUNT 1000000000 /* a count of decisions */
#define REPORT_MAX_FEE_YUAN ((int64_t)1000000000000) /* 1e8 万元 */
#define REPORT_TODO "【请填写" /* marks a prefilled passage staff must still write */

/* Figures of table 二 entered per unit and year, in this order. */
enum { REPORT_FIG_LICENSING, REPORT_FIG_PUNISHMENT, REPORT_FIG_COERCION, REPORT_FIG_FEE };
/* Narrative sections stored, in this order. */
enum { REPORT_TEXT_GENERAL, REPORT_TEXT_PROBLEMS, REPORT_TEXT_OTHER };

/* Table 三 column keys (natural … other_org, total), REPORT_NCOL of them, and their
** headings (自然人, 商业企业 …, 总计). */
extern const char *const report_azCol[];
extern const char *const report_azColLabel[];
/* Figure keys of the API (licensing punishment coercion fees) and their labels. */
extern const char *const report_azFig[];
extern const char *const report_azFigLabel[];

/* One row of table 三. */
typedef struct ReportRow {
    const char *zLabel;   /* the template's label; for numbered sub-rows the text after
                          ** the number (属于国家秘密) */
    const char *zGroup;   /* numbered sub-rows: （三）不予公开 …; else NULL */
    int iNum;             /* numbered sub-rows: 1, 2 …; else 0 */
    const char *zOutcome; /* the outcome code counted here, NULL for 一 二 七 四 */
    int64_t a[REPORT_NCOL];
} ReportRow;

/* One cross-check of the totals. */
typedef struct ReportCheck {
    const char *zTable;  /* "applications" or "review" */
    const char *zColumn; /* table 三 column key, or table 四 group key */
    const char *zRule; /* "一+二=（七）总计+四", "总计=维持+纠正+其他+尚未审结" */
    int64_t nLeft, nRight; /* the two sides */
    int bOk;
    const char *zMsg; /* Chinese, saying what disagrees and, when known, why */
} ReportCheck;

/* Items published in the year, by area (the top column under 法定主动公开内容, or the
** top column itself). */
typedef struct ReportArea {
    const char *zName;
    int64_t n;
} ReportArea;

/* A whole report. */
typedef struct Report {
    int64_t iUnit;
    const char *zUnitCode, *zUnitName, *zUnitKind;
    int iYear;
    char zDeadline[11]; /* legal publication deadline (report_deadline) */
    /* Table 二. */
    int aNorm[2][3]; /* 规章, 行政规范性文件 × 本年制发, 本年废止, 现行有效 */
    int64_t aFig[REPORT_NFIG]; /* entered figures (fee in yuan); -1: not entered */
    const char *zFiguresAt;    /* when they were last entered, or NULL */
    /* Table 三. */
    ReportRow aRow[REPORT_NROW];
    int64_t aUnclassified[REPORT_NCOL]; /* answered this year with an outcome code the
                                        ** table has no row for */
    /* Table 四: 行政复议, 诉讼 未经复议直接起诉, 复议后起诉 × 维持 纠正 其他 尚未审结 总计. */
    int64_t aReview[3][5];
    /* Figures for the narrative. */
    int64_t nItems; /* items first published in the year */
    ReportArea *aArea;
    int nArea;
    int64_t nFeeYuan, nFeeCases; /* 信息处理费 paid in the year */
    /* Sections 一, 五, 六: the text shown (saved, else prefilled), the prefill, and
    ** whether a saved text exists. */
    const char *azText[REPORT_NTEXT];
    const char *azPrefill[REPORT_NTEXT];
    int abSaved[REPORT_NTEXT];
    const char *zTextAt;
    /* Checks (all of them, passing or not) and how many failed. */
    ReportCheck *aCheck;
    int nCheck, nFailed;
    /* Publication. */
    int64_t iItem;            /* the published item, or 0 */
    const char *zPublishedAt; /* date, or NULL */
} Report;

/* The legal deadline for the report of iYear of a unit of kind zKind ("county": the
** government's own report, 3月31日 of the next year; any other kind: 1月31日) into
** zOut[11]. */
void report_deadline(const char *zKind, int iYear, char *zOut);

/* Build the report of unit pUnit for iYear from the database.  ZW_EINPUT for a year
** outside 2000 … the current year. */
int report_build(Db *db, Arena *a, const Unit *pUnit, int iYear, Report **ppRep, Err *err);

/* Parse an amount in 万元 written as a decimal ("863.5", "0", "12.3456"; at most four
** decimals, i.e. whole yuan) into yuan.  0 on success, -1 if malformed or over
** REPORT_MAX_FEE_YUAN. */
int report_fee_parse(const char *z, int64_t *pnYuan);
/* Yuan as 万元 without trailing zeros ("863.5", "0"), in the Arena. */
const char *report_wan(Arena *a, int64_t nYuan);

/* The JSON form: {"unit","year","tables":{"active","applications","review"},
** "sections","checks"} (docs/report.md has every key). */
void report_json(Str *s, const Report *r);
/* The Markdown body of the published item: every section with its tables. */
void report_markdown(Str *s, const Report *r);
/* The report as template data: the object "rpt" under d, which
** templates/report/_report.html renders (values in Arena a). */
void report_tval(Arena *a, const Report *r, TVal *d);
/* The report as a standalone HTML document (A4 print CSS inlined) from the embedded
** templates, for `zwgk report annual --format html`. */
int report_html_document(Arena *a, const Report *r, Str *out, Err *err);
/* The report as an Excel workbook at zPath (libxlsxwriter): a sheet for the text and
** one per table with the template's merged headers. */
int report_xlsx(const Report *r, const char *zPath, Err *err);

/* Figures entered for table 二.  abSet[i] says whether aVal[i] is given; aVal[i] -1
** clears it (not entered).  zVia "form" or "api".  Editor or above of the unit. */
typedef struct ReportFigures {
    int abSet[REPORT_NFIG];
    int64_t aVal[REPORT_NFIG]; /* counts; the fee in yuan */
} ReportFigures;
int report_figures_set(Db *db, Arena *a, const User *u, const char *zIp, const Unit *pUnit,
                       int iYear, const ReportFigures *f, const char *zVia, Err *err);

/* Save the narrative sections (NULL: unchanged; "" or blank: back to the prefilled
** text).  Editor or above of the unit. */
int report_text_set(Db *db, Arena *a, const User *u, const char *zIp, const Unit *pUnit, int iYear,
                    const char *const azText[REPORT_NTEXT], Err *err);

/* Publish the report as an item of the unit's 政府信息公开年报 column (slug nb) through
** item_create/item_submit/item_approve (a new version through item_update when it was
** published before), in one transaction.  Reviewer or above of the unit.
** ZW_ECONFLICT while the year is not over, a check fails, a figure of table 二 is not
** entered, or a section still holds REPORT_TODO.  *piItem gets the item. */
int report_publish(Db *db, Arena *a, const User *u, const char *zIp, const Unit *pUnit, int iYear,
                   int64_t *piItem, Err *err);

/* The published report item of unit iUnit for iYear, or 0: the one report_publish
** made, else a live item of the unit's nb column whose title names "<iYear>年" and
** "年度报告" (reports published before zwgk or imported). */
int64_t report_published_item(Db *db, int64_t iUnit, int iYear);

/* `zwgk report` (report_cli.c). */
int report_cli(int argc, char **argv);

#endif
