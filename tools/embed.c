// SPDX-License-Identifier: MIT
/*
** embed.c: the build-time tool that compiles files into the binary.
**
**     embedtool OUT.c FILE...
**
** writes OUT.c defining `const EmbedFile g_aEmbed[]` (sorted by name in strcmp()
** order, as core/embed.c's binary search expects) and `const int g_nEmbed`.  Each name
** is the path as given on the command line, without a leading "./".  Each file becomes
** a static array initialised from one string literal (octal escapes for anything but
** printable ASCII), so it ends in a NUL byte that nData does not count and text files
** can be used as C strings.  Any bytes are fine (images in static/).  A literal
** compiles over ten times faster than a list of numbers (2 MB: 0.5 s against 6.7 s
** with gcc -O2); gcc and clang take literals of any length, and the generated file
** silences -Woverlength-strings in case -pedantic is ever added.
**
** OUT.c is written to a temporary file next to it and renamed into place, so a failed
** or interrupted run never leaves a half-written file behind.  Stands alone: it uses
** only the C library, so the build can run it before anything else is compiled.
*/
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char zTmp[4096]; /* the temporary output file, removed on failure */

static void fatal(const char *zFmt, ...) __attribute__((format(printf, 1, 2), noreturn));
static void fatal(const char *zFmt, ...) {
    va_list ap;
    fputs("embedtool: ", stderr);
    va_start(ap, zFmt);
    vfprintf(stderr, zFmt, ap);
    va_end(ap);
    fputc('\n', stderr);
    if (zTmp[0]) remove(zTmp);
    exit(1);
}

/* One input: its name in the table and its path on disk. */
typedef struct Input {
    const char *zName;
    const char *zPath;
} Input;

static int cmp_input(const void *pA, const void *pB) {
    return strcmp(((const Input *)pA)->zName, ((const Input *)pB)->zName);
}

/* Write zName as a C string literal; anything but [A-Za-z0-9/._-] becomes an octal
** escape (which also keeps trigraphs and quotes out). */
static void put_name(FILE *out, const char *zName) {
    fputc('"', out);
    for (const unsigned char *p = (const unsigned char *)zName; *p; p++) {
        if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
            *p == '/' || *p == '.' || *p == '_' || *p == '-') {
            fputc(*p, out);
        } else {
            fprintf(out, "\\%03o", *p);
        }
    }
    fputc('"', out);
}

/* Copy the file zPath into out as the body of a string literal: printable ASCII as is,
** every other byte (and " \\ ?) as a 3-digit octal escape, which cannot swallow the
** next character and keeps trigraphs out; a line break (closing and reopening the
** literal) every 80 columns or so.  Returns the number of bytes. */
static size_t put_bytes(FILE *out, const char *zPath) {
    FILE *in = fopen(zPath, "rb");
    if (!in) fatal("cannot open %s: %s", zPath, strerror(errno));
    unsigned char buf[65536];
    char line[128];
    size_t nTotal = 0, nLine = 0, nRead;
    line[nLine++] = '"';
    while ((nRead = fread(buf, 1, sizeof buf, in)) > 0) {
        for (size_t i = 0; i < nRead; i++) {
            unsigned c = buf[i];
            if (c >= 0x20 && c < 0x7f && c != '"' && c != '\\' && c != '?') {
                line[nLine++] = (char)c;
            } else {
                line[nLine++] = '\\';
                line[nLine++] = (char)('0' + (c >> 6));
                line[nLine++] = (char)('0' + ((c >> 3) & 7));
                line[nLine++] = (char)('0' + (c & 7));
            }
            if (nLine >= 80) {
                line[nLine++] = '"';
                line[nLine++] = '\n';
                fwrite(line, 1, nLine, out);
                nLine = 0;
                line[nLine++] = '"';
            }
        }
        nTotal += nRead;
    }
    if (ferror(in)) fatal("cannot read %s: %s", zPath, strerror(errno));
    fclose(in);
    line[nLine++] = '"';
    fwrite(line, 1, nLine, out);
    return nTotal;
}

int main(int argc, char **argv) {
    if (argc < 2) {
        fputs("usage: embedtool OUT.c FILE...\n", stderr);
        return 2;
    }
    const char *zOut = argv[1];
    int nIn = argc - 2;
    Input *aIn = calloc((size_t)(nIn ? nIn : 1), sizeof *aIn);
    size_t *anData = calloc((size_t)(nIn ? nIn : 1), sizeof *anData);
    if (!aIn || !anData) fatal("out of memory");
    for (int k = 0; k < nIn; k++) {
        const char *z = argv[k + 2];
        while (z[0] == '.' && z[1] == '/') z += 2;
        if (!z[0]) fatal("empty file name: %s", argv[k + 2]);
        aIn[k].zName = z;
        aIn[k].zPath = argv[k + 2];
    }
    qsort(aIn, (size_t)nIn, sizeof *aIn, cmp_input);
    for (int k = 1; k < nIn; k++) {
        if (strcmp(aIn[k - 1].zName, aIn[k].zName) == 0) {
            fatal("file given twice: %s", aIn[k].zName);
        }
    }

    int n = snprintf(zTmp, sizeof zTmp, "%s.tmp%ld", zOut, (long)getpid());
    if (n < 0 || (size_t)n >= sizeof zTmp) {
        zTmp[0] = 0;
        fatal("output name too long");
    }
    FILE *out = fopen(zTmp, "w");
    if (!out) fatal("cannot create %s: %s", zTmp, strerror(errno));
    static char outBuf[1 << 16];
    setvbuf(out, outBuf, _IOFBF, sizeof outBuf);

    fputs("/* Generated by tools/embed.c; do not edit. */\n"
          "#include \"embed.h\"\n\n"
          "/* Literals longer than C's minimum of 4095 bytes are fine in gcc and clang. */\n"
          "#pragma GCC diagnostic ignored \"-Woverlength-strings\"\n\n",
          out);
    for (int k = 0; k < nIn; k++) {
        fprintf(out, "/* ");
        put_name(out, aIn[k].zName); /* octal escapes cannot close the comment */
        fprintf(out, " */\nstatic const unsigned char d%d[] =\n", k);
        anData[k] = put_bytes(out, aIn[k].zPath);
        fputs(";\n\n", out);
    }
    fputs("const EmbedFile g_aEmbed[] = {\n", out);
    for (int k = 0; k < nIn; k++) {
        fputs("    {", out);
        put_name(out, aIn[k].zName);
        fprintf(out, ", d%d, %zu},\n", k, anData[k]);
    }
    if (nIn == 0) fputs("    {0, 0, 0},\n", out); /* C has no empty arrays */
    fprintf(out, "};\nconst int g_nEmbed = %d;\n", nIn);

    if (ferror(out)) fatal("cannot write %s", zTmp);
    if (fflush(out) != 0 || fsync(fileno(out)) != 0) {
        fatal("cannot write %s: %s", zTmp, strerror(errno));
    }
    if (fclose(out) != 0) fatal("cannot write %s: %s", zTmp, strerror(errno));
    if (rename(zTmp, zOut) != 0) fatal("cannot rename %s to %s: %s", zTmp, zOut, strerror(errno));
    zTmp[0] = 0;
    free(aIn);
    free(anData);
    return 0;
}
