// SPDX-License-Identifier: MIT
/*
** report_web.c: the annual report in the back office (/admin/report), its Excel
** download, the JSON API (/api/v1/reports/UNIT/YEAR…) and the dashboard block.
** Everything is computed by report.c; this file checks who asks and what they send,
** and turns the answer into a page or JSON.
*/
#include "report_web.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../calendar/workday.h"
#include "../core/log.h"
#include "../core/util.h"
#include "../web/page.h"
#include "report.h"

#define REPORT_MAX_XLSX ((size_t)16 << 20)

/* ------------------------------------------------------------------ inputs */

/* The unit (zCode, or u's own when NULL or "") and year u asks for, checked: 404 for
** an unknown unit, 403 for another unit's report, 400 for a year out of range. */
static int target(Req *req, const User *u, const char *zCode, int64_t iYear, int eRole,
                  Unit **ppUnit) {
    if (!zCode || !*zCode) zCode = u->zUnitCode;
    if (strlen(zCode) > 32) return http_fail(req, ZW_EINPUT, "bad_unit", "单位代码无效");
    Unit *p = unit_by_code(req->db, req->a, zCode);
    if (!p) return http_fail(req, ZW_ENOTFOUND, "unknown_unit", "单位不存在");
    int rc = auth_check(u, p->id, eRole, &req->err);
    if (rc) {
        return eRole >= ROLE_REVIEWER
                   ? http_fail(req, rc, "forbidden", "只有本单位的审核人员或管理员可以发布年度报告")
                   : http_fail(req, rc, "forbidden", "只能查看和填报本单位的年度报告");
    }
    int iNow = util_year(util_now());
    if (iYear < 2000 || iYear > iNow) {
        return http_fail(req, ZW_EINPUT, "bad_year",
                         arena_printf(req->a, "年度应为 2000 到 %d 之间的年份", iNow));
    }
    *ppUnit = p;
    return ZW_OK;
}

/* The year of a form field; 0 when missing or malformed (target() refuses it). */
static int64_t form_year(Req *req) {
    int64_t v;
    const char *z = http_form(req, "year");
    return z && str_to_i64(z, &v) == 0 ? v : 0;
}

static const char *report_url(Req *req, const char *zCode, int64_t iYear, const char *zOk) {
    Str s;
    str_init(&s, req->a);
    str_puts(&s, "/admin/report?unit=");
    str_url(&s, zCode);
    str_appendf(&s, "&year=%lld", (long long)iYear);
    if (zOk) str_appendf(&s, "&ok=%s", zOk);
    return str_cstr(&s);
}

/* -------------------------------------------------------------- the page */

/* Days from zFrom to zTo (negative when zTo is earlier). */
static int days_between(const char *zFrom, const char *zTo) {
    return cal_day(zTo) - cal_day(zFrom);
}

static const char *deadline_rule(const char *zKind) {
    return strcmp(zKind, "county") == 0
               ? "县级人民政府的年度报告，次年3月31日前公布（《条例》第五十条）"
               : "政府部门和乡镇的年度报告，次年1月31日前公布（《条例》第四十九条）";
}

/* The status of a report against its deadline, for the page and the dashboard. */
static void deadline_status(Req *req, TVal *t, const char *zDeadline, int64_t iItem,
                            const char *zToday) {
    int nDays = days_between(zToday, zDeadline);
    tv_str(t, "deadline", zDeadline);
    /* Every flag is set, so that a template never finds a same-named key outside
    ** (the dashboard has a list called "published"). */
    tv_bool(t, "published", 0);
    tv_bool(t, "overdue", 0);
    tv_bool(t, "pending", 0);
    if (iItem) {
        tv_bool(t, "published", 1);
        tv_str(t, "item_url", arena_printf(req->a, "/items/%lld", (long long)iItem));
    } else if (nDays < 0) {
        tv_bool(t, "overdue", 1);
        tv_int(t, "days_over", -nDays);
    } else {
        tv_bool(t, "pending", 1);
        tv_int(t, "days_left", nDays);
    }
}

