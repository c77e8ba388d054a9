#!/usr/bin/env bash
# Story and topic clustering: chorus (online decisions with time as evidence,
# then consolidation of the recent articles as graph communities; never told
# the number of groups) beside a standard batch baseline measured in the same
# run: TF-IDF + scikit-learn's agglomerative clustering (average link, cosine)
# and k-means, both GIVEN the true number of groups (bench/baseline_clusters.py,
# Debian python3-sklearn). Each data set is scored at the level of its gold
# groups: stories (events bounded in time) or topics (subjects over any span).
#
# Data (read from ../shared/data, never copied):
# - gva-stream: 5,638 dated local reports of 3,392 shootings (events: story level);
# - duc2004-dev: the 250 articles of 25 events (d3*t/D*.txt) mixed into one
#   JSONL in a fixed pseudo-random order, undated (events: story level);
# - duc2007-stream: 1,125 articles of 45 DUC 2007 topics, dated (topic level);
# - duc2006: the 625 articles of the 25 DUC 2006 dev topics (duc2006-focus-dev/docs),
#   dated by their document ids (APW19990707.0181: 1999-07-07), mixed in a fixed
#   pseudo-random order (topic level): a second topic set, so that a change is
#   not judged on duc2007 alone.
# For every set also the store path (chorus ingest, read back with chorus
# stories --format json --articles; topics and the stories nested in them
# with chorus stories --topics --format json --articles). For gva-stream
# also story spans, and stability: the feed
# shuffled and ingested in three calls, scored against the one-call store.
# Then each set's halves (its gold groups cut in two), clustered alone.
# Then the speed of `chorus cluster` on a synthetic feed (bench/gen_articles.py).
#
# usage: bench/clusters.sh [CHORUS_BINARY] [SYNTHETIC_ARTICLES]   (default 100000; 0 skips)
# DATA=DIR reads the shared data from DIR (default ../shared/data beside the checkout).
# Work files go to a new directory under /tmp, removed at the end unless KEEP=1.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
chorus=${1:-$here/../build/chorus}
synthetic=${2:-100000}
data=${DATA:-$here/../../shared/data}  # DATA=DIR: the shared data elsewhere (a git worktree)
py=/usr/bin/python3
[ -x "$chorus" ] || { echo "clusters: no chorus binary at $chorus" >&2; exit 2; }
[ -f "$data/duc2007-stream/articles.jsonl" ] || { echo "clusters: missing $data/duc2007-stream" >&2; exit 2; }
[ -d "$data/duc2004-dev/docs" ] || { echo "clusters: missing $data/duc2004-dev/docs" >&2; exit 2; }
[ -d "$data/duc2006-focus-dev/docs" ] || { echo "clusters: missing $data/duc2006-focus-dev/docs" >&2; exit 2; }
[ -f "$data/gva-stream/articles.jsonl" ] || { echo "clusters: missing $data/gva-stream" >&2; exit 2; }
$py -c 'import sklearn' 2>/dev/null || { echo "clusters: $py lacks sklearn (apt install python3-sklearn)" >&2; exit 2; }
dir=$(mktemp -d /tmp/chorus-clusters.XXXXXX)
[ "${KEEP:-0}" = 1 ] || trap 'rm -rf "$dir"' EXIT

# The DUC 2004 mixture: ids like d30001t/D01, shuffled with a fixed seed.
mkdir -p "$dir/duc2004"
$py "$here/duc2004_mixture.py" "$data/duc2004-dev/docs" "$dir/duc2004/articles.jsonl" "$dir/duc2004/gold.tsv"
# The DUC 2006 topics: one article per document id, dated by the id.
mkdir -p "$dir/duc2006"
$py - "$data/duc2006-focus-dev/docs" "$dir/duc2006" <<'PY'
import glob, json, os, random, re, sys
docs, out = sys.argv[1], sys.argv[2]
items = {}
for path in sorted(glob.glob(os.path.join(docs, "D06*", "*.txt"))):
    ident = os.path.splitext(os.path.basename(path))[0]
    m = re.match(r"[A-Z_]+(\d{4})(\d\d)(\d\d)", ident)
    with open(path, encoding="utf-8", errors="replace") as f:
        a = {"id": ident, "text": f.read()}
    if m:
        a["published"] = "-".join(m.groups())
    items.setdefault(ident, (a, os.path.basename(os.path.dirname(path))))
