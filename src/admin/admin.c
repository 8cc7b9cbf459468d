// SPDX-License-Identifier: MIT
/*
** admin.c: back-office handlers.  Reads go through publish/ and auth/; writes
** call the same workflow functions as the JSON API, so both paths enforce the
** same rules.  A failed form post re-renders the form with the user's input and
** the Chinese error, with status 4xx.
*/
#include "admin.h"

#include <string.h>

#include "../apply/apply_web.h"
#include "../auth/auth.h"
#include "../consult/consult_web.h"
#include "../core/log.h"
#include "../core/util.h"
#include "../interpret/interpret_web.h"
#include "../norms/norms_web.h"
#include "../publish/publish.h"
#include "../report/report_web.h"
#include "../text/gongwen.h"
#include "../text/mask.h"
#include "../web/page.h"

#define ADMIN_PER_PAGE 30

static const char *state_label(const char *z) {
    if (!z) return "";
    if (strcmp(z, "draft") == 0) return "草稿";
    if (strcmp(z, "pending") == 0) return "待审核";
    if (strcmp(z, "published") == 0) return "已发布";
    if (strcmp(z, "withdrawn") == 0) return "已撤回";
    return z;
}

/* Require a logged-in user with at least eRole; redirects to the login page. */
static User *need_user(Req *req, int eRole, int *pRc) {
    User *u = page_user(req);
    if (!u) {
        *pRc = http_redirect(req, "/admin/login");
        return NULL;
    }
    if (u->eRole < eRole) {
        *pRc = http_fail(req, ZW_EPERM, "forbidden", "您的角色无权访问该页面");
        return NULL;
    }
    *pRc = ZW_OK;
    return u;
}

static void push_rows(Req *req, TVal *pList, ItemRow *aRow, int nRow) {
    for (int i = 0; i < nRow; i++) {
        TVal *t = tv_push(pList);
        tv_int(t, "id", aRow[i].id);
        tv_str(t, "title", aRow[i].zTitle);
        tv_str(t, "url", arena_printf(req->a, "/admin/items/%lld", (long long)aRow[i].id));
        tv_str(t, "public_url", aRow[i].iLiveVersion ? arena_printf(req->a, "/items/%lld", (long long)aRow[i].id) : NULL);
        tv_str(t, "unit", aRow[i].zUnitName);
        tv_str(t, "column", aRow[i].zColumnName);
        tv_str(t, "state", aRow[i].zState);
        tv_str(t, "state_label", state_label(aRow[i].zState));
        tv_str(t, "modified", page_date(req->a, aRow[i].zModifiedAt));
        tv_str(t, "published", aRow[i].zPublishedAt);
        tv_str(t, "index_no", aRow[i].zIndexNo);
    }
}

static int list_into(Req *req, TVal *d, const char *zKey, ItemQuery *q, int64_t *pnTotal) {
    ItemRow *aRow;
    int nRow;
    int64_t nTotal;
    int rc = item_list(req->db, req->a, q, &aRow, &nRow, &nTotal);
    if (rc) return rc;
    push_rows(req, tv_list(d, zKey), aRow, nRow);
    if (pnTotal) *pnTotal = nTotal;
    return ZW_OK;
}

int admin_dashboard(Req *req) {
    int rc;
    User *u = need_user(req, ROLE_EDITOR, &rc);
    if (!u) return rc;
    TVal *d = page_data(req, "工作台", "dash");
    ItemQuery q;
    int64_t n;
    memset(&q, 0, sizeof q);
    q.iUnitOnly = u->eRole == ROLE_ADMIN ? 0 : u->iUnit;
    q.nPerPage = 10;
    q.zState = "draft";
    if ((rc = list_into(req, d, "drafts", &q, &n))) return rc;
    tv_int(d, "n_drafts", n);
    q.zState = "pending";
    if ((rc = list_into(req, d, "pending", &q, &n))) return rc;
    tv_int(d, "n_pending", n);
    q.zState = "published";
    if ((rc = list_into(req, d, "published", &q, &n))) return rc;
    tv_int(d, "n_published", n);
    q.zState = "withdrawn";
    if ((rc = list_into(req, d, "withdrawn", &q, &n))) return rc;
    tv_int(d, "n_withdrawn", n);
    if ((rc = consult_dashboard(req, u, d))) return rc;
    if ((rc = apply_dashboard(req, u, d))) return rc;
    if ((rc = interpret_dashboard(req, u, d))) return rc;
    if ((rc = report_dashboard(req, u, d))) return rc;
    return page_render(req, "admin/dashboard.html", d);
}

