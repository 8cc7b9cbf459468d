// SPDX-License-Identifier: MIT
/*
** interpret_web.c: policies and interpretations on the item page and in the
** editor, GET /api/v1/stats/interpretation, the county's interpretation dashboard
** (/admin/interpretation, server-rendered SVG) and reposts.
*/
#include "interpret_web.h"

#include <string.h>

#include "../core/util.h"
#include "../web/page.h"
#include "interpret.h"
#include "taxonomy.h"

/* ---------------------------------------------------------------- item page */

static const char *kind_label(const char *zKind) {
    if (strcmp(zKind, "policy") == 0) return "政策文件";
    if (strcmp(zKind, "interpretation") == 0) return "政策解读";
    return "";
}

int interpret_page_data(Req *req, const Item *p, TVal *it) {
    int rc;
    Repost *aRep;
    int nRep;
    if ((rc = repost_list(req->db, req->a, p->id, &aRep, &nRep))) return rc;
    if (nRep) {
        tv_bool(it, "has_reposts", 1);
        TVal *pList = tv_list(it, "reposts");
        for (int i = 0; i < nRep; i++) {
            TVal *t = tv_push(pList);
            tv_str(t, "channel", repost_channel_label(aRep[i].zChannel));
            tv_str(t, "name", aRep[i].zName);
            tv_str(t, "url", aRep[i].zUrl[0] ? aRep[i].zUrl : NULL);
            tv_str(t, "date", aRep[i].zDate);
        }
    }
    if (!p->zKind[0]) return ZW_OK;
    tv_str(it, "kind_label", kind_label(p->zKind));
    InterpLink *aLink;
    int nLink;
    if ((rc = interpret_links(req->db, req->a, p->id, p->zKind, 1, &aLink, &nLink))) return rc;
    if (strcmp(p->zKind, "policy") == 0) {
        TVal *pol = tv_child(it, "policy");
        tv_str(pol, "scope", interp_scope_label(p->zScope));
        tv_bool(pol, "major", p->bMajor);
        TaxTowns towns;
        if ((rc = taxonomy_towns(req->db, req->a, &towns))) return rc;
        const char *zAud = taxonomy_describe(req->a, &towns, p->zAudience);
        tv_str(pol, "audience", zAud[0] ? zAud : "不限");
        tv_bool(pol, "any", nLink > 0);
        /* Interpretations grouped by form, in the order of g_azInterpForm. */
        TVal *pForms = tv_list(pol, "forms");
        for (int f = 0; g_azInterpForm[f]; f++) {
            TVal *pGroup = NULL, *pItems = NULL;
            for (int i = 0; i < nLink; i++) {
                if (strcmp(aLink[i].zForm, g_azInterpForm[f]) != 0) continue;
                if (!pGroup) {
                    pGroup = tv_push(pForms);
                    tv_str(pGroup, "form", g_azInterpForm[f]);
                    pItems = tv_list(pGroup, "items");
                }
                TVal *t = tv_push(pItems);
                tv_str(t, "title", aLink[i].zTitle);
                tv_str(t, "url", arena_printf(req->a, "/items/%lld", (long long)aLink[i].id));
                tv_str(t, "stage", aLink[i].zStage);
                tv_str(t, "date", aLink[i].zPublishedAt);
                tv_str(t, "unit", aLink[i].zUnitName);
            }
        }
    } else {
        TVal *in = tv_child(it, "interpretation");
        tv_str(in, "form", p->zForm);
        tv_str(in, "stage", p->zStage);
        TVal *pList = tv_list(in, "policies");
        for (int i = 0; i < nLink; i++) {
            TVal *t = tv_push(pList);
            tv_str(t, "title", aLink[i].zTitle);
            tv_str(t, "url", arena_printf(req->a, "/items/%lld", (long long)aLink[i].id));
            tv_str(t, "date", aLink[i].zPublishedAt);
            tv_str(t, "unit", aLink[i].zUnitName);
        }
    }
    return ZW_OK;
}

