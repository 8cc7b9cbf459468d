// SPDX-License-Identifier: MIT
/*
** auth.c: passwords with libsodium's argon2id (crypto_pwhash_str), sessions
** stored by token hash, lockout bookkeeping and audit records.  Relies on store/
** for SQL and core/util for hashing and random tokens.
*/
#include "auth.h"

#include <sodium.h>
#include <string.h>
#include <unistd.h>

#include "../core/log.h"
#include "../core/str.h"
#include "../core/util.h"

int auth_role_parse(const char *z) {
    if (!z) return ROLE_NONE;
    if (strcmp(z, "editor") == 0) return ROLE_EDITOR;
    if (strcmp(z, "reviewer") == 0) return ROLE_REVIEWER;
    if (strcmp(z, "admin") == 0) return ROLE_ADMIN;
    return ROLE_NONE;
}

const char *auth_role_name(int eRole) {
    switch (eRole) {
    case ROLE_EDITOR: return "editor";
    case ROLE_REVIEWER: return "reviewer";
    case ROLE_ADMIN: return "admin";
    default: return "none";
    }
}

const char *auth_role_label(int eRole) {
    switch (eRole) {
    case ROLE_EDITOR: return "编辑";
    case ROLE_REVIEWER: return "审核";
    case ROLE_ADMIN: return "管理员";
    default: return "无";
    }
}

static int hash_password(const char *zPassword, char *zOut) {
    if (sodium_init() < 0) die("sodium_init failed");
    return crypto_pwhash_str(zOut, zPassword, strlen(zPassword),
                             crypto_pwhash_OPSLIMIT_INTERACTIVE,
                             crypto_pwhash_MEMLIMIT_INTERACTIVE);
}

static int check_password_rules(const char *zPassword, Err *err) {
    size_t n = zPassword ? strlen(zPassword) : 0;
    if (n < 8 || n > 256 || !utf8_valid(zPassword, n)) {
        return err_set(err, ZW_EINPUT, "weak_password", "密码长度应为 8 到 256 个字符", NULL);
    }
    return ZW_OK;
}

int auth_user_add(Db *db, const char *zName, const char *zUnitCode, int eRole,
                  const char *zPassword, Err *err) {
    char zHash[crypto_pwhash_STRBYTES], zNow[21];
    int rc = check_password_rules(zPassword, err);
    if (rc) return rc;
    size_t nName = zName ? strlen(zName) : 0;
    if (nName < 2 || nName > 64 || !utf8_valid(zName, nName) || strpbrk(zName, " \t\r\n/")) {
        return err_set(err, ZW_EINPUT, "bad_name", "用户名应为 2 到 64 个字符，且不含空格", NULL);
    }
    if (eRole == ROLE_NONE) return err_set(err, ZW_EINPUT, "bad_role", "角色应为 editor、reviewer 或 admin", NULL);
    if (hash_password(zPassword, zHash) != 0) return err_set(err, ZW_EIO, NULL, "无法计算密码哈希", "pwhash out of memory");
    util_iso_time(util_now(), zNow);
    Stmt st;
    db_prepare(db, &st, "SELECT id FROM unit WHERE code=?1");
    db_bind_text(&st, 1, zUnitCode);
    int64_t iUnit = db_step(&st) == 1 ? db_col_int(&st, 0) : 0;
    db_done(&st);
    if (!iUnit) return err_set(err, ZW_EINPUT, "unknown_unit", "单位代码不存在", NULL);
    db_prepare(db, &st, "SELECT 1 FROM user WHERE name=?1");
    db_bind_text(&st, 1, zName);
    int bExists = db_step(&st) == 1;
    db_done(&st);
    if (bExists) return err_set(err, ZW_ECONFLICT, "user_exists", "该用户名已存在", NULL);
    db_prepare(db, &st,
               "INSERT INTO user(name,unit_id,role,pw_hash,created_at) VALUES(?1,?2,?3,?4,?5)");
    db_bind_text(&st, 1, zName);
    db_bind_int(&st, 2, iUnit);
    db_bind_text(&st, 3, auth_role_name(eRole));
    db_bind_text(&st, 4, zHash);
    db_bind_text(&st, 5, zNow);
    rc = db_run(&st);
    db_done(&st);
    return rc ? db_err(db, err) : ZW_OK;
}

