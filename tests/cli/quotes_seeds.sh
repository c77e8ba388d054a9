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
echo "quotes_seeds: ok"
