#!/usr/bin/env bash
# The answers kept from the locale data between runs (src/base/answer_cache.c)
# change nothing in the output: digests in several languages are the same
# with no cache, with a new cache (first run writes it), with a filled one
# (later runs read it), and with a damaged one (truncated, bytes flipped,
# another program's file), which is dropped and written again.
set -euo pipefail
chorus=$1
src=$2
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
fail() { echo "FAIL: $*"; exit 1; }

# English, French, Chinese, and a story mixing seven languages (dates,
# numbers and places in each)
cat > "$dir/mixed.jsonl" <<'EOF'
{"id": "de", "source": "a", "text": "Am Montag, dem 6. Januar 2020, starben in Berlin drei Menschen. Zwei Millionen Euro fehlen seit gestern, sagte die Polizei in Deutschland."}
{"id": "es", "source": "b", "text": "El lunes 6 de enero de 2020 murieron tres personas en Madrid. Faltan dos millones de euros desde ayer, dijo la policía de España."}
{"id": "ru", "source": "c", "text": "В понедельник, 6 января 2020 года, в Москве погибли три человека. Вчера пропали два миллиона рублей, сообщила полиция России."}
{"id": "it", "source": "d", "text": "Lunedì 6 gennaio 2020 tre persone sono morte a Roma. Mancano due milioni di euro da ieri, ha detto la polizia italiana in Italia."}
{"id": "pt", "source": "e", "text": "Na segunda-feira, 6 de janeiro de 2020, três pessoas morreram em Lisboa. Faltam dois milhões de euros desde ontem, disse a polícia de Portugal."}
{"id": "ja", "source": "f", "text": "2020年1月6日月曜日、東京で三人が死亡した。昨日から二百万円がなくなったと日本の警察は述べた。"}
{"id": "fr", "source": "g", "text": "Lundi 6 janvier 2020, trois personnes sont mortes à Paris. Deux millions d'euros manquent depuis hier, a déclaré la police en France."}
EOF
inputs=("$src/examples/story" "$src/examples/story-fr" "$src/examples/story-zh" "$dir/mixed.jsonl")

digests() { # OUT: every input's digest, JSON and Markdown
  : > "$1"
  for i in "${inputs[@]}"; do
    for f in json md; do "$chorus" digest --format "$f" "$i" >> "$1"; done
  done
}

CHORUS_CACHE_DIR= digests "$dir/none"
CHORUS_CACHE_DIR="$dir/cache/sub" digests "$dir/cold"
[ -s "$dir/cache/sub/answers.v1" ] || fail "no cache file written"
size=$(wc -c < "$dir/cache/sub/answers.v1")
CHORUS_CACHE_DIR="$dir/cache/sub" digests "$dir/warm"
[ "$(wc -c < "$dir/cache/sub/answers.v1")" -eq "$size" ] || fail "a filled cache grew: answers asked again"
cmp -s "$dir/none" "$dir/cold" || fail "a new cache changes the digests"
cmp -s "$dir/none" "$dir/warm" || fail "a filled cache changes the digests"

# damaged: cut in the middle of a record, a byte flipped, foreign content
head -c $((size / 2)) "$dir/cache/sub/answers.v1" > "$dir/half"
cp "$dir/half" "$dir/cache/sub/answers.v1"
CHORUS_CACHE_DIR="$dir/cache/sub" digests "$dir/cut"
cmp -s "$dir/none" "$dir/cut" || fail "a truncated cache changes the digests"
python3 - "$dir/cache/sub/answers.v1" <<'PY'
import sys
p = sys.argv[1]
b = bytearray(open(p, "rb").read())
b[len(b) // 3] ^= 0x20  # inside an answer: its checksum no longer holds
open(p, "wb").write(b)
PY
CHORUS_CACHE_DIR="$dir/cache/sub" digests "$dir/flipped"
cmp -s "$dir/none" "$dir/flipped" || fail "a damaged cache changes the digests"
head -c 5000 /dev/urandom > "$dir/cache/sub/answers.v1"
CHORUS_CACHE_DIR="$dir/cache/sub" digests "$dir/junk"
cmp -s "$dir/none" "$dir/junk" || fail "a foreign cache file changes the digests"
CHORUS_CACHE_DIR="$dir/cache/sub" digests "$dir/again"
cmp -s "$dir/none" "$dir/again" || fail "the cache written after a damaged one changes the digests"

# a cache directory that cannot be made: digests as before
CHORUS_CACHE_DIR="$dir/none/x" digests "$dir/nodir"
cmp -s "$dir/none" "$dir/nodir" || fail "an unusable cache directory changes the digests"
echo "answer cache: ok"
