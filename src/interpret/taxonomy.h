/*
** taxonomy.h: the shared taxonomy of 政策找人、政策找企业 — who a policy is for
** (its audience) and who a subscriber or a visitor of 政策匹配 is (their profile).
**
** Both are objects of the same five dimensions, each a list of values:
**   group     人群 (老年人, 残疾人, …)            values are the Chinese names
**   industry  国民经济行业分类 门类 A–T          values are the letters
**   size      企业规模                           large medium small micro
**   town      乡镇                               unit codes of kind 'town'
**   topic     主题分类                           the Chinese names
** A policy matches a profile when every dimension the policy names shares at
** least one value with the profile; a dimension the policy leaves out means
** everyone.  The canonical text of an object (taxonomy_normalize) lists the
** dimensions in the order above, values in taxonomy order without duplicates,
** and leaves empty dimensions out: '{}' is everyone.
**
** Memory: strings and arrays returned live in the caller's Arena; the tables
**         (TaxDim) are static.
** Errors: ZW_EINPUT with a Chinese message naming the dimension and value.
*/
#ifndef ZW_TAXONOMY_H
#define ZW_TAXONOMY_H

#include <stdint.h>

#include "../core/arena.h"
#include "../core/err.h"
#include "../core/json.h"
#include "../core/str.h"
#include "../http/form.h"
#include "../store/db.h"
#include "../web/tmpl.h"

enum { TAX_GROUP, TAX_INDUSTRY, TAX_SIZE, TAX_TOWN, TAX_TOPIC, TAX_NDIM };

/* One value of a dimension: its code (what the API carries) and Chinese label. */
typedef struct TaxValue {
    const char *zCode, *zLabel;
} TaxValue;

/* A dimension.  aValue is NULL for 'town', whose values come from the unit table. */
typedef struct TaxDim {
    const char *zKey, *zLabel;
    const TaxValue *aValue;
    int nValue;
} TaxDim;

extern const TaxDim g_aTaxDim[TAX_NDIM];

/* A parsed audience or profile: for each dimension, the indexes of its values
** in taxonomy order (for town, indexes into the town list passed to the parser),
** as a bit set.  Up to 64 values per dimension. */
typedef struct Audience {
    uint64_t aBits[TAX_NDIM]; /* 0: dimension not named */
} Audience;

/* The towns (unit codes and names of kind 'town', by sort order). */
typedef struct TaxTowns {
    TaxValue *aTown;
    int nTown;
} TaxTowns;
int taxonomy_towns(Db *db, Arena *a, TaxTowns *p);

/* Validate the JSON object j (an audience or profile) and write its canonical text
** to *pzOut.  j may be NULL or JSON null (everyone: "{}"). */
int taxonomy_normalize(Arena *a, const TaxTowns *pTowns, const Json *j, const char **pzOut,
                       Err *err);
/* Parse canonical (or any valid) text into bit sets; unknown values are an error. */
int taxonomy_parse(Arena *a, const TaxTowns *pTowns, const char *zJson, Audience *p, Err *err);
/* 1 when a policy with audience pPolicy applies to pProfile. */
int audience_match(const Audience *pPolicy, const Audience *pProfile);
/* The audience in Chinese for a page ("人群：老年人、残疾人；乡镇：吉强镇"), or "" for
** everyone. */
const char *taxonomy_describe(Arena *a, const TaxTowns *pTowns, const char *zJson);
/* The whole taxonomy as the JSON of GET /api/v1/taxonomy. */
void taxonomy_json(Str *s, const TaxTowns *pTowns);

/* HTML forms: checkboxes named zPrefix + dimension key ("aud_group", …), one field
** per checked value.  taxonomy_from_form reads them into canonical text;
** taxonomy_tval fills a list under zKey for templates/site/_audience.html:
** [{key,label,name,values:[{code,label,checked}]}] with the values of zJson checked. */
int taxonomy_from_form(Arena *a, const TaxTowns *pTowns, const Form *pForm, const char *zPrefix,
                       const char **pzOut, Err *err);
void taxonomy_tval(Arena *a, TVal *d, const char *zKey, const TaxTowns *pTowns,
                   const char *zPrefix, const char *zJson);

#endif
