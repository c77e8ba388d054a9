#!/usr/bin/env bash
# Disagreements between reports: chorus eval disagreements on the hand-labelled
# clusters (../shared/data/disagreements-dev) beside the targets, and the
# whole-process time of a digest (median of RUNS runs) on the seeds and on each
# 10-article DUC 2004 cluster of the labels.
#   bash bench/disagreements.sh [path/to/chorus] [RUNS]
set -euo pipefail
src=$(cd "$(dirname "$0")/.." && pwd)
chorus=${1:-$src/build/chorus}
runs=${2:-11}
data="$src/../shared/data"
[ -d "$data/disagreements-dev" ] || { echo "skipped: ../shared/data not found"; exit 0; }

"$chorus" eval disagreements --data "$data/disagreements-dev"
echo
echo "targets (issue): conflicts found >= 85%, updates found >= 85%, rounding never a conflict,"
echo "false alarms <= 3% of agree + not-disagreement cases, wrong unmatched reports <= 1 per 5 clusters"
echo

# median whole-process wall time and CPU time (user + system) in ms of:
# chorus digest ARGS. On a shared machine the wall time carries the waiting
# for a core; the CPU time is what the process itself spends.
tf=$(mktemp)
trap 'rm -f "$tf"' EXIT
median_ms() {
  local w=() c=()
  for _ in $(seq "$runs"); do
    local out
    /usr/bin/time -o "$tf" -f "%e %U %S" "$chorus" digest "$@" >/dev/null 2>&1 || true
    out=$(tail -1 "$tf")
    w+=($(awk '{printf "%d", $1 * 1000000}' <<<"$out"))
    c+=($(awk '{printf "%d", ($2 + $3) * 1000000}' <<<"$out"))
  done
  local mw mc
  mw=$(printf '%s\n' "${w[@]}" | sort -n | awk '{a[NR]=$1} END {printf "%.0f", a[int((NR+1)/2)]/1000}')
  mc=$(printf '%s\n' "${c[@]}" | sort -n | awk '{a[NR]=$1} END {printf "%.0f", a[int((NR+1)/2)]/1000}')
  echo "$mw | $mc"
}

echo "| input | median wall ms | median CPU ms | target (whole process) |"
echo "|---|---|---|---|"
echo "| seeds (5 articles) | $(median_ms "$src/../shared/seeds"/*) | <= 20 |"
for c in $(sed 's/.*"cluster": *"\([^"]*\)".*/\1/' "$data/disagreements-dev/labels.jsonl" | sort -u); do
  echo "| DUC 2004 $c (10 articles) | $(median_ms "$data/duc2004-dev/docs/$c"/*) | <= 40 |"
done
