/*
** mail.h: outgoing e-mail.  The outbox of transactional mails (queued in the
** caller's transaction, delivered by the push worker), the MIME builder
** (multipart/alternative, RFC 2047 headers, RFC 8058 one-click unsubscribe), and
** the SMTP sender over libcurl that keeps one connection across messages.
**
** Owns tables: mail_outbox.
** Memory: mail_build() appends to a caller's Str; MailSmtp is a long-lived object
**         made by mail_smtp_new() and released by its owner with mail_smtp_free().
** Errors:  ZW_OK or a ZW_E* code; a Chinese message and an English detail in *err.
** Threads: a MailSmtp belongs to one thread (the worker).
*/
#ifndef ZW_MAIL_H
#define ZW_MAIL_H

#include <stddef.h>
#include <stdint.h>

#include "../core/arena.h"
#include "../core/err.h"
#include "../core/str.h"
#include "../store/db.h"

#define MAIL_MAX_ADDR 254      /* bytes of an address (RFC 5321 path limit) */
#define MAIL_MAX_SUBJECT 400   /* bytes of a subject */
#define MAIL_MAX_BODY (1 << 20) /* bytes of one body part */

/* Queue one mail in mail_outbox, inside the caller's transaction (so the mail
** leaves only if the caller commits).  zTo must pass mail_addr_valid(); zSubject
** and zText are UTF-8; zHtml (an HTML alternative) and zUnsubUrl (the one-click
** unsubscribe URL, which adds the List-Unsubscribe headers) may be NULL.  The push
** worker of `zwgk serve` delivers it; without SMTP configured it stays queued.
** ZW_EINPUT for a bad address or an oversized part, ZW_EDB on database trouble. */
int mail_enqueue(Db *db, const char *zTo, const char *zSubject, const char *zText,
                 const char *zHtml, const char *zUnsubUrl, Err *err);

/* 1 if z is an address we send to: at most MAIL_MAX_ADDR bytes, exactly one '@'
** with a non-empty local part (≤ 64 bytes) and a domain of dot-separated labels
** (letters, digits, '-'; at least one dot), printable ASCII only, no spaces,
** quotes, angle brackets, commas, semicolons, backslashes or control characters.
** Deliberately stricter than RFC 5322: it must be safe in an SMTP command. */
int mail_addr_valid(const char *z);

/* One message to build. */
typedef struct MailMsg {
    const char *zFrom;      /* sender address */
    const char *zFromName;  /* sender display name (UTF-8), or NULL */
    const char *zTo;        /* recipient address */
    const char *zSubject;   /* UTF-8 */
    const char *zText;      /* plain-text body, UTF-8 */
    const char *zHtml;      /* HTML body, or NULL for a text/plain message */
    const char *zUnsubUrl;  /* one-click unsubscribe URL, or NULL */
    const char *zMessageId; /* id-left@id-right, without angle brackets */
    int64_t iDate;          /* Unix seconds, for the Date header */
} MailMsg;

/* Append the whole message (headers and body, CRLF line ends) to s: Date, From,
** To, Subject (RFC 2047 B-encoded words when not plain ASCII, folded), Message-ID,
** MIME-Version, List-Unsubscribe and List-Unsubscribe-Post when zUnsubUrl is set,
** then either a text/plain part or multipart/alternative (text, then HTML), each
** UTF-8 in base64 with 76-column lines. */
void mail_build(Str *s, const MailMsg *m);

/* Append "zName: value\r\n" with value RFC 2047-encoded (UTF-8, B) when it has any
** byte outside printable ASCII, in encoded words of at most 75 characters that
** never split a UTF-8 sequence, folded onto continuation lines. */
void mail_header(Str *s, const char *zName, const char *zValue);

/* Append the RFC 5322 date (e.g. "Mon, 07 Dec 2026 10:00:00 +0000") of t. */
void mail_date(Str *s, int64_t t);

/* An SMTP connection (libcurl easy handle) kept across messages. */
typedef struct MailSmtp MailSmtp;

/* A sender for zUrl ("smtp://host:port" or "smtps://…") with envelope sender zFrom.
** *pbStop, when it becomes non-zero, aborts a transfer in progress (shutdown). */
MailSmtp *mail_smtp_new(const char *zUrl, const char *zFrom, const volatile int *pbStop);
void mail_smtp_free(MailSmtp *p);
/* Send pMsg[0..nMsg) to zTo.  ZW_OK once the server accepted the message;
** ZW_EINPUT when the server refused this recipient or message for good (5xx);
** ZW_EIO for anything worth retrying (connection trouble, 4xx, timeout). */
int mail_smtp_send(MailSmtp *p, const char *zTo, const char *pMsg, size_t nMsg, Err *err);

#endif
