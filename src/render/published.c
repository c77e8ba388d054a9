/* Publication times as every format prints them (render.h). Its own file:
 * the renderers use it and the dispatch in render.c calls the renderers. */
#include <time.h>

#include "render.h"

const char *cx_published_iso(const chorus_article *a, char *buf, size_t cap)
{
    if (a->published_unix == INT64_MIN) return a->published;
    time_t t = (time_t)a->published_unix;
    struct tm tm;
    if (!gmtime_r(&t, &tm) || !strftime(buf, cap, "%Y-%m-%dT%H:%M:%SZ", &tm)) return a->published;
    return buf;
}
