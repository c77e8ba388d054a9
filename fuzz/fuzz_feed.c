/* RSS 2.0, RSS 1.0 and Atom feeds: any bytes through the feed reader (XML
 * with entity declarations refused, item bodies through libxml2's HTML
 * parser), and the cheap sniffing that routes a file to it. */
#include <stdint.h>
#include <stdlib.h>

#include "readers.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    chorus_corpus c;
    chorus_error err;
    (void)cx_looks_like_feed((const char *)data, size);
    chorus_corpus_init(&c);
    cx_read_feed(&c, "fuzz.xml", (const char *)data, size, &err);
    chorus_corpus_free(&c);
    return 0;
}
