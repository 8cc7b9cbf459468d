// SPDX-License-Identifier: MIT
/* interpret_test.c: the audience taxonomy, policy/interpretation fields on items,
** reposts, and the interpretation ratios against a hand-counted fixture (with the
** 2021 National Day holiday and its 调休 working Saturday in the timeliness rule). */
#include <stdlib.h>
#include <unistd.h>

#include "../../../src/auth/auth.h"
#include "../../../src/calendar/workday.h"
#include "../../../src/core/embed.h"
#include "../../../src/core/log.h"
#include "../../../src/core/util.h"
#include "../../../src/demo/demo.h"
#include "../../../src/interpret/interpret.h"
#include "../../../src/interpret/taxonomy.h"
#include "../../../src/publish/publish.h"
#include "t.h"

static Db *db;
static Arena a;
static User *admin, *ed_czj, *ed_wjj;

static User *login(const char *zName) {
    const char *zTok;
    User *u = NULL;
    Err err = {0};
    auth_login(db, &a, zName, "test-password", "127.0.0.1", &zTok, &u, &err);
    return u;
}

static int64_t col_id(const char *zUnit, const char *zSlug) {
    Unit *u = unit_by_code(db, &a, zUnit);
    Column *c = u ? col_by_slug(db, &a, u->id, zSlug) : NULL;
    return c ? c->id : 0;
}

/* Create and publish an item on zDate (09:00 China time); 0 on failure. */
static int64_t publish(const char *zUnit, const char *zDate, ItemInput *in) {
    Err err = {0};
    int64_t id = 0;
    in->zUnit = zUnit;
    if (!in->iColumn) in->iColumn = col_id(zUnit, in->zKind && !strcmp(in->zKind, "interpretation") ? "zcjd" : "gzgfxwj");
    util_set_now(util_parse_time(arena_printf(&a, "%sT01:00:00Z", zDate)));
    int rc = item_create(db, &a, admin, "ip", in, &id, &err);
    if (!rc) rc = item_submit(db, &a, admin, "ip", id, &err);
    if (!rc) rc = item_approve(db, &a, admin, "ip", id, &err);
    util_set_now(0);
    if (rc) fprintf(stderr, "publish %s: %s\n", in->zTitle, err.zMsg ? err.zMsg : "?");
    return rc ? 0 : id;
}

static int64_t policy(const char *zUnit, const char *zDate, const char *zTitle, const char *zScope,
                      int bMajor) {
    ItemInput in = {0};
    in.zTitle = zTitle;
    in.zKind = "policy";
    in.zScope = zScope;
    in.bMajorSet = 1;
    in.bMajor = bMajor;
    return publish(zUnit, zDate, &in);
}

static int64_t interp(const char *zUnit, const char *zDate, const char *zTitle, const char *zForm,
                      const char *zStage, int64_t iPolicy) {
    ItemInput in = {0};
    in.zTitle = zTitle;
    in.zKind = "interpretation";
    in.zForm = zForm;
    in.zStage = zStage;
    in.bInterpretsSet = 1;
    in.aInterprets = &iPolicy;
    in.nInterprets = 1;
    return publish(zUnit, zDate, &in);
}

static const InterpStats *find(const InterpStats *aStat, int nStat, const char *zUnit) {
    for (int i = 0; i < nStat; i++) {
        if (zUnit ? aStat[i].iUnit && strcmp(aStat[i].zUnitCode, zUnit) == 0 : aStat[i].iUnit == 0) {
            return &aStat[i];
        }
    }
    return NULL;
}

