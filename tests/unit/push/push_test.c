// SPDX-License-Identifier: MIT
/* push_test.c: 政策找人 on a real database and the mail builder: addresses, RFC 2047
** subjects, MIME structure and RFC 8058 headers, due times, canonical profiles,
** matching in SQL against audience_match (random profiles), interpretations
** matched per policy, tokens, withdrawal, digest assembly, webhook signatures. */
#include <sodium.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../../../src/core/log.h"
#include "../../../src/core/util.h"
#include "../../../src/demo/demo.h"
#include "../../../src/publish/publish.h"
#include "../../../src/push/mail.h"
#include "../../../src/push/push.h"
#include "t.h"

/* Decode every "=?UTF-8?B?…?=" word of a header block and concatenate them. */
static const char *decode_words(Arena *a, const char *z, int *pbLinesOk, int *pbUtf8Ok) {
    Str s;
    str_init(&s, a);
    *pbLinesOk = 1;
    *pbUtf8Ok = 1;
    const char *zLine = z;
    for (const char *p = z;; p++) {
        if (*p == '\r' || *p == 0) {
            if (p - zLine > 76) *pbLinesOk = 0;
            if (*p == 0) break;
            zLine = p + 2;
        }
    }
    for (const char *p = strstr(z, "=?UTF-8?B?"); p; p = strstr(p, "=?UTF-8?B?")) {
        p += 10;
        const char *e = strstr(p, "?=");
        if (!e) break;
        unsigned char buf[256];
        size_t n = 0;
        if (sodium_base642bin(buf, sizeof buf, p, (size_t)(e - p), NULL, &n, NULL,
                              sodium_base64_VARIANT_ORIGINAL) != 0) {
            *pbUtf8Ok = 0;
        }
        if (!utf8_valid((const char *)buf, n)) *pbUtf8Ok = 0;
        str_append(&s, (const char *)buf, n);
        p = e + 2;
    }
    return str_cstr(&s);
}

/* The base64 body after the header block hdr (up to the next boundary), decoded. */
static const char *decode_part(Arena *a, const char *zMsg, const char *zType) {
    const char *p = strstr(zMsg, zType);
    if (!p) return NULL;
    p = strstr(p, "\r\n\r\n");
    if (!p) return NULL;
    p += 4;
    Str b64;
    str_init(&b64, a);
    while (*p && *p != '-') {
        const char *e = strstr(p, "\r\n");
        if (!e) break;
        str_append(&b64, p, (size_t)(e - p));
        p = e + 2;
    }
    char *zOut = arena_alloc(a, b64.n + 1);
    size_t n = 0;
    if (sodium_base642bin((unsigned char *)zOut, b64.n + 1, str_cstr(&b64), b64.n, NULL, &n, NULL,
                          sodium_base64_VARIANT_ORIGINAL) != 0) {
        return NULL;
    }
    zOut[n] = 0;
    return zOut;
}

static int64_t add_item(Db *db, int64_t iUnit, int64_t iCol, const char *zKind, const char *zScope,
                        const char *zAudience) {
    Stmt st;
    db_prepare(db, &st,
               "INSERT INTO item(unit_id,col_id,state,title,updated_at,created_at,modified_at,"
               "kind,scope,audience,live_version,published_at)"
               " VALUES(?1,?2,'published','t','2026-01-01T00:00:00Z','2026-01-01T00:00:00Z',"
               "'2026-01-01T00:00:00Z',?3,?4,?5,1,'2026-01-01')");
    db_bind_int(&st, 1, iUnit);
    db_bind_int(&st, 2, iCol);
    db_bind_text(&st, 3, zKind);
    db_bind_text(&st, 4, zScope);
    db_bind_text(&st, 5, zAudience);
    db_run(&st);
    db_done(&st);
    return db_last_rowid(db);
}

