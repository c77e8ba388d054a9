#!/usr/bin/env bash
# DUC 2007 update task (5 dev topics, sets A, B, C): chorus's 100-word
# digests, A with --focus "<title>. <narrative>", B with the same focus and
# --seen every article of A, C with --seen every article of A and B; and the
# generic digests of each set alone (no focus, no seen set) for comparison.
# Scored with `chorus eval rouge --jackknife` beside every NIST peer with the
# README's settings (ROUGE-1.5.5 -n 2 -x -m -2 4 -u -c 95 -r 1000 -f A -p 0.5
# -t 0 -l 100 -a, jackknifed over the 4 models), after checking that the
# scorer reproduces the README's per-topic reference scores of the peers.
# Prints the table (R-2 and R-SU4 over all 15 topic-sets, R-2 by set), a
# paired test update vs generic over the B and C sets, and the update
# digest's time beside the generic one's.
#
# usage: bench/duc2007_update.sh [CHORUS_BINARY [DIGEST_OPTION...]]
#   RUNS=5   timed runs per digest (median taken)
#   OUT=DIR  where the per-topic scores are saved (default bench/results)
set -u
HERE=$(cd "$(dirname "$0")" && pwd)
BIN=${1:-$HERE/../build/chorus}
shift $(( $# > 0 ? 1 : 0 ))
EXTRA=("$@")
# The focused digest trims sentences by default (--compress) unless --verbatim
# is given; the generic digest is trimmed the same way, so that the paired
# test measures the focus alone.
GENERIC=("$@")
case " ${EXTRA[*]} " in *" --verbatim "* | *" --compress "*) ;; *) GENERIC+=(--compress) ;; esac
DUC=${DUC:-$HERE/../../shared/data/duc2007-update-dev}
RUNS=${RUNS:-5}
OUT=${OUT:-$HERE/results}
WORDS=100