/* The back-office page: the report, and below it the forms.  bFromForm: the forms
** show what was posted (after an error) instead of what is stored. */
static int render_page(Req *req, const User *u, const Unit *pUnit, int iYear, int bFromForm) {
    Report *r;
    int rc = report_build(req->db, req->a, pUnit, iYear, &r, &req->err);
    if (rc) return rc;
    TVal *d = page_data(
        req, arena_printf(req->a, "%s%d年政府信息公开工作年度报告", pUnit->zName, iYear), "report");
    report_tval(req->a, r, d);
    tv_str(d, "unit_code", pUnit->zCode);
    tv_int(d, "report_year", iYear);
    int iNow = util_year(util_now());
    /* The unit and year pickers. */
    TVal *pUnits = tv_list(d, "units");
    if (u->eRole == ROLE_ADMIN) {
        Unit *aUnit;
        int nUnit;
        if ((rc = unit_list(req->db, req->a, &aUnit, &nUnit))) return rc;
        for (int i = 0; i < nUnit; i++) {
            TVal *t = tv_push(pUnits);
            tv_str(t, "code", aUnit[i].zCode);
            tv_str(t, "name", aUnit[i].zName);
            tv_bool(t, "selected", aUnit[i].id == pUnit->id);
        }
    } else {
        TVal *t = tv_push(pUnits);
        tv_str(t, "code", pUnit->zCode);
        tv_str(t, "name", pUnit->zName);
        tv_bool(t, "selected", 1);
    }
    TVal *pYears = tv_list(d, "years");
    int iOldest = iYear < iNow - 7 ? iYear : iNow - 7;
    for (int y = iNow; y >= iOldest && y >= 2000; y--) {
        if (y < iNow - 7 && y != iYear) continue;
        TVal *t = tv_push(pYears);
        tv_int(t, "y", y);
        tv_bool(t, "selected", y == iYear);
    }
    /* Deadline and publication. */
    char zToday[11];
    util_iso_date(util_now(), zToday);
    TVal *st = tv_child(d, "status");
    deadline_status(req, st, r->zDeadline, r->iItem, zToday);
    tv_str(st, "rule", deadline_rule(pUnit->zKind));
    tv_str(st, "published_at", r->zPublishedAt);
    tv_bool(st, "year_running", iYear >= iNow);
    /* The figures form. */
    TVal *fg = tv_child(d, "fig");
    for (int i = 0; i < REPORT_NFIG; i++) {
        const char *z;
        if (bFromForm) {
            z = http_form(req, report_azFig[i]);
        } else if (r->aFig[i] < 0) {
            z = "";
        } else {
            z = i == REPORT_FIG_FEE ? report_wan(req->a, r->aFig[i])
                                    : arena_printf(req->a, "%lld", (long long)r->aFig[i]);
        }
        tv_str(fg, report_azFig[i], z);
    }
    tv_str(fg, "updated", r->zFiguresAt ? page_date(req->a, r->zFiguresAt) : NULL);
    /* The text form. */
    static const char *const azField[] = {"general", "problems", "other"};
    TVal *tx = tv_child(d, "text");
    for (int i = 0; i < REPORT_NTEXT; i++) {
        const char *z = bFromForm ? http_form(req, azField[i]) : r->azText[i];
        tv_str(tx, azField[i], z ? z : "");
    }
    tv_str(tx, "updated", r->zTextAt ? page_date(req->a, r->zTextAt) : NULL);
    /* Publishing: who may, and what still stands in the way. */
    Err e = {0};
    int bMay = auth_check(u, pUnit->id, ROLE_REVIEWER, &e) == ZW_OK;
    tv_bool(d, "can_publish", bMay && iYear < iNow);
    TVal *pBlock = tv_list(d, "blockers");
    if (r->nFailed) tv_push_str(pBlock, "表三或表四的勾稽关系不相符（见报告中的红色提示）");
    for (int i = 0; i < REPORT_NFIG; i++) {
        if (r->aFig[i] < 0) {
            tv_push_str(pBlock, arena_printf(req->a, "表二“%s”尚未填报", report_azFigLabel[i]));
        }
    }
    static const char *const azName[] = {"一、总体情况", "五、存在的主要问题及改进情况",
                                         "六、其他需要报告的事项"};
    for (int i = 0; i < REPORT_NTEXT; i++) {
        if (strstr(r->azText[i], REPORT_TODO)) {
            tv_push_str(pBlock,
                        arena_printf(req->a, "“%s”中还有待填写的内容（黄色底色）", azName[i]));
        }
    }
    const char *zOk = http_arg(req, "ok");
    if (zOk && !bFromForm) {
        const char *zMsg = strcmp(zOk, "figures") == 0 ? "表二数据已保存"
                           : strcmp(zOk, "text") == 0  ? "报告文字已保存"
                           : strcmp(zOk, "publish") == 0
                               ? "年度报告已发布到本单位“政府信息公开年报”栏目"
                               : NULL;
        tv_str(d, "ok", zMsg);
    }
    if (bFromForm && req->err.zMsg) tv_str(d, "error", req->err.zMsg);
    return page_render(req, "report/admin.html", d);
}

