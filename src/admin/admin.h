/*
** admin.h: the back office (后台), server-rendered HTML forms that work without
** JavaScript: dashboard, item editor, review queue, users, units, audit log.
** Every POST carries the session's CSRF token in the hidden field "csrf"
** (checked by auth_before); every handler checks the user's role and unit.
**
** Memory: per request, in req->a.
*/
#ifndef ZW_ADMIN_H
#define ZW_ADMIN_H

#include "../http/http.h"

int admin_dashboard(Req *req);    /* GET  /admin */
int admin_items(Req *req);        /* GET  /admin/items?state=&page= */
int admin_review(Req *req);       /* GET  /admin/review */
int admin_item_new(Req *req);     /* GET  /admin/items/new?unit= */
int admin_item_create(Req *req);  /* POST /admin/items */
int admin_item_parse(Req *req);   /* POST /admin/items/parse: fill the new-item form from a pasted 公文 */
int admin_item_edit(Req *req);    /* GET  /admin/items/{id} */
int admin_item_save(Req *req);    /* POST /admin/items/{id} */
int admin_item_action(Req *req);  /* POST /admin/items/{id}/{submit|approve|reject|withdraw} */
int admin_item_attach(Req *req);  /* POST /admin/items/{id}/attachments (multipart "file") */
int admin_users(Req *req);        /* GET  /admin/users */
int admin_user_create(Req *req);  /* POST /admin/users */
int admin_units(Req *req);        /* GET  /admin/units */
int admin_unit_create(Req *req);  /* POST /admin/units */
int admin_audit(Req *req);        /* GET  /admin/audit?page= */

#endif