static int64_t add_sub(Db *db, Arena *a, const char *zEmail, const char *zProfile, const char *zFreq) {
    Stmt st;
    db_prepare(db, &st,
               "INSERT INTO subscriber(email,state,profile,frequency,salt,created_at)"
               " VALUES(?1,'active',?2,?3,'salt','2026-01-01T00:00:00Z')");
    db_bind_text(&st, 1, zEmail);
    db_bind_text(&st, 2, zProfile);
    db_bind_text(&st, 3, zFreq);
    db_run(&st);
    db_done(&st);
    int64_t id = db_last_rowid(db);
    Err err = {0};
    push_sub_sync(db, a, id, &err);
    return id;
}

static int queued(Db *db, int64_t iItem, int64_t iSub) {
    Stmt st;
    db_prepare(db, &st, "SELECT count(*) FROM push_queue WHERE item_id=?1 AND sub_id=?2");
    db_bind_int(&st, 1, iItem);
    db_bind_int(&st, 2, iSub);
    int n = db_step(&st) == 1 ? (int)db_col_int(&st, 0) : -1;
    db_done(&st);
    return n;
}

/* A random canonical profile/audience: each dimension named with probability 1/3. */
static const char *random_profile(Arena *a, const TaxTowns *pTowns, unsigned *pSeed) {
    Str s;
    str_init(&s, a);
    str_putc(&s, '{');
    int bFirst = 1;
    for (int d = 0; d < TAX_NDIM; d++) {
        if (rand_r(pSeed) % 3) continue;
        const TaxValue *aVal = d == TAX_TOWN ? pTowns->aTown : g_aTaxDim[d].aValue;
        int nVal = d == TAX_TOWN ? pTowns->nTown : g_aTaxDim[d].nValue;
        if (nVal == 0) continue;
        if (!bFirst) str_putc(&s, ',');
        bFirst = 0;
        str_json(&s, g_aTaxDim[d].zKey);
        str_puts(&s, ":[");
        int k = rand_r(pSeed) % nVal, k2 = rand_r(pSeed) % nVal;
        str_json(&s, aVal[k].zCode);
        if (k2 != k) {
            str_putc(&s, ',');
            str_json(&s, aVal[k2].zCode);
        }
        str_putc(&s, ']');
    }
    str_putc(&s, '}');
    /* Canonical form through the taxonomy. */
    Json *j;
    Err err = {0};
    const char *zOut = "{}";
    if (json_parse(a, s.z, s.n, &j, &err) == ZW_OK) taxonomy_normalize(a, pTowns, j, &zOut, &err);
    return zOut;
}