static int list_page(Req *req, const char *zState, const char *zTitle, const char *zNav) {
    int rc;
    User *u = need_user(req, ROLE_EDITOR, &rc);
    if (!u) return rc;
    int64_t iPage;
    if ((rc = http_arg_int(req, "page", 1, 100000, 1, &iPage))) return rc;
    if (zState && strcmp(zState, "draft") && strcmp(zState, "pending") &&
        strcmp(zState, "published") && strcmp(zState, "withdrawn")) {
        return http_fail(req, ZW_EINPUT, "bad_parameter", "状态参数无效");
    }
    TVal *d = page_data(req, zTitle, zNav);
    ItemQuery q;
    memset(&q, 0, sizeof q);
    q.iUnitOnly = u->eRole == ROLE_ADMIN ? 0 : u->iUnit;
    q.zState = zState;
    q.iPage = iPage;
    q.nPerPage = ADMIN_PER_PAGE;
    int64_t nTotal;
    if ((rc = list_into(req, d, "items", &q, &nTotal))) return rc;
    tv_int(d, "total", nTotal);
    if (zState) tv_bool(d, arena_printf(req->a, "filter_%s", zState), 1);
    page_pager(req, d, iPage, ADMIN_PER_PAGE, nTotal,
               zState && strcmp(zNav, "items") == 0 ? arena_printf(req->a, "%s?state=%s", req->zPath, zState) : req->zPath);
    return page_render(req, "admin/items.html", d);
}

int admin_items(Req *req) {
    return list_page(req, http_arg(req, "state"), "信息管理", "items");
}

int admin_review(Req *req) {
    return list_page(req, "pending", "待审核", "review");
}

/* The editor form: unit columns and the item's field values (from p or the form). */
/* Values recognised from a pasted 公文, shown in a new editor form. */
typedef struct Prefill {
    Item item;               /* title, docno, issuer, written_at, genre, body, format */
    const Gongwen *pG;       /* for the warnings and the other elements */
} Prefill;

