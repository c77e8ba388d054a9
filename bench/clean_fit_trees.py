#!/usr/bin/env python3
"""Fit the line model of `chorus clean --pages` (src/analyze/clean_line_model.h)
as gradient-boosted shallow trees on scraped-dev and report it by
cross-validation over pages; with --write, export the trees as a C table
(src/analyze/clean_line_trees.h) that clean_line_model.c evaluates.

usage: clean_fit_trees.py DATA_DIR FEATURES_TSV [--folds K] [--stages 1|2|3 (default 3)] [--min-f1 F]
       [--depth D] [--article-weight W] [--write HEADER | --nested [--outer I,J]]

Needs scikit-learn and numpy (Debian: python3-sklearn, python3-numpy) at
development time only: the build and CI use the exported table.

The model's input for a line (the same arrays in cx_line_model_input): the
line's evidence (the dump's columns), the chosen evidence of the lines the
model judges just before and after it (-1 when there is none), and the log of
the number of lines judged on the page. With --stages 2 (stacking) a second
ensemble reads that input plus the first ensemble's scores around the line
(its own, its neighbours', the means of the three before and after, the
page's mean and maximum, the share of positive scores within ten lines) and
the line's block context (block_inputs) and its place relative to the
page's main block (main_block_inputs); the second stage is trained on
OUT-OF-FOLD first-stage scores (inner folds over the training pages), as it
meets them on unseen pages. With --stages 3 (the default) a third ensemble
reads the same inputs built from the second stage's out-of-fold scores.

Labels, folds (MD5 of the page name), the Viterbi smoothing along the page,
the snippet metric and the choice of the operating point (the highest
held-out recall whose F1, less one standard error over the folds, is at
least --min-f1) are those of clean_fit.py."""
import math
import os
import random
import sys
import json

import numpy as np
from sklearn.ensemble import HistGradientBoostingClassifier

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import clean_fit as cf  # noqa: E402

NAMES = cf.NAMES
ENUM = cf.ENUM
# evidence of the neighbouring judged lines the model also reads (CX_LINE_NEIGHBOUR_EVIDENCE)
NEIGHBOUR = ["kept", "words", "terminal", "stops", "prose", "template", "shape", "templ_share", "vocab",
             "title_vocab"]
SEL = [NAMES.index(x) for x in NEIGHBOUR]
N_INPUT = len(NAMES) + 2 * len(SEL) + 1
PARAMS = dict(max_depth=3, max_iter=200, learning_rate=0.05, l2_regularization=1.0, min_samples_leaf=30,
              random_state=0)
WITH_WEIGHT = 1.0  # weight of an article line against a furniture line in the fit


def model_inputs(lines, idx):
    """The input rows of the judged lines idx of one page."""
    rows, m = [], len(idx)
    # the evidence as C holds it (single precision): a tree's threshold may
    # equal a value, so the two must compare the same numbers
    ev = {i: [float(v) for v in np.array(lines[i][2], dtype=np.float32)] for i in idx}
    for k, i in enumerate(idx):
        f = ev[i]
        pv = ev[idx[k - 1]] if k > 0 else None
        nx = ev[idx[k + 1]] if k + 1 < m else None
        row = list(f)
        row += [pv[j] for j in SEL] if pv else [-1.0] * len(SEL)
        row += [nx[j] for j in SEL] if nx else [-1.0] * len(SEL)
        row.append(math.log1p(m))
        rows.append(row)
    return rows


def stack_inputs(s):
    """The second stage's extra inputs from the first stage's scores s of one
    page's judged lines (as stack_inputs in clean_line_model.c)."""
    m = len(s)
    out = []
    if not m:
        return out
    mean, mx = sum(s) / m, max(s)
    for k in range(m):
        before = s[max(0, k - 3):k]
        after = s[k + 1:k + 4]
        win = s[max(0, k - 10):k + 11]
        out.append([s[k], s[k - 1] if k > 0 else -9.0, s[k + 1] if k + 1 < m else -9.0,
                    sum(before) / len(before) if before else -9.0, sum(after) / len(after) if after else -9.0,
                    mean, mx, s[k] - mx, sum(1 for v in win if v > 0) / len(win)])
    return out


