/*
** apply.h: 依申请公开 applications: receive, track the legal clock, answer.
**
** The case is an event log (Alaveteli): registration, 补正 and the corrected
** application, third-party consultations, one extension, the fee notice and the
** payment, the reply with its table 三 outcome, delivery (送达), and reviews
** (行政复议/行政诉讼).  State and deadline are derived from the events by one
** replaceable piece, the deadline engine (apply_clock, apply_clock.c), which also
** explains its reasoning day by day.  Rules and sources: docs/apply.md,
** shared/spec/regs.md §1.3–1.4.
**
** Owns tables: application, application_event, application_notice,
**              application_review, apply_template (schema/0007_apply.sql).
**              Reads unit, user, holiday, setting; mails through push/mail.h.
** Memory: results live in the caller's Arena; nothing returned needs free().
** Errors:  ZW_OK or a ZW_E* code; the message for the user is in *err (Chinese).
**          ZW_EINPUT bad input, ZW_ECONFLICT an action the case's state does not
**          allow, ZW_EPERM another unit's case, ZW_ENOTFOUND no such case.  Every
**          action is one transaction: event, derived columns, notice and mail are
**          written together or not at all.
*/
#ifndef ZW_APPLY_H
#define ZW_APPLY_H

#include <stdint.h>

#include "../auth/auth.h"
#include "../calendar/workday.h"
#include "../core/arena.h"
#include "../core/err.h"
#include "../store/db.h"

#define APPLY_REPLY_DAYS 20      /* 条例 Art 33: reply within 20 working days */
#define APPLY_EXTEND_MAX 20      /* Art 33: one extension of at most 20 working days */
#define APPLY_CORRECTION_WINDOW 7 /* Art 30: ask for 补正 within 7 working days */
#define APPLY_CORRECTION_DAYS 15 /* default period given for 补正 (working days) */
#define APPLY_CONSULT_DAYS 15    /* Art 32: the third party has 15 working days */
#define APPLY_PAY_DAYS 20        /* 国办函〔2020〕109号: pay within 20 working days */
#define APPLY_DAY_END "17:30"    /* office closes: later online/fax submissions count
                                 ** from the next working day (setting apply_day_end) */
#define APPLY_MAX_CONTENT 5000   /* characters of the request */
#define APPLY_MAX_TEXT 20000     /* characters of a reply or notice text */
#define APPLY_MAX_LINE 200       /* characters of one-line fields (name, address …) */
#define APPLY_MAX_WALK 4000      /* calendar days the engine walks at most */

/* Channels (Art 31 receipt rules differ). */
enum { APPLY_CH_ONLINE = 1, APPLY_CH_LETTER, APPLY_CH_FAX, APPLY_CH_COUNTER };

/* Event kinds, in the order the flow normally runs. */
enum {
    APPLY_EV_RECEIVED = 1, /* 登记 */
    APPLY_EV_CORRECTION,   /* 补正告知 (once, within 7 WD): the clock stops */
    APPLY_EV_CORRECTED,    /* corrected application received: the clock restarts */
    APPLY_EV_CONSULT,      /* 征求第三方意见: pause begins */
    APPLY_EV_CONSULTED,    /* opinion received (or its period ended): pause ends */
    APPLY_EV_EXTEND,       /* 延期 (once, ≤ 20 WD, reason) */
    APPLY_EV_FEE,          /* 收费通知: pause begins */
    APPLY_EV_PAID,         /* paid: pause ends */
    APPLY_EV_REPLY,        /* 答复 with an outcome */
    APPLY_EV_DELIVER,      /* 送达 */
    APPLY_EV_REVIEW,       /* 行政复议 / 行政诉讼 recorded or updated */
    APPLY_EV_REDATED,      /* calendar changed, deadline moved (logged, not a rule) */
    APPLY_EV_COUNT
};

/* Derived states. */
enum {
    APPLY_ST_PROCESSING = 1, /* 办理中: the clock runs */
    APPLY_ST_CORRECTION,     /* 待补正: stopped until the corrected application */
    APPLY_ST_CONSULTING,     /* 征求意见中: paused */
    APPLY_ST_FEE,            /* 待缴费: paused */
    APPLY_ST_REPLIED,        /* 已答复 */
    APPLY_ST_DELIVERED,      /* 已送达 */
};

