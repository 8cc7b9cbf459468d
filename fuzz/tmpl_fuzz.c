// SPDX-License-Identifier: MIT
/*
** tmpl_fuzz.c: libFuzzer target for web/tmpl.  The input is compiled as a template
** called "f.html" (so {{> f.html}} recurses into itself) and, when it compiles,
** rendered against a small fixed value tree that has every kind of value: strings
** that need escaping, an Html value, ints, bools, null, objects and lists of objects
** and of strings.  Checks: no crash or sanitizer report, and input without "{{"
** renders as itself.
**
** Inputs with more than 8 "{{#" are skipped: each nested section over a 3-element
** list triples the work, and such inputs only find the render step limit, slowly.
*/
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../src/web/tmpl.h"

int LLVMFuzzerTestOneInput(const uint8_t *aData, size_t nData);

static Arena g_a;     /* holds the tree for the whole run */
static TVal *g_pRoot; /* the fixed context */

static void make_tree(void) {
    arena_init(&g_a);
    TVal *d = tv_obj(&g_a);
    tv_str(d, "title", "<script>alert(\"x\")</script>&'");
    tv_str(d, "empty", "");
    tv_str(d, "none", NULL);
    tv_html(d, "body", html_trust("<p>ok &amp; fine</p>"));
    tv_int(d, "n", -12345);
    tv_int(d, "zero", 0);
    tv_bool(d, "yes", 1);
    tv_bool(d, "no", 0);
    TVal *site = tv_child(d, "site");
    tv_str(site, "name", "政务公开");
    tv_str(tv_child(site, "unit"), "name", "县政府");
    TVal *docs = tv_list(d, "docs");
    for (int k = 0; k < 3; k++) {
        TVal *e = tv_push(docs);
        tv_int(e, "n", k);
        tv_str(e, "title", k == 1 ? "a<b" : "t");
        tv_bool(e, "yes", k != 2);
        tv_html(e, "body", html_trust("<i>x</i>"));
        TVal *tags = tv_list(e, "tags");
        tv_push_str(tags, "x&y");
        tv_push_str(tags, "");
    }
    tv_list(d, "nolist");
    g_pRoot = d;
}

int LLVMFuzzerTestOneInput(const uint8_t *aData, size_t nData) {
    const char *p = (const char *)aData;
    if (!g_pRoot) make_tree();
    if (nData > 65536) return 0;
    int nSection = 0;
    for (const char *q = p; (q = memmem(q, nData - (size_t)(q - p), "{{#", 3)); q += 3) {
        if (++nSection > 8) return 0;
    }

    Tmpl *pSet = NULL;
    Err err = {0};
    int rc = tmpl_parse_buffer(&pSet, "f.html", p, nData, &err);
    if (rc != ZW_OK) {
        if (!pSet && err.zLog && err.zMsg) return 0;
        abort(); /* a failure must leave no set and both messages */
    }
    Str s;
    str_init(&s, NULL);
    s.nMax = 1 << 20;
    rc = tmpl_render(pSet, "f.html", g_pRoot, &s, &err);
    if (rc != ZW_OK && (!err.zLog || !err.zMsg)) abort();
    if (!memmem(p, nData, "{{", 2)) {
        if (rc != ZW_OK || s.n != nData || (nData && memcmp(s.z, p, nData) != 0)) abort();
    }
    str_free(&s);
    tmpl_free(pSet);
    return 0;
}
