/*
** interpret_web.h: the HTTP side of policies and interpretations — what the item
** page and the editor show, the stats endpoint and dashboard, and reposts.
**
** Memory: per request, in req->a.
*/
#ifndef ZW_INTERPRET_WEB_H
#define ZW_INTERPRET_WEB_H

#include "../auth/auth.h"
#include "../http/http.h"
#include "../publish/publish.h"
#include "../web/tmpl.h"

/* Public item page: kind, scope, audience, the linked items grouped by form, and
** reposts, under the item object it. */
int interpret_page_data(Req *req, const Item *p, TVal *it);
/* Editor: the policy fields of p (or of the posted form after an error). */
int interpret_editor_data(Req *req, const Item *p, TVal *it);
/* Read the editor's policy fields into in. */
int interpret_form_input(Req *req, ItemInput *in);

int api_interp_stats(Req *req);          /* GET  /api/v1/stats/interpretation?year= */
int api_item_reposts(Req *req);          /* GET  /api/v1/items/ID/reposts */
int api_item_repost_add(Req *req);       /* POST /api/v1/items/ID/reposts */
/* The dashboard block (templates/admin/_interp_due.html): this year's coverage for the
** user's unit, or the county chart for admins, and the policies still lacking an
** interpretation. */
int interpret_dashboard(Req *req, const User *u, TVal *d);
int admin_interp(Req *req);              /* GET  /admin/interpretation?year= */
int admin_repost_add(Req *req);          /* POST /admin/items/ID/reposts */

#endif