/* One event as stored. */
typedef struct ApplyEvent {
    int64_t id;
    int eKind;            /* APPLY_EV_* */
    const char *zOn;      /* YYYY-MM-DD the step took effect (the clock uses this) */
    const char *zAt;      /* UTC time it was recorded */
    const char *zBy;      /* staff user name, "" for the applicant or the system */
    int nDays;            /* EXTEND: days added; CORRECTION: period given */
    const char *zDue;     /* CORRECTION/FEE/CONSULT: the other side's last day, else "" */
    int64_t nAmount;      /* FEE: yuan */
    const char *zOutcome; /* REPLY: outcome code */
    const char *zText;    /* reason, points to correct, reply text, opinion; RECEIVED:
                          ** the receipt-date reasoning */
    const char *zBasis;   /* REPLY: legal basis; FEE: how the amount was computed */
    const char *zDetail;  /* CONSULT: who; REDATED: the old deadline; REVIEW: summary */
} ApplyEvent;

/* One day of the clock's walk, for the day-by-day explanation. */
typedef struct ApplyDay {
    int iDay;          /* days since 1970-01-01 */
    char cKind;        /* 'c' counted, 'w' weekend, 'h' holiday, 'p' paused working day */
    int n;             /* 'c': its number (1 …); else 0 */
    const char *zNote; /* holiday or 调休 name, pause reason, or NULL */
} ApplyDay;

/* What the engine derives from the events. */
typedef struct ApplyClock {
    int eState;             /* APPLY_ST_* */
    int bOpen;              /* no reply yet */
    int bStopped;           /* clock stands (correction, consultation, fee): no deadline */
    char zReceived[11];     /* receipt date */
    char zStart[11];        /* the count runs from the day after this (receipt or corrected) */
    char zDeadline[11];     /* last day to reply; "" while stopped */
    char zCorrectionBy[11]; /* last day to ask for 补正: receipt + 7 WD */
    char zPendingDue[11];   /* while stopped: the applicant's / third party's due, else "" */
    int bLapsed;            /* today is past zPendingDue of a correction or a fee */
    int nBudget;            /* working days allowed: 20 + extension */
    int nExtend;            /* extension days (0 if none) */
    int nUsed;              /* working days counted up to today (at most nBudget) */
    int nPaused;            /* working days not counted (consultation, fee) */
    int bCorrectionAsked, bCorrected, bExtended, bFeeAsked, bPaid, nConsult;
    int bOverdue;           /* open, running and today > deadline */
    CalTrace trace;         /* holidays and 调休 days passed; unknown year flag */
    const char *zOutcome;   /* reply outcome code or NULL */
    char zReplied[11];      /* reply date or "" */
    const char **azLine;    /* the reasoning in plain Chinese, one step a line */
    int nLine;
    ApplyDay *aDay;         /* the days walked, from zStart+1 to the deadline (or today) */
    int nDay;
} ApplyClock;

/* "online" → APPLY_CH_ONLINE … (also the Chinese 网络, 信函, 传真, 当面); 0 if unknown. */
int apply_channel_parse(const char *z);
const char *apply_channel_name(int eChannel);  /* "online" … */
const char *apply_channel_label(int eChannel); /* 网络 … */
int apply_event_parse(const char *z);          /* "correction" → APPLY_EV_CORRECTION; 0 */
const char *apply_event_name(int eKind);
const char *apply_event_label(int eKind);      /* 登记, 补正告知 … */
const char *apply_state_name(int eState);      /* "processing" … */
const char *apply_state_label(const char *zState); /* 办理中 … for a state name */
const char *apply_type_label(const char *zType);   /* natural → 自然人 …; NULL if unknown */
/* The table 三 label of an outcome code ("予以公开", "属于国家秘密" …), NULL if unknown. */
const char *apply_outcome_label(const char *zOutcome);
/* The default legal basis of an outcome ("《条例》第三十六条第（二）项" …). */
const char *apply_outcome_basis(const char *zOutcome);
/* Every outcome code in table order, NULL-terminated. */
extern const char *const apply_azOutcome[];
/* "星期一" … for a day number. */
const char *apply_weekday(int iDay);

/* The receipt date (Art 31) of a submission at zSubmitted ("YYYY-MM-DD HH:MM", China
** time; a bare date is taken as 09:00): counter and letter, the date itself (the day of
** submission; the day the letter is signed for); online and fax, the day both sides
** can confirm: the same day if it is a working day and the time is before zDayEnd
** ("HH:MM"), else the next working day.  Writes zOut[11] and, in *pzWhy (Arena), the
** reasoning in Chinese.  ZW_EINPUT for a bad date or time. */
int apply_receipt_date(const Calendar *pCal, Arena *a, int eChannel, const char *zSubmitted,
                       const char *zDayEnd, char *zOut, const char **pzWhy, Err *err);

