/* WARC reader: archives built here at run time (plain, gzip per record,
 * whole-file gzip, zstd), with the damage real crawls show: truncated
 * records, garbage between records, cut gzip members. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zlib.h>
#include <zstd.h>

#include "decompress.h"
#include "readers.h"
#include "util.h"

/* ---- building archives ---------------------------------------------------- */

typedef enum { PACK_PLAIN, PACK_GZIP_RECORDS, PACK_GZIP_WHOLE, PACK_ZSTD_RECORDS, PACK_ZSTD_WHOLE } packing;

/* An archive under construction: the records, and where each one starts in
 * the packed file. */
typedef struct {
    cx_buf records[16];
    size_t n;
} archive;

static void add_record(archive *a, const char *type, const char *uri, const char *date, const char *ctype,
                       const char *block, size_t block_len, long claimed_len)
{
    assert_true(a->n < 16);
    cx_buf *b = &a->records[a->n++];
    cx_buf_init(b);
    assert_int_equal(cx_buf_printf(b, "WARC/1.0\r\nWARC-Type: %s\r\nWARC-Record-ID: <urn:uuid:0000-%zu>\r\n", type,
                                   a->n),
                     0);
    if (uri) assert_int_equal(cx_buf_printf(b, "WARC-Target-URI: %s\r\n", uri), 0);
    if (date) assert_int_equal(cx_buf_printf(b, "WARC-Date: %s\r\n", date), 0);
    if (ctype) assert_int_equal(cx_buf_printf(b, "Content-Type: %s\r\n", ctype), 0);
    assert_int_equal(cx_buf_printf(b, "Content-Length: %ld\r\n\r\n", claimed_len >= 0 ? claimed_len : (long)block_len),
                     0);
    assert_int_equal(cx_buf_append(b, block, block_len), 0);
    assert_int_equal(cx_buf_puts(b, "\r\n\r\n"), 0);
}

/* An HTML page long enough to count as an article; no date or site in it. */
static char *page(const char *title, const char *topic)
{
    cx_buf b;
    cx_buf_init(&b);
    cx_buf_printf(&b,
                  "<!DOCTYPE html><html><head><title>%s</title></head><body><article><h1>%s</h1>"
                  "<p>The council of %s voted on Tuesday to rebuild the old harbour bridge, which has been "
                  "closed to traffic since the storm last winter damaged two of its pillars.</p>"
                  "<p>Engineers told the council that the work on the bridge in %s would take eighteen months "
                  "and cost about forty million euros, paid mostly by the regional government.</p>"
                  "<p>Residents of %s said the closure had doubled their daily commute, and shop owners near "
                  "the harbour reported that sales had fallen by a third since the spring.</p>"
                  "</article></body></html>",
                  title, title, topic, topic, topic);
    return cx_buf_take(&b);
}

static void add_response(archive *a, const char *uri, int status, const char *ctype, const char *body,
                         const char *extra_headers)
{
    cx_buf http;
    cx_buf_init(&http);
    cx_buf_printf(&http, "HTTP/1.1 %d %s\r\nContent-Type: %s\r\n%sContent-Length: %zu\r\n\r\n", status,
                  status == 200 ? "OK" : "Other", ctype, extra_headers ? extra_headers : "", strlen(body));
    cx_buf_puts(&http, body);
    add_record(a, "response", uri, "2024-03-05T10:20:30Z", "application/http; msgtype=response", http.data,
               http.len, -1);
    cx_buf_free(&http);
}

static void add_page(archive *a, const char *uri, const char *title, const char *topic)
{
    char *html = page(title, topic);
    add_response(a, uri, 200, "text/html; charset=utf-8", html, NULL);
    free(html);
}

static void gzip_member(cx_buf *out, const char *data, size_t len)
{
    z_stream z;
    memset(&z, 0, sizeof z);
    assert_int_equal(deflateInit2(&z, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY), Z_OK);
    size_t bound = deflateBound(&z, len) + 64;
    assert_int_equal(cx_grow((void **)&out->data, &out->cap, out->len + bound + 1, 1), 0);
    z.next_in = (Bytef *)data;
    z.avail_in = (uInt)len;
    z.next_out = (Bytef *)out->data + out->len;
    z.avail_out = (uInt)bound;
    assert_int_equal(deflate(&z, Z_FINISH), Z_STREAM_END);
    out->len += bound - z.avail_out;
    deflateEnd(&z);
}

