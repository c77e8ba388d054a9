#!/usr/bin/env bash
# Sentence boundaries and language detection on sentences-dev (9 languages,
# Universal Dependencies dev splits), beside the baselines of its README.
#
# For each file: `chorus sentences --jsonl` on the documents, the language
# detected from each text (as a digest does: no --lang); boundary P/R/F1
# (micro) and exact-document rate as the README defines them; language
# detection accuracy on whole documents and on their first sentence alone.
# Then segmentation speed on English news (DUC 2004 dev texts), median of
# RUNS runs, as MB/s of one core.
#
# usage: bench/sentences.sh [CHORUS_BINARY]   (default: build/chorus)
#   RUNS=5   runs of the speed measurement (median taken)
set -u
HERE=$(cd "$(dirname "$0")" && pwd)
BIN=${1:-$HERE/../build/chorus}
SHARED=${SHARED:-$HERE/../../shared}
DATA=$SHARED/data/sentences-dev
RUNS=${RUNS:-5}
[ -x "$BIN" ] || { echo "no chorus binary at $BIN (build first or pass its path)" >&2; exit 2; }
[ -d "$DATA" ] || { echo "missing $DATA (the shared data)" >&2; exit 2; }
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

for f in "$DATA"/*.jsonl; do
    name=$(basename "$f" .jsonl)
    "$BIN" sentences --jsonl "$f" >"$TMP/$name.out" || exit 1
    python3 -c '
import json, sys
for l in open(sys.argv[1], encoding="utf-8"):
    d = json.loads(l)
    print(json.dumps({"id": d["id"], "text": d["sentences"][0]}, ensure_ascii=False))
' "$f" >"$TMP/$name.first.in"
    "$BIN" sentences --jsonl "$TMP/$name.first.in" >"$TMP/$name.first.out" || exit 1
    python3 "$HERE/sentences_score.py" "$f" "$TMP/$name.out" "$TMP/$name.first.out" >>"$TMP/scores.jsonl" || exit 1
done

python3 - "$DATA/README.md" "$TMP/scores.jsonl" <<'EOF'
import json, re, sys
base = {}
for line in open(sys.argv[1], encoding="utf-8"):
    m = re.match(r"\| `([^`]+)\.jsonl` \|(.*)\|\s*$", line)
    if m:
        c = [x.strip() for x in m.group(2).split("|")]
        if len(c) < 9 or not c[0].isdigit():
            continue
        # docs, sentences, gold, regex F1, regex exact, regex+par F1, ICU F1, ICU exact, ICU ss F1
        base[m.group(1)] = dict(regex=float(c[3]), regexpar=float(c[5]), icu=float(c[6]), icuss=float(c[8]))
rows = [json.loads(l) for l in open(sys.argv[2])]
print("## Sentence boundaries (sentences-dev)")
print()
print("| file | docs | gold | P | R | F1 | exact | best baseline F1 | ICU F1 | beats best |")
print("|---|---:|---:|---:|---:|---:|---:|---:|---:|:--:|")
fs, icus, wins = [], [], 0
for r in rows:
    b = base.get(r["file"].replace(".jsonl", ""), {})
    best = max(b.values()) if b else 0
    win = r["f1"] > best
    wins += win
    fs.append(r["f1"]); icus.append(b.get("icu", 0))
    print(f"| `{r['file']}` | {r['docs']} | {r['gold']} | {r['p']:.3f} | {r['r']:.3f} | **{r['f1']:.3f}** | "
          f"{r['exact']:.2f} | {best:.3f} | {b.get('icu', 0):.3f} | {'yes' if win else 'no'} |")
print(f"| mean | | | | | **{sum(fs)/len(fs):.3f}** | | | {sum(icus)/len(icus):.3f} | {wins}/{len(rows)} |")
print()
print("## Language detection (CLD2), accuracy per file")
print()
print("| file | language | whole documents | first sentence |")
print("|---|---|---:|---:|")
for r in rows:
    print(f"| `{r['file']}` | {r['lang']} | {r['lang_doc']:.3f} | {r['lang_first']:.3f} |")
mis = sum(r["misaligned_chars"] for r in rows)
print()
print(f"({mis} characters changed by normalization were aligned by position.)")
EOF

# Segmentation speed: English news text (DUC 2004 dev documents, SGML tags
# stripped, eight copies), sentences of the whole text. The machine is
# shared: CPU time of the process (perf task-clock, else user+sys from
# /usr/bin/time) is the per-core figure, far steadier than wall time.
DOCS=$SHARED/data/duc2004-dev/docs
if [ -d "$DOCS" ]; then
    find "$DOCS" -type f | sort | xargs cat | sed -e 's/<[^>]*>//g' >"$TMP/news.txt"
    for k in 1 2 3 4 5 6 7 8; do cat "$TMP/news.txt"; done >"$TMP/news8.txt"
    bytes=$(stat -c %s "$TMP/news8.txt")
    if perf stat -x, -e task-clock true >/dev/null 2>&1; then
        cpu_us() { perf stat -x, -e task-clock "$@" 2>&1 >/dev/null | awk -F, '/task-clock/ { printf "%d\n", $1 * 1000 }'; }
        CLOCK="CPU time (perf task-clock)"
    else
        cpu_us() { /usr/bin/time -f '%U %S' "$@" 2>&1 >/dev/null | tail -1 | awk '{ printf "%d\n", ($1 + $2) * 1e6 }'; }
        CLOCK="CPU time (user+sys)"
    fi
    : >"$TMP/times"
    for ((r = 0; r < RUNS; r++)); do
        a=$(cpu_us "$BIN" sentences --lang en "$TMP/news8.txt")
        b=$(cpu_us "$BIN" sentences "$TMP/news8.txt")
        echo "$a $b" >>"$TMP/times"
    done
    python3 - "$bytes" "$CLOCK" "$TMP/times" <<'PY'
import sys, statistics
b, clock = int(sys.argv[1]), sys.argv[2]
rows = [tuple(map(int, l.split())) for l in open(sys.argv[3]) if l.strip()]
given = statistics.median(r[0] for r in rows); det = statistics.median(r[1] for r in rows)
print()
print("## Segmentation speed (English news: DUC 2004 dev texts x8, %.1f MB)" % (b / 1e6))
print()
print("| run | median %s | MB/s per core |" % clock)
print("|---|---:|---:|")
print("| `chorus sentences --lang en` | %.0f ms | %.1f |" % (given / 1e3, b / given))
print("| `chorus sentences` (language detected) | %.0f ms | %.1f |" % (det / 1e3, b / det))
print()
print("Median of %d runs each, whole process (reading, normalization, paragraphs, sentences, printing)." % len(rows))
PY
fi

# What language detection adds to a digest: whole-process chorus digest with
# each report's language detected (the default) and with --lang en given,
# runs alternating, median CPU time over DUC 2004 dev clusters (10 reports
# each) and the seed story.
if [ -d "$DOCS" ]; then
    : >"$TMP/dtimes"
    inputs=()
    for c in $(ls "$DOCS" | head -5); do inputs+=("$DOCS/$c"); done
    [ -d "$SHARED/seeds" ] && inputs+=("$SHARED/seeds")
    for ((r = 0; r < RUNS; r++)); do
        for d in "${inputs[@]}"; do
            a=$(cpu_us "$BIN" digest --format json "$d")
            b=$(cpu_us "$BIN" digest --format json --lang en "$d")
            echo "$a $b" >>"$TMP/dtimes"
        done
    done
    python3 - "$CLOCK" "$TMP/dtimes" "${#inputs[@]}" <<'PY'
import sys, statistics
clock = sys.argv[1]
rows = [tuple(map(int, l.split())) for l in open(sys.argv[2]) if l.strip()]
det = statistics.median(r[0] for r in rows); given = statistics.median(r[1] for r in rows)
ratio = statistics.median(r[0] / r[1] for r in rows)
print()
print("## Language detection in a digest (%s stories: DUC 2004 dev clusters and the seeds)" % sys.argv[3])
print()
print("| run | median %s |" % clock)
print("|---|---:|")
print("| `chorus digest --format json` (languages detected) | %.1f ms |" % (det / 1e3))
print("| `chorus digest --format json --lang en` | %.1f ms |" % (given / 1e3))
print("| detected / given, median of paired runs | %.3f (%+.1f%%) |" % (ratio, (ratio - 1) * 100))
PY
fi
