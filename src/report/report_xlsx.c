// SPDX-License-Identifier: MIT
/*
** report_xlsx.c: the report as an Excel workbook (libxlsxwriter), the way units hand
** the tables to the 主管部门: a sheet with the text and one sheet per table, each
** with the merged headers of the national template and A4 page setup.  Numbers are
** written as numbers; a figure not entered is the text 未填报.
*/
#include <string.h>
#include <xlsxwriter.h>

#include "../core/log.h"
#include "report.h"

#define PAPER_A4 9

typedef struct Fmt {
    lxw_format *pTitle, *pHead, *pCap, *pLabel, *pNum, *pText, *pBad;
} Fmt;

static lxw_format *cell_format(lxw_workbook *wb, int bBold, int bLeft) {
    lxw_format *f = workbook_add_format(wb);
    format_set_border(f, LXW_BORDER_THIN);
    format_set_align(f, bLeft ? LXW_ALIGN_LEFT : LXW_ALIGN_CENTER);
    format_set_align(f, LXW_ALIGN_VERTICAL_CENTER);
    format_set_text_wrap(f);
    format_set_font_name(f, "宋体");
    format_set_font_size(f, 10);
    if (bBold) format_set_bold(f);
    return f;
}

static void make_formats(lxw_workbook *wb, Fmt *f) {
    f->pTitle = workbook_add_format(wb);
    format_set_bold(f->pTitle);
    format_set_font_name(f->pTitle, "黑体");
    format_set_font_size(f->pTitle, 14);
    format_set_align(f->pTitle, LXW_ALIGN_CENTER);
    format_set_align(f->pTitle, LXW_ALIGN_VERTICAL_CENTER);
    f->pHead = cell_format(wb, 0, 0);
    f->pCap = cell_format(wb, 1, 1);
    f->pLabel = cell_format(wb, 0, 1);
    f->pNum = cell_format(wb, 0, 0);
    f->pText = workbook_add_format(wb);
    format_set_text_wrap(f->pText);
    format_set_align(f->pText, LXW_ALIGN_VERTICAL_TOP);
    format_set_font_name(f->pText, "仿宋");
    format_set_font_size(f->pText, 12);
    f->pBad = workbook_add_format(wb);
    format_set_font_color(f->pBad, LXW_COLOR_RED);
    format_set_bold(f->pBad);
    format_set_text_wrap(f->pBad);
}

/* A merged range holding a number (merge first, then write into its first cell). */
static void merge_num(lxw_worksheet *ws, int r0, int c0, int r1, int c1, int64_t n, lxw_format *f) {
    if (r0 != r1 || c0 != c1) worksheet_merge_range(ws, r0, c0, r1, c1, "", f);
    if (n < 0) {
        worksheet_write_string(ws, r0, c0, "未填报", f);
    } else {
        worksheet_write_number(ws, r0, c0, (double)n, f);
    }
}

static void merge_str(lxw_worksheet *ws, int r0, int c0, int r1, int c1, const char *z,
                      lxw_format *f) {
    if (r0 != r1 || c0 != c1) {
        worksheet_merge_range(ws, r0, c0, r1, c1, z, f);
    } else {
        worksheet_write_string(ws, r0, c0, z, f);
    }
}

static void page_a4(lxw_worksheet *ws, int bLandscape) {
    worksheet_set_paper(ws, PAPER_A4);
    if (bLandscape) worksheet_set_landscape(ws);
    worksheet_fit_to_pages(ws, 1, 0);
    worksheet_set_margins(ws, 0.6, 0.6, 0.8, 0.8);
}

