/* Plain summary: the sentences alone, one a line, for scorers and scripts. */
#include "render.h"

int cx_render_text(const chorus_digest *d, FILE *out)
{
    for (size_t i = 0; i < d->n_items; i++) {
        size_t len;
        const char *t = cx_digest_item_text(d, i, &len);
        chorus_fput_visible(out, t, len, 0); /* one sentence a line, whatever it holds */
        fputc('\n', out);
    }
    return 0;
}
