// SPDX-License-Identifier: MIT
/* ratelimit_test.c: the per-address token buckets: bursts, refill, window expiry,
** independent buckets, a full table, rules and address keys. */
#include "../../../src/http/ratelimit.h"
#include "t.h"

int main(void) {
    RateLimit *p = ratelimit_new(1024);
    RateRule r = {5, 600}; /* 5 per 10 minutes: one token every 120 s */
    const int64_t t0 = 1000000;

    subtest("rl-1.1", "a burst of N, then refused with the wait in seconds") {
        for (int i = 0; i < 5; i++) {
            CHECK_INT(ratelimit_take_at(p, "consult", "10.0.0.1", &r, t0), 0);
        }
        CHECK_INT(ratelimit_take_at(p, "consult", "10.0.0.1", &r, t0), 120);
        CHECK_INT(ratelimit_take_at(p, "consult", "10.0.0.1", &r, t0 + 1000), 119);
        /* Refused requests take nothing: still 1 s to wait just before the token. */
        CHECK_INT(ratelimit_take_at(p, "consult", "10.0.0.1", &r, t0 + 119001), 1);
    }
    subtest("rl-1.2", "one token back every S/N seconds") {
        CHECK_INT(ratelimit_take_at(p, "consult", "10.0.0.1", &r, t0 + 120000), 0);
        CHECK_INT(ratelimit_take_at(p, "consult", "10.0.0.1", &r, t0 + 120000), 120);
        CHECK_INT(ratelimit_take_at(p, "consult", "10.0.0.1", &r, t0 + 240000), 0);
    }
    subtest("rl-1.3", "after the window the bucket is full again") {
        int64_t t = t0 + 240000 + 600000;
        for (int i = 0; i < 5; i++) {
            CHECK_INT(ratelimit_take_at(p, "consult", "10.0.0.1", &r, t), 0);
        }
        CHECK(ratelimit_take_at(p, "consult", "10.0.0.1", &r, t) > 0);
    }
    subtest("rl-1.4", "buckets are per name and per key") {
        for (int i = 0; i < 5; i++) {
            CHECK_INT(ratelimit_take_at(p, "consult", "10.0.0.2", &r, t0), 0);
        }
        CHECK(ratelimit_take_at(p, "consult", "10.0.0.2", &r, t0) > 0);
        CHECK_INT(ratelimit_take_at(p, "consult", "10.0.0.3", &r, t0), 0);
        CHECK_INT(ratelimit_take_at(p, "subscribe", "10.0.0.2", &r, t0), 0);
        /* A key longer than the hash buffer still works. */
        char zLong[1000];
        memset(zLong, 'k', sizeof zLong - 1);
        zLong[sizeof zLong - 1] = 0;
        CHECK_INT(ratelimit_take_at(p, "consult", zLong, &r, t0), 0);
    }
    subtest("rl-1.5", "N = 1 and a short window") {
        RateRule r1 = {1, 2};
        CHECK_INT(ratelimit_take_at(p, "one", "k", &r1, t0), 0);
        CHECK_INT(ratelimit_take_at(p, "one", "k", &r1, t0 + 1), 2);
        CHECK_INT(ratelimit_take_at(p, "one", "k", &r1, t0 + 1999), 1);
        CHECK_INT(ratelimit_take_at(p, "one", "k", &r1, t0 + 2000), 0);
    }
    ratelimit_free(p);

    subtest("rl-2.1", "a full table forgets the fullest bucket, never refuses wrongly") {
        RateLimit *pSmall = ratelimit_new(8); /* one set of 8 slots */
        RateRule r2 = {2, 60};
        char zKey[32];
        /* "hot" has used both tokens: the emptiest bucket, kept while others come. */
        CHECK_INT(ratelimit_take_at(pSmall, "x", "hot", &r2, t0), 0);
        CHECK_INT(ratelimit_take_at(pSmall, "x", "hot", &r2, t0), 0);
        int nRefused = 0;
        for (int i = 0; i < 100; i++) {
            snprintf(zKey, sizeof zKey, "k%d", i);
            nRefused += ratelimit_take_at(pSmall, "x", zKey, &r2, t0) != 0;
        }
        CHECK_INT(nRefused, 0); /* every new key starts full */
        CHECK(ratelimit_take_at(pSmall, "x", "hot", &r2, t0) > 0);
        /* The newest key is remembered: one token left, then refused. */
        CHECK_INT(ratelimit_take_at(pSmall, "x", "k99", &r2, t0), 0);
        CHECK(ratelimit_take_at(pSmall, "x", "k99", &r2, t0) > 0);
        /* Once their buckets are full again, slots are reused without evicting. */
        CHECK_INT(ratelimit_take_at(pSmall, "x", "hot", &r2, t0 + 60000), 0);
        ratelimit_free(pSmall);
    }
    subtest("rl-2.2", "the default table is one per process") {
        CHECK(ratelimit_default() != NULL && ratelimit_default() == ratelimit_default());
    }

    subtest("rl-3.1", "rules") {
        RateRule x = {0, 0};
        CHECK(ratelimit_rule_parse("5/600", &x) == 0 && x.nMax == 5 && x.nSeconds == 600);
        CHECK(ratelimit_rule_parse("1000000/1", &x) == 0 && x.nMax == 1000000);
        CHECK(ratelimit_rule_parse("0/600", &x) == -1);
        CHECK(ratelimit_rule_parse("5/0", &x) == -1);
        CHECK(ratelimit_rule_parse("5/", &x) == -1);
        CHECK(ratelimit_rule_parse("5", &x) == -1);
        CHECK(ratelimit_rule_parse("5/600x", &x) == -1);
        CHECK(ratelimit_rule_parse("-5/600", &x) == -1);
        CHECK(ratelimit_rule_parse("5/604801", &x) == -1);
        CHECK(ratelimit_rule_parse("99999999999/6", &x) == -1);
        CHECK(ratelimit_rule_parse(NULL, &x) == -1);
        CHECK(x.nMax == 1000000 && x.nSeconds == 1); /* untouched by failures */
    }
    subtest("rl-3.2", "address keys: IPv6 by /64, mapped IPv4 as IPv4") {
        char z[64];
        ratelimit_addr_key("192.0.2.7", z, sizeof z);
        CHECK_STR(z, "192.0.2.7");
        ratelimit_addr_key("2001:db8:1:2:aaaa:bbbb:cccc:dddd", z, sizeof z);
        CHECK_STR(z, "2001:db8:1:2::/64");
        ratelimit_addr_key("2001:db8:1:2::1", z, sizeof z);
        CHECK_STR(z, "2001:db8:1:2::/64");
        ratelimit_addr_key("::ffff:192.0.2.7", z, sizeof z);
        CHECK_STR(z, "192.0.2.7");
        ratelimit_addr_key("", z, sizeof z);
        CHECK_STR(z, "");
        ratelimit_addr_key(NULL, z, sizeof z);
        CHECK_STR(z, "");
        ratelimit_addr_key("not an address", z, 8);
        CHECK_STR(z, "not an ");
    }
    return t_done();
}
