// SPDX-License-Identifier: MIT
/*
** site.c: handlers of the public site.  Each builds a TVal tree from publish/
** queries and renders a template under templates/site/.  Replies are cacheable
** (ROUTE_CACHE in the route table) and carry Last-Modified where one is known.
*/
#include "site.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "../core/embed.h"
#include "../core/log.h"
#include "../core/util.h"
#include "../consult/consult_web.h"
#include "../interpret/interpret_web.h"
#include "../norms/norms_web.h"
#include "../publish/publish.h"
#include "../search/search.h"
#include "../text/render.h"
#include "../web/page.h"

#define LIST_PER_PAGE 20

static const char *zStaticDir;
static char zBaseUrl[256] = "http://127.0.0.1:8080";

void site_set_static_dir(const char *zDir) {
    zStaticDir = zDir;
}

void site_set_base_url(const char *zUrl) {
    snprintf(zBaseUrl, sizeof zBaseUrl, "%s", zUrl);
    size_t n = strlen(zBaseUrl);
    while (n > 0 && zBaseUrl[n - 1] == '/') zBaseUrl[--n] = 0;
}

const char *site_base_url(void) {
    return zBaseUrl;
}

/* The key areas on the home page and in the area index, in order. */
static const char *const azArea[] = {"ghxx", "jgxx", "czxx", "wsjk", "jy", "zcjd", "gzgfxwj", "zn", "nb"};
#define N_AREA (int)(sizeof azArea / sizeof azArea[0])

static const char *item_url(Arena *a, int64_t id) {
    return arena_printf(a, "/items/%lld", (long long)id);
}

static void push_rows(Arena *a, TVal *pList, ItemRow *aRow, int nRow) {
    for (int i = 0; i < nRow; i++) {
        TVal *t = tv_push(pList);
        tv_int(t, "id", aRow[i].id);
        tv_str(t, "title", aRow[i].zTitle);
        tv_str(t, "url", item_url(a, aRow[i].id));
        tv_str(t, "date", aRow[i].zPublishedAt);
        tv_str(t, "unit", aRow[i].zUnitName);
        tv_str(t, "unit_code", aRow[i].zUnitCode);
        tv_str(t, "column", aRow[i].zColumnName);
        tv_str(t, "docno", aRow[i].zDocno);
        tv_str(t, "index_no", aRow[i].zIndexNo);
    }
}

/* A list of the newest public items matching q (page 1, n rows) under key zKey. */
static int add_latest(Req *req, TVal *pObj, const char *zKey, ItemQuery *q, int n) {
    ItemRow *aRow;
    int nRow;
    int64_t nTotal;
    q->bPublic = 1;
    q->iPage = 1;
    q->nPerPage = n;
    int rc = item_list(req->db, req->a, q, &aRow, &nRow, &nTotal);
    if (rc) return rc;
    push_rows(req->a, tv_list(pObj, zKey), aRow, nRow);
    return ZW_OK;
}

static void add_units(Req *req, TVal *d, Unit *aUnit, int nUnit) {
    TVal *pDepts = tv_list(d, "depts");
    TVal *pTowns = tv_list(d, "towns");
    for (int i = 0; i < nUnit; i++) {
        if (strcmp(aUnit[i].zKind, "county") == 0) continue;
        TVal *t = tv_push(strcmp(aUnit[i].zKind, "town") == 0 ? pTowns : pDepts);
        tv_str(t, "code", aUnit[i].zCode);
        tv_str(t, "name", aUnit[i].zName);
        tv_str(t, "phone", aUnit[i].zPhone);
        tv_str(t, "address", aUnit[i].zAddress);
        tv_str(t, "url", arena_printf(req->a, "/gk/%s/", aUnit[i].zCode));
    }
}

