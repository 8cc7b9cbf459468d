/*
** arena.h: bump allocator for one unit of work (a request, a CLI command, a job).
**
** Memory: everything allocated from an Arena is released at once by arena_free();
**         nothing from an arena is ever freed piece by piece.
** Errors: out of memory aborts the process (die), so callers never check for NULL.
*/
#ifndef ZW_ARENA_H
#define ZW_ARENA_H

#include <stddef.h>

typedef struct ArenaBlock ArenaBlock;

/* An arena: a list of blocks; allocation bumps a pointer in the newest block. */
typedef struct Arena {
    ArenaBlock *pHead; /* newest block, or NULL before the first allocation */
    size_t nUsed;      /* bytes handed out so far, for limits and statistics */
} Arena;

/* Initialise an empty arena in place.  Allocates nothing. */
void arena_init(Arena *a);

/* Release every block of the arena; the arena may be used again afterwards. */
void arena_free(Arena *a);

/* Return n bytes aligned to 16, uninitialised.  n == 0 returns a valid pointer. */
void *arena_alloc(Arena *a, size_t n);

/* Return n bytes aligned to 16, zeroed. */
void *arena_zalloc(Arena *a, size_t n);

/* Grow an array kept in the arena: a new block of nNew bytes holding the first nOld
** bytes of p (p may be NULL when nOld is 0).  The old block stays until arena_free. */
void *arena_grow(Arena *a, const void *p, size_t nOld, size_t nNew);

/* Copy n bytes of p and add a NUL; returns the copy. */
char *arena_strndup(Arena *a, const char *p, size_t n);

/* Copy the NUL-terminated z; NULL gives NULL. */
char *arena_strdup(Arena *a, const char *z);

/* printf into the arena. */
char *arena_printf(Arena *a, const char *zFmt, ...) __attribute__((format(printf, 2, 3)));

/* Heap helpers that abort on out-of-memory (for long-lived objects). */
void *xmalloc(size_t n);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *z);

#endif
