// SPDX-License-Identifier: MIT
/*
** taxonomy.c: the dimensions of an audience or profile, their canonical text and
** matching (see taxonomy.h).
*/
#include "taxonomy.h"

#include <string.h>

static const TaxValue aGroup[] = {
    {"老年人", "老年人"},           {"残疾人", "残疾人"},         {"学生及家长", "学生及家长"},
    {"农民", "农民"},               {"退役军人", "退役军人"},     {"低收入群体", "低收入群体"},
    {"就业创业人员", "就业创业人员"}, {"妇女儿童", "妇女儿童"},   {"脱贫人口", "脱贫人口"},
    {"进城务工人员", "进城务工人员"}, {"个体工商户", "个体工商户"}, {"城乡居民", "城乡居民"},
};

/* 国民经济行业分类 (GB/T 4754-2017), 门类. */
static const TaxValue aIndustry[] = {
    {"A", "农、林、牧、渔业"},
    {"B", "采矿业"},
    {"C", "制造业"},
    {"D", "电力、热力、燃气及水生产和供应业"},
    {"E", "建筑业"},
    {"F", "批发和零售业"},
    {"G", "交通运输、仓储和邮政业"},
    {"H", "住宿和餐饮业"},
    {"I", "信息传输、软件和信息技术服务业"},
    {"J", "金融业"},
    {"K", "房地产业"},
    {"L", "租赁和商务服务业"},
    {"M", "科学研究和技术服务业"},
    {"N", "水利、环境和公共设施管理业"},
    {"O", "居民服务、修理和其他服务业"},
    {"P", "教育"},
    {"Q", "卫生和社会工作"},
    {"R", "文化、体育和娱乐业"},
    {"S", "公共管理、社会保障和社会组织"},
    {"T", "国际组织"},
};

static const TaxValue aSize[] = {
    {"large", "大型企业"}, {"medium", "中型企业"}, {"small", "小型企业"}, {"micro", "微型企业"},
};

/* 主题分类, as government sites list them. */
static const TaxValue aTopic[] = {
    {"综合政务", "综合政务"},
    {"国民经济管理、国有资产监管", "国民经济管理、国有资产监管"},
    {"财政、金融、审计", "财政、金融、审计"},
    {"国土资源、能源", "国土资源、能源"},
    {"农业、林业、水利", "农业、林业、水利"},
    {"工业、交通", "工业、交通"},
    {"商贸、海关、旅游", "商贸、海关、旅游"},
    {"市场监管、安全生产监管", "市场监管、安全生产监管"},
    {"城乡建设、环境保护", "城乡建设、环境保护"},
    {"科技、教育", "科技、教育"},
    {"文化、广电、新闻出版", "文化、广电、新闻出版"},
    {"卫生、体育", "卫生、体育"},
    {"人口与计划生育、妇女儿童工作", "人口与计划生育、妇女儿童工作"},
    {"劳动、人事、监察", "劳动、人事、监察"},
    {"公安、安全、司法", "公安、安全、司法"},
    {"民政、扶贫、救灾", "民政、扶贫、救灾"},
    {"民族、宗教", "民族、宗教"},
    {"对外事务", "对外事务"},
    {"港澳台侨工作", "港澳台侨工作"},
    {"国防", "国防"},
    {"其他", "其他"},
};

#define N(x) ((int)(sizeof(x) / sizeof((x)[0])))

const TaxDim g_aTaxDim[TAX_NDIM] = {
    {"group", "人群", aGroup, N(aGroup)},
    {"industry", "行业", aIndustry, N(aIndustry)},
    {"size", "企业规模", aSize, N(aSize)},
    {"town", "乡镇", NULL, 0},
    {"topic", "主题", aTopic, N(aTopic)},
};

int taxonomy_towns(Db *db, Arena *a, TaxTowns *p) {
    Stmt st;
    int n = 0, nAlloc = 16, rc;
    p->aTown = arena_alloc(a, sizeof(TaxValue) * (size_t)nAlloc);
    db_prepare(db, &st, "SELECT code,name FROM unit WHERE kind='town' ORDER BY sort,id");
    while ((rc = db_step(&st)) == 1 && n < 64) {
        if (n == nAlloc) {
            p->aTown = arena_grow(a, p->aTown, sizeof(TaxValue) * (size_t)n,
                                  sizeof(TaxValue) * (size_t)n * 2);
            nAlloc *= 2;
        }
        p->aTown[n].zCode = db_col_dup(a, &st, 0);
        p->aTown[n].zLabel = db_col_dup(a, &st, 1);
        n++;
    }
    db_done(&st);
    p->nTown = n;
    return rc < 0 ? ZW_EDB : ZW_OK;
}

