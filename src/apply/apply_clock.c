// SPDX-License-Identifier: MIT
/*
** apply_clock.c: the deadline engine of 依申请公开 and its vocabulary: channels,
** event kinds, states, outcome codes (table 三), the receipt-date rule of each
** channel (条例 Art 31), the clock (Art 30, 32, 33; fee pause per 国办函〔2020〕109号)
** with its explanation in plain Chinese, and the fee scale.  Pure functions over the
** working-day calendar (calendar/workday.h); no database, no HTTP.  apply.c feeds it
** the events of a case.
*/
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "apply.h"

/* ------------------------------------------------------------ vocabulary */

static const char *const azChannel[][2] = {
    {"online", "网络"}, {"letter", "信函"}, {"fax", "传真"}, {"counter", "当面"},
};

int apply_channel_parse(const char *z) {
    for (int i = 0; z && i < 4; i++) {
        if (strcmp(z, azChannel[i][0]) == 0 || strcmp(z, azChannel[i][1]) == 0) return i + 1;
    }
    return 0;
}

const char *apply_channel_name(int e) {
    return e >= 1 && e <= 4 ? azChannel[e - 1][0] : "";
}

const char *apply_channel_label(int e) {
    return e >= 1 && e <= 4 ? azChannel[e - 1][1] : "";
}

static const char *const azEvent[APPLY_EV_COUNT][2] = {
    {"", ""},
    {"received", "登记"},
    {"correction", "补正告知"},
    {"corrected", "收到补正"},
    {"consult", "征求第三方意见"},
    {"consulted", "收到第三方意见"},
    {"extend", "延长答复期限"},
    {"fee", "收费通知"},
    {"paid", "缴费"},
    {"reply", "答复"},
    {"deliver", "送达"},
    {"review", "行政复议/诉讼"},
    {"redated", "期限重算"},
};

int apply_event_parse(const char *z) {
    for (int i = 1; z && i < APPLY_EV_COUNT; i++) {
        if (strcmp(z, azEvent[i][0]) == 0) return i;
    }
    return 0;
}

const char *apply_event_name(int e) {
    return e > 0 && e < APPLY_EV_COUNT ? azEvent[e][0] : "";
}

const char *apply_event_label(int e) {
    return e > 0 && e < APPLY_EV_COUNT ? azEvent[e][1] : "";
}

static const char *const azState[][2] = {
    {"processing", "办理中"}, {"correction", "待补正"}, {"consulting", "征求意见中"},
    {"fee", "待缴费"},        {"replied", "已答复"},    {"delivered", "已送达"},
};

const char *apply_state_name(int e) {
    return e >= 1 && e <= 6 ? azState[e - 1][0] : "";
}

const char *apply_state_label(const char *z) {
    for (int i = 0; z && i < 6; i++) {
        if (strcmp(z, azState[i][0]) == 0) return azState[i][1];
    }
    return z ? z : "";
}

static const char *const azType[][2] = {
    {"natural", "自然人"},         {"commercial", "商业企业"},
    {"research", "科研机构"},      {"social_welfare", "社会公益组织"},
    {"legal_service", "法律服务机构"}, {"other_org", "其他组织"},
};

const char *apply_type_label(const char *z) {
    for (int i = 0; z && i < 6; i++) {
        if (strcmp(z, azType[i][0]) == 0) return azType[i][1];
    }
    return NULL;
}

