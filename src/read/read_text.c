/* Plain-text articles as scrapers save them: the whole file is one article.
 * The title and the noise around it are found later by the clean stage; here
 * we only check that the bytes are text, and guess the outlet. */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "charset.h"
#include "readers.h"
#include "util.h"

int cx_looks_binary(const char *data, size_t len, size_t *where)
{
    /* A NUL is a control byte like the others: a text file saved with a few
     * (a scraper's stray padding) is still text, while compressed data,
     * executables and UTF-16 are dense in control bytes and NULs. */
    size_t ctrl = 0, scan = len < 65536 ? len : 65536;
    for (size_t i = 0; i < scan; i++) {
        uint64_t w;
        /* eight bytes at a time while none is below 0x20 (a byte under n
         * sets its high bit in (w - n * 0x01..01) & ~w & 0x80..80) */
        while (scan - i >= 8 && (memcpy(&w, data + i, 8), !((w - 0x2020202020202020ull) & ~w & 0x8080808080808080ull)))
            i += 8;
        if (i >= scan) break;
        unsigned char ch = (unsigned char)data[i];
        if (ch < 0x20 && ch != '\n' && ch != '\r' && ch != '\t' && ch != '\f') {
            if (!ctrl) *where = i;
            ctrl++;
        }
    }
    return scan && ctrl * 20 > scan; /* more than 5% control bytes */
}

char *cx_outlet_from_name(const char *name)
{
    const char *base = cx_basename(name);
    const char *dot = strrchr(base, '.');
    size_t n = dot && dot != base ? (size_t)(dot - base) : strlen(base);
    return cx_strndup(base, n);
}

/* A credit that names a picture's source, not the text's ("(Photo:
 * Reuters)", "(AFP/Getty Images)", "(File photo)"). */
static int is_picture_credit(const char *s, size_t n)
{
    static const char *const words[] = {"photo", "image", "picture", "getty", "credit", "video", "file",
                                        "courtesy", "illustration", "graphic", "caption", "/"};
    for (size_t w = 0; w < sizeof words / sizeof *words; w++) {
        size_t k = strlen(words[w]);
        for (size_t i = 0; i + k <= n; i++)
            if (!strncasecmp(s + i, words[w], k)) return 1;
    }
    return 0;
}

/* A closing credit such as "(FRANCE 24 with AFP)" or "(Reuters)" names the
 * outlet that published the text; prefer it to the file name. A picture
 * credit, or text that does not open with a capital, is no outlet. */
static char *outlet_from_credit(const char *data, size_t len)
{
    size_t end = len;
    for (int lines = 0; lines < 8 && end > 0; lines++) {
        while (end > 0 && (data[end - 1] == '\n' || data[end - 1] == '\r' || data[end - 1] == ' '))
            end--;
        size_t start = end;
        while (start > 0 && data[start - 1] != '\n') start--;
        size_t n = end - start;
        if (n >= 3 && n < 60 && data[start] == '(' && data[end - 1] == ')') {
            const char *in = data + start + 1;
            size_t m = n - 2;
            for (size_t k = 0; k + 6 <= m; k++)
                if (memcmp(in + k, " with ", 6) == 0) m = k;
            if (!m || is_picture_credit(in, n - 2) || !(in[0] >= 'A' && in[0] <= 'Z')) return NULL;
            return cx_strndup(in, m);
        }
        end = start;
    }
    return NULL;
}

static int add_text(chorus_corpus *c, const char *name, const char *data, size_t len);

int cx_read_text(chorus_corpus *c, const char *name, const char *data, size_t len, chorus_error *err)
{
    size_t where = 0;
    if (len == 0) return chorus_corpus_skip(c, name, "empty file") ? CHORUS_ENOMEM : 0;
    if (cx_looks_binary(data, len, &where))
        return chorus_corpus_skip(c, name, "binary data at byte %zu, not text", where) ? CHORUS_ENOMEM : 0;
    char *decoded = NULL, *denul = NULL;
    const char *nul = memchr(data, 0, len);
    if (nul) {
        /* Rare NULs in text (the binary test let them pass): read as spaces,
         * so the text after them is not cut off; said once. */
        size_t count = 0;
        denul = malloc(len);
        if (!denul) return CHORUS_ENOMEM;
        for (size_t i = 0; i < len; i++) {
            denul[i] = data[i] ? data[i] : ' ';
            count += !data[i];
        }
        if (chorus_corpus_warn(c, name, "%zu NUL bytes (the first at byte %zu) read as spaces", count,
                               (size_t)(nul - data))) {
            free(denul);
            return CHORUS_ENOMEM;
        }
        data = denul;
    }
    if (!cx_utf8_valid(data, len, &where)) {
        /* Not UTF-8: a legacy charset (guessed as for web pages), said once. */
        size_t n = 0;
        char used[64] = "";
        int rc = cx_html_to_utf8(data, len, NULL, &decoded, &n, used, sizeof used, err);
        if (rc == CHORUS_ENOMEM || rc < 0) free(denul);
        if (rc == CHORUS_ENOMEM) return rc;
        if (rc < 0) return chorus_corpus_skip(c, name, "invalid UTF-8 at byte %zu", where) ? CHORUS_ENOMEM : 0;
        if (chorus_corpus_warn(c, name, "not UTF-8 (invalid byte at %zu): read as %s", where, used)) {
            free(decoded), free(denul);
            return CHORUS_ENOMEM;
        }
        data = decoded;
        len = n;
    }
    int rc = add_text(c, name, data, len);
    free(decoded), free(denul);
    return rc;
}

static int add_text(chorus_corpus *c, const char *name, const char *data, size_t len)
{
    size_t i = 0;
    while (i < len && (data[i] == ' ' || data[i] == '\n' || data[i] == '\r' || data[i] == '\t')) i++;
    if (i == len) return chorus_corpus_skip(c, name, "no text (only whitespace)") ? CHORUS_ENOMEM : 0;
    if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0) data += 3, len -= 3; /* BOM */

    chorus_article a = {0};
    a.published_unix = INT64_MIN;
    a.text = cx_strndup(data, len);
    a.origin = cx_strdup(name);
    a.id = cx_outlet_from_name(name);
    a.source = outlet_from_credit(data, len);
    if (!a.source) a.source = cx_outlet_from_name(name), a.source_is_file = 1;
    if (!a.text || !a.origin || !a.id || !a.source) {
        chorus_article_free(&a);
        return CHORUS_ENOMEM;
    }
    int rc = chorus_corpus_add(c, &a);
    return rc ? rc : 1;
}
