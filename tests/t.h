/*
** t.h: the unit-test harness.  A test file is a program: main() calls subtest()
** blocks with CHECK* inside and returns t_done(), which prints
** "N passed, N failed" and returns the exit code.
**
**   int main(void) {
**       subtest("str-1", "appendf grows") { ... CHECK(x == 1); CHECK_STR(z, "a"); }
**       return t_done();
**   }
*/
#ifndef ZW_T_H
#define ZW_T_H

#include <stdio.h>
#include <string.h>

static int t_nPass, t_nFail;
static const char *t_zCase = "";

#define subtest(id, what) for (int t_once_ = (t_zCase = id " " what, 1); t_once_; t_once_ = 0)

#define CHECK(cond)                                                                    \
    do {                                                                               \
        if (cond) {                                                                    \
            t_nPass++;                                                                 \
        } else {                                                                       \
            t_nFail++;                                                                 \
            fprintf(stderr, "FAIL %s: %s:%d: %s\n", t_zCase, __FILE__, __LINE__, #cond); \
        }                                                                              \
    } while (0)

#define CHECK_STR(got, want)                                                           \
    do {                                                                               \
        const char *t_g = (got), *t_w = (want);                                        \
        if (t_g && t_w && strcmp(t_g, t_w) == 0) {                                     \
            t_nPass++;                                                                 \
        } else {                                                                       \
            t_nFail++;                                                                 \
            fprintf(stderr, "FAIL %s: %s:%d: %s\n  got:  %s\n  want: %s\n", t_zCase,   \
                    __FILE__, __LINE__, #got, t_g ? t_g : "(null)", t_w ? t_w : "(null)"); \
        }                                                                              \
    } while (0)

#define CHECK_INT(got, want)                                                           \
    do {                                                                               \
        long long t_g = (long long)(got), t_w = (long long)(want);                     \
        if (t_g == t_w) {                                                              \
            t_nPass++;                                                                 \
        } else {                                                                       \
            t_nFail++;                                                                 \
            fprintf(stderr, "FAIL %s: %s:%d: %s == %lld, want %lld\n", t_zCase,        \
                    __FILE__, __LINE__, #got, t_g, t_w);                               \
        }                                                                              \
    } while (0)

static inline int t_done(void) {
    printf("%d passed, %d failed\n", t_nPass, t_nFail);
    return t_nFail ? 1 : 0;
}

#endif
