/*
** auth_web.h: sessions and CSRF on the HTTP side: the before-handler hook, the
** login/logout pages and the /api/v1/session endpoints, and form tokens for
** public forms that need no login.
**
** Memory: per request, in req->a.
*/
#ifndef ZW_AUTH_WEB_H
#define ZW_AUTH_WEB_H

#include "../http/http.h"
#include "auth.h"

/* HttpHooks.xBefore: loads the session user into req->pApp; refuses state changes
** without the session's CSRF token (403), cross-origin state changes (403), and
** state changes without a session unless the route is ROUTE_PUBLIC_POST (401). */
int auth_before(Req *req);

/* Secret for form tokens (set by serve at start from the database). */
void auth_set_form_secret(const char *zSecret);
/* A token for a public HTML form (valid for two hours). */
const char *auth_form_token(Req *req);
/* Check a public form's token; ZW_EPERM with a Chinese message if stale or forged. */
int auth_check_form_token(Req *req, const char *zToken);

int auth_login_page(Req *req);   /* GET  /admin/login */
int auth_login_post(Req *req);   /* POST /admin/login */
int auth_logout_post(Req *req);  /* POST /admin/logout */
int auth_api_login(Req *req);    /* POST /api/v1/session */
int auth_api_logout(Req *req);   /* DELETE /api/v1/session */

#endif