/* Sheet 1: the title and the six sections; the tables are on their own sheets. */
static void sheet_text(lxw_workbook *wb, const Fmt *f, const Report *r, Arena *a) {
    lxw_worksheet *ws = workbook_add_worksheet(wb, "年度报告");
    page_a4(ws, 0);
    worksheet_set_column(ws, 0, 0, 100, NULL);
    int iRow = 0;
    worksheet_set_row(ws, iRow, 30, NULL);
    worksheet_write_string(
        ws, iRow++, 0, arena_printf(a, "%s%d年政府信息公开工作年度报告", r->zUnitName, r->iYear),
        f->pTitle);
    for (int i = 0; i < r->nCheck; i++) {
        if (!r->aCheck[i].bOk) {
            worksheet_write_string(
                ws, iRow++, 0, arena_printf(a, "数据核对未通过：%s", r->aCheck[i].zMsg), f->pBad);
        }
    }
    static const char *const azHead[] = {"一、总体情况",
                                         "二、主动公开政府信息情况（见工作表“表二”）",
                                         "三、收到和处理政府信息公开申请情况（见工作表“表三”）",
                                         "四、政府信息公开行政复议、行政诉讼情况（见工作表“表四”）",
                                         "五、存在的主要问题及改进情况",
                                         "六、其他需要报告的事项"};
    static const int aiText[] = {REPORT_TEXT_GENERAL, -1, -1, -1, REPORT_TEXT_PROBLEMS,
                                 REPORT_TEXT_OTHER};
    for (int s = 0; s < 6; s++) {
        worksheet_write_string(ws, iRow++, 0, azHead[s], f->pCap);
        if (aiText[s] < 0) continue;
        const char *z = r->azText[aiText[s]];
        while (*z) {
            const char *e = strchr(z, '\n');
            size_t n = e ? (size_t)(e - z) : strlen(z);
            if (n) worksheet_write_string(ws, iRow++, 0, arena_strndup(a, z, n), f->pText);
            z += n;
            if (*z) z++;
        }
    }
}

static void sheet_active(lxw_workbook *wb, const Fmt *f, const Report *r) {
    lxw_worksheet *ws = workbook_add_worksheet(wb, "表二");
    page_a4(ws, 0);
    worksheet_set_column(ws, 0, 0, 28, NULL);
    worksheet_set_column(ws, 1, 3, 16, NULL);
    merge_str(ws, 0, 0, 0, 3, "二、主动公开政府信息情况", f->pTitle);
    static const char *const azCap[] = {"第二十条第（一）项", "第二十条第（五）项",
                                        "第二十条第（六）项", "第二十条第（八）项"};
    int iRow = 1;
    merge_str(ws, iRow, 0, iRow, 3, azCap[0], f->pCap);
    iRow++;
    static const char *const azHead[] = {"信息内容", "本年制发件数", "本年废止件数",
                                         "现行有效件数"};
    for (int c = 0; c < 4; c++) worksheet_write_string(ws, iRow, c, azHead[c], f->pHead);
    iRow++;
    static const char *const azNorm[] = {"规章", "行政规范性文件"};
    for (int i = 0; i < 2; i++, iRow++) {
        worksheet_write_string(ws, iRow, 0, azNorm[i], f->pLabel);
        for (int c = 0; c < 3; c++)
            worksheet_write_number(ws, iRow, c + 1, r->aNorm[i][c], f->pNum);
    }
    /* （五） 许可; （六） 处罚, 强制; （八） 收费. */
    static const int aiFirst[] = {0, 1, 3}, aiLast[] = {0, 2, 3};
    for (int g = 0; g < 3; g++) {
        merge_str(ws, iRow, 0, iRow, 3, azCap[g + 1], f->pCap);
        iRow++;
        worksheet_write_string(ws, iRow, 0, "信息内容", f->pHead);
        merge_str(ws, iRow, 1, iRow, 3, g == 2 ? "本年收费金额（单位：万元）" : "本年处理决定数量",
                  f->pHead);
        iRow++;
        for (int i = aiFirst[g]; i <= aiLast[g]; i++, iRow++) {
            worksheet_write_string(ws, iRow, 0, report_azFigLabel[i], f->pLabel);
            if (i == REPORT_FIG_FEE && r->aFig[i] >= 0) {
                worksheet_merge_range(ws, iRow, 1, iRow, 3, "", f->pNum);
                worksheet_write_number(ws, iRow, 1, (double)r->aFig[i] / 10000.0, f->pNum);
            } else {
                merge_num(ws, iRow, 1, iRow, 3, r->aFig[i], f->pNum);
            }
        }
    }
}

