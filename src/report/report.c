// SPDX-License-Identifier: MIT
/*
** report.c: the annual report's data and its writes.  report_build() reads the
** applications (table 三), their reviews (table 四), the library's counts and the
** figures entered (table 二), the items and fees of the year (the narrative), and
** cross-checks the totals; report_json() and report_markdown() write it out;
** report_figures_set(), report_text_set() and report_publish() are the three writes.
** The HTML document is in report_html.c, the workbook in report_xlsx.c.
**
** The counting rules (spec/annual-report.md): a case counts in 一 in the year it was
** received, in （一）–（六） in the year it was answered (by its outcome code), in 四
** when still open on 31 December, and in 二 of the next year.  The SQL below reads
** the derived columns received_on, replied_on and outcome of application, which the
** apply module keeps in step with its event log.
*/
#include "report.h"

#include <stdio.h>
#include <string.h>

#include "../calendar/workday.h"
#include "../core/log.h"
#include "../core/util.h"
#include "../norms/norms.h"

const char *const report_azCol[] = {"natural",       "commercial", "research", "social_welfare",
                                    "legal_service", "other_org",  "total",    NULL};
const char *const report_azColLabel[] = {"自然人",       "商业企业", "科研机构", "社会公益组织",
                                         "法律服务机构", "其他",     "总计",     NULL};
const char *const report_azFig[] = {"licensing", "punishment", "coercion", "fees", NULL};
const char *const report_azFigLabel[] = {"行政许可", "行政处罚", "行政强制", "行政事业性收费",
                                         NULL};

#define G3 "（三）不予公开"
#define G4 "（四）无法提供"
#define G5 "（五）不予处理"
#define G6 "（六）其他处理"

/* Table 三, row by row, with the labels of the template (spec/annual-report.md). */
static const struct {
    const char *zLabel, *zGroup;
    int iNum;
    const char *zOutcome;
} aRowDef[REPORT_NROW] = {
    {"一、本年新收政府信息公开申请数量", NULL, 0, NULL},
    {"二、上年结转政府信息公开申请数量", NULL, 0, NULL},
    {"（一）予以公开", NULL, 0, "granted"},
    {"（二）部分公开（区分处理的，只计这一情形，不计其他情形）", NULL, 0, "partial"},
    {"属于国家秘密", G3, 1, "refused_secret"},
    {"其他法律行政法规禁止公开", G3, 2, "refused_law"},
    {"危及“三安全一稳定”", G3, 3, "refused_safety"},
    {"保护第三方合法权益", G3, 4, "refused_third_party"},
    {"属于三类内部事务信息", G3, 5, "refused_internal"},
    {"属于四类过程性信息", G3, 6, "refused_process"},
    {"属于行政执法案卷", G3, 7, "refused_enforcement_file"},
    {"属于行政查询事项", G3, 8, "refused_inquiry"},
    {"本机关不掌握相关政府信息", G4, 1, "unavailable_none"},
    {"没有现成信息需要另行制作", G4, 2, "unavailable_needs_making"},
    {"补正后申请内容仍不明确", G4, 3, "unavailable_unclear"},
    {"信访举报投诉类申请", G5, 1, "not_handled_petition"},
    {"重复申请", G5, 2, "not_handled_duplicate"},
    {"要求提供公开出版物", G5, 3, "not_handled_publication"},
    {"无正当理由大量反复申请", G5, 4, "not_handled_excessive"},
    {"要求行政机关确认或重新出具已获取信息", G5, 5, "not_handled_confirm"},
    {"申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请", G6, 1,
     "other_no_correction"},
    {"申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", G6, 2,
     "other_no_fee"},
    {"其他", G6, 3, "other"},
    {"（七）总计", NULL, 0, NULL},
    {"四、结转下年度继续办理", NULL, 0, NULL},
};

/* Table 四 groups (JSON keys and labels) and result columns. */
static const char *const azReviewKey[] = {"reconsideration", "litigation_direct",
                                          "litigation_after"};
static const char *const azReviewLabel[] = {"行政复议", "未经复议直接起诉", "复议后起诉"};
static const char *const azResultKey[] = {"upheld", "corrected", "other", "pending", "total"};

/* Section headings in order; the stored ones are 一, 五, 六. */
static const char *const azSection[] = {"一、总体情况",
                                        "二、主动公开政府信息情况",
                                        "三、收到和处理政府信息公开申请情况",
                                        "四、政府信息公开行政复议、行政诉讼情况",
                                        "五、存在的主要问题及改进情况",
                                        "六、其他需要报告的事项"};

/* ---------------------------------------------------------------- helpers */

void report_deadline(const char *zKind, int iYear, char *zOut) {
    int bCounty = zKind && strcmp(zKind, "county") == 0;
    char z[32];
    snprintf(z, sizeof z, "%04d-%s", (iYear + 1) % 10000, bCounty ? "03-31" : "01-31");
    memcpy(zOut, z, 10);
    zOut[10] = 0;
}

int report_fee_parse(const char *z, int64_t *pnYuan) {
    if (!z || !*z) return -1;
    int64_t nWhole = 0, nFrac = 0;
    int nDigit = 0, nDec = 0;
    const char *p = z;
    while (*p >= '0' && *p <= '9') {
        if (++nDigit > 9) return -1;
        nWhole = nWhole * 10 + (*p++ - '0');
    }
    if (nDigit == 0) return -1;
    if (*p == '.') {
        p++;
        while (*p >= '0' && *p <= '9') {
            if (++nDec > 4) return -1;
            nFrac = nFrac * 10 + (*p++ - '0');
        }
        if (nDec == 0) return -1;
    }
    if (*p) return -1;
    for (int i = nDec; i < 4; i++) nFrac *= 10;
    int64_t n = nWhole * 10000 + nFrac;
    if (n > REPORT_MAX_FEE_YUAN) return -1;
    *pnYuan = n;
    return 0;
}

