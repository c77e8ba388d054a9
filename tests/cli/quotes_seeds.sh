#!/usr/bin/env bash
# chorus quotes and the digest's quote, name and disagreement sections on the
# canonical input (../shared/seeds).
set -euo pipefail
chorus=$1
src=$2
seeds="$src/../shared/seeds"
. "$src/tests/lib/require_shared.sh"
require_shared "$seeds"
[ -d "$seeds" ] || { echo "FAIL: $seeds is missing"; exit 1; }
out=$(mktemp)
trap 'rm -f "$out" "$out.md"' EXIT
fail() { echo "FAIL: $*"; exit 1; }

"$chorus" quotes "$seeds"/*.txt > "$out" || fail "quotes exited $?"
[ "$(wc -l < "$out")" -ge 10 ] || fail "fewer than 10 quotes"
# one object a line with the documented keys
while IFS= read -r line; do
  for key in '"quote":' '"speaker":' '"role":' '"outlets":[' '"sources":[' '"article":' '"sentence":'; do
    grep -qF -- "$key" <<<"$line" || fail "key $key missing in: ${line:0:120}"
  done
done < "$out"
# Esper's statement: one line, Mark Esper, at least four outlets
esper=$(grep -F 'whatsoever to leave Iraq' "$out") || fail "Esper's quote missing"
[ "$(wc -l <<<"$esper")" -eq 1 ] || fail "Esper's quote is not merged into one line"
grep -qF '"speaker":"Mark Esper"' <<<"$esper" || fail "Esper's quote has another speaker"
outlets=$(sed 's/.*"outlets":\[\([^]]*\)\].*/\1/' <<<"$esper" | tr ',' '\n' | wc -l)
[ "$outlets" -ge 4 ] || fail "Esper's quote carried by $outlets outlets, want 4 or more"
grep -F 'kerfuffle' "$out" | grep -qF '"speaker":"Mark Milley"' || fail "Milley's kerfuffle quote not his"

"$chorus" digest "$seeds"/*.txt > "$out.md" || fail "digest exited $?"
for section in "## Quotes" "## People and organisations" "## Where outlets differ"; do
  grep -qxF "$section" "$out.md" || fail "section '$section' missing"
done
# the disagreements themselves are checked in seeds_disagreements.sh
sed -n '/^## Where outlets differ/,/^## Dropped/p' "$out.md" | grep -q '^- ' || fail "no disagreement listed"
"$chorus" digest --no-quotes "$seeds"/*.txt | grep -qxF "## Quotes" && fail "--no-quotes still lists quotes"
# one man, one name: the letter's signer is quoted under the name the
# entity list gives him, never under one of its other spellings
"$chorus" digest --format json "$seeds"/*.txt > "$out" || fail "digest --format json exited $?"
python3 - "$out" <<'PY' || fail "a speaker is shown under another spelling of a person's name"
import json, sys
d = json.load(open(sys.argv[1], encoding="utf-8"))
variants = {v: e["name"] for e in d["entities"] if e["type"] == "person" for v in e.get("variants", [])}
bad = [q["speaker"] for q in d["quotes"] if q.get("speaker") in variants]
assert not bad, bad
assert any(q.get("speaker") == "William Seely III" for q in d["quotes"])
PY
echo "quotes_seeds: ok"
