/* Web page encodings with ICU: ucnv converts, ucsdet guesses when the page
 * says nothing. Labels follow the WHATWG Encoding Standard where it differs
 * from ICU (latin-1 and ASCII labels mean windows-1252 on the web). */
#include "charset.h"

#include <stdlib.h>
#include <string.h>
#include <unicode/ucnv.h>
#include <unicode/ucsdet.h>
#include <unicode/ustring.h>

#include "util.h"

/* How far into the page a <meta> declaration is looked for. The standard
 * says 1024 bytes; real pages put long scripts first, so look further. */
#define META_SCAN_BYTES 16384
/* Detection reads this much: enough for a confident guess, cheap on big pages. */
#define DETECT_BYTES 65536

int cx_utf8_repair(const char *data, size_t len, char **out, size_t *out_len)
{
    size_t bad = 0;
    const unsigned char *u = (const unsigned char *)data;
    for (size_t i = 0; i < len;) {
        size_t k = u[i] < 0x80 ? 1 : cx_utf8_seq_len(u + i, len - i);
        if (!k) bad++, k = 1;
        i += k;
    }
    char *o = cx_malloc(len + bad * 2 + 1);
    if (!o) return CHORUS_ENOMEM;
    size_t w = 0;
    for (size_t i = 0; i < len;) {
        size_t k = u[i] < 0x80 ? 1 : cx_utf8_seq_len(u + i, len - i);
        if (!k) {
            memcpy(o + w, "\xEF\xBF\xBD", 3);
            w += 3;
            i++;
            continue;
        }
        memcpy(o + w, data + i, k);
        w += k;
        i += k;
    }
    o[w] = '\0';
    *out = o;
    *out_len = w;
    return 0;
}

/* Web-compatible label: lower case, and the aliases browsers remap. */
static void web_label(const char *in, size_t n, char *buf, size_t cap)
{
    size_t w = 0;
    for (size_t i = 0; i < n && w + 1 < cap; i++) buf[w++] = (char)cx_ascii_lower((unsigned char)in[i]);
    buf[w] = '\0';
    static const char *const latin1[] = {"iso-8859-1", "iso8859-1", "latin1", "latin-1", "l1",
                                         "ascii", "us-ascii", "iso_8859-1", "cp1252", "x-cp1252",
                                         "iso-ir-100", "csisolatin1", "ansi_x3.4-1968", NULL};
    for (size_t i = 0; latin1[i]; i++)
        if (!strcmp(buf, latin1[i])) {
            snprintf(buf, cap, "windows-1252");
            return;
        }
    if (!strcmp(buf, "utf8") || !strcmp(buf, "unicode-1-1-utf-8")) snprintf(buf, cap, "utf-8");
    if (!strcmp(buf, "iso-8859-9") || !strcmp(buf, "latin5")) snprintf(buf, cap, "windows-1254");
    if (!strcmp(buf, "tis-620") || !strcmp(buf, "iso-8859-11")) snprintf(buf, cap, "windows-874");
    if (!strcmp(buf, "gb2312") || !strcmp(buf, "gbk") || !strcmp(buf, "x-gbk")) snprintf(buf, cap, "gb18030");
}

static int is_label_char(int c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
           c == '_' || c == '.' || c == ':';
}

int cx_html_meta_charset(const char *data, size_t len, char *buf, size_t cap)
{
    size_t n = len < META_SCAN_BYTES ? len : META_SCAN_BYTES;
    for (size_t i = 0; i + 5 < n; i++) {
        if (data[i] != '<' || strncasecmp(data + i + 1, "meta", 4) != 0) continue;
        size_t end = i + 5;
        while (end < n && data[end] != '>') end++;
        /* "charset" anywhere in the tag: charset="x" or content="...; charset=x". */
        for (size_t k = i + 5; k + 7 < end; k++) {
            if (strncasecmp(data + k, "charset", 7) != 0) continue;
            size_t p = k + 7;
            while (p < end && (data[p] == ' ' || data[p] == '\t' || data[p] == '\n' || data[p] == '\r')) p++;
            if (p >= end || data[p] != '=') continue;
            p++;
            while (p < end && (data[p] == ' ' || data[p] == '"' || data[p] == '\'')) p++;
            size_t s = p;
            while (p < end && is_label_char((unsigned char)data[p])) p++;
            if (p == s) continue;
            web_label(data + s, p - s, buf, cap);
            return 1;
        }
        i = end;
    }
    return 0;
}

int cx_convert_to_utf8(const char *charset, const char *data, size_t len, char **out,
                       size_t *out_len, chorus_error *err)
{
    UErrorCode st = U_ZERO_ERROR;
    UConverter *cv = ucnv_open(charset, &st);
    if (U_FAILURE(st)) return cx_fail(err, CHORUS_EINVAL, "unknown charset '%s'", charset);
    if (len > (size_t)INT32_MAX / 2 - 16) {
        ucnv_close(cv);
        return cx_fail(err, CHORUS_ETOOBIG, "page too large to convert");
    }
    /* No byte yields more than two UTF-16 units. */
    int32_t cap16 = (int32_t)len * 2 + 16;
    UChar *u16 = cx_malloc((size_t)cap16 * sizeof(UChar));
    if (!u16) {
        ucnv_close(cv);
        return CHORUS_ENOMEM;
    }
    int32_t n16 = ucnv_toUChars(cv, u16, cap16, data, (int32_t)len, &st);
    ucnv_close(cv);
    if (U_FAILURE(st)) {
        free(u16);
        return cx_fail(err, CHORUS_EUTF8, "cannot decode %s: %s", charset, u_errorName(st));
    }
    /* Single-byte converters substitute U+001A for unmapped bytes; the
     * replacement character says the same thing in a way readers expect. */
    for (int32_t i = 0; i < n16; i++)
        if (u16[i] == 0x1A) u16[i] = 0xFFFD;
    size_t cap8 = (size_t)n16 * 3 + 1;
    char *u8 = cx_malloc(cap8);
    if (!u8) {
        free(u16);
        return CHORUS_ENOMEM;
    }
    int32_t n8 = 0, subs = 0;
    st = U_ZERO_ERROR;
    u_strToUTF8WithSub(u8, (int32_t)cap8, &n8, u16, n16, 0xFFFD, &subs, &st);
    free(u16);
    if (U_FAILURE(st)) {
        free(u8);
        return cx_fail(err, CHORUS_EUTF8, "cannot encode %s text as UTF-8: %s", charset, u_errorName(st));
    }
    u8[n8] = '\0';
    *out = u8;
    *out_len = (size_t)n8;
    return 0;
}

