#!/usr/bin/env bash
# The HTML digest as a person sees it: rendered by headless Chromium, the
# page holds every summary sentence, quote and disagreement, every outlet
# credit links somewhere real, nothing is logged to the console, hostile
# article text shows as text. Screenshots go to the test's output folder
# (build/test-output/html_digest/) for people to look at.
# Tiers: the repository's own inputs in the fast tier, the seeds (../shared)
# in the data tier; both when CHORUS_TEST_TIER is unset.
set -euo pipefail
chorus=$1
src=$2
fail() { echo "FAIL: $*"; exit 1; }
browser=$(command -v chromium || command -v chromium-browser || true)
[ -n "$browser" ] || { echo "skipped: chromium not installed (scripts/install-deps.sh --all)"; exit 0; }
tier=${CHORUS_TEST_TIER:-all}
out="$(cd "$(dirname "$chorus")" && pwd)/test-output/html_digest"
mkdir -p "$out"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# Chromium, headless, bounded in time; its log goes to $3 (console messages included).
render() { # URL DOM_OUT LOG [SCREENSHOT WIDTH]
  timeout 60 "$browser" --headless --no-sandbox --disable-gpu --no-first-run --user-data-dir="$tmp/profile" \
    --enable-logging=stderr --v=0 --virtual-time-budget=2000 --dump-dom "$1" >"$2" 2>"$3" || fail "chromium failed on $1"
  if [ $# -ge 4 ]; then
    timeout 60 "$browser" --headless --no-sandbox --disable-gpu --no-first-run --user-data-dir="$tmp/profile" \
      --hide-scrollbars --window-size="$5,2400" --screenshot="$4" "$1" >/dev/null 2>&1 || fail "screenshot of $1"
  fi
}
check() { python3 "$src/tests/browser/check_page.py" "$@" || fail "page check ($1)"; }

# 1. The seeds' digest: the canonical story.
seeds="$src/../shared/seeds"
if [ "$tier" != fast ] && [ ! -d "$seeds" ]; then echo "skipped: ../shared/seeds not found"
elif [ "$tier" != fast ]; then
"$chorus" digest --format html -o "$out/seeds.html" "$seeds"/*.txt || fail "html digest exited $?"
"$chorus" digest --format json -o "$tmp/seeds.json" "$seeds"/*.txt
size=$(wc -c <"$out/seeds.html")
echo "seeds HTML digest: $size bytes"
[ "$size" -le 204800 ] || fail "seeds HTML digest is $size bytes (> 200 KB)"
grep -qiE '<(link|img|iframe)[ >]|src="http|url\(' "$out/seeds.html" && fail "the page fetches something"
render "file://$out/seeds.html" "$tmp/seeds.dom" "$tmp/seeds.log" "$out/seeds.png" 1000
check "$tmp/seeds.dom" "$tmp/seeds.json" "$tmp/seeds.log"
render "file://$out/seeds.html" "$tmp/phone.dom" "$tmp/phone.log" "$out/seeds-phone.png" 400
fi
[ "$tier" = data ] && { echo "html digest (seeds): ok (screenshots in $out)"; exit 0; }

# 2. The bundled example: reports with web addresses, a duplicate.
"$chorus" digest --format html -o "$out/example.html" "$src"/examples/story/*
"$chorus" digest --format json -o "$tmp/example.json" "$src"/examples/story/*
render "file://$out/example.html" "$tmp/example.dom" "$tmp/example.log"
check "$tmp/example.dom" "$tmp/example.json" "$tmp/example.log"
grep -q 'class="credit" href="http' "$out/example.html" || fail "no credit links to an article's address"

# 3. Hostile text: markup and quotes in titles, bodies, outlets and addresses.
python3 - "$tmp/hostile.jsonl" <<'PY'
import json, sys
body = ("The council voted on Tuesday to close the old <script>alert('x')</script> bridge after "
        "engineers found cracks in two of its supports. \"It is not safe,\" said engineer Ana Ruiz. "
        "<img src=x onerror=alert(1)> Traffic will be diverted through the town centre for six months.\n\n"
        "The bridge carried 12,000 vehicles a day. Repairs are expected to cost 4 million euros.")
arts = [
    {"id": "h1", "source": "Daily \"Quote\" <b>Times</b>", "url": "javascript:alert(1)",
     "title": "Bridge closed <script>alert(\"t\")</script> \"for safety\" & 'repairs'", "text": body},
    {"id": "h2", "source": "Evening Post", "url": "https://example.org/a?b=1&c=\"2\"",
     "title": "Council closes bridge", "text": body.replace("12,000", "15,000")},
]
with open(sys.argv[1], "w") as f:
    for a in arts:
        f.write(json.dumps(a) + "\n")
PY
"$chorus" digest --format html -o "$out/hostile.html" "$tmp/hostile.jsonl"
"$chorus" digest --format json -o "$tmp/hostile.json" "$tmp/hostile.jsonl"
render "file://$out/hostile.html" "$tmp/hostile.dom" "$tmp/hostile.log" "$out/hostile.png" 800
check "$tmp/hostile.dom" "$tmp/hostile.json" "$tmp/hostile.log" \
  --text 'Bridge closed <script>alert("t")</script> "for safety" & '"'repairs'" \
  --text 'Daily "Quote" <b>Times</b>' --text '<img src=x onerror=alert(1)>'
grep -q 'href="javascript' "$out/hostile.html" && fail "a javascript: address became a link"
echo "html digest: ok (screenshots in $out)"
