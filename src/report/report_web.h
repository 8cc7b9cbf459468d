/*
** report_web.h: the annual report over HTTP: the back-office page that shows one
** unit's report in the national template with the forms for the figures of table
** 二, the narrative sections and publishing; the Excel download; the JSON API for
** other systems; and the dashboard block counting down to the legal deadline.
** docs/report.md lists URLs, fields and rules.
**
** Memory: per request, in req->a.
** Errors: handlers return ZW_OK or a ZW_E* code with req->err set (Chinese message);
**         a failed form post re-renders the page with the message and status 4xx.
** Rights: staff (editor or above) of the unit, or an admin, see the report, enter
**         figures and edit the text; a reviewer of the unit or an admin publishes.
*/
#ifndef ZW_REPORT_WEB_H
#define ZW_REPORT_WEB_H

#include "../auth/auth.h"
#include "../http/http.h"
#include "../web/tmpl.h"

/* Days before the deadline from which the dashboard also counts down to the report
** of the year still running. */
#define REPORT_SOON_DAYS 120

/* For the back-office dashboard: adds under d the object "report_due" (the report of
** last year: published, days left, or days overdue; the running year's report when
** its deadline is near).  For an admin, every unit; otherwise u's unit.  Rendered by
** templates/report/_dashboard.html. */
int report_dashboard(Req *req, const User *u, TVal *d);

int report_admin_page(Req *req);    /* GET  /admin/report?unit=&year=&ok= */
int report_admin_xlsx(Req *req);    /* GET  /admin/report.xlsx?unit=&year= */
int report_admin_figures(Req *req); /* POST /admin/report/figures (unit, year, licensing,
                                    ** punishment, coercion, fees in 万元) */
int report_admin_text(Req *req);    /* POST /admin/report/text (unit, year, general,
                                    ** problems, other) */
int report_admin_publish(Req *req); /* POST /admin/report/publish (unit, year) */
int report_api_get(Req *req);       /* GET  /api/v1/reports/UNIT/YEAR: the JSON report */
int report_api_figures(Req *req);   /* PUT  /api/v1/reports/UNIT/YEAR/figures
                                    ** {"licensing","punishment","coercion","fees"} */
int report_api_sections(Req *req);  /* PUT  /api/v1/reports/UNIT/YEAR/sections
                                    ** {"general","problems","other"} */
int report_api_publish(Req *req);   /* POST /api/v1/reports/UNIT/YEAR/publish */

#endif
