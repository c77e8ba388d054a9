/* ROUGE scorer: counting rules on tiny hand-worked summaries, the Porter
 * variant, the bootstrap, and the reproduction of ROUGE-1.5.5's published
 * per-cluster figures on the DUC 2004 dev clusters (13 systems x 25). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include "shared_data.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "porter.h"
#include "rouge.h"
#include "util.h"

#define DUC_DIR CHORUS_SHARED_DIR "/data/duc2004-dev"
#define WORDNET_DIR "/usr/share/wordnet"

static cx_rouge *scorer(int word_limit, int skip, int stem)
{
    cx_rouge_opts o;
    cx_rouge_opts_default(&o);
    o.word_limit = word_limit;
    o.skip_distance = skip;
    o.stem = stem;
    cx_rouge *r = NULL;
    chorus_error err = {0};
    assert_int_equal(cx_rouge_new(&o, &r, &err), 0);
    return r;
}

static cx_rouge_summary *summary(cx_rouge *r, const char *text)
{
    cx_rouge_summary *s = NULL;
    chorus_error err = {0};
    assert_int_equal(cx_rouge_summary_new(r, text, strlen(text), &s, &err), 0);
    return s;
}

/* The summary's tokens joined by spaces. */
static void tokens_of(cx_rouge *r, const cx_rouge_summary *s, char *buf, size_t cap)
{
    buf[0] = '\0';
    for (size_t i = 0; i < cx_rouge_summary_tokens(s); i++) {
        if (i) strncat(buf, " ", cap - strlen(buf) - 1);
        strncat(buf, cx_rouge_summary_token(r, s, i), cap - strlen(buf) - 1);
    }
}

static void assert_tokens(int word_limit, const char *text, const char *expected)
{
    cx_rouge *r = scorer(word_limit, 4, 1);
    cx_rouge_summary *s = summary(r, text);
    char buf[512];
    tokens_of(r, s, buf, sizeof buf);
    assert_string_equal(buf, expected);
    cx_rouge_summary_free(s);
    cx_rouge_free(r);
}

static void test_tokenizing(void **state)
{
    (void)state;
    /* runs of letters and digits, lower-cased; punctuation, hyphens and
     * apostrophes split; only tokens longer than 3 bytes are stemmed */
    assert_tokens(0, "The U.S. well-known cats' 1990s\n\nSecond line here\n",
                  "the u s well known cat 1990 second line here");
    /* bytes outside ASCII separate tokens too */
    assert_tokens(0, "caf\xc3\xa9 na\xc3\xafve", "caf na ve");
    /* a line of spaces is kept but holds no token; CR is a separator */
    assert_tokens(0, "alpha\r\n   \nbeta\r\n", "alpha beta");
}

static void test_word_limit(void **state)
{
    (void)state;
    /* the limit counts whitespace-separated words before tokenizing */
    assert_tokens(3, "U.S. troops-left today now", "u s troop left todai");
    /* the cut falls inside the second line */
    assert_tokens(4, "aa bb\ncc dd ee\nff\n", "aa bb cc dd");
    /* a line starting with whitespace has an empty first word (Perl split) */
    assert_tokens(2, "  alpha beta gamma", "alpha");
    /* exactly at the limit: nothing after it */
    assert_tokens(2, "aa bb\ncc\n", "aa bb");
    assert_tokens(0, "aa bb\ncc\n", "aa bb cc");
}

static void score(cx_rouge *r, const char *peer_text, const char *const *model_texts, size_t n,
                  cx_rouge_score out[CX_ROUGE_METRICS])
{
    cx_rouge_summary *peer = summary(r, peer_text);
    cx_rouge_summary *models[8];
    assert_true(n <= 8);
    for (size_t i = 0; i < n; i++) models[i] = summary(r, model_texts[i]);
    chorus_error err = {0};
    assert_int_equal(cx_rouge_score_peer(r, peer, (const cx_rouge_summary *const *)models, n, out, &err), 0);
    for (size_t i = 0; i < n; i++) cx_rouge_summary_free(models[i]);
    cx_rouge_summary_free(peer);
}

