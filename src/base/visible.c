/* Control characters made visible (see chorus_visible in chorus.h): escape
 * sequences in a title must not recolour, retitle or clear a terminal, and a
 * newline in an outlet name must not open a new Markdown line. */
#include <stdio.h>
#include <string.h>

#include "chorus.h"

/* The replacement for the control at s (n bytes available), or NULL when s
 * starts with an ordinary character; *len gets the bytes it covers. */
static const char *replacement(const unsigned char *s, size_t n, int keep_lines, size_t *len, char pic[4])
{
    unsigned char c = s[0];
    *len = 1;
    if (c == '\n') return keep_lines ? NULL : " ";
    if (c == '\t') return keep_lines ? NULL : " ";
    if (c == '\r') {
        if (keep_lines && n > 1 && s[1] == '\n') return ""; /* CRLF: the LF ends the line */
        return keep_lines ? "\n" : " ";
    }
    if (c < 0x20 || c == 0x7F) { /* U+2400 + c, U+2421 for DEL */
        unsigned cp = c == 0x7F ? 0x2421 : 0x2400 + c;
        pic[0] = (char)(0xE0 | (cp >> 12));
        pic[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        pic[2] = (char)(0x80 | (cp & 0x3F));
        pic[3] = '\0';
        return pic;
    }
    if (c == 0xC2 && n > 1 && s[1] >= 0x80 && s[1] <= 0x9F) { /* C1 controls (CSI...) */
        *len = 2;
        return "\xEF\xBF\xBD";
    }
    if (c == 0xE2 && n > 2 && s[1] == 0x80 && s[2] >= 0xAA && s[2] <= 0xAE) { /* U+202A..U+202E */
        *len = 3;
        return "\xEF\xBF\xBD";
    }
    if (c == 0xE2 && n > 2 && s[1] == 0x81 && s[2] >= 0xA6 && s[2] <= 0xA9) { /* U+2066..U+2069 */
        *len = 3;
        return "\xEF\xBF\xBD";
    }
    return NULL;
}

size_t chorus_visible(const char *s, size_t len, int keep_lines, void (*put)(const char *p, size_t n, void *ctx),
                      void *ctx)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t from = 0, replaced = 0;
    char pic[4];
    for (size_t i = 0; i < len;) {
        unsigned char c = u[i];
        if (c >= 0x20 && c != 0x7F && c != 0xC2 && c != 0xE2) {
            i++;
            continue;
        }
        size_t n;
        const char *r = replacement(u + i, len - i, keep_lines, &n, pic);
        if (!r) {
            i++;
            continue;
        }
        if (i > from) put(s + from, i - from, ctx);
        if (*r) put(r, strlen(r), ctx);
        replaced += c != '\n' && c != '\t' && c != '\r';
        i += n;
        from = i;
    }
    if (len > from) put(s + from, len - from, ctx);
    return replaced;
}

typedef struct {
    FILE *out;
    int failed;
} stream_sink;

static void put_stream(const char *p, size_t n, void *ctx)
{
    stream_sink *k = ctx;
    if (!k->failed && fwrite(p, 1, n, k->out) != n) k->failed = 1;
}

int chorus_fput_visible(FILE *out, const char *s, size_t len, int keep_lines)
{
    stream_sink k = {out, 0};
    chorus_visible(s, len, keep_lines, put_stream, &k);
    return k.failed ? EOF : 0;
}
