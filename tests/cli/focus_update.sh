#!/usr/bin/env bash
# --focus and --seen on the bundled seeds: a question weighs the summary and is
# recorded; a question without content words gives a generic summary with a
# note; an update leaves out what the seen reports say; an update whose seen
# reports say everything is empty, says so and exits 3.
set -u
BIN=$1
SRC=$2
S="$SRC/examples/story"
fail() { echo "FAIL: $*" >&2; exit 1; }
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
files=("$S"/*)
[ ${#files[@]} -ge 3 ] || fail "need at least 3 example articles in $S"

# a question is recorded and used
"$BIN" digest --format json --focus "Why was the bridge closed?" "${files[@]}" >"$TMP/f.json" 2>"$TMP/err" ||
    fail "focused digest exit $?: $(cat "$TMP/err")"
python3 - "$TMP/f.json" <<'PY' || fail "focus not recorded in the JSON digest"
import json, sys
d = json.load(open(sys.argv[1]))
f = d["focus"]
assert f["question"] == "Why was the bridge closed?" and f["used"] and f["terms_found"] >= 1, f
assert d["summary"] and d["update"] is None and d["note"] is None
PY
"$BIN" digest --focus "Why was the bridge closed?" "${files[@]}" | grep -q '^\*\*Question:\*\* Why was the bridge closed?' ||
    fail "Markdown does not show the question"

# stop words only, empty: a generic summary and a note
for q in "the of and" ""; do
    "$BIN" digest --format summary --focus "$q" "${files[@]}" >"$TMP/g.txt" 2>"$TMP/err" || fail "--focus '$q' exit $?"
    [ -s "$TMP/g.txt" ] || fail "--focus '$q' gave no summary"
    grep -q "no content words" "$TMP/err" || fail "--focus '$q' without a note: $(cat "$TMP/err")"
    # the question had no effect: the generic summary, trimmed as a focused digest is by default
    cmp -s "$TMP/g.txt" <("$BIN" digest --format summary --compress "${files[@]}") || fail "--focus '$q' is not the generic summary"
done
# --verbatim: the sentences as the articles wrote them, as a generic digest prints them
cmp -s <("$BIN" digest --format summary --verbatim --focus "the of and" "${files[@]}" 2>/dev/null) \
    <("$BIN" digest --format summary "${files[@]}") || fail "--focus with --verbatim is not the verbatim generic summary"
# a question in words no article uses
"$BIN" digest --format json --focus "Quelle est la cause de l'incendie ?" "${files[@]}" >"$TMP/o.json" 2>"$TMP/err" ||
    fail "foreign question exit $?"
grep -q "none of the question's words" "$TMP/err" || fail "foreign question without a note: $(cat "$TMP/err")"

# an update: nothing the seen report says verbatim comes back
"$BIN" digest --format summary --seen "${files[0]}" "${files[@]:1}" >"$TMP/u.txt" 2>"$TMP/err" || fail "update exit $?"
[ -s "$TMP/u.txt" ] || fail "update gave no summary"
while IFS= read -r line; do
    grep -qF -- "$line" "${files[0]}" && fail "update repeats a seen sentence: $line"
done <"$TMP/u.txt"
"$BIN" digest --format json --seen "${files[0]}" "${files[@]:1}" | python3 -c '
import json, sys
u = json.load(sys.stdin)["update"]
assert u["seen_articles"] == 1 and u["seen_sentences"] > 0 and not u["nothing_new"], u' || fail "update not recorded in JSON"

# seen covers everything: an empty summary, a message, exit 3
"$BIN" digest --seen "$S" "${files[@]}" >"$TMP/n.md" 2>"$TMP/err"
rc=$?
[ $rc = 3 ] || fail "--seen covering everything should exit 3, not $rc"
grep -q "nothing new" "$TMP/err" || fail "no 'nothing new' message: $(cat "$TMP/err")"
grep -q "^Nothing new.$" "$TMP/n.md" || fail "the digest should say Nothing new"
"$BIN" digest --seen "$TMP/missing.txt" "${files[@]}" >/dev/null 2>&1
[ $? = 3 ] || fail "a missing --seen file should be no usable input (3)"
echo "focus_update: ok"
