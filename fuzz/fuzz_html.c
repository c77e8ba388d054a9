/* HTML pages: any bytes, with and without a charset from outside the page. */
#include <stdint.h>
#include <stdlib.h>

#include "readers.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    chorus_corpus c;
    chorus_error err;
    chorus_corpus_init(&c);
    cx_read_html(&c, "fuzz.html", (const char *)data, size, &err);
    chorus_corpus_free(&c);
    /* The first byte picks an outside charset, as an HTTP header would. */
    static const char *charsets[] = {"utf-8", "iso-8859-1", "windows-1252", "utf-16", "shift_jis", "bogus"};
    if (size > 1) {
        chorus_corpus_init(&c);
        cx_read_html_charset(&c, "fuzz.html", (const char *)data + 1, size - 1, charsets[data[0] % 6],
                             "https://www.example.com/a", &err);
        chorus_corpus_free(&c);
    }
    return 0;
}
