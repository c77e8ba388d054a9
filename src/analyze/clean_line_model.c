/* The line model's arithmetic: gradient-boosted trees (clean_line_trees.h,
 * written by bench/clean_fit_trees.py) over each judged line's evidence and
 * its neighbours'; with stacking, a second ensemble over the first one's
 * scores along the page, and a third over the second's. The evidence is
 * gathered in clean.c. */
#include "clean_line_model.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>

#include "chorus.h"
#include "clean_line_trees.h"

/* The neighbours' evidence the model reads, in the order of the trees' inputs. */
static const int NEIGHBOUR[CX_LINE_NEIGHBOUR_EVIDENCE] = {
    CX_LF_KEPT, CX_LF_WORDS, CX_LF_TERMINAL, CX_LF_STOPS, CX_LF_PROSE,
    CX_LF_TEMPLATE, CX_LF_SHAPE, CX_LF_TEMPL_SHARE, CX_LF_VOCAB, CX_LF_TITLE_VOCAB,
};

_Static_assert(LINE_INPUTS == CX_LINE_INPUTS, "clean_line_trees.h was written for other evidence: refit");
_Static_assert(STAGE1_NODES <= UINT16_MAX, "node indices are 16 bits");
#if LINE_STACKED
_Static_assert(STAGE2_NODES <= UINT16_MAX, "node indices are 16 bits");
_Static_assert(LINE_STACK_INPUTS == 9 + LINE_BLOCK_INPUTS, "clean_line_trees.h was written for other stage-2 inputs: refit");
_Static_assert(LINE_BLOCK_INPUTS == 12, "clean_line_trees.h was written for other block inputs: refit");
#endif
#if LINE_STAGES >= 3
_Static_assert(STAGE3_NODES <= UINT16_MAX, "node indices are 16 bits");
#endif
#if LINE_STAGES > 3
#error "clean_line_trees.h has more stages than clean_line_model.c evaluates"
#endif

/* One ensemble's raw score (log odds): base plus a leaf of every tree; a
 * node sends an input at or below its threshold to the left. */
static double ensemble(const double *x, size_t trees, double base, const int16_t *feature, const double *threshold,
                       const uint16_t *left, const uint16_t *right, const double *value, const uint16_t *root)
{
    double z = base;
    for (size_t t = 0; t < trees; t++) {
        size_t k = root[t];
        while (feature[k] >= 0) k = x[feature[k]] <= threshold[k] ? left[k] : right[k];
        z += value[k];
    }
    return z;
}

void cx_line_model_input(const float *const *f, size_t m, size_t k, double *x)
{
    size_t j = 0;
    for (size_t i = 0; i < CX_LINE_FEATURES; i++) x[j++] = f[k][i];
    for (size_t i = 0; i < CX_LINE_NEIGHBOUR_EVIDENCE; i++) x[j++] = k > 0 ? f[k - 1][NEIGHBOUR[i]] : -1.0;
    for (size_t i = 0; i < CX_LINE_NEIGHBOUR_EVIDENCE; i++) x[j++] = k + 1 < m ? f[k + 1][NEIGHBOUR[i]] : -1.0;
    x[j] = log1p((double)m);
}

#if LINE_STACKED
/* The second stage's inputs from the first stage's scores s around the k-th
 * line (as stack_inputs in bench/clean_fit_trees.py). */
static void stack_inputs(const double *s, size_t m, size_t k, double mean, double max, double *x)
{
    double before = 0, after = 0;
    size_t nb = 0, na = 0, pos = 0, win = 0;
    for (size_t i = k >= 3 ? k - 3 : 0; i < k; i++) before += s[i], nb++;
    for (size_t i = k + 1; i < m && i <= k + 3; i++) after += s[i], na++;
    for (size_t i = k >= 10 ? k - 10 : 0; i < m && i <= k + 10; i++) pos += s[i] > 0, win++;
    x[0] = s[k];
    x[1] = k > 0 ? s[k - 1] : -9.0;
    x[2] = k + 1 < m ? s[k + 1] : -9.0;
    x[3] = nb ? before / (double)nb : -9.0;
    x[4] = na ? after / (double)na : -9.0;
    x[5] = mean;
    x[6] = max;
    x[7] = s[k] - max;
    x[8] = (double)pos / (double)win;
}

/* The block context of every judged line (LINE_BLOCK_INPUTS each, as
 * block_inputs in bench/clean_fit_trees.py): a block is a run of judged
 * lines no line the model leaves alone interrupts (a template line, a
 * copy, the headline); an article's paragraphs score high together, a
 * sidebar's low together, so a doubtful line reads its block's first-stage
 * scores: their mean, maximum, minimum, the block's length, its place among
 * the page's blocks, its share of the words the rules keep, the share of
 * its lines scored positive; and how far the nearest other positive line
 * is. */