static void test_ngram_counts(void **state)
{
    (void)state;
    cx_rouge *r = scorer(0, 4, 0);
    const char *model[] = {"the cat sat on the mat"};
    cx_rouge_score s[CX_ROUGE_METRICS];
    score(r, "the cat lay on the mat the", model, 1, s);
    /* unigrams: the min(2,3) + cat + on + mat */
    assert_int_equal(s[CX_ROUGE_1].hit, 5);
    assert_int_equal(s[CX_ROUGE_1].model_count, 6);
    assert_int_equal(s[CX_ROUGE_1].peer_count, 7);
    assert_true(fabs(s[CX_ROUGE_1].recall - 0.83333) < 1e-9);
    assert_true(fabs(s[CX_ROUGE_1].precision - 0.71429) < 1e-9);
    /* F from the rounded recall and precision, rounded again */
    double f = 0.83333 * 0.71429 / (0.5 * 0.83333 + 0.5 * 0.71429);
    assert_true(fabs(s[CX_ROUGE_1].f - floor(f * 1e5 + 0.5) / 1e5) < 1e-9);
    /* bigrams: "the cat", "on the", "the mat" */
    assert_int_equal(s[CX_ROUGE_2].hit, 3);
    assert_int_equal(s[CX_ROUGE_2].model_count, 5);
    assert_int_equal(s[CX_ROUGE_2].peer_count, 6);
    cx_rouge_free(r);
}

static void test_skip_bigrams(void **state)
{
    (void)state;
    cx_rouge_score s[CX_ROUGE_METRICS];
    cx_rouge *r = scorer(0, 4, 0);
    /* unigrams come from every token but the last: the model has a, b and
     * the peer c, b; no skip-bigram is shared, so one hit (b) */
    const char *abc[] = {"a b c"};
    score(r, "c b a", abc, 1, s);
    assert_int_equal(s[CX_ROUGE_SU].model_count, 5);
    assert_int_equal(s[CX_ROUGE_SU].peer_count, 5);
    assert_int_equal(s[CX_ROUGE_SU].hit, 1);
    /* a and b are 5 words apart: out of reach with gap 4 */
    const char *far[] = {"a x x x x x b"};
    score(r, "a b", far, 1, s);
    assert_int_equal(s[CX_ROUGE_SU].model_count, 6 + 20);
    assert_int_equal(s[CX_ROUGE_SU].hit, 1);
    cx_rouge_free(r);
    r = scorer(0, 5, 0);
    score(r, "a b", far, 1, s);
    assert_int_equal(s[CX_ROUGE_SU].hit, 2);
    cx_rouge_free(r);
    /* no limit on the gap */
    r = scorer(0, -1, 0);
    score(r, "a b", far, 1, s);
    assert_int_equal(s[CX_ROUGE_SU].model_count, 6 + 21);
    assert_int_equal(s[CX_ROUGE_SU].hit, 2);
    cx_rouge_free(r);
}