int main(void) {
    g_log_level = LOG_ERROR;
    char zPath[] = "/tmp/zwgk-interp-XXXXXX";
    int fd = mkstemp(zPath);
    close(fd);
    Err err = {0};
    arena_init(&a);
    int n;
    CHECK(db_open(&db, zPath, DB_CREATE, &err) == ZW_OK);
    CHECK(db_migrate(db, &n, &err) == ZW_OK);
    CHECK(demo_units(db, &err) == ZW_OK);
    const EmbedFile *pHol = embed_find("data/holidays-cn.csv");
    CHECK(pHol && cal_import(db, (const char *)pHol->pData, NULL, &err) == ZW_OK);
    CHECK(auth_user_add(db, "adm", "xzfb", ROLE_ADMIN, "test-password", &err) == ZW_OK);
    CHECK(auth_user_add(db, "edc", "czj", ROLE_EDITOR, "test-password", &err) == ZW_OK);
    CHECK(auth_user_add(db, "edw", "wjj", ROLE_EDITOR, "test-password", &err) == ZW_OK);
    admin = login("adm");
    ed_czj = login("edc");
    ed_wjj = login("edw");
    CHECK(admin && ed_czj && ed_wjj);
    if (!admin || !ed_czj || !ed_wjj) return t_done();
    TaxTowns towns;
    CHECK(taxonomy_towns(db, &a, &towns) == ZW_OK && towns.nTown == 4);

    subtest("tax-1.1", "canonical text: dimension order, taxonomy order, no duplicates") {
        Json *j;
        const char *z;
        const char *zIn = "{\"town\":[\"xlz\",\"jqz\"],\"group\":[\"农民\",\"老年人\",\"农民\"],\"size\":[]}";
        CHECK(json_parse(&a, zIn, strlen(zIn), &j, &err) == ZW_OK);
        CHECK(taxonomy_normalize(&a, &towns, j, &z, &err) == ZW_OK);
        CHECK_STR(z, "{\"group\":[\"老年人\",\"农民\"],\"town\":[\"jqz\",\"xlz\"]}");
        CHECK(taxonomy_normalize(&a, &towns, NULL, &z, &err) == ZW_OK);
        CHECK_STR(z, "{}");
        CHECK_STR(taxonomy_describe(&a, &towns, "{\"group\":[\"老年人\"],\"town\":[\"jqz\"]}"),
                  "人群：老年人；乡镇：吉强镇人民政府");
    }
    subtest("tax-1.2", "unknown dimensions and values, wrong types") {
        static const char *const azBad[] = {
            "{\"group\":[\"外星人\"]}", "{\"colour\":[\"红\"]}", "{\"size\":[\"huge\"]}",
            "{\"industry\":[\"Z\"]}",   "{\"town\":[\"czj\"]}",  "{\"group\":[1]}",
            "{\"group\":{\"a\":1}}",     "[\"农民\"]",             "\"农民\"",
        };
        for (size_t i = 0; i < sizeof azBad / sizeof azBad[0]; i++) {
            Json *j;
            const char *z;
            Err e = {0};
            CHECK(json_parse(&a, azBad[i], strlen(azBad[i]), &j, &e) == ZW_OK);
            CHECK(taxonomy_normalize(&a, &towns, j, &z, &e) == ZW_EINPUT && e.zMsg);
        }
    }
    subtest("tax-1.3", "a policy matches when every dimension it names shares a value") {
        Audience pol, prof;
        CHECK(taxonomy_parse(&a, &towns, "{\"group\":[\"农民\",\"老年人\"],\"town\":[\"jqz\"]}", &pol, &err) == ZW_OK);
        CHECK(taxonomy_parse(&a, &towns, "{\"group\":[\"农民\"],\"town\":[\"jqz\"],\"size\":[\"micro\"]}", &prof, &err) == ZW_OK);
        CHECK(audience_match(&pol, &prof));
        CHECK(taxonomy_parse(&a, &towns, "{\"group\":[\"农民\"],\"town\":[\"xlz\"]}", &prof, &err) == ZW_OK);
        CHECK(!audience_match(&pol, &prof)); /* town differs */
        CHECK(taxonomy_parse(&a, &towns, "{\"group\":[\"农民\"]}", &prof, &err) == ZW_OK);
        CHECK(!audience_match(&pol, &prof)); /* the policy names a town; the profile has none */
        CHECK(taxonomy_parse(&a, &towns, "{}", &pol, &err) == ZW_OK);
        CHECK(audience_match(&pol, &prof)); /* everyone */
    }

    subtest("pol-1.1", "a policy needs a scope; an interpretation a form and a policy") {
        ItemInput in = {0};
        int64_t id;
        in.zUnit = "czj";
        in.iColumn = col_id("czj", "gzgfxwj");
        in.zTitle = "无适用范围的政策";
        in.zKind = "policy";
        CHECK(item_create(db, &a, ed_czj, "ip", &in, &id, &err) == ZW_EINPUT);
        in.zKind = "rule";
        CHECK(item_create(db, &a, ed_czj, "ip", &in, &id, &err) == ZW_EINPUT);
        in.zKind = "policy";
        in.zScope = "everyone";
        CHECK(item_create(db, &a, ed_czj, "ip", &in, &id, &err) == ZW_EINPUT);
        in.zScope = "public";
        CHECK(item_create(db, &a, ed_czj, "ip", &in, &id, &err) == ZW_OK);
        int64_t iPol = id;
        Item *p = item_get(db, &a, iPol);
        CHECK(p && strcmp(p->zKind, "policy") == 0 && strcmp(p->zScope, "public") == 0);
        CHECK_STR(p ? p->zAudience : NULL, "{}");

        ItemInput ii = {0};
        ii.zUnit = "czj";
        ii.iColumn = col_id("czj", "zcjd");
        ii.zTitle = "解读";
        ii.zKind = "interpretation";
        CHECK(item_create(db, &a, ed_czj, "ip", &ii, &id, &err) == ZW_EINPUT); /* no form */
        ii.zForm = "图示图解";
        CHECK(item_create(db, &a, ed_czj, "ip", &ii, &id, &err) == ZW_EINPUT); /* no policy */
        int64_t aBad[] = {999999};
        ii.bInterpretsSet = 1;
        ii.aInterprets = aBad;
        ii.nInterprets = 1;
        CHECK(item_create(db, &a, ed_czj, "ip", &ii, &id, &err) == ZW_EINPUT); /* not a policy */
        ii.aInterprets = &iPol;
        ii.zForm = "漫画";
        CHECK(item_create(db, &a, ed_czj, "ip", &ii, &id, &err) == ZW_EINPUT); /* not a form */
        ii.zForm = "图示图解";
        CHECK(item_create(db, &a, ed_czj, "ip", &ii, &id, &err) == ZW_OK);
        p = item_get(db, &a, id);
        CHECK_STR(p ? p->zStage : NULL, "首次解读"); /* the default stage */
        InterpLink *aLink;
        int nLink;
        CHECK(interpret_links(db, &a, iPol, "policy", 0, &aLink, &nLink) == ZW_OK && nLink == 1 &&
              aLink[0].id == id);
        CHECK(interpret_links(db, &a, iPol, "policy", 1, &aLink, &nLink) == ZW_OK && nLink == 0);
        /* Turned into an ordinary item, the links and fields go. */
        ItemInput up = {0};
        up.zKind = "";
        CHECK(item_update(db, &a, ed_czj, "ip", id, &up, &err) == ZW_OK);
        p = item_get(db, &a, id);
        CHECK(p && p->zKind[0] == 0 && p->zForm[0] == 0);
        CHECK(interpret_links(db, &a, iPol, "policy", 0, &aLink, &nLink) == ZW_OK && nLink == 0);
    }

    /* The fixture, hand-counted in the comments. */
    int64_t p1 = policy("czj", "2021-03-01", "P1 公众 重大", "public", 1);
    int64_t p2 = policy("czj", "2021-03-01", "P2 企业", "enterprise", 0);
    int64_t p3 = policy("czj", "2021-03-01", "P3 内部", "internal", 0);
    int64_t p4 = policy("czj", "2021-04-01", "P4 公众 重大 未解读", "public", 1);
    int64_t p5 = policy("czj", "2021-05-06", "P5 解读已撤回", "public", 0);
    int64_t p6 = policy("wjj", "2021-02-01", "P6 公众 重大", "public", 1);
    int64_t p7 = policy("wjj", "2020-12-30", "P7 上一年", "public", 0);
    int64_t p8 = policy("wjj", "2021-09-30", "P8 国庆前", "public", 1);
    CHECK(p1 && p2 && p3 && p4 && p5 && p6 && p7 && p8);
    /* I1 two working days after P1: timely, graphic, diversified. */
    CHECK(interp("czj", "2021-03-03", "I1", "图示图解", "首次解读", p1));
    /* I2 seven working days after P2: late.  I3 follows up on P2. */
    CHECK(interp("czj", "2021-03-10", "I2", "文字解读", "首次解读", p2));
    CHECK(interp("czj", "2021-06-01", "I3", "文字解读", "跟踪解读", p2));
    CHECK(interp("czj", "2021-03-02", "I0 内部政策的解读", "文字解读", "首次解读", p3));
    /* I4 on P5, withdrawn: P5 counts as not interpreted. */
    int64_t i4 = interp("czj", "2021-05-07", "I4", "视频解读", "首次解读", p5);
    CHECK(i4 && item_withdraw(db, &a, admin, "ip", i4, "内容有误", &err) == ZW_OK);
    /* I5 the same day as P6: timely, video = diversified, not graphic. */
    CHECK(interp("wjj", "2021-02-01", "I5", "视频解读", "首次解读", p6));
    /* I6 on P8 (2021-09-30) on 2021-10-09: National Day 10-01..10-07 is off, 10-08 and
    ** the 调休 Saturday 10-09 are working days 1 and 2, so it is within 3. */
    CHECK(interp("wjj", "2021-10-09", "I6", "文字解读", "首次解读", p8));
    CHECK(interp("wjj", "2021-01-04", "I7 on last year's policy", "文字解读", "首次解读", p7));

    subtest("rep-1.1", "reposts: validation, rights, listing") {
        Repost r = {0};
        int64_t id;
        r.zChannel = "media";
        r.zName = "宁夏日报";
        r.zUrl = "https://www.nxnews.net/a/1.html";
        r.zDate = "2021-03-05";
        CHECK(repost_add(db, &a, ed_wjj, "ip", p1, &r, &id, &err) == ZW_EPERM);
        CHECK(repost_add(db, &a, ed_czj, "ip", p1, &r, &id, &err) == ZW_OK);
        r.zChannel = "tv";
        CHECK(repost_add(db, &a, ed_czj, "ip", p1, &r, &id, &err) == ZW_EINPUT);
        r.zChannel = "newmedia";
        r.zDate = "2021-02-28"; /* before publication */
        CHECK(repost_add(db, &a, ed_czj, "ip", p1, &r, &id, &err) == ZW_EINPUT);
        r.zDate = "2021-03-06";
        r.zUrl = "javascript:alert(1)";
        CHECK(repost_add(db, &a, ed_czj, "ip", p1, &r, &id, &err) == ZW_EINPUT);
        r.zUrl = NULL;
        r.zName = "西吉发布";
        CHECK(repost_add(db, &a, ed_czj, "ip", p1, &r, &id, &err) == ZW_OK);
        CHECK(repost_add(db, &a, ed_czj, "ip", i4, &r, &id, &err) == ZW_ECONFLICT); /* withdrawn */
        Repost *aR;
        int nR;
        CHECK(repost_list(db, &a, p1, &aR, &nR) == ZW_OK && nR == 2);
        CHECK(nR == 2 && strcmp(aR[0].zChannel, "media") == 0 && strcmp(aR[1].zUrl, "") == 0);
    }

    subtest("stat-1.1", "per unit and county, worst coverage first") {
        InterpStats *aStat;
        int nStat;
        CHECK(interpret_stats(db, &a, 2021, &aStat, &nStat, &err) == ZW_OK);
        const InterpStats *c = find(aStat, nStat, "czj"), *w = find(aStat, nStat, "wjj");
        const InterpStats *t = find(aStat, nStat, NULL);
        CHECK(c && w && t && t == &aStat[nStat - 1]);
        CHECK(c && w && c < w); /* czj (50%) before wjj (100%) */
        if (!c || !w || !t) return t_done();
        /* czj: P1 P2 P4 P5 (P3 is internal; the pol-1.1 draft is unpublished). */
        CHECK_INT(c->nPolicies, 4);
        CHECK_INT(c->nInterpreted, 2);
        CHECK_INT(c->nGraphic, 1);
        CHECK_INT(c->nMajor, 2);
        CHECK_INT(c->nMajorDiversified, 1);
        CHECK_INT(c->nTimely, 1);
        CHECK_INT(c->nFollowup, 1);
        CHECK_INT(c->nInterpretations, 4); /* I0 I1 I2 I3 */
        CHECK_INT(c->aReposts[0], 1);
        CHECK_INT(c->aReposts[2], 1);
        CHECK_INT(c->nMissing, 2);
        CHECK(c->nMissing == 2 && c->aMissing[0].id == p4 && c->aMissing[1].id == p5);
        /* wjj: P6 P8 (P7 is 2020). */
        CHECK_INT(w->nPolicies, 2);
        CHECK_INT(w->nInterpreted, 2);
        CHECK_INT(w->nGraphic, 0);
        CHECK_INT(w->nMajor, 2);
        CHECK_INT(w->nMajorDiversified, 1);
        CHECK_INT(w->nTimely, 2);
        CHECK_INT(w->nInterpretations, 3); /* I5 I6 I7 */
        /* The county. */
        CHECK_INT(t->nPolicies, 6);
        CHECK_INT(t->nInterpreted, 4);
        CHECK_INT(t->nMajor, 4);
        CHECK_INT(t->nMajorDiversified, 2);
        CHECK_INT(t->nTimely, 3);
        CHECK_INT(t->nMissing, 2);
        CHECK(interpret_ratio(t, INTERP_DIVERSIFIED) == 0.5);
        Str s;
        str_init(&s, &a);
        interpret_stats_json(&s, 2021, aStat, nStat);
        const char *z = str_cstr(&s);
        CHECK(strstr(z, "\"unit\":\"czj\",\"name\":\"西吉县财政局\",\"policies\":4,\"interpreted\":2,"
                        "\"coverage\":0.5000,\"graphic\":1,\"graphic_ratio\":0.2500,\"major\":2,"
                        "\"major_diversified\":1,\"diversified_ratio\":0.5000") != NULL);
        CHECK(strstr(z, "\"county\":{\"unit\":null,\"name\":\"全县\",\"policies\":6,\"interpreted\":4,"
                        "\"coverage\":0.6667") != NULL);
        Json *j;
        CHECK(json_parse(&a, z, strlen(z), &j, &err) == ZW_OK);
        str_reset(&s);
        interpret_stats_svg(&s, "覆盖率<>", aStat, nStat, INTERP_COVERAGE, 100);
        z = str_cstr(&s);
        CHECK(strstr(z, "<svg") == z && strstr(z, "覆盖率&lt;&gt;") && strstr(z, ">50%<") &&
              strstr(z, ">100%<"));
    }
    subtest("stat-1.2", "a year without policies") {
        InterpStats *aStat;
        int nStat;
        CHECK(interpret_stats(db, &a, 2019, &aStat, &nStat, &err) == ZW_OK);
        CHECK(nStat == 1 && aStat[0].nPolicies == 0 && interpret_ratio(&aStat[0], INTERP_COVERAGE) < 0);
        Str s;
        str_init(&s, &a);
        interpret_stats_json(&s, 2019, aStat, nStat);
        CHECK(strstr(str_cstr(&s), "\"coverage\":null") != NULL);
    }
    db_close(db);
    unlink(zPath);
    arena_free(&a);
    return t_done();
}