static void block_inputs(const float *const *f, const unsigned char *starts, const double *s, size_t m, double *out)
{
    double kept_words = 0;
    size_t blocks = 0;
    for (size_t k = 0; k < m; k++) {
        if (f[k][CX_LF_KEPT] > 0) kept_words += expm1((double)f[k][CX_LF_WORDS]);
        blocks += k == 0 || starts[k];
    }
    if (kept_words == 0) kept_words = 1.0;
    for (size_t a = 0, b = 0; a < m; b++) {
        size_t e = a + 1;
        while (e < m && !starts[e]) e++;
        double sum = 0, hi = s[a], lo = s[a], words = 0;
        size_t pos = 0;
        for (size_t k = a; k < e; k++) {
            sum += s[k];
            if (s[k] > hi) hi = s[k];
            if (s[k] < lo) lo = s[k];
            words += expm1((double)f[k][CX_LF_WORDS]);
            pos += s[k] > 0;
        }
        for (size_t k = a; k < e; k++) {
            double *x = out + k * LINE_BLOCK_INPUTS;
            x[0] = sum / (double)(e - a);
            x[1] = hi;
            x[2] = lo;
            x[3] = log1p((double)(e - a));
            x[4] = (double)b / (double)(blocks > 1 ? blocks - 1 : 1);
            x[5] = words / kept_words;
            x[6] = (double)pos / (double)(e - a);
        }
        a = e;
    }
    /* lines to the nearest other line scored positive (m when none) */
    size_t last = m;
    for (size_t k = 0; k < m; k++) {
        out[k * LINE_BLOCK_INPUTS + 7] = last < m ? (double)(k - last) : (double)m;
        if (s[k] > 0) last = k;
    }
    last = m;
    for (size_t k = m; k-- > 0;) {
        double *d = &out[k * LINE_BLOCK_INPUTS + 7];
        if (last < m && (double)(last - k) < *d) *d = (double)(last - k);
        *d = log1p(*d);
        if (s[k] > 0) last = k;
    }
}

/* Where each judged line lies relative to the page's main block (4 more
 * block inputs, from out[8] on; as main_block_inputs in
 * bench/clean_fit_trees.py): the scores s smoothed along the page (margin
 * s - LINE_MAIN_CUT, LINE_MAIN_COST per change between kept and dropped, the
 * Viterbi of clean.c) cut it into kept segments, and the main block is the
 * one with the most words: an article is one stretch, while a teaser, a
 * comment or an author's note that scores like prose stands apart from it.
 * Per line: the words of its segment (or the nearest one) over the main
 * block's, 1 inside the main block, the signed log(1 + lines) to it, and the
 * number of segments between. lab[] (m entries), seg[] (2 m) and segw[]
 * (m) are scratch. */
static void main_block_inputs(const float *const *f, const double *s, size_t m, unsigned char *lab, size_t *seg,
                              double *segw, double *out)
{
    /* two-state Viterbi; lab[k] holds the back pointers first (bit 0 the
     * best state before a dropped line, bit 1 before a kept one) */
    double v0 = 0, v1 = s[0] - LINE_MAIN_CUT, cost = LINE_MAIN_COST;
    lab[0] = 0;
    for (size_t k = 1; k < m; k++) {
        int b0 = v0 >= v1 - cost ? 0 : 1, b1 = v1 >= v0 - cost ? 1 : 0;
        double n0 = b0 ? v1 - cost : v0, n1 = (b1 ? v1 : v0 - cost) + (s[k] - LINE_MAIN_CUT);
        lab[k] = (unsigned char)(b0 | b1 << 1);
        v0 = n0, v1 = n1;
    }
    int y = v1 > v0;
    for (size_t k = m; k-- > 0;) {
        int back = (lab[k] >> y) & 1;
        lab[k] = (unsigned char)y;
        y = back;
    }
    /* segments: lines seg[i] to end[i] - 1 the i-th, segw[i] its words */
    size_t ns = 0, main = 0, *end = seg + m;
    for (size_t k = 0; k < m; k++) {
        if (!lab[k]) continue;
        if (k == 0 || !lab[k - 1]) seg[ns] = k, segw[ns++] = 0;
        segw[ns - 1] += expm1((double)f[k][CX_LF_WORDS]);
        end[ns - 1] = k + 1;
    }
    if (!ns) {
        for (size_t k = 0; k < m; k++) {
            double *x = out + k * LINE_BLOCK_INPUTS + 8;
            x[0] = 0, x[1] = 0, x[2] = log1p((double)m), x[3] = 0;
        }
        return;
    }
    for (size_t i = 1; i < ns; i++)
        if (segw[i] > segw[main]) main = i;
    size_t ma = seg[main], mb = end[main]; /* the main block: lines ma to mb - 1 */
    for (size_t k = 0, j = 0; k < m; k++) {
        while (j + 1 < ns && end[j] <= k) j++; /* j: the first segment that ends after k */
        size_t a = seg[j], which = j;
        if (k < a && j > 0) which = k - (end[j - 1] - 1) <= a - k ? j - 1 : j; /* the nearer, the one before on a tie */
        double d = k >= ma && k < mb ? 0 : k >= mb ? (double)(k - (mb - 1)) : -(double)(ma - k);
        double *x = out + k * LINE_BLOCK_INPUTS + 8;
        x[0] = segw[main] > 0 ? segw[which] / segw[main] : 0.0;
        x[1] = which == main;
        x[2] = d > 0 ? log1p(d) : d < 0 ? -log1p(-d) : 0.0;
        x[3] = (double)(which > main ? which - main : main - which);
    }
}

