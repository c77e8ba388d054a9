/* chorus_digest_render: the public entry, choosing the renderer by format. */
#include "render.h"
#include "util.h"

int chorus_digest_render(const chorus_digest *d, chorus_format f, FILE *out, chorus_error *err)
{
    int rc;
    switch (f) {
    case CHORUS_FORMAT_MD: rc = cx_render_markdown(d, out); break;
    case CHORUS_FORMAT_JSON: rc = cx_render_json(d, out); break;
    case CHORUS_FORMAT_TEXT: rc = cx_render_text(d, out); break;
    case CHORUS_FORMAT_HTML: rc = cx_render_html(d, out); break;
    case CHORUS_FORMAT_SUMMARY: rc = cx_render_summary(d, out); break;
    default: return cx_fail(err, CHORUS_EINVAL, "this output format is not available");
    }
    if (rc || ferror(out)) return cx_fail(err, CHORUS_EIO, "could not write the digest");
    return 0;
}