static void test_lcs(void **state)
{
    (void)state;
    cx_rouge_score s[CX_ROUGE_METRICS];
    cx_rouge *r = scorer(0, 4, 0);
    const char *model[] = {"police killed the gunman"};
    score(r, "police kill the gunman", model, 1, s);
    assert_int_equal(s[CX_ROUGE_L].hit, 3);
    score(r, "the gunman kill police", model, 1, s);
    assert_int_equal(s[CX_ROUGE_L].hit, 2);
    /* union LCS over the peer's sentences: w1 w2 from the first, w1 w3 w5
     * from the second; four model words hit, none counted twice */
    const char *five[] = {"w1 w2 w3 w4 w5"};
    score(r, "w1 w2 w6 w7 w8\nw1 w3 w8 w9 w5", five, 1, s);
    assert_int_equal(s[CX_ROUGE_L].hit, 4);
    assert_int_equal(s[CX_ROUGE_L].model_count, 5);
    assert_int_equal(s[CX_ROUGE_L].peer_count, 10);
    assert_true(fabs(s[CX_ROUGE_L].recall - 0.8) < 1e-9);
    /* a peer word spent on one model sentence is not spent again */
    const char *two[] = {"gunman fled\ngunman shot"};
    score(r, "gunman", two, 1, s);
    assert_int_equal(s[CX_ROUGE_L].hit, 1);
    cx_rouge_free(r);
    /* with stemming "killed" and "kill" meet */
    r = scorer(0, 4, 1);
    score(r, "police kill the gunman", model, 1, s);
    assert_int_equal(s[CX_ROUGE_L].hit, 4);
    cx_rouge_free(r);
}

static void test_model_average(void **state)
{
    (void)state;
    cx_rouge_score s[CX_ROUGE_METRICS];
    cx_rouge *r = scorer(0, 4, 0);
    const char *models[] = {"a b c d", "a e"};
    score(r, "a b e", models, 2, s);
    /* hits and counts summed over the models before dividing */
    assert_int_equal(s[CX_ROUGE_1].hit, 2 + 2);
    assert_int_equal(s[CX_ROUGE_1].model_count, 4 + 2);
    assert_int_equal(s[CX_ROUGE_1].peer_count, 3 * 2);
    assert_true(fabs(s[CX_ROUGE_1].recall - 0.66667) < 1e-9);
    /* an empty peer scores zero everywhere */
    score(r, "\n\n", models, 2, s);
    for (int m = 0; m < CX_ROUGE_METRICS; m++) {
        assert_int_equal(s[m].hit, 0);
        assert_true(s[m].recall == 0 && s[m].precision == 0 && s[m].f == 0);
    }
    cx_rouge_free(r);
}

static void test_porter_variant(void **state)
{
    (void)state;
    static const char *const pairs[][2] = {
        {"caresses", "caress"}, {"ponies", "poni"},      {"agreed", "agre"},
        {"hopping", "hop"},     {"filing", "file"},      {"happy", "happi"},
        {"relational", "relat"}, {"generalizations", "gener"}, {"oscillators", "oscil"},
        {"yelling", "yell"},    {"sky", "sky"},          {"yield", "yield"},
        /* ROUGE's step 4: -ement, then -ment, then -ent are each tried */
        {"agreement", "agreem"}, {"argument", "argum"},  {"replacement", "replac"},
        {"government", "govern"}, {"president", "presid"},
    };
    cx_porter *p = cx_porter_new();
    assert_non_null(p);
    char out[64];
    for (size_t i = 0; i < sizeof pairs / sizeof *pairs; i++) {
        size_t n = cx_porter_stem(p, pairs[i][0], strlen(pairs[i][0]), out);
        assert_int_equal(n, strlen(out));
        assert_string_equal(out, pairs[i][1]);
    }
    cx_porter_free(p);
}

static void test_bootstrap(void **state)
{
    (void)state;
    cx_rouge_score items[5] = {0};
    cx_rouge_interval ci[3];
    chorus_error err = {0};
    for (int i = 0; i < 5; i++) items[i].recall = items[i].precision = items[i].f = 0.25;
    assert_int_equal(cx_rouge_bootstrap(items, 5, 1000, 95, ci, &err), 0);
    for (int k = 0; k < 3; k++) {
        assert_true(ci[k].mean == 0.25 && ci[k].low == 0.25 && ci[k].high == 0.25);
    }
    for (int i = 0; i < 5; i++) items[i].recall = 0.1 * i;
    assert_int_equal(cx_rouge_bootstrap(items, 5, 1000, 95, ci, &err), 0);
    assert_true(ci[0].low < ci[0].mean && ci[0].mean < ci[0].high);
    assert_true(fabs(ci[0].mean - 0.2) < 0.01); /* the mean of resample means */
    assert_true(ci[0].low >= 0 && ci[0].high <= 0.4);
    /* deterministic */
    cx_rouge_interval again[3];
    assert_int_equal(cx_rouge_bootstrap(items, 5, 1000, 95, again, &err), 0);
    assert_memory_equal(ci, again, sizeof ci);
    assert_int_equal(cx_rouge_bootstrap(items, 5, 0, 95, ci, &err), CHORUS_EINVAL);
}

