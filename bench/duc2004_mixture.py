#!/usr/bin/env python3
"""The DUC 2004 mixture: every article of the dev events (d3*t/D*.txt) in one
undated JSONL feed, ids like d30001t/D01, shuffled with a fixed seed, and the
gold story of each (id<TAB>story). Used by bench/clusters.sh and the
cluster_mixture test, so both cluster the same feed.

usage: duc2004_mixture.py DOCS_DIR ARTICLES_JSONL GOLD_TSV
"""
import glob
import json
import os
import random
import sys


def main():
    if len(sys.argv) != 4:
        sys.exit(__doc__.strip().splitlines()[-1])
    docs, articles, gold = sys.argv[1:]
    items = []
    for path in sorted(glob.glob(os.path.join(docs, "d3*t", "D*.txt"))):
        cluster = os.path.basename(os.path.dirname(path))
        name = os.path.splitext(os.path.basename(path))[0]
        with open(path, encoding="utf-8", errors="replace") as f:
            items.append((cluster + "/" + name, cluster, f.read()))
    random.Random(2004).shuffle(items)
    with open(articles, "w", encoding="utf-8") as a, open(gold, "w", encoding="utf-8") as g:
        g.write("id\tstory\n")
        for ident, cluster, text in items:
            a.write(json.dumps({"id": ident, "text": text}) + "\n")
            g.write(f"{ident}\t{cluster}\n")


if __name__ == "__main__":
    main()
