#!/usr/bin/env bash
# Cleaning scraped text: `chorus clean --pages` on the pages of scraped-dev
# (every visible text block of a page a line), all in one process, scored with the snippet metric of
# its README beside its two baselines (recomputed by the same scorer), plus
# token figures on the snippets; then cleaning speed on English news text
# (the DUC 2004 dev articles, one `chorus clean` per cluster as one story),
# median of RUNS runs of whole-process time.
#
# usage: bench/clean.sh [CHORUS_BINARY]     (default: build/chorus)
#   RUNS=5           runs for the speed median
#   DATA=DIR         the scraped pages (default ../shared/data/scraped-dev)
#   PAGES=FILE       score only the pages named in FILE (one name a line)
#   GROUPS_OF=181    clean the pages in random groups of this many (the hidden set's size),
#                    one process each, instead of all together
set -u
HERE=$(cd "$(dirname "$0")" && pwd)
BIN=$(realpath "${1:-$HERE/../build/chorus}")
DATA=${DATA:-$HERE/../../shared/data/scraped-dev}
NEWS=${NEWS:-$HERE/../../shared/data/duc2004-dev/docs}
RUNS=${RUNS:-5}

[ -x "$BIN" ] || { echo "no chorus binary at $BIN (build first or pass its path)" >&2; exit 2; }
[ -f "$DATA/evaldata.json" ] || { echo "missing $DATA (the shared data)" >&2; exit 2; }
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

mkdir -p "$TMP/out"
if [ -n "${GROUPS_OF:-}" ]; then
    # As the hidden set is cleaned: the pages in random groups of GROUPS_OF
    # (fixed seed), one process per group, so template evidence comes from
    # that many pages only.
    python3 -c "import random,sys,os; n=sorted(f for f in os.listdir(sys.argv[1]) if f.endswith('.txt')); random.Random(181).shuffle(n); k=int(sys.argv[2]); [open(os.path.join(sys.argv[3],'group%03d'%(i//k)),'a').write(f+'\n') for i,f in enumerate(n)]" "$DATA" "$GROUPS_OF" "$TMP"
    for g in "$TMP"/group*; do
        (cd "$DATA" && xargs -d "\n" "$BIN" clean --pages -o "$g.out" <"$g" 2>/dev/null)
        python3 "$HERE/clean_split.py" "$g.out" "$TMP/out" .txt
    done
else
    # All pages in one process as pages of a crawl (clean --pages): each page is
    # its own story, and what recurs across the pages is evidence of templates.
    "$BIN" clean --pages -o "$TMP/all.txt" "$DATA"/*.txt 2>/dev/null
    python3 "$HERE/clean_split.py" "$TMP/all.txt" "$TMP/out" .txt
fi
echo "Cleaning scraped pages: scraped-dev, snippet metric of its README (micro over all snippets)"
echo
if [ -n "${PAGES:-}" ]; then
    python3 "$HERE/clean_score.py" "$DATA" "$TMP/out" --pages "$PAGES"
else
    python3 "$HERE/clean_score.py" "$DATA" "$TMP/out"
fi

if [ -d "$NEWS" ]; then
    # English news: every DUC 2004 dev article, four times over, in one file
    # (about 3.8 MB), so process start-up is a small share; CPU time (user +
    # system) because the machine is shared and wall time measures the queue.
    for k in 1 2 3 4; do cat "$NEWS"/*/*; done >"$TMP/news.txt"
    bytes=$(wc -c <"$TMP/news.txt")
    for i in $(seq "$RUNS"); do
        # (the sentence limit is raised: four copies of the articles exceed the default)
        /usr/bin/time -f "%U %S" -o "$TMP/t$i" "$BIN" --max sentences=1M clean "$TMP/news.txt" >/dev/null 2>&1
        awk -v b="$bytes" '{t = $1 + $2; if (t < 0.01) t = 0.01; printf "%.1f\n", b / 1e6 / t}' "$TMP/t$i"
    done | sort -n >"$TMP/speed"
    med=$(awk '{v[NR]=$1} END {print (NR % 2) ? v[(NR+1)/2] : (v[NR/2]+v[NR/2+1])/2}' "$TMP/speed")
    echo
    echo "Speed on English news (DUC 2004 dev articles x4, $bytes bytes, whole process: read, normalize, clean):"
    echo "median $med MB/s of CPU time, $RUNS runs (runs: $(tr '\n' ' ' <"$TMP/speed"))"
fi