static int editor_page(Req *req, User *u, Item *p, const Prefill *pPre, Unit *pUnit,
                       const char *zError) {
    TVal *d = page_data(req, p ? "编辑信息" : "新建信息", p ? "items" : "new");
    if (zError) tv_str(d, "error", zError);
    static const char *const azOk[][2] = {
        {"saved", "已保存。"}, {"submitted", "已提交审核。"}, {"published", "已审核通过并发布。"},
        {"rejected", "已退回修改。"}, {"withdrawn", "已撤回，原网址将显示撤回说明。"},
        {"attached", "附件已上传，将随下一次发布公开。"}, {"repost", "已登记转载。"},
        {"norm", "规范性文件信息已保存。"},
    };
    const char *zOk = http_arg(req, "ok");
    for (size_t i = 0; zOk && i < sizeof azOk / sizeof azOk[0]; i++) {
        if (strcmp(zOk, azOk[i][0]) == 0) tv_str(d, "ok", azOk[i][1]);
    }
    TVal *it = tv_child(d, "item");
    int bPost = req->eMethod == HTTP_POST;
    /* Values: what was recognised in a pasted 公文, else what the user just posted
    ** (after an error), else the stored item. */
#define VAL(k, field)                                                                   \
    tv_str(it, k, pPre && pPre->item.field ? pPre->item.field                           \
                  : bPost && http_form(req, k) ? http_form(req, k) : (p ? p->field : NULL))
    VAL("title", zTitle);
    VAL("docno", zDocno);
    VAL("issuer", zIssuer);
    VAL("written_at", zWrittenAt);
    VAL("topic", zTopic);
    VAL("genre", zGenre);
    VAL("validity", zValidity);
    VAL("body", zBody);
    VAL("change_note", zChangeNote);
#undef VAL
    const char *zFormat = pPre ? "text" : bPost && http_form(req, "format") ? http_form(req, "format")
                                        : p ? p->zFormat : "text";
    if (pPre && pPre->pG) {
        const Gongwen *g = pPre->pG;
        TVal *pw = tv_child(d, "parsed");
        TVal *pList = tv_list(pw, "warnings");
        for (int i = 0; i < g->nWarning; i++) tv_push_str(pList, g->azWarning[i]);
        pList = tv_list(pw, "addressees");
        for (int i = 0; i < g->nAddressee; i++) tv_push_str(pList, g->azAddressee[i]);
        pList = tv_list(pw, "cc");
        for (int i = 0; i < g->nCc; i++) tv_push_str(pList, g->azCc[i]);
        pList = tv_list(pw, "attachments");
        for (int i = 0; i < g->nAttachment; i++) tv_push_str(pList, g->azAttachment[i]);
        tv_str(pw, "disclosure", g->zDisclosure);
        tv_str(pw, "printed_by", g->zPrintedBy);
        tv_str(pw, "printed_at", g->zPrintedAt);
        tv_str(pw, "copies", g->zCopies);
    }
    tv_bool(it, "format_md", strcmp(zFormat, "md") == 0);
    int rcPolicy = interpret_editor_data(req, p, it);
    if (!rcPolicy && p) rcPolicy = norms_page_data(req, p, it);
    if (rcPolicy) return rcPolicy;
    tv_str(it, "unit", pUnit->zName);
    tv_str(it, "unit_code", pUnit->zCode);
    if (p) {
        tv_int(it, "id", p->id);
        tv_str(it, "state", p->zState);
        tv_str(it, "state_label", state_label(p->zState));
        tv_str(it, "index_no", p->zIndexNo);
        tv_int(it, "version", p->iLiveVersion);
        tv_bool(it, "live", p->iLiveVersion > 0 && strcmp(p->zState, "withdrawn") != 0);
        tv_str(it, "public_url", p->iLiveVersion ? arena_printf(req->a, "/items/%lld", (long long)p->id) : NULL);
        tv_str(it, "reject_reason", p->zRejectReason);
        tv_str(it, "created_by", p->zCreatedBy);
        /* What publication will mask, shown before anyone approves. */
        MaskHit *aHit;
        int nHit;
        const char *zAll = arena_printf(req->a, "%s\n%s", p->zTitle, p->zBody);
        mask_find(req->a, zAll, strlen(zAll), &aHit, &nHit);
        TVal *pMask = tv_list(it, "masked");
        for (int i = 0; i < nHit; i++) {
            TVal *t = tv_push(pMask);
            tv_str(t, "kind", mask_kind_label(aHit[i].eKind));
            tv_str(t, "shown", aHit[i].zShown);
            tv_str(t, "masked", aHit[i].zMasked);
        }
        int bCanReview = auth_check(u, p->iUnit, ROLE_REVIEWER, NULL) == ZW_OK;
        tv_bool(it, "can_edit", strcmp(p->zState, "withdrawn") != 0);
        tv_bool(it, "can_submit", strcmp(p->zState, "draft") == 0);
        tv_bool(it, "can_approve", bCanReview && strcmp(p->zState, "pending") == 0);
        tv_bool(it, "can_withdraw", bCanReview && p->iLiveVersion > 0 && strcmp(p->zState, "withdrawn") != 0);
        Attachment *aAtt;
        int nAtt, rc;
        if ((rc = att_list(req->db, req->a, p->id, 0, &aAtt, &nAtt))) return rc;
        TVal *pAtt = tv_list(it, "attachments");
        for (int i = 0; i < nAtt; i++) {
            TVal *t = tv_push(pAtt);
            tv_str(t, "name", aAtt[i].zName);
            tv_int(t, "size", aAtt[i].nSize);
            tv_bool(t, "public", aAtt[i].iVersion > 0);
        }
    }
    int64_t iCol = p ? p->iColumn : 0;
    const char *zCol = http_form(req, "column");
    if (bPost && zCol) str_to_i64(zCol, &iCol);
    if (!p && !bPost) {
        int64_t iArg;
        if (http_arg_int(req, "column", 1, INT64_MAX / 2, 0, &iArg) == ZW_OK && iArg) iCol = iArg;
    }
    Column *aCol;
    int nCol, rc;
    if ((rc = col_tree(req->db, req->a, pUnit->id, &aCol, &nCol))) return rc;
    TVal *pCols = tv_list(d, "columns");
    for (int i = 0; i < nCol; i++) {
        TVal *t = tv_push(pCols);
        tv_int(t, "id", aCol[i].id);
        tv_str(t, "name", arena_printf(req->a, "%s%s", aCol[i].iDepth == 0 ? "" : aCol[i].iDepth == 1 ? "　" : "　　", aCol[i].zName));
        tv_bool(t, "selected", aCol[i].id == iCol);
    }
    if (u->eRole == ROLE_ADMIN && !p) {
        Unit *aUnit;
        int nUnit;
        if ((rc = unit_list(req->db, req->a, &aUnit, &nUnit))) return rc;
        tv_bool(d, "choose_unit", 1);
        TVal *pUnits = tv_list(d, "units");
        for (int i = 0; i < nUnit; i++) {
            TVal *t = tv_push(pUnits);
            tv_str(t, "code", aUnit[i].zCode);
            tv_str(t, "name", aUnit[i].zName);
            tv_bool(t, "selected", aUnit[i].id == pUnit->id);
        }
    }
    return page_render(req, "admin/edit.html", d);
}

