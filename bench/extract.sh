#!/usr/bin/env bash
# Article extraction on the 990-page extraction dev set: chorus's snippet
# precision, recall, accuracy and F (scored as the published benchmark
# scores them) beside the published table, and chorus's single-thread
# throughput in MB of HTML per second (median of RUNS runs).
#
# usage: bench/extract.sh [CHORUS_BINARY]     (default: build/chorus)
#   RUNS=3   runs for the throughput median
set -u
HERE=$(cd "$(dirname "$0")" && pwd)
BIN=${1:-$HERE/../build/chorus}
DATA=${DATA:-$HERE/../../shared/data/extraction-dev}
RUNS=${RUNS:-3}

[ -x "$BIN" ] || { echo "no chorus binary at $BIN (build first or pass its path)" >&2; exit 2; }
[ -f "$DATA/evaldata.json" ] || { echo "missing $DATA (the shared data)" >&2; exit 2; }
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

for i in $(seq "$RUNS"); do
    "$BIN" eval extract --data "$DATA" >"$TMP/run$i" || { echo "eval extract failed" >&2; exit 1; }
done
scores=$(awk '$1 == "chorus" {print $2, $3, $4, $5}' "$TMP/run1")
read -r p r a f <<<"$scores"
mbs=$(awk '/^throughput/ {print $2}' "$TMP"/run* | sort -n | awk '{v[NR]=$1} END {print (NR % 2) ? v[(NR+1)/2] : (v[NR/2]+v[NR/2+1])/2}')
pages=$(awk '$1 == "pages" {print $2}' "$TMP/run1")

echo "Article extraction, $pages pages (extraction-dev), snippet matching as the published benchmark"
echo
echo "| system | precision | recall | accuracy | F |"
echo "|---|---:|---:|---:|---:|"
printf '| **chorus** | **%s** | **%s** | **%s** | **%s** |\n' "$p" "$r" "$a" "$f"
# Published F-scores on the same 990 pages (trafilatura docs/evaluation.rst,
# 2026-08-04, as listed in ../shared/data/README.md); P/R/accuracy not listed there.
while IFS='|' read -r name score; do
    printf '| %s | | | | %s |\n' "$name" "$score"
done <<'TABLE'
trafilatura 2.2.0|0.924
justext|0.862
news-please|0.836
readability-lxml|0.826
text-markup baseline|0.815
resiliparse|0.811
goose3|0.810
newspaper4k|0.801
raw HTML|0.667
TABLE
echo
echo "throughput: $mbs MB of HTML per second (median of $RUNS runs; decode + parse + extract, single thread)"
