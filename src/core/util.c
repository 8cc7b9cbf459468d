// SPDX-License-Identifier: MIT
/* util.c: time formatting, date checks, SHA-256 and tokens (libsodium). */
#include "util.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "log.h"

static int64_t iPinned = -1;

void util_set_now(int64_t t) {
    iPinned = t > 0 ? t : 0;
}

int64_t util_now(void) {
    if (iPinned == -1) {
        const char *z = getenv("ZWGK_NOW");
        iPinned = z && *z ? strtoll(z, NULL, 10) : 0;
    }
    return iPinned > 0 ? iPinned : (int64_t)time(NULL);
}

void util_iso_time(int64_t t, char *buf) {
    time_t tt = (time_t)t;
    struct tm tm;
    gmtime_r(&tt, &tm);
    strftime(buf, 21, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

void util_iso_date(int64_t t, char *buf) {
    time_t tt = (time_t)(t + 8 * 3600);
    struct tm tm;
    gmtime_r(&tt, &tm);
    strftime(buf, 11, "%Y-%m-%d", &tm);
}

/* The value of n decimal digits at z (the caller checked they are digits). */
static int num(const char *z, int n) {
    int v = 0;
    for (int i = 0; i < n; i++) v = v * 10 + (z[i] - '0');
    return v;
}

int util_year(int64_t t) {
    char buf[11];
    util_iso_date(t, buf);
    return num(buf, 4);
}

static int days_in_month(int y, int m) {
    static const int a[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0)) return 29;
    return a[m - 1];
}

int util_date_valid(const char *z) {
    if (!z || strlen(z) != 10 || z[4] != '-' || z[7] != '-') return 0;
    for (int i = 0; i < 10; i++) {
        if (i == 4 || i == 7) continue;
        if (z[i] < '0' || z[i] > '9') return 0;
    }
    int y = num(z, 4), m = num(z + 5, 2), d = num(z + 8, 2);
    if (y < 1949 || y > 2099 || m < 1 || m > 12) return 0;
    return d >= 1 && d <= days_in_month(y, m);
}

int64_t util_parse_time(const char *z) {
    struct tm tm;
    memset(&tm, 0, sizeof tm);
    if (!z) return -1;
    if (strlen(z) == 10 && util_date_valid(z)) {
        tm.tm_year = num(z, 4) - 1900;
        tm.tm_mon = num(z + 5, 2) - 1;
        tm.tm_mday = num(z + 8, 2);
        return (int64_t)timegm(&tm);
    }
    int y, mo, d, h, mi, s;
    char cZ;
    if (sscanf(z, "%4d-%2d-%2dT%2d:%2d:%2d%c", &y, &mo, &d, &h, &mi, &s, &cZ) != 7 || cZ != 'Z') {
        return -1;
    }
    tm.tm_year = y - 1900;
    tm.tm_mon = mo - 1;
    tm.tm_mday = d;
    tm.tm_hour = h;
    tm.tm_min = mi;
    tm.tm_sec = s;
    return (int64_t)timegm(&tm);
}

void util_sha256_hex(const void *p, size_t n, char *zHex) {
    unsigned char h[crypto_hash_sha256_BYTES];
    crypto_hash_sha256(h, p, n);
    sodium_bin2hex(zHex, 65, h, sizeof h);
}

void util_random_token(size_t n, char *z) {
    unsigned char buf[64];
    if (n > sizeof buf) die("token too long");
    if (sodium_init() < 0) die("sodium_init failed");
    randombytes_buf(buf, n);
    sodium_bin2base64(z, sodium_base64_ENCODED_LEN(n, sodium_base64_VARIANT_URLSAFE_NO_PADDING),
                      buf, n, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
}

int util_streq_ct(const char *a, const char *b) {
    size_t na = strlen(a), nb = strlen(b);
    if (na != nb) return 0;
    return sodium_memcmp(a, b, na) == 0;
}

/* Tracking codes (see util.h). */
static const char zCrockford[] = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

void util_code_new(char *zCode) {
    unsigned char aRand[UTIL_CODE_LEN];
    randombytes_buf(aRand, sizeof aRand);
    for (int i = 0; i < UTIL_CODE_LEN; i++) zCode[i] = zCrockford[aRand[i] & 31];
    zCode[UTIL_CODE_LEN] = 0;
}

int util_code_parse(const char *z, char *zCode) {
    int n = 0;
    if (!z) return -1;
    for (; *z; z++) {
        char c = *z;
        if (c == '-' || c == ' ') continue;
        if (c >= 'a' && c <= 'z') c = (char)(c - 'a' + 'A');
        if (c == 'I' || c == 'L') c = '1';
        if (c == 'O') c = '0';
        if (!strchr(zCrockford, c) || c == 0 || n >= UTIL_CODE_LEN) return -1;
        zCode[n++] = c;
    }
    if (n != UTIL_CODE_LEN) return -1;
    zCode[n] = 0;
    return 0;
}

void util_code_pretty(const char *zCode, char *zOut) {
    int k = 0;
    for (int i = 0; i < UTIL_CODE_LEN && zCode[i]; i++) {
        if (i && i % 4 == 0) zOut[k++] = '-';
        zOut[k++] = zCode[i];
    }
    zOut[k] = 0;
}
