// SPDX-License-Identifier: MIT
/* tokenize_test.c: the search tokenizer and the query parser. */
#include "../../../src/core/str.h"
#include "../../../src/text/query.h"
#include "../../../src/text/tokenize.h"
#include "t.h"

/* Tokens as "tok@start-end" (with "+" for colocated), space separated. */
static int collect(void *pCtx, const char *zTok, int nTok, int iStart, int iEnd, int bColocated) {
    Str *s = pCtx;
    if (s->n) str_putc(s, ' ');
    if (bColocated) str_putc(s, '+');
    str_append(s, zTok, (size_t)nTok);
    str_appendf(s, "@%d-%d", iStart, iEnd);
    return 0;
}

static const char *toks(Arena *a, const char *z, int bQuery) {
    Str s;
    str_init(&s, a);
    tok_run(z, (int)strlen(z), bQuery, collect, &s);
    return str_cstr(&s);
}

static int stop_after_two(void *pCtx, const char *zTok, int nTok, int iStart, int iEnd, int bColocated) {
    (void)zTok; (void)nTok; (void)iStart; (void)iEnd; (void)bColocated;
    return ++*(int *)pCtx == 2 ? 7 : 0;
}

int main(void) {
    Arena a;
    arena_init(&a);
    subtest("tok-1.1", "CJK bigrams with a colocated final unigram") {
        CHECK_STR(toks(&a, "教育局", 0), "教育@0-6 育局@3-9 +局@6-9");
        CHECK_STR(toks(&a, "教育局", 1), "教育@0-6 育局@3-9");
        CHECK_STR(toks(&a, "县", 0), "县@0-3");
        CHECK_STR(toks(&a, "县", 1), "县@0-3");
    }
    subtest("tok-1.2", "words, numbers, separators") {
        CHECK_STR(toks(&a, "COVID-19 疫情", 0), "covid@0-5 19@6-8 疫情@9-15 +情@12-15");
        CHECK_STR(toks(&a, "西政办发〔2021〕39号", 1), "西政@0-6 政办@3-9 办发@6-12 2021@15-19 39@22-24 号@24-27");
    }
    subtest("tok-1.3", "full-width and traditional forms fold, offsets stay on the original") {
        CHECK_STR(toks(&a, "ＣＯＶＩＤ１９", 0), "covid19@0-21");
        CHECK_STR(toks(&a, "號", 0), "号@0-3");
        CHECK_STR(toks(&a, "財政", 1), "财政@0-6");
        CHECK(tok_fold(0x3000) == ' ');
        CHECK_STR(toks(&a, "學校寧夏", 1), "学校@0-6 校宁@3-9 宁夏@6-12"); /* 學 寧: the larger table */
        /* Folding is idempotent: no simplified form is itself folded again. */
        int bIdem = 1;
        for (unsigned c = 0x4E00; c <= 0x9FFF; c++) bIdem &= tok_fold(tok_fold(c)) == tok_fold(c);
        CHECK(bIdem);
    }
    subtest("tok-1.4", "invalid UTF-8 separates; long words are cut") {
        CHECK_STR(toks(&a, "ab\xff" "cd", 0), "ab@0-2 cd@3-5");
        char z[200];
        memset(z, 'x', 150);
        z[150] = 0;
        const char *r = toks(&a, z, 0);
        CHECK(strchr(r, ' ') != NULL); /* more than one token */
    }
    subtest("tok-1.5", "a nonzero callback result stops and is returned") {
        int n = 0;
        CHECK_INT(tok_run("一二三四五", 15, 0, stop_after_two, &n), 7);
        CHECK_INT(n, 2);
    }
    subtest("query-1.1", "terms are quoted FTS5 strings joined by AND") {
        SearchQuery q;
        Err err = {0};
        CHECK(query_parse(&a, "  教育  财政 ", &q, &err) == ZW_OK);
        CHECK_STR(q.zMatch, "\"教育\" AND \"财政\"");
        CHECK_STR(q.zPhrase, "教育财政");
        CHECK_INT(q.nTerm, 2);
    }
    subtest("query-1.2", "phrases, exclusions and prefix for a lone character") {
        SearchQuery q;
        Err err = {0};
        CHECK(query_parse(&a, "“义务教育 招生” -疫情 县", &q, &err) == ZW_OK);
        CHECK_STR(q.zMatch, "\"义务教育 招生\" AND \"县\" * NOT \"疫情\"");
        CHECK(query_parse(&a, "39号", &q, &err) == ZW_OK);
        CHECK_STR(q.zMatch, "\"39号\" *");
    }
    subtest("query-1.6", "a 文号 in the query is normalized as the field is stored") {
        SearchQuery q;
        Err err = {0};
        CHECK(query_parse(&a, "西政办发[2021]39號", &q, &err) == ZW_OK);
        CHECK_STR(q.zMatch, "\"西政办发〔2021〕39号\" *");
    }
    subtest("query-1.3", "FTS5 syntax in the input is only text") {
        SearchQuery q;
        Err err = {0};
        CHECK(query_parse(&a, "\" OR title:* NEAR(", &q, &err) == ZW_OK); /* one open phrase */
        CHECK_STR(q.zMatch, "\" OR title:* NEAR(\"");
        CHECK(query_parse(&a, "OR title:* NEAR(", &q, &err) == ZW_OK);
        CHECK_STR(q.zMatch, "\"OR\" AND \"title:*\" AND \"NEAR(\"");
        CHECK(query_parse(&a, "a\"b", &q, &err) == ZW_OK);
        CHECK_STR(q.zMatch, "\"a\"\"b\"");
    }
    subtest("query-1.5", "synonyms: 十四五 also finds 十四个五年") {
        SearchQuery q;
        Err err = {0};
        CHECK(query_parse(&a, "十四五 规划", &q, &err) == ZW_OK);
        CHECK_STR(q.zMatch, "(\"十四五\" OR \"十四个五年\") AND \"规划\"");
    }
    subtest("query-1.4", "empty, punctuation-only, exclusion-only, too long, too many") {
        SearchQuery q;
        Err err = {0};
        CHECK(query_parse(&a, "", &q, &err) == ZW_OK && q.zMatch == NULL);
        CHECK(query_parse(&a, "！！！ ...", &q, &err) == ZW_OK && q.zMatch == NULL);
        CHECK(query_parse(&a, "-疫情", &q, &err) == ZW_EINPUT);
        char z[400];
        memset(z, 'a', 300);
        z[300] = 0;
        CHECK(query_parse(&a, z, &q, &err) == ZW_EINPUT);
        CHECK(query_parse(&a, "a b c d e f g h i j k", &q, &err) == ZW_EINPUT);
    }
    arena_free(&a);
    return t_done();
}