/* The deadline engine.  From the events (in order; the first is RECEIVED) and the
** calendar, derives *pc as of zToday: state, the start of the count, the deadline
** (working days after zStart not inside a pause, up to nBudget; a pause covers the
** working days after its notice up to and including the day it ends), the
** explanation and the day-by-day walk.  Pure: no database.  ZW_EINPUT if the events
** are not a valid history (the first not RECEIVED, bad dates). */
int apply_clock(const Calendar *pCal, Arena *a, const ApplyEvent *aEv, int nEv,
                const char *zToday, ApplyClock *pc, Err *err);
/* The explanation as one text, lines joined by '\n' (Arena). */
const char *apply_clock_text(Arena *a, const ApplyClock *pc);

/* 信息处理费 (国办函〔2020〕109号), 超额累进 on the excess only.  Per piece (bPages 0):
** up to 10 free, 11–30 at 100 yuan, then each further band of nBand pieces 100 more a
** piece (31–40 at 200, 41–50 at 300 with nBand 10).  Per page (bPages 1): up to 30
** free, 31–100 at 10, 101–200 at 20, from 201 at 40.  Returns yuan; *pzHow (may be
** NULL) gets the computation in Chinese (Arena). */
int64_t apply_fee(Arena *a, int bPages, int64_t n, int nBand, const char **pzHow);

/* ------------------------------------------------------------ stored cases */

/* An application as submitted (public form, JSON or staff entry). */
typedef struct ApplyInput {
    const char *zUnit;      /* receiving unit's code (staff: default their own) */
    const char *zChannel;   /* online letter fax counter (or Chinese); NULL: online */
    const char *zSubmitted; /* staff: "YYYY-MM-DD[ HH:MM]" China time; NULL: now */
    const char *zType;      /* natural commercial research social_welfare legal_service other_org */
    const char *zName, *zIdNumber, *zContact, *zPhone, *zEmail, *zAddress;
    const char *zContent;   /* required */
    const char *zDocno;
    const char *zForm;      /* paper | electronic (default electronic) */
    const char *zDelivery;  /* email | post | pickup (default email when an e-mail is given) */
    int bConsent;           /* the answer may be published in the register */
} ApplyInput;

/* An application row with its unit. */
typedef struct Application {
    int64_t id, iUnit;
    const char *zUnitCode, *zUnitName;
    const char *zCaseNo, *zCode, *zChannel, *zType;
    const char *zName, *zIdNumber, *zContact, *zPhone, *zEmail, *zAddress;
    const char *zContent, *zDocno, *zForm, *zDelivery;
    int bConsent;
    const char *zSubmittedAt, *zReceivedOn, *zCreatedAt, *zCreatedBy;
    const char *zState, *zDeadline, *zPendingDue, *zOutcome, *zRepliedOn; /* derived cache */
    int bPublished;
    const char *zPubContent, *zPubAnswer;
} Application;

/* A notice issued. */
typedef struct ApplyNotice {
    int64_t id, iEvent;
    const char *zKind, *zTitle, *zBody, *zCreatedAt;
    int bMailed;
} ApplyNotice;

/* A review (行政复议/行政诉讼). */
typedef struct ApplyReview {
    int64_t id;
    const char *zKind;    /* reconsideration | litigation */
    int bAfterRecon;      /* litigation after reconsideration */
    const char *zResult;  /* upheld corrected other pending */
    const char *zFiledOn, *zDecidedOn, *zNote;
} ApplyReview;

/* Input of one staff action (fields unused by the action are ignored). */
typedef struct ApplyAction {
    const char *zDate;    /* the day it took effect, "YYYY-MM-DD"; NULL: today */
    const char *zText;    /* correction: what to fix; reply: text; consulted: opinion;
                          ** corrected: what arrived; deliver: how */
    const char *zReason;  /* extend */
    int nDays;            /* extend: 1..20 (0: 20); correction: period 1..60 (0: 15) */
    const char *zOutcome; /* reply */
    const char *zBasis;   /* reply: legal basis (default by outcome) */
    const char *zParty;   /* consult: who is consulted */
    const char *zFeeBasis; /* fee: "piece" or "page" */
    int64_t nCount;       /* fee: pieces this month or pages */
    int bPublish;         /* reply: publish the masked answer in the register */
} ApplyAction;

/* Review input. */
typedef struct ApplyReviewInput {
    int64_t id;           /* update review id (0: a new one) */
    const char *zKind, *zResult, *zDate, *zDecidedOn, *zNote;
    int bAfterRecon;
} ApplyReviewInput;

