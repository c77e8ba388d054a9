/* The facts stage: the number reader on any bytes, then whole digests (with
 * quotes, names, figures and their disagreements, and the timeline) of
 * articles cut from the input at form feeds, rendered as JSON. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "chorus.h"
#include "facts.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *s = (const char *)data;
    double v;
    for (size_t i = 0; i < size && i < 64; i++) {
        size_t used = cx_parse_number(s + i, size - i, &v);
        if (used > size - i) abort();
    }
    chorus_corpus c;
    chorus_error err;
    chorus_corpus_init(&c);
    /* up to four articles, each its own outlet */
    size_t at = 0;
    for (int k = 0; k < 4 && at < size; k++) {
        const char *ff = memchr(s + at, '\f', size - at);
        size_t end = ff ? (size_t)(ff - s) : size;
        char name[32];
        snprintf(name, sizeof name, "outlet%d.txt", k);
        chorus_read_buffer(&c, name, s + at, end - at, &err);
        at = end + 1;
    }
    chorus_digest_options o;
    chorus_digest_options_init(&o);
    o.with_quotes = 1;
    chorus_digest *d = NULL;
    if (c.n_articles && chorus_digest_build(&c, &o, &d, &err) == 0) {
        FILE *out = fopen("/dev/null", "w");
        if (out) {
            chorus_digest_render(d, CHORUS_FORMAT_JSON, out, &err);
            fclose(out);
        }
        chorus_digest_free(d);
    }
    chorus_corpus_free(&c);
    return 0;
}
