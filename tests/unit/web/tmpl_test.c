// SPDX-License-Identifier: MIT
/*
** tmpl_test.c: unit tests for web/tmpl.  Single templates are compiled from strings
** with tmpl_parse_buffer(); sets with partials are written to a directory under /tmp
** (mkdtemp) and read back with tmpl_load(), which is also the --dev code path.  The
** embedded set is whatever build/embed.c holds; it must at least load.
*/
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../../../src/core/embed.h"
#include "../../../src/web/tmpl.h"
#include "t.h"

static Arena g_a; /* values and rendered output; dropped at the end */

/* Render zSrc (a template called "t.html") with pData; returns the output, or NULL
** with *pRc and *pErr set. */
static const char *run(const char *zSrc, const TVal *pData, int *pRc, Err *pErr) {
    Tmpl *p = NULL;
    Err err = {0};
    int rc = tmpl_parse_buffer(&p, "t.html", zSrc, strlen(zSrc), &err);
    const char *zOut = NULL;
    if (rc == ZW_OK) {
        Str s;
        str_init(&s, &g_a);
        rc = tmpl_render(p, "t.html", pData, &s, &err);
        if (rc == ZW_OK) zOut = str_cstr(&s);
    }
    if (pRc) *pRc = rc;
    if (pErr) *pErr = err;
    tmpl_free(p);
    return zOut;
}

/* Render expecting success; "(error)" otherwise, so CHECK_STR shows it. */
static const char *R(const char *zSrc, const TVal *pData) {
    Err err = {0};
    const char *z = run(zSrc, pData, NULL, &err);
    if (!z) {
        fprintf(stderr, "  render error: %s\n", err.zLog ? err.zLog : "?");
        return "(error)";
    }
    return z;
}

/* The load (compile) error code of zSrc, with the error in *pErr. */
static int compile_rc(const char *zSrc, Err *pErr) {
    Tmpl *p = NULL;
    int rc = tmpl_parse_buffer(&p, "bad.html", zSrc, strlen(zSrc), pErr);
    tmpl_free(p);
    return rc;
}

static int contains(const char *z, const char *zPart) {
    return z && strstr(z, zPart) != NULL;
}

/*
** A template directory under /tmp.
*/
static char g_zDir[64];
static char *g_azMade[64]; /* files and directories made, removed in reverse */
static int g_nMade;

static void remember(const char *zPath) {
    if (g_nMade < (int)(sizeof g_azMade / sizeof g_azMade[0])) {
        g_azMade[g_nMade++] = strdup(zPath);
    }
}

static void put_file(const char *zRel, const char *zText) {
    char zPath[512];
    snprintf(zPath, sizeof zPath, "%s/%s", g_zDir, zRel);
    /* make the parent directories */
    for (char *q = zPath + strlen(g_zDir) + 1; (q = strchr(q, '/')); q++) {
        *q = 0;
        if (mkdir(zPath, 0700) == 0) remember(zPath);
        *q = '/';
    }
    FILE *f = fopen(zPath, "w");
    if (!f) {
        perror(zPath);
        exit(1);
    }
    fputs(zText, f);
    fclose(f);
    remember(zPath);
}

static void drop_dir(void) {
    while (g_nMade > 0) {
        char *z = g_azMade[--g_nMade];
        if (remove(z) != 0) perror(z);
        free(z);
    }
    if (rmdir(g_zDir) != 0) perror(g_zDir);
}

/* Render zName from set p; returns the output or "(error)". */
static const char *RS(const Tmpl *p, const char *zName, const TVal *pData) {
    Str s;
    Err err = {0};
    str_init(&s, &g_a);
    if (tmpl_render(p, zName, pData, &s, &err) != ZW_OK) {
        fprintf(stderr, "  render error: %s\n", err.zLog ? err.zLog : "?");
        return "(error)";
    }
    return str_cstr(&s);
}

/* Threads render the same set at once. */
typedef struct Job {
    const Tmpl *p;
    int nOk;
} Job;

