#!/usr/bin/env bash
# RSS 2.0 and Atom files are read by content, whatever their name: each item
# an article with its link, date, author and the feed's title as outlet;
# summary-only items and Atom entries without a date are noted; an XML bomb
# is refused at once (entities are never expanded); a broken feed is one
# clear message naming the file and line.
set -euo pipefail
chorus=$1
fail() { echo "FAIL: $*"; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cat > "$tmp/export.html" <<'XML'
<?xml version="1.0" encoding="UTF-8"?>
<!-- saved by a feed reader -->
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel><title>Harbour &amp; Valley Times</title><link>https://example.org/</link>
<item><title>Council closes old bridge after cracks found</title><link>https://example.org/bridge</link>
<pubDate>Tue, 07 Jan 2020 09:30:00 +0100</pubDate><dc:creator>Ana Ruiz</dc:creator><guid>hv-1</guid>
<description>Short teaser.</description>
<content:encoded><![CDATA[<p>The council voted on Tuesday to close the old bridge after engineers found cracks in two of its supports.</p><p>"It is not safe," said engineer Ana Ruiz. Traffic will be diverted through the town centre for six months.</p><script>alert(1)</script>]]></content:encoded></item>
<item><title>Repairs priced</title><link>https://example.org/s</link><pubDate>Wed, 08 Jan 2020 10:00:00 GMT</pubDate>
<description>&lt;p&gt;Repairs to the bridge are expected to cost 4 million euros, the council said on Wednesday.&lt;/p&gt;</description></item>
</channel></rss>
XML
cat > "$tmp/river.txt" <<'XML'
<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>River Post</title><id>urn:rp</id><updated>2020-01-07T10:00:00Z</updated>
<entry><title type="html">Bridge &lt;b&gt;closed&lt;/b&gt;</title><link rel="alternate" href="https://river.example/b"/><id>urn:rp:1</id>
<published>2020-01-07T10:00:00+01:00</published><author><name>J. Doe</name></author>
<content type="html">&lt;p&gt;The council voted on Tuesday to close the old bridge after engineers found cracks.&lt;/p&gt;&lt;p&gt;Traffic will be diverted for six months.&lt;/p&gt;</content></entry>
<entry><title>No date</title><link href="https://river.example/c"/><id>urn:rp:2</id>
<content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>Engineers found cracks in two supports of the old bridge.</p></div></content></entry>
</feed>
XML
"$chorus" extract "$tmp/export.html" "$tmp/river.txt" > "$tmp/out.jsonl" 2> "$tmp/err" || fail "extract exited $?"
python3 - "$tmp/out.jsonl" <<'PY' || fail "feed articles"
import json, sys
a = [json.loads(l) for l in open(sys.argv[1])]
assert len(a) == 4, len(a)
r = a[0]
assert r["source"] == "Harbour & Valley Times" and r["url"] == "https://example.org/bridge", r
assert r["title"] == "Council closes old bridge after cracks found" and r["author"] == "Ana Ruiz", r
assert r["published"].startswith("Tue, 07 Jan 2020"), r
assert r["text"].startswith("The council voted") and "\n\n\"It is not safe,\"" in r["text"] and "alert" not in r["text"], r["text"]
assert a[1]["text"].startswith("Repairs to the bridge"), a[1]
assert a[2]["source"] == "River Post" and a[2]["title"] == "Bridge closed" and a[2]["url"] == "https://river.example/b", a[2]
assert a[3]["text"] == "Engineers found cracks in two supports of the old bridge.", a[3]["text"]
assert not a[3].get("published"), a[3]
PY
grep -q "export.html#2: .*summary only" "$tmp/err" || fail "summary-only item not noted: $(cat "$tmp/err")"
grep -q "river.txt#2: .*without a date" "$tmp/err" || fail "undated Atom entry not noted: $(cat "$tmp/err")"
"$chorus" digest "$tmp/export.html" "$tmp/river.txt" > "$tmp/digest.md" 2>/dev/null || true
grep -q "Harbour & Valley Times, River Post" "$tmp/digest.md" || fail "digest of the two feeds"

# The billion laughs: refused at once, in bounded time and memory.
{ echo '<?xml version="1.0"?><!DOCTYPE rss ['
  echo '<!ENTITY a "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa">'
  prev=a; for e in b c d e f g h i j; do printf '<!ENTITY %s "%s">\n' $e "$(printf "&$prev;%.0s" $(seq 10))"; prev=$e; done
  echo ']><rss version="2.0"><channel><title>Bomb</title><item><title>x</title><description>&j;</description></item></channel></rss>'
} > "$tmp/bomb.xml"
set +e
timeout 10 "$chorus" extract "$tmp/bomb.xml" > "$tmp/bomb.out" 2> "$tmp/bomb.err"; rc=$?
set -e
[ $rc -eq 3 ] || fail "XML bomb: exit $rc"
[ ! -s "$tmp/bomb.out" ] || fail "XML bomb produced output"
grep -q "bomb.xml" "$tmp/bomb.err" || fail "XML bomb message does not name the file"
# Entities declared but harmless are refused the same way (never expanded).
printf '<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY x "hello">]><rss version="2.0"><channel><title>T</title><item><title>x</title><description>&x; there, a story about the bridge.</description></item></channel></rss>' > "$tmp/ent.xml"
set +e; "$chorus" extract "$tmp/ent.xml" >/dev/null 2> "$tmp/ent.err"; rc=$?; set -e
[ $rc -eq 3 ] && grep -q "entities" "$tmp/ent.err" || fail "declared entities: exit $rc, $(cat "$tmp/ent.err")"
# Broken XML: the file and line.
printf '<?xml version="1.0"?>\n<rss version="2.0"><channel><title>T</title>\n<item><title>x</item></channel></rss>\n' > "$tmp/broken.rss"
set +e; "$chorus" extract "$tmp/broken.rss" >/dev/null 2> "$tmp/broken.err"; rc=$?; set -e
[ $rc -eq 3 ] && grep -qE "broken.rss:[0-9]+: not a well-formed feed" "$tmp/broken.err" || fail "broken feed: exit $rc, $(cat "$tmp/broken.err")"
echo "feeds: ok"