static void zstd_frame(cx_buf *out, const char *data, size_t len)
{
    size_t bound = ZSTD_compressBound(len);
    assert_int_equal(cx_grow((void **)&out->data, &out->cap, out->len + bound + 1, 1), 0);
    size_t n = ZSTD_compress(out->data + out->len, bound, data, len, 3);
    assert_false(ZSTD_isError(n));
    out->len += n;
}

/* Pack the records; starts[i] gets the on-disk offset of record i (for the
 * whole-file packings, its offset in the decompressed stream). */
static void pack(archive *a, packing how, cx_buf *out, size_t *starts)
{
    cx_buf_init(out);
    cx_buf all;
    cx_buf_init(&all);
    for (size_t i = 0; i < a->n; i++) {
        switch (how) {
        case PACK_GZIP_RECORDS:
            starts[i] = out->len;
            gzip_member(out, a->records[i].data, a->records[i].len);
            break;
        case PACK_ZSTD_RECORDS:
            starts[i] = out->len;
            zstd_frame(out, a->records[i].data, a->records[i].len);
            break;
        default:
            starts[i] = all.len;
            cx_buf_append(&all, a->records[i].data, a->records[i].len);
            break;
        }
    }
    if (how == PACK_PLAIN) cx_buf_append(out, all.data, all.len);
    if (how == PACK_GZIP_WHOLE) gzip_member(out, all.data, all.len);
    if (how == PACK_ZSTD_WHOLE) zstd_frame(out, all.data, all.len);
    cx_buf_free(&all);
}

static void archive_free(archive *a)
{
    for (size_t i = 0; i < a->n; i++) cx_buf_free(&a->records[i]);
    a->n = 0;
}

static char tmpdir[64];

static int setup_dir(void **state)
{
    (void)state;
    strcpy(tmpdir, "/tmp/chorus-warc-XXXXXX");
    return mkdtemp(tmpdir) ? 0 : -1;
}

static int remove_dir(void **state)
{
    (void)state;
    cx_buf cmd;
    cx_buf_init(&cmd);
    cx_buf_printf(&cmd, "rm -rf '%s'", tmpdir);
    int rc = system(cmd.data);
    cx_buf_free(&cmd);
    return rc;
}

/* Write bytes to tmpdir/name; returns the path (caller frees). */
static char *write_file(const char *name, const char *data, size_t len)
{
    cx_buf p;
    cx_buf_init(&p);
    cx_buf_printf(&p, "%s/%s", tmpdir, name);
    FILE *f = fopen(p.data, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(data, 1, len, f), len);
    fclose(f);
    return cx_buf_take(&p);
}

static const chorus_article *find_source(const chorus_corpus *c, const char *source)
{
    for (size_t i = 0; i < c->n_articles; i++)
        if (c->articles[i].source && strcmp(c->articles[i].source, source) == 0) return &c->articles[i];
    return NULL;
}

static const chorus_skip *find_skip(const chorus_corpus *c, const char *reason_part)
{
    for (size_t i = 0; i < c->n_skipped; i++)
        if (strstr(c->skipped[i].reason, reason_part)) return &c->skipped[i];
    return NULL;
}

static void print_skips(const chorus_corpus *c)
{
    for (size_t i = 0; i < c->n_skipped; i++)
        fprintf(stderr, "  skipped %s: %s\n", c->skipped[i].origin, c->skipped[i].reason);
}

/* Three outlets, plus records that are not articles and must pass silently. */
static void three_outlets(archive *a)
{
    add_record(a, "warcinfo", NULL, "2024-03-05T10:00:00Z", "application/warc-fields",
               "software: test\r\nformat: WARC File Format 1.0\r\n", 45, -1);
    add_record(a, "request", "https://www.harbour-times.com/news/bridge", "2024-03-05T10:20:29Z",
               "application/http; msgtype=request", "GET /news/bridge HTTP/1.1\r\nHost: x\r\n\r\n", 38, -1);
    add_page(a, "https://www.harbour-times.com/news/bridge", "Bridge to be rebuilt", "Portvale");
    add_page(a, "http://Lemonde.FR:8080/international/article?id=1", "Le pont sera reconstruit", "Brest");
    add_record(a, "metadata", "https://news.example.org/x", "2024-03-05T10:20:31Z", "application/warc-fields",
               "outlinks: none\r\n", 16, -1);
    add_page(a, "https://news.example.org/2024/03/05/bridge", "Harbour bridge plan approved", "Kiel");
}