/* Table 三 rows (shared/spec/annual-report.md), their codes and a default basis. */
static const char *const azOutcome[][3] = {
    {"granted", "予以公开", "《中华人民共和国政府信息公开条例》第三十六条第（二）项"},
    {"partial", "部分公开", "《中华人民共和国政府信息公开条例》第三十七条"},
    {"refused_secret", "属于国家秘密", "《中华人民共和国政府信息公开条例》第十四条、第三十六条第（三）项"},
    {"refused_law", "其他法律行政法规禁止公开", "《中华人民共和国政府信息公开条例》第十四条、第三十六条第（三）项"},
    {"refused_safety", "危及“三安全一稳定”", "《中华人民共和国政府信息公开条例》第十四条、第三十六条第（三）项"},
    {"refused_third_party", "保护第三方合法权益", "《中华人民共和国政府信息公开条例》第十五条、第三十二条、第三十六条第（三）项"},
    {"refused_internal", "属于三类内部事务信息", "《中华人民共和国政府信息公开条例》第十六条第一款、第三十六条第（三）项"},
    {"refused_process", "属于四类过程性信息", "《中华人民共和国政府信息公开条例》第十六条第二款、第三十六条第（三）项"},
    {"refused_enforcement_file", "属于行政执法案卷", "《中华人民共和国政府信息公开条例》第十六条第二款、第三十六条第（三）项"},
    {"refused_inquiry", "属于行政查询事项", "《中华人民共和国政府信息公开条例》第三十六条第（七）项"},
    {"unavailable_none", "本机关不掌握相关政府信息", "《中华人民共和国政府信息公开条例》第三十六条第（四）项、第（五）项"},
    {"unavailable_needs_making", "没有现成信息需要另行制作", "《中华人民共和国政府信息公开条例》第三十八条"},
    {"unavailable_unclear", "补正后申请内容仍不明确", "《中华人民共和国政府信息公开条例》第三十条"},
    {"not_handled_petition", "信访举报投诉类申请", "《中华人民共和国政府信息公开条例》第三十九条第一款"},
    {"not_handled_duplicate", "重复申请", "《中华人民共和国政府信息公开条例》第三十六条第（六）项"},
    {"not_handled_publication", "要求提供公开出版物", "《中华人民共和国政府信息公开条例》第三十九条第二款"},
    {"not_handled_excessive", "无正当理由大量反复申请", "《中华人民共和国政府信息公开条例》第三十五条"},
    {"not_handled_confirm", "要求行政机关确认或重新出具已获取信息", "《中华人民共和国政府信息公开条例》第三十九条"},
    {"other_no_correction", "申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请", "《中华人民共和国政府信息公开条例》第三十条"},
    {"other_no_fee", "申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", "《中华人民共和国政府信息公开条例》第四十二条、《政府信息公开信息处理费管理办法》"},
    {"other", "其他", "《中华人民共和国政府信息公开条例》"},
};
#define N_OUTCOME ((int)(sizeof azOutcome / sizeof azOutcome[0]))

const char *const apply_azOutcome[] = {
    "granted", "partial", "refused_secret", "refused_law", "refused_safety", "refused_third_party",
    "refused_internal", "refused_process", "refused_enforcement_file", "refused_inquiry",
    "unavailable_none", "unavailable_needs_making", "unavailable_unclear", "not_handled_petition",
    "not_handled_duplicate", "not_handled_publication", "not_handled_excessive",
    "not_handled_confirm", "other_no_correction", "other_no_fee", "other", NULL,
};

static int outcome_index(const char *z) {
    for (int i = 0; z && i < N_OUTCOME; i++) {
        if (strcmp(z, azOutcome[i][0]) == 0) return i;
    }
    return -1;
}

const char *apply_outcome_label(const char *z) {
    int i = outcome_index(z);
    return i < 0 ? NULL : azOutcome[i][1];
}

const char *apply_outcome_basis(const char *z) {
    int i = outcome_index(z);
    return i < 0 ? "" : azOutcome[i][2];
}

const char *apply_weekday(int iDay) {
    static const char *const az[] = {"星期一", "星期二", "星期三", "星期四", "星期五", "星期六", "星期日"};
    return az[((iDay % 7) + 7 + 3) % 7]; /* 1970-01-01 was a Thursday */
}

static int is_weekend(int iDay) {
    return ((iDay % 7) + 7 + 3) % 7 >= 5;
}

/* "2021-10-09（星期六）" */
static const char *fmt_day(Arena *a, int iDay) {
    char z[11];
    cal_date(iDay, z);
    return arena_printf(a, "%s（%s）", z, apply_weekday(iDay));
}

/* ------------------------------------------------------------ receipt date */

/* Minutes after midnight of "HH:MM", or -1. */
static int parse_hhmm(const char *z) {
    if (!z || strlen(z) != 5 || z[2] != ':') return -1;
    for (int i = 0; i < 5; i++) {
        if (i != 2 && (z[i] < '0' || z[i] > '9')) return -1;
    }
    int h = (z[0] - '0') * 10 + (z[1] - '0'), m = (z[3] - '0') * 10 + (z[4] - '0');
    if (h > 23 || m > 59) return -1;
    return h * 60 + m;
}

