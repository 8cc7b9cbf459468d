// SPDX-License-Identifier: MIT
/*
** tmpl.c: the template engine behind every page.  tmpl_load() reads the template
** sources (embedded by tools/embed.c, or from disk with --dev), compiles each one once
** into a flat array of nodes, and links {{> partial}} nodes to their targets; after
** that the set is never written again, so any number of threads may render from it.
**
** A compiled template is an array of Node.  Text nodes point into the source bytes
** (static for embedded files, the set's arena for files read from disk); variable
** nodes hold the name already split at its dots; a section node stores the index of
** the first node after its body, so rendering is a loop that jumps over bodies that
** do not render and recurses only into bodies that do.  The context stack is a chain
** of Ctx frames on the C stack, innermost first.
**
** Relies on core/str (escaping), core/arena (values and the set's memory), core/embed
** (the embedded files) and core/log (a warning for unresolved partials).  Leaves the
** choice of template and the HTTP reply to the caller.
**
** Limits: a template file is at most TMPL_MAX_FILE bytes; sections nest at most
** TMPL_MAX_NEST deep in one file; partials nest at most TMPL_MAX_DEPTH deep; one
** render visits at most TMPL_MAX_STEPS nodes and list elements, so a template bug
** cannot hang a worker.
*/
#include "tmpl.h"

#include <assert.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../core/embed.h"
#include "../core/log.h"

#define TMPL_MAX_FILE ((size_t)8 << 20) /* bytes in one template source */
#define TMPL_MAX_NEST 32                /* sections open at once in one template */
#define TMPL_MAX_DEPTH 16               /* partials included inside each other */
#define TMPL_MAX_STEPS ((uint64_t)1 << 24) /* nodes + list elements in one render */
#define TMPL_MAX_DIRS 16                /* directory levels below zDir */
#define TMPL_MAX_NAME 200               /* bytes in a tag's name */

/*
** Values.
*/
enum { TV_NULL, TV_STR, TV_HTML, TV_INT, TV_BOOL, TV_OBJ, TV_LIST };

struct TVal {
    int eType;        /* TV_* */
    const char *zKey; /* member name inside the parent object; NULL for list elements */
    TVal *pNext;      /* next member of the parent object or next list element */
    Arena *a;         /* arena this value (and anything added under it) lives in */
    const char *z;    /* TV_STR, TV_HTML: the text (arena copy) */
    int64_t i;        /* TV_INT: the number; TV_BOOL: 0 or 1 */
    TVal *pFirst;     /* TV_OBJ, TV_LIST: first member or element */
    TVal *pLast;      /* TV_OBJ, TV_LIST: last member or element, for appending */
};

static TVal *tv_new(Arena *a, int eType) {
    TVal *v = arena_zalloc(a, sizeof *v);
    v->eType = eType;
    v->a = a;
    return v;
}

TVal *tv_obj(Arena *a) {
    return tv_new(a, TV_OBJ);
}

/* Make a new member zKey of pObj with type eType, replacing an existing member of the
** same name in place (the old value is unlinked, not changed, so pointers to it stay
** valid).  Returns the new member. */
static TVal *tv_set(TVal *pObj, const char *zKey, int eType) {
    assert(pObj && pObj->eType == TV_OBJ && zKey);
    TVal *v = tv_new(pObj->a, eType);
    TVal **pp = &pObj->pFirst;
    while (*pp && strcmp((*pp)->zKey, zKey) != 0) pp = &(*pp)->pNext;
    if (*pp) {
        TVal *pOld = *pp;
        v->zKey = pOld->zKey;
        v->pNext = pOld->pNext;
        *pp = v;
        if (pObj->pLast == pOld) pObj->pLast = v;
    } else {
        v->zKey = arena_strdup(pObj->a, zKey);
        if (pObj->pLast) {
            pObj->pLast->pNext = v;
        } else {
            pObj->pFirst = v;
        }
        pObj->pLast = v;
    }
    return v;
}

void tv_str(TVal *pObj, const char *zKey, const char *zVal) {
    TVal *v = tv_set(pObj, zKey, zVal ? TV_STR : TV_NULL);
    v->z = arena_strdup(pObj->a, zVal);
}

void tv_html(TVal *pObj, const char *zKey, Html h) {
    TVal *v = tv_set(pObj, zKey, h.z ? TV_HTML : TV_NULL);
    v->z = arena_strdup(pObj->a, h.z);
}

void tv_int(TVal *pObj, const char *zKey, int64_t n) {
    tv_set(pObj, zKey, TV_INT)->i = n;
}