const char *report_wan(Arena *a, int64_t nYuan) {
    if (nYuan < 0) return "";
    char zFrac[8];
    snprintf(zFrac, sizeof zFrac, "%04lld", (long long)(nYuan % 10000));
    int n = 4;
    while (n > 0 && zFrac[n - 1] == '0') n--;
    zFrac[n] = 0;
    return n ? arena_printf(a, "%lld.%s", (long long)(nYuan / 10000), zFrac)
             : arena_printf(a, "%lld", (long long)(nYuan / 10000));
}

static int type_index(const char *zType) {
    for (int i = 0; i < REPORT_NTYPE; i++) {
        if (strcmp(zType, report_azCol[i]) == 0) return i;
    }
    return -1;
}

static int outcome_row(const char *zOutcome) {
    for (int i = REPORT_ROW_FIRST; i < REPORT_ROW_TOTAL; i++) {
        if (strcmp(zOutcome, aRowDef[i].zOutcome) == 0) return i;
    }
    return -1;
}

/* A database error as a Chinese message and the SQLite detail. */
static int db_fail(Db *db, Err *err) {
    return db_err(db, err);
}

/* ------------------------------------------------------------ the tables */

/* Table 三 from the applications of the unit. */
static int load_applications(Db *db, Report *r, const char *zFrom, const char *zTo, Err *err) {
    Stmt st;
    db_prepare(db, &st,
               "SELECT applicant_type, coalesce(outcome,''),"
               " sum(received_on BETWEEN ?2 AND ?3),"
               " sum(received_on < ?2 AND (coalesce(replied_on,'')='' OR replied_on >= ?2)),"
               " sum(coalesce(replied_on,'') BETWEEN ?2 AND ?3),"
               " sum(received_on <= ?3 AND (coalesce(replied_on,'')='' OR replied_on > ?3))"
               " FROM application WHERE unit_id=?1 GROUP BY 1,2");
    db_bind_int(&st, 1, r->iUnit);
    db_bind_text(&st, 2, zFrom);
    db_bind_text(&st, 3, zTo);
    int rc;
    while ((rc = db_step(&st)) == 1) {
        int iCol = type_index(db_col_text(&st, 0));
        if (iCol < 0) continue; /* the schema's CHECK allows only the six types */
        int iRow = outcome_row(db_col_text(&st, 1));
        r->aRow[REPORT_ROW_NEW].a[iCol] += db_col_int(&st, 2);
        r->aRow[REPORT_ROW_PREV].a[iCol] += db_col_int(&st, 3);
        if (iRow >= 0) {
            r->aRow[iRow].a[iCol] += db_col_int(&st, 4);
        } else {
            r->aUnclassified[iCol] += db_col_int(&st, 4);
        }
        r->aRow[REPORT_ROW_NEXT].a[iCol] += db_col_int(&st, 5);
    }
    db_done(&st);
    if (rc < 0) return db_fail(db, err);
    /* （七）总计 is the sum of the outcome rows; the 总计 column the sum of the types. */
    for (int c = 0; c < REPORT_NTYPE; c++) {
        for (int i = REPORT_ROW_FIRST; i < REPORT_ROW_TOTAL; i++) {
            r->aRow[REPORT_ROW_TOTAL].a[c] += r->aRow[i].a[c];
        }
        r->aUnclassified[REPORT_NTYPE] += r->aUnclassified[c];
    }
    for (int i = 0; i < REPORT_NROW; i++) {
        for (int c = 0; c < REPORT_NTYPE; c++) r->aRow[i].a[REPORT_NTYPE] += r->aRow[i].a[c];
    }
    return ZW_OK;
}

/* Table 四: reviews filed by 31 December that were decided in the year or were still
** undecided on 31 December.  A decided review without a decision date counts as
** decided on the day it was filed. */
static int load_reviews(Db *db, Report *r, const char *zFrom, const char *zTo, Err *err) {
    Stmt st;
    db_prepare(db, &st,
               "SELECT v.kind, v.after_reconsideration, v.result, v.filed_on,"
               " coalesce(v.decided_on,'')"
               " FROM application_review v JOIN application a ON a.id=v.application_id"
               " WHERE a.unit_id=?1 AND v.filed_on <= ?2");
    db_bind_int(&st, 1, r->iUnit);
    db_bind_text(&st, 2, zTo);
    int rc;
    while ((rc = db_step(&st)) == 1) {
        const char *zKind = db_col_text(&st, 0);
        int iGroup = strcmp(zKind, "reconsideration") == 0 ? 0 : db_col_int(&st, 1) ? 2 : 1;
        const char *zResult = db_col_text(&st, 2);
        char zDecided[11];
        snprintf(zDecided, sizeof zDecided, "%s", db_col_text(&st, 4));
        if (!zDecided[0] && strcmp(zResult, "pending") != 0) {
            snprintf(zDecided, sizeof zDecided, "%s", db_col_text(&st, 3));
        }
        int iCol;
        if (strcmp(zResult, "pending") == 0 || !zDecided[0] || strcmp(zDecided, zTo) > 0) {
            iCol = 3;
        } else if (strcmp(zDecided, zFrom) < 0) {
            continue; /* decided in an earlier year */
        } else if (strcmp(zResult, "upheld") == 0) {
            iCol = 0;
        } else if (strcmp(zResult, "corrected") == 0) {
            iCol = 1;
        } else if (strcmp(zResult, "other") == 0) {
            iCol = 2;
        } else {
            iCol = -1; /* counted in 总计 only: the check shows it */
        }
        if (iCol >= 0) r->aReview[iGroup][iCol]++;
        r->aReview[iGroup][4]++;
    }
    db_done(&st);
    return rc < 0 ? db_fail(db, err) : ZW_OK;
}

