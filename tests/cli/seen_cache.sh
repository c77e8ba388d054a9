#!/usr/bin/env bash
# The seen reports' sentences kept between runs (src/digest/seen_cache.c)
# change nothing in an update digest: the same with no cache, a new cache
# (the first run writes one file per seen report and one per seen set), a
# filled one (read, not written again, the seen files not parsed), damaged
# files (truncated, a byte flipped, another report's file under this name,
# junk), the set files gone (the reports' files are read), a seen file
# whose bytes changed under the same name, a seen file that is skipped
# (its message and exit status on every run), and runs writing the cache
# at once.
set -euo pipefail
chorus=$1
src=$2
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
fail() { echo "FAIL: $*"; exit 1; }

# update digests in English and French: one report read, the others new;
# and a reader who has read everything. In the data tier (CHORUS_TEST_TIER)
# also a DUC 2007 update topic: set B after A, set C after A and B.
duc=$src/../shared/data/duc2007-update-dev/docs/D0703A
use_duc=0
[ "${CHORUS_TEST_TIER:-}" != fast ] && [ -d "$duc" ] && use_duc=1
[ "${CHORUS_TEST_TIER:-}" = data ] && [ $use_duc = 0 ] && { echo "skipped: ../shared/data not found"; exit 0; }
n_kept=4 n_sets=3
if [ $use_duc = 1 ]; then
  n_sets=5
  seen_a=() seen_ab=()
  for f in "$duc"/A/*.txt; do seen_a+=(--seen "$f") seen_ab+=(--seen "$f"); done
  for f in "$duc"/B/*.txt; do seen_ab+=(--seen "$f"); done
  n_kept=$((n_kept + ${#seen_ab[@]} / 2))
fi
run() { # OUT
  : > "$1"
  if [ $use_duc = 1 ]; then
    for f in md json; do
      "$chorus" digest --format "$f" --words 100 "${seen_a[@]}" "$duc"/B/*.txt >> "$1"
      "$chorus" digest --format "$f" --words 100 "${seen_ab[@]}" "$duc"/C/*.txt >> "$1"
    done
  fi
  for f in json md; do
    "$chorus" digest --format "$f" --seen "$src/examples/story/harbor-herald.txt" \
      "$src/examples/story/coastal-daily.txt" "$src/examples/story/wire.jsonl" >> "$1"
    "$chorus" digest --format "$f" --seen "$src/examples/story-fr/radio-sud.txt" \
      --seen "$src/examples/story-fr/le-quotidien.txt" "$src/examples/story-fr/agence.jsonl" >> "$1"
    "$chorus" digest --format "$f" --seen "$src/examples/story/harbor-herald.txt" \
      --seen "$src/examples/story/coastal-daily.txt" "$src/examples/story/coastal-daily.txt" >> "$1" 2>&1 || true
  done
}
cache=$dir/cache/sub
files() { find "$cache/seen.v3" "$cache/seenset.v2" -type f ! -name '.*' 2>/dev/null | sort; }
set_files() { find "$cache/seenset.v2" -type f ! -name '.*' 2>/dev/null | sort; }

CHORUS_CACHE_DIR= run "$dir/none"
CHORUS_CACHE_DIR=$cache run "$dir/cold"
[ "$(files | wc -l)" -eq $((n_kept + n_sets)) ] || fail "expected one kept file per seen report and set, got $(files | wc -l)"
[ "$(set_files | wc -l)" -eq $n_sets ] || fail "expected one kept file per seen set, got $(set_files | wc -l)"
cmp -s "$dir/none" "$dir/cold" || fail "a new cache changes the update digests"
stamp=$(files | xargs ls -l --time-style=+%s.%N | md5sum)
CHORUS_CACHE_DIR=$cache run "$dir/warm"
cmp -s "$dir/none" "$dir/warm" || fail "a filled cache changes the update digests"
[ "$(files | xargs ls -l --time-style=+%s.%N | md5sum)" = "$stamp" ] || fail "a filled cache was written again"

damage() { # how: each kept file damaged, then the digests compared
  for f in $(files); do
    case $1 in
      cut) head -c $(($(wc -c < "$f") * 2 / 3)) "$f" > "$dir/x" ;;
      flip) python3 -c 'import sys; b = bytearray(open(sys.argv[1], "rb").read()); b[len(b) // 2] ^= 0x04; open(sys.argv[2], "wb").write(b)' "$f" "$dir/x" ;;
      other) cp "$(files | grep -v "$f" | head -1)" "$dir/x" ;;
      junk) head -c 3000 /dev/urandom > "$dir/x" ;;
      empty) : > "$dir/x" ;;
    esac
    cp "$dir/x" "$f"
  done
  CHORUS_CACHE_DIR=$cache run "$dir/$1"
  cmp -s "$dir/none" "$dir/$1" || fail "a damaged cache ($1) changes the update digests"
  CHORUS_CACHE_DIR=$cache run "$dir/$1.again"
  cmp -s "$dir/none" "$dir/$1.again" || fail "the cache rewritten after damage ($1) changes the update digests"
}
for how in cut flip other junk empty; do damage "$how"; done
# the sets forgotten: each report's own file is read, and the sets kept again
rm -f $(set_files)
CHORUS_CACHE_DIR=$cache run "$dir/sets-gone"
cmp -s "$dir/none" "$dir/sets-gone" || fail "reading the reports' files without the set's changes the update digests"
[ "$(set_files | wc -l)" -eq $n_sets ] || fail "the seen sets were not kept again"

# a filled cache: the seen files are hashed, not read as reports (no
# reader runs on them: a seen file made unreadable to the reader but not to
# the hash would still be parsed if the reader ran; checked by timing-free
# means: the set file is the only kept file opened, so removing the reports'
# files changes nothing)
rm -f $(files | grep -v seenset)
CHORUS_CACHE_DIR=$cache run "$dir/set-only"
cmp -s "$dir/none" "$dir/set-only" || fail "the set's file alone changes the update digests"
[ -z "$(find "$cache/seen.v3" -type f ! -name '.*' 2>/dev/null)" ] || fail "a seen set found whole still read its reports"

# the same name, other bytes: the digest of what the file now says
cp "$src/examples/story/harbor-herald.txt" "$dir/seen.txt"
digest_of_seen() { "$chorus" digest --format md --seen "$dir/seen.txt" "$src/examples/story/coastal-daily.txt" \
  "$src/examples/story/wire.jsonl"; }
CHORUS_CACHE_DIR=$cache digest_of_seen > "$dir/first"
cp "$src/examples/story/coastal-daily.txt" "$dir/seen.txt"
CHORUS_CACHE_DIR= digest_of_seen > "$dir/changed.none"
CHORUS_CACHE_DIR=$cache digest_of_seen > "$dir/changed.cache"
cmp -s "$dir/changed.none" "$dir/changed.cache" || fail "a seen file whose bytes changed was read from the cache"
cmp -s "$dir/first" "$dir/changed.cache" && fail "changing the seen file changed nothing (test is void)"

# a seen file that is skipped: its message and exit status on every run,
# and no set kept under those files
head -c 2000 /dev/urandom > "$dir/junk.bin"
skipped() { # OUT
  set +e
  "$chorus" digest --format md --seen "$dir/junk.bin" --seen "$src/examples/story/harbor-herald.txt" \
    "$src/examples/story/coastal-daily.txt" "$src/examples/story/wire.jsonl" > "$1" 2> "$1.err"
  echo "exit $?" >> "$1"
  set -e
}
CHORUS_CACHE_DIR= skipped "$dir/skip.none"
CHORUS_CACHE_DIR=$cache skipped "$dir/skip.cold"
CHORUS_CACHE_DIR=$cache skipped "$dir/skip.warm"
grep -q junk.bin "$dir/skip.none.err" || fail "the skipped seen file is not named"
for r in cold warm; do
  cmp -s "$dir/skip.none" "$dir/skip.$r" || fail "a skipped seen file: the digest or exit status differs ($r cache)"
  cmp -s "$dir/skip.none.err" "$dir/skip.$r.err" || fail "a skipped seen file: the message differs ($r cache)"
done

# runs filling a new cache at once
rm -rf "$cache"
for i in 1 2 3 4; do CHORUS_CACHE_DIR=$cache run "$dir/par$i" & done
wait
for i in 1 2 3 4; do cmp -s "$dir/none" "$dir/par$i" || fail "runs writing at once change the update digests"; done
CHORUS_CACHE_DIR=$cache run "$dir/after"
cmp -s "$dir/none" "$dir/after" || fail "a cache written by runs at once changes the update digests"
[ -z "$(find "$cache/seen.v3" "$cache/seenset.v2" -name '.*' -type f)" ] || fail "temporary files left behind"

# an unusable cache directory
CHORUS_CACHE_DIR=$dir/none/x run "$dir/nodir"
cmp -s "$dir/none" "$dir/nodir" || fail "an unusable cache directory changes the update digests"
echo "seen cache: ok"
