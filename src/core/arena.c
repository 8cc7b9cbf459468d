// SPDX-License-Identifier: MIT
/*
** arena.c: the bump allocator behind every request and command.  Blocks grow
** geometrically from 4 KiB; a request larger than a block gets its own block.
** Relies on malloc; out of memory ends the process through die().
*/
#include "arena.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "log.h"

struct ArenaBlock {
    ArenaBlock *pNext; /* older block */
    size_t nCap;       /* usable bytes after the header */
    size_t nUsed;      /* bytes used in this block */
    /* data follows, aligned to 16 */
};

#define HDR ((sizeof(ArenaBlock) + 15) & ~(size_t)15)

void *xmalloc(size_t n) {
    void *p = malloc(n ? n : 1);
    if (!p) die("out of memory (%zu bytes)", n);
    return p;
}

void *xrealloc(void *p, size_t n) {
    void *q = realloc(p, n ? n : 1);
    if (!q) die("out of memory (%zu bytes)", n);
    return q;
}

char *xstrdup(const char *z) {
    size_t n = strlen(z);
    char *p = xmalloc(n + 1);
    memcpy(p, z, n + 1);
    return p;
}

void arena_init(Arena *a) {
    a->pHead = NULL;
    a->nUsed = 0;
}

void arena_free(Arena *a) {
    ArenaBlock *b = a->pHead;
    while (b) {
        ArenaBlock *pNext = b->pNext;
        free(b);
        b = pNext;
    }
    a->pHead = NULL;
    a->nUsed = 0;
}

void *arena_alloc(Arena *a, size_t n) {
    ArenaBlock *b = a->pHead;
    n = (n + 15) & ~(size_t)15;
    if (!b || b->nCap - b->nUsed < n) {
        size_t nCap = b ? b->nCap * 2 : 4096;
        if (nCap > (1u << 20)) nCap = 1u << 20;
        if (nCap < n) nCap = n;
        ArenaBlock *nb = xmalloc(HDR + nCap);
        nb->nCap = nCap;
        nb->nUsed = 0;
        if (b && n > b->nCap - b->nUsed && nCap == n && b->nCap - b->nUsed > 256) {
            /* A big one-off: link it behind the head so the head keeps serving. */
            nb->pNext = b->pNext;
            b->pNext = nb;
            nb->nUsed = n;
            a->nUsed += n;
            return (char *)nb + HDR;
        }
        nb->pNext = b;
        a->pHead = b = nb;
    }
    void *p = (char *)b + HDR + b->nUsed;
    b->nUsed += n;
    a->nUsed += n;
    return p;
}

void *arena_zalloc(Arena *a, size_t n) {
    void *p = arena_alloc(a, n);
    memset(p, 0, n);
    return p;
}

void *arena_grow(Arena *a, const void *p, size_t nOld, size_t nNew) {
    void *pNew = arena_alloc(a, nNew);
    if (nOld) memcpy(pNew, p, nOld < nNew ? nOld : nNew);
    return pNew;
}

char *arena_strndup(Arena *a, const char *p, size_t n) {
    char *z = arena_alloc(a, n + 1);
    if (n) memcpy(z, p, n);
    z[n] = 0;
    return z;
}

char *arena_strdup(Arena *a, const char *z) {
    return z ? arena_strndup(a, z, strlen(z)) : NULL;
}

char *arena_printf(Arena *a, const char *zFmt, ...) {
    va_list ap, ap2;
    va_start(ap, zFmt);
    va_copy(ap2, ap);
    int n = vsnprintf(NULL, 0, zFmt, ap);
    va_end(ap);
    if (n < 0) n = 0;
    char *z = arena_alloc(a, (size_t)n + 1);
    vsnprintf(z, (size_t)n + 1, zFmt, ap2);
    va_end(ap2);
    return z;
}