void tv_bool(TVal *pObj, const char *zKey, int b) {
    tv_set(pObj, zKey, TV_BOOL)->i = b != 0;
}

TVal *tv_child(TVal *pObj, const char *zKey) {
    return tv_set(pObj, zKey, TV_OBJ);
}

TVal *tv_list(TVal *pObj, const char *zKey) {
    return tv_set(pObj, zKey, TV_LIST);
}

/* Append a new element of type eType to pList and return it. */
static TVal *tv_append(TVal *pList, int eType) {
    assert(pList && pList->eType == TV_LIST);
    TVal *v = tv_new(pList->a, eType);
    if (pList->pLast) {
        pList->pLast->pNext = v;
    } else {
        pList->pFirst = v;
    }
    pList->pLast = v;
    return v;
}

TVal *tv_push(TVal *pList) {
    return tv_append(pList, TV_OBJ);
}

void tv_push_str(TVal *pList, const char *zVal) {
    TVal *v = tv_append(pList, zVal ? TV_STR : TV_NULL);
    v->z = arena_strdup(pList->a, zVal);
}

/* Mustache truthiness: missing, null, false, 0, "" and the empty list are falsy. */
static int tv_truthy(const TVal *v) {
    if (!v) return 0;
    switch (v->eType) {
    case TV_STR:
    case TV_HTML: return v->z[0] != 0;
    case TV_INT:
    case TV_BOOL: return v->i != 0;
    case TV_OBJ: return 1;
    case TV_LIST: return v->pFirst != NULL;
    default: return 0;
    }
}

static const char *tv_type_name(const TVal *v) {
    static const char *const az[] = {"null", "string", "html", "int", "bool", "object",
                                     "list"};
    return v ? az[v->eType] : "missing";
}

/*
** Compiled templates.
*/
enum {
    OP_TEXT,     /* literal bytes */
    OP_VAR,      /* {{name}}: HTML-escaped */
    OP_URL,      /* {{name|url}}: percent-encoded */
    OP_RAW,      /* {{name|raw}}: an Html value as is */
    OP_SECTION,  /* {{#name}} */
    OP_INVERTED, /* {{^name}} */
    OP_PARTIAL,  /* {{> name}} */
};

typedef struct Tpl Tpl;

/* One step of a compiled template. */
typedef struct Node {
    int eOp;                  /* OP_* */
    uint32_t iLine;           /* 1-based source line of the tag or text start */
    uint32_t iEnd;            /* OP_SECTION, OP_INVERTED: index just past the body */
    const char *z;            /* OP_TEXT: the bytes; other ops: the name as written */
    size_t n;                 /* OP_TEXT: number of bytes */
    int nSeg;                 /* names: number of dotted parts; 0 means "." */
    const char *const *azSeg; /* names: the parts, NUL-terminated */
    const Tpl *pPartial;      /* OP_PARTIAL: the target, or NULL if no such template */
} Node;

/* One compiled template. */
struct Tpl {
    const char *zName; /* e.g. "site/item.html" */
    const char *zFile; /* for messages: "templates/site/item.html" or the disk path */
    const char *p;     /* the source bytes (static or in the set's arena) */
    size_t n;          /* source length */
    Node *aNode;       /* compiled nodes, in the set's arena */
    uint32_t nNode;    /* number of nodes */
};

struct Tmpl {
    Arena a;   /* owns names, disk sources, nodes and aTpl */
    Tpl *aTpl; /* sorted by zName (strcmp) */
    int nTpl;  /* number of templates */
};

/* Error texts live in per-thread buffers: valid until the next failing tmpl_* call on
** the same thread. */
static _Thread_local char zErrLog[512];
static _Thread_local char zErrMsg[256];

static int fail(Err *err, int rc, const char *zMsg, const char *zLogFmt, ...)
    __attribute__((format(printf, 4, 5)));
static int fail(Err *err, int rc, const char *zMsg, const char *zLogFmt, ...) {
    va_list ap;
    va_start(ap, zLogFmt);
    int k = vsnprintf(zErrLog, sizeof zErrLog, zLogFmt, ap);
    va_end(ap);
    if (k < 0) zErrLog[0] = 0;
    return err_set(err, rc, NULL, zMsg, zErrLog);
}

/*
** The compiler.
*/

/* State while compiling one template. */
typedef struct Parser {
    Tmpl *pSet;   /* the set (its arena receives names and the final node array) */
    Tpl *pTpl;    /* template being compiled */
    Node *aNode;  /* nodes so far (heap, moved into the arena at the end) */
    uint32_t nNode, nAlloc;
    uint32_t aOpen[TMPL_MAX_NEST]; /* node index of each open section */
    int nOpen;
    Err *err;
} Parser;

