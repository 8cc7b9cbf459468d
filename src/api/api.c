// SPDX-License-Identifier: MIT
/*
** api.c: JSON handlers.  Input is validated here (types of JSON members) and in
** publish/ (values); output is written with str_json, which escapes <>& too.
*/
#include "api.h"

#include <string.h>

#include "../auth/auth.h"
#include "../core/log.h"
#include "../interpret/interpret.h"
#include "../interpret/taxonomy.h"
#include "../publish/publish.h"
#include "../search/search.h"
#include "../web/page.h"

#define API_MAX_PER_PAGE 100

/* The 政策文件 / 政策解读 members: kind scope major form stage audience interprets. */
static int read_policy_input(Req *req, ItemInput *in) {
    int rc;
    static const char *const azKey[] = {"kind", "scope", "form", "stage"};
    const char **apz[] = {&in->zKind, &in->zScope, &in->zForm, &in->zStage};
    for (size_t i = 0; i < sizeof azKey / sizeof azKey[0]; i++) {
        if ((rc = http_json_str(req, azKey[i], apz[i]))) return rc;
    }
    int r = json_get_bool(req->pJson, "major", &in->bMajor);
    if (r < 0) return http_fail(req, ZW_EINPUT, "bad_field", "字段 major 应为 true 或 false");
    in->bMajorSet = r == 1;
    Json *j = json_get(req->pJson, "audience");
    if (j) {
        TaxTowns towns;
        if (taxonomy_towns(req->db, req->a, &towns) != ZW_OK) {
            return http_fail(req, ZW_EDB, "db", "读取乡镇列表失败");
        }
        if ((rc = taxonomy_normalize(req->a, &towns, j, &in->zAudience, &req->err))) return rc;
    }
    j = json_get(req->pJson, "interprets");
    if (j && j->eType != JSON_NULL) {
        if (j->eType != JSON_ARR || j->nChild > INTERP_MAX_LINKS) {
            return http_fail(req, ZW_EINPUT, "bad_field",
                             "字段 interprets 应为政策文件编号的数组（最多 20 个）");
        }
        int64_t *aId = arena_alloc(req->a, sizeof *aId * (size_t)(j->nChild + 1));
        int n = 0;
        for (Json *e = j->pChild; e; e = e->pNext) {
            if (json_int(e, &aId[n]) != 1 || aId[n] <= 0) {
                return http_fail(req, ZW_EINPUT, "bad_field", "字段 interprets 的元素应为正整数");
            }
            n++;
        }
        in->bInterpretsSet = 1;
        in->aInterprets = aId;
        in->nInterprets = n;
    }
    return ZW_OK;
}

static int read_input(Req *req, ItemInput *in) {
    int rc;
    memset(in, 0, sizeof *in);
    if ((rc = http_json_body(req))) return rc;
    static const char *const azKey[] = {"unit", "title", "body", "docno", "issuer", "written_at",
                                        "topic", "genre", "validity", "disclosure", "format",
                                        "change_note"};
    const char **apz[] = {&in->zUnit, &in->zTitle, &in->zBody, &in->zDocno, &in->zIssuer,
                          &in->zWrittenAt, &in->zTopic, &in->zGenre, &in->zValidity,
                          &in->zDisclosure, &in->zFormat, &in->zChangeNote};
    for (size_t i = 0; i < sizeof azKey / sizeof azKey[0]; i++) {
        if ((rc = http_json_str(req, azKey[i], apz[i]))) return rc;
    }
    int64_t iCol = 0;
    int r = json_get_int(req->pJson, "column", &iCol);
    if (r < 0 || (r == 1 && iCol <= 0)) {
        return http_fail(req, ZW_EINPUT, "bad_field", "字段 column 应为栏目编号（正整数）");
    }
    in->iColumn = iCol;
    return read_policy_input(req, in);
}