int site_home(Req *req) {
    TVal *d = page_data(req, "首页", "home");
    ItemQuery q;
    int rc;
    memset(&q, 0, sizeof q);
    q.zSlug = "tzgg";
    if ((rc = add_latest(req, d, "notices", &q, 8))) return rc;
    memset(&q, 0, sizeof q);
    if ((rc = add_latest(req, d, "latest", &q, 8))) return rc;
    TVal *pAreas = tv_list(d, "areas");
    for (int i = 0; i < N_AREA; i++) {
        TVal *t = tv_push(pAreas);
        tv_str(t, "slug", azArea[i]);
        tv_str(t, "name", col_std_name(azArea[i]));
        tv_str(t, "url", arena_printf(req->a, "/area/%s/", azArea[i]));
        memset(&q, 0, sizeof q);
        q.zSlug = azArea[i];
        if ((rc = add_latest(req, t, "items", &q, 6))) return rc;
    }
    Unit *aUnit;
    int nUnit;
    if ((rc = unit_list(req->db, req->a, &aUnit, &nUnit))) return rc;
    add_units(req, d, aUnit, nUnit);
    return page_render(req, "site/home.html", d);
}

int site_units(Req *req) {
    TVal *d = page_data(req, "机构导航", "units");
    Unit *aUnit;
    int nUnit;
    int rc = unit_list(req->db, req->a, &aUnit, &nUnit);
    if (rc) return rc;
    add_units(req, d, aUnit, nUnit);
    return page_render(req, "site/units.html", d);
}

int site_gk_index(Req *req) {
    TVal *d = page_data(req, "政府信息公开", "gk");
    ItemQuery q;
    int rc;
    TVal *pAreas = tv_list(d, "areas");
    for (const StdColumn *c = g_aStdColumn; c->zSlug; c++) {
        if (c->zParent && strcmp(c->zParent, "fdzdgknr") != 0) continue;
        TVal *t = tv_push(pAreas);
        tv_str(t, "name", c->zName);
        tv_str(t, "url", arena_printf(req->a, "/area/%s/", c->zSlug));
        memset(&q, 0, sizeof q);
        q.zSlug = c->zSlug;
        if ((rc = add_latest(req, t, "items", &q, 5))) return rc;
    }
    Unit *aUnit;
    int nUnit;
    if ((rc = unit_list(req->db, req->a, &aUnit, &nUnit))) return rc;
    add_units(req, d, aUnit, nUnit);
    return page_render(req, "site/gk.html", d);
}

/* The sidebar: the unit's column tree with the current column marked. */
static int add_tree(Req *req, TVal *d, Unit *pUnit, int64_t iCurrent) {
    Column *aCol;
    int nCol;
    int rc = col_tree(req->db, req->a, pUnit->id, &aCol, &nCol);
    if (rc) return rc;
    TVal *pTree = tv_list(d, "tree");
    for (int i = 0; i < nCol; i++) {
        TVal *t = tv_push(pTree);
        tv_str(t, "name", aCol[i].zName);
        tv_str(t, "url", arena_printf(req->a, "/gk/%s/%s/", pUnit->zCode, aCol[i].zSlug));
        tv_int(t, "depth", aCol[i].iDepth);
        tv_bool(t, "current", aCol[i].id == iCurrent);
    }
    return ZW_OK;
}

static void add_unit_info(TVal *d, Unit *pUnit) {
    TVal *u = tv_child(d, "unit");
    tv_str(u, "code", pUnit->zCode);
    tv_str(u, "name", pUnit->zName);
    tv_str(u, "phone", pUnit->zPhone);
    tv_str(u, "address", pUnit->zAddress);
}

int site_gk_unit(Req *req) {
    Unit *pUnit = unit_by_code(req->db, req->a, req->azArg[0]);
    if (!pUnit) return http_fail(req, ZW_ENOTFOUND, "not_found", "该单位不存在");
    TVal *d = page_data(req, arena_printf(req->a, "%s 政府信息公开", pUnit->zName), "gk");
    add_unit_info(d, pUnit);
    int rc = add_tree(req, d, pUnit, 0);
    if (rc) return rc;
    Column *aCol;
    int nCol;
    if ((rc = col_tree(req->db, req->a, pUnit->id, &aCol, &nCol))) return rc;
    TVal *pPanels = tv_list(d, "panels");
    for (int i = 0; i < nCol; i++) {
        if (aCol[i].iDepth > 1) continue;
        if (strcmp(aCol[i].zSlug, "fdzdgknr") == 0) continue;
        ItemQuery q;
        memset(&q, 0, sizeof q);
        q.iColumn = aCol[i].id;
        TVal *t = tv_push(pPanels);
        tv_str(t, "name", aCol[i].zName);
        tv_str(t, "url", arena_printf(req->a, "/gk/%s/%s/", pUnit->zCode, aCol[i].zSlug));
        if ((rc = add_latest(req, t, "items", &q, 5))) return rc;
    }
    return page_render(req, "site/unit.html", d);
}

