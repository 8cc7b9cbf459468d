// SPDX-License-Identifier: MIT
/*
** replay.c: a plain main() that feeds committed fuzz inputs to a libFuzzer target,
** so `make test` can replay fuzz/corpus/<name>/ without clang's fuzzer runtime (the
** idea of SQLite's fuzzcheck).  `make fuzz-replay` links it with each *_fuzz.c.
**
**   replay DIR-OR-FILE...
**
** Directories are walked recursively (in name order, so runs are repeatable); every
** regular file is read into a buffer of exactly its size, so sanitizers catch
** overreads, and passed to LLVMFuzzerTestOneInput().  A target that finds a broken
** invariant aborts, which ends the run with a non-zero status.  Prints "replayed N
** inputs" and exits 0; exits 1 if an argument cannot be read, 2 without arguments.
*/
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

extern int LLVMFuzzerTestOneInput(const uint8_t *pData, size_t nData);

/* Feed the file zPath to the target; 0 on success, 1 if it cannot be read. */
static int replay_file(const char *zPath, long *pnDone) {
    FILE *pIn = fopen(zPath, "rb");
    struct stat st;
    int rc = 1;
    uint8_t *pData = NULL;
    if (!pIn) {
        fprintf(stderr, "replay: cannot open %s\n", zPath);
        return 1;
    }
    if (fstat(fileno(pIn), &st) != 0 || st.st_size < 0) {
        fprintf(stderr, "replay: cannot stat %s\n", zPath);
        goto done;
    }
    size_t nData = (size_t)st.st_size;
    pData = malloc(nData ? nData : 1);
    if (!pData) {
        fprintf(stderr, "replay: out of memory for %s\n", zPath);
        goto done;
    }
    if (nData && fread(pData, 1, nData, pIn) != nData) {
        fprintf(stderr, "replay: cannot read %s\n", zPath);
        goto done;
    }
    LLVMFuzzerTestOneInput(pData, nData);
    (*pnDone)++;
    rc = 0;
done:
    free(pData);
    fclose(pIn);
    return rc;
}

static int by_name(const void *pA, const void *pB) {
    return strcmp(*(char *const *)pA, *(char *const *)pB);
}

/* Replay zPath: a file, or every file below a directory. */
static int replay_path(const char *zPath, long *pnDone) {
    struct stat st;
    if (stat(zPath, &st) != 0) {
        fprintf(stderr, "replay: cannot stat %s\n", zPath);
        return 1;
    }
    if (!S_ISDIR(st.st_mode)) {
        return S_ISREG(st.st_mode) ? replay_file(zPath, pnDone) : 0;
    }
    DIR *pDir = opendir(zPath);
    if (!pDir) {
        fprintf(stderr, "replay: cannot open directory %s\n", zPath);
        return 1;
    }
    char **azName = NULL;
    size_t nName = 0, nAlloc = 0;
    struct dirent *pEnt;
    int rc = 0;
    while ((pEnt = readdir(pDir)) != NULL) {
        if (pEnt->d_name[0] == '.') {
            continue; /* ".", "..", and hidden files such as .gitkeep */
        }
        if (nName == nAlloc) {
            nAlloc = nAlloc ? nAlloc * 2 : 64;
            char **azNew = realloc(azName, nAlloc * sizeof *azName);
            if (!azNew) {
                fprintf(stderr, "replay: out of memory\n");
                rc = 1;
                break;
            }
            azName = azNew;
        }
        size_t nPath = strlen(zPath) + strlen(pEnt->d_name) + 2;
        azName[nName] = malloc(nPath);
        if (!azName[nName]) {
            fprintf(stderr, "replay: out of memory\n");
            rc = 1;
            break;
        }
        snprintf(azName[nName], nPath, "%s/%s", zPath, pEnt->d_name);
        nName++;
    }
    closedir(pDir);
    if (nName) {
        qsort(azName, nName, sizeof *azName, by_name);
    }
    for (size_t i = 0; i < nName; i++) {
        if (rc == 0) {
            rc = replay_path(azName[i], pnDone);
        }
        free(azName[i]);
    }
    free(azName);
    return rc;
}

int main(int argc, char **argv) {
    long nDone = 0;
    int rc = 0;
    if (argc < 2) {
        fprintf(stderr, "usage: %s DIR-OR-FILE...\n", argv[0]);
        return 2;
    }
    for (int i = 1; i < argc && rc == 0; i++) {
        rc = replay_path(argv[i], &nDone);
    }
    printf("replayed %ld inputs\n", nDone);
    return rc;
}