static void check_three_outlets(packing how, const char *file)
{
    archive a = {0};
    three_outlets(&a);
    cx_buf packed;
    size_t starts[16];
    pack(&a, how, &packed, starts);
    char *path = write_file(file, packed.data, packed.len);

    chorus_corpus c;
    chorus_corpus_init(&c);
    chorus_error err = {0, ""};
    int rc = chorus_read_path(&c, path, &err);
    print_skips(&c);
    assert_int_equal(rc, 3);
    assert_int_equal(c.n_articles, 3);
    assert_int_equal(c.n_skipped, 0);

    const chorus_article *ht = find_source(&c, "harbour-times.com");
    const chorus_article *lm = find_source(&c, "lemonde.fr");
    const chorus_article *ex = find_source(&c, "news.example.org");
    assert_non_null(ht);
    assert_non_null(lm);
    assert_non_null(ex);
    assert_string_equal(ht->url, "https://www.harbour-times.com/news/bridge");
    assert_non_null(strstr(ht->text, "eighteen months"));
    assert_non_null(strstr(lm->text, "Brest"));
    /* The page has no date: the capture date stands in. */
    assert_non_null(ht->published);
    assert_string_equal(ht->published, "2024-03-05T10:20:30Z");
    assert_true(ht->published_unix == 1709634030);
    assert_string_equal(ht->id, "urn:uuid:0000-3");

    /* Origins give the on-disk place of each record. */
    cx_buf want;
    cx_buf_init(&want);
    if (how == PACK_GZIP_WHOLE || how == PACK_ZSTD_WHOLE)
        cx_buf_printf(&want, "%s@0+%zu", path, starts[2]);
    else
        cx_buf_printf(&want, "%s@%zu", path, starts[2]);
    assert_string_equal(ht->origin, want.data);

    cx_buf_free(&want);
    chorus_corpus_free(&c);
    free(path);
    cx_buf_free(&packed);
    archive_free(&a);
}

static void test_plain_outlets_from_urls(void **state)
{
    (void)state;
    check_three_outlets(PACK_PLAIN, "plain.warc");
}

static void test_gzip_per_record(void **state)
{
    (void)state;
    check_three_outlets(PACK_GZIP_RECORDS, "records.warc.gz");
}

static void test_gzip_whole_file(void **state)
{
    (void)state;
    check_three_outlets(PACK_GZIP_WHOLE, "whole.warc.gz");
}

static void test_zstd_per_record(void **state)
{
    (void)state;
    check_three_outlets(PACK_ZSTD_RECORDS, "records.warc.zst");
}

static void test_zstd_whole_file(void **state)
{
    (void)state;
    check_three_outlets(PACK_ZSTD_WHOLE, "whole.warc.zst");
}

static void test_non_html_and_non_200_counted(void **state)
{
    (void)state;
    archive a = {0};
    add_page(&a, "https://www.harbour-times.com/a", "Bridge to be rebuilt", "Portvale");
    add_response(&a, "https://www.harbour-times.com/logo.png", 200, "image/png", "\x89PNG\r\n\x1a\n....", NULL);
    add_response(&a, "https://www.harbour-times.com/missing", 404, "text/html", "<html>not found</html>", NULL);
    add_response(&a, "https://www.harbour-times.com/old", 301, "text/html", "<html>moved</html>",
                 "Location: /new\r\n");
    add_response(&a, "https://www.harbour-times.com/feed.pdf", 200, "application/pdf", "%PDF-1.4 ...", NULL);
    add_response(&a, "https://www.harbour-times.com/err", 500, "text/html", "<html>oops</html>", NULL);
    add_record(&a, "resource", "https://www.harbour-times.com/data.json", "2024-03-05T10:20:30Z",
               "application/json", "{\"a\": 1}", 8, -1);
    cx_buf packed;
    size_t starts[16];
    pack(&a, PACK_GZIP_RECORDS, &packed, starts);
    char *path = write_file("mixed.warc.gz", packed.data, packed.len);

    chorus_corpus c;
    chorus_corpus_init(&c);
    chorus_error err = {0, ""};
    assert_int_equal(cx_read_warc_file(&c, path, &err), 1);
    print_skips(&c);
    assert_int_equal(c.n_articles, 1);
    /* One summary line per reason, not one per record. */
    assert_int_equal(c.n_skipped, 2);
    const chorus_skip *html = find_skip(&c, "non-HTML");
    const chorus_skip *status = find_skip(&c, "non-200");
    assert_non_null(html);
    assert_non_null(status);
    assert_string_equal(html->reason, "3 non-HTML records");
    assert_string_equal(status->reason, "3 non-200 responses");
    assert_string_equal(html->origin, path);

    chorus_corpus_free(&c);
    free(path);
    cx_buf_free(&packed);
    archive_free(&a);
}

/* A record whose Content-Length runs past the end of the file: reported at
 * its offset, and the record after it (which it swallowed) is still read. */
