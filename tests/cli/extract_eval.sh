#!/usr/bin/env bash
# `chorus eval extract` on the 990-page extraction dev set: every page is
# read and scored, and the F-score stays above the level of the published
# general-purpose extractors (a regression guard, not a target).
set -euo pipefail
chorus=$1
src=$2
data="$src/../shared/data/extraction-dev"
if [ ! -f "$data/evaldata.json" ] || [ ! -d "$data/html" ]; then
    echo "FAIL: $data is missing (evaluation data is required)" >&2
    exit 1
fi
out=$("$chorus" eval extract --data "$data")
echo "$out"
pages=$(echo "$out" | awk '/^pages/ {print $2}')
[ "$pages" = 990 ] || { echo "FAIL: expected 990 pages scored, got '$pages'" >&2; exit 1; }
f=$(echo "$out" | awk '$1 == "chorus" {print $5}')
awk -v f="$f" 'BEGIN { exit !(f >= 0.90) }' || { echo "FAIL: F-score $f below 0.90" >&2; exit 1; }
# --per-page lists each missed or unwanted snippet with its page
per_page=$("$chorus" eval extract --data "$data" --per-page)
grep -qP '\t(missed|unwanted)\t' <<<"$per_page" || { echo "FAIL: --per-page listed nothing" >&2; exit 1; }
echo "extract_eval: ok"
