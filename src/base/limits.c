/* Process-wide input limits: one table of names, defaults and meanings so
 * the parser, the help text and the man page say the same thing. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "chorus.h"
#include "util.h"

typedef struct {
    const char *name;
    size_t offset;
    size_t def;
    size_t max;
    const char *meaning;
} limit_def;

#define MIB (1024u * 1024u)
#define L(field) offsetof(chorus_limits, field)

static const limit_def defs[] = {
    {"input-bytes", L(input_bytes), 64u * MIB, CHORUS_MAX_INPUT_BYTES, "bytes of a file read whole (text, HTML, stdin)"},
    {"record-bytes", L(record_bytes), 32u * MIB, CHORUS_MAX_INPUT_BYTES, "bytes of one record (WARC record, JSONL line)"},
    {"decoded-bytes", L(decoded_bytes), 32u * MIB, CHORUS_MAX_INPUT_BYTES, "bytes of one record after gzip/deflate decoding"},
    {"decoded-ratio", L(decoded_ratio), 100, 1u << 30, "decoded / encoded size of one record"},
    {"nesting", L(nesting), 2000, 100000, "HTML elements open at once"},
    {"attributes", L(attributes), 256, 1u << 20, "attributes kept per HTML element"},
    /* 500,000 is some twenty times a heavy news page; parsing that many
     * takes about a second and under 200 MB */
    {"tokens", L(tokens), 500000, 1u << 30, "HTML tags and text runs per page"},
    /* 4 MiB holds a whole novel; a long news report is under 100 KB. The
     * analysis of one article costs about 0.25 s of CPU per MiB of prose */
    {"text-bytes", L(text_bytes), 4u * MIB, CHORUS_MAX_INPUT_BYTES, "bytes of one article's text (cut and marked beyond)"},
    /* sentence ends (. ! ? and line breaks): what the analysis costs by,
     * whatever their length; 50,000 is more than a long novel has */
    {"sentences", L(sentences), 50000, 1u << 30, "sentence ends and line breaks per article (cut beyond)"},
    /* one story is analysed whole in memory (about 30 KB per report); a
     * story of 10,000 reports is far past any real event's coverage by
     * one crawl and still fits in a few hundred MB */
    {"story-articles", L(story_articles), 10000, 1u << 30, "articles of one story held for a digest"},
    {"dir-depth", L(dir_depth), 32, 4096, "directory levels walked below an input directory"},
    {"html-memory", L(html_memory), 512u * MIB, (size_t)1 << 40, "bytes the HTML parser may use for one page"},
};
#define N_DEFS (sizeof defs / sizeof *defs)

static chorus_limits current;
static int current_set;

void chorus_limits_default(chorus_limits *l)
{
    memset(l, 0, sizeof *l);
    for (size_t i = 0; i < N_DEFS; i++) *(size_t *)((char *)l + defs[i].offset) = defs[i].def;
}

const chorus_limits *chorus_get_limits(void)
{
    if (!current_set) {
        chorus_limits_default(&current);
        current_set = 1;
    }
    return &current;
}

void chorus_set_limits(const chorus_limits *l)
{
    current = *l;
    current_set = 1;
}

int chorus_limits_parse(chorus_limits *l, const char *assignment, chorus_error *err)
{
    const char *eq = strchr(assignment, '=');
    if (!eq) return cx_fail(err, CHORUS_EINVAL, "limit '%s' wants NAME=VALUE", assignment);
    size_t n = (size_t)(eq - assignment);
    const limit_def *d = NULL;
    for (size_t i = 0; i < N_DEFS; i++)
        if (strlen(defs[i].name) == n && !strncmp(defs[i].name, assignment, n)) d = &defs[i];
    if (!d) return cx_fail(err, CHORUS_EINVAL, "unknown limit '%.*s' (see chorus --help)", (int)n, assignment);
    const char *v = eq + 1;
    char *end;
    errno = 0;
    unsigned long long x = strtoull(v, &end, 10);
    if (end == v || *v == '-' || errno) return cx_fail(err, CHORUS_EINVAL, "limit %s wants a whole number, not '%s'", d->name, v);
    unsigned long long mult = 1;
    if (*end == 'k' || *end == 'K') mult = 1024, end++;
    else if (*end == 'm' || *end == 'M') mult = 1024ull * 1024, end++;
    else if (*end == 'g' || *end == 'G') mult = 1024ull * 1024 * 1024, end++;
    if (*end) return cx_fail(err, CHORUS_EINVAL, "limit %s wants a whole number, not '%s'", d->name, v);
    if (x == 0 || x > d->max / mult)
        return cx_fail(err, CHORUS_EINVAL, "limit %s must be between 1 and %zu", d->name, d->max);
    *(size_t *)((char *)l + d->offset) = (size_t)(x * mult);
    return 0;
}

const char *chorus_limits_help(void)
{
    static char text[2048];
    if (!text[0]) {
        size_t at = 0;
        for (size_t i = 0; i < N_DEFS && at < sizeof text; i++) {
            char def[32];
            size_t v = defs[i].def;
            if (v >= MIB && v % MIB == 0) snprintf(def, sizeof def, "%zuM", v / MIB);
            else snprintf(def, sizeof def, "%zu", v);
            char left[64];
            snprintf(left, sizeof left, "%s=%s", defs[i].name, def);
            at += (size_t)snprintf(text + at, sizeof text - at, "  %-22s %s\n", left, defs[i].meaning);
        }
    }
    return text;
}