/* Figures and texts stored for the year. */
static int load_stored(Db *db, Arena *a, Report *r, Err *err) {
    Stmt st;
    db_prepare(db, &st,
               "SELECT licensing, punishment, coercion, fee_yuan, figures_at,"
               " text_general, text_problems, text_other, text_at"
               " FROM annual_report WHERE unit_id=?1 AND year=?2");
    db_bind_int(&st, 1, r->iUnit);
    db_bind_int(&st, 2, r->iYear);
    for (int i = 0; i < REPORT_NFIG; i++) r->aFig[i] = -1;
    int rc = db_step(&st);
    if (rc == 1) {
        for (int i = 0; i < REPORT_NFIG; i++) {
            if (!db_col_is_null(&st, i)) r->aFig[i] = db_col_int(&st, i);
        }
        if (!db_col_is_null(&st, 4)) r->zFiguresAt = db_col_dup(a, &st, 4);
        for (int i = 0; i < REPORT_NTEXT; i++) {
            if (!db_col_is_null(&st, 5 + i)) {
                r->azText[i] = db_col_dup(a, &st, 5 + i);
                r->abSaved[i] = 1;
            }
        }
        if (!db_col_is_null(&st, 8)) r->zTextAt = db_col_dup(a, &st, 8);
    }
    db_done(&st);
    return rc < 0 ? db_fail(db, err) : ZW_OK;
}

int64_t report_published_item(Db *db, int64_t iUnit, int iYear) {
    Stmt st;
    int64_t iItem = 0;
    db_prepare(db, &st,
               "SELECT r.item_id FROM annual_report r JOIN item i ON i.id=r.item_id"
               " WHERE r.unit_id=?1 AND r.year=?2 AND i.live_version>0 AND i.state<>'withdrawn'");
    db_bind_int(&st, 1, iUnit);
    db_bind_int(&st, 2, iYear);
    if (db_step(&st) == 1) iItem = db_col_int(&st, 0);
    db_done(&st);
    if (iItem) return iItem;
    char zYear[16];
    snprintf(zYear, sizeof zYear, "%d年", iYear);
    db_prepare(db, &st,
               "SELECT i.id FROM item i JOIN col c ON c.id=i.col_id"
               " WHERE i.unit_id=?1 AND c.slug='nb' AND i.live_version>0 AND i.state<>'withdrawn'"
               " AND instr(i.title, ?2)>0 AND instr(i.title, '年度报告')>0"
               " ORDER BY i.id DESC LIMIT 1");
    db_bind_int(&st, 1, iUnit);
    db_bind_text(&st, 2, zYear);
    if (db_step(&st) == 1) iItem = db_col_int(&st, 0);
    db_done(&st);
    return iItem;
}

/* Items first published in the year, by area, and the 信息处理费 paid in the year. */
static int load_narrative(Db *db, Arena *a, Report *r, const char *zFrom, const char *zTo,
                          Err *err) {
    Stmt st;
    int nCap = 8, rc;
    r->aArea = arena_alloc(a, sizeof(ReportArea) * (size_t)nCap);
    db_prepare(
        db, &st,
        "SELECT CASE WHEN p.id IS NULL OR p.slug='fdzdgknr' THEN c.name ELSE p.name END,"
        " count(*) FROM item i JOIN col c ON c.id=i.col_id LEFT JOIN col p ON p.id=c.parent_id"
        " WHERE i.unit_id=?1 AND i.live_version>0 AND i.published_at BETWEEN ?2 AND ?3"
        " GROUP BY 1 ORDER BY 2 DESC, 1");
    db_bind_int(&st, 1, r->iUnit);
    db_bind_text(&st, 2, zFrom);
    db_bind_text(&st, 3, zTo);
    while ((rc = db_step(&st)) == 1) {
        if (r->nArea == nCap) {
            r->aArea = arena_grow(a, r->aArea, sizeof(ReportArea) * (size_t)nCap,
                                  sizeof(ReportArea) * (size_t)nCap * 2);
            nCap *= 2;
        }
        ReportArea *p = &r->aArea[r->nArea++];
        p->zName = db_col_dup(a, &st, 0);
        p->n = db_col_int(&st, 1);
        r->nItems += p->n;
    }
    db_done(&st);
    if (rc < 0) return db_fail(db, err);
    /* A fee counts in the year it was paid: the fee notice's amount, when a payment
    ** event follows it. */
    db_prepare(db, &st,
               "SELECT coalesce(sum(f.amount),0), count(DISTINCT f.application_id)"
               " FROM application_event f JOIN application a ON a.id=f.application_id"
               " WHERE a.unit_id=?1 AND f.kind='fee' AND EXISTS(SELECT 1 FROM application_event p"
               "   WHERE p.application_id=f.application_id AND p.kind='paid' AND p.id>f.id"
               "   AND p.on_date BETWEEN ?2 AND ?3)");
    db_bind_int(&st, 1, r->iUnit);
    db_bind_text(&st, 2, zFrom);
    db_bind_text(&st, 3, zTo);
    rc = db_step(&st);
    if (rc == 1) {
        r->nFeeYuan = db_col_int(&st, 0);
        r->nFeeCases = db_col_int(&st, 1);
    }
    db_done(&st);
    return rc < 0 ? db_fail(db, err) : ZW_OK;
}

/* --------------------------------------------------------- the narrative */

