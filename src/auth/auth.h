/*
** auth.h: users and their roles per unit, passwords (argon2id), sessions with a
** CSRF token, failed-login slow-down and lockout, and the audit log.
**
** Owns tables: user, session, audit.
** Memory: User records and strings live in the caller's Arena.
** Errors: ZW_OK or a ZW_E* code; the message for the user is in *err.
** Rules: an editor or reviewer acts only inside their own unit; an admin anywhere.
**        Session tokens are 256 random bits; only their SHA-256 is stored.
*/
#ifndef ZW_AUTH_H
#define ZW_AUTH_H

#include <stdint.h>

#include "../core/arena.h"
#include "../core/err.h"
#include "../store/db.h"

enum { ROLE_NONE = 0, ROLE_EDITOR = 1, ROLE_REVIEWER = 2, ROLE_ADMIN = 3 };

#define AUTH_SESSION_SECONDS (12 * 3600)
#define AUTH_SLOW_AFTER 3   /* failures before each further try waits 30 s, doubling */
#define AUTH_LOCK_AFTER 8   /* failures before the account is locked */
#define AUTH_LOCK_SECONDS (15 * 60)

typedef struct User {
    int64_t id;
    const char *zName;
    int64_t iUnit;           /* unit id */
    const char *zUnitCode;
    const char *zUnitName;
    int eRole;               /* ROLE_* */
    const char *zCsrf;       /* the session's CSRF token (set by auth_session/auth_login) */
} User;

/* "editor" → ROLE_EDITOR ...; ROLE_NONE for anything else. */
int auth_role_parse(const char *z);
const char *auth_role_name(int eRole);      /* "editor" ... */
const char *auth_role_label(int eRole);     /* 编辑 / 审核 / 管理员 */

/* Add a user; password at least 8 characters. */
int auth_user_add(Db *db, const char *zName, const char *zUnitCode, int eRole,
                  const char *zPassword, Err *err);
/* Change a password (also clears lockout and ends the user's sessions). */
int auth_user_passwd(Db *db, const char *zName, const char *zPassword, Err *err);

/* Check name and password.  On success creates a session: *pzToken receives the
** cookie value (arena) and *ppUser the user, with zCsrf set.  Failures count toward
** the slow-down and lockout (ZW_ELIMIT while locked). */
int auth_login(Db *db, Arena *a, const char *zName, const char *zPassword, const char *zIp,
               const char **pzToken, User **ppUser, Err *err);

/* The user of a session cookie, or NULL if unknown or expired. */
User *auth_session(Db *db, Arena *a, const char *zToken);

/* End a session. */
void auth_logout(Db *db, const char *zToken);

/* ZW_OK if u may act in unit iUnit with at least eRole; else ZW_EPERM (or ZW_EAUTH
** when u is NULL) with a Chinese message. */
int auth_check(const User *u, int64_t iUnit, int eRole, Err *err);

/* Append an audit record (inside the caller's transaction if one is open). */
int audit_add(Db *db, const User *u, const char *zIp, const char *zAction, const char *zTarget,
              const char *zDetail);

#endif