static void test_truncated_record_plain(void **state)
{
    (void)state;
    archive a = {0};
    add_page(&a, "https://www.harbour-times.com/a", "Bridge to be rebuilt", "Portvale");
    char *html = page("Cut short", "Lorient");
    add_record(&a, "resource", "https://cut.example.com/b", "2024-03-05T10:20:30Z", "text/html", html,
               strlen(html), (long)strlen(html) + 100000);
    free(html);
    add_page(&a, "https://www.lemonde.fr/c", "Le pont sera reconstruit", "Brest");
    cx_buf packed;
    size_t starts[16];
    pack(&a, PACK_PLAIN, &packed, starts);
    char *path = write_file("truncated.warc", packed.data, packed.len);

    chorus_corpus c;
    chorus_corpus_init(&c);
    chorus_error err = {0, ""};
    int rc = cx_read_warc_file(&c, path, &err);
    print_skips(&c);
    assert_int_equal(rc, 2);
    assert_non_null(find_source(&c, "harbour-times.com"));
    assert_non_null(find_source(&c, "lemonde.fr"));
    assert_null(find_source(&c, "cut.example.com"));
    assert_int_equal(c.n_skipped, 1);
    cx_buf want;
    cx_buf_init(&want);
    cx_buf_printf(&want, "%s@%zu", path, starts[1]);
    assert_string_equal(c.skipped[0].origin, want.data);
    assert_non_null(strstr(c.skipped[0].reason, "truncated record"));

    cx_buf_free(&want);
    chorus_corpus_free(&c);
    free(path);
    cx_buf_free(&packed);
    archive_free(&a);
}

/* A gzip member cut in the middle, followed by good members. */
static void test_truncated_gzip_member(void **state)
{
    (void)state;
    archive a = {0};
    add_page(&a, "https://www.harbour-times.com/a", "Bridge to be rebuilt", "Portvale");
    add_page(&a, "https://cut.example.com/b", "Cut short", "Lorient");
    add_page(&a, "https://www.lemonde.fr/c", "Le pont sera reconstruit", "Brest");
    add_page(&a, "https://news.example.org/d", "Harbour bridge plan approved", "Kiel");
    cx_buf packed;
    size_t starts[16];
    pack(&a, PACK_GZIP_RECORDS, &packed, starts);
    /* Keep the first half of member 1 only. */
    size_t cut_from = starts[1] + (starts[2] - starts[1]) / 2;
    memmove(packed.data + cut_from, packed.data + starts[2], packed.len - starts[2]);
    packed.len -= starts[2] - cut_from;
    char *path = write_file("cut.warc.gz", packed.data, packed.len);

    chorus_corpus c;
    chorus_corpus_init(&c);
    chorus_error err = {0, ""};
    int rc = cx_read_warc_file(&c, path, &err);
    print_skips(&c);
    assert_int_equal(rc, 3);
    assert_non_null(find_source(&c, "harbour-times.com"));
    assert_non_null(find_source(&c, "lemonde.fr"));
    assert_non_null(find_source(&c, "news.example.org"));
    assert_int_equal(c.n_skipped, 1);
    cx_buf want;
    cx_buf_init(&want);
    cx_buf_printf(&want, "%s@%zu", path, starts[1]);
    assert_string_equal(c.skipped[0].origin, want.data);
    assert_non_null(strstr(c.skipped[0].reason, "truncated record"));
    assert_non_null(strstr(c.skipped[0].reason, "gzip"));

    cx_buf_free(&want);
    chorus_corpus_free(&c);
    free(path);
    cx_buf_free(&packed);
    archive_free(&a);
}

/* A zstd archive whose last frame is cut: the good frames are read. */
static void test_truncated_zstd_tail(void **state)
{
    (void)state;
    archive a = {0};
    add_page(&a, "https://www.harbour-times.com/a", "Bridge to be rebuilt", "Portvale");
    add_page(&a, "https://www.lemonde.fr/c", "Le pont sera reconstruit", "Brest");
    cx_buf packed;
    size_t starts[16];
    pack(&a, PACK_ZSTD_RECORDS, &packed, starts);
    packed.len = starts[1] + (packed.len - starts[1]) / 2;
    char *path = write_file("cut.warc.zst", packed.data, packed.len);

    chorus_corpus c;
    chorus_corpus_init(&c);
    chorus_error err = {0, ""};
    int rc = cx_read_warc_file(&c, path, &err);
    print_skips(&c);
    assert_int_equal(rc, 1);
    assert_non_null(find_source(&c, "harbour-times.com"));
    assert_int_equal(c.n_skipped, 1);
    cx_buf want;
    cx_buf_init(&want);
    cx_buf_printf(&want, "%s@%zu", path, starts[1]);
    assert_string_equal(c.skipped[0].origin, want.data);
    assert_non_null(strstr(c.skipped[0].reason, "zstd"));

    cx_buf_free(&want);
    chorus_corpus_free(&c);
    free(path);
    cx_buf_free(&packed);
    archive_free(&a);
}

