// SPDX-License-Identifier: MIT
/*
** mask_test.c: the personal-data masker (text/mask.c): what it masks, how, and what
** it must leave alone.  Valid 身份证号 are generated here with the MOD 11-2 rule, so
** the tests do not depend on the few real-looking numbers of the demo data; the demo
** items (data/demo/items.txt) are then checked as a whole.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../../../src/core/err.h"
#include "../../../src/core/str.h"
#include "../../../src/text/mask.h"
#include "t.h"

static Arena ga; /* everything of this test lives here */

/* The check character of 17 digits: weights 2^(18-i) mod 11, "10X98765432"[S mod 11]. */
static char check_char(const char *z17) {
    static const int aW[17] = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    int s = 0;
    for (int i = 0; i < 17; i++) s += (z17[i] - '0') * aW[i];
    return "10X98765432"[s % 11];
}

/* A valid 18-character ID: 17 digits and their check character. */
static const char *make_id(const char *z17) {
    return arena_printf(&ga, "%.17s%c", z17, check_char(z17));
}

/* The same ID with a wrong check character (the k-th of the 10 wrong ones). */
static const char *bad_check(const char *zId, int k) {
    static const char zAll[] = "0123456789X";
    char c = 0;
    for (int i = 0, nWrong = 0; zAll[i]; i++) {
        if (zAll[i] != zId[17] && nWrong++ == k) c = zAll[i];
    }
    return arena_printf(&ga, "%.17s%c", zId, c);
}

static const char *m(const char *z) {
    return mask_text(&ga, z, NULL);
}

static int n_hits(const char *z) {
    MaskHit *aHit;
    int nHit;
    mask_find(&ga, z, strlen(z), &aHit, &nHit);
    return nHit;
}

/* Every input a subtest masked, for the idempotence check at the end. */
static const char *azSeen[512];
static int nSeen;

/* CHECK that z masks to zWant, and remember z. */
#define CHECK_MASK(z, zWant)                                                           \
    do {                                                                               \
        const char *t_z = (z);                                                         \
        if (nSeen < (int)(sizeof azSeen / sizeof azSeen[0])) azSeen[nSeen++] = t_z;    \
        CHECK_STR(m(t_z), (zWant));                                                    \
    } while (0)

/* CHECK that z stays as it is. */
#define CHECK_KEPT(z)                                                                  \
    do {                                                                               \
        const char *t_k = (z);                                                         \
        CHECK_MASK(t_k, t_k);                                                          \
    } while (0)

/* Today's year, China time. */
static int this_year(void) {
    time_t t = time(NULL) + 8 * 3600;
    struct tm tm;
    gmtime_r(&t, &tm);
    return tm.tm_year + 1900;
}

/* Read a whole file into the arena; NULL if it cannot be read. */
static const char *read_file(const char *zPath, size_t *pn) {
    FILE *f = fopen(zPath, "rb");
    if (!f) return NULL;
    Str s;
    str_init(&s, &ga);
    char buf[8192];
    size_t k;
    while ((k = fread(buf, 1, sizeof buf, f)) > 0) str_append(&s, buf, k);
    fclose(f);
    *pn = s.n;
    return str_cstr(&s);
}

/* 1 if the hits of p[0..n) are in bounds, ordered and disjoint, and mask_apply's
** output is the input with each span replaced. */
static int hits_consistent(const char *p, size_t n, const MaskHit *aHit, int nHit) {
    size_t iAt = 0, o = 0, nOut;
    const char *zOut = mask_apply(&ga, p, n, aHit, nHit, &nOut);
    for (int k = 0; k < nHit; k++) {
        const MaskHit *h = &aHit[k];
        if (h->iStart < iAt || h->nLen == 0 || h->iStart + h->nLen > n) return 0;
        if (strlen(h->zShown) != h->nLen || memcmp(h->zShown, p + h->iStart, h->nLen)) return 0;
        size_t nGap = h->iStart - iAt, nM = strlen(h->zMasked);
        if (nM > h->nLen || memcmp(zOut + o, p + iAt, nGap)) return 0;
        o += nGap;
        if (memcmp(zOut + o, h->zMasked, nM)) return 0;
        o += nM;
        iAt = h->iStart + h->nLen;
    }
    return nOut == o + (n - iAt) && memcmp(zOut + o, p + iAt, n - iAt) == 0;
}