/* List filter. */
typedef struct ApplyQuery {
    int64_t iUnit;        /* 0: all units */
    const char *zState;   /* state name, "open" (not replied), "closed", or NULL for all */
    const char *zDueBy;   /* only running cases due on or before this date, or NULL */
    int64_t iPage, nPerPage;
} ApplyQuery;

/* Check an input (types, lengths, required fields).  ZW_EINPUT naming the field. */
int apply_check(Arena *a, const ApplyInput *in, Err *err);

/* Register an application: staff entry when u is not NULL (any channel; unit defaults
** to u's; only staff of that unit or admins), else online (channel online only, time
** now).  Receipt date by apply_receipt_date, case number, tracking code, the RECEIVED
** event, the 登记回执 notice and, when the applicant chose e-mail, its mail; one
** transaction.  zBaseUrl prefixes the tracking link.  *ppA gets the case. */
int apply_submit(Db *db, Arena *a, const User *u, const ApplyInput *in, const char *zIp,
                 const char *zBaseUrl, Application **ppA, Err *err);
/* What apply_submit would show for a filled honeypot; nothing is stored. */
int apply_fake_receipt(Db *db, Arena *a, const ApplyInput *in, Application **ppA, Err *err);

Application *apply_get(Db *db, Arena *a, int64_t id);
Application *apply_by_code(Db *db, Arena *a, const char *zCode);
int apply_events(Db *db, Arena *a, int64_t id, ApplyEvent **paEv, int *pnEv);
int apply_notices(Db *db, Arena *a, int64_t id, ApplyNotice **paN, int *pnN);
int apply_reviews(Db *db, Arena *a, int64_t id, ApplyReview **paR, int *pnR);
/* The clock of a case as of zToday with the database's calendar. */
int apply_clock_case(Db *db, Arena *a, int64_t id, const char *zToday, ApplyClock *pc, Err *err);

/* One staff action (eKind CORRECTION … DELIVER) on case id, with the rules of the
** law and the clock (docs/apply.md lists them): ZW_ECONFLICT when the state does not
** allow it, ZW_EINPUT for bad input, ZW_EPERM for another unit.  Writes the event,
** the derived columns, the notice (and its mail) in one transaction and audits it. */
int apply_act(Db *db, Arena *a, const User *u, const char *zIp, int64_t id, int eKind,
              const ApplyAction *act, const char *zBaseUrl, Err *err);

/* Record or update a review of case id. */
int apply_review(Db *db, Arena *a, const User *u, const char *zIp, int64_t id,
                 const ApplyReviewInput *in, Err *err);

/* List cases.  Order: running cases by deadline, stopped ones, then closed newest. */
int apply_list(Db *db, Arena *a, const ApplyQuery *q, Application **paA, int *pnA,
               int64_t *pnTotal);
/* The public register: published answers, newest first. */
int apply_register(Db *db, Arena *a, int64_t iPage, int64_t nPer, Application **paA, int *pnA,
                   int64_t *pnTotal);

/* Counts for one unit (0: all): open cases, overdue (deadline < zToday), due by zSoon. */
typedef struct ApplyCounts {
    int64_t nOpen, nOverdue, nSoon, nStopped;
} ApplyCounts;
int apply_counts(Db *db, int64_t iUnit, const char *zToday, const char *zSoon, ApplyCounts *p);

/* Re-date open cases after a calendar change.  Compares a signature of the holiday
** table with the one stored (setting apply_calendar_sig); when it differs, recomputes
** every open case, appends a REDATED event to each whose deadline moved and updates
** its derived columns, in one transaction.  Cheap when nothing changed (one query).
** Called before case lists and case pages are read; *pnChanged (may be NULL). */
int apply_redate(Db *db, Arena *a, int *pnChanged, Err *err);

/* Notice templates: the stored title and body of kind (receipt correction extension
** fee reply), or NULL. */
int apply_template_get(Db *db, Arena *a, const char *zKind, const char **pzTitle,
                       const char **pzBody);
/* Save a template (admins only). */
int apply_template_set(Db *db, Arena *a, const User *u, const char *zIp, const char *zKind,
                       const char *zTitle, const char *zBody, Err *err);
/* Fill {name} placeholders of zBody from pairs azKV[0..2n) (name, value); unknown
** placeholders stay as written. */
const char *apply_fill(Arena *a, const char *zBody, const char *const *azKV, int nKV);

/* The kinds of notice templates, NULL-terminated, and their labels. */
extern const char *const apply_azTemplate[];
const char *apply_template_label(const char *zKind);

#endif
