/* Plain-text articles and the sentence splitter: any bytes. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "readers.h"

static void count_sentence(const char *sentence, size_t len, void *ctx)
{
    /* Touch every byte so ASan sees out-of-bounds sentences. */
    size_t *total = ctx;
    for (size_t i = 0; i < len; i++) *total += (unsigned char)sentence[i] != 0;
    if (sentence[len] != '\0') abort(); /* promised NUL-terminated */
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    chorus_corpus c;
    chorus_error err;
    chorus_corpus_init(&c);
    cx_read_text(&c, "fuzz.txt", (const char *)data, size, &err);
    size_t total = 0;
    for (size_t i = 0; i < c.n_articles; i++)
        chorus_sentences(c.articles[i].text, strlen(c.articles[i].text), count_sentence, &total, &err);
    /* Raw bytes too: the splitter must cope with what readers would reject. */
    chorus_sentences((const char *)data, size, count_sentence, &total, &err);
    chorus_corpus_free(&c);
    return 0;
}