/* Shared by column and area lists. */
static int render_list(Req *req, TVal *d, ItemQuery *q, const char *zBase) {
    int64_t iPage;
    int rc = http_arg_int(req, "page", 1, 100000, 1, &iPage);
    if (rc) return rc;
    q->bPublic = 1;
    q->iPage = iPage;
    q->nPerPage = LIST_PER_PAGE;
    ItemRow *aRow;
    int nRow;
    int64_t nTotal;
    if ((rc = item_list(req->db, req->a, q, &aRow, &nRow, &nTotal))) return rc;
    if (iPage > 1 && nRow == 0) return http_fail(req, ZW_ENOTFOUND, "not_found", "页码超出范围");
    push_rows(req->a, tv_list(d, "items"), aRow, nRow);
    tv_int(d, "total", nTotal);
    page_pager(req, d, iPage, LIST_PER_PAGE, nTotal, zBase);
    return page_render(req, "site/list.html", d);
}

int site_gk_column(Req *req) {
    Unit *pUnit = unit_by_code(req->db, req->a, req->azArg[0]);
    if (!pUnit) return http_fail(req, ZW_ENOTFOUND, "not_found", "该单位不存在");
    Column *pCol = col_by_slug(req->db, req->a, pUnit->id, req->azArg[1]);
    if (!pCol) return http_fail(req, ZW_ENOTFOUND, "not_found", "该栏目不存在");
    TVal *d = page_data(req, arena_printf(req->a, "%s - %s", pCol->zName, pUnit->zName), "gk");
    add_unit_info(d, pUnit);
    TVal *c = tv_child(d, "column");
    tv_str(c, "name", pCol->zName);
    tv_str(c, "feed", arena_printf(req->a, "/gk/%s/%s/feed.xml", pUnit->zCode, pCol->zSlug));
    int rc = add_tree(req, d, pUnit, pCol->id);
    if (rc) return rc;
    ItemQuery q;
    memset(&q, 0, sizeof q);
    q.iColumn = pCol->id;
    return render_list(req, d, &q, arena_printf(req->a, "/gk/%s/%s/", pUnit->zCode, pCol->zSlug));
}

int site_area(Req *req) {
    const char *zName = col_std_name(req->azArg[0]);
    if (!zName) return http_fail(req, ZW_ENOTFOUND, "not_found", "该栏目不存在");
    TVal *d = page_data(req, zName, "gk");
    TVal *c = tv_child(d, "column");
    tv_str(c, "name", zName);
    tv_bool(d, "all_units", 1);
    tv_str(c, "feed", arena_printf(req->a, "/area/%s/feed.xml", req->azArg[0]));
    TVal *pTree = tv_list(d, "tree");
    for (const StdColumn *s = g_aStdColumn; s->zSlug; s++) {
        TVal *t = tv_push(pTree);
        tv_str(t, "name", s->zName);
        tv_str(t, "url", arena_printf(req->a, "/area/%s/", s->zSlug));
        tv_int(t, "depth", !s->zParent ? 0 : strcmp(s->zParent, "fdzdgknr") == 0 ? 1 : 2);
        tv_bool(t, "current", strcmp(s->zSlug, req->azArg[0]) == 0);
    }
    ItemQuery q;
    memset(&q, 0, sizeof q);
    q.zSlug = req->azArg[0];
    return render_list(req, d, &q, arena_printf(req->a, "/area/%s/", req->azArg[0]));
}

static void set_last_modified(Req *req, const char *zTime) {
    int64_t t = util_parse_time(zTime);
    if (t <= 0) return;
    char *z = arena_alloc(req->a, 32);
    http_date(t, z, 32);
    req->zLastMod = z;
}