int main(void) {
    g_log_level = LOG_ERROR;
    if (sodium_init() < 0) return 1;
    Arena a;
    arena_init(&a);
    Err err = {0};

    subtest("push-1", "mail_addr_valid") {
        CHECK(mail_addr_valid("a@example.com"));
        CHECK(mail_addr_valid("first.last+tag@sub.example.gov.cn"));
        CHECK(!mail_addr_valid("a b@example.com"));
        CHECK(!mail_addr_valid("a@b@example.com"));
        CHECK(!mail_addr_valid("@example.com"));
        CHECK(!mail_addr_valid("a@example"));
        CHECK(!mail_addr_valid("a@-example.com"));
        CHECK(!mail_addr_valid("a@example-.com"));
        CHECK(!mail_addr_valid("a@exa..mple.com"));
        CHECK(!mail_addr_valid("a..b@example.com"));
        CHECK(!mail_addr_valid("<a>@example.com"));
        CHECK(!mail_addr_valid("a\r\n@example.com"));
        CHECK(!mail_addr_valid("张三@example.com"));
        CHECK(!mail_addr_valid(NULL));
        char zLong[300];
        memset(zLong, 'x', 250);
        memcpy(zLong + 250, "@e.cn", 6);
        CHECK(!mail_addr_valid(zLong)); /* local part > 64 and total > 254 */
    }

    subtest("push-2", "RFC 2047 subjects") {
        Str s;
        str_init(&s, &a);
        mail_header(&s, "Subject", "Plain ASCII subject");
        CHECK_STR(str_cstr(&s), "Subject: Plain ASCII subject\r\n");
        static const char *const azSubj[] = {
            "请确认订阅西吉县政策推送",
            "政策文件：关于进一步做好2026年高龄老年人津贴发放工作的通知（西政办发〔2026〕12号）及其解读材料汇编",
            "é", "mixed ASCII 和中文 with emoji 😀 end",
        };
        for (int i = 0; i < 4; i++) {
            str_init(&s, &a);
            mail_header(&s, "Subject", azSubj[i]);
            const char *z = str_cstr(&s);
            int bLines, bUtf8;
            CHECK(strncmp(z, "Subject: =?UTF-8?B?", 19) == 0);
            CHECK_STR(decode_words(&a, z, &bLines, &bUtf8), azSubj[i]);
            CHECK(bLines); /* no line over 76 columns */
            CHECK(bUtf8);  /* no encoded word splits a character */
            CHECK(z[s.n - 2] == '\r' && z[s.n - 1] == '\n');
        }
        /* CR/LF in a value cannot inject a header. */
        str_init(&s, &a);
        mail_header(&s, "Subject", "x\r\nBcc: evil@example.com");
        CHECK(strstr(str_cstr(&s), "\r\nBcc:") == NULL);
    }

    subtest("push-3", "mail_build: headers, multipart/alternative, base64 bodies") {
        MailMsg m = {"noreply@xiji.gov.cn", "西吉县人民政府", "a@example.com", "每日汇总（2 条）",
                     "第一行\n第二行 <b>\n", "<p>正文</p>", "https://x.example/dingyue/u/1.abc",
                     "push.1.2@xiji.gov.cn", 1796688000};
        Str s;
        str_init(&s, &a);
        mail_build(&s, &m);
        const char *z = str_cstr(&s);
        CHECK(strstr(z, "Date: Tue, 08 Dec 2026 00:00:00 +0000\r\n") != NULL);
        CHECK(strstr(z, "From: =?UTF-8?B?") == z + strlen("Date: Tue, 08 Dec 2026 00:00:00 +0000\r\n"));
        CHECK(strstr(z, " <noreply@xiji.gov.cn>\r\n") != NULL);
        CHECK(strstr(z, "To: <a@example.com>\r\n") != NULL);
        CHECK(strstr(z, "Message-ID: <push.1.2@xiji.gov.cn>\r\n") != NULL);
        CHECK(strstr(z, "MIME-Version: 1.0\r\n") != NULL);
        CHECK(strstr(z, "List-Unsubscribe: <https://x.example/dingyue/u/1.abc>\r\n") != NULL);
        CHECK(strstr(z, "List-Unsubscribe-Post: List-Unsubscribe=One-Click\r\n") != NULL);
        CHECK(strstr(z, "Content-Type: multipart/alternative; boundary=\"") != NULL);
        int bBareLf = 0, bLong = 0;
        const char *zLine = z;
        for (const char *p = z; *p; p++) {
            if (*p == '\n') {
                if (p == z || p[-1] != '\r') bBareLf = 1;
                if (p - zLine > 78) bLong = 1;
                zLine = p + 1;
            }
            if ((unsigned char)*p >= 0x80) bLong = 1; /* 7-bit clean */
        }
        CHECK(!bBareLf);
        CHECK(!bLong);
        CHECK_STR(decode_part(&a, z, "Content-Type: text/plain"), "第一行\r\n第二行 <b>\r\n");
        CHECK_STR(decode_part(&a, z, "Content-Type: text/html"), "<p>正文</p>");
        /* The text part comes first (the preferred alternative is last). */
        CHECK(strstr(z, "text/plain") < strstr(z, "text/html"));
        /* Without HTML or unsubscribe URL: one text/plain part, no List-* headers. */
        m.zHtml = NULL;
        m.zUnsubUrl = NULL;
        str_init(&s, &a);
        mail_build(&s, &m);
        CHECK(strstr(str_cstr(&s), "multipart") == NULL);
        CHECK(strstr(str_cstr(&s), "List-Unsubscribe") == NULL);
        CHECK(strstr(str_cstr(&s), "Content-Type: text/plain; charset=UTF-8\r\n") != NULL);
    }

    subtest("push-4", "due times (China time, 08:00)") {
        /* 2026-12-07 (a Monday) 10:00 China time = 02:00 UTC. */
        int64_t t = 1796608800; /* 2026-12-07T02:00:00Z */
        CHECK_INT(push_due(PUSH_IMMEDIATE, t), t);
        CHECK_INT(push_due(PUSH_DAILY, t), 1796688000);  /* 2026-12-08T00:00Z = 08:00 China */
        CHECK_INT(push_due(PUSH_WEEKLY, t), 1797206400); /* Monday 2026-12-14 08:00 China */
        CHECK_INT(push_due(PUSH_DAILY, 1796601600 - 1), 1796601600); /* just before 08:00 */
        CHECK_INT(push_due(PUSH_DAILY, 1796601600), 1796688000);     /* exactly 08:00: next day */
        CHECK_INT(push_due(PUSH_WEEKLY, 1796601600 - 1), 1796601600); /* Monday 07:59:59 */
        CHECK_INT(push_freq_parse("daily"), PUSH_DAILY);
        CHECK_INT(push_freq_parse("hourly"), -1);
        CHECK_INT(push_freq_parse(NULL), -1);
    }

    char zPath[] = "/tmp/zwgk-push-XXXXXX";
    int fd = mkstemp(zPath);
    close(fd);
    Db *db;
    int n;
    CHECK(db_open(&db, zPath, DB_CREATE, &err) == ZW_OK);
    CHECK(db_migrate(db, &n, &err) == ZW_OK);
    CHECK(demo_units(db, &err) == ZW_OK);
    TaxTowns towns;
    CHECK(taxonomy_towns(db, &a, &towns) == ZW_OK && towns.nTown >= 2);
    Unit *czj = unit_by_code(db, &a, "czj");
    Column *col = col_by_slug(db, &a, czj->id, "yjs");

    subtest("push-5", "canonical profile") {
        Json *j;
        const char *z = NULL;
        static const char zIn[] = "{\"topic\":[\"其他\"],\"size\":[\"micro\",\"small\",\"micro\"],"
                                  "\"group\":\"老年人\",\"industry\":[]}";
        CHECK(json_parse(&a, zIn, strlen(zIn), &j, &err) == ZW_OK);
        CHECK(taxonomy_normalize(&a, &towns, j, &z, &err) == ZW_OK);
        CHECK_STR(z, "{\"group\":[\"老年人\"],\"size\":[\"small\",\"micro\"],\"topic\":[\"其他\"]}");
        CHECK(json_parse(&a, "{\"size\":[\"huge\"]}", 17, &j, &err) == ZW_OK);
        CHECK(taxonomy_normalize(&a, &towns, j, &z, &err) == ZW_EINPUT);
    }

    subtest("push-6", "matching in SQL equals audience_match (random profiles)") {
        unsigned seed = 20261207;
        int nSub = 400, nPol = 30, nBad = 0, nQueuedTotal = 0;
        int64_t *aSub = malloc(sizeof(int64_t) * (size_t)nSub);
        Audience *aProf = malloc(sizeof(Audience) * (size_t)nSub);
        db_begin(db);
        for (int i = 0; i < nSub; i++) {
            const char *zProf = random_profile(&a, &towns, &seed);
            aSub[i] = add_sub(db, &a, arena_printf(&a, "s%d@example.com", i), zProf,
                              i % 3 == 0 ? "immediate" : i % 3 == 1 ? "daily" : "weekly");
            taxonomy_parse(&a, &towns, zProf, &aProf[i], &err);
        }
        db_commit(db);
        for (int k = 0; k < nPol; k++) {
            const char *zAud = k == 0 ? "{}" : random_profile(&a, &towns, &seed);
            Audience aud;
            taxonomy_parse(&a, &towns, zAud, &aud, &err);
            int64_t iItem = add_item(db, czj->id, col->id, "policy", "public", zAud);
            int64_t nQ = 0;
            db_begin(db);
            CHECK(push_queue_item(db, &a, iItem, &nQ, &err) == ZW_OK);
            db_commit(db);
            int nWant = 0;
            for (int i = 0; i < nSub; i++) {
                int bWant = audience_match(&aud, &aProf[i]);
                nWant += bWant;
                if (queued(db, iItem, aSub[i]) != bWant) nBad++;
            }
            if (nQ != nWant) nBad++;
            nQueuedTotal += (int)nQ;
        }
        CHECK_INT(nBad, 0);
        CHECK(nQueuedTotal > 0);
        /* Queueing the same item again adds nothing (the key forbids a second row). */
        int64_t nQ = -1;
        db_begin(db);
        CHECK(push_queue_item(db, &a, 1, &nQ, &err) == ZW_OK);
        db_commit(db);
        Stmt st;
        db_prepare(db, &st, "SELECT count(*)-count(DISTINCT sub_id) FROM push_queue WHERE item_id=1");
        CHECK(db_step(&st) == 1 && db_col_int(&st, 0) == 0);
        db_done(&st);
        free(aSub);
        free(aProf);
    }

    subtest("push-7", "internal policies and ordinary items are not pushed") {
        int64_t nQ = -1;
        int64_t iInternal = add_item(db, czj->id, col->id, "policy", "internal", "{}");
        int64_t iPlain = add_item(db, czj->id, col->id, "", "", "{}");
        CHECK(push_on_publish(db, &a, iInternal, 1, &err) == ZW_OK);
        CHECK(push_queue_item(db, &a, iInternal, &nQ, &err) == ZW_OK && nQ == 0);
        CHECK(push_queue_item(db, &a, iPlain, &nQ, &err) == ZW_OK && nQ == 0);
        /* Republication (version 2) is not pushed again. */
        int64_t iPol = add_item(db, czj->id, col->id, "policy", "public", "{}");
        CHECK(push_on_publish(db, &a, iPol, 2, &err) == ZW_OK);
        Stmt st;
        db_prepare(db, &st, "SELECT count(*) FROM push_queue WHERE item_id=?1");
        db_bind_int(&st, 1, iPol);
        CHECK(db_step(&st) == 1 && db_col_int(&st, 0) == 0);
        db_done(&st);
    }

    subtest("push-8", "an interpretation goes to whoever matches any of its policies") {
        const char *zX = towns.aTown[0].zCode, *zY = towns.aTown[1].zCode;
        int64_t pA = add_item(db, czj->id, col->id, "policy", "public",
                              arena_printf(&a, "{\"group\":[\"老年人\"],\"town\":[\"%s\"]}", zX));
        int64_t pB = add_item(db, czj->id, col->id, "policy", "public",
                              arena_printf(&a, "{\"group\":[\"学生及家长\"],\"town\":[\"%s\"]}", zY));
        int64_t iInt = add_item(db, czj->id, col->id, "interpretation", "", "{}");
        Stmt st;
        for (int i = 0; i < 2; i++) {
            db_prepare(db, &st, "INSERT INTO interprets(interp_id,policy_id) VALUES(?1,?2)");
            db_bind_int(&st, 1, iInt);
            db_bind_int(&st, 2, i ? pB : pA);
            db_run(&st);
            db_done(&st);
        }
        int64_t sOldX = add_sub(db, &a, "oldx@example.com",
                                arena_printf(&a, "{\"group\":[\"老年人\"],\"town\":[\"%s\"]}", zX), "immediate");
        int64_t sOldY = add_sub(db, &a, "oldy@example.com",
                                arena_printf(&a, "{\"group\":[\"老年人\"],\"town\":[\"%s\"]}", zY), "immediate");
        int64_t sStuY = add_sub(db, &a, "stuy@example.com",
                                arena_printf(&a, "{\"group\":[\"学生及家长\"],\"town\":[\"%s\"]}", zY), "daily");
        int64_t nQ = 0;
        CHECK(push_queue_item(db, &a, iInt, &nQ, &err) == ZW_OK);
        CHECK_INT(queued(db, iInt, sOldX), 1);
        CHECK_INT(queued(db, iInt, sOldY), 0); /* the union of audiences would match it */
        CHECK_INT(queued(db, iInt, sStuY), 1);
        /* Batches: one per frequency that has rows. */
        db_prepare(db, &st, "SELECT count(*) FROM push_batch WHERE item_id=?1 AND freq IN (0,1)");
        db_bind_int(&st, 1, iInt);
        CHECK(db_step(&st) == 1 && db_col_int(&st, 0) == 2);
        db_done(&st);
        /* Withdrawal cancels the open batches. */
        CHECK(push_on_withdraw(db, iInt, &err) == ZW_OK);
        db_prepare(db, &st, "SELECT count(*) FROM push_batch WHERE item_id=?1 AND state<>2");
        db_bind_int(&st, 1, iInt);
        CHECK(db_step(&st) == 1 && db_col_int(&st, 0) == 0);
        db_done(&st);
    }

    subtest("push-9", "subscription flow and link tokens") {
        CHECK(sub_request(db, &a, "new@example.com", "{\"group\":[\"农民\"]}", "weekly", &err) == ZW_OK);
        CHECK(sub_request(db, &a, "bad address", "{}", "weekly", &err) == ZW_EINPUT);
        CHECK(sub_request(db, &a, "new2@example.com", "{}", "monthly", &err) == ZW_EINPUT);
        Stmt st;
        db_prepare(db, &st, "SELECT count(*) FROM mail_outbox WHERE to_addr='new@example.com'");
        CHECK(db_step(&st) == 1 && db_col_int(&st, 0) == 1);
        db_done(&st);
        /* Again at once: same result, no second mail. */
        CHECK(sub_request(db, &a, "NEW@example.com", "{}", "daily", &err) == ZW_OK);
        db_prepare(db, &st, "SELECT count(*) FROM mail_outbox WHERE to_addr LIKE 'new@example.com'");
        CHECK(db_step(&st) == 1 && db_col_int(&st, 0) == 1);
        db_done(&st);
        /* Pending: not matched yet. */
        db_prepare(db, &st, "SELECT count(*) FROM push_sub JOIN subscriber s USING(id) WHERE s.email='new@example.com'");
        CHECK(db_step(&st) == 1 && db_col_int(&st, 0) == 0);
        db_done(&st);
        /* The token is in the mail only; the database has its hash. */
        db_prepare(db, &st, "SELECT body_text FROM mail_outbox WHERE to_addr='new@example.com'");
        const char *zTok = NULL;
        if (db_step(&st) == 1) {
            const char *p = strstr(db_col_text(&st, 0), "/dingyue/confirm/");
            if (p) zTok = arena_strndup(&a, p + 17, strcspn(p + 17, "\n"));
        }
        db_done(&st);
        CHECK(zTok != NULL);
        Subscriber *s = NULL;
        CHECK(sub_confirm(db, &a, "wrong", &s, &err) == ZW_ENOTFOUND);
        CHECK(zTok && sub_confirm(db, &a, zTok, &s, &err) == ZW_OK && s);
        if (!s) break;
        CHECK_STR(s->zState, "active");
        CHECK_STR(s->zFrequency, "weekly");
        Subscriber *sAgain = NULL;
        CHECK(sub_confirm(db, &a, zTok, &sAgain, &err) == ZW_ENOTFOUND && !sAgain); /* once */
        const char *zM = sub_token(db, &a, s, 'm'), *zF = sub_token(db, &a, s, 'f');
        CHECK(strcmp(zM, zF) != 0);
        Subscriber *s2 = sub_by_token(db, &a, zM, 'm');
        CHECK(s2 && s2->id == s->id);
        CHECK(sub_by_token(db, &a, zM, 'f') == NULL);
        char *zBad = arena_strdup(&a, zM);
        zBad[strlen(zBad) - 1] ^= 1;
        CHECK(sub_by_token(db, &a, zBad, 'm') == NULL);
        CHECK(sub_by_token(db, &a, "1", 'm') == NULL);
        CHECK(sub_by_token(db, &a, "x.y", 'm') == NULL);
        CHECK(sub_update(db, &a, s->id, "{\"size\":[\"micro\"]}", "daily", &err) == ZW_OK);
        CHECK(sub_unsubscribe(db, &a, s->id, &err) == ZW_OK);
        CHECK(sub_unsubscribe(db, &a, s->id, &err) == ZW_OK); /* idempotent */
        CHECK(sub_update(db, &a, s->id, "{}", "daily", &err) == ZW_ECONFLICT);
        db_prepare(db, &st, "SELECT count(*) FROM push_sub WHERE id=?1");
        db_bind_int(&st, 1, s->id);
        CHECK(db_step(&st) == 1 && db_col_int(&st, 0) == 0);
        db_done(&st);
    }

    subtest("push-10", "digest assembly") {
        PushMailItem aItem[3] = {
            {11, "关于高龄津贴的通知", "policy", "西政发〔2026〕1号", "县民政局", "2026-12-01"},
            {12, "<script>alert(1)</script>", "interpretation", "", "县财政局", "2026-12-02"},
            {13, "第三件", "policy", NULL, "县教育局", "2026-12-03"},
        };
        const char *zSubj, *zText, *zHtml;
        push_compose(&a, aItem, 3, PUSH_DAILY, "https://x.example", "https://x.example/dingyue/m/T",
                     "https://x.example/dingyue/u/T", "https://x.example/dingyue/feed/F.xml", &zSubj,
                     &zText, &zHtml);
        CHECK_STR(zSubj, "西吉县政策推送每日汇总（3 条）");
        CHECK(strstr(zText, "1. 【政策文件】关于高龄津贴的通知") != NULL);
        CHECK(strstr(zText, "2. 【政策解读】<script>") != NULL); /* plain text as is */
        CHECK(strstr(zText, "https://x.example/items/13") != NULL);
        CHECK(strstr(zText, "https://x.example/dingyue/u/T") != NULL);
        CHECK(strstr(zText, "西政发〔2026〕1号") != NULL);
        CHECK(strstr(zHtml, "<script>") == NULL);
        CHECK(strstr(zHtml, "&lt;script&gt;") != NULL);
        CHECK(strstr(zHtml, "href=\"https://x.example/items/12\"") != NULL);
        push_compose(&a, aItem, 1, PUSH_IMMEDIATE, "https://x.example", "m", "u", "f", &zSubj, &zText,
                     &zHtml);
        CHECK_STR(zSubj, "政策文件：关于高龄津贴的通知");
        push_compose(&a, aItem, 2, PUSH_WEEKLY, "https://x.example", "m", "u", "f", &zSubj, &zText,
                     &zHtml);
        CHECK_STR(zSubj, "西吉县政策推送每周汇总（2 条）");
    }

    subtest("push-11", "webhook signature (RFC 4231 style vector)") {
        char zHex[65];
        static const char zMsg[] = "The quick brown fox jumps over the lazy dog";
        webhook_sign("key", zMsg, strlen(zMsg), zHex);
        CHECK_STR(zHex, "f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8");
    }

    subtest("push-12", "mail_enqueue validates") {
        CHECK(mail_enqueue(db, "x@example.com", "主题", "正文", NULL, NULL, &err) == ZW_OK);
        CHECK(mail_enqueue(db, "x y@example.com", "主题", "正文", NULL, NULL, &err) == ZW_EINPUT);
        CHECK(mail_enqueue(db, "x@example.com", "主题", "正文", NULL, "bad url with spaces", &err) == ZW_EINPUT);
        CHECK(mail_enqueue(db, "x@example.com", "\xff", "正文", NULL, NULL, &err) == ZW_EINPUT);
    }

    db_close(db);
    unlink(zPath);
    char zAux[64];
    snprintf(zAux, sizeof zAux, "%s-wal", zPath);
    unlink(zAux);
    snprintf(zAux, sizeof zAux, "%s-shm", zPath);
    unlink(zAux);
    arena_free(&a);
    return t_done();
}
