// SPDX-License-Identifier: MIT
/*
** log.c: formats a log line into a fixed buffer, replaces CR/LF and writes it
** with one write() so that threads never interleave within a line.
*/
#include "log.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

int g_log_level = LOG_INFO;

static const char *const azLevel[] = {"error", "warn", "info", "debug"};

static void emit(const char *zLevel, const char *zFmt, va_list ap) {
    char buf[2048];
    time_t now = time(NULL);
    struct tm tm;
    gmtime_r(&now, &tm);
    size_t n = strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ ", &tm);
    int k = snprintf(buf + n, sizeof buf - n, "%s ", zLevel);
    if (k > 0) n += (size_t)k;
    size_t nStart = n;
    k = vsnprintf(buf + n, sizeof buf - n - 1, zFmt, ap);
    if (k > 0) n += (size_t)k < sizeof buf - n - 1 ? (size_t)k : sizeof buf - n - 2;
    for (size_t i = nStart; i < n; i++) {
        if (buf[i] == '\n' || buf[i] == '\r') buf[i] = ' ';
    }
    buf[n++] = '\n';
    ssize_t w = write(2, buf, n);
    (void)w;
}

void log_line(int level, const char *zFmt, ...) {
    if (level > g_log_level) return;
    va_list ap;
    va_start(ap, zFmt);
    emit(azLevel[level < 0 ? 0 : level > 3 ? 3 : level], zFmt, ap);
    va_end(ap);
}

void die_at(const char *zFile, int iLine, const char *zFmt, ...) {
    char buf[1024];
    va_list ap;
    va_start(ap, zFmt);
    vsnprintf(buf, sizeof buf, zFmt, ap);
    va_end(ap);
    log_line(LOG_ERROR, "fatal at=%s:%d %s", zFile, iLine, buf);
    abort();
}