def block_inputs(s, rows, starts):
    """The block context of each judged line from the first stage's scores s
    (as block_inputs in clean_line_model.c): a block is a run of judged lines
    that no line the model leaves alone interrupts; its scores' mean, maximum
    and minimum, log(1 + its length), its place among the page's blocks, its
    share of the words the rules keep, the share of its lines scored
    positive; and log(1 + lines to the nearest other positive line)."""
    m = len(s)
    if not m:
        return []
    words = [math.expm1(r[1]) for r in rows]
    kept_words = sum(w for w, r in zip(words, rows) if r[0] > 0) or 1.0
    bounds = [k for k in range(m) if k == 0 or starts[k]] + [m]
    nb = len(bounds) - 1
    out = [None] * m
    for b in range(nb):
        a, e = bounds[b], bounds[b + 1]
        v = s[a:e]
        stats = [sum(v) / len(v), max(v), min(v), math.log1p(len(v)), b / max(1, nb - 1),
                 sum(words[a:e]) / kept_words, sum(1 for x in v if x > 0) / len(v)]
        for k in range(a, e):
            out[k] = list(stats)
    pos = [k for k in range(m) if s[k] > 0]
    for k in range(m):
        d = min((abs(k - h) for h in pos if h != k), default=m)
        out[k].append(math.log1p(d))
    return out


def main_block_inputs(s, rows):
    """Where each judged line lies relative to the page's main block (as
    main_block_inputs in clean_line_model.c): the first-stage scores smoothed
    along the page (threshold MAIN_CUT, switch cost MAIN_COST) cut it into
    kept segments; the main block is the one with the most words. Per line:
    the words of its segment (or of the nearest one) over the main block's,
    1 inside the main block, the signed log(1 + lines) to it (negative
    before), and how many segments lie between."""
    m = len(s)
    if not m:
        return []
    lab = cf.smooth([x - MAIN_CUT for x in s], MAIN_COST)
    words = [math.expm1(r[1]) for r in rows]
    segs, k = [], 0
    while k < m:
        if lab[k]:
            a = k
            while k < m and lab[k]:
                k += 1
            segs.append((a, k, sum(words[a:k])))
        else:
            k += 1
    if not segs:
        return [[0.0, 0.0, math.log1p(m), 0.0] for _ in range(m)]
    mi = max(range(len(segs)), key=lambda i: segs[i][2])
    ma, mb, mm = segs[mi]
    out, j = [], 0
    for k in range(m):
        while j + 1 < len(segs) and segs[j][1] <= k:
            j += 1
        # segment j is the first that ends after k: k is in it, or before it
        if segs[j][0] <= k < segs[j][1]:
            seg = j
        elif k < segs[j][0] and j > 0:
            seg = j - 1 if k - (segs[j - 1][1] - 1) <= segs[j][0] - k else j
        else:
            seg = j
        d = 0 if ma <= k < mb else (k - (mb - 1) if k >= mb else k - ma)
        out.append([segs[seg][2] / mm if mm > 0 else 0.0, float(seg == mi),
                    math.copysign(math.log1p(abs(d)), d) if d else 0.0, float(abs(seg - mi))])
    return out


MAIN_CUT, MAIN_COST = 0.0, 1.0
N_BLOCK = 12  # block_inputs and main_block_inputs per line


