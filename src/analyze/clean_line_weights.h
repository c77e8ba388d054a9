/* The line model's weights: written by bench/clean_fit.py (do not edit by hand).
 * Logistic regression (L2 1.0, Newton's method) on the 5606 lines of scraped-dev
 * that its snippets label (article or furniture), evidence from
 * `chorus clean --pages --features`; the threshold is chosen on held-out folds
 * (5 by page): the highest `with` recall whose F1 is at least the rules' alone (0.882): held-out F1 0.884, P 0.839, R 0.933.
 * Rerun: bash bench/clean_fit.sh --write (after a change to the evidence). */
static const double LINE_WEIGHTS[CX_LINE_FEATURES + 1] = {
    [CX_LF_KEPT] = 0.895686,
    [CX_LF_WORDS] = 0.879241,
    [CX_LF_TERMINAL] = 0.728702,
    [CX_LF_STOPS] = -0.418306,
    [CX_LF_NO_STOPLIST] = -0.778256,
    [CX_LF_OUTSIDE] = -0.650287,
    [CX_LF_SHORT_RUN] = 0.440184,
    [CX_LF_SHAPE] = -1.610021,
    [CX_LF_TEMPLATE] = -0.855174,
    [CX_LF_TEMPL_SHARE] = -5.555185,
    [CX_LF_COMMENTS] = -0.573018,
    [CX_LF_DISTANCE] = 0.198045,
    [CX_LF_PREV_KEPT] = 0.416094,
    [CX_LF_NEXT_KEPT] = 0.582171,
    [CX_LF_COLON] = 0.404935,
    [CX_LF_GLUED] = 0.679499,
    [CX_LF_POSITION] = -1.973293,
    [CX_LF_HEADING] = -0.359018,
    [CX_LF_NB_WORDS] = 0.431756,
    [CX_LF_TAIL] = -1.242747,
    [CX_LF_BLOCK_WORDS] = -0.741169,
    [CX_LF_BLOCK_SHARE] = 2.209486,
    [CX_LF_BLOCK_KEPT] = 0.861158,
    [CX_LF_PROSE] = -0.262839,
    [CX_LINE_FEATURES] = -0.877804, /* bias */
};
static const double LINE_THRESHOLD = -0.60;
