/* Escaping for HTML output (see html_escape.h). */
#include "html_escape.h"

#include <ctype.h>
#include <string.h>
#include <strings.h>

void cx_html_escape(FILE *out, const char *s, size_t len)
{
    size_t run = 0; /* bytes copied as they are, written in one call */
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        const char *rep = NULL;
        switch (c) {
        case '&': rep = "&amp;"; break;
        case '<': rep = "&lt;"; break;
        case '>': rep = "&gt;"; break;
        case '"': rep = "&quot;"; break;
        case '\'': rep = "&#39;"; break;
        default:
            if ((c < 0x20 && c != '\n' && c != '\t') || c == 0x7f) rep = "";
        }
        if (!rep) {
            run++;
            continue;
        }
        if (run) fwrite(s + i - run, 1, run, out), run = 0;
        fputs(rep, out);
    }
    if (run) fwrite(s + len - run, 1, run, out);
}

void cx_html_puts(FILE *out, const char *s)
{
    if (s) cx_html_escape(out, s, strlen(s));
}

int cx_html_safe_url(const char *url)
{
    if (!url) return 0;
    size_t skip;
    if (!strncasecmp(url, "http://", 7)) skip = 7;
    else if (!strncasecmp(url, "https://", 8)) skip = 8;
    else return 0;
    if (!url[skip] || strlen(url) > 4096) return 0;
    for (const unsigned char *p = (const unsigned char *)url; *p; p++)
        if (*p <= 0x20 || *p == 0x7f) return 0;
    return 1;
}

void cx_url_encode(FILE *out, const char *s, size_t len)
{
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        if (isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') fputc(c, out);
        else fprintf(out, "%%%02X", c);
    }
}
