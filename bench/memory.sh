#!/usr/bin/env bash
# Peak memory of `chorus extract` over per-record .warc.gz archives of very
# different sizes: with articles streamed to the output one by one, it should
# not grow with the archive. Archives are generated here (synthetic news-like
# pages, 400 distinct records repeated), written to a temporary directory.
#
# usage: bench/memory.sh [CHORUS_BINARY]     (default: build/chorus)
#   SIZES="10 1000"   uncompressed archive sizes in MB
set -u
HERE=$(cd "$(dirname "$0")" && pwd)
BIN=${1:-$HERE/../build/chorus}
SIZES=${SIZES:-10 1000}
[ -x "$BIN" ] || { echo "no chorus binary at $BIN (build first or pass its path)" >&2; exit 2; }
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

echo "| archive (uncompressed) | on disk | records | peak RSS | time |"
echo "|---:|---:|---:|---:|---:|"
first=""
for mb in $SIZES; do
    python3 - "$TMP/a.warc.gz" "$mb" <<'PY'
import gzip, random, sys
path, mb = sys.argv[1], int(sys.argv[2])
rnd = random.Random(1)
words = ("government officials said river storm bridge council minister police report city residents "
         "week election court market company workers school hospital road water power talks").split()
members, sizes = [], []
for i in range(400):
    paras = "".join("<p>%s.</p>" % " ".join(rnd.choice(words) for _ in range(rnd.randint(20, 60)))
                    for _ in range(rnd.randint(8, 30)))
    html = ("<html><head><title>Report %d</title></head><body><nav><a href='/'>Home</a></nav>"
            "<article><h1>Report %d</h1>%s</article><footer>Contact us</footer></body></html>" % (i, i, paras))
    http = ("HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n" + html).encode()
    rec = ("WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: http://outlet%d.example/story/%d\r\n"
           "WARC-Date: 2024-01-01T00:00:00Z\r\nContent-Length: %d\r\n\r\n" % (i % 37, i, len(http))).encode()
    rec += http + b"\r\n\r\n"
    members.append(gzip.compress(rec, 1))
    sizes.append(len(rec))
total, n = 0, 0
with open(path, "wb") as f:
    while total < mb * 1024 * 1024:
        k = n % 400
        f.write(members[k])
        total += sizes[k]
        n += 1
with open(path + ".records", "w") as f:
    f.write(str(n))
PY
    records=$(cat "$TMP/a.warc.gz.records")
    disk=$(du -m "$TMP/a.warc.gz" | cut -f1)
    /usr/bin/time -f "%M %e" -o "$TMP/time" "$BIN" extract "$TMP/a.warc.gz" -o /dev/null 2> "$TMP/err" ||
        { cat "$TMP/err" >&2; echo "extract failed" >&2; exit 1; }
    read -r kb secs < "$TMP/time"
    echo "| $mb MB | $disk MB | $records | $((kb / 1024)) MB | ${secs} s |"
    [ -n "$first" ] || first=$kb
    last=$kb
done
awk -v a="$first" -v b="$last" 'BEGIN { printf "\npeak RSS, largest / smallest archive: %.2f (target: within 20%%)\n", b / a }'