int report_admin_page(Req *req) {
    User *u = page_user(req);
    if (!u) return http_redirect(req, "/admin/login");
    int iNow = util_year(util_now());
    int64_t iYear;
    int rc = http_arg_int(req, "year", 2000, iNow, iNow - 1, &iYear);
    if (rc) return rc;
    Unit *pUnit;
    if ((rc = target(req, u, http_arg(req, "unit"), iYear, ROLE_EDITOR, &pUnit))) return rc;
    return render_page(req, u, pUnit, (int)iYear, 0);
}

/* After a failed post: the page again with the message and the posted values. */
static int form_error(Req *req, const User *u, const Unit *pUnit, int iYear, int rc) {
    if (rc == ZW_EPERM || rc == ZW_EAUTH || rc == ZW_EDB || rc == ZW_EBUSY || rc == ZW_EIO)
        return rc;
    req->status = err_http_status(rc);
    Err saved = req->err;
    int rc2 = render_page(req, u, pUnit, iYear, 1);
    req->err = saved;
    return rc2;
}

int report_admin_figures(Req *req) {
    User *u = page_user(req);
    if (!u) return http_redirect(req, "/admin/login");
    Unit *pUnit;
    int64_t iYear = form_year(req);
    int rc = target(req, u, http_form(req, "unit"), iYear, ROLE_EDITOR, &pUnit);
    if (rc) return rc;
    ReportFigures f;
    memset(&f, 0, sizeof f);
    for (int i = 0; i < REPORT_NFIG; i++) {
        const char *z = http_form(req, report_azFig[i]);
        if (!z) continue;
        f.abSet[i] = 1;
        z = str_trim(req->a, z);
        int64_t v;
        if (!*z) {
            f.aVal[i] = -1;
        } else if (i == REPORT_FIG_FEE ? report_fee_parse(z, &v) != 0
                                       : str_to_i64(z, &v) != 0 || v < 0 || v > REPORT_MAX_COUNT) {
            http_fail(req, ZW_EINPUT, "bad_figure",
                      i == REPORT_FIG_FEE
                          ? "行政事业性收费应填以万元为单位的金额，如 863.5（最多四位小数）"
                          : arena_printf(req->a, "%s应填不小于 0 的整数", report_azFigLabel[i]));
            return form_error(req, u, pUnit, (int)iYear, ZW_EINPUT);
        } else {
            f.aVal[i] = v;
        }
    }
    rc = report_figures_set(req->db, req->a, u, req->zIp, pUnit, (int)iYear, &f, "form", &req->err);
    if (rc) return form_error(req, u, pUnit, (int)iYear, rc);
    return http_redirect(req, report_url(req, pUnit->zCode, iYear, "figures"));
}

int report_admin_text(Req *req) {
    User *u = page_user(req);
    if (!u) return http_redirect(req, "/admin/login");
    Unit *pUnit;
    int64_t iYear = form_year(req);
    int rc = target(req, u, http_form(req, "unit"), iYear, ROLE_EDITOR, &pUnit);
    if (rc) return rc;
    const char *azText[REPORT_NTEXT] = {http_form(req, "general"), http_form(req, "problems"),
                                        http_form(req, "other")};
    rc = report_text_set(req->db, req->a, u, req->zIp, pUnit, (int)iYear, azText, &req->err);
    if (rc) return form_error(req, u, pUnit, (int)iYear, rc);
    return http_redirect(req, report_url(req, pUnit->zCode, iYear, "text"));
}

