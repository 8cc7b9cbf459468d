// SPDX-License-Identifier: MIT
/*
** mail.c: the outbox (mail_enqueue), the MIME builder and the SMTP sender (see
** mail.h).  Relies on libsodium for base64 and on libcurl for SMTP; delivery of
** the outbox, retries and back-off are the worker's (push_worker.c).
*/
#include "mail.h"

#include <curl/curl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <sodium.h>
#include <string.h>
#include <time.h>

#include "../core/log.h"
#include "../core/util.h"

/* ------------------------------------------------------------------ outbox */

/* 1 if z is printable ASCII of at most nMax bytes (URLs in headers). */
static int ascii_line(const char *z, size_t nMax) {
    size_t n = 0;
    for (; z[n]; n++) {
        if ((unsigned char)z[n] < 0x21 || (unsigned char)z[n] > 0x7e || n >= nMax) return 0;
    }
    return n > 0;
}

int mail_enqueue(Db *db, const char *zTo, const char *zSubject, const char *zText,
                 const char *zHtml, const char *zUnsubUrl, Err *err) {
    char zNow[21];
    if (!zTo || !mail_addr_valid(zTo)) {
        return err_set(err, ZW_EINPUT, "bad_email", "电子邮件地址格式不正确", "mail_enqueue: bad address");
    }
    if (!zSubject || strlen(zSubject) > MAIL_MAX_SUBJECT || !utf8_valid(zSubject, strlen(zSubject))) {
        return err_set(err, ZW_EINPUT, "bad_mail", "邮件标题为空、过长或含无效字符", "mail_enqueue: bad subject");
    }
    if (!zText || strlen(zText) > MAIL_MAX_BODY || !utf8_valid(zText, strlen(zText)) ||
        (zHtml && (strlen(zHtml) > MAIL_MAX_BODY || !utf8_valid(zHtml, strlen(zHtml))))) {
        return err_set(err, ZW_EINPUT, "bad_mail", "邮件正文过长或含无效字符", "mail_enqueue: bad body");
    }
    if (zUnsubUrl && !ascii_line(zUnsubUrl, 2000)) {
        return err_set(err, ZW_EINPUT, "bad_mail", "退订链接无效", "mail_enqueue: bad unsubscribe URL");
    }
    util_iso_time(util_now(), zNow);
    Stmt st;
    db_prepare(db, &st,
               "INSERT INTO mail_outbox(to_addr,subject,body_text,body_html,unsub_url,created_at)"
               " VALUES(?1,?2,?3,?4,?5,?6)");
    db_bind_text(&st, 1, zTo);
    db_bind_text(&st, 2, zSubject);
    db_bind_text(&st, 3, zText);
    db_bind_text(&st, 4, zHtml);
    db_bind_text(&st, 5, zUnsubUrl);
    db_bind_text(&st, 6, zNow);
    int rc = db_run(&st);
    db_done(&st);
    return rc ? db_err(db, err) : ZW_OK;
}

/* ----------------------------------------------------------------- address */

static int label_char(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-';
}

int mail_addr_valid(const char *z) {
    if (!z) return 0;
    size_t n = strlen(z);
    if (n < 3 || n > MAIL_MAX_ADDR) return 0;
    const char *zAt = strchr(z, '@');
    if (!zAt || strchr(zAt + 1, '@')) return 0;
    size_t nLocal = (size_t)(zAt - z);
    if (nLocal == 0 || nLocal > 64) return 0;
    for (size_t i = 0; i < nLocal; i++) {
        unsigned char c = (unsigned char)z[i];
        if (c <= 0x20 || c >= 0x7f || strchr("\"(),:;<>[\\]", c)) return 0;
    }
    if (z[0] == '.' || z[nLocal - 1] == '.' || strstr(z, "..")) return 0;
    /* Domain: labels of letters, digits and '-', not starting or ending with '-'. */
    const char *zDom = zAt + 1;
    int nDots = 0;
    size_t nLabel = 0;
    for (const char *p = zDom;; p++) {
        if (*p == '.' || *p == 0) {
            if (nLabel == 0 || nLabel > 63 || p[-1] == '-' || p[-(long)nLabel] == '-') return 0;
            if (*p == 0) break;
            nDots++;
            nLabel = 0;
        } else if (label_char(*p)) {
            nLabel++;
        } else {
            return 0;
        }
    }
    /* The top-level label starts with a letter (a TLD or an xn-- label), which catches
    ** slips such as "a@b.c0m". */
    const char *zTld = strrchr(zDom, '.');
    char c0 = zTld ? zTld[1] : 0;
    return nDots > 0 && ((c0 >= 'a' && c0 <= 'z') || (c0 >= 'A' && c0 <= 'Z'));
}

/* --------------------------------------------------------------- MIME build */

