#!/usr/bin/python3
"""Can the two DUC 2004 event pairs that chorus fuses be told apart by
splitting, without dates? For each gold event alone, and for each fused pair,
bisect the articles spectrally (TF-IDF cosine, scikit-learn) and print the
split's mean cross similarity over its mean within similarity: a split
criterion would need the fused pairs to score clearly lower than every single
event. Also the adjusted Rand index of the pair's split against the gold
events (1 = separated).

usage: /usr/bin/python3 bench/event_split.py [DUC2004_DOCS]
"""
import glob
import os
import sys

import numpy as np
from sklearn.cluster import SpectralClustering
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.metrics import adjusted_rand_score

docs = sys.argv[1] if len(sys.argv) > 1 else os.path.join(
    os.path.dirname(os.path.abspath(__file__)), "../../shared/data/duc2004-dev/docs")
texts, events = [], []
for path in sorted(glob.glob(os.path.join(docs, "d3*t", "D*.txt"))):
    with open(path, encoding="utf-8", errors="replace") as f:
        texts.append(f.read())
    events.append(os.path.basename(os.path.dirname(path)))
if not texts:
    sys.exit(f"event_split: no articles under {docs}")
X = TfidfVectorizer(sublinear_tf=True, stop_words="english").fit_transform(texts)


def bisect(members):
    S = (X[members] @ X[members].T).toarray()
    side = SpectralClustering(2, affinity="precomputed", random_state=0).fit_predict(S) == 0
    a, b = np.where(side)[0], np.where(~side)[0]

    def within(g):
        sub = S[np.ix_(g, g)]
        return (sub.sum() - np.trace(sub)) / max(1, len(g) * (len(g) - 1))

    w = (within(a) * len(a) + within(b) * len(b)) / len(members)
    return S[np.ix_(a, b)].mean() / w, side


print("| articles | cross / within of the best bisection | ARI against gold |")
print("|---|---:|---:|")
ratios = []
for e in sorted(set(events)):
    r, _ = bisect([i for i, x in enumerate(events) if x == e])
    ratios.append(r)
print(f"| each single event (25): min / median / max | {min(ratios):.2f} / {np.median(ratios):.2f} / {max(ratios):.2f} | |")
for pair in (("d30050t", "d30024t"), ("d31033t", "d30026t")):
    members = [i for i, x in enumerate(events) if x in pair]
    r, side = bisect(members)
    ari = adjusted_rand_score([events[i] for i in members], side)
    print(f"| fused pair {pair[0]} + {pair[1]} | {r:.2f} | {ari:.2f} |")