int admin_item_new(Req *req) {
    int rc;
    User *u = need_user(req, ROLE_EDITOR, &rc);
    if (!u) return rc;
    Unit *pUnit = NULL;
    const char *zUnit = http_arg(req, "unit");
    if (zUnit && u->eRole == ROLE_ADMIN) pUnit = unit_by_code(req->db, req->a, zUnit);
    if (!pUnit) pUnit = unit_by_id(req->db, req->a, u->iUnit);
    if (!pUnit) return http_fail(req, ZW_ENOTFOUND, "not_found", "单位不存在");
    return editor_page(req, u, NULL, NULL, pUnit, NULL);
}

/* The editor's fields; ZW_OK or an error in *err (a bad policy field). */
static int form_input(Req *req, ItemInput *in, Err *err) {
    memset(in, 0, sizeof *in);
    in->zTitle = http_form(req, "title");
    in->zBody = http_form(req, "body");
    in->zDocno = http_form(req, "docno");
    in->zIssuer = http_form(req, "issuer");
    in->zWrittenAt = http_form(req, "written_at");
    in->zTopic = http_form(req, "topic");
    in->zGenre = http_form(req, "genre");
    in->zValidity = http_form(req, "validity");
    in->zFormat = http_form(req, "format");
    in->zChangeNote = http_form(req, "change_note");
    int64_t iCol = 0;
    const char *zCol = http_form(req, "column");
    if (zCol && str_to_i64(zCol, &iCol) == 0 && iCol > 0) in->iColumn = iCol;
    int rc = interpret_form_input(req, in);
    if (rc) *err = req->err;
    return rc;
}

