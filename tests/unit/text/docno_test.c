// SPDX-License-Identifier: MIT
/* docno_test.c: 发文字号 as real sites write them, normalized; and what is not one. */
#include "../../../src/text/docno.h"
#include "../../../src/text/query.h"
#include "t.h"

static const char *norm(Arena *a, const char *z) {
    Docno d;
    return docno_parse(a, z, &d, NULL) == ZW_OK ? d.zNormalized : "(error)";
}

int main(void) {
    Arena a;
    arena_init(&a);
    subtest("docno-1.1", "every bracket form") {
        static const char *const az[] = {"西政办发〔2021〕39号", "西政办发[2021]39号", "西政办发【2021】39号",
                                         "西政办发（2021）39号", "西政办发(2021)39号", "西政办发〈2021〉39号",
                                         "西政办发［2021］39号", "西政办发〖2021〗39号", "西政办发﹝2021﹞39号"};
        for (size_t i = 0; i < sizeof az / sizeof az[0]; i++) CHECK_STR(norm(&a, az[i]), "西政办发〔2021〕39号");
    }
    subtest("docno-1.2", "full width, spaces, traditional, 年, 第, leading zeros") {
        CHECK_STR(norm(&a, "西政辦發 ［２０２１］ ３９ 號"), "西政办发〔2021〕39号");
        CHECK_STR(norm(&a, " 国办发〔2021〕12 号 "), "国办发〔2021〕12号");
        CHECK_STR(norm(&a, "西政办发(2021年)第039号"), "西政办发〔2021〕39号");
        CHECK_STR(norm(&a, "宁政办规发〔2021〕3号"), "宁政办规发〔2021〕3号");
        CHECK_STR(norm(&a, "发改办财金〔2020〕12号"), "发改办财金〔2020〕12号");
    }
    subtest("docno-1.3", "a year without brackets, when unambiguous") {
        CHECK_STR(norm(&a, "西政办发202139号"), "西政办发〔2021〕39号");
        CHECK_STR(norm(&a, "西政办发2021 39号"), "西政办发〔2021〕39号");
        CHECK_STR(norm(&a, "西政办发2021年39号"), "西政办发〔2021〕39号");
        CHECK_STR(norm(&a, "西政办发2021号"), "(error)");     /* no sequence left */
        CHECK_STR(norm(&a, "西政办发123456号"), "(error)");   /* not 19xx/20xx */
    }
    subtest("docno-1.4", "orders") {
        Docno d;
        CHECK(docno_parse(&a, "国务院令第711号", &d, NULL) == ZW_OK);
        CHECK_STR(d.zOrg, "国务院令");
        CHECK(d.iYear == 0 && d.iSeq == 711);
        CHECK_STR(d.zNormalized, "国务院令第711号");
        Str s;
        str_init(&s, &a);
        docno_json(&s, &d);
        CHECK_STR(str_cstr(&s), "{\"org\":\"国务院令\",\"year\":null,\"seq\":711,\"normalized\":\"国务院令第711号\"}");
    }
    subtest("docno-2.1", "what is not a document number") {
        static const char *const az[] = {"", "   ", "2021年6月15日", "0954-3012345", "关于印发通知",
                                         "西政办发〔2021〕号", "西政办发〔21〕39号", "西政办发〔1800〕39号",
                                         "西政办发〔2021〕39", "西政办发〔2021〕39号 和 西政办发〔2021〕40号",
                                         "西政办发〔2021〕0号", "西政办发〔2021〕1234567号", "〔2021〕39号",
                                         "西政办发〔2021 39号", "一二三四五六七八九十一二三四五六七八九十一〔2021〕1号"};
        for (size_t i = 0; i < sizeof az / sizeof az[0]; i++) {
            Docno d;
            Err err = {0};
            CHECK(docno_parse(&a, az[i], &d, &err) == ZW_EINPUT && err.zMsg != NULL);
        }
    }
    subtest("docno-3.1", "search normalizes a 文号 query") {
        SearchQuery q;
        Err err = {0};
        CHECK(query_parse(&a, "西政办发[2021]39號", &q, &err) == ZW_OK);
        CHECK_STR(q.zMatch, "\"西政办发〔2021〕39号\" *");
    }
    arena_free(&a);
    return t_done();
}
