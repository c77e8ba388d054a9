#!/usr/bin/env bash
# `chorus extract` on pages written here: one JSONL object per page with the
# metadata and the body, boilerplate gone, a Latin-1 page decoded, an empty
# page reported on stderr with exit code 1 while the others still come out.
set -euo pipefail
chorus=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

cat >"$tmp/flood.html" <<'HTML'
<!doctype html><html><head><title>Flood forces evacuation | Valley Courier</title>
<meta property="og:site_name" content="Valley Courier">
<meta property="article:published_time" content="2024-03-05T06:30:00Z">
<meta name="author" content="Ana Ruiz">
<link rel="canonical" href="https://valleycourier.example/flood"></head>
<body><nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article><h1>Flood forces evacuation</h1>
<p>The river rose by two metres overnight, flooding the lower town, and the mayor ordered an evacuation.</p>
<p>Emergency crews, working through heavy rain, moved more than four hundred residents to the school.</p>
<div class="share-buttons"><a href="#">Share on Facebook</a></div></article>
<footer>Copyright Valley Courier, all rights reserved.</footer></body></html>
HTML
printf '<html><head><meta charset="iso-8859-1"></head><body><p>Herr M\xfcller sagte, das Wasser sei gestern Nacht sehr schnell gestiegen, schneller als je zuvor, und die Stra\xdfe sei gesperrt.</p></body></html>' >"$tmp/latin1.html"
: >"$tmp/empty.html"

fail() { echo "FAIL: $*" >&2; exit 1; }

"$chorus" extract "$tmp/flood.html" "$tmp/latin1.html" >"$tmp/out.jsonl" 2>"$tmp/err" || fail "extract exited $?: $(cat "$tmp/err")"
[ "$(wc -l <"$tmp/out.jsonl")" -eq 2 ] || fail "expected 2 lines, got: $(cat "$tmp/out.jsonl")"
line1=$(sed -n 1p "$tmp/out.jsonl")
for want in '"id":"flood"' '"source":"Valley Courier"' '"url":"https://valleycourier.example/flood"' \
    '"published":"2024-03-05T06:30:00Z"' '"author":"Ana Ruiz"' '"title":"Flood forces evacuation"' \
    'The river rose by two metres overnight' 'ordered an evacuation.\n\nEmergency crews'; do
    case "$line1" in *"$want"*) ;; *) fail "missing $want in: $line1" ;; esac
done
for unwanted in 'Share on Facebook' 'Copyright' '"Home' 'World'; do
    case "$line1" in *"$unwanted"*) fail "boilerplate $unwanted kept: $line1" ;; esac
done
grep -q 'Herr Müller sagte' "$tmp/out.jsonl" || fail "Latin-1 page not decoded: $(sed -n 2p "$tmp/out.jsonl")"

# An empty page is skipped with a message; the good page still comes out; exit 1.
set +e
"$chorus" extract "$tmp/empty.html" "$tmp/flood.html" >"$tmp/out2.jsonl" 2>"$tmp/err2"
rc=$?
set -e
[ "$rc" -eq 1 ] || fail "expected exit 1 with a skipped input, got $rc"
grep -q 'empty.html' "$tmp/err2" || fail "no message naming the empty page: $(cat "$tmp/err2")"
[ "$(wc -l <"$tmp/out2.jsonl")" -eq 1 ] || fail "the good page was not extracted"

# Nothing usable at all: exit 3. No inputs: usage error 2.
set +e
"$chorus" extract "$tmp/empty.html" >/dev/null 2>&1; rc=$?
"$chorus" extract >/dev/null 2>&1; rc2=$?
set -e
[ "$rc" -eq 3 ] || fail "expected exit 3 with no usable input, got $rc"
[ "$rc2" -eq 2 ] || fail "expected usage error 2, got $rc2"
echo "extract_basic: ok"