int admin_item_create(Req *req) {
    int rc;
    User *u = need_user(req, ROLE_EDITOR, &rc);
    if (!u) return rc;
    ItemInput in;
    Err err = {0};
    rc = form_input(req, &in, &err);
    in.zUnit = http_form(req, "unit");
    if (!in.zUnit || u->eRole != ROLE_ADMIN) in.zUnit = u->zUnitCode;
    if (in.zIssuer && !*in.zIssuer) in.zIssuer = NULL;
    int64_t id;
    if (!rc) rc = item_create(req->db, req->a, u, req->zIp, &in, &id, &err);
    if (rc) {
        Unit *pUnit = unit_by_code(req->db, req->a, in.zUnit);
        if (!pUnit) return http_fail(req, ZW_EINPUT, "unknown_unit", "单位不存在");
        req->status = err_http_status(rc);
        return editor_page(req, u, NULL, NULL, pUnit, err.zMsg);
    }
    return http_redirect(req, arena_printf(req->a, "/admin/items/%lld?ok=saved", (long long)id));
}

/* The 体裁 a title ends with (…的通知 → 通知), or NULL. */
static const char *genre_of_title(const char *zTitle) {
    static const char *const azGenre[] = {"通知", "通告", "公告", "意见", "办法", "决定", "报告",
                                          "规划", "方案", "批复", "公示", "细则", "规定", "函", NULL};
    size_t n = zTitle ? strlen(zTitle) : 0;
    for (int i = 0; azGenre[i]; i++) {
        size_t k = strlen(azGenre[i]);
        if (n >= k && strcmp(zTitle + n - k, azGenre[i]) == 0) return azGenre[i];
    }
    return NULL;
}

int admin_item_parse(Req *req) {
    int rc;
    User *u = need_user(req, ROLE_EDITOR, &rc);
    if (!u) return rc;
    Unit *pUnit = NULL;
    const char *zUnit = http_form(req, "unit");
    if (zUnit && u->eRole == ROLE_ADMIN) pUnit = unit_by_code(req->db, req->a, zUnit);
    if (!pUnit) pUnit = unit_by_id(req->db, req->a, u->iUnit);
    if (!pUnit) return http_fail(req, ZW_ENOTFOUND, "not_found", "单位不存在");
    const char *zText = http_form(req, "gongwen");
    if (str_blank(zText)) {
        req->status = 400;
        return editor_page(req, u, NULL, NULL, pUnit, "请先在“粘贴公文全文”框中粘贴公文");
    }
    char zToday[11];
    util_iso_date(util_now(), zToday);
    Gongwen *g = arena_zalloc(req->a, sizeof *g);
    Err err = {0};
    if ((rc = gongwen_parse(req->a, zText, strlen(zText), zToday, g, &err))) {
        req->status = err_http_status(rc);
        return editor_page(req, u, NULL, NULL, pUnit, err.zMsg);
    }
    Prefill pre;
    memset(&pre, 0, sizeof pre);
    pre.pG = g;
    pre.item.zTitle = g->zTitle;
    pre.item.zDocno = g->zDocno;
    pre.item.zIssuer = g->zIssuer;
    pre.item.zWrittenAt = g->zWrittenAt;
    pre.item.zBody = g->zBody;
    pre.item.zGenre = genre_of_title(g->zTitle);
    return editor_page(req, u, NULL, &pre, pUnit, NULL);
}

int admin_item_edit(Req *req) {
    int rc;
    User *u = need_user(req, ROLE_EDITOR, &rc);
    if (!u) return rc;
    Item *p = item_get(req->db, req->a, req->aiArg[0]);
    if (!p) return http_fail(req, ZW_ENOTFOUND, "not_found", "信息不存在");
    if ((rc = auth_check(u, p->iUnit, ROLE_EDITOR, &req->err))) return rc;
    Unit *pUnit = unit_by_id(req->db, req->a, p->iUnit);
    return editor_page(req, u, p, NULL, pUnit, NULL);
}

