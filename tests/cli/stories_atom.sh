#!/usr/bin/env bash
# chorus stories --format atom: a well-formed Atom feed of the store's
# stories that chorus itself reads back as a feed, entries linked to a
# running chorus serve with --link.
set -euo pipefail
chorus=$1
src=$2
fail() { echo "FAIL: $*"; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$chorus" ingest --db "$tmp/s.db" "$src"/examples/story/* >/dev/null 2>&1 || true
"$chorus" stories --db "$tmp/s.db" --format atom --link http://127.0.0.1:8080 > "$tmp/s.atom" || fail "atom exited $?"
python3 - "$tmp/s.atom" <<'PY' || fail "not an Atom feed"
import sys, xml.etree.ElementTree as ET
ns = {"a": "http://www.w3.org/2005/Atom"}
root = ET.parse(sys.argv[1]).getroot()
assert root.tag == "{http://www.w3.org/2005/Atom}feed"
entries = root.findall("a:entry", ns)
assert entries, "no entry"
for e in entries:
    assert e.find("a:title", ns).text and e.find("a:id", ns).text and e.find("a:updated", ns).text
    assert e.find("a:link", ns).get("href").startswith("http://127.0.0.1:8080/story/")
PY
n=$("$chorus" extract "$tmp/s.atom" | wc -l)
[ "$n" -ge 1 ] || fail "chorus does not read its own Atom feed"
set +e; "$chorus" stories --db "$tmp/s.db" --format atom --query bridge >/dev/null 2>&1; rc=$?; set -e
[ $rc -eq 2 ] || fail "--format atom with --query: exit $rc"
echo "stories atom: ok ($n entries)"
