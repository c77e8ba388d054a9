#!/usr/bin/env bash
# Golden expectations on the canonical input (../shared/seeds): the summary
# carries the story's key facts, credits them to the outlets that carry them,
# and contains none of the scraping noise.
set -euo pipefail
chorus=$1
src=$2
seeds="$src/../shared/seeds"
. "$src/tests/lib/require_shared.sh"
require_shared "$seeds"
[ -d "$seeds" ] || { echo "FAIL: $seeds is missing"; exit 1; }
out=$(mktemp)
trap 'rm -f "$out" "$out.json" "$out.sent"' EXIT
fail() { echo "FAIL: $*"; exit 1; }

"$chorus" digest "$seeds"/*.txt > "$out" || fail "digest exited $?"
"$chorus" digest --format json "$seeds"/*.txt > "$out.json" || fail "json digest exited $?"
summary=$(sed -n '/^## Summary/,/^## /p' "$out")

# No noise in the summary.
for noise in "Skip to main content" "Page not found" "Send in e-mail" "-- : --" "Listen:" "Ep. 55" \
             "Click the alert icon" "Get breaking news" "Credit:" "Daily news brief" "Representative purpose"; do
  if grep -qF -- "$noise" <<<"$summary"; then fail "noise '$noise' in the summary"; fi
done

# The key facts.
grep -qiE "no decision (whatsoever|made)? ?to leave Iraq" <<<"$summary" || fail "Esper's no-decision statement missing"
grep -qiE "draft.*(mistake)|mistake.*draft" <<<"$summary" || fail "Milley's draft-sent-by-mistake statement missing"
grep -qiE "parliament (voted|passed)" <<<"$summary" || fail "the parliament vote missing"
grep -qiE "Soleimani" <<<"$summary" || fail "the strike that killed Soleimani missing"

# Esper's statement is credited to at least four outlets.
python3 - "$out.json" <<'PY' || fail "Esper's statement credited to too few outlets"
import json, sys
d = json.load(open(sys.argv[1]))
best = max((len(s["outlets"]) for s in d["summary"] if "decision whatsoever to leave Iraq" in s["text"]), default=0)
print("Esper statement outlets:", best)
sys.exit(0 if best >= 4 else 1)
PY

# Every dropped line is listed with a reason, and the counts agree.
python3 - "$out.json" <<'PY' || fail "dropped list malformed"
import json, sys
d = json.load(open(sys.argv[1]))
assert d["schema"] == "chorus.digest/1"
assert len(d["articles"]) == 5
assert all(x["reason"] and x["text"] for x in d["dropped"])
texts = " ".join(x["text"] for x in d["dropped"])
for noise in ["Skip to main content", "Page not found", "Send in e-mail", "Click the alert icon"]:
    assert noise in texts, noise
PY

# Sentence splitting: no wrong split at titles, abbreviations and initials.
"$chorus" sentences "$seeds"/*.txt > "$out.sent"
for bad in '(Gen|Brig|Sgt|Dr|Jan|U\.S)\.$' '(^|[^A-Za-z])[A-Z]\.$'; do
  if grep -qE "$bad" "$out.sent"; then grep -nE "$bad" "$out.sent"; fail "wrong sentence split ($bad)"; fi
done
grep -qF "USMC Brig. Gen. William Seely III, the commanding general" "$out.sent" || fail "Brig. Gen. split"
grep -qF "Sgt. Kyle C. Talbot via AP" "$out.sent" || fail "initials split"
echo "seeds digest: ok"