/* After a failed action on item id: the editor again with the Chinese error and a
** 4xx status, or the error page when the item is gone or not the user's to see. */
static int editor_again(Req *req, User *u, int64_t id, int rc, const Err *err) {
    Item *p = item_get(req->db, req->a, id);
    if (!p || rc == ZW_EPERM || rc == ZW_EAUTH) {
        req->err = *err;
        return rc;
    }
    req->status = err_http_status(rc);
    return editor_page(req, u, p, NULL, unit_by_id(req->db, req->a, p->iUnit), err->zMsg);
}

int admin_item_save(Req *req) {
    int rc;
    User *u = need_user(req, ROLE_EDITOR, &rc);
    if (!u) return rc;
    ItemInput in;
    Err err = {0};
    rc = form_input(req, &in, &err);
    if (!rc) rc = item_update(req->db, req->a, u, req->zIp, req->aiArg[0], &in, &err);
    if (rc) return editor_again(req, u, req->aiArg[0], rc, &err);
    return http_redirect(req, arena_printf(req->a, "/admin/items/%lld?ok=saved", (long long)req->aiArg[0]));
}

int admin_item_action(Req *req) {
    int rc;
    User *u = need_user(req, ROLE_EDITOR, &rc);
    if (!u) return rc;
    int64_t id = req->aiArg[0];
    const char *zAction = req->azArg[0];
    const char *zReason = http_form(req, "reason");
    Err err = {0};
    const char *zOk;
    if (strcmp(zAction, "submit") == 0) {
        rc = item_submit(req->db, req->a, u, req->zIp, id, &err);
        zOk = "submitted";
    } else if (strcmp(zAction, "approve") == 0) {
        rc = item_approve(req->db, req->a, u, req->zIp, id, &err);
        zOk = "published";
    } else if (strcmp(zAction, "reject") == 0) {
        rc = item_reject(req->db, req->a, u, req->zIp, id, zReason, &err);
        zOk = "rejected";
    } else if (strcmp(zAction, "withdraw") == 0) {
        rc = item_withdraw(req->db, req->a, u, req->zIp, id, zReason, &err);
        zOk = "withdrawn";
    } else {
        return http_fail(req, ZW_ENOTFOUND, "not_found", "不支持的操作");
    }
    if (rc) return editor_again(req, u, id, rc, &err);
    return http_redirect(req, arena_printf(req->a, "/admin/items/%lld?ok=%s", (long long)id, zOk));
}

int admin_item_attach(Req *req) {
    int rc;
    User *u = need_user(req, ROLE_EDITOR, &rc);
    if (!u) return rc;
    const FormField *f = form_field(&req->form, "file");
    Err err = {0};
    int64_t iAtt;
    if (!f || !f->zFilename || !*f->zFilename) {
        rc = err_set(&err, ZW_EINPUT, "missing_file", "请选择要上传的附件", NULL);
    } else {
        rc = att_add(req->db, req->a, u, req->zIp, req->aiArg[0], f->zFilename, f->zValue, f->nValue, &iAtt, &err);
    }
    if (rc) return editor_again(req, u, req->aiArg[0], rc, &err);
    return http_redirect(req, arena_printf(req->a, "/admin/items/%lld?ok=attached", (long long)req->aiArg[0]));
}

