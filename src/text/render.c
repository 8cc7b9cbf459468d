// SPDX-License-Identifier: MIT
/*
** render.c: markdown (md4c-html, raw HTML off, so a body can never inject markup)
** and plain 公文 text.  Relies on core/str for escaping.
*/
#include "render.h"

#include <md4c-html.h>
#include <string.h>

static void md_out(const MD_CHAR *p, MD_SIZE n, void *pCtx) {
    str_append((Str *)pCtx, p, n);
}

/* 1 if the line starts with a chinese numeral heading like "一、" or "十二、". */
static int is_level1(const char *p, size_t n) {
    static const char *const azNum[] = {"一", "二", "三", "四", "五", "六", "七", "八", "九", "十"};
    size_t i = 0;
    int k = 0;
    while (i + 3 <= n && k < 3) {
        int bNum = 0;
        for (int j = 0; j < 10; j++) {
            if (memcmp(p + i, azNum[j], 3) == 0) bNum = 1;
        }
        if (!bNum) break;
        i += 3;
        k++;
    }
    return k > 0 && i + 3 <= n && memcmp(p + i, "、", 3) == 0;
}

static int is_level2(const char *p, size_t n) {
    if (n <= 6 || memcmp(p, "（", 3) != 0) return 0;
    for (size_t i = 3; i + 3 <= n && i <= 15; i++) {
        if (memcmp(p + i, "）", 3) == 0) return 1;
    }
    return 0;
}

/* A heading is short and is not a sentence: at most 30 characters, not ending in
** 。；：, so numbered clauses of a notice stay paragraphs. */
static int is_heading_text(const char *p, size_t n) {
    if (utf8_len(p, n) > 30) return 0;
    static const char *const azEnd[] = {"。", "；", "：", "，"};
    for (int i = 0; i < 4; i++) {
        if (n >= 3 && memcmp(p + n - 3, azEnd[i], 3) == 0) return 0;
    }
    return 1;
}

static Html render_text(Arena *a, const char *zBody) {
    Str s;
    str_init(&s, a);
    const char *p = zBody;
    while (*p) {
        const char *e = strchr(p, '\n');
        size_t n = e ? (size_t)(e - p) : strlen(p);
        size_t i = 0;
        /* Strip leading ASCII and ideographic spaces; 公文 indents are presentation. */
        for (;;) {
            if (i < n && (p[i] == ' ' || p[i] == '\t' || p[i] == '\r')) {
                i++;
            } else if (i + 3 <= n && memcmp(p + i, "\xE3\x80\x80", 3) == 0) {
                i += 3;
            } else {
                break;
            }
        }
        size_t j = n;
        while (j > i && (p[j - 1] == ' ' || p[j - 1] == '\r' || p[j - 1] == '\t')) j--;
        if (j > i) {
            const char *zLine = p + i;
            size_t nLine = j - i;
            if (is_level1(zLine, nLine) && is_heading_text(zLine, nLine)) {
                str_puts(&s, "<h2>");
                str_html_escape_n(&s, zLine, nLine);
                str_puts(&s, "</h2>\n");
            } else if (is_level2(zLine, nLine) && is_heading_text(zLine, nLine)) {
                str_puts(&s, "<h3>");
                str_html_escape_n(&s, zLine, nLine);
                str_puts(&s, "</h3>\n");
            } else {
                str_puts(&s, "<p>");
                str_html_escape_n(&s, zLine, nLine);
                str_puts(&s, "</p>\n");
            }
        }
        if (!e) break;
        p = e + 1;
    }
    return html_trust(str_cstr(&s));
}

Html render_body(Arena *a, const char *zFormat, const char *zBody) {
    if (!zBody) zBody = "";
    if (zFormat && strcmp(zFormat, "md") == 0) {
        Str s;
        str_init(&s, a);
        unsigned flags = MD_FLAG_NOHTML | MD_FLAG_TABLES | MD_FLAG_STRIKETHROUGH |
                         MD_FLAG_PERMISSIVEAUTOLINKS;
        if (md_html(zBody, (MD_SIZE)strlen(zBody), md_out, &s, flags, 0) != 0) {
            return render_text(a, zBody);
        }
        return html_trust(str_cstr(&s));
    }
    return render_text(a, zBody);
}

const char *render_summary(Arena *a, const char *zBody, size_t nChars) {
    Str s;
    str_init(&s, a);
    size_t nOut = 0;
    int bSpace = 0;
    for (const char *p = zBody ? zBody : ""; *p && nOut < nChars;) {
        int len;
        utf8_decode(p, strlen(p), &len);
        if (*p == '\n' || *p == '\r' || *p == ' ' || *p == '\t') {
            bSpace = s.n > 0;
            p++;
            continue;
        }
        if (*p == '#' || *p == '*' || *p == '|' || *p == '>' || *p == '`') {
            p++; /* markdown markup */
            continue;
        }
        if (bSpace) {
            str_putc(&s, ' ');
            bSpace = 0;
        }
        str_append(&s, p, (size_t)len);
        p += len;
        nOut++;
    }
    if (nOut >= nChars) str_puts(&s, "…");
    return str_cstr(&s);
}
