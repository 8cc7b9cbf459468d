/*
** err.h: result codes and the error record every fallible function fills.
**
** Memory: Err holds pointers into static strings or the caller's Arena.
*/
#ifndef ZW_ERR_H
#define ZW_ERR_H

enum {
    ZW_OK = 0,
    ZW_EINPUT,    /* bad input: 400 */
    ZW_ENOTFOUND, /* 404 */
    ZW_EPERM,     /* not allowed: 403 */
    ZW_ECONFLICT, /* wrong state for this action: 409 */
    ZW_EBUSY,     /* try later: 503 */
    ZW_EIO,       /* file or network trouble: 500 */
    ZW_EDB,       /* database trouble: 500 */
    ZW_EGONE,     /* withdrawn: 410 */
    ZW_ETOOBIG,   /* over a size limit: 413 */
    ZW_EAUTH,     /* not logged in: 401 */
    ZW_ELIMIT,    /* too many requests: 429 */
};

/* What went wrong: a short machine code for the API (e.g. "missing_field"), a
** Chinese message for the user, and an English detail for the log. */
typedef struct Err {
    const char *zCode; /* API error code, e.g. "bad_request"; NULL if unset */
    const char *zMsg;  /* Chinese, shown to the user */
    const char *zLog;  /* English, for the log; may be NULL */
} Err;

/* Fill *err (if err is non-NULL) and return rc, for `return err_set(...)`. */
int err_set(Err *err, int rc, const char *zCode, const char *zMsg, const char *zLog);

/* The HTTP status for a result code. */
int err_http_status(int rc);

/* The default API code for a result code ("bad_request", "not_found", ...). */
const char *err_code_name(int rc);

#endif
