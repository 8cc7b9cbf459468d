/*
** consult.h: 政策咨询.  People ask questions on a policy (政策文件) or an
** interpretation (政策解读); the question goes to the queue of the unit that
** published it, with a deadline in working days; the unit's staff answer in public
** (masked, under the policy and in the unit's Q&A list) or mark it not for
** publication with a reason; the asker is mailed at each step and can follow the
** question at /zx/CODE with its tracking code.
**
** Owns table: question (schema/0006_consult.sql).  Reads item, unit, user, setting,
** holiday; mails through push/mail.h (mail_enqueue, in the same transaction).
** Memory: every record and string returned lives in the caller's Arena.
** Errors: ZW_OK or a ZW_E* code with a Chinese message in *err.  Every action is one
**         transaction: the question, its audit record and its mail are written
**         together or not at all.
** Settings: consult_due_days (working days to answer, default CONSULT_DUE_DAYS).
*/
#ifndef ZW_CONSULT_H
#define ZW_CONSULT_H

#include <stdint.h>

#include "../auth/auth.h"
#include "../calendar/workday.h"
#include "../core/arena.h"
#include "../core/err.h"
#include "../store/db.h"

#define CONSULT_MAX_QUESTION 1000 /* characters */
#define CONSULT_MAX_NAME 50       /* characters */
#define CONSULT_MAX_EMAIL 254     /* bytes (RFC 5321 path limit) */
#define CONSULT_MAX_ANSWER 5000   /* characters */
#define CONSULT_MAX_REASON 500    /* characters */
#define CONSULT_DUE_DAYS 5        /* working days, when the setting is absent */
#define CONSULT_MAX_DUE_DAYS 60   /* largest accepted consult_due_days */

/* What the asker sends. */
typedef struct QuestionInput {
    const char *zName;     /* optional; NULL or "" for none */
    const char *zEmail;    /* required; never shown in public */
    const char *zQuestion; /* required */
} QuestionInput;

/* A question as stored, with the names of its item and unit. */
typedef struct Question {
    int64_t id, iItem, iUnit;
    const char *zCode;         /* tracking code, 12 characters */
    const char *zName, *zEmail, *zQuestion; /* as asked: staff and the asker only */
    const char *zState;        /* "open", "answered" or "private" */
    const char *zReceivedAt;   /* UTC time */
    const char *zReceivedOn;   /* receipt date (China time) */
    const char *zDue;          /* last day to answer */
    const char *zAnswer;       /* as written ("" while open) */
    const char *zAnsweredAt;   /* UTC time or "" */
    const char *zAnsweredBy;   /* user name or "" */
    const char *zPubQuestion;  /* masked question as published ("" until answered) */
    const char *zPubAnswer;    /* masked answer as published */
    const char *zPrivateReason;
    const char *zClosedAt;     /* when marked not for publication, or "" */
    const char *zItemTitle;    /* the item's live title (working title if never live) */
    const char *zUnitCode, *zUnitName;
} Question;

/* What to list. */
typedef struct QuestionQuery {
    const char *zState;   /* "open", "answered", "private" or NULL for all */
    int64_t iUnit;        /* unit id or 0 for all */
    int64_t iItem;        /* item id or 0 for all */
    const char *zDueBy;   /* only questions due on or before this date, or NULL */
    int bPublic;          /* only answers the public sees: answered, on a live item */
    int64_t iPage, nPerPage; /* 1-based page; nPerPage 1..500 */
} QuestionQuery;

/* Check an input against the limits: question required, at most 1,000 characters;
** name at most 50 characters on one line; e-mail required and plausible.  ZW_EINPUT
** with a Chinese message naming the field. */
int consult_check(Arena *a, const QuestionInput *in, Err *err);

/* The deadline for a question received on zReceivedOn ("YYYY-MM-DD"): the receipt
** day is not counted, and a question received on a day that is not a working day
** counts as received on the next working day; the deadline is the nDays-th working
** day after that.  Writes zDue[11].  *pbUnknown (may be NULL) is set when a year
** without a holiday notice was used.  ZW_EINPUT for a bad date or nDays. */
int consult_due_date(const Calendar *pCal, const char *zReceivedOn, int nDays, char *zDue,
                     int *pbUnknown, Err *err);

/* The working days allowed: setting consult_due_days if it is an integer in
** 1..CONSULT_MAX_DUE_DAYS (otherwise a warning is logged), else CONSULT_DUE_DAYS. */
int consult_due_days(Db *db, Arena *a);

/* Whether item iItem takes questions: it must exist, be published (live, not
** withdrawn) and be of kind policy or interpretation.  ZW_OK and *piUnit / *pzTitle
** (either may be NULL) set; ZW_ENOTFOUND if not public, ZW_ECONFLICT if withdrawn or
** not a policy or interpretation. */
int consult_item_open(Db *db, Arena *a, int64_t iItem, int64_t *piUnit, const char **pzTitle,
                      Err *err);

/* Receive a question on item iItem from address zIp: checks, the deadline, a new
** tracking code, the row and the confirmation mail (with zBaseUrl/zx/CODE), in one
** transaction.  *ppQ gets the stored question. */
int consult_ask(Db *db, Arena *a, int64_t iItem, const QuestionInput *in, const char *zIp,
                const char *zBaseUrl, Question **ppQ, Err *err);

/* What consult_ask's *ppQ would look like, for a filled honeypot: the next id, a
** fresh code, today's receipt date and its deadline.  Nothing is stored or mailed. */
int consult_fake_receipt(Db *db, Arena *a, Question **ppQ, Err *err);

/* Publish an answer (staff of the question's unit, editor or above; admins any):
** open questions only (ZW_ECONFLICT otherwise).  Stores the masked copies, audits
** "question_answer" and mails the asker, in one transaction. */
int consult_answer(Db *db, Arena *a, const User *u, const char *zIp, int64_t iQuestion,
                   const char *zAnswer, const char *zBaseUrl, Err *err);

/* Mark a question not for publication with zReason (required, told to the asker);
** zReply (optional) is a reply mailed to the asker and never published.  Works on
** open questions and on answered ones (the public answer is taken down).  Audits
** "question_private".  *pbWasPublic (may be NULL) is set when a public answer was
** taken down (the caller refreshes cached pages). */
int consult_private(Db *db, Arena *a, const User *u, const char *zIp, int64_t iQuestion,
                    const char *zReason, const char *zReply, const char *zBaseUrl,
                    int *pbWasPublic, Err *err);

/* One question by id or by canonical tracking code, or NULL. */
Question *consult_get(Db *db, Arena *a, int64_t iQuestion);
Question *consult_by_code(Db *db, Arena *a, const char *zCode);

/* List questions.  Order: open questions first, oldest deadline first; then the
** others, newest first (answers by answer time).  *pnTotal (may be NULL) gets the
** number of matches over all pages. */
int consult_list(Db *db, Arena *a, const QuestionQuery *q, Question **paQ, int *pnQ,
                 int64_t *pnTotal);

/* Open questions of unit iUnit (0: all): *pnOpen in all, *pnOverdue due before
** zToday. */
int consult_counts(Db *db, int64_t iUnit, const char *zToday, int64_t *pnOpen,
                   int64_t *pnOverdue);

/* Labels: "办理中", "已答复", "不予公开". */
const char *consult_state_label(const char *zState);

#endif
