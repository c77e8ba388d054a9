#!/usr/bin/env bash
# Fault injection (tests/fault/fault_inject.c, preloaded): the Nth allocation
# or the Nth write of a run fails, for N over the calls of the run. Each run
# must end with an exit code and, for a failed write, a message naming the
# output and no partial output file - never a crash or a hang.
set -uo pipefail
chorus=$1
src=$2
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
# The sanitizers bring their own allocator: the shim cannot sit in front of it.
if ldd "$chorus" 2>/dev/null | grep -q 'libasan\|libtsan'; then echo "skipped: sanitizer build"; exit 0; fi
cc -shared -fPIC -O1 -o "$dir/fault.so" "$src/tests/fault/fault_inject.c" -ldl 2> "$dir/cc.err" ||
    { cat "$dir/cc.err"; fail "cannot build the fault shim"; }
inputs=("$src"/examples/story/*)
# chorus's own functions in the program (names defined by the library and the
# CLI's objects), so that only their allocations fail (see the shim)
build=$(dirname "$chorus")
if [ -f "$build/libchorus.a" ] && command -v nm > /dev/null; then
    nm --defined-only "$build/libchorus.a" "$build"/CMakeFiles/chorus_cli.dir/cli/*.o 2> /dev/null |
        awk 'NF == 3 && $2 ~ /^[tT]$/ { print $3 }' | sort -u > "$dir/own.names"
    nm -S --defined-only "$chorus" | awk -v names="$dir/own.names" '
        BEGIN { while ((getline n < names) > 0) own[n] = 1 }
        NF == 4 && $3 ~ /^[tT]$/ && ($4 in own) { print $1, $2 }' > "$dir/own.ranges"
    [ -s "$dir/own.ranges" ] && export CHORUS_FAULT_OWN="$dir/own.ranges"
fi

# Writes: every write of an extract and of a digest fails in turn.
for cmd in extract digest; do
    for n in 1 2 3 4 5 8 13; do
        echo "earlier" > "$dir/out"
        LD_PRELOAD="$dir/fault.so" CHORUS_FAULT_WRITE=$n timeout 20 "$chorus" "$cmd" "${inputs[@]}" -o "$dir/out" \
            > /dev/null 2> "$dir/err"
        code=$?
        [ "$code" -lt 124 ] || fail "$cmd, write $n failing: exit $code (crash or hang)"
        if [ "$code" -eq 4 ]; then
            grep -q "out: cannot write: No space left on device" "$dir/err" || { cat "$dir/err"; fail "$cmd, write $n: no message"; }
            [ "$(cat "$dir/out")" = "earlier" ] || fail "$cmd, write $n: partial output under the final name"
        fi
        ls -a "$dir" | grep -q 'tmp-' && fail "$cmd, write $n: temporary file left behind"
    done
done

# Allocations: chorus's own allocations fail from the Nth on, for N across
# the whole run (a digest makes about 2,700; an extract of pages and an
# archive a few hundred, the HTML parser's included).
python3 - "$dir" <<'PY'
import gzip, sys
d = sys.argv[1]
body = "<p>" + "The river rose by two metres overnight and crews moved residents. " * 6 + "</p>"
page = "<html><head><title>Flood</title></head><body><article>%s%s</article></body></html>" % (body, body)
open(d + "/page.html", "w").write(page)
http = ("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n" + page).encode()
rec = ("WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: http://a.example/1\r\nContent-Length: %d\r\n\r\n"
       % len(http)).encode() + http + b"\r\n\r\n"
open(d + "/two.warc.gz", "wb").write(gzip.compress(rec) + gzip.compress(rec.replace(b"a.example", b"b.example")))
PY
total=0
check_allocs() { # CMD STEP MAX ARGS...
    local cmd=$1 step=$2 max=$3
    shift 3
    for n in $(seq 1 "$step" "$max"); do
        LD_PRELOAD="$dir/fault.so" CHORUS_FAULT_MALLOC=$n timeout 20 "$chorus" "$cmd" "$@" > /dev/null 2> "$dir/err"
        code=$?
        total=$((total + 1))
        [ "$code" -lt 124 ] || { tail -3 "$dir/err"; fail "$cmd, allocation $n failing: exit $code (crash or hang)"; }
    done
}
# Every Nth position in the suite; CHORUS_FAULT_STEP=1 tries them all (slow).
step=${CHORUS_FAULT_STEP:-0}
check_allocs digest "$((step ? step : 29))" 3000 "${inputs[@]}"
check_allocs extract "$((step ? step : 3))" 400 "${inputs[@]}" "$dir/page.html" "$dir/two.warc.gz"
echo "fault injection: ok ($total runs with failing allocations)"