static int users_page(Req *req, const char *zError, const char *zOk) {
    TVal *d = page_data(req, "用户管理", "users");
    if (zError) tv_str(d, "error", zError);
    if (zOk) tv_str(d, "ok", zOk);
    Stmt st;
    db_prepare(req->db, &st,
               "SELECT u.name,n.name,u.role,u.created_at,u.locked_until FROM user u"
               " JOIN unit n ON n.id=u.unit_id ORDER BY n.sort,u.name");
    TVal *pList = tv_list(d, "users");
    while (db_step(&st) == 1) {
        TVal *t = tv_push(pList);
        tv_str(t, "name", db_col_text(&st, 0));
        tv_str(t, "unit", db_col_text(&st, 1));
        tv_str(t, "role", auth_role_label(auth_role_parse(db_col_text(&st, 2))));
        tv_str(t, "created", page_date(req->a, db_col_text(&st, 3)));
        tv_str(t, "locked", db_col_is_null(&st, 4) ? NULL : db_col_text(&st, 4));
    }
    db_done(&st);
    Unit *aUnit;
    int nUnit;
    int rc = unit_list(req->db, req->a, &aUnit, &nUnit);
    if (rc) return rc;
    TVal *pUnits = tv_list(d, "units");
    for (int i = 0; i < nUnit; i++) {
        TVal *t = tv_push(pUnits);
        tv_str(t, "code", aUnit[i].zCode);
        tv_str(t, "name", aUnit[i].zName);
    }
    return page_render(req, "admin/users.html", d);
}

int admin_users(Req *req) {
    int rc;
    if (!need_user(req, ROLE_ADMIN, &rc)) return rc;
    return users_page(req, NULL, http_arg(req, "ok"));
}

int admin_user_create(Req *req) {
    int rc;
    User *u = need_user(req, ROLE_ADMIN, &rc);
    if (!u) return rc;
    Err err = {0};
    const char *zName = http_form(req, "name");
    rc = auth_user_add(req->db, zName, http_form(req, "unit"),
                       auth_role_parse(http_form(req, "role")), http_form(req, "password"), &err);
    if (rc) {
        req->status = err_http_status(rc);
        return users_page(req, err.zMsg, NULL);
    }
    audit_add(req->db, u, req->zIp, "user_add", zName, http_form(req, "role"));
    return http_redirect(req, "/admin/users?ok=1");
}

static int units_page(Req *req, const char *zError) {
    TVal *d = page_data(req, "单位管理", "units");
    if (zError) tv_str(d, "error", zError);
    Unit *aUnit;
    int nUnit;
    int rc = unit_list(req->db, req->a, &aUnit, &nUnit);
    if (rc) return rc;
    TVal *pList = tv_list(d, "units");
    for (int i = 0; i < nUnit; i++) {
        TVal *t = tv_push(pList);
        tv_str(t, "code", aUnit[i].zCode);
        tv_str(t, "name", aUnit[i].zName);
        tv_str(t, "kind", strcmp(aUnit[i].zKind, "town") == 0 ? "乡镇" : strcmp(aUnit[i].zKind, "county") == 0 ? "县政府" : "部门");
        tv_str(t, "org_code", aUnit[i].zOrgCode);
        tv_str(t, "phone", aUnit[i].zPhone);
        tv_str(t, "url", arena_printf(req->a, "/gk/%s/", aUnit[i].zCode));
    }
    return page_render(req, "admin/units.html", d);
}

int admin_units(Req *req) {
    int rc;
    if (!need_user(req, ROLE_ADMIN, &rc)) return rc;
    return units_page(req, NULL);
}

