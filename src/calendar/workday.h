/*
** workday.h: the working-day calendar (工作日), the one every statutory deadline in
** zwgk is counted with.  A day is a working day when it is Monday–Friday and not an
** official holiday ("off"), or when it is a weekend day made a working day by 调休
** ("work").  The official arrangements (国务院办公厅 notices) ship in
** data/holidays-cn.csv and live in the table holiday; a year without a notice is
** counted on weekends alone and the result is flagged.
**
** Owns table: holiday (schema/0003_calendar.sql).
** Memory: a Calendar is loaded into the caller's Arena and read-only afterwards.
** Errors: ZW_EINPUT with a Chinese message for bad dates, counts or CSV rows.
*/
#ifndef ZW_WORKDAY_H
#define ZW_WORKDAY_H

#include <stdint.h>

#include "../core/arena.h"
#include "../core/err.h"
#include "../core/str.h"
#include "../store/db.h"

#define CAL_MAX_DAYS 3650 /* the largest N for cal_add, about 14 years of working days */

typedef struct CalDay {
    int iDay;          /* days since 1970-01-01 */
    char cKind;        /* 'o' off, 'w' work */
    const char *zName; /* 春节, 元旦调休上班 … */
    int iYear;         /* year of the notice the row comes from */
} CalDay;

typedef struct Calendar {
    CalDay *aDay;  /* sorted by iDay */
    int nDay;
    int iYearLo;   /* years covered by a notice, inclusive (0 if none) */
    int iYearHi;
    unsigned aKnown[8]; /* bit per year 2000..2255 that has a notice */
} Calendar;

/* What a computation passed through, for explanations. */
typedef struct CalTrace {
    int nHolidays;      /* official days off skipped on weekdays */
    int nWorkWeekends;  /* 调休 weekend days counted as working days */
    int bUnknownYear;   /* a day in a year without a notice was used */
    int iUnknownYear;   /* the first such year */
} CalTrace;

/* Parse "YYYY-MM-DD" into days since 1970-01-01; -1 if not a real date. */
int cal_day(const char *zDate);
/* Format days since 1970-01-01 as "YYYY-MM-DD" into z[11]. */
void cal_date(int iDay, char *z);

/* Load from CSV text (date,kind,name,year; '#' comments and a header allowed). */
int cal_parse_csv(Arena *a, const char *zCsv, Calendar *pCal, Err *err);
/* Load from the database table holiday. */
int cal_load(Db *db, Arena *a, Calendar *pCal, Err *err);
/* Load the shipped calendar (embedded data/holidays-cn.csv). */
int cal_builtin(Arena *a, Calendar *pCal, Err *err);
/* Import CSV rows into the holiday table (one transaction; replaces those dates). */
int cal_import(Db *db, const char *zCsv, int *pnRows, Err *err);

/* 1 if iDay is a working day. */
int cal_is_workday(const Calendar *pCal, int iDay, CalTrace *pTrace);
/* The holiday record for iDay, or NULL. */
const CalDay *cal_find(const Calendar *pCal, int iDay);
/* The N-th working day after zFrom (zFrom itself not counted), into zOut[11]. */
int cal_add(const Calendar *pCal, const char *zFrom, int n, char *zOut, CalTrace *pTrace,
            Err *err);
/* Working days after zFrom up to and including zTo (0 if zTo <= zFrom). */
int cal_count(const Calendar *pCal, const char *zFrom, const char *zTo, int *pn,
              CalTrace *pTrace, Err *err);

/* `zwgk workday` (workday_cli.c). */
int workday_cli(int argc, char **argv);

#endif
