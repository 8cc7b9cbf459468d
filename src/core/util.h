/*
** util.h: clock, calendar dates, hashing and random tokens.
**
** Memory: results go into caller-supplied buffers; nothing to free.
** The clock can be pinned for tests with the environment variable ZWGK_NOW
** (Unix seconds), read once at the first call.
*/
#ifndef ZW_UTIL_H
#define ZW_UTIL_H

#include <stddef.h>
#include <stdint.h>

/* Seconds since the epoch (or ZWGK_NOW). */
int64_t util_now(void);
/* Pin the clock to t (t <= 0 releases it).  For loading dated demo data only. */
void util_set_now(int64_t t);
/* "YYYY-MM-DDTHH:MM:SSZ" for t into buf[21]. */
void util_iso_time(int64_t t, char *buf);
/* "YYYY-MM-DD" (UTC+8, the county's calendar day) for t into buf[11]. */
void util_iso_date(int64_t t, char *buf);
/* The calendar year (China time) of t. */
int util_year(int64_t t);
/* 1 if z is a real calendar date written YYYY-MM-DD between 1949 and 2099. */
int util_date_valid(const char *z);
/* Parse "YYYY-MM-DDTHH:MM:SSZ" (or a date, as midnight UTC); -1 if malformed. */
int64_t util_parse_time(const char *z);

/* Lower-case hex SHA-256 of p[0..n) into zHex[65]. */
void util_sha256_hex(const void *p, size_t n, char *zHex);
/* n random bytes as unpadded base64url into z (at least 4*n/3+2 bytes). */
void util_random_token(size_t n, char *z);
/* Constant-time string comparison; 1 when equal. */
int util_streq_ct(const char *a, const char *b);

/* Tracking codes people type or read out (政策咨询, 依申请公开). */
#define UTIL_CODE_LEN 12
/* Tracking codes.  util_code_new writes UTIL_CODE_LEN random Crockford base32
** characters (0-9 A-Z without I L O U: 60 bits) and a NUL into zCode. */
void util_code_new(char *zCode);
/* Normalize a code as a person may type it: case folded, '-' and spaces dropped,
** I and L read as 1, O as 0.  Writes the canonical code into zCode[UTIL_CODE_LEN+1]
** and returns 0, or -1 if z is not a code. */
int util_code_parse(const char *z, char *zCode);
/* The code grouped for reading out, "ABCD-EFGH-JKMN", into zOut[15]. */
void util_code_pretty(const char *zCode, char *zOut);

#endif