int auth_user_passwd(Db *db, const char *zName, const char *zPassword, Err *err) {
    char zHash[crypto_pwhash_STRBYTES];
    int rc = check_password_rules(zPassword, err);
    if (rc) return rc;
    if (hash_password(zPassword, zHash) != 0) return err_set(err, ZW_EIO, NULL, "无法计算密码哈希", NULL);
    if ((rc = db_begin(db)) != ZW_OK) return db_err(db, err);
    Stmt st;
    db_prepare(db, &st, "UPDATE user SET pw_hash=?2, failed=0, locked_until=NULL WHERE name=?1");
    db_bind_text(&st, 1, zName);
    db_bind_text(&st, 2, zHash);
    rc = db_run(&st);
    db_done(&st);
    int nChanged = db_changes(db);
    if (rc == ZW_OK) {
        db_prepare(db, &st, "DELETE FROM session WHERE user_id=(SELECT id FROM user WHERE name=?1)");
        db_bind_text(&st, 1, zName);
        rc = db_run(&st);
        db_done(&st);
    }
    if (rc != ZW_OK || nChanged == 0) {
        db_rollback(db);
        return rc ? db_err(db, err) : err_set(err, ZW_ENOTFOUND, "unknown_user", "用户不存在", NULL);
    }
    return db_commit(db) ? db_err(db, err) : ZW_OK;
}

/* Load a user row joined with its unit. Columns: id,name,unit_id,role,code,uname. */
static User *user_from_row(Arena *a, Stmt *st) {
    User *u = arena_zalloc(a, sizeof *u);
    u->id = db_col_int(st, 0);
    u->zName = db_col_dup(a, st, 1);
    u->iUnit = db_col_int(st, 2);
    u->eRole = auth_role_parse(db_col_text(st, 3));
    u->zUnitCode = db_col_dup(a, st, 4);
    u->zUnitName = db_col_dup(a, st, 5);
    return u;
}

int auth_login(Db *db, Arena *a, const char *zName, const char *zPassword, const char *zIp,
               const char **pzToken, User **ppUser, Err *err) {
    static const char zMsgBad[] = "用户名或密码错误";
    char zNow[21], zUntil[21];
    int64_t now = util_now();
    util_iso_time(now, zNow);
    *pzToken = NULL;
    *ppUser = NULL;
    if (!zName || !zPassword || !*zName || !*zPassword) {
        return err_set(err, ZW_EINPUT, "missing_field", "请输入用户名和密码", NULL);
    }
    Stmt st;
    db_prepare(db, &st,
               "SELECT u.id,u.name,u.unit_id,u.role,n.code,n.name,u.pw_hash,u.failed,"
               " u.locked_until,u.disabled FROM user u JOIN unit n ON n.id=u.unit_id"
               " WHERE u.name=?1");
    db_bind_text(&st, 1, zName);
    User *u = NULL;
    char *zHash = NULL, *zLocked = NULL;
    int64_t nFailed = 0;
    int bDisabled = 0;
    if (db_step(&st) == 1) {
        u = user_from_row(a, &st);
        zHash = db_col_dup(a, &st, 6);
        nFailed = db_col_int(&st, 7);
        zLocked = db_col_dup(a, &st, 8);
        bDisabled = (int)db_col_int(&st, 9);
    }
    db_done(&st);
    if (zLocked && strcmp(zLocked, zNow) > 0) {
        int64_t nWait = util_parse_time(zLocked) - now;
        return err_set(err, ZW_ELIMIT, "locked",
                       arena_printf(a, "登录失败次数过多，请 %lld 秒后再试", (long long)(nWait > 0 ? nWait : 1)),
                       NULL);
    }
    int bOk;
    if (u && !bDisabled) {
        bOk = crypto_pwhash_str_verify(zHash, zPassword, strlen(zPassword)) == 0;
    } else {
        /* Spend the same time for unknown users, so timing does not reveal names. */
        char zDummy[crypto_pwhash_STRBYTES];
        hash_password("zwgk-dummy-password", zDummy);
        bOk = 0;
    }
    if (!bOk) {
        if (u) {
            nFailed++;
            int64_t nLock = 0;
            if (nFailed >= AUTH_LOCK_AFTER) {
                nLock = AUTH_LOCK_SECONDS;
            } else if (nFailed >= AUTH_SLOW_AFTER) {
                nLock = (int64_t)30 << (nFailed - AUTH_SLOW_AFTER); /* 30 s, 1 min, 2 min ... */
                if (nLock > AUTH_LOCK_SECONDS) nLock = AUTH_LOCK_SECONDS;
            }
            util_iso_time(now + nLock, zUntil);
            db_prepare(db, &st, "UPDATE user SET failed=?2, locked_until=?3 WHERE id=?1");
            db_bind_int(&st, 1, u->id);
            db_bind_int(&st, 2, nFailed);
            db_bind_text(&st, 3, nLock ? zUntil : NULL);
            db_run(&st);
            db_done(&st);
            audit_add(db, u, zIp, "login_failed", u->zName, arena_printf(a, "failed=%lld", (long long)nFailed));
        }
        return err_set(err, ZW_EAUTH, "bad_credentials", zMsgBad, NULL);
    }
    char zToken[64], zCsrf[64], zTokHash[65], zExp[21];
    util_random_token(32, zToken);
    util_random_token(32, zCsrf);
    util_sha256_hex(zToken, strlen(zToken), zTokHash);
    util_iso_time(now + AUTH_SESSION_SECONDS, zExp);
    int rc = db_begin(db);
    if (rc) return db_err(db, err);
    db_prepare(db, &st, "UPDATE user SET failed=0, locked_until=NULL WHERE id=?1");
    db_bind_int(&st, 1, u->id);
    rc = db_run(&st);
    db_done(&st);
    if (!rc) {
        db_prepare(db, &st, "DELETE FROM session WHERE expires_at<?1");
        db_bind_text(&st, 1, zNow);
        rc = db_run(&st);
        db_done(&st);
    }
    if (!rc) {
        db_prepare(db, &st,
                   "INSERT INTO session(token_hash,user_id,csrf,ip,created_at,expires_at)"
                   " VALUES(?1,?2,?3,?4,?5,?6)");
        db_bind_text(&st, 1, zTokHash);
        db_bind_int(&st, 2, u->id);
        db_bind_text(&st, 3, zCsrf);
        db_bind_text(&st, 4, zIp);
        db_bind_text(&st, 5, zNow);
        db_bind_text(&st, 6, zExp);
        rc = db_run(&st);
        db_done(&st);
    }
    if (!rc) rc = audit_add(db, u, zIp, "login", u->zName, "");
    if (rc) {
        db_rollback(db);
        return db_err(db, err);
    }
    if (db_commit(db)) return db_err(db, err);
    u->zCsrf = arena_strdup(a, zCsrf);
    *pzToken = arena_strdup(a, zToken);
    *ppUser = u;
    return ZW_OK;
}

