/* Text normalization and paragraphs: the first step of every text path. */
#include <stdlib.h>
#include <string.h>
#include <unicode/unorm2.h>
#include <unicode/ustring.h>

#include "text.h"
#include "util.h"

/* Code points that only carry layout: removed, or turned into a plain space. */
static int layout_char(unsigned cp)
{
    switch (cp) {
    case 0x00A0: case 0x2007: case 0x202F: case 0x2000: case 0x2001: case 0x2002: case 0x2003:
    case 0x2004: case 0x2005: case 0x2006: case 0x2008: case 0x2009: case 0x200A: case 0x205F:
    case 0x3000: case 0x1680: case 0x0085: case 0x2028: case 0x2029:
        return ' ';
    case 0x200B: case 0x200C: case 0x200D: case 0x2060: case 0xFEFF: case 0x00AD:
        return -1; /* drop */
    default:
        return 0;
    }
}

static unsigned decode(const unsigned char *s, size_t k)
{
    if (k == 1) return s[0];
    if (k == 2) return ((s[0] & 0x1Fu) << 6) | (s[1] & 0x3Fu);
    if (k == 3) return ((s[0] & 0x0Fu) << 12) | ((s[1] & 0x3Fu) << 6) | (s[2] & 0x3Fu);
    return ((s[0] & 0x07u) << 18) | ((s[1] & 0x3Fu) << 12) | ((s[2] & 0x3Fu) << 6) | (s[3] & 0x3Fu);
}

/* decode's inverse: cp (a valid scalar value) as UTF-8 in out; returns its length. */
static size_t encode(unsigned cp, char out[4])
{
    unsigned char *o = (unsigned char *)out;
    if (cp < 0x80) {
        o[0] = (unsigned char)cp;
        return 1;
    }
    size_t n = cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
    static const unsigned char lead[5] = {0, 0, 0xC0, 0xE0, 0xF0};
    for (size_t k = n - 1; k > 0; k--, cp >>= 6) o[k] = (unsigned char)(0x80 | (cp & 0x3F));
    o[0] = (unsigned char)(lead[n] | cp);
    return n;
}

/* Character references left in text that was not read as HTML (feeds,
 * scraped text, newswire archives). Returns the bytes consumed at s (0: not
 * a reference) and puts the replacement, possibly empty, in rep. Known
 * names and numbers are decoded; an unknown all-capitals name (&QL; &UR;
 * &HT;: typesetting codes of SGML newswire) is layout and goes; anything
 * else stays as written. */
static size_t char_reference(const unsigned char *s, size_t n, char rep[8], size_t *rep_len)
{
    static const struct {
        const char *name, *text;
    } named[] = {
        {"amp", "&"},  {"lt", "<"},  {"gt", ">"},  {"quot", "\""}, {"apos", "'"},
        {"nbsp", " "}, {"mdash", "\xE2\x80\x94"}, {"ndash", "\xE2\x80\x93"},
        {"hellip", "\xE2\x80\xA6"}, {"lsquo", "\xE2\x80\x98"}, {"rsquo", "\xE2\x80\x99"},
        {"ldquo", "\xE2\x80\x9C"}, {"rdquo", "\xE2\x80\x9D"}, {"AMP", "&"}, {"LT", "<"},
        {"GT", ">"}, {"QUOT", "\""},
    };
    *rep_len = 0;
    size_t i = 1;
    if (n >= 4 && s[1] == '#') { /* &#38; &#x26; */
        int hex = s[2] == 'x' || s[2] == 'X';
        unsigned cp = 0;
        size_t digits = 0;
        for (i = hex ? 3 : 2; i < n && digits < 7; i++, digits++) {
            unsigned char c = s[i];
            unsigned d = c >= '0' && c <= '9' ? c - '0'
                         : hex && (c | 0x20) >= 'a' && (c | 0x20) <= 'f' ? (unsigned)((c | 0x20) - 'a' + 10)
                                                                        : 99;
            if (d == 99) break;
            cp = cp * (hex ? 16 : 10) + d;
        }
        if (!digits || i >= n || s[i] != ';') return 0;
        if (cp < 0x20 || (cp >= 0x7F && cp < 0xA0) || (cp >= 0xD800 && cp < 0xE000) || cp > 0x10FFFF)
            return 0; /* controls and surrogates are not text: leave as written */
        *rep_len = encode(cp, rep);
        return i + 1;
    }
    int upper = 1;
    while (i < n && i <= 7 && ((s[i] | 0x20) >= 'a' && (s[i] | 0x20) <= 'z')) {
        if (s[i] >= 'a') upper = 0;
        i++;
    }
    if (i < 3 || i >= n || s[i] != ';') return 0;
    size_t len = i - 1;
    for (size_t k = 0; k < sizeof named / sizeof *named; k++)
        if (strlen(named[k].name) == len && !memcmp(named[k].name, s + 1, len)) {
            *rep_len = strlen(named[k].text);
            memcpy(rep, named[k].text, *rep_len);
            return i + 1;
        }
    return upper ? i + 1 : 0;
}