int report_admin_publish(Req *req) {
    User *u = page_user(req);
    if (!u) return http_redirect(req, "/admin/login");
    Unit *pUnit;
    int64_t iYear = form_year(req);
    int rc = target(req, u, http_form(req, "unit"), iYear, ROLE_REVIEWER, &pUnit);
    if (rc) return rc;
    int64_t iItem;
    rc = report_publish(req->db, req->a, u, req->zIp, pUnit, (int)iYear, &iItem, &req->err);
    if (rc) return form_error(req, u, pUnit, (int)iYear, rc);
    http_cache_bump();
    return http_redirect(req, report_url(req, pUnit->zCode, iYear, "publish"));
}

int report_admin_xlsx(Req *req) {
    User *u = page_user(req);
    if (!u) return http_redirect(req, "/admin/login");
    int iNow = util_year(util_now());
    int64_t iYear;
    int rc = http_arg_int(req, "year", 2000, iNow, iNow - 1, &iYear);
    if (rc) return rc;
    Unit *pUnit;
    if ((rc = target(req, u, http_arg(req, "unit"), iYear, ROLE_EDITOR, &pUnit))) return rc;
    Report *r;
    if ((rc = report_build(req->db, req->a, pUnit, (int)iYear, &r, &req->err))) return rc;
    /* libxlsxwriter writes a file: a private temporary one, read back and removed. */
    const char *zTmp = getenv("TMPDIR");
    char *zPath = arena_printf(req->a, "%s/zwgk-report-XXXXXX", zTmp && *zTmp ? zTmp : "/tmp");
    int fd = mkstemp(zPath);
    if (fd < 0) return http_fail(req, ZW_EIO, "tmp", "无法创建临时文件");
    close(fd);
    rc = report_xlsx(r, zPath, &req->err);
    FILE *f = rc ? NULL : fopen(zPath, "rb");
    if (!rc && !f) rc = http_fail(req, ZW_EIO, "tmp", "无法读取生成的 Excel 文件");
    if (f) {
        struct stat sb;
        if (fstat(fileno(f), &sb) != 0 || (size_t)sb.st_size > REPORT_MAX_XLSX) {
            rc = http_fail(req, ZW_EIO, "tmp", "无法读取生成的 Excel 文件");
        } else {
            char *p = arena_alloc(req->a, (size_t)sb.st_size + 1);
            if (fread(p, 1, (size_t)sb.st_size, f) != (size_t)sb.st_size) {
                rc = http_fail(req, ZW_EIO, "tmp", "无法读取生成的 Excel 文件");
            }
            req->pOutRaw = p;
            req->nOutRaw = (size_t)sb.st_size;
        }
        fclose(f);
    }
    unlink(zPath);
    if (rc) return rc;
    req->zType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    req->bNoCache = 1;
    Str cd;
    str_init(&cd, req->a);
    str_puts(&cd, "attachment; filename*=UTF-8''");
    str_url(&cd, arena_printf(req->a, "%s%lld年政府信息公开工作年度报告.xlsx", pUnit->zName,
                              (long long)iYear));
    http_add_header(req, "Content-Disposition", str_cstr(&cd));
    return ZW_OK;
}

/* ------------------------------------------------------------------- API */

static int api_target(Req *req, int eRole, Unit **ppUnit, User **ppUser) {
    User *u = page_user(req);
    if (!u) return http_fail(req, ZW_EAUTH, "login_required", "请先登录");
    *ppUser = u;
    return target(req, u, req->azArg[0], req->aiArg[0], eRole, ppUnit);
}

int report_api_get(Req *req) {
    Unit *pUnit;
    User *u;
    int rc = api_target(req, ROLE_EDITOR, &pUnit, &u);
    if (rc) return rc;
    Report *r;
    if ((rc = report_build(req->db, req->a, pUnit, (int)req->aiArg[0], &r, &req->err))) return rc;
    http_json_reply(req, 200);
    req->bNoCache = 1;
    report_json(&req->out, r);
    return ZW_OK;
}

