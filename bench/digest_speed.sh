#!/usr/bin/env bash
# Whole-process digest time: the seeds and each DUC 2004 dev cluster, median
# of several runs (ms). Usage: bench/digest_speed.sh [CHORUS] [RUNS]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
chorus=${1:-$here/../build/chorus}
runs=${2:-11}
shared=${SHARED:-$here/../../shared}

median_ms() { # command... -> median wall time in ms over $runs runs
  local t=()
  for ((i = 0; i < runs; i++)); do
    local s=$(date +%s%N)
    "$@" > /dev/null 2>&1 || true
    t+=($(( ($(date +%s%N) - s) / 1000 )))
  done
  printf '%s\n' "${t[@]}" | sort -n | awk '{a[NR]=$1} END {m=a[int((NR+1)/2)]; printf "%.1f", m/1000}'
}

printf '%-30s %10s\n' "input" "median ms"
printf '%-30s %10s\n' "seeds (5 articles)" "$(median_ms "$chorus" digest "$shared"/seeds/*.txt)"
# At the DUC task's budget (100 words), then at the default budget (200
# words): the exact summary search grows with the budget.
for words in 100 200; do
  all=()
  for d in "$shared"/data/duc2004-dev/docs/d3*t; do
    all+=("$(median_ms "$chorus" digest --words "$words" "$d"/*)")
  done
  printf '%s\n' "${all[@]}" | sort -n | awk -v n="${#all[@]}" -v w="$words" '
    {a[NR]=$1} END {printf "%-30s %10s\n%-30s %10s\n", "DUC 2004 dev, " w " words: median", a[int((NR+1)/2)], "DUC 2004 dev, " w " words: max", a[NR]}'
done
echo "(25 clusters of 10 articles)"
