/*
** push_web.h: the HTTP side of 政策找人、政策找企业: the taxonomy and subscription
** API, the public pages /dingyue (subscribe, confirm, manage, unsubscribe, the
** private Atom feed) and /zcpp (政策匹配), and the admin API for webhooks.
**
** Memory: per request, in req->a.
** Errors: bad input is a 4xx with a Chinese message (http_fail); pages re-show the
**         form with the message.
*/
#ifndef ZW_PUSH_WEB_H
#define ZW_PUSH_WEB_H

#include "../http/http.h"

int push_api_taxonomy(Req *req);       /* GET  /api/v1/taxonomy */
int push_api_subscribe(Req *req);      /* POST /api/v1/subscriptions → 202 */
int push_api_webhooks(Req *req);       /* GET  /api/v1/webhooks (admin) */
int push_api_webhook_add(Req *req);    /* POST /api/v1/webhooks (admin) → 201 with the secret */
int push_api_webhook_delete(Req *req); /* DELETE /api/v1/webhooks/{id} (admin) */

int push_page_subscribe(Req *req);     /* GET  /dingyue (profile may be prefilled by p_* args) */
int push_form_subscribe(Req *req);     /* POST /dingyue */
int push_page_confirm(Req *req);       /* GET  /dingyue/confirm/{token} */
int push_page_manage(Req *req);        /* GET  /dingyue/m/{token} */
int push_form_manage(Req *req);        /* POST /dingyue/m/{token} */
int push_page_unsubscribe(Req *req);   /* GET  /dingyue/u/{token}: a page with a button */
int push_post_unsubscribe(Req *req);   /* POST /dingyue/u/{token}: RFC 8058 one-click */
int push_feed(Req *req);               /* GET  /dingyue/feed/{token}.xml */
int push_page_zcpp(Req *req);          /* GET  /zcpp?p_group=…: 政策匹配 */

#endif