static void json_kv(Str *s, const char *zKey, const char *zVal, int bFirst) {
    if (!bFirst) str_putc(s, ',');
    str_json(s, zKey);
    str_putc(s, ':');
    str_json(s, zVal);
}

static void item_row_json(Str *s, const ItemRow *r) {
    str_appendf(s, "{\"id\":%lld", (long long)r->id);
    json_kv(s, "title", r->zTitle, 0);
    json_kv(s, "docno", r->zDocno, 0);
    json_kv(s, "index_no", r->zIndexNo, 0);
    json_kv(s, "unit", r->zUnitCode, 0);
    str_appendf(s, ",\"column\":%lld", (long long)r->iColumn);
    json_kv(s, "published_at", r->zPublishedAt[0] ? r->zPublishedAt : NULL, 0);
    json_kv(s, "state", r->zState, 0);
    str_appendf(s, ",\"url\":\"/items/%lld\"}", (long long)r->id);
}

/* The policy members of an item: kind and, for a policy, scope, major, audience and
** its interpretations; for an interpretation, form, stage and the policies. */
static void policy_json(Req *req, Str *s, const Item *p, int bStaff) {
    json_kv(s, "kind", p->zKind, 0);
    if (!p->zKind[0]) return;
    InterpLink *aLink;
    int nLink;
    if (interpret_links(req->db, req->a, p->id, p->zKind, !bStaff, &aLink, &nLink) != ZW_OK) nLink = 0;
    if (strcmp(p->zKind, "policy") == 0) {
        json_kv(s, "scope", p->zScope, 0);
        str_appendf(s, ",\"major\":%s,\"audience\":%s,\"interpretations\":[",
                    p->bMajor ? "true" : "false", p->zAudience[0] ? p->zAudience : "{}");
        for (int i = 0; i < nLink; i++) {
            str_appendf(s, "%s{\"id\":%lld", i ? "," : "", (long long)aLink[i].id);
            json_kv(s, "title", aLink[i].zTitle, 0);
            json_kv(s, "form", aLink[i].zForm, 0);
            json_kv(s, "stage", aLink[i].zStage, 0);
            json_kv(s, "published_at", aLink[i].zPublishedAt[0] ? aLink[i].zPublishedAt : NULL, 0);
            str_appendf(s, ",\"url\":\"/items/%lld\"}", (long long)aLink[i].id);
        }
        str_putc(s, ']');
    } else {
        json_kv(s, "form", p->zForm, 0);
        json_kv(s, "stage", p->zStage, 0);
        str_puts(s, ",\"interprets\":[");
        for (int i = 0; i < nLink; i++) str_appendf(s, "%s%lld", i ? "," : "", (long long)aLink[i].id);
        str_putc(s, ']');
    }
}

static void item_json(Req *req, Str *s, const Item *p, int bStaff) {
    str_appendf(s, "{\"id\":%lld", (long long)p->id);
    json_kv(s, "unit", p->zUnitCode, 0);
    str_appendf(s, ",\"column\":%lld", (long long)p->iColumn);
    json_kv(s, "state", p->zState, 0);
    json_kv(s, "index_no", p->zIndexNo, 0);
    json_kv(s, "title", p->zTitle, 0);
    json_kv(s, "issuer", p->zIssuer, 0);
    json_kv(s, "docno", p->zDocno, 0);
    json_kv(s, "written_at", p->zWrittenAt, 0);
    json_kv(s, "published_at", p->zPublishedAt, 0);
    json_kv(s, "topic", p->zTopic, 0);
    json_kv(s, "genre", p->zGenre, 0);
    json_kv(s, "validity", p->zValidity, 0);
    json_kv(s, "disclosure", p->zDisclosure, 0);
    json_kv(s, "format", p->zFormat, 0);
    json_kv(s, "body", p->zBody, 0);
    str_appendf(s, ",\"version\":%lld", (long long)p->iLiveVersion);
    json_kv(s, "updated_at", p->zUpdatedAt, 0);
    if (strcmp(p->zState, "withdrawn") == 0) {
        json_kv(s, "withdrawn_at", p->zWithdrawnAt, 0);
        json_kv(s, "withdraw_reason", p->zWithdrawReason, 0);
    }
    policy_json(req, s, p, bStaff);
    if (bStaff) {
        json_kv(s, "change_note", p->zChangeNote, 0);
        json_kv(s, "reject_reason", p->zRejectReason, 0);
        json_kv(s, "modified_at", p->zModifiedAt, 0);
    }
    str_appendf(s, ",\"url\":\"/items/%lld\"}", (long long)p->id);
}

