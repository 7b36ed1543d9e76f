#!/usr/bin/env bash
# Installs what Dunderscope needs on Debian 12 (only what is missing), then configures and
# builds it in build/. Idempotent and quick when everything is already there.
set -euo pipefail
cd "$(dirname "$0")/.."

# clang and libclang-rt-14-dev (libFuzzer, the sanitizer runtimes): scripts/test.sh's
# sanitizer and fuzz stage. poppler-utils (pdftotext): tests/export reads the handout's text.
packages=(build-essential cmake ninja-build pkg-config qt6-base-dev qt6-svg-dev
          nlohmann-json3-dev libgraphviz-dev python3 xvfb clang libclang-rt-14-dev poppler-utils)
missing=()
for p in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
    echo "Installing: ${missing[*]}"
    sudo=""; [ "$(id -u)" -ne 0 ] && sudo=sudo
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
fi

[ -f build/build.ninja ] || cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build
