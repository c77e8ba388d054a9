/* Dates in sentences: any bytes as a sentence, read in a language and
 * against an anchor day chosen by the first bytes, then resolved again
 * against other anchors (the digest's cheap re-reading). The same bytes as a
 * timestamp field (published) and as a --since/--new-since value. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "chorus.h"
#include "dates.h"
#include "util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const char *langs[] = {"en", "fr", "de", "es", "zh", "ja", "ru", "ar", "xx", NULL};
    char *z = malloc(size + 1);
    if (!z) return 0;
    memcpy(z, data, size);
    z[size] = '\0';
    (void)cx_parse_time(z);
    (void)chorus_parse_time_spec(z, 1767225600);
    free(z);
    if (size < 4) return 0;
    const char *lang = langs[data[0] % 10];
    /* anchor: any day from year 1 to 9999 (and beyond, clamped by the
     * parser), or none with a bare year */
    int32_t day = (int32_t)((uint32_t)data[1] << 8 | data[2]) * 60 - 719162;
    cx_date_anchor anchor = {data[3] & 1 ? day : CX_NO_DAY, data[3] >> 1 & 1, data[3] & 4 ? 1 + data[2] * 39 : 0};
    data += 4, size -= 4;
    cx_date_mention *m = NULL;
    int n = cx_dates_find((const char *)data, size, lang, &anchor, &m);
    if (n > 0) {
        for (int i = 0; i < n; i++)
            if ((size_t)m[i].start + m[i].len > size) abort(); /* a mention outside the sentence */
        (void)cx_dates_sentence_day(m, (size_t)n);
        cx_date_anchor others[] = {{0, 0, 0}, {CX_NO_DAY, 0, 2020}, {2932896, 0, 0}, {-719162, 1, 0}};
        for (size_t k = 0; k < sizeof others / sizeof others[0]; k++)
            for (int i = 0; i < n; i++) {
                cx_dates_resolve(&m[i], &others[k]);
                if (m[i].first != CX_NO_DAY) {
                    char buf[16];
                    cx_day_format(m[i].first, buf, sizeof buf);
                }
            }
    }
    free(m);
    return 0;
}