items = [items[k] for k in sorted(items)]
random.Random(2006).shuffle(items)
with open(os.path.join(out, "articles.jsonl"), "w", encoding="utf-8") as a, \
     open(os.path.join(out, "gold.tsv"), "w", encoding="utf-8") as g:
    g.write("id\tstory\n")
    for art, topic in items:
        a.write(json.dumps(art) + "\n")
        g.write(f"{art['id']}\t{topic}\n")
PY
mkdir -p "$dir/duc2007" "$dir/gva"
cp "$data/duc2007-stream/articles.jsonl" "$data/duc2007-stream/gold.tsv" "$dir/duc2007/"
cp "$data/gva-stream/articles.jsonl" "$data/gva-stream/gold.tsv" "$dir/gva/"

score() { # GOLD PRED -> "bP bR bF pF clusters"
    "$chorus" eval clusters --format tsv --gold "$1" --pred "$2" 2>/dev/null |
        awk -F'\t' 'NR == 2 { printf "%s %s %s %s %s\n", $6, $7, $8, $11, $3 }'
}
row() { # SYSTEM DATASET LEVEL GOLD PRED
    read -r bp br bf pf k < <(score "$4" "$5")
    printf '| %s | %s | %s | %s | %s | **%s** | %s | %s |\n' "$1" "$2" "$3" "$bp" "$br" "$bf" "$pf" "$k"
}
# The stories of a store as id<TAB>story, read through the CLI.
store_tsv() {
    "$chorus" stories --db "$1" --format json --articles |
        $py -c 'import json, sys
for s in json.load(sys.stdin)["stories"]:
    for a in s["articles"]:
        print(a + "\t" + str(s["id"]))'
}

printf '| system | data (gold groups) | level | B3 P | B3 R | B3 F1 | pairwise F1 | groups |\n'
printf '|---|---|---|---:|---:|---:|---:|---:|\n'
for set in gva duc2004 duc2007 duc2006; do
    d=$dir/$set
    level=story
    case $set in duc2007 | duc2006) level=topic ;; esac
    gold_k=$(tail -n +2 "$d/gold.tsv" | cut -f2 | sort -u | wc -l)
    "$chorus" cluster --level "$level" "$d/articles.jsonl" > "$d/chorus.tsv"
    "$chorus" cluster --level "$level" --online "$d/articles.jsonl" > "$d/online.tsv"
    $py "$here/baseline_clusters.py" "$d/articles.jsonl" "$d/gold.tsv" "$d"
    row "chorus cluster (k unknown)" "$set ($gold_k)" "$level" "$d/gold.tsv" "$d/chorus.tsv"
    row "chorus cluster --online: no consolidation" "$set ($gold_k)" "$level" "$d/gold.tsv" "$d/online.tsv"
    "$chorus" ingest --db "$d/one.db" "$d/articles.jsonl" > /dev/null
    store_tsv "$d/one.db" > "$d/ingest.tsv"
    row "chorus ingest: stories of the store" "$set ($gold_k)" story "$d/gold.tsv" "$d/ingest.tsv"
    # The store's topics, and its stories nested in them (as chorus cluster nests them).
    "$chorus" stories --db "$d/one.db" --topics --format json --articles |
        $py -c 'import json, sys
with open(sys.argv[1], "w") as topics, open(sys.argv[2], "w") as parts:
    for t in json.load(sys.stdin)["topics"]:
        for p in t["parts"]:
            for a in p["articles"]:
                topics.write(a + "\t" + str(t["id"]) + "\n")
                parts.write(a + "\t" + str(t["id"]) + "." + str(p["story"]) + "\n")' \
            "$d/store-topics.tsv" "$d/store-parts.tsv"
    if [ "$level" = topic ]; then
        row "chorus stories --topics of the store" "$set ($gold_k)" topic "$d/gold.tsv" "$d/store-topics.tsv"
    else
        row "chorus stories --topics: the store's stories nested in its topics" "$set ($gold_k)" story "$d/gold.tsv" "$d/store-parts.tsv"
    fi
    row "TF-IDF + agglomerative (k given)" "$set ($gold_k)" "$level" "$d/gold.tsv" "$d/agglomerative.tsv"
    if [ -f "$d/kmeans.tsv" ]; then
        row "TF-IDF + k-means (k given)" "$set ($gold_k)" "$level" "$d/gold.tsv" "$d/kmeans.tsv"
    else
        printf '| TF-IDF + k-means (k given) | %s | %s | (not run: k > 1,000) | | | | |\n' "$set ($gold_k)" "$level"
    fi
done

