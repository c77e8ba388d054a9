#!/usr/bin/env bash
# `chorus eval extract` on the 990-page extraction dev set: every page is
# read and scored, and the F-score stays above the level of the published
# general-purpose extractors (a regression guard, not a target).
set -euo pipefail
chorus=$1
src=$2
data="$src/../shared/data/extraction-dev"
. "$src/tests/lib/require_shared.sh"
require_shared "$data"
if [ ! -f "$data/evaldata.json" ] || [ ! -d "$data/html" ]; then
    echo "FAIL: $data is missing (evaluation data is required)" >&2
    exit 1
fi
# one run: --per-page lists each missed or unwanted snippet, then the summary
out=$("$chorus" eval extract --data "$data" --per-page)
echo "$out" | grep -vP '\t(missed|unwanted)\t'
pages=$(echo "$out" | awk '$1 == "pages" && $3 == "(unreadable" {print $2}')
[ "$pages" = 990 ] || { echo "FAIL: expected 990 pages scored, got '$pages'" >&2; exit 1; }
f=$(echo "$out" | awk '$1 == "chorus" {print $5}')
awk -v f="$f" 'BEGIN { exit !(f >= 0.90) }' || { echo "FAIL: F-score $f below 0.90" >&2; exit 1; }
grep -qP '\t(missed|unwanted)\t' <<<"$out" || { echo "FAIL: --per-page listed nothing" >&2; exit 1; }
echo "extract_eval: ok"
