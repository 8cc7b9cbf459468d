/*
** render.h: document bodies to safe HTML.  Markdown goes through md4c with raw
** HTML disabled (MD_FLAG_NOHTML); plain 公文 text becomes paragraphs, with the
** 一、/（一） heading levels of GB/T 9704 marked up.  Both escape all text.
**
** Memory: the returned markup lives in the caller's Arena.
*/
#ifndef ZW_RENDER_H
#define ZW_RENDER_H

#include "../core/arena.h"
#include "../core/str.h"

/* zFormat "md" or "text" (anything else is treated as text). */
Html render_body(Arena *a, const char *zFormat, const char *zBody);

/* Plain text of a body for summaries and feeds: at most nChars characters. */
const char *render_summary(Arena *a, const char *zBody, size_t nChars);

#endif