int api_units(Req *req) {
    Unit *aUnit;
    int nUnit;
    int rc = unit_list(req->db, req->a, &aUnit, &nUnit);
    if (rc) return rc;
    http_json_reply(req, 200);
    Str *s = &req->out;
    str_puts(s, "{\"units\":[");
    for (int i = 0; i < nUnit; i++) {
        if (i) str_putc(s, ',');
        str_appendf(s, "{\"id\":%lld", (long long)aUnit[i].id);
        json_kv(s, "code", aUnit[i].zCode, 0);
        json_kv(s, "name", aUnit[i].zName, 0);
        json_kv(s, "kind", aUnit[i].zKind, 0);
        json_kv(s, "org_code", aUnit[i].zOrgCode, 0);
        Unit *pParent = aUnit[i].iParent ? unit_by_id(req->db, req->a, aUnit[i].iParent) : NULL;
        json_kv(s, "parent", pParent ? pParent->zCode : NULL, 0);
        str_putc(s, '}');
    }
    str_puts(s, "]}");
    return ZW_OK;
}

int api_columns(Req *req) {
    const char *zUnit = http_arg(req, "unit");
    if (!zUnit) return http_fail(req, ZW_EINPUT, "missing_parameter", "缺少参数 unit（单位代码）");
    Unit *pUnit = unit_by_code(req->db, req->a, zUnit);
    if (!pUnit) return http_fail(req, ZW_EINPUT, "unknown_unit", "单位不存在");
    Column *aCol;
    int nCol;
    int rc = col_tree(req->db, req->a, pUnit->id, &aCol, &nCol);
    if (rc) return rc;
    http_json_reply(req, 200);
    Str *s = &req->out;
    str_puts(s, "{\"unit\":");
    str_json(s, pUnit->zCode);
    str_puts(s, ",\"columns\":[");
    for (int i = 0; i < nCol; i++) {
        if (i) str_putc(s, ',');
        str_appendf(s, "{\"id\":%lld", (long long)aCol[i].id);
        json_kv(s, "slug", aCol[i].zSlug, 0);
        json_kv(s, "name", aCol[i].zName, 0);
        if (aCol[i].iParent) {
            str_appendf(s, ",\"parent\":%lld", (long long)aCol[i].iParent);
        } else {
            str_puts(s, ",\"parent\":null");
        }
        str_appendf(s, ",\"depth\":%d}", aCol[i].iDepth);
    }
    str_puts(s, "]}");
    return ZW_OK;
}

static const char *arg_get(void *pCtx, const char *zName) {
    return http_arg(pCtx, zName);
}

/* GET /api/v1/items?q=...: the search page's results as JSON, with snippets. */
static int api_search(Req *req) {
    SearchFilter f;
    SearchQuery q;
    int rc = search_filter_parse(req->db, req->a, arg_get, req, &f, &req->err);
    if (!rc) rc = query_parse(req->a, http_arg(req, "q"), &q, &req->err);
    if (rc) return rc;
    SearchHit *aHit = NULL;
    int nHit = 0;
    int64_t nTotal = 0;
    if (q.zMatch && (rc = search_run(req->db, req->a, &q, &f, &aHit, &nHit, &nTotal, &req->err))) {
        return rc;
    }
    http_json_reply(req, 200);
    search_json(&req->out, &q, &f, aHit, nHit, nTotal);
    return ZW_OK;
}