/* --------------------------------------------------------------- the editor */

static void options(TVal *it, const char *zKey, const char *const *azVal,
                    const char *const *azLabel, const char *zCur) {
    TVal *pList = tv_list(it, zKey);
    for (int i = 0; azVal[i]; i++) {
        TVal *t = tv_push(pList);
        tv_str(t, "value", azVal[i]);
        tv_str(t, "label", azLabel ? azLabel[i] : azVal[i]);
        tv_bool(t, "selected", zCur && strcmp(zCur, azVal[i]) == 0);
    }
}

int interpret_editor_data(Req *req, const Item *p, TVal *it) {
    int bPost = req->eMethod == HTTP_POST && http_form(req, "kind");
    const char *zKind = bPost ? http_form(req, "kind") : p ? p->zKind : "";
    const char *zScope = bPost ? http_form(req, "scope") : p ? p->zScope : "";
    const char *zForm = bPost ? http_form(req, "form") : p ? p->zForm : "";
    const char *zStage = bPost ? http_form(req, "stage") : p ? p->zStage : "";
    int bMajor = bPost ? http_form(req, "major") != NULL : p ? p->bMajor : 0;
    static const char *const azKind[] = {"", "policy", "interpretation", NULL};
    static const char *const azKindLabel[] = {"一般信息", "政策文件", "政策解读", NULL};
    static const char *const azScope[] = {"public", "enterprise", "internal", NULL};
    static const char *const azScopeLabel[] = {"面向公众", "面向企业", "内部", NULL};
    options(it, "kinds", azKind, azKindLabel, zKind);
    options(it, "scopes", azScope, azScopeLabel, zScope);
    options(it, "forms", g_azInterpForm, NULL, zForm);
    options(it, "stages", g_azInterpStage, NULL, zStage);
    tv_bool(it, "major", bMajor);
    const char *zIds = bPost ? http_form(req, "interprets") : NULL;
    if (!bPost && p && strcmp(p->zKind, "interpretation") == 0) {
        int64_t *aId;
        int nId, rc;
        if ((rc = interpret_policy_ids(req->db, req->a, p->id, &aId, &nId))) return rc;
        Str s;
        str_init(&s, req->a);
        for (int i = 0; i < nId; i++) str_appendf(&s, "%s%lld", i ? ", " : "", (long long)aId[i]);
        zIds = str_cstr(&s);
    }
    tv_str(it, "interprets", zIds);
    TaxTowns towns;
    int rc = taxonomy_towns(req->db, req->a, &towns);
    if (rc) return rc;
    const char *zAud = p ? p->zAudience : "{}";
    if (bPost) {
        Err err = {0};
        if (taxonomy_from_form(req->a, &towns, &req->form, "aud_", &zAud, &err) != ZW_OK) zAud = "{}";
    }
    taxonomy_tval(req->a, it, "dims", &towns, "aud_", zAud);
    tv_bool(it, "aud_open", strcmp(zAud, "{}") != 0);
    return ZW_OK;
}

