// SPDX-License-Identifier: MIT
/* err.c: result codes to HTTP statuses and API code names. */
#include "err.h"

#include <stddef.h>

int err_set(Err *err, int rc, const char *zCode, const char *zMsg, const char *zLog) {
    if (err) {
        err->zCode = zCode ? zCode : err_code_name(rc);
        err->zMsg = zMsg;
        err->zLog = zLog;
    }
    return rc;
}

int err_http_status(int rc) {
    switch (rc) {
    case ZW_OK: return 200;
    case ZW_EINPUT: return 400;
    case ZW_EAUTH: return 401;
    case ZW_EPERM: return 403;
    case ZW_ENOTFOUND: return 404;
    case ZW_ECONFLICT: return 409;
    case ZW_EGONE: return 410;
    case ZW_ETOOBIG: return 413;
    case ZW_ELIMIT: return 429;
    case ZW_EBUSY: return 503;
    default: return 500;
    }
}

const char *err_code_name(int rc) {
    switch (rc) {
    case ZW_OK: return "ok";
    case ZW_EINPUT: return "bad_request";
    case ZW_EAUTH: return "unauthorized";
    case ZW_EPERM: return "forbidden";
    case ZW_ENOTFOUND: return "not_found";
    case ZW_ECONFLICT: return "conflict";
    case ZW_EGONE: return "gone";
    case ZW_ETOOBIG: return "too_large";
    case ZW_ELIMIT: return "rate_limited";
    case ZW_EBUSY: return "busy";
    case ZW_EIO: return "io_error";
    default: return "internal";
    }
}
