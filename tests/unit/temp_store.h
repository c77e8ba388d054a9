/* Throw-away store files for the store tests: a fresh path (the store
 * creates the file) and removal with its WAL companions. */
#ifndef CHORUS_TEST_TEMP_STORE_H
#define CHORUS_TEST_TEMP_STORE_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static inline char *temp_db(void)
{
    char *path = strdup("/tmp/chorus-test-store-XXXXXX");
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    close(fd);
    unlink(path); /* the store creates it */
    return path;
}

static inline void remove_db(char *path)
{
    char tmp[512];
    unlink(path);
    snprintf(tmp, sizeof tmp, "%s-wal", path);
    unlink(tmp);
    snprintf(tmp, sizeof tmp, "%s-shm", path);
    unlink(tmp);
    free(path);
}

#endif