static void test_garbage_between_records(void **state)
{
    (void)state;
    archive a = {0};
    add_page(&a, "https://www.harbour-times.com/a", "Bridge to be rebuilt", "Portvale");
    cx_buf *junk = &a.records[a.n++];
    cx_buf_init(junk);
    cx_buf_puts(junk, "this is not a record\r\nWARC/ neither is this\nxxWARC/1.0 nor this\n\x01\x02\x03\n");
    add_page(&a, "https://www.lemonde.fr/c", "Le pont sera reconstruit", "Brest");
    cx_buf packed;
    size_t starts[16];
    pack(&a, PACK_PLAIN, &packed, starts);
    char *path = write_file("garbage.warc", packed.data, packed.len);

    chorus_corpus c;
    chorus_corpus_init(&c);
    chorus_error err = {0, ""};
    int rc = cx_read_warc_file(&c, path, &err);
    print_skips(&c);
    assert_int_equal(rc, 2);
    assert_non_null(find_source(&c, "harbour-times.com"));
    assert_non_null(find_source(&c, "lemonde.fr"));
    assert_int_equal(c.n_skipped, 1);
    cx_buf want;
    cx_buf_init(&want);
    cx_buf_printf(&want, "%s@%zu", path, starts[1]);
    assert_string_equal(c.skipped[0].origin, want.data);
    cx_buf_free(&want);
    cx_buf_init(&want);
    cx_buf_printf(&want, "%zu bytes", a.records[1].len);
    assert_non_null(strstr(c.skipped[0].reason, want.data));

    cx_buf_free(&want);
    chorus_corpus_free(&c);
    free(path);
    cx_buf_free(&packed);
    archive_free(&a);
}

/* Chunked transfer coding over a gzip content coding, with the charset
 * given only by the HTTP header. */
static void test_http_codings_and_charset(void **state)
{
    (void)state;
    char *html = page("Le pont", "S\xe9te"); /* Latin-1 bytes */
    cx_buf gz;
    cx_buf_init(&gz);
    gzip_member(&gz, html, strlen(html));
    cx_buf chunked;
    cx_buf_init(&chunked);
    for (size_t at = 0; at < gz.len; at += 100) {
        size_t n = gz.len - at < 100 ? gz.len - at : 100;
        cx_buf_printf(&chunked, "%zx;ext=1\r\n", n);
        cx_buf_append(&chunked, gz.data + at, n);
        cx_buf_puts(&chunked, "\r\n");
    }
    cx_buf_puts(&chunked, "0\r\n\r\n");
    cx_buf http;
    cx_buf_init(&http);
    cx_buf_puts(&http, "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=\"ISO-8859-1\"\r\n"
                       "Transfer-Encoding: chunked\r\nContent-Encoding: gzip\r\n\r\n");
    cx_buf_append(&http, chunked.data, chunked.len);
    archive a = {0};
    add_record(&a, "response", "<https://www.ouest-info.fr/pont>", "2024-03-05T10:20:30Z",
               "application/http; msgtype=response", http.data, http.len, -1);
    cx_buf packed;
    size_t starts[16];
    pack(&a, PACK_PLAIN, &packed, starts);

    /* Through memory this time. */
    FILE *f = fmemopen(packed.data, packed.len, "rb");
    assert_non_null(f);
    chorus_corpus c;
    chorus_corpus_init(&c);
    chorus_error err = {0, ""};
    int rc = cx_read_warc_stream(&c, f, "mem.warc", &err);
    fclose(f);
    print_skips(&c);
    assert_int_equal(rc, 1);
    assert_string_equal(c.articles[0].source, "ouest-info.fr");
    assert_string_equal(c.articles[0].url, "https://www.ouest-info.fr/pont");
    assert_non_null(strstr(c.articles[0].text, "S\xc3\xa9te"));
    assert_string_equal(c.articles[0].origin, "mem.warc@0");

    chorus_corpus_free(&c);
    cx_buf_free(&packed);
    archive_free(&a);
    cx_buf_free(&http);
    cx_buf_free(&chunked);
    cx_buf_free(&gz);
    free(html);
}

