// SPDX-License-Identifier: MIT
/* workday_test.c: the working-day calendar against every shipped official
** arrangement, and add/count on known cases (调休 weekends, long holidays,
** years without a notice). */
#include "../../../src/calendar/workday.h"
#include "t.h"

int main(void) {
    Arena a;
    arena_init(&a);
    Calendar cal;
    Err err = {0};
    CHECK(cal_builtin(&a, &cal, &err) == ZW_OK);
    subtest("cal-1.1", "every official day off is not a working day, every 调休 day is") {
        int nOff = 0, nWork = 0, nBad = 0;
        for (int i = 0; i < cal.nDay; i++) {
            int b = cal_is_workday(&cal, cal.aDay[i].iDay, NULL);
            if (cal.aDay[i].cKind == 'o') {
                nOff++;
                nBad += b;
            } else {
                nWork++;
                nBad += !b;
            }
        }
        CHECK(nOff > 200 && nWork > 40);
        CHECK_INT(nBad, 0);
        CHECK(cal.iYearLo == 2019 && cal.iYearHi == 2026);
    }
    subtest("cal-1.2", "date arithmetic round-trips") {
        char z[11];
        CHECK_INT(cal_day("1970-01-01"), 0);
        CHECK_INT(cal_day("2021-06-15"), 18793);
        cal_date(18793, z);
        CHECK_STR(z, "2021-06-15");
        cal_date(cal_day("2024-02-29"), z);
        CHECK_STR(z, "2024-02-29");
        CHECK_INT(cal_day("2023-02-29"), -1);
    }
    subtest("cal-2.1", "adding working days across holidays and 调休") {
        char z[11];
        CalTrace t = {0};
        CHECK(cal_add(&cal, "2021-09-30", 1, z, &t, &err) == ZW_OK);
        CHECK_STR(z, "2021-10-08");                 /* 国庆 1–7 off */
        CHECK_INT(t.nHolidays, 5);
        CHECK(cal_add(&cal, "2021-09-17", 1, z, NULL, &err) == ZW_OK);
        CHECK_STR(z, "2021-09-18");                 /* a Saturday made a working day */
        CHECK(cal_add(&cal, "2024-02-08", 20, z, NULL, &err) == ZW_OK);
        CHECK_STR(z, "2024-03-13");                 /* 春节 10–17 off, 18th (Sunday) worked */
        CHECK(cal_add(&cal, "2021-06-15", 0, z, NULL, &err) == ZW_OK);
        CHECK_STR(z, "2021-06-15");
        CHECK(cal_add(&cal, "2021-06-15", -1, z, NULL, &err) == ZW_EINPUT);
        CHECK(cal_add(&cal, "2021-13-01", 1, z, NULL, &err) == ZW_EINPUT);
    }
    subtest("cal-2.2", "counting is the inverse of adding") {
        int n;
        CHECK(cal_count(&cal, "2024-01-31", "2024-02-29", &n, NULL, &err) == ZW_OK);
        CHECK_INT(n, 18);
        char z[11];
        for (int k = 0; k <= 60; k += 7) {
            cal_add(&cal, "2025-09-20", k, z, NULL, &err);
            CHECK(cal_count(&cal, "2025-09-20", z, &n, NULL, &err) == ZW_OK && n == k);
        }
        CHECK(cal_count(&cal, "2024-02-29", "2024-01-31", &n, NULL, &err) == ZW_OK && n == 0);
    }
    subtest("cal-2.3", "a year without a notice is weekends only, and flagged") {
        char z[11];
        CalTrace t = {0};
        CHECK(cal_add(&cal, "2027-01-01", 20, z, &t, &err) == ZW_OK);
        CHECK_STR(z, "2027-01-29");
        CHECK(t.bUnknownYear && t.iUnknownYear == 2027);
        CalTrace t2 = {0};
        cal_add(&cal, "2025-03-03", 5, z, &t2, &err);
        CHECK(!t2.bUnknownYear);
    }
    subtest("cal-3.1", "CSV errors name the line") {
        Calendar c2;
        CHECK(cal_parse_csv(&a, "date,kind,name,year\n2027-02-10,off,春节,2027\n2027-02-30,off,x,2027\n", &c2, &err) == ZW_EINPUT);
        CHECK(err.zMsg && strstr(err.zMsg, "第 3 行") != NULL);
        CHECK(cal_parse_csv(&a, "2027-02-10,maybe,春节,2027\n", &c2, &err) == ZW_EINPUT);
        CHECK(cal_parse_csv(&a, "2027-02-10,off,a,2027\n2027-02-10,off,b,2027\n", &c2, &err) == ZW_EINPUT);
        CHECK(cal_parse_csv(&a, "# comment\n2027-02-10,off,春节,2027\n", &c2, &err) == ZW_OK && c2.nDay == 1);
    }
    arena_free(&a);
    return t_done();
}
