#!/usr/bin/env python3
"""Paired per-topic comparison of two systems' ROUGE scores.

usage: paired_test.py PER_TOPIC.tsv SYSTEM_A SYSTEM_B [METRIC...]
The TSV is `chorus eval rouge --per-cluster --format tsv` output. For each
metric: mean difference (A - B), topics won/lost/tied, a two-sided paired
randomization test (random sign flips of the differences, 100,000 draws,
fixed seed, so reruns agree) and the Wilcoxon signed-rank test (normal
approximation with tie correction)."""
import math
import random
import sys


def load(path):
    scores = {}
    for line in open(path):
        f = line.rstrip("\n").split("\t")
        if len(f) < 5 or f[1] in ("all", "cluster"):
            continue
        scores.setdefault((f[0], f[2]), {})[f[1]] = float(f[4])
    return scores


def wilcoxon(d):
    d = [x for x in d if x != 0]
    n = len(d)
    if n == 0:
        return 1.0
    order = sorted(range(n), key=lambda i: abs(d[i]))
    ranks = [0.0] * n
    i = 0
    ties = 0.0
    while i < n:
        j = i
        while j + 1 < n and abs(d[order[j + 1]]) == abs(d[order[i]]):
            j += 1
        r = (i + j + 2) / 2.0
        for k in range(i, j + 1):
            ranks[order[k]] = r
        t = j - i + 1
        ties += t ** 3 - t
        i = j + 1
    w = sum(r for r, x in zip(ranks, d) if x > 0)
    mean = n * (n + 1) / 4.0
    var = n * (n + 1) * (2 * n + 1) / 24.0 - ties / 48.0
    if var <= 0:
        return 1.0
    z = (abs(w - mean) - 0.5) / math.sqrt(var)
    return max(0.0, min(1.0, math.erfc(max(z, 0) / math.sqrt(2))))


def randomization(d, draws=100000):
    rng = random.Random(2006)
    obs = abs(sum(d))
    hits = 0
    for _ in range(draws):
        s = sum(x if rng.random() < 0.5 else -x for x in d)
        if abs(s) >= obs - 1e-12:
            hits += 1
    return (hits + 1) / (draws + 1)


def main():
    if len(sys.argv) < 4:
        sys.exit(__doc__)
    path, a, b = sys.argv[1:4]
    metrics = sys.argv[4:] or ["R-2", "R-SU4"]
    scores = load(path)
    for m in metrics:
        sa, sb = scores.get((a, m), {}), scores.get((b, m), {})
        topics = sorted(set(sa) & set(sb))
        d = [sa[t] - sb[t] for t in topics]
        if not d:
            print(f"{m}: no common topics")
            continue
        won = sum(x > 0 for x in d)
        lost = sum(x < 0 for x in d)
        print(f"{m}: {a} - {b} = {sum(d) / len(d):+.5f} over {len(d)} topics "
              f"(won {won}, lost {lost}, tied {len(d) - won - lost}); "
              f"paired randomization p = {randomization(d):.4f}; Wilcoxon signed-rank p = {wilcoxon(d):.4f}")


main()
