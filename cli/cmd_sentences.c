/* chorus sentences [--lang CODE] [--jsonl] FILE|-: one sentence a line, to
 * check the splitter; --jsonl splits every record of an article JSONL file
 * and prints one JSON object per record (for benchmarks). */
#include <errno.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static void usage(FILE *f)
{
    fprintf(f, "usage: chorus sentences [--lang CODE] [--jsonl] FILE|-...\n"
               "Print the text's sentences, one a line (hard-wrapped lines joined first), in the\n"
               "text's language (detected; --lang CODE, an ISO 639 code such as fr, sets it).\n"
               "  --jsonl      FILE is JSONL, one {\"id\",\"text\"[,\"language\"]} object a line; print one\n"
               "               {\"id\",\"language\",\"detected\",\"sentences\":[...]} object per line\n"
               "  --lang CODE  the language of every text (overrides a record's \"language\")\n"
               "Exit: 0 ok, 1 some input unreadable or bad, 2 usage.\n");
}

static void print_sentence(const char *s, size_t len, void *ctx)
{
    fwrite(s, 1, len, (FILE *)ctx);
    fputc('\n', (FILE *)ctx);
}

static void collect_sentence(const char *s, size_t len, void *ctx)
{
    json_array_append_new((json_t *)ctx, json_stringn(s, len));
}

/* The whole stream, up to the input-bytes limit (a pipe that never ends,
 * /dev/zero); NULL with *why set when it cannot be read. */
static char *slurp(FILE *f, size_t *len, const char **why)
{
    size_t cap = 0, n;
    char *data = NULL, chunk[65536];
    size_t limit = chorus_get_limits()->input_bytes;
    *len = 0;
    *why = "out of memory";
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) {
        if (*len + n > limit) {
            free(data);
            *why = "skipped: larger than the input-bytes limit";
            return NULL;
        }
        if (*len + n + 1 > cap) {
            cap = (*len + n + 1) * 2;
            char *p = realloc(data, cap);
            if (!p) {
                free(data);
                return NULL;
            }
            data = p;
        }
        memcpy(data + *len, chunk, n);
        *len += n;
    }
    if (ferror(f)) {
        free(data);
        *why = "skipped: read error";
        return NULL;
    }
    if (!data) data = calloc(1, 1);
    return data;
}

/* One JSONL file: split each record's text. Returns the number of bad records. */
static int split_jsonl(const char *name, const char *data, size_t len, const char *lang)
{
    int bad = 0;
    size_t line_no = 0;
    for (size_t at = 0; at < len;) {
        const char *nl = memchr(data + at, '\n', len - at);
        size_t end = nl ? (size_t)(nl - data) : len;
        line_no++;
        size_t b = at;
        at = end + 1;
        while (b < end && (data[b] == ' ' || data[b] == '\r' || data[b] == '\t')) b++;
        if (b == end) continue;
        json_error_t je;
        json_t *obj = json_loadb(data + b, end - b, 0, &je);
        const char *text = obj ? json_string_value(json_object_get(obj, "text")) : NULL;
        if (!text) {
            cli_error("%s:%zu: %s", name, line_no, obj ? "no \"text\" string" : je.text);
            json_decref(obj);
            bad++;
            continue;
        }
        size_t tl = json_string_length(json_object_get(obj, "text"));
        const char *given = lang ? lang : json_string_value(json_object_get(obj, "language"));
        const char *code = given && *given ? given : chorus_detect_language(text, tl);
        json_t *sents = json_array();
        chorus_error err = {0};
        int rc = chorus_sentences_in(text, tl, code, collect_sentence, sents, &err);
        if (rc < 0) {
            cli_error("%s:%zu: %s", name, line_no, err.message);
            bad++;
        }
        json_t *outo = json_object();
        json_t *id = json_object_get(obj, "id");
        json_object_set(outo, "id", id ? id : json_null());
        json_object_set_new(outo, "language", json_string(code));
        json_object_set_new(outo, "detected", json_boolean(!(given && *given)));
        json_object_set_new(outo, "sentences", sents);
        char *s = json_dumps(outo, JSON_COMPACT);
        if (s) puts(s);
        free(s);
        json_decref(outo);
        json_decref(obj);
    }
    return bad;
}

int cmd_sentences(int argc, char **argv)
{
    const char *lang = NULL;
    int jsonl = 0, first = argc;
    for (int i = 1; i < argc; i++) {
        const char *v = NULL;
        int m;
        if (cli_is_help(argv[i])) {
            usage(stdout);
            return EXIT_OK;
        } else if ((m = cli_opt_value(argc, argv, &i, "--lang", &v)) != 0) {
            if (m < 0) return EXIT_USAGE;
            lang = v;
        } else if (!strcmp(argv[i], "--jsonl")) {
            jsonl = 1;
        } else if (argv[i][0] == '-' && argv[i][1]) {
            fprintf(stderr, "sentences: unknown option %s\n", argv[i]);
            usage(stderr);
            return EXIT_USAGE;
        } else {
            first = i;
            break;
        }
    }
    if (first >= argc) {
        usage(stderr);
        return EXIT_USAGE;
    }
    int status = EXIT_OK;
    for (int i = first; i < argc; i++) {
        FILE *f = strcmp(argv[i], "-") ? fopen(argv[i], "rb") : stdin;
        if (!f) {
            cli_error("%s: cannot open: %s", argv[i], strerror(errno));
            status = EXIT_PARTIAL;
            continue;
        }
        size_t len = 0;
        const char *why;
        char *data = slurp(f, &len, &why);
        if (f != stdin) fclose(f);
        if (!data) {
            cli_error("%s: %s", argv[i], why);
            status = EXIT_PARTIAL;
            continue;
        }
        if (jsonl) {
            if (split_jsonl(argv[i], data, len, lang)) status = EXIT_PARTIAL;
        } else {
            chorus_error err = {0};
            int rc = chorus_sentences_in(data, len, lang, print_sentence, stdout, &err);
            if (rc < 0) {
                cli_error("%s: %s", argv[i], err.message);
                status = EXIT_PARTIAL;
            }
        }
        free(data);
    }
    if (cli_close_output(stdout)) return EXIT_FAILURE_; /* says why */
    return status;
}