/* The figures as stored, for the reply of PUT …/figures. */
static int reply_figures(Req *req, const Unit *pUnit, int iYear) {
    Report *r;
    int rc = report_build(req->db, req->a, pUnit, iYear, &r, &req->err);
    if (rc) return rc;
    http_json_reply(req, 200);
    str_puts(&req->out, "{\"unit\":");
    str_json(&req->out, pUnit->zCode);
    str_appendf(&req->out, ",\"year\":%d", iYear);
    for (int i = 0; i < REPORT_NFIG; i++) {
        str_appendf(&req->out, ",\"%s\":", report_azFig[i]);
        if (r->aFig[i] < 0) {
            str_puts(&req->out, "null");
        } else if (i == REPORT_FIG_FEE) {
            str_puts(&req->out, report_wan(req->a, r->aFig[i]));
        } else {
            str_appendf(&req->out, "%lld", (long long)r->aFig[i]);
        }
    }
    str_putc(&req->out, '}');
    return ZW_OK;
}

int report_api_figures(Req *req) {
    Unit *pUnit;
    User *u;
    int rc = api_target(req, ROLE_EDITOR, &pUnit, &u);
    if (rc) return rc;
    if ((rc = http_json_body(req))) return rc;
    ReportFigures f;
    memset(&f, 0, sizeof f);
    for (const Json *j = req->pJson->pChild; j; j = j->pNext) {
        int i;
        for (i = 0; i < REPORT_NFIG && strcmp(j->zKey, report_azFig[i]) != 0; i++) {
        }
        if (i == REPORT_NFIG) {
            return http_fail(
                req, ZW_EINPUT, "unknown_field",
                arena_printf(req->a,
                             "未知字段 %s（可用字段：licensing、punishment、coercion、fees）",
                             j->zKey));
        }
        f.abSet[i] = 1;
        int64_t v;
        if (j->eType == JSON_NULL) {
            f.aVal[i] = -1;
        } else if (i == REPORT_FIG_FEE) {
            if (j->eType != JSON_NUM || report_fee_parse(j->zStr, &v) != 0) {
                return http_fail(req, ZW_EINPUT, "bad_field",
                                 "字段 fees 应为以万元为单位的非负数，最多四位小数（如 863.5）");
            }
            f.aVal[i] = v;
        } else {
            if (json_int(j, &v) != 1 || v < 0 || v > REPORT_MAX_COUNT) {
                return http_fail(req, ZW_EINPUT, "bad_field",
                                 arena_printf(req->a, "字段 %s 应为不小于 0 的整数", j->zKey));
            }
            f.aVal[i] = v;
        }
    }
    rc = report_figures_set(req->db, req->a, u, req->zIp, pUnit, (int)req->aiArg[0], &f, "api",
                            &req->err);
    if (rc) return rc;
    return reply_figures(req, pUnit, (int)req->aiArg[0]);
}

int report_api_sections(Req *req) {
    Unit *pUnit;
    User *u;
    int rc = api_target(req, ROLE_EDITOR, &pUnit, &u);
    if (rc) return rc;
    if ((rc = http_json_body(req))) return rc;
    static const char *const azField[] = {"general", "problems", "other"};
    const char *azText[REPORT_NTEXT] = {NULL, NULL, NULL};
    for (const Json *j = req->pJson->pChild; j; j = j->pNext) {
        int i;
        for (i = 0; i < REPORT_NTEXT && strcmp(j->zKey, azField[i]) != 0; i++) {
        }
        if (i == REPORT_NTEXT) {
            return http_fail(
                req, ZW_EINPUT, "unknown_field",
                arena_printf(req->a, "未知字段 %s（可用字段：general、problems、other）", j->zKey));
        }
        if (j->eType == JSON_NULL) {
            azText[i] = "";
        } else if (j->eType == JSON_STR) {
            azText[i] = j->zStr;
        } else {
            return http_fail(req, ZW_EINPUT, "bad_field",
                             arena_printf(req->a, "字段 %s 应为字符串", j->zKey));
        }
    }
    rc =
        report_text_set(req->db, req->a, u, req->zIp, pUnit, (int)req->aiArg[0], azText, &req->err);
    if (rc) return rc;
    Report *r;
    if ((rc = report_build(req->db, req->a, pUnit, (int)req->aiArg[0], &r, &req->err))) return rc;
    http_json_reply(req, 200);
    report_json(&req->out, r);
    return ZW_OK;
}

