/* The summary: the coverage solver is exact (checked against GLPK's MIP
 * solver on random instances), and the summarizer keeps its promises
 * (budget, no dependent sentence without its antecedent, text changed by
 * deletions only, the fill option crossing the budget by one last sentence,
 * no sentence that only repeats the others). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <glpk.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "compress.h"
#include "coverage_solver.h"
#include "digest.h"
#include "summarize.h"

/* The same program as an ILP for GLPK: max sum w_i c_i + sum own_j s_j, budget,
 * c_i <= sum s_j, s_j <= s_requires(j), and no chosen item repeating the
 * others: u_ji (item j alone covers concept i) <= s_j, u_ji + s_q <= 1 for
 * every other item q holding i, s_j <= sum_i u_ji + sum s_q over the items q
 * requiring j. Returns the optimal value. */
static double glpk_optimum(const cx_cover_item *it, size_t n, const double *w, size_t k, size_t budget)
{
    glp_prob *lp = glp_create_prob();
    glp_set_obj_dir(lp, GLP_MAX);
    size_t n_u = 0;
    for (size_t j = 0; j < n; j++) n_u += it[j].n_concepts;
    glp_add_cols(lp, (int)(k + n + n_u));
    for (size_t i = 0; i < k + n + n_u; i++) {
        glp_set_col_kind(lp, (int)i + 1, GLP_BV);
        glp_set_obj_coef(lp, (int)i + 1, i < k ? w[i] : i < k + n ? it[i - k].own : 0.0);
    }
    int cap = 100000, nnz = 0;
    int *ia = malloc(sizeof(int) * (size_t)cap), *ja = malloc(sizeof(int) * (size_t)cap);
    double *ar = malloc(sizeof(double) * (size_t)cap);
    int row = glp_add_rows(lp, 1);
    glp_set_row_bnds(lp, row, GLP_UP, 0, (double)budget);
    for (size_t j = 0; j < n; j++) ++nnz, ia[nnz] = row, ja[nnz] = (int)(k + j + 1), ar[nnz] = (double)it[j].words;
    for (size_t i = 0; i < k; i++) {
        row = glp_add_rows(lp, 1);
        glp_set_row_bnds(lp, row, GLP_UP, 0, 0);
        ++nnz, ia[nnz] = row, ja[nnz] = (int)i + 1, ar[nnz] = 1;
        for (size_t j = 0; j < n; j++)
            for (size_t c = 0; c < it[j].n_concepts; c++)
                if ((size_t)it[j].concepts[c] == i) ++nnz, ia[nnz] = row, ja[nnz] = (int)(k + j + 1), ar[nnz] = -1;
    }
    for (size_t j = 0; j < n; j++)
        if (it[j].requires >= 0) {
            row = glp_add_rows(lp, 1);
            glp_set_row_bnds(lp, row, GLP_UP, 0, 0);
            ++nnz, ia[nnz] = row, ja[nnz] = (int)(k + j + 1), ar[nnz] = 1;
            ++nnz, ia[nnz] = row, ja[nnz] = (int)(k + (size_t)it[j].requires + 1), ar[nnz] = -1;
        }
    size_t u = k + n; /* column index - 1 of item j's first u */
    for (size_t j = 0; j < n; j++) {
        int need = glp_add_rows(lp, 1); /* s_j - sum u_ji - sum s_q <= 0 */
        glp_set_row_bnds(lp, need, GLP_UP, 0, 0);
        ++nnz, ia[nnz] = need, ja[nnz] = (int)(k + j + 1), ar[nnz] = 1;
        for (size_t q = 0; q < n; q++)
            if (it[q].requires == (int)j) ++nnz, ia[nnz] = need, ja[nnz] = (int)(k + q + 1), ar[nnz] = -1;
        for (size_t c = 0; c < it[j].n_concepts; c++, u++) {
            ++nnz, ia[nnz] = need, ja[nnz] = (int)u + 1, ar[nnz] = -1;
            row = glp_add_rows(lp, 1); /* u_ji <= s_j */
            glp_set_row_bnds(lp, row, GLP_UP, 0, 0);
            ++nnz, ia[nnz] = row, ja[nnz] = (int)u + 1, ar[nnz] = 1;
            ++nnz, ia[nnz] = row, ja[nnz] = (int)(k + j + 1), ar[nnz] = -1;
            for (size_t q = 0; q < n; q++) {
                if (q == j) continue;
                for (size_t d = 0; d < it[q].n_concepts; d++)
                    if (it[q].concepts[d] == it[j].concepts[c]) {
                        row = glp_add_rows(lp, 1); /* u_ji + s_q <= 1 */
                        glp_set_row_bnds(lp, row, GLP_UP, 0, 1);
                        ++nnz, ia[nnz] = row, ja[nnz] = (int)u + 1, ar[nnz] = 1;
                        ++nnz, ia[nnz] = row, ja[nnz] = (int)(k + q + 1), ar[nnz] = 1;
                    }
            }
        }
    }
    assert_true(nnz < cap);
    glp_load_matrix(lp, nnz, ia, ja, ar);
    glp_iocp p;
    glp_init_iocp(&p);
    p.presolve = GLP_ON;
    p.msg_lev = GLP_MSG_OFF;
    assert_int_equal(glp_intopt(lp, &p), 0);
    double v = glp_mip_obj_val(lp);
    glp_delete_prob(lp);
    free(ia), free(ja), free(ar);
    return v;
}

