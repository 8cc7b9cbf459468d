/*
** embed.h: files compiled into the binary (templates/ and static/), generated at
** build time by tools/embed.c into build/embed.c.
**
** Memory: static, read-only, lives for the whole process.
*/
#ifndef ZW_EMBED_H
#define ZW_EMBED_H

#include <stddef.h>

typedef struct EmbedFile {
    const char *zName;          /* path relative to the repository, e.g. "templates/site/item.html" */
    const unsigned char *pData; /* contents, followed by a NUL byte not counted in nData */
    size_t nData;               /* length in bytes */
} EmbedFile;

extern const EmbedFile g_aEmbed[]; /* sorted by zName */
extern const int g_nEmbed;

/* The embedded file called zName, or NULL. */
const EmbedFile *embed_find(const char *zName);

#endif