int apply_receipt_date(const Calendar *pCal, Arena *a, int eChannel, const char *zSubmitted,
                       const char *zDayEnd, char *zOut, const char **pzWhy, Err *err) {
    char zDate[11];
    int iMin = 9 * 60;
    if (!zSubmitted || strlen(zSubmitted) < 10) {
        return err_set(err, ZW_EINPUT, "bad_date", "提交时间格式应为 YYYY-MM-DD 或 YYYY-MM-DD HH:MM", NULL);
    }
    memcpy(zDate, zSubmitted, 10);
    zDate[10] = 0;
    int iDay = cal_day(zDate);
    if (zSubmitted[10]) {
        if ((zSubmitted[10] != ' ' && zSubmitted[10] != 'T') ||
            (iMin = parse_hhmm(zSubmitted + 11)) < 0) {
            iDay = -1;
        }
    }
    if (iDay < 0) {
        return err_set(err, ZW_EINPUT, "bad_date", "提交时间格式应为 YYYY-MM-DD 或 YYYY-MM-DD HH:MM", NULL);
    }
    int iEnd = parse_hhmm(zDayEnd);
    if (iEnd < 0) iEnd = parse_hhmm(APPLY_DAY_END);
    const char *zWhen = zSubmitted[10] ? arena_printf(a, "%s %s（%s）", zDate, zSubmitted + 11,
                                                      apply_weekday(iDay))
                                       : fmt_day(a, iDay);
    const char *zWhy = NULL;
    if (eChannel == APPLY_CH_COUNTER) {
        zWhy = arena_printf(a, "%s当面提交申请，以提交之日为收到申请之日（条例第三十一条第（一）项）。",
                            zWhen);
    } else if (eChannel == APPLY_CH_LETTER) {
        zWhy = arena_printf(a, "%s本机关签收申请信函，以签收之日为收到申请之日（条例第三十一条第（二）项）。",
                            fmt_day(a, iDay));
    } else if (eChannel == APPLY_CH_ONLINE || eChannel == APPLY_CH_FAX) {
        const char *zHow = eChannel == APPLY_CH_ONLINE ? "通过网络" : "通过传真";
        if (cal_is_workday(pCal, iDay, NULL) && iMin < iEnd) {
            zWhy = arena_printf(a, "%s%s提交申请，在工作日办公时间内，双方当日确认，以当日为收到申请之日"
                                   "（条例第三十一条第（三）项）。", zWhen, zHow);
        } else {
            const CalDay *pHol = cal_find(pCal, iDay);
            const char *zWhyNot;
            if (cal_is_workday(pCal, iDay, NULL)) {
                zWhyNot = arena_printf(a, "已过下班时间（%s）", zDayEnd ? zDayEnd : APPLY_DAY_END);
            } else if (pHol && pHol->cKind == 'o') {
                zWhyNot = arena_printf(a, "为%s假期", pHol->zName);
            } else {
                zWhyNot = "为周末";
            }
            int iNext = iDay + 1;
            while (!cal_is_workday(pCal, iNext, NULL) && iNext - iDay < 366) iNext++;
            zWhy = arena_printf(a, "%s%s提交申请，当日%s，本机关于下一个工作日确认，以%s为收到申请之日"
                                   "（条例第三十一条第（三）项）。", zWhen, zHow, zWhyNot,
                                fmt_day(a, iNext));
            iDay = iNext;
        }
    } else {
        return err_set(err, ZW_EINPUT, "bad_channel", "申请渠道应为 online、letter、fax 或 counter", NULL);
    }
    cal_date(iDay, zOut);
    if (pzWhy) *pzWhy = zWhy;
    return ZW_OK;
}

/* ------------------------------------------------------------------ clock */

static void add_line(ApplyClock *pc, Arena *a, const char *zFmt, ...)
    __attribute__((format(printf, 3, 4)));

static void add_line(ApplyClock *pc, Arena *a, const char *zFmt, ...) {
    va_list ap;
    va_start(ap, zFmt);
    Str s;
    str_init(&s, a);
    str_vappendf(&s, zFmt, ap);
    va_end(ap);
    if ((pc->nLine & 15) == 0) {
        pc->azLine = arena_grow(a, pc->azLine, sizeof(char *) * (size_t)pc->nLine,
                                sizeof(char *) * (size_t)(pc->nLine + 16));
    }
    pc->azLine[pc->nLine++] = str_cstr(&s);
}

