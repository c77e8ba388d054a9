/* chorus eval extract: main-content extraction scored the way the published
 * benchmark on the same pages scores it. For each page, each "with" snippet
 * found in the extracted text is a true positive (else a false negative),
 * each "without" snippet found is a false positive (else a true negative);
 * both sides have whitespace runs collapsed to one space before the
 * substring test. Throughput is the HTML bytes over the extraction time
 * (decode, parse, extract), single thread. */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli.h"

static void usage(FILE *f)
{
    fprintf(f, "usage: chorus eval extract [--data DIR] [--per-page]\n\n"
               "Score article extraction on DIR/evaldata.json and DIR/html/ (default\n"
               "../shared/data/extraction-dev).\n"
               "  --per-page  list each page with a missed or unwanted snippet\n");
}

/* Whitespace as the benchmark's regular expression sees it (Unicode \s). */
static size_t space_len(const unsigned char *s, size_t n)
{
    unsigned c = s[0];
    if (c == ' ' || (c >= 0x09 && c <= 0x0D) || (c >= 0x1C && c <= 0x1F)) return 1;
    if (c == 0xC2 && n >= 2 && (s[1] == 0x85 || s[1] == 0xA0)) return 2;
    if (c == 0xE1 && n >= 3 && s[1] == 0x9A && s[2] == 0x80) return 3; /* U+1680 */
    if (c == 0xE2 && n >= 3 && s[1] == 0x80 && ((s[2] >= 0x80 && s[2] <= 0x8A) || s[2] == 0xA8 ||
                                                 s[2] == 0xA9 || s[2] == 0xAF))
        return 3; /* U+2000-200A, U+2028, U+2029, U+202F */
    if (c == 0xE2 && n >= 3 && s[1] == 0x81 && s[2] == 0x9F) return 3; /* U+205F */
    if (c == 0xE3 && n >= 3 && s[1] == 0x80 && s[2] == 0x80) return 3; /* U+3000 */
    return 0;
}

/* Collapse whitespace runs to one space and trim. New string. */
static char *norm_ws(const char *in, size_t n)
{
    char *o = malloc(n + 1);
    if (!o) return NULL;
    const unsigned char *s = (const unsigned char *)in;
    size_t w = 0;
    int space = 0;
    for (size_t i = 0; i < n;) {
        size_t k = space_len(s + i, n - i);
        if (k) {
            space = 1;
            i += k;
            continue;
        }
        if (space && w) o[w++] = ' ';
        space = 0;
        o[w++] = (char)s[i++];
    }
    o[w] = '\0';
    return o;
}

static int contains(const char *hay, const char *snippet)
{
    char *needle = norm_ws(snippet, strlen(snippet));
    int found = needle && strstr(hay, needle) != NULL;
    free(needle);
    return found;
}

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec / 1e9;
}

int eval_extract(int argc, char **argv)
{
    const char *dir = "../shared/data/extraction-dev";
    int per_page = 0;
    cli_args args = cli_args_of("eval extract", usage, argc, argv);
    while (cli_next(&args)) {
        if (!strcmp(argv[args.i], "--per-page")) per_page = 1;
        else if (!cli_opt_string(&args, "--data", &dir)) cli_reject(&args, "unknown argument");
    }
    if (args.exit_code >= 0) return args.exit_code;
    char path[4096];
    snprintf(path, sizeof path, "%s/evaldata.json", dir);
    json_error_t jerr;
    json_t *gold = json_load_file(path, 0, &jerr);
    if (!json_is_object(gold)) {
        cli_error("%s: cannot read the gold data: %s (line %d)", path, jerr.text, jerr.line);
        json_decref(gold);
        return EXIT_NOINPUT;
    }
    long tp = 0, fp = 0, fn = 0, tn = 0, pages = 0, missing = 0, empty = 0;
    double seconds = 0;
    size_t bytes = 0;
    const char *url;
    json_t *item;
    json_object_foreach(gold, url, item)
    {
        json_t *file = json_object_get(item, "file");
        json_t *with = json_object_get(item, "with"), *without = json_object_get(item, "without");
        if (!json_is_string(file) || !json_is_array(with) || !json_is_array(without)) {
            cli_error("%s: malformed entry for %s", path, url);
            missing++;
            continue;
        }
        snprintf(path, sizeof path, "%s/html/%s", dir, json_string_value(file));
        char *data = NULL;
        size_t len = 0;
        chorus_error err = {0};
        if (chorus_read_file(path, CHORUS_MAX_INPUT_BYTES, &data, &len, &err)) {
            cli_error("%s", err.message);
            missing++;
            continue;
        }
        chorus_corpus c;
        chorus_corpus_init(&c);
        double t0 = now();
        int rc = chorus_read_buffer(&c, path, data, len, &err);
        seconds += now() - t0;
        bytes += len;
        free(data);
        if (rc == CHORUS_ENOMEM) {
            cli_error("out of memory");
            chorus_corpus_free(&c);
            json_decref(gold);
            return EXIT_FAILURE_;
        }
        const char *text = c.n_articles ? c.articles[0].text : "";
        if (!*text) empty++;
        char *norm = norm_ws(text, strlen(text));
        long ptp = 0, pfp = 0, pfn = 0, ptn = 0;
        size_t k;
        json_t *s;
        json_array_foreach(with, k, s)
        {
            if (!json_is_string(s)) continue;
            if (norm && contains(norm, json_string_value(s))) ptp++;
            else {
                pfn++;
                if (per_page) printf("%s\tmissed\t%s\n", json_string_value(file), json_string_value(s));
            }
        }
        json_array_foreach(without, k, s)
        {
            if (!json_is_string(s)) continue;
            if (norm && contains(norm, json_string_value(s))) {
                pfp++;
                if (per_page) printf("%s\tunwanted\t%s\n", json_string_value(file), json_string_value(s));
            } else
                ptn++;
        }
        tp += ptp, fp += pfp, fn += pfn, tn += ptn;
        pages++;
        free(norm);
        chorus_corpus_free(&c);
    }
    json_decref(gold);
    if (!pages) {
        cli_error("eval extract: no page could be read from %s", dir);
        return EXIT_NOINPUT;
    }
    double precision = tp + fp ? (double)tp / (tp + fp) : 0;
    double recall = tp + fn ? (double)tp / (tp + fn) : 0;
    double accuracy = (double)(tp + tn) / (tp + tn + fp + fn);
    double f = 2 * tp + fp + fn ? 2.0 * tp / (2 * tp + fp + fn) : 0;
    printf("pages %ld (unreadable %ld, no text %ld)  tp %ld fp %ld fn %ld tn %ld\n", pages, missing, empty,
           tp, fp, fn, tn);
    printf("%-24s %9s %6s %8s %6s\n", "system", "precision", "recall", "accuracy", "F");
    printf("%-24s %9.3f %6.3f %8.3f %6.3f\n", "chorus", precision, recall, accuracy, f);
    printf("throughput %.1f MB/s of HTML (%.1f MB in %.2f s, single thread)\n", bytes / 1e6 / seconds,
           bytes / 1e6, seconds);
    return missing ? EXIT_PARTIAL : EXIT_OK;
}
