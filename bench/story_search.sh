#!/usr/bin/env bash
# Story search over a store: `chorus stories --query` whole-process time
# (median of RUNS) on a store of generated articles (bench/gen_articles.py,
# as bench/scale.sh makes them), for a few queries, and the one-time cost of
# building the search index.
# usage: bench/story_search.sh [CHORUS_BINARY [N_ARTICLES]]   (default 100000)
#   STORE=FILE  use this store (a copy is searched) instead of generating one
#   RUNS=9      runs per query
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
chorus=${1:-$here/../build/chorus}
n=${2:-100000}
RUNS=${RUNS:-9}
feed_src=$here/../../shared/data/duc2007-stream/articles.jsonl
dir=$(mktemp -d /tmp/chorus-search.XXXXXX)
trap 'rm -rf "$dir"' EXIT
median() { sort -n | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
if [ -n "${STORE:-}" ]; then
    cp "$STORE" "$dir/store.db"
else
    [ -f "$feed_src" ] || { echo "story_search: source articles missing: $feed_src" >&2; exit 2; }
    python3 "$here/gen_articles.py" "$n" --source "$feed_src" >"$dir/feed.jsonl"
    "$chorus" ingest --db "$dir/store.db" "$dir/feed.jsonl" >/dev/null
fi
articles=$(sqlite3 "$dir/store.db" "SELECT count(*) FROM articles")
t0=$(date +%s%N)
"$chorus" stories --db "$dir/store.db" --query "earthquake" --limit 1 >/dev/null
t1=$(date +%s%N)
printf 'store: %s articles; first search (builds the index): %.1f s\n' "$articles" "$(echo "($t1 - $t0) / 1000000000" | bc -l)"
printf '| query | median ms (wall) | median ms (user+sys CPU) |\n|---|---:|---:|\n'
for q in "earthquake victims rescue" "Pinochet arrest London" "nuclear tests India Pakistan" "hurricane damage" "the president said"; do
    for _ in $(seq "$RUNS"); do
        /usr/bin/time -f '%e %U %S' -o "$dir/t" "$chorus" stories --db "$dir/store.db" --query "$q" --limit 10 >/dev/null
        cat "$dir/t"
    done >"$dir/times"
    w=$(awk '{ print $1 * 1000 }' "$dir/times" | median)
    c=$(awk '{ print ($2 + $3) * 1000 }' "$dir/times" | median)
    printf '| %s | %.0f | %.0f |\n' "$q" "$w" "$c"
done
echo "load average while measuring: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