int interpret_form_input(Req *req, ItemInput *in) {
    const char *zKind = http_form(req, "kind");
    if (!zKind) return ZW_OK; /* a form without the policy fields */
    in->zKind = zKind;
    in->zScope = http_form(req, "scope");
    in->zForm = http_form(req, "form");
    in->zStage = http_form(req, "stage");
    in->bMajorSet = 1;
    in->bMajor = http_form(req, "major") != NULL;
    if (strcmp(zKind, "policy") != 0) in->zScope = "";
    if (strcmp(zKind, "interpretation") != 0) in->zForm = in->zStage = "";
    TaxTowns towns;
    int rc = taxonomy_towns(req->db, req->a, &towns);
    if (rc) return http_fail(req, rc, "db", "读取乡镇列表失败");
    if (strcmp(zKind, "policy") == 0) {
        rc = taxonomy_from_form(req->a, &towns, &req->form, "aud_", &in->zAudience, &req->err);
        if (rc) return rc;
    }
    /* "12, 15 18" or "12，15": ids separated by commas or spaces. */
    const char *z = http_form(req, "interprets");
    int64_t *aId = arena_alloc(req->a, sizeof *aId * (INTERP_MAX_LINKS + 1));
    int n = 0;
    while (z && *z) {
        while (*z == ' ' || *z == ',' || *z == '\t') z++;
        if (strncmp(z, "，", 3) == 0 || strncmp(z, "、", 3) == 0) {
            z += 3;
            continue;
        }
        if (!*z) break;
        int64_t v = 0;
        int nDigit = 0;
        while (*z >= '0' && *z <= '9' && nDigit < 15) v = v * 10 + (*z++ - '0'), nDigit++;
        if (nDigit == 0 || (*z && *z != ' ' && *z != ',' && *z != '\t' && (unsigned char)*z < 0x80) ||
            n == INTERP_MAX_LINKS) {
            return http_fail(req, ZW_EINPUT, "bad_interprets",
                             "所解读的政策应填信息编号，多个用逗号分隔（最多 20 个）");
        }
        aId[n++] = v;
    }
    in->bInterpretsSet = 1;
    in->aInterprets = aId;
    in->nInterprets = strcmp(zKind, "interpretation") == 0 ? n : 0;
    return ZW_OK;
}

/* ------------------------------------------------------------------- stats */

/* ?year=, by default the latest year with a policy. */
static int year_arg(Req *req, int64_t *piYear) {
    int iNow = util_year(util_now());
    return http_arg_int(req, "year", 2000, iNow + 1, interpret_latest_year(req->db), piYear);
}

int api_interp_stats(Req *req) {
    int64_t iYear;
    int rc = year_arg(req, &iYear);
    if (rc) return rc;
    InterpStats *aStat;
    int nStat;
    if ((rc = interpret_stats(req->db, req->a, (int)iYear, &aStat, &nStat, &req->err))) return rc;
    http_json_reply(req, 200);
    interpret_stats_json(&req->out, (int)iYear, aStat, nStat);
    return ZW_OK;
}

static const char *pct(Arena *a, double r) {
    return r < 0 ? "—" : arena_printf(a, "%.0f%%", r * 100);
}

