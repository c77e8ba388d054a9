#!/usr/bin/env bash
# chorus eval rouge on the DUC 2004 dev clusters: every published per-cluster
# ROUGE-1.5.5 figure (13 systems x 25 clusters x R-1/R-2/R-SU4) within
# 0.0005, the same numbers from the JSONL layout, and the error paths.
set -u
BIN=$1
SRC=$2
DUC="$SRC/../shared/data/duc2004-dev"
. "$SRC/tests/lib/require_shared.sh"
require_shared "$DUC"
REF="$DUC/reference-rouge-per-cluster.tsv"
fail() { echo "FAIL: $*" >&2; exit 1; }

[ -f "$REF" ] || fail "missing $REF (the shared data)"
[ -f /usr/share/wordnet/verb.exc ] || fail "missing /usr/share/wordnet/verb.exc: install Debian's wordnet-base"
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

"$BIN" eval rouge --format tsv --per-cluster "$DUC/models" "$DUC/peers" >"$TMP/out.tsv" 2>"$TMP/err" \
    || fail "eval rouge exited $? ($(head -3 "$TMP/err"))"

# Compare every reference figure with the matching per-cluster row.
compare() {
    awk -F'\t' -v tol=0.0005 '
        FNR == 1 { file++; next }
        file == 1 { ref[$1 SUBSEP $2 SUBSEP "R-1"] = $3; ref[$1 SUBSEP $2 SUBSEP "R-2"] = $4
                    ref[$1 SUBSEP $2 SUBSEP "R-SU4"] = $5; next }
        $2 != "all" { got[$1 SUBSEP $2 SUBSEP $3] = $5 }
        END {
            n = 0; bad = 0
            for (k in ref) {
                n++
                if (!(k in got)) { split(k, p, SUBSEP); print "missing " p[1] " " p[2] " " p[3]; bad++; continue }
                d = got[k] - ref[k]; if (d < 0) d = -d
                if (d > tol) { split(k, p, SUBSEP); print p[1] " " p[2] " " p[3] ": " got[k] " vs " ref[k]; bad++ }
            }
            print n " figures, " bad " off"
            exit (n == 975 && bad == 0) ? 0 : 1
        }' "$REF" "$1"
}
compare "$TMP/out.tsv" || fail "per-cluster figures differ from ROUGE-1.5.5"

# System rows: 13 systems x 4 metrics, recall mean inside its interval.
rows=$(awk -F'\t' '$2 == "all" && $4 == 25 && $6 <= $5 && $5 <= $7' "$TMP/out.tsv" | wc -l)
[ "$rows" -eq 52 ] || fail "expected 52 system rows with n=25 and low<=mean<=high, got $rows"

# The readable table names every system and metric.
"$BIN" eval rouge "$DUC/models" "$DUC/peers" >"$TMP/table.txt" 2>/dev/null || fail "table run failed"
for s in Lead LexRank ICSISumm DPP; do
    grep -q "^$s .*R-SU4" "$TMP/table.txt" || fail "table lacks $s R-SU4"
done

# The same clusters as JSONL (summaries as arrays of sentences) score the same.
to_json_string() { # stdin -> one JSON string per line
    sed -e 's/\\/\\\\/g' -e 's/"/\\"/g' -e 's/\t/\\t/g' -e 's/\r//g' | awk '{ printf "\"%s\"\n", $0 }'
}
: >"$TMP/gold.jsonl"; : >"$TMP/Lead.jsonl"
for d in "$DUC"/docs/d3*t; do
    c=$(basename "$d"); c=${c%t}
    models=""
    for m in "$DUC"/models/"$c".*; do
        models="$models${models:+,}[$(to_json_string <"$m" | paste -sd, -)]"
    done
    printf '{"id": "%s", "summaries": [%s]}\n' "$c" "$models" >>"$TMP/gold.jsonl"
    printf '{"id": "%s", "summary": [%s]}\n' "$c" "$(to_json_string <"$DUC/peers/$c.Lead" | paste -sd, -)" \
        >>"$TMP/Lead.jsonl"
done
"$BIN" eval rouge --format tsv --per-cluster "$TMP/gold.jsonl" "$TMP/Lead.jsonl" >"$TMP/jsonl.tsv" 2>"$TMP/err" \
    || fail "JSONL run exited $? ($(head -3 "$TMP/err"))"
grep -P '^Lead\t' "$TMP/out.tsv" >"$TMP/lead_dir.tsv"
grep -P '^Lead\t' "$TMP/jsonl.tsv" >"$TMP/lead_jsonl.tsv"
[ -s "$TMP/lead_jsonl.tsv" ] && cmp -s "$TMP/lead_dir.tsv" "$TMP/lead_jsonl.tsv" \
    || fail "JSONL layout scores differ from the directory layout"

# A broken line is skipped with a message naming it; the rest is scored (exit 1).
{ head -3 "$TMP/Lead.jsonl"; echo '{"id": "d30001", "summary": 7}'; echo 'not json'; } >"$TMP/Broken.jsonl"
"$BIN" eval rouge --format tsv "$TMP/gold.jsonl" "$TMP/Broken.jsonl" >"$TMP/b.tsv" 2>"$TMP/err"
[ $? -eq 1 ] || fail "a skipped line should give exit 1"
grep -q "Broken.jsonl:5" "$TMP/err" || fail "no message for the bad JSON line"
grep -q "Broken.jsonl:4" "$TMP/err" || fail "no message for the non-string summary"
awk -F'\t' '$1 == "Broken" && $3 == "R-1" && $4 == 3 { ok = 1 } END { exit !ok }' "$TMP/b.tsv" \
    || fail "the three good clusters should still be scored"

# Usage errors.
"$BIN" eval rouge --help | grep -q "ROUGE-1.5.5" || fail "--help"
"$BIN" eval rouge "$TMP/nowhere" "$DUC/peers" 2>/dev/null; [ $? -eq 2 ] || fail "missing models dir should be exit 2"
"$BIN" eval rouge --format xml "$DUC/models" "$DUC/peers" 2>/dev/null; [ $? -eq 2 ] || fail "bad --format should be exit 2"
mkdir "$TMP/empty"
"$BIN" eval rouge "$TMP/empty" "$DUC/peers" >/dev/null 2>&1; [ $? -eq 3 ] || fail "no references should be exit 3"
echo "rouge_reproduce: ok"