static void test_not_an_archive(void **state)
{
    (void)state;
    const char *text = "Just some notes, saved with the wrong name.\nNothing else here.\n";
    char *path = write_file("notes.warc", text, strlen(text));
    chorus_corpus c;
    chorus_corpus_init(&c);
    chorus_error err = {0, ""};
    int rc = cx_read_warc_file(&c, path, &err);
    assert_int_equal(rc, CHORUS_EFORMAT);
    assert_non_null(strstr(err.message, path));
    assert_int_equal(c.n_articles, 0);
    assert_int_equal(c.n_skipped, 0);
    chorus_corpus_free(&c);
    free(path);

    /* gzip of something that is not WARC, and a missing file. */
    cx_buf gz;
    cx_buf_init(&gz);
    gzip_member(&gz, text, strlen(text));
    path = write_file("notes.warc.gz", gz.data, gz.len);
    chorus_corpus_init(&c);
    assert_int_equal(cx_read_warc_file(&c, path, &err), CHORUS_EFORMAT);
    chorus_corpus_free(&c);
    free(path);
    cx_buf_free(&gz);
    chorus_corpus_init(&c);
    assert_int_equal(cx_read_warc_file(&c, "/nonexistent/x.warc", &err), CHORUS_EIO);
    assert_non_null(strstr(err.message, "/nonexistent/x.warc"));
    chorus_corpus_free(&c);
}

/* Every prefix of a per-record .warc.gz reads without crashing, keeps the
 * complete records and reports the cut one. */
static void test_every_cut_point(void **state)
{
    (void)state;
    archive a = {0};
    add_page(&a, "https://www.harbour-times.com/a", "Bridge to be rebuilt", "Portvale");
    add_page(&a, "https://www.lemonde.fr/c", "Le pont sera reconstruit", "Brest");
    cx_buf packed;
    size_t starts[16];
    pack(&a, PACK_GZIP_RECORDS, &packed, starts);
    for (size_t len = 1; len < packed.len; len += 7) {
        FILE *f = fmemopen(packed.data, len, "rb");
        assert_non_null(f);
        chorus_corpus c;
        chorus_corpus_init(&c);
        chorus_error err = {0, ""};
        int rc = cx_read_warc_stream(&c, f, "cut.warc.gz", &err);
        fclose(f);
        if (len < starts[1]) {
            /* No record seen at all, or the cut is reported once. A cut in
             * the gzip trailer alone still leaves the record whole. */
            if (rc != CHORUS_EFORMAT) {
                assert_true(rc == 0 || (rc == 1 && len + 16 >= starts[1]));
                assert_int_equal(c.n_skipped, 1);
                assert_non_null(strstr(c.skipped[0].origin, "cut.warc.gz@0"));
            }
        } else {
            assert_true(rc == 1 || (rc == 2 && len + 16 >= packed.len)); /* only the end cut */
            assert_int_equal(c.n_skipped, len == starts[1] ? 0 : 1);
            if (len > starts[1]) assert_non_null(strstr(c.skipped[0].origin, "cut.warc.gz@"));
        }
        chorus_corpus_free(&c);
    }
    cx_buf_free(&packed);
    archive_free(&a);
}

/* The middle member of five (one record each) damaged at every position -
 * cut short there, or three bytes overwritten there - costs that record only:
 * the four others are read, in gzip and in zstd, and the damage is reported. */
static void damaged_middle_member(packing how, const char *name)
{
    static const char *const hosts[] = {"one.example", "two.example", "three.example", "four.example",
                                        "five.example"};
    archive a = {0};
    char uri[64];
    for (int i = 0; i < 5; i++) {
        snprintf(uri, sizeof uri, "https://%s/story", hosts[i]);
        add_page(&a, uri, "Bridge to be rebuilt", "Portvale");
    }
    cx_buf packed;
    size_t starts[16];
    pack(&a, how, &packed, starts);
    size_t m_start = starts[2], m_len = starts[3] - starts[2];
    cx_buf bad;
    cx_buf_init(&bad);
    for (int overwrite = 0; overwrite < 2; overwrite++)
        for (size_t k = 0; k < m_len; k++) {
            bad.len = 0;
            cx_buf_append(&bad, packed.data, m_start + (overwrite ? m_len : k));
            if (overwrite)
                for (size_t j = k; j < k + 3 && j < m_len; j++) bad.data[m_start + j] ^= 0x5A;
            cx_buf_append(&bad, packed.data + starts[3], packed.len - starts[3]);
            FILE *f = fmemopen(bad.data, bad.len, "rb");
            assert_non_null(f);
            chorus_corpus c;
            chorus_corpus_init(&c);
            chorus_error err = {0, ""};
            int rc = cx_read_warc_stream(&c, f, name, &err);
            fclose(f);
            int lost = 0;
            for (int i = 0; i < 5; i++)
                if (i != 2 && !find_source(&c, hosts[i])) lost++;
            if (lost || rc < 4 || (!overwrite && k > 0 && c.n_skipped == 0)) {
                fprintf(stderr, "%s: middle member %s at byte %zu: %d records lost, rc %d\n", name,
                        overwrite ? "overwritten" : "cut", k, lost, rc);
                print_skips(&c);
            }
            assert_int_equal(lost, 0);
            assert_true(rc >= 4);
            if (!overwrite && k > 0) assert_true(c.n_skipped >= 1); /* the cut is reported */
            chorus_corpus_free(&c);
        }
    cx_buf_free(&bad);
    cx_buf_free(&packed);
    archive_free(&a);
}