static void solver_matches_glpk_on_random_instances(void **state)
{
    (void)state;
    srand(12345);
    for (int trial = 0; trial < 80; trial++) {
        size_t n = 8 + (size_t)(rand() % 18), k = 10 + (size_t)(rand() % 40);
        double *w = malloc(sizeof *w * k);
        for (size_t i = 0; i < k; i++) w[i] = 1 + rand() % 5 + (rand() % 100) / 100.0;
        cx_cover_item *it = calloc(n, sizeof *it);
        int **cs = calloc(n, sizeof *cs);
        for (size_t j = 0; j < n; j++) {
            size_t m = 1 + (size_t)(rand() % 8);
            cs[j] = malloc(sizeof(int) * m);
            size_t u = 0;
            for (size_t c = 0; c < m; c++) {
                int x = rand() % (int)k, dup = 0;
                for (size_t q = 0; q < u; q++) dup |= cs[j][q] == x;
                if (!dup) cs[j][u++] = x;
            }
            it[j].concepts = cs[j];
            it[j].n_concepts = u;
            it[j].words = 5 + (size_t)(rand() % 25);
            it[j].bytes = it[j].words * 6;
            it[j].requires = (j > 0 && rand() % 5 == 0) ? (int)(j - 1) : -1;
            /* half the trials give items a value of their own (a word value) */
            it[j].own = trial % 2 ? 0.05 * (double)(rand() % 10) * (double)it[j].words : 0;
        }
        size_t budget = 30 + (size_t)(rand() % 70);
        int *chosen = calloc(n, sizeof *chosen);
        cx_cover_result res;
        assert_int_equal(cx_cover_solve(it, n, w, k, budget, 0, 0, chosen, &res), 0);
        assert_true(res.optimal);
        /* the reported value is what the chosen items really cover (plus their
         * own values), within budget */
        size_t words = 0;
        char *cov = calloc(k, 1);
        double v = 0;
        for (size_t j = 0; j < n; j++)
            if (chosen[j]) {
                words += it[j].words;
                v += it[j].own;
                if (it[j].requires >= 0) assert_true(chosen[it[j].requires]);
                for (size_t c = 0; c < it[j].n_concepts; c++)
                    if (!cov[it[j].concepts[c]]++) v += w[it[j].concepts[c]];
            }
        assert_true(words <= budget);
        /* no chosen item repeats the others, unless a chosen item requires it */
        for (size_t j = 0; j < n; j++) {
            if (!chosen[j]) continue;
            int needed = 0;
            for (size_t c = 0; c < it[j].n_concepts; c++) needed |= cov[it[j].concepts[c]] == 1;
            for (size_t q = 0; q < n; q++) needed |= chosen[q] && it[q].requires == (int)j;
            assert_true(needed);
        }
        assert_float_equal(v, res.value, 1e-6);
        assert_float_equal(res.value, glpk_optimum(it, n, w, k, budget), 1e-6);
        free(cov), free(chosen), free(w);
        for (size_t j = 0; j < n; j++) free(cs[j]);
        free(cs), free(it);
    }
}