/* Fill the item page data shared by the live page and old versions. */
static int item_page(Req *req, Item *p, int64_t iShown) {
    Unit *pUnit = unit_by_id(req->db, req->a, p->iUnit);
    TVal *d = page_data(req, p->zTitle, "gk");
    if (pUnit) add_unit_info(d, pUnit);
    TVal *it = tv_child(d, "item");
    tv_int(it, "id", p->id);
    tv_str(it, "title", p->zTitle);
    tv_str(it, "index_no", p->zIndexNo);
    tv_str(it, "topic", p->zTopic);
    tv_str(it, "issuer", p->zIssuer);
    tv_str(it, "written_at", p->zWrittenAt);
    tv_str(it, "docno", p->zDocno);
    tv_str(it, "published_at", p->zPublishedAt);
    tv_str(it, "genre", p->zGenre);
    tv_str(it, "validity", p->zValidity);
    tv_str(it, "disclosure", p->zDisclosure);
    tv_str(it, "column", p->zColumnName);
    tv_str(it, "column_url", arena_printf(req->a, "/gk/%s/%s/", p->zUnitCode, p->zColumnSlug));
    tv_str(it, "updated", page_date(req->a, p->zUpdatedAt));
    tv_int(it, "version", iShown);
    tv_bool(it, "old", iShown != p->iLiveVersion);
    tv_str(it, "live_url", item_url(req->a, p->id));
    tv_html(it, "body", render_body(req->a, p->zFormat, p->zBody));
    Attachment *aAtt;
    int nAtt;
    int rc = att_list(req->db, req->a, p->id, 1, &aAtt, &nAtt);
    if (rc) return rc;
    TVal *pAtt = tv_list(it, "attachments");
    for (int i = 0; i < nAtt; i++) {
        if (aAtt[i].iVersion > iShown) continue;
        TVal *t = tv_push(pAtt);
        tv_str(t, "name", aAtt[i].zName);
        tv_str(t, "url", arena_printf(req->a, "/attachments/%lld", (long long)aAtt[i].id));
        tv_bool(t, "image", strncmp(aAtt[i].zMime, "image/", 6) == 0);
        tv_bool(t, "video", strncmp(aAtt[i].zMime, "video/", 6) == 0);
        tv_str(t, "size", aAtt[i].nSize >= 1024 * 1024
                              ? arena_printf(req->a, "%.1f MB", (double)aAtt[i].nSize / 1048576.0)
                              : arena_printf(req->a, "%.1f KB", (double)aAtt[i].nSize / 1024.0));
    }
    if ((rc = interpret_page_data(req, p, it))) return rc;
    if ((rc = norms_page_data(req, p, it))) return rc;
    VersionRow *aVer;
    int nVer;
    if ((rc = item_versions(req->db, req->a, p->id, &aVer, &nVer))) return rc;
    if (nVer > 1) {
        TVal *pHist = tv_list(it, "history");
        for (int i = 0; i < nVer; i++) {
            TVal *t = tv_push(pHist);
            tv_int(t, "version", aVer[i].iVersion);
            tv_str(t, "date", page_date(req->a, aVer[i].zPublishedAt));
            tv_str(t, "note", aVer[i].zChangeNote);
            tv_str(t, "url", arena_printf(req->a, "/items/%lld/v/%lld", (long long)p->id,
                                          (long long)aVer[i].iVersion));
            tv_bool(t, "shown", aVer[i].iVersion == iShown);
        }
    }
    if (iShown == p->iLiveVersion && (rc = consult_item_page(req, p->id, it))) return rc;
    set_last_modified(req, p->zUpdatedAt);
    return page_render(req, "site/item.html", d);
}

/* 410 with the withdrawal notice at the old address. */
static int item_gone(Req *req, Item *p) {
    req->status = 410;
    req->bNoCache = 1;
    TVal *d = page_data(req, "信息已撤回", "gk");
    TVal *it = tv_child(d, "item");
    tv_str(it, "title", p->zTitle);
    tv_str(it, "index_no", p->zIndexNo);
    tv_str(it, "unit", p->zUnitName);
    tv_str(it, "withdrawn_at", page_date(req->a, p->zWithdrawnAt));
    tv_str(it, "reason", p->zWithdrawReason);
    tv_str(it, "column_url", arena_printf(req->a, "/gk/%s/%s/", p->zUnitCode, p->zColumnSlug));
    return page_render(req, "site/gone.html", d);
}

