/*
** apply_web.h: 依申请公开 over HTTP: the public application form (/ysqgk, no
** JavaScript, form token, honeypot, per-address rate limit) and its JSON twin, the
** applicant's tracking page (/ysqgk/CODE), the public register of published answers,
** the staff JSON API (cases, actions, reviews), the back-office case list, case page,
** staff entry form and notice-template editor, and the dashboard block.
** docs/apply.md describes URLs, fields and rules.
**
** Memory: per request, in req->a.
** Errors: handlers return ZW_OK or a ZW_E* code with req->err set (Chinese message);
**         the error renderer makes the 4xx page or JSON.
** Config: ZWGK_APPLY_RATE="N/S" (environment, read at the first submission): at most
**         N applications per S seconds per client address (default 5/600).
*/
#ifndef ZW_APPLY_WEB_H
#define ZW_APPLY_WEB_H

#include "../auth/auth.h"
#include "../http/http.h"
#include "../web/tmpl.h"

#define APPLY_RATE_DEFAULT "5/600"
#define APPLY_SOON_DAYS 5 /* "due soon": within this many working days */

/* For the back-office dashboard: adds under d the object "apply" (open, overdue and
** due-soon counts of u's unit, or all units for an admin, and the running cases
** overdue or due within APPLY_SOON_DAYS working days).  Rendered by
** templates/apply/_dashboard.html. */
int apply_dashboard(Req *req, const User *u, TVal *d);

int apply_form_page(Req *req);      /* GET  /ysqgk: the application form */
int apply_form_post(Req *req);      /* POST /ysqgk (public, form token) */
int apply_track(Req *req);          /* GET  /ysqgk/{code}: the applicant's page */
int apply_register_page(Req *req);  /* GET  /ysqgk/register?page= */
int apply_api_submit(Req *req);     /* POST /api/v1/applications (public JSON, or staff entry) */
int apply_api_list(Req *req);       /* GET  /api/v1/applications?state=&unit=&page=&per_page= */
int apply_api_get(Req *req);        /* GET  /api/v1/applications/{id} */
int apply_api_action(Req *req);     /* POST /api/v1/applications/{id}/{action|review} */
int apply_admin_list(Req *req);     /* GET  /admin/applications?state=&unit=&page= */
int apply_admin_new(Req *req);      /* GET  /admin/applications/new */
int apply_admin_create(Req *req);   /* POST /admin/applications */
int apply_admin_case(Req *req);     /* GET  /admin/applications/{id} */
int apply_admin_action(Req *req);   /* POST /admin/applications/{id}/{action|review} */
int apply_admin_templates(Req *req);     /* GET  /admin/applications/templates */
int apply_admin_template_save(Req *req); /* POST /admin/applications/templates */

#endif
