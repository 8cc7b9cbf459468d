/*
** api.h: the JSON API under /api/v1 (docs/api.md).  Errors are
** {"error":{"code","message"}} with a 4xx status (rendered by page_error).
**
** Memory: per request, in req->a.
*/
#ifndef ZW_API_H
#define ZW_API_H

#include "../http/http.h"

int api_units(Req *req);          /* GET  /api/v1/units */
int api_columns(Req *req);        /* GET  /api/v1/columns?unit=CODE */
int api_items(Req *req);          /* GET  /api/v1/items */
int api_item(Req *req);           /* GET  /api/v1/items/{id} */
int api_item_create(Req *req);    /* POST /api/v1/items */
int api_item_update(Req *req);    /* PUT  /api/v1/items/{id} */
int api_item_action(Req *req);    /* POST /api/v1/items/{id}/{submit|approve|reject|withdraw} */
int api_item_attach(Req *req);    /* POST /api/v1/items/{id}/attachments?name=FILE (raw body) */
int api_log(Req *req);            /* GET  /api/v1/log?after=SEQ */

#endif