static void add(chorus_corpus *c, const char *source, const char *text)
{
    chorus_article a = {0};
    a.source = strdup(source);
    a.text = strdup(text);
    a.id = strdup(source);
    a.published_unix = INT64_MIN;
    assert_int_equal(chorus_corpus_add(c, &a), 0);
}

/* Words of the printed sentence as a reader counts them (runs of non-space). */
static size_t text_words(const char *t)
{
    size_t w = 0;
    for (size_t i = 0; t[i]; i++) w += t[i] != ' ' && (i == 0 || t[i - 1] == ' ');
    return w;
}

static size_t item_words(const chorus_digest *d, size_t i)
{
    return text_words(d->story.docs[d->items[i].ref.doc].sents[d->items[i].ref.sent].text);
}

/* Deletions only: the words of the printed sentence appear, in order, in the article. */
static int words_in_order(const char *article, const char *sentence)
{
    const char *at = article;
    char word[256];
    for (const char *p = sentence; *p;) {
        while (*p == ' ') p++;
        size_t n = 0;
        while (p[n] && p[n] != ' ' && n < sizeof word - 1) n++;
        if (!n) break;
        memcpy(word, p, n);
        word[n] = '\0';
        /* the word may have lost trailing punctuation to a deletion ("said Monday." -> "said.") */
        while (n > 1 && strchr(",.;:", word[n - 1])) word[--n] = '\0';
        const char *hit = strstr(at, word);
        if (!hit) return 0;
        at = hit + n;
        p += strcspn(p, " ");
    }
    return 1;
}

static void summary_keeps_budget_and_antecedents(void **state)
{
    (void)state;
    chorus_corpus c;
    chorus_corpus_init(&c);
    add(&c, "One", "The river flooded the old mill district on Sunday after three days of heavy rain.\n\n"
                   "He said the pumps at the station had failed before the water reached the houses.\n\n"
                   "Rescue teams evacuated four hundred residents from the mill district by boat overnight.");
    add(&c, "Two", "Heavy rain made the river flood the old mill district on Sunday, officials said.\n\n"
                   "Rescue teams evacuated four hundred residents from the mill district by boat overnight.\n\n"
                   "The mayor promised new pumps for the flooded mill district before the autumn storms.");
    add(&c, "Three", "Four hundred residents of the mill district were evacuated by boat as the river flooded.\n\n"
                     "The river flooded the old mill district on Sunday after three days of heavy rain.");
    chorus_digest_options o;
    chorus_digest_options_init(&o);
    o.max_words = 35;
    chorus_digest *d;
    chorus_error err = {0};
    assert_int_equal(chorus_digest_build(&c, &o, &d, &err), 0);
    assert_true(d->n_items > 0);
    size_t words = 0;
    for (size_t i = 0; i < d->n_items; i++) {
        const cx_sent *st = &d->story.docs[d->items[i].ref.doc].sents[d->items[i].ref.sent];
        words += text_words(st->text);
        /* deletions only: the sentence's words are its article's, in order */
        assert_true(words_in_order(c.articles[d->items[i].ref.doc].text, st->text));
        /* a sentence that leans on the previous one comes right after it */
        if (cx_depends_on_previous(st)) {
            assert_true(i > 0);
            assert_int_equal(d->items[i - 1].ref.doc, d->items[i].ref.doc);
            assert_int_equal(d->items[i - 1].ref.sent, d->items[i].ref.sent - 1);
        }
        assert_true(d->items[i].n_outlets >= 1);
    }
    assert_true(words <= 35);
    /* the flood sentence all three outlets carry is chosen and credited to all */
    int found = 0;
    for (size_t i = 0; i < d->n_items; i++) {
        const cx_sent *st = &d->story.docs[d->items[i].ref.doc].sents[d->items[i].ref.sent];
        if (strstr(st->text, "evacuated")) found = (int)d->items[i].n_outlets;
    }
    assert_int_equal(found, 3);
    chorus_digest_free(d);
    chorus_corpus_free(&c);
}