[ -x "$BIN" ] || { echo "no chorus binary at $BIN (build first or pass its path)" >&2; exit 2; }
[ -d "$DUC/docs" ] || { echo "missing $DUC (the shared data)" >&2; exit 2; }
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
mkdir -p "$TMP/peers" "$OUT"
now_ns() { date +%s%N; }
median() { sort -n | awk '{ v[NR] = $1 } END { if (NR == 0) print "nan"; else if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
time_ms() { # median whole-process time of a command, in ms
    for _ in $(seq "$RUNS"); do
        t0=$(now_ns); "$@" >/dev/null 2>&1; t1=$(now_ns); echo $(((t1 - t0) / 1000))
    done | median | awk '{ printf "%.1f\n", $1 / 1000 }'
}

# 1. The scorer against the README's reference scores of the peers.
"$BIN" eval rouge --jackknife --words $WORDS --per-cluster --format tsv --resamples 10 \
    "$DUC/models" "$DUC/peers" >"$TMP/ref.tsv" 2>/dev/null
python3 - "$DUC/reference-rouge-per-topic.tsv" "$TMP/ref.tsv" <<'PY'
import csv, sys
ref = {(r["system"], r["topic"]): (float(r["R2"]), float(r["RSU4"]))
       for r in csv.DictReader(open(sys.argv[1]), delimiter="\t")}
got = {}
for line in open(sys.argv[2]):
    f = line.rstrip("\n").split("\t")
    if f[1] not in ("all", "cluster"):
        got.setdefault((f[0], f[1]), {})[f[2]] = float(f[4])
diff = [max(abs(got[k]["R-2"] - r2), abs(got[k]["R-SU4"] - su)) for k, (r2, su) in ref.items() if k in got]
missing = sum(k not in got for k in ref)
print(f"scorer check: {len(diff)} peer-topic scores against reference-rouge-per-topic.tsv, "
      f"largest difference {max(diff):.5f}, {sum(d > 0.0005 for d in diff)} beyond 0.0005, {missing} missing")
PY

# 2. chorus's digests.
python3 -c '
import json, sys
for line in open(sys.argv[1]):
    t = json.loads(line)
    print(t["topic"] + "\t" + t["title"].strip() + ". " + " ".join(t["narrative"].split()))
' "$DUC/topics.jsonl" >"$TMP/topics"
failed=0
: >"$TMP/ms"
while IFS=$'\t' read -r topic question; do
    d="$DUC/docs/$topic"
    seen_a=(); for f in "$d"/A/*.txt; do seen_a+=(--seen "$f"); done
    seen_b=(); for f in "$d"/B/*.txt; do seen_b+=(--seen "$f"); done
    # each set as dated JSONL (the documents' days, from their ids; the text,
    # id and outlet as chorus reads the .txt files): an update digest prefers
    # the later of two reports that say the same
    for set in A B C; do python3 "$HERE/duc_dated_jsonl.py" "$TMP/$topic-$set.jsonl" "$d/$set"/*.txt; done
    run() { # set, digest options...
        local set=$1; shift
        "$BIN" digest --format summary --words $WORDS "${EXTRA[@]}" "$@" "$TMP/$topic-$set.jsonl"
    }
    run_generic() { # set
        "$BIN" digest --format summary --words $WORDS "${GENERIC[@]}" "$d/$1"/*.txt
    }
    run A --focus "$question" >"$TMP/peers/$topic-A.chorus" 2>/dev/null || { failed=$((failed + 1)); rm -f "$TMP/peers/$topic-A.chorus"; }
    run B --focus "$question" "${seen_a[@]}" >"$TMP/peers/$topic-B.chorus" 2>/dev/null || { failed=$((failed + 1)); rm -f "$TMP/peers/$topic-B.chorus"; }
    run C --focus "$question" "${seen_a[@]}" "${seen_b[@]}" >"$TMP/peers/$topic-C.chorus" 2>/dev/null || { failed=$((failed + 1)); rm -f "$TMP/peers/$topic-C.chorus"; }
    for set in A B C; do run_generic $set >"$TMP/peers/$topic-$set.generic" 2>/dev/null; done
    g=$(time_ms run_generic C)
    u=$(time_ms run C --focus "$question" "${seen_a[@]}" "${seen_b[@]}")
    echo "$topic $g $u" >>"$TMP/ms"
done <"$TMP/topics"

# 3. Score chorus with the peers in one run.
# Budget use: the scorer cuts each summary at the budget, so a summary shorter
# than it leaves score on the table (words as the scorer counts them: runs of non-space).
for f in "$TMP"/peers/*.chorus; do [ -e "$f" ] && wc -w <"$f"; done | sort -n >"$TMP/words"
cp "$DUC"/peers/* "$TMP/peers/"
"$BIN" eval rouge --jackknife --words $WORDS --per-cluster --format tsv --resamples 10 "$DUC/models" "$TMP/peers" \
    >"$TMP/scores.tsv" 2>/dev/null
awk -F'\t' 'NR == 1 || $1 == "chorus" || $1 == "generic"' "$TMP/scores.tsv" >"$OUT/duc2007-update-per-topic.tsv"

echo
echo "DUC 2007 update, $(wc -l <"$TMP/topics") dev topics x 3 sets, $WORDS words, ROUGE recall (jackknifed, -l $WORDS), sorted by R-2"
echo "chorus = A --focus Q, B --focus Q --seen A, C --focus Q --seen A --seen B${EXTRA[*]:+ (and ${EXTRA[*]})}; generic = each set alone (${GENERIC[*]:-verbatim})"
printf '%-10s %-8s %7s %7s %4s %7s %7s %7s\n' system kind R-2 R-SU4 n "R-2 A" "R-2 B" "R-2 C"
awk -F'\t' '
    $2 != "all" && $2 != "cluster" && ($3 == "R-2" || $3 == "R-SU4") {
        v[$1, $3] += $5; n[$1, $3]++; sys[$1] = 1
        split($2, part, "-"); if ($3 == "R-2") { b[$1, part[2]] += $5; nb[$1, part[2]]++ }
    }
    END {
        for (s in sys) {
            kind = s ~ /^[A-J]$/ ? "human" : s == "35" || s == "58" ? "baseline" : s == "chorus" || s == "generic" ? "chorus" : "system"
            printf "%-10s %-8s %7.5f %7.5f %4d", s, kind, v[s, "R-2"] / n[s, "R-2"], v[s, "R-SU4"] / n[s, "R-SU4"], n[s, "R-2"]
            for (k = 1; k <= 3; k++) { x = substr("ABC", k, 1); printf " %7.5f", nb[s, x] ? b[s, x] / nb[s, x] : 0 }
            printf "%s\n", kind == "chorus" ? "   <-" : ""
        }
    }' "$TMP/scores.tsv" | sort -k3,3nr
echo
awk -F'\t' 'NR == 1 || ($2 ~ /-[BC]$/)' "$TMP/scores.tsv" >"$TMP/bc.tsv"
echo "update sets B and C only:"
python3 "$HERE/paired_test.py" "$TMP/bc.tsv" chorus generic R-2 R-SU4
[ "$failed" -gt 0 ] && echo "digest failed on $failed topic-sets (not scored)"
awk '{ print $2 }' "$TMP/ms" | median >"$TMP/g"; awk '{ print $3 }' "$TMP/ms" | median >"$TMP/u"
printf 'set C digest time (whole process, median over topics of the median of %d runs): generic %s ms, update (focus + seen A and B) %s ms\n' \
    "$RUNS" "$(cat "$TMP/g")" "$(cat "$TMP/u")"
[ -s "$TMP/words" ] && awk -v w=$WORDS '{ v[NR] = $1; s += $1; short += $1 < w }
    END { gap = (w * NR - s) / NR; if (gap < 0) gap = 0; printf "update digests (A, B, C) length: min %d, median %d, max %d words (budget %d); %d of %d under it, %.1f words short on average\n",
          v[1], v[int((NR + 1) / 2)], v[NR], w, short, NR, gap }' "$TMP/words"
echo "per-topic scores: $OUT/duc2007-update-per-topic.tsv"
echo "load average while measuring: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
