// SPDX-License-Identifier: MIT
/* gongwen_test.c: the 公文 element extractor on the seed plan (西政办发〔2021〕39号,
** read from ../shared/data/seed/ relative to the repository root, where tests run)
** and on synthetic 公文: a 请示 with 签发人, a 通知 with an 附件 list and Chinese
** numerals, no 文号, a date in the future, CRLF+BOM, a 令, broken input. */
#include <stdlib.h>

#include "../../../src/text/gongwen.h"
#include "t.h"

#define SEED_PATH "../shared/data/seed/xiji-2021-zwgk-yaodian.txt"

static Arena g_a;

/* Parse z with today = 2025-06-01; the result lives in g_a. */
static Gongwen parse(const char *z) {
    Gongwen g;
    Err err = {0};
    int rc = gongwen_parse(&g_a, z, strlen(z), "2025-06-01", &g, &err);
    CHECK_INT(rc, ZW_OK);
    return g;
}

/* The list az[0..n) joined with "|", for one CHECK_STR per list. */
static const char *joined(const char *const *az, int n) {
    Str s;
    str_init(&s, &g_a);
    for (int i = 0; i < n; i++) {
        if (i) str_putc(&s, '|');
        str_puts(&s, az[i]);
    }
    return str_cstr(&s);
}

static const char *to_json(const Gongwen *g) {
    Str s;
    str_init(&s, &g_a);
    gongwen_json(&s, g);
    return str_cstr(&s);
}

static const char *iso(const char *z) {
    char *zOut = arena_alloc(&g_a, 11);
    return gongwen_date(z, strlen(z), zOut) == ZW_OK ? zOut : "ERR";
}

static char *read_file(const char *zPath, size_t *pn) {
    FILE *f = fopen(zPath, "rb");
    if (!f) return NULL;
    char *z = malloc(1 << 20);
    size_t n = fread(z, 1, (1 << 20) - 1, f);
    fclose(f);
    z[n] = 0;
    *pn = n;
    return z;
}

static int contains(const char *z, const char *zNeedle) {
    return z && strstr(z, zNeedle) != NULL;
}

static int starts(const char *z, const char *zPre) {
    return z && strncmp(z, zPre, strlen(zPre)) == 0;
}

static int ends(const char *z, const char *zSuf) {
    size_t n = z ? strlen(z) : 0, k = strlen(zSuf);
    return z && n >= k && strcmp(z + n - k, zSuf) == 0;
}

/* The expected body of the seed plan, built from its lines by hand (see 1.1). */
static const char *seed_body(Arena *a) {
    size_t n = 0;
    char *z = read_file(SEED_PATH, &n);
    Str s;
    str_init(&s, a);
    int iLine = 1;
    for (char *p = z, *e; p && *p; p = e ? e + 1 : p + strlen(p), iLine++) {
        e = strchr(p, '\n');
        size_t nLine = e ? (size_t)(e - p) : strlen(p);
        if (nLine == 0 || (iLine != 11 && (iLine < 19 || iLine > 59))) continue;
        if (s.n && iLine != 29 && iLine != 37 && iLine != 49) str_putc(&s, '\n');
        str_append(&s, p, nLine);
    }
    free(z);
    return str_cstr(&s);
}

static int count_char(const char *z, char c) {
    int n = 0;
    for (; z && *z; z++) n += *z == c;
    return n;
}

/* A 请示 (上行文) with 份号, 紧急程度, 签发人 on the 文号 line, a two-line title, an
** 附件 list, a contact 附注 and a 版记 with the 印发机关 on the date line; CRLF + BOM. */
static const char zQingshi[] =
    "\xEF\xBB\xBF" "000012\r\n特急\r\n西吉县财政局文件\r\n\r\n"
    "西财发〔2021〕12号\t\t签发人：马  明\r\n\r\n"
    "西吉县财政局关于申请拨付2021年\r\n政务公开专项经费的请示\r\n\r\n"
    "县人民政府：\r\n"
    "　　为做好2021年政务公开工作，按照《西吉县2021年政务公开工作要点》要求，特申请拨付"
    "专项经费5万元，用于政府网站集群建设和政务新媒体监管。\r\n"
    "　　妥否，请批示。\r\n\r\n"
    "附件：1.2021年政务公开专项经费预算表\r\n　　　2.政务公开平台建设方案\r\n\r\n"
    "西吉县财政局\r\n2021年5月10日\r\n（联系人：李四，电话：0954-1234567）\r\n\r\n"
    "抄送：县政府办公室，县审计局。\r\n"
    "西吉县财政局办公室　　　　　2021年5月10日印发\r\n";