static void test_damaged_member_every_position(void **state)
{
    (void)state;
    damaged_middle_member(PACK_GZIP_RECORDS, "damaged.warc.gz");
    damaged_middle_member(PACK_ZSTD_RECORDS, "damaged.warc.zst");
}

/* .warc.zst with its dictionary in a leading skippable frame, stored plain
 * or itself compressed. */
static void check_zstd_dictionary(int compress_dict)
{
    archive a = {0};
    add_page(&a, "https://www.harbour-times.com/a", "Bridge to be rebuilt", "Portvale");
    add_page(&a, "https://www.lemonde.fr/c", "Le pont sera reconstruit", "Brest");
    /* A raw-content dictionary: bytes records are likely to share. */
    char *dict = page("Dictionary", "Anytown");
    size_t dict_len = strlen(dict);
    cx_buf stored;
    cx_buf_init(&stored);
    if (compress_dict) zstd_frame(&stored, dict, dict_len);
    else cx_buf_append(&stored, dict, dict_len);

    cx_buf out;
    cx_buf_init(&out);
    unsigned char head[8] = {0x5D, 0x2A, 0x4D, 0x18};
    for (int i = 0; i < 4; i++) head[4 + i] = (unsigned char)(stored.len >> (8 * i));
    cx_buf_append(&out, (const char *)head, 8);
    cx_buf_append(&out, stored.data, stored.len);
    ZSTD_CCtx *cc = ZSTD_createCCtx();
    assert_non_null(cc);
    size_t starts[16];
    for (size_t i = 0; i < a.n; i++) {
        size_t bound = ZSTD_compressBound(a.records[i].len);
        assert_int_equal(cx_grow((void **)&out.data, &out.cap, out.len + bound + 1, 1), 0);
        starts[i] = out.len;
        size_t n = ZSTD_compress_usingDict(cc, out.data + out.len, bound, a.records[i].data, a.records[i].len,
                                           dict, dict_len, 3);
        assert_false(ZSTD_isError(n));
        out.len += n;
    }
    ZSTD_freeCCtx(cc);
    char *path = write_file(compress_dict ? "dictz.warc.zst" : "dict.warc.zst", out.data, out.len);

    chorus_corpus c;
    chorus_corpus_init(&c);
    chorus_error err = {0, ""};
    int rc = cx_read_warc_file(&c, path, &err);
    print_skips(&c);
    assert_int_equal(rc, 2);
    assert_int_equal(c.n_skipped, 0);
    const chorus_article *lm = find_source(&c, "lemonde.fr");
    assert_non_null(lm);
    cx_buf want;
    cx_buf_init(&want);
    cx_buf_printf(&want, "%s@%zu", path, starts[1]);
    assert_string_equal(lm->origin, want.data);

    cx_buf_free(&want);
    chorus_corpus_free(&c);
    free(path);
    free(dict);
    cx_buf_free(&stored);
    cx_buf_free(&out);
    archive_free(&a);
}

static void test_zstd_dictionary(void **state)
{
    (void)state;
    check_zstd_dictionary(0);
    check_zstd_dictionary(1);
}

/* Records that are not articles and too big to buffer are passed by in
 * pieces; a big one cut short is still reported. */
