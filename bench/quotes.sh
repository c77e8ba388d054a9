#!/usr/bin/env bash
# Quotations and speakers on PolNeAR dev (`chorus eval quotes`) beside the
# published reference, a speaker sanity count over PolNeAR and duc2007-stream,
# outlet naming on the extraction-dev pages that declare their outlet, and the
# time quotes, names and figures add to a digest:
# whole-process `chorus digest` with and without them (--no-quotes), median of
# RUNS runs, on the seed story (5 articles) and on DUC 2004 10-article clusters.
#
# usage: bench/quotes.sh [CHORUS_BINARY]     (default: build/chorus)
#   RUNS=11       runs per measurement (median taken)
#   CLUSTERS=5    DUC 2004 clusters timed
set -u
HERE=$(cd "$(dirname "$0")" && pwd)
BIN=${1:-$HERE/../build/chorus}
SHARED=${SHARED:-$HERE/../../shared}
RUNS=${RUNS:-11}
CLUSTERS=${CLUSTERS:-5}

[ -x "$BIN" ] || { echo "no chorus binary at $BIN (build first or pass its path)" >&2; exit 2; }
[ -d "$SHARED/data/polnear-dev/dev" ] || { echo "missing $SHARED/data/polnear-dev (the shared data)" >&2; exit 2; }
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

echo "## Quotes and speakers (PolNeAR dev)"
echo
"$BIN" eval quotes --data "$SHARED/data/polnear-dev" --split dev || exit 1
echo

# Speakers that cannot be speakers (time words, months, weekdays, platforms,
# honorifics, pronouns) or that no carrying article names, and unattributed
# quotes, over whole corpora read as one story each.
echo "## Speaker sanity (chorus quotes; checker: bench/speaker_sanity.py)"
echo
for corpus in polnear-dev/dev/text polnear-dev/train/text duc2007-stream/articles.jsonl; do
    echo "$corpus"
    echo
    "$BIN" quotes --format json "$SHARED/data/$corpus" | python3 "$HERE/speaker_sanity.py" "$SHARED/data/$corpus"
    echo
done

echo "## Outlet naming (extraction-dev pages that declare their outlet; bench/outlets.py)"
echo
python3 "$HERE/outlets.py" "$BIN" "$SHARED/data/extraction-dev/html"
echo

# The machine is shared: CPU time of the process (perf task-clock) is far
# steadier than wall time under load; wall time is used when perf is missing.
if perf stat -x, -e task-clock true >/dev/null 2>&1; then
    cpu_us() { perf stat -x, -e task-clock "$@" 2>&1 >/dev/null | awk -F, '/task-clock/ { printf "%d\n", $1 * 1000 }'; }
    CLOCK="CPU time (perf task-clock)"
else
    cpu_us() { local t0 t1; t0=$(date +%s%N); "$@" >/dev/null 2>&1; t1=$(date +%s%N); echo $(((t1 - t0) / 1000)); }
    CLOCK="wall time"
fi
median() { sort -n | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

echo "chorus quotes on PolNeAR dev (84 articles read as one story), median of $RUNS runs, $CLOCK:"
: >"$TMP/quotes"
for i in $(seq "$RUNS"); do cpu_us "$BIN" quotes "$SHARED/data/polnear-dev/dev/text" >>"$TMP/quotes"; done
awk -v q="$(median <"$TMP/quotes")" 'BEGIN { printf "%.1f ms\n", q / 1000 }'
echo

echo "Whole-process chorus digest --format json, median of $RUNS runs of each, $CLOCK;"
echo "runs with and without --no-quotes alternate so load changes hit both alike."
echo
echo "| story | articles | digest (ms) | with --no-quotes (ms) | added by quotes, names, figures (ms) |"
echo "|---|---:|---:|---:|---:|"
row() {
    local name=$1; shift
    local n=$# i
    : >"$TMP/with"; : >"$TMP/without"
    for i in $(seq "$RUNS"); do
        cpu_us "$BIN" digest --format json "$@" >>"$TMP/with"
        cpu_us "$BIN" digest --format json --no-quotes "$@" >>"$TMP/without"
    done
    awk -v n="$name" -v a="$n" -v w="$(median <"$TMP/with")" -v wo="$(median <"$TMP/without")" \
        'BEGIN { printf "| %s | %d | %.2f | %.2f | %.2f |\n", n, a, w / 1000, wo / 1000, (w - wo) / 1000 }'
}
row seeds "$SHARED"/seeds/*.txt
k=0
for dir in "$SHARED"/data/duc2004-dev/docs/d3*t; do
    [ "$k" -ge "$CLUSTERS" ] && break
    row "DUC $(basename "$dir")" "$dir"/*
    k=$((k + 1))
done