User *auth_session(Db *db, Arena *a, const char *zToken) {
    char zTokHash[65], zNow[21];
    if (!zToken || strlen(zToken) != 43) return NULL;
    util_sha256_hex(zToken, strlen(zToken), zTokHash);
    util_iso_time(util_now(), zNow);
    Stmt st;
    db_prepare(db, &st,
               "SELECT u.id,u.name,u.unit_id,u.role,n.code,n.name,s.csrf"
               " FROM session s JOIN user u ON u.id=s.user_id JOIN unit n ON n.id=u.unit_id"
               " WHERE s.token_hash=?1 AND s.expires_at>?2 AND u.disabled=0");
    db_bind_text(&st, 1, zTokHash);
    db_bind_text(&st, 2, zNow);
    User *u = NULL;
    if (db_step(&st) == 1) {
        u = user_from_row(a, &st);
        u->zCsrf = db_col_dup(a, &st, 6);
    }
    db_done(&st);
    return u;
}

void auth_logout(Db *db, const char *zToken) {
    char zTokHash[65];
    if (!zToken) return;
    util_sha256_hex(zToken, strlen(zToken), zTokHash);
    Stmt st;
    db_prepare(db, &st, "DELETE FROM session WHERE token_hash=?1");
    db_bind_text(&st, 1, zTokHash);
    db_run(&st);
    db_done(&st);
}

int auth_check(const User *u, int64_t iUnit, int eRole, Err *err) {
    if (!u) return err_set(err, ZW_EAUTH, "login_required", "请先登录", NULL);
    if (u->eRole < eRole) {
        return err_set(err, ZW_EPERM, "forbidden", "您的角色无权执行此操作", NULL);
    }
    if (u->eRole != ROLE_ADMIN && iUnit && u->iUnit != iUnit) {
        return err_set(err, ZW_EPERM, "other_unit", "只能操作本单位的信息（谁公开谁负责）", NULL);
    }
    return ZW_OK;
}

int audit_add(Db *db, const User *u, const char *zIp, const char *zAction, const char *zTarget,
              const char *zDetail) {
    char zNow[21];
    util_iso_time(util_now(), zNow);
    Stmt st;
    db_prepare(db, &st,
               "INSERT INTO audit(at,user_id,user_name,ip,action,target,detail)"
               " VALUES(?1,?2,?3,?4,?5,?6,?7)");
    db_bind_text(&st, 1, zNow);
    if (u) {
        db_bind_int(&st, 2, u->id);
        db_bind_text(&st, 3, u->zName);
    } else {
        db_bind_null(&st, 2);
        db_bind_text(&st, 3, "");
    }
    db_bind_text(&st, 4, zIp ? zIp : "");
    db_bind_text(&st, 5, zAction);
    db_bind_text(&st, 6, zTarget ? zTarget : "");
    db_bind_text(&st, 7, zDetail ? zDetail : "");
    int rc = db_run(&st);
    db_done(&st);
    return rc;
}