/* A 通知 with 密级, full-width digits in the 文号, a title split after the organ, a
** one-line 附件 list, a page number inside a paragraph, a spaced-out 署名, a date in
** Chinese numerals, 依申请公开 and a 、-separated 抄送 list. */
static const char zTongzhi[] =
    "秘密★1年\n西吉县人民政府文件\n西政发［２０２１］ ５ 号\n"
    "西吉县人民政府\n关于做好2021年政府开放活动的通知\n"
    "各乡（镇）人民政府，县直各部门、各单位：\n"
    "　　为拓宽政府开放渠道，经县人民政府研究，决定在9月集中开展政府开放活动。现将有关事项"
    "通知如下：\n"
    "一、活动时间\n"
    "2021年9月，各乡镇、各部门要结合实际确定开放日，提前在政府网站公布活动安排，组织群众有序参\n"
    "— 2 —\n"
    "与，并做好问卷调查。\n"
    "二、工作要求\n"
    "各乡镇、各部门要高度重视。\n"
    "附件：1.政府开放活动安排表 2.问卷调查样表\n"
    "西 吉 县 人 民 政 府\n"
    "二〇二一年八月二十日\n"
    "（此件依申请公开）\n"
    "抄送：县委办、县人大办、县政协办。\n"
    "西吉县人民政府办公室 　2021年8月21日印发\n"
    "（共印50份）\n";