class Pages:
    def __init__(self, data, pages, names):
        self.data, self.P, self.starts = data, {}, {}
        for n in names:
            lines = pages.get(n, [])
            labs = cf.label_lines(lines, data[n]) if lines else []
            idx = [i for i, line in enumerate(lines) if cf.judgeable(line)]
            self.P[n] = (lines, labs, idx, np.array(model_inputs(lines, idx), dtype=float).reshape(len(idx), N_INPUT))
            # 1 where a line the model leaves alone comes before the judged line
            self.starts[n] = [int(k > 0 and i != idx[k - 1] + 1) for k, i in enumerate(idx)]

    def stacked(self, n, s1):
        """The second stage's extra inputs of page n from its first-stage scores."""
        rows = list(self.P[n][3])
        return [a + b + c for a, b, c in zip(stack_inputs(s1), block_inputs(s1, rows, self.starts[n]),
                                            main_block_inputs(s1, rows))]

    def training(self, names, extra=None):
        X, y = [], []
        for n in names:
            lines, labs, idx, inp = self.P[n]
            for k, i in enumerate(idx):
                if labs[i] is not None:
                    X.append(np.concatenate([inp[k], extra[n][k]]) if extra is not None else inp[k])
                    y.append(labs[i])
        return np.array(X), np.array(y)

    def scores(self, model, names, extra=None):
        out = {}
        for n in names:
            inp = self.P[n][3]
            if not len(inp):
                out[n] = []
                continue
            X = np.hstack([inp, np.array(extra[n])]) if extra is not None else inp
            out[n] = list(model.decision_function(X))
        return out

    def counts(self, n, scores, t, cost):
        lines, _, idx, _ = self.P[n]
        labels = cf.smooth([s - t for s in scores], cost)
        keep = {i for i, y in zip(idx, labels) if y}
        out = [text for i, (verdict, reason, f, text) in enumerate(lines)
               if verdict == "title" or i in keep or (verdict == "keep" and not cf.judgeable(lines[i]))]
        text = cf.norm("\n".join(out))
        ev = self.data[n]
        tp = sum(1 for s in ev["with"] if text and cf.norm(s) in text)
        fp = sum(1 for s in ev["without"] if text and cf.norm(s) in text)
        return [tp, len(ev["with"]) - tp, fp, len(ev["without"]) - fp]

    def token_counts(self, n, scores, t, cost):
        """[with words kept, with words, without words kept] of page n: the
        token figures of bench/clean_score.py (each snippet weighted by its
        words)."""
        lines, _, idx, _ = self.P[n]
        labels = cf.smooth([s - t for s in scores], cost)
        keep = {i for i, y in zip(idx, labels) if y}
        out = [text for i, (verdict, reason, f, text) in enumerate(lines)
               if verdict == "title" or i in keep or (verdict == "keep" and not cf.judgeable(lines[i]))]
        text = cf.norm("\n".join(out))
        ev = self.data[n]
        ww = [len(s.split()) for s in ev["with"]]
        kept = sum(w for s, w in zip(ev["with"], ww) if text and cf.norm(s) in text)
        fw = sum(len(s.split()) for s in ev["without"] if text and cf.norm(s) in text)
        return [kept, sum(ww), fw]


def token_pr(c):
    """(token precision, token recall) of summed token_counts."""
    kept, total, fw = c
    return (kept / (kept + fw) if kept + fw else 0.0), (kept / total if total else 0.0)


def fit(X, y):
    # lines of the article weigh WITH_WEIGHT times a furniture line: recall of
    # the `with` snippets is what the cleaning must not give up
    w = np.where(y == 1, WITH_WEIGHT, 1.0)
    return HistGradientBoostingClassifier(**PARAMS).fit(X, y, sample_weight=w)


def fit_stages(pg, train, stages, k):
    """[stage 1, stage 2, ...] fitted on the pages train: each stage after
    the first reads the scores of the one before, as it meets them on unseen
    pages (out of fold over inner folds of train)."""
    X, y = pg.training(train)
    models = [fit(X, y)]
    inner = [[n for n in train if cf.fold_of(n + "#inner", k) == j] for j in range(k)]
    extra = None  # the stacked inputs the last fitted stage reads
    for _ in range(1, stages):
        # out-of-fold scores of the last stage on the training pages
        oof = {}
        for j in range(k):
            rest = [n for jj in range(k) if jj != j for n in inner[jj]]
            X, y = pg.training(rest, extra)
            oof.update(pg.scores(fit(X, y), inner[j], extra))
        extra = {n: pg.stacked(n, oof[n]) for n in train}
        X, y = pg.training(train, extra)
        models.append(fit(X, y))
    return models


def predict(pg, models, names):
    s = pg.scores(models[0], names)
    for m in models[1:]:
        s = pg.scores(m, names, {n: pg.stacked(n, s[n]) for n in names})
    return s