static void candidates_reject_fragments_and_bare_quotes(void **state)
{
    (void)state;
    cx_sent s = {0};
    s.text = "\"We will stay here until the job is finished, whatever it takes.\"";
    s.len = strlen(s.text);
    s.n_words = 12;
    assert_false(cx_summary_candidate(&s)); /* who said it? */
    s.text = "\"We will stay here until the job is finished,\" the minister told reporters.";
    s.len = strlen(s.text);
    assert_true(cx_summary_candidate(&s));
    s.text = "Period.";
    s.len = strlen(s.text);
    s.n_words = 1;
    assert_false(cx_summary_candidate(&s));
    s.text = "Will the government resign before the vote takes place next week?";
    s.len = strlen(s.text);
    s.n_words = 11;
    assert_false(cx_summary_candidate(&s));
    s.text = "He said the talks would resume on Monday in the capital.";
    s.len = strlen(s.text);
    assert_true(cx_depends_on_previous(&s));
    s.text = "The Virtue Party, however, withheld its support for the new cabinet.";
    s.len = strlen(s.text);
    assert_true(cx_depends_on_previous(&s));
    s.text = "The Virtue Party withheld its support for the new cabinet of the prime minister, however, and left.";
    s.len = strlen(s.text);
    assert_false(cx_depends_on_previous(&s)); /* late in the sentence it qualifies the sentence itself */
}

static void expect_trim(const char *in, const char *want)
{
    char out[512];
    size_t n = cx_compress_sentence(in, strlen(in), out);
    assert_int_equal(n, strlen(out));
    assert_string_equal(out, want);
}

static void trimming_deletes_only_what_carries_nothing(void **state)
{
    (void)state;
    /* a weekday anchored to the article's own date */
    expect_trim("The ministry said Monday that talks would resume.", "The ministry said that talks would resume.");
    expect_trim("Rebels shelled the town on Friday, killing six.", "Rebels shelled the town, killing six.");
    expect_trim("On Sunday, Israeli troops left the border.", "Israeli troops left the border.");
    /* deleting it would leave a lower-case start: kept (deletions only, no rewriting) */
    expect_trim("On Sunday, the army left the border.", "On Sunday, the army left the border.");
    expect_trim("Most incumbents coasted to victory late Tuesday night.", "Most incumbents coasted to victory.");
    expect_trim("The government, on Monday, announced new taxes.", "The government announced new taxes.");
    expect_trim("Talks broke down last week over the border.", "Talks broke down over the border.");
    expect_trim("A resolution passed earlier this month by the House.", "A resolution passed by the House.");
    expect_trim("Shares have doubled in the last month.", "Shares have doubled in the last month.");
    expect_trim("Most computers sold today run the system.", "Most computers sold today run the system.");
        /* weekdays that belong to something else stay */
    expect_trim("Prices rose since Monday in the capital.", "Prices rose since Monday in the capital.");
    expect_trim("Crowds gathered for Good Friday in the old city.", "Crowds gathered for Good Friday in the old city.");
    expect_trim("Talks ran Monday and Tuesday without result.", "Talks ran Monday and Tuesday without result.");
    expect_trim("In a letter released Monday, the king urged calm.", "In a letter released Monday, the king urged calm.");
    expect_trim("Monday's vote was close, officials said.", "Monday's vote was close, officials said.");
    expect_trim("on Monday the vote was close.", "on Monday the vote was close.");
    /* quotations stay verbatim */
    expect_trim("``We met on Friday (in secret),'' the envoy said.", "``We met on Friday (in secret),'' the envoy said.");
    expect_trim("\"We met on Friday,\" the envoy said Sunday.", "\"We met on Friday,\" the envoy said.");
    /* asides, ages, datelines */
    expect_trim("The People's Party (CPP) won 64 seats.", "The People's Party won 64 seats.");
    expect_trim("Rates: Sweden 0.1 (2.7) and France 0.2 (1.4).", "Rates: Sweden 0.1 (2.7) and France 0.2 (1.4).");
    expect_trim("Augusto Pinochet, 82, was arrested in London.", "Augusto Pinochet was arrested in London.");
    expect_trim("The pilots were Jerry Ross, 50, and James Newman, 42, a physicist.",
                "The pilots were Jerry Ross, 50, and James Newman, 42, a physicist.");
    expect_trim("Rep. Tom Sawyer, D-Ohio, compared Clinton to Thomas More.", "Rep. Tom Sawyer compared Clinton to Thomas More.");
    /* the tag's second comma also closes an apposition: both stay */
    expect_trim("The congressman, Tony Hall, D-Ohio, who visited, spoke.", "The congressman, Tony Hall, D-Ohio, who visited, spoke.");
    expect_trim("The impeachment, said Rep. Tom DeLay, R-Texas, was a debate.",
                "The impeachment, said Rep. Tom DeLay, R-Texas, was a debate.");
    expect_trim("TRIPOLI, Libya (AP) _ Annan arrived in Libya for talks.", "Annan arrived in Libya for talks.");
    expect_trim("WASHINGTON -- The Senate passed the bill.", "The Senate passed the bill.");
    expect_trim("Nothing here is deletable at all.", "Nothing here is deletable at all.");
}



