/*
** page.h: the page layer between handlers and templates: common page data
** (site name, the logged-in user, CSRF token, accessibility mode), rendering into
** the response, pagination, and the error pages and JSON errors of every route.
**
** Memory: TVal trees and output live in the request's Arena.  The template set is
**         loaded once by page_init() and shared read-only by all threads.
*/
#ifndef ZW_PAGE_H
#define ZW_PAGE_H

#include "../auth/auth.h"
#include "../http/http.h"
#include "tmpl.h"

/* Load the templates (embedded, or from zDevDir when not NULL). */
int page_init(const char *zDevDir, Err *err);
void page_shutdown(void);

/* The logged-in user of this request, or NULL. */
User *page_user(Req *req);

/* A new data object with the common keys: site{name,...}, title, user{...},
** csrf, a11y_large, a11y_hc, year, nav_<zNav> = true for the current nav item. */
TVal *page_data(Req *req, const char *zTitle, const char *zNav);

/* Render template zName into the response (status stays as set, default 200). */
int page_render(Req *req, const char *zName, TVal *pData);

/* Add a pager object under key "pager" for iPage of nTotal rows with nPer a page;
** zBase is the URL the page number is appended to (…?page=N or …&page=N). */
void page_pager(Req *req, TVal *pData, int64_t iPage, int64_t nPer, int64_t nTotal,
                const char *zBase);

/* The tracking code (core/util.h) in the path's first "*" segment into zCode
** (UTIL_CODE_LEN + 1 bytes); 404 in Chinese when it is none.  A code typed another way
** (lower case, dashes, O for 0) is answered with a redirect to zBase + the code and
** *pbDone set; the handler then returns. */
int page_code_arg(Req *req, const char *zBase, char *zCode, int *pbDone);

/* The HttpHooks.xError renderer: JSON {"error":{code,message}} under /api/,
** otherwise the Chinese error page. */
void page_error(Req *req, int rc);

/* The calendar date "YYYY-MM-DD" in China time of a UTC time string; a date is
** returned as it is.  (Stored times are UTC; what people read is the local day.) */
const char *page_date(Arena *a, const char *zTime);

#endif
