/* The line model's weights: written by bench/clean_fit.py (do not edit by hand).
 * Logistic regression (L2 1.0, Newton's method) on the 5929 lines of scraped-dev
 * that its snippets label (article or furniture), evidence from
 * `chorus clean --pages --features`; the threshold is chosen on held-out folds
 * (5 by page): the highest `with` recall whose F1, less one standard error over the folds, is >= 0.88: held-out F1 0.883, P 0.835, R 0.938.
 * Rerun: bash bench/clean_fit.sh --write (after a change to the evidence). */
static const double LINE_WEIGHTS[CX_LINE_FEATURES + 1] = {
    [CX_LF_KEPT] = 0.770482,
    [CX_LF_WORDS] = 0.962220,
    [CX_LF_TERMINAL] = 0.725201,
    [CX_LF_STOPS] = -0.470651,
    [CX_LF_NO_STOPLIST] = -0.752513,
    [CX_LF_OUTSIDE] = -0.859607,
    [CX_LF_SHORT_RUN] = 0.518911,
    [CX_LF_SHAPE] = -1.466021,
    [CX_LF_TEMPLATE] = -0.885476,
    [CX_LF_TEMPL_SHARE] = -5.394377,
    [CX_LF_COMMENTS] = -0.653193,
    [CX_LF_DISTANCE] = 0.250253,
    [CX_LF_PREV_KEPT] = 0.396836,
    [CX_LF_NEXT_KEPT] = 0.485628,
    [CX_LF_COLON] = 0.248395,
    [CX_LF_GLUED] = 0.686645,
    [CX_LF_POSITION] = -2.061054,
    [CX_LF_HEADING] = -0.344514,
    [CX_LF_NB_WORDS] = 0.499958,
    [CX_LF_TAIL] = -1.486037,
    [CX_LF_BLOCK_WORDS] = -0.734668,
    [CX_LF_BLOCK_SHARE] = 2.257504,
    [CX_LF_BLOCK_KEPT] = 0.853676,
    [CX_LF_PROSE] = -0.228312,
    [CX_LINE_FEATURES] = -1.353092, /* bias */
};
static const double LINE_THRESHOLD = -0.80;
static const double LINE_SWITCH_COST = 0.50; /* Viterbi: cost of a change between kept and dropped lines */