static void prefill(Arena *a, Report *r) {
    Str s;
    const ReportRow *aR = r->aRow;
    const int T = REPORT_NTYPE;
    str_init(&s, a);
    str_appendf(&s,
                "%d年，%s认真贯彻落实《中华人民共和国政府信息公开条例》，"
                "%s本年度政府信息公开工作的总体情况】。\n",
                r->iYear, r->zUnitName, REPORT_TODO "：");
    str_appendf(&s, "（一）主动公开。全年在政府信息公开平台主动公开政府信息%lld条",
                (long long)r->nItems);
    for (int i = 0; i < r->nArea; i++) {
        str_appendf(&s, "%s%s%lld条", i ? "、" : "，其中", r->aArea[i].zName,
                    (long long)r->aArea[i].n);
    }
    str_appendf(&s, "。本年制发行政规范性文件%d件，废止%d件，现行有效%d件。\n", r->aNorm[1][0],
                r->aNorm[1][1], r->aNorm[1][2]);
    str_appendf(
        &s,
        "（二）依申请公开。全年新收政府信息公开申请%lld件，上年结转%lld件；本年度办结%lld件，"
        "其中予以公开%lld件、部分公开%lld件；结转下年度继续办理%lld件。\n",
        (long long)aR[REPORT_ROW_NEW].a[T], (long long)aR[REPORT_ROW_PREV].a[T],
        (long long)aR[REPORT_ROW_TOTAL].a[T], (long long)aR[REPORT_ROW_FIRST].a[T],
        (long long)aR[REPORT_ROW_FIRST + 1].a[T], (long long)aR[REPORT_ROW_NEXT].a[T]);
    str_puts(&s, "（三）政府信息管理。" REPORT_TODO
                 "：信息发布审查、保密审查、规范性文件清理等情况】。\n");
    str_puts(&s, "（四）平台建设。" REPORT_TODO "：政府网站、政务新媒体等平台建设情况】。\n");
    str_puts(&s, "（五）监督保障。" REPORT_TODO
                 "：工作机构和人员、培训、考核、社会评议和责任追究情况】。");
    r->azPrefill[REPORT_TEXT_GENERAL] = str_cstr(&s);

    r->azPrefill[REPORT_TEXT_PROBLEMS] =
        "（一）存在的主要问题。" REPORT_TODO "：本年度工作中存在的主要问题】。\n"
        "（二）改进情况。" REPORT_TODO "：针对上述问题的改进措施和上年度问题的整改情况】。";

    if (r->nFeeCases > 0) {
        r->azPrefill[REPORT_TEXT_OTHER] = arena_printf(
            a,
            "本年度依据《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）收取信息处理费%lld元（%lld件申请）。",
            (long long)r->nFeeYuan, (long long)r->nFeeCases);
    } else {
        r->azPrefill[REPORT_TEXT_OTHER] = "本年度未收取信息处理费。";
    }
    for (int i = 0; i < REPORT_NTEXT; i++) {
        if (!r->abSaved[i]) r->azText[i] = r->azPrefill[i];
    }
}

/* -------------------------------------------------------------- the checks */

/* Record one check; r->aCheck has room for all of them (run_checks). */
static void add_check(Report *r, const char *zTable, const char *zColumn, const char *zRule,
                      int64_t nLeft, int64_t nRight, const char *zMsg) {
    ReportCheck *c = &r->aCheck[r->nCheck++];
    c->zTable = zTable;
    c->zColumn = zColumn;
    c->zRule = zRule;
    c->nLeft = nLeft;
    c->nRight = nRight;
    c->bOk = nLeft == nRight;
    c->zMsg = zMsg;
    if (!c->bOk) r->nFailed++;
}

static void run_checks(Arena *a, Report *r) {
    r->aCheck = arena_zalloc(a, sizeof(ReportCheck) * (REPORT_NCOL + 3));
    for (int c = 0; c < REPORT_NCOL; c++) {
        const ReportRow *aR = r->aRow;
        int64_t nL = aR[REPORT_ROW_NEW].a[c] + aR[REPORT_ROW_PREV].a[c];
        int64_t nR = aR[REPORT_ROW_TOTAL].a[c] + aR[REPORT_ROW_NEXT].a[c];
        const char *zMsg;
        if (nL == nR) {
            zMsg = arena_printf(a, "表三“%s”列：一+二=%lld，（七）总计+四=%lld，相符。",
                                report_azColLabel[c], (long long)nL, (long long)nR);
        } else {
            zMsg = arena_printf(
                a, "表三“%s”列：一+二=%lld，（七）总计+四=%lld，不相符%s。", report_azColLabel[c],
                (long long)nL, (long long)nR,
                r->aUnclassified[c]
                    ? arena_printf(a,
                                   "（本年答复的申请中有 %lld 件的答复结果无法归入表三的任何一行）",
                                   (long long)r->aUnclassified[c])
                    : "（请核对申请的收到日期和答复日期）");
        }
        add_check(r, "applications", report_azCol[c], "一+二=（七）总计+四", nL, nR, zMsg);
    }
    for (int g = 0; g < 3; g++) {
        const int64_t *v = r->aReview[g];
        int64_t nSum = v[0] + v[1] + v[2] + v[3];
        const char *zMsg = arena_printf(
            a, "表四“%s”：总计=%lld，结果维持+结果纠正+其他结果+尚未审结=%lld，%s。",
            azReviewLabel[g], (long long)v[4], (long long)nSum, v[4] == nSum ? "相符" : "不相符");
        add_check(r, "review", azReviewKey[g], "总计=结果维持+结果纠正+其他结果+尚未审结", v[4],
                  nSum, zMsg);
    }
}

/* ------------------------------------------------------------------ build */

