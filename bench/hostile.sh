#!/usr/bin/env bash
# The hostile inputs of the robustness work at full size, each timed as a
# user runs it: wall time and CPU time (user+sys, median of REPEAT runs), peak
# RSS, exit status and the first message. Every case should end well within
# 5 s and 1 GB with a clear message. The inputs are generated here, into a
# temporary directory (about 200 MB while it runs), never into the repository.
#
# usage: bench/hostile.sh [CHORUS_BINARY]     (default: build/chorus)
#   REPEAT=3   runs per case (the median is reported)
#   CASES="attributes stray ..."   a subset (names in the first column)
set -u
HERE=$(cd "$(dirname "$0")" && pwd)
BIN=$(cd "$(dirname "${1:-$HERE/../build/chorus}")" && pwd)/$(basename "${1:-$HERE/../build/chorus}")
REPEAT=${REPEAT:-3}
[ -x "$BIN" ] || { echo "no chorus binary at $BIN (build first or pass its path)" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "bench/hostile.sh needs /usr/bin/time (apt-get install time)" >&2; exit 2; }
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
GOOD=$HERE/../examples/story/coastal-daily.txt

python3 - "$TMP" <<'PY'
import os, sys, zlib
out = sys.argv[1]
PROSE = "Officials in the valley said the river rose by two metres overnight and crews moved residents. "
BODY = "<p>" + PROSE * 8 + "</p>"
def write(name, data):
    with open(os.path.join(out, name), "wb") as f:
        f.write(data if isinstance(data, bytes) else data.encode())
# one tag with 500,000 distinct attributes (quadratic in a parser that
# compares each new attribute with the others)
write("attributes.html", "<html><body><p " + " ".join('a%d="%d"' % (i, i) for i in range(500000)) + ">x</p>"
      + BODY + "</body></html>")
# stray end tags that close nothing, a million times
write("stray.html", "<html><body>" + "<div></x>" * 1000000 + BODY + "</body></html>")
# a 31 MB page (parsed under a virtual memory limit)
write("large.html", "<html><body>" + ("<div><p>" + PROSE + "</p></div>\n") * 290000 + "</body></html>")
# a WARC record whose gzip content coding (about 900 KB) expands to 900 MB
z = zlib.compressobj(9, zlib.DEFLATED, 31)
chunk = b" " * (1 << 20)
bomb = z.compress(b"<html><body><p>")
for _ in range(900):
    bomb += z.compress(chunk)
bomb += z.compress(b"</p></body></html>") + z.flush()
def record(uri, payload, gz=False):
    head = "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n" + ("Content-Encoding: gzip\r\n" if gz else "")
    http = head.encode() + b"\r\n" + payload
    return ("WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: %s\r\nContent-Length: %d\r\n\r\n"
            % (uri, len(http))).encode() + http + b"\r\n\r\n"
page = lambda i: ("<html><head><title>Report %d</title></head><body><article><p>" % i
                  + ("Town %d: " % i + PROSE) * 4 + "</p></article></body></html>").encode()
write("bomb.warc", record("http://one.example/1", page(1)) + record("http://bomb.example/x", bomb, True)
      + record("http://three.example/3", page(3)))
# ten million tiny lines (50 MB), one plain-text article
with open(os.path.join(out, "tiny.txt"), "wb") as f:
    for _ in range(100):
        f.write(b"a b.\n" * 100000)
# one line of 10 MB without a sentence end
write("line.txt", "word " * 2100000)
# 16 MB of ordinary prose in one article
words = ("officials said the river rose by two metres overnight and crews moved residents from homes "
         "near the bridge on monday mayor council police fire station").split()
import random
rnd = random.Random(1)
parts, n = [], 0
while n < 16_000_000:
    s = " ".join(rnd.choice(words) for _ in range(rnd.randint(8, 25))).capitalize() + "."
    parts.append(s + ("\n" if rnd.random() < 0.2 else " "))
    n += len(s) + 1
write("prose.txt", "".join(parts))
# a directory tree whose symbolic links lead back up
tree = os.path.join(out, "tree")
os.makedirs(os.path.join(tree, "a", "b"), exist_ok=True)
write(os.path.join("tree", "a", "story.txt"), PROSE * 3)
for link, target in (("tree/a/b/up", "../.."), ("tree/a/self", "."), ("tree/a/b/top", "../../../tree")):
    os.symlink(target, os.path.join(out, link))
PY
[ $? -eq 0 ] || { echo "could not generate the inputs" >&2; exit 2; }

# case NAME DESCRIPTION COMMAND...: run REPEAT times in $TMP
declare -a rows
run_case() {
    local name=$1 what=$2
    shift 2
    if [ -n "${CASES:-}" ] && [[ " $CASES " != *" $name "* ]]; then return; fi
    local walls=() cpus=() rss=0 code=0 msg=""
    for ((r = 0; r < REPEAT; r++)); do
        ( cd "$TMP" && /usr/bin/time -o "$TMP/time.txt" -f "%e %U %S %M %x" bash -c "$*" > /dev/null 2> "$TMP/err.txt" )
        read -r wall user sys kb code < <(tail -1 "$TMP/time.txt")
        walls+=("$wall")
        cpus+=("$(echo "$user + $sys" | bc)")
        [ "$kb" -gt "$rss" ] && rss=$kb
        msg=$(grep -m1 -v '^Command' "$TMP/err.txt" | sed "s|$TMP/||g; s|chorus: ||" | cut -c1-110)
    done
    median() { printf '%s\n' "$@" | sort -n | awk '{v[NR]=$1} END {print v[int((NR+1)/2)]}'; }
    printf '| %s | %s | %.2f s | %.2f s | %d MB | %s | %s |\n' "$name" "$what" "$(median "${walls[@]}")" \
        "$(median "${cpus[@]}")" $((rss / 1024)) "$code" "${msg:--}"
}

echo "chorus: $BIN; $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg); $REPEAT runs per case"
echo
echo "| case | input | wall (median) | CPU user+sys (median) | peak RSS | exit | first message |"
echo "|---|---|---:|---:|---:|---:|---|"
run_case attributes "one tag, 500,000 distinct attributes (extract)" "$BIN" extract attributes.html "$GOOD"
run_case stray "\`<div></x>\` x 1,000,000 (extract)" "$BIN" extract stray.html "$GOOD"
run_case links "symbolic-link cycles in a directory (extract)" "$BIN" extract tree
run_case large_ulimit "31 MB page under \`ulimit -v 400000\` (extract)" "ulimit -v 400000; exec $BIN extract large.html $GOOD"
run_case large "31 MB page (extract)" "$BIN" extract large.html "$GOOD"
run_case bomb "WARC record, 900 KB gzip bomb to 900 MB (extract)" "$BIN" extract bomb.warc
run_case zero "\`chorus sentences /dev/zero\`" "$BIN" sentences /dev/zero
run_case tiny "10 million tiny lines, 50 MB (digest)" "$BIN" digest tiny.txt "$GOOD"
run_case line "one 10 MB line (digest)" "$BIN" digest line.txt "$GOOD"
run_case prose "16 MB of prose in one article (digest)" "$BIN" digest prose.txt "$GOOD"
