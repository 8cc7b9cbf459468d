// SPDX-License-Identifier: MIT
/*
** workday.c: calendar arithmetic on day numbers (days since 1970-01-01), the
** holiday table, and CSV import.  Binary search over the sorted holiday list;
** nothing else is stored.
*/
#include "workday.h"

#include <stdlib.h>
#include <string.h>

#include "../core/embed.h"
#include "../core/util.h"

/* Days from civil date (proleptic Gregorian), after H. Hinnant's algorithm. */
static int days_from_civil(int y, int m, int d) {
    y -= m <= 2;
    int era = (y >= 0 ? y : y - 399) / 400;
    int yoe = y - era * 400;
    int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

static void civil_from_days(int z, int *py, int *pm, int *pd) {
    z += 719468;
    int era = (z >= 0 ? z : z - 146096) / 146097;
    int doe = z - era * 146097;
    int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int y = yoe + era * 400;
    int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    int mp = (5 * doy + 2) / 153;
    int d = doy - (153 * mp + 2) / 5 + 1;
    int m = mp + (mp < 10 ? 3 : -9);
    *py = y + (m <= 2);
    *pm = m;
    *pd = d;
}

int cal_day(const char *z) {
    if (!util_date_valid(z)) return -1;
    int y = 0, m = 0, d = 0;
    for (int i = 0; i < 4; i++) y = y * 10 + (z[i] - '0');
    m = (z[5] - '0') * 10 + (z[6] - '0');
    d = (z[8] - '0') * 10 + (z[9] - '0');
    return days_from_civil(y, m, d);
}

void cal_date(int iDay, char *z) {
    int y, m, d;
    civil_from_days(iDay, &y, &m, &d);
    z[0] = (char)('0' + y / 1000 % 10);
    z[1] = (char)('0' + y / 100 % 10);
    z[2] = (char)('0' + y / 10 % 10);
    z[3] = (char)('0' + y % 10);
    z[4] = '-';
    z[5] = (char)('0' + m / 10);
    z[6] = (char)('0' + m % 10);
    z[7] = '-';
    z[8] = (char)('0' + d / 10);
    z[9] = (char)('0' + d % 10);
    z[10] = 0;
}

static int year_of(int iDay) {
    int y, m, d;
    civil_from_days(iDay, &y, &m, &d);
    return y;
}

static int cmp_day(const void *x, const void *y) {
    const CalDay *a = x, *b = y;
    return (a->iDay > b->iDay) - (a->iDay < b->iDay);
}

static void mark_year(Calendar *c, int iYear) {
    if (iYear < 2000 || iYear > 2255) return;
    c->aKnown[(iYear - 2000) / 32] |= 1u << ((iYear - 2000) % 32);
    if (!c->iYearLo || iYear < c->iYearLo) c->iYearLo = iYear;
    if (iYear > c->iYearHi) c->iYearHi = iYear;
}

static int year_known(const Calendar *c, int iYear) {
    if (iYear < 2000 || iYear > 2255) return 0;
    return (c->aKnown[(iYear - 2000) / 32] >> ((iYear - 2000) % 32)) & 1;
}

int cal_parse_csv(Arena *a, const char *zCsv, Calendar *pCal, Err *err) {
    memset(pCal, 0, sizeof *pCal);
    int nCap = 64, iLine = 0;
    pCal->aDay = arena_alloc(a, sizeof(CalDay) * (size_t)nCap);
    const char *p = zCsv;
    while (p && *p) {
        const char *e = strchr(p, '\n');
        size_t n = e ? (size_t)(e - p) : strlen(p);
        iLine++;
        char *zLine = arena_strndup(a, p, n);
        p = e ? e + 1 : NULL;
        if (n && zLine[n - 1] == '\r') zLine[--n] = 0;
        if (n == 0 || zLine[0] == '#' || strncmp(zLine, "date,", 5) == 0) continue;
        char *azF[4] = {0};
        int nF = 0;
        for (char *q = zLine; nF < 4;) {
            azF[nF++] = q;
            char *c = strchr(q, ',');
            if (!c) break;
            *c = 0;
            q = c + 1;
        }
        int iDay = nF >= 2 ? cal_day(azF[0]) : -1;
        int64_t iYear = 0;
        if (iDay < 0 || (strcmp(azF[1], "off") != 0 && strcmp(azF[1], "work") != 0) ||
            nF < 4 || str_to_i64(azF[3], &iYear) != 0 || iYear < 2000 || iYear > 2255) {
            return err_set(err, ZW_EINPUT, "bad_csv",
                           arena_printf(a, "节假日文件第 %d 行格式错误（应为 日期,off|work,名称,年份）", iLine), NULL);
        }
        if (pCal->nDay == nCap) {
            CalDay *aNew = arena_alloc(a, sizeof(CalDay) * (size_t)nCap * 2);
            memcpy(aNew, pCal->aDay, sizeof(CalDay) * (size_t)nCap);
            pCal->aDay = aNew;
            nCap *= 2;
        }
        CalDay *d = &pCal->aDay[pCal->nDay++];
        d->iDay = iDay;
        d->cKind = azF[1][0];
        d->zName = azF[2];
        d->iYear = (int)iYear;
        mark_year(pCal, (int)iYear);
    }
    qsort(pCal->aDay, (size_t)pCal->nDay, sizeof(CalDay), cmp_day);
    for (int i = 1; i < pCal->nDay; i++) {
        if (pCal->aDay[i].iDay == pCal->aDay[i - 1].iDay) {
            char z[11];
            cal_date(pCal->aDay[i].iDay, z);
            return err_set(err, ZW_EINPUT, "bad_csv", arena_printf(a, "节假日文件中 %s 出现了两次", z), NULL);
        }
    }
    return ZW_OK;
}

int cal_builtin(Arena *a, Calendar *pCal, Err *err) {
    const EmbedFile *e = embed_find("data/holidays-cn.csv");
    if (!e) return err_set(err, ZW_EIO, NULL, "程序中缺少节假日数据", "holidays-cn.csv not embedded");
    return cal_parse_csv(a, (const char *)e->pData, pCal, err);
}

int cal_load(Db *db, Arena *a, Calendar *pCal, Err *err) {
    Str s;
    str_init(&s, a);
    Stmt st;
    db_prepare(db, &st, "SELECT date,kind,name,year FROM holiday ORDER BY date");
    int r;
    while ((r = db_step(&st)) == 1) {
        str_appendf(&s, "%s,%s,%s,%lld\n", db_col_text(&st, 0), db_col_text(&st, 1),
                    db_col_text(&st, 2), (long long)db_col_int(&st, 3));
    }
    db_done(&st);
    if (r < 0) return db_err(db, err);
    return cal_parse_csv(a, str_cstr(&s), pCal, err);
}

int cal_import(Db *db, const char *zCsv, int *pnRows, Err *err) {
    Arena a;
    arena_init(&a);
    Calendar c;
    int rc = cal_parse_csv(&a, zCsv, &c, err);
    if (!rc && (rc = db_begin(db))) rc = db_err(db, err);
    else if (!rc) {
        for (int i = 0; i < c.nDay && !rc; i++) {
            char z[11];
            cal_date(c.aDay[i].iDay, z);
            Stmt st;
            db_prepare(db, &st, "INSERT OR REPLACE INTO holiday(date,kind,name,year) VALUES(?1,?2,?3,?4)");
            db_bind_text(&st, 1, z);
            db_bind_text(&st, 2, c.aDay[i].cKind == 'o' ? "off" : "work");
            db_bind_text(&st, 3, c.aDay[i].zName);
            db_bind_int(&st, 4, c.aDay[i].iYear);
            rc = db_run(&st);
            db_done(&st);
        }
        if (rc) {
            db_rollback(db);
            rc = db_err(db, err);
        } else if (db_commit(db)) {
            rc = db_err(db, err);
        }
    }
    if (pnRows) *pnRows = rc ? 0 : c.nDay;
    arena_free(&a);
    return rc;
}

const CalDay *cal_find(const Calendar *pCal, int iDay) {
    int lo = 0, hi = pCal->nDay - 1;
    while (lo <= hi) {
        int mid = (lo + hi) / 2;
        if (pCal->aDay[mid].iDay == iDay) return &pCal->aDay[mid];
        if (pCal->aDay[mid].iDay < iDay) lo = mid + 1; else hi = mid - 1;
    }
    return NULL;
}

int cal_is_workday(const Calendar *pCal, int iDay, CalTrace *pTrace) {
    int wd = ((iDay % 7) + 7 + 3) % 7; /* 0 = Monday; 1970-01-01 was a Thursday */
    int bWeekend = wd >= 5;
    const CalDay *d = cal_find(pCal, iDay);
    int y = year_of(iDay);
    if (pTrace && !d && !year_known(pCal, y) && !pTrace->bUnknownYear) {
        pTrace->bUnknownYear = 1;
        pTrace->iUnknownYear = y;
    }
    if (d && d->cKind == 'o') {
        if (pTrace && !bWeekend) pTrace->nHolidays++;
        return 0;
    }
    if (d && d->cKind == 'w') {
        if (pTrace && bWeekend) pTrace->nWorkWeekends++;
        return 1;
    }
    return !bWeekend;
}

int cal_add(const Calendar *pCal, const char *zFrom, int n, char *zOut, CalTrace *pTrace,
            Err *err) {
    int iDay = cal_day(zFrom);
    if (iDay < 0) return err_set(err, ZW_EINPUT, "bad_date", "日期格式应为 YYYY-MM-DD", NULL);
    if (n < 0 || n > CAL_MAX_DAYS) {
        return err_set(err, ZW_EINPUT, "bad_count", "工作日数应为 0 到 3650 之间的整数", NULL);
    }
    for (int k = 0; k < n;) {
        iDay++;
        if (cal_is_workday(pCal, iDay, pTrace)) k++;
    }
    cal_date(iDay, zOut);
    return ZW_OK;
}

int cal_count(const Calendar *pCal, const char *zFrom, const char *zTo, int *pn,
              CalTrace *pTrace, Err *err) {
    int a = cal_day(zFrom), b = cal_day(zTo);
    if (a < 0 || b < 0) return err_set(err, ZW_EINPUT, "bad_date", "日期格式应为 YYYY-MM-DD", NULL);
    if (b - a > 366 * 20) return err_set(err, ZW_EINPUT, "bad_range", "日期相隔不能超过 20 年", NULL);
    int n = 0;
    for (int d = a + 1; d <= b; d++) n += cal_is_workday(pCal, d, pTrace);
    *pn = n;
    return ZW_OK;
}