int report_build(Db *db, Arena *a, const Unit *pUnit, int iYear, Report **ppRep, Err *err) {
    int iNow = util_year(util_now());
    if (iYear < 2000 || iYear > iNow) {
        return err_set(err, ZW_EINPUT, "bad_year",
                       arena_printf(a, "年份应在 2000 到 %d 之间", iNow), NULL);
    }
    Report *r = arena_zalloc(a, sizeof *r);
    r->iUnit = pUnit->id;
    r->zUnitCode = pUnit->zCode;
    r->zUnitName = pUnit->zName;
    r->zUnitKind = pUnit->zKind;
    r->iYear = iYear;
    report_deadline(pUnit->zKind, iYear, r->zDeadline);
    for (int i = 0; i < REPORT_NROW; i++) {
        r->aRow[i].zLabel = aRowDef[i].zLabel;
        r->aRow[i].zGroup = aRowDef[i].zGroup;
        r->aRow[i].iNum = aRowDef[i].iNum;
        r->aRow[i].zOutcome = aRowDef[i].zOutcome;
    }
    char zFrom[24], zTo[24];
    snprintf(zFrom, sizeof zFrom, "%04d-01-01", iYear);
    snprintf(zTo, sizeof zTo, "%04d-12-31", iYear);
    static const char *const azType[] = {"规章", "行政规范性文件"};
    int rc = ZW_OK;
    for (int i = 0; i < 2 && !rc; i++) {
        if (norm_counts(db, pUnit->id, iYear, azType[i], &r->aNorm[i][0], &r->aNorm[i][1],
                        &r->aNorm[i][2]) != ZW_OK) {
            rc = db_fail(db, err);
        }
    }
    if (!rc) rc = load_applications(db, r, zFrom, zTo, err);
    if (!rc) rc = load_reviews(db, r, zFrom, zTo, err);
    if (!rc) rc = load_stored(db, a, r, err);
    if (!rc) rc = load_narrative(db, a, r, zFrom, zTo, err);
    if (rc) return rc;
    prefill(a, r);
    run_checks(a, r);
    r->iItem = report_published_item(db, r->iUnit, iYear);
    if (r->iItem) {
        Item *p = item_get(db, a, r->iItem);
        r->zPublishedAt = p ? p->zPublishedAt : NULL;
    }
    *ppRep = r;
    return ZW_OK;
}

/* ------------------------------------------------------------------- JSON */

static void json_fig(Str *s, const char *zKey, int64_t v) {
    str_appendf(s, ",\"%s\":", zKey);
    if (v < 0) {
        str_puts(s, "null");
    } else {
        str_appendf(s, "%lld", (long long)v);
    }
}

void report_json(Str *s, const Report *r) {
    Arena a; /* for the few formatted numbers */
    arena_init(&a);
    str_puts(s, "{\"unit\":");
    str_json(s, r->zUnitCode);
    str_appendf(s, ",\"year\":%d,\"tables\":{\"active\":[", r->iYear);
    static const char *const azNorm[] = {"规章", "行政规范性文件"};
    for (int i = 0; i < 2; i++) {
        str_appendf(s,
                    "%s{\"group\":\"第二十条第（一）项\",\"label\":\"%s\",\"issued\":%d,"
                    "\"repealed\":%d,\"valid\":%d}",
                    i ? "," : "", azNorm[i], r->aNorm[i][0], r->aNorm[i][1], r->aNorm[i][2]);
    }
    static const char *const azFigGroup[] = {"第二十条第（五）项", "第二十条第（六）项",
                                             "第二十条第（六）项", "第二十条第（八）项"};
    for (int i = 0; i < REPORT_NFIG; i++) {
        str_appendf(s, ",{\"group\":\"%s\",\"label\":\"%s\"", azFigGroup[i], report_azFigLabel[i]);
        if (i < REPORT_FIG_FEE) {
            json_fig(s, "decisions", r->aFig[i]);
        } else if (r->aFig[i] < 0) {
            str_puts(s, ",\"amount\":null");
        } else {
            str_appendf(s, ",\"amount\":%s", report_wan(&a, r->aFig[i]));
        }
        str_putc(s, '}');
    }
    str_puts(s, "],\"applications\":[");
    for (int i = 0; i < REPORT_NROW; i++) {
        const ReportRow *p = &r->aRow[i];
        str_puts(s, i ? ",{\"label\":" : "{\"label\":");
        str_json(s, p->zLabel);
        if (p->zGroup) {
            str_puts(s, ",\"group\":");
            str_json(s, p->zGroup);
        }
        for (int c = 0; c < REPORT_NCOL; c++) {
            str_appendf(s, ",\"%s\":%lld", report_azCol[c], (long long)p->a[c]);
        }
        str_putc(s, '}');
    }
    str_puts(s, "],\"review\":[");
    for (int g = 0; g < 3; g++) {
        str_appendf(s, "%s{\"label\":\"%s\"%s", g ? "," : "", azReviewLabel[g],
                    g ? ",\"group\":\"行政诉讼\"" : "");
        for (int k = 0; k < 5; k++) {
            str_appendf(s, ",\"%s\":%lld", azResultKey[k], (long long)r->aReview[g][k]);
        }
        str_putc(s, '}');
    }
    str_puts(s, "]},\"sections\":[");
    static const char *const azTable[] = {NULL, "active", "applications", "review", NULL, NULL};
    static const int aiText[] = {REPORT_TEXT_GENERAL, -1, -1, -1, REPORT_TEXT_PROBLEMS,
                                 REPORT_TEXT_OTHER};
    for (int i = 0; i < 6; i++) {
        str_appendf(s, "%s{\"number\":%d,\"title\":", i ? "," : "", i + 1);
        str_json(s, azSection[i]);
        if (azTable[i]) {
            str_appendf(s, ",\"table\":\"%s\"}", azTable[i]);
            continue;
        }
        int t = aiText[i];
        str_puts(s, ",\"text\":");
        str_json(s, r->azText[t]);
        str_puts(s, ",\"prefilled\":");
        str_json(s, r->azPrefill[t]);
        str_appendf(s, ",\"saved\":%s,\"todo\":%s}", r->abSaved[t] ? "true" : "false",
                    strstr(r->azText[t], REPORT_TODO) ? "true" : "false");
    }
    str_puts(s, "],\"checks\":[");
    for (int i = 0; i < r->nCheck; i++) {
        const ReportCheck *c = &r->aCheck[i];
        str_appendf(s, "%s{\"table\":\"%s\",\"column\":\"%s\",\"rule\":", i ? "," : "", c->zTable,
                    c->zColumn);
        str_json(s, c->zRule);
        str_appendf(s, ",\"left\":%lld,\"right\":%lld,\"ok\":%s,\"message\":", (long long)c->nLeft,
                    (long long)c->nRight, c->bOk ? "true" : "false");
        str_json(s, c->zMsg);
        str_putc(s, '}');
    }
    str_puts(s, "]}");
    arena_free(&a);
}

