// SPDX-License-Identifier: MIT
/* render_test.c: bodies to HTML: markdown with raw HTML off, 公文 text headings, escaping. */
#include "../../../src/text/render.h"
#include "t.h"

int main(void) {
    Arena a;
    arena_init(&a);
    subtest("render-1.1", "markdown renders, raw HTML is escaped") {
        Html h = render_body(&a, "md", "## 标题\n\n**粗** <script>x()</script> <b>b</b>\n\n| a | b |\n|---|---|\n| 1 | 2 |\n");
        CHECK(strstr(h.z, "<h2>标题</h2>") != NULL);
        CHECK(strstr(h.z, "<strong>粗</strong>") != NULL);
        CHECK(strstr(h.z, "<script>") == NULL);
        CHECK(strstr(h.z, "&lt;script&gt;") != NULL);
        CHECK(strstr(h.z, "<b>b</b>") == NULL);
        CHECK(strstr(h.z, "<table>") != NULL);
    }
    subtest("render-1.2", "markdown links cannot carry javascript: URLs unescaped") {
        Html h = render_body(&a, "md", "[x](javascript:alert(1)) [y](\"onmouseover=\")");
        CHECK(strstr(h.z, "\"onmouseover") == NULL);
    }
    subtest("render-2.1", "公文 text: paragraphs and headings") {
        Html h = render_body(&a, "text",
                             "　　为做好工作，通知如下：\n\n一、总体要求\n\n（一）工作目标\n\n"
                             "二、各村要引导农户通过还田、饲料化等方式综合利用秸秆。\n<b>&\n");
        CHECK(strstr(h.z, "<p>为做好工作，通知如下：</p>") != NULL);
        CHECK(strstr(h.z, "<h2>一、总体要求</h2>") != NULL);
        CHECK(strstr(h.z, "<h3>（一）工作目标</h3>") != NULL);
        CHECK(strstr(h.z, "<p>二、各村要引导") != NULL); /* a sentence, not a heading */
        CHECK(strstr(h.z, "<p>&lt;b&gt;&amp;</p>") != NULL);
    }
    subtest("render-2.2", "unknown formats are plain text; NULL is empty") {
        CHECK(strstr(render_body(&a, "html", "<i>x</i>").z, "&lt;i&gt;") != NULL);
        CHECK_STR(render_body(&a, "text", NULL).z, "");
    }
    subtest("render-3.1", "summaries are plain and bounded") {
        CHECK_STR(render_summary(&a, "## 标题\n\n正文**粗**", 100), "标题 正文粗");
        CHECK_STR(render_summary(&a, "一二三四五", 3), "一二三…");
    }
    arena_free(&a);
    return t_done();
}
