/* WARC archives (.warc, .warc.gz, .warc.zst), read as a stream: memory grows
 * with the largest record, never with the archive. Response and resource
 * records holding HTML pages become articles; the outlet is the host of the
 * record's target URI. Damaged records are reported with their offset and the
 * reader resynchronizes on the next "WARC/1." line. Records that are simply
 * not articles (images, redirects) are counted, one summary line per reason.
 *
 * Offsets in origins are on-disk: "a.warc@1234" for plain files and for a
 * record that opens its own gzip member or zstd frame (the usual .warc.gz
 * layout, as in CDX indexes); "a.warc.gz@0+1234" when a member holds several
 * records: member at byte 0, record 1234 bytes into its decompressed data. */
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "decompress.h"
#include "readers.h"
#include "util.h"

#define MAX_HEADER_BYTES (64u * 1024u)
#define READ_CHUNK (64u * 1024u)
/* Records that are not articles are buffered up to this size so that a bad
 * Content-Length can be recovered from; larger ones are skipped unbuffered. */
#define MAX_BUFFERED_OTHER (1024u * 1024u)
/* Past this many damaged records in one archive only a count is kept. */
#define MAX_REPORTED_PROBLEMS 100

/* ---- buffered reader over the decompressed stream ----------------------- */

typedef struct {
    cx_stream *s;
    unsigned char *buf;
    size_t pos, len, cap;
    uint64_t buf_dec; /* decompressed offset of buf[0] */
    int eof;          /* the stream ended after buf[len) */
    int gap;          /* damaged data was skipped after buf[len) */
    int fatal;        /* CHORUS_EIO / CHORUS_ENOMEM */
} reader;

static uint64_t rd_offset(const reader *r) { return r->buf_dec + r->pos; }

/* Make at least need bytes available from pos; fewer only at the end of the
 * stream, at a gap, or on a fatal error. Returns the count available. */
static size_t rd_fill(reader *r, size_t need)
{
    while (r->len - r->pos < need && !r->eof && !r->gap && !r->fatal) {
        if (r->pos) { /* keep only unread bytes */
            memmove(r->buf, r->buf + r->pos, r->len - r->pos);
            r->len -= r->pos;
            r->buf_dec += r->pos;
            r->pos = 0;
        }
        size_t want = need - (r->len - r->pos);
        if (want < READ_CHUNK) want = READ_CHUNK;
        if (r->cap - r->len < want &&
            cx_grow((void **)&r->buf, &r->cap, r->len + want, 1)) {
            r->fatal = CHORUS_ENOMEM;
            break;
        }
        long n = cx_stream_read(r->s, r->buf + r->len, r->cap - r->len);
        if (n == CX_STREAM_GAP) r->gap = 1;
        else if (n == 0) r->eof = 1;
        else if (n < 0) r->fatal = (int)n;
        else r->len += (size_t)n;
    }
    return r->len - r->pos;
}

/* Drop what is left before a gap and read on after it. */
static void rd_pass_gap(reader *r)
{
    r->buf_dec += r->len;
    r->pos = r->len = 0;
    r->gap = 0;
}

/* ---- the archive walk --------------------------------------------------- */

typedef struct {
    chorus_corpus *c;
    const char *name;
    reader r;
    int in_damage; /* a problem was reported and no good record followed yet */
    size_t problems, unlisted_problems, records, added;
    size_t non_html, non_200, revisits, other_types, bad_http, bad_encoding;
} warc;

/* "name@disk" or "name@disk+within" (see the top of the file). */
static int origin_at(const warc *w, uint64_t dec, cx_buf *out)
{
    uint64_t disk, member_dec;
    cx_buf_init(out);
    if (cx_stream_locate(w->r.s, dec, &disk, &member_dec))
        return cx_buf_printf(out, "%s@%llu", w->name, (unsigned long long)disk);
    return cx_buf_printf(out, "%s@%llu+%llu", w->name, (unsigned long long)disk,
                         (unsigned long long)(dec - member_dec));
}

static int add_skip(warc *w, const char *origin, const char *reason)
{
    if (chorus_corpus_skip(w->c, origin, "%s", reason)) {
        w->r.fatal = CHORUS_ENOMEM;
        return CHORUS_ENOMEM;
    }
    return 0;
}

/* One message for a damaged or unusable record at decompressed offset dec.
 * Damage reported once: what follows until the next good record header is
 * the same problem (resync skips it silently). */