typedef struct Pause {
    int iFrom, iTo;  /* working days in (iFrom, iTo] are not counted; iTo -1 while open */
    int iEv;         /* the event that began it */
    int nDays;       /* working days it covered in the walk */
} Pause;

static int bad_history(Err *err, const char *zLog) {
    return err_set(err, ZW_EINPUT, "bad_history", "案件记录无效，无法计算期限", zLog);
}

int apply_clock(const Calendar *pCal, Arena *a, const ApplyEvent *aEv, int nEv,
                const char *zToday, ApplyClock *pc, Err *err) {
    memset(pc, 0, sizeof *pc);
    int iToday = cal_day(zToday);
    if (iToday < 0) return err_set(err, ZW_EINPUT, "bad_date", "日期格式应为 YYYY-MM-DD", NULL);
    if (nEv < 1 || aEv[0].eKind != APPLY_EV_RECEIVED || cal_day(aEv[0].zOn) < 0) {
        return bad_history(err, "first event is not a valid 'received'");
    }
    int iRecv = cal_day(aEv[0].zOn), iStart = iRecv, iCorrDue = -1;
    Pause *aPause = arena_zalloc(a, sizeof(Pause) * (size_t)nEv);
    int nPause = 0;
    pc->eState = APPLY_ST_PROCESSING;
    pc->bOpen = 1;
    pc->nBudget = APPLY_REPLY_DAYS;
    memcpy(pc->zReceived, aEv[0].zOn, 11);
    cal_add(pCal, aEv[0].zOn, APPLY_CORRECTION_WINDOW, pc->zCorrectionBy, NULL, NULL);

    /* Pass 1: where the count starts, the budget, the pauses, the state. */
    for (int i = 1; i < nEv; i++) {
        const ApplyEvent *e = &aEv[i];
        int iOn = cal_day(e->zOn);
        if (iOn < 0) return bad_history(err, "event with a bad date");
        switch (e->eKind) {
        case APPLY_EV_CORRECTION:
            pc->bCorrectionAsked = 1;
            pc->eState = APPLY_ST_CORRECTION;
            iCorrDue = cal_day(e->zDue);
            break;
        case APPLY_EV_CORRECTED:
            pc->bCorrected = 1;
            pc->eState = APPLY_ST_PROCESSING;
            iStart = iOn;
            nPause = 0; /* the count restarts from the corrected application */
            break;
        case APPLY_EV_CONSULT:
        case APPLY_EV_FEE:
            aPause[nPause].iFrom = iOn;
            aPause[nPause].iTo = -1;
            aPause[nPause].iEv = i;
            nPause++;
            if (e->eKind == APPLY_EV_CONSULT) {
                pc->nConsult++;
                pc->eState = APPLY_ST_CONSULTING;
            } else {
                pc->bFeeAsked = 1;
                pc->eState = APPLY_ST_FEE;
            }
            break;
        case APPLY_EV_CONSULTED:
        case APPLY_EV_PAID:
            if (nPause == 0 || aPause[nPause - 1].iTo >= 0) {
                return bad_history(err, "pause end without a pause");
            }
            aPause[nPause - 1].iTo = iOn;
            if (e->eKind == APPLY_EV_PAID) pc->bPaid = 1;
            pc->eState = APPLY_ST_PROCESSING;
            break;
        case APPLY_EV_EXTEND:
            pc->bExtended = 1;
            pc->nExtend += e->nDays;
            pc->nBudget += e->nDays;
            break;
        case APPLY_EV_REPLY:
            pc->eState = APPLY_ST_REPLIED;
            pc->bOpen = 0;
            pc->zOutcome = e->zOutcome;
            snprintf(pc->zReplied, sizeof pc->zReplied, "%s", e->zOn);
            break;
        case APPLY_EV_DELIVER:
            pc->eState = APPLY_ST_DELIVERED;
            break;
        default:
            break;
        }
    }
    cal_date(iStart, pc->zStart);

    /* The walk: working days after the start, outside pauses, up to the budget. */
    int bWaitCorrection = pc->bCorrectionAsked && !pc->bCorrected;
    int k = 0, iDeadline = -1, bHitOpenPause = 0;
    pc->aDay = arena_alloc(a, sizeof(ApplyDay) * APPLY_MAX_WALK);
    for (int d = iStart + 1; !bWaitCorrection && d <= iStart + APPLY_MAX_WALK; d++) {
        int p = -1;
        for (int j = 0; j < nPause; j++) {
            if (d > aPause[j].iFrom && (aPause[j].iTo < 0 || d <= aPause[j].iTo)) p = j;
        }
        if (p >= 0 && aPause[p].iTo < 0) {
            bHitOpenPause = 1;
            break;
        }
        int bWork = cal_is_workday(pCal, d, &pc->trace);
        const CalDay *pHol = cal_find(pCal, d);
        ApplyDay *pd = &pc->aDay[pc->nDay++];
        pd->iDay = d;
        pd->n = 0;
        pd->zNote = pHol ? pHol->zName : NULL;
        if (bWork && p >= 0) {
            pd->cKind = 'p';
            pd->zNote = aEv[aPause[p].iEv].eKind == APPLY_EV_CONSULT ? "征求意见期间" : "收费暂停期间";
            aPause[p].nDays++;
            pc->nPaused++;
        } else if (bWork) {
            pd->cKind = 'c';
            pd->n = ++k;
            if (d <= iToday) pc->nUsed = k;
        } else {
            pd->cKind = pHol && pHol->cKind == 'o' && !is_weekend(d) ? 'h' : 'w';
        }
        if (k == pc->nBudget) {
            iDeadline = d;
            break;
        }
    }
    if (iDeadline >= 0) {
        cal_date(iDeadline, pc->zDeadline);
    }
    if (pc->bOpen && (bWaitCorrection || bHitOpenPause)) pc->bStopped = 1;
    if (pc->bOpen && !pc->bStopped && iDeadline >= 0 && iToday > iDeadline) pc->bOverdue = 1;
    if (pc->bOpen && pc->bStopped) {
        /* The other side's due date: the last stopping event's. */
        for (int i = nEv - 1; i >= 1; i--) {
            int ek = aEv[i].eKind;
            if (ek == APPLY_EV_CORRECTION || ek == APPLY_EV_CONSULT || ek == APPLY_EV_FEE) {
                snprintf(pc->zPendingDue, sizeof pc->zPendingDue, "%s", aEv[i].zDue);
                if (ek != APPLY_EV_CONSULT && aEv[i].zDue[0] && iToday > cal_day(aEv[i].zDue)) {
                    pc->bLapsed = 1;
                }
                break;
            }
        }
    }
    (void)iCorrDue;

    /* Pass 2: the explanation, in the order things happened. */
    add_line(pc, a, "%s", aEv[0].zText && aEv[0].zText[0]
                              ? aEv[0].zText
                              : arena_printf(a, "%s收到申请。", fmt_day(a, iRecv)));
    add_line(pc, a, "答复期限为收到申请之日起 %d 个工作日（条例第三十三条第二款）；收到当日不计入，"
                    "自次日起按工作日计算，周末和法定节假日不计入，调休上班日计入。",
             APPLY_REPLY_DAYS);
    int iPause = 0;
    for (int i = 1; i < nEv; i++) {
        const ApplyEvent *e = &aEv[i];
        int iOn = cal_day(e->zOn);
        switch (e->eKind) {
        case APPLY_EV_CORRECTION: {
            int n = 0;
            cal_count(pCal, aEv[0].zOn, e->zOn, &n, NULL, NULL);
            add_line(pc, a, "%s发出补正告知书（收到申请后第 %d 个工作日，在 7 个工作日内），请申请人于 %s "
                            "前补正；在收到补正后的申请之前，答复期限停止计算（条例第三十条）。",
                     fmt_day(a, iOn), n, e->zDue);
            break;
        }
        case APPLY_EV_CORRECTED:
            add_line(pc, a, "%s收到补正后的申请，答复期限自该日起重新计算 %d 个工作日（条例第三十条）。",
                     fmt_day(a, iOn), APPLY_REPLY_DAYS);
            iPause = 0;
            break;
        case APPLY_EV_CONSULT:
            add_line(pc, a, "%s书面征求%s意见（对方 15 个工作日内答复，至 %s）；征求意见所需时间不计入"
                            "答复期限（条例第三十二条、第三十三条第三款）。",
                     fmt_day(a, iOn), e->zDetail && e->zDetail[0] ? e->zDetail : "第三方", e->zDue);
            break;
        case APPLY_EV_FEE:
            add_line(pc, a, "%s发出收费通知（%lld 元，缴费期限至 %s）；自通知发出次日至缴费之日，"
                            "不计入答复期限（国办函〔2020〕109号）。",
                     fmt_day(a, iOn), (long long)e->nAmount, e->zDue);
            break;
        case APPLY_EV_CONSULTED:
        case APPLY_EV_PAID: {
            int n = 0;
            /* The pause this event ended: the iPause-th pause since the (re)start. */
            while (iPause < nPause && aPause[iPause].iTo != iOn) iPause++;
            if (iPause < nPause) n = aPause[iPause++].nDays;
            add_line(pc, a, "%s%s，期间 %d 个工作日不计入答复期限，自次日起继续计算。", fmt_day(a, iOn),
                     e->eKind == APPLY_EV_PAID ? "申请人缴费" : "收到第三方意见", n);
            break;
        }
        case APPLY_EV_EXTEND:
            add_line(pc, a, "%s经政府信息公开工作机构负责人同意，延长答复期限 %d 个工作日，理由：%s"
                            "（条例第三十三条第二款）。",
                     fmt_day(a, iOn), e->nDays, e->zText);
            break;
        case APPLY_EV_REDATED:
            add_line(pc, a, "%s节假日安排更新，答复期限由 %s 重算为 %s。", fmt_day(a, iOn),
                     e->zDetail[0] ? e->zDetail : "（暂停）", e->zText[0] ? e->zText : "（暂停）");
            break;
        case APPLY_EV_REPLY:
            add_line(pc, a, "%s作出答复：%s。", fmt_day(a, iOn),
                     apply_outcome_label(e->zOutcome) ? apply_outcome_label(e->zOutcome) : e->zOutcome);
            break;
        default:
            break;
        }
    }

    /* Holidays and 调休 days the walk passed. */
    Str s;
    str_init(&s, a);
    int nWorkWeekend = 0;
    for (int i = 0; i < pc->nDay; i++) {
        const CalDay *h = cal_find(pCal, pc->aDay[i].iDay);
        if (!h || h->cKind != 'o') continue;
        int j = i, nOff = 0;
        while (j < pc->nDay) {
            const CalDay *h2 = cal_find(pCal, pc->aDay[j].iDay);
            if (!h2 || h2->cKind != 'o' || strcmp(h2->zName, h->zName) != 0) break;
            if (!is_weekend(pc->aDay[j].iDay)) nOff++;
            j++;
        }
        char z1[11], z2[11];
        cal_date(pc->aDay[i].iDay, z1);
        cal_date(pc->aDay[j - 1].iDay, z2);
        if (s.n) str_puts(&s, "；");
        if (j - 1 > i) {
            str_appendf(&s, "%s %s 至 %s 放假（其中 %d 个工作日不计入）", h->zName, z1, z2, nOff);
        } else {
            str_appendf(&s, "%s %s 放假（%s）", h->zName, z1, nOff ? "不计入" : "本为周末");
        }
        i = j - 1;
    }
    if (s.n) add_line(pc, a, "计算期间经过：%s。", str_cstr(&s));
    str_init(&s, a);
    for (int i = 0; i < pc->nDay; i++) {
        const CalDay *h = cal_find(pCal, pc->aDay[i].iDay);
        if (!h || h->cKind != 'w' || !is_weekend(pc->aDay[i].iDay)) continue;
        if (s.n) str_puts(&s, "、");
        str_appendf(&s, "%s（%s）", fmt_day(a, pc->aDay[i].iDay), h->zName);
        nWorkWeekend++;
    }
    if (nWorkWeekend) add_line(pc, a, "调休上班日 %s 计为工作日。", str_cstr(&s));

    /* The result. */
    if (!pc->bOpen && !pc->zDeadline[0]) {
        add_line(pc, a, "本申请已于 %s 办结。", pc->zReplied);
    } else if (pc->bStopped && bWaitCorrection) {
        add_line(pc, a, "答复期限停止计算：等待申请人补正（补正期限至 %s）%s。收到补正后的申请之日起重新计算 "
                        "%d 个工作日。", pc->zPendingDue,
                 pc->bLapsed ? "；补正期限已过，申请人无正当理由逾期不补正的，视为放弃申请" : "",
                 APPLY_REPLY_DAYS);
    } else if (pc->bStopped) {
        add_line(pc, a, "答复期限暂停计算：已计入 %d 个工作日，尚余 %d 个工作日，待%s后继续计算%s。", k,
                 pc->nBudget - k,
                 pc->eState == APPLY_ST_FEE ? "申请人缴费" : "收到第三方意见（或其答复期限届满）",
                 pc->bLapsed ? "；缴费期限已过，申请人逾期未缴费的，视为放弃申请" : "");
    } else if (iDeadline >= 0) {
        if (pc->nExtend) {
            add_line(pc, a, "合计计入 %d 个工作日（%d 个工作日加延长的 %d 个工作日），答复期限为 %s。",
                     pc->nBudget, APPLY_REPLY_DAYS, pc->nExtend, fmt_day(a, iDeadline));
        } else {
            add_line(pc, a, "合计计入 %d 个工作日，答复期限为 %s。", pc->nBudget, fmt_day(a, iDeadline));
        }
        if (pc->bOpen) {
            if (pc->bOverdue) {
                add_line(pc, a, "截至 %s，已超过答复期限。", zToday);
            } else {
                add_line(pc, a, "截至 %s，已计入 %d 个工作日，尚余 %d 个工作日。", zToday, pc->nUsed,
                         pc->nBudget - pc->nUsed);
            }
        } else if (pc->zReplied[0]) {
            add_line(pc, a, "%s于 %s 答复，%s答复期限内。", "本申请", pc->zReplied,
                     strcmp(pc->zReplied, pc->zDeadline) <= 0 ? "在" : "超过");
        }
    }
    if (pc->trace.bUnknownYear) {
        add_line(pc, a, "注意：%d 年的节假日安排尚未导入，该年按周末计算，期限可能变化；导入后将自动重算。",
                 pc->trace.iUnknownYear);
    }
    return ZW_OK;
}