/* The inputs of a stage after the first from the scores s of the one
 * before, for all m lines: x[k * (CX_LINE_INPUTS + LINE_STACK_INPUTS)...]. */
static int stacked_inputs(const float *const *f, const unsigned char *starts, const double *s, size_t m, double *x)
{
    double *blk = malloc(sizeof *blk * m * LINE_BLOCK_INPUTS), *segw = malloc(sizeof *segw * m);
    unsigned char *lab = malloc(m);
    size_t *seg = malloc(sizeof *seg * 2 * m);
    if (!blk || !segw || !lab || !seg) {
        free(blk), free(segw), free(lab), free(seg);
        return CHORUS_ENOMEM;
    }
    double mean = 0, max = s[0];
    for (size_t k = 0; k < m; k++) {
        mean += s[k];
        if (s[k] > max) max = s[k];
    }
    mean /= (double)m;
    block_inputs(f, starts, s, m, blk);
    main_block_inputs(f, s, m, lab, seg, segw, blk);
    for (size_t k = 0; k < m; k++) {
        double *row = x + k * (CX_LINE_INPUTS + LINE_STACK_INPUTS);
        cx_line_model_input(f, m, k, row);
        stack_inputs(s, m, k, mean, max, row + CX_LINE_INPUTS);
        for (size_t i = 0; i < LINE_BLOCK_INPUTS; i++) row[CX_LINE_INPUTS + 9 + i] = blk[k * LINE_BLOCK_INPUTS + i];
    }
    free(blk), free(segw), free(lab), free(seg);
    return 0;
}
#endif

int cx_line_model_scores(const float *const *f, const unsigned char *starts, size_t m, double *score)
{
    double x[CX_LINE_INPUTS + LINE_STACK_INPUTS]; /* and the second stage's */
    for (size_t k = 0; k < m; k++) {
        cx_line_model_input(f, m, k, x);
        score[k] = ensemble(x, STAGE1_TREES, STAGE1_BASE, STAGE1_FEATURE, STAGE1_THRESHOLD, STAGE1_LEFT, STAGE1_RIGHT,
                            STAGE1_VALUE, STAGE1_ROOT);
    }
#if LINE_STACKED
    if (!m) return 0;
    /* each later stage reads the scores of the one before along the page */
    double *rows = malloc(sizeof *rows * m * (CX_LINE_INPUTS + LINE_STACK_INPUTS));
    if (!rows) return CHORUS_ENOMEM;
    for (int stage = 2; stage <= LINE_STAGES; stage++) {
        if (stacked_inputs(f, starts, score, m, rows)) {
            free(rows);
            return CHORUS_ENOMEM;
        }
        for (size_t k = 0; k < m; k++) {
            const double *r = rows + k * (CX_LINE_INPUTS + LINE_STACK_INPUTS);
#if LINE_STAGES >= 3
            if (stage == 3) {
                score[k] = ensemble(r, STAGE3_TREES, STAGE3_BASE, STAGE3_FEATURE, STAGE3_THRESHOLD, STAGE3_LEFT,
                                    STAGE3_RIGHT, STAGE3_VALUE, STAGE3_ROOT);
                continue;
            }
#endif
            score[k] = ensemble(r, STAGE2_TREES, STAGE2_BASE, STAGE2_FEATURE, STAGE2_THRESHOLD, STAGE2_LEFT,
                                STAGE2_RIGHT, STAGE2_VALUE, STAGE2_ROOT);
        }
    }
    free(rows);
#else
    (void)starts;
#endif
    return 0;
}

double cx_line_model_threshold(void)
{
    return LINE_THRESHOLD;
}

double cx_line_model_switch_cost(void)
{
    return LINE_SWITCH_COST;
}
