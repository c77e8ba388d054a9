#!/usr/bin/env bash
# Story clustering: chorus (online decisions, then consolidation of the recent
# articles as graph communities; not told the number of stories), and its
# online decisions alone (--online), beside a
# standard batch baseline measured in the same run: TF-IDF + scikit-learn's
# agglomerative clustering (average link, cosine) and k-means, both GIVEN the
# true number of clusters (bench/baseline_clusters.py, Debian python3-sklearn).
#
# Data (read from ../shared/data, never copied):
# - duc2007-stream: 1,125 articles of 45 DUC 2007 topics, in publication order;
# - duc2004-dev: the 250 articles of 25 events (d3*t/D*.txt) mixed into one
#   JSONL in a fixed pseudo-random order (no dates), gold = the directory.
# Then the speed of `chorus cluster` on a synthetic feed (bench/gen_articles.py).
#
# usage: bench/clusters.sh [CHORUS_BINARY] [SYNTHETIC_ARTICLES]   (default 100000; 0 skips)
# Work files go to a new directory under /tmp, removed at the end unless KEEP=1.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
chorus=${1:-$here/../build/chorus}
synthetic=${2:-100000}
data=$here/../../shared/data
py=/usr/bin/python3
[ -x "$chorus" ] || { echo "clusters: no chorus binary at $chorus" >&2; exit 2; }
[ -f "$data/duc2007-stream/articles.jsonl" ] || { echo "clusters: missing $data/duc2007-stream" >&2; exit 2; }
[ -d "$data/duc2004-dev/docs" ] || { echo "clusters: missing $data/duc2004-dev/docs" >&2; exit 2; }
$py -c 'import sklearn' 2>/dev/null || { echo "clusters: $py lacks sklearn (apt install python3-sklearn)" >&2; exit 2; }
dir=$(mktemp -d /tmp/chorus-clusters.XXXXXX)
[ "${KEEP:-0}" = 1 ] || trap 'rm -rf "$dir"' EXIT

# The DUC 2004 mixture: ids like d30001t/D01, shuffled with a fixed seed.
mkdir -p "$dir/duc2004"
$py - "$data/duc2004-dev/docs" "$dir/duc2004" <<'EOF'
import glob, json, os, random, sys
docs, out = sys.argv[1], sys.argv[2]
items = []
for path in sorted(glob.glob(os.path.join(docs, "d3*t", "D*.txt"))):
    cluster = os.path.basename(os.path.dirname(path))
    name = os.path.splitext(os.path.basename(path))[0]
    with open(path, encoding="utf-8", errors="replace") as f:
        items.append((cluster + "/" + name, cluster, f.read()))
random.Random(2004).shuffle(items)
with open(os.path.join(out, "articles.jsonl"), "w", encoding="utf-8") as a, \
     open(os.path.join(out, "gold.tsv"), "w", encoding="utf-8") as g:
    g.write("id\tstory\n")
    for ident, cluster, text in items:
        a.write(json.dumps({"id": ident, "text": text}) + "\n")
        g.write(f"{ident}\t{cluster}\n")
EOF
mkdir -p "$dir/duc2007"
cp "$data/duc2007-stream/articles.jsonl" "$data/duc2007-stream/gold.tsv" "$dir/duc2007/"

score() { # GOLD PRED -> "bP bR bF pF clusters"
    "$chorus" eval clusters --format tsv --gold "$1" --pred "$2" |
        awk -F'\t' 'NR == 2 { printf "%s %s %s %s %s\n", $6, $7, $8, $11, $3 }'
}
row() { # SYSTEM DATASET GOLD PRED
    read -r bp br bf pf k < <(score "$3" "$4")
    printf '| %s | %s | %s | %s | **%s** | %s | %s |\n' "$1" "$2" "$bp" "$br" "$bf" "$pf" "$k"
}

printf '| system | data | B3 P | B3 R | B3 F1 | pairwise F1 | clusters (gold) |\n'
printf '|---|---|---:|---:|---:|---:|---:|\n'
for set in duc2007 duc2004; do
    d=$dir/$set
    gold_k=$(tail -n +2 "$d/gold.tsv" | cut -f2 | sort -u | wc -l)
    "$chorus" cluster "$d/articles.jsonl" > "$d/chorus.tsv"
    "$chorus" cluster --online "$d/articles.jsonl" > "$d/online.tsv"
    $py "$here/baseline_clusters.py" "$d/articles.jsonl" "$d/gold.tsv" "$d"
    row "chorus (k unknown)" "$set ($gold_k)" "$d/gold.tsv" "$d/chorus.tsv"
    row "chorus --online: no consolidation" "$set ($gold_k)" "$d/gold.tsv" "$d/online.tsv"
    row "TF-IDF + agglomerative (k given)" "$set ($gold_k)" "$d/gold.tsv" "$d/agglomerative.tsv"
    row "TF-IDF + k-means (k given)" "$set ($gold_k)" "$d/gold.tsv" "$d/kmeans.tsv"
done

if [ "$synthetic" -gt 0 ]; then
    # In files of 150,000 lines: one input file may not exceed 256 MB.
    python3 "$here/gen_articles.py" "$synthetic" --source "$data/duc2007-stream/articles.jsonl" |
        split -l 150000 --additional-suffix=.jsonl - "$dir/feed-"
    echo
    echo "speed of \`chorus cluster\` on $synthetic synthetic articles (features + decisions, reading excluded):"
    "$chorus" cluster --stats "$dir"/feed-*.jsonl 2>&1 >/dev/null | tail -1
fi