int cx_normalize(const char *in, size_t n, char **out, size_t *out_len)
{
    *out = NULL;
    cx_buf b;
    cx_buf_init(&b);
    if (cx_grow((void **)&b.data, &b.cap, n + 1, 1)) return CHORUS_ENOMEM;
    b.data[0] = '\0'; /* a text of dropped codes only ("&HT;") appends nothing */
    const unsigned char *u = (const unsigned char *)in;
    int ascii = 1, open_quote = 0;
    for (size_t i = 0; i < n;) {
        unsigned char c = u[i];
        if (c < 0x80) {
            if (c == '\r') {
                cx_buf_putc(&b, '\n');
                i += (i + 1 < n && u[i + 1] == '\n') ? 2 : 1;
                continue;
            }
            if (c == '&') {
                char rep[8];
                size_t rep_len, used = char_reference(u + i, n - i, rep, &rep_len);
                if (used) {
                    i += used;
                    if (rep_len) {
                        cx_buf_append(&b, rep, rep_len);
                        if ((unsigned char)rep[0] >= 0x80) ascii = 0;
                    } else if (b.len && b.data[b.len - 1] != ' ' && b.data[b.len - 1] != '\n') {
                        cx_buf_putc(&b, ' '); /* a dropped code between words still parts them */
                    } else {
                        while (i < n && u[i] == ' ') i++; /* no run of spaces where it was */
                    }
                    continue;
                }
            }
            /* Newswire typewriter typography: ``quoted'', " _ " for a dash, "_ " for a bullet. */
            if (c == '`' && i + 1 < n && u[i + 1] == '`') {
                cx_buf_append(&b, "\xE2\x80\x9C", 3);
                open_quote = 1;
                ascii = 0;
                i += 2;
                continue;
            }
            if (c == '\'' && open_quote && i + 1 < n && u[i + 1] == '\'') {
                cx_buf_append(&b, "\xE2\x80\x9D", 3);
                open_quote = 0;
                ascii = 0;
                i += 2;
                continue;
            }
            if (c == '_' && (!b.len || b.data[b.len - 1] == '\n') && i + 1 < n && u[i + 1] == ' ') {
                i += 2; /* "_ " opening a line: a list bullet */
                continue;
            }
            if (c == '_' && b.len && b.data[b.len - 1] == ' ' && i + 1 < n && u[i + 1] == ' ') {
                cx_buf_append(&b, "\xE2\x80\x94", 3);
                ascii = 0;
                i++;
                continue;
            }
            if (c == '\n' && i + 1 < n && u[i + 1] == '\n') open_quote = 0; /* quotes end with their paragraph */
            if (c == '\t' || c == '\v' || c == '\f') c = ' ';
            else if (c < 0x20 && c != '\n') c = ' ';
            cx_buf_putc(&b, (char)c);
            i++;
            continue;
        }
        size_t k = cx_utf8_seq_len(u + i, n - i);
        if (!k) { /* invalid byte: U+FFFD keeps offsets honest for the reader */
            cx_buf_append(&b, "\xEF\xBF\xBD", 3);
            i++;
            ascii = 0;
            continue;
        }
        int lay = layout_char(decode(u + i, k));
        if (lay == ' ') cx_buf_putc(&b, ' ');
        else if (lay == 0) {
            cx_buf_append(&b, in + i, k);
            ascii = 0;
        }
        i += k;
    }
    if (!b.data) return CHORUS_ENOMEM;
    if (ascii) { /* ASCII is already NFC */
        *out_len = b.len;
        *out = cx_buf_take(&b);
        return 0;
    }
    /* NFC through UTF-16, ICU's working form. */
    UErrorCode st = U_ZERO_ERROR;
    const UNormalizer2 *nfc = unorm2_getNFCInstance(&st);
    int32_t ulen = 0;
    if (b.len > INT32_MAX / 2) goto keep;
    u_strFromUTF8(NULL, 0, &ulen, b.data, (int32_t)b.len, &st);
    st = U_ZERO_ERROR;
    UChar *w = malloc(sizeof(UChar) * ((size_t)ulen + 1));
    UChar *w2 = malloc(sizeof(UChar) * ((size_t)ulen * 3 + 1));
    if (!w || !w2) {
        free(w), free(w2);
        goto keep;
    }
    u_strFromUTF8(w, ulen + 1, NULL, b.data, (int32_t)b.len, &st);
    int32_t nlen = U_SUCCESS(st) ? unorm2_normalize(nfc, w, ulen, w2, ulen * 3 + 1, &st) : 0;
    if (U_SUCCESS(st)) {
        int32_t blen = 0;
        UErrorCode s2 = U_ZERO_ERROR;
        u_strToUTF8(NULL, 0, &blen, w2, nlen, &s2);
        char *o = malloc((size_t)blen + 1);
        s2 = U_ZERO_ERROR;
        if (o && (u_strToUTF8(o, blen + 1, NULL, w2, nlen, &s2), U_SUCCESS(s2))) {
            free(w), free(w2);
            cx_buf_free(&b);
            *out = o;
            *out_len = (size_t)blen;
            return 0;
        }
        free(o);
    }
    free(w), free(w2);
keep:
    *out_len = b.len;
    *out = cx_buf_take(&b);
    return 0;
}