/* An 18-digit number that is both a valid ID (born 1975-09-09, area 11xxxx) and a
** valid all-digit 统一社会信用代码 (province 64 in characters 3–4). */
static const char *id_and_uscc(void) {
    for (int k = 0; k < 1000; k++) {
        char z17[18];
        snprintf(z17, sizeof z17, "11640419750909%03d", k);
        const char *z = make_id(z17);
        if (z[17] != 'X' && mask_uscc_valid(z)) return z;
    }
    return NULL;
}

int main(void) {
    arena_init(&ga);
    const char *zId = make_id("64042219750909128");    /* 6404221975090912 + 8 + check */
    const char *zId2 = make_id("44030819900101123");
    char zIdX[19] = "", zIdx[19] = "";
    for (int k = 0; k < 1000 && !zIdX[0]; k++) { /* one whose check character is X */
        char z17[18];
        snprintf(z17, sizeof z17, "64042219800101%03d", k);
        if (check_char(z17) == 'X') snprintf(zIdX, sizeof zIdX, "%sX", z17);
    }
    memcpy(zIdx, zIdX, sizeof zIdx);
    zIdx[17] = 'x';

    subtest("mask-1.1", "a valid 18-character ID keeps its first 6 and last 4") {
        const char *z = arena_printf(&ga, "身份证号%s。", zId);
        CHECK_MASK(z, arena_printf(&ga, "身份证号640422********%s。", zId + 14));
        MaskHit *aHit;
        int nHit;
        CHECK_INT(mask_find(&ga, z, strlen(z), &aHit, &nHit), ZW_OK);
        CHECK_INT(nHit, 1);
        if (nHit == 1) {
            CHECK_INT(aHit[0].eKind, MASK_ID);
            CHECK_INT(aHit[0].iStart, strlen("身份证号"));
            CHECK_INT(aHit[0].nLen, 18);
            CHECK_STR(aHit[0].zShown, zId);
            CHECK_STR(aHit[0].zMasked, arena_printf(&ga, "640422********%s", zId + 14));
        }
        CHECK(mask_id_valid(zId));
        CHECK(mask_id_valid(zId2));
        CHECK_MASK(zId2, arena_printf(&ga, "440308********%s", zId2 + 14));
    }
    subtest("mask-1.2", "generated IDs: all valid ones masked, every wrong check character kept") {
        static const char *const azArea[] = {"110101", "150102", "230103", "310104", "370102",
                                             "460105", "500101", "540102", "650102", "710000",
                                             "810000", "820000", "640422"};
        static const char *const azDate[] = {"19000101", "19491001", "19600229", "19991231",
                                             "20000229", "20101010", "20210615"};
        int nValid = 0, nMasked = 0, nWrongKept = 0, nWrong = 0;
        for (size_t ia = 0; ia < sizeof azArea / sizeof azArea[0]; ia++) {
            for (size_t id = 0; id < sizeof azDate / sizeof azDate[0]; id++) {
                for (int seq = 0; seq < 1000; seq += 37) {
                    const char *z17 = arena_printf(&ga, "%s%s%03d", azArea[ia], azDate[id], seq);
                    const char *z = make_id(z17);
                    nValid++;
                    nMasked += mask_id_valid(z) && n_hits(arena_printf(&ga, "（%s）", z)) == 1;
                    for (int k = 0; k < 10; k++) {
                        const char *zBad = bad_check(z, k);
                        nWrong++;
                        nWrongKept += !mask_id_valid(zBad) &&
                                      strcmp(m(arena_printf(&ga, "（%s）", zBad)),
                                             arena_printf(&ga, "（%s）", zBad)) == 0;
                    }
                }
            }
        }
        CHECK_INT(nMasked, nValid);
        CHECK_INT(nWrongKept, nWrong);
    }
    subtest("mask-1.3", "check character X, lower-case x, full-width digits") {
        CHECK(zIdX[0] != 0);
        CHECK(mask_id_valid(zIdX));
        CHECK(mask_id_valid(zIdx));
        CHECK_MASK(arena_printf(&ga, "证件号码：%s，", zIdX),
                   arena_printf(&ga, "证件号码：640422********%.4s，", zIdX + 14));
        CHECK_MASK(arena_printf(&ga, "证件号码：%s，", zIdx),
                   arena_printf(&ga, "证件号码：640422********%.4s，", zIdx + 14));
        /* full-width: kept digits stay full-width, hidden ones become ASCII '*' */
        CHECK_KEPT("身份证号６４０４２２１９７５０９０９１２８"); /* 17 digits: no ID */
        Str s;
        str_init(&s, &ga);
        str_puts(&s, "身份证号");
        for (int i = 0; i < 18; i++) {
            if (zIdX[i] == 'X') {
                str_puts(&s, "Ｘ");
            } else {
                char fw[4] = {(char)0xEF, (char)0xBC, (char)(0x90 + zIdX[i] - '0'), 0};
                str_puts(&s, fw);
            }
        }
        const char *zFw = arena_strdup(&ga, str_cstr(&s));
        const char *zGot = m(zFw);
        CHECK(strstr(zGot, "６４０４２２********") != NULL);
        CHECK(strstr(zGot, "Ｘ") != NULL);
        CHECK_INT(n_hits(zFw), 1);
        /* X glued to more letters is no check character */
        CHECK_KEPT(arena_printf(&ga, "编号%sY", zIdX));
        CHECK_KEPT(arena_printf(&ga, "编号%sXX", zId));
    }
    subtest("mask-1.4", "IDs with an impossible province or birth date are kept") {
        CHECK_KEPT(make_id("99042219900101123"));  /* no province 99 */
        CHECK_KEPT(make_id("00042219900101123"));  /* 00 */
        CHECK_KEPT(make_id("16042219900101123"));  /* 16 */
        CHECK_KEPT(make_id("47042219900101123"));  /* 47 */
        CHECK_KEPT(make_id("72042219900101123"));  /* 72 */
        CHECK_KEPT(make_id("64042221990101123"));  /* born 2199 */
        CHECK_KEPT(make_id("64042218991231123"));  /* born 1899 */
        CHECK_KEPT(make_id("64042219900230123"));  /* 30 February */
        CHECK_KEPT(make_id("64042219000229123"));  /* 1900 was no leap year */
        CHECK_KEPT(make_id("64042219901301123"));  /* month 13 */
        CHECK_KEPT(make_id("64042219900100123"));  /* day 0 */
        CHECK_KEPT(make_id("64042219900431123"));  /* 31 April */
        CHECK_KEPT(make_id(arena_printf(&ga, "640422%04d0101123", this_year() + 1))); /* future */
        CHECK(mask_id_valid(make_id("64042220000229123")));  /* 2000 was a leap year */
        CHECK(mask_id_valid(make_id("64042219000101123")));  /* the first day allowed */
        CHECK(!mask_id_valid("64042219900101123"
                             "A"));
        CHECK(!mask_id_valid("6404221990010112X3"));
    }
    subtest("mask-1.5", "IDs grouped as people write them") {
        const char *z = arena_printf(&ga, "%.6s %.8s %.4s", zId, zId + 6, zId + 14);
        CHECK_MASK(z, arena_printf(&ga, "%.6s ******** %.4s", zId, zId + 14));
        z = arena_printf(&ga, "%.6s-%.8s-%.4s", zId, zId + 6, zId + 14);
        CHECK_MASK(z, arena_printf(&ga, "%.6s-********-%.4s", zId, zId + 14));
        z = arena_printf(&ga, "%.6s %.8s %.4s", zIdX, zIdX + 6, zIdX + 14);
        CHECK_MASK(z, arena_printf(&ga, "%.6s ******** %.4s", zIdX, zIdX + 14));
        z = arena_printf(&ga, "%.6s %.8s %.4s", zIdx, zIdx + 6, zIdx + 14);
        CHECK_INT(n_hits(z), 1);
        /* other groupings are not IDs: 4-4-4-4-2 is read as a card shape, fails */
        z = arena_printf(&ga, "%.6s  %.8s %.4s", zId, zId + 6, zId + 14); /* two spaces */
        CHECK_KEPT(z);
    }
    subtest("mask-1.6", "old 15-digit numbers: masked with a birth date, kept without") {
        CHECK_MASK("旧证 640422750909128 号", "旧证 640422*****9128 号");
        CHECK_MASK("旧证 640422 750909 128", "旧证 640422 *****9 128");
        CHECK_MASK("110101000228123", "110101*****8123");     /* 1900-02-28 */
        CHECK_KEPT("110101000229123");                         /* 1900-02-29: no such day */
        CHECK_KEPT("编号 640422759999128");                    /* month 99 */
        CHECK_KEPT("编号 640422751301128");                    /* month 13 */
        CHECK_KEPT("教民164042210000011号");                    /* province 16 */
        CHECK_KEPT("编号 990422750909128");                    /* province 99 */
        CHECK_KEPT("编号 640422750931128");                    /* 31 September */
    }
    subtest("mask-1.7", "only at digit boundaries") {
        CHECK_KEPT(arena_printf(&ga, "1234567%s", zId));       /* inside a 25-digit run */
        CHECK_KEPT(arena_printf(&ga, "%s1234567", zId));
        CHECK_KEPT(arena_printf(&ga, "AB%s", zId));            /* glued to letters */
        CHECK_KEPT(arena_printf(&ga, "%sab", zId));
        CHECK_KEPT(arena_printf(&ga, "_%s", zId));
        CHECK_KEPT(arena_printf(&ga, "0.%s", zId));            /* a decimal */
        CHECK_KEPT(arena_printf(&ga, "%s.5", zId));
        CHECK_KEPT(arena_printf(&ga, "%s元", zId));            /* an amount */
        CHECK_KEPT(arena_printf(&ga, "A-%s", zId));            /* a code A-… */
        const char *zM = arena_printf(&ga, "640422********%s", zId + 14);
        CHECK_MASK(arena_printf(&ga, "(%s)", zId), arena_printf(&ga, "(%s)", zM));
        CHECK_MASK(arena_printf(&ga, "%s.", zId), arena_printf(&ga, "%s.", zM));
        CHECK_MASK(arena_printf(&ga, "|%s|", zId), arena_printf(&ga, "|%s|", zM));
        CHECK_MASK(arena_printf(&ga, "\t%s\n", zId), arena_printf(&ga, "\t%s\n", zM));
    }

    subtest("mask-2.1", "mobiles keep 3 + 4") {
        CHECK_MASK("电话13812345678。", "电话138****5678。");
        CHECK_MASK("13812345678", "138****5678");
        CHECK_MASK("联系电话：19983793074，", "联系电话：199****3074，");
        CHECK_MASK("手机 14712345678、16612345678", "手机 147****5678、166****5678");
        CHECK_MASK("0954-3012345/13812345678", "0954-3012345/138****5678");
        CHECK_MASK("13812345678,13912345678", "138****5678,139****5678");
        CHECK_MASK("13812345678-13912345678", "138****5678-139****5678");
        CHECK_MASK("2021-06-15 13812345678", "2021-06-15 138****5678");
        CHECK_MASK("邮箱13812345678@163.com", "邮箱138****5678@163.com");
        CHECK_MASK("**13812345678**", "**138****5678**");  /* markdown emphasis */
        CHECK_MASK("* 13812345678\n", "* 138****5678\n");   /* a markdown list */
    }
    subtest("mask-2.2", "mobiles with separators and full-width digits") {
        CHECK_MASK("电话 138 1234 5678", "电话 138 **** 5678");
        CHECK_MASK("电话 138-1234-5678。", "电话 138-****-5678。");
        CHECK_MASK("电话 138　1234　5678", "电话 138　****　5678");   /* U+3000 */
        CHECK_MASK("电话１３８１２３４５６７８", "电话１３８****５６７８");
        CHECK_MASK("电话１３８－１２３４－５６７８", "电话１３８－****－５６７８");
        CHECK_MASK("电话1３8１2３4５6７8", "电话1３8****５6７8");     /* mixed widths */
        CHECK_MASK("+86 138 1234 5678", "+86 138 **** 5678");
        CHECK_MASK("+86-138-1234-5678", "+86-138-****-5678");
        CHECK_MASK("+8613812345678", "+86138****5678");
        CHECK_MASK("（+86）13812345678", "（+86）138****5678");
        CHECK_KEPT("8613812345678");                        /* 13 digits without + */
        CHECK_KEPT("电话 138 1234 56789");                   /* 3-4-5 */
        CHECK_KEPT("电话 1381 234 5678");                    /* 4-3-4 */
        CHECK_KEPT("1 138 1234 5678");                       /* 1-3-4-4: not one number */
    }
    subtest("mask-2.3", "runs that are not mobiles are kept") {
        CHECK_KEPT("流水号138123456789");                    /* 12 digits */
        CHECK_KEPT("编号 138123456789 号");
        CHECK_KEPT("编号1381234567");                        /* 10 digits */
        CHECK_KEPT("号码12812345678");                       /* 12x is no mobile prefix */
        CHECK_KEPT("号码10012345678");
        CHECK_KEPT("号码11012345678");
        CHECK_KEPT("总额13800000000元");                     /* an amount */
        CHECK_KEPT("增长13812345678%");
        CHECK_KEPT("¥13812345678");
        CHECK_KEPT("13812345678.50");
        CHECK_KEPT("13,812,345,678");
        CHECK_KEPT("13812345678,000");                       /* thousands */
        CHECK_KEPT("订单号A13812345678B");
        CHECK_KEPT("订单号A-13812345678");
        CHECK_KEPT("v1.13812345678");
        CHECK_KEPT("413812345678");
    }

    subtest("mask-3.1", "bank cards that pass Luhn keep the last 4") {
        CHECK(mask_luhn_ok("6222021234567890128", 19));
        CHECK(mask_luhn_ok("4111111111111111", 16));
        CHECK(mask_luhn_ok("0", 1));
        CHECK(!mask_luhn_ok("6222021234567890127", 19));
        CHECK(!mask_luhn_ok("", 0));
        CHECK(!mask_luhn_ok("41111111111111a1", 16));
        CHECK_MASK("卡号6222021234567890128", "卡号***************0128");
        CHECK_MASK("卡号：4111111111111111。", "卡号：************1111。");
        CHECK_MASK("卡号 6222 0212 3456 7890 128", "卡号 **** **** **** ***0 128");
        CHECK_MASK("卡号 6222-0212-3456-7890-128", "卡号 ****-****-****-***0-128");
        CHECK_MASK("卡号 4111 1111 1111 1111", "卡号 **** **** **** 1111");
        CHECK_MASK("卡号 6222 0212 3456 7890 3", "卡号 **** **** **** *890 3");
        CHECK_MASK("开户行账号６２２２０２１２３４５６７８９０１２８",
                   "开户行账号***************０１２８");
        CHECK(mask_luhn_ok("62220212345678903", 17));
        CHECK_KEPT("卡号 6222 0212 3456 7890 123"); /* the example fails Luhn */
    }
    subtest("mask-3.2", "card-length numbers that fail are kept") {
        CHECK(!mask_luhn_ok("6222021234567890127", 19));
        CHECK_KEPT("卡号6222021234567890127");               /* Luhn fails */
        CHECK_KEPT("卡号 6222 0212 3456 7890 127");
        CHECK_KEPT("编号1234567812345670");                  /* Luhn passes, starts with 1 */
        CHECK(mask_luhn_ok("2021061500001238", 16));
        CHECK_KEPT("编号2021061500001238");                  /* Luhn passes, starts with a year */
        CHECK_KEPT("卡号62220212345678901280");              /* 20 digits */
        CHECK_KEPT("卡号622202123456789");                   /* 15 digits, province 62, day 12/34 */
        CHECK_KEPT("卡号 6222 0212 3456 7890 1280");          /* 4-4-4-4-4 */
        CHECK_KEPT("年份 2019 2020 2021 2022");
        CHECK_KEPT("卡号 6222 0212 3456 7890 128元");         /* an amount */
    }

    subtest("mask-4.1", "统一社会信用代码 are never masked") {
        CHECK_KEPT("统一社会信用代码91640422MA76XXXX1Y");
        CHECK_KEPT("统一社会信用代码：52640422MA7UR92793");
        CHECK_KEPT("12640422453948162Q");
        CHECK_KEPT("91640422123456789Y");                     /* 17 digits and a letter */
        CHECK(mask_uscc_valid("52640422MA7UR92793"));
        CHECK(mask_uscc_valid("52640422MA7JP0J8X5"));
        CHECK(mask_uscc_valid("91640422MA708QXR5L"));
        CHECK(!mask_uscc_valid("52640422MA7UR92794"));
        CHECK(!mask_uscc_valid("52640422MA7UR9279"
                               "I"));                         /* I is not in the alphabet */
        CHECK(!mask_uscc_valid("52990422MA7UR92793"));        /* no province 99 */
        /* an all-digit code that is also a valid ID: public when labelled 代码 */
        const char *zBoth = id_and_uscc();
        CHECK(zBoth != NULL);
        if (zBoth) {
            CHECK(mask_id_valid(zBoth));
            CHECK_KEPT(arena_printf(&ga, "统一社会信用代码：%s", zBoth));
            CHECK_KEPT(arena_printf(&ga, "| 代码 | %s |", zBoth));
            CHECK_INT(n_hits(arena_printf(&ga, "身份证号：%s", zBoth)), 1);
            CHECK_INT(n_hits(arena_printf(&ga, "代码\n%s", zBoth)), 1); /* another line */
        }
        /* an all-digit valid code that fails the ID check is not a card either */
        int nCard = 0, nCode = 0;
        for (int k = 0; k < 3000; k++) {
            char z[19];
            snprintf(z, sizeof z, "91640422%09d", k * 7919);
            for (char c = '0'; c <= '9'; c++) {
                z[17] = c;
                z[18] = 0;
                if (mask_uscc_valid(z) && !mask_id_valid(z)) {
                    nCode++;
                    nCard += n_hits(z);
                }
            }
        }
        CHECK(nCode > 50);
        CHECK_INT(nCard, 0);
    }
    subtest("mask-4.2", "文号, 索引号, dates, amounts and landlines are never changed") {
        CHECK_KEPT("西财发〔2021〕15号");
        CHECK_KEPT("西政办发〔2021〕39号，国办函〔2020〕109号，国务院令第711号");
        CHECK_KEPT("索引号640422005/2021-00012");
        CHECK_KEPT("索引号：000014349/2017-00110");
        CHECK_KEPT("索引号：11341702486344515H/202110-00013");
        CHECK_KEPT("索引号：6107280000/2024-001005");
        CHECK_KEPT("索引号：533300000000202015307");          /* 21 digits */
        CHECK_KEPT("成文日期2021-06-15，20210615，2021年6月15日，2021/06/15，2021.06.15");
        CHECK_KEPT("时间 2021-06-15 13:45:00");
        CHECK_KEPT("金额1,234,567.89元，12345678.00元，12345678901.50元，1234567890123456.00");
        CHECK_KEPT("共计 13812345678.00 元");
        CHECK_KEPT("办公电话0954-3012345，(0954)3012345，（0954）3012345，0954 3012345");
        CHECK_KEPT("电话095412345678，09543012345，010-12345678，400-123-4567，0954-3012345-8001");
        CHECK_KEPT("邮编756200，传真：0954-3012120（24小时）");
        CHECK_KEPT("教民164042270000012号，第0001234号");
        CHECK_KEPT("人口 1381234 人，面积 13812.34 平方公里");
    }

    subtest("mask-5.1", "mixed Chinese text: every kind, in order") {
        const char *z = arena_printf(&ga,
            "1. 马秀兰，女，身份证号%s，单家集村，联系电话19983793074，发放金额300元；\n"
            "2. 杨福贵，男，身份证号%s，开户行账号6222 0212 3456 7890 128，联系电话 "
            "159-6064-6875。\n"
            "| 3 | 夏寨村 | 马文学 | %s | 13994291234 | 21.0 | 1302.00 |\n"
            "联系人：县财政局 0954-3012504（文号：西财发〔2021〕15号）\n",
            zId, zIdX, zId2);
        MaskHit *aHit;
        int nHit;
        mask_find(&ga, z, strlen(z), &aHit, &nHit);
        CHECK_INT(nHit, 7);
        static const MaskKind aeWant[] = {MASK_ID, MASK_MOBILE, MASK_ID, MASK_BANK,
                                          MASK_MOBILE, MASK_ID, MASK_MOBILE};
        for (int i = 0; i < nHit && i < 7; i++) CHECK_INT(aHit[i].eKind, aeWant[i]);
        CHECK(hits_consistent(z, strlen(z), aHit, nHit));
        const char *zOut = m(z);
        CHECK(strstr(zOut, "199****3074") != NULL);
        CHECK(strstr(zOut, "**** **** **** ***0 128") != NULL);
        CHECK(strstr(zOut, "159-****-6875") != NULL);
        CHECK(strstr(zOut, "| 139****1234 | 21.0 | 1302.00 |") != NULL);
        CHECK(strstr(zOut, "0954-3012504（文号：西财发〔2021〕15号）") != NULL);
        CHECK(strstr(zOut, "发放金额300元") != NULL);
        CHECK(strstr(zOut, zId) == NULL);
        int nHitText = -1;
        mask_text(&ga, z, &nHitText);
        CHECK_INT(nHitText, 7);
        CHECK_STR(mask_kind_label(MASK_ID), "身份证号");
        CHECK_STR(mask_kind_label(MASK_MOBILE), "手机号码");
        CHECK_STR(mask_kind_label(MASK_BANK), "银行卡号");
        CHECK_STR(mask_kind_name(MASK_BANK), "bank");
        azSeen[nSeen++] = z;
    }
    subtest("mask-5.2", "edge cases: empty, NULL, NUL bytes, invalid UTF-8, too big") {
        CHECK(mask_text(&ga, NULL, NULL) == NULL);
        CHECK_STR(m(""), "");
        MaskHit *aHit;
        int nHit;
        static const char zNul[] = "a\0" "13812345678\0" "b";
        CHECK_INT(mask_find(&ga, zNul, sizeof zNul - 1, &aHit, &nHit), ZW_OK);
        CHECK_INT(nHit, 1);
        CHECK(hits_consistent(zNul, sizeof zNul - 1, aHit, nHit));
        size_t nOut;
        const char *zOut = mask_apply(&ga, zNul, sizeof zNul - 1, aHit, nHit, &nOut);
        CHECK_INT(nOut, sizeof zNul - 1);
        CHECK(memcmp(zOut, "a\0" "138****5678\0" "b", nOut) == 0);
        CHECK_MASK("\xff" "13812345678" "\xe4\xb8", "\xff" "138****5678" "\xe4\xb8");
        CHECK_MASK("\xe3" "１３８１２３４５６７８", "\xe3" "１３８****５６７８");
        CHECK_KEPT("\xef\xbc");                                /* a cut full-width digit */
        CHECK_INT(mask_find(&ga, "", MASK_MAX_INPUT + 1, &aHit, &nHit), ZW_ETOOBIG);
        CHECK_INT(nHit, 0);
        CHECK(aHit == NULL);
    }
    subtest("mask-5.3", "long runs and units are read piece by piece") {
        Str s;
        str_init(&s, &ga);
        for (int i = 0; i < 100; i++) str_puts(&s, "1 ");
        str_puts(&s, "13812345678");
        for (int i = 0; i < 100; i++) str_puts(&s, " 1");
        str_puts(&s, "\n");
        for (int i = 0; i < 100; i++) str_puts(&s, "2-");
        str_puts(&s, "13912345678");
        for (int i = 0; i < 100; i++) str_puts(&s, "-2");
        str_puts(&s, "\n138 1234 5678 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20 21 22 23 "
                     "24 25 26 27 28 29 30 31 32 33 13712345678\n");
        for (int i = 0; i < 40; i++) str_appendf(&s, "%d-", i);
        str_puts(&s, "1");
        for (int i = 0; i < 60; i++) str_puts(&s, "9");
        const char *z = arena_strdup(&ga, str_cstr(&s));
        MaskHit *aHit;
        int nHit;
        mask_find(&ga, z, strlen(z), &aHit, &nHit);
        CHECK_INT(nHit, 3);
        CHECK(hits_consistent(z, strlen(z), aHit, nHit));
        if (nHit == 3) {
            CHECK_STR(aHit[0].zMasked, "138****5678");
            CHECK_STR(aHit[1].zMasked, "139****5678");
            CHECK_STR(aHit[2].zMasked, "137****5678");
        }
        azSeen[nSeen++] = z;
    }

    subtest("mask-6.1", "masking masked text changes nothing") {
        int nSame = 0, nNoHit = 0;
        for (int i = 0; i < nSeen; i++) {
            const char *z1 = m(azSeen[i]);
            const char *z2 = m(z1);
            nSame += strcmp(z1, z2) == 0;
            nNoHit += n_hits(z1) == 0;
            if (strcmp(z1, z2) != 0) fprintf(stderr, "  not idempotent: %s -> %s\n", z1, z2);
        }
        CHECK(nSeen > 100);
        CHECK_INT(nSame, nSeen);
        CHECK_INT(nNoHit, nSeen);
    }

    subtest("mask-7.1", "demo items: every valid ID masked, nothing else changed") {
        size_t n = 0;
        const char *z = read_file("data/demo/items.txt", &n);
        if (!z) z = read_file("../data/demo/items.txt", &n);
        CHECK(z != NULL);
        if (z) {
            MaskHit *aHit;
            int nHit;
            mask_find(&ga, z, n, &aHit, &nHit);
            CHECK(hits_consistent(z, n, aHit, nHit));
            /* An independent scan: maximal ASCII digit runs (with a final X/x). */
            int nIdFound = 0, nIdMasked = 0, nOtherInHit = 0, nHitChecked = 0;
            int k = 0; /* next hit to compare */
            for (size_t i = 0; i < n;) {
                if (z[i] < '0' || z[i] > '9') {
                    i++;
                    continue;
                }
                size_t j = i;
                while (j < n && z[j] >= '0' && z[j] <= '9') j++;
                if (j - i == 17 && j < n && (z[j] == 'X' || z[j] == 'x')) j++;
                int bAlnumL = i > 0 && ((z[i - 1] | 32) >= 'a' && (z[i - 1] | 32) <= 'z');
                int bAlnumR = j < n && ((z[j] | 32) >= 'a' && (z[j] | 32) <= 'z');
                char zRun[19] = "";
                if (j - i == 18) memcpy(zRun, z + i, 18);
                int bId = j - i == 18 && !bAlnumL && !bAlnumR && mask_id_valid(zRun);
                while (k < nHit && aHit[k].iStart + aHit[k].nLen <= i) k++;
                int bInHit = k < nHit && aHit[k].iStart < j;
                int bExact = bInHit && aHit[k].iStart == i && aHit[k].nLen == j - i;
                if (bId) {
                    nIdFound++;
                    nIdMasked += bExact && aHit[k].eKind == MASK_ID &&
                                 strncmp(aHit[k].zMasked + 6, "********", 8) == 0;
                } else if (bInHit) {
                    /* the only other hits allowed: mobiles, exactly */
                    int bMobile = bExact && j - i == 11 && z[i] == '1' && z[i + 1] >= '3' &&
                                  aHit[k].eKind == MASK_MOBILE;
                    nOtherInHit += !bMobile;
                    nHitChecked += bMobile;
                }
                i = j;
            }
            CHECK_INT(nIdFound, 20);
            CHECK_INT(nIdMasked, nIdFound);
            CHECK_INT(nOtherInHit, 0);
            CHECK_INT(nHitChecked, 20);
            CHECK_INT(nHit, nIdFound + nHitChecked);
            /* Outside the spans the text is unchanged, byte for byte. */
            size_t nOut;
            const char *zOut = mask_apply(&ga, z, n, aHit, nHit, &nOut);
            CHECK_INT(nOut, n); /* ASCII digits: replacements as long as spans */
            size_t nDiff = 0;
            int iHit = 0;
            for (size_t i = 0; i < n && nOut == n; i++) {
                while (iHit < nHit && aHit[iHit].iStart + aHit[iHit].nLen <= i) iHit++;
                int bIn = iHit < nHit && aHit[iHit].iStart <= i;
                nDiff += !bIn && zOut[i] != z[i];
            }
            CHECK_INT(nDiff, 0);
            const char *zText = mask_text(&ga, z, NULL);
            CHECK(zText && strlen(zText) == n && memcmp(zText, zOut, n) == 0);
            CHECK_STR(m(zText), zText);
        }
    }

    subtest("mask-8.1", "a 1 MB document is masked in well under 50 ms") {
        size_t n = 0;
        const char *z = read_file("data/demo/items.txt", &n);
        if (!z) z = read_file("../data/demo/items.txt", &n);
        CHECK(z != NULL);
        if (z && n) {
            Str s;
            str_init(&s, &ga);
            while (s.n < ((size_t)1 << 20)) str_append(&s, z, n);
            const char *zBig = str_cstr(&s);
            struct timespec t0, t1;
            double best = 1e9;
            int nHit = 0;
            for (int r = 0; r < 5; r++) {
                Arena a;
                arena_init(&a);
                clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t0);
                const char *zOut = mask_text(&a, zBig, &nHit);
                clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t1);
                double ms = (double)(t1.tv_sec - t0.tv_sec) * 1e3 +
                            (double)(t1.tv_nsec - t0.tv_nsec) / 1e6;
                if (ms < best) best = ms;
                CHECK(zOut != NULL);
                arena_free(&a);
            }
            printf("mask-8.1: %zu bytes, %d hits, best of 5: %.2f ms CPU\n", s.n, nHit, best);
            CHECK(nHit > 0);
            /* 50 ms is the budget for an optimised build; sanitizers may take 10 times. */
            CHECK(best < 500.0);
        }
    }
    arena_free(&ga);
    return t_done();
}