def export_trees(model, prefix):
    """C arrays of one ensemble: nodes of every tree in a row; a node is a
    leaf when its feature is -1."""
    feat, thr, left, right, value, roots = [], [], [], [], [], []
    for pred in model._predictors:
        nodes = pred[0].nodes
        base = len(feat)
        roots.append(base)
        for nd in nodes:
            if nd["is_leaf"]:
                feat.append(-1), thr.append(0.0), left.append(0), right.append(0), value.append(float(nd["value"]))
            else:
                feat.append(int(nd["feature_idx"])), thr.append(float(nd["num_threshold"]))
                left.append(base + int(nd["left"])), right.append(base + int(nd["right"])), value.append(0.0)
    base_score = float(np.ravel(model._baseline_prediction)[0])

    def arr(ctype, name, vals, fmt):
        body = ",".join(fmt(v) for v in vals)
        lines, cur = [], ""
        for tok in body.split(","):
            if len(cur) + len(tok) > 100:
                lines.append(cur)
                cur = ""
            cur += tok + ","
        lines.append(cur)
        return f"static const {ctype} {prefix}_{name}[] = {{\n    " + "\n    ".join(lines) + "\n};\n"

    return (f"#define {prefix}_TREES {len(roots)}\n#define {prefix}_NODES {len(feat)}\n"
            f"static const double {prefix}_BASE = {base_score!r};\n" +
            arr("int16_t", "FEATURE", feat, str) + arr("double", "THRESHOLD", thr, repr) +
            arr("uint16_t", "LEFT", left, str) + arr("uint16_t", "RIGHT", right, str) +
            arr("double", "VALUE", value, repr) + arr("uint16_t", "ROOT", roots, str))


# The settings cross-validation chooses among (tree depth, weight of an
# article line); --nested reports the choice itself held out.
CANDIDATES = [(3, 1.0), (3, 2.0), (5, 2.0)]


def use(cand):
    global PARAMS, WITH_WEIGHT
    PARAMS = dict(PARAMS, max_depth=cand[0])
    WITH_WEIGHT = cand[1]


def point_table(pg, scores, folds, thresholds, costs):
    """(cost, threshold) -> per-fold snippet counts."""
    return {(c, t): [[sum(x) for x in zip(*[pg.counts(n, scores[n], t, c) for n in f])] for f in folds]
            for c in costs for t in thresholds}


def choose_point(table, min_f1):
    """The operating point of the rule: the highest recall whose F1, less one
    standard error over the folds, is >= min_f1 (then the highest F1)."""
    best = None
    for g, per in table.items():
        k = len(per)
        f, p, r = cf.prf([sum(x) for x in zip(*per)])
        fs = [cf.prf(x)[0] for x in per]
        se = (sum((x - sum(fs) / k) ** 2 for x in fs) / (k - 1)) ** 0.5 / k ** 0.5
        key = (f - se >= min_f1, r, f)
        if best is None or key > best[0]:
            best = (key, g)
    return best


def cv_scores(pg, names_, k, stages, salt):
    """Held-out scores of the pages names_ over k folds of them."""
    fl = [[n for n in names_ if cf.fold_of(n + salt, k) == j] for j in range(k)]
    sc = {}
    for j in range(k):
        sc.update(predict(pg, fit_stages(pg, [n for jj in range(k) if jj != j for n in fl[jj]], stages, k), fl[j]))
    return sc, fl


def nested(pg, folds, k, stages, min_f1, thresholds, costs, outer=None):
    """The whole choice (setting and operating point) made on the training
    pages of each outer fold by inner cross-validation, then applied to the
    outer fold: the figure to expect of the procedure on unseen pages."""
    per, chosen = [], []
    for i in outer if outer is not None else range(k):
        train = [n for j in range(k) if j != i for n in folds[j]]
        best = None
        for cand in CANDIDATES:
            use(cand)
            sc, fl = cv_scores(pg, train, k, stages, "#select")
            key, g = choose_point(point_table(pg, sc, fl, thresholds, costs), min_f1)
            if best is None or key > best[0]:
                best = (key, cand, g)
        use(best[1])
        sc = predict(pg, fit_stages(pg, train, stages, k), folds[i])
        c, t = best[2]
        per.append([sum(x) for x in zip(*[pg.counts(n, sc[n], t, c) for n in folds[i]])])
        chosen.append((best[1], best[2]))
        print(f"  outer fold {i}: depth {best[1][0]}, article weight {best[1][1]}, cost {c:.2f}, threshold {t:+.3f}: "
              f"F1 {cf.prf(per[-1])[0]:.3f} R {cf.prf(per[-1])[2]:.3f} (TP FN FP TN {' '.join(map(str, per[-1]))})", flush=True)
    f, p, r = cf.prf([sum(x) for x in zip(*per)])
    print(f"nested CV (choice made inside each outer fold): F1 {f:.3f} P {p:.3f} R {r:.3f}; per fold F1 "
          + " ".join(f"{cf.prf(x)[0]:.3f}" for x in per) + "; R " + " ".join(f"{cf.prf(x)[2]:.3f}" for x in per))