const char *apply_clock_text(Arena *a, const ApplyClock *pc) {
    Str s;
    str_init(&s, a);
    for (int i = 0; i < pc->nLine; i++) {
        if (i) str_putc(&s, '\n');
        str_puts(&s, pc->azLine[i]);
    }
    return str_cstr(&s);
}

/* -------------------------------------------------------------------- fees */

int64_t apply_fee(Arena *a, int bPages, int64_t n, int nBand, const char **pzHow) {
    Str s;
    str_init(&s, a);
    int64_t nTotal = 0;
    if (nBand < 1) nBand = 10;
    if (!bPages) {
        /* Per piece: 1–10 free, 11–30 at 100, then bands of nBand at +100 each. */
        str_appendf(&s, "按件计收：本月第 %lld 件，10 件以内免费", (long long)n);
        if (n > 10) {
            int64_t m = (n < 30 ? n : 30) - 10;
            nTotal += m * 100;
            str_appendf(&s, "；11—30 件 %lld 件×100 元", (long long)m);
        }
        for (int64_t lo = 31, price = 200; n >= lo; lo += nBand, price += 100) {
            int64_t hi = lo + nBand - 1, m = (n < hi ? n : hi) - lo + 1;
            nTotal += m * price;
            str_appendf(&s, "；%lld—%lld 件 %lld 件×%lld 元", (long long)lo, (long long)hi,
                        (long long)m, (long long)price);
        }
    } else {
        /* Per page: 1–30 free, 31–100 at 10, 101–200 at 20, from 201 at 40. */
        static const int64_t aLo[] = {31, 101, 201}, aHi[] = {100, 200, INT64_MAX}, aPrice[] = {10, 20, 40};
        str_appendf(&s, "按量计收：共 %lld 页，30 页以内免费", (long long)n);
        for (int i = 0; i < 3; i++) {
            if (n < aLo[i]) break;
            int64_t m = (n < aHi[i] ? n : aHi[i]) - aLo[i] + 1;
            nTotal += m * aPrice[i];
            if (aHi[i] == INT64_MAX) {
                str_appendf(&s, "；201 页以上 %lld 页×40 元", (long long)m);
            } else {
                str_appendf(&s, "；%lld—%lld 页 %lld 页×%lld 元", (long long)aLo[i], (long long)aHi[i],
                            (long long)m, (long long)aPrice[i]);
            }
        }
    }
    str_appendf(&s, "；合计 %lld 元（超额累进，国办函〔2020〕109号）", (long long)nTotal);
    if (pzHow) *pzHow = str_cstr(&s);
    return nTotal;
}