/* --------------------------------------------------------------- Markdown */

/* A staff-written line as one Markdown paragraph: leading characters that would
** start a heading, list, quote, table or code block are escaped. */
static void md_para(Str *s, const char *p, size_t n) {
    while (n && (*p == ' ' || *p == '\t')) p++, n--;
    while (n && (p[n - 1] == ' ' || p[n - 1] == '\t' || p[n - 1] == '\r')) n--;
    if (!n) return;
    size_t nDigit = 0;
    while (nDigit < n && p[nDigit] >= '0' && p[nDigit] <= '9') nDigit++;
    if (nDigit && nDigit < n && (p[nDigit] == '.' || p[nDigit] == ')')) {
        /* "1. text" would start an ordered list. */
        str_append(s, p, nDigit);
        str_putc(s, '\\');
        p += nDigit;
        n -= nDigit;
    } else if (strchr("#>-+*|=`~_", *p)) {
        str_putc(s, '\\');
    }
    str_append(s, p, n);
    str_puts(s, "\n\n");
}

static void md_text(Str *s, const char *z) {
    while (*z) {
        const char *e = strchr(z, '\n');
        size_t n = e ? (size_t)(e - z) : strlen(z);
        md_para(s, z, n);
        z += n;
        if (*z) z++;
    }
}

void report_markdown(Str *s, const Report *r) {
    Arena a;
    arena_init(&a);
    str_appendf(
        s,
        "本报告根据《中华人民共和国政府信息公开条例》（以下简称《条例》）和《中华人民共和国政府信息公开工作年度报告格式》"
        "（国办公开办函〔2021〕30号）编制。报告中所列数据统计期限自%d年1月1日至%d年12月31日。\n\n",
        r->iYear, r->iYear);
    str_appendf(s, "## %s\n\n", azSection[0]);
    md_text(s, r->azText[REPORT_TEXT_GENERAL]);

    str_appendf(s, "## %s\n\n", azSection[1]);
    str_puts(
        s,
        "**第二十条第（一）项**\n\n| 信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数 |\n|---|---|---|---|\n");
    str_appendf(s, "| 规章 | %d | %d | %d |\n", r->aNorm[0][0], r->aNorm[0][1], r->aNorm[0][2]);
    str_appendf(s, "| 行政规范性文件 | %d | %d | %d |\n\n", r->aNorm[1][0], r->aNorm[1][1],
                r->aNorm[1][2]);
    str_puts(s, "**第二十条第（五）项**\n\n| 信息内容 | 本年处理决定数量 |\n|---|---|\n");
    str_appendf(s, "| 行政许可 | %lld |\n\n", (long long)r->aFig[0]);
    str_puts(s, "**第二十条第（六）项**\n\n| 信息内容 | 本年处理决定数量 |\n|---|---|\n");
    str_appendf(s, "| 行政处罚 | %lld |\n| 行政强制 | %lld |\n\n", (long long)r->aFig[1],
                (long long)r->aFig[2]);
    str_puts(s, "**第二十条第（八）项**\n\n| 信息内容 | 本年收费金额（单位：万元） |\n|---|---|\n");
    str_appendf(s, "| 行政事业性收费 | %s |\n\n", report_wan(&a, r->aFig[3]));

    str_appendf(s, "## %s\n\n", azSection[2]);
    str_puts(
        s,
        "申请人情况：自然人；法人或其他组织（商业企业、科研机构、社会公益组织、法律服务机构、其他）；总计。"
        "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）\n\n| 项目 |");
    for (int c = 0; c < REPORT_NCOL; c++) str_appendf(s, " %s |", report_azColLabel[c]);
    str_puts(s, "\n|---|---|---|---|---|---|---|---|\n");
    static const char zEmpty[] = " | | | | | | | |\n";
    for (int i = 0; i < REPORT_NROW; i++) {
        const ReportRow *p = &r->aRow[i];
        /* The template's merged row headers become heading rows without numbers. */
        if (i == REPORT_ROW_FIRST) str_appendf(s, "| **三、本年度办理结果**%s", zEmpty);
        if (p->zGroup && p->iNum == 1) str_appendf(s, "| **%s**%s", p->zGroup, zEmpty);
        str_puts(s, "| ");
        if (p->zGroup) str_appendf(s, "%d．", p->iNum);
        str_puts(s, p->zLabel);
        str_puts(s, " |");
        for (int c = 0; c < REPORT_NCOL; c++) str_appendf(s, " %lld |", (long long)p->a[c]);
        str_putc(s, '\n');
    }
    str_putc(s, '\n');

    str_appendf(s, "## %s\n\n", azSection[3]);
    str_puts(
        s,
        "| 类别 | 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 |\n|---|---|---|---|---|---|\n");
    for (int g = 0; g < 3; g++) {
        str_appendf(s, "| %s%s |", g ? "行政诉讼：" : "", azReviewLabel[g]);
        for (int k = 0; k < 5; k++) str_appendf(s, " %lld |", (long long)r->aReview[g][k]);
        str_putc(s, '\n');
    }
    str_putc(s, '\n');

    str_appendf(s, "## %s\n\n", azSection[4]);
    md_text(s, r->azText[REPORT_TEXT_PROBLEMS]);
    str_appendf(s, "## %s\n\n", azSection[5]);
    md_text(s, r->azText[REPORT_TEXT_OTHER]);
    arena_free(&a);
}

/* ----------------------------------------------------------------- writes */

static int check_unit_year(Arena *a, const User *u, const Unit *pUnit, int iYear, int eRole,
                           Err *err) {
    int rc = auth_check(u, pUnit->id, eRole, err);
    if (rc) return rc;
    int iNow = util_year(util_now());
    if (iYear < 2000 || iYear > iNow) {
        return err_set(err, ZW_EINPUT, "bad_year",
                       arena_printf(a, "年份应在 2000 到 %d 之间", iNow), NULL);
    }
    return ZW_OK;
}

