/*
** site.h: the public site: home page, the 政府信息公开 area of every unit,
** column lists, item pages with history and attachments, the unit directory,
** Atom feeds, sitemap.xml, the transparency log page, static files and the
** accessibility switch.
**
** Memory: per request, in req->a.  Read-only: no handler here writes.
*/
#ifndef ZW_SITE_H
#define ZW_SITE_H

#include "../http/http.h"

int site_home(Req *req);          /* GET / */
int site_gk_index(Req *req);      /* GET /gk/ : every unit's area, by area and by unit */
int site_gk_unit(Req *req);       /* GET /gk/{unit}/ */
int site_gk_column(Req *req);     /* GET /gk/{unit}/{slug}/ */
int site_area(Req *req);          /* GET /area/{slug}/ : one key area across units */
int site_item(Req *req);          /* GET /items/{id} */
int site_item_version(Req *req);  /* GET /items/{id}/v/{n} */
int site_attachment(Req *req);    /* GET /attachments/{id} */
int site_units(Req *req);         /* GET /units */
int site_feed(Req *req);          /* GET /gk/{unit}/{slug}/feed.xml, /area/{slug}/feed.xml */
int site_sitemap(Req *req);       /* GET /sitemap.xml */
int site_log(Req *req);           /* GET /log */
int site_static(Req *req);        /* GET /static/{file} */
int site_a11y(Req *req);          /* GET /a11y?mode=large|hc|normal */
int site_healthz(Req *req);       /* GET /healthz */
int site_favicon(Req *req);       /* GET /favicon.ico: the SVG emblem */
int site_search(Req *req);        /* GET /search?q=&unit=&area=&genre=&year=&validity=&sort=&page= */

/* Absolute base URL for feeds and the sitemap, e.g. "https://www.nxxj.gov.cn". */
void site_set_base_url(const char *zUrl);
/* That base URL, without a trailing '/' (for links in mails). */
const char *site_base_url(void);

/* Serve static files from this directory instead of the embedded copies (--dev). */
void site_set_static_dir(const char *zDir);

#endif