void cx_strings_free(char **v, size_t n)
{
    if (!v) return;
    for (size_t i = 0; i < n; i++) free(v[i]);
    free(v);
}

typedef struct {
    size_t start, end; /* trimmed line */
    int blank;
} line_t;

static int ends_sentence(const char *s, size_t n)
{
    while (n && (s[n - 1] == '"' || s[n - 1] == '\'' || s[n - 1] == ')')) n--;
    if (n >= 3 && (unsigned char)s[n - 3] == 0xE2 && (unsigned char)s[n - 2] == 0x80 &&
        ((unsigned char)s[n - 1] == 0x9D || (unsigned char)s[n - 1] == 0x99))
        n -= 3; /* ” ’ */
    return n && (s[n - 1] == '.' || s[n - 1] == '!' || s[n - 1] == '?' || s[n - 1] == ':');
}

static int cmp_size(const void *a, const void *b)
{
    size_t x = *(const size_t *)a, y = *(const size_t *)b;
    return x < y ? -1 : x > y;
}

/* A hard-wrapped text has most lines cut near one width (DUC's ~70 columns),
 * so its lines are pieces of paragraphs, not paragraphs. */
static int looks_hard_wrapped(const char *text, const line_t *lines, size_t n)
{
    size_t *len = malloc(sizeof *len * (n ? n : 1)), m = 0;
    if (!len) return 0;
    for (size_t i = 0; i < n; i++)
        if (!lines[i].blank) len[m++] = cx_word_count(text + lines[i].start, lines[i].end - lines[i].start) ? lines[i].end - lines[i].start : 0;
    int wrapped = 0;
    if (m >= 4) {
        qsort(len, m, sizeof *len, cmp_size);
        size_t width = len[(m * 9) / 10];
        size_t near = 0;
        for (size_t i = 0; i < m; i++) near += len[i] * 10 >= width * 6;
        wrapped = width >= 40 && width <= 100 && near * 10 >= m * 7;
    }
    free(len);
    return wrapped;
}

static int starts_lower(const char *s, size_t n) { return n && s[0] >= 'a' && s[0] <= 'z'; }

int cx_paragraphs(const char *text, size_t n, char ***out)
{
    *out = NULL;
    line_t *lines = NULL;
    size_t nl = 0, cap = 0;
    for (size_t pos = 0; pos <= n;) {
        const char *e = memchr(text + pos, '\n', n - pos);
        size_t end = e ? (size_t)(e - text) : n;
        size_t s = pos, t = end;
        while (s < t && text[s] == ' ') s++;
        while (t > s && text[t - 1] == ' ') t--;
        line_t l = {s, t, s == t};
        if (CX_PUSH(lines, nl, cap, l)) {
            free(lines);
            return CHORUS_ENOMEM;
        }
        if (!e) break;
        pos = end + 1;
    }
    int wrapped = looks_hard_wrapped(text, lines, nl);
    char **paras = NULL;
    size_t np = 0, pcap = 0;
    cx_buf cur;
    cx_buf_init(&cur);
    int rc = 0;
    for (size_t i = 0; i < nl && !rc; i++) {
        if (lines[i].blank) continue;
        const char *s = text + lines[i].start;
        size_t len = lines[i].end - lines[i].start;
        if (cur.len) cx_buf_putc(&cur, ' ');
        if (cx_buf_append(&cur, s, len)) rc = CHORUS_ENOMEM;
        /* Does the paragraph go on on the next line? */
        int more = 0;
        if (i + 1 < nl && !lines[i + 1].blank) {
            const char *ns = text + lines[i + 1].start;
            size_t nlen = lines[i + 1].end - lines[i + 1].start;
            more = wrapped || (!ends_sentence(s, len) && starts_lower(ns, nlen));
        }
        if (!more && cur.len) {
            char *p = cx_buf_take(&cur);
            if (!p || CX_PUSH(paras, np, pcap, p)) {
                free(p);
                rc = CHORUS_ENOMEM;
            }
        }
    }
    cx_buf_free(&cur);
    free(lines);
    if (rc) {
        cx_strings_free(paras, np);
        return rc;
    }
    *out = paras;
    return (int)np;
}