static int ensure_row(Db *db, int64_t iUnit, int iYear) {
    Stmt st;
    db_prepare(db, &st, "INSERT OR IGNORE INTO annual_report(unit_id,year) VALUES(?1,?2)");
    db_bind_int(&st, 1, iUnit);
    db_bind_int(&st, 2, iYear);
    int rc = db_run(&st);
    db_done(&st);
    return rc;
}

static int finish(Db *db, int rc, Err *err) {
    if (rc != ZW_OK) {
        db_rollback(db);
        if (!err->zMsg) db_err(db, err);
        return rc;
    }
    if ((rc = db_commit(db)) != ZW_OK) return db_err(db, err);
    return ZW_OK;
}

int report_figures_set(Db *db, Arena *a, const User *u, const char *zIp, const Unit *pUnit,
                       int iYear, const ReportFigures *f, const char *zVia, Err *err) {
    int rc = check_unit_year(a, u, pUnit, iYear, ROLE_EDITOR, err);
    if (rc) return rc;
    int nSet = 0;
    Str detail;
    str_init(&detail, a);
    for (int i = 0; i < REPORT_NFIG; i++) {
        if (!f->abSet[i]) continue;
        int64_t v = f->aVal[i];
        int64_t nMax = i == REPORT_FIG_FEE ? REPORT_MAX_FEE_YUAN : REPORT_MAX_COUNT;
        if (v < -1 || v > nMax) {
            return err_set(err, ZW_EINPUT, "bad_figure",
                           arena_printf(a, "%s的数值超出范围", report_azFigLabel[i]), NULL);
        }
        nSet++;
        str_appendf(&detail, "%s%s=%lld", detail.n ? " " : "", report_azFig[i], (long long)v);
    }
    if (!nSet) {
        return err_set(err, ZW_EINPUT, "no_figures",
                       "请至少填写一项：行政许可、行政处罚、行政强制或行政事业性收费", NULL);
    }
    char zNow[21];
    util_iso_time(util_now(), zNow);
    if ((rc = db_begin(db))) return db_err(db, err);
    rc = ensure_row(db, pUnit->id, iYear);
    if (!rc) {
        Stmt st;
        db_prepare(db, &st,
                   "UPDATE annual_report SET"
                   " licensing=CASE ?3 WHEN 1 THEN ?4 ELSE licensing END,"
                   " punishment=CASE ?5 WHEN 1 THEN ?6 ELSE punishment END,"
                   " coercion=CASE ?7 WHEN 1 THEN ?8 ELSE coercion END,"
                   " fee_yuan=CASE ?9 WHEN 1 THEN ?10 ELSE fee_yuan END,"
                   " figures_at=?11, figures_by=?12, figures_via=?13"
                   " WHERE unit_id=?1 AND year=?2");
        db_bind_int(&st, 1, pUnit->id);
        db_bind_int(&st, 2, iYear);
        for (int i = 0; i < REPORT_NFIG; i++) {
            db_bind_int(&st, 3 + 2 * i, f->abSet[i] ? 1 : 0);
            if (f->abSet[i] && f->aVal[i] >= 0) {
                db_bind_int(&st, 4 + 2 * i, f->aVal[i]);
            } else {
                db_bind_null(&st, 4 + 2 * i);
            }
        }
        db_bind_text(&st, 11, zNow);
        db_bind_int(&st, 12, u->id);
        db_bind_text(&st, 13, zVia);
        rc = db_run(&st);
        db_done(&st);
    }
    if (!rc) {
        rc = audit_add(db, u, zIp, "report_figures",
                       arena_printf(a, "report:%s:%d", pUnit->zCode, iYear), str_cstr(&detail));
    }
    return finish(db, rc, err);
}

/* Text as stored: CR LF and lone CR become LF; blank gives NULL. */
static const char *clean_text(Arena *a, const char *z) {
    if (str_blank(z)) return NULL;
    Str s;
    str_init(&s, a);
    for (const char *p = z; *p; p++) {
        if (*p == '\r') {
            if (p[1] != '\n') str_putc(&s, '\n');
            continue;
        }
        str_putc(&s, *p);
    }
    return str_trim(a, str_cstr(&s));
}

int report_text_set(Db *db, Arena *a, const User *u, const char *zIp, const Unit *pUnit, int iYear,
                    const char *const azText[REPORT_NTEXT], Err *err) {
    int rc = check_unit_year(a, u, pUnit, iYear, ROLE_EDITOR, err);
    if (rc) return rc;
    static const char *const azName[] = {"一、总体情况", "五、存在的主要问题及改进情况",
                                         "六、其他需要报告的事项"};
    const char *azClean[REPORT_NTEXT];
    int nGiven = 0;
    for (int i = 0; i < REPORT_NTEXT; i++) {
        const char *z = azText[i];
        azClean[i] = NULL;
        if (!z) continue;
        nGiven++;
        size_t n = strlen(z);
        if (!utf8_valid(z, n) || utf8_len(z, n) > REPORT_MAX_TEXT) {
            return err_set(
                err, ZW_EINPUT, "bad_text",
                arena_printf(a, "“%s”应为不超过 %d 个字符的文本", azName[i], REPORT_MAX_TEXT),
                NULL);
        }
        azClean[i] = clean_text(a, z);
    }
    if (!nGiven) return err_set(err, ZW_EINPUT, "no_text", "没有需要保存的内容", NULL);
    char zNow[21];
    util_iso_time(util_now(), zNow);
    if ((rc = db_begin(db))) return db_err(db, err);
    rc = ensure_row(db, pUnit->id, iYear);
    if (!rc) {
        Stmt st;
        db_prepare(db, &st,
                   "UPDATE annual_report SET"
                   " text_general=CASE ?3 WHEN 1 THEN ?4 ELSE text_general END,"
                   " text_problems=CASE ?5 WHEN 1 THEN ?6 ELSE text_problems END,"
                   " text_other=CASE ?7 WHEN 1 THEN ?8 ELSE text_other END,"
                   " text_at=?9, text_by=?10 WHERE unit_id=?1 AND year=?2");
        db_bind_int(&st, 1, pUnit->id);
        db_bind_int(&st, 2, iYear);
        for (int i = 0; i < REPORT_NTEXT; i++) {
            db_bind_int(&st, 3 + 2 * i, azText[i] ? 1 : 0);
            db_bind_text(&st, 4 + 2 * i, azClean[i]);
        }
        db_bind_text(&st, 9, zNow);
        db_bind_int(&st, 10, u->id);
        rc = db_run(&st);
        db_done(&st);
    }
    if (!rc) {
        rc = audit_add(db, u, zIp, "report_text",
                       arena_printf(a, "report:%s:%d", pUnit->zCode, iYear), "");
    }
    return finish(db, rc, err);
}