int site_item(Req *req) {
    Item *p = item_public(req->db, req->a, req->aiArg[0]);
    if (!p) return http_fail(req, ZW_ENOTFOUND, "not_found", "该信息不存在或尚未发布");
    if (strcmp(p->zState, "withdrawn") == 0) return item_gone(req, p);
    return item_page(req, p, p->iLiveVersion);
}

int site_item_version(Req *req) {
    Item *p = item_version(req->db, req->a, req->aiArg[0], req->aiArg[1]);
    if (!p) return http_fail(req, ZW_ENOTFOUND, "not_found", "该版本不存在");
    if (strcmp(p->zState, "withdrawn") == 0) return item_gone(req, p);
    int64_t iLive = p->iLiveVersion;
    return item_page(req, p, req->aiArg[1] <= iLive ? req->aiArg[1] : iLive);
}

int site_attachment(Req *req) {
    Attachment *t = att_get(req->db, req->a, req->aiArg[0]);
    if (!t || t->iVersion == 0) return http_fail(req, ZW_ENOTFOUND, "not_found", "附件不存在");
    Item *p = item_get(req->db, req->a, t->iItem);
    if (!p || strcmp(p->zState, "withdrawn") == 0) {
        return http_fail(req, ZW_EGONE, "gone", "该附件所属信息已撤回");
    }
    req->zType = t->zMime;
    req->pOutRaw = t->pData;
    req->nOutRaw = (size_t)t->nSize;
    Str cd;
    str_init(&cd, req->a);
    /* Pictures and videos show inline on the item page (图示图解, 视频解读). */
    int bInline = strncmp(t->zMime, "image/", 6) == 0 || strncmp(t->zMime, "video/", 6) == 0;
    str_puts(&cd, bInline ? "inline; filename*=UTF-8''" : "attachment; filename*=UTF-8''");
    str_url(&cd, t->zName);
    http_add_header(req, "Content-Disposition", str_cstr(&cd));
    set_last_modified(req, t->zCreatedAt);
    return ZW_OK;
}

/* Atom feed of a column (/gk/{unit}/{slug}/feed.xml) or an area (/area/{slug}/feed.xml). */
int site_feed(Req *req) {
    ItemQuery q;
    memset(&q, 0, sizeof q);
    const char *zTitle, *zHtmlUrl;
    if (req->nStr == 2) {
        Unit *pUnit = unit_by_code(req->db, req->a, req->azArg[0]);
        Column *pCol = pUnit ? col_by_slug(req->db, req->a, pUnit->id, req->azArg[1]) : NULL;
        if (!pCol) return http_fail(req, ZW_ENOTFOUND, "not_found", "该栏目不存在");
        q.iColumn = pCol->id;
        zTitle = arena_printf(req->a, "%s - %s", pUnit->zName, pCol->zName);
        zHtmlUrl = arena_printf(req->a, "/gk/%s/%s/", pUnit->zCode, pCol->zSlug);
    } else {
        const char *zName = col_std_name(req->azArg[0]);
        if (!zName) return http_fail(req, ZW_ENOTFOUND, "not_found", "该栏目不存在");
        q.zSlug = req->azArg[0];
        zTitle = arena_printf(req->a, "西吉县 - %s", zName);
        zHtmlUrl = arena_printf(req->a, "/area/%s/", req->azArg[0]);
    }
    q.bPublic = 1;
    q.iPage = 1;
    q.nPerPage = 30;
    ItemRow *aRow;
    int nRow;
    int64_t nTotal;
    int rc = item_list(req->db, req->a, &q, &aRow, &nRow, &nTotal);
    if (rc) return rc;
    TVal *d = tv_obj(req->a);
    tv_str(d, "title", zTitle);
    tv_str(d, "base", zBaseUrl);
    tv_str(d, "html_url", zHtmlUrl);
    tv_str(d, "self", req->zPath);
    const char *zUpdated = "2021-01-01T00:00:00Z";
    TVal *pList = tv_list(d, "entries");
    for (int i = 0; i < nRow; i++) {
        if (strcmp(aRow[i].zUpdatedAt, zUpdated) > 0) zUpdated = aRow[i].zUpdatedAt;
        Item *p = item_public(req->db, req->a, aRow[i].id);
        TVal *t = tv_push(pList);
        tv_str(t, "title", aRow[i].zTitle);
        tv_str(t, "url", item_url(req->a, aRow[i].id));
        tv_str(t, "updated", aRow[i].zUpdatedAt);
        tv_str(t, "published", arena_printf(req->a, "%sT00:00:00Z", aRow[i].zPublishedAt));
        tv_str(t, "author", aRow[i].zUnitName);
        tv_str(t, "summary", p ? render_summary(req->a, p->zBody, 200) : "");
    }
    tv_str(d, "updated", zUpdated);
    req->zType = "application/atom+xml; charset=utf-8";
    return page_render(req, "site/atom.xml", d);
}

