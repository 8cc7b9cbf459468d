// SPDX-License-Identifier: MIT
/* mask_test.c: what the masker changes and what it must leave alone. */
#include <stdio.h>
#include <stdlib.h>

#include "../../../src/core/str.h"
#include "../../../src/text/mask.h"
#include "t.h"

/* A valid 18-character ID for a birth date, built with the MOD 11-2 rule. */
static const char *make_id(Arena *a, const char *z17) {
    static const int aW[17] = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    int s = 0;
    for (int i = 0; i < 17; i++) s += (z17[i] - '0') * aW[i];
    return arena_printf(a, "%s%c", z17, "10X98765432"[s % 11]);
}

static const char *m(Arena *a, const char *z) {
    return mask_text(a, z, NULL);
}

int main(void) {
    Arena a;
    arena_init(&a);
    const char *zId = make_id(&a, "64042219750909128");
    const char *zIdX = NULL;
    char z17[18] = "64042219800101000";
    for (int k = 0; k < 1000 && !zIdX; k++) { /* find one whose check character is X */
        snprintf(z17 + 14, 4, "%03d", k);
        const char *c = make_id(&a, z17);
        if (c[17] == 'X') zIdX = c;
    }
    subtest("mask-1.1", "a valid ID keeps its first 6 and last 4") {
        const char *z = m(&a, arena_printf(&a, "身份证号%s。", zId));
        CHECK_STR(z, arena_printf(&a, "身份证号640422********%s。", zId + 14));
        CHECK(zIdX != NULL);
        if (zIdX) {
            char zLower[19];
            memcpy(zLower, zIdX, 19);
            zLower[17] = 'x';
            CHECK(strstr(m(&a, zIdX), "********") != NULL);
            CHECK(strstr(m(&a, zLower), "********") != NULL);
        }
    }
    subtest("mask-1.2", "IDs that fail the checks stay") {
        char zBad[19];
        memcpy(zBad, zId, 19);
        zBad[17] = zBad[17] == '1' ? '2' : '1';
        CHECK_STR(m(&a, zBad), zBad);                              /* check character */
        const char *zFuture = make_id(&a, "64042221990101123");     /* born in 2199 */
        CHECK_STR(m(&a, zFuture), zFuture);
        const char *zProv = make_id(&a, "99042219900101123");       /* no province 99 */
        CHECK_STR(m(&a, zProv), zProv);
        const char *zFeb = make_id(&a, "64042219900230123");        /* 30 February */
        CHECK_STR(m(&a, zFeb), zFeb);
    }
    subtest("mask-1.3", "old 15-digit IDs with a birth date; other 15-digit numbers stay") {
        CHECK_STR(m(&a, "旧证 640422750909128 号"), "旧证 640422*****9128 号");
        CHECK_STR(m(&a, "编号 640422759999128"), "编号 640422759999128");
    }
    subtest("mask-2.1", "mobiles, grouped or full width") {
        CHECK_STR(m(&a, "电话13812345678。"), "电话138****5678。");
        CHECK_STR(m(&a, "电话 138 1234 5678"), "电话 138 **** 5678");
        CHECK_STR(m(&a, "电话 138-1234-5678"), "电话 138-****-5678");
        CHECK_STR(m(&a, "电话１３８１２３４５６７８"), "电话１３８****５６７８");
        CHECK_STR(m(&a, "号码12812345678"), "号码12812345678");         /* 12x is no mobile */
        CHECK_STR(m(&a, "流水138123456789"), "流水138123456789");       /* 12 digits */
    }
    subtest("mask-2.2", "bank cards pass Luhn; others stay") {
        CHECK(mask_luhn_ok("6222021234567890128", 19));
        CHECK_STR(m(&a, "卡号6222021234567890128"), "卡号***************0128");
        CHECK_STR(m(&a, "卡号 6222 0212 3456 7890 128"), "卡号 **** **** **** ***0 128");
        CHECK_STR(m(&a, "卡号6222021234567890127"), "卡号6222021234567890127");
    }
    subtest("mask-3.1", "public numbers are never changed") {
        static const char *const az[] = {
            "统一社会信用代码91640422MA76XXXX1Y",
            "统一社会信用代码 12640422453948162Q",
            "西财发〔2021〕15号",
            "索引号640422005/2021-00012",
            "日期2021-06-15，20210615，2021年6月15日",
            "金额1,234,567.89元，12345678.00元，12345678901.50元",
            "办公电话0954-3012345，(0954)3012345，0954 3012345",
            "订单号A13812345678B",
        };
        for (size_t i = 0; i < sizeof az / sizeof az[0]; i++) CHECK_STR(m(&a, az[i]), az[i]);
    }
    subtest("mask-3.2", "masking is idempotent and hits are ordered") {
        const char *z = arena_printf(&a, "%s 13812345678 %s 15909541234", zId, zId);
        const char *z1 = m(&a, z);
        CHECK_STR(m(&a, z1), z1);
        MaskHit *aHit;
        int n;
        mask_find(&a, z, strlen(z), &aHit, &n);
        CHECK_INT(n, 4);
        for (int i = 1; i < n; i++) CHECK(aHit[i].iStart >= aHit[i - 1].iStart + aHit[i - 1].nLen);
        CHECK(aHit[0].eKind == MASK_ID && aHit[1].eKind == MASK_MOBILE);
        CHECK_STR(aHit[0].zShown, zId);
    }
    subtest("mask-4.1", "every ID in the demo items is found, nothing else changes") {
        FILE *f = fopen("data/demo/items.txt", "rb");
        CHECK(f != NULL);
        if (f) {
            Str s;
            str_init(&s, &a);
            char buf[8192];
            size_t n;
            while ((n = fread(buf, 1, sizeof buf, f)) > 0) str_append(&s, buf, n);
            fclose(f);
            MaskHit *aHit;
            int nHit, nId = 0, nMobile = 0;
            mask_find(&a, s.z, s.n, &aHit, &nHit);
            for (int i = 0; i < nHit; i++) {
                nId += aHit[i].eKind == MASK_ID;
                nMobile += aHit[i].eKind == MASK_MOBILE;
            }
            CHECK_INT(nId, 20);
            CHECK_INT(nMobile, 20);
            CHECK_INT(nHit, 40);
        }
    }
    arena_free(&a);
    return t_done();
}
