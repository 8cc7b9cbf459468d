// SPDX-License-Identifier: MIT
/*
** report_html.c: the report as template data (report_tval), rendered by
** templates/report/_report.html into the admin page and into the standalone
** document of `zwgk report annual --format html`, which inlines static/report.css so
** that the file prints on A4 by itself.  The tables follow the official layout with
** its merged headers; every value is escaped by the template engine.
*/
#include <string.h>

#include "../core/embed.h"
#include "report.h"

/* One header cell of a table 三 row. */
static void head(TVal *pHeads, const char *zText, int nRow, int nCol) {
    TVal *t = tv_push(pHeads);
    tv_str(t, "text", zText);
    tv_int(t, "rowspan", nRow > 1 ? nRow : 0); /* 0: no attribute */
    tv_int(t, "colspan", nCol > 1 ? nCol : 0);
}

static const char *num(Arena *a, int64_t n) {
    return arena_printf(a, "%lld", (long long)n);
}

static const char *fig(Arena *a, int64_t n) {
    return n < 0 ? "未填报" : num(a, n);
}

/* Paragraphs of a narrative section, one a line, flagged when still to be written. */
static void paragraphs(Arena *a, TVal *pObj, const char *zKey, const char *z) {
    TVal *pList = tv_list(pObj, zKey);
    while (*z) {
        const char *e = strchr(z, '\n');
        size_t n = e ? (size_t)(e - z) : strlen(z);
        char *zLine = str_trim(a, arena_strndup(a, z, n));
        if (*zLine) {
            TVal *t = tv_push(pList);
            tv_str(t, "text", zLine);
            tv_bool(t, "todo", strstr(zLine, REPORT_TODO) != NULL);
        }
        z += n;
        if (*z) z++;
    }
}

void report_tval(Arena *a, const Report *r, TVal *d) {
    TVal *p = tv_child(d, "rpt");
    tv_str(p, "title", arena_printf(a, "%s%d年政府信息公开工作年度报告", r->zUnitName, r->iYear));
    tv_str(p, "unit_name", r->zUnitName);
    tv_int(p, "year", r->iYear);
    tv_str(
        p, "intro",
        arena_printf(
            a,
            "本报告根据《中华人民共和国政府信息公开条例》（以下简称《条例》）和《中华人民共和国政府信息公开工作年度报告格式》"
            "（国办公开办函〔2021〕30号）编制。报告中所列数据统计期限自%d年1月1日至%d年12月31日。",
            r->iYear, r->iYear));
    paragraphs(a, p, "general", r->azText[REPORT_TEXT_GENERAL]);
    paragraphs(a, p, "problems", r->azText[REPORT_TEXT_PROBLEMS]);
    paragraphs(a, p, "other", r->azText[REPORT_TEXT_OTHER]);

    /* Table 二. */
    static const char *const azNorm[] = {"规章", "行政规范性文件"};
    TVal *pNorms = tv_list(p, "norms");
    for (int i = 0; i < 2; i++) {
        TVal *t = tv_push(pNorms);
        tv_str(t, "label", azNorm[i]);
        tv_str(t, "issued", num(a, r->aNorm[i][0]));
        tv_str(t, "repealed", num(a, r->aNorm[i][1]));
        tv_str(t, "valid", num(a, r->aNorm[i][2]));
    }
    tv_str(p, "licensing", fig(a, r->aFig[REPORT_FIG_LICENSING]));
    tv_str(p, "punishment", fig(a, r->aFig[REPORT_FIG_PUNISHMENT]));
    tv_str(p, "coercion", fig(a, r->aFig[REPORT_FIG_COERCION]));
    tv_str(p, "fee",
           r->aFig[REPORT_FIG_FEE] < 0 ? "未填报" : report_wan(a, r->aFig[REPORT_FIG_FEE]));
    int bMissing = 0;
    for (int i = 0; i < REPORT_NFIG; i++) bMissing |= r->aFig[i] < 0;
    tv_bool(p, "figures_missing", bMissing);

    /* Table 三, with the row headers of the template. */
    TVal *pRows = tv_list(p, "apps");
    for (int i = 0; i < REPORT_NROW; i++) {
        const ReportRow *w = &r->aRow[i];
        TVal *t = tv_push(pRows);
        TVal *pHeads = tv_list(t, "heads");
        if (i == REPORT_ROW_FIRST)
            head(pHeads, "三、本年度办理结果", REPORT_ROW_TOTAL - REPORT_ROW_FIRST + 1, 1);
        if (i == REPORT_ROW_NEW || i == REPORT_ROW_PREV || i == REPORT_ROW_NEXT) {
            head(pHeads, w->zLabel, 1, 3);
        } else if (!w->zGroup) {
            head(pHeads, w->zLabel, 1, 2);
        } else {
            if (w->iNum == 1) {
                int n = 0;
                for (int k = i; k < REPORT_NROW && r->aRow[k].zGroup &&
                                strcmp(r->aRow[k].zGroup, w->zGroup) == 0;
                     k++)
                    n++;
                head(pHeads, w->zGroup, n, 1);
            }
            head(pHeads, arena_printf(a, "%d．%s", w->iNum, w->zLabel), 1, 1);
        }
        tv_bool(t, "sum",
                i == REPORT_ROW_TOTAL || i == REPORT_ROW_NEW || i == REPORT_ROW_PREV ||
                    i == REPORT_ROW_NEXT);
        TVal *pNums = tv_list(t, "nums");
        for (int c = 0; c < REPORT_NCOL; c++) tv_push_str(pNums, num(a, w->a[c]));
    }

    /* Table 四: 15 numbers in one row. */
    TVal *pReview = tv_list(p, "review");
    for (int g = 0; g < 3; g++) {
        for (int k = 0; k < 5; k++) tv_push_str(pReview, num(a, r->aReview[g][k]));
    }

    /* The checks that failed, shown in red; the passing ones as one line. */
    TVal *pFail = tv_list(p, "checks_failed");
    for (int i = 0; i < r->nCheck; i++) {
        if (!r->aCheck[i].bOk) tv_push_str(pFail, r->aCheck[i].zMsg);
    }
    tv_int(p, "n_checks", r->nCheck);
    tv_bool(p, "checks_ok", r->nFailed == 0);
}

int report_html_document(Arena *a, const Report *r, Str *out, Err *err) {
    Tmpl *pTmpl = NULL;
    int rc = tmpl_load(&pTmpl, NULL, err);
    if (rc) return rc;
    TVal *d = tv_obj(a);
    report_tval(a, r, d);
    str_htmlf(out,
              "<!doctype html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n"
              "<title>%s%d年政府信息公开工作年度报告</title>\n<style>\n",
              r->zUnitName, r->iYear);
    const EmbedFile *e = embed_find("static/report.css");
    if (e) str_append(out, (const char *)e->pData, e->nData);
    str_puts(
        out,
        "</style>\n</head>\n<body class=\"report-standalone\">\n<article class=\"report-doc\">\n");
    rc = tmpl_render(pTmpl, "report/_report.html", d, out, err);
    str_puts(out, "</article>\n</body>\n</html>\n");
    tmpl_free(pTmpl);
    return rc;
}