int site_sitemap(Req *req) {
    ItemQuery q;
    memset(&q, 0, sizeof q);
    q.bPublic = 1;
    q.iPage = 1;
    q.nPerPage = 45000; /* the sitemap protocol allows 50,000 URLs a file */
    ItemRow *aRow;
    int nRow;
    int64_t nTotal;
    int rc = item_list(req->db, req->a, &q, &aRow, &nRow, &nTotal);
    if (rc) return rc;
    TVal *d = tv_obj(req->a);
    tv_str(d, "base", zBaseUrl);
    TVal *pList = tv_list(d, "urls");
    Unit *aUnit;
    int nUnit;
    if ((rc = unit_list(req->db, req->a, &aUnit, &nUnit))) return rc;
    tv_str(tv_push(pList), "loc", "/");
    tv_str(tv_push(pList), "loc", "/gk/");
    tv_str(tv_push(pList), "loc", "/units");
    for (int i = 0; i < nUnit; i++) {
        tv_str(tv_push(pList), "loc", arena_printf(req->a, "/gk/%s/", aUnit[i].zCode));
    }
    for (int i = 0; i < nRow; i++) {
        TVal *t = tv_push(pList);
        tv_str(t, "loc", item_url(req->a, aRow[i].id));
        tv_str(t, "lastmod", page_date(req->a, aRow[i].zUpdatedAt));
    }
    req->zType = "application/xml; charset=utf-8";
    return page_render(req, "site/sitemap.xml", d);
}

int site_log(Req *req) {
    int64_t iAfter;
    int rc = http_arg_int(req, "after", 0, INT64_MAX / 2, 0, &iAfter);
    if (rc) return rc;
    TlogEntry *aE;
    int nE;
    if ((rc = tlog_list(req->db, req->a, iAfter, 50, &aE, &nE))) return rc;
    TVal *d = page_data(req, "信息发布公开日志", "log");
    TVal *pList = tv_list(d, "entries");
    for (int i = 0; i < nE; i++) {
        TVal *t = tv_push(pList);
        tv_int(t, "seq", aE[i].iSeq);
        tv_str(t, "prev", aE[i].zPrev);
        tv_str(t, "hash", aE[i].zHash);
        tv_str(t, "payload", aE[i].zPayload);
        Json *pJ;
        if (json_parse(req->a, aE[i].zPayload, strlen(aE[i].zPayload), &pJ, NULL) == ZW_OK) {
            const char *zAct = json_get_str(pJ, "action");
            tv_str(t, "action", !zAct ? "" : strcmp(zAct, "publish") == 0 ? "发布"
                                : strcmp(zAct, "update") == 0 ? "更新" : "撤回");
            tv_str(t, "time", json_get_str(pJ, "time"));
            int64_t iItem = 0;
            json_get_int(pJ, "item", &iItem);
            tv_str(t, "item_url", item_url(req->a, iItem));
            tv_int(t, "item", iItem);
        }
    }
    if (nE == 50) tv_str(d, "next", arena_printf(req->a, "/log?after=%lld", (long long)aE[nE - 1].iSeq));
    return page_render(req, "site/log.html", d);
}

static const char *static_type(const char *zName) {
    const char *zDot = strrchr(zName, '.');
    if (!zDot) return "application/octet-stream";
    if (strcmp(zDot, ".css") == 0) return "text/css; charset=utf-8";
    if (strcmp(zDot, ".js") == 0) return "text/javascript; charset=utf-8";
    if (strcmp(zDot, ".svg") == 0) return "image/svg+xml";
    if (strcmp(zDot, ".png") == 0) return "image/png";
    if (strcmp(zDot, ".ico") == 0) return "image/x-icon";
    if (strcmp(zDot, ".txt") == 0) return "text/plain; charset=utf-8";
    return "application/octet-stream";
}

