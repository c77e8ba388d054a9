#!/usr/bin/env bash
# The stopword profile language detection keeps between runs
# (src/text/detect_decisive.c) changes no answer: the same languages with no
# cache, a new one, a filled one, and a damaged one (truncated, a byte
# flipped, junk, empty), which is then written again.
set -euo pipefail
chorus=$1
src=$2
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
# texts of several languages, long enough for the profile to decide some
python3 - "$dir/texts.jsonl" "$src" <<'PY'
import glob, json, os, sys
out, src = sys.argv[1], sys.argv[2]
with open(out, "w", encoding="utf-8") as f:
    for p in sorted(glob.glob(os.path.join(src, "examples", "*", "*"))):
        if p.endswith(".txt"):
            f.write(json.dumps({"id": os.path.relpath(p, src), "text": open(p, encoding="utf-8").read()}) + "\n")
        elif p.endswith(".jsonl"):
            for line in open(p, encoding="utf-8"):
                d = json.loads(line)
                if d.get("text"):
                    f.write(json.dumps({"id": os.path.relpath(p, src), "text": d["text"]}) + "\n")
PY
langs() { "$chorus" sentences --jsonl "$dir/texts.jsonl" | python3 -c '
import json, sys
for l in sys.stdin:
    d = json.loads(l); print(d["id"], d["language"])'; }
cache=$dir/cache
kept() { find "$cache/langprofile.v1" -type f ! -name '.*' 2>/dev/null; }
CHORUS_CACHE_DIR= langs > "$dir/none"
[ -s "$dir/none" ] || fail "no texts read"
CHORUS_CACHE_DIR=$cache langs > "$dir/cold"
[ "$(kept | wc -l)" -eq 1 ] || fail "expected one kept profile, got $(kept | wc -l)"
cmp -s "$dir/none" "$dir/cold" || fail "a new profile cache changes the languages"
CHORUS_CACHE_DIR=$cache langs > "$dir/warm"
cmp -s "$dir/none" "$dir/warm" || fail "a kept profile changes the languages"
for how in cut flip junk empty; do
  f=$(kept)
  case $how in
    cut) head -c $(($(wc -c < "$f") / 2)) "$f" > "$dir/x" ;;
    flip) python3 -c 'import sys; b = bytearray(open(sys.argv[1], "rb").read()); b[len(b) // 2] ^= 0x10; open(sys.argv[2], "wb").write(b)' "$f" "$dir/x" ;;
    junk) head -c 3000 /dev/urandom > "$dir/x" ;;
    empty) : > "$dir/x" ;;
  esac
  cp "$dir/x" "$f"
  CHORUS_CACHE_DIR=$cache langs > "$dir/$how"
  cmp -s "$dir/none" "$dir/$how" || fail "a damaged profile ($how) changes the languages"
  CHORUS_CACHE_DIR=$cache langs > "$dir/$how.again"
  cmp -s "$dir/none" "$dir/$how.again" || fail "the profile kept again after damage ($how) changes the languages"
done
echo "language profile cache: ok"