static uint32_t line_of(const Tpl *t, size_t off) {
    uint32_t iLine = 1;
    for (const char *q = t->p, *e = t->p + off; (q = memchr(q, '\n', (size_t)(e - q)));) {
        iLine++;
        q++;
    }
    return iLine;
}

static int syntax_error(Parser *ps, size_t off, const char *zWhat, const char *zTag,
                        size_t nTag) {
    uint32_t iLine = line_of(ps->pTpl, off);
    if (nTag > 60) nTag = 60;
    int k = snprintf(zErrMsg, sizeof zErrMsg, "模板 %s 第 %u 行语法错误", ps->pTpl->zName,
                     (unsigned)iLine);
    if (k < 0) zErrMsg[0] = 0;
    return fail(ps->err, ZW_EINPUT, zErrMsg, "template %s:%u: %s%s%.*s%s", ps->pTpl->zFile,
                (unsigned)iLine, zWhat, zTag ? " {{" : "", (int)nTag, zTag ? zTag : "",
                zTag ? "}}" : "");
}

static Node *add_node(Parser *ps, int eOp, size_t off) {
    if (ps->nNode == ps->nAlloc) {
        ps->nAlloc = ps->nAlloc ? ps->nAlloc * 2 : 32;
        ps->aNode = xrealloc(ps->aNode, ps->nAlloc * sizeof *ps->aNode);
    }
    Node *pN = &ps->aNode[ps->nNode++];
    memset(pN, 0, sizeof *pN);
    pN->eOp = eOp;
    pN->iLine = (uint32_t)off; /* an offset for now; turned into a line at the end */
    return pN;
}