static void problem(warc *w, uint64_t dec, int is_damage, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 4, 5)))
#endif
    ;
static void problem(warc *w, uint64_t dec, int is_damage, const char *fmt, ...)
{
    if (is_damage) {
        if (w->in_damage) return;
        w->in_damage = 1;
    }
    if (w->problems >= MAX_REPORTED_PROBLEMS) {
        w->unlisted_problems++;
        return;
    }
    w->problems++;
    char reason[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(reason, sizeof reason, fmt, ap);
    va_end(ap);
    cx_buf origin;
    if (origin_at(w, dec, &origin)) w->r.fatal = CHORUS_ENOMEM;
    else add_skip(w, origin.data, reason);
    cx_buf_free(&origin);
}

/* Damaged compressed data between records. */
static void gap_problem(warc *w)
{
    if (w->in_damage) return;
    w->in_damage = 1;
    if (w->problems >= MAX_REPORTED_PROBLEMS) {
        w->unlisted_problems++;
        return;
    }
    w->problems++;
    cx_buf origin;
    cx_buf_init(&origin);
    if (cx_buf_printf(&origin, "%s@%llu", w->name, (unsigned long long)cx_stream_gap_offset(w->r.s)))
        w->r.fatal = CHORUS_ENOMEM;
    else
        add_skip(w, origin.data, cx_stream_gap_reason(w->r.s));
    cx_buf_free(&origin);
}

/* Why a read came up short: the end of the file or damaged data. */
static const char *short_reason(const warc *w, char *tmp, size_t n)
{
    if (!w->r.gap) return "the end of the archive";
    snprintf(tmp, n, "damaged data: %s", cx_stream_gap_reason(w->r.s));
    return tmp;
}

static int is_version_line(const unsigned char *p, size_t n)
{
    return n >= 7 && memcmp(p, "WARC/", 5) == 0 && p[5] >= '0' && p[5] <= '9' && p[6] == '.';
}

/* Does decompressed offset dec open a gzip member or zstd frame? */
static int is_member_start(const warc *w, uint64_t dec)
{
    if (!strcmp(cx_stream_codec(w->r.s), "plain")) return 0;
    uint64_t disk, member_dec;
    return cx_stream_locate(w->r.s, dec, &disk, &member_dec) == 1;
}

/* Skip to the next line that opens a record ("WARC/1.0"...), across gaps.
 * line_start: the current position starts a line. Returns bytes skipped. */
static uint64_t resync(warc *w, int line_start)
{
    reader *r = &w->r;
    uint64_t skipped = 0;
    for (;;) {
        size_t avail = rd_fill(r, 7);
        if (avail == 0) {
            if (!r->gap || r->fatal) return skipped;
            rd_pass_gap(r);
            line_start = 1; /* a new member starts fresh */
            continue;
        }
        const unsigned char *p = r->buf + r->pos;
        int more = !(r->eof || r->gap);
        size_t i = 0;
        for (; i < avail; i++) {
            if (p[i] != 'W') continue;
            int at_line = i ? p[i - 1] == '\n' : line_start;
            /* A record that opens its own member or frame starts fresh even
             * when the damaged data before it did not end its line. */
            if (!at_line && is_member_start(w, rd_offset(r) + i)) at_line = 1;
            if (!at_line) continue;
            if (avail - i < 7 && more) break; /* read on to decide */
            if (is_version_line(p + i, avail - i)) {
                r->pos += i;
                return skipped + i;
            }
        }
        if (i) line_start = p[i - 1] == '\n';
        r->pos += i;
        skipped += i;
    }
}

/* Consume n bytes without keeping them. Returns how many were there. */
static uint64_t skip_bytes(warc *w, uint64_t n)
{
    reader *r = &w->r;
    uint64_t done = 0;
    while (done < n) {
        size_t avail = r->len - r->pos;
        if (!avail) avail = rd_fill(r, 1);
        if (!avail) break;
        size_t take = (uint64_t)avail < n - done ? avail : (size_t)(n - done);
        r->pos += take;
        done += take;
    }
    return done;
}

/* ---- headers ------------------------------------------------------------ */

typedef struct {
    const char *p;
    size_t n;
} span;

static span trim(const char *p, size_t n)
{
    while (n && (*p == ' ' || *p == '\t')) p++, n--;
    while (n && (p[n - 1] == ' ' || p[n - 1] == '\t' || p[n - 1] == '\r')) n--;
    return (span){p, n};
}

static int span_eq(span s, const char *lit)
{
    size_t n = strlen(lit);
    return s.n == n && strncasecmp(s.p, lit, n) == 0;
}

static int span_has(span s, const char *lit)
{
    size_t n = strlen(lit);
    for (size_t i = 0; i + n <= s.n; i++)
        if (strncasecmp(s.p + i, lit, n) == 0) return 1;
    return 0;
}

/* Length of the header block at p (through its blank line), or 0 when
 * there is no blank line in the first n bytes. A WARC header never holds a
 * second version line: when one starts a line, *next_record (if given) gets
 * its offset and the search stops there, so scans stay linear. */
static size_t header_end(const unsigned char *p, size_t n, size_t *next_record)
{
    if (next_record) *next_record = 0;
    for (size_t i = 0; i < n; i++) {
        if (p[i] != '\n') continue;
        if (i + 1 < n && p[i + 1] == '\n') return i + 2;
        if (i + 2 < n && p[i + 1] == '\r' && p[i + 2] == '\n') return i + 3;
        if (next_record && is_version_line(p + i + 1, n - i - 1)) {
            *next_record = i + 1;
            return 0;
        }
    }
    return 0;
}

typedef struct {
    span type, length, uri, date, record_id, content_type;
} warc_headers;

typedef struct {
    int status;
    span content_type, transfer_encoding, content_encoding;
} http_headers;

/* Walk "Name: value" lines after the first line; calls back per field. */
typedef void (*field_fn)(span name, span value, void *ctx);

static void each_field(const char *p, size_t n, field_fn fn, void *ctx)
{
    const char *end = p + n;
    const char *line = memchr(p, '\n', n);
    line = line ? line + 1 : end;
    while (line < end) {
        const char *eol = memchr(line, '\n', (size_t)(end - line));
        if (!eol) eol = end;
        const char *colon = memchr(line, ':', (size_t)(eol - line));
        if (colon && line[0] != ' ' && line[0] != '\t')
            fn(trim(line, (size_t)(colon - line)), trim(colon + 1, (size_t)(eol - colon - 1)), ctx);
        line = eol + 1;
    }
}

static void warc_field(span name, span value, void *ctx)
{
    warc_headers *h = ctx;
    if (span_eq(name, "WARC-Type")) h->type = value;
    else if (span_eq(name, "Content-Length")) h->length = value;
    else if (span_eq(name, "WARC-Target-URI")) h->uri = value;
    else if (span_eq(name, "WARC-Date")) h->date = value;
    else if (span_eq(name, "WARC-Record-ID")) h->record_id = value;
    else if (span_eq(name, "Content-Type")) h->content_type = value;
}

static void http_field(span name, span value, void *ctx)
{
    http_headers *h = ctx;
    if (span_eq(name, "Content-Type")) h->content_type = value;
    else if (span_eq(name, "Transfer-Encoding")) h->transfer_encoding = value;
    else if (span_eq(name, "Content-Encoding")) h->content_encoding = value;
}

/* Content-Length: decimal digits only. Returns -1 when invalid. */
static int64_t parse_length(span s)
{
    if (!s.n || s.n > 18) return -1;
    int64_t v = 0;
    for (size_t i = 0; i < s.n; i++) {
        if (s.p[i] < '0' || s.p[i] > '9') return -1;
        v = v * 10 + (s.p[i] - '0');
    }
    return v;
}

/* A copy of s without surrounding <> (WARC 1.0 writers differ), or NULL. */
static char *span_dup_unbracketed(span s)
{
    if (s.n >= 2 && s.p[0] == '<' && s.p[s.n - 1] == '>') s.p++, s.n -= 2;
    return s.n ? cx_strndup(s.p, s.n) : NULL;
}

/* Host of a URL, lower-cased, without "www." and port: the outlet. */
static char *host_of(const char *url)
{
    if (!url) return NULL;
    const char *p = strstr(url, "://");
    p = p ? p + 3 : url;
    const char *end = p + strcspn(p, "/?#");
    const char *at = memchr(p, '@', (size_t)(end - p));
    if (at) p = at + 1;
    const char *stop = p;
    if (*p == '[') { /* IPv6 literal */
        const char *close = memchr(p, ']', (size_t)(end - p));
        stop = close ? close + 1 : end;
    } else {
        while (stop < end && *stop != ':') stop++;
    }
    if (stop - p > 4 && strncasecmp(p, "www.", 4) == 0) p += 4;
    while (stop > p && stop[-1] == '.') stop--; /* "example.com." */
    if (stop <= p) return NULL;
    char *h = cx_strndup(p, (size_t)(stop - p));
    if (h)
        for (char *q = h; *q; q++) *q = (char)cx_ascii_lower((unsigned char)*q);
    return h;
}

/* charset=... parameter of a Content-Type, or NULL. */
static char *charset_of(span ct)
{
    for (size_t i = 0; i + 8 <= ct.n; i++) {
        if (strncasecmp(ct.p + i, "charset=", 8) != 0) continue;
        const char *v = ct.p + i + 8;
        size_t n = ct.n - i - 8;
        if (n && (*v == '"' || *v == '\'')) v++, n--;
        size_t k = 0;
        while (k < n && v[k] != ';' && v[k] != '"' && v[k] != '\'' && v[k] != ' ' && v[k] != ',') k++;
        return k ? cx_strndup(v, k) : NULL;
    }
    return NULL;
}

/* Media type check. No type at all: look at the bytes. */
static int is_html(span content_type, const char *body, size_t len)
{
    if (content_type.n) {
        span mime = content_type;
        const char *semi = memchr(mime.p, ';', mime.n);
        if (semi) mime.n = (size_t)(semi - mime.p);
        return span_has(mime, "html");
    }
    size_t i = 0;
    if (len >= 3 && memcmp(body, "\xef\xbb\xbf", 3) == 0) i = 3;
    while (i < len && (body[i] == ' ' || body[i] == '\t' || body[i] == '\r' || body[i] == '\n')) i++;
    return (len - i >= 9 && strncasecmp(body + i, "<!doctype", 9) == 0) ||
           (len - i >= 5 && strncasecmp(body + i, "<html", 5) == 0);
}

/* ---- HTTP payload decoding ---------------------------------------------- */

/* Undo chunked transfer coding. Returns 0 when the chunks parse. */
static int dechunk(const char *p, size_t n, cx_buf *out)
{
    size_t i = 0;
    for (;;) {
        size_t size = 0, digits = 0;
        while (i < n) {
            int c = cx_ascii_lower((unsigned char)p[i]), v;
            if (c >= '0' && c <= '9') v = c - '0';
            else if (c >= 'a' && c <= 'f') v = c - 'a' + 10;
            else break;
            if (size > chorus_get_limits()->record_bytes) return -1;
            size = size * 16 + (size_t)v;
            digits++;
            i++;
        }
        if (!digits) return -1;
        const char *eol = memchr(p + i, '\n', n - i); /* chunk extensions end here */
        if (!eol) return -1;
        i = (size_t)(eol - p) + 1;
        if (size == 0) return 0;
        if (size > n - i) return -1;
        if (out->len + size > chorus_get_limits()->record_bytes || cx_buf_append(out, p + i, size)) return -1;
        i += size;
        if (i < n && p[i] == '\r') i++;
        if (i < n && p[i] == '\n') i++;
    }
}

/* Decoded bytes one record may grow to: the decoded-bytes limit, and no more
 * than decoded-ratio times its encoded size (with 1 MiB always allowed, as
 * tiny bodies compress well), so a compression bomb stops early. */
static size_t decoded_cap(size_t encoded)
{
    const chorus_limits *l = chorus_get_limits();
    size_t cap = encoded > SIZE_MAX / l->decoded_ratio ? SIZE_MAX : encoded * l->decoded_ratio;
    if (cap < 1024u * 1024u) cap = 1024u * 1024u;
    return cap < l->decoded_bytes ? cap : l->decoded_bytes;
}

#define INFLATE_TOO_BIG (-2)

/* gzip / zlib / raw deflate content coding. Returns 0 on success, -1 when
 * the data does not decode, INFLATE_TOO_BIG past decoded_cap. */
static int inflate_body(const char *p, size_t n, int window_bits, cx_buf *out)
{
    size_t cap = decoded_cap(n);
    z_stream z;
    memset(&z, 0, sizeof z);
    if (inflateInit2(&z, window_bits) != Z_OK) return -1;
    z.next_in = (Bytef *)p;
    z.avail_in = (uInt)(n > UINT32_MAX ? UINT32_MAX : n);
    int ret = Z_OK;
    while (ret == Z_OK) {
        if (out->cap - out->len < READ_CHUNK + 1 &&
            cx_grow((void **)&out->data, &out->cap, out->len + READ_CHUNK + 1 < cap + 2 ? out->len + READ_CHUNK + 1 : cap + 2, 1)) {
            ret = Z_MEM_ERROR;
            break;
        }
        z.next_out = (Bytef *)out->data + out->len;
        z.avail_out = (uInt)(out->cap - out->len - 1);
        size_t before = z.avail_out;
        ret = inflate(&z, Z_NO_FLUSH);
        out->len += before - z.avail_out;
        out->data[out->len] = '\0';
        if (out->len > cap) {
            inflateEnd(&z);
            return INFLATE_TOO_BIG;
        }
        if (ret == Z_BUF_ERROR && z.avail_in == 0) break; /* stored body cut short: keep what came */
    }
    inflateEnd(&z);
    return (ret == Z_STREAM_END || (ret == Z_BUF_ERROR && out->len)) ? 0 : -1;
}

static int looks_like_markup(const char *p, size_t n)
{
    size_t i = 0;
    if (n >= 3 && memcmp(p, "\xef\xbb\xbf", 3) == 0) i = 3;
    while (i < n && (p[i] == ' ' || p[i] == '\t' || p[i] == '\r' || p[i] == '\n')) i++;
    return i < n && p[i] == '<';
}

/* ---- one record ----------------------------------------------------------- */

/* Fill what the page did not give from the record; the outlet always comes
 * from the target URI's host. */
static int complete_articles(chorus_corpus *c, const warc_headers *h, const char *origin)
{
    char *url = span_dup_unbracketed(h->uri);
    char *host = host_of(url);
    char *date = h->date.n ? cx_strndup(h->date.p, h->date.n) : NULL;
    /* The record's own identifier is the stable one; without it the origin
     * is unique, where a name derived from the archive's file is not. */
    char *id = h->record_id.n ? span_dup_unbracketed(h->record_id) : cx_strdup(cx_basename(origin));
    int rc = 0;
    for (size_t i = 0; i < c->n_articles; i++) {
        chorus_article *a = &c->articles[i];
        if (!a->url && url && !(a->url = cx_strdup(url))) rc = CHORUS_ENOMEM;
        if (host) {
            char *h2 = cx_strdup(host);
            if (!h2) rc = CHORUS_ENOMEM;
            else {
                free(a->source);
                a->source = h2;
            }
        }
        if (!a->published && date) {
            if (!(a->published = cx_strdup(date))) rc = CHORUS_ENOMEM;
            a->published_unix = cx_parse_time(date);
        }
        if (i == 0 && id) {
            free(a->id);
            a->id = id;
            id = NULL;
        }
    }
    free(url);
    free(host);
    free(date);
    free(id);
    return rc;
}

static void hand_to_html(warc *w, uint64_t dec, const warc_headers *h, const char *body, size_t len,
                         const char *charset)
{
    cx_buf origin;
    if (origin_at(w, dec, &origin)) {
        w->r.fatal = CHORUS_ENOMEM;
        return;
    }
    char *url = span_dup_unbracketed(h->uri);
    /* The page is read into a corpus of its own: its articles are completed
     * from the record before they go on (the caller's corpus may stream). */
    chorus_corpus one;
    chorus_corpus_init(&one);
    chorus_error e = {0, ""};
    int rc = cx_read_html_charset(&one, origin.data, body, len, charset, url, &e);
    if (rc == CHORUS_ENOMEM) w->r.fatal = CHORUS_ENOMEM;
    else if (rc < 0 && one.n_skipped == 0)
        add_skip(w, origin.data, e.message[0] ? e.message : chorus_strerror(rc));
    if (one.n_articles && complete_articles(&one, h, origin.data)) w->r.fatal = CHORUS_ENOMEM;
    for (size_t i = 0; i < one.n_skipped && !w->r.fatal; i++)
        if ((one.skipped[i].note == 2   ? chorus_corpus_warn
             : one.skipped[i].note ? chorus_corpus_note
                                   : chorus_corpus_skip)(w->c, one.skipped[i].origin, "%s", one.skipped[i].reason))
            w->r.fatal = CHORUS_ENOMEM;
    for (size_t i = 0; i < one.n_articles; i++) {
        if (w->r.fatal) break;
        int r2 = chorus_corpus_add(w->c, &one.articles[i]);
        if (r2) w->r.fatal = r2 == CHORUS_ENOMEM ? CHORUS_ENOMEM : r2;
        else w->added++;
    }
    chorus_corpus_free(&one);
    free(url);
    cx_buf_free(&origin);
}

/* An HTTP response record: status, type, codings, then the page. */
static void read_response(warc *w, uint64_t dec, const warc_headers *h, const char *block, size_t n)
{
    if (n < 5 || memcmp(block, "HTTP/", 5) != 0) { /* dns:, ftp: and other non-HTTP captures */
        w->non_html++;
        return;
    }
    size_t hlen = header_end((const unsigned char *)block, n, NULL);
    if (!hlen) {
        w->bad_http++;
        return;
    }
    http_headers hh;
    memset(&hh, 0, sizeof hh);
    const char *sp = memchr(block, ' ', hlen);
    if (sp && (size_t)(sp - block) + 4 <= hlen) {
        int st = 0, k = 1;
        for (; k <= 3 && sp[k] >= '0' && sp[k] <= '9'; k++) st = st * 10 + (sp[k] - '0');
        hh.status = k == 4 ? st : 0;
    }
    if (!hh.status) {
        w->bad_http++;
        return;
    }
    if (hh.status != 200) {
        w->non_200++;
        return;
    }
    each_field(block, hlen, http_field, &hh);
    const char *body = block + hlen;
    size_t len = n - hlen;
    if (!is_html(hh.content_type, body, len)) {
        w->non_html++;
        return;
    }
    cx_buf chunks, inflated;
    cx_buf_init(&chunks);
    cx_buf_init(&inflated);
    /* Archives often store the payload already decoded while keeping the
     * headers, so a coding that does not decode leaves the bytes as they are. */
    if (span_has(hh.transfer_encoding, "chunked") && dechunk(body, len, &chunks) == 0) {
        body = chunks.data ? chunks.data : "";
        len = chunks.len;
    }
    int ok = 1;
    if (hh.content_encoding.n && !span_eq(hh.content_encoding, "identity")) {
        int gz = span_has(hh.content_encoding, "gzip"), defl = span_has(hh.content_encoding, "deflate");
        int got = -1;
        if (gz || defl) {
            got = inflate_body(body, len, 15 + 32, &inflated);
            if (got == -1 && defl) {
                inflated.len = 0;
                got = inflate_body(body, len, -15, &inflated);
            }
        }
        if (got == 0) {
            body = inflated.data;
            len = inflated.len;
        } else if (got == INFLATE_TOO_BIG) {
            ok = 0;
            problem(w, dec, 0, "its %s content of %zu bytes decodes to more than %zu bytes "
                               "(limits decoded-bytes=%zu, decoded-ratio=%zu)",
                    gz ? "gzip" : "deflate", len, decoded_cap(len), chorus_get_limits()->decoded_bytes,
                    chorus_get_limits()->decoded_ratio);
        } else if (!looks_like_markup(body, len)) {
            ok = 0;
            w->bad_encoding++;
        }
    }
    if (ok) {
        char *charset = charset_of(hh.content_type);
        hand_to_html(w, dec, h, body, len, charset);
        free(charset);
    }
    cx_buf_free(&chunks);
    cx_buf_free(&inflated);
}

static void read_record(warc *w, uint64_t dec, const warc_headers *h, const char *block, size_t n)
{
    if (span_eq(h->type, "response")) {
        read_response(w, dec, h, block, n);
    } else if (span_eq(h->type, "resource")) {
        if (!is_html(h->content_type, block, n)) w->non_html++;
        else {
            char *charset = charset_of(h->content_type);
            hand_to_html(w, dec, h, block, n, charset);
            free(charset);
        }
    }
}

typedef enum { KIND_ARTICLE, KIND_IGNORED, KIND_REVISIT, KIND_OTHER } record_kind;

static record_kind kind_of(span type)
{
    if (span_eq(type, "response") || span_eq(type, "resource")) return KIND_ARTICLE;
    /* Not articles at all: crawl requests and bookkeeping. */
    if (span_eq(type, "request") || span_eq(type, "metadata") || span_eq(type, "warcinfo"))
        return KIND_IGNORED;
    if (span_eq(type, "revisit")) return KIND_REVISIT;
    return KIND_OTHER;
}

/* After a block: "\r\n\r\n" normally; tolerate bare newlines and a missing
 * end at the very end of the file. Returns the trailer length, or -1. */
static long trailer_at(const reader *r, size_t at)
{
    const unsigned char *p = r->buf + at;
    size_t avail = r->len - at, k = 0;
    while (k < avail && k < 4 && (p[k] == '\r' || p[k] == '\n')) k++;
    if (k == 4 && memcmp(p, "\r\n\r\n", 4) == 0) return 4;
    int newlines = 0;
    for (size_t i = 0; i < k; i++) newlines += p[i] == '\n';
    if (k == avail && (r->eof || r->gap)) return (long)k; /* content whole, the rest cut off */
    if (newlines >= 2 && is_version_line(p + k, avail - k)) return (long)k;
    return -1;
}

/* Read the record at the current position (which holds "WARC/"). */
static void read_one(warc *w)
{
    reader *r = &w->r;
    uint64_t dec = rd_offset(r);
    char why[320];
    size_t avail = rd_fill(r, MAX_HEADER_BYTES);
    size_t next_record;
    size_t hlen = header_end(r->buf + r->pos, avail < MAX_HEADER_BYTES ? avail : MAX_HEADER_BYTES, &next_record);
    if (!hlen && next_record) {
        problem(w, dec, 1, "damaged record: its header runs into the next record");
        r->pos += next_record;
        return;
    }
    if (!hlen) {
        if (avail < MAX_HEADER_BYTES)
            problem(w, dec, 1, "truncated record: its header is cut off by %s", short_reason(w, why, sizeof why));
        else
            problem(w, dec, 1, "damaged record: no end of header in the first %u bytes", MAX_HEADER_BYTES);
        r->pos++;
        resync(w, 0);
        return;
    }
    warc_headers h;
    memset(&h, 0, sizeof h);
    each_field((const char *)r->buf + r->pos, hlen, warc_field, &h);
    int64_t clen = parse_length(h.length);
    if (clen < 0) {
        problem(w, dec, 1, "damaged record: %s Content-Length", h.length.n ? "invalid" : "no");
        r->pos += hlen;
        resync(w, 1);
        return;
    }
    w->in_damage = 0;
    w->records++;
    record_kind kind = kind_of(h.type);
    uint64_t limit = kind == KIND_ARTICLE ? chorus_get_limits()->record_bytes : MAX_BUFFERED_OTHER;
    if ((uint64_t)clen > limit) {
        /* Too big to keep: pass it by without buffering. The header spans
         * point into the buffer, so settle what needs them first. */
        if (kind == KIND_ARTICLE)
            problem(w, dec, 0, "record of %lld bytes skipped: larger than the limit record-bytes=%zu",
                    (long long)clen, chorus_get_limits()->record_bytes);
        else if (kind == KIND_REVISIT) w->revisits++;
        else if (kind == KIND_OTHER) w->other_types++;
        r->pos += hlen;
        uint64_t got = skip_bytes(w, (uint64_t)clen);
        if (got < (uint64_t)clen) {
            problem(w, dec, 1, "truncated record: %llu of its %lld content bytes before %s",
                    (unsigned long long)got, (long long)clen, short_reason(w, why, sizeof why));
            return;
        }
        rd_fill(r, 4 + 7);
        long t = trailer_at(r, r->pos);
        if (t < 0) {
            problem(w, dec, 1, "damaged record: no record end after its %lld content bytes", (long long)clen);
            resync(w, 1);
        } else
            r->pos += (size_t)t;
        return;
    }
    avail = rd_fill(r, hlen + (size_t)clen + 4 + 7);
    if (avail < hlen + (size_t)clen) {
        problem(w, dec, 1, "truncated record: %zu of its %lld content bytes before %s", avail - hlen,
                (long long)clen, short_reason(w, why, sizeof why));
        r->pos += hlen;
        resync(w, 1);
        return;
    }
    long t = trailer_at(r, r->pos + hlen + (size_t)clen);
    if (t < 0) {
        problem(w, dec, 1, "damaged record: Content-Length %lld does not end at a record boundary", (long long)clen);
        r->pos += hlen;
        resync(w, 1);
        return;
    }
    /* Fields point into the buffer, which stays put until the next fill. */
    memset(&h, 0, sizeof h);
    each_field((const char *)r->buf + r->pos, hlen, warc_field, &h);
    if (kind == KIND_ARTICLE) read_record(w, dec, &h, (const char *)r->buf + r->pos + hlen, (size_t)clen);
    else if (kind == KIND_REVISIT) w->revisits++;
    else if (kind == KIND_OTHER) w->other_types++;
    r->pos += hlen + (size_t)clen + (size_t)t;
}

/* One line per kind of unused record. Images, redirects and the like are
 * not articles by nature: noted, not failures (they do not change the exit
 * status); unreadable records are skipped inputs. */
static void summarize(warc *w, size_t n, const char *one, const char *many, int note)
{
    if (!n || w->r.fatal) return;
    if ((note ? chorus_corpus_note(w->c, w->name, "%zu %s", n, n == 1 ? one : many)
              : chorus_corpus_skip(w->c, w->name, "%zu %s", n, n == 1 ? one : many)))
        w->r.fatal = CHORUS_ENOMEM;
}

int cx_read_warc_stream(chorus_corpus *c, FILE *f, const char *name, chorus_error *err)
{
    warc w;
    memset(&w, 0, sizeof w);
    w.c = c;
    w.name = name;
    size_t skipped_before = c->n_skipped;
    int rc = cx_stream_open(&w.r.s, f, name, err);
    if (rc) return rc;
    reader *r = &w.r;
    uint64_t base = c->bytes_read;
    long at = ftell(f); /* the file position: compressed bytes read (a buffer ahead) */
    while (!r->fatal) {
        if (c->on_progress) {
            long now = ftell(f);
            if (now >= at) c->bytes_read = base + (uint64_t)(now - at);
            c->on_progress(c, c->sink_ctx);
        }
        /* Blank lines between records are allowed. */
        size_t avail;
        while ((avail = rd_fill(r, 1)) && (r->buf[r->pos] == '\r' || r->buf[r->pos] == '\n')) r->pos++;
        if (!avail) {
            if (!r->gap || r->fatal) break;
            gap_problem(&w);
            rd_pass_gap(r);
            continue;
        }
        uint64_t dec = rd_offset(r);
        cx_stream_forget(r->s, dec);
        avail = rd_fill(r, 7);
        if (is_version_line(r->buf + r->pos, avail)) {
            read_one(&w);
            continue;
        }
        int was_damaged = w.in_damage;
        uint64_t n = resync(&w, 0);
        if (!was_damaged)
            problem(&w, dec, 1, "%llu bytes that are not a WARC record skipped", (unsigned long long)n);
    }
    if (r->fatal) {
        rc = r->fatal == CHORUS_ENOMEM ? cx_fail(err, CHORUS_ENOMEM, "%s: out of memory", name)
                                       : cx_fail(err, CHORUS_EIO, "%s: read error after byte %llu", name,
                                                 (unsigned long long)rd_offset(r));
    } else if (w.records == 0) {
        /* Not an archive at all: one message instead of a list of damage. */
        for (size_t i = skipped_before; i < c->n_skipped; i++) {
            free(c->skipped[i].origin);
            free(c->skipped[i].reason);
        }
        c->n_skipped = skipped_before;
        rc = cx_fail(err, CHORUS_EFORMAT, "%s: no WARC record found (not a WARC archive?)", name);
    } else {
        summarize(&w, w.non_html, "non-HTML record", "non-HTML records", 1);
        summarize(&w, w.non_200, "non-200 response", "non-200 responses", 1);
        summarize(&w, w.revisits, "revisit record (payload stored in another record)",
                  "revisit records (payload stored in other records)", 1);
        summarize(&w, w.other_types, "record of an unsupported type", "records of unsupported types", 1);
        summarize(&w, w.bad_http, "response with an unreadable HTTP header",
                  "responses with an unreadable HTTP header", 0);
        summarize(&w, w.bad_encoding, "response with an undecodable content encoding",
                  "responses with an undecodable content encoding", 0);
        summarize(&w, w.unlisted_problems, "more damaged record not listed", "more damaged records not listed", 0);
        rc = r->fatal ? cx_fail(err, CHORUS_ENOMEM, "%s: out of memory", name) : (int)w.added;
    }
    free(r->buf);
    cx_stream_close(r->s);
    long end = ftell(f);
    if (end >= at) c->bytes_read = base + (uint64_t)(end - at);
    return rc;
}

int cx_read_warc_file(chorus_corpus *c, const char *path, chorus_error *err)
{
    FILE *f = fopen(path, "rb");
    if (!f) return cx_fail(err, CHORUS_EIO, "%s: cannot open: %s", path, strerror(errno));
    int rc = cx_read_warc_stream(c, f, path, err);
    fclose(f);
    return rc;
}
