/*
** consult_web.h: 政策咨询 over HTTP: the Q&A block and question form on policy and
** interpretation pages, the form and JSON endpoints that receive questions (form
** token or JSON, honeypot, per-address rate limit), the public tracking page and
** Q&A lists, the staff JSON API, the back-office queue and the dashboard block.
** docs/consult.md describes URLs, fields and settings.
**
** Memory: per request, in req->a.
** Errors: handlers return ZW_OK or a ZW_E* code with req->err set (Chinese message);
**         the error renderer makes the 4xx page or JSON.
** Config: ZWGK_CONSULT_RATE="N/S" (environment, read at the first question): at most
**         N questions per S seconds per client address (default 5/600).
*/
#ifndef ZW_CONSULT_WEB_H
#define ZW_CONSULT_WEB_H

#include "../auth/auth.h"
#include "../http/http.h"
#include "../web/tmpl.h"

#define CONSULT_RATE_DEFAULT "5/600"

/* For the item page: when item iItem takes questions, adds under pItem the object
** "consult" (the published Q&A and the question form, with a fresh form token and
** Cache-Control: no-cache so browsers revalidate); otherwise adds nothing.  The
** template templates/site/_consult.html renders it. */
int consult_item_page(Req *req, int64_t iItem, TVal *pItem);

/* For the back-office dashboard: adds under d the object "consult" (open and
** overdue counts of u's unit, or all units for an admin, and the open questions
** overdue or due within two working days, oldest deadline first).  Rendered by
** templates/admin/_consult_due.html. */
int consult_dashboard(Req *req, const User *u, TVal *d);

int consult_api_ask(Req *req);     /* POST /api/v1/items/{id}/questions (public, JSON) */
int consult_form_ask(Req *req);    /* POST /items/{id}/questions (public, form token) */
int consult_track(Req *req);       /* GET  /zx/{code}: status of one question */
int consult_list_page(Req *req);   /* GET  /zx/ and /gk/{unit}/zx/: published Q&A */
int consult_api_list(Req *req);    /* GET  /api/v1/questions?state=&unit=&page=&per_page= */
int consult_api_get(Req *req);     /* GET  /api/v1/questions/{id} */
int consult_api_answer(Req *req);  /* POST /api/v1/questions/{id}/answer {"answer"} */
int consult_api_private(Req *req); /* POST /api/v1/questions/{id}/private {"reason","reply"} */
int consult_admin(Req *req);       /* GET  /admin/questions?state=&unit=&page= */
int consult_admin_action(Req *req); /* POST /admin/questions/{id}/answer|private */

#endif