int site_static(Req *req) {
    const char *zFile = req->azArg[0];
    if (strstr(zFile, "..") || strchr(zFile, '/')) {
        return http_fail(req, ZW_ENOTFOUND, "not_found", "文件不存在");
    }
    const char *zPath = arena_printf(req->a, "static/%s", zFile);
    req->zType = static_type(zFile);
    if (zStaticDir) {
        FILE *f = fopen(arena_printf(req->a, "%s/%s", zStaticDir, zFile), "rb");
        if (!f) return http_fail(req, ZW_ENOTFOUND, "not_found", "文件不存在");
        char buf[8192];
        size_t n;
        while ((n = fread(buf, 1, sizeof buf, f)) > 0) str_append(&req->out, buf, n);
        fclose(f);
        return ZW_OK;
    }
    const EmbedFile *e = embed_find(zPath);
    if (!e) return http_fail(req, ZW_ENOTFOUND, "not_found", "文件不存在");
    req->pOutRaw = e->pData;
    req->nOutRaw = e->nData;
    http_add_header(req, "Cache-Control", "public, max-age=3600");
    return ZW_OK;
}

int site_a11y(Req *req) {
    const char *zMode = http_arg(req, "mode");
    const char *zValue = NULL;
    if (zMode && strcmp(zMode, "large") == 0) zValue = "large";
    else if (zMode && strcmp(zMode, "hc") == 0) zValue = "hc";
    else if (zMode && strcmp(zMode, "large-hc") == 0) zValue = "large-hc";
    if (zValue) {
        http_add_header(req, "Set-Cookie",
                        arena_printf(req->a, "zwgk_a11y=%s; Path=/; SameSite=Lax; Max-Age=31536000", zValue));
    } else {
        http_add_header(req, "Set-Cookie", "zwgk_a11y=; Path=/; SameSite=Lax; Max-Age=0");
    }
    const char *zBack = http_arg(req, "back");
    if (!zBack || zBack[0] != '/' || zBack[1] == '/' || strpbrk(zBack, "\r\n\\")) zBack = "/";
    return http_redirect(req, zBack);
}

int site_favicon(Req *req) {
    const EmbedFile *e = embed_find("static/favicon.svg");
    if (!e) return http_fail(req, ZW_ENOTFOUND, "not_found", "文件不存在");
    req->zType = "image/svg+xml";
    req->pOutRaw = e->pData;
    req->nOutRaw = e->nData;
    http_add_header(req, "Cache-Control", "public, max-age=86400");
    return ZW_OK;
}

int site_healthz(Req *req) {
    req->zType = "text/plain; charset=utf-8";
    req->bNoCache = 1;
    str_puts(&req->out, "ok\n");
    return ZW_OK;
}

static const char *arg_get(void *pCtx, const char *zName) {
    return http_arg(pCtx, zName);
}

/* The filter choices of the search form, with the current ones selected. */
static int add_search_options(Req *req, TVal *d, const SearchFilter *f) {
    Unit *aUnit;
    int nUnit;
    int rc = unit_list(req->db, req->a, &aUnit, &nUnit);
    if (rc) return rc;
    TVal *pUnits = tv_list(d, "units");
    for (int i = 0; i < nUnit; i++) {
        TVal *t = tv_push(pUnits);
        tv_str(t, "code", aUnit[i].zCode);
        tv_str(t, "name", aUnit[i].zName);
        tv_bool(t, "selected", f->zUnit && strcmp(f->zUnit, aUnit[i].zCode) == 0);
    }
    TVal *pAreas = tv_list(d, "areas");
    for (const StdColumn *c = g_aStdColumn; c->zSlug; c++) {
        TVal *t = tv_push(pAreas);
        tv_str(t, "slug", c->zSlug);
        tv_str(t, "name", c->zName);
        tv_bool(t, "selected", f->zArea && strcmp(f->zArea, c->zSlug) == 0);
    }
    static const char *const azGenre[] = {"通知", "通告", "公告", "意见", "办法", "决定", "报告",
                                          "规划", "方案", "批复", "公示", "解读", "年报", "指南", "制度", NULL};
    TVal *pGenres = tv_list(d, "genres");
    for (int i = 0; azGenre[i]; i++) {
        TVal *t = tv_push(pGenres);
        tv_str(t, "name", azGenre[i]);
        tv_bool(t, "selected", f->zGenre && strcmp(f->zGenre, azGenre[i]) == 0);
    }
    static const char *const azValid[] = {"有效", "已修改", "已废止", "已失效", NULL};
    TVal *pValid = tv_list(d, "validities");
    for (int i = 0; azValid[i]; i++) {
        TVal *t = tv_push(pValid);
        tv_str(t, "name", azValid[i]);
        tv_bool(t, "selected", f->zValidity && strcmp(f->zValidity, azValid[i]) == 0);
    }
    TVal *pYears = tv_list(d, "years");
    for (int y = util_year(util_now()); y >= 2015; y--) {
        TVal *t = tv_push(pYears);
        tv_int(t, "year", y);
        tv_bool(t, "selected", f->iYear == y);
    }
    tv_bool(d, "by_date", f->bByDate);
    return ZW_OK;
}

