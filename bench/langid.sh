#!/usr/bin/env bash
# chorus's own language detection (what `chorus digest` and `chorus
# sentences` use when no language is given) on the sentences-dev texts:
# accuracy per language on whole documents and on their first sentence,
# and how many texts were told without loading CLD2 (by their script or
# by a decisive stopword profile: one process per text, LD_DEBUG=files
# shows whether libcld2 was loaded). Runs `chorus sentences --jsonl`, whose
# "language" field is the detected code.
#   usage: bench/langid.sh [CHORUS]        (default build/chorus)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
chorus=${1:-$here/../build/chorus}
shared=${SHARED:-$here/../../shared}
data=$shared/data/sentences-dev
[ -x "$chorus" ] || { echo "langid: no chorus binary at $chorus" >&2; exit 2; }
[ -d "$data" ] || { echo "langid: $data not found" >&2; exit 2; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
python3 - "$data" "$tmp" <<'PY'
import glob, json, os, sys
data, tmp = sys.argv[1], sys.argv[2]
for kind in ("doc", "first"):
    with open(f"{tmp}/{kind}.jsonl", "w", encoding="utf-8") as out:
        for f in sorted(glob.glob(os.path.join(data, "*.jsonl"))):
            lang = os.path.basename(f).split("-")[0]
            for n, line in enumerate(open(f, encoding="utf-8")):
                d = json.loads(line)
                text = d["text"] if kind == "doc" else d["sentences"][0]
                out.write(json.dumps({"id": f"{lang}/{n}", "text": text}, ensure_ascii=False) + "\n")
PY
for kind in doc first; do
    "$chorus" sentences --jsonl "$tmp/$kind.jsonl" >"$tmp/$kind.out" 2>/dev/null
done
python3 - "$tmp" "$chorus" <<'PY'
import collections, json, os, subprocess, sys
tmp, chorus = sys.argv[1], sys.argv[2]
# which texts loaded CLD2: one process per text, the dynamic loader tells
no_cld2 = {}
for kind in ("doc", "first"):
    c = collections.defaultdict(lambda: [0, 0])
    for n, line in enumerate(open(f"{tmp}/{kind}.jsonl", encoding="utf-8")):
        one = f"{tmp}/one.jsonl"
        with open(one, "w", encoding="utf-8") as f:
            f.write(line)
        r = subprocess.run([chorus, "sentences", "--jsonl", one], env=dict(os.environ, LD_DEBUG="files"),
                           stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        gold = json.loads(line)["id"].split("/")[0]
        c[gold][0] += b"libcld2" not in r.stderr
        c[gold][1] += 1
    no_cld2[kind] = c
acc = {}
for kind in ("doc", "first"):
    a = collections.defaultdict(lambda: [0, 0])
    for line in open(f"{tmp}/{kind}.out", encoding="utf-8"):
        d = json.loads(line)
        gold = d["id"].split("/")[0]
        a[gold][0] += d["language"] == gold
        a[gold][1] += 1
    acc[kind] = a
print("## Language detection in chorus (sentences-dev)")
print()
print("| language | texts | documents | first sentence | documents told without CLD2 | first sentences told without CLD2 |")
print("|---|---:|---:|---:|---:|---:|")
for lang in sorted(acc["doc"]):
    d, f = acc["doc"][lang], acc["first"][lang]
    nd, nf = no_cld2["doc"][lang], no_cld2["first"][lang]
    print(f"| {lang} | {d[1]} | {d[0] / d[1]:.3f} | {f[0] / f[1]:.3f} | {nd[0]} | {nf[0]} |")
tot = lambda a: sum(v[0] for v in a.values()) / sum(v[1] for v in a.values())
cnt = lambda a: sum(v[0] for v in a.values())
print(f"| all | {sum(v[1] for v in acc['doc'].values())} | {tot(acc['doc']):.3f} | {tot(acc['first']):.3f} "
      f"| {cnt(no_cld2['doc'])} | {cnt(no_cld2['first'])} |")
PY