static void *render_many(void *pArg) {
    Job *pJob = pArg;
    Arena a;
    arena_init(&a);
    TVal *d = tv_obj(&a);
    tv_str(d, "title", "<t>");
    TVal *l = tv_list(d, "items");
    for (int k = 0; k < 5; k++) tv_push_str(l, "x");
    for (int k = 0; k < 200; k++) {
        Str s;
        Err err = {0};
        str_init(&s, &a);
        if (tmpl_render(pJob->p, "page.html", d, &s, &err) == ZW_OK &&
            strcmp(str_cstr(&s), "<h1>&lt;t&gt;</h1>\n<ul>\n<li>x</li>\n<li>x</li>\n<li>x</li>\n"
                                 "<li>x</li>\n<li>x</li>\n</ul>\n<footer>&lt;t&gt;</footer>\n") ==
                0) {
            pJob->nOk++;
        }
    }
    arena_free(&a);
    return NULL;
}

int main(void) {
    arena_init(&g_a);
    int rc;
    Err err;

    /* 1: escaping by destination */
    subtest("tmpl-1.1", "{{x}} escapes <script>\"'&") {
        TVal *d = tv_obj(&g_a);
        tv_str(d, "x", "<script>\"'&</script>");
        CHECK_STR(R("a{{x}}b", d), "a&lt;script&gt;&quot;&#39;&amp;&lt;/script&gt;b");
        CHECK_STR(R("{{ x }}", d), "&lt;script&gt;&quot;&#39;&amp;&lt;/script&gt;");
    }
    subtest("tmpl-1.2", "{{x|url}} percent-encodes one component") {
        TVal *d = tv_obj(&g_a);
        tv_str(d, "x", "<a b>&\"'/?=中");
        tv_str(d, "y", "A-z_0.9~");
        CHECK_STR(R("?q={{x|url}}&r={{ y | url }}", d),
                  "?q=%3Ca%20b%3E%26%22%27%2F%3F%3D%E4%B8%AD&r=A-z_0.9~");
    }
    subtest("tmpl-1.3", "{{x|raw}} outputs an Html value as is") {
        TVal *d = tv_obj(&g_a);
        tv_html(d, "body", html_trust("<p class=\"a\">hi &amp; bye</p>"));
        CHECK_STR(R("<div>{{body|raw}}</div>", d), "<div><p class=\"a\">hi &amp; bye</p></div>");
    }
    subtest("tmpl-1.4", "{{x|raw}} on a plain string is a render error") {
        TVal *d = tv_obj(&g_a);
        tv_str(d, "body", "<script>alert(1)</script>");
        tv_int(d, "n", 3);
        CHECK(run("line1\n{{body|raw}}", d, &rc, &err) == NULL);
        CHECK_INT(rc, ZW_EINPUT);
        CHECK(contains(err.zLog, "t.html:2"));
        CHECK(contains(err.zLog, "string"));
        CHECK(err.zMsg != NULL);
        CHECK(run("{{n|raw}}", d, &rc, &err) == NULL);
        CHECK_INT(rc, ZW_EINPUT);
        CHECK(run("{{#body}}{{.|raw}}{{/body}}", d, &rc, &err) == NULL);
        CHECK_INT(rc, ZW_EINPUT);
    }
    subtest("tmpl-1.5", "|raw on a missing or null name renders nothing") {
        TVal *d = tv_obj(&g_a);
        tv_str(d, "none", NULL);
        tv_html(d, "nh", html_trust(NULL));
        CHECK_STR(R("[{{nope|raw}}{{none|raw}}{{nh|raw}}]", d), "[]");
    }
    subtest("tmpl-1.6", "an Html value in {{x}} is escaped like a string") {
        TVal *d = tv_obj(&g_a);
        tv_html(d, "h", html_trust("<b>"));
        CHECK_STR(R("{{h}}|{{h|url}}", d), "&lt;b&gt;|%3Cb%3E");
    }

    /* 2: scalar values and names */
    subtest("tmpl-2.1", "integers render in decimal") {
        TVal *d = tv_obj(&g_a);
        tv_int(d, "a", 0);
        tv_int(d, "b", -42);
        tv_int(d, "c", INT64_MAX);
        tv_int(d, "d", INT64_MIN);
        CHECK_STR(R("{{a}} {{b}} {{c}} {{d}} {{b|url}}", d),
                  "0 -42 9223372036854775807 -9223372036854775808 -42");
    }
    subtest("tmpl-2.2", "booleans render as true/false") {
        TVal *d = tv_obj(&g_a);
        tv_bool(d, "y", 7);
        tv_bool(d, "n", 0);
        CHECK_STR(R("{{y}} {{n}}", d), "true false");
    }
    subtest("tmpl-2.3", "missing names, null, objects and lists render as nothing") {
        TVal *d = tv_obj(&g_a);
        tv_str(d, "z", NULL);
        tv_child(d, "o");
        tv_list(d, "l");
        CHECK_STR(R("[{{nope}}{{z}}{{o}}{{l}}{{nope.deeper}}{{nope|url}}]", d), "[]");
        CHECK_STR(R("[{{x}}]", NULL), "[]");
    }
    subtest("tmpl-2.4", "setting a key again replaces it; old pointers stay valid") {
        TVal *d = tv_obj(&g_a);
        tv_str(d, "a", "1");
        TVal *c = tv_child(d, "b");
        tv_str(d, "z", "z");
        tv_int(d, "a", 2);
        tv_str(d, "b", "now a string");
        tv_str(c, "x", "detached");
        CHECK_STR(R("{{a}} {{b}} {{z}} {{b.x}}", d), "2 now a string z ");
        tv_str(d, "z", "last");
        tv_str(d, "w", "new");
        CHECK_STR(R("{{z}} {{w}}", d), "last new");
    }
    subtest("tmpl-2.5", "dotted names walk objects") {
        TVal *d = tv_obj(&g_a);
        TVal *item = tv_child(d, "item");
        tv_str(item, "title", "T<1>");
        tv_int(tv_child(item, "unit"), "id", 7);
        CHECK_STR(R("{{item.title}}/{{item.unit.id}}/{{item.unit.nope}}/{{item.title.x}}", d),
                  "T&lt;1&gt;/7//");
        CHECK_STR(R("{{#item.unit}}id={{id}}{{/item.unit}}", d), "id=7");
    }
    subtest("tmpl-2.6", "text passes through byte for byte") {
        const char *z = "中文 } { }} x{ \t\r\n<b>&amp;</b>\n";
        CHECK_STR(R(z, NULL), z);
        CHECK_STR(R("", NULL), "");
    }

    /* 3: sections and context */
    subtest("tmpl-3.1", "a section over a list of objects renders once per element") {
        TVal *d = tv_obj(&g_a);
        TVal *l = tv_list(d, "docs");
        for (int k = 1; k <= 3; k++) {
            TVal *e = tv_push(l);
            tv_int(e, "n", k);
            tv_str(e, "t", k == 2 ? "<b>" : "x");
        }
        CHECK_STR(R("<ul>{{#docs}}<li>{{n}}:{{t}}</li>{{/docs}}</ul>", d),
                  "<ul><li>1:x</li><li>2:&lt;b&gt;</li><li>3:x</li></ul>");
    }
    subtest("tmpl-3.2", "a section over a list of strings and {{.}}") {
        TVal *d = tv_obj(&g_a);
        TVal *l = tv_list(d, "tags");
        tv_push_str(l, "a&b");
        tv_push_str(l, "c");
        tv_push_str(l, NULL);
        CHECK_STR(R("{{#tags}}[{{.}}|{{.|url}}]{{/tags}}", d), "[a&amp;b|a%26b][c|c][|]");
    }
    subtest("tmpl-3.3", "a section over an object renders once inside it") {
        TVal *d = tv_obj(&g_a);
        tv_str(d, "name", "outer");
        TVal *u = tv_child(d, "unit");
        tv_str(u, "name", "inner");
        tv_child(d, "empty");
        CHECK_STR(R("{{#unit}}{{name}}{{/unit}} {{name}} {{#empty}}E{{/empty}}", d),
                  "inner outer E");
    }
    subtest("tmpl-3.4", "truthiness of scalars") {
        TVal *d = tv_obj(&g_a);
        tv_bool(d, "t", 1);
        tv_bool(d, "f", 0);
        tv_int(d, "zero", 0);
        tv_int(d, "one", 1);
        tv_str(d, "empty", "");
        tv_str(d, "s", "s");
        tv_str(d, "null", NULL);
        tv_list(d, "nolist");
        tv_html(d, "h", html_trust("<i>"));
        const char *zT = "{{#t}}t{{/t}}{{#f}}f{{/f}}{{#zero}}0{{/zero}}{{#one}}1{{/one}}"
                         "{{#empty}}e{{/empty}}{{#s}}s{{/s}}{{#null}}n{{/null}}"
                         "{{#nolist}}l{{/nolist}}{{#missing}}m{{/missing}}{{#h}}h{{/h}}";
        CHECK_STR(R(zT, d), "t1sh");
        const char *zF = "{{^t}}t{{/t}}{{^f}}f{{/f}}{{^zero}}0{{/zero}}{{^one}}1{{/one}}"
                         "{{^empty}}e{{/empty}}{{^s}}s{{/s}}{{^null}}n{{/null}}"
                         "{{^nolist}}l{{/nolist}}{{^missing}}m{{/missing}}{{^h}}h{{/h}}";
        CHECK_STR(R(zF, d), "f0enlm");
    }
    subtest("tmpl-3.5", "a scalar section pushes the value as {{.}}") {
        TVal *d = tv_obj(&g_a);
        tv_str(d, "title", "<T>");
        tv_int(d, "n", 5);
        CHECK_STR(R("{{#title}}<h1>{{.}}</h1>{{/title}}{{#n}}{{.}}{{/n}}", d),
                  "<h1>&lt;T&gt;</h1>5");
    }
    subtest("tmpl-3.6", "inverted sections over lists; else-style pairs") {
        TVal *d = tv_obj(&g_a);
        tv_list(d, "none");
        tv_push_str(tv_list(d, "some"), "x");
        CHECK_STR(R("{{#none}}has{{/none}}{{^none}}无数据{{/none}}|{{^some}}no{{/some}}", d),
                  "无数据|");
    }
    subtest("tmpl-3.7", "names are found in the innermost context first, then outward") {
        TVal *d = tv_obj(&g_a);
        tv_str(d, "site", "S");
        tv_str(d, "t", "outer");
        TVal *l = tv_list(d, "cols");
        TVal *c1 = tv_push(l);
        tv_str(c1, "t", "c1");
        TVal *docs = tv_list(c1, "docs");
        tv_str(tv_push(docs), "t", "d1");
        tv_push(docs); /* no t: falls back to c1's t */
        TVal *c2 = tv_push(l);
        tv_str(c2, "t", "c2");
        const char *z = "{{#cols}}<{{t}}:{{#docs}}({{t}},{{site}}){{/docs}}>{{/cols}}{{t}}";
        CHECK_STR(R(z, d), "<c1:(d1,S)(c1,S)><c2:>outer");
    }
    subtest("tmpl-3.8", "a dotted name does not fall back once its first part is found") {
        TVal *d = tv_obj(&g_a);
        tv_str(tv_child(d, "a"), "b", "outer");
        TVal *inner = tv_child(d, "inner");
        tv_child(inner, "a"); /* a without b */
        CHECK_STR(R("{{#inner}}[{{a.b}}]{{/inner}}[{{a.b}}]", d), "[][outer]");
    }
    subtest("tmpl-3.9", "sections nest and skip bodies correctly") {
        TVal *d = tv_obj(&g_a);
        tv_bool(d, "a", 1);
        tv_bool(d, "b", 0);
        CHECK_STR(R("{{#a}}1{{#b}}2{{#a}}3{{/a}}{{/b}}4{{^b}}5{{/b}}{{/a}}6", d), "1456");
        CHECK_STR(R("{{#a}}{{/a}}{{^a}}{{/a}}x", d), "x");
        CHECK_STR(R("{{#.}}root{{/.}}", d), "root");
    }

    /* 4: whitespace */
    subtest("tmpl-4.1", "standalone section, comment and partial lines are removed") {
        TVal *d = tv_obj(&g_a);
        TVal *l = tv_list(d, "l");
        tv_push_str(l, "a");
        tv_push_str(l, "b");
        CHECK_STR(R("<ul>\n  {{#l}}\n  <li>{{.}}</li>\n  {{/l}}\n</ul>\n", d),
                  "<ul>\n  <li>a</li>\n  <li>b</li>\n</ul>\n");
        CHECK_STR(R("a\n  {{! note }}  \nb\n{{!\n multi\n line }}\nc", d), "a\nb\nc");
        CHECK_STR(R("a\r\n{{#l}}\r\n{{.}}\r\n{{/l}}\r\nz", d), "a\r\na\r\nb\r\nz");
        CHECK_STR(R("x\n{{^l}}\n{{/l}}", d), "x\n");
    }
    subtest("tmpl-4.2", "tags sharing a line with other text keep everything") {
        TVal *d = tv_obj(&g_a);
        tv_bool(d, "t", 1);
        tv_str(d, "v", "V");
        CHECK_STR(R("  {{#t}}x{{/t}}  \n", d), "  x  \n");
        CHECK_STR(R("a {{! c }} b\n", d), "a  b\n");
        CHECK_STR(R("  {{v}}\n", d), "  V\n");
        CHECK_STR(R("{{#t}} {{v}} {{/t}}\n", d), " V \n");
    }

    /* 5: syntax errors at load */
    subtest("tmpl-5.1", "unclosed tag") {
        memset(&err, 0, sizeof err);
        CHECK_INT(compile_rc("line 1\nline 2 {{name\nmore", &err), ZW_EINPUT);
        CHECK(contains(err.zLog, "bad.html:2"));
        CHECK(contains(err.zLog, "unclosed tag"));
        CHECK(contains(err.zMsg, "bad.html"));
        CHECK(contains(err.zMsg, "第 2 行"));
        CHECK_INT(compile_rc("{{a {{b}}", &err), ZW_EINPUT);
        CHECK_INT(compile_rc("{{", &err), ZW_EINPUT);
        CHECK_INT(compile_rc("x {{!never closed", &err), ZW_EINPUT);
    }
    subtest("tmpl-5.2", "section errors: unclosed, mismatched, stray close") {
        CHECK_INT(compile_rc("a\n\n{{#list}}\nx", &err), ZW_EINPUT);
        CHECK(contains(err.zLog, "bad.html:3"));
        CHECK(contains(err.zLog, "{{#list}}"));
        CHECK_INT(compile_rc("{{#a}}\n{{^b}}\n{{/a}}\n{{/b}}", &err), ZW_EINPUT);
        CHECK(contains(err.zLog, "bad.html:3"));
        CHECK(contains(err.zLog, "does not match"));
        CHECK_INT(compile_rc("x\n{{/a}}", &err), ZW_EINPUT);
        CHECK(contains(err.zLog, "bad.html:2"));
        CHECK_INT(compile_rc("{{#a}}{{/ a }}", &err), ZW_OK);
    }
    subtest("tmpl-5.3", "unknown filters, bad names and unsupported tags") {
        CHECK_INT(compile_rc("{{x|json}}", &err), ZW_EINPUT);
        CHECK(contains(err.zLog, "unknown filter"));
        CHECK_INT(compile_rc("{{x|}}", &err), ZW_EINPUT);
        CHECK_INT(compile_rc("{{x|url|raw}}", &err), ZW_EINPUT);
        CHECK_INT(compile_rc("{{#x|url}}{{/x|url}}", &err), ZW_EINPUT);
        CHECK_INT(compile_rc("{{}}", &err), ZW_EINPUT);
        CHECK_INT(compile_rc("{{ }}", &err), ZW_EINPUT);
        CHECK_INT(compile_rc("{{a..b}}", &err), ZW_EINPUT);
        CHECK_INT(compile_rc("{{.a}}", &err), ZW_EINPUT);
        CHECK_INT(compile_rc("{{a.}}", &err), ZW_EINPUT);
        CHECK_INT(compile_rc("{{a b}}", &err), ZW_EINPUT);
        CHECK_INT(compile_rc("{{{x}}}", &err), ZW_EINPUT);
        CHECK(contains(err.zLog, "|raw"));
        CHECK_INT(compile_rc("{{&x}}", &err), ZW_EINPUT);
        CHECK_INT(compile_rc("{{=<% %>=}}", &err), ZW_EINPUT);
        CHECK_INT(compile_rc("{{ #x}}{{/x}}", &err), ZW_EINPUT);
        CHECK_INT(compile_rc("{{> }}", &err), ZW_EINPUT);
        CHECK_INT(compile_rc("{{> a b}}", &err), ZW_EINPUT);
        CHECK_INT(compile_rc("{{x-y_Z.0}}{{ a.b | raw }}{{> site/_a-b.html}}", &err), ZW_OK);
    }
    subtest("tmpl-5.4", "sections nested deeper than the limit") {
        char z[33 * 12 + 1];
        size_t n = 0;
        for (int k = 0; k < 33; k++) n += (size_t)snprintf(z + n, sizeof z - n, "{{#a}}");
        CHECK_INT(compile_rc(z, &err), ZW_EINPUT);
        CHECK(contains(err.zLog, "too deep"));
    }

    /* 6: sets on disk and partials */
    snprintf(g_zDir, sizeof g_zDir, "/tmp/tmpl_test.XXXXXX");
    if (!mkdtemp(g_zDir)) {
        perror("mkdtemp");
        return 1;
    }
    put_file("site/_header.html", "<h1>{{title}}</h1>\n");
    put_file("site/_footer.html", "<footer>{{title}}</footer>\n");
    put_file("page.html", "{{> site/_header.html}}\n<ul>\n{{#items}}\n<li>{{.}}</li>\n"
                          "{{/items}}\n</ul>\n  {{> site/_footer.html}}\n");
    put_file("item.html", "{{#doc}}{{> site/_doc.xml}}{{/doc}}");
    put_file("site/_doc.xml", "<doc t=\"{{t}}\" s=\"{{site}}\"/>");
    put_file("tree.html", "{{name}}{{#kids}}({{> tree.html}}){{/kids}}");
    put_file("loop.html", "x{{> loop.html}}");
    put_file("a/b/c/deep.txt", "deep {{x}}");
    put_file("nopartial.html", "a{{> nope.html}}b");
    put_file("style.css", "{{ not a template");
    put_file(".hidden.html", "{{ broken");
    put_file("a/README", "{{ broken");

    Tmpl *pSet = NULL;
    memset(&err, 0, sizeof err);
    rc = tmpl_load(&pSet, g_zDir, &err);
    CHECK_INT(rc, ZW_OK);
    if (rc != ZW_OK) fprintf(stderr, "  load: %s\n", err.zLog ? err.zLog : "?");
    if (pSet) {
        subtest("tmpl-6.1", "partials by name, with the caller's context") {
            TVal *d = tv_obj(&g_a);
            tv_str(d, "title", "政务<公开>");
            TVal *l = tv_list(d, "items");
            tv_push_str(l, "a");
            tv_push_str(l, "b");
            CHECK_STR(RS(pSet, "page.html", d),
                      "<h1>政务&lt;公开&gt;</h1>\n<ul>\n<li>a</li>\n<li>b</li>\n</ul>\n"
                      "<footer>政务&lt;公开&gt;</footer>\n");
            CHECK_STR(RS(pSet, "site/_header.html", d), "<h1>政务&lt;公开&gt;</h1>\n");
        }
        subtest("tmpl-6.2", "a partial inside a section sees the section's context") {
            TVal *d = tv_obj(&g_a);
            tv_str(d, "site", "S&");
            tv_str(tv_child(d, "doc"), "t", "\"q\"");
            CHECK_STR(RS(pSet, "item.html", d), "<doc t=\"&quot;q&quot;\" s=\"S&amp;\"/>");
        }
        subtest("tmpl-6.3", "recursive partials that end render") {
            TVal *d = tv_obj(&g_a);
            tv_str(d, "name", "r");
            TVal *k1 = tv_push(tv_list(d, "kids"));
            tv_str(k1, "name", "a");
            tv_list(k1, "kids");
            TVal *kk = tv_push(tv_list(k1, "kids"));
            tv_str(kk, "name", "b");
            tv_list(kk, "kids");
            CHECK_STR(RS(pSet, "tree.html", d), "r(a(b))");
        }
        subtest("tmpl-6.4", "endless partial recursion is a render error") {
            Str s;
            str_init(&s, &g_a);
            memset(&err, 0, sizeof err);
            CHECK_INT(tmpl_render(pSet, "loop.html", NULL, &s, &err), ZW_EINPUT);
            CHECK(contains(err.zLog, "too deep"));
            CHECK(contains(err.zLog, "loop.html:1"));
            CHECK(err.zMsg != NULL);
        }
        subtest("tmpl-6.5", "a missing partial is a render error") {
            Str s;
            str_init(&s, &g_a);
            CHECK_INT(tmpl_render(pSet, "nopartial.html", NULL, &s, &err), ZW_EINPUT);
            CHECK(contains(err.zLog, "nope.html"));
        }
        subtest("tmpl-6.6", "nested directories, extensions and hidden files") {
            TVal *d = tv_obj(&g_a);
            tv_int(d, "x", 1);
            CHECK_STR(RS(pSet, "a/b/c/deep.txt", d), "deep 1");
            Str s;
            str_init(&s, &g_a);
            CHECK_INT(tmpl_render(pSet, "style.css", d, &s, &err), ZW_ENOTFOUND);
            CHECK_INT(tmpl_render(pSet, ".hidden.html", d, &s, &err), ZW_ENOTFOUND);
            CHECK_INT(tmpl_render(pSet, "a/README", d, &s, &err), ZW_ENOTFOUND);
            CHECK_INT(tmpl_render(pSet, "nothing.html", d, &s, &err), ZW_ENOTFOUND);
            CHECK(contains(err.zLog, "nothing.html"));
        }
        subtest("tmpl-6.7", "threads render one set at once") {
            Job aJob[4];
            pthread_t aThr[4];
            for (int k = 0; k < 4; k++) {
                aJob[k].p = pSet;
                aJob[k].nOk = 0;
                CHECK(pthread_create(&aThr[k], NULL, render_many, &aJob[k]) == 0);
            }
            for (int k = 0; k < 4; k++) {
                pthread_join(aThr[k], NULL);
                CHECK_INT(aJob[k].nOk, 200);
            }
        }
        tmpl_free(pSet);
    }
    subtest("tmpl-6.8", "a syntax error on disk names the file and line") {
        put_file("site/broken.html", "<p>\n<p>\n{{#x}}\n");
        Tmpl *pBad = NULL;
        memset(&err, 0, sizeof err);
        CHECK_INT(tmpl_load(&pBad, g_zDir, &err), ZW_EINPUT);
        CHECK(pBad == NULL);
        CHECK(contains(err.zLog, "/site/broken.html:3"));
        CHECK(contains(err.zMsg, "site/broken.html"));
    }
    drop_dir();
    subtest("tmpl-6.9", "a missing directory is an I/O error") {
        Tmpl *pBad = NULL;
        CHECK_INT(tmpl_load(&pBad, g_zDir, &err), ZW_EIO);
        CHECK(pBad == NULL);
    }

    /* 7: limits */
    subtest("tmpl-7.1", "output over the Str limit is ZW_ETOOBIG") {
        TVal *d = tv_obj(&g_a);
        TVal *l = tv_list(d, "l");
        for (int k = 0; k < 100; k++) tv_push_str(l, "0123456789");
        Tmpl *p = NULL;
        const char *z = "{{#l}}{{.}}{{/l}}";
        CHECK_INT(tmpl_parse_buffer(&p, "big.html", z, strlen(z), &err), ZW_OK);
        Str s;
        str_init(&s, &g_a);
        s.nMax = 500;
        CHECK_INT(tmpl_render(p, "big.html", d, &s, &err), ZW_ETOOBIG);
        str_init(&s, &g_a);
        CHECK_INT(tmpl_render(p, "big.html", d, &s, &err), ZW_OK);
        CHECK_INT(s.n, 1000);
        tmpl_free(p);
    }
    subtest("tmpl-7.2", "a runaway render stops at the step limit") {
        TVal *d = tv_obj(&g_a);
        TVal *l = tv_list(d, "l");
        for (int k = 0; k < 300; k++) tv_push(l);
        CHECK(run("{{#l}}{{#l}}{{#l}}{{/l}}{{/l}}{{/l}}", d, &rc, &err) == NULL);
        CHECK_INT(rc, ZW_EINPUT);
        CHECK(contains(err.zLog, "step limit"));
    }

    /* 8: the embedded set */
    subtest("tmpl-8.1", "embed_find and the embedded template set") {
        for (int k = 0; k < g_nEmbed; k++) {
            CHECK(embed_find(g_aEmbed[k].zName) == &g_aEmbed[k]);
            CHECK(g_aEmbed[k].pData[g_aEmbed[k].nData] == 0);
            if (k > 0) CHECK(strcmp(g_aEmbed[k - 1].zName, g_aEmbed[k].zName) < 0);
        }
        CHECK(embed_find("no/such/file") == NULL);
        CHECK(embed_find("") == NULL);
        Tmpl *p = NULL;
        memset(&err, 0, sizeof err);
        rc = tmpl_load(&p, NULL, &err);
        CHECK_INT(rc, ZW_OK);
        if (rc != ZW_OK) fprintf(stderr, "  embedded: %s\n", err.zLog ? err.zLog : "?");
        tmpl_free(p);
    }

    arena_free(&g_a);
    return t_done();
}
