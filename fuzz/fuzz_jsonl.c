/* Article JSONL: any bytes. */
#include <stdint.h>
#include <stdlib.h>

#include "readers.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    chorus_corpus c;
    chorus_error err;
    chorus_corpus_init(&c);
    cx_read_jsonl(&c, "fuzz.jsonl", (const char *)data, size, &err);
    chorus_corpus_free(&c);
    return 0;
}
