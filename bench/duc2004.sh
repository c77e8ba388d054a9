#!/usr/bin/env bash
# DUC 2004 Task 2 (25 dev clusters): chorus digests of 100 words scored with
# `chorus eval rouge` (ROUGE-1.5.5 settings) beside the 13 published systems,
# plus the digest's whole-process time per cluster and the scorer's time.
#
# usage: bench/duc2004.sh [CHORUS_BINARY [DIGEST_OPTION...]]   (default: build/chorus)
#   e.g. bench/duc2004.sh build/chorus --compress --fill
#   RUNS=5        digest runs per cluster for the timing (median taken)
#   SCORER_RUNS=5 runs of the 13-system scoring job (median taken)
set -u
HERE=$(cd "$(dirname "$0")" && pwd)
BIN=${1:-$HERE/../build/chorus}
shift $(( $# > 0 ? 1 : 0 ))
EXTRA=("$@")
DUC=${DUC:-$HERE/../../shared/data/duc2004-dev}
RUNS=${RUNS:-5}
SCORER_RUNS=${SCORER_RUNS:-5}

[ -x "$BIN" ] || { echo "no chorus binary at $BIN (build first or pass its path)" >&2; exit 2; }
[ -d "$DUC/docs" ] || { echo "missing $DUC (the shared data)" >&2; exit 2; }
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
mkdir "$TMP/peers"

now_ns() { date +%s%N; }
median() { sort -n | awk '{ v[NR] = $1 } END { if (NR == 0) print "nan"; else if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

# Digest every cluster; time RUNS whole-process runs of each.
failed=0
: >"$TMP/cluster_ms"
for dir in "$DUC"/docs/d3*t; do
    c=$(basename "$dir"); c=${c%t}
    if ! "$BIN" digest --format summary --words 100 "${EXTRA[@]}" "$dir"/* >"$TMP/peers/$c.chorus" 2>"$TMP/err"; then
        echo "digest failed on $c: $(head -1 "$TMP/err")" >&2
        rm -f "$TMP/peers/$c.chorus"
        failed=$((failed + 1))
        continue
    fi
    for _ in $(seq "$RUNS"); do
        t0=$(now_ns)
        "$BIN" digest --format summary --words 100 "${EXTRA[@]}" "$dir"/* >/dev/null 2>&1
        t1=$(now_ns)
        echo $(((t1 - t0) / 1000))
    done | median | awk -v c="$c" '{ printf "%s %.1f\n", c, $1 / 1000 }' >>"$TMP/cluster_ms"
done

# Score chorus with the published systems in one run.
cp "$DUC"/peers/* "$TMP/peers/"
"$BIN" eval rouge --format tsv "$DUC/models" "$TMP/peers" >"$TMP/scores.tsv" 2>"$TMP/score_err"
rc=$?
if [ $rc -gt 1 ]; then
    echo "eval rouge failed ($rc): $(head -3 "$TMP/score_err")" >&2
    exit 1
fi

echo "DUC 2004 Task 2, $(ls -d "$DUC"/docs/d3*t | wc -l) dev clusters, ROUGE recall x100"
echo "(ROUGE-1.5.5 -n 2 -2 4 -u -m -l 100 -c 95 -r 1000 -f A -p 0.5 -t 0 as reproduced by chorus eval rouge; sorted by R-2)"
awk -F'\t' '
    $2 == "all" { v[$1, $3] = $5; lo[$1, $3] = $6; hi[$1, $3] = $7; n[$1] = $4; sys[$1] = 1 }
    END {
        for (s in sys) printf "%-12s %6.2f %6.2f %6.2f %4d%s\n", s, 100 * v[s, "R-1"], 100 * v[s, "R-2"],
                              100 * v[s, "R-SU4"], n[s], s == "chorus" ? "   <-" : ""
    }' "$TMP/scores.tsv" | sort -k3,3nr -k2,2nr >"$TMP/table"
printf '%-12s %6s %6s %6s %4s\n' system R-1 R-2 R-SU4 n
cat "$TMP/table"
awk -F'\t' '$1 == "chorus" && $2 == "all" {
    printf "chorus 95%% intervals: %s %.2f-%.2f\n", $3, 100 * $6, 100 * $7 }' "$TMP/scores.tsv"
[ "$failed" -gt 0 ] && echo "digest failed on $failed clusters (not scored for chorus)"

if [ -s "$TMP/cluster_ms" ]; then
    med=$(awk '{ print $2 }' "$TMP/cluster_ms" | median)
    max=$(awk '{ print $2 }' "$TMP/cluster_ms" | sort -n | tail -1)
    maxc=$(sort -k2,2n "$TMP/cluster_ms" | tail -1 | cut -d' ' -f1)
    printf 'digest time per cluster (whole process, median of %d runs): median %.1f ms, max %.1f ms (%s)\n' \
        "$RUNS" "$med" "$max" "$maxc"
fi

# Scorer speed on the published job alone: 13 systems x 25 clusters. CPU
# time is given too: on a shared machine it varies less than wall time.
for _ in $(seq "$SCORER_RUNS"); do
    /usr/bin/time -f '%e %U' -o "$TMP/time" "$BIN" eval rouge --format tsv "$DUC/models" "$DUC/peers" \
        >/dev/null 2>&1
    cat "$TMP/time"
done >"$TMP/scorer_times"
wall=$(awk '{ print $1 * 1000 }' "$TMP/scorer_times" | median)
cpu=$(awk '{ print $2 * 1000 }' "$TMP/scorer_times" | median)
printf 'scorer, 13 systems x 25 clusters, R-1/2/SU4/L + 1000-resample intervals (whole process, median of %d): %.0f ms wall, %.0f ms user CPU\n' \
    "$SCORER_RUNS" "$wall" "$cpu"
echo "load average while measuring: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