/* Three outlets on a rate rise; two leads say about the same thing in 15 and
 * 17 words. */
static const char *const bank_texts[] = {
    "The central bank raised its main interest rate by half a point to fight inflation.\n\n"
    "Economists had expected a smaller rise after months of slowing growth in the region.\n\n"
    "The currency gained against the dollar in early trading after the central bank decision.",
    "The central bank raised its main interest rate by half a point, its largest rise in years.\n\n"
    "Mortgage lenders said they would pass the higher interest rate on to borrowers within weeks.\n\n"
    "The currency gained against the dollar after the decision of the central bank.",
    "Inflation reached its highest level in a decade last month, pushing the central bank to act.\n\n"
    "Mortgage lenders are expected to pass the higher interest rate on to borrowers.",
};
static const char *const bank_names[] = {"One", "Two", "Three"};

static void strict_summary_prefers_the_fuller_of_near_equal_choices(void **state)
{
    (void)state;
    /* With 20 words, one lead fits. The 15-word one covers a little more of
     * the shared concepts; the 17-word one leaves less of the budget unused,
     * in words the outlets share, and wins. */
    chorus_corpus c;
    chorus_corpus_init(&c);
    for (int i = 0; i < 3; i++) add(&c, bank_names[i], bank_texts[i]);
    chorus_digest_options o;
    chorus_digest_options_init(&o);
    o.max_words = 20;
    chorus_digest *d;
    chorus_error err = {0};
    assert_int_equal(chorus_digest_build(&c, &o, &d, &err), 0);
    assert_int_equal(d->n_items, 1);
    assert_int_equal(item_words(d, 0), 17);
    chorus_digest_free(d);
    chorus_corpus_free(&c);
}

static void fill_crosses_the_budget_by_one_last_sentence(void **state)
{
    (void)state;
    chorus_corpus c;
    chorus_corpus_init(&c);
    for (int i = 0; i < 3; i++) add(&c, bank_names[i], bank_texts[i]);
    chorus_digest_options o;
    chorus_digest_options_init(&o);
    o.max_words = 25;
    chorus_digest *strict, *fill;
    chorus_error err = {0};
    assert_int_equal(chorus_digest_build(&c, &o, &strict, &err), 0);
    o.fill = 1;
    assert_int_equal(chorus_digest_build(&c, &o, &fill, &err), 0);
    size_t strict_words = 0, fill_words = 0;
    for (size_t i = 0; i < strict->n_items; i++) strict_words += item_words(strict, i);
    for (size_t i = 0; i < fill->n_items; i++) fill_words += item_words(fill, i);
    assert_true(strict_words <= 25);
    /* fill adds exactly one sentence, last, which starts within the budget and ends past it */
    assert_int_equal(fill->n_items, strict->n_items + 1);
    size_t last = item_words(fill, fill->n_items - 1);
    assert_true(fill_words > 25);
    assert_true(fill_words - last < 25);
    /* printed last, away from any antecedent: it must stand on its own */
    const cx_digest_item *tail = &fill->items[fill->n_items - 1];
    assert_false(cx_depends_on_previous(&fill->story.docs[tail->ref.doc].sents[tail->ref.sent]));
    for (size_t i = 0; i < strict->n_items; i++) {
        assert_int_equal(fill->items[i].ref.doc, strict->items[i].ref.doc);
        assert_int_equal(fill->items[i].ref.sent, strict->items[i].ref.sent);
    }
    chorus_digest_free(strict);
    chorus_digest_free(fill);
    chorus_corpus_free(&c);
}