static void test_big_records_streamed(void **state)
{
    (void)state;
    size_t big = 3u * 1024u * 1024u;
    char *filler = malloc(big);
    assert_non_null(filler);
    for (size_t i = 0; i < big; i++) filler[i] = (char)('a' + i % 26);
    archive a = {0};
    add_page(&a, "https://www.harbour-times.com/a", "Bridge to be rebuilt", "Portvale");
    add_record(&a, "metadata", "https://www.harbour-times.com/a", "2024-03-05T10:20:30Z", "text/plain", filler, big,
               -1);
    add_record(&a, "revisit", "https://www.harbour-times.com/a", "2024-03-05T10:20:30Z", "text/plain", filler, big,
               -1);
    add_page(&a, "https://www.lemonde.fr/c", "Le pont sera reconstruit", "Brest");
    add_record(&a, "conversion", "https://www.lemonde.fr/c", "2024-03-05T10:20:30Z", "text/plain", filler, big,
               (long)big * 2);
    free(filler);
    for (packing how = PACK_PLAIN; how <= PACK_GZIP_WHOLE; how++) {
        cx_buf packed;
        size_t starts[16];
        pack(&a, how, &packed, starts);
        char *path = write_file(how == PACK_PLAIN ? "big.warc" : "big.warc.gz", packed.data, packed.len);
        chorus_corpus c;
        chorus_corpus_init(&c);
        chorus_error err = {0, ""};
        int rc = cx_read_warc_file(&c, path, &err);
        print_skips(&c);
        assert_int_equal(rc, 2);
        assert_non_null(find_source(&c, "lemonde.fr"));
        assert_non_null(find_skip(&c, "1 revisit record"));
        assert_non_null(find_skip(&c, "1 record of an unsupported type"));
        const chorus_skip *cut = find_skip(&c, "truncated record");
        assert_non_null(cut);
        cx_buf want;
        cx_buf_init(&want);
        if (how == PACK_PLAIN) cx_buf_printf(&want, "%s@%zu", path, starts[4]);
        else if (how == PACK_GZIP_WHOLE) cx_buf_printf(&want, "%s@0+%zu", path, starts[4]);
        else cx_buf_printf(&want, "%s@%zu", path, starts[4]);
        assert_string_equal(cut->origin, want.data);
        assert_int_equal(c.n_skipped, 3);
        cx_buf_free(&want);
        chorus_corpus_free(&c);
        free(path);
        cx_buf_free(&packed);
    }
    archive_free(&a);
}

/* Headers cut short by the next record, many times over: one message, the
 * records around them read, and no quadratic rescanning. */
static void test_headers_running_into_records(void **state)
{
    (void)state;
    archive a = {0};
    add_page(&a, "https://www.harbour-times.com/a", "Bridge to be rebuilt", "Portvale");
    cx_buf *junk = &a.records[a.n++];
    cx_buf_init(junk);
    for (int i = 0; i < 50000; i++) cx_buf_puts(junk, "WARC/1.0\r\nWARC-Type: response\r\n");
    add_page(&a, "https://www.lemonde.fr/c", "Le pont sera reconstruit", "Brest");
    cx_buf packed;
    size_t starts[16];
    pack(&a, PACK_GZIP_WHOLE, &packed, starts);
    FILE *f = fmemopen(packed.data, packed.len, "rb");
    assert_non_null(f);
    chorus_corpus c;
    chorus_corpus_init(&c);
    chorus_error err = {0, ""};
    int rc = cx_read_warc_stream(&c, f, "cut.warc.gz", &err);
    fclose(f);
    print_skips(&c);
    assert_int_equal(rc, 2);
    assert_int_equal(c.n_skipped, 1);
    cx_buf want;
    cx_buf_init(&want);
    cx_buf_printf(&want, "cut.warc.gz@0+%zu", starts[1]);
    assert_string_equal(c.skipped[0].origin, want.data);
    assert_non_null(strstr(c.skipped[0].reason, "runs into the next record"));
    cx_buf_free(&want);
    chorus_corpus_free(&c);
    cx_buf_free(&packed);
    archive_free(&a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_plain_outlets_from_urls),
        cmocka_unit_test(test_gzip_per_record),
        cmocka_unit_test(test_gzip_whole_file),
        cmocka_unit_test(test_zstd_per_record),
        cmocka_unit_test(test_zstd_whole_file),
        cmocka_unit_test(test_non_html_and_non_200_counted),
        cmocka_unit_test(test_truncated_record_plain),
        cmocka_unit_test(test_truncated_gzip_member),
        cmocka_unit_test(test_truncated_zstd_tail),
        cmocka_unit_test(test_garbage_between_records),
        cmocka_unit_test(test_http_codings_and_charset),
        cmocka_unit_test(test_not_an_archive),
        cmocka_unit_test(test_every_cut_point),
        cmocka_unit_test(test_damaged_member_every_position),
        cmocka_unit_test(test_zstd_dictionary),
        cmocka_unit_test(test_big_records_streamed),
        cmocka_unit_test(test_headers_running_into_records),
    };
    return cmocka_run_group_tests(tests, setup_dir, remove_dir);
}