static void dim_values(const TaxTowns *pTowns, int iDim, const TaxValue **paVal, int *pnVal) {
    if (iDim == TAX_TOWN) {
        *paVal = pTowns ? pTowns->aTown : NULL;
        *pnVal = pTowns ? pTowns->nTown : 0;
    } else {
        *paVal = g_aTaxDim[iDim].aValue;
        *pnVal = g_aTaxDim[iDim].nValue;
    }
}

static int dim_index(const char *zKey) {
    for (int i = 0; i < TAX_NDIM; i++) {
        if (strcmp(g_aTaxDim[i].zKey, zKey) == 0) return i;
    }
    return -1;
}

static int value_index(const TaxTowns *pTowns, int iDim, const char *zCode) {
    const TaxValue *aVal;
    int nVal;
    dim_values(pTowns, iDim, &aVal, &nVal);
    for (int i = 0; i < nVal; i++) {
        if (strcmp(aVal[i].zCode, zCode) == 0) return i;
    }
    return -1;
}

/* Bits of one dimension from a JSON array of strings (a lone string is taken as a
** one-element list). */
static int dim_bits(Arena *a, const TaxTowns *pTowns, int iDim, const Json *j, uint64_t *pBits,
                    Err *err) {
    const char *zDim = g_aTaxDim[iDim].zLabel;
    *pBits = 0;
    if (j->eType == JSON_NULL) return ZW_OK;
    if (j->eType == JSON_STR) {
        int k = value_index(pTowns, iDim, j->zStr);
        if (k < 0) goto unknown_str;
        *pBits = (uint64_t)1 << k;
        return ZW_OK;
    }
    if (j->eType != JSON_ARR) {
        return err_set(err, ZW_EINPUT, "bad_audience",
                       arena_printf(a, "%s（%s）应为字符串数组", zDim, g_aTaxDim[iDim].zKey), NULL);
    }
    for (const Json *e = j->pChild; e; e = e->pNext) {
        if (e->eType != JSON_STR) {
            return err_set(err, ZW_EINPUT, "bad_audience",
                           arena_printf(a, "%s（%s）的取值应为字符串", zDim, g_aTaxDim[iDim].zKey),
                           NULL);
        }
        int k = value_index(pTowns, iDim, e->zStr);
        if (k < 0) {
            j = e;
            goto unknown_str;
        }
        *pBits |= (uint64_t)1 << k;
    }
    return ZW_OK;
unknown_str:
    return err_set(err, ZW_EINPUT, "bad_audience",
                   arena_printf(a, "%s（%s）没有“%.40s”这一项，可选值见 /api/v1/taxonomy", zDim,
                                g_aTaxDim[iDim].zKey, j->zStr),
                   NULL);
}

static int json_to_audience(Arena *a, const TaxTowns *pTowns, const Json *j, Audience *p, Err *err) {
    memset(p, 0, sizeof *p);
    if (!j || j->eType == JSON_NULL) return ZW_OK;
    if (j->eType != JSON_OBJ) {
        return err_set(err, ZW_EINPUT, "bad_audience",
                       "适用对象应为 JSON 对象，如 {\"group\":[\"老年人\"]}", NULL);
    }
    for (const Json *m = j->pChild; m; m = m->pNext) {
        int iDim = dim_index(m->zKey);
        if (iDim < 0) {
            return err_set(err, ZW_EINPUT, "bad_audience",
                           arena_printf(a, "适用对象不支持“%.40s”，可用 group、industry、size、town、topic",
                                        m->zKey),
                           NULL);
        }
        int rc = dim_bits(a, pTowns, iDim, m, &p->aBits[iDim], err);
        if (rc) return rc;
    }
    return ZW_OK;
}

static const char *audience_text(Arena *a, const TaxTowns *pTowns, const Audience *p) {
    Str s;
    str_init(&s, a);
    str_putc(&s, '{');
    int bFirst = 1;
    for (int i = 0; i < TAX_NDIM; i++) {
        if (!p->aBits[i]) continue;
        const TaxValue *aVal;
        int nVal;
        dim_values(pTowns, i, &aVal, &nVal);
        if (!bFirst) str_putc(&s, ',');
        bFirst = 0;
        str_json(&s, g_aTaxDim[i].zKey);
        str_puts(&s, ":[");
        int bFirstVal = 1;
        for (int k = 0; k < nVal && k < 64; k++) {
            if (!(p->aBits[i] & ((uint64_t)1 << k))) continue;
            if (!bFirstVal) str_putc(&s, ',');
            bFirstVal = 0;
            str_json(&s, aVal[k].zCode);
        }
        str_putc(&s, ']');
    }
    str_putc(&s, '}');
    return str_cstr(&s);
}

int taxonomy_normalize(Arena *a, const TaxTowns *pTowns, const Json *j, const char **pzOut,
                       Err *err) {
    Audience aud;
    int rc = json_to_audience(a, pTowns, j, &aud, err);
    if (rc) return rc;
    *pzOut = audience_text(a, pTowns, &aud);
    return ZW_OK;
}

