#!/usr/bin/env bash
# The digest is the same whatever the number of threads: the repository's
# examples (fast tier) and, in the data tier, a 2,000-article story made
# from ../shared/data (md and json, 1 and 2 threads; 500 under the sanitizers) and a stress run of a
# smaller story on 2 to 5 threads, repeated. Also: how the thread count is
# asked for (--threads, CHORUS_THREADS) and refused.
# usage: digest_threads.sh CHORUS_BINARY SOURCE_DIR; CHORUS_TEST_TIER=fast|data
set -uo pipefail
chorus=$1
src=$2
tier=${CHORUS_TEST_TIER:-all}
dir=$(mktemp -d /tmp/chorus-threads-test.XXXXXX)
trap 'rm -rf "$dir"' EXIT
fail() { echo "digest_threads: FAIL: $*" >&2; exit 1; }

# same FORMAT OUT INPUT...: the digest on 1 thread, then on 2..4, byte for byte
same() {
  local fmt=$1 name=$2; shift 2
  CHORUS_THREADS=1 "$chorus" digest --format "$fmt" "$@" > "$dir/$name.1.$fmt" 2> /dev/null || fail "$name $fmt on 1 thread"
  for t in "${THREADS[@]}"; do
    "$chorus" digest --threads "$t" --format "$fmt" "$@" > "$dir/$name.$t.$fmt" 2> /dev/null || fail "$name $fmt on $t threads"
    cmp -s "$dir/$name.1.$fmt" "$dir/$name.$t.$fmt" || fail "$name $fmt differs on $t threads"
  done
}

if [ "$tier" != data ]; then
  THREADS=(2 3 4)
  for ex in story story-fr story-zh; do
    for fmt in md json text; do same "$fmt" "$ex" "$src/examples/$ex"; done
  done
  out=$("$chorus" digest --threads 0 "$src/examples/story" 2>&1) && fail "--threads 0 accepted"
  grep -q -- "--threads" <<<"$out" || fail "--threads 0: no message naming the option: $out"
  out=$(CHORUS_THREADS=many "$chorus" digest "$src/examples/story" 2>&1) && fail "CHORUS_THREADS=many accepted"
  grep -q "CHORUS_THREADS" <<<"$out" || fail "CHORUS_THREADS=many: no message naming it: $out"
  CHORUS_THREADS=3 "$chorus" digest "$src/examples/story" | cmp -s - "$dir/story.1.md" || fail "CHORUS_THREADS=3 differs"
  "$chorus" digest --help 2>&1 | grep -q -- "--threads" || fail "--threads not in --help"
fi
[ "$tier" = fast ] && { echo "ok (fast tier)"; exit 0; }

data=$src/../shared/data
. "$src/tests/lib/require_shared.sh"
require_shared "$data/gva-stream"
# stories as bench/digest_speed.sh makes them: the streams' reports, repeated
# under new ids and outlets past their end
# under the sanitizers (make asan) a digest runs ~20x slower: a 500-article story there
big=2000
if ldd "$chorus" 2>/dev/null | grep -q 'libasan\|libtsan'; then big=500; fi
python3 - "$data" "$dir" "$big" <<'PY' || fail "could not make the test stories"
import json, sys
data, out, big = sys.argv[1], sys.argv[2], int(sys.argv[3])
src = [json.loads(l) for l in open(f"{data}/gva-stream/articles.jsonl", encoding="utf-8")]
src += [json.loads(l) for l in open(f"{data}/duc2007-stream/articles.jsonl", encoding="utf-8")]
for n in (300, big):
    with open(f"{out}/story-{n}.jsonl", "w", encoding="utf-8") as f:
        for i in range(n):
            a = dict(src[(i * 7) % len(src)] if n == 300 else src[i % len(src)])
            f.write(json.dumps(a) + "\n")
PY
THREADS=(2)
same md big "$dir/story-$big.jsonl"
same json big "$dir/story-$big.jsonl"
# stress: more workers than cores, repeated, so items finish in other orders
THREADS=(2 3 4 5 2 3 4 5)
same json small "$dir/story-300.jsonl"
echo ok