static void sheet_applications(lxw_workbook *wb, const Fmt *f, const Report *r, Arena *a) {
    lxw_worksheet *ws = workbook_add_worksheet(wb, "表三");
    page_a4(ws, 0);
    worksheet_set_column(ws, 0, 0, 6, NULL);
    worksheet_set_column(ws, 1, 1, 9, NULL);
    worksheet_set_column(ws, 2, 2, 30, NULL);
    worksheet_set_column(ws, 3, 9, 8, NULL);
    merge_str(ws, 0, 0, 0, 9, "三、收到和处理政府信息公开申请情况", f->pTitle);
    merge_str(ws, 1, 0, 3, 2,
              "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", f->pHead);
    merge_str(ws, 1, 3, 1, 9, "申请人情况", f->pHead);
    merge_str(ws, 2, 3, 3, 3, "自然人", f->pHead);
    merge_str(ws, 2, 4, 2, 8, "法人或其他组织", f->pHead);
    merge_str(ws, 2, 9, 3, 9, "总计", f->pHead);
    for (int c = 1; c <= 5; c++)
        worksheet_write_string(ws, 3, 3 + c, report_azColLabel[c], f->pHead);
    const int iTop = 4;
    for (int i = 0; i < REPORT_NROW; i++) {
        const ReportRow *w = &r->aRow[i];
        int iRow = iTop + i;
        if (i == REPORT_ROW_NEW || i == REPORT_ROW_PREV || i == REPORT_ROW_NEXT) {
            merge_str(ws, iRow, 0, iRow, 2, w->zLabel, f->pLabel);
        } else {
            if (i == REPORT_ROW_FIRST) {
                merge_str(ws, iRow, 0, iTop + REPORT_ROW_TOTAL, 0, "三、本年度办理结果", f->pHead);
            }
            if (!w->zGroup) {
                merge_str(ws, iRow, 1, iRow, 2, w->zLabel, f->pLabel);
            } else {
                if (w->iNum == 1) {
                    int n = 0;
                    while (i + n < REPORT_NROW && r->aRow[i + n].zGroup &&
                           strcmp(r->aRow[i + n].zGroup, w->zGroup) == 0) {
                        n++;
                    }
                    merge_str(ws, iRow, 1, iRow + n - 1, 1, w->zGroup, f->pHead);
                }
                worksheet_write_string(ws, iRow, 2, arena_printf(a, "%d．%s", w->iNum, w->zLabel),
                                       f->pLabel);
            }
        }
        for (int c = 0; c < REPORT_NCOL; c++)
            worksheet_write_number(ws, iRow, 3 + c, (double)w->a[c], f->pNum);
    }
    int iRow = iTop + REPORT_NROW + 1;
    for (int i = 0; i < r->nCheck; i++) {
        if (!r->aCheck[i].bOk && strcmp(r->aCheck[i].zTable, "applications") == 0) {
            merge_str(ws, iRow, 0, iRow, 9,
                      arena_printf(a, "数据核对未通过：%s", r->aCheck[i].zMsg), f->pBad);
            iRow++;
        }
    }
}

static void sheet_review(lxw_workbook *wb, const Fmt *f, const Report *r) {
    lxw_worksheet *ws = workbook_add_worksheet(wb, "表四");
    page_a4(ws, 1);
    worksheet_set_column(ws, 0, 14, 8, NULL);
    merge_str(ws, 0, 0, 0, 14, "四、政府信息公开行政复议、行政诉讼情况", f->pTitle);
    merge_str(ws, 1, 0, 1, 4, "行政复议", f->pHead);
    merge_str(ws, 1, 5, 1, 14, "行政诉讼", f->pHead);
    static const char *const azRes[] = {"结果维持", "结果纠正", "其他结果", "尚未审结", "总计"};
    for (int k = 0; k < 5; k++) merge_str(ws, 2, k, 3, k, azRes[k], f->pHead);
    merge_str(ws, 2, 5, 2, 9, "未经复议直接起诉", f->pHead);
    merge_str(ws, 2, 10, 2, 14, "复议后起诉", f->pHead);
    for (int g = 1; g < 3; g++) {
        for (int k = 0; k < 5; k++) worksheet_write_string(ws, 3, g * 5 + k, azRes[k], f->pHead);
    }
    for (int g = 0; g < 3; g++) {
        for (int k = 0; k < 5; k++)
            worksheet_write_number(ws, 4, g * 5 + k, (double)r->aReview[g][k], f->pNum);
    }
}

int report_xlsx(const Report *r, const char *zPath, Err *err) {
    lxw_workbook *wb = workbook_new(zPath);
    if (!wb) return err_set(err, ZW_EIO, "xlsx", "无法创建 Excel 文件", zPath);
    Arena a;
    arena_init(&a);
    Fmt f;
    make_formats(wb, &f);
    sheet_text(wb, &f, r, &a);
    sheet_active(wb, &f, r);
    sheet_applications(wb, &f, r, &a);
    sheet_review(wb, &f, r);
    lxw_error e = workbook_close(wb);
    arena_free(&a);
    if (e != LXW_NO_ERROR) {
        log_warn("xlsx write failed path=%s err=%s", zPath, lxw_strerror(e));
        return err_set(err, ZW_EIO, "xlsx", "写入 Excel 文件失败", lxw_strerror(e));
    }
    return ZW_OK;
}