int api_items(Req *req) {
    if (http_arg(req, "q")) return api_search(req);
    ItemQuery q;
    memset(&q, 0, sizeof q);
    int rc;
    if ((rc = http_arg_int(req, "page", 1, 100000, 1, &q.iPage))) return rc;
    if ((rc = http_arg_int(req, "per_page", 1, API_MAX_PER_PAGE, 20, &q.nPerPage))) return rc;
    if ((rc = http_arg_int(req, "column", 1, INT64_MAX / 2, 0, &q.iColumn))) return rc;
    q.zUnit = http_arg(req, "unit");
    if (q.zUnit && !unit_by_code(req->db, req->a, q.zUnit)) {
        return http_fail(req, ZW_EINPUT, "unknown_unit", "单位不存在");
    }
    if (q.iColumn && !col_by_id(req->db, req->a, q.iColumn)) {
        return http_fail(req, ZW_EINPUT, "unknown_column", "栏目不存在");
    }
    User *u = page_user(req);
    const char *zState = http_arg(req, "state");
    if (zState && strcmp(zState, "draft") != 0 && strcmp(zState, "pending") != 0 &&
        strcmp(zState, "published") != 0 && strcmp(zState, "withdrawn") != 0) {
        return http_fail(req, ZW_EINPUT, "bad_parameter", "参数 state 应为 draft、pending、published 或 withdrawn");
    }
    if (u) {
        /* Staff see every state of the items they may act on. */
        q.zState = zState;
        if (u->eRole != ROLE_ADMIN) q.iUnitOnly = u->iUnit;
    } else {
        if (zState && strcmp(zState, "published") != 0) {
            return http_fail(req, ZW_EAUTH, "login_required", "查看草稿需要登录");
        }
        q.bPublic = 1;
    }
    ItemRow *aRow;
    int nRow;
    int64_t nTotal;
    if ((rc = item_list(req->db, req->a, &q, &aRow, &nRow, &nTotal))) return rc;
    http_json_reply(req, 200);
    Str *s = &req->out;
    str_appendf(s, "{\"total\":%lld,\"page\":%lld,\"per_page\":%lld,\"items\":[", (long long)nTotal,
                (long long)q.iPage, (long long)q.nPerPage);
    for (int i = 0; i < nRow; i++) {
        if (i) str_putc(s, ',');
        item_row_json(s, &aRow[i]);
    }
    str_puts(s, "]}");
    return ZW_OK;
}

int api_item(Req *req) {
    User *u = page_user(req);
    Item *p = item_get(req->db, req->a, req->aiArg[0]);
    int bStaff = p && auth_check(u, p->iUnit, ROLE_EDITOR, NULL) == ZW_OK;
    if (p && !bStaff) p = item_public(req->db, req->a, req->aiArg[0]);
    if (!p) return http_fail(req, ZW_ENOTFOUND, "not_found", "信息不存在");
    if (!bStaff && strcmp(p->zState, "withdrawn") == 0) {
        http_json_reply(req, 410);
        str_appendf(&req->out, "{\"error\":{\"code\":\"gone\",\"message\":\"该信息已撤回\"},"
                               "\"id\":%lld,", (long long)p->id);
        json_kv(&req->out, "withdrawn_at", p->zWithdrawnAt, 1);
        json_kv(&req->out, "reason", p->zWithdrawReason, 0);
        str_putc(&req->out, '}');
        return ZW_OK;
    }
    http_json_reply(req, 200);
    item_json(req, &req->out, p, bStaff);
    return ZW_OK;
}

static int reply_item(Req *req, int64_t id, int status) {
    Item *p = item_get(req->db, req->a, id);
    if (!p) return http_fail(req, ZW_ENOTFOUND, "not_found", "信息不存在");
    http_json_reply(req, status);
    item_json(req, &req->out, p, 1);
    return ZW_OK;
}

