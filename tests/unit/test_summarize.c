/* The summary: the coverage solver is exact (checked against GLPK's MIP
 * solver on random instances), and the summarizer keeps its promises
 * (budget, no dependent sentence without its antecedent, verbatim text). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <glpk.h>
#include <stdlib.h>
#include <string.h>

#include "coverage_solver.h"
#include "digest.h"
#include "summarize.h"

/* The same program as an ILP for GLPK: max sum w_i c_i, budget, c_i <= sum s_j,
 * s_j <= s_requires(j). Returns the optimal value. */
static double glpk_optimum(const cx_cover_item *it, size_t n, const double *w, size_t k, size_t budget)
{
    glp_prob *lp = glp_create_prob();
    glp_set_obj_dir(lp, GLP_MAX);
    glp_add_cols(lp, (int)(k + n));
    for (size_t i = 0; i < k + n; i++) {
        glp_set_col_kind(lp, (int)i + 1, GLP_BV);
        glp_set_obj_coef(lp, (int)i + 1, i < k ? w[i] : 0.0);
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
    for (int trial = 0; trial < 40; trial++) {
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
        }
        size_t budget = 30 + (size_t)(rand() % 70);
        int *chosen = calloc(n, sizeof *chosen);
        cx_cover_result res;
        assert_int_equal(cx_cover_solve(it, n, w, k, budget, 0, 0, chosen, &res), 0);
        assert_true(res.optimal);
        /* the reported value is what the chosen items really cover, within budget */
        size_t words = 0;
        char *cov = calloc(k, 1);
        double v = 0;
        for (size_t j = 0; j < n; j++)
            if (chosen[j]) {
                words += it[j].words;
                if (it[j].requires >= 0) assert_true(chosen[it[j].requires]);
                for (size_t c = 0; c < it[j].n_concepts; c++)
                    if (!cov[it[j].concepts[c]]++) v += w[it[j].concepts[c]];
            }
        assert_true(words <= budget);
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
        words += st->n_words;
        /* verbatim: the sentence is in its article's text */
        assert_non_null(strstr(c.articles[d->items[i].ref.doc].text, st->text));
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
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(solver_matches_glpk_on_random_instances),
        cmocka_unit_test(summary_keeps_budget_and_antecedents),
        cmocka_unit_test(candidates_reject_fragments_and_bare_quotes),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
