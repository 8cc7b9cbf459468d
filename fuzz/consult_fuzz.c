// SPDX-License-Identifier: MIT
/*
** consult_fuzz.c: what the public sends to 政策咨询 (src/consult/consult.h) and the
** rate limiter's parsers (src/http/ratelimit.h), on arbitrary bytes.
**
** The input is cut at NUL bytes into up to four fields: a tracking code, an e-mail
** address, a name and a question.  Invariants, each broken one an abort():
**   - a code that parses is 12 characters of the Crockford alphabet, parses again to
**     itself, and so does its grouped form;
**   - an address mail_addr_valid accepts is within 254 bytes;
**   - consult_check answers ZW_OK or ZW_EINPUT with a message, and ZW_OK only for a
**     question of at most 1,000 characters of valid UTF-8 and an acceptable address;
**   - a rate rule that parses is within its bounds; an address key is NUL-terminated
**     inside its buffer.
*/
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../src/consult/consult.h"
#include "../src/http/ratelimit.h"
#include "../src/core/util.h"
#include "../src/push/mail.h"

int LLVMFuzzerTestOneInput(const uint8_t *pData, size_t nData);

int LLVMFuzzerTestOneInput(const uint8_t *pData, size_t nData) {
    if (nData > 8192) return 0;
    Arena a;
    arena_init(&a);
    const char *azField[4] = {"", "", "", ""};
    size_t iStart = 0;
    int nField = 0;
    for (size_t i = 0; i <= nData && nField < 4; i++) {
        if (i == nData || pData[i] == 0) {
            azField[nField++] = arena_strndup(&a, (const char *)pData + iStart, i - iStart);
            iStart = i + 1;
        }
    }

    char zCode[UTIL_CODE_LEN + 1], zAgain[UTIL_CODE_LEN + 1], zPretty[16];
    if (util_code_parse(azField[0], zCode) == 0) {
        if (strlen(zCode) != UTIL_CODE_LEN) abort();
        for (int i = 0; i < UTIL_CODE_LEN; i++) {
            if (!strchr("0123456789ABCDEFGHJKMNPQRSTVWXYZ", zCode[i]) || !zCode[i]) abort();
        }
        if (util_code_parse(zCode, zAgain) != 0 || strcmp(zCode, zAgain) != 0) abort();
        util_code_pretty(zCode, zPretty);
        if (strlen(zPretty) != 14 || util_code_parse(zPretty, zAgain) != 0 ||
            strcmp(zCode, zAgain) != 0) {
            abort();
        }
    }

    const char *zEmail = azField[1];
    if (mail_addr_valid(zEmail) && strlen(zEmail) > 254) abort();

    QuestionInput in = {azField[2], azField[1], azField[3]};
    Err err = {0};
    int rc = consult_check(&a, &in, &err);
    if (rc == ZW_OK) {
        size_t n = strlen(in.zQuestion);
        if (!utf8_valid(in.zQuestion, n) || utf8_len(in.zQuestion, n) > CONSULT_MAX_QUESTION) {
            abort();
        }
        if (!mail_addr_valid(str_trim(&a, zEmail))) abort();
    } else if (rc != ZW_EINPUT || !err.zMsg || !err.zMsg[0]) {
        abort();
    }

    RateRule r = {0, 0};
    if (ratelimit_rule_parse(azField[0], &r) == 0) {
        if (r.nMax < 1 || r.nMax > 1000000 || r.nSeconds < 1 || r.nSeconds > 604800) abort();
    }
    char zKey[24];
    memset(zKey, 'x', sizeof zKey);
    ratelimit_addr_key(azField[1], zKey, sizeof zKey);
    if (!memchr(zKey, 0, sizeof zKey)) abort();
    arena_free(&a);
    return 0;
}