# Halves: each set's gold groups sorted by name and cut in two (DUC 2004 12/13
# events, duc2007 22/23 topics, DUC 2006 12/13), each half clustered alone: a
# change that helps only when particular groups share one feed shows here.
echo
printf '| chorus cluster on halves | level | first half B3 F1 | second half B3 F1 |\n'
printf '|---|---|---:|---:|\n'
for set in duc2004 duc2007 duc2006; do
    d=$dir/$set
    level=story
    case $set in duc2007 | duc2006) level=topic ;; esac
    $py - "$d/articles.jsonl" "$d/gold.tsv" "$d/half" <<'PY'
import json, sys
articles, gold_path, out = sys.argv[1:4]
gold = {}
with open(gold_path, encoding="utf-8") as f:
    for i, line in enumerate(f):
        fields = line.rstrip("\n").split("\t")
        if i and len(fields) >= 2:
            gold[fields[0]] = fields[1]
groups = sorted(set(gold.values()))
first = set(groups[:len(groups) // 2])
files = [(open(f"{out}{k}.jsonl", "w", encoding="utf-8"), open(f"{out}{k}.tsv", "w", encoding="utf-8"))
         for k in (0, 1)]
for _, g in files:
    g.write("id\tstory\n")
with open(articles, encoding="utf-8") as f:
    for line in f:
        ident = json.loads(line)["id"]
        if ident in gold:
            a, g = files[0 if gold[ident] in first else 1]
            a.write(line)
            g.write(f"{ident}\t{gold[ident]}\n")
for a, g in files:
    a.close()
    g.close()
PY
    f=()
    for k in 0 1; do
        "$chorus" cluster --level "$level" "$d/half$k.jsonl" > "$d/half$k.pred.tsv"
        read -r bp br bf pf n < <(score "$d/half$k.tsv" "$d/half$k.pred.tsv")
        f+=("$bf")
    done
    printf '| %s | %s | %s | %s |\n' "$set" "$level" "${f[0]}" "${f[1]}"
done

# Story spans (default window 7 days: no story may span more than 14) and
# stability, on gva-stream.
d=$dir/gva
$py - "$d/articles.jsonl" "$d/chorus.tsv" "$d/ingest.tsv" <<'PY'
import datetime, json, sys
day = {}
for line in open(sys.argv[1], encoding="utf-8"):
    a = json.loads(line)
    day[a["id"]] = datetime.date.fromisoformat(a["published"][:10]).toordinal()
print()
for name, path in (("cluster", sys.argv[2]), ("ingest", sys.argv[3])):
    lo, hi = {}, {}
    for line in open(path, encoding="utf-8"):
        i, s = line.rstrip("\n").split("\t")[:2]
        lo[s] = min(lo.get(s, day[i]), day[i])
        hi[s] = max(hi.get(s, day[i]), day[i])
    spans = sorted(hi[s] - lo[s] for s in lo)
    print(f"gva-stream, {name}: {len(spans)} stories; longest span {spans[-1]} days (limit 14);"
          f" stories spanning over 7 days: {sum(x > 7 for x in spans)}")
PY
printf 'id\tstory\n' > "$d/one.tsv"
cat "$d/ingest.tsv" >> "$d/one.tsv"
$py -c 'import random, sys
lines = open(sys.argv[1], encoding="utf-8").readlines()
random.Random(19).shuffle(lines)
n = len(lines)
for k in range(3):
    open(sys.argv[2] + str(k) + ".jsonl", "w", encoding="utf-8").writelines(lines[k * n // 3:(k + 1) * n // 3])' \
    "$d/articles.jsonl" "$d/batch-"
for k in 0 1 2; do "$chorus" ingest --db "$d/batches.db" "$d/batch-$k.jsonl" > /dev/null; done
store_tsv "$d/batches.db" > "$d/batches.tsv"
again=$("$chorus" ingest --db "$d/one.db" "$d/articles.jsonl" | awk '$1 == "moved" { print $2 }')
read -r bp br bf pf k < <(score "$d/one.tsv" "$d/batches.tsv")
echo "stability: the feed shuffled, in 3 ingest calls, against one call: B-cubed F1 $bf (target >= 0.98);" \
    "the same feed ingested again moved $again articles"

if [ "$synthetic" -gt 0 ]; then
    # In files of 150,000 lines: one input file may not exceed 256 MB.
    python3 "$here/gen_articles.py" "$synthetic" --source "$data/duc2007-stream/articles.jsonl" |
        split -l 150000 --additional-suffix=.jsonl - "$dir/feed-"
    echo
    echo "speed of \`chorus cluster\` (stories and topics) on $synthetic synthetic articles (features + decisions, reading excluded):"
    "$chorus" cluster --stats "$dir"/feed-*.jsonl 2>&1 >/dev/null | tail -1
fi