int admin_interp(Req *req) {
    User *u = page_user(req);
    if (!u) return http_redirect(req, "/admin/login");
    int64_t iYear;
    int rc = year_arg(req, &iYear);
    if (rc) return rc;
    InterpStats *aStat;
    int nStat;
    if ((rc = interpret_stats(req->db, req->a, (int)iYear, &aStat, &nStat, &req->err))) return rc;
    TVal *d = page_data(req, "政策解读统计", "interp");
    tv_int(d, "year", iYear);
    tv_int(d, "prev_year", iYear - 1);
    if (iYear < util_year(util_now())) tv_int(d, "next_year", iYear + 1);
    tv_int(d, "timely_wd", INTERP_TIMELY_WD);
    static const struct {
        const char *zKey, *zTitle;
        int eMeasure, iGoal;
    } aChart[] = {
        {"chart_coverage", "解读覆盖率（面向企业和公众的政策文件）", INTERP_COVERAGE, 100},
        {"chart_graphic", "图示图解解读比例", INTERP_GRAPHIC, 50},
        {"chart_diversified", "重大政策多元化解读比例", INTERP_DIVERSIFIED, 50},
        {"chart_timely", "解读及时率（3 个工作日内）", INTERP_TIMELY, 100},
    };
    for (size_t i = 0; i < sizeof aChart / sizeof aChart[0]; i++) {
        Str s;
        str_init(&s, req->a);
        interpret_stats_svg(&s, aChart[i].zTitle, aStat, nStat, aChart[i].eMeasure, aChart[i].iGoal);
        tv_html(d, aChart[i].zKey, html_trust(str_cstr(&s)));
    }
    tv_bool(d, "all_done", aStat[nStat - 1].nMissing == 0);
    TVal *pRows = tv_list(d, "rows");
    for (int i = 0; i < nStat; i++) {
        const InterpStats *p = &aStat[i];
        TVal *t = tv_push(pRows);
        tv_bool(t, "total", p->iUnit == 0);
        tv_str(t, "name", p->zUnitName);
        tv_int(t, "policies", p->nPolicies);
        tv_int(t, "interpreted", p->nInterpreted);
        tv_str(t, "coverage", pct(req->a, interpret_ratio(p, INTERP_COVERAGE)));
        tv_bool(t, "coverage_low", interpret_ratio(p, INTERP_COVERAGE) >= 0 &&
                                       interpret_ratio(p, INTERP_COVERAGE) < 1.0);
        tv_int(t, "graphic", p->nGraphic);
        tv_str(t, "graphic_ratio", pct(req->a, interpret_ratio(p, INTERP_GRAPHIC)));
        tv_int(t, "major", p->nMajor);
        tv_int(t, "major_diversified", p->nMajorDiversified);
        tv_str(t, "diversified_ratio", pct(req->a, interpret_ratio(p, INTERP_DIVERSIFIED)));
        tv_bool(t, "diversified_low", interpret_ratio(p, INTERP_DIVERSIFIED) >= 0 &&
                                          interpret_ratio(p, INTERP_DIVERSIFIED) < 0.5);
        tv_str(t, "timely_ratio", pct(req->a, interpret_ratio(p, INTERP_TIMELY)));
        tv_int(t, "followup", p->nFollowup);
        tv_int(t, "media", p->aReposts[0]);
        tv_int(t, "site", p->aReposts[1]);
        tv_int(t, "newmedia", p->aReposts[2]);
        if (p->iUnit == 0) continue;
        TVal *pMiss = tv_list(t, "missing");
        for (int k = 0; k < p->nMissing; k++) {
            TVal *m = tv_push(pMiss);
            tv_str(m, "title", p->aMissing[k].zTitle);
            tv_str(m, "url", arena_printf(req->a, "/admin/items/%lld", (long long)p->aMissing[k].id));
            tv_str(m, "public_url", arena_printf(req->a, "/items/%lld", (long long)p->aMissing[k].id));
            tv_str(m, "date", p->aMissing[k].zPublishedAt);
            tv_int(m, "days", p->aMissing[k].nDaysLate);
            tv_bool(m, "late", p->aMissing[k].nDaysLate > INTERP_TIMELY_WD);
        }
    }
    return page_render(req, "admin/interpretation.html", d);
}

int interpret_dashboard(Req *req, const User *u, TVal *d) {
    InterpStats *aStat;
    int nStat, rc;
    int iYear = interpret_latest_year(req->db);
    if ((rc = interpret_stats(req->db, req->a, iYear, &aStat, &nStat, &req->err))) return rc;
    const InterpStats *p = &aStat[nStat - 1];
    if (u->eRole != ROLE_ADMIN) {
        p = NULL;
        for (int i = 0; i + 1 < nStat; i++) {
            if (aStat[i].iUnit == u->iUnit) p = &aStat[i];
        }
    }
    if (!p || p->nPolicies == 0) return ZW_OK;
    TVal *b = tv_child(d, "interp");
    tv_int(b, "year", iYear);
    tv_str(b, "scope", p->zUnitName);
    tv_int(b, "policies", p->nPolicies);
    tv_int(b, "interpreted", p->nInterpreted);
    tv_str(b, "coverage", pct(req->a, interpret_ratio(p, INTERP_COVERAGE)));
    tv_str(b, "diversified", pct(req->a, interpret_ratio(p, INTERP_DIVERSIFIED)));
    tv_str(b, "graphic", pct(req->a, interpret_ratio(p, INTERP_GRAPHIC)));
    if (u->eRole == ROLE_ADMIN) {
        Str s;
        str_init(&s, req->a);
        interpret_stats_svg(&s, "各单位解读覆盖率", aStat, nStat, INTERP_COVERAGE, 100);
        tv_html(b, "chart", html_trust(str_cstr(&s)));
    }
    TVal *pMiss = tv_list(b, "missing");
    for (int k = 0; k < p->nMissing && k < 10; k++) {
        TVal *m = tv_push(pMiss);
        tv_str(m, "title", p->aMissing[k].zTitle);
        tv_str(m, "url", arena_printf(req->a, "/admin/items/%lld", (long long)p->aMissing[k].id));
        tv_int(m, "days", p->aMissing[k].nDaysLate);
        tv_bool(m, "late", p->aMissing[k].nDaysLate > INTERP_TIMELY_WD);
    }
    tv_int(b, "n_missing", p->nMissing);
    return ZW_OK;
}

