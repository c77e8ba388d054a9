#!/usr/bin/env bash
# A per-record .warc.gz built at test time from pages of the extraction dev
# set (with their real URLs), plus an image and a 404: `chorus extract` and
# `chorus digest` read it, take the outlets from the URLs, and count what was
# not an article.
set -euo pipefail
chorus=$1
src=$2
data="$src/../shared/data/extraction-dev"
. "$src/tests/lib/require_shared.sh"
require_shared "$data"
if [ ! -f "$data/evaldata.json" ] || [ ! -d "$data/html" ]; then
    echo "FAIL: $data is missing (evaluation data is required)" >&2
    exit 1
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# Five pages with distinct hosts, chosen by URL order (no hand-picked items).
python3 - "$data" "$tmp" <<'PY'
import gzip, json, os, sys, urllib.parse
data, out = sys.argv[1], sys.argv[2]
gold = json.load(open(os.path.join(data, "evaldata.json")))
pages, hosts = [], set()
for url in sorted(gold):
    host = urllib.parse.urlsplit(url).hostname or ""
    host = host[4:] if host.startswith("www.") else host
    path = os.path.join(data, "html", gold[url]["file"])
    if not host or host in hosts or not os.path.exists(path):
        continue
    hosts.add(host)
    pages.append((url, host, open(path, "rb").read()))
    if len(pages) == 5:
        break

n = 0
def record(kind, uri, block):
    global n
    n += 1
    head = ("WARC/1.0\r\nWARC-Type: %s\r\nWARC-Record-ID: <urn:uuid:test-%d>\r\n"
            "WARC-Date: 2024-03-05T10:20:30Z\r\nWARC-Target-URI: %s\r\n"
            "Content-Type: application/http; msgtype=%s\r\nContent-Length: %d\r\n\r\n"
            % (kind, n, uri, kind, len(block)))
    return gzip.compress(head.encode() + block + b"\r\n\r\n", mtime=0)

with open(os.path.join(out, "crawl.warc.gz"), "wb") as f:
    for url, host, html in pages:
        f.write(record("request", url, b"GET / HTTP/1.1\r\nHost: x\r\n\r\n"))
        f.write(record("response", url, b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n" + html))
    f.write(record("response", "https://img.example.com/a.png",
                   b"HTTP/1.1 200 OK\r\nContent-Type: image/png\r\n\r\n\x89PNG\r\n\x1a\n"))
    f.write(record("response", "https://gone.example.com/x",
                   b"HTTP/1.1 404 Not Found\r\nContent-Type: text/html\r\n\r\n<html>gone</html>"))
with open(os.path.join(out, "hosts.txt"), "w") as f:
    f.write("\n".join(h for _, h, _ in pages) + "\n")
with open(os.path.join(out, "urls.txt"), "w") as f:
    f.write("\n".join(u for u, _, _ in pages) + "\n")
PY

fail() { echo "FAIL: $*" >&2; exit 1; }

# extract: one article per page, outlet = host of the URL, URL kept.
rc=0
"$chorus" extract "$tmp/crawl.warc.gz" >"$tmp/extract.jsonl" 2>"$tmp/extract.err" || rc=$?
[ $rc -le 1 ] || fail "extract exited $rc: $(cat "$tmp/extract.err")"
python3 - "$tmp" <<'PY' || exit 1
import json, sys
tmp = sys.argv[1]
arts = [json.loads(l) for l in open(tmp + "/extract.jsonl") if l.strip()]
hosts = open(tmp + "/hosts.txt").read().split()
urls = open(tmp + "/urls.txt").read().split()
err = open(tmp + "/extract.err").read()
got = {a.get("source") for a in arts}
if len(arts) != len(hosts):
    # A page without article text is allowed only if stderr says why.
    missing = [u for u in urls if u not in {a.get("url") for a in arts}]
    print("extract: %d articles for %d pages; missing %s" % (len(arts), len(hosts), missing), file=sys.stderr)
    if len(arts) < len(hosts) - 1 or not err.strip():
        sys.exit("FAIL: pages lost without a message")
for a in arts:
    if a.get("source") not in hosts:
        sys.exit("FAIL: outlet %r is not a host of the archive's URLs" % a.get("source"))
    if a.get("url") not in urls:
        sys.exit("FAIL: url %r not taken from the archive" % a.get("url"))
for want in ("1 non-HTML record", "1 non-200 response"):
    if want not in err:
        sys.exit("FAIL: stderr lacks %r:\n%s" % (want, err))
if "crawl.warc" in " ".join(str(a.get("source")) for a in arts):
    sys.exit("FAIL: outlet taken from the file name")
PY

# digest: runs on the archive and names the outlets from the URLs.
rc=0
"$chorus" digest "$tmp/crawl.warc.gz" >"$tmp/digest.md" 2>"$tmp/digest.err" || rc=$?
[ $rc -le 1 ] || fail "digest exited $rc: $(cat "$tmp/digest.err")"
[ -s "$tmp/digest.md" ] || fail "digest printed nothing"
tr -d '\\' <"$tmp/digest.md" >"$tmp/digest.plain"
found=0
while read -r host; do
    if grep -qF "$host" "$tmp/digest.plain"; then found=$((found + 1)); fi
done <"$tmp/hosts.txt"
[ $found -ge 3 ] || fail "digest names only $found of the archive's outlets:
$(head -20 "$tmp/digest.md")"
grep -q "non-200" "$tmp/digest.err" || fail "digest did not report the non-200 response on stderr"
# The same archive piped in, gzip-compressed and plain: the same articles.
"$chorus" extract - <"$tmp/crawl.warc.gz" >"$tmp/stdin.jsonl" 2>/dev/null || [ $? -le 1 ] ||
    fail "extract from stdin failed"
cmp -s <(grep -o '"url":"[^"]*"' "$tmp/extract.jsonl") <(grep -o '"url":"[^"]*"' "$tmp/stdin.jsonl") ||
    fail "extract from a piped .warc.gz differs from the file"
gzip -dc "$tmp/crawl.warc.gz" | "$chorus" extract - >"$tmp/stdin-plain.jsonl" 2>/dev/null || [ $? -le 1 ] ||
    fail "extract from a piped plain WARC failed"
cmp -s <(grep -o '"url":"[^"]*"' "$tmp/extract.jsonl") <(grep -o '"url":"[^"]*"' "$tmp/stdin-plain.jsonl") ||
    fail "extract from a piped plain WARC differs from the file"
echo "ok: warc digest ($found outlets named), also from standard input"
