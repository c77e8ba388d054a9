#!/usr/bin/env bash
# Quote merging on long inputs: `chorus quotes` over the 1,125 duc2007-stream
# articles read as one story. A quote entry whose versions come from articles
# of different gold topics cannot be one quote: counting them gives a floor
# on wrong merges. Entries carried by several articles are the merges made.
# usage: bench/quote_merge.sh [CHORUS_BINARY]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
chorus=${1:-$here/../build/chorus}
data=$here/../../shared/data/duc2007-stream
[ -x "$chorus" ] || { echo "quote_merge: no chorus binary at $chorus" >&2; exit 2; }
[ -f "$data/articles.jsonl" ] || { echo "quote_merge: missing $data" >&2; exit 2; }
"$chorus" quotes "$data/articles.jsonl" | python3 -c '
import json, sys
gold = {}
for line in open(sys.argv[1], encoding="utf-8"):
    ident, _, topic = line.rstrip("\n").partition("\t")
    if ident != "id":
        gold[ident] = topic
entries = multi = cross = 0
for line in sys.stdin:
    q = json.loads(line)
    articles = {s["article"] for s in q["sources"]}
    entries += 1
    multi += len(articles) > 1
    cross += len({gold[a] for a in articles}) > 1
print("| quote entries | carried by several articles | spanning articles of different topics |")
print("|---:|---:|---:|")
print(f"| {entries:,} | {multi} | {cross} |")
' "$data/gold.tsv"