static void budget_counts_words_as_readers_do(void **state)
{
    (void)state;
    /* 12 words, more tokens ("rebel-held", "town's", "U.N.-brokered"): it fits a 12-word budget */
    const char *key = "The rebel-held town's two-week siege ended after a U.N.-brokered cease-fire took hold.";
    assert_int_equal(text_words(key), 12);
    chorus_corpus c;
    chorus_corpus_init(&c);
    char buf[512];
    const char *names[] = {"One", "Two", "Three"};
    for (int i = 0; i < 3; i++) {
        snprintf(buf, sizeof buf, "%s\n\nAid convoys waited at the checkpoint for the army to open the road.", key);
        add(&c, names[i], buf);
    }
    chorus_digest_options o;
    chorus_digest_options_init(&o);
    o.max_words = 12;
    chorus_digest *d;
    chorus_error err = {0};
    assert_int_equal(chorus_digest_build(&c, &o, &d, &err), 0);
    assert_int_equal(d->n_items, 1);
    assert_string_equal(d->story.docs[d->items[0].ref.doc].sents[d->items[0].ref.sent].text, key);
    chorus_digest_free(d);
    chorus_corpus_free(&c);
}

static void summary_never_repeats_itself(void **state)
{
    (void)state;
    /* Two outlets carry the same lead word for word, a third a shorter wording
     * of it: the budget has room for all three, but each would only repeat the
     * first, however much the budget's words are worth. */
    chorus_corpus c;
    chorus_corpus_init(&c);
    add(&c, "One", "The river flooded the old mill district on Sunday after three days of heavy rain.\n\n"
                   "Rescue teams evacuated four hundred residents from the mill district by boat overnight.");
    add(&c, "Two", "The river flooded the old mill district on Sunday after heavy rain, officials said.\n\n"
                   "Four hundred residents of the mill district were evacuated by boat overnight.");
    add(&c, "Three", "The river flooded the old mill district on Sunday after three days of heavy rain.\n\n"
                     "The mayor promised new pumps for the flooded mill district.");
    chorus_digest_options o;
    chorus_digest_options_init(&o);
    o.max_words = 100;
    chorus_digest *d;
    chorus_error err = {0};
    assert_int_equal(chorus_digest_build(&c, &o, &d, &err), 0);
    size_t flood = 0, evacuated = 0;
    for (size_t i = 0; i < d->n_items; i++) {
        const char *t = d->story.docs[d->items[i].ref.doc].sents[d->items[i].ref.sent].text;
        flood += strstr(t, "river flooded") != NULL;
        evacuated += strstr(t, "evacuated") != NULL;
    }
    assert_int_equal(flood, 1);
    assert_int_equal(evacuated, 1);
    chorus_digest_free(d);
    chorus_corpus_free(&c);
}

/* Conflicting items are never chosen together, and the solver's value is the
 * best over all feasible subsets (brute force on small random instances). */
