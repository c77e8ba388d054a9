/* chorus_score_clusters: items named by id and labelled by name, aligned by id
 * and scored with the contingency-table scores of clustereval.c. */
#include <stdlib.h>
#include <string.h>

#include "chorus.h"
#include "clustereval.h"
#include "text.h"
#include "util.h"

/* Dense ids for items and labels; label[item] is the first label given. */
typedef struct interned {
    cx_vocab *ids, *names;
    int64_t *label;
    size_t repeats;
} interned;

static int intern(const chorus_labelled *in, interned *out)
{
    memset(out, 0, sizeof *out);
    out->ids = cx_vocab_new();
    out->names = cx_vocab_new();
    out->label = malloc(sizeof *out->label * (in->n ? in->n : 1));
    if (!out->ids || !out->names || !out->label) return CHORUS_ENOMEM;
    for (size_t i = 0; i < in->n; i++) {
        int32_t item = cx_vocab_id(out->ids, in->ids[i], in->id_lens[i]);
        int32_t name = cx_vocab_id(out->names, in->labels[i], in->label_lens[i]);
        if (item < 0 || name < 0) return CHORUS_ENOMEM;
        if ((size_t)item < cx_vocab_size(out->ids) - 1) out->repeats++; /* seen before */
        else out->label[item] = name;
    }
    return 0;
}

static void interned_free(interned *x)
{
    cx_vocab_free(x->ids);
    cx_vocab_free(x->names);
    free(x->label);
}

int chorus_score_clusters(const chorus_labelled *gold, const chorus_labelled *pred,
                          chorus_cluster_scores *out, chorus_error *err)
{
    memset(out, 0, sizeof *out);
    interned g, p;
    int64_t *gl = NULL, *pl = NULL;
    int rc = intern(gold, &g);
    if (!rc) rc = intern(pred, &p);
    else memset(&p, 0, sizeof p);
    size_t n = rc ? 0 : cx_vocab_size(g.ids);
    if (!rc) {
        gl = malloc(sizeof *gl * (n ? n : 1));
        pl = malloc(sizeof *pl * (n ? n : 1));
        if (!gl || !pl) rc = CHORUS_ENOMEM;
    }
    size_t found = 0;
    if (!rc) {
        /* missing items become singletons, labelled past every real cluster */
        int64_t next_single = (int64_t)cx_vocab_size(p.names);
        for (size_t i = 0; i < n; i++) {
            const char *id = cx_vocab_str(g.ids, (int32_t)i);
            int32_t j = cx_vocab_find(p.ids, id, strlen(id));
            gl[i] = g.label[i];
            if (j >= 0) pl[i] = p.label[j], found++;
            else pl[i] = next_single++, out->missing++;
        }
        cx_cluster_scores s;
        if (cx_cluster_scores_compute(gl, pl, n, &s) < 0) rc = CHORUS_ENOMEM;
        else {
            out->items = s.items;
            out->gold_clusters = s.gold_clusters, out->pred_clusters = s.pred_clusters;
            out->bcubed_p = s.bcubed_p, out->bcubed_r = s.bcubed_r, out->bcubed_f = s.bcubed_f;
            out->pair_p = s.pair_p, out->pair_r = s.pair_r, out->pair_f = s.pair_f;
            out->ignored = cx_vocab_size(p.ids) - found;
            out->gold_repeats = g.repeats, out->pred_repeats = p.repeats;
        }
    }
    free(gl), free(pl);
    interned_free(&g);
    interned_free(&p);
    return rc ? cx_fail(err, rc, "out of memory while scoring clusters") : 0;
}