int admin_unit_create(Req *req) {
    int rc;
    User *u = need_user(req, ROLE_ADMIN, &rc);
    if (!u) return rc;
    const char *zCode = http_form(req, "code"), *zName = http_form(req, "name");
    const char *zKind = http_form(req, "kind"), *zOrg = http_form(req, "org_code");
    const char *zPhone = http_form(req, "phone");
    const char *zErr = NULL;
    size_t nCode = zCode ? strlen(zCode) : 0;
    int bCodeOk = nCode >= 2 && nCode <= 32 && zCode[0] >= 'a' && zCode[0] <= 'z';
    for (size_t i = 0; bCodeOk && i < nCode; i++) {
        char c = zCode[i];
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) bCodeOk = 0;
    }
    if (!bCodeOk) zErr = "单位代码应为 2 到 32 个小写字母、数字或连字符，以字母开头";
    else if (str_blank(zName) || utf8_len(zName, strlen(zName)) > 60) zErr = "请填写单位名称（最多 60 个字符）";
    else if (!zKind || (strcmp(zKind, "dept") && strcmp(zKind, "town"))) zErr = "单位类型应为部门或乡镇";
    else if (str_blank(zOrg) || strlen(zOrg) > 30) zErr = "请填写索引号前缀（组织机构代码或区划码）";
    else if (unit_by_code(req->db, req->a, zCode)) zErr = "该单位代码已存在";
    if (zErr) {
        req->status = 400;
        return units_page(req, zErr);
    }
    if ((rc = db_begin(req->db))) return db_err(req->db, &req->err);
    Stmt st;
    db_prepare(req->db, &st,
               "INSERT INTO unit(code,name,kind,org_code,phone,parent_id,sort)"
               " VALUES(?1,?2,?3,?4,coalesce(?5,''),(SELECT id FROM unit WHERE kind='county'),"
               "(SELECT coalesce(max(sort),0)+10 FROM unit))");
    db_bind_text(&st, 1, zCode);
    db_bind_text(&st, 2, str_trim(req->a, zName));
    db_bind_text(&st, 3, zKind);
    db_bind_text(&st, 4, str_trim(req->a, zOrg));
    db_bind_text(&st, 5, zPhone);
    rc = db_run(&st);
    db_done(&st);
    if (!rc) rc = col_make_standard(req->db, db_last_rowid(req->db));
    if (!rc) rc = audit_add(req->db, u, req->zIp, "unit_add", zCode, zName);
    if (rc) {
        db_rollback(req->db);
        return db_err(req->db, &req->err);
    }
    if (db_commit(req->db)) return db_err(req->db, &req->err);
    http_cache_bump();
    return http_redirect(req, "/admin/units");
}

int admin_audit(Req *req) {
    int rc;
    User *u = need_user(req, ROLE_REVIEWER, &rc);
    if (!u) return rc;
    int64_t iPage;
    if ((rc = http_arg_int(req, "page", 1, 100000, 1, &iPage))) return rc;
    TVal *d = page_data(req, "操作日志", "audit");
    Stmt st;
    /* Reviewers see their unit's users; admins everything. */
    db_prepare(req->db, &st,
               "SELECT count(*) FROM audit a LEFT JOIN user u ON u.id=a.user_id"
               " WHERE ?1=0 OR u.unit_id=?1");
    int64_t iUnit = u->eRole == ROLE_ADMIN ? 0 : u->iUnit;
    db_bind_int(&st, 1, iUnit);
    int64_t nTotal = db_step(&st) == 1 ? db_col_int(&st, 0) : 0;
    db_done(&st);
    db_prepare(req->db, &st,
               "SELECT a.at,a.user_name,a.ip,a.action,a.target,a.detail FROM audit a"
               " LEFT JOIN user u ON u.id=a.user_id WHERE ?1=0 OR u.unit_id=?1"
               " ORDER BY a.id DESC LIMIT ?2 OFFSET ?3");
    db_bind_int(&st, 1, iUnit);
    db_bind_int(&st, 2, ADMIN_PER_PAGE);
    db_bind_int(&st, 3, (iPage - 1) * ADMIN_PER_PAGE);
    TVal *pList = tv_list(d, "entries");
    while (db_step(&st) == 1) {
        TVal *t = tv_push(pList);
        tv_str(t, "at", db_col_text(&st, 0));
        tv_str(t, "user", db_col_text(&st, 1));
        tv_str(t, "ip", db_col_text(&st, 2));
        tv_str(t, "action", db_col_text(&st, 3));
        tv_str(t, "target", db_col_text(&st, 4));
        tv_str(t, "detail", db_col_text(&st, 5));
    }
    db_done(&st);
    page_pager(req, d, iPage, ADMIN_PER_PAGE, nTotal, "/admin/audit");
    return page_render(req, "admin/audit.html", d);
}
