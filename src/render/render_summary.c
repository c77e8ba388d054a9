/* Summary only: the sentences alone, one a line. The input of scorers
 * (ROUGE benches and tests) and of scripts that want nothing else. */
#include "render.h"

int cx_render_summary(const chorus_digest *d, FILE *out)
{
    for (size_t i = 0; i < d->n_items; i++) {
        size_t len;
        const char *t = cx_digest_item_text(d, i, &len);
        chorus_fput_visible(out, t, len, 0); /* one sentence a line, whatever it holds */
        fputc('\n', out);
    }
    return 0;
}
