/* Tests on the evaluation data beside the source tree (../shared).
 *
 * A test that reads it starts with REQUIRE_SHARED(path). It is skipped (and
 * says so) when the data is absent, and in the fast tier (`make check`, where
 * ctest sets CHORUS_TEST_TIER=fast), so that tier needs nothing outside the
 * repository. `make check-data` runs the same programs with the data. */
#ifndef CHORUS_TEST_SHARED_DATA_H
#define CHORUS_TEST_SHARED_DATA_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static inline int shared_data_wanted(const char *path)
{
    const char *tier = getenv("CHORUS_TEST_TIER");
    if (tier && strcmp(tier, "fast") == 0) return 0;
    struct stat st;
    if (stat(path, &st) != 0) {
        printf("skipped: ../shared/data not found (%s)\n", path);
        return 0;
    }
    return 1;
}

#define REQUIRE_SHARED(path)                 \
    do {                                     \
        if (!shared_data_wanted(path)) skip(); \
    } while (0)

#endif
