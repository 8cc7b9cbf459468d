/*
** log.h: one-line English logs on standard error, and die() for broken invariants.
**
** Memory: nothing to free.  Thread-safe: each line is written with one write().
** Lines look like `2026-11-28T10:00:00Z warn key=value ...`; CR and LF inside the
** formatted text become spaces, so input cannot forge log lines.
*/
#ifndef ZW_LOG_H
#define ZW_LOG_H

enum { LOG_ERROR = 0, LOG_WARN = 1, LOG_INFO = 2, LOG_DEBUG = 3 };

/* The current level; lines above it are not even formatted.  Default LOG_INFO. */
extern int g_log_level;

void log_line(int level, const char *zFmt, ...) __attribute__((format(printf, 2, 3)));
#define log_error(...) log_line(LOG_ERROR, __VA_ARGS__)
#define log_warn(...) do { if (g_log_level >= LOG_WARN) log_line(LOG_WARN, __VA_ARGS__); } while (0)
#define log_info(...) do { if (g_log_level >= LOG_INFO) log_line(LOG_INFO, __VA_ARGS__); } while (0)
#define log_debug(...) do { if (g_log_level >= LOG_DEBUG) log_line(LOG_DEBUG, __VA_ARGS__); } while (0)

/* Log and abort: for broken invariants and out-of-memory only. */
#define die(...) die_at(__FILE__, __LINE__, __VA_ARGS__)
_Noreturn void die_at(const char *zFile, int iLine, const char *zFmt, ...)
    __attribute__((format(printf, 3, 4)));

#endif