static int is_space(char c) {
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

static int is_name_char(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           c == '_' || c == '-';
}

/* Trim spaces from both ends of p[0..*pn); returns the new start. */
static const char *trim(const char *p, size_t *pn) {
    size_t n = *pn;
    while (n && is_space(*p)) p++, n--;
    while (n && is_space(p[n - 1])) n--;
    *pn = n;
    return p;
}

/* Parse a value name ("." or dotted parts of [A-Za-z0-9_-]) into pN; 0 if valid. */
static int parse_name(Parser *ps, Node *pN, const char *p, size_t n) {
    Arena *a = &ps->pSet->a;
    if (n == 0 || n > TMPL_MAX_NAME) return -1;
    pN->z = arena_strndup(a, p, n);
    if (n == 1 && p[0] == '.') {
        pN->nSeg = 0;
        return 0;
    }
    int nSeg = 1;
    for (size_t i = 0; i < n; i++) {
        if (p[i] == '.') {
            if (i == 0 || i == n - 1 || p[i - 1] == '.') return -1;
            nSeg++;
        } else if (!is_name_char(p[i])) {
            return -1;
        }
    }
    const char **azSeg = arena_alloc(a, (size_t)nSeg * sizeof *azSeg);
    size_t iStart = 0;
    int k = 0;
    for (size_t i = 0; i <= n; i++) {
        if (i == n || p[i] == '.') {
            azSeg[k++] = arena_strndup(a, p + iStart, i - iStart);
            iStart = i + 1;
        }
    }
    pN->nSeg = nSeg;
    pN->azSeg = azSeg;
    return 0;
}

/* Parse a partial's template name: [A-Za-z0-9_./-]+; 0 if valid. */
static int parse_partial_name(Parser *ps, Node *pN, const char *p, size_t n) {
    if (n == 0 || n > TMPL_MAX_NAME) return -1;
    for (size_t i = 0; i < n; i++) {
        if (!is_name_char(p[i]) && p[i] != '.' && p[i] != '/') return -1;
    }
    pN->z = arena_strndup(&ps->pSet->a, p, n);
    return 0;
}

/* If the tag at p[iTag..iTagEnd) stands alone on its line (only spaces or tabs around
** it), store in *piLine the start of that line and in *piNext the start of the next
** line (or the end), and return 1.  iMin is the start of the pending text. */
static int standalone(const char *p, size_t n, size_t iMin, size_t iTag, size_t iTagEnd,
                      size_t *piLine, size_t *piNext) {
    size_t i = iTag;
    while (i > iMin && (p[i - 1] == ' ' || p[i - 1] == '\t')) i--;
    if (i > 0 && p[i - 1] != '\n') return 0;
    size_t j = iTagEnd;
    while (j < n && (p[j] == ' ' || p[j] == '\t')) j++;
    if (j < n && p[j] == '\r' && j + 1 < n && p[j + 1] == '\n') {
        j += 2;
    } else if (j < n && p[j] == '\n') {
        j++;
    } else if (j < n) {
        return 0;
    }
    *piLine = i;
    *piNext = j;
    return 1;
}

static void add_text(Parser *ps, size_t iFrom, size_t iTo) {
    if (iTo <= iFrom) return;
    Node *pN = add_node(ps, OP_TEXT, iFrom);
    pN->z = ps->pTpl->p + iFrom;
    pN->n = iTo - iFrom;
}

/* Find "}}" at or after p[i]; returns its offset or n. */
static size_t find_close(const char *p, size_t n, size_t i) {
    while (i + 1 < n) {
        const char *q = memchr(p + i, '}', n - i - 1);
        if (!q) break;
        i = (size_t)(q - p);
        if (p[i + 1] == '}') return i;
        i++;
    }
    return n;
}

/* Find "{{" at or after p[i]; returns its offset or n. */
static size_t find_open(const char *p, size_t n, size_t i) {
    while (i + 1 < n) {
        const char *q = memchr(p + i, '{', n - i - 1);
        if (!q) break;
        i = (size_t)(q - p);
        if (p[i + 1] == '{') return i;
        i++;
    }
    return n;
}

/* Compile ps->pTpl into nodes.  0 on success, else the error is in ps->err. */
static int compile(Parser *ps) {
    const Tpl *t = ps->pTpl;
    const char *p = t->p;
    size_t n = t->n;
    size_t iText = 0; /* start of text not yet emitted */
    size_t i = 0;     /* where to look for the next tag */
    for (;;) {
        size_t iTag = find_open(p, n, i);
        if (iTag >= n) {
            add_text(ps, iText, n);
            break;
        }
        size_t iClose = find_close(p, n, iTag + 2);
        if (iClose >= n) return syntax_error(ps, iTag, "unclosed tag", NULL, 0);
        const char *zIn = p + iTag + 2; /* the tag's content, between the braces */
        size_t nIn = iClose - iTag - 2;
        char cSigil = nIn ? zIn[0] : 0;
        if (cSigil != '!' && (memchr(zIn, '\n', nIn) || memmem(zIn, nIn, "{{", 2))) {
            return syntax_error(ps, iTag, "unclosed tag", NULL, 0);
        }
        size_t iTagEnd = iClose + 2;
        size_t iTextEnd = iTag, iNext = iTagEnd;
        if (cSigil == '#' || cSigil == '^' || cSigil == '/' || cSigil == '!' ||
            cSigil == '>') {
            size_t iLine, iAfter;
            if (standalone(p, n, iText, iTag, iTagEnd, &iLine, &iAfter)) {
                iTextEnd = iLine;
                iNext = iAfter;
            }
        }
        add_text(ps, iText, iTextEnd);
        iText = i = iNext;

        size_t nName = nIn ? nIn - 1 : 0;
        const char *zName = trim(zIn + 1, &nName);
        switch (cSigil) {
        case '!': break;
        case '#':
        case '^': {
            if (ps->nOpen >= TMPL_MAX_NEST) {
                return syntax_error(ps, iTag, "sections nested too deep at", zIn, nIn);
            }
            Node *pN = add_node(ps, cSigil == '#' ? OP_SECTION : OP_INVERTED, iTag);
            if (parse_name(ps, pN, zName, nName)) {
                return syntax_error(ps, iTag, "bad name in", zIn, nIn);
            }
            ps->aOpen[ps->nOpen++] = ps->nNode - 1;
            break;
        }
        case '/': {
            if (ps->nOpen == 0) {
                return syntax_error(ps, iTag, "close without open section", zIn, nIn);
            }
            Node *pOpen = &ps->aNode[ps->aOpen[ps->nOpen - 1]];
            if (strlen(pOpen->z) != nName || memcmp(pOpen->z, zName, nName) != 0) {
                return syntax_error(ps, iTag, "close does not match the open section", zIn,
                                    nIn);
            }
            pOpen->iEnd = ps->nNode;
            ps->nOpen--;
            break;
        }
        case '>': {
            Node *pN = add_node(ps, OP_PARTIAL, iTag);
            if (parse_partial_name(ps, pN, zName, nName)) {
                return syntax_error(ps, iTag, "bad partial name in", zIn, nIn);
            }
            break;
        }
        case '{':
        case '&':
        case '=':
            return syntax_error(ps, iTag, "unsupported tag (use |raw for markup)", zIn, nIn);
        default: {
            size_t nVar = nIn, nFilter = 0;
            const char *zFilter = NULL;
            const char *zBar = memchr(zIn, '|', nIn);
            int eOp = OP_VAR;
            if (zBar) {
                nVar = (size_t)(zBar - zIn);
                nFilter = nIn - nVar - 1;
                zFilter = trim(zBar + 1, &nFilter);
                if (nFilter == 3 && memcmp(zFilter, "url", 3) == 0) {
                    eOp = OP_URL;
                } else if (nFilter == 3 && memcmp(zFilter, "raw", 3) == 0) {
                    eOp = OP_RAW;
                } else {
                    return syntax_error(ps, iTag, "unknown filter in", zIn, nIn);
                }
            }
            const char *zVar = trim(zIn, &nVar);
            Node *pN = add_node(ps, eOp, iTag);
            if (parse_name(ps, pN, zVar, nVar)) {
                return syntax_error(ps, iTag, nIn ? "bad name in" : "empty tag", zIn, nIn);
            }
            break;
        }
        }
    }
    if (ps->nOpen) {
        const Node *pOpen = &ps->aNode[ps->aOpen[ps->nOpen - 1]];
        char zTag[TMPL_MAX_NAME + 2];
        int k = snprintf(zTag, sizeof zTag, "%c%s", pOpen->eOp == OP_SECTION ? '#' : '^',
                         pOpen->z);
        return syntax_error(ps, pOpen->iLine, "section never closed:", zTag,
                            k > 0 ? (size_t)k : 0);
    }
    /* Offsets become line numbers in one pass over the source. */
    uint32_t iLine = 1;
    size_t iOff = 0;
    for (uint32_t k = 0; k < ps->nNode; k++) {
        size_t iTo = ps->aNode[k].iLine;
        for (; iOff < iTo; iOff++) {
            if (p[iOff] == '\n') iLine++;
        }
        ps->aNode[k].iLine = iLine;
    }
    return 0;
}

/* Compile every template of the set (aTpl sorted and filled with names and sources),
** then resolve partials. */
static int build(Tmpl *pSet, int bWarn, Err *err) {
    int rc = 0;
    for (int k = 1; k < pSet->nTpl; k++) {
        if (strcmp(pSet->aTpl[k - 1].zName, pSet->aTpl[k].zName) == 0) {
            return fail(err, ZW_EINPUT, "模板名称重复", "template %s: duplicate name",
                        pSet->aTpl[k].zFile);
        }
    }
    for (int k = 0; k < pSet->nTpl && rc == 0; k++) {
        Tpl *t = &pSet->aTpl[k];
        if (t->n > TMPL_MAX_FILE || t->n >= UINT32_MAX) {
            return fail(err, ZW_EINPUT, "模板文件过大", "template %s: larger than %zu bytes",
                        t->zFile, TMPL_MAX_FILE);
        }
        Parser ps;
        memset(&ps, 0, sizeof ps);
        ps.pSet = pSet;
        ps.pTpl = t;
        ps.err = err;
        rc = compile(&ps);
        if (rc == 0) {
            t->nNode = ps.nNode;
            t->aNode = arena_alloc(&pSet->a, ps.nNode * sizeof *ps.aNode);
            if (ps.nNode) memcpy(t->aNode, ps.aNode, ps.nNode * sizeof *ps.aNode);
        }
        free(ps.aNode);
    }
    if (rc) return rc;
    for (int k = 0; k < pSet->nTpl; k++) {
        Tpl *t = &pSet->aTpl[k];
        for (uint32_t j = 0; j < t->nNode; j++) {
            Node *pN = &t->aNode[j];
            if (pN->eOp != OP_PARTIAL) continue;
            int lo = 0, hi = pSet->nTpl - 1;
            while (lo <= hi) {
                int mid = lo + (hi - lo) / 2;
                int c = strcmp(pSet->aTpl[mid].zName, pN->z);
                if (c == 0) {
                    pN->pPartial = &pSet->aTpl[mid];
                    break;
                }
                if (c < 0) {
                    lo = mid + 1;
                } else {
                    hi = mid - 1;
                }
            }
            if (!pN->pPartial && bWarn) {
                log_warn("tmpl: missing partial name=%s at=%s:%u", pN->z, t->zFile,
                         (unsigned)pN->iLine);
            }
        }
    }
    return 0;
}

/*
** Loading.
*/

/* Sources collected before compiling: a growable heap array of Tpl. */
typedef struct SrcList {
    Tpl *a;
    int n, nAlloc;
} SrcList;

static void src_add(SrcList *pL, const char *zName, const char *zFile, const char *p,
                    size_t n) {
    if (pL->n == pL->nAlloc) {
        pL->nAlloc = pL->nAlloc ? pL->nAlloc * 2 : 64;
        pL->a = xrealloc(pL->a, (size_t)pL->nAlloc * sizeof *pL->a);
    }
    Tpl *t = &pL->a[pL->n++];
    memset(t, 0, sizeof *t);
    t->zName = zName;
    t->zFile = zFile;
    t->p = p;
    t->n = n;
}

static int has_template_ext(const char *zName) {
    size_t n = strlen(zName);
    return (n > 5 && strcmp(zName + n - 5, ".html") == 0) ||
           (n > 4 && strcmp(zName + n - 4, ".xml") == 0) ||
           (n > 4 && strcmp(zName + n - 4, ".txt") == 0);
}

/* Read the file zPath into the set's arena (NUL-terminated). */
static int read_file(Tmpl *pSet, const char *zPath, const char **pp, size_t *pn, Err *err) {
    int rc = ZW_OK;
    int fd = open(zPath, O_RDONLY | O_CLOEXEC);
    struct stat st;
    if (fd < 0 || fstat(fd, &st) != 0) {
        rc = fail(err, ZW_EIO, "无法读取模板文件", "template %s: open: %s", zPath,
                  strerror(errno));
        goto done;
    }
    if ((uint64_t)st.st_size > TMPL_MAX_FILE) {
        rc = fail(err, ZW_EINPUT, "模板文件过大", "template %s: larger than %zu bytes", zPath,
                  TMPL_MAX_FILE);
        goto done;
    }
    size_t n = (size_t)st.st_size, nGot = 0;
    char *z = arena_alloc(&pSet->a, n + 1);
    while (nGot < n) {
        ssize_t k = read(fd, z + nGot, n - nGot);
        if (k < 0 && errno == EINTR) continue;
        if (k <= 0) {
            rc = fail(err, ZW_EIO, "无法读取模板文件", "template %s: read: %s", zPath,
                      k < 0 ? strerror(errno) : "file shrank");
            goto done;
        }
        nGot += (size_t)k;
    }
    z[n] = 0;
    *pp = z;
    *pn = n;
done:
    if (fd >= 0) close(fd);
    return rc;
}

/* Add every template file below zRoot/zRel (zRel "" for the root itself). */
static int scan_dir(Tmpl *pSet, SrcList *pL, const char *zRoot, const char *zRel, int nDepth,
                    Err *err) {
    Arena *a = &pSet->a;
    const char *zDirPath = zRel[0] ? arena_printf(a, "%s/%s", zRoot, zRel) : zRoot;
    int rc = ZW_OK;
    DIR *d = opendir(zDirPath);
    if (!d) {
        return fail(err, ZW_EIO, "无法读取模板目录", "template dir %s: %s", zDirPath,
                    strerror(errno));
    }
    struct dirent *e;
    while (rc == ZW_OK && (e = readdir(d)) != NULL) {
        if (e->d_name[0] == '.') continue; /* ., .., hidden and editor files */
        const char *zName = zRel[0] ? arena_printf(a, "%s/%s", zRel, e->d_name)
                                    : arena_strdup(a, e->d_name);
        const char *zPath = arena_printf(a, "%s/%s", zRoot, zName);
        struct stat st;
        if (lstat(zPath, &st) != 0) continue; /* vanished meanwhile */
        if (S_ISDIR(st.st_mode)) {
            if (nDepth >= TMPL_MAX_DIRS) {
                rc = fail(err, ZW_EINPUT, "模板目录层次过深", "template dir %s: too deep",
                          zPath);
            } else {
                rc = scan_dir(pSet, pL, zRoot, zName, nDepth + 1, err);
            }
            continue;
        }
        if (!has_template_ext(zName)) continue;
        if (S_ISLNK(st.st_mode) && (stat(zPath, &st) != 0 || !S_ISREG(st.st_mode))) continue;
        if (!S_ISREG(st.st_mode)) continue;
        const char *p = NULL;
        size_t n = 0;
        rc = read_file(pSet, zPath, &p, &n, err);
        if (rc == ZW_OK) src_add(pL, zName, zPath, p, n);
    }
    closedir(d);
    return rc;
}

static int cmp_tpl(const void *pA, const void *pB) {
    return strcmp(((const Tpl *)pA)->zName, ((const Tpl *)pB)->zName);
}

/* Sort the collected sources into pSet and compile them; frees the list. */
static int finish(Tmpl *pSet, SrcList *pL, int bWarn, Err *err) {
    if (pL->n) qsort(pL->a, (size_t)pL->n, sizeof *pL->a, cmp_tpl);
    pSet->nTpl = pL->n;
    pSet->aTpl = arena_alloc(&pSet->a, (size_t)pL->n * sizeof *pL->a);
    if (pL->n) memcpy(pSet->aTpl, pL->a, (size_t)pL->n * sizeof *pL->a);
    free(pL->a);
    pL->a = NULL;
    return build(pSet, bWarn, err);
}

static Tmpl *tmpl_new(void) {
    Tmpl *p = xmalloc(sizeof *p);
    memset(p, 0, sizeof *p);
    arena_init(&p->a);
    return p;
}

int tmpl_load(Tmpl **ppOut, const char *zDir, Err *err) {
    static const char zPrefix[] = "templates/";
    const size_t nPrefix = sizeof zPrefix - 1;
    Tmpl *pSet = tmpl_new();
    SrcList list = {NULL, 0, 0};
    int rc = ZW_OK;
    *ppOut = NULL;
    if (zDir) {
        size_t nDir = strlen(zDir);
        while (nDir > 1 && zDir[nDir - 1] == '/') nDir--;
        const char *zRoot = arena_strndup(&pSet->a, zDir, nDir);
        rc = scan_dir(pSet, &list, zRoot, "", 0, err);
    } else {
        for (int k = 0; k < g_nEmbed; k++) {
            const EmbedFile *f = &g_aEmbed[k];
            if (strncmp(f->zName, zPrefix, nPrefix) != 0) continue;
            if (!has_template_ext(f->zName)) continue;
            src_add(&list, f->zName + nPrefix, f->zName, (const char *)f->pData, f->nData);
        }
    }
    if (rc == ZW_OK) rc = finish(pSet, &list, 1, err);
    free(list.a);
    if (rc != ZW_OK) {
        tmpl_free(pSet);
        return rc;
    }
    *ppOut = pSet;
    return ZW_OK;
}

int tmpl_parse_buffer(Tmpl **ppOut, const char *zName, const char *p, size_t n, Err *err) {
    Tmpl *pSet = tmpl_new();
    SrcList list = {NULL, 0, 0};
    *ppOut = NULL;
    const char *zCopy = arena_strndup(&pSet->a, p, n);
    const char *zNameCopy = arena_strdup(&pSet->a, zName);
    src_add(&list, zNameCopy, zNameCopy, zCopy, n);
    int rc = finish(pSet, &list, 0, err);
    if (rc != ZW_OK) {
        tmpl_free(pSet);
        return rc;
    }
    *ppOut = pSet;
    return ZW_OK;
}

void tmpl_free(Tmpl *p) {
    if (!p) return;
    arena_free(&p->a);
    free(p);
}

/*
** Rendering.  Nothing here writes to the set.
*/

/* One frame of the context stack. */
typedef struct Ctx {
    const TVal *pVal;     /* the value pushed by a section (or the root data) */
    const struct Ctx *pUp; /* the enclosing frame, or NULL */
} Ctx;

/* State of one tmpl_render() call. */
typedef struct Render {
    Str *out;       /* where output goes */
    Err *err;       /* where an error goes */
    uint64_t nStep; /* nodes visited so far */
} Render;

static const TVal *member(const TVal *pObj, const char *zKey) {
    if (!pObj || pObj->eType != TV_OBJ) return NULL;
    for (const TVal *v = pObj->pFirst; v; v = v->pNext) {
        if (v->zKey[0] == zKey[0] && strcmp(v->zKey, zKey) == 0) return v;
    }
    return NULL;
}

/* Resolve pN's name: the first part in the innermost frame that has it, the rest
** inside that value only.  NULL when missing. */
static const TVal *lookup(const Ctx *pCtx, const Node *pN) {
    if (pN->nSeg == 0) return pCtx ? pCtx->pVal : NULL;
    const TVal *v = NULL;
    for (; pCtx && !v; pCtx = pCtx->pUp) v = member(pCtx->pVal, pN->azSeg[0]);
    for (int k = 1; k < pN->nSeg && v; k++) v = member(v, pN->azSeg[k]);
    return v;
}

static void put_int(Str *out, int64_t v) {
    char buf[24];
    char *p = buf + sizeof buf;
    uint64_t u = v < 0 ? 0 - (uint64_t)v : (uint64_t)v;
    do {
        *--p = (char)('0' + u % 10);
        u /= 10;
    } while (u);
    if (v < 0) *--p = '-';
    str_append(out, p, (size_t)(buf + sizeof buf - p));
}

static int render_error(Render *r, const Tpl *t, const Node *pN, const char *zWhat,
                        const char *zDetail) {
    return fail(r->err, ZW_EINPUT, "页面模板出错", "template %s:%u: %s (%s)", t->zFile,
                (unsigned)pN->iLine, zWhat, zDetail);
}

static int render(Render *r, const Tpl *t, uint32_t i, uint32_t iEnd, const Ctx *pCtx,
                  int nDepth) {
    Str *out = r->out;
    while (i < iEnd) {
        const Node *pN = &t->aNode[i];
        const TVal *v;
        int rc;
        if (++r->nStep > TMPL_MAX_STEPS) {
            return render_error(r, t, pN, "render too long", "step limit reached");
        }
        switch (pN->eOp) {
        case OP_TEXT:
            str_append(out, pN->z, pN->n);
            i++;
            break;
        case OP_VAR:
        case OP_URL:
            v = lookup(pCtx, pN);
            if (v && (v->eType == TV_STR || v->eType == TV_HTML)) {
                if (pN->eOp == OP_VAR) {
                    str_html_escape(out, v->z);
                } else {
                    str_url(out, v->z);
                }
            } else if (v && v->eType == TV_INT) {
                put_int(out, v->i);
            } else if (v && v->eType == TV_BOOL) {
                str_puts(out, v->i ? "true" : "false");
            }
            i++;
            break;
        case OP_RAW:
            v = lookup(pCtx, pN);
            if (v && v->eType == TV_HTML) {
                str_puts(out, v->z);
            } else if (v && v->eType != TV_NULL) {
                return render_error(r, t, pN, "|raw needs an Html value", tv_type_name(v));
            }
            i++;
            break;
        case OP_SECTION:
            v = lookup(pCtx, pN);
            if (v && v->eType == TV_LIST) {
                for (const TVal *e = v->pFirst; e; e = e->pNext) {
                    Ctx c = {e, pCtx};
                    if (++r->nStep > TMPL_MAX_STEPS) {
                        return render_error(r, t, pN, "render too long", "step limit reached");
                    }
                    if ((rc = render(r, t, i + 1, pN->iEnd, &c, nDepth)) != 0) return rc;
                }
            } else if (tv_truthy(v)) {
                Ctx c = {v, pCtx};
                if ((rc = render(r, t, i + 1, pN->iEnd, &c, nDepth)) != 0) return rc;
            }
            i = pN->iEnd;
            break;
        case OP_INVERTED:
            if (!tv_truthy(lookup(pCtx, pN))) {
                if ((rc = render(r, t, i + 1, pN->iEnd, pCtx, nDepth)) != 0) return rc;
            }
            i = pN->iEnd;
            break;
        case OP_PARTIAL:
            if (!pN->pPartial) return render_error(r, t, pN, "missing partial", pN->z);
            if (nDepth >= TMPL_MAX_DEPTH) {
                return render_error(r, t, pN, "partials nested too deep (recursion?)", pN->z);
            }
            rc = render(r, pN->pPartial, 0, pN->pPartial->nNode, pCtx, nDepth + 1);
            if (rc) return rc;
            i++;
            break;
        default: die("tmpl: bad op %d", pN->eOp);
        }
        if (out->err) {
            return fail(r->err, ZW_ETOOBIG, "页面过大", "template %s: output over the limit",
                        t->zFile);
        }
    }
    return ZW_OK;
}

int tmpl_render(const Tmpl *p, const char *zName, const TVal *pData, Str *out, Err *err) {
    int lo = 0, hi = p->nTpl - 1;
    while (lo <= hi) {
        int mid = lo + (hi - lo) / 2;
        const Tpl *t = &p->aTpl[mid];
        int c = strcmp(t->zName, zName);
        if (c == 0) {
            Render r = {out, err, 0};
            Ctx root = {pData, NULL};
            if (out->err) {
                return fail(err, ZW_ETOOBIG, "页面过大", "template %s: output over the limit",
                            t->zFile);
            }
            return render(&r, t, 0, t->nNode, &root, 0);
        }
        if (c < 0) {
            lo = mid + 1;
        } else {
            hi = mid - 1;
        }
    }
    return fail(err, ZW_ENOTFOUND, "页面模板不存在", "template %s: not found", zName);
}
