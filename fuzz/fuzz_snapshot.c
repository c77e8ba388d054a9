/* The clustering snapshot reader: a store's saved engine state is read back
 * from bytes that may be damaged or crafted (with a valid checksum), so the
 * loader must refuse anything inconsistent without looping or reading out of
 * bounds. A loaded engine is then used once, to catch state that loads but
 * breaks the engine. Seed: a snapshot saved from the example story. */
#include <stdint.h>
#include <stdlib.h>

#include "engine_snapshot.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    cx_clusterer *cl = NULL;
    int64_t value = 0;
    if (cx_engine_snapshot_load(data, size, NULL, &cl, &value) == 0) {
        unsigned char *again = NULL;
        size_t len = 0;
        if (cx_engine_snapshot_save(cl, value, &again, &len) == 0) free(again);
        cx_clusterer_free(cl);
    }
    return 0;
}