/* ---- reproduction of ROUGE-1.5.5 on DUC 2004 ---- */

static cx_rouge_summary *load(cx_rouge *r, const char *path)
{
    char *text = NULL;
    size_t len = 0;
    chorus_error err = {0};
    if (cx_read_file(path, (size_t)1 << 20, &text, &len, &err) != 0) fail_msg("%s", err.message);
    cx_rouge_summary *s = NULL;
    assert_int_equal(cx_rouge_summary_new(r, text, len, &s, &err), 0);
    free(text);
    return s;
}

static void test_reproduces_rouge_155(void **state)
{
    (void)state;
    struct stat st;
    REQUIRE_SHARED(DUC_DIR "/reference-rouge-per-cluster.tsv");
    if (stat(WORDNET_DIR "/verb.exc", &st) != 0)
        fail_msg("missing " WORDNET_DIR "/verb.exc: install Debian's wordnet-base");
    cx_rouge_opts o;
    cx_rouge_opts_default(&o);
    cx_rouge *r = NULL;
    chorus_error err = {0};
    assert_int_equal(cx_rouge_new(&o, &r, &err), 0);
    assert_int_equal(cx_rouge_load_exceptions(r, WORDNET_DIR, &err), 0);

    FILE *f = fopen(DUC_DIR "/reference-rouge-per-cluster.tsv", "r");
    assert_non_null(f);
    char line[512];
    assert_non_null(fgets(line, sizeof line, f)); /* header */
    int rows = 0, off = 0;
    double worst = 0;
    char systems[32][32];
    int n_systems = 0;
    while (fgets(line, sizeof line, f)) {
        char sys[32], cluster[32];
        double ref[3];
        if (sscanf(line, "%31s %31s %lf %lf %lf", sys, cluster, &ref[0], &ref[1], &ref[2]) != 5)
            fail_msg("bad reference line: %s", line);
        int known = 0;
        for (int i = 0; i < n_systems; i++) known |= !strcmp(systems[i], sys);
        if (!known && n_systems < 32) strcpy(systems[n_systems++], sys);

        cx_rouge_summary *models[8];
        size_t n_models = 0;
        for (char c = 'a'; c <= 'z' && n_models < 8; c++) {
            char path[1024];
            snprintf(path, sizeof path, DUC_DIR "/models/%s.m.100.t.%c", cluster, c);
            if (stat(path, &st) == 0) models[n_models++] = load(r, path);
        }
        assert_int_equal(n_models, 4);
        char path[1024];
        snprintf(path, sizeof path, DUC_DIR "/peers/%s.%s", cluster, sys);
        cx_rouge_summary *peer = load(r, path);
        cx_rouge_score s[CX_ROUGE_METRICS];
        assert_int_equal(cx_rouge_score_peer(r, peer, (const cx_rouge_summary *const *)models,
                                             n_models, s, &err), 0);
        double got[3] = {s[CX_ROUGE_1].recall, s[CX_ROUGE_2].recall, s[CX_ROUGE_SU].recall};
        for (int k = 0; k < 3; k++) {
            double d = fabs(got[k] - ref[k]);
            if (d > worst) worst = d;
            if (d > 0.0005) {
                off++;
                print_message("%s %s metric %d: %.5f, ROUGE-1.5.5 %.5f\n", sys, cluster, k,
                              got[k], ref[k]);
            }
        }
        rows++;
        cx_rouge_summary_free(peer);
        for (size_t i = 0; i < n_models; i++) cx_rouge_summary_free(models[i]);
    }
    fclose(f);
    cx_rouge_free(r);
    print_message("%d rows (%d systems), worst difference %.6f\n", rows, n_systems, worst);
    assert_int_equal(n_systems, 13);
    assert_int_equal(rows, 13 * 25);
    assert_int_equal(off, 0);
}

