/* Reading Debian's Snowball stopword lists (liblingua-stopwords-perl): the
 * language tables and the stopword profile of detection both take them. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "language_internal.h"
#include "text.h"
#include "util.h"

int cx_stopword_list_each(const char *code, int (*fn)(void *ctx, const char *w, size_t n), void *ctx)
{
    char path[128], up[8];
    size_t k = 0;
    for (; code[k] && k < sizeof up - 1; k++) up[k] = (char)toupper((unsigned char)code[k]);
    up[k] = '\0';
    snprintf(path, sizeof path, CX_STOPWORD_DIR "%s.pm", up);
    char *data;
    size_t len;
    if (cx_read_file(path, 1 << 20, &data, &len, NULL)) return 1; /* not installed, or no list */
    const char *p = strstr(data, "_stopwords");
    p = p ? strstr(p, "qw(") : NULL;
    int rc = p ? 0 : 1;
    if (p) {
        p += 3;
        const char *end = strchr(p, ')');
        if (!end) end = data + len;
        while (p < end && rc >= 0) {
            while (p < end && (unsigned char)*p <= ' ') p++;
            const char *b = p;
            /* ASCII words (most) are passed as they are, or lowered here */
            unsigned any = 0, upper = 0;
            for (; p < end && (unsigned char)*p > ' '; p++) {
                any |= (unsigned char)*p;
                upper |= (unsigned)(*p >= 'A' && *p <= 'Z');
            }
            size_t wl = (size_t)(p - b), n = 0;
            char low[96];
            const char *w = low;
            if (!wl) continue;
            if (any < 0x80 && !upper) {
                w = b, n = wl;
            } else if (any < 0x80 && wl < sizeof low) {
                for (; n < wl; n++) low[n] = (char)cx_ascii_lower((unsigned char)b[n]);
                low[n] = '\0';
            } else if (cx_utf8_valid(b, wl, NULL)) {
                n = cx_lower(b, wl, low, sizeof low);
            } else {
                continue;
            }
            int r = fn(ctx, w, n);
            if (r < 0) rc = r;
        }
    }
    free(data);
    return rc;
}
