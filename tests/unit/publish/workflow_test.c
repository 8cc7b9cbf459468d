// SPDX-License-Identifier: MIT
/* workflow_test.c: the publishing workflow on a real database: rights per unit and
** role, states, versions, 索引号, withdrawal, the transparency log and its check. */
#include <stdlib.h>
#include <unistd.h>

#include "../../../src/auth/auth.h"
#include "../../../src/core/log.h"
#include "../../../src/demo/demo.h"
#include "../../../src/publish/publish.h"
#include "t.h"

static User *login(Db *db, Arena *a, const char *zName) {
    const char *zTok;
    User *u = NULL;
    Err err = {0};
    auth_login(db, a, zName, "test-password", "127.0.0.1", &zTok, &u, &err);
    return u;
}

static int nChanges;
static void on_change(void) {
    nChanges++;
}

int main(void) {
    g_log_level = LOG_ERROR;
    char zPath[] = "/tmp/zwgk-wf-XXXXXX";
    int fd = mkstemp(zPath);
    close(fd);
    Db *db;
    Err err = {0};
    Arena a;
    arena_init(&a);
    CHECK(db_open(&db, zPath, DB_CREATE, &err) == ZW_OK);
    int n;
    CHECK(db_migrate(db, &n, &err) == ZW_OK && n >= 1);
    CHECK(db_migrate(db, &n, &err) == ZW_OK && n == 0);
    CHECK(demo_units(db, &err) == ZW_OK);
    CHECK(demo_units(db, &err) == ZW_OK); /* idempotent */
    CHECK(auth_user_add(db, "ed", "czj", ROLE_EDITOR, "test-password", &err) == ZW_OK);
    CHECK(auth_user_add(db, "rv", "czj", ROLE_REVIEWER, "test-password", &err) == ZW_OK);
    CHECK(auth_user_add(db, "rv2", "wjj", ROLE_REVIEWER, "test-password", &err) == ZW_OK);
    CHECK(auth_user_add(db, "ed", "czj", ROLE_EDITOR, "test-password", &err) == ZW_ECONFLICT);
    CHECK(auth_user_add(db, "x", "czj", ROLE_EDITOR, "short", &err) == ZW_EINPUT);
    CHECK(auth_user_add(db, "y", "nosuch", ROLE_EDITOR, "test-password", &err) == ZW_EINPUT);
    publish_on_change(on_change);
    User *ed = login(db, &a, "ed"), *rv = login(db, &a, "rv"), *rv2 = login(db, &a, "rv2");
    CHECK(ed && rv && rv2);
    if (!ed || !rv || !rv2) return t_done();
    Unit *czj = unit_by_code(db, &a, "czj");
    Column *yjs = col_by_slug(db, &a, czj->id, "yjs");
    Column *other = col_by_slug(db, &a, unit_by_code(db, &a, "wjj")->id, "wsjk");
    int64_t id = 0;

    subtest("wf-1.1", "create validates input") {
        ItemInput in = {0};
        in.zUnit = "czj";
        in.iColumn = yjs->id;
        CHECK(item_create(db, &a, ed, "ip", &in, &id, &err) == ZW_EINPUT); /* no title */
        in.zTitle = "   ";
        CHECK(item_create(db, &a, ed, "ip", &in, &id, &err) == ZW_EINPUT);
        in.zTitle = "标题\n换行";
        CHECK(item_create(db, &a, ed, "ip", &in, &id, &err) == ZW_EINPUT);
        in.zTitle = "2021年部门预算";
        in.zWrittenAt = "2021-02-30";
        CHECK(item_create(db, &a, ed, "ip", &in, &id, &err) == ZW_EINPUT);
        in.zWrittenAt = "2021-02-03";
        in.zFormat = "html";
        CHECK(item_create(db, &a, ed, "ip", &in, &id, &err) == ZW_EINPUT);
        in.zFormat = "md";
        in.iColumn = other->id;
        CHECK(item_create(db, &a, ed, "ip", &in, &id, &err) == ZW_EINPUT); /* column of another unit */
        in.iColumn = yjs->id;
        in.zUnit = "wjj";
        CHECK(item_create(db, &a, ed, "ip", &in, &id, &err) == ZW_EPERM);
        in.zUnit = "czj";
        CHECK(item_create(db, &a, NULL, "ip", &in, &id, &err) == ZW_EAUTH);
        in.zBody = "正文";
        CHECK(item_create(db, &a, ed, "ip", &in, &id, &err) == ZW_OK && id > 0);
    }
    subtest("wf-1.2", "draft → pending → published, with rights checked") {
        CHECK(item_approve(db, &a, rv, "ip", id, &err) == ZW_ECONFLICT); /* not submitted */
        CHECK(item_submit(db, &a, ed, "ip", id, &err) == ZW_OK);
        CHECK(item_submit(db, &a, ed, "ip", id, &err) == ZW_ECONFLICT);
        CHECK(item_approve(db, &a, ed, "ip", id, &err) == ZW_EPERM);  /* editor */
        CHECK(item_approve(db, &a, rv2, "ip", id, &err) == ZW_EPERM); /* other unit */
        CHECK(item_public(db, &a, id) == NULL);
        nChanges = 0;
        CHECK(item_approve(db, &a, rv, "ip", id, &err) == ZW_OK);
        CHECK_INT(nChanges, 1);
        Item *p = item_public(db, &a, id);
        CHECK(p && strcmp(p->zState, "published") == 0 && p->iLiveVersion == 1);
        CHECK(p && p->zIndexNo && strncmp(p->zIndexNo, "640422005/", 10) == 0);
    }
    subtest("wf-1.3", "a change after publication is a new version") {
        ItemInput in = {0};
        in.zBody = "正文（修订）";
        CHECK(item_update(db, &a, ed, "ip", id, &in, &err) == ZW_EINPUT); /* no note */
        in.zChangeNote = "修订正文";
        CHECK(item_update(db, &a, ed, "ip", id, &in, &err) == ZW_OK);
        Item *p = item_public(db, &a, id);
        CHECK(p && strcmp(p->zBody, "正文") == 0); /* the public still sees version 1 */
        CHECK(item_submit(db, &a, ed, "ip", id, &err) == ZW_OK);
        CHECK(item_reject(db, &a, rv, "ip", id, "", &err) == ZW_EINPUT);
        CHECK(item_approve(db, &a, rv, "ip", id, &err) == ZW_OK);
        p = item_public(db, &a, id);
        CHECK(p && strcmp(p->zBody, "正文（修订）") == 0 && p->iLiveVersion == 2);
        VersionRow *aV;
        int nV;
        CHECK(item_versions(db, &a, id, &aV, &nV) == ZW_OK && nV == 2);
        CHECK(nV == 2 && strcmp(aV[0].zChangeNote, "修订正文") == 0);
        Item *v1 = item_version(db, &a, id, 1);
        CHECK(v1 && strcmp(v1->zBody, "正文") == 0);
        CHECK(item_version(db, &a, id, 3) == NULL);
    }
    subtest("wf-1.4", "withdrawal") {
        CHECK(item_withdraw(db, &a, rv, "ip", id, " ", &err) == ZW_EINPUT);
        CHECK(item_withdraw(db, &a, rv2, "ip", id, "理由", &err) == ZW_EPERM);
        CHECK(item_withdraw(db, &a, rv, "ip", id, "内容有误", &err) == ZW_OK);
        Item *p = item_public(db, &a, id);
        CHECK(p && strcmp(p->zState, "withdrawn") == 0 && strcmp(p->zWithdrawReason, "内容有误") == 0);
        CHECK(item_withdraw(db, &a, rv, "ip", id, "再撤", &err) == ZW_ECONFLICT);
        ItemQuery q = {0};
        q.bPublic = 1;
        q.zUnit = "czj";
        ItemRow *aRow;
        int nRow;
        int64_t nTotal;
        CHECK(item_list(db, &a, &q, &aRow, &nRow, &nTotal) == ZW_OK && nTotal == 0);
    }
    subtest("wf-1.5", "索引号 run per unit and year") {
        int64_t id2;
        ItemInput in = {0};
        in.zUnit = "czj";
        in.iColumn = yjs->id;
        in.zTitle = "第二条";
        CHECK(item_create(db, &a, ed, "ip", &in, &id2, &err) == ZW_OK);
        item_submit(db, &a, ed, "ip", id2, &err);
        CHECK(item_approve(db, &a, rv, "ip", id2, &err) == ZW_OK);
        Item *p1 = item_get(db, &a, id), *p2 = item_get(db, &a, id2);
        CHECK(p1 && p2 && strcmp(p1->zIndexNo, p2->zIndexNo) != 0);
        CHECK(p2 && strcmp(p2->zIndexNo + strlen(p2->zIndexNo) - 5, "00002") == 0);
    }
    subtest("wf-2.1", "the transparency log verifies, and refuses updates") {
        int64_t iBad, nChecked;
        CHECK(tlog_verify(db, &iBad, &nChecked, &err) == ZW_OK && nChecked == 4);
        CHECK(db_exec_script(db, "UPDATE tlog SET payload='x' WHERE seq=2", &err) != ZW_OK);
        CHECK(db_exec_script(db, "DELETE FROM tlog WHERE seq=2", &err) != ZW_OK);
        CHECK(db_exec_script(db, "DROP TRIGGER tlog_no_update; UPDATE tlog SET payload='x' WHERE seq=3", &err) == ZW_OK);
        CHECK(tlog_verify(db, &iBad, &nChecked, &err) == ZW_ECONFLICT && iBad == 3 && nChecked == 2);
    }
    subtest("wf-3.1", "lockout after repeated failures") {
        const char *zTok;
        User *u;
        for (int i = 0; i < AUTH_SLOW_AFTER; i++) {
            CHECK(auth_login(db, &a, "ed", "wrong-password", "ip", &zTok, &u, &err) == ZW_EAUTH);
        }
        /* Now locked for a moment, even with the right password. */
        CHECK(auth_login(db, &a, "ed", "test-password", "ip", &zTok, &u, &err) == ZW_ELIMIT);
        CHECK(auth_user_passwd(db, "ed", "new-password-1", &err) == ZW_OK);
        CHECK(auth_login(db, &a, "ed", "new-password-1", "ip", &zTok, &u, &err) == ZW_OK);
        CHECK(auth_session(db, &a, zTok) != NULL);
        auth_logout(db, zTok);
        CHECK(auth_session(db, &a, zTok) == NULL);
        CHECK(auth_session(db, &a, "short") == NULL);
    }
    db_close(db);
    unlink(zPath);
    char zAux[64];
    snprintf(zAux, sizeof zAux, "%s-wal", zPath);
    unlink(zAux);
    snprintf(zAux, sizeof zAux, "%s-shm", zPath);
    unlink(zAux);
    arena_free(&a);
    return t_done();
}