void mail_date(Str *s, int64_t t) {
    static const char *const azDay[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
    static const char *const azMon[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                        "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    time_t tt = (time_t)t;
    struct tm tm;
    gmtime_r(&tt, &tm);
    str_appendf(s, "%s, %02d %s %04d %02d:%02d:%02d +0000", azDay[tm.tm_wday], tm.tm_mday,
                azMon[tm.tm_mon], tm.tm_year + 1900, tm.tm_hour, tm.tm_min, tm.tm_sec);
}

static int plain_ascii(const char *z) {
    for (; *z; z++) {
        if ((unsigned char)*z < 0x20 || (unsigned char)*z > 0x7e) return 0;
    }
    return 1;
}

/* Length of the longest prefix of p[0..n) of at most nMax bytes that ends on a
** UTF-8 character boundary (at least one byte, so progress is always made). */
static size_t utf8_chunk(const char *p, size_t n, size_t nMax) {
    if (n <= nMax) return n;
    size_t k = nMax;
    while (k > 0 && ((unsigned char)p[k] & 0xC0) == 0x80) k--;
    return k ? k : nMax;
}

static void append_base64(Str *s, const unsigned char *p, size_t n) {
    size_t nOut = sodium_base64_encoded_len(n, sodium_base64_VARIANT_ORIGINAL);
    char buf[128];
    if (nOut <= sizeof buf) {
        sodium_bin2base64(buf, nOut, p, n, sodium_base64_VARIANT_ORIGINAL);
        str_puts(s, buf);
        return;
    }
    char *z = xmalloc(nOut);
    sodium_bin2base64(z, nOut, p, n, sodium_base64_VARIANT_ORIGINAL);
    str_puts(s, z);
    free(z);
}

/* Encoded words for zValue; nUsed is how many columns the line already has. */
static void encode_words(Str *s, const char *zValue, size_t nUsed) {
    size_t n = strlen(zValue);
    const char *p = zValue;
    int bFirst = 1;
    while (n > 0 || bFirst) {
        /* A line holds at most 76 columns; an encoded word costs 12 plus base64. */
        size_t nRoom = nUsed + 12 < 76 ? 76 - nUsed - 12 : 4;
        size_t nBytes = nRoom / 4 * 3;
        if (nBytes < 3) nBytes = 3;
        if (nBytes > 45) nBytes = 45;
        size_t k = utf8_chunk(p, n, nBytes);
        if (!bFirst) {
            str_puts(s, "\r\n ");
        }
        str_puts(s, "=?UTF-8?B?");
        append_base64(s, (const unsigned char *)p, k);
        str_puts(s, "?=");
        p += k;
        n -= k;
        bFirst = 0;
        nUsed = 1;
    }
}

void mail_header(Str *s, const char *zName, const char *zValue) {
    str_appendf(s, "%s: ", zName);
    if (plain_ascii(zValue)) {
        str_puts(s, zValue);
    } else {
        encode_words(s, zValue, strlen(zName) + 2);
    }
    str_puts(s, "\r\n");
}

/* The body z as base64 of its CRLF form, in lines of 76 columns. */
static void body_base64(Str *s, const char *z) {
    Str crlf;
    str_init(&crlf, NULL);
    for (const char *p = z; *p; p++) {
        if (*p == '\n' && (p == z || p[-1] != '\r')) str_putc(&crlf, '\r');
        str_putc(&crlf, *p);
    }
    const unsigned char *p = (const unsigned char *)str_cstr(&crlf);
    size_t n = crlf.n;
    while (n > 0) {
        size_t k = n > 57 ? 57 : n; /* 57 bytes make 76 base64 columns */
        append_base64(s, p, k);
        str_puts(s, "\r\n");
        p += k;
        n -= k;
    }
    str_free(&crlf);
}

static void part(Str *s, const char *zType, const char *zBody) {
    str_appendf(s, "Content-Type: %s; charset=UTF-8\r\n", zType);
    str_puts(s, "Content-Transfer-Encoding: base64\r\n\r\n");
    body_base64(s, zBody);
}

void mail_build(Str *s, const MailMsg *m) {
    str_puts(s, "Date: ");
    mail_date(s, m->iDate);
    str_puts(s, "\r\n");
    if (m->zFromName && m->zFromName[0]) {
        str_puts(s, "From: ");
        if (plain_ascii(m->zFromName)) {
            str_json(s, m->zFromName); /* a quoted-string; JSON quoting is a subset here */
        } else {
            encode_words(s, m->zFromName, 6);
        }
        str_appendf(s, " <%s>\r\n", m->zFrom);
    } else {
        str_appendf(s, "From: <%s>\r\n", m->zFrom);
    }
    str_appendf(s, "To: <%s>\r\n", m->zTo);
    mail_header(s, "Subject", m->zSubject);
    str_appendf(s, "Message-ID: <%s>\r\n", m->zMessageId);
    str_puts(s, "MIME-Version: 1.0\r\n");
    if (m->zUnsubUrl) {
        str_appendf(s, "List-Unsubscribe: <%s>\r\n", m->zUnsubUrl);
        str_puts(s, "List-Unsubscribe-Post: List-Unsubscribe=One-Click\r\n");
    }
    str_puts(s, "Auto-Submitted: auto-generated\r\n");
    if (!m->zHtml) {
        part(s, "text/plain", m->zText);
        return;
    }
    char zTok[32], zBoundary[48];
    util_random_token(12, zTok);
    snprintf(zBoundary, sizeof zBoundary, "=_zwgk_%s", zTok);
    str_appendf(s, "Content-Type: multipart/alternative; boundary=\"%s\"\r\n\r\n", zBoundary);
    str_puts(s, "This is a MIME message.\r\n");
    str_appendf(s, "--%s\r\n", zBoundary);
    part(s, "text/plain", m->zText);
    str_appendf(s, "--%s\r\n", zBoundary);
    part(s, "text/html", m->zHtml);
    str_appendf(s, "--%s--\r\n", zBoundary);
}

/* -------------------------------------------------------------------- SMTP */

struct MailSmtp {
    CURL *c;
    char *zUrl, *zFrom;
    const volatile int *pbStop;
    const char *p; /* message being uploaded */
    size_t n, off;
    char zErr[CURL_ERROR_SIZE];
};

static pthread_once_t curlOnce = PTHREAD_ONCE_INIT;
static void curl_init_once(void) {
    curl_global_init(CURL_GLOBAL_DEFAULT);
}

static size_t read_cb(char *buf, size_t size, size_t nitems, void *pArg) {
    MailSmtp *m = pArg;
    size_t nWant = size * nitems, nLeft = m->n - m->off;
    size_t k = nLeft < nWant ? nLeft : nWant;
    memcpy(buf, m->p + m->off, k);
    m->off += k;
    return k;
}

/* Abort the transfer when the worker is told to stop. */
static int progress_cb(void *pArg, curl_off_t a, curl_off_t b, curl_off_t c, curl_off_t d) {
    (void)a, (void)b, (void)c, (void)d;
    MailSmtp *m = pArg;
    return m->pbStop && *m->pbStop ? 1 : 0;
}

MailSmtp *mail_smtp_new(const char *zUrl, const char *zFrom, const volatile int *pbStop) {
    pthread_once(&curlOnce, curl_init_once);
    MailSmtp *m = xmalloc(sizeof *m);
    memset(m, 0, sizeof *m);
    m->zUrl = xstrdup(zUrl);
    m->zFrom = xstrdup(zFrom);
    m->pbStop = pbStop;
    m->c = curl_easy_init();
    if (!m->c) die("curl_easy_init failed");
    return m;
}

void mail_smtp_free(MailSmtp *m) {
    if (!m) return;
    curl_easy_cleanup(m->c);
    free(m->zUrl);
    free(m->zFrom);
    free(m);
}

int mail_smtp_send(MailSmtp *m, const char *zTo, const char *pMsg, size_t nMsg, Err *err) {
    char zFrom[MAIL_MAX_ADDR + 3], zRcpt[MAIL_MAX_ADDR + 3];
    snprintf(zFrom, sizeof zFrom, "<%s>", m->zFrom);
    snprintf(zRcpt, sizeof zRcpt, "<%s>", zTo);
    struct curl_slist *pRcpt = curl_slist_append(NULL, zRcpt);
    CURL *c = m->c;
    m->p = pMsg;
    m->n = nMsg;
    m->off = 0;
    m->zErr[0] = 0;
    /* The same handle each time: libcurl keeps the connection open between calls. */
    curl_easy_setopt(c, CURLOPT_URL, m->zUrl);
    curl_easy_setopt(c, CURLOPT_MAIL_FROM, zFrom);
    curl_easy_setopt(c, CURLOPT_MAIL_RCPT, pRcpt);
    curl_easy_setopt(c, CURLOPT_UPLOAD, 1L);
    curl_easy_setopt(c, CURLOPT_READFUNCTION, read_cb);
    curl_easy_setopt(c, CURLOPT_READDATA, m);
    curl_easy_setopt(c, CURLOPT_INFILESIZE_LARGE, (curl_off_t)nMsg);
    curl_easy_setopt(c, CURLOPT_NOPROGRESS, 0L);
    curl_easy_setopt(c, CURLOPT_XFERINFOFUNCTION, progress_cb);
    curl_easy_setopt(c, CURLOPT_XFERINFODATA, m);
    curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, 10L);
    curl_easy_setopt(c, CURLOPT_TIMEOUT, 60L);
    curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(c, CURLOPT_ERRORBUFFER, m->zErr);
    CURLcode cc = curl_easy_perform(c);
    long nCode = 0;
    curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &nCode);
    curl_easy_setopt(c, CURLOPT_MAIL_RCPT, NULL);
    curl_slist_free_all(pRcpt);
    if (cc == CURLE_OK) return ZW_OK;
    static __thread char zLog[CURL_ERROR_SIZE + 64];
    snprintf(zLog, sizeof zLog, "smtp code=%ld curl=%d %s", nCode, (int)cc,
             m->zErr[0] ? m->zErr : curl_easy_strerror(cc));
    if (nCode >= 500 && nCode < 600) {
        return err_set(err, ZW_EINPUT, "smtp_refused", "邮件服务器拒收", zLog);
    }
    return err_set(err, ZW_EIO, "smtp_failed", "邮件暂时无法发送", zLog);
}