def main():
    args = sys.argv[1:]
    data_dir, dump = args[0], args[1]
    k = int(args[args.index("--folds") + 1]) if "--folds" in args else 5
    stages = int(args[args.index("--stages") + 1]) if "--stages" in args else 3
    min_f1 = float(args[args.index("--min-f1") + 1]) if "--min-f1" in args else 0.88
    header = args[args.index("--write") + 1] if "--write" in args else None
    if "--depth" in args or "--article-weight" in args:
        use((int(args[args.index("--depth") + 1]) if "--depth" in args else PARAMS["max_depth"],
             float(args[args.index("--article-weight") + 1]) if "--article-weight" in args else WITH_WEIGHT))
    data = json.load(open(os.path.join(data_dir, "evaldata.json"), encoding="utf-8"))
    pages = cf.read_dump(dump)
    for lines in pages.values():
        for line in lines:
            if line[2] is not None and len(line[2]) != len(NAMES):
                sys.exit(f"the dump has {len(line[2])} features, this script knows {len(NAMES)}")
    names = sorted(data)
    pg = Pages(data, pages, names)
    folds = [[n for n in names if cf.fold_of(n, k) == i] for i in range(k)]
    thresholds = [x / 8 for x in range(-24, 9)]
    costs = [0.0, 0.5, 1.0, 2.0]
    if "--nested" in args:
        # --outer 3,4: only those outer folds (to share the work between processes)
        outer = [int(x) for x in args[args.index("--outer") + 1].split(",")] if "--outer" in args else None
        nested(pg, folds, k, stages, min_f1, thresholds, costs, outer)
        return
    held_scores = {}
    for i in range(k):
        train = [n for j in range(k) if j != i for n in folds[j]]
        held_scores.update(predict(pg, fit_stages(pg, train, stages, k), folds[i]))
    print(f"line model: gradient-boosted trees ({stages} stage{'s' if stages > 1 else ''}; depth "
          f"{PARAMS['max_depth']}, {PARAMS['max_iter']} trees), {k} folds by page (MD5 of the name), held-out scores pooled:")
    print("| switch cost | threshold | F1 | P | R | TP | FN | FP | TN | F1 per fold (min-max) |")
    print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|")
    best, table = None, {}
    for c in costs:
        for t in thresholds:
            per = [[sum(x) for x in zip(*[pg.counts(n, held_scores[n], t, c) for n in folds[i]])] for i in range(k)]
            tot = [sum(x) for x in zip(*per)]
            f, p, r = cf.prf(tot)
            fs = [cf.prf(x)[0] for x in per]
            table[(c, t)] = (tot, fs)
            se = (sum((x - sum(fs) / k) ** 2 for x in fs) / (k - 1)) ** 0.5 / k ** 0.5
            print(f"| {c:.2f} | {t:+.3f} | {f:.3f} | {p:.3f} | {r:.3f} | {tot[0]} | {tot[1]} | {tot[2]} | {tot[3]} | {min(fs):.3f}-{max(fs):.3f} |")
            key = (f - se >= min_f1, r, f)
            if best is None or key > best[0]:
                best = (key, (c, t))
    cost, t = best[1]
    tot, fs = table[best[1]]
    f, p, r = cf.prf(tot)
    print(f"chosen switch cost {cost:.2f}, threshold {t:+.3f}: held-out F1 {f:.3f} P {p:.3f} R {r:.3f}; "
          f"per fold F1 {' '.join(f'{x:.3f}' for x in fs)}")
    for want in (0.95, 0.96, 0.97):
        cand = [(cf.prf(v[0]), g) for g, v in table.items() if cf.prf(v[0])[2] >= want]
        if cand:
            (bf, bp, br), g = max(cand)
            print(f"  best held-out F1 at recall >= {want}: {bf:.3f} (P {bp:.3f} R {br:.3f}, cost {g[0]:.2f}, threshold {g[1]:+.3f})")
    # the token aim (precision of the kept snippet words at >= 0.95 of the
    # article's words), held out: at the chosen point and the best on the grid
    tok = {g: [sum(x) for x in zip(*[pg.token_counts(n, held_scores[n], g[1], g[0]) for n in names])]
           for g in table}
    tp_, tr_ = token_pr(tok[(cost, t)])
    line = f"held-out token figures at the chosen point: P {tp_:.3f} R {tr_:.3f}"
    cand = [(token_pr(v), g) for g, v in tok.items() if token_pr(v)[1] >= 0.95]
    if cand:
        (bp, br), g = max(cand)
        line += f"; best token P at token R >= 0.95: {bp:.3f} (R {br:.3f}, cost {g[0]:.2f}, threshold {g[1]:+.3f})"
    print(line)
    rng = random.Random(181)
    shuffled = names[:]
    rng.shuffle(shuffled)
    gs, gt = [], []
    for g in [shuffled[i:i + 181] for i in range(0, len(shuffled) - 180, 181)]:
        gs.append(cf.prf([sum(x) for x in zip(*[pg.counts(n, held_scores[n], t, cost) for n in g])]))
        gt.append(token_pr([sum(x) for x in zip(*[pg.token_counts(n, held_scores[n], t, cost) for n in g])]))
    print("groups of 181 pages (held-out verdicts): F1 " + " ".join(f"{g[0]:.3f}" for g in gs) +
          "; precision " + " ".join(f"{g[1]:.3f}" for g in gs) + "; recall " + " ".join(f"{g[2]:.3f}" for g in gs) +
          "; token P " + " ".join(f"{g[0]:.3f}" for g in gt) + "; token R " + " ".join(f"{g[1]:.3f}" for g in gt))
    halves = [[n for n in names if int(cf.hashlib.md5(n.encode()).hexdigest(), 16) % 2 == h] for h in (0, 1)]
    for h, half in enumerate(halves):
        hf, hp, hr = cf.prf([sum(x) for x in zip(*[pg.counts(n, held_scores[n], t, cost) for n in half])])
        print(f"MD5-parity half {'AB'[h]} ({len(half)} pages, held-out verdicts): F1 {hf:.3f} P {hp:.3f} R {hr:.3f}")
    if header:
        models = fit_stages(pg, names, stages, k)
        X, y = pg.training(names)
        with open(header, "w") as out:
            out.write("/* The line model's trees: written by bench/clean_fit_trees.py (do not edit by hand).\n"
                      f" * Gradient-boosted trees (depth {PARAMS['max_depth']}, {PARAMS['max_iter']} per stage, "
                      f"{stages} stage{'s' if stages > 1 else ''}) on the {len(y)} lines of\n"
                      " * scraped-dev that its snippets label (article or furniture), evidence from\n"
                      " * `chorus clean --pages --features`; the threshold and switch cost are chosen on\n"
                      f" * held-out folds ({k} by page): the highest `with` recall whose F1, less one\n"
                      f" * standard error over the folds, is >= {min_f1}: held-out F1 {f:.3f}, P {p:.3f}, R {r:.3f}.\n"
                      " * Rerun: bash bench/clean_fit.sh --write (after a change to the evidence). */\n")
            out.write(f"#define LINE_INPUTS {N_INPUT}\n")
            out.write(export_trees(models[0], "STAGE1"))
            out.write(f"#define LINE_STAGES {len(models)}\n")
            if len(models) > 1:
                out.write("#define LINE_STACKED 1\n")
                out.write(f"#define LINE_BLOCK_INPUTS {N_BLOCK}\n")
                out.write(f"#define LINE_STACK_INPUTS {9 + N_BLOCK}\n")
                out.write(f"static const double LINE_MAIN_CUT = {MAIN_CUT!r}, LINE_MAIN_COST = {MAIN_COST!r};\n")
                for i, m in enumerate(models[1:], start=2):
                    out.write(export_trees(m, f"STAGE{i}"))
            else:
                out.write("#define LINE_STACKED 0\n#define LINE_STACK_INPUTS 0\n")
            out.write(f"static const double LINE_THRESHOLD = {t:.3f};\n")
            out.write(f"static const double LINE_SWITCH_COST = {cost:.2f}; /* Viterbi: cost of a change between kept and dropped lines */\n")
        # the exported model on every page (in sample): what the binary must reproduce
        sc = predict(pg, models, names)
        c = [sum(x) for x in zip(*[pg.counts(n, sc[n], t, cost) for n in names])]
        af, ap, ar = cf.prf(c)
        print(f"exported model on all pages (in sample, the dump's pages): F1 {af:.3f} P {ap:.3f} R {ar:.3f} "
              f"TP {c[0]} FN {c[1]} FP {c[2]} TN {c[3]}")
        print(f"wrote {header}")


if __name__ == "__main__":
    main()