int main(void) {
    arena_init(&g_a);

    subtest("gongwen-1.1", "seed plan: header, addressees, signature, footer, warnings") {
        size_t n = 0;
        char *z = read_file(SEED_PATH, &n);
        CHECK(z != NULL);
        if (!z) break;
        Gongwen g;
        Err err = {0};
        CHECK_INT(gongwen_parse(&g_a, z, n, "2025-06-01", &g, &err), ZW_OK);
        free(z);
        CHECK_STR(g.zTitle, "西吉县人民政府办公室关于印发《西吉县2021年政务公开工作要点》的通知");
        CHECK_STR(g.zDocno, "西政办发〔2021〕39号");
        CHECK_STR(g.zMark, "西吉县人民政府办公室文件");
        CHECK_STR(g.zIssuer, "西吉县人民政府办公室");
        CHECK_STR(joined(g.azAddressee, g.nAddressee), "各乡（镇）人民政府|县直各部门（单位）");
        CHECK_STR(g.zWrittenAt, "2021-06-15");
        CHECK_STR(g.zDisclosure, "主动公开");
        CHECK_INT(g.nAttachment, 0);
        CHECK_STR(joined(g.azCc, g.nCc),
                  "县委书记|副书记|常委|人大常委会主任|副主任|政府县长|副县长|政协主席|副主席|"
                  "县委各部门|人大常委会办公室|政协办公室|人武部政工科|法院|检察院|"
                  "区、市驻县各单位|各人民团体");
        CHECK_INT(g.nCc, 17);
        CHECK_STR(g.zPrintedBy, "西吉县人民政府办公室");
        CHECK_STR(g.zPrintedAt, "2020-06-15");
        CHECK_STR(g.zCopies, "纸发40份 电发101份");
        CHECK_INT(g.nCopiesPaper, 40);
        CHECK_INT(g.nCopiesElectronic, 101);
        CHECK(g.zSecrecy == NULL && g.zUrgency == NULL && g.zNote == NULL);
        CHECK_INT(g.nSigner, 0);
        CHECK_INT(g.nWarning, 1);
        CHECK_STR(joined(g.azWarning, g.nWarning), "印发日期（2020-06-15）早于成文日期（2021-06-15）");

        /* The body, exactly: file line 11 (the notice's paragraph), then the 要点 of
        ** lines 19–59, one paragraph per non-blank line, except three paragraphs that
        ** a page break split (lines 27+29, 35+37, 47+49). */
        const char *zB = g.zBody;
        CHECK_STR(zB, seed_body(&g_a));
        CHECK_INT(count_char(zB, '\n'), 18); /* 19 paragraphs */
        CHECK(starts(zB, "《西吉县2021年政务公开工作要点》已经县人民政府同意，现印发给你们，"
                         "请认真贯彻落实。\n西吉县 2021 年政务公开工作要点\n2021 年是"));
        CHECK(ends(zB, "要研究吸纳并专项反馈。"));
        CHECK(contains(zB, "\n一、持续拓展政务公开重点领域\n（一）以规划信息公开"));
        CHECK(contains(zB, "\n（六）以政策解读促进文件见效。\n1. **推进"));
        static const char *const azNot[] = {"西政办发", "抄送", "（此件公开发布）", "印发\n",
                                            "纸发", "各乡（镇）人民政府、"};
        for (int i = 0; i < 6; i++) CHECK(!contains(zB, azNot[i]));
    }

    subtest("gongwen-1.2", "seed plan: page-break fragments are joined") {
        size_t n = 0;
        char *z = read_file(SEED_PATH, &n);
        if (!z) break;
        Gongwen g;
        Err err = {0};
        CHECK_INT(gongwen_parse(&g_a, z, n, NULL, &g, &err), ZW_OK);
        free(z);
        CHECK(contains(g.zBody, "规范信息公示内容的标准"));
        CHECK(!contains(g.zBody, "规范信\n"));
        CHECK(contains(g.zBody, "重点做好义务教育阶段招生入学工作"));
        CHECK(contains(g.zBody, "实现“政策找人、政策找企业”。"));
        /* Not joined: a heading, and the attachment title before a digit. */
        CHECK(contains(g.zBody, "一、持续拓展政务公开重点领域\n"));
        CHECK(contains(g.zBody, "工作要点\n2021 年是"));
    }

    subtest("gongwen-1.3", "seed plan: a day before the 成文日期 is the future; the JSON") {
        size_t n = 0;
        char *z = read_file(SEED_PATH, &n);
        if (!z) break;
        Gongwen g;
        Err err = {0};
        CHECK_INT(gongwen_parse(&g_a, z, n, "2021-06-14", &g, &err), ZW_OK);
        free(z);
        CHECK_STR(joined(g.azWarning, g.nWarning),
                  "成文日期（2021-06-15）在未来|印发日期（2020-06-15）早于成文日期（2021-06-15）");
        const char *zJ = to_json(&g);
        CHECK(starts(zJ, "{\"title\":\"西吉县人民政府办公室关于印发《西吉县2021年政务公开工作"
                         "要点》的通知\",\"docno\":\"西政办发〔2021〕39号\","
                         "\"issuer\":\"西吉县人民政府办公室\","
                         "\"addressees\":[\"各乡（镇）人民政府\",\"县直各部门（单位）\"],"
                         "\"written_at\":\"2021-06-15\",\"disclosure\":\"主动公开\","
                         "\"attachments\":[],\"cc\":[\"县委书记\",\"副书记\","));
        CHECK(ends(zJ, "专项反馈。\",\"warnings\":[\"成文日期（2021-06-15）在未来\","
                       "\"印发日期（2020-06-15）早于成文日期（2021-06-15）\"]}"));
        CHECK(contains(zJ, "\"printed_by\":\"西吉县人民政府办公室\",\"printed_at\":\"2020-06-15\","
                           "\"copies\":\"纸发40份 电发101份\",\"copies_paper\":40,"
                           "\"copies_electronic\":101,\"issuer_mark\":\"西吉县人民政府办公室文件\","
                           "\"secrecy\":null,\"urgency\":null,\"signers\":[],\"note\":null,\"body\":\"《"));
        CHECK(contains(zJ, "规范信息公示"));
    }

    subtest("gongwen-2.1", "dates: Arabic, full-width, Chinese numerals, spaces") {
        CHECK_STR(iso("2021年6月15日"), "2021-06-15");
        CHECK_STR(iso(" 2021 年 6 月 15 日 "), "2021-06-15");
        CHECK_STR(iso("２０２１年６月１５日"), "2021-06-15");
        CHECK_STR(iso("二〇二一年六月十五日"), "2021-06-15");
        CHECK_STR(iso("二○二一年十二月三十一日"), "2021-12-31");
        CHECK_STR(iso("二零二零年二月二十九日"), "2020-02-29");
        CHECK_STR(iso("二O二一年十月十日"), "2021-10-10");
        CHECK_STR(iso("二〇二一年一月二十日"), "2021-01-20");
        CHECK_STR(iso("2021年十一月5日"), "2021-11-05");
        CHECK_STR(iso("2021　年　6　月　1　日"), "2021-06-01");
    }

    subtest("gongwen-2.2", "dates: refused") {
        CHECK_STR(iso("2021年2月29日"), "ERR");
        CHECK_STR(iso("2021年13月1日"), "ERR");
        CHECK_STR(iso("2021年6月31日"), "ERR");
        CHECK_STR(iso("2021年6月15日印发"), "ERR");
        CHECK_STR(iso("21年6月15日"), "ERR");
        CHECK_STR(iso("1899年1月1日"), "ERR");
        CHECK_STR(iso("2021年6月"), "ERR");
        CHECK_STR(iso("二〇二一年十三月一日"), "ERR");
        CHECK_STR(iso("2021年6月三十二日"), "ERR");
        CHECK_STR(iso("2021-06-15"), "ERR");
        CHECK_STR(iso(""), "ERR");
        char z[11] = "x";
        CHECK_INT(gongwen_date("2021年0月1日", strlen("2021年0月1日"), z), ZW_EINPUT);
        CHECK_STR(z, "");
    }

    subtest("gongwen-3.1", "请示 with 签发人, 附件 list and 附注; CRLF and BOM") {
        Gongwen g = parse(zQingshi);
        CHECK_STR(g.zTitle, "西吉县财政局关于申请拨付2021年政务公开专项经费的请示");
        CHECK_STR(g.zDocno, "西财发〔2021〕12号");
        CHECK_STR(g.zMark, "西吉县财政局文件");
        CHECK_STR(g.zUrgency, "特急");
        CHECK(g.zSecrecy == NULL);
        CHECK_STR(joined(g.azSigner, g.nSigner), "马明");
        CHECK_STR(joined(g.azAddressee, g.nAddressee), "县人民政府");
        CHECK_STR(joined(g.azAttachment, g.nAttachment),
                  "2021年政务公开专项经费预算表|政务公开平台建设方案");
        CHECK_STR(g.zIssuer, "西吉县财政局");
        CHECK_STR(g.zWrittenAt, "2021-05-10");
        CHECK_STR(g.zNote, "（联系人：李四，电话：0954-1234567）");
        CHECK(g.zDisclosure == NULL);
        CHECK_STR(joined(g.azCc, g.nCc), "县政府办公室|县审计局");
        CHECK_STR(g.zPrintedBy, "西吉县财政局办公室");
        CHECK_STR(g.zPrintedAt, "2021-05-10");
        CHECK(g.zCopies == NULL && g.nCopiesPaper == -1 && g.nCopiesElectronic == -1);
        CHECK_STR(g.zBody, "为做好2021年政务公开工作，按照《西吉县2021年政务公开工作要点》要求，特申请"
                           "拨付专项经费5万元，用于政府网站集群建设和政务新媒体监管。\n妥否，请批示。");
        CHECK_INT(g.nWarning, 0);
    }

    subtest("gongwen-3.2", "CRLF, LF and CR line ends and a BOM give the same JSON") {
        Str lf, cr;
        str_init(&lf, &g_a);
        str_init(&cr, &g_a);
        for (const char *p = zQingshi + 3; *p; p++) {
            if (*p != '\r') str_putc(&lf, *p);
            if (*p != '\n') str_putc(&cr, *p);
        }
        Gongwen g1 = parse(zQingshi), g2 = parse(str_cstr(&lf)), g3 = parse(str_cstr(&cr));
        const char *zA = to_json(&g1);
        CHECK_STR(to_json(&g2), zA);
        CHECK_STR(to_json(&g3), zA);
    }

    subtest("gongwen-3.3", "signers on their own lines, 上行文 order") {
        Gongwen g = parse("西吉县人民政府文件\n签发人：马 明　李建国\n王  五\n"
                          "西政发〔2021〕7号\n西吉县人民政府关于2021年政务公开工作情况的报告\n"
                          "市人民政府：\n现将有关情况报告如下。\n西吉县人民政府\n2021年12月1日\n");
        CHECK_STR(joined(g.azSigner, g.nSigner), "马明|李建国|王五");
        CHECK_STR(g.zDocno, "西政发〔2021〕7号");
        CHECK_STR(g.zTitle, "西吉县人民政府关于2021年政务公开工作情况的报告");
        CHECK_STR(joined(g.azAddressee, g.nAddressee), "市人民政府");
        CHECK_INT(g.nWarning, 0);
    }

    subtest("gongwen-4.1", "通知: 密级, full-width 文号, one-line 附件 list, Chinese date") {
        Gongwen g = parse(zTongzhi);
        CHECK_STR(g.zSecrecy, "秘密★1年");
        CHECK_STR(g.zMark, "西吉县人民政府文件");
        CHECK_STR(g.zDocno, "西政发〔2021〕5号"); /* normalized, as the 文号 field stores it */
        CHECK_STR(g.zTitle, "西吉县人民政府关于做好2021年政府开放活动的通知");
        CHECK_STR(joined(g.azAddressee, g.nAddressee), "各乡（镇）人民政府|县直各部门、各单位");
        CHECK_STR(joined(g.azAttachment, g.nAttachment), "政府开放活动安排表|问卷调查样表");
        CHECK_STR(g.zIssuer, "西吉县人民政府");
        CHECK_STR(g.zWrittenAt, "2021-08-20");
        CHECK_STR(g.zDisclosure, "依申请公开");
        CHECK_STR(joined(g.azCc, g.nCc), "县委办|县人大办|县政协办");
        CHECK_STR(g.zPrintedBy, "西吉县人民政府办公室");
        CHECK_STR(g.zPrintedAt, "2021-08-21");
        CHECK_STR(g.zCopies, "（共印50份）");
        CHECK_INT(g.nCopiesPaper, 50);
        CHECK_INT(g.nCopiesElectronic, -1);
        CHECK_INT(g.nWarning, 0);
    }

    subtest("gongwen-4.2", "body: page number dropped, fragments joined, headings kept") {
        Gongwen g = parse(zTongzhi);
        CHECK_STR(g.zBody,
                  "为拓宽政府开放渠道，经县人民政府研究，决定在9月集中开展政府开放活动。现将有关事项"
                  "通知如下：\n一、活动时间\n2021年9月，各乡镇、各部门要结合实际确定开放日，提前在"
                  "政府网站公布活动安排，组织群众有序参与，并做好问卷调查。\n二、工作要求\n"
                  "各乡镇、各部门要高度重视。");
    }

    subtest("gongwen-4.3", "附件 list over several lines, wrapped names, （1） numbers") {
        Gongwen g = parse("关于印发两个方案的通知\n各部门：\n现将两个方案印发给你们。\n"
                          "附件：\n（1）西吉县政务公开\n     工作方案\n（2）西吉县政府开放活动方案。\n"
                          "西吉县人民政府办公室\n2021年3月1日\n");
        CHECK_STR(joined(g.azAttachment, g.nAttachment), "西吉县政务公开工作方案|西吉县政府开放活动方案");
        CHECK_STR(g.zBody, "现将两个方案印发给你们。");
        CHECK_STR(g.zIssuer, "西吉县人民政府办公室");
    }

    subtest("gongwen-5.1", "no 文号: warned; the title is the first line") {
        Gongwen g = parse("关于召开政务公开工作推进会的通知\n各乡镇，县直各部门：\n"
                          "定于6月20日召开推进会，请准时参加。\n西吉县人民政府办公室\n2021年6月15日\n");
        CHECK(g.zDocno == NULL && g.zMark == NULL);
        CHECK_STR(g.zTitle, "关于召开政务公开工作推进会的通知");
        CHECK_STR(joined(g.azAddressee, g.nAddressee), "各乡镇|县直各部门");
        CHECK_STR(joined(g.azWarning, g.nWarning), "缺少文号");
        CHECK_STR(g.zBody, "定于6月20日召开推进会，请准时参加。");
    }

    subtest("gongwen-5.2", "dated in the future, and printed in the future") {
        Gongwen g = parse("西吉县人民政府办公室文件\n西政办发〔2031〕1号\n关于2031年工作的通知\n"
                          "各部门：\n请做好准备。\n西吉县人民政府办公室\n二〇三一年一月五日\n"
                          "西吉县人民政府办公室　2031年1月6日印发\n");
        CHECK_STR(g.zWrittenAt, "2031-01-05");
        CHECK_STR(g.zPrintedAt, "2031-01-06");
        CHECK_STR(joined(g.azWarning, g.nWarning),
                  "成文日期（2031-01-05）在未来|印发日期（2031-01-06）在未来");
        Gongwen g2;
        Err err = {0};
        const char *z = "关于的通知\n各部门：\n请做好准备。\n西吉县人民政府办公室\n2025年6月1日\n";
        CHECK_INT(gongwen_parse(&g_a, z, strlen(z), "2025-06-01", &g2, &err), ZW_OK);
        CHECK_STR(joined(g2.azWarning, g2.nWarning), "缺少文号"); /* today is not the future */
    }

    subtest("gongwen-5.3", "文号 year differs from the 成文日期 year") {
        Gongwen g = parse("西政发〔2020〕9号\n关于表彰先进的决定\n各部门：\n予以表彰。\n"
                          "西吉县人民政府\n2021年1月4日\n");
        CHECK(g.zMark == NULL);
        CHECK_STR(g.zDocno, "西政发〔2020〕9号");
        CHECK_STR(joined(g.azWarning, g.nWarning), "文号年份（2020）与成文日期年份（2021）不一致");
    }

    subtest("gongwen-6.1", "BOM, CRLF, tabs, ideographic and stray spaces in the title") {
        Gongwen g = parse("\xEF\xBB\xBF\r\n\t西吉县人民政府办公室文件\r\n　西政办发 〔2021〕 40 号　\r\n"
                          "  西吉县 人民政府 办公室 关于 印发\t《COVID 19 防控方案》 的  通知  \r\n"
                          "\r\n县直各部门：\r\n\t请遵照执行。\r\n"
                          "西吉县人民政府办公室\r\n２０２１年７月１日\r\n");
        CHECK_STR(g.zTitle, "西吉县人民政府办公室关于印发《COVID 19防控方案》的通知");
        CHECK_STR(g.zDocno, "西政办发〔2021〕40号");
        CHECK_STR(g.zWrittenAt, "2021-07-01");
        CHECK_STR(g.zBody, "请遵照执行。");
        CHECK_INT(g.nWarning, 0);
    }

    subtest("gongwen-7.1", "missing title and date; an impossible date") {
        Gongwen g = parse("各部门：\n请遵照执行。\n");
        CHECK(g.zTitle == NULL && g.zWrittenAt == NULL);
        CHECK_STR(joined(g.azAddressee, g.nAddressee), "各部门");
        CHECK_STR(joined(g.azWarning, g.nWarning), "缺少标题|缺少文号|缺少成文日期");
        g = parse("西政发〔2021〕3号\n关于调整假期的通知\n各部门：\n请遵照执行。\n"
                  "西吉县人民政府　　2021年2月30日\n");
        CHECK_STR(g.zIssuer, "西吉县人民政府");
        CHECK(g.zWrittenAt == NULL);
        CHECK_STR(joined(g.azWarning, g.nWarning), "成文日期无效（2021年2月30日）");
        CHECK_STR(g.zBody, "请遵照执行。");
    }

    subtest("gongwen-8.1", "令: 第N号, signature with a title, 版记 公开方式, 、 list") {
        Gongwen g = parse("西吉县人民政府令\n第3号\n"
                          "《西吉县政府信息公开办法》已经县人民政府常务会议通过，现予公布。\n"
                          "县长　马　明\n2021年6月10日\n公开方式：主动公开\n"
                          "抄送：县委、县人大常委会、县政协\n");
        CHECK_STR(g.zMark, "西吉县人民政府令");
        CHECK_STR(g.zDocno, "第3号");
        CHECK(g.zTitle == NULL);
        CHECK_STR(g.zIssuer, "县长 马明");
        CHECK_STR(g.zDisclosure, "主动公开");
        CHECK_STR(joined(g.azCc, g.nCc), "县委|县人大常委会|县政协");
        CHECK_STR(g.zBody, "《西吉县政府信息公开办法》已经县人民政府常务会议通过，现予公布。");
        CHECK_INT(g.nWarning, 0); /* a 令 has no title */
    }

    subtest("gongwen-8.2", "joint issuers, 不予公开, disagreeing 公开方式, 纸发/电发") {
        Gongwen g = parse("西财发〔2021〕5号\n关于加强惠民惠农资金公开的通知\n各乡镇：\n请抓好落实。\n"
                          "西吉县财政局\n西吉县农业农村局\n2021年4月2日\n（此件不公开）\n"
                          "公开方式：主动公开\n抄送：县政府办，县审计局，\n县纪委监委。\n"
                          "西吉县财政局办公室\n2021年4月2日印发\n电发 12 份\n");
        CHECK_STR(g.zIssuer, "西吉县财政局 西吉县农业农村局");
        CHECK_STR(g.zDisclosure, "不予公开");
        CHECK_STR(joined(g.azCc, g.nCc), "县政府办|县审计局|县纪委监委");
        CHECK_INT(g.nCopiesElectronic, 12);
        CHECK_INT(g.nCopiesPaper, -1);
        CHECK_STR(joined(g.azWarning, g.nWarning), "公开方式不一致（附注：不予公开，版记：主动公开）");
        CHECK_STR(g.zBody, "请抓好落实。");
    }

    subtest("gongwen-8.3", "抄送 wrapped inside an item; 印发机关 not taken from a ，line") {
        Gongwen g = parse("西政办发〔2021〕2号\n关于的通知\n各部门：\n正文。\n西吉县人民政府办公室\n"
                          "2021年1月5日\n抄送：县委办公室，县人大常委会办\n公室，县政协办公室，\n"
                          "县法院\n2021年1月5日印发\n");
        CHECK_STR(joined(g.azCc, g.nCc), "县委办公室|县人大常委会办公室|县政协办公室|县法院");
        CHECK(g.zPrintedBy == NULL);
        CHECK_STR(g.zPrintedAt, "2021-01-05");
    }

    subtest("gongwen-8.4", "份数 above the 印发 line; an impossible 印发日期; 特此通知") {
        Gongwen g = parse("西政办发〔2021〕2号\n西吉县政务公开工作领导小组成员名单\n特此通知\n"
                          "西吉县人民政府办公室\n2021年1月5日\n抄送：县委办公室。\n"
                          "（共印30份）\n西吉县人民政府办公室　2021年2月30日印发\n");
        CHECK_STR(g.zTitle, "西吉县政务公开工作领导小组成员名单");
        CHECK_STR(g.zBody, "特此通知");
        CHECK_STR(joined(g.azCc, g.nCc), "县委办公室");
        CHECK_STR(g.zCopies, "（共印30份）");
        CHECK_INT(g.nCopiesPaper, 30);
        CHECK_STR(g.zPrintedBy, "西吉县人民政府办公室");
        CHECK(g.zPrintedAt == NULL);
        CHECK_STR(joined(g.azWarning, g.nWarning), "印发日期无效（2021年2月30日）");
    }

    subtest("gongwen-8.5", "page numbers are dropped, other dashed lines kept") {
        Gongwen g = parse("关于的通知\n各部门：\n甲。\n— 1 —\n-12-\n第2页\n第2页 共5页\n1-2\n"
                          "—\n-3\n2021-06-15\n西吉县人民政府\n2021年1月5日\n");
        CHECK_STR(g.zBody, "甲。\n1-2\n—\n-3\n2021-06-15");
    }

    subtest("gongwen-9.1", "joining is conservative") {
        Gongwen g = parse("关于的通知\n各部门：\n"
                          "一、总体要求\n"
                          "各部门要加强领导。\n"
                          "（一）明确责任\n"
                          "各乡镇要落实属地责任，各部门要落实主管责任，确保各项工作落到\n"
                          "（二）加强督查\n"
                          "各乡镇要落实属地责任，各部门要落实主管责任，确保各项工作落到\n"
                          "实处。\n"
                          "短句没有标点\n"
                          "下一段。\n"
                          "按照要求，各部门要认真做好信息公开工作，\n"
                          "2021年底前完成。\n"
                          "按照要求，各部门要认真做好信息公开工作，\n"
                          "第一条 本办法自公布之日起施行。\n"
                          "西吉县人民政府办公室\n2021年1月5日\n");
        CHECK_STR(g.zBody, "一、总体要求\n各部门要加强领导。\n（一）明确责任\n"
                           "各乡镇要落实属地责任，各部门要落实主管责任，确保各项工作落到\n"
                           "（二）加强督查\n"
                           "各乡镇要落实属地责任，各部门要落实主管责任，确保各项工作落到实处。\n"
                           "短句没有标点\n下一段。\n"
                           "按照要求，各部门要认真做好信息公开工作，\n2021年底前完成。\n"
                           "按照要求，各部门要认真做好信息公开工作，\n第一条 本办法自公布之日起施行。");
    }

    subtest("gongwen-10.1", "empty, blank, binary and NUL input still give JSON") {
        Gongwen g;
        Err err = {0};
        CHECK_INT(gongwen_parse(&g_a, "", 0, NULL, &g, &err), ZW_OK);
        CHECK_STR(to_json(&g), "{\"title\":null,\"docno\":null,\"issuer\":null,\"addressees\":[],"
                               "\"written_at\":null,\"disclosure\":null,\"attachments\":[],\"cc\":[],"
                               "\"printed_by\":null,\"printed_at\":null,\"copies\":null,"
                               "\"copies_paper\":null,\"copies_electronic\":null,\"issuer_mark\":null,"
                               "\"secrecy\":null,\"urgency\":null,\"signers\":[],\"note\":null,"
                               "\"body\":null,\"warnings\":[\"缺少标题\",\"缺少文号\",\"缺少成文日期\"]}");
        CHECK_INT(gongwen_parse(&g_a, NULL, 0, NULL, &g, &err), ZW_OK);
        CHECK_INT(gongwen_parse(&g_a, " \r\n\t　\n", 7, NULL, &g, &err), ZW_OK);
        CHECK(g.zBody == NULL && g.nWarning == 3);
        static const char zBad[] = "关于\xFF\xFE的通知\n各部门\x00：\n正文\xE4\xB8。\n";
        CHECK_INT(gongwen_parse(&g_a, zBad, sizeof zBad - 1, NULL, &g, &err), ZW_OK);
        CHECK_STR(g.zTitle, "关于\xEF\xBF\xBD\xEF\xBF\xBD的通知");
        CHECK(utf8_valid(to_json(&g), strlen(to_json(&g))));
        CHECK(contains(g.zBody, "正文\xEF\xBF\xBD\xEF\xBF\xBD。")); /* one U+FFFD per bad byte */
    }

    subtest("gongwen-10.2", "limits and a malformed today") {
        Gongwen g;
        Err err = {0};
        CHECK_INT(gongwen_parse(&g_a, "x", 1, "2025-6-1", &g, &err), ZW_EINPUT);
        CHECK(err.zMsg != NULL);
        size_t nBig = (size_t)GONGWEN_MAX_INPUT + 1;
        char *zBig = malloc(nBig);
        memset(zBig, 'a', nBig);
        err = (Err){0};
        CHECK_INT(gongwen_parse(&g_a, zBig, nBig, NULL, &g, &err), ZW_ETOOBIG);
        CHECK(err.zMsg != NULL && g.zBody == NULL);
        free(zBig);
    }

    subtest("gongwen-10.3", "a long document is linear: 1 MB of lines parses") {
        Str s;
        str_init(&s, &g_a);
        str_puts(&s, "西政办发〔2021〕1号\n关于的通知\n各部门：\n");
        while (s.n < (1u << 20)) str_puts(&s, "抄送：县委，\n2021年6月15日\n规范信\n");
        Gongwen g;
        Err err = {0};
        CHECK_INT(gongwen_parse(&g_a, s.z, s.n, NULL, &g, &err), ZW_OK);
        CHECK_STR(g.zWrittenAt, "2021-06-15");
    }

    subtest("gongwen-11.1", "regression (fuzz found_007d3e34): labels with spaces inside") {
        static const char zIn[] = "西政发〔2021〕1号\n签 发 人：马 明\n关于的通知\n各部门：\n正文。\n"
                                  "附 件：1.甲表\n西吉县人民政府\n2021年1月4日\n"
                                  "抄\x17送：县委，县政府\n";
        Gongwen g = parse(zIn);
        CHECK_STR(joined(g.azSigner, g.nSigner), "马明");
        CHECK_STR(joined(g.azAttachment, g.nAttachment), "甲表");
        CHECK_STR(joined(g.azCc, g.nCc), "县委|县政府");
        const char *zJ = to_json(&g);
        CHECK(utf8_valid(zJ, strlen(zJ)));
    }

    arena_free(&g_a);
    return t_done();
}