int site_search(Req *req) {
    TVal *d = page_data(req, "站内检索", "search");
    SearchFilter f;
    int rc = search_filter_parse(req->db, req->a, arg_get, req, &f, &req->err);
    if (rc) return rc;
    if ((rc = add_search_options(req, d, &f))) return rc;
    SearchQuery q;
    Err err = {0};
    const char *zQ = http_arg(req, "q");
    tv_str(d, "q", zQ);
    if (query_parse(req->a, zQ, &q, &err) != ZW_OK) {
        tv_str(d, "notice", err.zMsg);
        return page_render(req, "site/search.html", d);
    }
    if (!q.zMatch) {
        tv_bool(d, "empty", 1);
        if (zQ && *zQ) tv_str(d, "notice", "检索词中没有可查找的文字或数字，请换一个词。");
        return page_render(req, "site/search.html", d);
    }
    SearchHit *aHit;
    int nHit;
    int64_t nTotal;
    if ((rc = search_run(req->db, req->a, &q, &f, &aHit, &nHit, &nTotal, &err))) {
        if (rc != ZW_EINPUT) return rc;
        tv_str(d, "notice", err.zMsg);
        return page_render(req, "site/search.html", d);
    }
    tv_bool(d, "searched", 1);
    tv_int(d, "total", nTotal);
    tv_str(d, "total_text", search_total_text(req->a, nTotal));
    TVal *pList = tv_list(d, "hits");
    for (int i = 0; i < nHit; i++) {
        TVal *t = tv_push(pList);
        tv_html(t, "title", aHit[i].title);
        tv_html(t, "snippet", aHit[i].snippet);
        tv_str(t, "url", item_url(req->a, aHit[i].id));
        tv_str(t, "unit", aHit[i].zUnit);
        tv_html(t, "docno", aHit[i].docno);
        tv_str(t, "date", aHit[i].zDate);
        tv_str(t, "column", aHit[i].zColumn);
        tv_str(t, "validity", aHit[i].zValidity);
    }
    /* Pager links keep every filter. */
    Str base;
    str_init(&base, req->a);
    str_puts(&base, "/search?q=");
    str_url(&base, q.zShown);
    static const char *const azKeep[] = {"unit", "area", "genre", "year", "validity", "sort", NULL};
    for (int i = 0; azKeep[i]; i++) {
        const char *z = http_arg(req, azKeep[i]);
        if (z && *z) {
            str_appendf(&base, "&%s=", azKeep[i]);
            str_url(&base, z);
        }
    }
    /* Pages reach the 1,000th page (date order) or the ranked window (relevance). */
    int64_t nReach = f.bByDate ? 1000 * f.nPerPage : SEARCH_RANK_WINDOW;
    page_pager(req, d, f.iPage, f.nPerPage, nTotal > nReach ? nReach : nTotal, str_cstr(&base));
    tv_str(d, "sort_date_url", arena_printf(req->a, "%s&sort=date", str_cstr(&base)));
    tv_str(d, "sort_rel_url", str_cstr(&base));
    return page_render(req, "site/search.html", d);
}