static void solver_respects_conflicts_exactly(void **state)
{
    (void)state;
    srand(777);
    for (int trial = 0; trial < 60; trial++) {
        size_t n = 4 + (size_t)(rand() % 9), k = 6 + (size_t)(rand() % 12);
        double w[32];
        for (size_t i = 0; i < k; i++) w[i] = 1 + rand() % 4;
        cx_cover_item it[16] = {0};
        int cs[16][8], cf[16][16];
        for (size_t j = 0; j < n; j++) {
            size_t u = 0;
            for (int c = 0; c < 1 + rand() % 6; c++) {
                int x = rand() % (int)k, dup = 0;
                for (size_t q = 0; q < u; q++) dup |= cs[j][q] == x;
                if (!dup) cs[j][u++] = x;
            }
            it[j].concepts = cs[j];
            it[j].n_concepts = u;
            it[j].words = 3 + (size_t)(rand() % 10);
            it[j].requires = -1;
            it[j].conflicts = cf[j];
        }
        for (size_t a = 0; a < n; a++) /* symmetric conflicts, about one pair in five */
            for (size_t b = a + 1; b < n; b++)
                if (rand() % 5 == 0) cf[a][it[a].n_conflicts++] = (int)b, cf[b][it[b].n_conflicts++] = (int)a;
        size_t budget = 10 + (size_t)(rand() % 20);
        int chosen[16];
        cx_cover_result res;
        assert_int_equal(cx_cover_solve(it, n, w, k, budget, 0, 0, chosen, &res), 0);
        for (size_t a = 0; a < n; a++)
            for (size_t c = 0; c < it[a].n_conflicts; c++) assert_false(chosen[a] && chosen[it[a].conflicts[c]]);
        double best = 0;
        for (unsigned mask = 0; mask < (1u << n); mask++) {
            size_t words = 0;
            int ok = 1;
            char cov[32] = {0};
            double v = 0;
            for (size_t a = 0; a < n && ok; a++) {
                if (!(mask >> a & 1)) continue;
                words += it[a].words;
                for (size_t c = 0; c < it[a].n_conflicts; c++) ok &= !(mask >> it[a].conflicts[c] & 1);
                for (size_t c = 0; c < it[a].n_concepts; c++)
                    if (!cov[it[a].concepts[c]]++) v += w[it[a].concepts[c]];
            }
            if (ok && words <= budget && v > best) best = v;
        }
        assert_float_equal(res.value, best, 1e-9);
    }
}

static void summary_leaves_out_paraphrases(void **state)
{
    (void)state;
    /* The bundled example story: four outlets, two of them saying the bridge
     * closed in other words, with room in the budget for every sentence. */
    chorus_corpus c;
    chorus_corpus_init(&c);
    chorus_error err = {0};
    assert_true(chorus_read_path(&c, CHORUS_SOURCE_DIR "/examples/story", &err) >= 4);
    chorus_digest_options o;
    chorus_digest_options_init(&o);
    o.max_words = 400;
    chorus_digest *d;
    assert_int_equal(chorus_digest_build(&c, &o, &d, &err), 0);
    assert_true(d->n_items >= 3);
    for (size_t i = 0; i < d->n_items; i++)
        for (size_t j = i + 1; j < d->n_items; j++) {
            const cx_sent *a = &d->story.docs[d->items[i].ref.doc].sents[d->items[i].ref.sent];
            const cx_sent *b = &d->story.docs[d->items[j].ref.doc].sents[d->items[j].ref.sent];
            size_t x = 0, y = 0, k = 0;
            while (x < a->n_content && y < b->n_content) {
                if (a->content[x] < b->content[y]) x++;
                else if (a->content[x] > b->content[y]) y++;
                else k++, x++, y++;
            }
            size_t smaller = a->n_content < b->n_content ? a->n_content : b->n_content;
            if (k * 10 >= smaller * 7) print_message("paraphrases: [%s] [%s]\n", a->text, b->text);
            assert_true(k * 10 < smaller * 7);
        }
    chorus_digest_free(d);
    chorus_corpus_free(&c);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(solver_matches_glpk_on_random_instances),
        cmocka_unit_test(summary_keeps_budget_and_antecedents),
        cmocka_unit_test(candidates_reject_fragments_and_bare_quotes),
        cmocka_unit_test(trimming_deletes_only_what_carries_nothing),
        cmocka_unit_test(fill_crosses_the_budget_by_one_last_sentence),
        cmocka_unit_test(strict_summary_prefers_the_fuller_of_near_equal_choices),
        cmocka_unit_test(budget_counts_words_as_readers_do),
        cmocka_unit_test(summary_never_repeats_itself),
        cmocka_unit_test(solver_respects_conflicts_exactly),
        cmocka_unit_test(summary_leaves_out_paraphrases),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