/* ----------------------------------------------------------------- reposts */

static void repost_json(Str *s, const Repost *r) {
    str_appendf(s, "{\"id\":%lld,\"item\":%lld,\"channel\":", (long long)r->id, (long long)r->iItem);
    str_json(s, r->zChannel);
    str_puts(s, ",\"name\":");
    str_json(s, r->zName);
    str_puts(s, ",\"url\":");
    str_json(s, r->zUrl);
    str_puts(s, ",\"date\":");
    str_json(s, r->zDate);
    str_putc(s, '}');
}

int api_item_reposts(Req *req) {
    Item *p = item_public(req->db, req->a, req->aiArg[0]);
    if (!p || strcmp(p->zState, "withdrawn") == 0) {
        return http_fail(req, ZW_ENOTFOUND, "not_found", "信息不存在或未发布");
    }
    Repost *aRep;
    int nRep, rc;
    if ((rc = repost_list(req->db, req->a, p->id, &aRep, &nRep))) return rc;
    http_json_reply(req, 200);
    str_puts(&req->out, "{\"reposts\":[");
    for (int i = 0; i < nRep; i++) {
        if (i) str_putc(&req->out, ',');
        repost_json(&req->out, &aRep[i]);
    }
    str_puts(&req->out, "]}");
    return ZW_OK;
}

int api_item_repost_add(Req *req) {
    User *u = page_user(req);
    if (!u) return http_fail(req, ZW_EAUTH, "login_required", "请先登录");
    int rc = http_json_body(req);
    if (rc) return rc;
    Repost r;
    memset(&r, 0, sizeof r);
    r.zChannel = json_get_str(req->pJson, "channel");
    r.zName = json_get_str(req->pJson, "name");
    r.zUrl = json_get_str(req->pJson, "url");
    r.zDate = json_get_str(req->pJson, "date");
    int64_t id;
    rc = repost_add(req->db, req->a, u, req->zIp, req->aiArg[0], &r, &id, &req->err);
    if (rc) return rc;
    http_cache_bump();
    r.id = id;
    r.iItem = req->aiArg[0];
    if (!r.zUrl) r.zUrl = "";
    http_json_reply(req, 201);
    repost_json(&req->out, &r);
    return ZW_OK;
}

int admin_repost_add(Req *req) {
    User *u = page_user(req);
    if (!u) return http_redirect(req, "/admin/login");
    Repost r;
    memset(&r, 0, sizeof r);
    r.zChannel = http_form(req, "channel");
    r.zName = http_form(req, "name");
    r.zUrl = http_form(req, "url");
    r.zDate = http_form(req, "date");
    int64_t id;
    int rc = repost_add(req->db, req->a, u, req->zIp, req->aiArg[0], &r, &id, &req->err);
    if (rc) return rc;
    http_cache_bump();
    return http_redirect(req, arena_printf(req->a, "/admin/items/%lld?ok=repost", (long long)req->aiArg[0]));
}
