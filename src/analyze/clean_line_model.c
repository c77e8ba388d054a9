/* The line model's arithmetic; the evidence is gathered in clean.c and the
 * weights come from clean_line_weights.h (written by bench/clean_fit.py). */
#include "clean_line_model.h"

#include "clean_line_weights.h"

double cx_line_model_score(const float *f)
{
    double z = LINE_WEIGHTS[CX_LINE_FEATURES];
    for (size_t i = 0; i < CX_LINE_FEATURES; i++) z += LINE_WEIGHTS[i] * f[i];
    return z;
}

double cx_line_model_threshold(void)
{
    return LINE_THRESHOLD;
}

double cx_line_model_switch_cost(void)
{
    return LINE_SWITCH_COST;
}