/* Counts that tell UTF-8 from a legacy charset: valid multi-byte sequences
 * against bytes that cannot start or continue one. */
static void utf8_evidence(const char *data, size_t len, size_t *multi, size_t *bad)
{
    const unsigned char *u = (const unsigned char *)data;
    *multi = *bad = 0;
    for (size_t i = 0; i < len;) {
        if (u[i] < 0x80) {
            i++;
            continue;
        }
        size_t k = cx_utf8_seq_len(u + i, len - i);
        if (k) (*multi)++, i += k;
        else (*bad)++, i++;
    }
}

static const char *detect_charset(const char *data, size_t len, char *guessed, size_t cap)
{
    UErrorCode st = U_ZERO_ERROR;
    UCharsetDetector *det = ucsdet_open(&st);
    if (U_FAILURE(st)) return NULL;
    ucsdet_enableInputFilter(det, 1); /* ignore markup, judge the text */
    ucsdet_setText(det, data, (int32_t)(len < DETECT_BYTES ? len : DETECT_BYTES), &st);
    const UCharsetMatch *m = ucsdet_detect(det, &st);
    const char *name = m && U_SUCCESS(st) ? ucsdet_getName(m, &st) : NULL;
    const char *res = NULL;
    if (name && U_SUCCESS(st)) {
        web_label(name, strlen(name), guessed, cap);
        res = guessed;
    }
    ucsdet_close(det);
    return res;
}

static void set_used(char *used, size_t cap, const char *name)
{
    if (used && cap) snprintf(used, cap, "%s", name);
}

int cx_html_to_utf8(const char *data, size_t len, const char *http_charset, char **out,
                    size_t *out_len, char *used, size_t used_cap, chorus_error *err)
{
    /* A byte-order mark is the strongest statement a file can make. */
    if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0) {
        set_used(used, used_cap, "utf-8");
        return cx_utf8_repair(data + 3, len - 3, out, out_len);
    }
    if (len >= 2 && (memcmp(data, "\xFF\xFE", 2) == 0 || memcmp(data, "\xFE\xFF", 2) == 0)) {
        const char *wide = data[0] == '\xFF' ? "utf-16le" : "utf-16be";
        set_used(used, used_cap, wide);
        return cx_convert_to_utf8(wide, data + 2, len - 2, out, out_len, err);
    }

    char label[64];
    label[0] = '\0';
    if (http_charset && *http_charset) web_label(http_charset, strlen(http_charset), label, sizeof label);
    else cx_html_meta_charset(data, len, label, sizeof label);
    /* A page cannot declare UTF-16 in ASCII-compatible bytes: treat it as UTF-8. */
    if (!strncmp(label, "utf-16", 6) && !http_charset) snprintf(label, sizeof label, "utf-8");

    size_t multi, bad;
    utf8_evidence(data, len, &multi, &bad);
    int utf8_declared = !strcmp(label, "utf-8");
    /* Valid UTF-8 with non-ASCII text is UTF-8 whatever the label says; so
     * is mostly-valid UTF-8 with some broken bytes when declared so, or
     * clearly dominant when nothing was declared. */
    if (!strncmp(label, "utf-16", 6) || !strncmp(label, "utf-32", 6)) {
        /* trust the HTTP label for wide encodings */
    } else if ((multi > 0 && bad == 0) || (bad == 0 && !label[0]) || (utf8_declared && multi >= bad) ||
               (!label[0] && multi > bad * 4)) {
        set_used(used, used_cap, "utf-8");
        if (bad == 0) { /* nothing to repair */
            *out = cx_strndup(data, len);
            *out_len = len;
            return *out ? 0 : CHORUS_ENOMEM;
        }
        return cx_utf8_repair(data, len, out, out_len);
    }
    if (utf8_declared && bad == 0) {
        set_used(used, used_cap, "utf-8");
        return cx_utf8_repair(data, len, out, out_len);
    }
    if (label[0] && !utf8_declared) {
        int rc = cx_convert_to_utf8(label, data, len, out, out_len, err);
        if (rc != CHORUS_EINVAL) {
            set_used(used, used_cap, label);
            return rc;
        }
    }
    /* Declared UTF-8 but mostly broken, an unknown label, or no label. */
    char guessed[64];
    const char *guess = detect_charset(data, len, guessed, sizeof guessed);
    if (guess && strcmp(guess, "utf-8") != 0) {
        int rc = cx_convert_to_utf8(guess, data, len, out, out_len, err);
        if (rc != CHORUS_EINVAL) {
            set_used(used, used_cap, guess);
            return rc;
        }
    }
    if (!utf8_declared && multi == 0) {
        /* Single-byte text with no usable label: the web's default. */
        set_used(used, used_cap, "windows-1252");
        return cx_convert_to_utf8("windows-1252", data, len, out, out_len, err);
    }
    set_used(used, used_cap, "utf-8");
    return cx_utf8_repair(data, len, out, out_len);
}