/* Without the exception lists the same data no longer matches everywhere:
 * the lists matter, so the reproduction above is not an accident. */
static void test_exceptions_matter(void **state)
{
    (void)state;
    cx_rouge *plain = scorer(100, 4, 1), *wn = scorer(100, 4, 1);
    chorus_error err = {0};
    struct stat st;
    if (stat(WORDNET_DIR "/verb.exc", &st) != 0)
        fail_msg("missing " WORDNET_DIR "/verb.exc: install Debian's wordnet-base");
    assert_int_equal(cx_rouge_load_exceptions(wn, WORDNET_DIR, &err), 0);
    cx_rouge_summary *a = summary(plain, "They found the children and were told");
    cx_rouge_summary *b = summary(wn, "They found the children and were told");
    char x[256], y[256];
    tokens_of(plain, a, x, sizeof x);
    tokens_of(wn, b, y, sizeof y);
    assert_string_equal(x, "thei found the children and were told");
    assert_string_equal(y, "thei find the child and be tell");
    cx_rouge_summary_free(a);
    cx_rouge_summary_free(b);
    /* loading after tokenizing is refused */
    assert_int_equal(cx_rouge_load_exceptions(plain, WORDNET_DIR, &err), CHORUS_EINVAL);
    cx_rouge_free(plain);
    cx_rouge_free(wn);
}

static void write_file(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
}

/* The lists are read adj, adv, noun, verb: the first base form of a line is
 * used and a later list overrides an earlier one. */
static void test_exception_lists_order(void **state)
{
    (void)state;
    char dir[] = "/tmp/chorus-rouge-XXXXXX";
    assert_non_null(mkdtemp(dir));
    char path[4][256];
    const char *names[4] = {"adj.exc", "adv.exc", "noun.exc", "verb.exc"};
    const char *texts[4] = {"worse bad\n", "", "geese goose\nworse worse_off\n",
                            "worse worsen\nfound find found\n"};
    for (int i = 0; i < 4; i++) {
        snprintf(path[i], sizeof path[i], "%s/%s", dir, names[i]);
        write_file(path[i], texts[i]);
    }
    cx_rouge *r = scorer(0, 4, 1);
    chorus_error err = {0};
    assert_int_equal(cx_rouge_load_exceptions(r, dir, &err), 0);
    cx_rouge_summary *s = summary(r, "Geese found worse geeses");
    char buf[256];
    tokens_of(r, s, buf, sizeof buf);
    assert_string_equal(buf, "goose find worsen gees");
    cx_rouge_summary_free(s);
    cx_rouge_free(r);
    /* a missing list is an error naming it */
    unlink(path[1]);
    r = scorer(0, 4, 1);
    assert_int_equal(cx_rouge_load_exceptions(r, dir, &err), CHORUS_EIO);
    assert_non_null(strstr(err.message, "adv.exc"));
    cx_rouge_free(r);
    for (int i = 0; i < 4; i++) unlink(path[i]);
    rmdir(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_tokenizing),
        cmocka_unit_test(test_word_limit),
        cmocka_unit_test(test_ngram_counts),
        cmocka_unit_test(test_skip_bigrams),
        cmocka_unit_test(test_lcs),
        cmocka_unit_test(test_model_average),
        cmocka_unit_test(test_porter_variant),
        cmocka_unit_test(test_bootstrap),
        cmocka_unit_test(test_reproduces_rouge_155),
        cmocka_unit_test(test_exceptions_matter),
        cmocka_unit_test(test_exception_lists_order),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
