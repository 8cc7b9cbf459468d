/*
** norms_web.h: the HTTP side of the normative-documents library: the public library
** page (/gfxwj), validity on item pages, the editor panel, and the JSON API.
**
** Memory: per request, in req->a.
*/
#ifndef ZW_NORMS_WEB_H
#define ZW_NORMS_WEB_H

#include "../http/http.h"
#include "../publish/publish.h"
#include "../web/tmpl.h"

/* Item page and editor: the norm record of p under it.norm (nothing if none). */
int norms_page_data(Req *req, const Item *p, TVal *it);

int site_norms(Req *req);            /* GET  /gfxwj?unit=&topic=&state=&type=&year=&q=&page= */
int api_norms(Req *req);             /* GET  /api/v1/norms?… (the same filters) */
int api_norm(Req *req);              /* GET  /api/v1/norms/ID */
int api_norm_set(Req *req);          /* PUT  /api/v1/norms/ID {"type","issued_at","effective_at","expires_at"} */
int api_norm_state(Req *req);        /* POST /api/v1/norms/ID/state {"state","by","date","note"} */
int api_norm_review_create(Req *req); /* POST /api/v1/norm-reviews {"name","year"} */
int api_norm_review_result(Req *req); /* POST /api/v1/norm-reviews/ID/results {"item","result","note"} */
int admin_norm_set(Req *req);        /* POST /admin/items/ID/norm (editor form) */
int admin_norm_state(Req *req);      /* POST /admin/items/ID/norm-state */

#endif
