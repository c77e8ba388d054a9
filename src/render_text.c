/* Plain summary: the sentences alone, one a line, for scorers and scripts. */
#include "digest.h"

int cx_render_text(const chorus_digest *d, FILE *out)
{
    for (size_t i = 0; i < d->n_items; i++) {
        const cx_sent *st = &d->story.docs[d->items[i].ref.doc].sents[d->items[i].ref.sent];
        fwrite(st->text, 1, st->len, out);
        fputc('\n', out);
    }
    return 0;
}
