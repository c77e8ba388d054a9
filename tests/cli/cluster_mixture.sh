#!/usr/bin/env bash
# Story clustering of many events at once (data tier): the DUC 2004 mixture
# (250 undated articles of 25 events, shuffled as bench/clusters.sh does)
# reaches B-cubed F1 0.95 at story level, which modularity alone missed
# (0.945: two pairs of related events fused in a window of 25 events; see
# cx_split_unions); and re-dividing communities does not cut a developing
# event apart: on the dated DUC 2007 stream at story level, the 1999 Turkish
# earthquake (D0743J, 19 reports over 8 days) stays one story.
# usage: cluster_mixture.sh CHORUS_BINARY SOURCE_DIR  (CHORUS_DATA: the data
# elsewhere, default SOURCE_DIR/../shared/data)
set -uo pipefail
chorus=$1
src=$2
data=${CHORUS_DATA:-$src/../shared/data}
. "$src/tests/lib/require_shared.sh"
require_shared "$data/duc2004-dev/docs"
require_shared "$data/duc2007-stream/articles.jsonl"
fail() { echo "cluster_mixture: FAIL: $*" >&2; exit 1; }
command -v python3 > /dev/null || fail "python3 is needed to build the mixture"
dir=$(mktemp -d /tmp/chorus-mixture-test.XXXXXX)
trap 'rm -rf "$dir"' EXIT

python3 "$src/bench/duc2004_mixture.py" "$data/duc2004-dev/docs" "$dir/mix.jsonl" "$dir/gold.tsv" ||
    fail "could not build the mixture"
[ "$(grep -c . "$dir/mix.jsonl")" = 250 ] || fail "the mixture should hold 250 articles"

"$chorus" cluster "$dir/mix.jsonl" > "$dir/pred.tsv" || fail "chorus cluster exited $?"
f1=$("$chorus" eval clusters --format tsv --gold "$dir/gold.tsv" --pred "$dir/pred.tsv" |
    awk -F'\t' 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == "bcubed_f1") c = i; next } c { print $c; exit }')
[ -n "$f1" ] || fail "no B-cubed F1 in chorus eval clusters' output"
awk -v f="$f1" 'BEGIN { exit !(f >= 0.95) }' || fail "DUC 2004 mixture B-cubed F1 $f1, want >= 0.95"

"$chorus" cluster --level story "$data/duc2007-stream/articles.jsonl" > "$dir/d07.tsv" || fail "chorus cluster (duc2007) exited $?"
# The stories holding the earthquake's reports, by size: one of 19.
quake=$(grep -F 'D0743J' "$data/duc2007-stream/gold.tsv" 2>/dev/null | cut -f1)
[ -n "$quake" ] || fail "no D0743J reports in $data/duc2007-stream/gold.tsv"
largest=$(printf '%s\n' "$quake" | awk -F'\t' 'NR == FNR { q[$1] = 1; next } ($1 in q) { n[$2]++ }
    END { m = 0; for (s in n) if (n[s] > m) m = n[s]; print m }' - "$dir/d07.tsv")
[ "$largest" -ge 19 ] || fail "the Turkish earthquake's reports are cut apart (largest story holds $largest of them)"
echo "cluster_mixture: DUC 2004 mixture B-cubed F1 $f1; the earthquake in one story of $largest reports"