int taxonomy_parse(Arena *a, const TaxTowns *pTowns, const char *zJson, Audience *p, Err *err) {
    Json *j = NULL;
    memset(p, 0, sizeof *p);
    if (!zJson || !zJson[0]) return ZW_OK;
    int rc = json_parse(a, zJson, strlen(zJson), &j, err);
    if (rc) return rc;
    return json_to_audience(a, pTowns, j, p, err);
}

int audience_match(const Audience *pPolicy, const Audience *pProfile) {
    for (int i = 0; i < TAX_NDIM; i++) {
        if (pPolicy->aBits[i] && !(pPolicy->aBits[i] & pProfile->aBits[i])) return 0;
    }
    return 1;
}

const char *taxonomy_describe(Arena *a, const TaxTowns *pTowns, const char *zJson) {
    Audience aud;
    Err err = {0};
    if (taxonomy_parse(a, pTowns, zJson, &aud, &err) != ZW_OK) return "";
    Str s;
    str_init(&s, a);
    for (int i = 0; i < TAX_NDIM; i++) {
        if (!aud.aBits[i]) continue;
        const TaxValue *aVal;
        int nVal;
        dim_values(pTowns, i, &aVal, &nVal);
        if (s.n) str_puts(&s, "；");
        str_appendf(&s, "%s：", g_aTaxDim[i].zLabel);
        int bFirst = 1;
        for (int k = 0; k < nVal && k < 64; k++) {
            if (!(aud.aBits[i] & ((uint64_t)1 << k))) continue;
            if (!bFirst) str_puts(&s, "、");
            bFirst = 0;
            str_puts(&s, aVal[k].zLabel);
        }
    }
    return str_cstr(&s);
}

void taxonomy_json(Str *s, const TaxTowns *pTowns) {
    str_puts(s, "{\"dimensions\":[");
    for (int i = 0; i < TAX_NDIM; i++) {
        const TaxValue *aVal;
        int nVal;
        dim_values(pTowns, i, &aVal, &nVal);
        if (i) str_putc(s, ',');
        str_puts(s, "{\"key\":");
        str_json(s, g_aTaxDim[i].zKey);
        str_puts(s, ",\"label\":");
        str_json(s, g_aTaxDim[i].zLabel);
        str_puts(s, ",\"values\":[");
        for (int k = 0; k < nVal; k++) {
            if (k) str_putc(s, ',');
            str_puts(s, "{\"code\":");
            str_json(s, aVal[k].zCode);
            str_puts(s, ",\"label\":");
            str_json(s, aVal[k].zLabel);
            str_putc(s, '}');
        }
        str_puts(s, "]}");
    }
    str_puts(s, "]}");
}

int taxonomy_from_form(Arena *a, const TaxTowns *pTowns, const Form *pForm, const char *zPrefix,
                       const char **pzOut, Err *err) {
    Audience aud;
    memset(&aud, 0, sizeof aud);
    size_t nPrefix = strlen(zPrefix);
    for (int i = 0; i < pForm->nField; i++) {
        const FormField *f = &pForm->aField[i];
        if (strncmp(f->zName, zPrefix, nPrefix) != 0) continue;
        int iDim = dim_index(f->zName + nPrefix);
        if (iDim < 0 || !f->zValue[0]) continue;
        int k = value_index(pTowns, iDim, f->zValue);
        if (k < 0) {
            return err_set(err, ZW_EINPUT, "bad_audience",
                           arena_printf(a, "%s没有“%.40s”这一项", g_aTaxDim[iDim].zLabel, f->zValue),
                           NULL);
        }
        aud.aBits[iDim] |= (uint64_t)1 << k;
    }
    *pzOut = audience_text(a, pTowns, &aud);
    return ZW_OK;
}

void taxonomy_tval(Arena *a, TVal *d, const char *zKey, const TaxTowns *pTowns,
                   const char *zPrefix, const char *zJson) {
    Audience aud;
    Err err = {0};
    if (taxonomy_parse(a, pTowns, zJson, &aud, &err) != ZW_OK) memset(&aud, 0, sizeof aud);
    TVal *pList = tv_list(d, zKey);
    for (int i = 0; i < TAX_NDIM; i++) {
        const TaxValue *aVal;
        int nVal;
        dim_values(pTowns, i, &aVal, &nVal);
        TVal *t = tv_push(pList);
        tv_str(t, "key", g_aTaxDim[i].zKey);
        tv_str(t, "label", g_aTaxDim[i].zLabel);
        tv_str(t, "name", arena_printf(a, "%s%s", zPrefix, g_aTaxDim[i].zKey));
        TVal *pVals = tv_list(t, "values");
        for (int k = 0; k < nVal && k < 64; k++) {
            TVal *v = tv_push(pVals);
            tv_str(v, "code", aVal[k].zCode);
            tv_str(v, "label", aVal[k].zLabel);
            tv_bool(v, "checked", (aud.aBits[i] >> k) & 1);
        }
    }
}
