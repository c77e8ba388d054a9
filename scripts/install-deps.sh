#!/usr/bin/env bash
# Install the Debian 12 packages chorus needs to build, test and benchmark.
# Idempotent: installs only what is missing. Run as root (or with sudo).
set -euo pipefail

packages=(
  build-essential cmake pkg-config
  libicu-dev libstemmer-dev libgumbo-dev libjansson-dev libsqlite3-dev libglpk-dev
  libxxhash-dev zlib1g-dev libzstd-dev libcmocka-dev
  libmicrohttpd-dev  # chorus serve
  libxml2-dev  # RSS and Atom input
  liblzma-dev  # xz, which libxml2 needs when the program links it statically
  libcld2-dev              # language detection (CLD2)
  liblingua-stopwords-perl # Snowball stopword lists, read at run time (src/text/language.c)
  sqlite3 python3 time
  wordnet-base  # WordNet's exception lists: chorus eval rouge stems as ROUGE-1.5.5 with them
)
# Fuzzing (libFuzzer) and the clustering baseline, wanted by CI and the benchmarks.
if [ "${1:-}" = "--all" ]; then
  packages+=(clang libclang-rt-14-dev python3-sklearn
             chromium fonts-dejavu-core)  # the HTML pages rendered as a reader sees them
fi

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all ${#packages[@]} packages present"
  exit 0
fi
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
echo "install-deps: installing ${missing[*]}"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