int report_api_publish(Req *req) {
    Unit *pUnit;
    User *u;
    int rc = api_target(req, ROLE_REVIEWER, &pUnit, &u);
    if (rc) return rc;
    int64_t iItem;
    rc = report_publish(req->db, req->a, u, req->zIp, pUnit, (int)req->aiArg[0], &iItem, &req->err);
    if (rc) return rc;
    http_cache_bump();
    Item *p = item_get(req->db, req->a, iItem);
    http_json_reply(req, 200);
    str_appendf(&req->out, "{\"item\":%lld,\"url\":\"/items/%lld\",\"index_no\":", (long long)iItem,
                (long long)iItem);
    str_json(&req->out, p ? p->zIndexNo : NULL);
    str_puts(&req->out, ",\"title\":");
    str_json(&req->out, p ? p->zTitle : NULL);
    str_puts(&req->out, ",\"column\":\"nb\"}");
    return ZW_OK;
}

/* -------------------------------------------------------------- dashboard */

/* One unit's line: its report of iYear against its deadline. */
static void unit_line(Req *req, TVal *pLines, const Unit *p, int iYear, const char *zToday) {
    char zDeadline[11];
    report_deadline(p->zKind, iYear, zDeadline);
    int64_t iItem = report_published_item(req->db, p->id, iYear);
    TVal *t = tv_push(pLines);
    tv_int(t, "year", iYear);
    tv_str(t, "scope", p->zName);
    tv_bool(t, "county", 0);
    tv_str(t, "url", report_url(req, p->zCode, iYear, NULL));
    deadline_status(req, t, zDeadline, iItem, zToday);
}

int report_dashboard(Req *req, const User *u, TVal *d) {
    char zToday[11];
    util_iso_date(util_now(), zToday);
    int iNow = util_year(util_now());
    TVal *b = tv_child(d, "report_due");
    TVal *pLines = tv_list(b, "lines");
    Unit *aUnit = NULL;
    int nUnit = 0, rc;
    if (u->eRole == ROLE_ADMIN && (rc = unit_list(req->db, req->a, &aUnit, &nUnit))) return rc;
    for (int iYear = iNow - 1; iYear <= iNow; iYear++) {
        char zFirst[11];
        report_deadline("dept", iYear, zFirst);
        if (iYear == iNow && days_between(zToday, zFirst) > REPORT_SOON_DAYS) continue;
        if (u->eRole != ROLE_ADMIN) {
            Unit *p = unit_by_code(req->db, req->a, u->zUnitCode);
            if (p) unit_line(req, pLines, p, iYear, zToday);
            continue;
        }
        /* An admin sees the county: how many published, and who is late. */
        TVal *t = tv_push(pLines);
        tv_int(t, "year", iYear);
        tv_bool(t, "county", 1);
        int nDone = 0, nLate = 0;
        TVal *pLate = tv_list(t, "late");
        for (int i = 0; i < nUnit; i++) {
            char zDeadline[11];
            report_deadline(aUnit[i].zKind, iYear, zDeadline);
            if (report_published_item(req->db, aUnit[i].id, iYear)) {
                nDone++;
            } else if (strcmp(zToday, zDeadline) > 0) {
                nLate++;
                TVal *l = tv_push(pLate);
                tv_str(l, "name", aUnit[i].zName);
                tv_str(l, "url", report_url(req, aUnit[i].zCode, iYear, NULL));
                tv_int(l, "days_over", days_between(zDeadline, zToday));
            }
        }
        tv_int(t, "n_units", nUnit);
        tv_int(t, "n_done", nDone);
        tv_int(t, "n_late", nLate);
        tv_int(t, "n_open", nUnit - nDone - nLate);
        tv_str(t, "deadline", zFirst);
        TVal *pCounty = NULL;
        tv_bool(t, "county_deadline", 0);
        for (int i = 0; i < nUnit; i++) {
            if (strcmp(aUnit[i].zKind, "county") == 0 && !pCounty) {
                char zDeadline[11];
                report_deadline("county", iYear, zDeadline);
                pCounty = tv_child(t, "county_deadline");
                tv_str(pCounty, "name", aUnit[i].zName);
                tv_str(pCounty, "deadline", zDeadline);
            }
        }
        tv_str(t, "url", arena_printf(req->a, "/admin/report?year=%d", iYear));
    }
    return ZW_OK;
}
