#!/usr/bin/python3
"""Baseline story clustering for bench/clusters.sh: TF-IDF (sublinear tf,
English stopwords) and scikit-learn's agglomerative clustering (average
linkage, cosine) and k-means, both GIVEN the true number of clusters.

usage: baseline_clusters.py ARTICLES.jsonl GOLD.tsv OUTDIR
Writes OUTDIR/agglomerative.tsv and OUTDIR/kmeans.tsv (id<TAB>cluster; no
k-means above 1,000 clusters).
"""
import json
import os
import sys

from sklearn.cluster import AgglomerativeClustering, KMeans
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.metrics.pairwise import cosine_distances


def main():
    articles_path, gold_path, outdir = sys.argv[1:4]
    articles = []
    with open(articles_path, encoding="utf-8") as f:
        for line in f:
            if line.strip():
                articles.append(json.loads(line))
    gold = set()
    with open(gold_path, encoding="utf-8") as f:
        for i, line in enumerate(f):
            fields = line.rstrip("\n").split("\t")
            if len(fields) >= 2 and not (i == 0 and fields[0] == "id"):
                gold.add(fields[1])
    k = len(gold)
    texts = [(a.get("title") or "") + "\n" + (a.get("text") or "") for a in articles]
    x = TfidfVectorizer(sublinear_tf=True, stop_words="english").fit_transform(texts)
    # Average link over cosine distances, computed once from the sparse
    # vectors (a dense copy of a large feed's vectors would not fit). k-means
    # with thousands of clusters takes hours: then it is left out (no file).
    models = {"agglomerative": AgglomerativeClustering(n_clusters=k, metric="precomputed", linkage="average")}
    if k <= 1000:
        models["kmeans"] = KMeans(n_clusters=k, n_init=10, random_state=0)
    for name, model in models.items():
        labels = model.fit_predict(cosine_distances(x) if name == "agglomerative" else x)
        with open(os.path.join(outdir, name + ".tsv"), "w", encoding="utf-8") as out:
            for a, label in zip(articles, labels):
                out.write(f"{a['id']}\t{label}\n")


if __name__ == "__main__":
    main()
