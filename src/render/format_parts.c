/* What each format prints, so a digest computes no more than that
 * (chorus_digest_options.parts). Keep in step with the renderers: a part
 * a renderer reads must be listed for its format. */
#include "render.h"

unsigned chorus_format_parts(chorus_format f)
{
    switch (f) {
    case CHORUS_FORMAT_SUMMARY: return 0; /* the sentences alone */
    case CHORUS_FORMAT_TEXT: /* title, outlets per sentence, disagreements, sources */
        return CHORUS_PART_TITLE | CHORUS_PART_OUTLETS | CHORUS_PART_DISAGREEMENTS;
    case CHORUS_FORMAT_MD:
    case CHORUS_FORMAT_JSON:
    case CHORUS_FORMAT_HTML:
    default: return CHORUS_PART_ALL;
    }
}