int api_item_create(Req *req) {
    ItemInput in;
    int rc = read_input(req, &in);
    if (rc) return rc;
    int64_t id;
    rc = item_create(req->db, req->a, page_user(req), req->zIp, &in, &id, &req->err);
    if (rc) return rc;
    return reply_item(req, id, 201);
}

int api_item_update(Req *req) {
    ItemInput in;
    int rc = read_input(req, &in);
    if (rc) return rc;
    if (in.zUnit) return http_fail(req, ZW_EINPUT, "bad_field", "不能修改信息所属单位");
    rc = item_update(req->db, req->a, page_user(req), req->zIp, req->aiArg[0], &in, &req->err);
    if (rc) return rc;
    return reply_item(req, req->aiArg[0], 200);
}

int api_item_action(Req *req) {
    const char *zAction = req->azArg[0];
    User *u = page_user(req);
    int64_t id = req->aiArg[0];
    int rc;
    const char *zReason = NULL;
    if (strcmp(zAction, "reject") == 0 || strcmp(zAction, "withdraw") == 0) {
        if ((rc = http_json_body(req))) return rc;
        if ((rc = http_json_str(req, "reason", &zReason))) return rc;
    }
    if (strcmp(zAction, "submit") == 0) {
        rc = item_submit(req->db, req->a, u, req->zIp, id, &req->err);
    } else if (strcmp(zAction, "approve") == 0) {
        rc = item_approve(req->db, req->a, u, req->zIp, id, &req->err);
    } else if (strcmp(zAction, "reject") == 0) {
        rc = item_reject(req->db, req->a, u, req->zIp, id, zReason, &req->err);
    } else if (strcmp(zAction, "withdraw") == 0) {
        rc = item_withdraw(req->db, req->a, u, req->zIp, id, zReason, &req->err);
    } else {
        return http_fail(req, ZW_ENOTFOUND, "not_found", "不支持的操作");
    }
    if (rc) return rc;
    return reply_item(req, id, 200);
}

int api_item_attach(Req *req) {
    const char *zName = http_arg(req, "name");
    int64_t iAtt;
    if (!zName) return http_fail(req, ZW_EINPUT, "missing_parameter", "缺少参数 name（附件文件名）");
    int rc = att_add(req->db, req->a, page_user(req), req->zIp, req->aiArg[0], zName, req->pBody,
                     req->nBody, &iAtt, &req->err);
    if (rc) return rc;
    http_json_reply(req, 201);
    str_appendf(&req->out, "{\"id\":%lld,\"item\":%lld,", (long long)iAtt, (long long)req->aiArg[0]);
    json_kv(&req->out, "name", zName, 1);
    str_putc(&req->out, '}');
    return ZW_OK;
}

int api_log(Req *req) {
    int64_t iAfter, nLimit;
    int rc = http_arg_int(req, "after", 0, INT64_MAX / 2, 0, &iAfter);
    if (!rc) rc = http_arg_int(req, "limit", 1, 1000, 100, &nLimit);
    if (rc) return rc;
    TlogEntry *aE;
    int nE;
    if ((rc = tlog_list(req->db, req->a, iAfter, (int)nLimit, &aE, &nE))) return rc;
    http_json_reply(req, 200);
    Str *s = &req->out;
    str_puts(s, "{\"entries\":[");
    for (int i = 0; i < nE; i++) {
        if (i) str_putc(s, ',');
        str_appendf(s, "{\"seq\":%lld", (long long)aE[i].iSeq);
        json_kv(s, "prev_hash", aE[i].zPrev, 0);
        json_kv(s, "hash", aE[i].zHash, 0);
        json_kv(s, "payload", aE[i].zPayload, 0);
        str_putc(s, '}');
    }
    str_puts(s, "]");
    if (nE == (int)nLimit) str_appendf(s, ",\"next\":\"/api/v1/log?after=%lld\"", (long long)aE[nE - 1].iSeq);
    str_puts(s, "}");
    return ZW_OK;
}
