#!/usr/bin/env bash
# chorus clean --pages: pages of a crawl cleaned together; a paragraph that
# recurs on several pages is a template and goes, each page keeps its text.
set -u
chorus=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "clean_pages: FAIL: $*" >&2; exit 1; }

for i in 1 2 3; do
    {
        echo "Report number $i from the river valley"
        echo "Your email address will not be published and we never share it with anyone."
        echo "The river rose by $i metres overnight in the valley, and the town council met at dawn to decide what to do about the flooded roads."
        echo "Residents said the water had reached the doors of the old mill for the first time since the spring of $((1990 + i)), when the bridge was closed."
        echo "Officials expect the level to fall slowly over the coming week, although more rain is forecast for the hills above the town."
    } > "$tmp/page$i.txt"
done

"$chorus" clean --pages "$tmp"/page*.txt > "$tmp/out" 2> "$tmp/err" || fail "exit $?: $(cat "$tmp/err")"
[ "$(grep -c '^==> ' "$tmp/out")" = 3 ] || fail "expected three articles: $(cat "$tmp/out")"
grep -q "Your email address" "$tmp/out" && fail "the template line on every page was kept"
for i in 1 2 3; do
    grep -q "The river rose by $i metres" "$tmp/out" || fail "page $i lost its text"
done
"$chorus" clean --pages --explain "$tmp"/page*.txt > "$tmp/ex" || fail "--explain exit $?"
grep -q "^drop	repeated on other pages (site template)	Your email" "$tmp/ex" || fail "no template reason: $(cat "$tmp/ex")"
# --features: the line model's evidence, one comma-separated column, on every line
"$chorus" clean --pages --features "$tmp"/page*.txt > "$tmp/feat" || fail "--features exit $?"
awk -F'\t' '!/^==> / && NF && (NF != 4 || split($3, v, ",") < 20) {bad = 1} END {exit bad}' "$tmp/feat" ||
    fail "--features: a line without its evidence: $(cat "$tmp/feat")"
grep -q "^keep	-	[0-9.,e-]*	The river rose by 1 metres" "$tmp/feat" || fail "--features: $(cat "$tmp/feat")"
"$chorus" clean --features "$tmp/page1.txt" > /dev/null 2>&1 && fail "--features without --pages accepted"
# The line model keeps a dateline and a one-sentence quote between paragraphs, drops the menus.
for k in 1 2; do
    {
        echo "Report $k from the valley | Valley News"; echo Home; echo News; echo Sport
        echo "Report $k from the valley"
        echo "LONDON, March $k -"
        echo "The old bridge over the river was closed on Tuesday after the flood damaged two of its pillars, the council said."
        echo '"We had no choice."'
        echo "Engineers will inspect the bridge this week and expect to decide by Friday whether it can be repaired or rebuilt."
        echo "Residents who cross the river every day will have to use the ferry until a temporary crossing is built."
        echo "Related stories"; echo "Council meets on budget"; echo "Weather warning for the weekend"; echo "Contact us"
    } > "$tmp/q$k.txt"
done
"$chorus" clean --pages "$tmp"/q*.txt "$tmp"/page1.txt > "$tmp/q.out" || fail "quote pages: exit $?"
grep -q '^"We had no choice."$' "$tmp/q.out" || fail "one-sentence quote dropped: $(cat "$tmp/q.out")"
grep -q '^LONDON, March 1 -$' "$tmp/q.out" || fail "dateline dropped: $(cat "$tmp/q.out")"
grep -q '^Weather warning' "$tmp/q.out" && fail "teaser list kept: $(cat "$tmp/q.out")"
# One page alone has nothing to compare with: nothing is a template.
"$chorus" clean --pages --explain "$tmp/page1.txt" > "$tmp/one" || fail "one page exit $?"
grep -q "site template" "$tmp/one" && fail "a single page has no template evidence"
echo "clean_pages: ok"