/* The item report_publish made before, still there and not withdrawn, or 0. */
static int64_t own_item(Db *db, int64_t iUnit, int iYear) {
    Stmt st;
    int64_t iItem = 0;
    db_prepare(db, &st,
               "SELECT r.item_id FROM annual_report r JOIN item i ON i.id=r.item_id"
               " WHERE r.unit_id=?1 AND r.year=?2 AND i.state<>'withdrawn'");
    db_bind_int(&st, 1, iUnit);
    db_bind_int(&st, 2, iYear);
    if (db_step(&st) == 1) iItem = db_col_int(&st, 0);
    db_done(&st);
    return iItem;
}

int report_publish(Db *db, Arena *a, const User *u, const char *zIp, const Unit *pUnit, int iYear,
                   int64_t *piItem, Err *err) {
    int rc = check_unit_year(a, u, pUnit, iYear, ROLE_REVIEWER, err);
    if (rc) return rc;
    char zToday[11];
    util_iso_date(util_now(), zToday);
    if (iYear >= util_year(util_now())) {
        return err_set(err, ZW_ECONFLICT, "year_not_over",
                       arena_printf(a, "%d年尚未结束，年度报告在次年发布", iYear), NULL);
    }
    Column *pCol = col_by_slug(db, a, pUnit->id, "nb");
    if (!pCol) {
        return err_set(err, ZW_ECONFLICT, "no_column", "该单位没有“政府信息公开年报”栏目（nb）",
                       NULL);
    }
    if ((rc = db_begin(db))) return db_err(db, err);
    Report *r;
    if ((rc = report_build(db, a, pUnit, iYear, &r, err))) return finish(db, rc, err);
    for (int i = 0; i < r->nCheck; i++) {
        if (!r->aCheck[i].bOk) {
            return finish(
                db,
                err_set(err, ZW_ECONFLICT, "check_failed",
                        arena_printf(a, "数据勾稽关系不符，不能发布：%s", r->aCheck[i].zMsg), NULL),
                err);
        }
    }
    for (int i = 0; i < REPORT_NFIG; i++) {
        if (r->aFig[i] < 0) {
            return finish(
                db,
                err_set(err, ZW_ECONFLICT, "figures_missing",
                        arena_printf(a, "表二“%s”尚未填报（没有的请填 0）", report_azFigLabel[i]),
                        NULL),
                err);
        }
    }
    static const char *const azName[] = {"一、总体情况", "五、存在的主要问题及改进情况",
                                         "六、其他需要报告的事项"};
    for (int i = 0; i < REPORT_NTEXT; i++) {
        if (strstr(r->azText[i], REPORT_TODO)) {
            return finish(
                db,
                err_set(err, ZW_ECONFLICT, "text_todo",
                        arena_printf(a, "“%s”中还有“%s】”标记的内容待填写", azName[i], REPORT_TODO),
                        NULL),
                err);
        }
    }
    Str body;
    str_init(&body, a);
    report_markdown(&body, r);
    ItemInput in;
    memset(&in, 0, sizeof in);
    in.zTitle = arena_printf(a, "%s%d年政府信息公开工作年度报告", pUnit->zName, iYear);
    in.zBody = str_cstr(&body);
    in.zIssuer = pUnit->zName;
    in.zWrittenAt = zToday;
    in.zTopic = "综合政务";
    in.zGenre = "年报";
    in.zFormat = "md";
    int64_t iItem = own_item(db, pUnit->id, iYear);
    if (iItem) {
        in.iColumn = pCol->id;
        in.zChangeNote = "更新年度报告";
        rc = item_update(db, a, u, zIp, iItem, &in, err);
    } else {
        in.zUnit = pUnit->zCode;
        in.iColumn = pCol->id;
        rc = item_create(db, a, u, zIp, &in, &iItem, err);
    }
    if (!rc) rc = item_submit(db, a, u, zIp, iItem, err);
    if (!rc) rc = item_approve(db, a, u, zIp, iItem, err);
    if (!rc) rc = ensure_row(db, pUnit->id, iYear);
    if (!rc) {
        Stmt st;
        db_prepare(
            db, &st,
            "UPDATE annual_report SET item_id=?3, published_at=?4 WHERE unit_id=?1 AND year=?2");
        db_bind_int(&st, 1, pUnit->id);
        db_bind_int(&st, 2, iYear);
        db_bind_int(&st, 3, iItem);
        db_bind_text(&st, 4, zToday);
        rc = db_run(&st);
        db_done(&st);
    }
    if (!rc) {
        rc = audit_add(db, u, zIp, "report_publish",
                       arena_printf(a, "report:%s:%d", pUnit->zCode, iYear),
                       arena_printf(a, "item:%lld", (long long)iItem));
    }
    if ((rc = finish(db, rc, err))) return rc;
    log_info("report published unit=%s year=%d item=%lld late=%d", pUnit->zCode, iYear,
             (long long)iItem, strcmp(zToday, r->zDeadline) > 0);
    *piItem = iItem;
    return ZW_OK;
}
