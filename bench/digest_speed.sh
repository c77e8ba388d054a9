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

printf '%-22s %10s\n' "input" "median ms"
printf '%-22s %10s\n' "seeds (5 articles)" "$(median_ms "$chorus" digest "$shared"/seeds/*.txt)"
all=()
for d in "$shared"/data/duc2004-dev/docs/d3*t; do
  all+=("$(median_ms "$chorus" digest --words 100 "$d"/*)")
done
printf '%s\n' "${all[@]}" | sort -n | awk -v n="${#all[@]}" '
  {a[NR]=$1} END {printf "%-22s %10s\n%-22s %10s\n", "DUC 2004 dev: median", a[int((NR+1)/2)], "DUC 2004 dev: max", a[NR]; printf "(%d clusters of 10 articles)\n", n}'
